//! The `diagnose` reports: one task's diagnosis, and stopped tasks grouped by cause.

use serde::Serialize;

use super::layout::wrap;
use super::sections::{cause_block, field, finding_line, title};
use super::{OutputContext, Render, or_dash};
use crate::checks::{Finding, Status};
use crate::exit;
pub use crate::rules::diagnosis::{CauseGroup, TimelineEvent};
use crate::rules::reasons::{self, Explained};

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

impl super::Report for TaskDiagnosis {
    fn exit_code(&self) -> i32 {
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

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct WindowDiagnosis {
    pub cluster: String,
    pub stopped_since: String,
    pub tasks: usize,
    pub groups: Vec<CauseGroup>,
}

impl super::Report for WindowDiagnosis {
    fn exit_code(&self) -> i32 {
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
    fn table(&self, mode: &OutputContext) -> String {
        let width = usize::from(mode.width);
        let status = format!(
            "{} (desired {})",
            self.last_status.as_deref().unwrap_or("unknown"),
            self.desired_status.as_deref().unwrap_or("-")
        );
        // The task's id and cluster: the whole ARN would not fit 80 columns (JSON carries it).
        let (cluster, id) = match crate::ids::Arn::parse(&self.task_arn) {
            Some(a) => {
                let mut parts = a.resource.rsplit('/');
                (parts.nth(1).map(str::to_string), parts_id(&self.task_arn))
            }
            None => (None, self.task_arn.clone()),
        };
        let mut out = field("Task", &id, width);
        if let Some(c) = cluster {
            out.push_str(&field("Cluster", &c, width));
        }
        out.push_str(&field("Status", &status, width));
        if let Some(e) = &self.eni {
            let eni = format!(
                "{} ({}) in {} at {}",
                or_dash(e.eni_id.as_deref()),
                e.attachment_status,
                or_dash(e.subnet_id.as_deref()),
                or_dash(e.private_ipv4.as_deref())
            );
            out.push_str(&field("ENI", &eni, width));
        } else if self.found {
            out.push_str(&field("ENI", "no ENI attachment", width));
        }
        if let Some(code) = &self.stop_code {
            out.push_str(&field(
                "Stopped",
                &format!("{code}: {}", self.stopped_reason.as_deref().unwrap_or("")),
                width,
            ));
        }
        if !self.timeline.is_empty() {
            out.push_str(&title("Events"));
            for e in &self.timeline {
                out.push_str(&format!("  {}  {}\n", e.at, e.event));
            }
        }
        if !self.facts.is_empty() {
            out.push_str(&title("Checks"));
            for f in &self.facts {
                out.push_str(&finding_line(mode, f, width));
            }
        }
        out.push_str(&title("Likely cause"));
        out.push_str(&cause_block(
            &format!("  {}", self.conclusion.cause),
            &self.conclusion.explanation,
            self.conclusion.fix.as_deref(),
            width,
        ));
        for e in &self.evidence {
            out.push_str(&wrap(e, width, "  evidence: ", 4).join("\n"));
            out.push('\n');
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

/// The last part of an ARN (a task's id).
fn parts_id(arn: &str) -> String {
    arn.rsplit('/').next().unwrap_or(arn).to_string()
}

/// Stopped tasks grouped by cause, most frequent first (`--stopped-since`, `--service`): a block
/// per cause (its count, the explanation, the fix, the tasks).
pub fn groups_blocks(mode: &OutputContext, groups: &[CauseGroup]) -> String {
    let width = usize::from(mode.width);
    let mut out = String::new();
    for g in groups {
        let head = format!("{} ({})", g.cause, super::count(g.count as i64, "task", "tasks"));
        out.push_str(&cause_block(&head, &g.explanation, g.fix.as_deref(), width));
        out.push_str(&wrap(&g.task_ids.join(" "), width, "  tasks: ", 9).join("\n"));
        out.push_str("\n\n");
    }
    out
}

impl Render for WindowDiagnosis {
    fn table(&self, mode: &OutputContext) -> String {
        let mut out = groups_blocks(mode, &self.groups);
        out.push_str(&format!(
            "{} of cluster {} stopped in the last {}, {}\n",
            super::count(self.tasks as i64, "task", "tasks"),
            self.cluster,
            self.stopped_since,
            super::count(self.groups.len() as i64, "cause", "causes")
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
