//! VPC scope: the DNS attributes of every VPC in scope (the subnets' and the container
//! instances').

use super::{CheckId, Finding, Plan, Status};
use crate::inventory::{Facts, VpcDns};

pub fn dns_support(_: &Plan, facts: &Facts) -> Vec<Finding> {
    per_vpc(CheckId::DnsSupport, facts, |vpc, d| {
        dns_flag(
            CheckId::DnsSupport,
            vpc,
            "enableDnsSupport",
            d.dns_support,
            Status::Fail,
            "tasks cannot resolve names (on Fargate: ResourceInitializationError)",
        )
    })
}

pub fn dns_hostnames(_: &Plan, facts: &Facts) -> Vec<Finding> {
    per_vpc(CheckId::DnsHostnames, facts, |vpc, d| {
        dns_flag(
            CheckId::DnsHostnames,
            vpc,
            "enableDnsHostnames",
            d.dns_hostnames,
            Status::Warn,
            "tasks get random hostnames instead of their Amazon-provided DNS names",
        )
    })
}

fn per_vpc(id: CheckId, facts: &Facts, f: impl Fn(&str, &VpcDns) -> Finding) -> Vec<Finding> {
    let mut out = Vec::new();
    // The VPCs of subnets that could not be read are unknown: their checks could not be evaluated.
    if let Some(Err(e)) = &facts.subnets {
        out.push(id.finding(Status::Error, "-", e.message.clone()));
    }
    if facts.vpc_dns.is_empty() && out.is_empty() {
        out.push(id.finding(Status::Skip, "-", "no VPC in scope (give --subnets or --cluster)"));
    }
    for (vpc, dns) in &facts.vpc_dns {
        out.push(match dns {
            Err(e) => id.finding(Status::Error, vpc, e.message.clone()),
            Ok(d) => f(vpc, d),
        });
    }
    out
}

/// A VPC DNS attribute: pass when on; when off, `off` with the consequence and the exact fix.
fn dns_flag(id: CheckId, vpc: &str, attr: &str, on: bool, off: Status, consequence: &str) -> Finding {
    if on {
        return id.finding(Status::Pass, vpc, format!("{attr} is on"));
    }
    // enableDnsSupport -> --enable-dns-support
    let flag: String = attr
        .chars()
        .flat_map(|c| if c.is_ascii_uppercase() { vec!['-', c.to_ascii_lowercase()] } else { vec![c] })
        .collect();
    id.finding(off, vpc, format!("{attr} is off: {consequence}"))
        .with_fix(format!("aws ec2 modify-vpc-attribute --vpc-id {vpc} --{flag} '{{\"Value\":true}}'"))
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn dns_flags_fix_is_the_exact_command() {
        let mut facts = testing::populated();
        assert_eq!(dns_support(&Plan::default(), &facts)[0].status, Status::Pass);
        facts.vpc_dns.insert("vpc-1".into(), Ok(VpcDns { dns_support: false, dns_hostnames: false }));
        let f = &dns_hostnames(&Plan::default(), &facts)[0];
        assert_eq!(f.status, Status::Warn);
        assert_eq!(
            f.remediation.as_deref(),
            Some("aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-hostnames '{\"Value\":true}'")
        );
        assert_eq!(dns_support(&Plan::default(), &facts)[0].status, Status::Fail);
    }

    #[test]
    fn no_vpc_skips_unreadable_subnets_error() {
        assert_eq!(dns_support(&Plan::default(), &Facts::default())[0].status, Status::Skip);
        assert_eq!(dns_support(&Plan::default(), &testing::unreadable())[0].status, Status::Error);
    }
}
