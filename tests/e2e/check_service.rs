//! `awsvpc check --task-definition` and `--service`: network mode, compatibility, the service's
//! network configuration and load balancers (ALB/NLB target groups of type ip, in the VPC).

use serde_json::{Value, json};

use awsvpc::exit;

use crate::harness::{Account, Checked};

fn seeded(services: Value) -> (Account, Value) {
    let acct = Account::new();
    let instances = json!([{"trunk": true, "subnet": 0}, {"trunk": true, "subnet": 1}]);
    let seed = acct.seed_raw(
        "cluster",
        json!({"instances": instances, "settings": {"role": {"awsvpcTrunking": "enabled"}}, "services": services}),
    );
    (acct, seed)
}

fn run(acct: &Account, args: &[&str]) -> Checked {
    acct.check().cluster("prod").args(args).run()
}

/// The problems as (check, status).
fn problems(r: &Checked) -> Vec<(String, String)> {
    r.problems().into_iter().map(|(c, s, _)| (c, s)).collect()
}

#[test]
fn healthy_service_with_ip_target_group() {
    let (acct, seed) = seeded(json!([{"name": "web", "target_type": "ip"}]));
    let r = run(&acct, &["--service", "web"]);
    assert_eq!(r.code, exit::OK, "{:#}", r.json);
    assert_eq!(problems(&r), vec![]);
    assert_eq!(r.statuses("service.load-balancers"), vec!["pass"]);
    assert_eq!(r.statuses("taskdef.network-mode"), vec!["pass"]);
    // The service's subnets were checked without --subnets.
    assert_eq!(r.statuses("network.internet-egress"), vec!["pass", "pass"]);
    assert!(seed["services"]["web"]["arn"].as_str().unwrap().contains(":service/prod/web"));
}

#[test]
fn instance_target_group_classic_lb_and_other_vpc_fail() {
    let (acct, _) = seeded(json!([
        {"name": "inst", "target_type": "instance"},
        {"name": "classic", "classic": true},
        {"name": "away", "target_type": "ip", "other_vpc": true}
    ]));
    for svc in ["inst", "classic", "away"] {
        let r = run(&acct, &["--service", svc]);
        assert_eq!(r.code, exit::FOUND_PROBLEM, "{svc}");
        assert_eq!(problems(&r), vec![("service.load-balancers".to_string(), "fail".to_string())], "{svc}");
    }
    let r = run(&acct, &["--service", "inst"]);
    let f = r.json["findings"].as_array().unwrap().iter().find(|f| f["check"] == "service.load-balancers").unwrap();
    assert!(f["message"].as_str().unwrap().contains("target type instance"), "{f}");
    assert!(f["resource"].as_str().unwrap().starts_with("arn:aws:elasticloadbalancing:"));
}

#[test]
fn task_definition_network_mode_and_compatibility() {
    let (acct, _) = seeded(json!([]));
    let r = run(&acct, &["--task-definition", "legacy"]);
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(problems(&r), vec![("taskdef.network-mode".to_string(), "fail".to_string())]);
    // AWS validates a task definition against each launch type and lists the ones it passed in
    // `compatibilities` (API Reference, TaskDefinition): a bridge-mode one is EC2 only.
    let r = run(&acct, &["--task-definition", "legacy", "--launch-type", "FARGATE"]);
    r.expect(exit::FOUND_PROBLEM);
    assert!(problems(&r).contains(&("taskdef.compatibility".to_string(), "fail".to_string())), "{:#}", r.json);
    let r = run(&acct, &["--task-definition", "worker", "--launch-type", "FARGATE"]);
    assert_eq!(r.code, exit::OK, "{:#}", r.json);
}

#[test]
fn bad_service_and_task_definition_input() {
    let (acct, _) = seeded(json!([]));
    acct.awsvpc_args(&["check", "--cluster", "prod", "--service", "nope"])
        .expect_clean_error(exit::USAGE, "service nope was not found");
    acct.awsvpc_args(&["check", "--service", "web"])
        .expect_clean_error(exit::USAGE, "--service needs exactly one --cluster");
    acct.awsvpc_args(&["check", "--task-definition", "web:x"]).expect_clean_error(exit::USAGE, "--task-definition");
    acct.awsvpc_args(&["check", "--task-definition", "nope:3"]).expect_clean_error(exit::USAGE, "nope:3");
}

/// AWS refuses an awsvpc service without a network configuration at creation, so the defect is
/// planted with a bridge-mode service: both its task definition and its configuration fail.
#[test]
fn service_without_awsvpc_configuration() {
    let (acct, _) = seeded(json!([{"name": "old", "task_definition": "legacy", "no_network": true}]));
    let r = run(&acct, &["--service", "old"]);
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(
        problems(&r),
        vec![
            ("service.network-configuration".to_string(), "fail".to_string()),
            ("taskdef.network-mode".to_string(), "fail".to_string())
        ]
    );
}
