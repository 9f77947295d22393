//! ECS services: a service's awsvpc configuration, load balancers, launch type and capacity
//! provider strategy, and the subnets of every service of a cluster.

use super::Aws;
use super::error::from_sdk;
use crate::error::Failure;
use crate::inventory::{Deployment, LoadBalancerRef, Service, ServiceEvent};

/// A service of a cluster; an unknown one is invalid input.
pub async fn service(aws: &Aws, cluster: &str, name: &str) -> Result<Service, Failure> {
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
        return Err(Failure::usage(format!("service {name} was not found in cluster {cluster} ({reason})")));
    };
    let vpc = s.network_configuration().and_then(|n| n.awsvpc_configuration());
    Ok(Service {
        name: s.service_name().unwrap_or(name).to_string(),
        arn: s.service_arn().unwrap_or_default().to_string(),
        task_definition: s.task_definition().unwrap_or_default().to_string(),
        // The service's own launch type only: without one, its strategy (or, where it has none, the
        // cluster's default) decides (rules::target).
        launch_type: s.launch_type().map(|l| l.as_str().to_string()),
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
        desired_count: s.desired_count(),
        running_count: s.running_count(),
        pending_count: s.pending_count(),
        deployments: s.deployments().iter().map(deployment).collect(),
        events: s.events().iter().map(event).collect(),
    })
}

fn deployment(d: &aws_sdk_ecs::types::Deployment) -> Deployment {
    Deployment {
        id: d.id().unwrap_or_default().to_string(),
        status: d.status().unwrap_or_default().to_string(),
        task_definition: d.task_definition().unwrap_or_default().to_string(),
        desired_count: d.desired_count(),
        running_count: d.running_count(),
        pending_count: d.pending_count(),
        failed_tasks: d.failed_tasks(),
        rollout_state: d.rollout_state().map(|r| r.as_str().to_string()),
        rollout_state_reason: d.rollout_state_reason().map(str::to_string),
    }
}

fn event(e: &aws_sdk_ecs::types::ServiceEvent) -> ServiceEvent {
    ServiceEvent {
        created_at: e.created_at().and_then(|t| t.fmt(aws_smithy_types::date_time::Format::DateTime).ok()),
        created_at_secs: e.created_at().map(|t| t.secs()),
        message: e.message().unwrap_or_default().to_string(),
    }
}

/// The subnets of every service of a cluster's awsvpc configuration: ListServices pages of 100,
/// DescribeServices 10 a call (API Reference, ListServices maxResults; DescribeServices services).
pub async fn service_subnets(aws: &Aws, cluster: &str) -> Result<Vec<String>, Failure> {
    let pages: Vec<_> = aws
        .ecs
        .list_services()
        .cluster(cluster)
        .max_results(100)
        .into_paginator()
        .send()
        .try_collect()
        .await
        .map_err(|e| from_sdk(&format!("listing the services of cluster {cluster} (ListServices)"), e))?;
    let arns: Vec<String> = pages.iter().flat_map(|p| p.service_arns().iter().cloned()).collect();
    let mut subnets = Vec::new();
    for chunk in arns.chunks(10) {
        let out =
            aws.ecs.describe_services().cluster(cluster).set_services(Some(chunk.to_vec())).send().await.map_err(
                |e| from_sdk(&format!("describing the services of cluster {cluster} (DescribeServices)"), e),
            )?;
        for s in out.services() {
            if let Some(vpc) = s.network_configuration().and_then(|n| n.awsvpc_configuration()) {
                subnets.extend(vpc.subnets().iter().cloned());
            }
        }
    }
    Ok(subnets)
}
