//! `awsvpc capacity`: the awsvpc task slots of a cluster's container instances, per instance, per
//! Availability Zone and in total; with `--tasks N`, whether N more fit and how to make room.
//! The facts and the arithmetic are those of `check` (`aws::gather`, `rules::capacity`).

use anyhow::Result;

use crate::aws::{self, gather, Aws};
use crate::cli::CapacityArgs;
use crate::error::{invalid, Failure};
use crate::ids;
use crate::output::capacity::CapacityReport;
use crate::output::{progress, Mode};
use crate::rules::capacity;

#[derive(Debug, Clone)]
pub struct Plan {
    pub clusters: ids::Clusters,
    pub subnets: Vec<String>,
    pub tasks: Option<u32>,
}

pub fn plan(args: &CapacityArgs) -> Result<Plan> {
    ids::check_ec2_ids("--subnets", "subnet-", &args.subnets.subnets)?;
    Ok(Plan {
        clusters: ids::clusters(&args.cluster, args.all_clusters)?,
        subnets: args.subnets.subnets.clone(),
        tasks: args.tasks,
    })
}

/// The capacity of one cluster of the plan.
pub async fn run(aws: &Aws, plan: &Plan, cluster: &str, mode: &Mode) -> Result<CapacityReport> {
    let pb = progress::bar(mode, "describing tasks");
    let req = gather::Request {
        role_settings: true,
        instance_enis: true,
        progress: gather::Tally::new(progress::callback(&pb)),
        ..gather::Request::default()
    };
    let (facts, subnets) = tokio::join!(gather::cluster(aws, cluster, &req), async {
        if plan.subnets.is_empty() {
            Ok(vec![])
        } else {
            aws::ec2::subnets(aws, &plan.subnets).await
        }
    });
    pb.finish_and_clear();
    let (facts, subnets) = (facts?, subnets?);
    for s in &plan.subnets {
        if !subnets.iter().any(|x| &x.id == s) {
            return Err(invalid("--subnets", s, "an existing subnet of this account and region"));
        }
    }
    // Every fact the figures rest on must be there: a partial answer would be a wrong one.
    if let Some(e) = facts.capacity_error() {
        return Err(Failure::unavailable(e.message.clone()).into());
    }
    let cap = capacity::of_cluster(&facts).expect("instances and tasks were fetched");
    let mut zones: Vec<String> = subnets.iter().map(|s| s.availability_zone.clone()).collect();
    zones.sort();
    zones.dedup();
    let mut vpcs: Vec<String> = subnets.iter().map(|s| s.vpc_id.clone()).collect();
    vpcs.sort();
    vpcs.dedup();
    let shown = capacity::in_scope(&cap, &zones, &vpcs);
    let (fits, ways) = match plan.tasks {
        // Instances of unknown capacity (a trunked type AWS's table does not list) may take them.
        Some(n) if i64::from(n) > shown.total.free && shown.total.unknown > 0 => (None, vec![]),
        Some(n) if i64::from(n) > shown.total.free => {
            let missing = i64::from(n) - shown.total.free;
            (Some(false), capacity::ways_to_make_room(&cap, &zones, missing, &facts.roles_without_trunking()))
        }
        Some(_) => (Some(true), vec![]),
        None => (None, vec![]),
    };
    Ok(CapacityReport {
        cluster: cluster.to_string(),
        availability_zones: zones,
        instances: shown.instances,
        zones: shown.zones,
        total: shown.total,
        tasks: plan.tasks,
        fits,
        ways,
        warnings: facts
            .role_errors()
            .iter()
            .map(|e| format!("trunking per instance role is unknown: {}", e.message))
            .collect(),
    })
}
