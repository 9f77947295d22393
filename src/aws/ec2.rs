//! EC2 reads and the one EC2 write (`check --fix`: VPC DNS attributes). Ids go as filter values
//! (200 a call), so ids EC2 does not know are simply absent instead of failing the call; every
//! call follows `NextToken` to the end.

use std::collections::HashMap;

use aws_sdk_ec2::types::{AttributeBooleanValue, Filter, VpcAttributeName};

use super::error::from_sdk;
use super::{Aws, in_chunks};
use crate::error::Failure;
use crate::inventory::{Ec2Instance, NetworkInterface, RouteTable, SecurityGroup, SecurityGroupRef, Subnet, VpcDns};

/// Filter values per call.
pub const IDS_PER_CALL: usize = 200;

fn filter(name: &str, values: Vec<String>) -> Filter {
    Filter::builder().name(name).set_values(Some(values)).build()
}

/// The ENIs EC2 knows among `ids`, by id.
pub async fn network_interfaces(aws: &Aws, ids: &[String]) -> Result<HashMap<String, NetworkInterface>, Failure> {
    let found = enis_by_filter(aws, "network-interface-id", ids, "the tasks' network interfaces").await?;
    Ok(found.into_iter().map(|e| (e.id.clone(), e)).collect())
}

/// Every ENI attached to the instances.
pub async fn instance_enis(aws: &Aws, instance_ids: &[String]) -> Result<Vec<NetworkInterface>, Failure> {
    enis_by_filter(aws, "attachment.instance-id", instance_ids, "the instances' network interfaces").await
}

async fn enis_by_filter(aws: &Aws, name: &str, ids: &[String], what: &str) -> Result<Vec<NetworkInterface>, Failure> {
    in_chunks(ids, IDS_PER_CALL, |chunk| {
        let req = aws.ec2.describe_network_interfaces().filters(filter(name, chunk)).max_results(1000);
        let doing = format!("describing {what} (DescribeNetworkInterfaces)");
        async move {
            let pages: Vec<_> = req.into_paginator().send().try_collect().await.map_err(|e| from_sdk(&doing, e))?;
            Ok(pages.iter().flat_map(|p| p.network_interfaces().iter().map(eni_from_sdk)).collect())
        }
    })
    .await
}

fn eni_from_sdk(n: &aws_sdk_ec2::types::NetworkInterface) -> NetworkInterface {
    NetworkInterface {
        id: n.network_interface_id().unwrap_or_default().to_string(),
        status: n.status().map(|s| s.as_str().to_string()).unwrap_or_else(|| "unknown".into()),
        vpc_id: n.vpc_id().map(str::to_string),
        subnet_id: n.subnet_id().map(str::to_string),
        availability_zone: n.availability_zone().map(str::to_string),
        security_groups: n
            .groups()
            .iter()
            .map(|g| SecurityGroupRef {
                id: g.group_id().unwrap_or_default().to_string(),
                name: g.group_name().map(str::to_string),
            })
            .collect(),
        public_ip: n.association().and_then(|a| a.public_ip()).map(str::to_string),
        private_ip: n.private_ip_address().map(str::to_string),
        ipv6_addresses: n.ipv6_addresses().iter().filter_map(|a| a.ipv6_address().map(str::to_string)).collect(),
        interface_type: n.interface_type().map(|t| t.as_str().to_string()),
        description: n.description().map(str::to_string).filter(|s| !s.is_empty()),
        attached_instance_id: n.attachment().and_then(|a| a.instance_id()).map(str::to_string),
        device_index: n.attachment().and_then(|a| a.device_index()),
    }
}

/// The subnets among `ids`.
/// The regions enabled for the account (DescribeRegions without AllRegions: "the Regions that
/// are enabled for your account"; one answer, no paging), sorted.
pub async fn enabled_regions(aws: &Aws) -> Result<Vec<String>, Failure> {
    let out = aws
        .ec2
        .describe_regions()
        .send()
        .await
        .map_err(|e| from_sdk("listing the enabled regions (DescribeRegions)", e))?;
    let mut names: Vec<String> = out.regions().iter().filter_map(|r| r.region_name().map(str::to_string)).collect();
    names.sort();
    Ok(names)
}

pub async fn subnets(aws: &Aws, ids: &[String]) -> Result<Vec<Subnet>, Failure> {
    let pages: Vec<_> = aws
        .ec2
        .describe_subnets()
        .filters(filter("subnet-id", ids.to_vec()))
        .into_paginator()
        .send()
        .try_collect()
        .await
        .map_err(|e| from_sdk("describing subnets (DescribeSubnets)", e))?;
    Ok(pages
        .iter()
        .flat_map(|p| p.subnets())
        .map(|s| Subnet {
            id: s.subnet_id().unwrap_or_default().into(),
            vpc_id: s.vpc_id().unwrap_or_default().into(),
            availability_zone: s.availability_zone().unwrap_or_default().into(),
            cidr: s.cidr_block().unwrap_or_default().into(),
            available_ips: s.available_ip_address_count().unwrap_or(0).into(),
            owner_id: s.owner_id().map(str::to_string),
            ipv6_cidrs: s
                .ipv6_cidr_block_association_set()
                .iter()
                .filter(|a| {
                    a.ipv6_cidr_block_state().and_then(|st| st.state()).is_none_or(|st| st.as_str() == "associated")
                })
                .filter_map(|a| a.ipv6_cidr_block().map(str::to_string))
                .collect(),
            ipv6_native: s.ipv6_native().unwrap_or(false),
            assign_ipv6_on_creation: s.assign_ipv6_address_on_creation().unwrap_or(false),
        })
        .collect())
}

/// The security groups among `ids`.
pub async fn security_groups(aws: &Aws, ids: &[String]) -> Result<Vec<SecurityGroup>, Failure> {
    let pages: Vec<_> = aws
        .ec2
        .describe_security_groups()
        .filters(filter("group-id", ids.to_vec()))
        .into_paginator()
        .send()
        .try_collect()
        .await
        .map_err(|e| from_sdk("describing security groups (DescribeSecurityGroups)", e))?;
    Ok(pages
        .iter()
        .flat_map(|p| p.security_groups())
        .map(|g| SecurityGroup {
            id: g.group_id().unwrap_or_default().into(),
            name: g.group_name().unwrap_or_default().into(),
            vpc_id: g.vpc_id().unwrap_or_default().into(),
        })
        .collect())
}

/// Every route table of the VPCs.
pub async fn route_tables(aws: &Aws, vpc_ids: &[String]) -> Result<Vec<RouteTable>, Failure> {
    let pages: Vec<_> = aws
        .ec2
        .describe_route_tables()
        .filters(filter("vpc-id", vpc_ids.to_vec()))
        .into_paginator()
        .send()
        .try_collect()
        .await
        .map_err(|e| from_sdk("describing route tables (DescribeRouteTables)", e))?;
    Ok(pages.iter().flat_map(|p| p.route_tables()).map(route_table_from_sdk).collect())
}

fn route_table_from_sdk(t: &aws_sdk_ec2::types::RouteTable) -> RouteTable {
    RouteTable {
        id: t.route_table_id().unwrap_or_default().into(),
        vpc_id: t.vpc_id().unwrap_or_default().into(),
        main: t.associations().iter().any(|a| a.main().unwrap_or(false)),
        subnet_ids: t.associations().iter().filter_map(|a| a.subnet_id().map(str::to_string)).collect(),
        routes: t
            .routes()
            .iter()
            .filter(|r| r.state().is_none_or(|s| s.as_str() == "active"))
            .map(|r| {
                let dest = r.destination_cidr_block().or(r.destination_ipv6_cidr_block()).unwrap_or_default();
                let target = r
                    .gateway_id()
                    .or(r.nat_gateway_id())
                    .or(r.egress_only_internet_gateway_id())
                    .or(r.transit_gateway_id())
                    .or(r.vpc_peering_connection_id())
                    .or(r.network_interface_id())
                    .or(r.instance_id())
                    .unwrap_or_default();
                (dest.to_string(), target.to_string())
            })
            .collect(),
    }
}

/// A VPC's DNS attributes (DescribeVpcAttribute takes one attribute of one VPC a call).
pub async fn vpc_dns(aws: &Aws, vpc_id: &str) -> Result<VpcDns, Failure> {
    let ask = |attr: VpcAttributeName| aws.ec2.describe_vpc_attribute().vpc_id(vpc_id).attribute(attr).send();
    let (support, hostnames) =
        tokio::join!(ask(VpcAttributeName::EnableDnsSupport), ask(VpcAttributeName::EnableDnsHostnames));
    let doing = format!("reading the DNS attributes of {vpc_id} (DescribeVpcAttribute)");
    let support = support.map_err(|e| from_sdk(&doing, e))?;
    let hostnames = hostnames.map_err(|e| from_sdk(&doing, e))?;
    Ok(VpcDns {
        dns_support: support.enable_dns_support().and_then(|a| a.value()).unwrap_or(false),
        dns_hostnames: hostnames.enable_dns_hostnames().and_then(|a| a.value()).unwrap_or(false),
    })
}

/// Turns on a VPC DNS attribute (`enableDnsSupport` or `enableDnsHostnames`).
pub async fn enable_vpc_attribute(aws: &Aws, vpc: &str, attr: &str) -> Result<(), Failure> {
    let on = AttributeBooleanValue::builder().value(true).build();
    let req = aws.ec2.modify_vpc_attribute().vpc_id(vpc);
    let req = if attr == "enableDnsSupport" { req.enable_dns_support(on) } else { req.enable_dns_hostnames(on) };
    req.send().await.map(|_| ()).map_err(|e| from_sdk(&format!("turning on {attr} of {vpc} (ModifyVpcAttribute)"), e))
}

/// EC2 instances by id.
pub async fn instances(aws: &Aws, ids: &[String]) -> Result<HashMap<String, Ec2Instance>, Failure> {
    let found = in_chunks(ids, IDS_PER_CALL, |chunk| {
        let req = aws.ec2.describe_instances().filters(filter("instance-id", chunk)).max_results(1000);
        async move {
            let pages: Vec<_> =
                req.into_paginator().send().try_collect().await.map_err(|e| {
                    from_sdk("describing the container instances' EC2 instances (DescribeInstances)", e)
                })?;
            Ok(pages
                .iter()
                .flat_map(|p| p.reservations())
                .flat_map(|r| r.instances())
                .map(|i| Ec2Instance {
                    id: i.instance_id().unwrap_or_default().to_string(),
                    instance_type: i.instance_type().map(|t| t.as_str().to_string()).unwrap_or_default(),
                    availability_zone: i
                        .placement()
                        .and_then(|p| p.availability_zone())
                        .unwrap_or_default()
                        .to_string(),
                    subnet_id: i.subnet_id().map(str::to_string),
                    vpc_id: i.vpc_id().map(str::to_string),
                    instance_profile_arn: i.iam_instance_profile().and_then(|p| p.arn()).map(str::to_string),
                    dns_a_record: i
                        .private_dns_name_options()
                        .and_then(|o| o.enable_resource_name_dns_a_record())
                        .unwrap_or(false),
                    security_groups: primary_groups(i),
                    public_ip: i.public_ip_address().is_some(),
                })
                .collect())
        }
    })
    .await?;
    Ok(found.into_iter().map(|i| (i.id.clone(), i)).collect())
}

/// The groups of the instance's primary network interface (device index 0: the agent's traffic
/// leaves through it), else the instance's SecurityGroups (EC2 API Reference, Instance).
fn primary_groups(i: &aws_sdk_ec2::types::Instance) -> Vec<String> {
    let primary = i
        .network_interfaces()
        .iter()
        .find(|n| n.attachment().and_then(|a| a.device_index()) == Some(0))
        .map(|n| n.groups())
        .filter(|g| !g.is_empty());
    match primary {
        Some(groups) => groups.iter().filter_map(|g| g.group_id().map(str::to_string)).collect(),
        None => i.security_groups().iter().filter_map(|g| g.group_id().map(str::to_string)).collect(),
    }
}

/// MaximumNetworkInterfaces per instance type (DescribeInstanceTypes, 100 types a call).
pub async fn max_enis(aws: &Aws, types: &[String]) -> Result<HashMap<String, i32>, Failure> {
    let found = in_chunks(types, 100, |chunk| {
        let req = aws
            .ec2
            .describe_instance_types()
            .set_instance_types(Some(chunk.iter().map(|t| t.as_str().into()).collect()));
        async move {
            let pages: Vec<_> = req
                .into_paginator()
                .send()
                .try_collect()
                .await
                .map_err(|e| from_sdk("describing instance types (DescribeInstanceTypes)", e))?;
            Ok(pages
                .iter()
                .flat_map(|p| p.instance_types())
                .filter_map(|t| {
                    Some((
                        t.instance_type()?.as_str().to_string(),
                        t.network_info().and_then(|n| n.maximum_network_interfaces())?,
                    ))
                })
                .collect())
        }
    })
    .await?;
    Ok(found.into_iter().collect())
}
