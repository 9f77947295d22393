//! What a task needs before its containers start, as plain data: its containers' images, log
//! configuration and secrets (DescribeTaskDefinition), the grants its execution role must have
//! for them, and what was found of the role (GetRole, SimulatePrincipalPolicy or its policies).
//!
//! Sources: ECS Developer Guide, "Amazon ECS task execution IAM role" (when the role is needed:
//! private ECR images, the awslogs log driver, secrets from Secrets Manager or SSM Parameter
//! Store, private registry authentication; its trust policy names ecs-tasks.amazonaws.com; the
//! actions of AmazonECSTaskExecutionRolePolicy), "Using the awslogs log driver"
//! (awslogs-group, awslogs-region, awslogs-create-group), "Pass sensitive data to an Amazon ECS
//! container" (secrets' valueFrom: a Secrets Manager ARN, an SSM parameter ARN or name).

/// The pre-start needs of one container.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContainerNeeds {
    pub name: String,
    pub image: String,
    /// The awslogs log driver's group, Region and whether it may create the group.
    pub awslogs: Option<Awslogs>,
    /// The `valueFrom` of each secret (environment secrets and log-driver secretOptions).
    pub secrets: Vec<String>,
    /// `repositoryCredentials.credentialsParameter`: a Secrets Manager secret.
    pub repository_credentials: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Awslogs {
    pub group: String,
    pub region: Option<String>,
    pub create_group: bool,
}

/// One grant the execution role must have: an IAM action on a resource.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Grant {
    pub action: String,
    pub resource: String,
    /// What the grant is for ("pulling 1.dkr.ecr.../app:1", "awslogs group /ecs/web").
    pub why: String,
}

/// What the task needs of its execution role and of CloudWatch Logs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PullNeeds {
    /// Why the role is needed (empty: it is not).
    pub role_reasons: Vec<String>,
    pub grants: Vec<Grant>,
    /// (group, Region, may create it).
    pub log_groups: Vec<(String, String, bool)>,
}

/// The registry account and Region of a private Amazon ECR image
/// (`ACCOUNT.dkr.ecr[-fips].REGION.amazonaws.com[.cn]/repo[:tag|@digest]`, the host form AWS's
/// ECR credential helper matches), and the repository name.
pub fn private_ecr(image: &str) -> Option<(String, String, String)> {
    let (host, path) = image.split_once('/')?;
    let mut parts = host.split('.');
    let account = parts.next()?;
    let (dkr, ecr, region) = (parts.next()?, parts.next()?, parts.next()?);
    let domain: Vec<&str> = parts.collect();
    let ok = account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && dkr == "dkr"
        && (ecr == "ecr" || ecr == "ecr-fips")
        && (domain == ["amazonaws", "com"] || domain == ["amazonaws", "com", "cn"]);
    if !ok {
        return None;
    }
    let repo = path.split(['@', ':']).next().unwrap_or(path).to_string();
    Some((account.to_string(), region.to_string(), repo))
}

fn partition(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

/// The SSM parameter a secret names, as an ARN (a name is in the task's account and Region).
fn ssm_arn(value: &str, region: &str, account: &str) -> Option<String> {
    if value.starts_with("arn:") {
        return value.contains(":ssm:").then(|| value.to_string());
    }
    let name = value.trim_start_matches('/');
    Some(format!("arn:{}:ssm:{region}:{account}:parameter/{name}", partition(region)))
}

impl PullNeeds {
    /// The needs of the containers of a task definition in `region` of `account`.
    pub fn of(containers: &[ContainerNeeds], region: &str, account: &str) -> PullNeeds {
        let mut n = PullNeeds::default();
        let grant = |n: &mut PullNeeds, action: &str, resource: String, why: String| {
            let g = Grant { action: action.into(), resource, why };
            if !n.grants.contains(&g) {
                n.grants.push(g);
            }
        };
        for c in containers {
            if let Some((acct, reg, repo)) = private_ecr(&c.image) {
                n.role_reasons.push(format!("container {} pulls the private Amazon ECR image {}", c.name, c.image));
                let why = format!("pulling {}", c.image);
                grant(&mut n, "ecr:GetAuthorizationToken", "*".into(), why.clone());
                let repo_arn = format!("arn:{}:ecr:{reg}:{acct}:repository/{repo}", partition(&reg));
                for a in ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"] {
                    grant(&mut n, a, repo_arn.clone(), why.clone());
                }
            }
            if let Some(l) = &c.awslogs {
                let reg = l.region.clone().unwrap_or_else(|| region.to_string());
                n.role_reasons.push(format!("container {} logs with awslogs to {}", c.name, l.group));
                let arn = format!("arn:{}:logs:{reg}:{account}:log-group:{}:*", partition(&reg), l.group);
                let why = format!("the awslogs group {}", l.group);
                grant(&mut n, "logs:CreateLogStream", arn.clone(), why.clone());
                grant(&mut n, "logs:PutLogEvents", arn.clone(), why.clone());
                if l.create_group {
                    grant(&mut n, "logs:CreateLogGroup", arn, why);
                }
                if !n.log_groups.iter().any(|(g, r, _)| *g == l.group && *r == reg) {
                    n.log_groups.push((l.group.clone(), reg, l.create_group));
                }
            }
            for s in &c.secrets {
                let why = format!("the secret {s} of container {}", c.name);
                if s.starts_with("arn:") && s.contains(":secretsmanager:") {
                    n.role_reasons.push(format!("container {} reads a secret from Secrets Manager", c.name));
                    // A JSON key or version suffix (ARN:key:stage:version) is not part of the ARN.
                    let arn: String = s.split(':').take(7).collect::<Vec<_>>().join(":");
                    grant(&mut n, "secretsmanager:GetSecretValue", arn, why);
                } else if let Some(arn) = ssm_arn(s, region, account) {
                    n.role_reasons.push(format!("container {} reads a parameter from SSM Parameter Store", c.name));
                    grant(&mut n, "ssm:GetParameters", arn, why);
                }
            }
            if let Some(r) = &c.repository_credentials {
                n.role_reasons.push(format!("container {} authenticates to its registry with {r}", c.name));
                let arn: String = r.split(':').take(7).collect::<Vec<_>>().join(":");
                grant(&mut n, "secretsmanager:GetSecretValue", arn, format!("the registry credentials of {}", c.name));
            }
        }
        n.role_reasons.dedup();
        n
    }
}

/// The execution role as read (GetRole).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExecRole {
    pub arn: String,
    pub name: String,
    /// False when GetRole answered NoSuchEntity.
    pub exists: bool,
    /// The service principals its trust policy allows to assume it.
    pub trusted_services: Vec<String>,
}

/// Each needed grant and whether the role has it: Some(true) allowed, Some(false) denied, None
/// not known; and how it was judged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grants {
    /// "SimulatePrincipalPolicy" or "the role's policies" (when the simulator was refused).
    pub method: String,
    pub verdicts: Vec<(Grant, Option<bool>)>,
    /// What could not be read to know the grants (a secret's KMS key), said in the finding.
    pub unknown: Vec<String>,
    /// Why the simulator was refused, when the role's own policies were read instead.
    pub simulator_refused: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_ecr_images_are_recognised() {
        assert_eq!(
            private_ecr("111122223333.dkr.ecr.us-east-1.amazonaws.com/team/app:1.0"),
            Some(("111122223333".into(), "us-east-1".into(), "team/app".into()))
        );
        assert!(private_ecr("111122223333.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app@sha256:ab").is_some());
        assert!(private_ecr("111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/app").is_some());
        assert_eq!(private_ecr("public.ecr.aws/nginx/nginx:latest"), None);
        assert_eq!(private_ecr("nginx:latest"), None);
        assert_eq!(private_ecr("docker.io/library/nginx"), None);
    }

    #[test]
    fn needs_follow_the_task_definition() {
        let c = ContainerNeeds {
            name: "app".into(),
            image: "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1".into(),
            awslogs: Some(Awslogs { group: "/ecs/web".into(), region: None, create_group: true }),
            secrets: vec![
                "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf:password::".into(),
                "/prod/api-key".into(),
            ],
            repository_credentials: None,
        };
        let n = PullNeeds::of(&[c], "us-east-1", "111122223333");
        let actions: Vec<&str> = n.grants.iter().map(|g| g.action.as_str()).collect();
        for a in [
            "ecr:GetAuthorizationToken",
            "ecr:BatchGetImage",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
            "logs:CreateLogGroup",
            "secretsmanager:GetSecretValue",
            "ssm:GetParameters",
        ] {
            assert!(actions.contains(&a), "{a}: {actions:?}");
        }
        let secret = n.grants.iter().find(|g| g.action == "secretsmanager:GetSecretValue").unwrap();
        assert_eq!(secret.resource, "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf");
        let ssm = n.grants.iter().find(|g| g.action == "ssm:GetParameters").unwrap();
        assert_eq!(ssm.resource, "arn:aws:ssm:us-east-1:111122223333:parameter/prod/api-key");
        assert_eq!(n.log_groups, vec![("/ecs/web".to_string(), "us-east-1".to_string(), true)]);
        let public =
            ContainerNeeds { name: "web".into(), image: "public.ecr.aws/nginx/nginx".into(), ..Default::default() };
        assert!(PullNeeds::of(&[public], "us-east-1", "1").role_reasons.is_empty(), "no role needed");
    }
}
