//! Parse, then resolve (ripgrep's `LowArgs` -> `HiArgs`): the command line and the environment
//! become the output settings, the AWS options and a validated plan, before any configuration is
//! loaded or any call is made. Every `plan()` below is a function of its arguments and the `Env`.

use std::time::Duration;

use anyhow::Result;

use super::{output_options, parts};
use crate::cli::{self, Cli, Command};
use crate::commands::{capacity, check, diagnose, enis, explain, iam_policy, run, stop};
use crate::env::Env;
use crate::error::Failure;
use crate::output::OutputContext;
use crate::output::explain::Explanation;
use crate::output::policy::Policy;
use crate::{aws, ids};

/// A command ready to run: its output settings and its work.
pub struct Resolved {
    pub mode: OutputContext,
    pub work: Work,
}

/// What a command does.
pub enum Work {
    /// Commands that never touch AWS or load any configuration.
    Completions(clap_complete::Shell),
    CheckList,
    Policy(Policy),
    Explain(Explanation),
    /// A validated command, ready to run against AWS.
    Aws(Box<Online>),
}

/// A command against AWS: its plan, how to reach AWS and its bound.
pub struct Online {
    pub planned: Planned,
    pub options: aws::Options,
    /// `--timeout`: the whole command's bound, and how it was given (run and stop: their wait,
    /// inside the plan).
    pub bound: Option<(Duration, String)>,
}

/// A validated command: in one region (and one cluster), or as an audit in parts.
pub enum Planned {
    One(One),
    /// Several regions (`--region a,b`, `--all-regions`), or several clusters (`capacity`,
    /// `diagnose --stopped-since`): `--region` as given.
    Parts {
        part: Part,
        regions: Vec<String>,
        all_regions: bool,
    },
}

/// A command of one region.
pub enum One {
    Enis(enis::Plan),
    Check(check::Plan),
    Run(run::Plan),
    Stop(stop::Plan),
    Capacity(capacity::Plan, String),
    DiagnoseTask { cluster: String, task: ids::TaskRef },
    DiagnoseService { cluster: String, service: String, since: Duration, label: String },
    DiagnoseWindow { cluster: String, since: Duration, label: String },
}

/// A reading command that runs in parts.
pub enum Part {
    Enis(enis::Plan),
    Check(check::Plan),
    Capacity(capacity::Plan),
    DiagnoseWindow { clusters: ids::Clusters, since: Duration, label: String },
}

/// The command line and the environment, resolved and validated.
pub fn resolve(mut cli: Cli, env: &Env) -> Result<Resolved> {
    cli.output.output = Some(output_options::chosen_format(cli.output.output, env)?);
    let mode = output_options::context(&cli.output, env);
    output_options::check(&cli)?;
    let junit = mode.format == crate::output::Format::Junit;
    let offline = match &cli.command {
        Command::Completions(args) => Some(Work::Completions(args.shell)),
        Command::Check(args) if args.list && !junit => Some(Work::CheckList),
        Command::IamPolicy(args) if !junit => Some(Work::Policy(iam_policy::policy(&policy_commands(&args.commands)))),
        Command::Explain(args) if !junit => Some(Work::Explain(explain::explain(&args.id)?)),
        _ => None,
    };
    if let Some(work) = offline {
        return Ok(Resolved { mode, work });
    }
    Ok(Resolved { mode, work: Work::Aws(Box::new(online(&cli, env, &mode)?)) })
}

/// A command against AWS, validated before the configuration is loaded or any call is made.
fn online(cli: &Cli, env: &Env, mode: &OutputContext) -> Result<Online> {
    if mode.format == crate::output::Format::Junit && !matches!(cli.command, Command::Check(_)) {
        return Err(Failure::usage("--output junit is only for `awsvpc check` (use table, json or text)").into());
    }
    let a = &cli.aws;
    for r in &a.region {
        ids::check_aws_options(Some(r), None, None)?;
    }
    ids::check_aws_options(None, a.endpoint_url.as_deref(), a.profile.as_deref())?;
    let multi_region = a.all_regions || a.region.len() > 1;
    let options = aws::Options {
        profile: a.profile.clone().or_else(|| env.aws_profile.clone()),
        region: a.region.first().filter(|_| !multi_region).cloned(),
        endpoint_url: a.endpoint_url.clone(),
        max_attempts: a.max_attempts,
        read_timeout: a.read_timeout,
        connect_timeout: a.connect_timeout,
        throttle_budget: a.throttle_budget,
        // -v: each call attempt on stderr (the AWS layer prints nothing itself).
        call_sink: (mode.verbose > 0).then(|| aws::CallSink(std::sync::Arc::new(|line: &str| eprintln!("{line}")))),
        attempts_in_env: env.aws_max_attempts,
    };
    let bound = match a.timeout.as_deref() {
        Some(t) => Some((ids::parse_duration("--timeout", t)?, t.to_string())),
        None => None,
    };
    let in_parts_of = |part| Planned::Parts { part, regions: a.region.clone(), all_regions: a.all_regions };
    let planned = match plan(cli, env)? {
        Ok(one) if !multi_region => Planned::One(one),
        Ok(one) => in_parts_of(in_parts(one).map_err(parts::one_region_only)?),
        Err(part) => in_parts_of(part),
    };
    Ok(Online { planned, options, bound })
}

/// The command's plan: of one region and cluster (Ok), or of several clusters (Err, in parts).
fn plan(cli: &Cli, env: &Env) -> Result<Result<One, Part>> {
    let timeout = cli.aws.timeout.as_deref();
    Ok(match &cli.command {
        Command::Enis(args) => Ok(One::Enis(super::plan::enis::plan(args, env)?)),
        Command::Check(args) => Ok(One::Check(super::plan::check::plan(args, env)?)),
        Command::Run(args) => Ok(One::Run(super::plan::run::plan(args, timeout, env)?)),
        Command::Stop(args) => Ok(One::Stop(super::plan::stop::plan(args, timeout, env)?)),
        Command::Capacity(args) => {
            let plan = super::plan::capacity::plan(args, env)?;
            match one_cluster(&plan.clusters) {
                Some(c) => Ok(One::Capacity(plan, c)),
                None => Err(Part::Capacity(plan)),
            }
        }
        Command::Diagnose(args) => match super::plan::diagnose::plan(args, env)? {
            diagnose::Plan::Task { cluster, task } => Ok(One::DiagnoseTask { cluster, task }),
            diagnose::Plan::Service { cluster, service, since, label } => {
                Ok(One::DiagnoseService { cluster, service, since, label })
            }
            diagnose::Plan::Window { clusters, since, label } => match one_cluster(&clusters) {
                Some(cluster) => Ok(One::DiagnoseWindow { cluster, since, label }),
                None => Err(Part::DiagnoseWindow { clusters, since, label }),
            },
        },
        // Offline (resolve) unless --output junit, which only `check` has (refused before).
        Command::Completions(_) | Command::Explain(_) | Command::IamPolicy(_) => {
            return Err(Failure::usage("--output junit is only for `awsvpc check` (use table, json or text)").into());
        }
    })
}

/// A command of one region asked of several: the reading commands run in parts; the others
/// (they change AWS or follow one task) are refused, by name.
fn in_parts(one: One) -> Result<Part, &'static str> {
    match one {
        One::Enis(p) => Ok(Part::Enis(p)),
        One::Check(p) => Ok(Part::Check(p)),
        One::Capacity(p, _) => Ok(Part::Capacity(p)),
        One::DiagnoseWindow { cluster, since, label } => {
            Ok(Part::DiagnoseWindow { clusters: ids::Clusters::Named(vec![cluster]), since, label })
        }
        One::Run(_) => Err("awsvpc run"),
        One::Stop(_) => Err("awsvpc stop"),
        One::DiagnoseService { .. } => Err("awsvpc diagnose --service"),
        One::DiagnoseTask { .. } => Err("awsvpc diagnose TASK"),
    }
}

/// The one cluster named, if only one is.
fn one_cluster(c: &ids::Clusters) -> Option<String> {
    match c {
        ids::Clusters::Named(n) if n.len() == 1 => Some(n[0].clone()),
        _ => None,
    }
}

/// `iam-policy`'s arguments as the command takes them.
fn policy_commands(given: &[cli::PolicyCommand]) -> Vec<iam_policy::PolicyCommand> {
    use iam_policy::PolicyCommand as P;
    given
        .iter()
        .map(|c| match c {
            cli::PolicyCommand::Enis => P::Enis,
            cli::PolicyCommand::Check => P::Check,
            cli::PolicyCommand::CheckFix => P::CheckFix,
            cli::PolicyCommand::Capacity => P::Capacity,
            cli::PolicyCommand::Diagnose => P::Diagnose,
            cli::PolicyCommand::Run => P::Run,
            cli::PolicyCommand::Stop => P::Stop,
        })
        .collect()
}
