//! Clusters' launch targets: each cluster's default capacity provider strategy (DescribeClusters,
//! 100 clusters a call) and the capacity providers it names (DescribeCapacityProviders, 100 names
//! a call, every `nextToken` followed). FARGATE and FARGATE_SPOT are AWS's own providers: they
//! need no call.

use std::collections::BTreeMap;

use super::error::from_sdk;
use super::{Aws, in_chunks};
use crate::error::Failure;
use crate::inventory::{CapacityProvider, Fact};

/// DescribeClusters takes at most 100 clusters a call (API Reference, DescribeClusters, clusters).
const CLUSTERS_PER_CALL: usize = 100;

/// Each cluster's default capacity provider strategy, by provider name, in the strategy's order.
/// A cluster AWS does not know is invalid input (DescribeClusters answers it in `failures[]`
/// with reason MISSING).
pub async fn default_strategies(aws: &Aws, clusters: &[String]) -> Result<BTreeMap<String, Vec<String>>, Failure> {
    aws.once.strategies.get(&clusters.join(","), || describe_strategies(aws, clusters)).await
}

async fn describe_strategies(aws: &Aws, clusters: &[String]) -> Result<BTreeMap<String, Vec<String>>, Failure> {
    let found = in_chunks(clusters, CLUSTERS_PER_CALL, |chunk| {
        let req = aws.ecs.describe_clusters().set_clusters(Some(chunk));
        async move {
            let out = req.send().await.map_err(|e| from_sdk("describing the clusters (DescribeClusters)", e))?;
            if let Some(f) = out.failures().first() {
                let name = f.arn().map(crate::ids::cluster_name).unwrap_or_default();
                let reason = f.reason().unwrap_or("MISSING");
                return Err(Failure::usage(format!("cluster {name} was not found ({reason})"))
                    .with_hint("check --cluster and --region (`aws ecs list-clusters` lists the clusters)"));
            }
            Ok(out
                .clusters()
                .iter()
                .map(|c| {
                    let strategy =
                        c.default_capacity_provider_strategy().iter().map(|p| p.capacity_provider().to_string());
                    (c.cluster_name().unwrap_or_default().to_string(), strategy.collect::<Vec<_>>())
                })
                .collect())
        }
    })
    .await?;
    Ok(found.into_iter().collect())
}

/// AWS's own Fargate providers, known without a call.
pub fn aws_provider(name: &str) -> Option<CapacityProvider> {
    matches!(name, "FARGATE" | "FARGATE_SPOT").then(|| CapacityProvider {
        name: name.to_string(),
        kind: name.to_string(),
        managed_scaling: false,
        max_scaling_step: None,
    })
}

/// The named capacity providers. A name AWS does not know is left out (RunTask will refuse it);
/// a failed call is the failure of every name it asked for.
pub async fn capacity_providers(aws: &Aws, names: &[String]) -> BTreeMap<String, Fact<CapacityProvider>> {
    let mut names = names.to_vec();
    names.sort();
    names.dedup();
    aws.once.providers.get(&names.join(","), || describe_providers(aws, &names)).await
}

async fn describe_providers(aws: &Aws, names: &[String]) -> BTreeMap<String, Fact<CapacityProvider>> {
    let mut out: BTreeMap<String, Fact<CapacityProvider>> = BTreeMap::new();
    let asked: Vec<String> = names.iter().filter(|n| aws_provider(n).is_none()).cloned().collect();
    for n in names {
        if let Some(p) = aws_provider(n) {
            out.insert(n.clone(), Ok(p));
        }
    }
    if asked.is_empty() {
        return out;
    }
    let found = in_chunks(&asked, 100, |chunk| async move {
        let (mut out, mut token) = (Vec::new(), None);
        loop {
            let page = aws
                .ecs
                .describe_capacity_providers()
                .set_capacity_providers(Some(chunk.clone()))
                .set_next_token(token)
                .send()
                .await
                .map_err(|e| from_sdk("describing capacity providers (DescribeCapacityProviders)", e))?;
            out.extend(page.capacity_providers().iter().map(provider_from_sdk));
            token = page.next_token().map(str::to_string);
            if token.is_none() {
                return Ok(out);
            }
        }
    })
    .await;
    match found {
        Ok(providers) => out.extend(providers.into_iter().map(|p: CapacityProvider| (p.name.clone(), Ok(p)))),
        Err(e) => out.extend(asked.into_iter().map(|n| (n, Err(e.clone())))),
    }
    out
}

/// Managed scaling: an Auto Scaling group provider's `managedScaling.status` (ECS guide, "Auto
/// Scaling group capacity providers"); ECS Managed Instances scale by themselves (ECS guide,
/// "Amazon ECS Managed Instances").
fn provider_from_sdk(p: &aws_sdk_ecs::types::CapacityProvider) -> CapacityProvider {
    let asg = p.auto_scaling_group_provider();
    let scaling = asg.and_then(|a| a.managed_scaling());
    let kind = p.r#type().map(|t| t.as_str().to_string()).unwrap_or_else(|| {
        if asg.is_some() {
            "EC2_AUTOSCALING".into()
        } else if p.managed_instances_provider().is_some() {
            "MANAGED_INSTANCES".into()
        } else {
            String::new()
        }
    });
    let managed =
        kind == "MANAGED_INSTANCES" || scaling.and_then(|s| s.status()).is_some_and(|s| s.as_str() == "ENABLED");
    CapacityProvider {
        name: p.name().unwrap_or_default().to_string(),
        kind,
        managed_scaling: managed,
        max_scaling_step: scaling.and_then(|s| s.maximum_scaling_step_size()),
    }
}
