//! `awsvpc stop`: stop tasks (after asking, or with --yes), wait until they are STOPPED and their
//! ENI attachments released, report the ENIs released. Tasks already stopped or unknown are
//! reported, not fatal to the others.

use std::time::Duration;

use anyhow::Result;

use crate::aws::{Aws, ecs};
use crate::cli::StopArgs;
use crate::env::Env;
use crate::error::{Failure, Kind, invalid};
use crate::ids::{self, TaskRef};
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

/// `timeout`: the global `--timeout`, which bounds the wait.
pub fn plan(args: &StopArgs, timeout: Option<&str>, env: &Env) -> Result<Plan> {
    let explicit = args.cluster.as_deref().map(|c| ids::parse_cluster("--cluster", c)).transpose()?;
    let mut tasks: Vec<TaskRef> = Vec::new();
    let mut cluster_of_arns: Option<String> = None;
    for given in &args.tasks {
        let t = ids::parse_task("TASK", given)?;
        if let Some(c) = &t.cluster {
            if let Some(e) = &explicit
                && c != e
            {
                return Err(Failure::usage(format!("task {given} belongs to cluster {c}, not to --cluster {e}")).into());
            }
            if let Some(prev) = &cluster_of_arns
                && prev != c
            {
                return Err(Failure::usage(format!(
                    "tasks of clusters {prev} and {c}: stop one cluster's tasks at a time"
                ))
                .into());
            }
            cluster_of_arns = Some(c.clone());
        }
        if tasks.iter().any(|x| x.id == t.id) {
            return Err(Failure::usage(format!("task {given} is given twice")).into());
        }
        tasks.push(t);
    }
    let reason = args.reason.clone().unwrap_or_else(|| "Stopped with awsvpc stop".to_string());
    if reason.is_empty() || reason.chars().count() > 255 {
        return Err(invalid("--reason", &reason, "1-255 characters"));
    }
    if !args.yes && !env.stdin_tty {
        return Err(Failure::usage("awsvpc stop stops tasks and there is no terminal to ask on: add --yes").into());
    }
    Ok(Plan {
        cluster: match explicit.or(cluster_of_arns) {
            Some(c) => c,
            None => ids::default_cluster(env)?,
        },
        tasks,
        reason,
        wait: !args.wait.no_wait,
        timeout: ids::wait_timeout(timeout)?,
        poll: ids::parse_poll("--poll-interval", args.wait.poll_interval)?,
        yes: args.yes,
    })
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

#[cfg(test)]
mod tests {
    //! The plan from the command line (the real clap declaration) and a hand-built `Env`;
    //! expectations from the README's `awsvpc stop` section and StopTask's `reason` (255).

    use clap::Parser;

    use super::*;
    use crate::cli::{Cli, Command};

    const T1: &str = "0123456789abcdef0123456789abcdef";
    const T2: &str = "fedcba9876543210fedcba9876543210";

    fn arn(cluster: &str, id: &str) -> String {
        format!("arn:aws:ecs:us-east-1:123456789012:task/{cluster}/{id}")
    }

    fn plan_with(line: &[&str], env: &Env) -> Result<Plan> {
        let cli = Cli::try_parse_from(["awsvpc", "stop"].iter().chain(line)).unwrap_or_else(|e| panic!("{e}"));
        match &cli.command {
            Command::Stop(args) => plan(args, cli.aws.timeout.as_deref(), env),
            other => panic!("not stop: {other:?}"),
        }
    }

    fn ok(line: &[&str]) -> Plan {
        plan_with(line, &Env::default()).unwrap_or_else(|e| panic!("{line:?}: {e}"))
    }

    fn refused(line: &[&str], says: &[&str]) {
        let err = plan_with(line, &Env::default()).expect_err(&format!("{line:?} was accepted"));
        assert_eq!(crate::error::exit_code_of(&err), crate::exit::USAGE, "{err}");
        let msg = err.to_string();
        assert!(says.iter().all(|s| msg.contains(s)), "{line:?}: {msg:?} does not say {says:?}");
    }

    #[test]
    fn defaults() {
        let p = ok(&[T1, T2, "--yes"]);
        let ids: Vec<&str> = p.tasks.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, [T1, T2]);
        assert_eq!((p.cluster.as_str(), p.reason.as_str()), ("default", "Stopped with awsvpc stop"));
        assert!(p.wait && p.yes);
        assert_eq!((p.timeout, p.poll), (Duration::from_secs(600), Duration::from_secs(3)));
    }

    #[test]
    fn the_cluster_is_the_option_else_the_arns_else_awsvpc_cluster_else_default() {
        let env = Env { cluster: Some("prod".into()), ..Env::default() };
        assert_eq!(plan_with(&[T1, "--yes"], &env).unwrap().cluster, "prod");
        assert_eq!(
            plan_with(&[&arn("batch", T1), T2, "--yes"], &env).unwrap().cluster,
            "batch",
            "a task ARN's cluster wins"
        );
        assert_eq!(plan_with(&[T1, "--yes", "-c", "web"], &env).unwrap().cluster, "web");
        assert_eq!(ok(&[&arn("web", T1), "--cluster", "web", "--yes"]).cluster, "web");
        let bad = Env { cluster: Some("a b".into()), ..Env::default() };
        assert!(plan_with(&[T1, "--yes"], &bad).unwrap_err().to_string().contains("AWSVPC_CLUSTER"));
    }

    #[test]
    fn tasks_of_one_cluster_each_once() {
        refused(
            &[&arn("batch", T1), "--cluster", "web", "--yes"],
            &["belongs to cluster batch", "not to --cluster web"],
        );
        refused(&[&arn("a", T1), &arn("b", T2), "--yes"], &["clusters a and b", "one cluster's tasks at a time"]);
        refused(&[T1, &arn("web", T1), "--yes"], &["given twice"]);
        refused(&["not-a-task", "--yes"], &["TASK", "'not-a-task'", "32 hex digits"]);
        refused(&[T1, "--cluster", "a/b", "--yes"], &["--cluster", "'a/b'"]);
        let err = Cli::try_parse_from(["awsvpc", "stop", "--yes"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::MissingRequiredArgument);
    }

    #[test]
    fn reason_is_1_to_255_characters() {
        assert_eq!(ok(&[T1, "--reason", "deploy 42", "--yes"]).reason, "deploy 42");
        assert_eq!(ok(&[T1, "--reason", &"r".repeat(255), "--yes"]).reason.len(), 255);
        refused(&[T1, "--reason", &"r".repeat(256), "--yes"], &["--reason", "1-255 characters"]);
        refused(&[T1, "--reason=", "--yes"], &["--reason", "''", "1-255 characters"]);
    }

    #[test]
    fn wait_poll_and_timeout() {
        let p = ok(&[T1, "--yes", "--no-wait", "--poll-interval", "0.5", "--timeout", "2m"]);
        assert!(!p.wait);
        assert_eq!((p.poll, p.timeout), (Duration::from_millis(500), Duration::from_secs(120)));
        refused(&[T1, "--yes", "--poll-interval", "0"], &["--poll-interval", "'0'", "between 0.1 and 60 seconds"]);
        refused(&[T1, "--yes", "--poll-interval", "61"], &["--poll-interval", "'61'"]);
        refused(&[T1, "--yes", "--timeout", "0s"], &["--timeout", "'0s'", "at most 24h"]);
    }

    #[test]
    fn without_a_terminal_it_needs_yes() {
        refused(&[T1], &["no terminal to ask on: add --yes"]);
        let tty = Env { stdin_tty: true, ..Env::default() };
        assert!(!plan_with(&[T1], &tty).unwrap().yes, "on a terminal it asks");
    }
}
