//! Audits in parts: a reading command over several regions (`--region a,b`, `--all-regions`)
//! and, for `capacity` and `diagnose --stopped-since`, over several clusters. Regions run at once
//! (each with its own clients and its own pacing, as AWS's rate limits are per region), at most
//! `REGIONS_AT_ONCE`; clusters of a region at most `CLUSTERS_AT_ONCE`, sharing the region's pacing.
//! A region or cluster that fails is an error part; the others still answer.

use std::future::Future;

use anyhow::Result;
use futures_util::{StreamExt, stream};

use crate::aws::{self, Aws};
use crate::commands;
use crate::error::{self, Failure};
use crate::output::parts::{Part, Parts};
use crate::output::{self, Mode, Render, emit};

pub const REGIONS_AT_ONCE: usize = 4;
pub const CLUSTERS_AT_ONCE: usize = 4;

/// The regions of the audit: the given ones, or every region enabled for the account.
pub async fn regions(options: &aws::Options, given: &[String], all: bool) -> Result<Vec<String>> {
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

/// The error of a part, said on stderr once and kept in the part.
fn failed<R>(mode: &Mode, region: &str, cluster: Option<&str>, err: &anyhow::Error) -> Part<R> {
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

fn part<R>(mode: &Mode, region: &str, cluster: Option<&str>, r: Result<R>, code: impl Fn(&R) -> i32) -> Part<R> {
    match r {
        Ok(report) => Part {
            region: region.into(),
            cluster: cluster.map(str::to_string),
            exit_code: code(&report),
            error: None,
            report: Some(report),
        },
        Err(e) => failed(mode, region, cluster, &e),
    }
}

/// Runs `per_region` in each region at once (bounded), each with clients of its own.
async fn in_regions<'a, R, F, Fut>(
    options: &aws::Options,
    regions: &[String],
    mode: &Mode,
    per_region: F,
) -> Vec<Part<R>>
where
    F: Fn(Aws) -> Fut + 'a,
    Fut: Future<Output = Vec<Part<R>>> + 'a,
{
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

/// Runs `per_cluster` for each cluster of the region (bounded).
async fn in_clusters<R, F, Fut>(aws: &Aws, clusters: &crate::ids::Clusters, mode: &Mode, per_cluster: F) -> Vec<Part<R>>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Part<R>>,
{
    match aws::ecs::resolve_clusters(aws, clusters).await {
        Err(e) => vec![failed(mode, &aws.region, None, &anyhow::Error::from(e))],
        Ok(names) => stream::iter(names).map(per_cluster).buffered(CLUSTERS_AT_ONCE).collect().await,
    }
}

fn print<R: Render + serde::Serialize>(parts: Parts<R>, mode: &Mode) -> Result<i32> {
    emit(&parts, mode)?;
    Ok(parts.exit_code())
}

/// Parts run at once: their progress bars would draw over each other, so they have none.
fn no_bars(mode: &Mode) -> Mode {
    Mode { stderr_tty: false, ..*mode }
}

pub async fn enis(options: &aws::Options, regions: &[String], mode: &Mode, plan: &commands::enis::Plan) -> Result<i32> {
    let bars_off = &no_bars(mode);
    let parts = in_regions(options, regions, mode, |aws| async move {
        let r = commands::enis::run(&aws, bars_off, plan).await;
        vec![part(mode, &aws.region, None, r, |r| r.exit_code())]
    })
    .await;
    print(Parts::new(parts, output::enis::ENIS_REPORT_COLUMNS), mode)
}

pub async fn check(
    options: &aws::Options,
    regions: &[String],
    mode: &Mode,
    plan: &commands::check::Plan,
) -> Result<i32> {
    let bars_off = &no_bars(mode);
    let parts = in_regions(options, regions, mode, |aws| async move {
        let r = commands::check::run(&aws, plan, bars_off).await.map(|r| r.shown(&plan.status, plan.all));
        vec![part(mode, &aws.region, None, r, |r| r.exit_code())]
    })
    .await;
    print(Parts::new(parts, output::check::CHECK_REPORT_COLUMNS), mode)
}

pub async fn capacity(
    options: &aws::Options,
    regions: &[String],
    mode: &Mode,
    plan: &commands::capacity::Plan,
) -> Result<i32> {
    let bars_off = &no_bars(mode);
    let parts = in_regions(options, regions, mode, |aws| async move {
        in_clusters(&aws, &plan.clusters, mode, |cluster| {
            let aws = aws.clone();
            async move {
                let r = commands::capacity::run(&aws, plan, &cluster, bars_off).await;
                if let Ok(report) = &r {
                    for w in &report.warnings {
                        mode.warn(&format!("{} / {cluster}: {w}", aws.region));
                    }
                }
                part(mode, &aws.region, Some(&cluster), r, |r| r.exit_code())
            }
        })
        .await
    })
    .await;
    print(Parts::new(parts, output::capacity::CAPACITY_REPORT_COLUMNS), mode)
}

pub async fn diagnose_window(
    options: &aws::Options,
    regions: &[String],
    mode: &Mode,
    clusters: &crate::ids::Clusters,
    since: std::time::Duration,
    label: &str,
) -> Result<i32> {
    let parts = in_regions(options, regions, mode, |aws| async move {
        in_clusters(&aws, clusters, mode, |cluster| {
            let aws = aws.clone();
            async move {
                let r = commands::diagnose::diagnose_window(&aws, &cluster, since, label).await;
                part(mode, &aws.region, Some(&cluster), r, |r| r.exit_code())
            }
        })
        .await
    })
    .await;
    print(Parts::new(parts, output::diagnose::WINDOW_DIAGNOSIS_COLUMNS), mode)
}

/// Commands that change AWS or follow one task work in one region.
pub fn one_region_only(command: &str) -> anyhow::Error {
    Failure::usage(format!("{command} works in one region: give one --region (not several, not --all-regions)")).into()
}
