//! AWS's rules as AWS applies them, end to end (issue "No false PASS, no false FAIL"). Every
//! expected figure is typed from AWS's documentation, never read from the product: c5.large has
//! 3 network interfaces (EC2 DescribeInstanceTypes, NetworkInfo.MaximumNetworkInterfaces), so 2
//! awsvpc tasks without trunking; m5.xlarge has 4, so 3.

use serde_json::{Value, json};

use awsvpc::exit;

use crate::builder::{Awsvpc, Seed, Status, p};
use crate::harness::Account;

/// ListAccountSettings answers at most 10 settings a page, and there are 12 names: the caller's
/// and the account default's are read over two pages each; a role's awsvpcTrunking by name.
#[test]
fn account_settings_on_a_later_page_are_read() {
    let acct = Account::new();
    acct.seed(Seed::cluster().params(json!({"instances": [{"trunk": true, "tasks": 0}], "allow_principals": true,
               "settings": {"default": {"awsvpcTrunking": "enabled"}, "caller": {"dualStackIPv6": "enabled"}}})));
    acct.clear_calls();
    let r = acct
        .awsvpc("check")
        .cluster("prod")
        .require("trunking,ipv6")
        .only(["account.awsvpc-trunking", "account.dual-stack-ipv6"])
        .checked();
    r.expect(exit::OK);
    assert!(
        r.findings.iter().any(|f| f.check == "account.dual-stack-ipv6" && f.message.contains("enabled for the caller"))
    );
    assert!(r.findings.iter().all(|f| !f.message.contains("disabled as the account default")), "{:#}", r.json);
    assert_eq!(acct.count("ecs.ListAccountSettings"), 5, "caller 2 pages, default 2 pages, the role 1 call");
}

/// Without a cluster, `--require trunking` judges the account default, not the caller.
#[test]
fn required_trunking_without_instances_judges_the_account_default() {
    let acct = Account::new();
    acct.seed(Seed::cluster().params(
        json!({"instances": [], "settings": {"caller": {"awsvpcTrunking": "enabled"}}, "allow_principals": true}),
    ));
    let r = acct.awsvpc("check").require("trunking").only("account.awsvpc-trunking").checked();
    r.expect(exit::FOUND_PROBLEM);
    let root = r.findings.iter().find(|f| f.resource.ends_with(":root")).expect("the account default is judged");
    assert_eq!(root.status, Status::Fail);
    assert_eq!(
        root.remediation.as_deref(),
        Some("aws ecs put-account-setting-default --name awsvpcTrunking --value enabled")
    );
    assert_eq!(
        r.finding("account.awsvpc-trunking", "caller").status,
        Status::Pass,
        "the caller's setting never decides"
    );
}

/// principalArn needs the root user or that principal: a refused read of the instance role is
/// not an error when the instances carry trunk ENIs, and capacity keeps going.
#[test]
fn a_refused_role_setting_is_judged_by_the_trunk_enis() {
    let acct = Account::new();
    let seed = acct.seed(
        Seed::cluster()
            .params(json!({"instances": [{"trunk": true, "tasks": 1}, {"trunk": true, "subnet": 1, "tasks": 1}],
               "settings": {"role": {"awsvpcTrunking": "enabled"}}, "refuse_principals": true})),
    );
    let role = seed.str("role_arn");
    let r = acct.awsvpc("check").cluster("prod").require("trunking").checked();
    let f = r.finding("account.awsvpc-trunking", &role);
    assert_eq!(f.status, Status::Pass, "{f:?}");
    assert!(f.message.contains("cannot be read") && f.message.contains("trunk ENIs"), "{}", f.message);
    r.expect(exit::OK);
    let c = acct.awsvpc("capacity").cluster("prod").json().expect(exit::OK);
    assert_eq!(c.json()["total"]["slots"], 20, "two trunked c5.large: 10 each (AWS's trunking table)");
    assert!(c.stderr.contains("warning:") && c.stderr.contains("ListAccountSettings"), "{}", c.stderr);
}

/// A full c5.large (2 tasks) beside an m5.xlarge whose agent 1.9.0 is below awsvpc's 1.15.0:
/// the m5.xlarge hosts no awsvpc task, so 2 more tasks do not fit.
#[test]
fn only_instances_that_can_host_awsvpc_tasks_have_slots() {
    let acct = Account::new();
    acct.seed(Seed::cluster().with(
        "instances",
        json!([{"type": "c5.large", "tasks": 2}, {"type": "m5.xlarge", "agent": "1.9.0", "subnet": 1}]),
    ));
    let v = acct.awsvpc("capacity").cluster("prod").opt("--tasks", "2").json_ok(exit::FOUND_PROBLEM);
    assert_eq!(v["fits"], false);
    assert_eq!(v["total"]["free"], 0);
    let old = v["instances"].as_array().unwrap().iter().find(|i| i["instance_type"] == "m5.xlarge").unwrap();
    assert_eq!(old["usable"], false);
    assert!(old["unusable_reason"].as_str().unwrap().contains("1.9.0"));
    let c = acct.awsvpc("check").cluster("prod").opt("--tasks", "2").checked();
    c.expect(exit::FOUND_PROBLEM);
    assert!(c.problems().contains(&p("capacity.cluster", Status::Fail, "prod")), "{:?}", c.problems());
}

/// A slot is taken by every ENI attached besides the primary: one task and one ENI attached by
/// hand fill a c5.large (2 slots), although ECS counts one task.
#[test]
fn slots_count_the_enis_ec2_shows_attached() {
    let acct = Account::new();
    acct.seed(Seed::cluster().with("instances", json!([{"type": "c5.large", "tasks": 1, "manual_enis": 1}])));
    let v = acct.awsvpc("capacity").cluster("prod").opt("--tasks", "1").json_ok(exit::FOUND_PROBLEM);
    let i = &v["instances"][0];
    assert_eq!((i["slots"].clone(), i["used"].clone(), i["free"].clone()), (json!(2), json!(2), json!(0)));
    assert_eq!((i["ecs_tasks"].clone(), i["enis_attached"].clone()), (json!(1), json!(2)));
}

/// A trunk ENI proves trunking; c7i is newer than AWS's 2023 trunking table: its slots are
/// unknown, which is neither a full instance nor a failed --tasks N.
#[test]
fn trunked_types_newer_than_the_table_are_unverifiable() {
    let acct = Account::new();
    acct.seed(Seed::cluster().params(json!({"instances": [{"type": "c7i.large", "trunk": true, "tasks": 0}],
                          "settings": {"role": {"awsvpcTrunking": "enabled"}}})));
    let v = acct.awsvpc("capacity").cluster("prod").opt("--tasks", "5").json_ok(exit::OK);
    assert_eq!(v["fits"], Value::Null);
    assert_eq!(v["instances"][0]["slots"], Value::Null);
    let c = acct.awsvpc("check").cluster("prod").opt("--tasks", "5").checked();
    c.expect(exit::OK);
    assert_eq!(c.finding("capacity.cluster", "prod").status, Status::Warn);
}

/// awsvpc is not supported on external instances (ECS Anywhere).
#[test]
fn external_launch_type_fails_check_and_is_refused_by_run() {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().with("instances", json!([])));
    let subnets = seed.private_subnets();
    let r = acct.awsvpc("check").subnets(&subnets).launch_type("EXTERNAL").checked();
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(r.finding("network.launch-type", "EXTERNAL").status, Status::Fail);
    acct.clear_calls();
    acct.awsvpc("run")
        .task_definition("web")
        .subnets(&subnets)
        .launch_type("EXTERNAL")
        .yes()
        .run()
        .expect_clean_error(exit::USAGE, "--launch-type");
    assert!(acct.calls().is_empty(), "refused before any call");
}

/// A cluster whose tasks all run on Fargate has no container instances and no EC2 capacity
/// question; the VPC of its tasks' subnets is in scope for the VPC checks.
#[test]
fn a_fargate_only_cluster_is_not_an_ec2_capacity_failure() {
    let acct = Account::new();
    let seed = acct.seed(Seed::mixed().params(json!({"ec2": 0, "fargate": 2, "bridge": 0, "stopped": 0,
        "service_connect": 0, "instances": 0, "dns_hostnames": false})));
    let r = acct.awsvpc("check").cluster("prod").checked();
    r.expect(exit::OK);
    assert_eq!(r.finding("capacity.cluster", "prod").status, Status::Skip);
    assert_eq!(
        r.finding("vpc.dns-hostnames", &seed.vpc()).status,
        Status::Warn,
        "the tasks' VPC is checked without --subnets"
    );
    // Asking for EC2 asks the capacity question.
    let r = acct.awsvpc("check").cluster("prod").launch_type("EC2").checked();
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(r.finding("capacity.cluster", "prod").status, Status::Fail);
}

/// An ENI attaches only to an instance in its subnet's VPC: a cluster spanning two VPCs passes
/// network.instances-vpc while some instances are in the subnets' VPC, and only those count.
#[test]
fn a_cluster_spanning_vpcs_counts_only_the_subnets_vpc() {
    let acct = Account::new();
    let a = acct.seed(Seed::cluster().with("instances", json!([{"type": "c5.large", "tasks": 0}])));
    // A second VPC with a c5.4xlarge (8 ENIs: 7 slots) registered to the same cluster.
    acct.seed(Seed::mixed().params(json!({"cluster": "prod", "ec2": 0, "fargate": 0, "bridge": 1, "stopped": 0,
        "service_connect": 0, "instances": 1})));
    let subnets = a.private_subnets();
    let r = acct.awsvpc("check").cluster("prod").subnets(&subnets).opt("--tasks", "3").checked();
    let vpc = r.finding("network.instances-vpc", "prod");
    assert_eq!(vpc.status, Status::Pass, "{vpc:?}");
    assert!(vpc.message.contains("take no part"), "{}", vpc.message);
    let cap = r.finding("capacity.cluster", "prod");
    assert_eq!(cap.status, Status::Fail, "the c5.large's 2 slots only: {}", cap.message);
    r.expect(exit::FOUND_PROBLEM);
    let c = acct.awsvpc("capacity").cluster("prod").subnets(&subnets).opt("--tasks", "3").json_ok(exit::FOUND_PROBLEM);
    assert_eq!(c["total"]["slots"], 2);
}

/// Every paged ECS listing answering one item a page, and EC2's instance, instance-type, ENI,
/// subnet, route-table and security-group descriptions five a page (the smallest pages AWS allows), give every command
/// the same answer as the default pages: each `nextToken` is followed.
#[test]
fn the_smallest_pages_give_the_same_answers() {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().params(
        json!({"instances": [{"trunk": true, "tasks": 2}, {"trunk": true, "subnet": 1, "tasks": 3}, {"tasks": 1, "manual_enis": 1},
                             {"type": "c5.4xlarge", "tasks": 6}, {"type": "m5.large"}, {"type": "m5.xlarge", "subnet": 1},
                             {"type": "c5.xlarge"}, {"type": "r5.large", "subnet": 1}],
               "settings": {"role": {"awsvpcTrunking": "enabled"}},
               "services": [{"name": "web"}, {"name": "api"}, {"name": "jobs"}]}),
    ));
    let subnets = seed.private_subnets();
    let commands = || -> Vec<Awsvpc> {
        vec![
            acct.awsvpc("check").cluster("prod").subnets(&subnets).json(),
            acct.awsvpc("check").all_clusters().json(),
            acct.awsvpc("check").cluster("prod").json(),
            acct.awsvpc("enis").cluster("prod").json(),
            acct.awsvpc("capacity").cluster("prod").json(),
        ]
    };
    let normal: Vec<(i32, Value)> = commands().into_iter().map(|c| c.run()).map(|r| (r.code, r.json())).collect();
    acct.seed(Seed::scenario("smallest_pages"));
    acct.clear_calls();
    for (c, want) in commands().into_iter().zip(&normal) {
        let line = format!("{c:?}");
        let r = c.run();
        assert_eq!((r.code, r.json()), want.clone(), "{line} with pages of one");
    }
    assert!(acct.count("ecs.ListTasks") >= 2 * 6, "pages of one task: {}", acct.count("ecs.ListTasks"));
    assert!(acct.count("ecs.ListAccountSettings") >= 12, "pages of one setting");
    assert!(acct.count("ec2.DescribeNetworkInterfaces") > 4, "pages of five ENIs");
    assert_eq!(acct.count("ecs.ListServices"), 2 * 3, "two commands, three pages of one service each");
    // 8 instances of 6 types: two pages of five each (EC2's smallest) in each command that reads them.
    assert!(
        acct.count("ec2.DescribeInstances") >= 2 * 4,
        "pages of five instances: {}",
        acct.count("ec2.DescribeInstances")
    );
    assert!(
        acct.count("ec2.DescribeInstanceTypes") >= 2 * 4,
        "pages of five types: {}",
        acct.count("ec2.DescribeInstanceTypes")
    );
}

/// Without --subnets, the VPC of a cluster's services is in scope for the VPC checks.
#[test]
fn the_vpc_of_a_clusters_services_is_checked_without_subnets() {
    let acct = Account::new();
    let seed = acct
        .seed(Seed::cluster().params(json!({"instances": [], "dns_hostnames": false, "services": [{"name": "web"}]})));
    let r = acct.awsvpc("check").cluster("prod").checked();
    assert_eq!(r.finding("vpc.dns-hostnames", &seed.vpc()).status, Status::Warn, "{:#}", r.json);
}
