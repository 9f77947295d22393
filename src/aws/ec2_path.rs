//! What the path checks read of a VPC: its CIDR blocks (DescribeVpcs), its VPC endpoints
//! (DescribeVpcEndpoints, every NextToken followed; State compared as text: AWS answers
//! `available`, which the SDK's enum does not parse), its network ACLs (DescribeNetworkAcls), the
//! S3 prefix list (DescribePrefixLists, com.amazonaws.REGION.s3), and security groups' rules
//! (DescribeSecurityGroups).

use super::Aws;
use super::error::from_sdk;
use crate::error::Failure;
use crate::inventory::{AclEntry, NetworkAcl, SgRule, SgRules, VpcEndpoint, VpcPath};

fn filter(name: &str, values: Vec<String>) -> aws_sdk_ec2::types::Filter {
    aws_sdk_ec2::types::Filter::builder().name(name).set_values(Some(values)).build()
}

/// The VPC's CIDR blocks, endpoints, network ACLs and the Region's S3 prefix list.
pub async fn vpc_path(aws: &Aws, vpc: &str) -> Result<VpcPath, Failure> {
    let by_vpc = || filter("vpc-id", vec![vpc.to_string()]);
    let vpcs = aws.ec2.describe_vpcs().vpc_ids(vpc).send();
    let endpoints = aws.ec2.describe_vpc_endpoints().filters(by_vpc()).into_paginator().send().try_collect();
    let acls = aws.ec2.describe_network_acls().filters(by_vpc()).into_paginator().send().try_collect();
    let s3 = format!("com.amazonaws.{}.s3", aws.region);
    let prefix = aws.ec2.describe_prefix_lists().filters(filter("prefix-list-name", vec![s3])).send();
    let (vpcs, endpoints, acls, prefix) = tokio::join!(vpcs, endpoints, acls, prefix);
    let vpcs = vpcs.map_err(|e| from_sdk(&format!("describing {vpc} (DescribeVpcs)"), e))?;
    let endpoints =
        endpoints.map_err(|e| from_sdk(&format!("listing the endpoints of {vpc} (DescribeVpcEndpoints)"), e))?;
    let acls = acls.map_err(|e| from_sdk(&format!("listing the network ACLs of {vpc} (DescribeNetworkAcls)"), e))?;
    let prefix = prefix.map_err(|e| from_sdk("finding the S3 prefix list (DescribePrefixLists)", e))?;
    let cidrs = vpcs
        .vpcs()
        .iter()
        .flat_map(|v| v.cidr_block_association_set().iter().filter_map(|a| a.cidr_block().map(str::to_string)))
        .collect();
    let service_prefix = format!("com.amazonaws.{}.", aws.region);
    Ok(VpcPath {
        cidrs,
        endpoints: endpoints
            .iter()
            .flat_map(|p| p.vpc_endpoints())
            .map(|e| VpcEndpoint {
                id: e.vpc_endpoint_id().unwrap_or_default().to_string(),
                service: e.service_name().unwrap_or_default().trim_start_matches(&service_prefix).to_string(),
                kind: e.vpc_endpoint_type().map(|t| t.as_str().to_string()).unwrap_or_default(),
                state: e.state().map(|s| s.as_str().to_ascii_lowercase()).unwrap_or_default(),
                private_dns: e.private_dns_enabled().unwrap_or(false),
                subnet_ids: e.subnet_ids().to_vec(),
                groups: e.groups().iter().filter_map(|g| g.group_id().map(str::to_string)).collect(),
                route_table_ids: e.route_table_ids().to_vec(),
            })
            .collect(),
        acls: acls
            .iter()
            .flat_map(|p| p.network_acls())
            .map(|a| NetworkAcl {
                id: a.network_acl_id().unwrap_or_default().to_string(),
                default: a.is_default().unwrap_or(false),
                subnet_ids: a.associations().iter().filter_map(|x| x.subnet_id().map(str::to_string)).collect(),
                entries: a
                    .entries()
                    .iter()
                    .filter(|e| e.cidr_block().is_some())
                    .map(|e| AclEntry {
                        number: e.rule_number().unwrap_or(32767),
                        protocol: e.protocol().unwrap_or("-1").to_string(),
                        allow: e.rule_action().is_some_and(|r| r.as_str() == "allow"),
                        egress: e.egress().unwrap_or(false),
                        cidr: e.cidr_block().unwrap_or_default().to_string(),
                        from: e.port_range().and_then(|p| p.from()).unwrap_or(0),
                        to: e.port_range().and_then(|p| p.to()).unwrap_or(65535),
                    })
                    .collect(),
            })
            .collect(),
        s3_prefix_list: prefix.prefix_lists().first().and_then(|p| p.prefix_list_id()).map(str::to_string),
    })
}

fn rules(perms: &[aws_sdk_ec2::types::IpPermission]) -> Vec<SgRule> {
    perms
        .iter()
        .map(|p| SgRule {
            protocol: p.ip_protocol().unwrap_or("-1").to_string(),
            from: p.from_port().unwrap_or(0),
            to: p.to_port().unwrap_or(65535),
            cidrs: p.ip_ranges().iter().filter_map(|r| r.cidr_ip().map(str::to_string)).collect(),
            prefix_lists: p.prefix_list_ids().iter().filter_map(|l| l.prefix_list_id().map(str::to_string)).collect(),
            groups: p.user_id_group_pairs().iter().filter_map(|g| g.group_id().map(str::to_string)).collect(),
        })
        .collect()
}

/// The rules of the given groups, or of the VPC's default group when none is given (awsvpc
/// tasks without security groups get it: API Reference, AwsVpcConfiguration.securityGroups).
pub async fn sg_rules(aws: &Aws, ids: &[String], vpc: &str) -> Result<Vec<SgRules>, Failure> {
    let req = if ids.is_empty() {
        aws.ec2
            .describe_security_groups()
            .filters(filter("vpc-id", vec![vpc.to_string()]))
            .filters(filter("group-name", vec!["default".to_string()]))
    } else {
        aws.ec2.describe_security_groups().set_group_ids(Some(ids.to_vec()))
    };
    let pages: Vec<_> = req
        .into_paginator()
        .send()
        .try_collect()
        .await
        .map_err(|e| from_sdk("reading security group rules (DescribeSecurityGroups)", e))?;
    Ok(pages
        .iter()
        .flat_map(|p| p.security_groups())
        .map(|g| SgRules {
            id: g.group_id().unwrap_or_default().to_string(),
            ingress: rules(g.ip_permissions()),
            egress: rules(g.ip_permissions_egress()),
        })
        .collect())
}
