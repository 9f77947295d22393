//! `awsvpc check`: the awsvpc preflight. Gather every fact once (concurrently), evaluate every
//! check as a pure function over those facts, render once. A fact that could not be fetched
//! makes the checks that need it `error`, never `pass`.
//!
//! Scopes: the account (service-linked role, account settings), the network configuration
//! (`--subnets`, `--security-groups`, `--launch-type`, `--assign-public-ip`), the VPCs in scope,
//! and clusters (`--cluster`, `--all-clusters`: container instances and ENI capacity, in
//! `cluster.rs`). Task-definition and service checks follow (see the README).

pub mod cluster;
mod fix;

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;
use comfy_table::{Cell, Color};
use serde::Serialize;

use crate::aws::Aws;
use crate::capacity::ClusterCapacity;
use crate::cli::{AssignPublicIp, CheckArgs, Feature, LaunchType};
use crate::error::{invalid, Failure};
use crate::exit;
use crate::fetch;
use crate::inventory::{
    EffectiveSettings, Fact, RouteTable, SecurityGroup, Service, Subnet, TargetGroup, TaskDefinition, VpcDns,
};
use crate::output::{new_table, status_cell, Mode, Render};

/// Every check: (id, scope, one line). Ids are stable: scripts use them with --only / --skip.
pub const CHECKS: &[(&str, &str, &str)] = &[
    ("account.service-linked-role", "account", "The ECS service-linked role AWSServiceRoleForECS exists"),
    (
        "account.awsvpc-trunking",
        "account",
        "awsvpcTrunking in force for the caller, the account default and each instance role",
    ),
    ("account.dual-stack-ipv6", "account", "dualStackIPv6 in force for the caller and the account default"),
    ("network.subnet-count", "network", "1 to 16 subnets are given"),
    ("network.security-group-count", "network", "At most 5 security groups are given"),
    ("network.exists", "network", "Every given subnet and security group exists"),
    ("network.single-vpc", "network", "All subnets and security groups are in one VPC"),
    ("network.public-ip", "network", "A public IP is requested only for Fargate"),
    ("network.free-addresses", "network", "Every subnet has free IP addresses for task ENIs"),
    ("network.internet-egress", "network", "The subnets' routes give the tasks the internet egress they need"),
    (
        "network.ipv6",
        "network",
        "With --require ipv6: IPv6 CIDRs on the subnets and a ::/0 route to an internet or egress-only gateway",
    ),
    ("vpc.dns-support", "vpc", "The VPC resolves DNS (enableDnsSupport)"),
    ("vpc.dns-hostnames", "vpc", "The VPC gives tasks DNS hostnames (enableDnsHostnames)"),
    ("network.instance-azs", "network", "EC2: every subnet's AZ has container instances that can host awsvpc tasks"),
    ("network.instances-vpc", "network", "EC2: the container instances are in the subnets' VPC"),
    ("network.shared-subnets", "network", "EC2 with trunking: no subnet is shared from another account"),
    ("instance.status", "instance", "The container instance is ACTIVE and its agent connected"),
    (
        "instance.agent-version",
        "instance",
        "The agent meets the awsvpc minimum for its OS, and the trunking / IPv6 minimums where they apply",
    ),
    ("instance.task-eni", "instance", "The instance advertises ecs.capability.task-eni"),
    (
        "instance.os",
        "instance",
        "The OS can host awsvpc tasks (not Windows Server 2016; Windows: no trunking, no IPv6)",
    ),
    (
        "instance.trunk-eni",
        "instance",
        "A trunk ENI is attached where trunking is in effect for the instance role and the type supports it",
    ),
    ("instance.manual-enis", "instance", "No ENIs are attached to the instance by hand"),
    ("instance.ecs-init", "instance", "The ecs-init version (not exposed by the API: reported as not verifiable)"),
    (
        "capacity.instance",
        "capacity",
        "Free awsvpc task slots per container instance (ENI quota, or the trunking table)",
    ),
    ("capacity.cluster", "capacity", "Free awsvpc task slots per AZ and cluster; with --tasks N, whether N fit"),
    ("taskdef.network-mode", "taskdef", "The task definition uses the awsvpc network mode"),
    (
        "taskdef.compatibility",
        "taskdef",
        "The task definition is compatible with the launch type (Fargate: task-level cpu and memory)",
    ),
    ("service.network-configuration", "service", "The service has an awsvpc network configuration"),
    ("service.load-balancers", "service", "Load balancers are ALB/NLB target groups of type ip in the tasks' VPC"),
];

/// Below this many free addresses a subnet is a warning.
pub const FEW_FREE_ADDRESSES: i64 = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Warn,
    Fail,
    Skip,
    Error,
}

impl Status {
    fn word(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Skip => "skip",
            Status::Error => "error",
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Status::Pass => "✓",
            Status::Warn => "!",
            Status::Fail => "✗",
            Status::Skip => "-",
            Status::Error => "?",
        }
    }

    fn color(self) -> Option<Color> {
        match self {
            Status::Pass => Some(Color::Green),
            Status::Warn => Some(Color::Yellow),
            Status::Fail | Status::Error => Some(Color::Red),
            Status::Skip => None,
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Finding {
    pub check: &'static str,
    pub status: Status,
    /// The AWS id or ARN the finding is about.
    pub resource: String,
    pub message: String,
    /// The exact fix (an AWS CLI command or a console step), when there is one.
    pub remediation: Option<String>,
}

impl Finding {
    pub fn status_word(&self) -> &'static str {
        self.status.word()
    }
}

/// What `check` will evaluate, validated before any call.
#[derive(Debug, Clone)]
pub struct Plan {
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    pub launch_type: &'static str,
    pub public_ip: bool,
    pub selected: BTreeSet<&'static str>,
    pub strict: bool,
    pub clusters: Vec<String>,
    pub all_clusters: bool,
    pub require_trunking: bool,
    pub require_ipv6: bool,
    pub tasks: Option<u32>,
    pub task_definition: Option<String>,
    pub service: Option<String>,
    /// Whether --launch-type / --assign-public-ip were given (else the service's values apply).
    pub launch_type_given: bool,
    pub public_ip_given: bool,
    pub fix: bool,
    pub yes: bool,
    pub principal_arn: Option<String>,
}

impl Default for Plan {
    /// No check selected, EC2, nothing given: callers set what they need.
    fn default() -> Self {
        Plan {
            subnets: vec![],
            security_groups: vec![],
            launch_type: "EC2",
            public_ip: false,
            selected: BTreeSet::new(),
            strict: false,
            clusters: vec![],
            all_clusters: false,
            require_trunking: false,
            require_ipv6: false,
            tasks: None,
            task_definition: None,
            service: None,
            launch_type_given: true,
            public_ip_given: true,
            fix: false,
            yes: false,
            principal_arn: None,
        }
    }
}

impl Plan {
    /// The plan with the service's values where the command line gave none.
    pub fn with_service(&self, svc: &Service) -> Plan {
        let mut p = self.clone();
        if p.subnets.is_empty() {
            p.subnets = svc.subnets.clone();
        }
        if p.security_groups.is_empty() {
            p.security_groups = svc.security_groups.clone();
        }
        if !p.launch_type_given {
            p.launch_type = match svc.launch_type.as_deref() {
                Some("FARGATE") => "FARGATE",
                Some("EXTERNAL") => "EXTERNAL",
                _ => "EC2",
            };
        }
        if !p.public_ip_given {
            p.public_ip = svc.assign_public_ip;
        }
        if p.task_definition.is_none() && !svc.task_definition.is_empty() {
            p.task_definition = Some(svc.task_definition.clone());
        }
        p
    }
}

fn check_id(option: &str, id: &str) -> Result<&'static str> {
    CHECKS
        .iter()
        .find(|(c, _, _)| *c == id)
        .map(|(c, _, _)| *c)
        .ok_or_else(|| invalid(option, id, "a check id (`awsvpc check --list` lists them)"))
}

pub fn plan(args: &CheckArgs) -> Result<Plan> {
    crate::ids::check_ec2_ids("--subnets", "subnet-", &args.subnets)?;
    crate::ids::check_ec2_ids("--security-groups", "sg-", &args.security_groups)?;
    let only: Vec<&str> = args.only.iter().map(|i| check_id("--only", i)).collect::<Result<_>>()?;
    let skip: Vec<&str> = args.skip.iter().map(|i| check_id("--skip", i)).collect::<Result<_>>()?;
    let selected = CHECKS
        .iter()
        .map(|(id, _, _)| *id)
        .filter(|id| (only.is_empty() || only.contains(id)) && !skip.contains(id))
        .collect();
    let launch_type = match args.launch_type.unwrap_or(LaunchType::Ec2) {
        LaunchType::Ec2 => "EC2",
        LaunchType::Fargate => "FARGATE",
        LaunchType::External => "EXTERNAL",
    };
    if let Some(td) = &args.task_definition {
        crate::ids::check_task_definition("--task-definition", td)?;
    }
    if args.fix && !args.yes && !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return Err(Failure::usage(
            "--fix changes AWS and there is no terminal to ask on: add --yes to apply the fixes",
        )
        .into());
    }
    if let Some(svc) = &args.service {
        crate::ids::check_name("--service", svc)?;
        if args.cluster.len() != 1 {
            return Err(Failure::usage("--service needs exactly one --cluster (the service's cluster)").into());
        }
    }
    Ok(Plan {
        subnets: args.subnets.clone(),
        security_groups: args.security_groups.clone(),
        launch_type,
        public_ip: args.assign_public_ip == Some(AssignPublicIp::Enabled),
        selected,
        strict: args.strict,
        clusters: {
            let mut names = Vec::new();
            for c in &args.cluster {
                let name = crate::ids::parse_cluster("--cluster", c)?;
                if names.contains(&name) {
                    return Err(Failure::usage(format!("--cluster: {name} is given twice")).into());
                }
                names.push(name);
            }
            names
        },
        all_clusters: args.all_clusters,
        require_trunking: args.require.contains(&Feature::Trunking),
        require_ipv6: args.require.contains(&Feature::Ipv6),
        tasks: args.tasks,
        task_definition: args.task_definition.clone(),
        service: args.service.clone(),
        launch_type_given: args.launch_type.is_some(),
        public_ip_given: args.assign_public_ip.is_some(),
        fix: args.fix,
        yes: args.yes,
        principal_arn: match &args.principal_arn {
            Some(p) => {
                let ok = crate::ids::Arn::parse(p).is_some_and(|a| {
                    a.service == "iam"
                        && a.account.len() == 12
                        && (a.resource.starts_with("role/") || a.resource.starts_with("user/") || a.resource == "root")
                });
                if !ok {
                    return Err(invalid(
                        "--principal-arn",
                        p,
                        "an IAM role, user or root ARN (arn:aws:iam::ACCOUNT:role/NAME)",
                    ));
                }
                Some(p.clone())
            }
            None => None,
        },
    })
}

/// Everything the checks read, fetched once.
#[derive(Debug, Clone)]
pub struct Facts {
    pub service_linked_role: Fact<bool>,
    /// None when no subnet was given.
    pub subnets: Option<Fact<Vec<Subnet>>>,
    pub security_groups: Option<Fact<Vec<SecurityGroup>>>,
    pub route_tables: Option<Fact<Vec<RouteTable>>>,
    pub vpc_dns: BTreeMap<String, Fact<VpcDns>>,
    /// The settings in force for the caller.
    pub caller_settings: Fact<EffectiveSettings>,
    /// The account default (principal: the account root), when the account id is known.
    pub default_settings: Option<(String, Fact<EffectiveSettings>)>,
    pub clusters: Vec<cluster::ClusterFacts>,
    pub task_definition: Option<Fact<TaskDefinition>>,
    pub service: Option<Service>,
    /// Target group ARN -> the target group (None: ELBv2 does not know it).
    pub target_groups: BTreeMap<String, Fact<Option<TargetGroup>>>,
}

/// Gathers the facts: independent calls run concurrently. Fails only on input AWS rejects
/// (an unknown cluster); everything else that cannot be fetched becomes an `error` finding.
pub async fn gather(aws: &Aws, plan: &Plan, service: Option<Service>) -> Result<Facts> {
    let want_network = !plan.subnets.is_empty();
    // A task definition AWS does not know is bad input; one that could not be read is an error
    // finding of the taskdef checks.
    let task_definition = match &plan.task_definition {
        Some(td) => match fetch::task_definition(aws, td).await {
            Ok(t) => Some(Ok(t)),
            Err(e) => Some(Err(fetch::fatal_or_unavailable(e)?)),
        },
        None => None,
    };
    let tg_arns: Vec<String> = service
        .iter()
        .flat_map(|s| s.load_balancers.iter().filter_map(|l| l.target_group_arn.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let tgs = futures_util::future::join_all(tg_arns.iter().map(|a| fetch::target_group(aws, a))).await;
    let names = if plan.all_clusters { fetch::cluster_names(aws).await? } else { plan.clusters.clone() };
    let (slr, caller, clusters, subnets, groups) = tokio::join!(
        fetch::service_linked_role(aws),
        fetch::effective_settings(aws, None),
        futures_util::future::join_all(names.iter().map(|n| cluster::gather(aws, n))),
        async {
            if want_network {
                Some(fetch::subnets(aws, &plan.subnets).await)
            } else {
                None
            }
        },
        async {
            if plan.security_groups.is_empty() {
                None
            } else {
                Some(fetch::security_groups(aws, &plan.security_groups).await)
            }
        },
    );
    let clusters: Vec<cluster::ClusterFacts> = clusters.into_iter().collect::<Result<_>>()?;
    // Every VPC in scope: the subnets' and the container instances'.
    let mut vpc_set: BTreeSet<String> = match &subnets {
        Some(Ok(s)) => s.iter().map(|s| s.vpc_id.clone()).collect(),
        _ => BTreeSet::new(),
    };
    for c in &clusters {
        if let Ok(ec2) = &c.ec2 {
            vpc_set.extend(ec2.values().filter_map(|e| e.vpc_id.clone()));
        }
    }
    let vpcs: Vec<String> = vpc_set.into_iter().collect();
    let (route_tables, dns) = tokio::join!(
        async {
            if vpcs.is_empty() {
                None
            } else {
                Some(fetch::route_tables(aws, &vpcs).await)
            }
        },
        futures_util::future::join_all(vpcs.iter().map(|v| fetch::vpc_dns(aws, v))),
    );
    // The account default is what the account root has in force.
    let account = clusters
        .iter()
        .filter_map(|c| c.instances.as_ref().ok()?.first().map(|ci| ci.arn.clone()))
        .chain(clusters.iter().filter_map(|c| c.role_settings.keys().next().cloned()))
        .find_map(|arn| {
            crate::ids::Arn::parse(&arn).filter(|a| !a.account.is_empty()).map(|a| (a.partition, a.account))
        });
    let default_settings = match account {
        Some((partition, account)) => {
            let root = format!("arn:{partition}:iam::{account}:root");
            let fact = fetch::effective_settings(aws, Some(&root)).await;
            Some((root, fact))
        }
        None => None,
    };
    Ok(Facts {
        service_linked_role: slr,
        subnets,
        security_groups: groups,
        route_tables,
        vpc_dns: vpcs.into_iter().zip(dns).collect(),
        caller_settings: caller,
        default_settings,
        clusters,
        task_definition,
        service,
        target_groups: tg_arns.into_iter().zip(tgs).collect(),
    })
}

/// How a subnet reaches the internet, from its route table's default route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Egress {
    /// 0.0.0.0/0 to an internet gateway: a public subnet.
    InternetGateway(String),
    /// 0.0.0.0/0 to a NAT gateway.
    Nat(String),
    /// 0.0.0.0/0 to something else (transit gateway, peering, an appliance).
    Other(String),
    /// No default route: only VPC endpoints reach AWS services.
    None,
}

/// The route table of a subnet: its explicit association, else the VPC's main table.
pub fn route_table_of<'a>(subnet: &Subnet, tables: &'a [RouteTable]) -> Option<&'a RouteTable> {
    tables
        .iter()
        .find(|t| t.subnet_ids.contains(&subnet.id))
        .or_else(|| tables.iter().find(|t| t.main && t.vpc_id == subnet.vpc_id))
}

/// How a subnet reaches the internet over IPv4.
pub fn egress_of(subnet: &Subnet, tables: &[RouteTable]) -> Egress {
    let table = route_table_of(subnet, tables);
    let Some(target) = table.and_then(|t| t.routes.iter().find(|(d, _)| d == "0.0.0.0/0")).map(|(_, t)| t.clone())
    else {
        return Egress::None;
    };
    if target.starts_with("igw-") {
        Egress::InternetGateway(target)
    } else if target.starts_with("nat-") {
        Egress::Nat(target)
    } else {
        Egress::Other(target)
    }
}

/// The target of the subnet's `::/0` route when it is an internet or egress-only gateway.
fn ipv6_egress(subnet: &Subnet, tables: &[RouteTable]) -> Option<String> {
    route_table_of(subnet, tables)?
        .routes
        .iter()
        .find(|(d, t)| d == "::/0" && (t.starts_with("igw-") || t.starts_with("eigw-")))
        .map(|(_, t)| t.clone())
}

fn finding(check: &'static str, status: Status, resource: &str, message: impl Into<String>) -> Finding {
    Finding { check, status, resource: resource.to_string(), message: message.into(), remediation: None }
}

fn fix(mut f: Finding, remediation: impl Into<String>) -> Finding {
    f.remediation = Some(remediation.into());
    f
}

/// Every selected check over the facts. Pure: no AWS here.
pub fn evaluate(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let mut out = Vec::new();
    account_checks(plan, facts, &mut out);
    network_checks(plan, facts, &mut out);
    vpc_checks(facts, &mut out);
    let subnets = facts.subnets.as_ref().and_then(|s| s.as_ref().ok()).map(Vec::as_slice);
    if facts.clusters.is_empty() {
        for (id, scope, _) in CHECKS {
            if matches!(*scope, "instance" | "capacity") {
                out.push(finding(id, Status::Skip, "-", "no --cluster given"));
            }
        }
    }
    for c in &facts.clusters {
        cluster::evaluate(plan, c, subnets, &mut out);
    }
    taskdef_checks(plan, facts, &mut out);
    service_checks(facts, subnets, &mut out);
    select(plan, out)
}

fn taskdef_checks(plan: &Plan, facts: &Facts, out: &mut Vec<Finding>) {
    let td = match &facts.task_definition {
        None => {
            out.push(finding("taskdef.network-mode", Status::Skip, "-", "no --task-definition or --service given"));
            out.push(finding("taskdef.compatibility", Status::Skip, "-", "no --task-definition or --service given"));
            return;
        }
        Some(Err(e)) => {
            let r = plan.task_definition.as_deref().unwrap_or("-");
            out.push(finding("taskdef.network-mode", Status::Error, r, e.0.clone()));
            out.push(finding("taskdef.compatibility", Status::Error, r, e.0.clone()));
            return;
        }
        Some(Ok(td)) => td,
    };
    let r = td.arn.as_str();
    out.push(if td.network_mode == "awsvpc" {
        finding("taskdef.network-mode", Status::Pass, r, "network mode awsvpc")
    } else {
        fix(
            finding(
                "taskdef.network-mode",
                Status::Fail,
                r,
                format!("network mode {}: its tasks get no ENI of their own (and Fargate refuses it)", td.network_mode),
            ),
            "register a new revision with \"networkMode\": \"awsvpc\"",
        )
    });
    let lt = plan.launch_type;
    // Without requiresCompatibilities a task definition is validated for EC2 only.
    let compat: Vec<&str> = if td.requires_compatibilities.is_empty() {
        vec!["EC2"]
    } else {
        td.requires_compatibilities.iter().map(String::as_str).collect()
    };
    // EXTERNAL tasks run on EC2-compatible task definitions.
    let compatible = compat.contains(&lt) || (lt == "EXTERNAL" && compat.contains(&"EC2"));
    out.push(if !compatible {
        fix(
            finding(
                "taskdef.compatibility",
                Status::Fail,
                r,
                format!("requiresCompatibilities is {} and does not include {lt}", compat.join(", ")),
            ),
            format!("register a new revision with \"requiresCompatibilities\": [\"{lt}\"]"),
        )
    } else if lt == "FARGATE" && (td.cpu.is_none() || td.memory.is_none()) {
        fix(
            finding("taskdef.compatibility", Status::Fail, r, "Fargate needs task-level cpu and memory"),
            "register a new revision with task-level \"cpu\" and \"memory\"",
        )
    } else {
        finding("taskdef.compatibility", Status::Pass, r, format!("compatible with {lt}"))
    });
}

fn service_checks(facts: &Facts, subnets: Option<&[Subnet]>, out: &mut Vec<Finding>) {
    let Some(svc) = &facts.service else {
        out.push(finding("service.network-configuration", Status::Skip, "-", "no --service given"));
        out.push(finding("service.load-balancers", Status::Skip, "-", "no --service given"));
        return;
    };
    let r = svc.arn.as_str();
    out.push(if svc.subnets.is_empty() {
        fix(
            finding(
                "service.network-configuration",
                Status::Fail,
                r,
                "the service has no awsvpcConfiguration: its tasks cannot get ENIs",
            ),
            "aws ecs update-service --network-configuration 'awsvpcConfiguration={subnets=[...],securityGroups=[...]}'",
        )
    } else {
        finding(
            "service.network-configuration",
            Status::Pass,
            r,
            format!(
                "subnets {}; security groups {}; assignPublicIp {}",
                svc.subnets.join(", "),
                if svc.security_groups.is_empty() {
                    "(VPC default)".to_string()
                } else {
                    svc.security_groups.join(", ")
                },
                if svc.assign_public_ip { "ENABLED" } else { "DISABLED" }
            ),
        )
    });
    if svc.load_balancers.is_empty() {
        out.push(finding("service.load-balancers", Status::Pass, r, "no load balancer"));
        return;
    }
    let vpcs: BTreeSet<&str> = subnets.unwrap_or(&[]).iter().map(|s| s.vpc_id.as_str()).collect();
    for lb in &svc.load_balancers {
        if let Some(name) = &lb.load_balancer_name {
            out.push(fix(
                finding(
                    "service.load-balancers",
                    Status::Fail,
                    name,
                    format!("Classic Load Balancer {name}: services in the awsvpc network mode support only ALB and NLB target groups"),
                ),
                "create an ALB or NLB target group with --target-type ip and recreate the service with it",
            ));
            continue;
        }
        let Some(arn) = &lb.target_group_arn else { continue };
        out.push(match facts.target_groups.get(arn) {
            None | Some(Ok(None)) => fix(
                finding("service.load-balancers", Status::Fail, arn, "the target group does not exist"),
                "create the target group (--target-type ip) or update the service",
            ),
            Some(Err(e)) => finding("service.load-balancers", Status::Error, arn, e.0.clone()),
            Some(Ok(Some(tg))) if tg.target_type != "ip" => fix(
                finding(
                    "service.load-balancers",
                    Status::Fail,
                    arn,
                    format!("target group {} has target type {}: awsvpc tasks register by IP address", tg.name, tg.target_type),
                ),
                format!(
                    "aws elbv2 create-target-group --name {}-ip --target-type ip --vpc-id {} ... and point the service at it",
                    tg.name,
                    tg.vpc_id.as_deref().unwrap_or("VPC")
                ),
            ),
            Some(Ok(Some(tg))) if !vpcs.is_empty() && tg.vpc_id.as_deref().is_some_and(|v| !vpcs.contains(v)) => fix(
                finding(
                    "service.load-balancers",
                    Status::Fail,
                    arn,
                    format!(
                        "target group {} is in {}, the tasks in {}",
                        tg.name,
                        tg.vpc_id.as_deref().unwrap_or("?"),
                        vpcs.iter().copied().collect::<Vec<_>>().join(", ")
                    ),
                ),
                "use a target group of the tasks' VPC",
            ),
            Some(Ok(Some(tg))) => finding("service.load-balancers", Status::Pass, arn, format!("target group {} (type ip)", tg.name)),
        });
    }
}

fn setting_check(
    out: &mut Vec<Finding>,
    id: &'static str,
    name: &str,
    required: bool,
    facts: &Facts,
    get: fn(&EffectiveSettings) -> bool,
) {
    let shown = |on: bool| if on { "enabled" } else { "disabled" };
    let caller = facts.caller_settings.as_ref().ok().map(get);
    let default = facts.default_settings.as_ref().and_then(|(_, f)| f.as_ref().ok()).map(get);
    let roles: BTreeMap<&str, &Fact<EffectiveSettings>> = if id == "account.awsvpc-trunking" {
        facts.clusters.iter().flat_map(|c| c.role_settings.iter().map(|(r, f)| (r.as_str(), f))).collect()
    } else {
        BTreeMap::new()
    };
    let enable = |principal: &str| {
        if principal.ends_with(":root") {
            format!("aws ecs put-account-setting-default --name {name} --value enabled")
        } else if principal == "caller" {
            format!("aws ecs put-account-setting --name {name} --value enabled")
        } else {
            format!("aws ecs put-account-setting --name {name} --value enabled --principal-arn {principal}")
        }
    };
    // Without instance roles, the caller's and the default's values are the ones judged.
    let judged_here = roles.is_empty();
    match &facts.caller_settings {
        Err(e) => out.push(finding(id, Status::Error, "caller", e.0.clone())),
        Ok(s) => {
            let on = get(s);
            out.push(if required && judged_here && !on {
                fix(
                    finding(
                        id,
                        Status::Fail,
                        "caller",
                        format!("{name} is disabled for the caller, and --require asks for it"),
                    ),
                    enable("caller"),
                )
            } else {
                finding(
                    id,
                    Status::Pass,
                    "caller",
                    format!("{name} is {} for the caller (the identity running awsvpc)", shown(on)),
                )
            });
        }
    }
    if let Some((root, f)) = &facts.default_settings {
        out.push(match f {
            Err(e) => finding(id, Status::Error, root, e.0.clone()),
            Ok(s) => finding(id, Status::Pass, root, format!("{name} is {} as the account default", shown(get(s)))),
        });
    }
    for (role, f) in roles {
        out.push(match f {
            Err(e) => finding(id, Status::Error, role, e.0.clone()),
            Ok(s) if get(s) => finding(
                id,
                Status::Pass,
                role,
                format!("{name} is enabled for the instance role: instances launched from now on get a trunk ENI"),
            ),
            Ok(_) if required => fix(
                finding(id, Status::Fail, role, format!("{name} is disabled for the instance role, the principal that matters")),
                format!("{}; then replace the instances", enable(role)),
            ),
            Ok(_) if caller == Some(true) || default == Some(true) => fix(
                finding(
                    id,
                    Status::Warn,
                    role,
                    format!(
                        "{name} is enabled for the {}, but disabled for this instance role, which is the principal that \
                         matters: its instances get no trunk ENI",
                        if caller == Some(true) { "caller" } else { "account default" }
                    ),
                ),
                format!("{}; then replace the instances", enable(role)),
            ),
            Ok(_) => finding(id, Status::Pass, role, format!("{name} is disabled for the instance role (not required)")),
        });
    }
}

fn account_checks(plan: &Plan, facts: &Facts, out: &mut Vec<Finding>) {
    setting_check(
        out,
        "account.awsvpc-trunking",
        "awsvpcTrunking",
        plan.require_trunking,
        facts,
        EffectiveSettings::trunking_enabled,
    );
    setting_check(
        out,
        "account.dual-stack-ipv6",
        "dualStackIPv6",
        plan.require_ipv6,
        facts,
        EffectiveSettings::ipv6_enabled,
    );
    out.push(match &facts.service_linked_role {
        Ok(true) => finding("account.service-linked-role", Status::Pass, "AWSServiceRoleForECS", "the role exists"),
        Ok(false) => fix(
            finding(
                "account.service-linked-role",
                Status::Fail,
                "AWSServiceRoleForECS",
                "the ECS service-linked role does not exist: ECS cannot create or attach task ENIs",
            ),
            "aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com",
        ),
        Err(e) => finding("account.service-linked-role", Status::Error, "AWSServiceRoleForECS", e.0.clone()),
    });
}

/// The network configuration and the VPCs in scope.
fn network_checks(plan: &Plan, facts: &Facts, out: &mut Vec<Finding>) {
    let no_subnets = "no --subnets given";
    if plan.subnets.is_empty() {
        for (id, scope, _) in CHECKS {
            if *scope == "network" {
                out.push(finding(id, Status::Skip, "-", no_subnets));
            }
        }
        return;
    }

    // Counts are judged on what was given, before anything is fetched.
    let n = plan.subnets.len();
    out.push(if n > 16 {
        fix(
            finding(
                "network.subnet-count",
                Status::Fail,
                "-",
                format!("{n} subnets given; awsvpcConfiguration takes 1 to 16"),
            ),
            "give at most 16 subnets",
        )
    } else {
        finding("network.subnet-count", Status::Pass, "-", format!("{n} subnet(s)"))
    });
    let g = plan.security_groups.len();
    out.push(if g > 5 {
        fix(
            finding(
                "network.security-group-count",
                Status::Fail,
                "-",
                format!("{g} security groups given; awsvpcConfiguration takes at most 5"),
            ),
            "give at most 5 security groups (combine their rules)",
        )
    } else if g == 0 {
        finding(
            "network.security-group-count",
            Status::Pass,
            "-",
            "none given: tasks get the VPC's default security group",
        )
    } else {
        finding("network.security-group-count", Status::Pass, "-", format!("{g} security group(s)"))
    });

    out.push(if plan.public_ip && plan.launch_type != "FARGATE" {
        fix(
            finding(
                "network.public-ip",
                Status::Fail,
                plan.launch_type,
                format!(
                    "assignPublicIp ENABLED is Fargate only; RunTask on {} fails with \"Assign public IP is not supported for this launch type\"",
                    plan.launch_type
                ),
            ),
            "use --assign-public-ip DISABLED and a private subnet with a NAT gateway",
        )
    } else {
        finding("network.public-ip", Status::Pass, plan.launch_type, format!("assignPublicIp {}", if plan.public_ip { "ENABLED" } else { "DISABLED" }))
    });

    let subnets = match &facts.subnets {
        None => return,
        Some(Err(e)) => {
            for id in ["network.exists", "network.single-vpc", "network.free-addresses", "network.internet-egress"] {
                out.push(finding(id, Status::Error, "-", e.0.clone()));
            }
            return;
        }
        Some(Ok(s)) => s,
    };
    let groups: Fact<&[SecurityGroup]> = match &facts.security_groups {
        None => Ok(&[]),
        Some(Ok(g)) => Ok(g.as_slice()),
        Some(Err(e)) => Err(e.clone()),
    };

    // Existence.
    let mut exists = Vec::new();
    for id in &plan.subnets {
        if !subnets.iter().any(|s| &s.id == id) {
            exists.push(fix(
                finding("network.exists", Status::Fail, id, "the subnet does not exist in this account and region"),
                "check the id and --region (`aws ec2 describe-subnets --subnet-ids ID`)",
            ));
        }
    }
    match &groups {
        Ok(found) => {
            for id in &plan.security_groups {
                if !found.iter().any(|g| &g.id == id) {
                    exists.push(fix(
                        finding(
                            "network.exists",
                            Status::Fail,
                            id,
                            "the security group does not exist in this account and region",
                        ),
                        "check the id and --region (`aws ec2 describe-security-groups --group-ids ID`)",
                    ));
                }
            }
        }
        Err(e) => exists.push(finding("network.exists", Status::Error, "-", e.0.clone())),
    }
    if exists.is_empty() {
        exists.push(finding("network.exists", Status::Pass, "-", "every subnet and security group exists"));
    }
    out.extend(exists);

    // One VPC.
    let mut vpcs: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for s in subnets {
        vpcs.entry(&s.vpc_id).or_default().push(&s.id);
    }
    if let Ok(found) = &groups {
        for g in found.iter() {
            vpcs.entry(&g.vpc_id).or_default().push(&g.id);
        }
    }
    out.push(match (vpcs.len(), &groups) {
        (_, Err(e)) => finding("network.single-vpc", Status::Error, "-", e.0.clone()),
        (0 | 1, _) => {
            finding("network.single-vpc", Status::Pass, vpcs.keys().next().copied().unwrap_or("-"), "all in one VPC")
        }
        _ => fix(
            finding(
                "network.single-vpc",
                Status::Fail,
                &vpcs.keys().copied().collect::<Vec<_>>().join(","),
                format!(
                    "subnets and security groups span {} VPCs: {}",
                    vpcs.len(),
                    vpcs.iter().map(|(v, ids)| format!("{v} ({})", ids.join(", "))).collect::<Vec<_>>().join("; ")
                ),
            ),
            "give subnets and security groups of one VPC",
        ),
    });

    // Free addresses.
    for s in subnets {
        out.push(if s.available_ips <= 0 {
            fix(
                finding(
                    "network.free-addresses",
                    Status::Fail,
                    &s.id,
                    format!(
                        "no free IP address in {} ({}): tasks stop with InsufficientFreeAddressesInSubnet",
                        s.id, s.cidr
                    ),
                ),
                "add subnets with free addresses, or release unused ENIs in this subnet",
            )
        } else if s.available_ips < FEW_FREE_ADDRESSES {
            finding(
                "network.free-addresses",
                Status::Warn,
                &s.id,
                format!("only {} free IP addresses in {} ({}): each task takes one", s.available_ips, s.id, s.cidr),
            )
        } else {
            finding(
                "network.free-addresses",
                Status::Pass,
                &s.id,
                format!("{} free IP addresses ({})", s.available_ips, s.cidr),
            )
        });
    }

    // Addresses for the planned tasks, over all subnets.
    if let Some(n) = plan.tasks {
        let total: i64 = subnets.iter().map(|s| s.available_ips).sum();
        if total < i64::from(n) {
            out.push(fix(
                finding(
                    "network.free-addresses",
                    Status::Fail,
                    "-",
                    format!("{n} task(s) need {n} addresses; the subnets have {total} free in all"),
                ),
                "add subnets with free addresses",
            ));
        }
    }

    // IPv6.
    for s in subnets {
        out.push(if !plan.require_ipv6 {
            finding("network.ipv6", Status::Skip, &s.id, "IPv6 not required (--require ipv6)")
        } else if s.ipv6_cidrs.is_empty() {
            fix(
                finding("network.ipv6", Status::Fail, &s.id, "the subnet has no IPv6 CIDR block: tasks get no IPv6 address"),
                format!("associate an IPv6 CIDR with the VPC and then the subnet (`aws ec2 associate-subnet-cidr-block --subnet-id {} --ipv6-cidr-block ...`)", s.id),
            )
        } else {
            match &facts.route_tables {
                None => finding("network.ipv6", Status::Skip, &s.id, "no route tables"),
                Some(Err(e)) => finding("network.ipv6", Status::Error, &s.id, e.0.clone()),
                Some(Ok(tables)) => match ipv6_egress(s, tables) {
                    Some(target) => finding("network.ipv6", Status::Pass, &s.id, format!("IPv6 {} with ::/0 -> {target}", s.ipv6_cidrs.join(", "))),
                    None => fix(
                        finding("network.ipv6", Status::Fail, &s.id, "no ::/0 route to an internet or egress-only internet gateway: no IPv6 egress"),
                        "add a ::/0 route to an egress-only internet gateway (private) or the internet gateway (public)",
                    ),
                },
            }
        });
    }

    // Internet egress.
    for s in subnets {
        out.push(match &facts.route_tables {
            None => finding("network.internet-egress", Status::Skip, &s.id, "no route tables"),
            Some(Err(e)) => finding("network.internet-egress", Status::Error, &s.id, e.0.clone()),
            Some(Ok(tables)) => egress_finding(plan, s, &egress_of(s, tables)),
        });
    }
}

/// The DNS attributes of every VPC in scope (the subnets' and the container instances').
fn vpc_checks(facts: &Facts, out: &mut Vec<Finding>) {
    // The VPCs of subnets that could not be read are unknown: their checks could not be evaluated.
    if let Some(Err(e)) = &facts.subnets {
        out.push(finding("vpc.dns-support", Status::Error, "-", e.0.clone()));
        out.push(finding("vpc.dns-hostnames", Status::Error, "-", e.0.clone()));
    }
    if facts.vpc_dns.is_empty() {
        if facts.subnets.as_ref().is_some_and(|s| s.is_err()) {
            return;
        }
        out.push(finding("vpc.dns-support", Status::Skip, "-", "no VPC in scope (give --subnets or --cluster)"));
        out.push(finding("vpc.dns-hostnames", Status::Skip, "-", "no VPC in scope (give --subnets or --cluster)"));
        return;
    }
    for (vpc, dns) in &facts.vpc_dns {
        match dns {
            Err(e) => {
                out.push(finding("vpc.dns-support", Status::Error, vpc, e.0.clone()));
                out.push(finding("vpc.dns-hostnames", Status::Error, vpc, e.0.clone()));
            }
            Ok(d) => {
                out.push(dns_flag(
                    "vpc.dns-support",
                    vpc,
                    "enableDnsSupport",
                    d.dns_support,
                    Status::Fail,
                    "tasks cannot resolve names (on Fargate: ResourceInitializationError)",
                ));
                out.push(dns_flag(
                    "vpc.dns-hostnames",
                    vpc,
                    "enableDnsHostnames",
                    d.dns_hostnames,
                    Status::Warn,
                    "tasks get random hostnames instead of their Amazon-provided DNS names",
                ));
            }
        }
    }
}

/// A VPC DNS attribute: pass when on; when off, `off` with the consequence and the exact fix.
fn dns_flag(id: &'static str, vpc: &str, attr: &str, on: bool, off: Status, consequence: &str) -> Finding {
    if on {
        return finding(id, Status::Pass, vpc, format!("{attr} is on"));
    }
    // enableDnsSupport -> --enable-dns-support
    let flag: String = attr
        .chars()
        .flat_map(|c| if c.is_ascii_uppercase() { vec!['-', c.to_ascii_lowercase()] } else { vec![c] })
        .collect();
    fix(
        finding(id, off, vpc, format!("{attr} is off: {consequence}")),
        format!("aws ec2 modify-vpc-attribute --vpc-id {vpc} --{flag} '{{\"Value\":true}}'"),
    )
}

fn egress_finding(plan: &Plan, s: &Subnet, egress: &Egress) -> Finding {
    let id = "network.internet-egress";
    let fargate = plan.launch_type == "FARGATE";
    match egress {
        Egress::InternetGateway(igw) if fargate && !plan.public_ip => fix(
            finding(
                id,
                Status::Fail,
                &s.id,
                format!("public subnet (0.0.0.0/0 -> {igw}) without a public IP: Fargate tasks cannot pull images"),
            ),
            "use --assign-public-ip ENABLED, or a private subnet whose 0.0.0.0/0 route goes to a NAT gateway",
        ),
        Egress::InternetGateway(igw) if fargate => {
            finding(id, Status::Pass, &s.id, format!("public subnet (0.0.0.0/0 -> {igw}) with a public IP"))
        }
        Egress::InternetGateway(igw) => fix(
            finding(
                id,
                Status::Warn,
                &s.id,
                format!("public subnet (0.0.0.0/0 -> {igw}): task ENIs on EC2 never get public IPs, so these tasks have no internet access"),
            ),
            "place EC2 tasks in private subnets whose 0.0.0.0/0 route goes to a NAT gateway (or use VPC endpoints)",
        ),
        Egress::Nat(nat) => finding(id, Status::Pass, &s.id, format!("private subnet with NAT (0.0.0.0/0 -> {nat})")),
        Egress::Other(t) => finding(id, Status::Pass, &s.id, format!("0.0.0.0/0 -> {t}")),
        Egress::None => fix(
            finding(
                id,
                Status::Warn,
                &s.id,
                "no 0.0.0.0/0 route: tasks reach AWS services only through VPC endpoints (ECR, S3, CloudWatch Logs)",
            ),
            "add a NAT gateway route, or VPC endpoints for com.amazonaws.REGION.ecr.api, ecr.dkr, s3 and logs",
        ),
    }
}

fn select(plan: &Plan, findings: Vec<Finding>) -> Vec<Finding> {
    findings.into_iter().filter(|f| plan.selected.contains(f.check)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subnet(id: &str) -> Subnet {
        Subnet { id: id.into(), vpc_id: "vpc-1".into(), ..Subnet::default() }
    }

    fn table(id: &str, main: bool, subnets: &[&str], target: &str) -> RouteTable {
        RouteTable {
            id: id.into(),
            vpc_id: "vpc-1".into(),
            main,
            subnet_ids: subnets.iter().map(|s| s.to_string()).collect(),
            routes: vec![("10.0.0.0/16".into(), "local".into()), ("0.0.0.0/0".into(), target.into())],
        }
    }

    #[test]
    fn dns_flag_fix_is_the_exact_command() {
        let f = dns_flag("vpc.dns-hostnames", "vpc-1", "enableDnsHostnames", false, Status::Warn, "x");
        assert_eq!(f.status, Status::Warn);
        assert_eq!(
            f.remediation.as_deref(),
            Some("aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-hostnames '{\"Value\":true}'")
        );
        assert_eq!(
            dns_flag("vpc.dns-support", "vpc-1", "enableDnsSupport", true, Status::Fail, "x").status,
            Status::Pass
        );
    }

    #[test]
    fn egress_uses_explicit_association_else_main_table() {
        let tables = vec![table("rtb-main", true, &[], "igw-1"), table("rtb-priv", false, &["subnet-a"], "nat-1")];
        assert_eq!(egress_of(&subnet("subnet-a"), &tables), Egress::Nat("nat-1".into()));
        assert_eq!(egress_of(&subnet("subnet-b"), &tables), Egress::InternetGateway("igw-1".into()));
        assert_eq!(egress_of(&subnet("subnet-b"), &[]), Egress::None);
    }

    #[test]
    fn unevaluated_facts_are_errors_never_passes_and_exit_3() {
        let plan = Plan {
            subnets: vec!["subnet-0123456789abcdef0".into()],
            launch_type: "FARGATE",
            selected: CHECKS.iter().map(|(id, _, _)| *id).collect(),
            public_ip_given: false,
            ..Plan::default()
        };
        let denied = crate::inventory::Unavailable("AccessDenied".into());
        let facts = Facts {
            service_linked_role: Err(denied.clone()),
            subnets: Some(Err(denied.clone())),
            security_groups: None,
            route_tables: None,
            vpc_dns: BTreeMap::new(),
            caller_settings: Err(denied.clone()),
            default_settings: None,
            clusters: vec![],
            task_definition: None,
            service: None,
            target_groups: BTreeMap::new(),
        };
        let findings = evaluate(&plan, &facts);
        for id in ["account.service-linked-role", "network.exists", "vpc.dns-support"] {
            let f = findings.iter().find(|f| f.check == id).unwrap();
            assert_eq!(f.status, Status::Error, "{id}");
        }
        assert_eq!(CheckReport::new("r", findings, vec![], false).exit_code(), exit::AWS_UNAVAILABLE);
    }
}

#[derive(Debug, Serialize, Default, PartialEq, Eq, Clone)]
pub struct Summary {
    pub pass: usize,
    pub warn: usize,
    pub fail: usize,
    pub skip: usize,
    pub error: usize,
}

#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub region: String,
    pub summary: Summary,
    pub findings: Vec<Finding>,
    /// The ENI capacity of each cluster checked: per instance, per AZ, in total.
    pub capacity: Vec<ClusterCapacity>,
    #[serde(skip)]
    pub strict: bool,
}

impl CheckReport {
    pub fn new(region: &str, findings: Vec<Finding>, capacity: Vec<ClusterCapacity>, strict: bool) -> Self {
        let mut summary = Summary::default();
        for f in &findings {
            match f.status {
                Status::Pass => summary.pass += 1,
                Status::Warn => summary.warn += 1,
                Status::Fail => summary.fail += 1,
                Status::Skip => summary.skip += 1,
                Status::Error => summary.error += 1,
            }
        }
        CheckReport { region: region.to_string(), summary, findings, capacity, strict }
    }

    /// 1 when something failed (or warned, with --strict); else 3 when something could not be
    /// evaluated; else 0.
    fn clone_report(&self) -> CheckReport {
        CheckReport {
            region: self.region.clone(),
            summary: self.summary.clone(),
            findings: self.findings.clone(),
            capacity: self.capacity.clone(),
            strict: self.strict,
        }
    }

    pub fn exit_code(&self) -> i32 {
        if self.summary.fail > 0 || (self.strict && self.summary.warn > 0) {
            exit::FOUND_PROBLEM
        } else if self.summary.error > 0 {
            exit::AWS_UNAVAILABLE
        } else {
            exit::OK
        }
    }
}

/// `check --fix`: before, the plan and its results, after.
#[derive(Debug, Serialize)]
pub struct FixReport {
    pub before: Summary,
    pub fixes: Vec<fix::FixAction>,
    pub after: CheckReport,
}

impl FixReport {
    pub fn exit_code(&self) -> i32 {
        self.after.exit_code()
    }
}

impl Render for FixReport {
    fn table(&self, mode: &Mode) -> String {
        let mut out = String::new();
        if self.fixes.is_empty() {
            out.push_str("nothing to fix: no failing or warning finding has a safe fix\n\n");
        } else {
            let mut t = new_table(mode, &["CHECK", "RESOURCE", "CALL", "RESULT"]);
            for f in &self.fixes {
                let result = f.result.clone().unwrap_or_else(|| "not run".into());
                let color = if result == "applied" { Some(Color::Green) } else { Some(Color::Red) };
                t.add_row(vec![
                    Cell::new(f.check),
                    Cell::new(short_resource(&f.resource)),
                    Cell::new(&f.call),
                    status_cell(mode, &result, color),
                ]);
            }
            out.push_str(&format!("{t}\n"));
        }
        let b = &self.before;
        out.push_str(&format!("before: {} failed, {} warning(s); after:\n", b.fail, b.warn));
        out.push_str(&self.after.table(mode));
        out
    }

    fn text_columns(&self) -> &'static [&'static str] {
        self.after.text_columns()
    }

    fn text_rows(&self) -> Vec<Vec<String>> {
        self.after.text_rows()
    }

    fn junit(&self) -> Option<String> {
        self.after.junit()
    }
}

/// Runs the checks, applies the safe fixes (after the plan is shown and confirmed), runs the
/// checks again.
pub async fn run_fix(aws: &Aws, plan: &Plan, mode: &Mode) -> Result<FixReport> {
    let before = run(aws, plan).await?;
    let mut fixes = fix::plan(&before.findings, plan.principal_arn.as_deref());
    if !fixes.is_empty() {
        eprintln!("awsvpc check --fix will make these {} change(s) in AWS:", fixes.len());
        for f in &fixes {
            eprintln!("  {}", f.call);
        }
        if !plan.yes && !crate::output::confirm("Apply these changes?")? {
            return Err(Failure::usage("nothing was changed (not confirmed)").into());
        }
        fix::apply(aws, &mut fixes).await;
        if !mode.quiet {
            for f in &fixes {
                eprintln!("  {}: {}", f.call, f.result.as_deref().unwrap_or("not run"));
            }
        }
    }
    let after = if fixes.is_empty() { before.clone_report() } else { run(aws, plan).await? };
    Ok(FixReport { before: before.summary, fixes, after })
}

pub async fn run(aws: &Aws, plan: &Plan) -> Result<CheckReport> {
    let service = match &plan.service {
        Some(name) => Some(fetch::service(aws, &plan.clusters[0], name).await?),
        None => None,
    };
    let merged;
    let plan = match &service {
        Some(svc) => {
            merged = plan.with_service(svc);
            &merged
        }
        None => plan,
    };
    let facts = gather(aws, plan, service).await?;
    let capacity = facts.clusters.iter().filter_map(|c| c.capacity()).collect();
    Ok(CheckReport::new(&aws.region, evaluate(plan, &facts), capacity, plan.strict))
}

/// A resource as the table shows it: ECS ARNs by their id, other ARNs by their resource part.
/// JSON and text keep the whole ARN.
fn short_resource(r: &str) -> &str {
    match crate::ids::Arn::parse(r) {
        Some(_) => {
            let resource = r.splitn(6, ':').nth(5).unwrap_or(r);
            if resource.starts_with("container-instance/") || resource.starts_with("task/") {
                resource.rsplit('/').next().unwrap_or(resource)
            } else {
                resource
            }
        }
        None => r,
    }
}

fn scope_of(check: &str) -> &'static str {
    CHECKS.iter().find(|(c, _, _)| *c == check).map(|(_, s, _)| *s).unwrap_or("other")
}

impl Render for CheckReport {
    fn table(&self, mode: &Mode) -> String {
        let mut t = new_table(mode, &["", "SCOPE", "CHECK", "RESOURCE", "FINDING"]);
        let mut rows: Vec<&Finding> = self.findings.iter().collect();
        rows.sort_by_key(|f| (CHECKS.iter().position(|(_, s, _)| *s == scope_of(f.check)), scope_of(f.check)));
        for f in rows {
            let mut text = f.message.clone();
            if let (Some(r), Status::Fail | Status::Warn) = (&f.remediation, f.status) {
                text.push_str(&format!("\nfix: {r}"));
            }
            t.add_row(vec![
                status_cell(mode, &format!("{} {}", f.status.symbol(), f.status.word()), f.status.color()),
                Cell::new(scope_of(f.check)),
                Cell::new(f.check),
                Cell::new(short_resource(&f.resource)),
                Cell::new(text),
            ]);
        }
        let s = &self.summary;
        format!(
            "{t}\n{} passed, {} warning(s), {} failed, {} skipped, {} could not be evaluated\n",
            s.pass, s.warn, s.fail, s.skip, s.error
        )
    }

    fn text_columns(&self) -> &'static [&'static str] {
        &["check", "status", "resource", "message", "remediation"]
    }

    /// One test suite per scope, one test case per finding: `fail` (and `warn` with --strict) are
    /// failures, `error` is an error, `skip` is skipped.
    fn junit(&self) -> Option<String> {
        use crate::output::xml_escape as x;
        let mut scopes: Vec<&str> = Vec::new();
        for (_, scope, _) in CHECKS {
            if !scopes.contains(scope) {
                scopes.push(scope);
            }
        }
        let s = &self.summary;
        let failures = s.fail + if self.strict { s.warn } else { 0 };
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(&format!(
            "<testsuites name=\"awsvpc check\" tests=\"{}\" failures=\"{failures}\" errors=\"{}\" skipped=\"{}\">\n",
            self.findings.len(),
            s.error,
            s.skip
        ));
        for scope in scopes {
            let cases: Vec<&Finding> = self.findings.iter().filter(|f| scope_of(f.check) == scope).collect();
            if cases.is_empty() {
                continue;
            }
            let count = |st: Status| cases.iter().filter(|f| f.status == st).count();
            out.push_str(&format!(
                "  <testsuite name=\"{scope}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n",
                cases.len(),
                count(Status::Fail) + if self.strict { count(Status::Warn) } else { 0 },
                count(Status::Error),
                count(Status::Skip)
            ));
            for f in cases {
                let body = match (&f.remediation, f.status) {
                    (Some(r), _) => format!("{}\nfix: {}", f.message, r),
                    (None, _) => f.message.clone(),
                };
                out.push_str(&format!(
                    "    <testcase classname=\"{}\" name=\"{} {}\">",
                    x(f.check),
                    x(f.check),
                    x(&f.resource)
                ));
                match f.status {
                    Status::Fail => {
                        out.push_str(&format!("<failure message=\"{}\">{}</failure>", x(&f.message), x(&body)))
                    }
                    Status::Warn if self.strict => out.push_str(&format!(
                        "<failure message=\"{}\" type=\"warning\">{}</failure>",
                        x(&f.message),
                        x(&body)
                    )),
                    Status::Warn => out.push_str(&format!("<system-out>warning: {}</system-out>", x(&body))),
                    Status::Error => {
                        out.push_str(&format!("<error message=\"{}\">{}</error>", x(&f.message), x(&body)))
                    }
                    Status::Skip => out.push_str(&format!("<skipped message=\"{}\"/>", x(&f.message))),
                    Status::Pass => {}
                }
                out.push_str("</testcase>\n");
            }
            out.push_str("  </testsuite>\n");
        }
        out.push_str("</testsuites>\n");
        Some(out)
    }

    fn text_rows(&self) -> Vec<Vec<String>> {
        self.findings
            .iter()
            .map(|f| {
                vec![
                    f.check.to_string(),
                    f.status.word().to_string(),
                    f.resource.clone(),
                    f.message.clone(),
                    f.remediation.clone().unwrap_or_default(),
                ]
            })
            .collect()
    }
}

/// `check --list`: every check id, its scope and one line.
#[derive(Debug, Serialize)]
pub struct CheckList {
    pub checks: Vec<CheckInfo>,
}

#[derive(Debug, Serialize)]
pub struct CheckInfo {
    pub id: &'static str,
    pub scope: &'static str,
    pub summary: &'static str,
}

pub fn list() -> CheckList {
    CheckList { checks: CHECKS.iter().map(|(id, scope, summary)| CheckInfo { id, scope, summary }).collect() }
}

impl Render for CheckList {
    fn table(&self, mode: &Mode) -> String {
        let mut t = new_table(mode, &["CHECK", "SCOPE", "WHAT IT CHECKS"]);
        for c in &self.checks {
            t.add_row(vec![c.id, c.scope, c.summary]);
        }
        format!("{t}\n")
    }

    fn text_columns(&self) -> &'static [&'static str] {
        &["check", "scope", "summary"]
    }

    fn text_rows(&self) -> Vec<Vec<String>> {
        self.checks.iter().map(|c| vec![c.id.into(), c.scope.into(), c.summary.into()]).collect()
    }
}
