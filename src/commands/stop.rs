//! `awsvpc stop`: stop tasks (after asking, or with --yes), wait until they are STOPPED and their
//! ENI attachments released, report the ENIs released. Tasks already stopped or unknown are
//! reported, not fatal to the others.

use std::time::Duration;

use anyhow::Result;

use crate::aws::{Aws, ecs};
use crate::error::{Failure, Kind};
use crate::ids::TaskRef;
use crate::inventory::Task;
use crate::output::Console;
use crate::output::stop::{ReleasedEni, StopReport, StoppedTask};
use crate::signals::{self, Interrupt};

/// A signal before StopTask was sent: nothing was stopped.
fn interrupted_before_stop(code: i32) -> anyhow::Error {
    let message = format!("{}: nothing was stopped", signals::word(code));
    Failure { kind: Kind::Interrupted(code), message, code: None, hint: None }.into()
}

/// A signal after StopTask was sent: the tasks go on stopping (a stop cannot be taken back); they
/// are named, with the command that follows them and the one that launches replacements.
fn interrupted_after_stop(code: i32, cluster: &str, stopped: &[&Task]) -> anyhow::Error {
    let arns: Vec<&str> = stopped.iter().map(|t| t.arn.as_str()).collect();
    let mut defs: Vec<&str> = stopped.iter().map(|t| t.task_definition_arn.as_str()).collect();
    defs.dedup();
    let relaunch: Vec<String> = defs
        .iter()
        .map(|d| format!("awsvpc run --cluster {cluster} --task-definition {d} --subnets ... --security-groups ..."))
        .collect();
    Failure {
        kind: Kind::Interrupted(code),
        message: format!(
            "{} while waiting; StopTask was sent and these tasks go on stopping: {}",
            signals::word(code),
            arns.join(" ")
        ),
        code: None,
        hint: Some(format!(
            "follow them with: awsvpc enis --cluster {cluster} {}; a stopped task cannot be restarted, launch replacements with: {}",
            arns.join(" "),
            relaunch.join(" ; ")
        )),
    }
    .into()
}

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

/// A stopped task's ENI is released once its attachment is DETACHED or DELETED.
fn released(status: &str) -> bool {
    matches!(status, "DELETED" | "DETACHED")
}

fn all_done(tasks: &[Task]) -> bool {
    tasks.iter().all(|t| t.last_status == "STOPPED" && t.eni_attachments().all(|a| released(&a.status)))
}

/// What will be stopped, where. The tasks' ARNs name their account (API Reference, Task.taskArn).
fn plan_line(aws: &Aws, plan: &Plan, to_stop: &[&Task]) -> String {
    let account = to_stop
        .iter()
        .find_map(|t| crate::ids::Arn::parse(&t.arn).map(|a| a.account))
        .unwrap_or_else(|| "unknown".into());
    format!(
        "awsvpc stop will stop {} in cluster {} of account {account} ({}):",
        crate::output::count(to_stop.len() as i64, "task", "tasks"),
        plan.cluster,
        aws.region
    )
}

pub async fn run(aws: &Aws, console: &dyn Console, plan: &Plan) -> Result<StopReport> {
    let interrupt = Interrupt::listen();
    let given: Vec<String> = plan.tasks.iter().map(|t| t.given.clone()).collect();
    let before = tokio::select! {
        r = ecs::describe_tasks(aws, &plan.cluster, &given) => r?,
        code = interrupt.wait() => return Err(interrupted_before_stop(code)),
    };
    let mut report = StopReport {
        cluster: plan.cluster.clone(),
        stopped: vec![],
        already_stopped: vec![],
        not_found: before.failures.iter().map(|f| f.arn.clone()).collect(),
        waited: false,
        timed_out: false,
    };
    for f in &report.not_found {
        console.problem(&format!("task {f} was not found in cluster {} (MISSING)", plan.cluster), None);
    }
    let to_stop: Vec<&Task> = before.tasks.iter().filter(|t| t.desired_status != "STOPPED").collect();
    report.already_stopped =
        before.tasks.iter().filter(|t| t.desired_status == "STOPPED").map(|t| t.arn.clone()).collect();
    for a in &report.already_stopped {
        console.warn(&format!("task {a} was already stopped"));
    }
    if to_stop.is_empty() {
        return Ok(report);
    }
    if !console.quiet() || !plan.yes {
        console.announce(&plan_line(aws, plan, &to_stop));
        for t in &to_stop {
            let enis: Vec<&str> = t.eni_attachments().filter_map(|a| a.eni_id()).collect();
            let enis = if enis.is_empty() { "-".to_string() } else { enis.join(", ") };
            console.announce(&format!("  {} ({}; ENI {enis})", t.arn, t.last_status));
        }
    }
    if !plan.yes && !console.confirm("Stop these tasks?")? {
        return Err(Failure::usage("nothing was stopped (not confirmed)").into());
    }
    if let Some(code) = interrupt.code() {
        return Err(interrupted_before_stop(code));
    }
    let arns: Vec<String> = to_stop.iter().map(|t| t.arn.clone()).collect();
    // StopTask is not cancelled half-way: once sent, its answer is awaited.
    let stopped_arns = ecs::stop_tasks(aws, &plan.cluster, &arns, &plan.reason).await?;
    let sent: Vec<&Task> = to_stop.iter().copied().filter(|t| stopped_arns.contains(&t.arn)).collect();
    if let Some(code) = interrupt.code() {
        return Err(interrupted_after_stop(code, &plan.cluster, &sent));
    }
    let last: Vec<Task> = if plan.wait {
        report.waited = true;
        let mut display = console.task_lines(&stopped_arns);
        let polled = tokio::select! {
            r = ecs::poll_tasks(
                aws,
                &plan.cluster,
                &stopped_arns,
                plan.poll,
                plan.timeout,
                |t| display.update(t),
                all_done,
            ) => Ok(r),
            code = interrupt.wait() => Err(code),
        };
        display.finish();
        let (tasks, timed_out) = match polled {
            Ok(r) => r?,
            Err(code) => return Err(interrupted_after_stop(code, &plan.cluster, &sent)),
        };
        report.timed_out = timed_out;
        tasks
    } else {
        to_stop.into_iter().cloned().collect()
    };
    report.stopped = stopped_arns.iter().map(|arn| stopped_task(arn, last.iter().find(|t| &t.arn == arn))).collect();
    Ok(report)
}

fn stopped_task(arn: &str, t: Option<&Task>) -> StoppedTask {
    StoppedTask {
        task_arn: arn.to_string(),
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
}
