//! Hand-built inventory for the checks' unit tests.

use std::collections::{BTreeMap, HashMap};

use super::Plan;
use crate::error::Failure;
use crate::inventory::{
    Attachment, ClusterFacts, ContainerInstance, Ec2Instance, EffectiveSettings, Facts, NetworkInterface, Resources,
    RouteTable, Subnet, Task, VpcDns,
};

pub const ACCOUNT: &str = "111122223333";

pub fn denied() -> Failure {
    Failure::unavailable("doing X (Op): AccessDeniedException: denied")
}

pub fn plan_with_subnets() -> Plan {
    Plan { subnets: vec!["subnet-a".into()], ..Plan::default() }
}

pub fn subnet(id: &str, az: &str) -> Subnet {
    Subnet {
        id: id.into(),
        vpc_id: "vpc-1".into(),
        availability_zone: az.into(),
        cidr: "10.0.0.0/24".into(),
        available_ips: 200,
        owner_id: Some(ACCOUNT.into()),
        ipv6_cidrs: vec![],
        ..Subnet::default()
    }
}

pub fn route_table(subnets: &[&str], target: &str) -> RouteTable {
    RouteTable {
        id: "rtb-1".into(),
        vpc_id: "vpc-1".into(),
        main: subnets.is_empty(),
        subnet_ids: subnets.iter().map(|s| s.to_string()).collect(),
        routes: vec![("10.0.0.0/16".into(), "local".into()), ("0.0.0.0/0".into(), target.into())],
    }
}

pub fn settings(trunking: &str, ipv6: &str) -> EffectiveSettings {
    EffectiveSettings { awsvpc_trunking: Some(trunking.into()), dual_stack_ipv6: Some(ipv6.into()), account_root: None }
}

pub fn ci_arn(id: &str) -> String {
    format!("arn:aws:ecs:us-east-1:{ACCOUNT}:container-instance/prod/{id}")
}

/// An ACTIVE Linux c5.large with a connected agent 1.80.0 that can host awsvpc tasks.
pub fn instance(id: &str, az: &str) -> ContainerInstance {
    let mut attributes: BTreeMap<String, Option<String>> = BTreeMap::new();
    for (k, v) in [
        ("ecs.capability.task-eni", None),
        ("ecs.instance-type", Some("c5.large")),
        ("ecs.availability-zone", Some(az)),
        ("ecs.os-type", Some("linux")),
    ] {
        attributes.insert(k.into(), v.map(str::to_string));
    }
    ContainerInstance {
        arn: ci_arn(id),
        ec2_instance_id: Some(format!("i-{id}")),
        status: "ACTIVE".into(),
        status_reason: None,
        agent_connected: true,
        agent_version: Some("1.80.0".into()),
        attributes,
        // c5.large as ECS registers it: 2 vCPUs = 2,048 CPU units.
        registered: Resources { cpu: Some(2048), memory: Some(3_700), gpu: None },
        remaining: Resources { cpu: Some(2048), memory: Some(3_700), gpu: None },
    }
}

pub fn eni_task(on: &ContainerInstance, eni: &str) -> Task {
    let mut details = BTreeMap::new();
    details.insert("networkInterfaceId".to_string(), eni.to_string());
    Task {
        arn: format!("arn:aws:ecs:us-east-1:{ACCOUNT}:task/prod/{eni}"),
        last_status: "RUNNING".into(),
        desired_status: "RUNNING".into(),
        container_instance_arn: Some(on.arn.clone()),
        attachments: vec![Attachment { kind: "ElasticNetworkInterface".into(), details, ..Attachment::default() }],
        ..Task::default()
    }
}

pub const ROLE: &str = "arn:aws:iam::111122223333:role/ecsInstanceRole";

/// A cluster of the given instances (each with its EC2 instance in vpc-1, profile -> ROLE whose
/// trunking is `role_trunking`), c5.large = 3 ENIs.
pub fn cluster(instances: Vec<ContainerInstance>, tasks: Vec<Task>, role_trunking: &str) -> ClusterFacts {
    let profile = "arn:aws:iam::111122223333:instance-profile/ecs";
    let ec2: HashMap<String, Ec2Instance> = instances
        .iter()
        .filter_map(|ci| ci.ec2_instance_id.clone())
        .map(|id| {
            let e = Ec2Instance {
                id: id.clone(),
                instance_type: "c5.large".into(),
                availability_zone: "us-east-1a".into(),
                subnet_id: Some("subnet-a".into()),
                vpc_id: Some("vpc-1".into()),
                instance_profile_arn: Some(profile.into()),
                dns_a_record: false,
                security_groups: vec!["sg-instance".into()],
                public_ip: false,
            };
            (id, e)
        })
        .collect();
    ClusterFacts {
        name: "prod".into(),
        instances: Ok(instances),
        tasks: Ok(tasks),
        ec2: Ok(ec2),
        max_enis: Ok([("c5.large".to_string(), 3)].into()),
        profile_roles: [(profile.to_string(), Ok(Some(ROLE.to_string())))].into(),
        role_settings: [(ROLE.to_string(), Ok(settings(role_trunking, "enabled")))].into(),
        instance_enis: Some(Ok(Vec::<NetworkInterface>::new())),
        default_strategy: Ok(vec![]),
        providers: Default::default(),
    }
}

/// Facts with one subnet, one healthy cluster, everything readable.
pub fn populated() -> Facts {
    let a = instance("a", "us-east-1a");
    let tasks = vec![eni_task(&a, "eni-1")];
    Facts {
        service_linked_role: Some(Ok(true)),
        subnets: Some(Ok(vec![subnet("subnet-a", "us-east-1a")])),
        security_groups: None,
        route_tables: Some(Ok(vec![route_table(&["subnet-a"], "nat-1")])),
        vpc_dns: [("vpc-1".to_string(), Ok(VpcDns { dns_support: true, dns_hostnames: true }))].into(),
        caller_settings: Some(Ok(settings("enabled", "enabled"))),
        default_settings: Some((format!("arn:aws:iam::{ACCOUNT}:root"), Ok(settings("enabled", "enabled")))),
        clusters: vec![cluster(vec![a], tasks, "enabled")],
        ..Facts::default()
    }
}

/// Facts where every read failed.
pub fn unreadable() -> Facts {
    let mut c = ClusterFacts::empty("prod");
    c.instances = Err(denied());
    c.tasks = Err(denied());
    Facts {
        service_linked_role: Some(Err(denied())),
        subnets: Some(Err(denied())),
        security_groups: Some(Err(denied())),
        route_tables: Some(Err(denied())),
        caller_settings: Some(Err(denied())),
        clusters: vec![c],
        task_definition: Some(Err(denied())),
        ..Facts::default()
    }
}

/// The statuses of `findings`, as (status word, resource) pairs.
pub fn statuses(findings: &[super::Finding]) -> Vec<(&'static str, String)> {
    findings.iter().map(|f| (f.status.as_str(), f.resource.clone())).collect()
}

/// `populated()` with one fact at a time unreadable, named: every read a check may rest on.
pub fn one_fact_unreadable() -> Vec<(String, Facts)> {
    let mut out: Vec<(String, Facts)> = Vec::new();
    let mut push = |name: &str, f: &dyn Fn(&mut Facts)| {
        let mut facts = populated();
        facts.security_groups = Some(Ok(vec![]));
        f(&mut facts);
        out.push((name.to_string(), facts));
    };
    push("service-linked role", &|f| f.service_linked_role = Some(Err(denied())));
    push("subnets", &|f| f.subnets = Some(Err(denied())));
    push("security groups", &|f| f.security_groups = Some(Err(denied())));
    push("route tables", &|f| f.route_tables = Some(Err(denied())));
    push("vpc dns", &|f| f.vpc_dns.values_mut().for_each(|v| *v = Err(denied())));
    push("caller settings", &|f| f.caller_settings = Some(Err(denied())));
    push("default settings", &|f| f.default_settings.iter_mut().for_each(|d| d.1 = Err(denied())));
    push("instances", &|f| f.clusters[0].instances = Err(denied()));
    push("tasks", &|f| f.clusters[0].tasks = Err(denied()));
    push("ec2 instances", &|f| f.clusters[0].ec2 = Err(denied()));
    push("max enis", &|f| f.clusters[0].max_enis = Err(denied()));
    push("profile roles", &|f| f.clusters[0].profile_roles.values_mut().for_each(|v| *v = Err(denied())));
    push("role settings", &|f| f.clusters[0].role_settings.values_mut().for_each(|v| *v = Err(denied())));
    push("instance enis", &|f| f.clusters[0].instance_enis = Some(Err(denied())));
    out
}
