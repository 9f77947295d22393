//! `awsvpc diagnose`: why a task did not start, is stuck, or stopped. One task: its timeline, its
//! ENI attachment, `stopCode` and `stoppedReason` decoded, the related facts checked live (with
//! the same gathering and checks as `check`), and the likely cause with its evidence. With
//! `--stopped-since`, every task stopped in the window, grouped by cause. Unknown stop reasons
//! are shown verbatim, never guessed at.

use std::collections::BTreeMap;

use anyhow::Result;
use aws_smithy_types::date_time::Format;
use aws_smithy_types::DateTime;
use comfy_table::Cell;
use serde::Serialize;

use crate::aws::Aws;
use crate::cli::DiagnoseArgs;
use crate::commands::check::{self, Finding, Status};
use crate::error::Failure;
use crate::exit;
use crate::fetch::{self, TaskFilter};
use crate::ids::{self, TaskRef};
use crate::inventory::Task;
use crate::output::{new_table, or_dash, status_cell, Mode, Render};
use crate::reasons::{self, Explained};

#[derive(Debug, Clone)]
pub enum Plan {
    Task { cluster: String, task: TaskRef },
    Window { cluster: String, since: std::time::Duration, label: String },
}

pub fn plan(args: &DiagnoseArgs) -> Result<Plan> {
    let explicit = args.cluster.as_deref().map(|c| ids::parse_cluster("--cluster", c)).transpose()?;
    match (&args.task, &args.stopped_since) {
        (Some(t), None) => {
            let task = ids::parse_task("TASK", t)?;
            if let (Some(c), Some(e)) = (&task.cluster, &explicit) {
                if c != e {
                    return Err(Failure::usage(format!("task {t} belongs to cluster {c}, not to --cluster {e}")).into());
                }
            }
            let cluster = explicit.or_else(|| task.cluster.clone()).unwrap_or_else(|| "default".into());
            Ok(Plan::Task { cluster, task })
        }
        (None, Some(w)) => Ok(Plan::Window {
            cluster: explicit.unwrap_or_else(|| "default".into()),
            since: ids::parse_duration("--stopped-since", w)?,
            label: w.clone(),
        }),
        _ => Err(Failure::usage("give a TASK, or --stopped-since DURATION for every task stopped in a window").into()),
    }
}

#[derive(Debug, Serialize)]
pub struct TimelineEvent {
    pub event: &'static str,
    pub at: String,
}

#[derive(Debug, Serialize)]
pub struct EniState {
    pub attachment_status: String,
    pub eni_id: Option<String>,
    pub subnet_id: Option<String>,
    pub private_ipv4: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TaskDiagnosis {
    pub cluster: String,
    pub task_arn: String,
    pub found: bool,
    pub last_status: Option<String>,
    pub desired_status: Option<String>,
    pub launch_type: Option<String>,
    pub container_instance_arn: Option<String>,
    pub timeline: Vec<TimelineEvent>,
    pub eni: Option<EniState>,
    pub stop_code: Option<String>,
    pub stopped_reason: Option<String>,
    /// The stop reason decoded (null when the task did not stop).
    pub stop: Option<Explained>,
    /// The related facts, checked live: the task's instance, subnet, VPC, task definition.
    pub facts: Vec<Finding>,
    /// `stopped-ok`, `stopped-failed`, `stuck`, `running`, or `not-found`.
    pub state: String,
    /// The likely cause, its explanation and the fix, in one or two sentences.
    pub conclusion: Explained,
    /// What the conclusion rests on.
    pub evidence: Vec<String>,
}

impl TaskDiagnosis {
    pub fn exit_code(&self) -> i32 {
        // A related fact that could not be read makes the diagnosis incomplete.
        if self.facts.iter().any(|f| f.status == Status::Error) {
            return exit::AWS_UNAVAILABLE;
        }
        match self.state.as_str() {
            "running" | "stopped-ok" => exit::OK,
            _ => exit::FOUND_PROBLEM,
        }
    }
}

/// Stops that are part of normal operation, not failures.
fn benign(stop_code: Option<&str>) -> bool {
    matches!(stop_code, Some("UserInitiated" | "ServiceSchedulerInitiated"))
}

fn timeline(t: &Task) -> Vec<TimelineEvent> {
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

/// The checks whose findings bear on one task.
const RELATED: &[&str] = &[
    "instance.status",
    "instance.agent-version",
    "instance.task-eni",
    "instance.manual-enis",
    "capacity.instance",
    "network.free-addresses",
    "network.internet-egress",
    "vpc.dns-support",
    "vpc.dns-hostnames",
    "taskdef.network-mode",
    "taskdef.compatibility",
];

/// The cause of a stuck task, from the facts (most specific first).
fn stuck_cause(facts: &[Finding]) -> Option<(Explained, String)> {
    let bad = |check: &str| facts.iter().find(|f| f.check == check && matches!(f.status, Status::Fail | Status::Warn));
    let rules: [(&str, &str, &str); 6] = [
        ("instance.status", "agent-or-instance", "its container instance cannot take tasks"),
        (
            "instance.manual-enis",
            "eni-attached-by-hand",
            "ENIs attached by hand take the ENI slots ECS counts on, so the task's ENI cannot be attached",
        ),
        ("capacity.instance", "eni-capacity", "its container instance has no free ENI slot"),
        ("network.free-addresses", "subnet-full", "its subnet has (almost) no free address"),
        ("vpc.dns-support", "vpc-dns", "the VPC does not resolve DNS"),
        ("network.internet-egress", "no-egress", "its subnet gives it no route to pull its image"),
    ];
    rules.iter().find_map(|(check, cause, text)| {
        bad(check).map(|f| {
            (
                Explained { cause: cause.to_string(), explanation: text.to_string(), fix: f.remediation.clone() },
                format!("{} {} {}: {}", f.status_word(), f.check, f.resource, f.message),
            )
        })
    })
}

pub async fn diagnose_task(aws: &Aws, cluster: &str, task: &TaskRef) -> Result<TaskDiagnosis> {
    let d = fetch::describe_tasks(aws, cluster, std::slice::from_ref(&task.given)).await?;
    let Some(t) = d.tasks.into_iter().next() else {
        return Ok(TaskDiagnosis {
            cluster: cluster.into(),
            task_arn: task.given.clone(),
            found: false,
            last_status: None,
            desired_status: None,
            launch_type: None,
            container_instance_arn: None,
            timeline: vec![],
            eni: None,
            stop_code: None,
            stopped_reason: None,
            stop: None,
            facts: vec![],
            state: "not-found".into(),
            conclusion: Explained {
                cause: "not-found".into(),
                explanation: format!(
                    "DescribeTasks does not know task {} in cluster {cluster} (stopped tasks disappear about an hour after they stop)",
                    task.given
                ),
                fix: Some("check the task id, --cluster and --region".into()),
            },
            evidence: vec![],
        });
    };
    let att = t.eni_attachments().next();
    let eni = att.map(|a| EniState {
        attachment_status: a.status.clone(),
        eni_id: a.eni_id().map(str::to_string),
        subnet_id: a.detail("subnetId").map(str::to_string),
        private_ipv4: a.detail("privateIPv4Address").map(str::to_string),
    });
    // The related facts, live, through `check`.
    let subnet = eni.as_ref().and_then(|e| e.subnet_id.clone());
    let on_ec2 = t.container_instance_arn.is_some();
    let plan = check::Plan {
        subnets: subnet.clone().into_iter().collect(),
        launch_type: if on_ec2 { "EC2" } else { "FARGATE" },
        // Every check runs over the gathered facts, so that a fact that could not be read shows as
        // an error; only the related findings are shown otherwise.
        selected: check::CHECKS.iter().map(|(id, _, _)| *id).collect(),
        clusters: if on_ec2 { vec![cluster.to_string()] } else { vec![] },
        task_definition: Some(t.task_definition_arn.clone()).filter(|s| !s.is_empty()),
        ..check::Plan::default()
    };
    let report = check::run(aws, &plan).await?;
    let mine = |f: &Finding| {
        RELATED.contains(&f.check)
            && (f.check.starts_with("vpc.")
                || f.check.starts_with("taskdef.")
                || Some(&f.resource) == t.container_instance_arn.as_ref()
                || Some(&f.resource) == subnet.as_ref())
    };
    // The task's own facts, and every fact that could not be read (the diagnosis is then incomplete).
    let facts: Vec<Finding> = report
        .findings
        .into_iter()
        .filter(|f| f.status == Status::Error || (f.status != Status::Skip && mine(f)))
        .collect();

    let stop = reasons::stop_reason(t.stop_code.as_deref(), t.stopped_reason.as_deref());
    let stopped = t.last_status == "STOPPED" || t.desired_status == "STOPPED";
    let problems: Vec<String> = facts
        .iter()
        .filter(|f| matches!(f.status, Status::Fail | Status::Warn))
        .map(|f| format!("{} {} {}: {}", f.status_word(), f.check, f.resource, f.message))
        .collect();
    let (state, conclusion, mut evidence) = if stopped {
        let e = stop.clone().unwrap_or(Explained {
            cause: "unknown".into(),
            explanation: "the task stopped without a stop code or reason".into(),
            fix: None,
        });
        let mut ev = vec![format!(
            "stopCode {}, stoppedReason {:?}",
            t.stop_code.as_deref().unwrap_or("-"),
            t.stopped_reason.as_deref().unwrap_or("")
        )];
        ev.extend(problems.iter().cloned());
        let state = if benign(t.stop_code.as_deref()) { "stopped-ok" } else { "stopped-failed" };
        (state, e, ev)
    } else if t.last_status == "RUNNING" {
        let e = Explained {
            cause: "running".into(),
            explanation: format!(
                "the task is RUNNING{}",
                eni.as_ref().map(|e| format!(" and its ENI attachment is {}", e.attachment_status)).unwrap_or_default()
            ),
            fix: None,
        };
        ("running", e, problems.clone())
    } else {
        match stuck_cause(&facts) {
            Some((e, why)) => {
                let mut ev =
                    vec![format!("last status {} since {}", t.last_status, t.created_at.as_deref().unwrap_or("?"))];
                ev.push(why);
                ("stuck", e, ev)
            }
            None => (
                "stuck",
                Explained {
                    cause: "unknown".into(),
                    explanation: format!(
                        "the task is {} and no checked fact explains it (ENI attachment {})",
                        t.last_status,
                        att.map(|a| a.status.as_str()).unwrap_or("none")
                    ),
                    fix: Some(
                        "wait a little longer; if it stops, run awsvpc diagnose again for its stop reason".into(),
                    ),
                },
                vec![format!("last status {} since {}", t.last_status, t.created_at.as_deref().unwrap_or("?"))],
            ),
        }
    };
    evidence.dedup();
    let mut conclusion = conclusion;
    conclusion.fix = conclusion.fix.map(|f| f.replace("--cluster CLUSTER", &format!("--cluster {cluster}")));
    Ok(TaskDiagnosis {
        cluster: cluster.into(),
        task_arn: t.arn.clone(),
        found: true,
        last_status: Some(t.last_status.clone()),
        desired_status: Some(t.desired_status.clone()),
        launch_type: t.launch_type.clone(),
        container_instance_arn: t.container_instance_arn.clone(),
        timeline: timeline(&t),
        eni,
        stop_code: t.stop_code.clone(),
        stopped_reason: t.stopped_reason.clone(),
        stop,
        facts,
        state: state.into(),
        conclusion,
        evidence,
    })
}

#[derive(Debug, Serialize)]
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

#[derive(Debug, Serialize)]
pub struct WindowDiagnosis {
    pub cluster: String,
    pub stopped_since: String,
    pub tasks: usize,
    pub groups: Vec<CauseGroup>,
}

impl WindowDiagnosis {
    pub fn exit_code(&self) -> i32 {
        if self.groups.iter().any(|g| !benign(g.stop_code.as_deref())) {
            exit::FOUND_PROBLEM
        } else {
            exit::OK
        }
    }
}

fn epoch(s: &str) -> Option<i64> {
    DateTime::from_str(s, Format::DateTime).ok().map(|d| d.secs())
}

pub async fn diagnose_window(
    aws: &Aws,
    cluster: &str,
    since: std::time::Duration,
    label: &str,
) -> Result<WindowDiagnosis> {
    let filter = TaskFilter { desired_status: Some("STOPPED".into()), ..TaskFilter::default() };
    let d = fetch::cluster_tasks(aws, cluster, &filter, std::sync::Arc::new(|_, _| {})).await?;
    let now =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let cutoff = now - since.as_secs() as i64;
    let in_window: Vec<&Task> =
        d.tasks.iter().filter(|t| t.stopped_at.as_deref().and_then(epoch).is_none_or(|at| at >= cutoff)).collect();
    Ok(WindowDiagnosis {
        cluster: cluster.into(),
        stopped_since: label.into(),
        tasks: in_window.len(),
        groups: group(&in_window),
    })
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

impl Render for TaskDiagnosis {
    fn table(&self, mode: &Mode) -> String {
        let mut out = format!(
            "task {} ({}, desired {})\n",
            self.task_arn,
            self.last_status.as_deref().unwrap_or("unknown"),
            self.desired_status.as_deref().unwrap_or("-")
        );
        if !self.timeline.is_empty() {
            let mut t = new_table(mode, &["EVENT", "AT"]);
            for e in &self.timeline {
                t.add_row(vec![e.event, e.at.as_str()]);
            }
            out.push_str(&format!("{t}\n"));
        }
        if let Some(e) = &self.eni {
            out.push_str(&format!(
                "ENI {} ({}) in {} at {}\n",
                or_dash(e.eni_id.as_deref()),
                e.attachment_status,
                or_dash(e.subnet_id.as_deref()),
                or_dash(e.private_ipv4.as_deref())
            ));
        } else if self.found {
            out.push_str("no ENI attachment\n");
        }
        if let Some(code) = &self.stop_code {
            out.push_str(&format!("stopped: {code}: {}\n", self.stopped_reason.as_deref().unwrap_or("")));
        }
        if !self.facts.is_empty() {
            let mut t = new_table(mode, &["", "CHECK", "FINDING"]);
            for f in &self.facts {
                t.add_row(vec![status_cell(mode, f.status_word(), None), Cell::new(f.check), Cell::new(&f.message)]);
            }
            out.push_str(&format!("{t}\n"));
        }
        out.push_str(&format!("likely cause ({}): {}\n", self.conclusion.cause, self.conclusion.explanation));
        if let Some(fix) = &self.conclusion.fix {
            out.push_str(&format!("fix: {fix}\n"));
        }
        for e in &self.evidence {
            out.push_str(&format!("evidence: {e}\n"));
        }
        out
    }

    fn text_columns(&self) -> &'static [&'static str] {
        &["task_arn", "last_status", "state", "cause", "explanation", "fix"]
    }

    fn text_rows(&self) -> Vec<Vec<String>> {
        vec![vec![
            self.task_arn.clone(),
            or_dash(self.last_status.as_deref()),
            self.state.clone(),
            self.conclusion.cause.clone(),
            self.conclusion.explanation.clone(),
            or_dash(self.conclusion.fix.as_deref()),
        ]]
    }
}

impl Render for WindowDiagnosis {
    fn table(&self, mode: &Mode) -> String {
        let mut t = new_table(mode, &["CAUSE", "TASKS", "EXPLANATION", "FIX"]);
        for g in &self.groups {
            t.add_row(vec![
                Cell::new(&g.cause),
                Cell::new(g.count),
                Cell::new(&g.explanation),
                Cell::new(or_dash(g.fix.as_deref())),
            ]);
        }
        let mut out = if self.groups.is_empty() { String::new() } else { format!("{t}\n") };
        out.push_str(&format!(
            "{} task(s) of cluster {} stopped in the last {}, {} cause(s)\n",
            self.tasks,
            self.cluster,
            self.stopped_since,
            self.groups.len()
        ));
        out
    }

    fn text_columns(&self) -> &'static [&'static str] {
        &["cause", "count", "stop_code", "explanation", "fix", "task_ids"]
    }

    fn text_rows(&self) -> Vec<Vec<String>> {
        self.groups
            .iter()
            .map(|g| {
                vec![
                    g.cause.clone(),
                    g.count.to_string(),
                    or_dash(g.stop_code.as_deref()),
                    g.explanation.clone(),
                    or_dash(g.fix.as_deref()),
                    g.task_ids.join(","),
                ]
            })
            .collect()
    }
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
}
