//! The network path a task needs before its containers start (ECS Developer Guide, "Verifying
//! Amazon ECS stopped task connectivity"; ECR User Guide, "Amazon ECR interface VPC endpoints"):
//! a NAT route, an internet gateway with a public IP (Fargate), or VPC endpoints with private
//! DNS for ECR (api, dkr), CloudWatch Logs, Secrets Manager and SSM as used and the S3 gateway
//! endpoint on the subnet's route table (the layers); the endpoints' security groups admit TCP 443
//! from the tasks, the tasks' groups allow 443 out (to S3's prefix list for the gateway), and the
//! subnet's network ACL allows 443 out and the ephemeral ports back.

use std::collections::{BTreeMap, BTreeSet};

use super::{CheckId, Finding, Plan, Status};
use crate::inventory::{
    Ec2Instance, Facts, NetworkAcl, PathFacts, RouteTable, SgRules, Subnet, TaskDefinition, private_ecr,
};
use crate::rules::routes::{Egress, egress_of, route_table_of};

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

/// Whose network a pull goes over: the task's own ENI (Fargate) or its container instance's (EC2).
struct Pov {
    /// The rules of the security groups the traffic leaves through.
    groups: Vec<SgRules>,
    /// How the groups are named in messages.
    label: String,
    /// False when the groups are not known (a stopped task whose ENI is gone).
    known: bool,
    public_ip: bool,
    /// Who pulls, for the message (None: the task itself).
    who: Option<String>,
}

pub fn pull_path(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::PullPath;
    let td = match &facts.task_definition {
        Some(Ok(td)) => td,
        _ => {
            return vec![id.finding(
                Status::Skip,
                "-",
                "no --task-definition: what the task fetches before it starts is not known",
            )];
        }
    };
    let needed = services(td);
    if needed.is_empty() {
        return vec![id.finding(Status::Pass, "-", "the task fetches nothing before it starts")];
    }
    let path = match &facts.pull_path {
        None if plan.launch_type == "FARGATE" && facts.subnets_ok().is_none_or(|s| s.is_empty()) => {
            return vec![id.finding(Status::Skip, "-", "no --subnets given")];
        }
        None => return vec![id.finding(Status::Skip, "-", "the network path was not read")],
        Some(Err(e)) => return vec![id.finding(Status::Error, "-", e.message.clone())],
        Some(Ok(p)) => p,
    };
    let tables = match &facts.route_tables {
        Some(Ok(t)) => t.as_slice(),
        Some(Err(e)) => return vec![id.finding(Status::Error, "-", e.message.clone())],
        None => return vec![id.finding(Status::Skip, "-", "the route tables were not read")],
    };
    if plan.launch_type == "FARGATE" {
        let Some(subnets) = facts.subnets_ok().filter(|s| !s.is_empty()) else {
            return vec![id.finding(Status::Skip, "-", "no --subnets given")];
        };
        let pov = Pov {
            groups: path.task_groups.clone(),
            label: if plan.security_groups.is_empty() {
                "the tasks' security groups (the VPC's default group)".to_string()
            } else {
                format!("the tasks' security groups ({})", plan.security_groups.join(","))
            },
            known: !plan.groups_unknown,
            public_ip: plan.public_ip,
            who: None,
        };
        return subnets.iter().map(|s| subnet_path(&pov, s, &needed, path, tables)).collect();
    }
    if plan.launch_type != "EC2" {
        return vec![id.finding(
            Status::Skip,
            "-",
            format!("{} tasks: the instance pulls over a network AWS does not describe", plan.launch_type),
        )];
    }
    instance_paths(facts, &needed, path, tables)
}

/// On EC2 the agent on the container instance pulls the image, fetches the secrets and the
/// awslogs driver writes, over the instance's own network (ECS Developer Guide, task execution
/// IAM role; "Verifying Amazon ECS stopped task connectivity"): judged from the subnets the
/// instances stand in, through the instances' security groups, with their public IPs.
fn instance_paths(facts: &Facts, needed: &[&str], path: &PathFacts, tables: &[RouteTable]) -> Vec<Finding> {
    let id = CheckId::PullPath;
    let mut by_subnet: BTreeMap<&str, Vec<&Ec2Instance>> = BTreeMap::new();
    for c in &facts.clusters {
        match &c.ec2 {
            Ok(m) => m.values().filter_map(|i| Some((i.subnet_id.as_deref()?, i))).for_each(|(s, i)| {
                by_subnet.entry(s).or_default().push(i);
            }),
            Err(e) => return vec![id.finding(Status::Error, &c.name, e.message.clone())],
        }
    }
    let subnets = match &facts.instance_subnets {
        Some(Ok(s)) => s,
        Some(Err(e)) => return vec![id.finding(Status::Error, "-", e.message.clone())],
        None => {
            return vec![id.finding(
                Status::Skip,
                "-",
                "EC2 tasks: no container instance to judge the path from (the instance pulls, not the task)",
            )];
        }
    };
    let mut out = Vec::new();
    for s in subnets.iter().filter(|s| s.vpc_id == path.vpc_id) {
        let Some(instances) = by_subnet.get_mut(s.id.as_str()) else { continue };
        instances.sort_by(|a, b| a.id.cmp(&b.id));
        instances.dedup_by(|a, b| a.id == b.id);
        let ids: BTreeSet<&String> = instances.iter().flat_map(|i| &i.security_groups).collect();
        let pov = Pov {
            groups: path.instance_groups.iter().filter(|g| ids.contains(&g.id)).cloned().collect(),
            label: format!(
                "the instances' security groups ({})",
                ids.iter().map(|g| g.as_str()).collect::<Vec<_>>().join(",")
            ),
            known: true,
            public_ip: instances.iter().all(|i| i.public_ip),
            who: Some(format!(
                "container instance{} {}",
                if instances.len() == 1 { "" } else { "s" },
                instances.iter().map(|i| i.id.as_str()).collect::<Vec<_>>().join(", ")
            )),
        };
        out.push(subnet_path(&pov, s, needed, path, tables));
    }
    if out.is_empty() {
        out.push(id.finding(Status::Skip, "-", "the container instances' subnets are not in the tasks' VPC"));
    }
    out
}

fn subnet_path(pov: &Pov, s: &Subnet, needed: &[&str], path: &PathFacts, tables: &[RouteTable]) -> Finding {
    let id = CheckId::PullPath;
    let egress = egress_of(s, tables);
    let internet = match &egress {
        Egress::Nat(t) => Some(format!("NAT {t}")),
        Egress::InternetGateway(t) if pov.public_ip => Some(format!("{t} with a public IP")),
        _ => None,
    };
    let mut missing: Vec<String> = Vec::new();
    let mut fixes: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    if !pov.known {
        notes.push("the task's security groups are not known (its ENI is gone): their rules are not judged".into());
    }
    let acl = acl_of(path, &s.id);
    if let Some(via) = &internet {
        internet_path(pov, acl, &mut missing, &mut fixes);
        return verdict(id, s, pov, (missing, fixes, notes), format!("via {via}"));
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
            "s3" => gateway(pov, s, path, &rtb, &mut missing, &mut fixes),
            name => interface(name, pov, s, path, &vpc_cidr, (&mut missing, &mut fixes, &mut notes)),
        }
    }
    // The subnet's network ACL stands between the task and what is outside its subnet: the
    // interface endpoints' interfaces in other subnets, and S3 (its public ranges, which an ACL
    // cannot name by prefix list) for the gateway endpoint. Interfaces in the task's own subnet
    // are not behind it (VPC User Guide, "Network ACL basics").
    for cidr in outside_cidrs(needed, s, path) {
        acl_path(acl, &cidr, &mut missing, &mut fixes);
    }
    if needed.contains(&"s3") {
        acl_path(acl, "0.0.0.0/0", &mut missing, &mut fixes);
    }
    if let (Egress::Other(target), false) = (&egress, missing.is_empty()) {
        return beyond(id, s, pov, target, acl, (missing, notes));
    }
    let how = if matches!(egress, Egress::InternetGateway(_)) {
        "public subnet without a public IP: via VPC endpoints"
    } else {
        "via VPC endpoints"
    };
    verdict(id, s, pov, (missing, fixes, notes), how.to_string())
}

/// The CIDRs of the needed interface endpoints' subnets other than the task's (each once); the
/// VPC's range when an endpoint's subnets were not read.
fn outside_cidrs(needed: &[&str], s: &Subnet, path: &PathFacts) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for ep in path.vpc.endpoints.iter().filter(|e| needed.contains(&e.service.as_str()) && e.service != "s3") {
        for id in ep.subnet_ids.iter().filter(|id| **id != s.id) {
            match path.endpoint_subnets.get(id) {
                Some((_, cidr)) if !cidr.is_empty() => out.insert(cidr.clone()),
                _ => out.insert(path.vpc.cidrs.first().cloned().unwrap_or_else(|| "0.0.0.0/0".into())),
            };
        }
    }
    out
}

/// TCP 443 out to the internet through the groups and the subnet's network ACL.
fn internet_path(pov: &Pov, acl: Option<&NetworkAcl>, missing: &mut Vec<String>, fixes: &mut Vec<String>) {
    if pov.known && !egress_443(&pov.groups, "0.0.0.0/0", None, None) {
        missing.push(format!("{} allow no TCP 443 out to 0.0.0.0/0", pov.label));
        fixes.push(format!(
            "aws ec2 authorize-security-group-egress --group-id {} --protocol tcp --port 443 --cidr 0.0.0.0/0",
            first(&pov.groups)
        ));
    }
    acl_path(acl, "0.0.0.0/0", missing, fixes);
}

/// A default route to a transit gateway, a NAT instance, a firewall endpoint or a peering
/// connection: where it leads is not visible in this VPC, so the pull is not failed on it (a
/// warning), unless the groups or the network ACL already stop TCP 443 on the way out.
fn beyond(
    id: CheckId,
    s: &Subnet,
    pov: &Pov,
    target: &str,
    acl: Option<&NetworkAcl>,
    (endpoints_missing, notes): (Vec<String>, Vec<String>),
) -> Finding {
    let (mut missing, mut fixes) = (Vec::new(), Vec::new());
    internet_path(pov, acl, &mut missing, &mut fixes);
    if !missing.is_empty() {
        return verdict(id, s, pov, (missing, fixes, notes), format!("via {target}"));
    }
    let who = pov.who.as_ref().map(|w| format!("{w}: ")).unwrap_or_default();
    id.finding(
        Status::Warn,
        &s.id,
        format!(
            "{who}0.0.0.0/0 goes to {target} (a transit gateway, NAT instance, firewall or peering connection): \
             where it leads cannot be followed from this VPC; the pull works if it reaches the internet \
             (without it the VPC endpoints lack: {})",
            endpoints_missing.join("; ")
        ),
    )
}

/// The subnet's network ACL: TCP 443 out to `cidr` and the ephemeral ports back (Amazon VPC User
/// Guide, network ACLs: ACLs are stateless, so the replies need their own inbound rule).
fn acl_path(acl: Option<&NetworkAcl>, cidr: &str, missing: &mut Vec<String>, fixes: &mut Vec<String>) {
    let Some(a) = acl else { return };
    if !acl_allows(a, true, 443, cidr) {
        missing.push(format!("network ACL {} does not allow TCP 443 out to {cidr}", a.id));
        fixes.push(format!("aws ec2 create-network-acl-entry --network-acl-id {} --egress --rule-number 90 --protocol tcp --port-range From=443,To=443 --cidr-block {cidr} --rule-action allow", a.id));
    }
    if !acl_allows(a, false, 1024, cidr) || !acl_allows(a, false, 65535, cidr) {
        missing.push(format!("network ACL {} does not allow the replies in (TCP 1024-65535 from {cidr})", a.id));
        fixes.push(format!("aws ec2 create-network-acl-entry --network-acl-id {} --ingress --rule-number 90 --protocol tcp --port-range From=1024,To=65535 --cidr-block {cidr} --rule-action allow", a.id));
    }
}

/// The S3 gateway endpoint on the subnet's route table, reached through S3's prefix list.
fn gateway(pov: &Pov, s: &Subnet, path: &PathFacts, rtb: &str, missing: &mut Vec<String>, fixes: &mut Vec<String>) {
    let gw = path.vpc.endpoints.iter().find(|e| {
        e.service == "s3" && e.kind.eq_ignore_ascii_case("gateway") && e.route_table_ids.iter().any(|r| r == rtb)
    });
    if gw.is_none() {
        missing.push(format!("the S3 gateway endpoint on {rtb} (ECR's image layers are in S3)"));
        fixes.push(format!(
            "aws ec2 create-vpc-endpoint --vpc-id {} --service-name com.amazonaws.{}.s3 --route-table-ids {rtb}",
            s.vpc_id,
            region_of(s)
        ));
    } else if pov.known && !egress_443(&pov.groups, "0.0.0.0/0", None, path.vpc.s3_prefix_list.as_deref()) {
        missing.push(format!("TCP 443 out to S3's prefix list from {} (a rule limited to the VPC range lets the manifest through and fails the layers)", pov.label));
        fixes.push(format!("aws ec2 authorize-security-group-egress --group-id {} --ip-permissions IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{{PrefixListId={}}}]", first(&pov.groups), path.vpc.s3_prefix_list.as_deref().unwrap_or("PL_ID")));
    }
}

/// The Region of a subnet, from its Availability Zone (us-east-1a: us-east-1).
fn region_of(s: &Subnet) -> &str {
    s.availability_zone.trim_end_matches(|c: char| c.is_ascii_alphabetic())
}

fn first(groups: &[SgRules]) -> &str {
    groups.first().map_or("SG_ID", |g| g.id.as_str())
}

type Out<'a> = (&'a mut Vec<String>, &'a mut Vec<String>, &'a mut Vec<String>);

fn interface(name: &str, pov: &Pov, s: &Subnet, path: &PathFacts, vpc_cidr: &str, out: Out) {
    let (missing, fixes, notes) = out;
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
    // Private DNS answers with the endpoint's interfaces in every zone it has one: from a zone
    // without, the traffic crosses zones (AWS PrivateLink Guide, "Access an AWS service using an
    // interface VPC endpoint": one subnet per Availability Zone is recommended, not required).
    let zones: BTreeSet<&String> =
        ep.subnet_ids.iter().filter_map(|id| path.endpoint_subnets.get(id)).map(|(az, _)| az).collect();
    if !zones.is_empty() && !zones.contains(&s.availability_zone) && !ep.subnet_ids.contains(&s.id) {
        notes.push(format!(
            "{} ({name}) has no interface in {}: the pull crosses zones and stops with that zone's outage",
            ep.id, s.availability_zone
        ));
        fixes.push(format!(
            "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --add-subnet-ids SUBNET_IN_{}",
            ep.id, s.availability_zone
        ));
    }
    if !pov.known {
        return;
    }
    let ep_groups: Vec<SgRules> = path.endpoint_groups.iter().filter(|g| ep.groups.contains(&g.id)).cloned().collect();
    if !ingress_443(&ep_groups, &pov.groups, &s.cidr) {
        missing.push(format!("{} ({name}): its security groups admit no TCP 443 from {}", ep.id, pov.label));
        fixes.push(format!(
            "aws ec2 authorize-security-group-ingress --group-id {} --protocol tcp --port 443 --source-group {}",
            ep.groups.first().map_or("SG_ID", String::as_str),
            first(&pov.groups)
        ));
    }
    // Out to the endpoint: a rule naming its group, or CIDRs covering its subnets (the VPC's range
    // covers them all).
    let cidrs: Vec<&String> =
        ep.subnet_ids.iter().filter_map(|id| path.endpoint_subnets.get(id)).map(|(_, c)| c).collect();
    let to_endpoint = ep.groups.iter().any(|g| egress_443(&pov.groups, vpc_cidr, Some(g), None))
        || (!cidrs.is_empty() && cidrs.iter().all(|c| egress_443(&pov.groups, c, None, None)));
    if !to_endpoint {
        missing.push(format!("TCP 443 out from {} to {} ({name})", pov.label, ep.id));
        fixes.push(format!(
            "aws ec2 authorize-security-group-egress --group-id {} --protocol tcp --port 443 --cidr {vpc_cidr}",
            first(&pov.groups)
        ));
    }
}

/// Missing pieces fail (the pull or fetch cannot succeed); notes alone warn.
fn verdict(id: CheckId, s: &Subnet, pov: &Pov, found: (Vec<String>, Vec<String>, Vec<String>), via: String) -> Finding {
    let (missing, fixes, notes) = found;
    let noted = if notes.is_empty() { String::new() } else { format!(" (note: {})", notes.join("; ")) };
    let f = if missing.is_empty() {
        let status = if notes.iter().any(|n| n.contains("crosses zones")) { Status::Warn } else { Status::Pass };
        id.finding(
            status,
            &s.id,
            format!(
                "{} reaches what the task fetches before it starts {via}{noted}",
                pov.who.as_deref().unwrap_or("the task")
            ),
        )
    } else {
        id.finding(
            Status::Fail,
            &s.id,
            format!(
                "{}{via}, missing: {}: the pull or the fetch cannot succeed{noted}",
                pov.who.as_ref().map(|w| format!("{w}: ")).unwrap_or_default(),
                missing.join("; ")
            ),
        )
    };
    if fixes.is_empty() || (missing.is_empty() && f.status == Status::Pass) { f } else { f.with_fix(fixes.join("; ")) }
}

#[cfg(test)]
#[path = "path_tests.rs"]
mod tests;
