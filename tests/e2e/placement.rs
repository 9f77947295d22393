//! RunTask's `failures[]` as `awsvpc run` meets them (README, `awsvpc run` step 5: "each is
//! explained with the fix ... `RESOURCE:ENI`, `ATTRIBUTE`, `LOCATION`, `AGENT`,
//! `RESOURCE:CPU/MEMORY` likewise. Partial success reports both and exits 1"). The emulator
//! places EC2 tasks as AWS's "Amazon ECS API failure reasons" page describes
//! (tests/emulator/patches/ecs_run_task.py); how many tasks exist afterwards is read from its own
//! state. Sizes typed from AWS's documentation: a c5.large has 3 network interfaces (2 awsvpc
//! task slots untrunked), 2 vCPUs (2,048 CPU units); the seeds' `web` task takes 256 CPU units and
//! 512 MiB.

use serde_json::{Value, json};

use awsvpc::exit;

use crate::builder::Awsvpc;
use crate::harness::strings;
use crate::options::{Env, cluster};

/// A cluster of the given instances; the tasks go to the first private subnet (the first AZ).
fn env(instances: Value) -> Env {
    cluster(json!({"instances": instances}))
}

/// `awsvpc run` of `count` web tasks on EC2 in the first subnet, without the preflight (so RunTask
/// itself answers), JSON.
fn launch(e: &Env, count: usize) -> Awsvpc<'_> {
    e.acct
        .awsvpc("run")
        .cluster("prod")
        .task_definition("web")
        .launch_type("EC2")
        .subnets(&e.seed.private_subnets()[0])
        .security_groups(e.seed.security_group())
        .count(count)
        .flag("--no-preflight")
        .opt("--poll-interval", "0.1")
        .yes()
        .json()
}

fn emulator_tasks(e: &Env) -> usize {
    e.acct.running_tasks("prod").len()
}

/// Count 3 where 2 fit (one untrunked c5.large: 2 slots): 2 tasks run, one RESOURCE:ENI failure
/// is reported and explained, exit 1.
#[test]
fn partial_placement_runs_what_fits_and_reports_the_rest() {
    let e = env(json!([{"trunk": false, "subnet": 0}]));
    let instance = e.seed["instances"][0]["instance_id"].as_str().unwrap().to_string();
    let r = launch(&e, 3).expect(exit::FOUND_PROBLEM);
    let v = r.json();
    assert_eq!(emulator_tasks(&e), 2, "two tasks exist");
    let launched = strings(&v["task_arns"]);
    assert_eq!(launched.iter().cloned().collect::<std::collections::BTreeSet<_>>(), e.acct.running_tasks("prod"));
    let failures = v["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 1, "{v:#}");
    assert_eq!(failures[0]["reason"], "RESOURCE:ENI");
    assert_eq!(failures[0]["explanation"]["cause"], "eni-capacity");
    let text = failures[0]["explanation"]["explanation"].as_str().unwrap();
    assert!(text.contains(&instance) && text.contains("2 of 2 slots used"), "names the full instance: {text}");
    assert!(r.stderr.contains("RESOURCE:ENI"), "{}", r.stderr);
    // The two that were placed are waited for and shown.
    let shown = v["tasks"]["tasks"].as_array().unwrap();
    assert_eq!(shown.len(), 2, "{v:#}");
    assert!(shown.iter().all(|t| t["last_status"] == "RUNNING"), "{v:#}");
}

/// Each reason the README explains, planted alone on the only instance: nothing is placed, the
/// failure names its reason with an explanation and a fix, exit 1.
#[test]
fn every_explained_failure_reason() {
    let cases = [
        // No instance in the subnet's AZ: the only one is in the second subnet's.
        (json!({"subnet": 1}), "LOCATION", "no-instance-in-azs"),
        (json!({"subnet": 0, "connected": false}), "AGENT", "agent-disconnected"),
        // No ecs.capability.task-eni attribute: no awsvpc task.
        (json!({"subnet": 0, "capability": false}), "ATTRIBUTE", "missing-attribute"),
        // 128 CPU units left, the task takes 256.
        (json!({"subnet": 0, "remaining_cpu": 128}), "RESOURCE:CPU", "cpu-capacity"),
        // 256 MiB left, the task takes 512.
        (json!({"subnet": 0, "remaining_memory": 256}), "RESOURCE:MEMORY", "memory-capacity"),
        // Both slots of an untrunked c5.large taken.
        (json!({"subnet": 0, "tasks": 2}), "RESOURCE:ENI", "eni-capacity"),
    ];
    for (instance, reason, cause) in cases {
        let e = env(json!([instance]));
        let before = emulator_tasks(&e);
        let r = launch(&e, 1).expect(exit::FOUND_PROBLEM);
        let v = r.json();
        assert_eq!(emulator_tasks(&e), before, "{reason}: nothing placed");
        assert_eq!(v["task_arns"], json!([]), "{reason}: {v:#}");
        let f = &v["failures"][0];
        assert_eq!(v["failures"].as_array().map(Vec::len), Some(1), "{reason}: {v:#}");
        assert_eq!(f["reason"], reason, "{v:#}");
        assert_eq!(f["explanation"]["cause"], cause, "{reason}: {f:#}");
        assert!(f["explanation"]["fix"].as_str().is_some_and(|s| !s.is_empty()), "{reason}: a fix: {f:#}");
        assert!(r.stderr.contains(&format!("RunTask could not place a task: {reason}")), "{reason}: {}", r.stderr);
    }
}
