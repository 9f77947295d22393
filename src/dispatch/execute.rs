//! Runs a resolved command: the offline ones at once; the others in a runtime, ended by a signal
//! and bounded by `--timeout`; prints the report once, after its notes, and returns its exit code.

use std::time::Duration;

use anyhow::Result;

use super::parts;
use super::resolve::{One, Online, Planned, Resolved, Work};
use super::terminal::Terminal;
use crate::aws::{self, Aws};
use crate::commands::{capacity, check, diagnose, enis, run, stop};
use crate::env::Env;
use crate::error::Failure;
use crate::output::{self, Console, OutputContext, Report, emit, print_stdout};
use crate::{exit, generate, signals};

/// Runs the command and prints what it says; its exit code.
pub fn run(resolved: Resolved, env: &Env) -> Result<i32> {
    let Resolved { mode, work } = resolved;
    let online = match work {
        Work::Completions(shell) => {
            print_stdout(&String::from_utf8_lossy(&generate::completion(shell)))?;
            return Ok(exit::OK);
        }
        Work::CheckList => return offline(&output::check::list(), &mode),
        Work::Policy(policy) => return offline(&policy, &mode),
        Work::Explain(explanation) => return offline(&explanation, &mode),
        Work::Aws(online) => online,
    };
    let Online { planned, options, bound } = *online;
    let bound = bound.as_ref().map(|(d, given)| (*d, given.as_str()));
    let prompt = Terminal { stdin_tty: env.stdin_tty };
    let console = output::console::Stderr { ctx: &mode, prompt: &prompt };
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    match &planned {
        Planned::Parts { part, regions, all_regions } => {
            runtime.block_on(parts::run(&options, regions, *all_regions, &mode, part, bound))
        }
        Planned::One(one) => runtime.block_on(one_region(&options, &mode, &console, one, bound)),
    }
}

fn offline<R: output::Render>(report: &R, mode: &OutputContext) -> Result<i32> {
    emit(report, mode)?;
    Ok(exit::OK)
}

/// A command of one region, ended by a signal: `run` and `stop` handle the signals themselves
/// (they name the tasks they launched or stopped); the others within `--timeout`.
async fn one_region(
    options: &aws::Options,
    mode: &OutputContext,
    console: &dyn Console,
    one: &One,
    bound: Option<(Duration, &str)>,
) -> Result<i32> {
    if let One::Run(_) | One::Stop(_) = one {
        let aws = aws::connect(options).await?;
        let out = execute(&aws, mode, console, one).await;
        mode.call_summary(&aws.calls.counts());
        return out;
    }
    tokio::select! {
        res = async {
            let aws = aws::connect(options).await?;
            let out = within(bound, &aws, execute(&aws, mode, console, one)).await;
            mode.call_summary(&aws.calls.counts());
            out
        } => res,
        code = signals::any() => {
            mode.problem(signals::word(code), None);
            Ok(code)
        }
    }
}

/// The command within `--timeout`: when it passes, exit 3 naming the calls still in flight.
async fn within(
    bound: Option<(Duration, &str)>,
    aws: &Aws,
    work: impl std::future::Future<Output = Result<i32>>,
) -> Result<i32> {
    let Some((bound, given)) = bound else { return work.await };
    match tokio::time::timeout(bound, work).await {
        Ok(r) => r,
        Err(_) => {
            let pending = aws.calls.in_flight();
            let waiting =
                if pending.is_empty() { String::new() } else { format!(" (waiting for {})", pending.join(", ")) };
            Err(Failure::unavailable(format!("the command did not finish within --timeout {given}{waiting}"))
                .with_hint("raise --timeout, or look at the calls with -v")
                .into())
        }
    }
}

/// Its notes, then the report; its exit code.
fn show<R: Report>(report: &R, mode: &OutputContext) -> Result<i32> {
    for n in report.notes() {
        mode.print_note(&n);
    }
    emit(report, mode)?;
    Ok(report.exit_code())
}

/// Runs a planned command of one region, prints its report, returns its exit code.
async fn execute(aws: &Aws, mode: &OutputContext, console: &dyn Console, one: &One) -> Result<i32> {
    match one {
        One::Enis(plan) if plan.watch.is_some() => {
            let mut screen = output::watch::Watcher::default();
            let show = |r: &_| Ok(print_stdout(&screen.frame(r, mode))?);
            enis::watch_refreshes(aws, console, plan, show).await
        }
        One::Enis(plan) => show(&enis::run(aws, console, plan).await?, mode),
        One::Run(plan) => show(&run::run(aws, console, plan).await?, mode),
        One::Stop(plan) => show(&stop::run(aws, console, plan).await?, mode),
        One::Capacity(plan, cluster) => show(&capacity::run(aws, plan, cluster, console).await?, mode),
        One::DiagnoseTask { cluster, task } => show(&diagnose::diagnose_task(aws, cluster, task).await?, mode),
        One::DiagnoseService { cluster, service, since, label } => {
            show(&diagnose::diagnose_service(aws, cluster, service, *since, label).await?, mode)
        }
        One::DiagnoseWindow { cluster, since, label } => {
            show(&diagnose::diagnose_window(aws, cluster, *since, label).await?, mode)
        }
        One::Check(plan) if plan.fix => {
            let mut report = check::run_fix(aws, plan, console).await?;
            report.after = report.after.shown(&plan.status, plan.all);
            let code = show(&report, mode)?;
            output::check::write_ci(&report.after, mode, &plan.ci)?;
            Ok(code)
        }
        One::Check(plan) => {
            let report = check::run(aws, plan, console).await?.shown(&plan.status, plan.all);
            let code = show(&report, mode)?;
            output::check::write_ci(&report, mode, &plan.ci)?;
            Ok(code)
        }
    }
}
