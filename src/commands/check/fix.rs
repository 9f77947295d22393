//! `check --fix`: the safe fixes, and nothing else. Creates the ECS service-linked role, turns on
//! awsvpcTrunking / dualStackIPv6 (as the account default, or for `--principal-arn`), turns on
//! the VPC DNS attributes. The plan (each API call) is printed first; on a terminal it asks,
//! otherwise `--yes` is required (checked before any call). Then the checks run again.

use std::collections::BTreeSet;

use anyhow::Result;
use serde::Serialize;

use super::{Finding, Status};
use crate::aws::Aws;
use crate::error::from_sdk;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Change {
    ServiceLinkedRole,
    /// (setting name, principal ARN or None for the account default)
    Setting(&'static str, Option<String>),
    /// (VPC id, attribute)
    VpcAttribute(String, &'static str),
}

#[derive(Debug, Clone, Serialize)]
pub struct FixAction {
    /// The check whose finding this fixes.
    pub check: &'static str,
    pub resource: String,
    /// The API call, as the AWS CLI would make it.
    pub call: String,
    /// `applied`, `failed: ...`, or null before it ran.
    pub result: Option<String>,
    #[serde(skip)]
    change: Change,
}

/// The fixes for the findings that are not `pass` (one per change, in a stable order).
pub fn plan(findings: &[Finding], principal: Option<&str>) -> Vec<FixAction> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for f in findings.iter().filter(|f| matches!(f.status, Status::Fail | Status::Warn)) {
        let (change, call) = match f.check {
            "account.service-linked-role" => (
                Change::ServiceLinkedRole,
                "aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com".to_string(),
            ),
            "account.awsvpc-trunking" | "account.dual-stack-ipv6" => {
                let name = if f.check == "account.awsvpc-trunking" { "awsvpcTrunking" } else { "dualStackIPv6" };
                match principal {
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
            "vpc.dns-support" | "vpc.dns-hostnames" => {
                let (attr, flag) = if f.check == "vpc.dns-support" {
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

/// Applies the fixes one by one; a failed one is reported, the others still run.
pub async fn apply(aws: &Aws, actions: &mut [FixAction]) {
    for a in actions.iter_mut() {
        let outcome: Result<()> = match &a.change {
            Change::ServiceLinkedRole => aws
                .iam
                .create_service_linked_role()
                .aws_service_name("ecs.amazonaws.com")
                .send()
                .await
                .map(|_| ())
                .map_err(|e| from_sdk("creating the ECS service-linked role (CreateServiceLinkedRole)", e)),
            Change::Setting(name, None) => aws
                .ecs
                .put_account_setting_default()
                .name(aws_sdk_ecs::types::SettingName::from(*name))
                .value("enabled")
                .send()
                .await
                .map(|_| ())
                .map_err(|e| {
                    from_sdk(&format!("enabling {name} as the account default (PutAccountSettingDefault)"), e)
                }),
            Change::Setting(name, Some(p)) => aws
                .ecs
                .put_account_setting()
                .name(aws_sdk_ecs::types::SettingName::from(*name))
                .value("enabled")
                .principal_arn(p)
                .send()
                .await
                .map(|_| ())
                .map_err(|e| from_sdk(&format!("enabling {name} for {p} (PutAccountSetting)"), e)),
            Change::VpcAttribute(vpc, attr) => {
                let on = aws_sdk_ec2::types::AttributeBooleanValue::builder().value(true).build();
                let req = aws.ec2.modify_vpc_attribute().vpc_id(vpc);
                let req =
                    if *attr == "enableDnsSupport" { req.enable_dns_support(on) } else { req.enable_dns_hostnames(on) };
                req.send()
                    .await
                    .map(|_| ())
                    .map_err(|e| from_sdk(&format!("turning on {attr} of {vpc} (ModifyVpcAttribute)"), e))
            }
        };
        a.result = Some(match outcome {
            Ok(()) => "applied".to_string(),
            Err(e) => format!("failed: {}", crate::error::exit_message(&e)),
        });
    }
}
