//! `awsvpc enis`: the ENI attachments of tasks, from DescribeTasks, enriched from EC2.
//!
//! ENI attachments are chosen by type, never by position: a Service Connect attachment can come
//! first. Tasks without one (bridge, host or none network mode) are listed, not dropped; ENIs EC2
//! no longer knows (stopped tasks) are shown as `not-found`, not as errors.

use std::collections::{BTreeSet, HashMap};

use anyhow::Result;

use crate::aws::ecs::{self, Described, TaskFilter};
use crate::aws::{Aws, ec2};
use crate::error::Failure;
use crate::ids::TaskRef;
use crate::output::console::{Console, Hushed};
use crate::output::enis::{EnisReport, build};
use crate::output::progress;

/// What `enis` will ask for, validated before any call.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Per cluster: the named tasks, or None for "list the cluster's tasks".
    pub targets: Vec<(String, Option<Vec<TaskRef>>)>,
    /// `--all-clusters`: the targets are every cluster of the region, listed when it runs.
    pub all_clusters: bool,
    /// `--watch`: refresh at this interval until a signal.
    pub watch: Option<std::time::Duration>,
    pub filter: TaskFilter,
    pub enrich: bool,
}

/// `enis --watch`: the report refreshed every `--watch` seconds (5 by default), each handed to
/// `show`, until a signal ends the command (dispatch's select) or a refresh fails.
pub async fn watch_refreshes(
    aws: &Aws,
    console: &dyn Console,
    plan: &Plan,
    mut show: impl FnMut(&EnisReport) -> Result<()>,
) -> Result<i32> {
    let every = plan.watch.unwrap_or(std::time::Duration::from_secs(5));
    let quiet = Hushed(console);
    loop {
        show(&run(aws, &quiet, plan).await?)?;
        tokio::time::sleep(every).await;
    }
}

/// Runs the plan: DescribeTasks (listing first when no task was named), then EC2.
pub async fn run(aws: &Aws, console: &dyn Console, plan: &Plan) -> Result<EnisReport> {
    for (_, tasks) in &plan.targets {
        for t in tasks.iter().flatten() {
            if let Some(r) = t.region.as_deref().filter(|r| *r != aws.region) {
                return Err(Failure::usage(format!(
                    "task {} is in region {r}, but the region in use is {}; pass --region {r}",
                    t.given, aws.region
                ))
                .into());
            }
        }
    }
    let listed: Vec<(String, Option<Vec<TaskRef>>)> = if plan.all_clusters {
        ecs::cluster_names(aws).await?.into_iter().map(|c| (c, None)).collect()
    } else {
        plan.targets.clone()
    };
    let pb = console.bar("describing tasks");
    let mut described = Described::default();
    for (cluster, tasks) in &listed {
        // An EC2 instance id stands for the container instance on it (either id is accepted).
        let mut filter = plan.filter.clone();
        if let Some(ec2_id) = filter.container_instance.clone().filter(|c| c.starts_with("i-")) {
            filter.container_instance = Some(ecs::container_instance_of(aws, cluster, &ec2_id).await?);
        }
        let d = match tasks {
            Some(tasks) => {
                let names: Vec<String> = tasks.iter().map(|t| t.given.clone()).collect();
                ecs::describe_tasks(aws, cluster, &names).await?
            }
            None => ecs::cluster_tasks(aws, cluster, &filter, &progress::callback(&pb)).await?,
        };
        described.extend(d);
    }
    pb.finish_and_clear();

    let enis = if plan.enrich {
        let ids: Vec<String> = described
            .tasks
            .iter()
            .flat_map(|t| t.eni_attachments().filter_map(|a| a.eni_id().map(str::to_string)))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        Some(if ids.is_empty() { HashMap::new() } else { ec2::network_interfaces(aws, &ids).await? })
    } else {
        None
    };
    let clusters = listed.iter().map(|(c, _)| c.clone()).collect();
    Ok(build(&aws.region, clusters, described.tasks, described.failures, enis.as_ref()))
}
