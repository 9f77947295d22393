//! `enis --watch`: what changed between two refreshes of the `enis` report, as a line per change
//! (logs, pipes) or as the table with the changed tasks marked (a terminal).

use std::collections::BTreeMap;

use super::enis::{EniView, EnisReport, status_color};
use super::{OutputContext, or_dash};

/// What `enis --watch` compares between two refreshes: per task, its status and its ENIs with
/// their attachment status.
pub fn watch_state(report: &EnisReport) -> BTreeMap<String, String> {
    report
        .tasks
        .iter()
        .map(|t| {
            let enis: Vec<String> = t
                .enis
                .iter()
                .map(|e| format!("{} {}", e.eni_id.as_deref().unwrap_or("-"), e.attachment_status))
                .collect();
            let enis = if enis.is_empty() { "no ENI".to_string() } else { enis.join(", ") };
            (format!("{}\t{}", t.cluster, t.task_id), format!("{}\t{enis}", t.last_status))
        })
        .collect()
}

/// `enis --watch` without a terminal: one line per change since the last refresh (a task seen
/// first, a status or ENI that changed, a task gone): time, cluster, task, status, ENIs, change.
pub fn watch_lines(at: &str, before: Option<&BTreeMap<String, String>>, now: &BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    for (task, state) in now {
        match before.and_then(|b| b.get(task)) {
            None => out.push(format!("{at}\t{task}\t{state}\tnew")),
            Some(old) if old != state => out.push(format!("{at}\t{task}\t{state}\twas {}", old.replace('\t', " / "))),
            Some(_) => {}
        }
    }
    for (task, old) in before.into_iter().flatten() {
        if !now.contains_key(task) {
            out.push(format!("{at}\t{task}\t{old}\tgone"));
        }
    }
    out
}

/// `enis --watch` on a terminal: the default table, tasks that changed since the last refresh
/// marked `*`.
pub fn watch_table(report: &EnisReport, mode: &OutputContext, changed: &std::collections::BTreeSet<String>) -> String {
    // Fitted as the enis table is: the AZ gives way first on a narrow terminal, then the marks.
    let mut g = super::grid::Grid::new(&["", "TASK", "STATUS", "ENI", "PRIVATE IP", "AZ"], &[5, 0]);
    for task in &report.tasks {
        let mark = if changed.contains(&format!("{}\t{}", task.cluster, task.task_id)) { "*" } else { "" };
        let enis: Vec<&EniView> = task.enis.iter().collect();
        let first = enis.first();
        let az = first
            .and_then(|v| v.ec2.as_ref().and_then(|e| e.availability_zone.as_deref()))
            .or(task.availability_zone.as_deref());
        g.row_colored(vec![
            (mark.to_string(), None),
            (task.task_id.clone(), None),
            (task.last_status.clone(), status_color(&task.last_status)),
            (first.map_or("no ENI".to_string(), |v| or_dash(v.eni_id.as_deref())), None),
            (or_dash(first.and_then(|v| v.private_ipv4.as_deref())), None),
            (or_dash(az), None),
        ]);
    }
    format!(
        "{}{}; * changed since the last refresh; Ctrl-C ends\n",
        super::trim_lines(&g.render(mode)),
        super::count(report.tasks.len() as i64, "task", "tasks")
    )
}

/// `enis --watch`'s screen between refreshes: what it showed last, and the next frame.
#[derive(Debug, Default)]
pub struct Watcher {
    before: Option<BTreeMap<String, String>>,
}

impl Watcher {
    /// What to print for a refresh: on a terminal with a table, the table redrawn in place with
    /// the changed tasks marked; otherwise a line per change.
    pub fn frame(&mut self, report: &EnisReport, mode: &OutputContext) -> String {
        let now = watch_state(report);
        let out = if mode.stdout_tty && mode.format == super::Format::Table {
            let changed = now
                .iter()
                .filter(|(k, v)| self.before.as_ref().is_some_and(|b| b.get(*k) != Some(*v)))
                .map(|(k, _)| k.clone())
                .collect();
            format!("\x1b[H\x1b[2J{}", watch_table(report, mode, &changed))
        } else {
            let lines = watch_lines(&super::utc_now(), self.before.as_ref(), &now);
            lines.iter().map(|l| format!("{l}\n")).collect::<String>()
        };
        self.before = Some(now);
        out
    }
}
