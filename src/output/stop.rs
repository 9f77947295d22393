//! The `stop` report: the tasks stopped, whether their ENIs were released, the ones not found.

use serde::Serialize;

use super::{OutputContext, Render, or_dash};
use crate::exit;

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct StopReport {
    pub cluster: String,
    /// Tasks stopped by this command.
    pub stopped: Vec<StoppedTask>,
    /// Tasks that were already stopped (or stopping) before.
    pub already_stopped: Vec<String>,
    /// Tasks DescribeTasks did not know.
    pub not_found: Vec<String>,
    pub waited: bool,
    pub timed_out: bool,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct StoppedTask {
    pub task_arn: String,
    pub last_status: String,
    /// The task's ENIs and whether their attachment is released.
    pub enis: Vec<ReleasedEni>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ReleasedEni {
    pub eni_id: Option<String>,
    pub attachment_status: String,
    pub released: bool,
}

impl super::Report for StopReport {
    fn exit_code(&self) -> i32 {
        if !self.not_found.is_empty() || self.timed_out { exit::FOUND_PROBLEM } else { exit::OK }
    }
}

/// The `text` columns of StopReport, in order (also the names `--columns` takes).
pub const STOP_REPORT_COLUMNS: &[&str] = &["task_arn", "last_status", "eni_id", "attachment_status", "released"];

impl Render for StopReport {
    fn table(&self, mode: &OutputContext) -> String {
        // Fitted to the width: the attachment status gives way first, then the task's status.
        let mut t = super::grid::Grid::new(&["TASK", "STATUS", "ENI", "ATTACHMENT", "RELEASED"], &[3, 1]);
        for s in &self.stopped {
            let id = s.task_arn.rsplit('/').next().unwrap_or(&s.task_arn).to_string();
            if s.enis.is_empty() {
                t.row(vec![id.clone(), s.last_status.clone(), "-".into(), "-".into(), "-".into()]);
            }
            for e in &s.enis {
                t.row(vec![
                    id.clone(),
                    s.last_status.clone(),
                    or_dash(e.eni_id.as_deref()),
                    e.attachment_status.clone(),
                    if e.released { "yes".into() } else { "no".into() },
                ]);
            }
        }
        let mut out = if self.stopped.is_empty() { String::new() } else { t.render(mode) };
        let released: usize = self.stopped.iter().map(|s| s.enis.iter().filter(|e| e.released).count()).sum();
        out.push_str(&format!(
            "{} stopped, {} released; {} already stopped; {} not found{}\n",
            super::count(self.stopped.len() as i64, "task", "tasks"),
            super::count(released as i64, "ENI", "ENIs"),
            self.already_stopped.len(),
            self.not_found.len(),
            if self.timed_out { "; timed out waiting" } else { "" }
        ));
        out
    }

    fn text_columns(&self) -> &'static [&'static str] {
        STOP_REPORT_COLUMNS
    }

    fn text_rows(&self) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        for s in &self.stopped {
            if s.enis.is_empty() {
                rows.push(vec![s.task_arn.clone(), s.last_status.clone(), "-".into(), "-".into(), "-".into()]);
            }
            for e in &s.enis {
                rows.push(vec![
                    s.task_arn.clone(),
                    s.last_status.clone(),
                    or_dash(e.eni_id.as_deref()),
                    e.attachment_status.clone(),
                    e.released.to_string(),
                ]);
            }
        }
        rows
    }
}
