//! `awsvpc run` and `awsvpc stop` against the emulator (made to behave as AWS does: idempotent
//! client tokens, ENI-slot placement with failures[], the task lifecycle by time).

use awsvpc::exit;
use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::harness::{Account, Run, strings};

struct Env {
    acct: Account,
    seed: Value,
}

/// A cluster with two trunked c5.large (10 task slots each), trunking enabled for the role.
fn env_with(instances: Value) -> Env {
    let acct = Account::new();
    let seed = acct.seed_raw(
        "cluster",
        json!({"instances": instances, "settings": {"role": {"awsvpcTrunking": "enabled"}},
               "services": [{"name": "web", "target_type": "ip"}]}),
    );
    Env { acct, seed }
}

fn env() -> Env {
    env_with(json!([{"trunk": true, "subnet": 0}, {"trunk": true, "subnet": 1}]))
}

impl Env {
    fn subnets(&self) -> String {
        strings(&self.seed["network"]["private_subnets"]).join(",")
    }

    fn sg(&self) -> String {
        self.seed["network"]["security_group"].as_str().unwrap().to_string()
    }

    fn run(&self, extra: &[&str]) -> Run {
        let subnets = self.subnets();
        let sg = self.sg();
        let mut args =
            vec!["run", "--cluster", "prod", "--subnets", &subnets, "--security-groups", &sg, "--poll-interval", "0.1"];
        args.extend_from_slice(extra);
        self.acct.awsvpc_args(&args)
    }

    /// Every task of the cluster meant to run, from the emulator's own state (not the product).
    fn task_ids(&self) -> BTreeSet<String> {
        self.acct.running_tasks("prod")
    }
}

#[test]
fn launch_on_ec2_and_fargate_count_3_and_the_enis_match_describe_tasks() {
    let e = env();
    let before = e.task_ids();
    for (td, lt) in [("web", "EC2"), ("worker", "FARGATE")] {
        let r = e.run(&["--task-definition", td, "--launch-type", lt, "--count", "3", "--yes", "--output", "json"]);
        r.expect(exit::OK);
        let v = r.json();
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
        let mut args = vec!["enis", "--cluster", "prod", "--output", "json"];
        args.extend(arns.iter().map(String::as_str));
        let d = e.acct.awsvpc_args(&args);
        d.expect(exit::OK);
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
    let subnets = e.subnets();
    let many: Vec<String> = (0..17).map(|i| format!("subnet-{:017x}", i + 1)).collect();
    let many_sgs: Vec<String> = (0..6).map(|i| format!("sg-{:017x}", i + 1)).collect();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["--task-definition".into(), "web".into(), "--subnets".into(), many.join(","), "--yes".into()],
            "--subnets",
        ),
        (
            vec![
                "--task-definition".into(),
                "web".into(),
                "--subnets".into(),
                subnets.clone(),
                "--security-groups".into(),
                many_sgs.join(","),
                "--yes".into(),
            ],
            "--security-groups",
        ),
        (
            vec![
                "--task-definition".into(),
                "web".into(),
                "--subnets".into(),
                subnets.clone(),
                "--count".into(),
                "11".into(),
                "--yes".into(),
            ],
            "--count",
        ),
        (
            vec![
                "--task-definition".into(),
                "web".into(),
                "--subnets".into(),
                subnets.clone(),
                "--assign-public-ip".into(),
                "ENABLED".into(),
                "--yes".into(),
            ],
            "--assign-public-ip",
        ),
        (
            vec!["--task-definition".into(), "legacy".into(), "--subnets".into(), subnets.clone(), "--yes".into()],
            "network mode awsvpc",
        ),
        (vec!["--task-definition".into(), "nope".into(), "--subnets".into(), subnets.clone(), "--yes".into()], "nope"),
        (
            vec![
                "--task-definition".into(),
                "web".into(),
                "--subnets".into(),
                "subnet-0123456789abcdef0".into(),
                "--yes".into(),
            ],
            "--subnets",
        ),
        (
            vec!["--task-definition".into(), "web".into(), "--subnets".into(), "subnet-xyz".into(), "--yes".into()],
            "--subnets",
        ),
        (
            vec![
                "--task-definition".into(),
                "web".into(),
                "--subnets".into(),
                subnets.clone(),
                "--client-token".into(),
                "has space".into(),
                "--yes".into(),
            ],
            "--client-token",
        ),
        (
            vec![
                "--task-definition".into(),
                "web".into(),
                "--subnets".into(),
                subnets.clone(),
                "--tag".into(),
                "novalue".into(),
                "--yes".into(),
            ],
            "--tag",
        ),
        (
            vec![
                "--task-definition".into(),
                "web".into(),
                "--subnets".into(),
                subnets.clone(),
                "--env".into(),
                "app:SECRET_TOKEN".into(),
                "--yes".into(),
            ],
            "--env",
        ),
        (vec!["--task-definition".into(), "web".into(), "--subnets".into(), subnets.clone()], "--yes"),
        (vec!["--subnets".into(), subnets.clone(), "--yes".into()], "--task-definition"),
        (vec!["--task-definition".into(), "web".into(), "--yes".into()], "--subnets"),
        (
            vec![
                "--task-definition".into(),
                "web".into(),
                "--subnets".into(),
                subnets.clone(),
                "--launch-type".into(),
                "EC2".into(),
                "--capacity-provider".into(),
                "FARGATE".into(),
                "--yes".into(),
            ],
            "--capacity-provider",
        ),
        (
            vec![
                "--task-definition".into(),
                "web".into(),
                "--subnets".into(),
                subnets.clone(),
                "--timeout".into(),
                "soon".into(),
                "--yes".into(),
            ],
            "--timeout",
        ),
    ];
    for (args, needle) in cases {
        let mut all = vec!["run", "--cluster", "prod"];
        all.extend(args.iter().map(String::as_str));
        e.acct.clear_calls();
        e.acct.awsvpc_args(&all).expect_clean_error(exit::USAGE, needle);
        assert!(!e.acct.calls().contains(&"ecs.RunTask".to_string()), "{args:?}");
    }
    // Two VPCs: subnets of one, a security group of another.
    let other = e.acct.seed_raw("mixed", json!({"cluster": "other", "ec2": 0, "fargate": 0, "bridge": 0, "stopped": 0, "instances": 0, "service_linked_role": false}));
    let other_sg = other["network"]["security_group"].as_str().unwrap();
    e.acct
        .awsvpc_args(&[
            "run",
            "--cluster",
            "prod",
            "--task-definition",
            "web",
            "--subnets",
            &subnets,
            "--security-groups",
            other_sg,
            "--yes",
        ])
        .expect_clean_error(exit::USAGE, "one VPC");
    assert_eq!(e.task_ids(), before, "no task exists afterwards");
}

#[test]
fn env_values_are_never_echoed() {
    let e = env();
    let r = e.run(&["--task-definition", "web", "--env", "app:API_KEY=s3cr3t-value", "--dry-run", "--output", "json"]);
    r.expect(exit::OK);
    assert!(!r.stdout.contains("s3cr3t-value") && !r.stderr.contains("s3cr3t-value"));
    assert_eq!(r.json()["request"]["overrides"]["containerOverrides"][0]["environment"][0]["value"], "***");
    let bad = e.run(&["--task-definition", "web", "--env", "bad container:K=s3cr3t-value", "--yes"]);
    bad.expect(exit::USAGE);
    assert!(!bad.stderr.contains("s3cr3t-value"), "{}", bad.stderr);
}

#[test]
fn dry_run_prints_the_request_and_launches_nothing() {
    let e = env();
    e.acct.clear_calls();
    let r = e.run(&[
        "--task-definition",
        "web",
        "--count",
        "2",
        "--tag",
        "team=core",
        "--command",
        "app=[\"sh\",\"-c\",\"echo hi\"]",
        "--client-token",
        "tok-1",
        "--dry-run",
        "--output",
        "json",
    ]);
    r.expect(exit::OK);
    let v = r.json();
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
    let subnet = strings(&e.seed["network"]["private_subnets"])[0].clone();
    let sg = e.sg();
    let instance_id = e.seed["instances"][0]["instance_id"].as_str().unwrap().to_string();
    let elsewhere = e.seed["instances"][1]["instance_id"].as_str().unwrap().to_string();
    let base = [
        "run",
        "--cluster",
        "prod",
        "--task-definition",
        "web",
        "--subnets",
        &subnet,
        "--security-groups",
        &sg,
        "--yes",
        "--output",
        "json",
    ];
    e.acct.clear_calls();
    let r = e.acct.awsvpc_args(&base);
    r.expect(exit::FOUND_PROBLEM);
    let v = r.json();
    assert_eq!(v["launched"], false, "the preflight stopped the launch");
    assert!(
        v["preflight"].as_array().unwrap().iter().any(|f| f["check"] == "capacity.cluster" && f["status"] == "fail")
    );
    assert!(!e.acct.calls().contains(&"ecs.RunTask".to_string()));

    // --force launches anyway: RunTask answers failures[] RESOURCE:ENI, explained.
    let mut forced = base.to_vec();
    forced.push("--force");
    let r = e.acct.awsvpc_args(&forced);
    r.expect(exit::FOUND_PROBLEM);
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
    let mut no_preflight = base.to_vec();
    no_preflight.push("--no-preflight");
    let r = e.acct.awsvpc_args(&no_preflight);
    r.expect(exit::FOUND_PROBLEM);
    assert!(r.json()["failures"][0]["explanation"]["explanation"].as_str().unwrap().contains(&instance_id));
}

#[test]
fn the_same_client_token_gives_the_same_tasks() {
    let e = env();
    let first = e.run(&[
        "--task-definition",
        "web",
        "--count",
        "2",
        "--client-token",
        "deploy-42",
        "--yes",
        "--output",
        "json",
    ]);
    first.expect(exit::OK);
    let again = e.run(&[
        "--task-definition",
        "web",
        "--count",
        "2",
        "--client-token",
        "deploy-42",
        "--yes",
        "--output",
        "json",
    ]);
    again.expect(exit::OK);
    assert_eq!(first.json()["task_arns"], again.json()["task_arns"]);
    assert_eq!(e.task_ids().len(), 2);
    // The same token with another request: the tasks tied to it are named.
    let conflict = e.run(&["--task-definition", "web", "--count", "3", "--client-token", "deploy-42", "--yes"]);
    conflict.expect(exit::USAGE);
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
    let r = e.run(&["--task-definition", "web", "--yes", "--output", "json", "--max-attempts", "5"]);
    r.expect(exit::OK);
    assert_eq!(e.acct.count("ecs.RunTask"), 3, "two throttled attempts and one answered");
    assert_eq!(e.task_ids().len(), 1);
}

#[test]
fn waits_through_provisioning_and_pending() {
    let e = env();
    e.acct.lifecycle(
        json!({"steps": [["PROVISIONING", "PRECREATED", 0.4], ["PENDING", "ATTACHED", 0.4], ["RUNNING", "ATTACHED"]]}),
    );
    let r = e.run(&["--task-definition", "web", "--yes", "--output", "json"]);
    r.expect(exit::OK);
    let order: Vec<&str> = ["PROVISIONING", "PENDING", "RUNNING"].into_iter().collect();
    let mut pos = 0;
    for status in &order {
        let at = r.stderr[pos..].find(status).unwrap_or_else(|| panic!("{status} after {pos} in:\n{}", r.stderr));
        pos += at;
    }
    assert!(r.stderr.contains("ENI PRECREATED") && r.stderr.contains("ENI ATTACHED"), "{}", r.stderr);
    assert_eq!(r.json()["tasks"]["tasks"][0]["last_status"], "RUNNING");
}

#[test]
fn eni_provisioning_timeout_is_explained() {
    let e = env();
    e.acct.lifecycle(json!({
        "steps": [["PROVISIONING", "PRECREATED", 0.4], ["PENDING", "ATTACHED", 30], ["RUNNING", "ATTACHED"]],
        "stop": {"after_secs": 0.8, "stop_code": "TaskFailedToStart", "reason": "Timeout waiting for network interface provisioning to complete."}
    }));
    let r = e.run(&["--task-definition", "web", "--yes", "--output", "json"]);
    r.expect(exit::FOUND_PROBLEM);
    let v = r.json();
    assert_eq!(v["stopped"][0]["stop_code"], "TaskFailedToStart");
    assert_eq!(v["stopped"][0]["explanation"]["cause"], "eni-provisioning-timeout");
    assert!(r.stderr.contains("stopped"), "{}", r.stderr);
}

#[test]
fn timeout_expiry_reports_the_states() {
    let e = env();
    e.acct.lifecycle(json!({"steps": [["PROVISIONING", "PRECREATED", 3600], ["RUNNING", "ATTACHED"]]}));
    let r = e.run(&["--task-definition", "web", "--yes", "--output", "json", "--timeout", "1s"]);
    r.expect(exit::FOUND_PROBLEM);
    let v = r.json();
    assert_eq!(v["timed_out"], true);
    assert!(r.stderr.contains("timed out") && r.stderr.contains("PROVISIONING"), "{}", r.stderr);
}

#[test]
fn no_wait_returns_at_once() {
    let e = env();
    e.acct.lifecycle(json!({"steps": [["PROVISIONING", "PRECREATED", 3600], ["RUNNING", "ATTACHED"]]}));
    e.acct.clear_calls();
    let r = e.run(&["--task-definition", "web", "--yes", "--no-wait", "--output", "json"]);
    r.expect(exit::OK);
    assert_eq!(r.json()["waited"], false);
    assert_eq!(e.acct.count("ecs.DescribeTasks"), 0);
}

#[test]
fn like_service_takes_its_task_definition_and_network() {
    let e = env();
    let r = e.acct.awsvpc_args(&[
        "run",
        "--cluster",
        "prod",
        "--like-service",
        "web",
        "--count",
        "2",
        "--yes",
        "--output",
        "json",
        "--poll-interval",
        "0.1",
    ]);
    r.expect(exit::OK);
    let v = r.json();
    assert!(v["task_definition"].as_str().unwrap().contains("task-definition/web"), "{v}");
    let used: BTreeSet<String> = v["tasks"]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["enis"][0]["subnet_id"].as_str().unwrap().to_string())
        .collect();
    let service_subnets: BTreeSet<String> = strings(&e.seed["network"]["private_subnets"]).into_iter().collect();
    assert!(used.is_subset(&service_subnets));
}

#[test]
fn stop_waits_until_the_enis_are_released() {
    let e = env();
    let r = e.run(&["--task-definition", "web", "--count", "2", "--yes", "--output", "json"]);
    r.expect(exit::OK);
    let arns = strings(&r.json()["task_arns"]);
    let enis: BTreeSet<String> = r.json()["tasks"]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["enis"][0]["eni_id"].as_str().unwrap().to_string())
        .collect();
    assert!(enis.is_subset(&e.acct.backend_enis()), "EC2 holds the running tasks' ENIs");
    e.acct.lifecycle(json!({"step_secs": 0.3}));
    let unknown = "0123456789abcdef0123456789abcdef";
    // Without a terminal, --yes is required, and nothing is stopped without it.
    e.acct.awsvpc_args(&["stop", "--cluster", "prod", &arns[0]]).expect_clean_error(exit::USAGE, "--yes");
    let mut args = vec!["stop", "--cluster", "prod", "--yes", "--output", "json", "--poll-interval", "0.1", unknown];
    args.extend(arns.iter().map(String::as_str));
    let s = e.acct.awsvpc_args(&args);
    s.expect(exit::FOUND_PROBLEM);
    let v = s.json();
    assert_eq!(v["not_found"].as_array().unwrap().len(), 1, "unknown tasks are reported, not fatal");
    let stopped = v["stopped"].as_array().unwrap();
    assert_eq!(stopped.len(), 2);
    let released: BTreeSet<String> = stopped
        .iter()
        .flat_map(|t| {
            assert_eq!(t["last_status"], "STOPPED");
            t["enis"].as_array().unwrap().iter().map(|e| {
                assert_eq!(e["released"], true);
                assert_eq!(e["attachment_status"], "DELETED");
                e["eni_id"].as_str().unwrap().to_string()
            })
        })
        .collect();
    assert_eq!(released, enis);
    // Asked of EC2 itself (the emulator's state, not the product's word): the ENIs are deleted.
    let held = e.acct.backend_enis();
    assert!(enis.iter().all(|id| !held.contains(id)), "released ENIs still in EC2: {enis:?} in {held:?}");
    assert!(
        s.stderr.contains("DEACTIVATING") || s.stderr.contains("STOPPING"),
        "the wait showed progress: {}",
        s.stderr
    );
    // Stopping them again: already stopped, reported.
    let mut again = vec!["stop", "--cluster", "prod", "--yes", "--output", "json"];
    again.extend(arns.iter().map(String::as_str));
    let a = e.acct.awsvpc_args(&again);
    a.expect(exit::OK);
    assert_eq!(a.json()["already_stopped"].as_array().unwrap().len(), 2);
}

/// Without --security-groups the task ENI gets the VPC's default group, as in AWS (moto used to
/// answer HTTP 500 without the key; the launcher patches it).
#[test]
fn without_security_groups_the_vpc_default_group_is_used() {
    let e = env();
    let subnets = e.subnets();
    let r = e.acct.awsvpc_args(&[
        "run",
        "--cluster",
        "prod",
        "--task-definition",
        "web",
        "--subnets",
        &subnets,
        "--yes",
        "--output",
        "json",
        "--poll-interval",
        "0.1",
    ]);
    r.expect(exit::OK);
    assert_eq!(r.json()["tasks"]["tasks"][0]["enis"][0]["ec2"]["security_groups"][0]["name"], "default");
}

/// Ctrl-C while waiting leaves the tasks running, names them with the command that stops them,
/// and exits 130.
#[test]
fn interrupt_while_waiting_names_the_tasks() {
    signal_while_waiting("-INT", exit::INTERRUPTED, "interrupted");
}

/// A CI cancel (SIGTERM) and a closed terminal (SIGHUP) are handled like Ctrl-C: 143 and 129.
#[test]
fn terminate_and_hangup_while_waiting_name_the_tasks() {
    signal_while_waiting("-TERM", exit::TERMINATED, "terminated");
    signal_while_waiting("-HUP", exit::HANGUP, "hung up");
}

fn signal_while_waiting(signal: &str, expected: i32, word: &str) {
    let e = env();
    e.acct.lifecycle(json!({"steps": [["PROVISIONING", "PRECREATED", 3600], ["RUNNING", "ATTACHED"]]}));
    let subnets = e.subnets();
    let mut child = e
        .acct
        .cmd()
        .args([
            "run",
            "--cluster",
            "prod",
            "--task-definition",
            "web",
            "--subnets",
            &subnets,
            "--yes",
            "--poll-interval",
            "0.2",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = crate::harness::Lines::of(child.stderr.take().unwrap());
    // Wait (within the harness's deadline) until it is waiting on the task.
    let seen = stderr.until("PROVISIONING").concat();
    crate::harness::signal(&child, signal);
    let rest = stderr.rest();
    let code = crate::harness::wait_within(&mut child).code();
    assert_eq!(code, Some(expected), "{seen}{rest}");
    assert!(rest.contains(&format!("{word} while waiting; the tasks keep running: arn:aws:ecs:")), "{rest}");
    assert!(rest.contains("awsvpc stop --cluster prod arn:aws:ecs:"), "{rest}");
    assert_eq!(e.task_ids().len(), 1, "the task keeps running");
}

/// SIGTERM while `stop` waits: the tasks StopTask was sent for are named (they go on stopping),
/// with the command that follows them; exit 143.
#[test]
fn terminate_while_stop_waits_names_the_stopped_tasks() {
    let e = env();
    let r = e.run(&["--task-definition", "web", "--yes", "--output", "json"]);
    r.expect(exit::OK);
    let arn = strings(&r.json()["task_arns"])[0].clone();
    e.acct.lifecycle(json!({"stop_steps": [["DEACTIVATING", "ATTACHED", 3600], ["STOPPED", "DELETED"]]}));
    let mut child = e
        .acct
        .cmd()
        .args(["stop", "--cluster", "prod", "--yes", "--poll-interval", "0.2", &arn])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = crate::harness::Lines::of(child.stderr.take().unwrap());
    let seen = stderr.until("DEACTIVATING").concat();
    crate::harness::signal(&child, "-TERM");
    let rest = stderr.rest();
    assert_eq!(crate::harness::wait_within(&mut child).code(), Some(exit::TERMINATED), "{seen}{rest}");
    assert!(
        rest.contains(&format!("terminated while waiting; StopTask was sent and these tasks go on stopping: {arn}")),
        "{rest}"
    );
    assert!(rest.contains(&format!("awsvpc enis --cluster prod {arn}")), "{rest}");
    assert!(rest.contains("awsvpc run --cluster prod --task-definition arn:aws:ecs:"), "{rest}");
}

/// A preflight check that could not be evaluated (the service-linked role unreadable) stops the
/// launch as a failure does: no RunTask call, exit 3; --force launches anyway.
#[test]
fn a_preflight_that_cannot_evaluate_does_not_launch() {
    let e = env();
    e.acct.fault(json!({"service": "iam", "operation": "GetRole", "kind": "500", "times": 1000}));
    e.acct.clear_calls();
    let r = e.run(&["--task-definition", "web", "--yes", "--max-attempts", "1", "--output", "json"]);
    r.expect(exit::AWS_UNAVAILABLE);
    assert_eq!(r.json()["launched"], false);
    assert!(!e.acct.calls().contains(&"ecs.RunTask".to_string()), "nothing launched");
    let r = e.run(&[
        "--task-definition",
        "web",
        "--yes",
        "--force",
        "--no-wait",
        "--max-attempts",
        "1",
        "--output",
        "json",
    ]);
    e.acct.clear_faults();
    assert_eq!(r.json()["launched"], true, "{}", r.stderr);
}
