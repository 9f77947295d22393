//! The `diagnose --service` report: a service that does not reach its desired count, its
//! deployments, its recent events decoded, its stopped tasks grouped by cause, the live facts
//! (the service's failing checks) and the likely cause with the fix.

use serde::Serialize;

use super::diagnose::CauseGroup;
use super::layout::{fix_lines, wrap};
use super::sections::{cause_block, field, finding_line, title};
use super::{OutputContext, Render, or_dash};
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

impl super::Report for ServiceDiagnosis {
    /// 1 when the service is below its desired count or something explains why it would be.
    fn exit_code(&self) -> i32 {
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
    fn table(&self, mode: &OutputContext) -> String {
        let width = usize::from(mode.width);
        let mut out = field("Service", &format!("{} (cluster {})", self.service, self.cluster), width);
        let counts =
            format!("{} of {} running, {} pending", self.running_count, self.desired_count, self.pending_count);
        out.push_str(&field("Tasks", &counts, width));
        if !self.deployments.is_empty() {
            out.push_str(&title("Deployments"));
        }
        for d in &self.deployments {
            let line = format!(
                "{} {}: {} of {} running, {} failed, {}{}",
                d.id,
                d.status,
                d.running_count,
                d.desired_count,
                super::count(i64::from(d.failed_tasks), "task", "tasks"),
                or_dash(d.rollout_state.as_deref()),
                d.rollout_state_reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default()
            );
            out.push_str(&wrap(&line, width, "  ", 4).join("\n"));
            out.push('\n');
        }
        if !self.events.is_empty() {
            out.push_str(&title("Events"));
        }
        for e in &self.events {
            // As `kubectl describe` lists events: time and kind, the message under them; AWS's
            // own words once, the explanation only where it adds to them.
            let kind = match &e.decoded.reason {
                Some(r) => format!("{} {r}", e.decoded.kind),
                None => e.decoded.kind.clone(),
            };
            out.push_str(&format!("  {}  {kind}\n", or_dash(e.created_at.as_deref())));
            out.push_str(&wrap(&e.message, width, "    ", 4).join("\n"));
            out.push('\n');
            if e.decoded.kind != "unknown" && e.decoded.explanation != e.message {
                out.push_str(&wrap(&e.decoded.explanation, width, "    why: ", 9).join("\n"));
                out.push('\n');
            }
            if let Some(f) = &e.decoded.fix {
                out.push_str(&fix_lines(f, width, 4).join("\n"));
                out.push('\n');
            }
        }
        out.push_str(&title("Stopped tasks"));
        out.push_str(&format!(
            "  {} in the last {}\n",
            super::count(self.stopped_tasks as i64, "task stopped", "tasks stopped"),
            self.stopped_since
        ));
        if !self.groups.is_empty() {
            out.push_str(&super::diagnose::groups_blocks(mode, &self.groups));
        }
        if !self.findings.is_empty() {
            out.push_str(&title("Checks"));
            for f in &self.findings {
                out.push_str(&finding_line(mode, f, width));
            }
        }
        out.push_str(&title("Likely cause"));
        match &self.likely_cause {
            Some(c) => out.push_str(&cause_block(&format!("  {}", c.cause), &c.explanation, c.fix.as_deref(), width)),
            None => out.push_str("  no problem found\n"),
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
