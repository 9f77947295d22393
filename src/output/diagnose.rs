//! The `diagnose` reports: one task's diagnosis, and stopped tasks grouped by cause.

use comfy_table::Cell;
use serde::Serialize;

use super::{new_table, or_dash, status, status_cell, Mode, Render};
use crate::checks::{Finding, Status};
use crate::exit;
use crate::rules::reasons::{self, Explained};

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct TimelineEvent {
    pub event: &'static str,
    pub at: String,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct EniState {
    pub attachment_status: String,
    pub eni_id: Option<String>,
    pub subnet_id: Option<String>,
    pub private_ipv4: Option<String>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
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

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct WindowDiagnosis {
    pub cluster: String,
    pub stopped_since: String,
    pub tasks: usize,
    pub groups: Vec<CauseGroup>,
}

impl WindowDiagnosis {
    pub fn exit_code(&self) -> i32 {
        if self.groups.iter().any(|g| !reasons::is_benign_stop(g.stop_code.as_deref())) {
            exit::FOUND_PROBLEM
        } else {
            exit::OK
        }
    }
}

/// The `text` columns of TaskDiagnosis, in order (also the names `--columns` takes).
pub const TASK_DIAGNOSIS_COLUMNS: &[&str] = &["task_arn", "last_status", "state", "cause", "explanation", "fix"];

/// The `text` columns of WindowDiagnosis, in order (also the names `--columns` takes).
pub const WINDOW_DIAGNOSIS_COLUMNS: &[&str] = &["cause", "count", "stop_code", "explanation", "fix", "task_ids"];

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
                t.add_row(vec![
                    status_cell(mode, f.status.as_str(), status::color(f.status)),
                    Cell::new(f.check.name()),
                    Cell::new(&f.message),
                ]);
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
        TASK_DIAGNOSIS_COLUMNS
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

/// Stopped tasks grouped by cause, most frequent first (`--stopped-since`, `--service`).
pub fn groups_table(mode: &Mode, groups: &[CauseGroup]) -> comfy_table::Table {
    let mut t = new_table(mode, &["CAUSE", "TASKS", "EXPLANATION", "FIX"]);
    for g in groups {
        t.add_row(vec![
            Cell::new(&g.cause),
            Cell::new(g.count),
            Cell::new(&g.explanation),
            Cell::new(or_dash(g.fix.as_deref())),
        ]);
    }
    t
}

impl Render for WindowDiagnosis {
    fn table(&self, mode: &Mode) -> String {
        let t = groups_table(mode, &self.groups);
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
        WINDOW_DIAGNOSIS_COLUMNS
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
