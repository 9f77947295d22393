//! Capacity scope: free awsvpc task slots per container instance, per AZ and per cluster, and
//! whether `--tasks N` fit. The slot arithmetic is in `rules::capacity`.

use std::collections::BTreeSet;

use super::{CheckId, Finding, Plan, Status, each_cluster};
use crate::inventory::{ClusterFacts, Facts};
use crate::rules::capacity::{self as slots, ClusterCapacity, InstanceCapacity};
use crate::rules::{count, fit};

/// A task on EC2: launch type EC2, or a container instance (capacity providers of Auto Scaling
/// groups), as opposed to Fargate.
fn runs_on_ec2(t: &crate::inventory::Task) -> bool {
    t.launch_type.as_deref() == Some("EC2") || t.container_instance_arn.is_some()
}

/// The clusters' awsvpc task slots (`rules::capacity::of_cluster`), computed once per cluster for
/// every check and report of a run that reads them.
#[derive(Debug, Clone, Default)]
pub struct Capacities(Vec<ClusterCapacity>);

impl Capacities {
    /// The capacity of each cluster whose instances and tasks could be read.
    pub fn of(facts: &Facts) -> Capacities {
        Capacities(facts.clusters.iter().filter_map(slots::of_cluster).collect())
    }

    pub fn of_cluster(&self, name: &str) -> Option<&ClusterCapacity> {
        self.0.iter().find(|c| c.cluster == name)
    }

    pub fn first(&self) -> Option<&ClusterCapacity> {
        self.0.first()
    }

    pub fn into_vec(self) -> Vec<ClusterCapacity> {
        self.0
    }
}

/// A cluster's capacity, or the finding that stands in for it (tasks or quotas unreadable).
fn capacity_of<'a>(id: CheckId, c: &ClusterFacts, caps: &'a Capacities) -> Result<&'a ClusterCapacity, Vec<Finding>> {
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
    caps.of_cluster(&c.name).ok_or_else(Vec::new)
}

pub fn instance(_: &Plan, facts: &Facts, caps: &Capacities) -> Vec<Finding> {
    let id = CheckId::InstanceCapacity;
    let mut out = Vec::new();
    for (c, _) in each_cluster(id, facts, &mut out, |_| None) {
        match capacity_of(id, c, caps) {
            Err(f) => out.extend(f),
            Ok(cap) => out.extend(cap.instances.iter().map(|i| {
                let f = instance_finding(i);
                // A full or unverifiable instance: the ways to make room are capacity's answer.
                if f.status.is_problem() && f.remediation.is_none() {
                    f.with_fix(format!("awsvpc capacity --cluster {} --tasks 1", c.name))
                } else {
                    f
                }
            })),
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
    let taken = match i.enis_attached {
        Some(e) => {
            format!(
                "{} taken: {} attached besides the primary, {} in ECS",
                i.used,
                count(e, "ENI", "ENIs"),
                count(i.ecs_tasks, "awsvpc task", "awsvpc tasks")
            )
        }
        None => format!("{} used", i.used),
    };
    match (i.usable, i.slots, i.free) {
        (false, _, _) => id.finding(
            Status::Skip,
            r,
            format!("{itype}: 0 usable awsvpc task slots: {}", i.unusable_reason.as_deref().unwrap_or("cannot host")),
        ),
        (true, None, _) if i.trunking => id.finding(
            Status::Warn,
            r,
            format!("{itype}: {}", i.trunking_note.as_deref().unwrap_or("task slots cannot be verified")),
        ),
        (true, Some(slots), Some(0)) => id.finding(
            Status::Warn,
            r,
            format!("{itype}: all {slots} awsvpc task slots used ({with}): further tasks fail with RESOURCE:ENI"),
        ),
        (true, Some(slots), Some(free)) => {
            id.finding(Status::Pass, r, format!("{itype}: {free} of {slots} awsvpc task slots free ({taken}; {with})"))
        }
        _ => id.finding(Status::Warn, r, format!("{itype}: task slots unknown (ENI quota not known)")),
    }
}

pub fn cluster(plan: &Plan, facts: &Facts, caps: &Capacities) -> Vec<Finding> {
    let id = CheckId::ClusterCapacity;
    let mut out = Vec::new();
    let empty = |c: &ClusterFacts| Some(no_instances(plan, c));
    let subnets = facts.subnets_ok().unwrap_or(&[]);
    let zones: Vec<String> =
        subnets.iter().map(|s| s.availability_zone.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    let vpcs: Vec<String> = subnets.iter().map(|s| s.vpc_id.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    // With a task definition, "fits" is CPU, memory, GPUs and ENI slots on one instance.
    let size = match &facts.task_definition {
        Some(Ok(td)) => Some((td.arn.clone(), fit::TaskSize::of(td))),
        _ => None,
    };
    for (c, _) in each_cluster(id, facts, &mut out, empty) {
        let target = plan.target_in(c);
        match capacity_of(id, c, caps) {
            Err(f) => out.extend(f),
            // Whether the tasks would take instances at all is not known: no verdict.
            Ok(_) if target.unknown.is_some() && !target.decided => {
                out.push(id.finding(Status::Error, &c.name, target.unknown.clone().unwrap_or_default()))
            }
            Ok(_) if target.launch_type != "EC2" => out.push(id.finding(
                Status::Skip,
                &c.name,
                format!("{} tasks take no instance ENI slots ({})", target.launch_type, target.why),
            )),
            Ok(cap) => {
                let scoped = slots::in_scope(cap, &zones, &vpcs);
                let fit = size.as_ref().map(|(td, size)| fit::fit(&scoped, td, size));
                let by_zone =
                    (!subnets.is_empty()).then(|| fit::by_zone(&scoped, size.as_ref().map(|s| &s.1), subnets));
                out.push(cluster_finding(plan, &target, c, (cap, &scoped, fit.as_ref(), by_zone), &zones));
            }
        }
    }
    out
}

/// A cluster without container instances: no question when nothing asks for EC2, a wait for
/// scale-out under managed scaling (an Auto Scaling group at 0 instances scales out for the
/// task), else a failure for EC2 tasks.
fn no_instances(plan: &Plan, c: &ClusterFacts) -> Finding {
    let id = CheckId::ClusterCapacity;
    let target = plan.target_in(c);
    let msg = format!("cluster {} has no container instances", c.name);
    // Nothing asks for EC2: no EC2 capacity question (the tasks run on Fargate, or none run).
    let ec2_tasks = c.tasks.as_ref().map(|ts| ts.iter().any(runs_on_ec2)).unwrap_or(false);
    if target.launch_type == "EC2" && !target.decided && !ec2_tasks {
        return id.finding(
            Status::Skip,
            &c.name,
            format!("{msg} and no task of it runs on EC2: no EC2 capacity question (--launch-type EC2 asks it)"),
        );
    }
    if target.launch_type != "EC2" {
        return id.finding(
            Status::Skip,
            &c.name,
            format!("{msg}; {} tasks need none ({})", target.launch_type, target.why),
        );
    }
    if target.managed_scaling {
        return id
            .finding(Status::Warn, &c.name, format!("{msg}: {}", scale_out(&target, plan.tasks.map(i64::from))))
            .with_fix(format!(
                "aws ecs describe-capacity-providers --capacity-providers {}",
                target.scaling_providers.join(" ")
            ));
    }
    id.finding(Status::Fail, &c.name, format!("{msg}: EC2 awsvpc tasks cannot be placed")).with_fix(
        "register container instances (an Auto Scaling group with the ECS-optimized AMI), or use --launch-type FARGATE",
    )
}

/// What managed scaling does with tasks that do not fit now.
fn scale_out(target: &crate::rules::target::Target, waiting: Option<i64>) -> String {
    let step = target
        .max_scaling_step
        .map(|s| format!(", at most {} a step", count(i64::from(s), "instance", "instances")))
        .unwrap_or_default();
    let who = match waiting {
        Some(n) => count(n, "task", "tasks"),
        None => "tasks".to_string(),
    };
    format!(
        "{who} wait in PROVISIONING while ECS scales out capacity provider {} (managed scaling{step})",
        target.scaling_providers.join(", ")
    )
}

/// The cluster, the instances in scope, the fit of a task definition's size, and the tasks
/// placeable when addresses are joined per AZ (with notes where addresses bind).
type Room<'a> = (&'a ClusterCapacity, &'a ClusterCapacity, Option<&'a fit::Fit>, Option<(i64, Vec<String>)>);

/// (free slots, instances of unknown slots, the sentence) of the instances in scope.
fn summary_of(cap: &ClusterCapacity, zones: &[String]) -> (i64, usize, String) {
    let per_zone: Vec<String> = cap
        .zones
        .iter()
        .map(|z| {
            let instances = count(z.instances as i64, "instance", "instances");
            format!("{}: {} free of {} ({instances})", z.availability_zone, z.free, z.slots)
        })
        .collect();
    let slots_free = cap.free_in(zones);
    let unknown = cap.unknown_in(zones);
    let scope = if zones.is_empty() { "in the cluster".to_string() } else { format!("in {}", zones.join(", ")) };
    let slots = count(slots_free, "free awsvpc task slot", "free awsvpc task slots");
    let mut summary = format!("{slots} {scope}; {}", per_zone.join("; "));
    if unknown > 0 {
        summary.push_str(&format!(
            "; and {} whose slots cannot be verified",
            count(unknown as i64, "instance", "instances")
        ));
    }
    (slots_free, unknown, summary)
}

/// What the task definition's size gives, or that ENI slots alone were counted.
fn fit_summary(fit: Option<&fit::Fit>) -> String {
    match fit {
        Some(f) => format!(
            "; {} of {} ({} CPU units, {} MiB) fit by CPU, memory, GPU and ENI slots{}",
            count(f.fits, "task", "tasks"),
            crate::ids::cluster_name(&f.task_definition),
            fit::grouped(f.cpu),
            fit::grouped(f.memory),
            f.binding_detail
                .as_ref()
                .map(|d| format!(" ({}: {d})", f.binding.as_deref().unwrap_or_default()))
                .unwrap_or_default()
        ),
        None => " (ENI slots alone: no task definition given)".to_string(),
    }
}

/// `scoped`: the instances that can take the subnets' ENIs (their AZs and VPC); `all`: the
/// cluster, for the ways to make room elsewhere.
fn cluster_finding(
    plan: &Plan,
    target: &crate::rules::target::Target,
    c: &ClusterFacts,
    (all, scoped, fit, by_zone): Room<'_>,
    zones: &[String],
) -> Finding {
    let id = CheckId::ClusterCapacity;
    let cap = scoped;
    let (slots_free, unknown, mut summary) = summary_of(cap, zones);
    let mut free = fit.map_or(slots_free, |f| f.fits);
    let mut binds = fit.and_then(|f| Some(format!("{}: {}", f.binding.as_deref()?, f.binding_detail.as_deref()?)));
    // An instance takes its task's address in its own AZ: addresses and room are joined per AZ.
    if let Some((placeable, notes)) = by_zone.filter(|(n, _)| *n < free) {
        free = placeable;
        binds = Some(format!("ADDRESSES: {}", notes.join("; ")));
    }
    summary.push_str(&fit_summary(fit));
    let resource_bound = fit.is_some_and(|f| f.binding.as_deref().is_some_and(|b| b != "ENI"));
    let make_room = |missing: i64| match fit {
        Some(f) if resource_bound => format!(
            "add container instances{} with room for {missing} more task(s) of {} CPU units and {} MiB each (or \
             stop tasks there)",
            if zones.is_empty() { String::new() } else { format!(" in {}", zones.join(", ")) },
            fit::grouped(f.cpu),
            fit::grouped(f.memory)
        ),
        _ => {
            let ways = slots::ways_to_make_room(all, zones, missing, &c.roles_without_trunking()).join(" | ");
            // Which role to enable trunking for rests on reads that may have been refused: said.
            match c.role_errors().first() {
                Some(e) => format!("{ways} (the instance roles' awsvpcTrunking could not be read: {})", e.message),
                None => ways,
            }
        }
    };
    let short = |n: u32| match &binds {
        Some(b) => format!("{} do not fit: {b}", i64::from(n) - free),
        None => format!("{} do not fit", count(i64::from(n), "task", "tasks")),
    };
    match plan.tasks {
        // Instances of unknown capacity may well take them: not verifiable, not a failure.
        Some(n) if i64::from(n) > free && unknown > 0 => id.finding(
            Status::Warn,
            &c.name,
            format!("{} cannot be verified to fit: {summary}", count(i64::from(n), "task", "tasks")),
        ),
        // A provider that could not be read may scale out: not verifiable, not a failure.
        Some(n) if i64::from(n) > free && target.unknown.is_some() => id.finding(
            Status::Warn,
            &c.name,
            format!("{}; {}: {summary}", short(n), target.unknown.as_deref().unwrap_or_default()),
        ),
        // Managed scaling: the tasks that do not fit wait for scale-out, nothing fails.
        Some(n) if i64::from(n) > free && target.managed_scaling => id
            .finding(
                Status::Warn,
                &c.name,
                format!(
                    "{free} of {} fit now; {}: {summary}",
                    count(i64::from(n), "task", "tasks"),
                    scale_out(target, Some(i64::from(n) - free))
                ),
            )
            .with_fix(make_room(i64::from(n) - free)),
        Some(n) if i64::from(n) > free => id
            .finding(Status::Fail, &c.name, format!("{}; {summary}", short(n)))
            .with_fix(make_room(i64::from(n) - free)),
        Some(n) => {
            id.finding(Status::Pass, &c.name, format!("{} fit: {summary}", count(i64::from(n), "task", "tasks")))
        }
        None if free == 0 && unknown == 0 => {
            id.finding(Status::Warn, &c.name, format!("no free awsvpc task slot: {summary}")).with_fix(make_room(1))
        }
        None => id.finding(Status::Pass, &c.name, summary),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, statuses};
    use super::*;

    fn instance(plan: &Plan, facts: &Facts) -> Vec<Finding> {
        super::instance(plan, facts, &Capacities::of(facts))
    }

    fn cluster(plan: &Plan, facts: &Facts) -> Vec<Finding> {
        super::cluster(plan, facts, &Capacities::of(facts))
    }

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

    /// A trunk ENI proves trunking; a type newer than AWS's 2023 table has no known limit.
    #[test]
    fn trunked_type_missing_from_the_table_is_unverifiable_not_full() {
        let mut a = testing::instance("a", "us-east-1a");
        a.attributes.insert("ecs.instance-type".into(), Some("c7i.large".into()));
        a.attributes.insert("ecs.awsvpc-trunk-id".into(), Some("uuid".into()));
        let mut c = testing::cluster(vec![a], vec![], "enabled");
        c.max_enis = Ok([("c7i.large".to_string(), 3)].into());
        let facts = Facts { clusters: vec![c], ..Facts::default() };
        let f = &instance(&Plan::default(), &facts)[0];
        assert_eq!(f.status, Status::Warn);
        assert!(f.message.contains("cannot be verified"), "{}", f.message);
        let f = &cluster(&Plan { tasks: Some(5), ..Plan::default() }, &facts)[0];
        assert_eq!(f.status, Status::Warn, "{f:?}");
        assert_eq!(cluster(&Plan::default(), &facts)[0].status, Status::Pass);
    }

    /// An instance with agent 1.9.0 (below awsvpc's 1.15.0) adds no slots: a full c5.large
    /// beside it leaves no room.
    #[test]
    fn only_instances_that_can_host_have_slots() {
        let full = testing::instance("a", "us-east-1a");
        let mut old = testing::instance("b", "us-east-1a");
        old.agent_version = Some("1.9.0".into());
        let tasks = vec![testing::eni_task(&full, "eni-1"), testing::eni_task(&full, "eni-2")];
        let facts = Facts { clusters: vec![testing::cluster(vec![full, old], tasks, "disabled")], ..Facts::default() };
        let f = cluster(&Plan { tasks: Some(2), ..Plan::default() }, &facts);
        assert_eq!(f[0].status, Status::Fail, "{f:?}");
        assert!(f[0].message.contains("0 free"), "{}", f[0].message);
        let old = &instance(&Plan::default(), &facts)[1];
        assert!(old.message.contains("0 usable") && old.message.contains("1.9.0"), "{}", old.message);
    }

    /// A c5.large (3 ENIs: 2 slots) with one awsvpc task and one ENI attached by hand is full.
    #[test]
    fn slots_are_counted_from_the_enis_ec2_shows_attached() {
        let a = testing::instance("a", "us-east-1a");
        let mut c = testing::cluster(vec![a.clone()], vec![testing::eni_task(&a, "eni-1")], "disabled");
        let eni = |id: &str, index: i32| crate::inventory::NetworkInterface {
            id: id.into(),
            attached_instance_id: Some("i-a".into()),
            device_index: Some(index),
            ..Default::default()
        };
        c.instance_enis = Some(Ok(vec![eni("eni-primary", 0), eni("eni-1", 1), eni("eni-hand", 2)]));
        let facts = Facts { clusters: vec![c], ..Facts::default() };
        let f = &instance(&Plan::default(), &facts)[0];
        assert_eq!(f.status, Status::Warn, "{}", f.message);
        assert!(f.message.contains("all 2 awsvpc task slots used"), "{}", f.message);
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
    fn a_fargate_only_cluster_has_no_ec2_capacity_question() {
        let fargate = crate::inventory::Task { launch_type: Some("FARGATE".into()), ..Default::default() };
        let facts = Facts { clusters: vec![testing::cluster(vec![], vec![fargate], "disabled")], ..Facts::default() };
        assert_eq!(cluster(&Plan::default(), &facts)[0].status, Status::Skip);
        let asked = Plan { launch_type_given: true, ..Plan::default() };
        assert_eq!(cluster(&asked, &facts)[0].status, Status::Fail, "--launch-type EC2 asks for EC2 capacity");
    }

    fn with_default_strategy(mut facts: Facts, provider: &str, managed: bool) -> Facts {
        let p = crate::inventory::CapacityProvider {
            name: provider.into(),
            kind: if provider.starts_with("FARGATE") { provider.into() } else { "EC2_AUTOSCALING".into() },
            managed_scaling: managed,
            max_scaling_step: Some(10),
        };
        facts.clusters[0].default_strategy = Ok(vec![provider.into()]);
        facts.clusters[0].providers = [(provider.to_string(), Ok(p))].into();
        facts
    }

    /// ECS guide, "Auto Scaling group capacity providers": with managed scaling, tasks that do not
    /// fit wait in PROVISIONING for scale-out; without it, RunTask fails them.
    #[test]
    fn a_shortfall_under_managed_scaling_waits_and_without_it_fails() {
        // One c5.large with 1 of 2 slots taken: 1 free.
        let plan = Plan { tasks: Some(3), ..Plan::default() };
        let managed = with_default_strategy(testing::populated(), "asg-cp", true);
        let f = &cluster(&plan, &managed)[0];
        assert_eq!(f.status, Status::Warn, "{f:?}");
        assert!(f.message.contains("1 of 3 tasks fit now"), "{}", f.message);
        assert!(f.message.contains("2 tasks wait in PROVISIONING") && f.message.contains("asg-cp"), "{}", f.message);
        assert!(f.message.contains("at most 10 instances a step"), "{}", f.message);
        let fixed = with_default_strategy(testing::populated(), "asg-cp", false);
        assert_eq!(cluster(&plan, &fixed)[0].status, Status::Fail);
        // An Auto Scaling group at 0 instances under managed scaling scales out for the task.
        let mut empty = managed.clone();
        empty.clusters[0].instances = Ok(vec![]);
        empty.clusters[0].tasks = Ok(vec![]);
        assert_eq!(cluster(&plan, &empty)[0].status, Status::Warn);
        // A cluster whose default strategy is Fargate has no EC2 capacity question.
        let fargate = with_default_strategy(testing::populated(), "FARGATE", false);
        let f = &cluster(&plan, &fargate)[0];
        assert_eq!(f.status, Status::Skip);
        assert!(f.message.contains("cluster default strategy: FARGATE"), "{}", f.message);
    }

    #[test]
    fn empty_cluster_fails_for_ec2_and_unreadable_quota_is_error() {
        let facts = Facts { clusters: vec![testing::cluster(vec![], vec![], "disabled")], ..Facts::default() };
        let plan = Plan { launch_type_given: true, ..Plan::default() };
        assert_eq!(cluster(&plan, &facts)[0].status, Status::Fail);
        assert!(instance(&Plan::default(), &facts).is_empty());
        let mut facts = testing::populated();
        facts.clusters[0].max_enis = Err(testing::denied());
        assert_eq!(cluster(&Plan::default(), &facts)[0].status, Status::Error);
        assert_eq!(instance(&Plan::default(), &facts)[0].status, Status::Error);
    }
}
