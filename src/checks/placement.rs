//! EC2 placement: where a cluster's container instances stand relative to the subnets of the
//! network configuration (their AZs, their VPC, who owns the subnets). An awsvpc task's ENI is
//! attached to an instance in its subnet's AZ and VPC.

use std::collections::BTreeSet;

use super::network::no_subnets;
use super::{CheckId, Finding, Plan, Status};
use crate::inventory::{ClusterFacts, ContainerInstance, Facts, Subnet};

/// The subnets (given and readable), every cluster with instances, and `error` findings for the
/// clusters whose instances could not be read.
type Placement<'a> = (&'a [Subnet], Vec<(&'a ClusterFacts, &'a [ContainerInstance])>, Vec<Finding>);

/// For the EC2 placement checks: the subnets and clusters, or the findings that stand in for them
/// (unreadable subnets are an `error`, never a silent absence).
fn placement<'a>(id: CheckId, plan: &Plan, facts: &'a Facts) -> Result<Placement<'a>, Vec<Finding>> {
    if let Some(skip) = no_subnets(id, plan) {
        return Err(skip);
    }
    if !plan.ec2() {
        return Err(vec![]);
    }
    let subnets = match &facts.subnets {
        Some(Err(e)) => return Err(vec![id.finding(Status::Error, "-", e.message.clone())]),
        Some(Ok(s)) if !s.is_empty() => s.as_slice(),
        _ => return Err(vec![]),
    };
    let mut errors = Vec::new();
    let mut clusters = Vec::new();
    for c in &facts.clusters {
        match &c.instances {
            Err(e) => errors.push(id.finding(Status::Error, &c.name, e.message.clone())),
            Ok(cis) if !cis.is_empty() => clusters.push((c, cis.as_slice())),
            Ok(_) => {}
        }
    }
    Ok((subnets, clusters, errors))
}

/// Can the instance take an awsvpc task at all (`rules::capacity::cannot_host`)?
fn can_host(ci: &ContainerInstance) -> bool {
    crate::rules::capacity::cannot_host(ci).is_none()
}

pub fn instance_azs(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::InstanceAzs;
    let (subnets, clusters, mut out) = match placement(id, plan, facts) {
        Ok(p) => p,
        Err(f) => return f,
    };
    for (c, cis) in clusters {
        let usable_azs: BTreeSet<&str> =
            cis.iter().filter(|ci| can_host(ci)).filter_map(|ci| ci.attr("ecs.availability-zone")).collect();
        let uncovered: Vec<&Subnet> =
            subnets.iter().filter(|s| !usable_azs.contains(s.availability_zone.as_str())).collect();
        if uncovered.is_empty() {
            out.push(id.finding(Status::Pass, &c.name, "every subnet's AZ has container instances for awsvpc tasks"));
            continue;
        }
        let all = uncovered.len() == subnets.len();
        for s in uncovered {
            let consequence =
                if all { ": RunTask fails with LOCATION / ATTRIBUTE" } else { ": tasks go to the other subnets only" };
            out.push(
                id.finding(
                    if all { Status::Fail } else { Status::Warn },
                    &s.id,
                    format!(
                        "no container instance of cluster {} that can host awsvpc tasks is in {} ({}){consequence}",
                        c.name, s.availability_zone, s.id
                    ),
                )
                .with_fix(format!("add container instances in {} or drop the subnet", s.availability_zone)),
            );
        }
    }
    out
}

/// ENI trunking is not supported for container instances in subnets shared from another account
/// (ECS Developer Guide, ENI trunking considerations): the instances' own subnets are judged, the
/// ones they stand in, not the tasks'.
pub fn shared_subnets(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::SharedSubnets;
    if facts.clusters.is_empty() || !plan.ec2() {
        return vec![];
    }
    let subnets = match &facts.instance_subnets {
        None => return vec![id.finding(Status::Skip, "-", "no container instances")],
        Some(Err(e)) => return vec![id.finding(Status::Error, "-", e.message.clone())],
        Some(Ok(s)) => s.as_slice(),
    };
    let mut out = Vec::new();
    for c in &facts.clusters {
        let (Ok(cis), Ok(ec2)) = (&c.instances, &c.ec2) else { continue };
        let Some(account) = cis.first().and_then(|ci| crate::ids::Arn::parse(&ci.arn)).map(|a| a.account) else {
            continue;
        };
        let trunking = plan.require_trunking || cis.iter().any(|ci| c.role_trunking(ci) == Some(true));
        let in_subnet: BTreeSet<&str> =
            cis.iter().filter_map(|ci| ec2.get(ci.ec2_instance_id.as_deref()?)?.subnet_id.as_deref()).collect();
        let shared: Vec<&Subnet> = subnets
            .iter()
            .filter(|s| in_subnet.contains(s.id.as_str()) && s.owner_id.as_deref().is_some_and(|o| o != account))
            .collect();
        if shared.is_empty() {
            out.push(id.finding(
                Status::Pass,
                &c.name,
                "no container instance stands in a subnet shared from another account",
            ));
        }
        for s in shared {
            out.push(shared_finding(plan, s, trunking));
        }
    }
    out
}

fn shared_finding(plan: &Plan, s: &Subnet, trunking: bool) -> Finding {
    let id = CheckId::SharedSubnets;
    let owner = s.owner_id.as_deref().unwrap_or("?");
    if !trunking {
        return id.finding(Status::Pass, &s.id, format!("shared from account {owner}; trunking is not in use"));
    }
    id.finding(
        if plan.require_trunking { Status::Fail } else { Status::Warn },
        &s.id,
        format!(
            "container instances stand in {}, shared from account {owner}: ENI trunking is not supported in shared \
             subnets (trunked instances there end REGISTRATION_FAILED)",
            s.id
        ),
    )
    .with_fix("launch trunked container instances in subnets this account owns (tasks may still use shared subnets)")
}

/// The task ENI is attached to an instance in the subnet's VPC: instances elsewhere take no part
/// (informational), and only a cluster with none in the subnets' VPC fails.
pub fn instances_vpc(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::InstancesVpc;
    let (subnets, clusters, mut out) = match placement(id, plan, facts) {
        Ok(p) => p,
        Err(f) => return f,
    };
    let subnet_vpcs: BTreeSet<&str> = subnets.iter().map(|s| s.vpc_id.as_str()).collect();
    let vpcs: Vec<&str> = subnet_vpcs.iter().copied().collect();
    for (c, _) in clusters {
        let ec2 = match &c.ec2 {
            Err(e) => {
                out.push(id.finding(Status::Error, &c.name, e.message.clone()));
                continue;
            }
            Ok(ec2) => ec2,
        };
        let (inside, mut stray): (Vec<_>, Vec<_>) =
            ec2.values().partition(|e| e.vpc_id.as_deref().is_none_or(|v| subnet_vpcs.contains(v)));
        stray.sort_by(|a, b| a.id.cmp(&b.id));
        let stray: Vec<String> =
            stray.iter().map(|e| format!("{} ({})", e.id, e.vpc_id.as_deref().unwrap_or("?"))).collect();
        out.push(if stray.is_empty() {
            id.finding(Status::Pass, &c.name, "the container instances are in the subnets' VPC")
        } else if inside.is_empty() {
            id.finding(
                Status::Fail,
                &c.name,
                format!("no container instance is in the subnets' VPC ({}): {}", vpcs.join(", "), stray.join(", ")),
            )
            .with_fix("give subnets of the instances' VPC")
        } else {
            id.finding(
                Status::Pass,
                &c.name,
                format!(
                    "{} instance(s) in the subnets' VPC ({}); instances in other VPCs take no part: {}",
                    inside.len(),
                    vpcs.join(", "),
                    stray.join(", ")
                ),
            )
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, statuses};
    use super::*;

    fn plan(subnets: &[&str]) -> Plan {
        Plan { subnets: subnets.iter().map(|s| s.to_string()).collect(), ..Plan::default() }
    }

    #[test]
    fn instance_azs_warns_for_some_fails_for_all() {
        let mut facts = testing::populated();
        facts.subnets =
            Some(Ok(vec![testing::subnet("subnet-a", "us-east-1a"), testing::subnet("subnet-b", "us-east-1b")]));
        let f = instance_azs(&plan(&["subnet-a", "subnet-b"]), &facts);
        assert_eq!(statuses(&f), vec![("warn", "subnet-b".to_string())]);
        facts.subnets = Some(Ok(vec![testing::subnet("subnet-b", "us-east-1b")]));
        assert_eq!(instance_azs(&plan(&["subnet-b"]), &facts)[0].status, Status::Fail);
        // Not for Fargate.
        assert!(instance_azs(&Plan { launch_type: "FARGATE", ..plan(&["subnet-b"]) }, &facts).is_empty());
    }

    #[test]
    fn shared_subnet_with_trunking_warns() {
        let mut facts = testing::populated();
        let mut shared = testing::subnet("subnet-a", "us-east-1a");
        shared.owner_id = Some("999999999999".into());
        facts.instance_subnets = Some(Ok(vec![shared.clone()]));
        assert_eq!(shared_subnets(&Plan::default(), &facts)[0].status, Status::Warn, "the instance's own subnet");
        // A shared subnet given for the tasks only is not the instances' business.
        facts.subnets = Some(Ok(vec![shared]));
        facts.instance_subnets = Some(Ok(vec![testing::subnet("subnet-b", "us-east-1a")]));
        assert_eq!(shared_subnets(&plan(&["subnet-a"]), &facts)[0].status, Status::Pass);
        let mut shared = testing::subnet("subnet-a", "us-east-1a");
        shared.owner_id = Some("999999999999".into());
        facts.instance_subnets = Some(Ok(vec![shared]));
        assert_eq!(shared_subnets(&plan(&["subnet-a"]), &facts)[0].status, Status::Warn);
        facts.clusters[0].role_settings.values_mut().for_each(|s| *s = Ok(testing::settings("disabled", "enabled")));
        assert_eq!(shared_subnets(&plan(&["subnet-a"]), &facts)[0].status, Status::Pass);
    }

    #[test]
    fn a_cluster_spanning_vpcs_passes_while_some_instances_are_in_the_subnets_vpc() {
        let mut facts = testing::populated();
        let b = testing::instance("b", "us-east-1a");
        let mut c = testing::cluster(vec![testing::instance("a", "us-east-1a"), b], vec![], "enabled");
        c.ec2.as_mut().unwrap().get_mut("i-b").unwrap().vpc_id = Some("vpc-2".into());
        facts.clusters = vec![c];
        let f = &instances_vpc(&plan(&["subnet-a"]), &facts)[0];
        assert_eq!(f.status, Status::Pass, "{f:?}");
        assert!(f.message.contains("i-b (vpc-2)"), "{}", f.message);
    }

    #[test]
    fn instances_outside_the_subnets_vpc_fail() {
        let mut facts = testing::populated();
        assert_eq!(instances_vpc(&plan(&["subnet-a"]), &facts)[0].status, Status::Pass);
        let mut other = testing::subnet("subnet-a", "us-east-1a");
        other.vpc_id = "vpc-2".into();
        facts.subnets = Some(Ok(vec![other]));
        assert_eq!(instances_vpc(&plan(&["subnet-a"]), &facts)[0].status, Status::Fail);
    }
}
