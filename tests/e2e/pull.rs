//! Why a task never started its containers (issue "Before the containers start", item 3): the
//! stop reasons AWS's pages document, decoded into the network path, the execution role's missing
//! action or the image reference, and stopped tasks grouped by those causes.

use serde_json::json;

use awsvpc::exit;

use crate::builder::{Checked, Finding, Seed, Seeded, Status};
use crate::harness::{Account, strings};

const TIMEOUT: &str = "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1: failed to do request: Head \"https://111122223333.dkr.ecr.us-east-1.amazonaws.com/v2/app/manifests/1\": dial tcp 10.0.0.1:443: i/o timeout";
const SSM_DENIED: &str = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/ecsTaskExecutionRole/abc is not authorized to perform: ssm:GetParameters on resource: arn:aws:ssm:us-east-1:111122223333:parameter/db";

#[test]
fn pull_failures_are_decoded_and_grouped_by_cause() {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().with("instances", json!([{"type": "m5.xlarge", "trunk": true, "tasks": 3}])));
    let tasks = strings(&seed["instances"][0]["tasks"]);
    for (task, reason) in [(&tasks[0], TIMEOUT), (&tasks[1], TIMEOUT), (&tasks[2], SSM_DENIED)] {
        acct.set_task(json!({"task": task, "stop_code": "TaskFailedToStart", "stopped_reason": reason}));
    }
    let v = acct.awsvpc("diagnose").cluster("prod").tasks(&tasks[2..3]).json_ok(exit::FOUND_PROBLEM);
    let c = &v["conclusion"];
    assert_eq!(c["cause"], "ssm-permission", "{c}");
    assert!(
        c["explanation"].as_str().unwrap().contains("ecsTaskExecutionRole is not allowed ssm:GetParameters"),
        "{c}"
    );
    let w = acct.awsvpc("diagnose").cluster("prod").stopped_since("1h").json().run();
    let groups = w.json()["groups"].as_array().unwrap().clone();
    let of = |cause: &str| groups.iter().find(|g| g["cause"] == cause).map(|g| g["count"].as_u64().unwrap());
    assert_eq!(of("pull-network"), Some(2), "{groups:?}");
    assert_eq!(of("ssm-permission"), Some(1), "{groups:?}");
}

/// `check --task-definition` on a Fargate task: the execution role and the log group, each fault
/// planted by the emulator's `pull` scenario; the grants judged with SimulatePrincipalPolicy, and
/// with the role's own policies where the simulator is refused.
fn pull_check(params: serde_json::Value) -> (Checked, Seeded) {
    let acct = Account::new();
    let seed = acct.seed(Seed::pull().params(params));
    let r = acct
        .awsvpc("check")
        .task_definition(&seed.str("family"))
        .launch_type("FARGATE")
        .only(["taskdef.execution-role", "taskdef.execution-role-permissions", "taskdef.log-group"])
        .checked();
    (r, seed)
}

/// The statuses of every finding of `check`, sorted.
fn status_of(r: &Checked, check: &str) -> Vec<Status> {
    let mut s = r.statuses(check);
    s.sort();
    s
}

#[test]
fn a_healthy_execution_role_and_log_group_pass() {
    let (r, _) = pull_check(json!({"image": "private", "execution_role": "ok", "logs": "awslogs", "secrets": "ssm"}));
    r.expect(exit::OK);
    assert_eq!(status_of(&r, "taskdef.execution-role"), [Status::Pass]);
    assert_eq!(status_of(&r, "taskdef.execution-role-permissions"), [Status::Pass]);
    assert_eq!(status_of(&r, "taskdef.log-group"), [Status::Pass]);
}

#[test]
fn a_missing_undeclared_or_untrusting_role_fails() {
    for (role, needle) in
        [("missing", "does not exist"), ("none", "no executionRoleArn"), ("wrong_trust", "not ecs-tasks.amazonaws.com")]
    {
        let (r, _) = pull_check(json!({"image": "private", "execution_role": role, "logs": "awslogs"}));
        r.expect(exit::FOUND_PROBLEM);
        let f = r.findings.iter().find(|f| f.check == "taskdef.execution-role").unwrap();
        assert_eq!(f.status, Status::Fail, "{role}: {f:?}");
        assert!(f.message.contains(needle), "{role}: {}", f.message);
        assert!(f.remediation.as_deref().unwrap().starts_with("aws iam "), "{role}: {f:?}");
    }
}

#[test]
fn missing_grants_fail_by_simulation_and_by_the_policies_when_it_is_refused() {
    for simulate in ["allowed", "refused"] {
        for (role, action) in [("no_ecr", "ecr:BatchGetImage"), ("no_secrets", "ssm:GetParameters")] {
            let (r, _) = pull_check(
                json!({"image": "private", "execution_role": role, "logs": "awslogs", "secrets": "ssm", "simulate": simulate}),
            );
            r.expect(exit::FOUND_PROBLEM);
            let f = r.findings.iter().find(|f| f.check == "taskdef.execution-role-permissions").unwrap();
            assert_eq!(f.status, Status::Fail, "{simulate} {role}: {f:?}");
            assert!(f.message.contains(action), "{simulate} {role}: {}", f.message);
            let method = if simulate == "allowed" { "SimulatePrincipalPolicy" } else { "the role's policies" };
            assert!(f.message.contains(method), "{simulate}: {}", f.message);
        }
    }
}

#[test]
fn a_missing_log_group_fails_unless_the_driver_creates_it() {
    let (r, seed) =
        pull_check(json!({"image": "public", "execution_role": "ok", "logs": "awslogs", "log_group": false}));
    r.expect(exit::FOUND_PROBLEM);
    let group = seed["log_group"].as_str().unwrap();
    let f = r.finding("taskdef.log-group", group);
    assert_eq!(f.status, Status::Fail, "{f:?}");
    assert_eq!(f.remediation.as_deref(), Some(format!("aws logs create-log-group --log-group-name {group}").as_str()));
    let (r, _) =
        pull_check(json!({"image": "public", "execution_role": "ok", "logs": "awslogs_create", "log_group": false}));
    assert_eq!(status_of(&r, "taskdef.log-group"), [Status::Pass]);
}

/// `network.pull-path` for a Fargate task of the `pull` scenario: each fault of the path planted.
fn path_check(params: serde_json::Value, public_ip: bool) -> (Checked, Seeded) {
    let acct = Account::new();
    let seed = acct.seed(Seed::pull().params(params));
    let mut check = acct
        .awsvpc("check")
        .task_definition(&seed.str("family"))
        .launch_type("FARGATE")
        .subnets(seed.str("task_subnet"))
        .security_groups(seed.str("task_security_group"))
        .only("network.pull-path");
    if public_ip {
        check = check.assign_public_ip("ENABLED");
    }
    (check.checked(), seed)
}

fn path_finding(r: &Checked) -> &Finding {
    r.findings.iter().find(|f| f.check == "network.pull-path").expect("a pull-path finding")
}

#[test]
fn the_pull_path_passes_through_nat_or_complete_endpoints() {
    for (params, public_ip) in [
        (json!({"image": "private", "egress": "nat"}), false),
        (json!({"image": "private", "egress": "endpoints", "logs": "awslogs", "secrets": "ssm"}), false),
        (json!({"image": "public", "egress": "public_ip"}), true),
    ] {
        let (r, _) = path_check(params.clone(), public_ip);
        let f = path_finding(&r);
        assert_eq!(f.status, Status::Pass, "{params}: {f:?}");
    }
}

#[test]
fn each_missing_piece_of_the_pull_path_is_named() {
    let cases = [
        (json!({"image": "private", "egress": "none"}), "com.amazonaws.us-east-1.ecr.dkr"),
        (
            json!({"image": "private", "egress": "endpoints", "endpoint_missing": "ecr.dkr"}),
            "com.amazonaws.us-east-1.ecr.dkr",
        ),
        (json!({"image": "private", "egress": "endpoints", "endpoint_missing": "s3"}), "S3 gateway endpoint"),
        (json!({"image": "private", "egress": "endpoints", "endpoint_sg_blocks": true}), "admit no TCP 443"),
        (json!({"image": "private", "egress": "endpoints", "task_egress": "vpc_only"}), "S3's prefix list"),
        (json!({"image": "private", "egress": "nat", "nacl": "deny_443_out"}), "network ACL"),
        (json!({"image": "public", "egress": "public_ip"}), "public registry"),
    ];
    for (params, needle) in cases {
        let (r, _) = path_check(params.clone(), false);
        r.expect(exit::FOUND_PROBLEM);
        let f = path_finding(&r);
        assert_eq!(f.status, Status::Fail, "{params}: {f:?}");
        assert!(f.message.contains(needle), "{params}: {}", f.message);
        assert!(f.remediation.is_some(), "{params}");
    }
}

/// On EC2 the agent on the container instance pulls the image and fetches the secrets: the path
/// is judged from the instance's subnet, groups and public IP, not from the task's subnet.
#[test]
fn on_ec2_the_path_is_judged_from_the_container_instance() {
    let cases = [
        (json!({"egress": "none"}), "task", Status::Fail, "com.amazonaws.us-east-1.ecr.dkr"),
        (json!({"egress": "none", "instance_subnet": "nat"}), "nat", Status::Pass, "via NAT"),
        (
            json!({"image": "public", "egress": "none", "instance_subnet": "public"}),
            "public",
            Status::Pass,
            "public IP",
        ),
        (json!({"egress": "none", "instance_subnet": "nat", "instance_sg": "own"}), "nat", Status::Fail, "TCP 443 out"),
    ];
    for (params, subnet, status, needle) in cases {
        let acct = Account::new();
        let mut params = params.clone();
        params["launch_type"] = json!("EC2");
        let seed = acct.seed(Seed::pull().params(params.clone()));
        let expected_subnet = match subnet {
            "task" => seed["task_subnet"].clone(),
            "nat" => seed["private_subnets"][0].clone(),
            _ => seed["public_subnet"].clone(),
        };
        let r = acct
            .awsvpc("check")
            .task_definition(&seed.str("family"))
            .launch_type("EC2")
            .cluster(seed.cluster())
            .subnets(seed.str("task_subnet"))
            .only("network.pull-path")
            .checked();
        let f = path_finding(&r);
        assert_eq!(f.status, status, "{params}: {f:?}");
        assert_eq!(json!(f.resource), expected_subnet, "{params}: judged from the instance's subnet");
        assert!(f.message.contains(needle), "{params}: {}", f.message);
        assert!(
            f.message.contains(seed["instance_id"].as_str().unwrap()),
            "{params}: names the instance: {}",
            f.message
        );
    }
}

/// Endpoints only in another zone still serve the pull (private DNS answers with their
/// interfaces there), with a warning; a network ACL without the replies' ports fails.
#[test]
fn endpoints_in_another_zone_warn_and_acls_need_the_replies() {
    let (r, seed) =
        path_check(json!({"image": "private", "egress": "endpoints", "endpoint_subnet": "other_az"}), false);
    let f = path_finding(&r);
    assert_eq!(f.status, Status::Warn, "{f:?}");
    assert!(f.message.contains(&format!("no interface in {}", seed["az"].as_str().unwrap())), "{}", f.message);
    let (r, seed) = path_check(json!({"image": "private", "egress": "nat", "nacl": "deny_ephemeral_in"}), false);
    r.expect(exit::FOUND_PROBLEM);
    let f = path_finding(&r);
    assert_eq!(f.status, Status::Fail, "{f:?}");
    assert!(f.message.contains("replies"), "{}", f.message);
    let acl = seed["network_acl"].as_str().unwrap();
    assert!(f.remediation.as_deref().unwrap().contains(&format!("--network-acl-id {acl} --ingress")), "{f:?}");
}

/// A task of the `pull` scenario launched (`launch_type`, in its subnet, without the preflight)
/// and stopped by a pull timeout: `diagnose`'s document of it (exit 1).
fn diagnose_a_pull_timeout(acct: &Account, seed: &Seeded, launch_type: &str) -> serde_json::Value {
    let run = acct
        .awsvpc("run")
        .cluster(seed.cluster())
        .task_definition(&seed.str("family"))
        .launch_type(launch_type)
        .subnets(seed.str("task_subnet"))
        .flag("--no-preflight")
        .flag("--no-wait")
        .yes()
        .json_ok(exit::OK);
    let task = run["task_arns"][0].as_str().unwrap().to_string();
    acct.set_task(json!({"task": task, "stop_code": "TaskFailedToStart", "stopped_reason": TIMEOUT}));
    acct.awsvpc("diagnose").cluster(seed.cluster()).tasks(&[&task]).json_ok(exit::FOUND_PROBLEM)
}

/// `diagnose` of a task stopped by a pull timeout names what is missing on the path for that
/// task's subnet, as it is now, with the command that adds it; the ENI is gone, so the public IP
/// and security groups are said to be unknown rather than assumed.
#[test]
fn diagnose_names_the_missing_endpoint_for_the_stopped_tasks_subnet() {
    let acct = Account::new();
    let seed = acct
        .seed(Seed::pull().params(json!({"image": "private", "egress": "endpoints", "endpoint_missing": "ecr.dkr"})));
    let subnet = seed.str("task_subnet");
    let v = diagnose_a_pull_timeout(&acct, &seed, "FARGATE");
    let c = &v["conclusion"];
    assert_eq!(c["cause"], "pull-network", "{c}");
    let text = c["explanation"].as_str().unwrap();
    assert!(text.contains(&subnet) && text.contains("com.amazonaws.us-east-1.ecr.dkr"), "{text}");
    assert!(!text.contains("ecr.api"), "the endpoints that exist are not blamed: {text}");
    assert!(c["fix"].as_str().unwrap().starts_with("aws ec2 create-vpc-endpoint"), "{c}");
    let evidence = v["evidence"].to_string();
    assert!(evidence.contains("security groups and public IP are not known"), "{evidence}");
}

/// A secret under a customer managed KMS key needs kms:Decrypt on that key from the execution
/// role (DescribeSecret / DescribeParameters name the key, DescribeKey says who manages it); the
/// AWS managed default needs nothing more.
#[test]
fn a_customer_managed_key_needs_kms_decrypt() {
    for secrets in ["secretsmanager", "ssm"] {
        let base = json!({"image": "public", "execution_role": "ok", "logs": "none", "secrets": secrets});
        let mut cmk = base.clone();
        cmk["secret_key"] = json!("cmk");
        cmk["kms_grant"] = json!(false);
        let (r, seed) = pull_check(cmk.clone());
        r.expect(exit::FOUND_PROBLEM);
        let f = r.findings.iter().find(|f| f.check == "taskdef.execution-role-permissions").unwrap();
        let key = seed["key_arn"].as_str().unwrap();
        assert_eq!(f.status, Status::Fail, "{secrets}: {f:?}");
        assert!(f.message.contains(&format!("kms:Decrypt on {key}")), "{secrets}: {}", f.message);
        let fix = f.remediation.as_deref().unwrap();
        assert!(fix.contains(r#""Action":"kms:Decrypt""#) && fix.contains(key), "{secrets}: {fix}");
        cmk["kms_grant"] = json!(true);
        let (r, _) = pull_check(cmk);
        assert_eq!(status_of(&r, "taskdef.execution-role-permissions"), [Status::Pass], "{secrets}: granted");
        let (r, _) = pull_check(base);
        assert_eq!(status_of(&r, "taskdef.execution-role-permissions"), [Status::Pass], "{secrets}: the default key");
    }
}

/// On EC2 the diagnosis of a pull timeout is the task's container instance's path.
#[test]
fn diagnose_on_ec2_names_the_instances_path() {
    let acct = Account::new();
    let seed = acct.seed(Seed::pull().params(json!({"image": "private", "egress": "none", "launch_type": "EC2"})));
    let v = diagnose_a_pull_timeout(&acct, &seed, "EC2");
    let c = &v["conclusion"];
    let text = c["explanation"].as_str().unwrap();
    assert!(text.contains(seed["instance_id"].as_str().unwrap()), "names the instance: {text}");
    assert!(text.contains("com.amazonaws.us-east-1.ecr.dkr"), "{text}");
}

/// A Fargate task in a public subnet without a public IP pulls through complete VPC endpoints:
/// the path passes, and the missing internet access is only a warning (the guide's connectivity
/// page: endpoints or a public IP).
#[test]
fn a_public_subnet_without_a_public_ip_passes_through_endpoints() {
    let acct = Account::new();
    let seed =
        acct.seed(Seed::pull().params(json!({"image": "private", "egress": "public_endpoints", "logs": "awslogs"})));
    let r = acct
        .awsvpc("check")
        .task_definition(&seed.str("family"))
        .launch_type("FARGATE")
        .subnets(seed.str("task_subnet"))
        .security_groups(seed.str("task_security_group"))
        .only(["network.pull-path", "network.internet-egress"])
        .checked();
    r.expect(exit::OK);
    let f = path_finding(&r);
    assert_eq!(f.status, Status::Pass, "{f:?}");
    assert!(f.message.contains("public subnet without a public IP: via VPC endpoints"), "{}", f.message);
    assert_eq!(status_of(&r, "network.internet-egress"), [Status::Warn]);
}
