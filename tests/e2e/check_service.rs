//! `awsvpc check --task-definition` and `--service`: network mode, compatibility, the service's
//! network configuration and load balancers (ALB/NLB target groups of type ip, in the VPC).

use serde_json::{Value, json};

use awsvpc::exit;

use crate::builder::{Checked, Seed, Seeded, Status};
use crate::harness::Account;

fn seeded(services: Value) -> (Account, Seeded) {
    let acct = Account::new();
    let instances = json!([{"trunk": true, "subnet": 0}, {"trunk": true, "subnet": 1}]);
    let seed = acct.seed(
        Seed::cluster()
            .with("instances", instances)
            .with("settings", json!({"role": {"awsvpcTrunking": "enabled"}}))
            .with("services", services),
    );
    (acct, seed)
}

/// The problems as (check, status).
fn problems(r: &Checked) -> Vec<(String, Status)> {
    r.problems().into_iter().map(|(c, s, _)| (c, s)).collect()
}

#[test]
fn healthy_service_with_ip_target_group() {
    let (acct, seed) = seeded(json!([{"name": "web", "target_type": "ip"}]));
    let r = acct.awsvpc("check").cluster("prod").service("web").checked();
    assert_eq!(r.code, exit::OK, "{:#}", r.json);
    assert_eq!(problems(&r), vec![]);
    assert_eq!(r.statuses("service.load-balancers"), vec![Status::Pass]);
    assert_eq!(r.statuses("taskdef.network-mode"), vec![Status::Pass]);
    // The service's subnets were checked without --subnets.
    assert_eq!(r.statuses("network.internet-egress"), vec![Status::Pass, Status::Pass]);
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
        let r = acct.awsvpc("check").cluster("prod").service(svc).checked();
        assert_eq!(r.code, exit::FOUND_PROBLEM, "{svc}");
        assert_eq!(problems(&r), vec![("service.load-balancers".to_string(), Status::Fail)], "{svc}");
    }
    let r = acct.awsvpc("check").cluster("prod").service("inst").checked();
    let f = r.findings.iter().find(|f| f.check == "service.load-balancers").unwrap();
    assert!(f.message.contains("target type instance"), "{f:?}");
    assert!(f.resource.starts_with("arn:aws:elasticloadbalancing:"));
}

#[test]
fn task_definition_network_mode_and_compatibility() {
    let (acct, _) = seeded(json!([]));
    let r = acct.awsvpc("check").cluster("prod").task_definition("legacy").checked();
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(problems(&r), vec![("taskdef.network-mode".to_string(), Status::Fail)]);
    // AWS validates a task definition against each launch type and lists the ones it passed in
    // `compatibilities` (API Reference, TaskDefinition): a bridge-mode one is EC2 only.
    let r = acct.awsvpc("check").cluster("prod").task_definition("legacy").launch_type("FARGATE").checked();
    r.expect(exit::FOUND_PROBLEM);
    assert!(problems(&r).contains(&("taskdef.compatibility".to_string(), Status::Fail)), "{:#}", r.json);
    let r = acct.awsvpc("check").cluster("prod").task_definition("worker").launch_type("FARGATE").checked();
    assert_eq!(r.code, exit::OK, "{:#}", r.json);
}

#[test]
fn bad_service_and_task_definition_input() {
    let (acct, _) = seeded(json!([]));
    acct.awsvpc("check")
        .cluster("prod")
        .service("nope")
        .run()
        .expect_clean_error(exit::USAGE, "service nope was not found");
    acct.awsvpc("check").service("web").run().expect_clean_error(exit::USAGE, "--service needs exactly one --cluster");
    acct.awsvpc("check").task_definition("web:x").run().expect_clean_error(exit::USAGE, "--task-definition");
    acct.awsvpc("check").task_definition("nope:3").run().expect_clean_error(exit::USAGE, "nope:3");
}

/// AWS refuses an awsvpc service without a network configuration at creation, so the defect is
/// planted with a bridge-mode service: both its task definition and its configuration fail.
#[test]
fn service_without_awsvpc_configuration() {
    let (acct, _) = seeded(json!([{"name": "old", "task_definition": "legacy", "no_network": true}]));
    let r = acct.awsvpc("check").cluster("prod").service("old").checked();
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(
        problems(&r),
        vec![
            ("service.network-configuration".to_string(), Status::Fail),
            ("taskdef.network-mode".to_string(), Status::Fail)
        ]
    );
}
