//! `awsvpc stop`: stop tasks (after asking, or with --yes), wait until they are STOPPED and their
//! ENI attachments released, report the ENIs released. Tasks already stopped or unknown are
//! reported, not fatal to the others.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;
use serde::Serialize;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::aws::Aws;
use crate::cli::StopArgs;
use crate::error::{from_sdk, invalid, Failure};
use crate::exit;
use crate::fetch;
use crate::ids::{self, TaskRef};
use crate::inventory::Task;
use crate::output::{new_table, or_dash, Mode, Render};

#[derive(Debug, Clone)]
pub struct Plan {
    pub cluster: String,
    pub tasks: Vec<TaskRef>,
    pub reason: String,
    pub wait: bool,
    pub timeout: Duration,
    pub poll: Duration,
    pub yes: bool,
}

pub fn plan(args: &StopArgs) -> Result<Plan> {
    let explicit = args.cluster.as_deref().map(|c| ids::parse_cluster("--cluster", c)).transpose()?;
    let mut tasks: Vec<TaskRef> = Vec::new();
    let mut cluster_of_arns: Option<String> = None;
    for given in &args.tasks {
        let t = ids::parse_task("TASK", given)?;
        if let Some(c) = &t.cluster {
            if let Some(e) = &explicit {
                if c != e {
                    return Err(
                        Failure::usage(format!("task {given} belongs to cluster {c}, not to --cluster {e}")).into()
                    );
                }
            }
            if let Some(prev) = &cluster_of_arns {
                if prev != c {
                    return Err(Failure::usage(format!(
                        "tasks of clusters {prev} and {c}: stop one cluster's tasks at a time"
                    ))
                    .into());
                }
            }
            cluster_of_arns = Some(c.clone());
        }
        if tasks.iter().any(|x| x.id == t.id) {
            return Err(Failure::usage(format!("task {given} is given twice")).into());
        }
        tasks.push(t);
    }
    let reason = args.reason.clone().unwrap_or_else(|| "Stopped with awsvpc stop".to_string());
    if reason.is_empty() || reason.len() > 255 {
        return Err(invalid("--reason", &reason, "1-255 characters"));
    }
    if !args.yes && !std::io::stdin().is_terminal() {
        return Err(Failure::usage("awsvpc stop stops tasks and there is no terminal to ask on: add --yes").into());
    }
    Ok(Plan {
        cluster: explicit.or(cluster_of_arns).unwrap_or_else(|| "default".into()),
        tasks,
        reason,
        wait: !args.no_wait,
        timeout: ids::parse_duration("--timeout", &args.timeout)?,
        poll: ids::parse_poll("--poll-interval", args.poll_interval)?,
        yes: args.yes,
    })
}

#[derive(Debug, Serialize)]
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

#[derive(Debug, Serialize)]
pub struct StoppedTask {
    pub task_arn: String,
    pub last_status: String,
    /// The task's ENIs and whether their attachment is released.
    pub enis: Vec<ReleasedEni>,
}

#[derive(Debug, Serialize)]
pub struct ReleasedEni {
    pub eni_id: Option<String>,
    pub attachment_status: String,
    pub released: bool,
}

impl StopReport {
    pub fn exit_code(&self) -> i32 {
        if !self.not_found.is_empty() || self.timed_out {
            exit::FOUND_PROBLEM
        } else {
            exit::OK
        }
    }
}

fn released(status: &str) -> bool {
    matches!(status, "DELETED" | "DETACHED")
}

fn is_done(t: &Task) -> bool {
    t.last_status == "STOPPED" && t.eni_attachments().all(|a| released(&a.status))
}

pub async fn run(aws: &Aws, mode: &Mode, plan: &Plan) -> Result<StopReport> {
    let given: Vec<String> = plan.tasks.iter().map(|t| t.given.clone()).collect();
    let before = fetch::describe_tasks(aws, &plan.cluster, &given).await?;
    let mut report = StopReport {
        cluster: plan.cluster.clone(),
        stopped: vec![],
        already_stopped: vec![],
        not_found: before.failures.iter().map(|f| f.arn.clone()).collect(),
        waited: false,
        timed_out: false,
    };
    for f in &report.not_found {
        eprintln!("awsvpc: task {f} was not found in cluster {} (MISSING)", plan.cluster);
    }
    let to_stop: Vec<&Task> = before.tasks.iter().filter(|t| t.desired_status != "STOPPED").collect();
    report.already_stopped =
        before.tasks.iter().filter(|t| t.desired_status == "STOPPED").map(|t| t.arn.clone()).collect();
    for a in &report.already_stopped {
        mode.warn(&format!("task {a} was already stopped"));
    }
    if to_stop.is_empty() {
        return Ok(report);
    }
    if !mode.quiet || !plan.yes {
        eprintln!("awsvpc stop will stop {} task(s) in cluster {}:", to_stop.len(), plan.cluster);
        for t in &to_stop {
            let enis: Vec<&str> = t.eni_attachments().filter_map(|a| a.eni_id()).collect();
            eprintln!(
                "  {} ({}; ENI {})",
                t.arn,
                t.last_status,
                if enis.is_empty() { "-".to_string() } else { enis.join(", ") }
            );
        }
    }
    if !plan.yes && !crate::output::confirm("Stop these tasks?")? {
        return Err(Failure::usage("nothing was stopped (not confirmed)").into());
    }
    // StopTask has no batch form: one call per task, a few at once.
    let limit = Arc::new(Semaphore::new(fetch::CONCURRENCY));
    let mut set = JoinSet::new();
    for t in &to_stop {
        let (ecs, cluster, arn, reason, limit) =
            (aws.ecs.clone(), plan.cluster.clone(), t.arn.clone(), plan.reason.clone(), limit.clone());
        set.spawn(async move {
            let _permit = limit.acquire_owned().await;
            ecs.stop_task()
                .cluster(&cluster)
                .task(&arn)
                .reason(reason)
                .send()
                .await
                .map_err(|e| from_sdk(&format!("stopping task {arn} (StopTask)"), e))
                .map(|_| arn)
        });
    }
    let mut stopped_arns = Vec::new();
    while let Some(joined) = set.join_next().await {
        stopped_arns.push(joined??);
    }
    stopped_arns.sort();
    let mut last: BTreeMap<String, Task> = BTreeMap::new();
    if plan.wait {
        report.waited = true;
        let start = Instant::now();
        let mut display = crate::progress::TaskLines::new(mode, &stopped_arns);
        loop {
            let d = fetch::describe_tasks(aws, &plan.cluster, &stopped_arns).await?;
            display.update(&d.tasks);
            for t in d.tasks {
                last.insert(t.arn.clone(), t);
            }
            if last.values().all(is_done) {
                break;
            }
            if start.elapsed() >= plan.timeout {
                report.timed_out = true;
                break;
            }
            tokio::time::sleep(plan.poll).await;
        }
        display.finish();
    } else {
        for t in to_stop {
            last.insert(t.arn.clone(), t.clone());
        }
    }
    report.stopped = stopped_arns
        .iter()
        .map(|arn| {
            let t = last.get(arn);
            StoppedTask {
                task_arn: arn.clone(),
                last_status: t.map(|t| t.last_status.clone()).unwrap_or_else(|| "UNKNOWN".into()),
                enis: t
                    .map(|t| {
                        t.eni_attachments()
                            .map(|a| ReleasedEni {
                                eni_id: a.eni_id().map(str::to_string),
                                attachment_status: a.status.clone(),
                                released: released(&a.status),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    Ok(report)
}

impl Render for StopReport {
    fn table(&self, mode: &Mode) -> String {
        let mut t = new_table(mode, &["TASK", "STATUS", "ENI", "ATTACHMENT", "RELEASED"]);
        for s in &self.stopped {
            let id = s.task_arn.rsplit('/').next().unwrap_or(&s.task_arn);
            if s.enis.is_empty() {
                t.add_row(vec![id, s.last_status.as_str(), "-", "-", "-"]);
            }
            for e in &s.enis {
                t.add_row(vec![
                    id.to_string(),
                    s.last_status.clone(),
                    or_dash(e.eni_id.as_deref()),
                    e.attachment_status.clone(),
                    if e.released { "yes".into() } else { "no".into() },
                ]);
            }
        }
        let mut out = if self.stopped.is_empty() { String::new() } else { format!("{t}\n") };
        let released: usize = self.stopped.iter().map(|s| s.enis.iter().filter(|e| e.released).count()).sum();
        out.push_str(&format!(
            "{} task(s) stopped, {} ENI(s) released; {} already stopped; {} not found{}\n",
            self.stopped.len(),
            released,
            self.already_stopped.len(),
            self.not_found.len(),
            if self.timed_out { "; timed out waiting" } else { "" }
        ));
        out
    }

    fn text_columns(&self) -> &'static [&'static str] {
        &["task_arn", "last_status", "eni_id", "attachment_status", "released"]
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
