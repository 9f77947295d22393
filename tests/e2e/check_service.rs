//! `awsvpc check --task-definition` and `--service`: network mode, compatibility, the service's
//! network configuration and load balancers (ALB/NLB target groups of type ip, in the VPC).

use serde_json::{json, Value};

use crate::harness::Account;

fn seeded(services: Value) -> (Account, Value) {
    let acct = Account::new();
    let instances = json!([{"trunk": true, "subnet": 0}, {"trunk": true, "subnet": 1}]);
    let seed = acct.seed(
        "cluster",
        json!({"instances": instances, "settings": {"role": {"awsvpcTrunking": "enabled"}}, "services": services}),
    );
    (acct, seed)
}

fn run(acct: &Account, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["check", "--output", "json", "--cluster", "prod"];
    all.extend_from_slice(args);
    let r = acct.awsvpc(&all);
    (r.code, r.json())
}

fn problems(v: &Value) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] != "pass" && f["status"] != "skip")
        .map(|f| (f["check"].as_str().unwrap().into(), f["status"].as_str().unwrap().into()))
        .collect();
    out.sort();
    out
}

fn status_of<'a>(v: &'a Value, check: &str) -> Vec<&'a str> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == check)
        .map(|f| f["status"].as_str().unwrap())
        .collect()
}

#[test]
fn healthy_service_with_ip_target_group() {
    let (acct, seed) = seeded(json!([{"name": "web", "target_type": "ip"}]));
    let (code, v) = run(&acct, &["--service", "web"]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(problems(&v), vec![]);
    assert_eq!(status_of(&v, "service.load-balancers"), vec!["pass"]);
    assert_eq!(status_of(&v, "taskdef.network-mode"), vec!["pass"]);
    // The service's subnets were checked without --subnets.
    assert_eq!(status_of(&v, "network.internet-egress"), vec!["pass", "pass"]);
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
        let (code, v) = run(&acct, &["--service", svc]);
        assert_eq!(code, 1, "{svc}");
        assert_eq!(problems(&v), vec![("service.load-balancers".to_string(), "fail".to_string())], "{svc}");
    }
    let (_, v) = run(&acct, &["--service", "inst"]);
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["check"] == "service.load-balancers").unwrap();
    assert!(f["message"].as_str().unwrap().contains("target type instance"), "{f}");
    assert!(f["resource"].as_str().unwrap().starts_with("arn:aws:elasticloadbalancing:"));
}

#[test]
fn task_definition_network_mode_and_compatibility() {
    let (acct, _) = seeded(json!([]));
    let (code, v) = run(&acct, &["--task-definition", "legacy"]);
    assert_eq!(code, 1);
    assert_eq!(problems(&v), vec![("taskdef.network-mode".to_string(), "fail".to_string())]);
    let (code, v) = run(&acct, &["--task-definition", "worker:1", "--launch-type", "EC2"]);
    assert_eq!(code, 1);
    assert_eq!(problems(&v), vec![("taskdef.compatibility".to_string(), "fail".to_string())]);
    let (code, v) = run(&acct, &["--task-definition", "worker", "--launch-type", "FARGATE"]);
    assert_eq!(code, 0, "{v:#}");
}

#[test]
fn bad_service_and_task_definition_input() {
    let (acct, _) = seeded(json!([]));
    acct.awsvpc(&["check", "--cluster", "prod", "--service", "nope"])
        .expect_clean_error(2, "service nope was not found");
    acct.awsvpc(&["check", "--service", "web"]).expect_clean_error(2, "--service needs exactly one --cluster");
    acct.awsvpc(&["check", "--task-definition", "web:x"]).expect_clean_error(2, "--task-definition");
    acct.awsvpc(&["check", "--task-definition", "nope:3"]).expect_clean_error(2, "nope:3");
}

/// AWS refuses an awsvpc service without a network configuration at creation, so the defect is
/// planted with a bridge-mode service: both its task definition and its configuration fail.
#[test]
fn service_without_awsvpc_configuration() {
    let (acct, _) = seeded(json!([{"name": "old", "task_definition": "legacy", "no_network": true}]));
    let (code, v) = run(&acct, &["--service", "old"]);
    assert_eq!(code, 1);
    assert_eq!(
        problems(&v),
        vec![
            ("service.network-configuration".to_string(), "fail".to_string()),
            ("taskdef.network-mode".to_string(), "fail".to_string())
        ]
    );
}
