//! Why a task never started its containers, read from `stoppedReason` the way AWS's pages explain
//! it: the image pull (`CannotPullContainerError`: network path, permission, image reference,
//! rate limit) and the resources fetched before the containers start
//! (`ResourceInitializationError`: registry auth, secrets from Secrets Manager or SSM Parameter
//! Store, the awslogs log group), each split into network, permission and missing resource.
//!
//! Sources: ECS Developer Guide, "CannotPullContainer task errors in Amazon ECS"
//! (task_cannot_pull_image.html), "Verifying Amazon ECS stopped task connectivity"
//! (verify-connectivity.html), "Amazon ECS task execution IAM role"; AWS Knowledge Center
//! "ecs-unable-to-pull-secrets"; the ECS agent's pull-error messages
//! (aws/amazon-ecs-agent, agent/api/errormessages/error_messages.go). The phrases matched are
//! those pages' (and, for Fargate's newer wording, "The task cannot pull ... There is a connection
//! issue between the task and ..."). Anything else stays verbatim.

use super::reasons::Explained;

/// Phrases of a network failure: a timeout, a cancelled request, the documented connection text.
const NETWORK: &[&str] = &[
    "i/o timeout",
    "context deadline exceeded",
    "request canceled while waiting for connection",
    "context canceled",
    "connection issue",
    "send request failed",
    "check your network configuration",
    "check your task network configuration",
];

/// Phrases of a refusal by IAM.
const DENIED: &[&str] =
    &["not authorized to perform", "accessdenied", "403 forbidden", "check that the role has the permissions"];

fn has(text: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| text.contains(p))
}

/// The IAM action a refusal names ("is not authorized to perform: ssm:GetParameters on ...").
fn action_in(reason: &str) -> Option<String> {
    let at = reason.find("not authorized to perform: ")? + "not authorized to perform: ".len();
    let action: String = reason[at..].chars().take_while(|c| !c.is_whitespace() && *c != ',').collect();
    (!action.is_empty()).then_some(action)
}

/// The resource a refusal names ("... on resource: arn:aws:ssm:...:parameter/db").
fn resource_in(reason: &str) -> Option<String> {
    let at = reason.find("on resource: ")? + "on resource: ".len();
    let arn: String = reason[at..].chars().take_while(|c| !c.is_whitespace() && *c != ',' && *c != '"').collect();
    let arn = arn.trim_end_matches(['.', ')']).to_string();
    arn.starts_with("arn:").then_some(arn)
}

/// The role a refusal names ("assumed-role/ecsTaskExecutionRole/...").
fn role_in(reason: &str) -> Option<String> {
    let at = reason.find("assumed-role/")? + "assumed-role/".len();
    let role: String = reason[at..].chars().take_while(|c| *c != '/' && !c.is_whitespace()).collect();
    (!role.is_empty()).then_some(role)
}

fn explained(cause: &str, explanation: String, fix: &str) -> Explained {
    Explained { cause: cause.into(), explanation, fix: Some(fix.into()) }
}

/// The network path a pull or a fetch needs, as AWS's connectivity page lists it.
const PATH_FIX: &str = "run `awsvpc check --subnets SUBNETS --security-groups GROUPS` (network.internet-egress): a \
                        private subnet needs a NAT gateway route or interface endpoints with private DNS (ecr.api, \
                        ecr.dkr, logs, secretsmanager, ssm as used) and the S3 gateway endpoint on its route table; a \
                        Fargate task in a public subnet needs --assign-public-ip ENABLED; security groups and network \
                        ACLs must allow TCP 443 out and the replies in";

/// A refusal: the role and the action it lacks, and the grant that fixes it.
fn denied(cause: &str, what: &str, reason: &str) -> Explained {
    let role = role_in(reason).unwrap_or_else(|| "the task execution role".into());
    let action = action_in(reason);
    let explanation = match &action {
        Some(a) => format!("{what}: {role} is not allowed {a}"),
        None => format!("{what}: the task execution role (on EC2 without one, the instance role) was refused"),
    };
    let fix = match action.as_deref() {
        Some(a) if a.starts_with("ecr:") => format!(
            "aws iam attach-role-policy --role-name {role} --policy-arn \
             arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
        ),
        Some(a) => match resource_in(reason) {
            Some(arn) => format!(
                r#"aws iam put-role-policy --role-name {role} --policy-name awsvpc-task-needs --policy-document '{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"{a}","Resource":"{arn}"}}]}}'"#
            ),
            None => {
                format!("allow {a} on the resource named in the message to {role} (an inline policy or a managed one)")
            }
        },
        None => "grant the task execution role what the task definition needs (ECR pull, logs, secrets)".into(),
    };
    Explained { cause: cause.into(), explanation, fix: Some(fix) }
}

/// The pull or pre-start failure a stop reason names, or None when it is neither or a variant no
/// page explains (shown verbatim by `reasons::stop_reason`, never guessed at).
pub fn decode(reason: &str) -> Option<Explained> {
    let lower = reason.to_lowercase();
    decode_any(reason)
        .filter(|e| !e.cause.ends_with("-failed") && (e.cause != "logs-config" || lower.contains("awslogs-")))
}

fn decode_any(reason: &str) -> Option<Explained> {
    let lower = reason.to_lowercase().replace('’', "'");
    if lower.contains("failed to validate logger args") {
        return Some(logs(&lower, reason));
    }
    if lower.contains("unable to retrieve secret from asm")
        || lower.contains("secrets manager")
        || lower.contains("registry auth from asm")
    {
        return Some(fetched(
            &lower,
            reason,
            "secrets-manager",
            "the task could not read its secret from Secrets Manager",
        ));
    }
    if lower.contains("from ssm") || lower.contains("systems manager") || lower.contains("invalid ssm parameters") {
        return Some(fetched(&lower, reason, "ssm", "the task could not read its parameters from SSM Parameter Store"));
    }
    if lower.contains("ecr registry auth") || lower.contains("registry auth from amazon ecr") {
        return Some(if has(&lower, DENIED) {
            denied("pull-permission", "the task could not get an ECR authorization token", reason)
        } else {
            explained("pull-network", format!("{reason}: no network path from the task to ECR (api.ecr)"), PATH_FIX)
        });
    }
    if lower.contains("cannotpullcontainererror")
        || lower.contains("cannotpullecrcontainererror")
        || lower.contains("can't pull the image")
        || lower.contains("cannot pull")
    {
        return Some(pull(&lower, reason));
    }
    None
}

fn pull(lower: &str, reason: &str) -> Explained {
    if lower.contains("toomanyrequests") || lower.contains("pull rate limit") {
        return explained(
            "pull-rate-limit",
            format!("{reason}: Docker Hub's pull rate limit"),
            "pull from Amazon ECR (a pull-through cache rule for Docker Hub) or authenticate the pulls with repositoryCredentials",
        );
    }
    if lower.contains("no space left on device") {
        return explained(
            "pull-disk",
            format!("{reason}: the instance's disk is full"),
            "free space on the container instance (docker system prune) or give it a larger volume",
        );
    }
    if lower.contains("nil pointer dereference") {
        return explained(
            "pull-s3-path",
            format!("{reason}: the layers could not be fetched from Amazon S3"),
            "add the S3 gateway endpoint to the subnet's route table and allow the security groups 443 out to S3's prefix list",
        );
    }
    if lower.contains("not authorized to perform: ecr:")
        || (has(lower, DENIED) && !lower.contains("pull access denied for"))
    {
        return denied("pull-permission", "the image could not be pulled", reason);
    }
    if has(lower, NETWORK) {
        return explained(
            "pull-network",
            format!("{reason}: no network path from the task (on EC2: its instance) to the registry"),
            PATH_FIX,
        );
    }
    if has(
        lower,
        &[
            "not found",
            "manifest unknown",
            "failed to resolve ref",
            "check whether the image exists",
            "requested access to the resource is denied",
        ],
    ) {
        return explained(
            "image-not-found",
            format!("{reason}: the image reference does not name an image the registry has"),
            "check the image name and tag in the task definition (aws ecr describe-images --repository-name REPO --image-ids imageTag=TAG)",
        );
    }
    if lower.contains("pull access denied") {
        return explained(
            "registry-auth",
            format!("{reason}: the registry refused the pull"),
            "give the container repositoryCredentials (a Secrets Manager secret) the task execution role may read",
        );
    }
    explained("pull-failed", reason.to_string(), PATH_FIX)
}

/// A secret or parameter fetched before the containers start: refused, missing, or unreachable.
fn fetched(lower: &str, reason: &str, cause: &str, what: &str) -> Explained {
    if has(lower, DENIED) {
        return denied(&format!("{cause}-permission"), what, reason);
    }
    if has(
        lower,
        &[
            "resourcenotfoundexception",
            "can't find",
            "invalid ssm parameters",
            "invalid parameters",
            "parameternotfound",
        ],
    ) {
        return explained(
            &format!("{cause}-missing"),
            format!(
                "{reason}: the task definition names a secret or parameter that does not exist (or is in another Region)"
            ),
            "check the secret's ARN or the parameter's name (and Region) in the task definition",
        );
    }
    if has(lower, NETWORK) {
        return explained(&format!("{cause}-network"), format!("{reason}: {what}: no network path"), PATH_FIX);
    }
    explained(&format!("{cause}-failed"), reason.to_string(), PATH_FIX)
}

/// The awslogs log driver: its log group missing, refused, or unreachable.
fn logs(lower: &str, reason: &str) -> Explained {
    if lower.contains("log group does not exist") || lower.contains("cannot find the amazon cloudwatch log group") {
        return explained(
            "log-group-missing",
            format!("{reason}: the awslogs log group does not exist"),
            "aws logs create-log-group --log-group-name GROUP (or set awslogs-create-group to true and allow logs:CreateLogGroup to the task execution role)",
        );
    }
    if has(lower, DENIED) {
        return denied("logs-permission", "the awslogs driver was refused", reason);
    }
    if has(lower, NETWORK) {
        return explained(
            "logs-network",
            format!("{reason}: no network path from the task to CloudWatch Logs"),
            PATH_FIX,
        );
    }
    explained(
        "logs-config",
        reason.to_string(),
        "check the awslogs options of the task definition (awslogs-group, awslogs-region)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Messages as AWS's pages and the ECS agent write them (sources in the module comment).
    #[test]
    fn pull_and_pre_start_failures_are_decoded() {
        let cases: &[(&str, &str)] = &[
            (
                "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/x: failed to do request: Head \"https://registry-1.docker.io/v2/x/manifests/1\": dial tcp 1.2.3.4:443: i/o timeout",
                "pull-network",
            ),
            (
                "CannotPullContainerError: API error (500): Get https://111122223333.dkr.ecr.us-east-1.amazonaws.com/v2/: net/http: request canceled while waiting for connection",
                "pull-network",
            ),
            (
                "The task can’t pull the image. Check that the role has the permissions to pull images from the registry. Error response from daemon: pull access denied for 123123123123.dkr.ecr.us-east-1.amazonaws.com/my_image, repository does not exist or may require 'docker login': denied: User: arn:aws:sts::123123123123:assumed-role/MyBrokenRole/xyz is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-1:123123123123:repository/test_image",
                "pull-permission",
            ),
            (
                "CannotPullContainerError: ref pull has been retried 1 time(s): failed to pull and unpack image \"1.dkr.ecr.us-east-1.amazonaws.com/myapp:latest\": failed to resolve reference: unexpected status code 403 Forbidden",
                "pull-permission",
            ),
            (
                "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 1.dkr.ecr.us-east-1.amazonaws.com/app:nope: not found",
                "image-not-found",
            ),
            (
                "CannotPullContainerError: ERROR: toomanyrequests: You have reached your pull rate limit.",
                "pull-rate-limit",
            ),
            (
                "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post \"https://api.ecr.us-east-1.amazonaws.com/\": dial tcp 1.2.3.4:443: i/o timeout",
                "pull-network",
            ),
            (
                "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): AccessDeniedException: User: arn:aws:sts::1:assumed-role/ecsTaskExecutionRole/abc is not authorized to perform: ssm:GetParameters on resource: arn:aws:ssm:us-east-1:1:parameter/db",
                "ssm-permission",
            ),
            (
                "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 5 time(s): ResourceNotFoundException: Secrets Manager can't find the specified secret.",
                "secrets-manager-missing",
            ),
            (
                "ResourceInitializationError: unable to pull secrets or registry auth: unable to retrieve secrets from ssm: The task cannot pull secrets from AWS Systems Manager. There is a connection issue between the task and AWS Systems Manager Parameter Store. Check your task network configuration.",
                "ssm-network",
            ),
            (
                "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1",
                "log-group-missing",
            ),
        ];
        for (reason, cause) in cases {
            let e = decode(reason).unwrap_or_else(|| panic!("not decoded: {reason}"));
            assert_eq!(e.cause, *cause, "{reason}");
            assert!(e.fix.is_some(), "{reason}");
        }
        let e = decode(cases[7].0).unwrap();
        assert!(e.explanation.contains("ecsTaskExecutionRole is not allowed ssm:GetParameters"), "{}", e.explanation);
        let e = decode(cases[2].0).unwrap();
        assert_eq!(
            e.fix.as_deref(),
            Some(
                "aws iam attach-role-policy --role-name MyBrokenRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
            )
        );
        assert!(decode("Essential container in task exited").is_none(), "other reasons are not pull failures");
        // A secret under a customer managed key: kms:Decrypt is the execution role's (ECS Developer
        // Guide, "Amazon ECS task execution IAM role", Secrets Manager or Systems Manager).
        let kms = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): AccessDeniedException: User: arn:aws:sts::1:assumed-role/execRole/abc is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/1234abcd because no identity-based policy allows the kms:Decrypt action";
        let e = decode(kms).unwrap();
        assert_eq!(e.cause, "secrets-manager-permission");
        assert!(e.explanation.contains("execRole is not allowed kms:Decrypt"), "{}", e.explanation);
        assert_eq!(
            e.fix.as_deref(),
            Some(
                r#"aws iam put-role-policy --role-name execRole --policy-name awsvpc-task-needs --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:111122223333:key/1234abcd"}]}'"#
            )
        );
    }
}
