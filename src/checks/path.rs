//! The network path a task needs before its containers start (ECS Developer Guide, "Verifying
//! Amazon ECS stopped task connectivity"; ECR User Guide, "Amazon ECR interface VPC endpoints"):
//! a NAT route, an internet gateway with a public IP (Fargate), or VPC endpoints with private
//! DNS for ECR (api, dkr), CloudWatch Logs, Secrets Manager and SSM as used and the S3 gateway
//! endpoint on the subnet's route table (the layers); the endpoints' security groups admit TCP 443
//! from the tasks, the tasks' groups allow 443 out (to S3's prefix list for the gateway), and the
//! subnet's network ACL allows 443 out and the ephemeral ports back.

use super::{CheckId, Finding, Plan, Status};
use crate::inventory::{private_ecr, Facts, NetworkAcl, PathFacts, SgRules, Subnet, TaskDefinition};
use crate::rules::routes::{egress_of, route_table_of, Egress};

/// What the task reaches before it starts: endpoint short names, and `internet` for public
/// registries (no endpoint serves them).
fn services(td: &TaskDefinition) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    let mut add = |s: &'static str| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    for c in &td.containers {
        if private_ecr(&c.image).is_some() {
            add("ecr.api");
            add("ecr.dkr");
            add("s3");
        } else if !c.image.is_empty() {
            add("internet");
        }
        if c.awslogs.is_some() {
            add("logs");
        }
        for s in c.secrets.iter().chain(&c.repository_credentials) {
            add(if s.contains(":secretsmanager:") { "secretsmanager" } else { "ssm" });
        }
    }
    out
}

fn ip(cidr: &str) -> Option<(u32, u32)> {
    let (addr, bits) = cidr.split_once('/')?;
    let octets: Vec<u32> = addr.split('.').map(|o| o.parse().ok()).collect::<Option<_>>()?;
    let bits: u32 = bits.parse().ok()?;
    if octets.len() != 4 || bits > 32 {
        return None;
    }
    let n = octets.iter().fold(0u32, |a, o| (a << 8) | o);
    let mask = if bits == 0 { 0 } else { u32::MAX << (32 - bits) };
    Some((n & mask, mask))
}

/// Whether `outer` contains all of `inner`.
fn contains(outer: &str, inner: &str) -> bool {
    match (ip(outer), ip(inner)) {
        (Some((o, om)), Some((i, im))) => om & im == om && i & om == o,
        _ => false,
    }
}

/// Whether a group allows TCP 443 out to `cidr` (or to `group`, or to `prefix_list`).
fn egress_443(groups: &[SgRules], cidr: &str, group: Option<&str>, prefix_list: Option<&str>) -> bool {
    groups.iter().flat_map(|g| &g.egress).any(|r| {
        r.covers(443)
            && (r.cidrs.iter().any(|c| contains(c, cidr))
                || group.is_some_and(|g| r.groups.iter().any(|x| x == g))
                || prefix_list.is_some_and(|p| r.prefix_lists.iter().any(|x| x == p)))
    })
}

/// Whether the endpoint's groups admit TCP 443 from the tasks' groups or their subnet.
fn ingress_443(endpoint_groups: &[SgRules], task_groups: &[SgRules], subnet_cidr: &str) -> bool {
    endpoint_groups.iter().flat_map(|g| &g.ingress).any(|r| {
        r.covers(443)
            && (r.cidrs.iter().any(|c| contains(c, subnet_cidr))
                || task_groups.iter().any(|t| r.groups.contains(&t.id)))
    })
}

/// The ACL's verdict for TCP `port` in one direction to or from `cidr`: the lowest-numbered
/// matching entry decides (Amazon VPC User Guide, network ACL rules).
fn acl_allows(acl: &NetworkAcl, egress: bool, port: i32, cidr: &str) -> bool {
    let mut entries: Vec<_> = acl
        .entries
        .iter()
        .filter(|e| e.egress == egress && (e.protocol == "-1" || e.protocol == "6") && contains(&e.cidr, cidr))
        .filter(|e| e.protocol == "-1" || (e.from <= port && port <= e.to))
        .collect();
    entries.sort_by_key(|e| e.number);
    entries.first().is_some_and(|e| e.allow)
}

fn acl_of<'a>(path: &'a PathFacts, subnet: &str) -> Option<&'a NetworkAcl> {
    let acls = &path.vpc.acls;
    acls.iter().find(|a| a.subnet_ids.iter().any(|s| s == subnet)).or_else(|| acls.iter().find(|a| a.default))
}

pub fn pull_path(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::PullPath;
    let Some(subnets) = facts.subnets_ok().filter(|s| !s.is_empty()) else {
        return vec![id.finding(Status::Skip, "-", "no --subnets given")];
    };
    let td = match &facts.task_definition {
        Some(Ok(td)) => td,
        _ => {
            return vec![id.finding(
                Status::Skip,
                "-",
                "no --task-definition: what the task fetches before it starts is not known",
            )]
        }
    };
    // On EC2 the agent on the container instance pulls the image and fetches the secrets, over the
    // instance's own network (ECS Developer Guide, task execution IAM role; the agent): the task
    // subnets do not decide.
    if plan.launch_type != "FARGATE" {
        return vec![id.finding(
            Status::Skip,
            "-",
            format!(
                "{} tasks: the container instance pulls over its own network, not the task subnets",
                plan.launch_type
            ),
        )];
    }
    let needed = services(td);
    if needed.is_empty() {
        return vec![id.finding(Status::Pass, "-", "the task fetches nothing before it starts")];
    }
    let path = match &facts.pull_path {
        None => return vec![id.finding(Status::Skip, "-", "the network path was not read")],
        Some(Err(e)) => return vec![id.finding(Status::Error, "-", e.message.clone())],
        Some(Ok(p)) => p,
    };
    let tables = match &facts.route_tables {
        Some(Ok(t)) => t.as_slice(),
        Some(Err(e)) => return vec![id.finding(Status::Error, "-", e.message.clone())],
        None => &[],
    };
    subnets.iter().map(|s| subnet_path(plan, s, &needed, path, tables)).collect()
}

fn subnet_path(
    plan: &Plan,
    s: &Subnet,
    needed: &[&str],
    path: &PathFacts,
    tables: &[crate::inventory::RouteTable],
) -> Finding {
    let id = CheckId::PullPath;
    let fargate = plan.launch_type == "FARGATE";
    let egress = egress_of(s, tables);
    let internet = match &egress {
        Egress::Nat(t) => Some(format!("NAT {t}")),
        Egress::InternetGateway(t) if fargate && plan.public_ip => Some(format!("{t} with a public IP")),
        _ => None,
    };
    let mut missing: Vec<String> = Vec::new();
    let mut fixes: Vec<String> = Vec::new();
    let acl = acl_of(path, &s.id);
    let groups = if plan.security_groups.is_empty() {
        "the VPC's default group".to_string()
    } else {
        plan.security_groups.join(",")
    };
    if let Some(via) = &internet {
        if !egress_443(&path.task_groups, "0.0.0.0/0", None, None) {
            missing.push(format!("the tasks' security groups ({groups}) allow no TCP 443 out to 0.0.0.0/0"));
            fixes.push(format!(
                "aws ec2 authorize-security-group-egress --group-id {} --protocol tcp --port 443 --cidr 0.0.0.0/0",
                first(&path.task_groups)
            ));
        }
        if let Some(a) =
            acl.filter(|a| !acl_allows(a, true, 443, "0.0.0.0/0") || !acl_allows(a, false, 1024, "0.0.0.0/0"))
        {
            missing.push(format!("network ACL {} does not allow TCP 443 out and 1024-65535 back", a.id));
            fixes.push(format!("aws ec2 create-network-acl-entry --network-acl-id {} --egress --rule-number 90 --protocol tcp --port-range From=443,To=443 --cidr-block 0.0.0.0/0 --rule-action allow", a.id));
        }
        return verdict(id, s, missing, fixes, format!("via {via}"));
    }
    let vpc_cidr = path.vpc.cidrs.first().cloned().unwrap_or_else(|| "0.0.0.0/0".into());
    let rtb = route_table_of(s, tables).map(|t| t.id.clone()).unwrap_or_else(|| "RTB_ID".into());
    for svc in needed {
        match *svc {
            "internet" => {
                missing
                    .push("a public registry image, which no VPC endpoint serves (no NAT route or public IP)".into());
                fixes.push("add a 0.0.0.0/0 route to a NAT gateway, or copy the image to Amazon ECR".into());
            }
            "s3" => {
                let gw = path.vpc.endpoints.iter().find(|e| {
                    e.service == "s3" && e.kind.eq_ignore_ascii_case("gateway") && e.route_table_ids.contains(&rtb)
                });
                if gw.is_none() {
                    missing.push(format!("the S3 gateway endpoint on {rtb} (ECR's image layers are in S3)"));
                    fixes.push(format!("aws ec2 create-vpc-endpoint --vpc-id {} --service-name com.amazonaws.{}.s3 --route-table-ids {rtb}", s.vpc_id, region_of(s)));
                } else if !egress_443(&path.task_groups, "0.0.0.0/0", None, path.vpc.s3_prefix_list.as_deref()) {
                    missing.push("TCP 443 out to S3's prefix list from the tasks' security groups (a rule limited to the VPC range lets the manifest through and fails the layers)".into());
                    fixes.push(format!("aws ec2 authorize-security-group-egress --group-id {} --ip-permissions IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{{PrefixListId={}}}]", first(&path.task_groups), path.vpc.s3_prefix_list.as_deref().unwrap_or("PL_ID")));
                }
            }
            name => interface(name, s, path, &vpc_cidr, &mut missing, &mut fixes),
        }
    }
    if let Some(a) = acl.filter(|a| !acl_allows(a, true, 443, &vpc_cidr) || !acl_allows(a, false, 1024, &vpc_cidr)) {
        missing.push(format!("network ACL {} does not allow TCP 443 out and 1024-65535 back", a.id));
        fixes.push(format!("aws ec2 create-network-acl-entry --network-acl-id {} --egress --rule-number 90 --protocol tcp --port-range From=443,To=443 --cidr-block 0.0.0.0/0 --rule-action allow", a.id));
    }
    let how = if matches!(egress, Egress::InternetGateway(_)) {
        "public subnet without a public IP: via VPC endpoints"
    } else {
        "via VPC endpoints"
    };
    verdict(id, s, missing, fixes, how.to_string())
}

/// The Region of a subnet, from its Availability Zone (us-east-1a: us-east-1).
fn region_of(s: &Subnet) -> &str {
    s.availability_zone.trim_end_matches(|c: char| c.is_ascii_alphabetic())
}

fn first(groups: &[SgRules]) -> &str {
    groups.first().map_or("SG_ID", |g| g.id.as_str())
}

fn interface(
    name: &str,
    s: &Subnet,
    path: &PathFacts,
    vpc_cidr: &str,
    missing: &mut Vec<String>,
    fixes: &mut Vec<String>,
) {
    let ep = path.vpc.endpoints.iter().find(|e| e.service == name && e.kind.eq_ignore_ascii_case("interface"));
    let Some(ep) = ep else {
        let region = region_of(s);
        missing.push(format!("the interface endpoint com.amazonaws.{region}.{name}"));
        fixes.push(format!("aws ec2 create-vpc-endpoint --vpc-id {} --vpc-endpoint-type Interface --service-name com.amazonaws.{region}.{name} --subnet-ids {} --private-dns-enabled", s.vpc_id, s.id));
        return;
    };
    if ep.state != "available" {
        missing.push(format!("{} ({name}) is {}, not available", ep.id, ep.state));
    }
    if !ep.private_dns {
        missing.push(format!("{} ({name}) has private DNS off: the tasks resolve the public name", ep.id));
        fixes.push(format!("aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --private-dns-enabled", ep.id));
    }
    let ep_groups: Vec<SgRules> = path.endpoint_groups.iter().filter(|g| ep.groups.contains(&g.id)).cloned().collect();
    if !ingress_443(&ep_groups, &path.task_groups, &s.cidr) {
        missing.push(format!("{} ({name}): its security groups admit no TCP 443 from the tasks", ep.id));
        fixes.push(format!(
            "aws ec2 authorize-security-group-ingress --group-id {} --protocol tcp --port 443 --source-group {}",
            ep.groups.first().map_or("SG_ID", String::as_str),
            first(&path.task_groups)
        ));
    }
    let to_endpoint = ep.groups.iter().any(|g| egress_443(&path.task_groups, vpc_cidr, Some(g), None));
    if !to_endpoint {
        missing.push(format!("TCP 443 out from the tasks' security groups to {} ({name})", ep.id));
        fixes.push(format!(
            "aws ec2 authorize-security-group-egress --group-id {} --protocol tcp --port 443 --cidr {vpc_cidr}",
            first(&path.task_groups)
        ));
    }
}

fn verdict(id: CheckId, s: &Subnet, missing: Vec<String>, fixes: Vec<String>, via: String) -> Finding {
    if missing.is_empty() {
        return id.finding(Status::Pass, &s.id, format!("the task reaches what it fetches before it starts {via}"));
    }
    let f = id.finding(
        Status::Fail,
        &s.id,
        format!("{via}, missing: {}: the pull or the fetch cannot succeed", missing.join("; ")),
    );
    if fixes.is_empty() {
        f
    } else {
        f.with_fix(fixes.join("; "))
    }
}
