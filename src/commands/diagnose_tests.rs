//! `diagnose`'s grouping of stopped tasks.

use super::*;

fn stopped(id: &str, code: &str, reason: &str) -> Task {
    Task {
        id: id.into(),
        last_status: "STOPPED".into(),
        desired_status: "STOPPED".into(),
        stop_code: Some(code.into()),
        stopped_reason: Some(reason.into()),
        ..Task::default()
    }
}

#[test]
fn groups_by_cause_and_keeps_unknown_reasons_apart() {
    let tasks = [
        stopped("a", "TaskFailedToStart", "Timeout waiting for network interface provisioning to complete."),
        stopped("b", "TaskFailedToStart", "Timeout waiting for network interface provisioning to complete."),
        stopped("c", "TaskFailedToStart", "Something new"),
        stopped("d", "TaskFailedToStart", "Something else"),
        stopped("e", "UserInitiated", "bye"),
    ];
    let refs: Vec<&Task> = tasks.iter().collect();
    let g = group(&refs);
    assert_eq!(g[0].cause, "eni-provisioning-timeout");
    assert_eq!(g[0].count, 2);
    assert_eq!(g.iter().filter(|g| g.cause == "unknown").count(), 2, "one group per verbatim unknown reason");
    assert_eq!(g.len(), 4);
}
