//! `awsvpc capacity`: the awsvpc task slots of a cluster's container instances, per instance, per
//! Availability Zone and in total; with `--tasks N`, whether N more fit and how to make room.
//! The facts and the arithmetic are those of `check` (`aws::gather`, `rules::capacity`).

use anyhow::Result;

use crate::aws::{self, Aws, gather};
use crate::checks::{self, CheckId};
use crate::error::{Failure, invalid};
use crate::ids;
use crate::output::capacity::CapacityReport;
use crate::output::{Console, progress};
use crate::rules::{capacity, fit, target};

#[derive(Debug, Clone)]
pub struct Plan {
    pub clusters: ids::Clusters,
    pub subnets: Vec<String>,
    pub tasks: Option<u32>,
    pub task_definition: Option<String>,
}

/// The launch target a task without --launch-type gets in the cluster (rules::target), and the
/// warnings of facts the figures do not rest on.
fn target_and_warnings(facts: &crate::inventory::ClusterFacts) -> (target::Target, Vec<String>) {
    let target = target::resolve(None, &[], Some(&facts.default_strategy), &facts.providers);
    let mut warnings: Vec<String> =
        facts.role_errors().iter().map(|e| format!("trunking per instance role is unknown: {}", e.message)).collect();
    warnings.extend(target.unknown.clone());
    if target.launch_type == "FARGATE" {
        warnings.push(format!(
            "tasks launched without --launch-type run on Fargate ({}): they take no container instance",
            target.why
        ));
    }
    (target, warnings)
}

/// With managed scaling a shortfall waits for scale-out: said, and not a failure.
fn scale_out(target: &target::Target, fits: Option<bool>) -> Option<String> {
    (fits == Some(false) && target.managed_scaling).then(|| {
        let step = target.max_scaling_step.map(|s| format!(", at most {s} instance(s) a step")).unwrap_or_default();
        format!(
            "the tasks that do not fit wait in PROVISIONING while ECS scales out capacity provider {} (managed \
             scaling{step})",
            target.scaling_providers.join(", ")
        )
    })
}

/// The capacity of one cluster of the plan.
pub async fn run(aws: &Aws, plan: &Plan, cluster: &str, console: &dyn Console) -> Result<CapacityReport> {
    let pb = console.bar("describing tasks");
    // The facts of capacity.cluster: the slots, the instance roles' trunking (the ways to make
    // room) and the cluster's default strategy (the launch target of a task without one).
    let inputs = gather::Inputs { progress: gather::Tally::new(progress::callback(&pb)), ..gather::Inputs::default() };
    let req = gather::Request::for_checks(checks::needs(&[CheckId::ClusterCapacity]), inputs);
    let (facts, subnets, td) = tokio::join!(
        gather::cluster(aws, cluster, &req),
        async { if plan.subnets.is_empty() { Ok(vec![]) } else { aws::ec2::subnets(aws, &plan.subnets).await } },
        async {
            match &plan.task_definition {
                Some(td) => aws::ecs::task_definition(aws, td).await.map(Some),
                None => Ok(None),
            }
        }
    );
    pb.finish_and_clear();
    let (facts, subnets, td) = (facts?, subnets?, td?);
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
    let fit = td.as_ref().map(|td| fit::fit(&shown, &td.arn, &fit::TaskSize::of(td)));
    let free = fit.as_ref().map_or(shown.total.free, |f| f.fits);
    let (target, warnings) = target_and_warnings(&facts);
    let (fits, ways) = match plan.tasks {
        // Instances of unknown capacity (a trunked type AWS's table does not list) may take them.
        Some(n) if i64::from(n) > free && shown.total.unknown > 0 => (None, vec![]),
        Some(n) if i64::from(n) > free => {
            let missing = i64::from(n) - free;
            (Some(false), capacity::ways_to_make_room(&cap, &zones, missing, &facts.roles_without_trunking()))
        }
        Some(_) => (Some(true), vec![]),
        None => (None, vec![]),
    };
    let scale_out = scale_out(&target, fits);
    Ok(CapacityReport {
        cluster: cluster.to_string(),
        availability_zones: zones,
        instances: shown.instances,
        zones: shown.zones,
        total: shown.total,
        tasks: plan.tasks,
        fits,
        ways,
        fit,
        launch_target: target.why.clone(),
        scale_out,
        warnings,
    })
}
