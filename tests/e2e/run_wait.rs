//! `awsvpc run` waiting for its tasks, and `awsvpc stop`, against the emulator's task lifecycle
//! by time; a signal while either waits (see run.rs for the launch itself).

use awsvpc::exit;
use std::collections::BTreeSet;

use serde_json::json;

use crate::harness::{Lines, signal, strings, wait_within};
use crate::run::env;

#[test]
fn waits_through_provisioning_and_pending() {
    let e = env();
    e.acct.lifecycle(
        json!({"steps": [["PROVISIONING", "PRECREATED", 0.4], ["PENDING", "ATTACHED", 0.4], ["RUNNING", "ATTACHED"]]}),
    );
    let r = e.run().task_definition("web").yes().json().expect(exit::OK);
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
    let r = e.run().task_definition("web").yes().json().expect(exit::FOUND_PROBLEM);
    let v = r.json();
    assert_eq!(v["stopped"][0]["stop_code"], "TaskFailedToStart");
    assert_eq!(v["stopped"][0]["explanation"]["cause"], "eni-provisioning-timeout");
    assert!(r.stderr.contains("stopped"), "{}", r.stderr);
}

#[test]
fn timeout_expiry_reports_the_states() {
    let e = env();
    e.acct.lifecycle(json!({"steps": [["PROVISIONING", "PRECREATED", 3600], ["RUNNING", "ATTACHED"]]}));
    let r = e.run().task_definition("web").yes().json().opt("--timeout", "1s").expect(exit::FOUND_PROBLEM);
    let v = r.json();
    assert_eq!(v["timed_out"], true);
    assert!(r.stderr.contains("timed out") && r.stderr.contains("PROVISIONING"), "{}", r.stderr);
}

#[test]
fn no_wait_returns_at_once() {
    let e = env();
    e.acct.lifecycle(json!({"steps": [["PROVISIONING", "PRECREATED", 3600], ["RUNNING", "ATTACHED"]]}));
    e.acct.clear_calls();
    let v = e.run().task_definition("web").yes().flag("--no-wait").json_ok(exit::OK);
    assert_eq!(v["waited"], false);
    assert_eq!(e.acct.count("ecs.DescribeTasks"), 0);
}

#[test]
fn stop_waits_until_the_enis_are_released() {
    let e = env();
    let v = e.run().task_definition("web").count(2).yes().json_ok(exit::OK);
    let arns = strings(&v["task_arns"]);
    let enis: BTreeSet<String> = v["tasks"]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["enis"][0]["eni_id"].as_str().unwrap().to_string())
        .collect();
    assert!(enis.is_subset(&e.acct.backend_enis()), "EC2 holds the running tasks' ENIs");
    e.acct.lifecycle(json!({"step_secs": 0.3}));
    let unknown = "0123456789abcdef0123456789abcdef";
    let stop = || e.acct.awsvpc("stop").cluster("prod");
    // Without a terminal, --yes is required, and nothing is stopped without it.
    stop().tasks(&arns[..1]).run().expect_clean_error(exit::USAGE, "--yes");
    let s = stop().yes().json().opt("--poll-interval", "0.1").arg(unknown).tasks(&arns).expect(exit::FOUND_PROBLEM);
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
    let a = stop().yes().json().tasks(&arns).expect(exit::OK);
    assert_eq!(a.json()["already_stopped"].as_array().unwrap().len(), 2);
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

fn signal_while_waiting(name: &str, expected: i32, word: &str) {
    let e = env();
    e.acct.lifecycle(json!({"steps": [["PROVISIONING", "PRECREATED", 3600], ["RUNNING", "ATTACHED"]]}));
    let mut child = e
        .acct
        .awsvpc("run")
        .cluster("prod")
        .task_definition("web")
        .subnets(e.seed.private_subnets())
        .yes()
        .opt("--poll-interval", "0.2")
        .spawn();
    let mut stderr = Lines::of(child.stderr.take().unwrap());
    // Wait (within the harness's deadline) until it is waiting on the task.
    let seen = stderr.until("PROVISIONING").concat();
    signal(&child, name);
    let rest = stderr.rest();
    let code = wait_within(&mut child).code();
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
    let v = e.run().task_definition("web").yes().json_ok(exit::OK);
    let arn = strings(&v["task_arns"])[0].clone();
    e.acct.lifecycle(json!({"stop_steps": [["DEACTIVATING", "ATTACHED", 3600], ["STOPPED", "DELETED"]]}));
    let mut child = e.acct.awsvpc("stop").cluster("prod").yes().opt("--poll-interval", "0.2").tasks(&[&arn]).spawn();
    let mut stderr = Lines::of(child.stderr.take().unwrap());
    let seen = stderr.until("DEACTIVATING").concat();
    signal(&child, "-TERM");
    let rest = stderr.rest();
    assert_eq!(wait_within(&mut child).code(), Some(exit::TERMINATED), "{seen}{rest}");
    assert!(
        rest.contains(&format!("terminated while waiting; StopTask was sent and these tasks go on stopping: {arn}")),
        "{rest}"
    );
    assert!(rest.contains(&format!("awsvpc enis --cluster prod {arn}")), "{rest}");
    assert!(rest.contains("awsvpc run --cluster prod --task-definition arn:aws:ecs:"), "{rest}");
}
