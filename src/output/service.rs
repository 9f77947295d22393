//! The `diagnose --service` report: a service that does not reach its desired count, its
//! deployments, its recent events decoded, its stopped tasks grouped by cause, the live facts
//! (the service's failing checks) and the likely cause with the fix.

use comfy_table::Cell;
use serde::Serialize;

use super::diagnose::CauseGroup;
use super::{new_table, or_dash, Mode, Render};
use crate::checks::{Finding, Status};
use crate::exit;
use crate::inventory::Deployment;
use crate::rules::events::Decoded;
use crate::rules::reasons::Explained;

/// A service event as AWS wrote it, decoded (kind `unknown`: the message verbatim).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct EventView {
    pub created_at: Option<String>,
    pub message: String,
    pub decoded: Decoded,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ServiceDiagnosis {
    pub cluster: String,
    pub service: String,
    pub desired_count: i32,
    pub running_count: i32,
    pub pending_count: i32,
    pub deployments: Vec<Deployment>,
    /// The window of events and stopped tasks (`--stopped-since`, default 1h).
    pub stopped_since: String,
    /// The service's events in the window, newest first.
    pub events: Vec<EventView>,
    pub stopped_tasks: usize,
    pub groups: Vec<CauseGroup>,
    /// The service's checks that fail, warn or could not be evaluated (live facts: capacity
    /// for its subnets and launch type, free addresses, target groups, ...).
    pub findings: Vec<Finding>,
    pub likely_cause: Option<Explained>,
}

impl ServiceDiagnosis {
    /// 1 when the service is below its desired count or something explains why it would be.
    pub fn exit_code(&self) -> i32 {
        if self.running_count < self.desired_count || self.likely_cause.is_some() {
            exit::FOUND_PROBLEM
        } else {
            exit::OK
        }
    }
}

/// The `text` columns of ServiceDiagnosis: one record per event, stopped-task cause, finding and
/// the likely cause.
pub const SERVICE_DIAGNOSIS_COLUMNS: &[&str] = &["record", "at", "kind", "reason", "detail", "fix"];

impl Render for ServiceDiagnosis {
    fn table(&self, mode: &Mode) -> String {
        let mut out = format!(
            "service {} (cluster {}): {} of {} running, {} pending\n",
            self.service, self.cluster, self.running_count, self.desired_count, self.pending_count
        );
        for d in &self.deployments {
            out.push_str(&format!(
                "deployment {} {}: {} of {} running, {} failed task(s), {}{}\n",
                d.id,
                d.status,
                d.running_count,
                d.desired_count,
                d.failed_tasks,
                or_dash(d.rollout_state.as_deref()),
                d.rollout_state_reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default()
            ));
        }
        if !self.events.is_empty() {
            let mut t = new_table(mode, &["AT", "KIND", "EVENT", "EXPLANATION"]);
            for e in &self.events {
                let mut text = e.decoded.explanation.clone();
                if let Some(f) = &e.decoded.fix {
                    text.push_str(&format!("\nfix: {f}"));
                }
                let kind = match &e.decoded.reason {
                    Some(r) => format!("{} {r}", e.decoded.kind),
                    None => e.decoded.kind.clone(),
                };
                t.add_row(vec![
                    Cell::new(or_dash(e.created_at.as_deref())),
                    Cell::new(kind),
                    Cell::new(&e.message),
                    Cell::new(text),
                ]);
            }
            out.push_str(&format!("{t}\n"));
        }
        if !self.groups.is_empty() {
            out.push_str(&format!("{}\n", super::diagnose::groups_table(mode, &self.groups)));
        }
        out.push_str(&format!("{} task(s) stopped in the last {}\n", self.stopped_tasks, self.stopped_since));
        if !self.findings.is_empty() {
            let mut t = new_table(mode, &["", "CHECK", "RESOURCE", "FINDING"]);
            for f in &self.findings {
                t.add_row(vec![
                    super::finding_status_cell(mode, f.status),
                    Cell::new(f.check.name()),
                    Cell::new(&f.resource),
                    Cell::new(&f.message),
                ]);
            }
            out.push_str(&format!("{t}\n"));
        }
        match &self.likely_cause {
            Some(c) => {
                out.push_str(&format!("likely cause: {} ({})\n", c.explanation, c.cause));
                if let Some(f) = &c.fix {
                    out.push_str(&format!("fix: {f}\n"));
                }
            }
            None => out.push_str("no problem found\n"),
        }
        out
    }

    fn text_columns(&self) -> &'static [&'static str] {
        SERVICE_DIAGNOSIS_COLUMNS
    }

    fn text_rows(&self) -> Vec<Vec<String>> {
        let mut rows: Vec<Vec<String>> = self
            .events
            .iter()
            .map(|e| {
                vec![
                    "event".into(),
                    or_dash(e.created_at.as_deref()),
                    e.decoded.kind.clone(),
                    or_dash(e.decoded.reason.as_deref()),
                    e.message.clone(),
                    or_dash(e.decoded.fix.as_deref()),
                ]
            })
            .collect();
        for g in &self.groups {
            rows.push(vec![
                "stopped".into(),
                "-".into(),
                g.cause.clone(),
                or_dash(g.stop_code.as_deref()),
                format!("{} task(s): {}", g.count, g.explanation),
                or_dash(g.fix.as_deref()),
            ]);
        }
        for f in self.findings.iter().filter(|f| f.status != Status::Pass) {
            rows.push(vec![
                "finding".into(),
                "-".into(),
                f.check.name().into(),
                f.status.as_str().into(),
                format!("{}: {}", f.resource, f.message),
                or_dash(f.remediation.as_deref()),
            ]);
        }
        if let Some(c) = &self.likely_cause {
            rows.push(vec![
                "cause".into(),
                "-".into(),
                c.cause.clone(),
                "-".into(),
                c.explanation.clone(),
                or_dash(c.fix.as_deref()),
            ]);
        }
        rows
    }
}
