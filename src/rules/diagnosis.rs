//! How `diagnose` reads what AWS says of a task: its timeline, whether its stop came before its
//! containers started, its state and likely cause, stopped tasks grouped by cause, and a
//! service's likely cause from its events and stopped tasks. Pure, from the task and the decoded
//! reasons (`reasons`, `events`); what the live checks found is handed in as plain lines.

use std::collections::BTreeMap;

use serde::Serialize;

use super::capacity::ClusterCapacity;
use super::events::Decoded;
use super::reasons::{self, Explained};
use crate::inventory::Task;

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct TimelineEvent {
    pub event: &'static str,
    pub at: String,
}

/// Stops that are part of normal operation, not failures.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct CauseGroup {
    pub cause: String,
    pub count: usize,
    pub explanation: String,
    pub fix: Option<String>,
    /// A stop reason as AWS gave it.
    pub example_reason: Option<String>,
    pub stop_code: Option<String>,
    pub task_ids: Vec<String>,
}

/// The task's timestamps, in the order of its lifecycle (DescribeTasks: createdAt,
/// pullStartedAt, pullStoppedAt, startedAt, stoppingAt, stoppedAt), those it has.
pub fn timeline(t: &Task) -> Vec<TimelineEvent> {
    [
        ("created", &t.created_at),
        ("pull started", &t.pull_started_at),
        ("pull stopped", &t.pull_stopped_at),
        ("started", &t.started_at),
        ("stopping", &t.stopping_at),
        ("stopped", &t.stopped_at),
    ]
    .into_iter()
    .filter_map(|(event, at)| at.clone().map(|at| TimelineEvent { event, at }))
    .collect()
}

/// Whether a decoded stop names the path or the execution role (what happens before the
/// containers start): the path and the role are then read for the evidence.
pub fn before_start(stop: Option<&Explained>) -> bool {
    stop.is_some_and(|e| {
        e.cause.ends_with("-network")
            || e.cause.ends_with("-permission")
            || matches!(e.cause.as_str(), "pull-s3-path" | "log-group-missing")
    })
}

/// The conclusion on a task DescribeTasks does not know.
pub fn not_found(cluster: &str, task: &str) -> Explained {
    Explained {
        cause: "not-found".into(),
        explanation: format!(
            "DescribeTasks does not know task {task} in cluster {cluster} (stopped tasks disappear about an hour after \
             they stop)"
        ),
        fix: Some("check the task id, --cluster and --region".into()),
    }
}

/// What the live checks found of a task: their findings that need action, as lines, and the one
/// that explains a task stuck before RUNNING (the most specific first), with its line.
pub struct Found {
    pub problems: Vec<String>,
    pub stuck: Option<(Explained, String)>,
}

/// The state (`stopped-ok`, `stopped-failed`, `running`, `stuck`), the likely cause and its
/// evidence. `stop`: the stop decoded; `attachment`: the status of the task's ENI attachment.
pub fn conclude(
    t: &Task,
    found: Found,
    stop: Option<&Explained>,
    attachment: Option<&str>,
) -> (&'static str, Explained, Vec<String>) {
    let since = format!("last status {} since {}", t.last_status, t.created_at.as_deref().unwrap_or("?"));
    if t.last_status == "STOPPED" || t.desired_status == "STOPPED" {
        let e = stop.cloned().unwrap_or(Explained {
            cause: "unknown".into(),
            explanation: "the task stopped without a stop code or reason".into(),
            fix: None,
        });
        let mut ev = vec![format!(
            "stopCode {}, stoppedReason {:?}",
            t.stop_code.as_deref().unwrap_or("-"),
            t.stopped_reason.as_deref().unwrap_or("")
        )];
        ev.extend(found.problems);
        let state = if reasons::is_benign_stop(t.stop_code.as_deref()) { "stopped-ok" } else { "stopped-failed" };
        return (state, e, ev);
    }
    if t.last_status == "RUNNING" {
        let att = attachment.map(|s| format!(" and its ENI attachment is {s}")).unwrap_or_default();
        let e = Explained { cause: "running".into(), explanation: format!("the task is RUNNING{att}"), fix: None };
        return ("running", e, found.problems);
    }
    match found.stuck {
        Some((e, why)) => ("stuck", e, vec![since, why]),
        None => {
            let e = Explained {
                cause: "unknown".into(),
                explanation: format!(
                    "the task is {} and no checked fact explains it (ENI attachment {})",
                    t.last_status,
                    attachment.unwrap_or("none")
                ),
                fix: Some("wait a little longer; if it stops, run awsvpc diagnose again for its stop reason".into()),
            };
            ("stuck", e, vec![since])
        }
    }
}

/// Groups stopped tasks by cause; unknown reasons form a group per verbatim reason.
pub fn group(tasks: &[&Task]) -> Vec<CauseGroup> {
    let mut groups: BTreeMap<String, CauseGroup> = BTreeMap::new();
    for t in tasks {
        let e = reasons::stop_reason(t.stop_code.as_deref(), t.stopped_reason.as_deref()).unwrap_or(Explained {
            cause: "unknown".into(),
            explanation: "no stop code or reason".into(),
            fix: None,
        });
        let key = if e.cause == "unknown" { format!("unknown: {}", e.explanation) } else { e.cause.clone() };
        let g = groups.entry(key).or_insert_with(|| CauseGroup {
            cause: e.cause.clone(),
            count: 0,
            explanation: e.explanation.clone(),
            fix: e.fix.clone(),
            example_reason: t.stopped_reason.clone(),
            stop_code: t.stop_code.clone(),
            task_ids: vec![],
        });
        g.count += 1;
        g.task_ids.push(t.id.clone());
    }
    let mut out: Vec<CauseGroup> = groups.into_values().collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.cause.cmp(&b.cause)));
    out
}

/// A service's likely cause, by the strength of its evidence: the newest problem event (a
/// placement failure explained from the capacity of the subnets' `azs`), then the most frequent
/// failure among its stopped tasks. None: the live checks are the evidence left.
pub fn likely_cause(
    events: &[&Decoded],
    groups: &[CauseGroup],
    capacity: Option<&ClusterCapacity>,
    azs: &[String],
) -> Option<Explained> {
    if let Some(e) = events.iter().find(|e| e.problem) {
        return Some(match &e.reason {
            Some(r) => reasons::placement_failure(r, None, capacity, azs),
            None => Explained { cause: e.kind.clone(), explanation: e.explanation.clone(), fix: e.fix.clone() },
        });
    }
    groups.iter().find(|g| !reasons::is_benign_stop(g.stop_code.as_deref())).map(|g| Explained {
        cause: g.cause.clone(),
        explanation: g.explanation.clone(),
        fix: g.fix.clone(),
    })
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn the_timeline_keeps_the_lifecycle_order_and_skips_what_did_not_happen() {
        let t = Task {
            created_at: Some("t0".into()),
            started_at: Some("t2".into()),
            stopped_at: Some("t3".into()),
            ..Task::default()
        };
        let events = timeline(&t);
        let events: Vec<(&str, &str)> = events.iter().map(|e| (e.event, e.at.as_str())).collect();
        assert_eq!(events, [("created", "t0"), ("started", "t2"), ("stopped", "t3")]);
    }

    #[test]
    fn a_stop_before_the_containers_start_reads_the_path() {
        let e = |cause: &str| Explained { cause: cause.into(), explanation: String::new(), fix: None };
        for cause in ["pull-network", "logs-permission", "pull-s3-path", "log-group-missing"] {
            assert!(before_start(Some(&e(cause))), "{cause}");
        }
        assert!(!before_start(Some(&e("eni-provisioning-timeout"))) && !before_start(None));
    }

    #[test]
    fn the_state_and_its_evidence() {
        let line = |s: &str| vec![s.to_string()];
        let found = |stuck: Option<&str>| Found {
            problems: line("warn instance.manual-enis ..."),
            stuck: stuck.map(|c| (Explained { cause: c.into(), explanation: "x".into(), fix: None }, "why".into())),
        };
        let t = stopped("a", "EssentialContainerExited", "Essential container in task exited");
        let stop = reasons::stop_reason(t.stop_code.as_deref(), t.stopped_reason.as_deref());
        let (state, e, ev) = conclude(&t, found(None), stop.as_ref(), None);
        assert_eq!((state, ev.len()), ("stopped-failed", 2), "the stop, then the problems: {ev:?}");
        assert_eq!(Some(e), stop);
        let benign = stopped("a", "UserInitiated", "bye");
        assert_eq!(conclude(&benign, found(None), None, None).0, "stopped-ok");
        let running = Task { last_status: "RUNNING".into(), ..Task::default() };
        let (state, e, _) = conclude(&running, found(Some("eni-capacity")), None, Some("ATTACHED"));
        assert_eq!(
            (state, e.explanation.as_str()),
            ("running", "the task is RUNNING and its ENI attachment is ATTACHED")
        );
        let pending = Task { last_status: "PROVISIONING".into(), ..Task::default() };
        let (state, e, ev) = conclude(&pending, found(Some("eni-capacity")), None, None);
        assert_eq!((state, e.cause.as_str(), ev[1].as_str()), ("stuck", "eni-capacity", "why"));
        let (state, e, _) = conclude(&pending, found(None), None, Some("PRECREATED"));
        assert_eq!((state, e.cause.as_str()), ("stuck", "unknown"));
        assert!(e.explanation.contains("ENI attachment PRECREATED"), "{}", e.explanation);
    }

    #[test]
    fn a_problem_event_outweighs_the_stopped_tasks() {
        let tasks = [stopped("a", "UserInitiated", "bye"), stopped("b", "TaskFailedToStart", "Something new")];
        let refs: Vec<&Task> = tasks.iter().collect();
        let groups = group(&refs);
        let by_tasks = likely_cause(&[], &groups, None, &[]).unwrap();
        assert_eq!(by_tasks.cause, "unknown", "the failed stop, not the benign one: {by_tasks:?}");
        let placement = super::super::events::decode(
            "(service web) was unable to place a task because no container instance met all of its requirements. \
             The closest matching (container-instance abc) encountered error \"RESOURCE:ENI\".",
        );
        assert!(placement.problem, "{placement:?}");
        let e = likely_cause(&[&placement], &groups, None, &[]).unwrap();
        assert_eq!(e, reasons::placement_failure("RESOURCE:ENI", None, None, &[]));
        assert_eq!(likely_cause(&[], &group(&[&tasks[0]]), None, &[]), None, "a benign stop explains nothing");
    }
}
