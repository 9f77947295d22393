//! Progress on stderr, drawn only when stderr is a terminal and --quiet is off.

use std::sync::Arc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::output::OutputContext;

/// A bar that counts items; hidden when progress is off.
pub fn bar(mode: &OutputContext, message: &str) -> ProgressBar {
    if !mode.progress_enabled() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    pb.set_message(message.to_string());
    pb.enable_steady_tick(std::time::Duration::from_millis(120));
    pb
}

/// A progress callback that moves the bar.
pub fn callback(pb: &ProgressBar) -> crate::inventory::Progress {
    let pb = pb.clone();
    Arc::new(move |done, total| {
        pb.set_length(total);
        pb.set_position(done);
    })
}

/// One line per task while waiting: its last status and its ENI attachment's status. On a
/// terminal, live lines; otherwise (unless --quiet) a line on stderr each time a task changes.
pub struct TaskLines {
    bars: Vec<(String, ProgressBar)>,
    _multi: Option<indicatif::MultiProgress>,
    last: std::collections::HashMap<String, String>,
    print_changes: bool,
}

impl TaskLines {
    pub fn new(mode: &OutputContext, arns: &[String]) -> TaskLines {
        let mut bars = Vec::new();
        let multi = if mode.progress_enabled() {
            let m = indicatif::MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
            for arn in arns {
                let pb = m.add(ProgressBar::new_spinner());
                pb.set_style(
                    ProgressStyle::with_template("{spinner} {msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                pb.enable_steady_tick(std::time::Duration::from_millis(120));
                pb.set_message(format!("{}  waiting", short_id(arn)));
                bars.push((arn.clone(), pb));
            }
            Some(m)
        } else {
            None
        };
        TaskLines { print_changes: multi.is_none() && !mode.quiet, bars, _multi: multi, last: Default::default() }
    }

    pub fn update(&mut self, tasks: &[crate::inventory::Task]) {
        for t in tasks {
            let eni = t.eni_attachments().next().map(|a| a.status.as_str()).unwrap_or("-");
            let state = format!("{:<14} ENI {}", t.last_status, eni);
            if let Some((_, pb)) = self.bars.iter().find(|(a, _)| *a == t.arn) {
                pb.set_message(format!("{}  {state}", t.id));
            }
            if self.last.get(&t.arn) != Some(&state) {
                if self.print_changes {
                    eprintln!("awsvpc: task {}: {state}", t.id);
                }
                self.last.insert(t.arn.clone(), state);
            }
        }
    }

    pub fn finish(&mut self) {
        for (_, pb) in &self.bars {
            pb.finish_and_clear();
        }
    }
}

fn short_id(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}
