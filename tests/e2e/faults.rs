//! Fault injection for every command: transient faults (throttling with each service's own code,
//! 500, 503, a dropped connection) on each operation a command calls still give the complete,
//! correct result; a persistent fault gives exit 3 naming the operation (and, for `check`, the
//! affected checks as `error`, never `pass`).

use awsvpc::exit;
use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::builder::{Awsvpc, Seed, Seeded, awsvpc};
use crate::harness::{Account, strings};

const KINDS: &[&str] = &["throttle", "500", "503", "drop"];

/// The command's exit code, JSON document and the operations it called.
fn ops_of(acct: &Account, cmd: Awsvpc) -> (i32, Value, BTreeSet<String>) {
    acct.clear_calls();
    let r = cmd.run();
    let ops: BTreeSet<String> = acct.calls().into_iter().collect();
    (r.code, r.json(), ops)
}

/// Every operation of the command `cmd` gives, faulted: transiently (same result), then
/// persistently.
fn every_operation_under_faults(acct: &Account, cmd: impl Fn(&Account) -> Awsvpc<'_>, persistent_code: i32) -> usize {
    every_operation_under_faults_but(acct, cmd, persistent_code, &[])
}

/// As `every_operation_under_faults`; a persistent fault on a `degradable` operation (a fact the
/// answer does not rest on) keeps the exit code and is named in a warning on stderr.
fn every_operation_under_faults_but(
    acct: &Account,
    cmd: impl Fn(&Account) -> Awsvpc<'_>,
    persistent_code: i32,
    degradable: &[&str],
) -> usize {
    let is_check = cmd(acct).words().first().is_some_and(|w| w == "check");
    let (code, baseline, ops) = ops_of(acct, cmd(acct));
    assert!(!ops.is_empty());
    for (k, op) in ops.iter().enumerate() {
        let (service, operation) = op.split_once('.').unwrap();
        let kind = KINDS[k % KINDS.len()];
        acct.fault(json!({"service": service, "operation": operation, "kind": kind, "times": 2}));
        let r = cmd(acct).run();
        assert_eq!(r.code, code, "{op} {kind} x2: {}", r.stderr);
        assert_eq!(r.json(), baseline, "{op} {kind} x2 changed the result");
        acct.clear_faults();

        acct.fault(json!({"service": service, "operation": operation, "kind": kind, "times": 1000}));
        // Throttling is retried for --throttle-budget seconds (40 by default), the rest 2 times.
        let r = cmd(acct).opt("--max-attempts", "2").opt("--throttle-budget", "1").run();
        acct.clear_faults();
        if degradable.contains(&op.as_str()) {
            assert_eq!(r.code, code, "{op} {kind} persistent, degradable: {}\n{}", r.stdout, r.stderr);
            assert!(r.stderr.contains("warning:") && r.stderr.contains(operation), "{op} is named: {}", r.stderr);
            continue;
        }
        assert_eq!(r.code, persistent_code, "{op} {kind} persistent: {}\n{}", r.stdout, r.stderr);
        assert!(
            r.stderr.contains(operation) || r.stdout.contains(operation),
            "{op} is named: {}\n{}",
            r.stdout,
            r.stderr
        );
        if !r.stdout.is_empty() && is_check {
            let v = r.json();
            assert!(v["summary"]["error"].as_u64().unwrap() >= 1, "{op}: {v}");
            assert!(
                v["summary"]["pass"].as_u64().unwrap() < baseline["summary"]["pass"].as_u64().unwrap(),
                "{op}: what could not be evaluated is not a pass"
            );
        }
    }
    ops.len()
}

fn cluster_env() -> (Account, Seeded) {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().params(
        // m5.xlarge: 4 vCPUs and 16 GiB hold the 18 web tasks (256 CPU units, 512 MiB) the run
        // test launches, within their 20 trunked ENI slots.
        json!({"instances": [{"type": "m5.xlarge", "trunk": true, "subnet": 0, "tasks": 2},
                             {"type": "m5.xlarge", "trunk": true, "subnet": 1, "tasks": 1}],
               "settings": {"role": {"awsvpcTrunking": "enabled"}},
               "services": [{"name": "web", "target_type": "ip"}]}),
    ));
    (acct, seed)
}

#[test]
fn enis_under_faults() {
    let (acct, _) = cluster_env();
    let n = every_operation_under_faults(&acct, |a| a.awsvpc("enis").cluster("prod").json(), 3);
    assert_eq!(n, 3, "ListTasks, DescribeTasks, DescribeNetworkInterfaces");
}

#[test]
fn check_under_faults() {
    let (acct, _) = cluster_env();
    let n = every_operation_under_faults(&acct, |a| a.awsvpc("check").cluster("prod").service("web").json(), 3);
    assert!(n >= 14, "{n} operations");
}

#[test]
fn capacity_under_faults() {
    let (acct, seed) = cluster_env();
    let subnets = seed.private_subnets();
    // The instances carry trunk ENIs: their roles' settings only explain, the figures stand.
    every_operation_under_faults_but(
        &acct,
        |a| a.awsvpc("capacity").cluster("prod").subnets(&subnets).json(),
        3,
        // The launch target only adds a note to capacity's figures.
        &["iam.GetInstanceProfile", "ecs.ListAccountSettings", "ecs.DescribeClusters"],
    );
}

#[test]
fn diagnose_under_faults() {
    let (acct, seed) = cluster_env();
    let task = strings(&seed["instances"][0]["tasks"])[0].clone();
    acct.set_task(json!({"task": task, "stop_code": "TaskFailedToStart", "stopped_reason": "Timeout waiting for network interface provisioning to complete."}));
    every_operation_under_faults(&acct, |a| a.awsvpc("diagnose").cluster("prod").tasks(&[&task]).json(), 3);
    every_operation_under_faults(&acct, |a| a.awsvpc("diagnose").cluster("prod").stopped_since("1h").json(), 3);
}

#[test]
fn stop_under_faults() {
    let (acct, seed) = cluster_env();
    let tasks = strings(&seed["instances"][0]["tasks"]);
    // StopTask faulted transiently still stops the task once; DescribeTasks likewise.
    for (k, op) in ["StopTask", "DescribeTasks"].iter().enumerate() {
        acct.fault(json!({"service": "ecs", "operation": op, "kind": KINDS[k], "times": 2}));
        let r =
            acct.awsvpc("stop").cluster("prod").yes().json().opt("--poll-interval", "0.1").tasks(&tasks[k..=k]).run();
        acct.clear_faults();
        r.expect(exit::OK);
        assert_eq!(r.json()["stopped"][0]["last_status"], "STOPPED");
    }
}

/// RunTask's answer lost after AWS launched the tasks: the SDK retries with the same client token
/// and exactly the requested number of tasks exists afterwards.
#[test]
fn run_under_faults_launches_exactly_once() {
    let (acct, seed) = cluster_env();
    let base = || {
        acct.awsvpc("run")
            .cluster("prod")
            .task_definition("web")
            .subnets(seed.private_subnets())
            .yes()
            .json()
            .opt("--poll-interval", "0.1")
    };
    // Counted in the emulator's own state, not through the product.
    let count_tasks = || acct.running_tasks("prod").len();
    let mut expected = count_tasks();
    for kind in ["drop_after", "500_after", "throttle", "503", "drop"] {
        acct.fault(json!({"service": "ecs", "operation": "RunTask", "kind": kind, "times": 1}));
        acct.clear_calls();
        let r = base().count(3).run();
        acct.clear_faults();
        r.expect(exit::OK);
        assert_eq!(acct.count("ecs.RunTask"), 2, "{kind}: one lost attempt, one retry");
        assert_eq!(r.json()["task_arns"].as_array().unwrap().len(), 3, "{kind}");
        expected += 3;
        assert_eq!(count_tasks(), expected, "{kind}: exactly the requested tasks exist");
    }
    // A persistent fault: exit 3, RunTask named, nothing launched.
    acct.fault(json!({"service": "ecs", "operation": "RunTask", "kind": "503", "times": 1000}));
    let r = base().opt("--max-attempts", "2").run();
    acct.clear_faults();
    r.expect(exit::AWS_UNAVAILABLE);
    let errors: Vec<&str> = r.stderr.lines().filter(|l| l.starts_with("awsvpc: error:")).collect();
    assert!(errors.len() == 1 && errors[0].contains("RunTask"), "{}", r.stderr);
    // AWS's own code from the 503's body (the emulator answers as ECS does), not a bare status.
    assert!(errors[0].contains("ServiceUnavailable"), "{}", r.stderr);
    assert_eq!(count_tasks(), expected);
}

/// A stuck call is reported, not hung on: --read-timeout bounds each attempt.
#[test]
fn slow_answers_honour_the_read_timeout() {
    let (acct, _) = cluster_env();
    acct.fault(json!({"service": "ecs", "operation": "ListTasks", "kind": "delay", "delay": 4, "times": 1000}));
    let r = acct.awsvpc("enis").cluster("prod").opt("--read-timeout", "1").opt("--max-attempts", "1").json().run();
    acct.clear_faults();
    r.expect_clean_error(exit::AWS_UNAVAILABLE, "did not answer in time");
    assert!(r.stderr.contains("ListTasks"));
    // A slow answer within the timeout is simply waited for.
    acct.fault(json!({"service": "ecs", "operation": "ListTasks", "kind": "delay", "delay": 1, "times": 1}));
    let r = acct.awsvpc("enis").cluster("prod").opt("--read-timeout", "5").json().run();
    acct.clear_faults();
    r.expect(exit::OK);
}

/// `--timeout` bounds the whole command: a call slower than it ends the command with exit 3,
/// naming the bound and the call in flight, long before the per-call timeouts.
#[test]
fn the_whole_command_is_bounded_by_timeout() {
    let (acct, _) = cluster_env();
    acct.fault(json!({"service": "ecs", "operation": "ListTasks", "kind": "delay", "delay": 8, "times": 1000}));
    let start = std::time::Instant::now();
    let r = acct.awsvpc("enis").cluster("prod").opt("--timeout", "2s").json().run();
    let took = start.elapsed();
    acct.clear_faults();
    r.expect_clean_error(exit::AWS_UNAVAILABLE, "the command did not finish within --timeout 2s");
    assert!(r.stderr.contains("ListTasks"), "the call in flight is named: {}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(took < std::time::Duration::from_secs(7), "ended by --timeout, not by the delay: {took:?}");
    // A bad bound is a usage error before any call.
    acct.clear_calls();
    acct.awsvpc("enis").cluster("prod").opt("--timeout", "soon").run().expect_clean_error(exit::USAGE, "--timeout");
    assert!(acct.calls().is_empty());
}

/// An endpoint that accepts connections and never answers: without any flag, the default bounds
/// (20 s an attempt, 60 s an operation) end the command with exit 3 naming the operation.
#[test]
fn a_hung_endpoint_ends_within_the_default_bounds() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Hold every connection open, unanswered, until the test ends.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    let start = std::time::Instant::now();
    let r = awsvpc("enis")
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{port}"))
        .cluster("prod")
        .run();
    let took = start.elapsed();
    r.expect_clean_error(exit::AWS_UNAVAILABLE, "ListTasks");
    assert!(took < std::time::Duration::from_secs(75), "bounded by the default timeouts: {took:?}");
}

/// Throttling is retried against a time budget, beyond --max-attempts; other errors keep
/// --max-attempts; a call throttled past its budget ends with AWS's throttling answer.
#[test]
fn throttling_is_retried_for_its_budget_and_other_errors_for_max_attempts() {
    let (acct, _) = cluster_env();
    // `enis` without the EC2 enrichment, at most `attempts` attempts a call (throttling aside).
    let enis =
        |attempts: &str| acct.awsvpc("enis").cluster("prod").json().flag("--no-enrich").opt("--max-attempts", attempts);
    acct.clear_calls();
    let baseline = enis("1").expect(exit::OK);
    assert_eq!(acct.count("ecs.ListTasks"), 1, "one page of tasks");

    // Three throttling answers in a row: answered on the fourth attempt, with --max-attempts 1.
    acct.fault(json!({"service": "ecs", "operation": "ListTasks", "kind": "throttle", "times": 3}));
    acct.clear_calls();
    let r = enis("1").run();
    acct.clear_faults();
    r.expect(exit::OK);
    assert_eq!(acct.count("ecs.ListTasks"), 4, "three throttled attempts, then the answer");
    assert_eq!(r.json(), baseline.json());

    // A 500 with --max-attempts 1: one attempt, exit 3 naming the operation.
    acct.fault(json!({"service": "ecs", "operation": "ListTasks", "kind": "500", "times": 1}));
    acct.clear_calls();
    let r = enis("1").run();
    acct.clear_faults();
    r.expect(exit::AWS_UNAVAILABLE);
    assert_eq!(acct.count("ecs.ListTasks"), 1);
    assert!(r.stderr.contains("ListTasks"), "{}", r.stderr);

    // Throttled twice, then a 500, with --max-attempts 2: the 500 still gets its retry.
    acct.fault(json!({"service": "ecs", "operation": "ListTasks", "kind": "throttle", "times": 2}));
    acct.fault(json!({"service": "ecs", "operation": "ListTasks", "kind": "500", "times": 1}));
    acct.clear_calls();
    let r = enis("2").run();
    acct.clear_faults();
    r.expect(exit::OK);
    assert_eq!(acct.count("ecs.ListTasks"), 4, "2 throttled + the 500 + its retry");

    // --throttle-budget 0: throttling counts as any other error.
    acct.fault(json!({"service": "ecs", "operation": "ListTasks", "kind": "throttle", "times": 1}));
    let r = enis("1").opt("--throttle-budget", "0").run();
    acct.clear_faults();
    r.expect(exit::AWS_UNAVAILABLE);
    assert!(r.stderr.contains("ListTasks") && r.stderr.to_lowercase().contains("throttl"), "{}", r.stderr);

    // Throttled for good: retried until the budget is spent, then AWS's answer, named.
    acct.fault(json!({"service": "ecs", "operation": "ListTasks", "kind": "throttle", "times": 1000}));
    acct.clear_calls();
    let r = enis("1").opt("--throttle-budget", "2").run();
    acct.clear_faults();
    r.expect(exit::AWS_UNAVAILABLE);
    assert!(acct.count("ecs.ListTasks") >= 2, "retried within the budget");
    assert!(r.stderr.contains("ListTasks") && r.stderr.to_lowercase().contains("throttl"), "{}", r.stderr);
}
