//! `check --fix`: which safe fixes the findings call for, and nothing else: create the ECS
//! service-linked role, turn on awsvpcTrunking / dualStackIPv6 (as the account default, or for
//! a principal), turn on the VPC DNS attributes. Pure: the command shows the plan, asks, and
//! makes the changes through `aws`.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{CheckId, Finding};

/// One change in AWS.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    ServiceLinkedRole,
    /// (setting name, principal ARN or None for the account default)
    Setting(&'static str, Option<String>),
    /// (VPC id, attribute)
    VpcAttribute(String, &'static str),
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct FixAction {
    /// The check whose finding this fixes.
    pub check: CheckId,
    pub resource: String,
    /// The API call, as the AWS CLI would make it.
    pub call: String,
    /// `applied`, `failed: ...`, or null before it ran.
    pub result: Option<String>,
    #[serde(skip)]
    pub change: Change,
}

/// The fixes for the findings that are not `pass` (one per change, in a stable order).
pub fn plan(findings: &[Finding], principal: Option<&str>) -> Vec<FixAction> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for f in findings.iter().filter(|f| f.status.is_problem()) {
        let (change, call) = match f.check {
            CheckId::ServiceLinkedRole => (
                Change::ServiceLinkedRole,
                "aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com".to_string(),
            ),
            CheckId::AwsvpcTrunking | CheckId::DualStackIpv6 => {
                let name = if f.check == CheckId::AwsvpcTrunking { "awsvpcTrunking" } else { "dualStackIPv6" };
                // An explicit setting of a role overrides the account default (ECS Developer
                // Guide, "Amazon ECS account settings"): a role's finding is fixed for that role.
                let role = Some(f.resource.as_str()).filter(|r| r.contains(":role/"));
                match principal.or(role) {
                    Some(p) => (
                        Change::Setting(name, Some(p.to_string())),
                        format!("aws ecs put-account-setting --name {name} --value enabled --principal-arn {p}"),
                    ),
                    None => (
                        Change::Setting(name, None),
                        format!("aws ecs put-account-setting-default --name {name} --value enabled"),
                    ),
                }
            }
            CheckId::DnsSupport | CheckId::DnsHostnames => {
                let (attr, flag) = if f.check == CheckId::DnsSupport {
                    ("enableDnsSupport", "--enable-dns-support")
                } else {
                    ("enableDnsHostnames", "--enable-dns-hostnames")
                };
                (
                    Change::VpcAttribute(f.resource.clone(), attr),
                    format!("aws ec2 modify-vpc-attribute --vpc-id {} {flag} '{{\"Value\":true}}'", f.resource),
                )
            }
            _ => continue,
        };
        if seen.insert(change.clone()) {
            out.push(FixAction { check: f.check, resource: f.resource.clone(), call, result: None, change });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Status;

    #[test]
    fn one_change_per_fix_and_a_role_fixed_for_the_role() {
        let role = "arn:aws:iam::1:role/ecsInstanceRole";
        let findings = vec![
            CheckId::ServiceLinkedRole.finding(Status::Fail, "AWSServiceRoleForECS", "x"),
            CheckId::AwsvpcTrunking.finding(Status::Warn, role, "x"),
            CheckId::DnsHostnames.finding(Status::Warn, "vpc-1", "x"),
            CheckId::DnsHostnames.finding(Status::Warn, "vpc-1", "x"),
            CheckId::DnsSupport.finding(Status::Pass, "vpc-1", "x"),
        ];
        let calls: Vec<String> = plan(&findings, None).into_iter().map(|a| a.call).collect();
        assert_eq!(
            calls,
            vec![
                "aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com".to_string(),
                format!("aws ecs put-account-setting --name awsvpcTrunking --value enabled --principal-arn {role}"),
                "aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-hostnames '{\"Value\":true}'".to_string(),
            ]
        );
    }
}
