//! The clusters' facts, in two lines of calls side by side: the tasks, and the container
//! instances with their EC2 instances, ENIs, types and roles (see `clusters`).

use std::collections::{BTreeSet, HashMap};

use futures_util::future::join_all;

use super::gather::{Request, keep, when};
use super::{Aws, ec2, ecs, ecs_clusters, iam};
use crate::error::Failure;
use crate::inventory::{ClusterFacts, ContainerInstance, Ec2Instance, Fact, NetworkInterface};

/// Everything about one cluster (see `clusters`).
pub async fn cluster(aws: &Aws, name: &str, req: &Request) -> Result<ClusterFacts, Failure> {
    let mut all = clusters(aws, &[name.to_string()], req).await?;
    Ok(all.remove(0))
}

/// Everything about the clusters, in two lines of calls that run side by side: each cluster's
/// tasks (ListTasks pages, DescribeTasks per page); and each cluster's container instances, then
/// the EC2 instances and their ENIs in one batch for all the clusters (200 ids a call: an audit of
/// 30 small clusters makes one DescribeInstances, not 30), then, per cluster, the instance types'
/// ENI quotas and the instance roles' settings (asked once per run, however many clusters share
/// them). The instance side does not wait for the task listing.
pub async fn clusters(aws: &Aws, names: &[String], req: &Request) -> Result<Vec<ClusterFacts>, Failure> {
    let task_lists = join_all(names.iter().map(|name| async move {
        let (filter, progress) = (ecs::TaskFilter::default(), req.progress.cluster(name));
        keep(ecs::cluster_tasks(aws, name, &filter, &progress).await.map(|d| d.tasks))
    }));
    // The clusters' launch targets, alongside: one DescribeClusters for up to 100 clusters, then
    // one DescribeCapacityProviders for the providers they name.
    let targets = async {
        let strategies = when(req.strategies && !names.is_empty(), ecs_clusters::default_strategies(aws, names)).await;
        let strategies = keep(strategies.unwrap_or_else(|| Ok(Default::default())))?;
        let mut wanted: Vec<String> = strategies.iter().flat_map(|m| m.values().flatten().cloned()).collect();
        wanted.sort();
        wanted.dedup();
        let providers = ecs_clusters::capacity_providers(aws, &wanted).await;
        Ok::<_, Failure>((strategies, providers))
    };
    let (tasks, instance_side, targets) = tokio::join!(task_lists, instance_side(aws, names, req), targets);
    let (strategies, providers) = targets?;
    let mut out = instance_side?;
    for (c, t) in out.iter_mut().zip(tasks) {
        c.tasks = t?;
        c.default_strategy = match &strategies {
            Ok(m) => Ok(m.get(&c.name).cloned().unwrap_or_default()),
            Err(e) => Err(e.clone()),
        };
        let names = c.default_strategy.as_ref().map(Vec::as_slice).unwrap_or_default();
        c.providers =
            providers.iter().filter(|(n, _)| names.contains(n)).map(|(n, p)| (n.clone(), p.clone())).collect();
    }
    Ok(out)
}

/// The instance side of `clusters`: container instances, EC2 instances and ENIs, types, roles.
async fn instance_side(aws: &Aws, names: &[String], req: &Request) -> Result<Vec<ClusterFacts>, Failure> {
    let listed = join_all(names.iter().map(|name| async move { keep(ecs::container_instances(aws, name).await) }));
    let listed: Vec<Fact<Vec<ContainerInstance>>> = listed.await.into_iter().collect::<Result<_, _>>()?;
    // Which cluster each EC2 instance is a container instance of.
    let owners: HashMap<String, usize> = listed
        .iter()
        .enumerate()
        .flat_map(|(i, cis)| cis.iter().flatten().filter_map(move |c| Some((c.ec2_instance_id.clone()?, i))))
        .collect();
    let mut has = vec![false; listed.len()];
    for &i in owners.values() {
        has[i] = true;
    }
    let ids: Vec<String> = owners.keys().cloned().collect::<BTreeSet<_>>().into_iter().collect();
    let (ec2, enis) = tokio::join!(
        when(!ids.is_empty(), ec2::instances(aws, &ids)),
        when(!ids.is_empty() && req.instance_enis, ec2::instance_enis(aws, &ids)),
    );
    let ec2 = share(keep(ec2.unwrap_or_else(|| Ok(HashMap::new())))?, |(id, _)| Some(id), &owners, &has);
    let enis = share(keep(enis.unwrap_or_else(|| Ok(Vec::new())))?, |n| n.attached_instance_id.as_ref(), &owners, &has);
    let prefetch = when(req.network_ahead, prefetch_instance_network(aws, req, instance_network(&ec2)));
    let path = when(req.network_ahead && req.pull_path, prefetch_path(aws, req, instance_vpc_groups(&ec2)));
    let each = names.iter().zip(listed).zip(ec2.into_iter().zip(enis)).map(|((name, instances), (ec2, enis))| {
        let ec2 = ec2.map(|v| v.into_iter().collect());
        cluster_rest(aws, name, req, instances, ec2, req.instance_enis.then_some(enis))
    });
    let (out, _, _) = tokio::join!(join_all(each), prefetch, path);
    out.into_iter().collect()
}

/// The subnets and VPCs of the instances of a batch, each once, sorted.
fn instance_network(ec2: &[Fact<Vec<(String, Ec2Instance)>>]) -> (Vec<String>, Vec<String>) {
    let instances = || ec2.iter().filter_map(|f| f.as_ref().ok()).flatten().map(|(_, e)| e);
    let subnets: BTreeSet<String> = instances().filter_map(|e| e.subnet_id.clone()).collect();
    let vpcs: BTreeSet<String> = instances().filter_map(|e| e.vpc_id.clone()).collect();
    (subnets.into_iter().collect(), vpcs.into_iter().collect())
}

/// The instances' subnets and their VPCs' DNS attributes, into the run's memo while the tasks are
/// still being listed (`workload_vpcs` and the DNS reads then find them there).
async fn prefetch_instance_network(aws: &Aws, req: &Request, (subnets, vpcs): (Vec<String>, Vec<String>)) {
    let subnets: Vec<String> = subnets.into_iter().filter(|s| !req.subnets.contains(s)).collect();
    let batch = async {
        if !subnets.is_empty() && subnets.len() <= ec2::IDS_PER_CALL {
            let _ = aws.once.subnet_batches.get(&subnets.join(","), || ec2::subnets(aws, &subnets)).await;
        }
    };
    let dns = join_all(vpcs.iter().map(|v| aws.once.vpc_dns.get(v, || ec2::vpc_dns(aws, v))));
    let key = vpcs.join(",");
    // Route tables only where `facts` reads them (given subnets, or the pull path).
    let wanted = !vpcs.is_empty() && (!req.subnets.is_empty() || req.pull_path);
    let tables = when(wanted, aws.once.route_tables.get(&key, || ec2::route_tables(aws, &vpcs)));
    tokio::join!(batch, dns, tables);
}

/// The instances' first VPC and the security groups of the instances in it.
fn instance_vpc_groups(ec2: &[Fact<Vec<(String, Ec2Instance)>>]) -> Option<(String, Vec<String>)> {
    let instances: Vec<&Ec2Instance> = ec2.iter().filter_map(|f| f.as_ref().ok()).flatten().map(|(_, e)| e).collect();
    let vpc = instances.iter().filter_map(|i| i.vpc_id.clone()).min()?;
    let groups: BTreeSet<String> = instances
        .iter()
        .filter(|i| i.vpc_id.as_deref() == Some(vpc.as_str()))
        .flat_map(|i| i.security_groups.iter().cloned())
        .collect();
    Some((vpc, groups.into_iter().collect()))
}

/// The pull path of the instances' first VPC, as `gather::path_of` will ask for it without
/// --subnets or with subnets in that VPC.
async fn prefetch_path(aws: &Aws, req: &Request, vpc_groups: Option<(String, Vec<String>)>) {
    if let Some((vpc, groups)) = vpc_groups {
        let _ = super::gather::path_memo(aws, &vpc, &req.security_groups, &groups).await;
    }
}

/// Each cluster's share of a batch fetched for all of them (`key`: the EC2 instance an item
/// belongs to). A failed batch is the failure of every cluster with EC2 instances, not of the
/// others (they asked nothing).
fn share<T>(
    batch: Fact<impl IntoIterator<Item = T>>,
    key: impl Fn(&T) -> Option<&String>,
    owners: &HashMap<String, usize>,
    has: &[bool],
) -> Vec<Fact<Vec<T>>> {
    let mut out: Vec<Fact<Vec<T>>> = has.iter().map(|_| Ok(Vec::new())).collect();
    match batch {
        Ok(items) => {
            for item in items {
                if let Some(Ok(v)) = key(&item).and_then(|k| owners.get(k)).map(|&i| &mut out[i]) {
                    v.push(item);
                }
            }
        }
        Err(e) => {
            for (o, _) in out.iter_mut().zip(has).filter(|(_, h)| **h) {
                *o = Err(e.clone());
            }
        }
    }
    out
}

/// A cluster's facts beyond its instances, EC2 instances and their ENIs (its tasks are filled in
/// by `clusters`).
async fn cluster_rest(
    aws: &Aws,
    name: &str,
    req: &Request,
    instances: Fact<Vec<ContainerInstance>>,
    ec2: Fact<HashMap<String, Ec2Instance>>,
    instance_enis: Option<Fact<Vec<NetworkInterface>>>,
) -> Result<ClusterFacts, Failure> {
    let types: Vec<String> = match &instances {
        Ok(cis) => cis
            .iter()
            .filter_map(|c| {
                c.attr("ecs.instance-type").map(str::to_string).or_else(|| {
                    let e = ec2.as_ref().ok()?.get(c.ec2_instance_id.as_ref()?)?;
                    Some(e.instance_type.clone())
                })
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
        Err(_) => Vec::new(),
    };
    let profiles: Vec<String> = match &ec2 {
        Ok(m) => {
            m.values().filter_map(|e| e.instance_profile_arn.clone()).collect::<BTreeSet<_>>().into_iter().collect()
        }
        Err(_) => Vec::new(),
    };
    // Shared by every cluster of the run (aws::Once): asked once however many clusters use them.
    let type_key = types.join(",");
    let (max_enis, roles) = tokio::join!(
        when(!types.is_empty(), aws.once.max_enis.get(&type_key, || ec2::max_enis(aws, &types))),
        join_all(profiles.iter().map(|p| aws.once.profile_roles.get(p, || iam::instance_profile_role(aws, p)))),
    );
    let max_enis = keep(max_enis.unwrap_or_else(|| Ok(HashMap::new())))?;
    let profile_roles: HashMap<String, Fact<Option<String>>> = profiles.into_iter().zip(roles).collect();
    let role_arns: Vec<String> = if req.role_settings {
        profile_roles.values().filter_map(|r| r.clone().ok().flatten()).collect::<BTreeSet<_>>().into_iter().collect()
    } else {
        Vec::new()
    };
    // Only awsvpcTrunking of an instance role matters: asked for by name.
    let settings = join_all(
        role_arns.iter().map(|r| aws.once.role_settings.get(r, || ecs::effective_setting(aws, r, "awsvpcTrunking"))),
    )
    .await;
    Ok(ClusterFacts {
        name: name.to_string(),
        instances,
        tasks: Ok(Vec::new()),
        ec2,
        max_enis,
        profile_roles,
        role_settings: role_arns.into_iter().zip(settings).collect(),
        instance_enis,
        default_strategy: Ok(vec![]),
        providers: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_is_shared_by_owner_and_its_failure_only_by_clusters_that_asked() {
        let owners: HashMap<String, usize> =
            [("i-1", 0), ("i-2", 0), ("i-3", 2)].map(|(k, v)| (k.to_string(), v)).into();
        let has = [true, false, true];
        let items =
            vec![("i-1".to_string(), 1), ("i-3".to_string(), 3), ("i-2".to_string(), 2), ("i-9".to_string(), 9)];
        let got = share(Ok(items), |(id, _)| Some(id), &owners, &has);
        let values: Vec<Vec<i32>> = got.into_iter().map(|f| f.unwrap().into_iter().map(|(_, v)| v).collect()).collect();
        assert_eq!(values, vec![vec![1, 2], vec![], vec![3]], "an item of no cluster is dropped");
        let batch: Fact<Vec<(String, i32)>> = Err(Failure::unavailable("throttled"));
        let failed = share(batch, |(id, _)| Some(id), &owners, &has);
        assert!(failed[0].is_err() && failed[1].is_ok() && failed[2].is_err(), "{failed:?}");
    }
}
