//! ECS reads and writes. Every list follows `nextToken` to the end (the SDK's paginators);
//! DescribeTasks and DescribeContainerInstances take 100 ARNs a call, and each listed page is
//! described as soon as it arrives, at most `CONCURRENCY` calls at once.

use std::future::Future;
use std::sync::Arc;

use aws_sdk_ecs::types::{
    AssignPublicIp, AwsVpcConfiguration, CapacityProviderStrategyItem, ContainerOverride, KeyValuePair, LaunchType,
    NetworkConfiguration, PropagateTags, SettingName, Tag, TaskOverride,
};
use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::error::from_sdk;
use super::{Aws, CONCURRENCY, joined};
use crate::error::Failure;
use crate::inventory::{
    Attachment, ContainerInstance, EffectiveSettings, PlacementFailure, Progress, RunTaskRequest, Task, TaskDefinition,
    TaskFailure,
};

pub use super::ecs_services::{service, service_subnets};

/// DescribeTasks and DescribeContainerInstances take at most 100 ARNs a call; ListTasks and
/// ListContainerInstances page at most 100 (API reference, `maxResults`).
pub const PER_CALL: usize = 100;

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

impl Described {
    pub fn extend(&mut self, other: Described) {
        self.tasks.extend(other.tasks);
        self.failures.extend(other.failures);
    }
}

/// A progress callback that shows nothing.
pub fn no_progress() -> Progress {
    Arc::new(|_, _| {})
}

/// Lists ARNs page by page (`list(token)` returns a page and the next token) and describes each
/// page as soon as it arrives, at most `CONCURRENCY` descriptions at once. The parts come back
/// in listing order.
async fn list_and_describe<R, L, LF, D, DF>(mut list: L, describe: D, progress: &Progress) -> Result<Vec<R>, Failure>
where
    R: Send + 'static,
    L: FnMut(Option<String>) -> LF,
    LF: Future<Output = Result<(Vec<String>, Option<String>), Failure>>,
    D: Fn(Vec<String>) -> DF,
    DF: Future<Output = Result<R, Failure>> + Send + 'static,
{
    let limit = Arc::new(Semaphore::new(CONCURRENCY));
    let done = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let mut set = JoinSet::new();
    let (mut next, mut listed, mut index) = (None, 0u64, 0usize);
    loop {
        let (arns, token) = list(next.take()).await?;
        listed += arns.len() as u64;
        progress(done.load(std::sync::atomic::Ordering::Relaxed), listed);
        if !arns.is_empty() {
            let (n, call) = (arns.len() as u64, describe(arns));
            let (limit, done, progress, i) = (limit.clone(), done.clone(), progress.clone(), index);
            set.spawn(async move {
                let _permit = limit.acquire_owned().await;
                let out = call.await;
                progress(done.fetch_add(n, std::sync::atomic::Ordering::Relaxed) + n, listed);
                out.map(|r| (i, r))
            });
            index += 1;
        }
        next = token.filter(|t| !t.is_empty());
        if next.is_none() {
            break;
        }
    }
    let mut parts = Vec::new();
    while let Some(j) = set.join_next().await {
        parts.push(joined(j)??);
    }
    parts.sort_by_key(|(i, _)| *i);
    Ok(parts.into_iter().map(|(_, r)| r).collect())
}

/// Every task of the cluster matching the filter, sorted by ARN.
pub async fn cluster_tasks(
    aws: &Aws,
    cluster: &str,
    filter: &TaskFilter,
    progress: &Progress,
) -> Result<Described, Failure> {
    let list = |token: Option<String>| {
        let req = aws
            .ecs
            .list_tasks()
            .cluster(cluster)
            .max_results(PER_CALL as i32)
            .set_next_token(token)
            .set_service_name(filter.service.clone())
            .set_family(filter.family.clone())
            .set_started_by(filter.started_by.clone())
            .set_container_instance(filter.container_instance.clone())
            .set_desired_status(filter.desired_status.as_deref().map(Into::into))
            .set_launch_type(filter.launch_type.as_deref().map(Into::into));
        async move {
            let page = req
                .send()
                .await
                .map_err(|e| from_sdk(&format!("listing the tasks of cluster {cluster} (ListTasks)"), e))?;
            Ok((page.task_arns().to_vec(), page.next_token().map(str::to_string)))
        }
    };
    let describe = |arns: Vec<String>| describe_chunk(aws.ecs.clone(), cluster.to_string(), arns);
    let mut all = Described::default();
    for part in list_and_describe(list, describe, progress).await? {
        all.extend(part);
    }
    all.tasks.sort_by(|a, b| a.arn.cmp(&b.arn));
    Ok(all)
}

/// The named tasks of one cluster, 100 per DescribeTasks call, concurrently, in the given order.
pub async fn describe_tasks(aws: &Aws, cluster: &str, tasks: &[String]) -> Result<Described, Failure> {
    let chunks: Vec<Vec<String>> = tasks.chunks(PER_CALL).map(|c| c.to_vec()).collect();
    let limit = Arc::new(Semaphore::new(CONCURRENCY));
    let mut set = JoinSet::new();
    for (i, chunk) in chunks.into_iter().enumerate() {
        let (call, limit) = (describe_chunk(aws.ecs.clone(), cluster.to_string(), chunk), limit.clone());
        set.spawn(async move {
            let _permit = limit.acquire_owned().await;
            call.await.map(|d| (i, d))
        });
    }
    let mut parts = Vec::new();
    while let Some(j) = set.join_next().await {
        parts.push(joined(j)??);
    }
    parts.sort_by_key(|(i, _)| *i);
    let mut all = Described::default();
    for (_, d) in parts {
        all.extend(d);
    }
    Ok(all)
}

async fn describe_chunk(ecs: aws_sdk_ecs::Client, cluster: String, arns: Vec<String>) -> Result<Described, Failure> {
    let out = ecs
        .describe_tasks()
        .cluster(&cluster)
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

fn task_from_sdk(t: &aws_sdk_ecs::types::Task) -> Task {
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
        stopped_at_secs: t.stopped_at().map(|d| d.secs()),
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

/// Every cluster of the account and region (ListClusters, 100 a page), by name.
/// The clusters a command covers: the named ones, or every cluster of the region.
pub async fn resolve_clusters(aws: &Aws, clusters: &crate::ids::Clusters) -> Result<Vec<String>, Failure> {
    match clusters {
        crate::ids::Clusters::Named(names) => Ok(names.clone()),
        crate::ids::Clusters::All => cluster_names(aws).await,
    }
}

pub async fn cluster_names(aws: &Aws) -> Result<Vec<String>, Failure> {
    let pages: Vec<_> = aws
        .ecs
        .list_clusters()
        .max_results(100)
        .into_paginator()
        .send()
        .try_collect()
        .await
        .map_err(|e| from_sdk("listing the clusters (ListClusters)", e))?;
    let mut names: Vec<String> =
        pages.iter().flat_map(|p| p.cluster_arns().iter().map(|a| crate::ids::cluster_name(a))).collect();
    names.sort();
    Ok(names)
}

/// The container instance that runs on an EC2 instance: ListContainerInstances with the cluster
/// query language filter `ec2InstanceId == i-...` (API Reference, ListContainerInstances,
/// filter). One the cluster does not have is invalid input.
pub async fn container_instance_of(aws: &Aws, cluster: &str, ec2_id: &str) -> Result<String, Failure> {
    let out = aws
        .ecs
        .list_container_instances()
        .cluster(cluster)
        .filter(format!("ec2InstanceId == {ec2_id}"))
        .send()
        .await
        .map_err(|e| from_sdk(&format!("finding the container instance of {ec2_id} (ListContainerInstances)"), e))?;
    out.container_instance_arns()
        .first()
        .cloned()
        .ok_or_else(|| Failure::usage(format!("no container instance of cluster {cluster} runs on {ec2_id}")))
}

/// Every container instance of the cluster, sorted by ARN.
pub async fn container_instances(aws: &Aws, cluster: &str) -> Result<Vec<ContainerInstance>, Failure> {
    let list = |token: Option<String>| {
        let req =
            aws.ecs.list_container_instances().cluster(cluster).max_results(PER_CALL as i32).set_next_token(token);
        async move {
            let page = req.send().await.map_err(|e| {
                from_sdk(&format!("listing the container instances of cluster {cluster} (ListContainerInstances)"), e)
            })?;
            Ok((page.container_instance_arns().to_vec(), page.next_token().map(str::to_string)))
        }
    };
    let describe = |arns: Vec<String>| {
        let req = aws.ecs.describe_container_instances().cluster(cluster).set_container_instances(Some(arns));
        let doing = format!("describing container instances of cluster {cluster} (DescribeContainerInstances)");
        async move {
            let out = req.send().await.map_err(|e| from_sdk(&doing, e))?;
            Ok(out.container_instances().iter().map(container_instance_from_sdk).collect::<Vec<_>>())
        }
    };
    let mut all: Vec<ContainerInstance> =
        list_and_describe(list, describe, &no_progress()).await?.into_iter().flatten().collect();
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
        registered: resources(c.registered_resources()),
        remaining: resources(c.remaining_resources()),
    }
}

/// CPU (units) and MEMORY (MiB) are INTEGER resources; GPU is a STRINGSET of GPU ids (API
/// Reference, ContainerInstance.remainingResources and Resource).
fn resources(rs: &[aws_sdk_ecs::types::Resource]) -> crate::inventory::Resources {
    let int = |name: &str| {
        rs.iter().find(|r| r.name() == Some(name)).map(|r| match r.r#type() {
            Some("LONG") => r.long_value(),
            Some("DOUBLE") => r.double_value() as i64,
            _ => i64::from(r.integer_value()),
        })
    };
    crate::inventory::Resources {
        cpu: int("CPU"),
        memory: int("MEMORY"),
        gpu: rs.iter().find(|r| r.name() == Some("GPU")).map(|r| r.string_set_value().len() as i64),
    }
}

/// The account settings in force for a principal (None: the caller). ListAccountSettings returns
/// at most 10 settings a page, in no documented order, and there are more than 10 setting names:
/// every page is read (API reference, ListAccountSettings, `maxResults` and `nextToken`).
pub async fn effective_settings(aws: &Aws, principal: Option<&str>) -> Result<EffectiveSettings, Failure> {
    settings_of(aws, principal, None).await
}

/// The setting `name` in force for a principal: one call (ListAccountSettings by `name`).
pub async fn effective_setting(aws: &Aws, principal: &str, name: &str) -> Result<EffectiveSettings, Failure> {
    settings_of(aws, Some(principal), Some(name)).await
}

async fn settings_of(aws: &Aws, principal: Option<&str>, name: Option<&str>) -> Result<EffectiveSettings, Failure> {
    let who = principal.unwrap_or("the caller");
    let pages: Vec<_> = aws
        .ecs
        .list_account_settings()
        .effective_settings(true)
        .set_name(name.map(SettingName::from))
        .set_principal_arn(principal.map(str::to_string))
        .into_paginator()
        .send()
        .try_collect()
        .await
        .map_err(|e| from_sdk(&format!("reading the account settings of {who} (ListAccountSettings)"), e))?;
    let mut s = EffectiveSettings::default();
    for setting in pages.iter().flat_map(|p| p.settings()) {
        let value = setting.value().map(str::to_string);
        if let Some(root) = setting.principal_arn().filter(|p| p.ends_with(":root")) {
            s.account_root.get_or_insert_with(|| root.to_string());
        }
        match setting.name().map(|n| n.as_str()) {
            Some("awsvpcTrunking") => s.awsvpc_trunking = value,
            Some("dualStackIPv6") => s.dual_stack_ipv6 = value,
            _ => {}
        }
    }
    Ok(s)
}

/// A task definition by family, family:revision or ARN.
pub async fn task_definition(aws: &Aws, name: &str) -> Result<TaskDefinition, Failure> {
    let out = aws
        .ecs
        .describe_task_definition()
        .task_definition(name)
        .send()
        .await
        .map_err(|e| from_sdk(&format!("describing task definition {name} (DescribeTaskDefinition)"), e))?;
    let td = out.task_definition().ok_or_else(|| Failure::usage(format!("task definition {name} not found")))?;
    Ok(TaskDefinition {
        arn: td.task_definition_arn().unwrap_or(name).to_string(),
        network_mode: td.network_mode().map(|m| m.as_str().to_string()).unwrap_or_else(|| "bridge".into()),
        requires_compatibilities: td.requires_compatibilities().iter().map(|c| c.as_str().to_string()).collect(),
        cpu: td.cpu().map(str::to_string),
        memory: td.memory().map(str::to_string),
        compatibilities: td.compatibilities().iter().map(|c| c.as_str().to_string()).collect(),
        containers_cpu: td.container_definitions().iter().map(|c| i64::from(c.cpu())).sum(),
        containers_memory: td
            .container_definitions()
            .iter()
            .map(|c| i64::from(c.memory_reservation().or(c.memory()).unwrap_or(0)))
            .sum(),
        gpus: td
            .container_definitions()
            .iter()
            .flat_map(|c| c.resource_requirements())
            .filter(|r| r.r#type().as_str() == "GPU")
            .filter_map(|r| r.value().parse::<i64>().ok())
            .sum(),
        execution_role_arn: td.execution_role_arn().map(str::to_string),
        containers: td.container_definitions().iter().map(container_needs).collect(),
    })
}

/// What a container needs before it starts: its image, the awslogs driver's options, its secrets
/// (and the log driver's secretOptions), its registry credentials.
fn container_needs(c: &aws_sdk_ecs::types::ContainerDefinition) -> crate::inventory::ContainerNeeds {
    let log = c.log_configuration();
    let awslogs = log.filter(|l| l.log_driver().as_str() == "awslogs").and_then(|l| {
        let o = l.options()?;
        Some(crate::inventory::Awslogs {
            group: o.get("awslogs-group")?.clone(),
            region: o.get("awslogs-region").cloned(),
            create_group: o.get("awslogs-create-group").is_some_and(|v| v.eq_ignore_ascii_case("true")),
        })
    });
    let mut secrets: Vec<String> = c.secrets().iter().map(|s| s.value_from().to_string()).collect();
    secrets.extend(log.iter().flat_map(|l| l.secret_options()).map(|s| s.value_from().to_string()));
    crate::inventory::ContainerNeeds {
        name: c.name().unwrap_or_default().to_string(),
        image: c.image().unwrap_or_default().to_string(),
        awslogs,
        secrets,
        repository_credentials: c.repository_credentials().map(|r| r.credentials_parameter().to_string()),
    }
}

/// What RunTask answered: the tasks it made and the ones it could not place.
#[derive(Debug, Default)]
pub struct Launched {
    pub tasks: Vec<Task>,
    pub failures: Vec<PlacementFailure>,
}

/// RunTask with exactly the request `awsvpc run --dry-run` prints. The client token makes the
/// call idempotent, and the SDK's retries resend the same request, token included. A token
/// reused with other parameters is refused as invalid input, naming the tasks tied to it.
pub async fn run_task(aws: &Aws, r: &RunTaskRequest) -> Result<Launched, Failure> {
    let vpc = AwsVpcConfiguration::builder()
        .set_subnets(Some(r.subnets.clone()))
        .set_security_groups(if r.security_groups.is_empty() { None } else { Some(r.security_groups.clone()) })
        .assign_public_ip(if r.public_ip { AssignPublicIp::Enabled } else { AssignPublicIp::Disabled })
        .build()
        .map_err(|e| Failure::usage(format!("invalid network configuration: {e}")))?;
    let mut req = aws
        .ecs
        .run_task()
        .cluster(&r.cluster)
        .task_definition(&r.task_definition)
        .count(r.count as i32)
        .client_token(&r.client_token)
        .network_configuration(NetworkConfiguration::builder().awsvpc_configuration(vpc).build())
        .set_launch_type(r.launch_type.as_deref().map(LaunchType::from))
        .set_platform_version(r.platform_version.clone())
        .set_started_by(r.started_by.clone())
        .set_group(r.group.clone())
        .set_propagate_tags(r.propagate_tags.as_deref().map(PropagateTags::from))
        .enable_execute_command(r.enable_execute_command);
    for p in &r.capacity_providers {
        let item = CapacityProviderStrategyItem::builder()
            .capacity_provider(&p.name)
            .set_weight(p.weight)
            .set_base(p.base)
            .build()
            .map_err(|e| Failure::usage(format!("invalid capacity provider strategy: {e}")))?;
        req = req.capacity_provider_strategy(item);
    }
    for (k, v) in &r.tags {
        req = req.tags(Tag::builder().key(k).value(v).build());
    }
    let overrides: Vec<ContainerOverride> = r
        .containers
        .iter()
        .map(|c| {
            let mut o = ContainerOverride::builder().name(&c.name).set_command(c.command.clone());
            for (k, v) in &c.environment {
                o = o.environment(KeyValuePair::builder().name(k).value(v).build());
            }
            o.build()
        })
        .collect();
    if !overrides.is_empty() {
        req = req.overrides(TaskOverride::builder().set_container_overrides(Some(overrides)).build());
    }
    let out = match req.send().await {
        Ok(o) => o,
        Err(e) => {
            if let Some(aws_sdk_ecs::operation::run_task::RunTaskError::ConflictException(c)) = e.as_service_error() {
                let tied = c.resource_ids().join(" ");
                return Err(Failure::usage(format!(
                    "client token {} was already used for another launch (ConflictException: {}); tasks tied to it: {}",
                    r.client_token,
                    c.message().unwrap_or(""),
                    if tied.is_empty() { "none listed".to_string() } else { tied }
                ))
                .with_hint("use a new --client-token, or repeat the original launch exactly to get its tasks"));
            }
            return Err(from_sdk(&format!("launching {} in cluster {} (RunTask)", r.task_definition, r.cluster), e));
        }
    };
    Ok(Launched {
        tasks: out.tasks().iter().map(task_from_sdk).collect(),
        failures: out
            .failures()
            .iter()
            .map(|f| PlacementFailure {
                arn: f.arn().map(str::to_string),
                reason: f.reason().unwrap_or("UNKNOWN").to_string(),
                detail: f.detail().map(str::to_string),
            })
            .collect(),
    })
}

/// StopTask has no batch form: one call per task, a few at once. Returns the ARNs stopped,
/// sorted.
pub async fn stop_tasks(aws: &Aws, cluster: &str, arns: &[String], reason: &str) -> Result<Vec<String>, Failure> {
    let limit = Arc::new(Semaphore::new(CONCURRENCY));
    let mut set = JoinSet::new();
    for arn in arns {
        let req = aws.ecs.stop_task().cluster(cluster).task(arn).reason(reason);
        let (arn, limit) = (arn.clone(), limit.clone());
        set.spawn(async move {
            let _permit = limit.acquire_owned().await;
            req.send().await.map_err(|e| from_sdk(&format!("stopping task {arn} (StopTask)"), e)).map(|_| arn)
        });
    }
    let mut stopped = Vec::new();
    while let Some(j) = set.join_next().await {
        stopped.push(joined(j)??);
    }
    stopped.sort();
    Ok(stopped)
}

/// Polls DescribeTasks every `poll` until `done` holds for the tasks or `timeout` passes; each
/// answer goes to `seen` (for a progress display). Returns the last answer and whether it timed
/// out. `run` and `stop` share it; a caller that must react to Ctrl-C races it with the signal.
pub async fn poll_tasks(
    aws: &Aws,
    cluster: &str,
    arns: &[String],
    poll: std::time::Duration,
    timeout: std::time::Duration,
    mut seen: impl FnMut(&[Task]),
    done: impl Fn(&[Task]) -> bool,
) -> Result<(Vec<Task>, bool), Failure> {
    let start = std::time::Instant::now();
    loop {
        let d = describe_tasks(aws, cluster, arns).await?;
        seen(&d.tasks);
        if done(&d.tasks) {
            return Ok((d.tasks, false));
        }
        if start.elapsed() >= timeout {
            return Ok((d.tasks, true));
        }
        tokio::time::sleep(poll).await;
    }
}

/// Turns an account setting on, as the account default (no principal) or for a principal.
pub async fn enable_setting(aws: &Aws, name: &str, principal: Option<&str>) -> Result<(), Failure> {
    // The settings read so far in this run no longer hold: the next gathering reads them again.
    aws.once.forget();
    match principal {
        None => aws
            .ecs
            .put_account_setting_default()
            .name(SettingName::from(name))
            .value("enabled")
            .send()
            .await
            .map(|_| ())
            .map_err(|e| from_sdk(&format!("enabling {name} as the account default (PutAccountSettingDefault)"), e))?,
        Some(p) => aws
            .ecs
            .put_account_setting()
            .name(SettingName::from(name))
            .value("enabled")
            .principal_arn(p)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| from_sdk(&format!("enabling {name} for {p} (PutAccountSetting)"), e))?,
    }
    Ok(())
}
