//! Network scope: the network configuration given (`--subnets`, `--security-groups`,
//! `--launch-type`, `--assign-public-ip`, or a service's), and, on EC2, where the cluster's
//! instances stand relative to its subnets.

use std::collections::BTreeMap;

use super::{CheckId, FEW_FREE_ADDRESSES, Finding, Plan, Status};
use crate::inventory::{Facts, Subnet};
use crate::rules::routes::{Egress, egress_of, ipv6_egress};

use crate::rules::limits::{MAX_SECURITY_GROUPS, MAX_SUBNETS};

pub(super) fn no_subnets(id: CheckId, plan: &Plan) -> Option<Vec<Finding>> {
    plan.subnets.is_empty().then(|| vec![id.finding(Status::Skip, "-", "no --subnets given")])
}

/// The subnets as read, or the findings that stand in for them.
fn read_subnets<'a>(id: CheckId, plan: &Plan, facts: &'a Facts) -> Result<&'a [Subnet], Vec<Finding>> {
    if let Some(skip) = no_subnets(id, plan) {
        return Err(skip);
    }
    match &facts.subnets {
        None => Err(vec![]),
        Some(Err(e)) => Err(vec![id.finding(Status::Error, "-", e.message.clone())]),
        Some(Ok(s)) => Ok(s),
    }
}

pub fn subnet_count(plan: &Plan, _: &Facts) -> Vec<Finding> {
    let id = CheckId::SubnetCount;
    if let Some(skip) = no_subnets(id, plan) {
        return skip;
    }
    let n = plan.subnets.len();
    vec![if n > MAX_SUBNETS {
        id.finding(Status::Fail, "-", format!("{n} subnets given; awsvpcConfiguration takes 1 to {MAX_SUBNETS}"))
            .with_fix(format!("give at most {MAX_SUBNETS} subnets"))
    } else {
        id.finding(Status::Pass, "-", format!("{n} subnet(s)"))
    }]
}

pub fn security_group_count(plan: &Plan, _: &Facts) -> Vec<Finding> {
    let id = CheckId::SecurityGroupCount;
    if let Some(skip) = no_subnets(id, plan) {
        return skip;
    }
    let g = plan.security_groups.len();
    vec![if g > MAX_SECURITY_GROUPS {
        id.finding(
            Status::Fail,
            "-",
            format!("{g} security groups given; awsvpcConfiguration takes at most {MAX_SECURITY_GROUPS}"),
        )
        .with_fix(format!("give at most {MAX_SECURITY_GROUPS} security groups (combine their rules)"))
    } else if g == 0 {
        id.finding(Status::Pass, "-", "none given: tasks get the VPC's default security group")
    } else {
        id.finding(Status::Pass, "-", format!("{g} security group(s)"))
    }]
}

pub fn public_ip(plan: &Plan, _: &Facts) -> Vec<Finding> {
    let id = CheckId::PublicIp;
    if let Some(skip) = no_subnets(id, plan) {
        return skip;
    }
    let lt = plan.launch_type;
    vec![if plan.public_ip && lt != "FARGATE" {
        id.finding(
            Status::Fail,
            lt,
            format!(
                "assignPublicIp ENABLED is Fargate only; RunTask on {lt} fails with \"Assign public IP is not supported \
                 for this launch type\""
            ),
        )
        .with_fix("use --assign-public-ip DISABLED and a private subnet with a NAT gateway")
    } else {
        id.finding(Status::Pass, lt, format!("assignPublicIp {}", if plan.public_ip { "ENABLED" } else { "DISABLED" }))
    }]
}

pub fn launch_type(plan: &Plan, _: &Facts) -> Vec<Finding> {
    let id = CheckId::LaunchType;
    let lt = plan.launch_type;
    vec![if lt == "EXTERNAL" {
        id.finding(
            Status::Fail,
            lt,
            "the awsvpc network mode is not supported on external instances (ECS Anywhere: bridge, host and none only)",
        )
        .with_fix("run awsvpc tasks on EC2 or Fargate, or use the bridge or host network mode on external instances")
    } else {
        let why = plan.target.as_ref().map(|t| format!(" ({})", t.why)).unwrap_or_default();
        id.finding(Status::Pass, lt, format!("{lt} supports the awsvpc network mode{why}"))
    }]
}

pub fn exists(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::Exists;
    let subnets = match read_subnets(id, plan, facts) {
        Ok(s) => s,
        Err(f) => return f,
    };
    let mut out = Vec::new();
    for s in plan.subnets.iter().filter(|g| !subnets.iter().any(|s| &s.id == *g)) {
        out.push(
            id.finding(Status::Fail, s, "the subnet does not exist in this account and region")
                .with_fix("check the id and --region (`aws ec2 describe-subnets --subnet-ids ID`)"),
        );
    }
    match &facts.security_groups {
        Some(Err(e)) => out.push(id.finding(Status::Error, "-", e.message.clone())),
        found => {
            let found = found.as_ref().and_then(|f| f.as_ref().ok()).map(Vec::as_slice).unwrap_or(&[]);
            for g in plan.security_groups.iter().filter(|g| !found.iter().any(|x| &x.id == *g)) {
                out.push(
                    id.finding(Status::Fail, g, "the security group does not exist in this account and region")
                        .with_fix("check the id and --region (`aws ec2 describe-security-groups --group-ids ID`)"),
                );
            }
        }
    }
    if out.is_empty() {
        out.push(id.finding(Status::Pass, "-", "every subnet and security group exists"));
    }
    out
}

pub fn single_vpc(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::SingleVpc;
    let subnets = match read_subnets(id, plan, facts) {
        Ok(s) => s,
        Err(f) => return f,
    };
    let mut vpcs: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for s in subnets {
        vpcs.entry(&s.vpc_id).or_default().push(&s.id);
    }
    match &facts.security_groups {
        Some(Err(e)) => return vec![id.finding(Status::Error, "-", e.message.clone())],
        Some(Ok(groups)) => {
            for g in groups {
                vpcs.entry(&g.vpc_id).or_default().push(&g.id);
            }
        }
        None => {}
    }
    if vpcs.len() <= 1 {
        return vec![id.finding(Status::Pass, vpcs.keys().next().copied().unwrap_or("-"), "all in one VPC")];
    }
    let spans: Vec<String> = vpcs.iter().map(|(v, ids)| format!("{v} ({})", ids.join(", "))).collect();
    vec![
        id.finding(
            Status::Fail,
            &vpcs.keys().copied().collect::<Vec<_>>().join(","),
            format!("subnets and security groups span {} VPCs: {}", vpcs.len(), spans.join("; ")),
        )
        .with_fix("give subnets and security groups of one VPC"),
    ]
}

pub fn free_addresses(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::FreeAddresses;
    let subnets = match read_subnets(id, plan, facts) {
        Ok(s) => s,
        Err(f) => return f,
    };
    let mut out: Vec<Finding> = subnets.iter().map(subnet_addresses).collect();
    // Addresses for the planned tasks, over the subnets that count IPv4 addresses (an IPv6-only
    // subnet has no such count: its /64 does not run out).
    if let Some(n) = plan.tasks.filter(|_| subnets.iter().all(|s| !s.ipv6_native)) {
        let total: i64 = subnets.iter().map(|s| s.available_ips).sum();
        if total < i64::from(n) {
            out.push(
                id.finding(
                    Status::Fail,
                    "-",
                    format!("{n} task(s) need {n} addresses; the subnets have {total} free in all"),
                )
                .with_fix("add subnets with free addresses"),
            );
        }
    }
    out
}

/// `AvailableIpAddressCount` counts unused private IPv4 addresses only (EC2 API Reference,
/// Subnet): an IPv6-only subnet (`Ipv6Native`) has none and is never failed for it.
fn subnet_addresses(s: &Subnet) -> Finding {
    let id = CheckId::FreeAddresses;
    if s.ipv6_native {
        let block = if s.ipv6_cidrs.is_empty() { "no IPv6 block".to_string() } else { s.ipv6_cidrs.join(", ") };
        id.finding(Status::Pass, &s.id, format!("IPv6-only subnet ({block}): tasks take IPv6 addresses, no IPv4 count"))
    } else if s.available_ips <= 0 {
        id.finding(
            Status::Fail,
            &s.id,
            format!("no free IP address in {} ({}): tasks stop with InsufficientFreeAddressesInSubnet", s.id, s.cidr),
        )
        .with_fix("add subnets with free addresses, or release unused ENIs in this subnet")
    } else if s.available_ips < FEW_FREE_ADDRESSES {
        id.finding(
            Status::Warn,
            &s.id,
            format!("only {} free IP addresses in {} ({}): each task takes one", s.available_ips, s.id, s.cidr),
        )
    } else {
        id.finding(Status::Pass, &s.id, format!("{} free IP addresses ({})", s.available_ips, s.cidr))
    }
}

pub fn ipv6(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::Ipv6;
    let subnets = match read_subnets(id, plan, facts) {
        Ok(s) => s,
        Err(f) => return f,
    };
    subnets
        .iter()
        .map(|s| {
            let no_assign = !s.ipv6_cidrs.is_empty() && !s.assign_ipv6_on_creation && !s.ipv6_native;
            if !plan.require_ipv6 && no_assign {
                return assign_ipv6_finding(s, Status::Skip, "(IPv6 not required: --require ipv6 judges it)");
            }
            if !plan.require_ipv6 {
                return id.finding(Status::Skip, &s.id, "IPv6 not required (--require ipv6)");
            }
            if s.ipv6_cidrs.is_empty() {
                return id
                    .finding(Status::Fail, &s.id, "the subnet has no IPv6 CIDR block: tasks get no IPv6 address")
                    .with_fix(format!(
                        "associate an IPv6 CIDR with the VPC and then the subnet (`aws ec2 associate-subnet-cidr-block \
                         --subnet-id {} --ipv6-cidr-block ...`)",
                        s.id
                    ));
            }
            if no_assign {
                return assign_ipv6_finding(s, Status::Fail, "");
            }
            match &facts.route_tables {
                None => id.finding(Status::Skip, &s.id, "no route tables"),
                Some(Err(e)) => id.finding(Status::Error, &s.id, e.message.clone()),
                Some(Ok(tables)) => match ipv6_egress(s, tables) {
                    Some(target) => id.finding(
                        Status::Pass,
                        &s.id,
                        format!("IPv6 {} with ::/0 -> {target}", s.ipv6_cidrs.join(", ")),
                    ),
                    // Only IPv6 internet access needs the route (ECS Developer Guide, awsvpc: IPv6).
                    None => id
                        .finding(
                            Status::Warn,
                            &s.id,
                            "no ::/0 route to an internet or egress-only internet gateway: tasks get IPv6 addresses but \
                             no IPv6 internet access",
                        )
                        .with_fix(
                            "add a ::/0 route to an egress-only internet gateway (private) or the internet gateway (public)",
                        ),
                },
            }
        })
        .collect()
}

/// Tasks get an IPv6 address when their subnet gives new network interfaces one (ECS guide,
/// awsvpc network mode: "Modify the IPv6 addressing attribute for your subnet"; EC2 API
/// Reference, Subnet.AssignIpv6AddressOnCreation).
fn assign_ipv6_finding(s: &Subnet, status: Status, note: &str) -> Finding {
    let mut message = format!(
        "the subnet has IPv6 {} but does not assign IPv6 addresses to new network interfaces (AssignIpv6AddressOnCreation false): tasks get no IPv6 address",
        s.ipv6_cidrs.join(", ")
    );
    if !note.is_empty() {
        message.push(' ');
        message.push_str(note);
    }
    CheckId::Ipv6
        .finding(status, &s.id, message)
        .with_fix(format!("aws ec2 modify-subnet-attribute --subnet-id {} --assign-ipv6-address-on-creation", s.id))
}

pub fn internet_egress(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::InternetEgress;
    let subnets = match read_subnets(id, plan, facts) {
        Ok(s) => s,
        Err(f) => return f,
    };
    subnets
        .iter()
        .map(|s| match &facts.route_tables {
            None => id.finding(Status::Skip, &s.id, "no route tables"),
            Some(Err(e)) => id.finding(Status::Error, &s.id, e.message.clone()),
            Some(Ok(tables)) if s.ipv6_native => ipv6_only_egress(s, tables),
            Some(Ok(tables)) => egress_finding(plan, s, &egress_of(s, tables), matches!(facts.pull_path, Some(Ok(_)))),
        })
        .collect()
}

/// An IPv6-only subnet reaches the internet over its `::/0` route (an internet or egress-only
/// internet gateway: Amazon VPC User Guide, IPv6-only subnets); it has no IPv4 route to judge.
fn ipv6_only_egress(s: &Subnet, tables: &[crate::inventory::RouteTable]) -> Finding {
    let id = CheckId::InternetEgress;
    match ipv6_egress(s, tables) {
        Some(target) => id.finding(Status::Pass, &s.id, format!("IPv6-only subnet with ::/0 -> {target}")),
        None => id
            .finding(
                Status::Warn,
                &s.id,
                "IPv6-only subnet without a ::/0 route to an internet or egress-only gateway: tasks reach AWS services only through VPC endpoints",
            )
            .with_fix(format!(
                "aws ec2 create-route --route-table-id {} --destination-ipv6-cidr-block ::/0 --egress-only-internet-gateway-id EIGW_ID",
                crate::rules::routes::route_table_of(s, tables).map_or("RTB_ID", |t| t.id.as_str())
            )),
    }
}

/// `path_judged`: the pull path was read (a task definition): whether VPC endpoints serve the
/// pull is network.pull-path's to say, so a public subnet without a public IP is then only the
/// task's own missing internet access (a warning), never a failed pull (ECS Developer Guide,
/// "Verifying Amazon ECS stopped task connectivity": endpoints or a public IP).
fn egress_finding(plan: &Plan, s: &Subnet, egress: &Egress, path_judged: bool) -> Finding {
    let id = CheckId::InternetEgress;
    let fargate = plan.launch_type == "FARGATE";
    match egress {
        Egress::InternetGateway(igw) if fargate && !plan.public_ip && path_judged => id
            .finding(
                Status::Warn,
                &s.id,
                format!(
                    "public subnet (0.0.0.0/0 -> {igw}) without a public IP: the tasks have no internet access; \
                     whether VPC endpoints serve the pull is network.pull-path's finding"
                ),
            )
            .with_fix("use --assign-public-ip ENABLED if the tasks need the internet"),
        Egress::InternetGateway(igw) if fargate && !plan.public_ip => {
            id.finding(
                Status::Fail,
                &s.id,
                format!(
                    "public subnet (0.0.0.0/0 -> {igw}) without a public IP: Fargate tasks cannot pull images \
                     (unless VPC endpoints serve the pull: --task-definition judges them)"
                ),
            )
            .with_fix("use --assign-public-ip ENABLED, or a private subnet whose 0.0.0.0/0 route goes to a NAT gateway")
        }
        Egress::InternetGateway(igw) if fargate => {
            id.finding(Status::Pass, &s.id, format!("public subnet (0.0.0.0/0 -> {igw}) with a public IP"))
        }
        Egress::InternetGateway(igw) => id
            .finding(
                Status::Warn,
                &s.id,
                format!(
                    "public subnet (0.0.0.0/0 -> {igw}): task ENIs on EC2 never get public IPs, so these tasks have no \
                     internet access"
                ),
            )
            .with_fix(
                "place EC2 tasks in private subnets whose 0.0.0.0/0 route goes to a NAT gateway (or use VPC endpoints)",
            ),
        Egress::Nat(nat) => id.finding(Status::Pass, &s.id, format!("private subnet with NAT (0.0.0.0/0 -> {nat})")),
        Egress::Other(t) => id.finding(Status::Pass, &s.id, format!("0.0.0.0/0 -> {t}")),
        Egress::None => id
            .finding(
                Status::Warn,
                &s.id,
                "no 0.0.0.0/0 route: tasks reach AWS services only through VPC endpoints (ECR, S3, CloudWatch Logs)",
            )
            .with_fix(
                "add a NAT gateway route, or VPC endpoints for com.amazonaws.REGION.ecr.api, ecr.dkr, s3 and logs",
            ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, statuses};
    use super::*;

    fn plan(subnets: &[&str]) -> Plan {
        Plan { subnets: subnets.iter().map(|s| s.to_string()).collect(), ..Plan::default() }
    }

    #[test]
    fn counts_follow_aws_limits() {
        let many: Vec<String> = (0..17).map(|i| format!("subnet-{i}")).collect();
        let p = Plan { subnets: many, ..Plan::default() };
        assert_eq!(subnet_count(&p, &Facts::default())[0].status, Status::Fail);
        assert_eq!(subnet_count(&plan(&["subnet-a"]), &Facts::default())[0].status, Status::Pass);
        assert_eq!(subnet_count(&Plan::default(), &Facts::default())[0].status, Status::Skip);
        let p = Plan { security_groups: (0..6).map(|i| format!("sg-{i}")).collect(), ..plan(&["subnet-a"]) };
        assert_eq!(security_group_count(&p, &Facts::default())[0].status, Status::Fail);
    }

    #[test]
    fn awsvpc_is_not_for_external_instances() {
        let p = Plan { launch_type: "EXTERNAL", ..Plan::default() };
        assert_eq!(launch_type(&p, &Facts::default())[0].status, Status::Fail);
        assert_eq!(launch_type(&Plan::default(), &Facts::default())[0].status, Status::Pass);
    }

    #[test]
    fn public_ip_only_on_fargate() {
        let p = Plan { public_ip: true, ..plan(&["subnet-a"]) };
        assert_eq!(public_ip(&p, &Facts::default())[0].status, Status::Fail);
        let p = Plan { launch_type: "FARGATE", ..p };
        assert_eq!(public_ip(&p, &Facts::default())[0].status, Status::Pass);
    }

    #[test]
    fn missing_subnet_fails_and_unreadable_is_error() {
        let facts = testing::populated();
        let f = exists(&plan(&["subnet-a", "subnet-gone"]), &facts);
        assert_eq!(statuses(&f), vec![("fail", "subnet-gone".to_string())]);
        assert_eq!(exists(&plan(&["subnet-a"]), &testing::unreadable())[0].status, Status::Error);
    }

    #[test]
    fn single_vpc_pass_fail_skip() {
        let mut facts = testing::populated();
        assert_eq!(statuses(&single_vpc(&plan(&["subnet-a"]), &facts)), vec![("pass", "vpc-1".to_string())]);
        let group = crate::inventory::SecurityGroup { id: "sg-1".into(), name: "x".into(), vpc_id: "vpc-2".into() };
        facts.security_groups = Some(Ok(vec![group]));
        let p = Plan { security_groups: vec!["sg-1".into()], ..plan(&["subnet-a"]) };
        assert_eq!(statuses(&single_vpc(&p, &facts)), vec![("fail", "vpc-1,vpc-2".to_string())]);
        assert_eq!(single_vpc(&Plan::default(), &facts)[0].status, Status::Skip);
    }

    #[test]
    fn free_addresses_thresholds_and_task_count() {
        let mut facts = testing::populated();
        let mut low = testing::subnet("subnet-b", "us-east-1b");
        low.available_ips = 3;
        let mut none = testing::subnet("subnet-c", "us-east-1c");
        none.available_ips = 0;
        facts.subnets = Some(Ok(vec![testing::subnet("subnet-a", "us-east-1a"), low, none]));
        let p = Plan { tasks: Some(500), ..plan(&["subnet-a", "subnet-b", "subnet-c"]) };
        let f = free_addresses(&p, &facts);
        assert_eq!(
            statuses(&f),
            vec![
                ("pass", "subnet-a".to_string()),
                ("warn", "subnet-b".to_string()),
                ("fail", "subnet-c".to_string()),
                ("fail", "-".to_string())
            ]
        );
    }

    #[test]
    fn egress_public_subnet_warns_on_ec2_and_fails_fargate_without_ip() {
        let mut facts = testing::populated();
        facts.route_tables = Some(Ok(vec![testing::route_table(&[], "igw-1")]));
        assert_eq!(internet_egress(&plan(&["subnet-a"]), &facts)[0].status, Status::Warn);
        let p = Plan { launch_type: "FARGATE", ..plan(&["subnet-a"]) };
        assert_eq!(internet_egress(&p, &facts)[0].status, Status::Fail);
        let p = Plan { public_ip: true, ..p };
        assert_eq!(internet_egress(&p, &facts)[0].status, Status::Pass);
    }

    #[test]
    fn ipv6_needs_cidr_and_route_when_required() {
        let facts = testing::populated();
        assert_eq!(ipv6(&plan(&["subnet-a"]), &facts)[0].status, Status::Skip);
        let p = Plan { require_ipv6: true, ..plan(&["subnet-a"]) };
        assert_eq!(ipv6(&p, &facts)[0].status, Status::Fail, "no IPv6 CIDR");
        let mut facts = facts;
        let mut v6 = testing::subnet("subnet-a", "us-east-1a");
        v6.ipv6_cidrs = vec!["2600:1f18::/64".into()];
        facts.subnets = Some(Ok(vec![v6.clone()]));
        let f = &ipv6(&p, &facts)[0];
        assert_eq!(f.status, Status::Fail, "AssignIpv6AddressOnCreation false: no IPv6 address for tasks");
        assert_eq!(
            f.remediation.as_deref(),
            Some("aws ec2 modify-subnet-attribute --subnet-id subnet-a --assign-ipv6-address-on-creation")
        );
        let f = &ipv6(&plan(&["subnet-a"]), &facts)[0];
        assert_eq!(f.status, Status::Skip, "noted, not failed, when IPv6 is not required");
        assert!(f.message.contains("AssignIpv6AddressOnCreation false"), "{}", f.message);
        v6.assign_ipv6_on_creation = true;
        facts.subnets = Some(Ok(vec![v6]));
        assert_eq!(ipv6(&p, &facts)[0].status, Status::Warn, "IPv6 CIDR, no ::/0 route: no IPv6 internet only");
    }

    /// AvailableIpAddressCount counts IPv4 only (EC2 API Reference, Subnet): an IPv6-only
    /// subnet's 0 is not "full", and its egress is its ::/0 route.
    #[test]
    fn an_ipv6_only_subnet_is_judged_by_ipv6() {
        let mut facts = testing::populated();
        let mut v6 = testing::subnet("subnet-a", "us-east-1a");
        (v6.ipv6_native, v6.available_ips, v6.cidr) = (true, 0, String::new());
        v6.ipv6_cidrs = vec!["2600:1f18::/64".into()];
        facts.subnets = Some(Ok(vec![v6]));
        let p = Plan { tasks: Some(4), ..plan(&["subnet-a"]) };
        assert_eq!(statuses(&free_addresses(&p, &facts)), vec![("pass", "subnet-a".to_string())]);
        let mut table = testing::route_table(&["subnet-a"], "nat-1");
        table.routes = vec![("::/0".into(), "eigw-1".into())];
        facts.route_tables = Some(Ok(vec![table.clone()]));
        let f = &internet_egress(&p, &facts)[0];
        assert_eq!((f.status, f.message.as_str()), (Status::Pass, "IPv6-only subnet with ::/0 -> eigw-1"));
        table.routes.clear();
        facts.route_tables = Some(Ok(vec![table]));
        let f = &internet_egress(&p, &facts)[0];
        assert_eq!(f.status, Status::Warn);
        assert!(f.remediation.as_deref().unwrap().contains("--route-table-id rtb-1"), "{f:?}");
    }
}
