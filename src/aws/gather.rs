//! Gathering the facts that checks read: every independent call concurrently, each kind batched,
//! each fact fetched once. Input AWS rejects (an unknown cluster or task definition) ends the
//! run with exit 2; anything else that cannot be fetched is kept as an unreadable fact, which
//! the checks that need it report as `error`.

use std::collections::{BTreeSet, HashMap};

use futures_util::future::join_all;

use super::{ec2, ecs, ecs_clusters, elbv2, iam, Aws};
use crate::error::{Failure, Kind};
use crate::inventory::{ClusterFacts, ContainerInstance, Ec2Instance, Fact, Facts, NetworkInterface, Service, Task};

/// What to gather.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    pub clusters: Vec<String>,
    pub all_clusters: bool,
    pub task_definition: Option<String>,
    pub service: Option<Service>,
    /// The service-linked role.
    pub service_linked_role: bool,
    /// The account settings of the caller and the account default.
    pub account_settings: bool,
    /// The ENIs attached to the container instances (slots taken, hand-attached ENIs).
    pub instance_enis: bool,
    /// The instance roles' account settings (trunking per role).
    pub role_settings: bool,
    /// The task definition's execution role, its grants and its awslogs groups.
    pub execution_role: bool,
    /// The network path of the subnets' VPC (endpoints, security-group rules, network ACLs).
    pub pull_path: bool,
    /// The clusters' default capacity provider strategies (when no launch type decides).
    pub strategies: bool,
    /// Capacity providers named outside the clusters' default strategies (a service's strategy,
    /// `--capacity-provider`).
    pub capacity_providers: Vec<String>,
    /// Tasks described so far, over the clusters.
    pub progress: Tally,
}

/// Progress summed over the clusters gathered at once: each cluster reports its own (done,
/// total), the callback gets the sums. The default reports nothing.
#[derive(Clone, Default)]
pub struct Tally {
    report: Option<crate::inventory::Progress>,
    clusters: std::sync::Arc<std::sync::Mutex<std::collections::BTreeMap<String, (u64, u64)>>>,
}

impl std::fmt::Debug for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tally")
    }
}

impl Tally {
    pub fn new(report: crate::inventory::Progress) -> Self {
        Tally { report: Some(report), clusters: Default::default() }
    }

    /// The progress callback of one cluster.
    pub fn cluster(&self, name: &str) -> crate::inventory::Progress {
        let (tally, name) = (self.clone(), name.to_string());
        std::sync::Arc::new(move |done, total| {
            let Some(report) = &tally.report else { return };
            let sums = match tally.clusters.lock() {
                Ok(mut m) => {
                    m.insert(name.clone(), (done, total));
                    m.values().fold((0, 0), |(d, t), (d1, t1)| (d + d1, t + t1))
                }
                Err(_) => return,
            };
            report(sums.0, sums.1);
        })
    }
}

/// A fact, unless AWS rejected the input: that ends the run (exit 2).
fn keep<T>(r: Result<T, Failure>) -> Result<Fact<T>, Failure> {
    match r {
        Err(e) if e.kind == Kind::Usage => Err(e),
        other => Ok(other),
    }
}

async fn when<T>(wanted: bool, f: impl std::future::Future<Output = T>) -> Option<T> {
    if wanted {
        Some(f.await)
    } else {
        None
    }
}

/// Gathers every fact the request asks for.
pub async fn facts(aws: &Aws, req: &Request) -> Result<Facts, Failure> {
    let task_definition = match &req.task_definition {
        Some(td) => Some(keep(ecs::task_definition(aws, td).await)?),
        None => None,
    };
    let tg_arns = target_group_arns(req);
    let names = if req.all_clusters { ecs::cluster_names(aws).await? } else { req.clusters.clone() };
    // Without --subnets, the services' subnets: asked alongside the clusters, not after them.
    let no_subnets = req.subnets.is_empty();
    let strategy_names = strategy_names(req);
    let (slr, caller, clusters, subnets, groups, tgs, service_subnets, providers, pull) = tokio::join!(
        when(req.service_linked_role, iam::service_linked_role(aws)),
        when(req.account_settings, ecs::effective_settings(aws, None)),
        clusters(aws, &names, req),
        when(!req.subnets.is_empty(), ec2::subnets(aws, &req.subnets)),
        when(!req.security_groups.is_empty(), ec2::security_groups(aws, &req.security_groups)),
        join_all(tg_arns.iter().map(|a| elbv2::target_group(aws, a))),
        join_all(names.iter().filter(|_| no_subnets).map(|c| ecs::service_subnets(aws, c))),
        ecs_clusters::capacity_providers(aws, &strategy_names),
        pull_facts(aws, req.execution_role, task_definition.as_ref()),
    );
    let (execution_role, execution_grants, log_groups) = pull;
    let clusters: Vec<ClusterFacts> = clusters?;
    let mut vpcs = vpcs_in_scope(subnets.as_ref(), &clusters);
    // And the VPCs of the subnets the clusters' tasks have their ENIs in (Fargate tasks too) and,
    // without --subnets, of their services' network configurations.
    // The account default's settings meanwhile: they depend on the clusters and the caller only.
    let root = account_root(&clusters).or_else(|| caller.as_ref()?.as_ref().ok()?.account_root.clone());
    let defaults = async {
        match (req.account_settings, root) {
            (true, Some(root)) => {
                let fact = ecs::effective_settings(aws, Some(&root)).await;
                Some((root, fact))
            }
            _ => None,
        }
    };
    let vpcs_and_dns = async {
        let task_vpcs = workload_vpcs(aws, &clusters, &req.subnets, service_subnets).await;
        if let Ok(v) = &task_vpcs {
            vpcs.extend(v.iter().map(|s| s.vpc_id.clone()));
        }
        let vpcs: Vec<String> = vpcs.into_iter().collect();
        let (route_tables, dns) = tokio::join!(
            when(!vpcs.is_empty() && (!req.subnets.is_empty() || req.pull_path), ec2::route_tables(aws, &vpcs)),
            join_all(vpcs.iter().map(|v| ec2::vpc_dns(aws, v))),
        );
        (task_vpcs, vpcs, route_tables, dns)
    };
    let path = path_of(aws, req, subnets.as_ref(), &clusters);
    let ((task_vpcs, vpcs, route_tables, dns), default_settings, pull_path) =
        tokio::join!(vpcs_and_dns, defaults, path);
    let mut vpc_dns: std::collections::BTreeMap<String, Fact<crate::inventory::VpcDns>> =
        vpcs.into_iter().zip(dns).collect();
    let instance_subnets = instance_subnets(&clusters, subnets.as_ref(), &task_vpcs);
    if let Err(e) = task_vpcs {
        vpc_dns.insert("(the VPCs of the tasks' subnets)".into(), Err(e));
    }
    Ok(Facts {
        service_linked_role: slr,
        subnets,
        security_groups: groups,
        route_tables,
        vpc_dns,
        caller_settings: caller,
        default_settings,
        clusters,
        task_definition,
        service: req.service.clone(),
        target_groups: tg_arns.into_iter().zip(tgs).collect(),
        capacity_providers: providers,
        instance_subnets,
        pull_path,
        execution_role,
        execution_grants,
        log_groups,
    })
}

/// The path facts of the given subnets' VPC (else of the container instances' VPC), when asked
/// for: the tasks' groups, and the groups of the container instances in that VPC (on EC2 the
/// instance pulls the image and fetches the secrets).
async fn path_of(
    aws: &Aws,
    req: &Request,
    subnets: Option<&Fact<Vec<crate::inventory::Subnet>>>,
    clusters: &[ClusterFacts],
) -> Option<Fact<crate::inventory::PathFacts>> {
    req.pull_path.then_some(())?;
    let instances: Vec<&Ec2Instance> =
        clusters.iter().filter_map(|c| c.ec2.as_ref().ok()).flat_map(|m| m.values()).collect();
    let vpc = match subnets {
        Some(Ok(s)) if !s.is_empty() => s[0].vpc_id.clone(),
        Some(Err(_)) => return None,
        _ => instances.iter().find_map(|i| i.vpc_id.clone())?,
    };
    let instance_groups: Vec<String> = instances
        .iter()
        .filter(|i| i.vpc_id.as_deref() == Some(vpc.as_str()))
        .flat_map(|i| i.security_groups.iter().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    Some(path_facts(aws, &vpc, &req.security_groups, &instance_groups).await)
}

/// The VPC's endpoints, ACLs and S3 prefix list with the rules of the tasks' and instances'
/// security groups, then of the endpoints' groups and the zones of the endpoints' subnets.
async fn path_facts(
    aws: &Aws,
    vpc: &str,
    groups: &[String],
    instance_groups: &[String],
) -> Fact<crate::inventory::PathFacts> {
    use super::ec2_path::{sg_rules, vpc_path};
    let (path, task_groups, instance_rules) = tokio::join!(
        vpc_path(aws, vpc),
        sg_rules(aws, groups, vpc),
        when(!instance_groups.is_empty(), sg_rules(aws, instance_groups, vpc)),
    );
    let (path, task_groups, instance_groups) = (path?, task_groups?, instance_rules.transpose()?.unwrap_or_default());
    let set = |f: fn(&crate::inventory::VpcEndpoint) -> &Vec<String>| -> Vec<String> {
        path.endpoints.iter().flat_map(|e| f(e).iter().cloned()).collect::<BTreeSet<_>>().into_iter().collect()
    };
    let (ids, subnet_ids) = (set(|e| &e.groups), set(|e| &e.subnet_ids));
    let (endpoint_groups, endpoint_subnets) = tokio::join!(
        when(!ids.is_empty(), sg_rules(aws, &ids, vpc)),
        when(!subnet_ids.is_empty(), ec2::subnets(aws, &subnet_ids)),
    );
    let endpoint_groups = endpoint_groups.transpose()?.unwrap_or_default();
    let endpoint_azs =
        endpoint_subnets.transpose()?.unwrap_or_default().into_iter().map(|s| (s.id, s.availability_zone)).collect();
    Ok(crate::inventory::PathFacts {
        vpc_id: vpc.to_string(),
        vpc: path,
        task_groups,
        instance_groups,
        endpoint_groups,
        endpoint_azs,
    })
}

/// The execution role, its grants and the awslogs groups of a task definition that could be
/// read: the role once, its grants in one simulation per resource, the groups concurrently.
type PullFacts = (
    Option<Fact<crate::inventory::ExecRole>>,
    Option<Fact<crate::inventory::Grants>>,
    std::collections::BTreeMap<String, Fact<bool>>,
);

async fn pull_facts(aws: &Aws, wanted: bool, td: Option<&Fact<crate::inventory::TaskDefinition>>) -> PullFacts {
    let Some(Ok(td)) = td.filter(|_| wanted) else { return (None, None, Default::default()) };
    let account = crate::ids::Arn::parse(&td.arn).map(|a| a.account).unwrap_or_default();
    let needs = crate::inventory::PullNeeds::of(&td.containers, &aws.region, &account);
    let groups = join_all(
        needs
            .log_groups
            .iter()
            .filter(|(_, _, create)| !create)
            .map(|(g, r, _)| async move { (g.clone(), super::logs::log_group_exists(aws, g, r).await) }),
    );
    let role = async {
        let arn = td.execution_role_arn.as_deref()?;
        let role = super::iam_roles::exec_role(aws, arn).await;
        let grants = match &role {
            Ok(r) if r.exists && !needs.grants.is_empty() => {
                Some(super::iam_roles::grants(aws, r, &needs.grants).await)
            }
            _ => None,
        };
        Some((role, grants))
    };
    let (groups, role) = tokio::join!(groups, role);
    let (role, grants) = match role {
        Some((r, g)) => (Some(r), g),
        None => (None, None),
    };
    (role, grants, groups.into_iter().collect())
}

/// Every VPC in scope: the subnets' and the container instances'.
fn vpcs_in_scope(subnets: Option<&Fact<Vec<crate::inventory::Subnet>>>, clusters: &[ClusterFacts]) -> BTreeSet<String> {
    let mut vpcs: BTreeSet<String> = match subnets {
        Some(Ok(s)) => s.iter().map(|s| s.vpc_id.clone()).collect(),
        _ => BTreeSet::new(),
    };
    for c in clusters {
        if let Ok(ec2) = &c.ec2 {
            vpcs.extend(ec2.values().filter_map(|e| e.vpc_id.clone()));
        }
    }
    vpcs
}

/// The target groups of the service's load balancers, each once.
fn target_group_arns(req: &Request) -> Vec<String> {
    req.service
        .iter()
        .flat_map(|s| s.load_balancers.iter().filter_map(|l| l.target_group_arn.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// The capacity providers named outside the clusters' default strategies: the service's and
/// the command line's.
fn strategy_names(req: &Request) -> Vec<String> {
    let mut names: Vec<String> =
        req.service.iter().flat_map(|s| s.capacity_provider_strategy.iter().map(|p| p.0.clone())).collect();
    names.extend(req.capacity_providers.iter().cloned());
    names.sort();
    names.dedup();
    names
}

/// The subnets the clusters' tasks have ENIs in, that the container instances stand in and,
/// without given subnets, that their services are configured with (`service_subnets`, asked
/// beforehand): their VPCs are checked, and the instances' subnets' owners judged. The given
/// subnets are read anyway. One DescribeSubnets for up to 200 of them.
async fn workload_vpcs(
    aws: &Aws,
    clusters: &[ClusterFacts],
    given: &[String],
    service_subnets: Vec<Result<Vec<String>, Failure>>,
) -> Result<Vec<crate::inventory::Subnet>, Failure> {
    let mut ids: BTreeSet<String> = clusters
        .iter()
        .filter_map(|c| c.tasks.as_ref().ok())
        .flatten()
        .flat_map(|t| t.eni_attachments().filter_map(|a| a.detail("subnetId").map(str::to_string)))
        .collect();
    for c in clusters {
        if let Ok(ec2) = &c.ec2 {
            ids.extend(ec2.values().filter_map(|e| e.subnet_id.clone()));
        }
    }
    for subnets in service_subnets {
        ids.extend(subnets?);
    }
    let ids: Vec<String> = ids.into_iter().filter(|s| !given.contains(s)).collect();
    let mut found = Vec::new();
    for chunk in ids.chunks(ec2::IDS_PER_CALL) {
        found.extend(ec2::subnets(aws, chunk).await?);
    }
    Ok(found)
}

/// The subnets the container instances stand in (the given ones and those read beside them),
/// or why they could not be read; None without container instances.
fn instance_subnets(
    clusters: &[ClusterFacts],
    given: Option<&Fact<Vec<crate::inventory::Subnet>>>,
    read: &Result<Vec<crate::inventory::Subnet>, Failure>,
) -> Option<Fact<Vec<crate::inventory::Subnet>>> {
    let wanted: BTreeSet<&str> = clusters
        .iter()
        .filter_map(|c| c.ec2.as_ref().ok())
        .flat_map(|m| m.values().filter_map(|e| e.subnet_id.as_deref()))
        .collect();
    if wanted.is_empty() {
        return None;
    }
    let read = match read {
        Ok(r) => r,
        Err(e) => return Some(Err(e.clone())),
    };
    let given = given.and_then(|g| g.as_ref().ok()).map(Vec::as_slice).unwrap_or_default();
    Some(Ok(given.iter().chain(read).filter(|s| wanted.contains(s.id.as_str())).cloned().collect()))
}

/// The account root's ARN (its settings are the account default), from any ARN of the account.
fn account_root(clusters: &[ClusterFacts]) -> Option<String> {
    clusters
        .iter()
        .filter_map(|c| c.instances.as_ref().ok()?.first().map(|ci| ci.arn.clone()))
        .chain(clusters.iter().filter_map(|c| c.role_settings.keys().next().cloned()))
        .find_map(|arn| crate::ids::Arn::parse(&arn).filter(|a| !a.account.is_empty()))
        .map(|a| format!("arn:{}:iam::{}:root", a.partition, a.account))
}

/// Everything about one cluster (see `clusters`).
pub async fn cluster(aws: &Aws, name: &str, req: &Request) -> Result<ClusterFacts, Failure> {
    let mut all = clusters(aws, &[name.to_string()], req).await?;
    Ok(all.remove(0))
}

/// Everything about the clusters: each cluster's container instances and tasks first; then the
/// EC2 instances and their ENIs in one batch for all the clusters (200 ids a call: an audit of 30
/// small clusters makes one DescribeInstances, not 30); then, per cluster, the instance types'
/// ENI quotas and the instance roles' settings (asked once per run, however many clusters share
/// them).
pub async fn clusters(aws: &Aws, names: &[String], req: &Request) -> Result<Vec<ClusterFacts>, Failure> {
    let listing = join_all(names.iter().map(|name| async move {
        let (filter, progress) = (ecs::TaskFilter::default(), req.progress.cluster(name));
        let (instances, tasks) =
            tokio::join!(ecs::container_instances(aws, name), ecs::cluster_tasks(aws, name, &filter, &progress));
        Ok::<_, Failure>((keep(instances)?, keep(tasks.map(|d| d.tasks))?))
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
    let (listed, targets) = tokio::join!(listing, targets);
    let (strategies, providers) = targets?;
    let listed: Vec<_> = listed.into_iter().collect::<Result<_, _>>()?;
    // Which cluster each EC2 instance is a container instance of.
    let owners: HashMap<String, usize> = listed
        .iter()
        .enumerate()
        .flat_map(|(i, (cis, _))| cis.iter().flatten().filter_map(move |c| Some((c.ec2_instance_id.clone()?, i))))
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
    let each = names.iter().zip(listed).zip(ec2.into_iter().zip(enis)).map(|((name, listed), (ec2, enis))| {
        let ec2 = ec2.map(|v| v.into_iter().collect());
        cluster_rest(aws, name, req, listed, ec2, req.instance_enis.then_some(enis))
    });
    let mut out: Vec<ClusterFacts> = join_all(each).await.into_iter().collect::<Result<_, _>>()?;
    for c in &mut out {
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

/// A cluster's facts beyond its instances, tasks, EC2 instances and their ENIs.
async fn cluster_rest(
    aws: &Aws,
    name: &str,
    req: &Request,
    (instances, tasks): (Fact<Vec<ContainerInstance>>, Fact<Vec<Task>>),
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
        tasks,
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
    use std::sync::{Arc, Mutex};

    #[test]
    fn a_tally_sums_the_clusters_and_the_default_reports_nothing() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let s = seen.clone();
        let tally = Tally::new(Arc::new(move |d, t| s.lock().unwrap().push((d, t))));
        let (a, b) = (tally.cluster("a"), tally.cluster("b"));
        a(0, 100);
        b(50, 300);
        a(100, 200);
        b(300, 300);
        assert_eq!(*seen.lock().unwrap(), vec![(0, 100), (50, 400), (150, 500), (400, 500)]);
        Tally::default().cluster("a")(1, 2);
    }

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
