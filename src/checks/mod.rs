//! The heart of awsvpc: the check registry and one small pure function per check. A check reads
//! the gathered `Facts` and the `Plan` and returns findings; it never calls AWS and never
//! renders. A fact that could not be fetched makes the checks that need it `error`, never
//! `pass`. This module depends on the inventory and the rules only.

pub mod account;
pub mod capacity;
pub mod fix;
pub mod instance;
pub mod network;
pub mod path;
pub mod placement;
pub mod pull;
mod registry;
pub mod service;
pub mod taskdef;
pub mod vpc;

use std::collections::BTreeSet;

use serde::Serialize;

pub use capacity::Capacities;
pub use registry::{CHECKS, CheckId};

use crate::inventory::{ClusterFacts, ContainerInstance, Facts, Needs};
use crate::rules::target::{self, Target};

/// Below this many free addresses a subnet is a warning.
pub const FEW_FREE_ADDRESSES: i64 = 16;

/// What part of an awsvpc setup a check looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Account,
    Network,
    Vpc,
    Instance,
    Capacity,
    Taskdef,
    Service,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Account => "account",
            Scope::Network => "network",
            Scope::Vpc => "vpc",
            Scope::Instance => "instance",
            Scope::Capacity => "capacity",
            Scope::Taskdef => "taskdef",
            Scope::Service => "service",
        }
    }
}

/// Where an AWS rule comes from: a documentation page and section, or an API reference field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Source {
    pub title: &'static str,
    pub url: &'static str,
}

/// Whether `run`'s preflight evaluates a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preflight {
    No,
    Always,
    /// Only for tasks on EC2 (container instances and their capacity).
    Ec2,
}

/// A registered check.
pub struct Check {
    pub id: CheckId,
    /// The stable id (`account.service-linked-role`): scripts use it with --only / --skip.
    pub name: &'static str,
    pub scope: Scope,
    pub title: &'static str,
    pub explanation: &'static str,
    pub sources: &'static [Source],
    pub preflight: Preflight,
    /// Whether `diagnose` shows it among the facts of one task.
    pub related_to_task: bool,
    /// The optional facts its function reads: a gathering for it asks AWS for these.
    pub needs: &'static [crate::inventory::Need],
    pub eval: Eval,
}

/// A check's pure function.
#[derive(Clone, Copy)]
pub enum Eval {
    Facts(fn(&Plan, &Facts) -> Vec<Finding>),
    /// It reads the clusters' capacity too, computed once for the whole run.
    Capacity(fn(&Plan, &Facts, &Capacities) -> Vec<Finding>),
}

impl Check {
    pub fn eval(&self, plan: &Plan, facts: &Facts, capacity: &Capacities) -> Vec<Finding> {
        match self.eval {
            Eval::Facts(f) => f(plan, facts),
            Eval::Capacity(f) => f(plan, facts, capacity),
        }
    }
}

/// The optional facts the checks read: what a gathering for them asks AWS for.
pub fn needs<'a>(checks: impl IntoIterator<Item = &'a CheckId>) -> Needs {
    checks.into_iter().flat_map(|c| c.check().needs.iter().copied()).collect()
}

impl CheckId {
    pub fn check(self) -> &'static Check {
        &CHECKS[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.check().name
    }

    pub fn scope(self) -> Scope {
        self.check().scope
    }

    /// The check with this stable id.
    pub fn from_name(name: &str) -> Option<CheckId> {
        CHECKS.iter().find(|c| c.name == name).map(|c| c.id)
    }

    /// Every check, in registry order.
    pub fn all() -> impl Iterator<Item = CheckId> {
        CHECKS.iter().map(|c| c.id)
    }

    pub fn finding(self, status: Status, resource: &str, message: impl Into<String>) -> Finding {
        Finding {
            check: self,
            status,
            resource: resource.to_string(),
            message: message.into(),
            remediation: None,
            cluster: None,
        }
    }
}

impl std::fmt::Display for CheckId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// In a JSON Schema: a string, one of the registry's ids.
impl schemars::JsonSchema for CheckId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CheckId".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let ids: Vec<&str> = CHECKS.iter().map(|c| c.name).collect();
        schemars::json_schema!({"type": "string", "description": "a check's stable id", "enum": ids})
    }
}

impl Serialize for CheckId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Warn,
    Fail,
    Skip,
    Error,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Skip => "skip",
            Status::Error => "error",
        }
    }

    /// Fail or warn: a finding that needs action.
    pub fn is_problem(self) -> bool {
        matches!(self, Status::Fail | Status::Warn)
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct Finding {
    pub check: CheckId,
    pub status: Status,
    /// The AWS id or ARN the finding is about.
    pub resource: String,
    pub message: String,
    /// The exact fix (an AWS CLI command or a console step), when there is one.
    pub remediation: Option<String>,
    /// The cluster the finding is about (the cluster itself, or one of its container instances
    /// or EC2 instances); null for the account, the network and what several clusters share.
    pub cluster: Option<String>,
}

impl Finding {
    pub fn with_fix(mut self, remediation: impl Into<String>) -> Finding {
        self.remediation = Some(remediation.into());
        self
    }

    /// `fail network.exists subnet-1: the subnet does not exist ...`
    pub fn line(&self) -> String {
        format!("{} {} {}: {}", self.status.as_str(), self.check, self.resource, self.message)
    }
}

/// What the checks judge against: the network configuration, the launch type, the
/// requirements. Built by the commands before any call.
#[derive(Debug, Clone)]
pub struct Plan {
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    /// EC2, FARGATE or EXTERNAL.
    pub launch_type: &'static str,
    /// Whether the launch type was asked for (`--launch-type`, a service's, a task's), rather
    /// than EC2 by default.
    pub launch_type_given: bool,
    pub public_ip: bool,
    pub selected: BTreeSet<CheckId>,
    pub require_trunking: bool,
    pub require_ipv6: bool,
    /// --tasks N: the tasks about to be placed.
    pub tasks: Option<u32>,
    /// The task definition as given (the resource of its findings when it cannot be read).
    pub task_definition: Option<String>,
    /// The launch target AWS would use and why, once resolved (`with_target`).
    pub target: Option<Target>,
    /// The tasks' security groups are not known (`diagnose` of a stopped task whose ENI is gone):
    /// checks of their rules say so instead of judging the VPC's default group.
    pub groups_unknown: bool,
}

impl Default for Plan {
    /// Every check selected, EC2, nothing given.
    fn default() -> Self {
        Plan {
            subnets: vec![],
            security_groups: vec![],
            launch_type: "EC2",
            launch_type_given: false,
            public_ip: false,
            selected: CheckId::all().collect(),
            require_trunking: false,
            require_ipv6: false,
            tasks: None,
            task_definition: None,
            target: None,
            groups_unknown: false,
        }
    }
}

impl Plan {
    pub fn ec2(&self) -> bool {
        self.launch_type == "EC2"
    }

    /// The launch target in a cluster: the plan's where it was resolved for the command, else
    /// the cluster's default strategy (an audit of several clusters resolves each).
    pub fn target_in(&self, c: &ClusterFacts) -> Target {
        match &self.target {
            Some(t) if self.launch_type_given || t.decided => t.clone(),
            _ if self.launch_type_given || self.launch_type != "EC2" => {
                Target::launch_type(self.launch_type, format!("launch type {}", self.launch_type))
            }
            _ => target::resolve(None, &[], Some(&c.default_strategy), &c.providers),
        }
    }
}

/// The plan with the launch target AWS would use, where the command line named no launch type:
/// the service's strategy or launch type, else the one cluster's default strategy, else EC2
/// (`rules::target`).
pub fn with_target(base: &Plan, facts: &Facts) -> Plan {
    let mut p = base.clone();
    let t = if p.launch_type_given {
        Target::launch_type(p.launch_type, format!("--launch-type {}", p.launch_type))
    } else if let Some(svc) = &facts.service {
        let names: Vec<String> = svc.capacity_provider_strategy.iter().map(|s| s.0.clone()).collect();
        match svc.launch_type.as_deref() {
            _ if !names.is_empty() => target::of_strategy(&names, &facts.capacity_providers, "service strategy"),
            Some(lt) => Target::launch_type(launch_type_of(lt), format!("the service's launch type {lt}")),
            None => cluster_target(facts),
        }
    } else {
        cluster_target(facts)
    };
    p.launch_type = t.launch_type;
    p.launch_type_given = t.decided;
    p.target = Some(t);
    p
}

fn cluster_target(facts: &Facts) -> Target {
    match facts.clusters.as_slice() {
        [c] => target::resolve(None, &[], Some(&c.default_strategy), &c.providers),
        _ => target::resolve(None, &[], None, &facts.capacity_providers),
    }
}

/// A launch type as the checks name it.
pub fn launch_type_of(lt: &str) -> &'static str {
    match lt {
        "FARGATE" => "FARGATE",
        "EXTERNAL" => "EXTERNAL",
        _ => "EC2",
    }
}

/// Every selected check over the facts, in registry order. Pure: no AWS here.
pub fn evaluate(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    evaluate_with(plan, facts, &Capacities::of(facts))
}

/// `evaluate` with the clusters' capacity the command computed (and reports) once.
pub fn evaluate_with(plan: &Plan, facts: &Facts, capacity: &Capacities) -> Vec<Finding> {
    let mut out: Vec<Finding> =
        CHECKS.iter().filter(|c| plan.selected.contains(&c.id)).flat_map(|c| c.eval(plan, facts, capacity)).collect();
    for f in &mut out {
        f.cluster = cluster_of(&f.resource, facts);
        // Every finding that needs action says what to do: its own fix, else the check's
        // explanation and AWS sources.
        if f.status.is_problem() && f.remediation.is_none() {
            f.remediation = Some(format!("awsvpc explain {}", f.check.name()));
        }
    }
    out
}

/// The one cluster a resource belongs to: the cluster itself, or one of its container instances
/// or EC2 instances.
fn cluster_of(resource: &str, facts: &Facts) -> Option<String> {
    let mut owners = facts.clusters.iter().filter(|c| {
        c.name == resource
            || c.instances.as_ref().is_ok_and(|cis| {
                cis.iter().any(|ci| ci.arn == resource || ci.ec2_instance_id.as_deref() == Some(resource))
            })
    });
    match (owners.next(), owners.next()) {
        (Some(c), None) => Some(c.name.clone()),
        _ => None,
    }
}

/// The checks' plan with a service's values (subnets, security groups, public IP, task
/// definition) where the command line gave none.
pub fn with_service(base: &Plan, svc: &crate::inventory::Service, public_ip_given: bool) -> Plan {
    let mut p = base.clone();
    if p.subnets.is_empty() {
        p.subnets = svc.subnets.clone();
    }
    if p.security_groups.is_empty() {
        p.security_groups = svc.security_groups.clone();
    }
    // The launch type: the command line's, else the service's (`with_target`, once the
    // service's strategy and the cluster's default are known).
    if !public_ip_given {
        p.public_ip = svc.assign_public_ip;
    }
    if p.task_definition.is_none() && !svc.task_definition.is_empty() {
        p.task_definition = Some(svc.task_definition.clone());
    }
    p
}

/// The checks `run`'s preflight evaluates for tasks on `launch_type`.
pub fn preflight(launch_type: &str) -> BTreeSet<CheckId> {
    CHECKS
        .iter()
        .filter(|c| match c.preflight {
            Preflight::Always => true,
            Preflight::Ec2 => launch_type == "EC2",
            Preflight::No => false,
        })
        .map(|c| c.id)
        .collect()
}

/// A cluster's container instances for a cluster-scope check, or the findings that stand in
/// for them: `skip` without clusters, `error` when the instances could not be read, and
/// `on_empty` for a cluster that has none.
fn each_cluster<'a>(
    id: CheckId,
    facts: &'a Facts,
    out: &mut Vec<Finding>,
    on_empty: impl Fn(&ClusterFacts) -> Option<Finding>,
) -> Vec<(&'a ClusterFacts, &'a [ContainerInstance])> {
    if facts.clusters.is_empty() {
        out.push(id.finding(Status::Skip, "-", "no --cluster given"));
        return vec![];
    }
    let mut ready = Vec::new();
    for c in &facts.clusters {
        match &c.instances {
            Err(e) => out.push(id.finding(Status::Error, &c.name, e.message.clone())),
            Ok(cis) if cis.is_empty() => out.extend(on_empty(c)),
            Ok(cis) => ready.push((c, cis.as_slice())),
        }
    }
    ready
}

/// Runs a per-instance check over every instance of every cluster.
fn per_instance(id: CheckId, facts: &Facts, f: impl Fn(&ClusterFacts, &ContainerInstance) -> Finding) -> Vec<Finding> {
    let mut out = Vec::new();
    let no_instances = |c: &ClusterFacts| {
        Some(id.finding(Status::Skip, &c.name, format!("cluster {} has no container instances", c.name)))
    };
    for (c, cis) in each_cluster(id, facts, &mut out, no_instances) {
        out.extend(cis.iter().map(|ci| f(c, ci)));
    }
    out
}

#[cfg(test)]
mod needs_tests;
#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_ids_are_unique_scoped_explained_and_sourced() {
        let mut seen = BTreeSet::new();
        for (i, c) in CHECKS.iter().enumerate() {
            assert_eq!(c.id as usize, i, "{}: the registry order is the enum order", c.name);
            assert!(seen.insert(c.name), "{} is registered twice", c.name);
            assert!(c.name.starts_with(&format!("{}.", c.scope.as_str())), "{} is in scope {:?}", c.name, c.scope);
            assert!(c.explanation.len() > 40 && !c.title.is_empty(), "{} has an explanation", c.name);
            assert!(!c.sources.is_empty(), "{} names its AWS source", c.name);
            for s in c.sources {
                assert!(s.url.starts_with("https://docs.aws.amazon.com/") && !s.title.is_empty(), "{}: {s:?}", c.name);
            }
            assert_eq!(CheckId::from_name(c.name), Some(c.id));
        }
    }

    #[test]
    fn every_finding_names_the_check_that_made_it() {
        // Every check over an empty, an unreadable and a populated inventory.
        for facts in [Facts::default(), testing::unreadable(), testing::populated()] {
            for plan in [Plan::default(), testing::plan_with_subnets()] {
                for c in CHECKS {
                    for f in c.eval(&plan, &facts, &Capacities::of(&facts)) {
                        assert_eq!(f.check, c.id, "{} produced a finding of {}", c.name, f.check);
                    }
                }
            }
        }
    }

    #[test]
    fn unevaluated_facts_are_errors_never_passes() {
        let plan = Plan { launch_type: "FARGATE", ..testing::plan_with_subnets() };
        let findings = evaluate(&plan, &testing::unreadable());
        for id in [CheckId::ServiceLinkedRole, CheckId::Exists, CheckId::DnsSupport, CheckId::InstanceStatus] {
            let mine: Vec<&Finding> = findings.iter().filter(|f| f.check == id).collect();
            assert!(!mine.is_empty(), "{id} reported");
            assert!(mine.iter().all(|f| f.status == Status::Error), "{id}: {mine:?}");
        }
    }

    /// A fact that could not be read never makes a check vanish: every check that reports on the
    /// readable inventory still reports (evaluated from what is left, or `error` with the reason).
    #[test]
    fn an_unreadable_fact_never_drops_a_check() {
        let plans = [
            testing::plan_with_subnets(),
            Plan { require_trunking: true, tasks: Some(2), ..testing::plan_with_subnets() },
            Plan { launch_type: "FARGATE", launch_type_given: true, ..testing::plan_with_subnets() },
        ];
        let mut vanished = Vec::new();
        for plan in plans {
            let base = testing::populated();
            for c in CHECKS {
                if c.eval(&plan, &base, &Capacities::of(&base)).is_empty() {
                    continue;
                }
                for (broken, facts) in testing::one_fact_unreadable() {
                    if c.eval(&plan, &facts, &Capacities::of(&facts)).is_empty() {
                        vanished.push(format!("{} without the {broken} ({})", c.name, plan.launch_type));
                    }
                }
            }
        }
        assert!(vanished.is_empty(), "checks that vanished: {vanished:#?}");
    }

    #[test]
    fn findings_name_their_cluster() {
        let facts = testing::populated();
        let findings = evaluate(&testing::plan_with_subnets(), &facts);
        let instance = findings.iter().find(|f| f.check == CheckId::InstanceStatus).unwrap();
        assert_eq!(instance.cluster.as_deref(), Some("prod"), "{instance:?}");
        let cluster = findings.iter().find(|f| f.check == CheckId::ClusterCapacity).unwrap();
        assert_eq!(cluster.cluster.as_deref(), Some("prod"));
        let account = findings.iter().find(|f| f.check == CheckId::ServiceLinkedRole).unwrap();
        assert_eq!(account.cluster, None);
    }

    #[test]
    fn preflight_sets() {
        let ec2 = preflight("EC2");
        let fargate = preflight("FARGATE");
        assert!(ec2.contains(&CheckId::ClusterCapacity) && !fargate.contains(&CheckId::ClusterCapacity));
        assert!(fargate.contains(&CheckId::ServiceLinkedRole) && fargate.contains(&CheckId::DnsSupport));
        assert!(!ec2.contains(&CheckId::AwsvpcTrunking));
    }
}
