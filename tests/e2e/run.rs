//! `awsvpc run` against the emulator (made to behave as AWS does: idempotent client tokens,
//! ENI-slot placement with failures[]). Its waits, signals and `awsvpc stop` are in run_wait.rs.

use awsvpc::exit;
use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::builder::{Awsvpc, Seed, Seeded};
use crate::harness::{Account, strings};

pub struct Env {
    pub acct: Account,
    pub seed: Seeded,
}

/// A cluster of `instances`, trunking enabled for their role, a service `web` behind an ip
/// target group.
fn env_with(instances: Value) -> Env {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().with("instances", instances).params(json!({
        "settings": {"role": {"awsvpcTrunking": "enabled"}},
        "services": [{"name": "web", "target_type": "ip"}]
    })));
    Env { acct, seed }
}

/// A cluster with two trunked c5.large (10 task slots each), trunking enabled for the role.
pub fn env() -> Env {
    env_with(json!([{"trunk": true, "subnet": 0}, {"trunk": true, "subnet": 1}]))
}

impl Env {
    /// `awsvpc run` on cluster prod in the seed's private subnets and security group, polling
    /// every 0.1 s.
    pub fn run(&self) -> Awsvpc<'_> {
        self.acct
            .awsvpc("run")
            .cluster("prod")
            .subnets(self.seed.private_subnets())
            .security_groups(self.seed.security_group())
            .opt("--poll-interval", "0.1")
    }

    /// Every task of the cluster meant to run, from the emulator's own state (not the product).
    pub fn task_ids(&self) -> BTreeSet<String> {
        self.acct.running_tasks("prod")
    }
}

#[test]
fn launch_on_ec2_and_fargate_count_3_and_the_enis_match_describe_tasks() {
    let e = env();
    let before = e.task_ids();
    for (td, lt) in [("web", "EC2"), ("worker", "FARGATE")] {
        let v = e.run().task_definition(td).launch_type(lt).count(3).yes().json_ok(exit::OK);
        assert_eq!(v["launched"], true);
        assert_eq!(v["launch_type"], lt);
        let arns = strings(&v["task_arns"]);
        assert_eq!(arns.len(), 3);
        let shown: BTreeSet<String> = v["tasks"]["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["enis"][0]["eni_id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(shown.len(), 3);
        // The same tasks through DescribeTasks (awsvpc enis): the same ENIs, RUNNING.
        let d = e.acct.awsvpc("enis").cluster("prod").json().tasks(&arns).expect(exit::OK);
        let described: BTreeSet<String> = d.json()["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                assert_eq!(t["last_status"], "RUNNING");
                t["enis"][0]["eni_id"].as_str().unwrap().to_string()
            })
            .collect();
        assert_eq!(shown, described);
    }
    assert_eq!(e.task_ids().len(), before.len() + 6);
}

#[test]
fn bad_input_launches_nothing() {
    let e = env();
    let before = e.task_ids();
    let subnets = e.seed.private_subnets();
    let many: Vec<String> = (0..17).map(|i| format!("subnet-{:017x}", i + 1)).collect();
    let many_sgs: Vec<String> = (0..6).map(|i| format!("sg-{:017x}", i + 1)).collect();
    let run = || e.acct.awsvpc("run").cluster("prod");
    let web = || run().task_definition("web").subnets(&subnets);
    let cases: Vec<(Awsvpc, &str)> = vec![
        (run().task_definition("web").subnets(&many).yes(), "--subnets"),
        (web().security_groups(&many_sgs).yes(), "--security-groups"),
        (web().count(11).yes(), "--count"),
        (web().assign_public_ip("ENABLED").yes(), "--assign-public-ip"),
        (run().task_definition("legacy").subnets(&subnets).yes(), "network mode awsvpc"),
        (run().task_definition("nope").subnets(&subnets).yes(), "nope"),
        (run().task_definition("web").subnets("subnet-0123456789abcdef0").yes(), "--subnets"),
        (run().task_definition("web").subnets("subnet-xyz").yes(), "--subnets"),
        (web().opt("--client-token", "has space").yes(), "--client-token"),
        (web().opt("--tag", "novalue").yes(), "--tag"),
        (web().opt("--env", "app:SECRET_TOKEN").yes(), "--env"),
        (web(), "--yes"),
        (run().subnets(&subnets).yes(), "--task-definition"),
        (run().task_definition("web").yes(), "--subnets"),
        (web().launch_type("EC2").opt("--capacity-provider", "FARGATE").yes(), "--capacity-provider"),
        (web().opt("--timeout", "soon").yes(), "--timeout"),
    ];
    for (cmd, needle) in cases {
        let line = format!("{cmd:?}");
        e.acct.clear_calls();
        cmd.run().expect_clean_error(exit::USAGE, needle);
        assert!(!e.acct.calls().contains(&"ecs.RunTask".to_string()), "{line}");
    }
    // Two VPCs: subnets of one, a security group of another.
    let other = e.acct.seed(Seed::mixed().params(json!({
        "cluster": "other", "ec2": 0, "fargate": 0, "bridge": 0, "stopped": 0, "instances": 0,
        "service_linked_role": false
    })));
    web().security_groups(other.security_group()).yes().run().expect_clean_error(exit::USAGE, "one VPC");
    assert_eq!(e.task_ids(), before, "no task exists afterwards");
}

#[test]
fn env_values_are_never_echoed() {
    let e = env();
    let r = e.run().task_definition("web").opt("--env", "app:API_KEY=s3cr3t-value").dry_run().json().expect(exit::OK);
    assert!(!r.stdout.contains("s3cr3t-value") && !r.stderr.contains("s3cr3t-value"));
    assert_eq!(r.json()["request"]["overrides"]["containerOverrides"][0]["environment"][0]["value"], "***");
    let bad = e.run().task_definition("web").opt("--env", "bad container:K=s3cr3t-value").yes().expect(exit::USAGE);
    assert!(!bad.stderr.contains("s3cr3t-value"), "{}", bad.stderr);
}

#[test]
fn dry_run_prints_the_request_and_launches_nothing() {
    let e = env();
    e.acct.clear_calls();
    let v = e
        .run()
        .task_definition("web")
        .count(2)
        .opt("--tag", "team=core")
        .opt("--command", "app=[\"sh\",\"-c\",\"echo hi\"]")
        .opt("--client-token", "tok-1")
        .dry_run()
        .json_ok(exit::OK);
    assert_eq!(v["launched"], false);
    let req = &v["request"];
    assert_eq!(req["count"], 2);
    assert_eq!(req["clientToken"], "tok-1");
    assert_eq!(req["taskDefinition"], "web");
    assert_eq!(req["networkConfiguration"]["awsvpcConfiguration"]["assignPublicIp"], "DISABLED");
    assert_eq!(req["overrides"]["containerOverrides"][0]["command"], json!(["sh", "-c", "echo hi"]));
    assert_eq!(req["tags"][0], json!({"key": "team", "value": "core"}));
    assert!(!e.acct.calls().contains(&"ecs.RunTask".to_string()));
}

#[test]
fn full_instances_preflight_stops_and_runtask_failures_are_explained() {
    // Two untrunked c5.large (3 ENIs: 2 slots) with both slots used, one in each AZ; the task's
    // subnet is in the first AZ only.
    let e = env_with(json!([{"trunk": false, "subnet": 0, "tasks": 2}, {"trunk": false, "subnet": 1, "tasks": 2}]));
    let subnet = e.seed.private_subnets()[0].clone();
    let instance_id = e.seed["instances"][0]["instance_id"].as_str().unwrap().to_string();
    let elsewhere = e.seed["instances"][1]["instance_id"].as_str().unwrap().to_string();
    let base = || {
        e.acct
            .awsvpc("run")
            .cluster("prod")
            .task_definition("web")
            .subnets(&subnet)
            .security_groups(e.seed.security_group())
            .yes()
            .json()
    };
    e.acct.clear_calls();
    let r = base().expect(exit::FOUND_PROBLEM);
    let v = r.json();
    assert_eq!(v["launched"], false, "the preflight stopped the launch");
    assert!(
        v["preflight"].as_array().unwrap().iter().any(|f| f["check"] == "capacity.cluster" && f["status"] == "fail")
    );
    assert!(!e.acct.calls().contains(&"ecs.RunTask".to_string()));

    // --force launches anyway: RunTask answers failures[] RESOURCE:ENI, explained.
    let r = base().flag("--force").expect(exit::FOUND_PROBLEM);
    let v = r.json();
    assert_eq!(v["launched"], true);
    assert_eq!(v["task_arns"].as_array().unwrap().len(), 0);
    let f = &v["failures"][0];
    assert_eq!(f["reason"], "RESOURCE:ENI");
    assert_eq!(f["explanation"]["cause"], "eni-capacity");
    let text = f["explanation"]["explanation"].as_str().unwrap();
    assert!(text.contains(&instance_id) && text.contains("2 of 2 slots used"), "names the full instance: {text}");
    assert!(!text.contains(&elsewhere), "an instance outside the subnet's AZ could not have taken it: {text}");
    assert!(f["explanation"]["fix"].as_str().unwrap().contains("trunking"), "{f}");
    assert!(r.stderr.contains("RESOURCE:ENI"));

    // Without the preflight the explanation still names the instance.
    let r = base().flag("--no-preflight").expect(exit::FOUND_PROBLEM);
    assert!(r.json()["failures"][0]["explanation"]["explanation"].as_str().unwrap().contains(&instance_id));
}

#[test]
fn the_same_client_token_gives_the_same_tasks() {
    let e = env();
    let deploy = |count| e.run().task_definition("web").count(count).opt("--client-token", "deploy-42").yes();
    let first = deploy(2).json().expect(exit::OK);
    let again = deploy(2).json().expect(exit::OK);
    assert_eq!(first.json()["task_arns"], again.json()["task_arns"]);
    assert_eq!(e.task_ids().len(), 2);
    // The same token with another request: the tasks tied to it are named.
    let conflict = deploy(3).expect(exit::USAGE);
    let errors: Vec<&str> = conflict.stderr.lines().filter(|l| l.starts_with("awsvpc: error:")).collect();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].contains("ConflictException"), "{}", conflict.stderr);
    for arn in strings(&first.json()["task_arns"]) {
        assert!(conflict.stderr.contains(&arn), "{}", conflict.stderr);
    }
    assert_eq!(e.task_ids().len(), 2);
}

#[test]
fn runtask_throttled_twice_then_answered_launches_exactly_one_task() {
    let e = env();
    e.acct.fault(json!({"service": "ecs", "operation": "RunTask", "kind": "throttle", "times": 2}));
    e.acct.clear_calls();
    e.run().task_definition("web").yes().json().opt("--max-attempts", "5").expect(exit::OK);
    assert_eq!(e.acct.count("ecs.RunTask"), 3, "two throttled attempts and one answered");
    assert_eq!(e.task_ids().len(), 1);
}

#[test]
fn like_service_takes_its_task_definition_and_network() {
    let e = env();
    let v = e
        .acct
        .awsvpc("run")
        .cluster("prod")
        .opt("--like-service", "web")
        .count(2)
        .yes()
        .opt("--poll-interval", "0.1")
        .json_ok(exit::OK);
    assert!(v["task_definition"].as_str().unwrap().contains("task-definition/web"), "{v}");
    let used: BTreeSet<String> = v["tasks"]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["enis"][0]["subnet_id"].as_str().unwrap().to_string())
        .collect();
    let service_subnets: BTreeSet<String> = e.seed.private_subnets().into_iter().collect();
    assert!(used.is_subset(&service_subnets));
}

/// Without --security-groups the task ENI gets the VPC's default group, as in AWS (moto used to
/// answer HTTP 500 without the key; the launcher patches it).
#[test]
fn without_security_groups_the_vpc_default_group_is_used() {
    let e = env();
    let v = e
        .acct
        .awsvpc("run")
        .cluster("prod")
        .task_definition("web")
        .subnets(e.seed.private_subnets())
        .yes()
        .opt("--poll-interval", "0.1")
        .json_ok(exit::OK);
    assert_eq!(v["tasks"]["tasks"][0]["enis"][0]["ec2"]["security_groups"][0]["name"], "default");
}

/// A preflight check that could not be evaluated (the service-linked role unreadable) stops the
/// launch as a failure does: no RunTask call, exit 3; --force launches anyway.
#[test]
fn a_preflight_that_cannot_evaluate_does_not_launch() {
    let e = env();
    e.acct.fault(json!({"service": "iam", "operation": "GetRole", "kind": "500", "times": 1000}));
    e.acct.clear_calls();
    let v = e.run().task_definition("web").yes().opt("--max-attempts", "1").json_ok(exit::AWS_UNAVAILABLE);
    assert_eq!(v["launched"], false);
    assert!(!e.acct.calls().contains(&"ecs.RunTask".to_string()), "nothing launched");
    let r =
        e.run().task_definition("web").yes().flag("--force").flag("--no-wait").opt("--max-attempts", "1").json().run();
    e.acct.clear_faults();
    assert_eq!(r.json()["launched"], true, "{}", r.stderr);
}
