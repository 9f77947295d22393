//! Service scope: the service's awsvpc network configuration and its load balancers.

use std::collections::BTreeSet;

use super::{CheckId, Finding, Plan, Status};
use crate::inventory::{Facts, LoadBalancerRef};

pub fn network_configuration(_: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::ServiceNetwork;
    let Some(svc) = &facts.service else { return vec![id.finding(Status::Skip, "-", "no --service given")] };
    vec![if svc.subnets.is_empty() {
        id.finding(Status::Fail, &svc.arn, "the service has no awsvpcConfiguration: its tasks cannot get ENIs")
            .with_fix(
            "aws ecs update-service --network-configuration 'awsvpcConfiguration={subnets=[...],securityGroups=[...]}'",
        )
    } else {
        let groups =
            if svc.security_groups.is_empty() { "(VPC default)".to_string() } else { svc.security_groups.join(", ") };
        id.finding(
            Status::Pass,
            &svc.arn,
            format!(
                "subnets {}; security groups {groups}; assignPublicIp {}",
                svc.subnets.join(", "),
                if svc.assign_public_ip { "ENABLED" } else { "DISABLED" }
            ),
        )
    }]
}

pub fn load_balancers(_: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::LoadBalancers;
    let Some(svc) = &facts.service else { return vec![id.finding(Status::Skip, "-", "no --service given")] };
    if svc.load_balancers.is_empty() {
        return vec![id.finding(Status::Pass, &svc.arn, "no load balancer")];
    }
    let vpcs: BTreeSet<&str> = facts.subnets_ok().unwrap_or(&[]).iter().map(|s| s.vpc_id.as_str()).collect();
    svc.load_balancers.iter().filter_map(|lb| target_group_finding(facts, lb, &vpcs)).collect()
}

fn target_group_finding(facts: &Facts, lb: &LoadBalancerRef, vpcs: &BTreeSet<&str>) -> Option<Finding> {
    let id = CheckId::LoadBalancers;
    if let Some(name) = &lb.load_balancer_name {
        return Some(
            id.finding(
                Status::Fail,
                name,
                format!(
                    "Classic Load Balancer {name}: services in the awsvpc network mode support only ALB and NLB target \
                     groups"
                ),
            )
            .with_fix("create an ALB or NLB target group with --target-type ip and recreate the service with it"),
        );
    }
    let arn = lb.target_group_arn.as_deref()?;
    Some(match facts.target_groups.get(arn) {
        None | Some(Ok(None)) => id
            .finding(Status::Fail, arn, "the target group does not exist")
            .with_fix("create the target group (--target-type ip) or update the service"),
        Some(Err(e)) => id.finding(Status::Error, arn, e.message.clone()),
        Some(Ok(Some(tg))) if tg.target_type != "ip" => id
            .finding(
                Status::Fail,
                arn,
                format!("target group {} has target type {}: awsvpc tasks register by IP address", tg.name, tg.target_type),
            )
            .with_fix(format!(
                "aws elbv2 create-target-group --name {}-ip --target-type ip --vpc-id {} ... and point the service at it",
                tg.name,
                tg.vpc_id.as_deref().unwrap_or("VPC")
            )),
        Some(Ok(Some(tg))) if !vpcs.is_empty() && tg.vpc_id.as_deref().is_some_and(|v| !vpcs.contains(v)) => id
            .finding(
                Status::Fail,
                arn,
                format!(
                    "target group {} is in {}, the tasks in {}",
                    tg.name,
                    tg.vpc_id.as_deref().unwrap_or("?"),
                    vpcs.iter().copied().collect::<Vec<_>>().join(", ")
                ),
            )
            .with_fix("use a target group of the tasks' VPC"),
        Some(Ok(Some(tg))) => id.finding(Status::Pass, arn, format!("target group {} (type ip)", tg.name)),
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;
    use crate::inventory::{Service, TargetGroup};

    fn with_tg(target_type: &str, vpc: &str) -> Facts {
        let arn = "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web/1";
        let svc = Service {
            arn: "svc".into(),
            subnets: vec!["subnet-a".into()],
            load_balancers: vec![LoadBalancerRef { target_group_arn: Some(arn.into()), load_balancer_name: None }],
            ..Service::default()
        };
        let tg = TargetGroup {
            arn: arn.into(),
            name: "web".into(),
            target_type: target_type.into(),
            vpc_id: Some(vpc.into()),
        };
        Facts { service: Some(svc), target_groups: [(arn.to_string(), Ok(Some(tg)))].into(), ..testing::populated() }
    }

    #[test]
    fn target_groups_must_be_ip_in_the_tasks_vpc() {
        assert_eq!(load_balancers(&Plan::default(), &with_tg("ip", "vpc-1"))[0].status, Status::Pass);
        assert_eq!(load_balancers(&Plan::default(), &with_tg("instance", "vpc-1"))[0].status, Status::Fail);
        assert_eq!(load_balancers(&Plan::default(), &with_tg("ip", "vpc-9"))[0].status, Status::Fail);
    }

    #[test]
    fn classic_load_balancer_and_missing_network_configuration_fail() {
        let svc = Service {
            arn: "svc".into(),
            load_balancers: vec![LoadBalancerRef { target_group_arn: None, load_balancer_name: Some("old".into()) }],
            ..Service::default()
        };
        let facts = Facts { service: Some(svc), ..Facts::default() };
        assert_eq!(load_balancers(&Plan::default(), &facts)[0].status, Status::Fail);
        assert_eq!(network_configuration(&Plan::default(), &facts)[0].status, Status::Fail);
        assert_eq!(network_configuration(&Plan::default(), &Facts::default())[0].status, Status::Skip);
    }
}
