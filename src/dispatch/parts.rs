//! Audits in parts: a reading command over several regions (`--region a,b`, `--all-regions`)
//! and, for `capacity` and `diagnose --stopped-since`, over several clusters. Regions run at once
//! (each with its own clients and its own pacing, as AWS's rate limits are per region), at most
//! `REGIONS_AT_ONCE`; clusters of a region at most `CLUSTERS_AT_ONCE`, sharing the region's pacing.
//! A region or cluster that fails is an error part; the others still answer. One generic function
//! (`audit`) runs every command; each command only says what one part is.

use std::future::Future;
use std::time::Duration;

use anyhow::Result;
use futures_util::{StreamExt, stream};

use super::resolve::Part as Planned;
use crate::aws::{self, Aws};
use crate::commands;
use crate::error::{self, Failure};
use crate::ids::Clusters;
use crate::output::parts::{Part, Parts};
use crate::output::{self, OutputContext, Report, emit};
use crate::signals;

pub const REGIONS_AT_ONCE: usize = 4;
pub const CLUSTERS_AT_ONCE: usize = 4;

/// An audit in parts, bounded by `--timeout`, ended by a signal like every reading command.
pub async fn run(
    options: &aws::Options,
    given: &[String],
    all_regions: bool,
    mode: &OutputContext,
    planned: &Planned,
    bound: Option<(Duration, &str)>,
) -> Result<i32> {
    tokio::select! {
        res = async {
            let regions = regions(options, given, all_regions).await?;
            let work = of(options, &regions, mode, planned);
            match bound {
                None => work.await,
                Some((d, given)) => tokio::time::timeout(d, work).await.unwrap_or_else(|_| {
                    Err(Failure::unavailable(format!("the command did not finish within --timeout {given}")).into())
                }),
            }
        } => res,
        code = signals::any() => {
            mode.problem(signals::word(code), None);
            Ok(code)
        }
    }
}

/// Runs a reading command in parts, prints it, returns its exit code. Parts run at once: their
/// progress bars would draw over each other, so they have none.
async fn of(options: &aws::Options, regions: &[String], mode: &OutputContext, planned: &Planned) -> Result<i32> {
    let bars_off = &OutputContext { stderr_tty: false, ..*mode };
    // Audits read only: they never ask.
    let bars_off = &output::console::Stderr { ctx: bars_off, prompt: &super::terminal::Terminal { stdin_tty: false } };
    match planned {
        Planned::Enis(plan) => {
            let parts =
                audit(
                    options,
                    regions,
                    mode,
                    None,
                    |aws, _| async move { commands::enis::run(&aws, bars_off, plan).await },
                );
            print(Parts::new(parts.await, output::enis::ENIS_REPORT_COLUMNS), mode)
        }
        Planned::Check(plan) => {
            let parts = audit(options, regions, mode, None, |aws, _| async move {
                commands::check::run(&aws, plan, bars_off).await.map(|r| r.shown(&plan.status, plan.all))
            });
            print(Parts::new(parts.await, output::check::CHECK_REPORT_COLUMNS), mode)
        }
        Planned::Capacity(plan) => {
            let parts = audit(options, regions, mode, Some(&plan.clusters), |aws, cluster| async move {
                commands::capacity::run(&aws, plan, &cluster.unwrap_or_default(), bars_off).await
            });
            print(Parts::new(parts.await, output::capacity::CAPACITY_REPORT_COLUMNS), mode)
        }
        Planned::DiagnoseWindow { clusters, since, label } => {
            let parts = audit(options, regions, mode, Some(clusters), |aws, cluster| async move {
                commands::diagnose::diagnose_window(&aws, &cluster.unwrap_or_default(), *since, label).await
            });
            print(Parts::new(parts.await, output::diagnose::WINDOW_DIAGNOSIS_COLUMNS), mode)
        }
    }
}

/// The regions of the audit: the given ones, or every region enabled for the account.
async fn regions(options: &aws::Options, given: &[String], all: bool) -> Result<Vec<String>> {
    if given.len() > 1 {
        return Ok(given.to_vec());
    }
    if !all {
        // Several clusters in the configured region.
        return Ok(vec![aws::connect(options).await?.region]);
    }
    // DescribeRegions is asked of the configured region, else us-east-1.
    let mut o = options.clone();
    o.region = o.region.or_else(|| Some("us-east-1".to_string()));
    let aws = aws::connect(&o).await?;
    Ok(aws::ec2::enabled_regions(&aws).await?)
}

/// Runs `one` in each region at once (bounded), each with clients of its own, and, when
/// `clusters` is given, for each of the region's clusters (bounded). A cluster's notes are said
/// as it ends, named by its region and cluster (a region's part, `enis` and `check`, keeps its
/// notes, as the audit always has).
async fn audit<'a, R, F, Fut>(
    options: &aws::Options,
    regions: &[String],
    mode: &'a OutputContext,
    clusters: Option<&'a Clusters>,
    one: F,
) -> Vec<Part<R>>
where
    R: Report,
    F: Fn(Aws, Option<String>) -> Fut + 'a,
    Fut: Future<Output = Result<R>> + 'a,
{
    let one = &one;
    let per_region = |aws: Aws| async move {
        let Some(clusters) = clusters else {
            let r = one(aws.clone(), None).await;
            return vec![part(mode, &aws.region, None, r)];
        };
        match aws::ecs::resolve_clusters(&aws, clusters).await {
            Err(e) => vec![failed(mode, &aws.region, None, &anyhow::Error::from(e))],
            Ok(names) => {
                let per_cluster = |cluster: String| {
                    let aws = aws.clone();
                    async move {
                        let r = one(aws.clone(), Some(cluster.clone())).await;
                        part(mode, &aws.region, Some(&cluster), r)
                    }
                };
                stream::iter(names).map(per_cluster).buffered(CLUSTERS_AT_ONCE).collect().await
            }
        }
    };
    let per_region = &per_region;
    let parts: Vec<Vec<Part<R>>> = stream::iter(regions.iter().cloned())
        .map(|region| async move {
            let mut o = options.clone();
            o.region = Some(region.clone());
            match aws::connect(&o).await {
                Ok(aws) => per_region(aws).await,
                Err(e) => vec![failed(mode, &region, None, &e)],
            }
        })
        .buffered(REGIONS_AT_ONCE)
        .collect()
        .await;
    parts.into_iter().flatten().collect()
}

/// A part that answered, its notes said with its name; or its error.
fn part<R: Report>(mode: &OutputContext, region: &str, cluster: Option<&str>, r: Result<R>) -> Part<R> {
    match r {
        Ok(report) => {
            if let Some(cluster) = cluster {
                for n in report.notes() {
                    mode.print_note(&output::Note { text: format!("{region} / {cluster}: {}", n.text), ..n });
                }
            }
            Part {
                region: region.into(),
                cluster: cluster.map(str::to_string),
                exit_code: report.exit_code(),
                error: None,
                report: Some(report),
            }
        }
        Err(e) => failed(mode, region, cluster, &e),
    }
}

/// The error of a part, said on stderr once and kept in the part.
fn failed<R>(mode: &OutputContext, region: &str, cluster: Option<&str>, err: &anyhow::Error) -> Part<R> {
    let text = error_text(err);
    let name = cluster.map_or(region.to_string(), |c| format!("{region} / {c}"));
    mode.problem(&format!("error: {name}: {text}"), None);
    Part {
        region: region.into(),
        cluster: cluster.map(str::to_string),
        exit_code: error::exit_code_of(err),
        error: Some(text),
        report: None,
    }
}

/// An error as one line: what was being done, then AWS's code and message.
fn error_text(err: &anyhow::Error) -> String {
    err.chain().map(|e| e.to_string()).collect::<Vec<_>>().join(": ")
}

fn print<R: Report>(parts: Parts<R>, mode: &OutputContext) -> Result<i32> {
    emit(&parts, mode)?;
    Ok(parts.exit_code())
}

/// Commands that change AWS or follow one task work in one region.
pub fn one_region_only(command: &str) -> anyhow::Error {
    Failure::usage(format!("{command} works in one region: give one --region (not several, not --all-regions)")).into()
}
