//! Capacity scope: free awsvpc task slots per container instance, per AZ and per cluster, and
//! whether `--tasks N` fit. The slot arithmetic is in `rules::capacity`.

use std::collections::BTreeSet;

use super::{each_cluster, CheckId, Finding, Plan, Status};
use crate::inventory::{ClusterFacts, Facts};
use crate::rules::capacity::{self as slots, ClusterCapacity, InstanceCapacity};

/// A cluster's capacity, or the finding that stands in for it (tasks or quotas unreadable).
fn capacity_of(id: CheckId, c: &ClusterFacts) -> Result<ClusterCapacity, Vec<Finding>> {
    if let Err(e) = &c.tasks {
        return Err(vec![id.finding(Status::Error, &c.name, e.message.clone())]);
    }
    // Slots come from the instance types' ENI quotas: without them, no capacity verdict.
    if let Err(e) = &c.max_enis {
        let per_instance =
            c.instances.as_ref().map(|cis| cis.iter().map(|ci| ci.arn.clone()).collect()).unwrap_or_default();
        let resources: Vec<String> = if id == CheckId::InstanceCapacity { per_instance } else { vec![c.name.clone()] };
        return Err(resources.iter().map(|r| id.finding(Status::Error, r, e.message.clone())).collect());
    }
    slots::of_cluster(c).ok_or_else(Vec::new)
}

pub fn instance(_: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::InstanceCapacity;
    let mut out = Vec::new();
    for (c, _) in each_cluster(id, facts, &mut out, |_| None) {
        match capacity_of(id, c) {
            Err(f) => out.extend(f),
            Ok(cap) => out.extend(cap.instances.iter().map(instance_finding)),
        }
    }
    out
}

fn instance_finding(i: &InstanceCapacity) -> Finding {
    let (id, r) = (CheckId::InstanceCapacity, i.container_instance_arn.as_str());
    let itype = i.instance_type.as_deref().unwrap_or("unknown type");
    let with = match (i.trunking, i.slots_with_trunking) {
        (true, _) => "trunking in effect".to_string(),
        (false, Some(w)) => format!("with trunking: {w}"),
        (false, None) => "with trunking: unknown".to_string(),
    };
    match (i.usable, i.slots, i.free) {
        (false, _, _) => id.finding(Status::Skip, r, format!("{itype}: not available for awsvpc tasks")),
        (true, Some(slots), Some(0)) => id.finding(
            Status::Warn,
            r,
            format!("{itype}: all {slots} awsvpc task slots used ({with}): further tasks fail with RESOURCE:ENI"),
        ),
        (true, Some(slots), Some(free)) => id.finding(
            Status::Pass,
            r,
            format!("{itype}: {free} of {slots} awsvpc task slots free ({} used; {with})", i.used),
        ),
        _ => id.finding(Status::Warn, r, format!("{itype}: task slots unknown (ENI quota not known)")),
    }
}

pub fn cluster(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::ClusterCapacity;
    let mut out = Vec::new();
    let empty = |c: &ClusterFacts| {
        let msg = format!("cluster {} has no container instances", c.name);
        Some(if plan.ec2() {
            id.finding(Status::Fail, &c.name, format!("{msg}: EC2 awsvpc tasks cannot be placed")).with_fix(
                "register container instances (an Auto Scaling group with the ECS-optimized AMI), or use --launch-type \
                 FARGATE",
            )
        } else {
            id.finding(Status::Skip, &c.name, msg)
        })
    };
    let zones: Vec<String> = facts
        .subnets_ok()
        .map(|s| s.iter().map(|s| s.availability_zone.clone()).collect::<BTreeSet<_>>().into_iter().collect())
        .unwrap_or_default();
    for (c, _) in each_cluster(id, facts, &mut out, empty) {
        match capacity_of(id, c) {
            Err(f) => out.extend(f),
            Ok(_) if !plan.ec2() => out.push(id.finding(
                Status::Skip,
                &c.name,
                format!("{} tasks take no instance ENI slots", plan.launch_type),
            )),
            Ok(cap) => out.push(cluster_finding(plan, c, &cap, &zones)),
        }
    }
    out
}

fn cluster_finding(plan: &Plan, c: &ClusterFacts, cap: &ClusterCapacity, zones: &[String]) -> Finding {
    let id = CheckId::ClusterCapacity;
    let per_zone: Vec<String> = cap
        .zones
        .iter()
        .map(|z| format!("{}: {} free of {} ({} instance(s))", z.availability_zone, z.free, z.slots, z.instances))
        .collect();
    let free = cap.free_in(zones);
    let scope = if zones.is_empty() { "in the cluster".to_string() } else { format!("in {}", zones.join(", ")) };
    let summary = format!("{free} free awsvpc task slot(s) {scope}; {}", per_zone.join("; "));
    let make_room =
        |missing: i64| slots::ways_to_make_room(cap, zones, missing, &c.roles_without_trunking()).join(" | ");
    match plan.tasks {
        Some(n) if i64::from(n) > free => id
            .finding(Status::Fail, &c.name, format!("{n} task(s) do not fit: {summary}"))
            .with_fix(make_room(i64::from(n) - free)),
        Some(n) => id.finding(Status::Pass, &c.name, format!("{n} task(s) fit: {summary}")),
        None if free == 0 => {
            id.finding(Status::Warn, &c.name, format!("no free awsvpc task slot: {summary}")).with_fix(make_room(1))
        }
        None => id.finding(Status::Pass, &c.name, summary),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, statuses};
    use super::*;

    /// c5.large: 3 ENIs (EC2 DescribeInstanceTypes), so 2 awsvpc tasks without trunking; AWS's
    /// trunking table: 10 with trunking.
    fn full_c5_large() -> Facts {
        let a = testing::instance("a", "us-east-1a");
        let tasks = vec![testing::eni_task(&a, "eni-1"), testing::eni_task(&a, "eni-2")];
        Facts { clusters: vec![testing::cluster(vec![a], tasks, "disabled")], ..Facts::default() }
    }

    #[test]
    fn a_full_c5_large_warns_and_n_more_do_not_fit() {
        let facts = full_c5_large();
        let f = instance(&Plan::default(), &facts);
        assert_eq!(f[0].status, Status::Warn);
        assert!(f[0].message.contains("all 2 awsvpc task slots used") && f[0].message.contains("with trunking: 10"));
        let f = cluster(&Plan { tasks: Some(1), ..Plan::default() }, &facts);
        assert_eq!(statuses(&f), vec![("fail", "prod".to_string())]);
        assert!(f[0].remediation.as_deref().unwrap().contains("enable ENI trunking"), "{f:?}");
    }

    #[test]
    fn free_slots_pass_and_fargate_skips() {
        let facts = testing::populated();
        let f = cluster(&Plan { tasks: Some(1), ..Plan::default() }, &facts);
        assert_eq!(f[0].status, Status::Pass, "{f:?}");
        let f = cluster(&Plan { launch_type: "FARGATE", ..Plan::default() }, &facts);
        assert_eq!(f[0].status, Status::Skip);
    }

    #[test]
    fn empty_cluster_fails_for_ec2_and_unreadable_quota_is_error() {
        let facts = Facts { clusters: vec![testing::cluster(vec![], vec![], "disabled")], ..Facts::default() };
        assert_eq!(cluster(&Plan::default(), &facts)[0].status, Status::Fail);
        assert!(instance(&Plan::default(), &facts).is_empty());
        let mut facts = testing::populated();
        facts.clusters[0].max_enis = Err(testing::denied());
        assert_eq!(cluster(&Plan::default(), &facts)[0].status, Status::Error);
        assert_eq!(instance(&Plan::default(), &facts)[0].status, Status::Error);
    }
}
