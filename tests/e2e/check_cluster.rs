//! `awsvpc check --cluster`: a healthy cluster passes; each planted defect of a container
//! instance, an account setting or the ENI capacity shows as exactly its finding.

use serde_json::{Value, json};

use awsvpc::exit;

use crate::builder::{Awsvpc, Problem, Seed, Seeded, Status, p};
use crate::harness::Account;

/// A healthy instance: current agent, capability, trunk ENI; trunking enabled for its role.
fn healthy(subnet: usize) -> Value {
    json!({"type": "c5.large", "agent": "1.80.0", "trunk": true, "subnet": subnet, "tasks": 1})
}

/// Cluster prod in an account of its own.
struct Cluster {
    acct: Account,
    seed: Seeded,
}

impl Cluster {
    fn new(instances: Vec<Value>, settings: Value) -> Cluster {
        let acct = Account::new();
        let seed = acct.seed(
            Seed::cluster().with("instances", instances).with("settings", settings).with("allow_principals", true),
        );
        Cluster { acct, seed }
    }

    /// Two healthy instances, and a third that is healthy but for `overrides`.
    fn healthy_with(overrides: Value) -> Cluster {
        let mut third = healthy(0);
        for (k, v) in overrides.as_object().unwrap() {
            third[k] = v.clone();
        }
        Cluster::new(vec![healthy(0), healthy(1), third], json!({"role": {"awsvpcTrunking": "enabled"}}))
    }

    fn instance(&self, i: usize) -> String {
        self.seed["instances"][i]["arn"].as_str().unwrap().to_string()
    }

    fn role(&self) -> String {
        self.seed.str("role_arn")
    }

    /// The problems of a cluster whose only instance cannot host awsvpc tasks: its own
    /// findings, no usable slot (capacity.cluster warns, as a full cluster does until tasks are
    /// asked for), and no instance that can take a task in either subnet's AZ
    /// (network.instance-azs fails for each).
    fn alone_problems(&self, own: Vec<Problem>) -> Vec<Problem> {
        let mut out = own;
        out.push(p("capacity.cluster", Status::Warn, "prod"));
        for subnet in self.seed.private_subnets() {
            out.push(p("network.instance-azs", Status::Fail, &subnet));
        }
        out.sort();
        out
    }

    /// `check --cluster prod --subnets` its private subnets (finish with `.checked()`).
    fn check_cmd(&self) -> Awsvpc<'_> {
        self.acct.awsvpc("check").cluster("prod").subnets(self.seed.private_subnets())
    }
}

#[test]
fn healthy_cluster_passes_and_reports_capacity() {
    let s = Cluster::new(vec![healthy(0), healthy(1)], json!({"role": {"awsvpcTrunking": "enabled"}}));
    let r = s.check_cmd().opt("--tasks", "10").require("trunking").checked();
    assert_eq!(r.code, exit::OK, "{:#}", r.json);
    assert_eq!(r.problems(), vec![]);
    let skipped: Vec<&str> = r.findings.iter().filter(|f| f.status == Status::Skip).map(|f| f.check.as_str()).collect();
    assert_eq!(
        skipped,
        vec![
            "network.ipv6",
            "network.ipv6",
            "instance.ecs-init",
            "taskdef.network-mode",
            "taskdef.compatibility",
            "network.pull-path",
            "taskdef.execution-role",
            "taskdef.execution-role-permissions",
            "taskdef.log-group",
            "service.network-configuration",
            "service.load-balancers"
        ],
        "ecs-init is reported as not verifiable, never as passed; nothing else is skipped but what was not asked for"
    );
    let cap = &r.json["capacity"][0];
    assert_eq!(cap["cluster"], "prod");
    assert_eq!(cap["total"]["slots"], 20, "two trunked c5.large: 10 task slots each");
    assert_eq!(cap["total"]["used"], 2);
    assert_eq!(cap["total"]["free"], 18);
    assert_eq!(cap["zones"].as_array().unwrap().len(), 2);
    assert_eq!(cap["instances"][0]["max_enis"], 3);
    assert_eq!(cap["instances"][0]["trunking"], true);
}

/// The broken instance alone: no instance can host awsvpc tasks.
fn alone(broken: Value) -> Cluster {
    let mut only = healthy(0);
    for (k, v) in broken.as_object().unwrap() {
        only[k] = v.clone();
    }
    Cluster::new(vec![only], json!({"role": {"awsvpcTrunking": "enabled"}}))
}

/// An instance that cannot host awsvpc tasks is a warning while the cluster's other instances
/// can (ECS places the tasks there), and a failure when it is the only one.
#[test]
fn old_agent_warns_beside_capable_instances_and_fails_alone() {
    let broken = json!({"agent": "1.9.0", "trunk": false, "subnet": 0});
    let s = Cluster::healthy_with(broken.clone());
    let r = s.check_cmd().checked();
    r.expect(exit::OK);
    // 1.9.0 < 1.15.0 numerically (a string comparison would say otherwise).
    assert_eq!(
        r.problems(),
        vec![
            p("instance.agent-version", Status::Warn, &s.instance(2)),
            p("instance.trunk-eni", Status::Warn, &s.instance(2))
        ]
    );
    assert!(r.finding("instance.agent-version", &s.instance(2)).message.as_str().contains("1.15.0"));
    let cap = r.finding("capacity.instance", &s.instance(2));
    assert!(cap.status == Status::Skip && cap.message.contains("0 usable"), "{cap:?}");
    let a = alone(broken);
    let r = a.check_cmd().checked();
    r.expect(exit::FOUND_PROBLEM);
    let own = vec![
        p("instance.agent-version", Status::Fail, &a.instance(0)),
        p("instance.trunk-eni", Status::Warn, &a.instance(0)),
    ];
    assert_eq!(r.problems(), a.alone_problems(own));
}

#[test]
fn agent_too_old_for_trunking_warns() {
    let s = Cluster::healthy_with(json!({"agent": "1.20.0", "trunk": true, "subnet": 0}));
    let r = s.check_cmd().checked();
    r.expect(exit::OK);
    assert_eq!(r.problems(), vec![p("instance.agent-version", Status::Warn, &s.instance(2))]);
}

#[test]
fn missing_task_eni_capability_warns_beside_capable_instances_and_fails_alone() {
    let broken = json!({"capability": false, "subnet": 0, "tasks": 0});
    let s = Cluster::healthy_with(broken.clone());
    let r = s.check_cmd().checked();
    r.expect(exit::OK);
    assert_eq!(r.problems(), vec![p("instance.task-eni", Status::Warn, &s.instance(2))]);
    assert_eq!(r.finding("capacity.instance", &s.instance(2)).status, Status::Skip, "unusable instances add no slots");
    let a = alone(broken);
    let r = a.check_cmd().checked();
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(r.problems(), a.alone_problems(vec![p("instance.task-eni", Status::Fail, &a.instance(0))]));
}

#[test]
fn windows_server_2016_cannot_host_awsvpc() {
    let broken = json!({"os": "windows", "os_family": "WINDOWS_SERVER_2016_FULL", "agent": "1.60.0", "trunk": false, "subnet": 0, "tasks": 0});
    let s = Cluster::healthy_with(broken.clone());
    let r = s.check_cmd().checked();
    r.expect(exit::OK);
    assert_eq!(r.problems(), vec![p("instance.os", Status::Warn, &s.instance(2))]);
    // It hosts no awsvpc task at all, trunked or not: the others do.
    let r = s.check_cmd().require("trunking").checked();
    assert_eq!(r.finding("instance.os", &s.instance(2)).status, Status::Warn);
    let a = alone(broken);
    let r = a.check_cmd().checked();
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(r.problems(), a.alone_problems(vec![p("instance.os", Status::Fail, &a.instance(0))]));
}

#[test]
fn agent_disconnected_and_registration_failed() {
    let s = Cluster::healthy_with(json!({"connected": false, "subnet": 0}));
    let r = s.check_cmd().checked();
    r.expect(exit::OK);
    assert_eq!(r.problems(), vec![p("instance.status", Status::Warn, &s.instance(2))]);
    let a = alone(json!({"connected": false, "subnet": 0}));
    let r = a.check_cmd().checked();
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(r.problems(), a.alone_problems(vec![p("instance.status", Status::Fail, &a.instance(0))]));

    let s = Cluster::healthy_with(json!({"status": "REGISTRATION_FAILED", "subnet": 0, "tasks": 0}));
    let r = s.check_cmd().checked();
    r.expect(exit::OK);
    assert_eq!(r.problems(), vec![p("instance.status", Status::Warn, &s.instance(2))]);
    assert!(r.finding("instance.status", &s.instance(2)).message.as_str().contains("Trunk ENI could not be attached"));
}

#[test]
fn trunking_enabled_for_the_role_but_instance_has_no_trunk() {
    let s = Cluster::healthy_with(json!({"trunk": false, "subnet": 1, "tasks": 0}));
    let r = s.check_cmd().checked();
    assert_eq!(r.code, exit::OK, "a warning alone");
    assert_eq!(r.problems(), vec![p("instance.trunk-eni", Status::Warn, &s.instance(2))]);
    let msg = r.finding("instance.trunk-eni", &s.instance(2)).message.as_str().to_string();
    assert!(msg.contains("fits 2 tasks instead of 10"), "{msg}");
    let r = s.check_cmd().require("trunking").checked();
    r.expect(exit::FOUND_PROBLEM);
}

/// The classic trap: trunking "enabled", but for the caller, not for the instance role.
#[test]
fn trunking_enabled_for_the_wrong_principal() {
    let plain = |subnet: usize| json!({"trunk": false, "subnet": subnet, "tasks": 0});
    let s = Cluster::new(vec![plain(0), plain(1)], json!({"caller": {"awsvpcTrunking": "enabled"}}));
    let r = s.check_cmd().checked();
    r.expect(exit::OK);
    assert_eq!(r.problems(), vec![p("account.awsvpc-trunking", Status::Warn, &s.role())]);
    let f = r.finding("account.awsvpc-trunking", &s.role());
    assert!(f.message.contains("principal that matters"));
    assert!(f.remediation.as_deref().unwrap().contains(&format!("--principal-arn {}", s.role())));

    let r = s.check_cmd().require("trunking").checked();
    r.expect(exit::FOUND_PROBLEM);
    let probs = r.problems();
    assert!(probs.contains(&p("account.awsvpc-trunking", Status::Fail, &s.role())), "{probs:?}");
    assert!(probs.contains(&p("instance.trunk-eni", Status::Fail, &s.instance(0))), "{probs:?}");
}

#[test]
fn account_default_is_reported() {
    let s = Cluster::new(vec![healthy(0), healthy(1)], json!({"default": {"awsvpcTrunking": "enabled"}}));
    let r = s.check_cmd().checked();
    assert_eq!(r.code, exit::OK, "{:#}", r.json);
    let account = s.role().split(':').nth(4).unwrap().to_string();
    let root = format!("arn:aws:iam::{account}:root");
    assert!(r.finding("account.awsvpc-trunking", &root).message.as_str().contains("enabled as the account default"));
    // The role inherits the default: in force for it too.
    assert_eq!(r.finding("account.awsvpc-trunking", &s.role()).status, Status::Pass);
}

#[test]
fn eni_attached_by_hand_warns() {
    let s = Cluster::healthy_with(json!({"manual_enis": 1, "subnet": 0}));
    let r = s.check_cmd().checked();
    r.expect(exit::OK);
    assert_eq!(r.problems(), vec![p("instance.manual-enis", Status::Warn, &s.instance(2))]);
}

#[test]
fn full_instances_and_tasks_that_do_not_fit() {
    // Two c5.large without trunking, each with its 2 slots used.
    let full = |subnet: usize| json!({"trunk": false, "subnet": subnet, "tasks": 2});
    let s = Cluster::new(vec![full(0), full(1)], json!({}));
    let r = s.check_cmd().checked();
    assert_eq!(r.code, exit::OK, "full is a warning until tasks are asked for");
    let mut expected = vec![
        p("capacity.cluster", Status::Warn, "prod"),
        p("capacity.instance", Status::Warn, &s.instance(0)),
        p("capacity.instance", Status::Warn, &s.instance(1)),
    ];
    expected.sort();
    assert_eq!(r.problems(), expected);
    let r = s.check_cmd().opt("--tasks", "3").checked();
    r.expect(exit::FOUND_PROBLEM);
    let f = r.finding("capacity.cluster", "prod");
    assert_eq!(f.status, Status::Fail);
    assert!(f.message.contains("3 tasks do not fit"));
    let fix = f.remediation.as_deref().unwrap();
    assert!(fix.contains("enable ENI trunking") && fix.contains("+16 slots"), "{fix}");
    assert!(fix.contains(&s.role()), "{fix}");
    assert_eq!(r.json["capacity"][0]["total"]["slots_with_trunking"], 20);
    assert_eq!(
        r.json["capacity"][0]["instances"][0]["trunking_note"],
        "awsvpcTrunking is not enabled for the instance role"
    );
}

#[test]
fn subnet_in_an_az_without_instances() {
    let s = Cluster::new(vec![healthy(0)], json!({"role": {"awsvpcTrunking": "enabled"}}));
    let r = s.check_cmd().checked();
    r.expect(exit::OK);
    let other = s.seed.private_subnets()[1].clone();
    assert_eq!(r.problems(), vec![p("network.instance-azs", Status::Warn, &other)]);
    let r = s.check_cmd().launch_type("FARGATE").checked();
    assert_eq!(r.problems(), vec![], "Fargate needs no container instance");
}

#[test]
fn unknown_cluster_is_invalid_input_and_all_clusters_works() {
    let s = Cluster::new(vec![healthy(0), healthy(1)], json!({"role": {"awsvpcTrunking": "enabled"}}));
    s.acct.awsvpc("check").cluster("nope").run().expect_clean_error(exit::USAGE, "cluster nope was not found");
    let r = s.acct.awsvpc("check").all_clusters().checked();
    r.expect(exit::OK);
    assert_eq!(r.json["capacity"][0]["cluster"], "prod");
}

/// 500 container instances and 2,000 tasks: calls per operation follow the batch arithmetic.
#[test]
fn call_counts_at_500_instances_and_2000_tasks() {
    let acct = Account::new();
    let seed = acct
        .seed(Seed::scenario("big_cluster").with("instances", 500).with("tasks", 2000).with("allow_principals", true));
    assert_eq!(seed["tasks"], 2000);
    let subnets = seed.private_subnets();
    acct.clear_calls();
    let r = acct.awsvpc("check").cluster("big").subnets(&subnets).checked();
    assert_eq!(r.json["capacity"][0]["total"]["instances"], 500);
    assert_eq!(r.json["capacity"][0]["total"]["used"], 2000);
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    for c in acct.calls() {
        *counts.entry(c).or_default() += 1;
    }
    let expected: std::collections::BTreeMap<String, usize> = [
        ("ecs.ListContainerInstances", 5),
        ("ecs.DescribeContainerInstances", 5),
        ("ecs.ListTasks", 20),
        ("ecs.DescribeTasks", 20),
        ("ec2.DescribeInstances", 3),
        ("ec2.DescribeNetworkInterfaces", 3),
        ("ec2.DescribeInstanceTypes", 1),
        ("iam.GetInstanceProfile", 1),
        // The caller and the account default: 12 settings in pages of at most 10; the instance
        // role: awsvpcTrunking by name.
        ("ecs.ListAccountSettings", 5),
        ("iam.GetRole", 1),
        ("ec2.DescribeSubnets", 1),
        ("ec2.DescribeRouteTables", 1),
        ("ec2.DescribeVpcAttribute", 2),
        // The cluster's default capacity provider strategy (it has none: no DescribeCapacityProviders).
        ("ecs.DescribeClusters", 1),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(counts, expected);
}

#[test]
fn shared_subnet_with_trunking() {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().params(
        json!({"instances": [healthy(0), healthy(1)], "settings": {"role": {"awsvpcTrunking": "enabled"}}, "shared_subnet": true,
               "allow_principals": true}),
    ));
    let subnets = seed.private_subnets();
    let r = acct.awsvpc("check").cluster("prod").subnets(&subnets).checked();
    r.expect(exit::OK);
    assert_eq!(r.problems(), vec![p("network.shared-subnets", Status::Warn, &subnets[1])]);
    let r = acct.awsvpc("check").cluster("prod").subnets(&subnets).require("trunking").checked();
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(r.problems(), vec![p("network.shared-subnets", Status::Fail, &subnets[1])]);
}

#[test]
fn subnets_outside_the_instances_vpc() {
    let s = Cluster::new(vec![healthy(0), healthy(1)], json!({"role": {"awsvpcTrunking": "enabled"}}));
    let other = s.acct.seed(Seed::mixed().params(
        json!({"cluster": "other", "ec2": 0, "fargate": 0, "bridge": 0, "stopped": 0, "instances": 0, "service_linked_role": false}),
    ));
    let r = s.acct.awsvpc("check").cluster("prod").subnets(other.private_subnets()).checked();
    r.expect(exit::FOUND_PROBLEM);
    // No instance can take an ENI of the subnets: none of their slots count either.
    assert_eq!(
        r.problems(),
        vec![p("capacity.cluster", Status::Warn, "prod"), p("network.instances-vpc", Status::Fail, "prod")]
    );
    // Both VPCs are in scope for the DNS checks: the subnets' and the instances'.
    assert_eq!(r.statuses("vpc.dns-support").len(), 2);
}

#[test]
fn cluster_alone_checks_the_instances_vpc_dns() {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().params(
        json!({"instances": [healthy(0)], "settings": {"role": {"awsvpcTrunking": "enabled"}}, "dns_support": false}),
    ));
    let r = acct.awsvpc("check").cluster("prod").checked();
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(r.problems(), vec![p("vpc.dns-support", Status::Fail, &seed.vpc())]);
}
