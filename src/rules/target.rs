//! The launch target AWS would use, and why. RunTask with neither `launchType` nor
//! `capacityProviderStrategy` uses the cluster's `defaultCapacityProviderStrategy`, and EC2 only
//! when the cluster has none (API Reference, RunTask, `capacityProviderStrategy` and
//! `launchType`; DescribeClusters, Cluster.defaultCapacityProviderStrategy). FARGATE and
//! FARGATE_SPOT providers run tasks on Fargate; Auto Scaling group and ECS Managed Instances
//! providers on container instances. A strategy does not mix the two (ECS guide, "Capacity
//! provider strategies").
//!
//! With managed scaling, a task that does not fit waits in PROVISIONING while ECS scales the
//! group out (ECS guide, "Auto Scaling group capacity providers", "Automatically manage Amazon
//! ECS capacity with cluster auto scaling"): a shortfall is then no failure.

use std::collections::BTreeMap;

use crate::inventory::{CapacityProvider, Fact};

/// Where tasks would run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// EC2, FARGATE or EXTERNAL: the rules that apply.
    pub launch_type: &'static str,
    /// Why, in a few words ("--launch-type FARGATE", "cluster default strategy: FARGATE").
    pub why: String,
    /// Whether a launch type or a strategy decided (as opposed to EC2 by default).
    pub decided: bool,
    /// Tasks that do not fit wait for scale-out (see the module's comment).
    pub managed_scaling: bool,
    /// The providers' largest maximumScalingStepSize, when known.
    pub max_scaling_step: Option<i32>,
    /// The providers that manage scaling, by name.
    pub scaling_providers: Vec<String>,
    /// Something that could not be read, said in the plan line and as a warning.
    pub unknown: Option<String>,
}

impl Target {
    /// A launch type given or already known.
    pub fn launch_type(launch_type: &'static str, why: impl Into<String>) -> Target {
        Target {
            launch_type,
            why: why.into(),
            decided: true,
            managed_scaling: false,
            max_scaling_step: None,
            scaling_providers: vec![],
            unknown: None,
        }
    }

    /// EC2 because no launch type and no strategy apply.
    pub fn default_ec2(why: impl Into<String>) -> Target {
        Target { decided: false, ..Target::launch_type("EC2", why) }
    }
}

/// Whether a provider name is one of AWS's Fargate providers.
pub fn is_fargate(name: &str) -> bool {
    matches!(name, "FARGATE" | "FARGATE_SPOT")
}

/// The target of a capacity provider strategy. `source` says whose strategy it is.
pub fn of_strategy(names: &[String], providers: &BTreeMap<String, Fact<CapacityProvider>>, source: &str) -> Target {
    let why = format!("{source}: {}", names.join(","));
    if !names.is_empty() && names.iter().all(|n| is_fargate(n)) {
        return Target::launch_type("FARGATE", why);
    }
    let mut t = Target::launch_type("EC2", why);
    let mut unreadable = Vec::new();
    for n in names.iter().filter(|n| !is_fargate(n)) {
        match providers.get(n) {
            Some(Ok(p)) if p.managed_scaling => {
                t.managed_scaling = true;
                t.scaling_providers.push(p.name.clone());
                t.max_scaling_step = t.max_scaling_step.max(p.max_scaling_step);
            }
            Some(Ok(_)) => {}
            Some(Err(e)) => unreadable.push(format!("{n} ({})", e.message)),
            None => unreadable.push(format!("{n} (not found)")),
        }
    }
    if !unreadable.is_empty() {
        t.unknown = Some(format!("whether capacity provider {} scales out cannot be read", unreadable.join(", ")));
    }
    t
}

/// The target AWS would use: the launch type given, else the strategy given, else the cluster's
/// default strategy, else EC2. `default` is the cluster's default strategy (None: no cluster
/// named; Err: it could not be read).
pub fn resolve(
    launch_type: Option<&'static str>,
    strategy: &[String],
    default: Option<&Fact<Vec<String>>>,
    providers: &BTreeMap<String, Fact<CapacityProvider>>,
) -> Target {
    if let Some(lt) = launch_type {
        return Target::launch_type(lt, format!("--launch-type {lt}"));
    }
    if !strategy.is_empty() {
        return of_strategy(strategy, providers, "capacity provider strategy");
    }
    match default {
        None => Target::default_ec2("no --launch-type, --capacity-provider or cluster: EC2"),
        Some(Ok(names)) if names.is_empty() => {
            Target::default_ec2("the cluster has no default capacity provider strategy: EC2")
        }
        Some(Ok(names)) => of_strategy(names, providers, "cluster default strategy"),
        Some(Err(e)) => Target {
            unknown: Some(format!("the cluster's default capacity provider strategy cannot be read: {}", e.message)),
            ..Target::default_ec2("cluster default strategy unknown: judged as EC2")
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Failure;

    fn asg(name: &str, managed: bool) -> (String, Fact<CapacityProvider>) {
        let p = CapacityProvider {
            name: name.into(),
            kind: "EC2_AUTOSCALING".into(),
            managed_scaling: managed,
            max_scaling_step: Some(10),
        };
        (name.to_string(), Ok(p))
    }

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_launch_type_then_the_strategy_then_the_cluster_default_then_ec2() {
        let providers: BTreeMap<_, _> = [asg("asg", true), asg("fixed", false)].into();
        let fargate = Ok(names(&["FARGATE", "FARGATE_SPOT"]));
        let t = resolve(Some("EC2"), &[], Some(&fargate), &providers);
        assert_eq!((t.launch_type, t.why.as_str()), ("EC2", "--launch-type EC2"));
        let t = resolve(None, &names(&["asg"]), Some(&fargate), &providers);
        assert_eq!((t.launch_type, t.managed_scaling, t.max_scaling_step), ("EC2", true, Some(10)));
        let t = resolve(None, &[], Some(&fargate), &providers);
        assert_eq!((t.launch_type, t.decided), ("FARGATE", true));
        assert_eq!(t.why, "cluster default strategy: FARGATE,FARGATE_SPOT");
        let t = resolve(None, &[], Some(&Ok(vec![])), &providers);
        assert_eq!((t.launch_type, t.decided), ("EC2", false));
        let t = resolve(None, &[], Some(&Ok(names(&["fixed"]))), &providers);
        assert_eq!((t.launch_type, t.managed_scaling), ("EC2", false), "no managed scaling: a shortfall fails");
    }

    #[test]
    fn what_cannot_be_read_is_said() {
        let mut providers: BTreeMap<_, _> = BTreeMap::new();
        providers.insert("asg".to_string(), Err(Failure::unavailable("throttled")));
        let t = resolve(None, &[], Some(&Ok(names(&["asg"]))), &providers);
        assert!(t.unknown.as_deref().unwrap().contains("asg (throttled)"), "{t:?}");
        let t = resolve(None, &[], Some(&Err(Failure::unavailable("denied"))), &providers);
        assert_eq!(t.launch_type, "EC2");
        assert!(t.unknown.as_deref().unwrap().contains("denied"));
    }
}
