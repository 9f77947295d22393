//! The `run` report: what was launched (or, with --dry-run, the exact RunTask request), the
//! preflight's findings, placement failures and stops explained, and the tasks' ENIs.

use serde::Serialize;

use super::enis::EnisReport;
use super::{OutputContext, Render};
use crate::checks::{Finding, Status};
use crate::exit;
use crate::inventory::RunTaskRequest;
use crate::rules::reasons::Explained;

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ExplainedFailure {
    pub arn: Option<String>,
    pub reason: String,
    pub detail: Option<String>,
    pub explanation: Explained,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct StoppedTask {
    pub task_arn: String,
    pub stop_code: Option<String>,
    pub stopped_reason: Option<String>,
    pub explanation: Option<Explained>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct RunReport {
    pub cluster: String,
    pub task_definition: String,
    pub launch_type: String,
    pub client_token: String,
    pub requested: u32,
    /// False with --dry-run, or when the preflight stopped the launch.
    pub launched: bool,
    /// The RunTask request (with --dry-run; environment values masked).
    pub request: Option<RunTaskRequest>,
    /// Preflight findings that are not `pass` or `skip`.
    pub preflight: Vec<Finding>,
    pub task_arns: Vec<String>,
    pub failures: Vec<ExplainedFailure>,
    pub stopped: Vec<StoppedTask>,
    pub waited: bool,
    pub timed_out: bool,
    /// The launched tasks and their ENIs, as `awsvpc enis` shows them.
    pub tasks: Option<EnisReport>,
}

impl super::Report for RunReport {
    fn exit_code(&self) -> i32 {
        let preflight_failed = self.preflight.iter().any(|f| f.status == Status::Fail);
        let preflight_unknown = self.preflight.iter().any(|f| f.status == Status::Error);
        // A dry run answers as the launch would have: a preflight check that could not be
        // evaluated (and none failed) would have stopped it, exit 3.
        if self.request.is_some() && !self.launched {
            return match (preflight_failed, preflight_unknown) {
                (true, _) => exit::FOUND_PROBLEM,
                (false, true) => exit::AWS_UNAVAILABLE,
                (false, false) => exit::OK,
            };
        }
        // Stopped by a preflight check that could not be evaluated (and none failed): exit 3.
        if !self.launched && !preflight_failed && preflight_unknown {
            return exit::AWS_UNAVAILABLE;
        }
        let all_launched = self.task_arns.len() as u32 == self.requested;
        if !self.launched || !all_launched || !self.failures.is_empty() || !self.stopped.is_empty() || self.timed_out {
            exit::FOUND_PROBLEM
        } else {
            exit::OK
        }
    }
}

impl Render for RunReport {
    fn table(&self, mode: &OutputContext) -> String {
        let mut out = String::new();
        if let Some(req) = &self.request {
            out.push_str("dry run: nothing was launched. The RunTask request:\n");
            out.push_str(&serde_json::to_string_pretty(req).unwrap_or_default());
            out.push('\n');
            return out;
        }
        let width = usize::from(mode.width);
        let line = |out: &mut String, text: &str| {
            out.push_str(&super::layout::wrap(text, width, "", 2).join("\n"));
            out.push('\n');
        };
        if !self.launched {
            line(
                &mut out,
                "nothing was launched: the preflight failed or could not be evaluated (see above; --force launches anyway)",
            );
            return out;
        }
        if let Some(t) = &self.tasks {
            out.push_str(&t.table(mode));
        }
        line(
            &mut out,
            &format!(
                "{} of {} launched in cluster {} (client token {})",
                self.task_arns.len(),
                super::count(i64::from(self.requested), "task", "tasks"),
                self.cluster,
                self.client_token
            ),
        );
        for f in &self.failures {
            line(&mut out, &format!("not placed: {}: {}", f.reason, f.explanation.explanation));
            if let Some(fix) = &f.explanation.fix {
                out.push_str(&super::layout::fix_lines(fix, width, 2).join("\n"));
                out.push('\n');
            }
        }
        for s in &self.stopped {
            let why = s.explanation.as_ref().map(|e| e.explanation.clone()).unwrap_or_else(|| "no reason given".into());
            line(&mut out, &format!("stopped: {}: {why}", s.task_arn));
            if let Some(fix) = s.explanation.as_ref().and_then(|e| e.fix.as_ref()) {
                out.push_str(&super::layout::fix_lines(fix, width, 2).join("\n"));
                out.push('\n');
            }
        }
        if self.timed_out {
            out.push_str("timed out waiting for the tasks to be RUNNING\n");
        }
        out
    }

    fn text_columns(&self) -> &'static [&'static str] {
        match &self.tasks {
            Some(t) => t.text_columns(),
            None => &["task_arn"],
        }
    }

    fn text_rows(&self) -> Vec<Vec<String>> {
        match &self.tasks {
            Some(t) => t.text_rows(),
            None => self.task_arns.iter().map(|a| vec![a.clone()]).collect(),
        }
    }
}
