//! Fetchers: batched, concurrent reads from AWS that return inventory structs.
//! ListTasks pages 100 at a time; each page's DescribeTasks (100 per call) starts as soon as the
//! page arrives, at most `CONCURRENCY` calls at once. EC2 lookups go 200 ids per call.

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::Result;
use aws_sdk_ec2::types::Filter;
use aws_smithy_types::date_time::Format;
use aws_smithy_types::DateTime;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::aws::Aws;
use crate::error::from_sdk;
use crate::inventory::{Attachment, NetworkInterface, SecurityGroupRef, Task, TaskFailure};

/// How many AWS calls of one kind run at once.
pub const CONCURRENCY: usize = 8;
/// DescribeTasks takes at most 100 tasks a call; ListTasks pages at most 100.
pub const TASKS_PER_CALL: usize = 100;
/// DescribeNetworkInterfaces: ids per call (as filter values, so unknown ids are not errors).
pub const ENIS_PER_CALL: usize = 200;

/// The ListTasks filters.
#[derive(Debug, Clone, Default)]
pub struct TaskFilter {
    pub service: Option<String>,
    pub family: Option<String>,
    pub started_by: Option<String>,
    pub container_instance: Option<String>,
    pub desired_status: Option<String>,
    pub launch_type: Option<String>,
}

/// Tasks and failures of one or more DescribeTasks calls.
#[derive(Debug, Default)]
pub struct Described {
    pub tasks: Vec<Task>,
    pub failures: Vec<TaskFailure>,
}

/// Called with (done, total-so-far) while tasks are fetched.
pub type Progress = Arc<dyn Fn(u64, u64) + Send + Sync>;

/// Every task of the cluster matching the filter: ListTasks pages, each described as it comes.
pub async fn cluster_tasks(aws: &Aws, cluster: &str, filter: &TaskFilter, progress: Progress) -> Result<Described> {
    let limit = Arc::new(Semaphore::new(CONCURRENCY));
    let mut describing = JoinSet::new();
    let mut next: Option<String> = None;
    let mut listed: u64 = 0;
    let done = Arc::new(std::sync::atomic::AtomicU64::new(0));
    loop {
        let page = aws
            .ecs
            .list_tasks()
            .cluster(cluster)
            .max_results(TASKS_PER_CALL as i32)
            .set_next_token(next.take())
            .set_service_name(filter.service.clone())
            .set_family(filter.family.clone())
            .set_started_by(filter.started_by.clone())
            .set_container_instance(filter.container_instance.clone())
            .set_desired_status(filter.desired_status.as_deref().map(Into::into))
            .set_launch_type(filter.launch_type.as_deref().map(Into::into))
            .send()
            .await
            .map_err(|e| from_sdk(&format!("listing the tasks of cluster {cluster} (ListTasks)"), e))?;
        let arns = page.task_arns().to_vec();
        listed += arns.len() as u64;
        progress(done.load(std::sync::atomic::Ordering::Relaxed), listed);
        if !arns.is_empty() {
            let (ecs, cluster, limit, done, progress) =
                (aws.ecs.clone(), cluster.to_string(), limit.clone(), done.clone(), progress.clone());
            describing.spawn(async move {
                let _permit = limit.acquire_owned().await;
                let n = arns.len() as u64;
                let out = describe_chunk(&ecs, &cluster, arns).await;
                let now = done.fetch_add(n, std::sync::atomic::Ordering::Relaxed) + n;
                progress(now, listed);
                out
            });
        }
        next = page.next_token().filter(|t| !t.is_empty()).map(str::to_string);
        if next.is_none() {
            break;
        }
    }
    let mut all = Described::default();
    let mut chunks = Vec::new();
    while let Some(joined) = describing.join_next().await {
        chunks.push(joined??);
    }
    // Keep a stable order whatever order the calls finished in.
    for d in chunks {
        all.tasks.extend(d.tasks);
        all.failures.extend(d.failures);
    }
    all.tasks.sort_by(|a, b| a.arn.cmp(&b.arn));
    Ok(all)
}

/// The named tasks of one cluster, 100 per DescribeTasks call, concurrently.
pub async fn describe_tasks(aws: &Aws, cluster: &str, tasks: &[String]) -> Result<Described> {
    let limit = Arc::new(Semaphore::new(CONCURRENCY));
    let mut set = JoinSet::new();
    for (i, chunk) in tasks.chunks(TASKS_PER_CALL).enumerate() {
        let (ecs, cluster, chunk, limit) = (aws.ecs.clone(), cluster.to_string(), chunk.to_vec(), limit.clone());
        set.spawn(async move {
            let _permit = limit.acquire_owned().await;
            describe_chunk(&ecs, &cluster, chunk).await.map(|d| (i, d))
        });
    }
    let mut parts = Vec::new();
    while let Some(joined) = set.join_next().await {
        parts.push(joined??);
    }
    parts.sort_by_key(|(i, _)| *i);
    let mut all = Described::default();
    for (_, d) in parts {
        all.tasks.extend(d.tasks);
        all.failures.extend(d.failures);
    }
    Ok(all)
}

async fn describe_chunk(ecs: &aws_sdk_ecs::Client, cluster: &str, arns: Vec<String>) -> Result<Described> {
    let out = ecs
        .describe_tasks()
        .cluster(cluster)
        .set_tasks(Some(arns))
        .send()
        .await
        .map_err(|e| from_sdk(&format!("describing tasks of cluster {cluster} (DescribeTasks)"), e))?;
    Ok(Described {
        tasks: out.tasks().iter().map(task_from_sdk).collect(),
        failures: out
            .failures()
            .iter()
            .map(|f| TaskFailure {
                arn: f.arn().unwrap_or_default().to_string(),
                reason: f.reason().unwrap_or("UNKNOWN").to_string(),
                detail: f.detail().map(str::to_string),
            })
            .collect(),
    })
}

fn ts(t: Option<&DateTime>) -> Option<String> {
    t.and_then(|t| t.fmt(Format::DateTime).ok())
}

pub fn task_from_sdk(t: &aws_sdk_ecs::types::Task) -> Task {
    let arn = t.task_arn().unwrap_or_default().to_string();
    Task {
        id: arn.rsplit('/').next().unwrap_or_default().to_string(),
        arn,
        cluster_arn: t.cluster_arn().unwrap_or_default().to_string(),
        last_status: t.last_status().unwrap_or("UNKNOWN").to_string(),
        desired_status: t.desired_status().unwrap_or("UNKNOWN").to_string(),
        launch_type: t.launch_type().map(|l| l.as_str().to_string()).filter(|s| !s.is_empty()),
        capacity_provider: t.capacity_provider_name().map(str::to_string),
        task_definition_arn: t.task_definition_arn().unwrap_or_default().to_string(),
        group: t.group().map(str::to_string),
        started_by: t.started_by().map(str::to_string).filter(|s| !s.is_empty()),
        container_instance_arn: t.container_instance_arn().map(str::to_string),
        availability_zone: t.availability_zone().map(str::to_string),
        stop_code: t.stop_code().map(|c| c.as_str().to_string()),
        stopped_reason: t.stopped_reason().map(str::to_string).filter(|s| !s.is_empty()),
        created_at: ts(t.created_at()),
        pull_started_at: ts(t.pull_started_at()),
        pull_stopped_at: ts(t.pull_stopped_at()),
        started_at: ts(t.started_at()),
        stopping_at: ts(t.stopping_at()),
        stopped_at: ts(t.stopped_at()),
        attachments: t
            .attachments()
            .iter()
            .map(|a| Attachment {
                id: a.id().unwrap_or_default().to_string(),
                kind: a.r#type().unwrap_or_default().to_string(),
                status: a.status().unwrap_or("UNKNOWN").to_string(),
                details: a
                    .details()
                    .iter()
                    .filter_map(|kv| Some((kv.name()?.to_string(), kv.value().unwrap_or_default().to_string())))
                    .collect(),
            })
            .collect(),
    }
}

/// The ENIs EC2 knows among `ids`, by id. Ids EC2 does not know are simply absent.
pub async fn network_interfaces(aws: &Aws, ids: &[String]) -> Result<HashMap<String, NetworkInterface>> {
    let limit = Arc::new(Semaphore::new(CONCURRENCY));
    let mut set = JoinSet::new();
    for chunk in ids.chunks(ENIS_PER_CALL) {
        let (ec2, chunk, limit) = (aws.ec2.clone(), chunk.to_vec(), limit.clone());
        set.spawn(async move {
            let _permit = limit.acquire_owned().await;
            let mut found = Vec::new();
            let mut next: Option<String> = None;
            loop {
                let out = ec2
                    .describe_network_interfaces()
                    .filters(Filter::builder().name("network-interface-id").set_values(Some(chunk.clone())).build())
                    .max_results(1000)
                    .set_next_token(next.take())
                    .send()
                    .await
                    .map_err(|e| from_sdk("describing the tasks' network interfaces (DescribeNetworkInterfaces)", e))?;
                found.extend(out.network_interfaces().iter().map(eni_from_sdk));
                next = out.next_token().filter(|t| !t.is_empty()).map(str::to_string);
                if next.is_none() {
                    break;
                }
            }
            anyhow::Ok(found)
        });
    }
    let mut all = HashMap::new();
    while let Some(joined) = set.join_next().await {
        for eni in joined?? {
            all.insert(eni.id.clone(), eni);
        }
    }
    Ok(all)
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

use crate::inventory::{Fact, RouteTable, SecurityGroup, Subnet, Unavailable, VpcDns};

/// A failed fetch as a fact: the message names the operation and AWS's error code.
fn unavailable(err: anyhow::Error) -> Unavailable {
    let text = match err.chain().find_map(|e| e.downcast_ref::<crate::error::Failure>()) {
        Some(f) => f.message.clone(),
        None => format!("{err:#}"),
    };
    Unavailable(text)
}

/// Whether the ECS service-linked role exists (IAM GetRole).
pub async fn service_linked_role(aws: &Aws) -> Fact<bool> {
    match aws.iam.get_role().role_name("AWSServiceRoleForECS").send().await {
        Ok(_) => Ok(true),
        Err(e) if e.as_service_error().is_some_and(|s| s.is_no_such_entity_exception()) => Ok(false),
        Err(e) => Err(unavailable(from_sdk("reading IAM role AWSServiceRoleForECS (GetRole)", e))),
    }
}

/// The subnets among `ids` (filter, so unknown ids are simply absent).
pub async fn subnets(aws: &Aws, ids: &[String]) -> Fact<Vec<Subnet>> {
    let out = aws
        .ec2
        .describe_subnets()
        .filters(Filter::builder().name("subnet-id").set_values(Some(ids.to_vec())).build())
        .send()
        .await
        .map_err(|e| unavailable(from_sdk("describing subnets (DescribeSubnets)", e)))?;
    Ok(out
        .subnets()
        .iter()
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
        })
        .collect())
}

/// The security groups among `ids`.
pub async fn security_groups(aws: &Aws, ids: &[String]) -> Fact<Vec<SecurityGroup>> {
    let out = aws
        .ec2
        .describe_security_groups()
        .filters(Filter::builder().name("group-id").set_values(Some(ids.to_vec())).build())
        .send()
        .await
        .map_err(|e| unavailable(from_sdk("describing security groups (DescribeSecurityGroups)", e)))?;
    Ok(out
        .security_groups()
        .iter()
        .map(|g| SecurityGroup {
            id: g.group_id().unwrap_or_default().into(),
            name: g.group_name().unwrap_or_default().into(),
            vpc_id: g.vpc_id().unwrap_or_default().into(),
        })
        .collect())
}

/// Every route table of the VPCs (one call for all of them).
pub async fn route_tables(aws: &Aws, vpc_ids: &[String]) -> Fact<Vec<RouteTable>> {
    let out = aws
        .ec2
        .describe_route_tables()
        .filters(Filter::builder().name("vpc-id").set_values(Some(vpc_ids.to_vec())).build())
        .send()
        .await
        .map_err(|e| unavailable(from_sdk("describing route tables (DescribeRouteTables)", e)))?;
    Ok(out
        .route_tables()
        .iter()
        .map(|t| RouteTable {
            id: t.route_table_id().unwrap_or_default().into(),
            vpc_id: t.vpc_id().unwrap_or_default().into(),
            main: t.associations().iter().any(|a| a.main().unwrap_or(false)),
            subnet_ids: t.associations().iter().filter_map(|a| a.subnet_id().map(str::to_string)).collect(),
            routes: t
                .routes()
                .iter()
                .filter(|r| r.state().is_none_or(|s| s.as_str() == "active"))
                .map(|r| {
                    let dest =
                        r.destination_cidr_block().or(r.destination_ipv6_cidr_block()).unwrap_or_default().to_string();
                    let target = r
                        .gateway_id()
                        .or(r.nat_gateway_id())
                        .or(r.egress_only_internet_gateway_id())
                        .or(r.transit_gateway_id())
                        .or(r.vpc_peering_connection_id())
                        .or(r.network_interface_id())
                        .or(r.instance_id())
                        .unwrap_or_default()
                        .to_string();
                    (dest, target)
                })
                .collect(),
        })
        .collect())
}

/// A VPC's DNS attributes (DescribeVpcAttribute takes one attribute of one VPC a call).
pub async fn vpc_dns(aws: &Aws, vpc_id: &str) -> Fact<VpcDns> {
    use aws_sdk_ec2::types::VpcAttributeName;
    let ask = |attr: VpcAttributeName| aws.ec2.describe_vpc_attribute().vpc_id(vpc_id).attribute(attr).send();
    let (support, hostnames) =
        tokio::join!(ask(VpcAttributeName::EnableDnsSupport), ask(VpcAttributeName::EnableDnsHostnames));
    let doing = format!("reading the DNS attributes of {vpc_id} (DescribeVpcAttribute)");
    let support = support.map_err(|e| unavailable(from_sdk(&doing, e)))?;
    let hostnames = hostnames.map_err(|e| unavailable(from_sdk(&doing, e)))?;
    Ok(VpcDns {
        dns_support: support.enable_dns_support().and_then(|a| a.value()).unwrap_or(false),
        dns_hostnames: hostnames.enable_dns_hostnames().and_then(|a| a.value()).unwrap_or(false),
    })
}

use crate::inventory::{ContainerInstance, Ec2Instance, EffectiveSettings};

/// Keeps usage errors (an unknown cluster) fatal; anything else becomes an unavailable fact.
pub fn fatal_or_unavailable(err: anyhow::Error) -> Result<Unavailable> {
    match err.chain().find_map(|e| e.downcast_ref::<crate::error::Failure>()) {
        Some(f) if f.kind == crate::error::Kind::Usage => Err(err),
        _ => Ok(unavailable(err)),
    }
}

/// Every cluster of the account and region (ListClusters, 100 a page).
pub async fn cluster_names(aws: &Aws) -> Result<Vec<String>> {
    let mut names = Vec::new();
    let mut next = None;
    loop {
        let out = aws
            .ecs
            .list_clusters()
            .max_results(100)
            .set_next_token(next.take())
            .send()
            .await
            .map_err(|e| from_sdk("listing the clusters (ListClusters)", e))?;
        names.extend(out.cluster_arns().iter().map(|a| crate::ids::cluster_name(a)));
        next = out.next_token().filter(|t| !t.is_empty()).map(str::to_string);
        if next.is_none() {
            break;
        }
    }
    names.sort();
    Ok(names)
}

/// Every container instance of the cluster: ListContainerInstances pages of 100, each
/// described (100 a call) as it arrives.
pub async fn container_instances(aws: &Aws, cluster: &str) -> Result<Vec<ContainerInstance>> {
    let limit = Arc::new(Semaphore::new(CONCURRENCY));
    let mut set = JoinSet::new();
    let mut next = None;
    loop {
        let page = aws
            .ecs
            .list_container_instances()
            .cluster(cluster)
            .max_results(100)
            .set_next_token(next.take())
            .send()
            .await
            .map_err(|e| {
                from_sdk(&format!("listing the container instances of cluster {cluster} (ListContainerInstances)"), e)
            })?;
        let arns = page.container_instance_arns().to_vec();
        if !arns.is_empty() {
            let (ecs, cluster, limit) = (aws.ecs.clone(), cluster.to_string(), limit.clone());
            set.spawn(async move {
                let _permit = limit.acquire_owned().await;
                let out = ecs
                    .describe_container_instances()
                    .cluster(&cluster)
                    .set_container_instances(Some(arns))
                    .send()
                    .await
                    .map_err(|e| {
                        from_sdk(
                            &format!(
                                "describing container instances of cluster {cluster} (DescribeContainerInstances)"
                            ),
                            e,
                        )
                    })?;
                anyhow::Ok(out.container_instances().iter().map(container_instance_from_sdk).collect::<Vec<_>>())
            });
        }
        next = page.next_token().filter(|t| !t.is_empty()).map(str::to_string);
        if next.is_none() {
            break;
        }
    }
    let mut all = Vec::new();
    while let Some(joined) = set.join_next().await {
        all.extend(joined??);
    }
    all.sort_by(|a, b| a.arn.cmp(&b.arn));
    Ok(all)
}

fn container_instance_from_sdk(c: &aws_sdk_ecs::types::ContainerInstance) -> ContainerInstance {
    ContainerInstance {
        arn: c.container_instance_arn().unwrap_or_default().to_string(),
        ec2_instance_id: c.ec2_instance_id().map(str::to_string),
        status: c.status().unwrap_or("UNKNOWN").to_string(),
        status_reason: c.status_reason().map(str::to_string).filter(|s| !s.is_empty()),
        agent_connected: c.agent_connected(),
        agent_version: c.version_info().and_then(|v| v.agent_version()).map(str::to_string),
        attributes: c.attributes().iter().map(|a| (a.name().to_string(), a.value().map(str::to_string))).collect(),
    }
}

/// EC2 instances by id (filter `instance-id`, 200 ids a call, concurrently).
pub async fn ec2_instances(aws: &Aws, ids: &[String]) -> Result<HashMap<String, Ec2Instance>> {
    let limit = Arc::new(Semaphore::new(CONCURRENCY));
    let mut set = JoinSet::new();
    for chunk in ids.chunks(200) {
        let (ec2, chunk, limit) = (aws.ec2.clone(), chunk.to_vec(), limit.clone());
        set.spawn(async move {
            let _permit = limit.acquire_owned().await;
            let mut found = Vec::new();
            let mut next = None;
            loop {
                let out = ec2
                    .describe_instances()
                    .filters(Filter::builder().name("instance-id").set_values(Some(chunk.clone())).build())
                    .max_results(1000)
                    .set_next_token(next.take())
                    .send()
                    .await
                    .map_err(|e| {
                        from_sdk("describing the container instances' EC2 instances (DescribeInstances)", e)
                    })?;
                for r in out.reservations() {
                    for i in r.instances() {
                        found.push(Ec2Instance {
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
                        });
                    }
                }
                next = out.next_token().filter(|t| !t.is_empty()).map(str::to_string);
                if next.is_none() {
                    break;
                }
            }
            anyhow::Ok(found)
        });
    }
    let mut all = HashMap::new();
    while let Some(joined) = set.join_next().await {
        for i in joined?? {
            all.insert(i.id.clone(), i);
        }
    }
    Ok(all)
}

/// MaximumNetworkInterfaces per instance type (DescribeInstanceTypes, 100 types a call).
pub async fn max_enis(aws: &Aws, types: &[String]) -> Result<HashMap<String, i32>> {
    let mut all = HashMap::new();
    for chunk in types.chunks(100) {
        let mut next = None;
        loop {
            let out = aws
                .ec2
                .describe_instance_types()
                .set_instance_types(Some(chunk.iter().map(|t| t.as_str().into()).collect()))
                .set_next_token(next.take())
                .send()
                .await
                .map_err(|e| from_sdk("describing instance types (DescribeInstanceTypes)", e))?;
            for t in out.instance_types() {
                if let (Some(name), Some(max)) = (
                    t.instance_type().map(|n| n.as_str().to_string()),
                    t.network_info().and_then(|n| n.maximum_network_interfaces()),
                ) {
                    all.insert(name, max);
                }
            }
            next = out.next_token().filter(|t| !t.is_empty()).map(str::to_string);
            if next.is_none() {
                break;
            }
        }
    }
    Ok(all)
}

/// The role of an instance profile (IAM GetInstanceProfile; no batch API exists, so one call per
/// distinct profile, which a cluster has few of).
pub async fn instance_profile_role(aws: &Aws, profile_arn: &str) -> Fact<Option<String>> {
    let name = profile_arn.rsplit('/').next().unwrap_or(profile_arn);
    let out = aws
        .iam
        .get_instance_profile()
        .instance_profile_name(name)
        .send()
        .await
        .map_err(|e| unavailable(from_sdk(&format!("reading instance profile {name} (GetInstanceProfile)"), e)))?;
    Ok(out.instance_profile().and_then(|p| p.roles().first()).map(|r| r.arn().to_string()))
}

/// The settings in force for a principal (None: the caller), one call for all setting names.
pub async fn effective_settings(aws: &Aws, principal: Option<&str>) -> Fact<EffectiveSettings> {
    let who = principal.unwrap_or("the caller");
    let out = aws
        .ecs
        .list_account_settings()
        .effective_settings(true)
        .set_principal_arn(principal.map(str::to_string))
        .send()
        .await
        .map_err(|e| {
            unavailable(from_sdk(&format!("reading the account settings of {who} (ListAccountSettings)"), e))
        })?;
    let mut s = EffectiveSettings::default();
    for setting in out.settings() {
        let value = setting.value().map(str::to_string);
        match setting.name().map(|n| n.as_str()) {
            Some("awsvpcTrunking") => s.awsvpc_trunking = value,
            Some("dualStackIPv6") => s.dual_stack_ipv6 = value,
            _ => {}
        }
    }
    Ok(s)
}

/// ENIs attached to the instances (filter `attachment.instance-id`, 200 ids a call).
pub async fn instance_enis(aws: &Aws, instance_ids: &[String]) -> Result<Vec<NetworkInterface>> {
    let mut all = Vec::new();
    for chunk in instance_ids.chunks(200) {
        let mut next = None;
        loop {
            let out = aws
                .ec2
                .describe_network_interfaces()
                .filters(Filter::builder().name("attachment.instance-id").set_values(Some(chunk.to_vec())).build())
                .max_results(1000)
                .set_next_token(next.take())
                .send()
                .await
                .map_err(|e| from_sdk("describing the instances' network interfaces (DescribeNetworkInterfaces)", e))?;
            all.extend(out.network_interfaces().iter().map(eni_from_sdk));
            next = out.next_token().filter(|t| !t.is_empty()).map(str::to_string);
            if next.is_none() {
                break;
            }
        }
    }
    Ok(all)
}

use crate::inventory::{LoadBalancerRef, Service, TargetGroup, TaskDefinition};

/// A task definition by family, family:revision or ARN.
pub async fn task_definition(aws: &Aws, name: &str) -> Result<TaskDefinition> {
    let out = aws
        .ecs
        .describe_task_definition()
        .task_definition(name)
        .send()
        .await
        .map_err(|e| from_sdk(&format!("describing task definition {name} (DescribeTaskDefinition)"), e))?;
    let td = out
        .task_definition()
        .ok_or_else(|| crate::error::Failure::usage(format!("task definition {name} not found")))?;
    Ok(TaskDefinition {
        arn: td.task_definition_arn().unwrap_or(name).to_string(),
        network_mode: td.network_mode().map(|m| m.as_str().to_string()).unwrap_or_else(|| "bridge".into()),
        requires_compatibilities: td.requires_compatibilities().iter().map(|c| c.as_str().to_string()).collect(),
        cpu: td.cpu().map(str::to_string),
        memory: td.memory().map(str::to_string),
    })
}

/// A service of a cluster; an unknown one is invalid input.
pub async fn service(aws: &Aws, cluster: &str, name: &str) -> Result<Service> {
    let out = aws
        .ecs
        .describe_services()
        .cluster(cluster)
        .services(name)
        .send()
        .await
        .map_err(|e| from_sdk(&format!("describing service {name} of cluster {cluster} (DescribeServices)"), e))?;
    let Some(s) = out.services().first() else {
        let reason = out.failures().first().and_then(|f| f.reason()).unwrap_or("MISSING");
        return Err(crate::error::Failure::usage(format!(
            "service {name} was not found in cluster {cluster} ({reason})"
        ))
        .into());
    };
    let vpc = s.network_configuration().and_then(|n| n.awsvpc_configuration());
    let launch_type = s.launch_type().map(|l| l.as_str().to_string()).or_else(|| {
        let providers: Vec<&str> = s.capacity_provider_strategy().iter().map(|p| p.capacity_provider()).collect();
        if providers.is_empty() {
            None
        } else if providers.iter().all(|p| p.starts_with("FARGATE")) {
            Some("FARGATE".into())
        } else {
            Some("EC2".into())
        }
    });
    Ok(Service {
        name: s.service_name().unwrap_or(name).to_string(),
        arn: s.service_arn().unwrap_or_default().to_string(),
        task_definition: s.task_definition().unwrap_or_default().to_string(),
        launch_type,
        subnets: vpc.map(|v| v.subnets().to_vec()).unwrap_or_default(),
        security_groups: vpc.map(|v| v.security_groups().to_vec()).unwrap_or_default(),
        assign_public_ip: vpc.and_then(|v| v.assign_public_ip()).is_some_and(|a| a.as_str() == "ENABLED"),
        capacity_provider_strategy: s
            .capacity_provider_strategy()
            .iter()
            .map(|p| (p.capacity_provider().to_string(), p.weight(), p.base()))
            .collect(),
        platform_version: s.platform_version().map(str::to_string),
        enable_execute_command: s.enable_execute_command(),
        load_balancers: s
            .load_balancers()
            .iter()
            .map(|l| LoadBalancerRef {
                target_group_arn: l.target_group_arn().map(str::to_string),
                load_balancer_name: l.load_balancer_name().map(str::to_string),
            })
            .collect(),
    })
}

/// A target group; Ok(None) when ELBv2 does not know it.
pub async fn target_group(aws: &Aws, arn: &str) -> Fact<Option<TargetGroup>> {
    match aws.elbv2.describe_target_groups().target_group_arns(arn).send().await {
        Ok(out) => Ok(out.target_groups().first().map(|t| TargetGroup {
            arn: t.target_group_arn().unwrap_or(arn).to_string(),
            name: t.target_group_name().unwrap_or_default().to_string(),
            target_type: t.target_type().map(|t| t.as_str().to_string()).unwrap_or_default(),
            vpc_id: t.vpc_id().map(str::to_string),
        })),
        Err(e) if e.as_service_error().is_some_and(|s| s.is_target_group_not_found_exception()) => Ok(None),
        Err(e) => Err(unavailable(from_sdk(&format!("describing target group {arn} (DescribeTargetGroups)"), e))),
    }
}
