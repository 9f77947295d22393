//! `awsvpc`: preflight, launch and inspect Amazon ECS tasks in the awsvpc network mode.
//!
//! The flow of every command: parse (`cli`), validate into a plan (no AWS), gather (`aws`),
//! evaluate (`checks`, pure functions over the `inventory` and the `rules`), render (`output`),
//! map to an exit code (`exit`). CONTRIBUTING.md's "Architecture" section maps the folders and what
//! each may depend on; a test enforces it.

mod audit;
pub mod aws;
pub mod checks;
pub mod cli;
pub mod commands;
pub mod error;
pub mod exit;
#[cfg(test)]
mod fixtures;
pub mod generate;
pub mod ids;
pub mod inventory;
pub mod output;
mod output_options;
pub mod rules;
pub mod signals;

use std::ffi::OsString;

use anyhow::Result;
use clap::Parser;

use crate::cli::{Cli, Command};
use crate::error::Failure;
use crate::output::{Mode, emit, print_stdout};

/// The whole program: arguments in, exit code out.
pub fn main() -> i32 {
    run_args(std::env::args_os())
}

pub fn run_args<I: IntoIterator<Item = OsString>>(args: I) -> i32 {
    let args: Vec<OsString> = args.into_iter().collect();
    if let Some(option) = non_utf8_option(&args) {
        eprintln!("awsvpc: error: invalid value for {option}: it is not valid UTF-8");
        return exit::USAGE;
    }
    // `awsvpc generate [--check] [--dir DIR]`: the repository's generated files, for the project's
    // own maintenance; outside the clap definition, so no help, completion or man page shows it.
    if args.get(1).is_some_and(|a| a == "generate") {
        return generate::cli(&args[2..]);
    }
    if is_verbose_version(&args) {
        let _ = print_stdout(&verbose_version());
        return exit::OK;
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version
            let _ = print_stdout(&e.render().to_string());
            return exit::OK;
        }
        // Bare `awsvpc`: the usage and the list of commands, as clap prints them (exit 2).
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{}", e.render());
            return exit::USAGE;
        }
        Err(e) => {
            eprintln!("awsvpc: {}", condense_clap_error(&e.render().to_string()));
            return exit::USAGE;
        }
    };
    let mode = Mode::resolve(&cli.output);
    match run(cli, &mode) {
        Ok(code) => code,
        Err(err) => {
            report_error(&err);
            error::exit_code_of(&err)
        }
    }
}

/// `--version --verbose` (or `-V -v`): the version and what it was built from.
fn is_verbose_version(args: &[OsString]) -> bool {
    let has = |names: &[&str]| args.iter().skip(1).any(|a| a.to_str().is_some_and(|a| names.contains(&a)));
    has(&["--version", "-V"]) && has(&["--verbose", "-v"])
}

fn verbose_version() -> String {
    format!(
        "awsvpc {}\ncommit: {}\ntarget: {}\nrust: {}\naws sdk: {}\n",
        env!("CARGO_PKG_VERSION"),
        env!("AWSVPC_GIT_COMMIT"),
        env!("AWSVPC_TARGET"),
        env!("AWSVPC_RUSTC"),
        env!("AWSVPC_SDK")
    )
}

/// Prints an error once, on stderr, with its hint.
pub fn report_error(err: &anyhow::Error) {
    match err.chain().find_map(|e| e.downcast_ref::<Failure>()) {
        Some(f) => {
            let context: Vec<String> =
                err.chain().take_while(|e| e.downcast_ref::<Failure>().is_none()).map(|e| e.to_string()).collect();
            if context.is_empty() {
                eprintln!("awsvpc: error: {}", f.message);
            } else {
                eprintln!("awsvpc: error: {}: {}", context.join(": "), f.message);
            }
            if let Some(h) = &f.hint {
                eprintln!("  hint: {h}");
            }
        }
        None => eprintln!("awsvpc: error: {err:#}"),
    }
}

/// The option whose value is not valid UTF-8, named for the error (clap does not name it).
fn non_utf8_option(args: &[OsString]) -> Option<String> {
    let bad = args.iter().skip(1).position(|a| a.to_str().is_none())? + 1;
    let lossy = args[bad].to_string_lossy();
    if let Some(flag) = lossy.strip_prefix("--") {
        return Some(format!("--{}", flag.split('=').next().unwrap_or(flag)));
    }
    match args[bad - 1].to_str() {
        Some(prev) if prev.starts_with('-') && bad > 1 => Some(prev.to_string()),
        _ => Some("an argument".to_string()),
    }
}

/// clap's multi-line usage errors as one line: the error and the allowed values.
pub fn condense_clap_error(text: &str) -> String {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("error: invalid arguments").to_string();
    // Keep the allowed values, the tips and the names of missing arguments; drop the usage.
    let extra: Vec<&str> = lines
        .filter(|l| l.starts_with('[') || l.starts_with("tip:") || l.starts_with('-') || l.starts_with('<'))
        .collect();
    let mut out = first;
    for e in extra {
        out.push(' ');
        out.push_str(e);
    }
    out.push_str(" (see awsvpc --help)");
    out
}

/// A validated command, ready to run against AWS.
enum Planned {
    Enis(commands::enis::Plan),
    Check(commands::check::Plan),
    Run(commands::run::Plan),
    Stop(commands::stop::Plan),
    Capacity(commands::capacity::Plan),
    Diagnose(commands::diagnose::Plan),
}

/// Commands that never touch AWS or load any configuration: their exit code, or None.
fn offline(cli: &Cli, mode: &Mode) -> Result<Option<i32>> {
    match &cli.command {
        Command::Completions(args) => {
            print_stdout(&String::from_utf8_lossy(&generate::completion(args.shell)))?;
            return Ok(Some(exit::OK));
        }
        Command::Check(args) if args.list && mode.format != cli::OutputFormat::Junit => {
            emit(&output::check::list(), mode)?;
            return Ok(Some(exit::OK));
        }
        Command::IamPolicy(args) if mode.format != cli::OutputFormat::Junit => {
            emit(&commands::iam_policy::policy(&args.commands), mode)?;
            return Ok(Some(exit::OK));
        }
        Command::Explain(args) if mode.format != cli::OutputFormat::Junit => {
            emit(&commands::explain::explain(&args.id)?, mode)?;
            return Ok(Some(exit::OK));
        }
        _ => {}
    }

    Ok(None)
}

/// Whether the command runs as an audit in parts (several regions, or several clusters for
/// `capacity` and `diagnose --stopped-since`); commands of one region refuse several.
fn in_parts(planned: &Planned, multi_region: bool) -> Result<bool> {
    let one_cluster = |c: &ids::Clusters| matches!(c, ids::Clusters::Named(n) if n.len() == 1);
    Ok(match planned {
        Planned::Run(_) if multi_region => return Err(audit::one_region_only("awsvpc run")),
        Planned::Stop(_) if multi_region => return Err(audit::one_region_only("awsvpc stop")),
        Planned::Diagnose(commands::diagnose::Plan::Service { .. }) if multi_region => {
            return Err(audit::one_region_only("awsvpc diagnose --service"));
        }
        Planned::Diagnose(commands::diagnose::Plan::Task { .. }) if multi_region => {
            return Err(audit::one_region_only("awsvpc diagnose TASK"));
        }
        Planned::Capacity(p) => multi_region || !one_cluster(&p.clusters),
        Planned::Diagnose(commands::diagnose::Plan::Window { clusters, .. }) => multi_region || !one_cluster(clusters),
        _ => multi_region,
    })
}

fn run(cli: Cli, mode: &Mode) -> Result<i32> {
    output_options::check(&cli)?;
    if let Some(code) = offline(&cli, mode)? {
        return Ok(code);
    }
    // Validate everything before the configuration is loaded or any call is made.
    if mode.format == cli::OutputFormat::Junit && !matches!(cli.command, Command::Check(_)) {
        return Err(error::Failure::usage("--output junit is only for `awsvpc check` (use table, json or text)").into());
    }
    let a = &cli.aws;
    for r in &a.region {
        ids::check_aws_options(Some(r), None, None)?;
    }
    ids::check_aws_options(None, a.endpoint_url.as_deref(), a.profile.as_deref())?;
    let multi_region = a.all_regions || a.region.len() > 1;
    let options = aws::Options {
        profile: a.profile.clone(),
        region: a.region.first().filter(|_| !multi_region).cloned(),
        endpoint_url: a.endpoint_url.clone(),
        max_attempts: a.max_attempts,
        read_timeout: a.read_timeout,
        connect_timeout: a.connect_timeout,
        throttle_budget: a.throttle_budget,
        verbose: mode.verbose > 0,
    };
    // The whole command's bound (run and stop: their wait, inside the plan).
    let bound = match a.timeout.as_deref() {
        Some(t) => Some((ids::parse_duration("--timeout", t)?, t)),
        None => None,
    };
    let planned = match &cli.command {
        Command::Enis(args) => Planned::Enis(commands::enis::plan(args)?),
        Command::Check(args) => Planned::Check(commands::check::plan(args)?),
        Command::Run(args) => Planned::Run(commands::run::plan(args, a.timeout.as_deref())?),
        Command::Stop(args) => Planned::Stop(commands::stop::plan(args, a.timeout.as_deref())?),
        Command::Capacity(args) => Planned::Capacity(commands::capacity::plan(args)?),
        Command::Diagnose(args) => Planned::Diagnose(commands::diagnose::plan(args)?),
        Command::Completions(_) | Command::Explain(_) | Command::IamPolicy(_) => unreachable!("handled above"),
    };

    let in_parts = in_parts(&planned, multi_region)?;

    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    if in_parts {
        return runtime.block_on(audit_in_parts(&options, a, mode, &planned, bound));
    }
    runtime.block_on(async {
        // `run` and `stop` handle the signals themselves: they name the tasks they launched or stopped.
        if let Planned::Run(_) | Planned::Stop(_) = &planned {
            let aws = aws::connect(&options).await?;
            let out = execute(&aws, mode, &planned).await;
            mode.call_summary(&aws.calls.counts());
            return out;
        }
        tokio::select! {
            res = async {
                let aws = aws::connect(&options).await?;
                let out = within(bound, &aws, execute(&aws, mode, &planned)).await;
                mode.call_summary(&aws.calls.counts());
                out
            } => res,
            code = signals::any() => {
                mode.problem(signals::word(code), None);
                Ok(code)
            }
        }
    })
}

/// An audit in parts, bounded by `--timeout`, ended by a signal like every reading command.
async fn audit_in_parts(
    options: &aws::Options,
    a: &cli::AwsArgs,
    mode: &Mode,
    planned: &Planned,
    bound: Option<(std::time::Duration, &str)>,
) -> Result<i32> {
    tokio::select! {
        res = async {
            let regions = audit::regions(options, &a.region, a.all_regions).await?;
            let work = in_parts_of(options, &regions, mode, planned);
            match bound {
                None => work.await,
                Some((d, given)) => tokio::time::timeout(d, work).await.unwrap_or_else(|_| {
                    Err(error::Failure::unavailable(format!("the command did not finish within --timeout {given}")).into())
                }),
            }
        } => res,
        code = signals::any() => {
            mode.problem(signals::word(code), None);
            Ok(code)
        }
    }
}

/// The command within `--timeout`: when it passes, exit 3 naming the calls still in flight.
async fn within(
    bound: Option<(std::time::Duration, &str)>,
    aws: &aws::Aws,
    work: impl std::future::Future<Output = Result<i32>>,
) -> Result<i32> {
    let Some((bound, given)) = bound else { return work.await };
    match tokio::time::timeout(bound, work).await {
        Ok(r) => r,
        Err(_) => {
            let pending = aws.calls.in_flight();
            let waiting =
                if pending.is_empty() { String::new() } else { format!(" (waiting for {})", pending.join(", ")) };
            Err(error::Failure::unavailable(format!("the command did not finish within --timeout {given}{waiting}"))
                .with_hint("raise --timeout, or look at the calls with -v")
                .into())
        }
    }
}

/// Runs a reading command as an audit in parts (regions, clusters), prints it, returns its exit code.
async fn in_parts_of(options: &aws::Options, regions: &[String], mode: &Mode, planned: &Planned) -> Result<i32> {
    match planned {
        Planned::Enis(plan) => audit::enis(options, regions, mode, plan).await,
        Planned::Check(plan) => audit::check(options, regions, mode, plan).await,
        Planned::Capacity(plan) => audit::capacity(options, regions, mode, plan).await,
        Planned::Diagnose(commands::diagnose::Plan::Window { clusters, since, label }) => {
            audit::diagnose_window(options, regions, mode, clusters, *since, label).await
        }
        _ => unreachable!("one-region commands are refused before"),
    }
}

/// `enis --watch`: refreshes until a signal ends the command (`run`'s select): on a terminal the
/// table redrawn in place with the changed tasks marked, otherwise a line per change.
async fn watch_enis(aws: &aws::Aws, mode: &Mode, plan: &commands::enis::Plan) -> Result<i32> {
    let every = plan.watch.unwrap_or(std::time::Duration::from_secs(5));
    let quiet = Mode { quiet: true, ..*mode };
    let mut before: Option<std::collections::BTreeMap<String, String>> = None;
    loop {
        let report = commands::enis::run(aws, &quiet, plan).await?;
        let now = output::watch::watch_state(&report);
        if mode.stdout_tty && mode.format == cli::OutputFormat::Table {
            let changed = now
                .iter()
                .filter(|(k, v)| before.as_ref().is_some_and(|b| b.get(*k) != Some(*v)))
                .map(|(k, _)| k.clone())
                .collect();
            print_stdout(&format!("\x1b[H\x1b[2J{}", output::watch::watch_table(&report, mode, &changed)))?;
        } else {
            let lines = output::watch::watch_lines(&output::utc_now(), before.as_ref(), &now);
            print_stdout(&lines.iter().map(|l| format!("{l}\n")).collect::<String>())?;
        }
        before = Some(now);
        tokio::time::sleep(every).await;
    }
}

/// Runs a planned command, prints its report, returns its exit code.
async fn execute(aws: &aws::Aws, mode: &Mode, planned: &Planned) -> Result<i32> {
    match planned {
        Planned::Enis(plan) if plan.watch.is_some() => watch_enis(aws, mode, plan).await,
        Planned::Enis(plan) => {
            let report = commands::enis::run(aws, mode, plan).await?;
            for f in &report.failures {
                let detail = f.detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
                mode.problem(&format!("task {} was not returned by DescribeTasks: {}{detail}", f.arn, f.reason), None);
            }
            emit(&report, mode)?;
            Ok(report.exit_code())
        }
        Planned::Run(plan) => {
            let report = commands::run::run(aws, mode, plan).await?;
            emit(&report, mode)?;
            Ok(report.exit_code())
        }
        Planned::Stop(plan) => {
            let report = commands::stop::run(aws, mode, plan).await?;
            emit(&report, mode)?;
            Ok(report.exit_code())
        }
        Planned::Capacity(plan) => {
            let cluster = match &plan.clusters {
                ids::Clusters::Named(n) => n[0].clone(),
                ids::Clusters::All => unreachable!("several clusters run in parts"),
            };
            let report = commands::capacity::run(aws, plan, &cluster, mode).await?;
            for w in &report.warnings {
                mode.warn(w);
            }
            emit(&report, mode)?;
            Ok(report.exit_code())
        }
        Planned::Diagnose(commands::diagnose::Plan::Task { cluster, task }) => {
            let report = commands::diagnose::diagnose_task(aws, cluster, task).await?;
            emit(&report, mode)?;
            Ok(report.exit_code())
        }
        Planned::Diagnose(commands::diagnose::Plan::Service { cluster, service, since, label }) => {
            let report = commands::diagnose::diagnose_service(aws, cluster, service, *since, label).await?;
            emit(&report, mode)?;
            Ok(report.exit_code())
        }
        Planned::Diagnose(commands::diagnose::Plan::Window { clusters, since, label }) => {
            let cluster = match clusters {
                ids::Clusters::Named(n) => n[0].clone(),
                ids::Clusters::All => unreachable!("several clusters run in parts"),
            };
            let report = commands::diagnose::diagnose_window(aws, &cluster, *since, label).await?;
            emit(&report, mode)?;
            Ok(report.exit_code())
        }
        Planned::Check(plan) if plan.fix => {
            let mut report = commands::check::run_fix(aws, plan, mode).await?;
            report.after = report.after.shown(&plan.status, plan.all);
            emit(&report, mode)?;
            ci_outputs(plan, &report.after, mode)?;
            Ok(report.exit_code())
        }
        Planned::Check(plan) => {
            let report = commands::check::run(aws, plan, mode).await?.shown(&plan.status, plan.all);
            emit(&report, mode)?;
            ci_outputs(plan, &report, mode)?;
            Ok(report.exit_code())
        }
    }
}

/// `check`'s outputs for CI beside stdout: the JUnit file, and on GitHub Actions (or with
/// `--annotations github`) workflow annotations on stderr and the job summary.
fn ci_outputs(plan: &commands::check::Plan, report: &output::check::CheckReport, mode: &Mode) -> Result<()> {
    let on_github = match plan.annotations {
        cli::Annotations::Github => true,
        cli::Annotations::None => false,
        cli::Annotations::Auto => std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true"),
    };
    let summary = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()).map(std::path::PathBuf::from);
    output::check::write_ci(report, mode, plan.junit_file.as_deref(), on_github, summary.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_errors_become_one_line() {
        let text = "error: the following required arguments were not provided:\n  --fix\n\nUsage: awsvpc check --fix --yes\n\nFor more information, try '--help'.\n";
        assert_eq!(
            condense_clap_error(text),
            "error: the following required arguments were not provided: --fix (see awsvpc --help)"
        );
        let text =
            "error: invalid value 'yaml' for '--output <OUTPUT>'\n  [possible values: table, json, text, junit]\n";
        assert!(condense_clap_error(text).contains("[possible values: table, json, text, junit]"));
    }
}
