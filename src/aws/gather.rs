//! Gathering the facts that checks read: every independent call concurrently, each kind batched,
//! each fact fetched once. Input AWS rejects (an unknown cluster or task definition) ends the
//! run with exit 2; anything else that cannot be fetched is kept as an unreadable fact, which
//! the checks that need it report as `error`.

use std::collections::BTreeSet;

use futures_util::future::join_all;

use super::{Aws, ec2, ecs, ecs_clusters, elbv2, iam};
use crate::error::{Failure, Kind};
use crate::inventory::{ClusterFacts, Ec2Instance, Fact, Facts, Need, Needs, Service};

/// What to gather: the plan's inputs, and which optional facts (`Request::for_checks`).
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub(super) subnets: Vec<String>,
    pub(super) security_groups: Vec<String>,
    pub(super) clusters: Vec<String>,
    pub(super) all_clusters: bool,
    pub(super) task_definition: Option<String>,
    pub(super) service: Option<Service>,
    /// Facts the command has read already: used as they are, not asked for again.
    pub(super) known: Known,
    /// The service-linked role.
    pub(super) service_linked_role: bool,
    /// The account settings of the caller and the account default.
    pub(super) account_settings: bool,
    /// The ENIs attached to the container instances (slots taken, hand-attached ENIs).
    pub(super) instance_enis: bool,
    /// The instance roles' account settings (trunking per role).
    pub(super) role_settings: bool,
    /// The task definition's execution role, its grants and its awslogs groups.
    pub(super) execution_role: bool,
    /// The network path of the subnets' VPC (endpoints, security-group rules, network ACLs).
    pub(super) pull_path: bool,
    /// The clusters' default capacity provider strategies (when no launch type decides).
    pub(super) strategies: bool,
    /// Capacity providers named outside the clusters' default strategies (a service's strategy,
    /// `--capacity-provider`).
    pub(super) capacity_providers: Vec<String>,
    /// Tasks described so far, over the clusters.
    pub(super) progress: Tally,
    /// Set by `facts` (which reads the workload's subnets and DNS): the instances' subnets and
    /// VPC DNS attributes are read as soon as the instances are known.
    pub(super) network_ahead: bool,
}

/// What a plan names for a gathering.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    pub clusters: Vec<String>,
    pub all_clusters: bool,
    pub task_definition: Option<String>,
    pub service: Option<Service>,
    /// A launch type was given (or is the task's own): the clusters' default strategies decide
    /// nothing.
    pub launch_type_given: bool,
    pub progress: Tally,
    pub known: Known,
}

/// Facts a command read before its gathering (`run` validates the task definition, subnets and
/// security groups against AWS first): the gathering uses them instead of asking again.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// The task definition named by `Inputs::task_definition`.
    pub task_definition: Option<crate::inventory::TaskDefinition>,
    /// The subnets named by `Inputs::subnets`.
    pub subnets: Option<Vec<crate::inventory::Subnet>>,
    /// The security groups named by `Inputs::security_groups`.
    pub security_groups: Option<Vec<crate::inventory::SecurityGroup>>,
}

impl Request {
    /// The gathering for a set of checks: the inputs, and the optional facts the checks need
    /// (`checks::needs`, the union of their registry entries). The execution role and the path
    /// are read only for a task definition (they are what it needs), the clusters' default
    /// strategies only where no launch type, service launch type or service strategy decides
    /// the launch target.
    pub fn for_checks(needs: Needs, inputs: Inputs) -> Request {
        let td = inputs.task_definition.is_some();
        let decided = inputs.launch_type_given
            || inputs
                .service
                .as_ref()
                .is_some_and(|s| s.launch_type.is_some() || !s.capacity_provider_strategy.is_empty());
        Request {
            subnets: inputs.subnets,
            security_groups: inputs.security_groups,
            clusters: inputs.clusters,
            all_clusters: inputs.all_clusters,
            task_definition: inputs.task_definition,
            service: inputs.service,
            known: inputs.known,
            service_linked_role: needs.has(Need::ServiceLinkedRole),
            account_settings: needs.has(Need::AccountSettings),
            instance_enis: needs.has(Need::InstanceEnis),
            role_settings: needs.has(Need::RoleSettings),
            execution_role: td && needs.has(Need::ExecutionRole),
            pull_path: td && needs.has(Need::PullPath),
            strategies: !decided && needs.has(Need::Strategies),
            capacity_providers: vec![],
            progress: inputs.progress,
            network_ahead: false,
        }
    }
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
pub(super) fn keep<T>(r: Result<T, Failure>) -> Result<Fact<T>, Failure> {
    match r {
        Err(e) if e.kind == Kind::Usage => Err(e),
        other => Ok(other),
    }
}

/// A fact the command read already, else the call that reads it.
async fn or_known<T: Clone>(
    known: &Option<T>,
    read: impl std::future::Future<Output = Result<T, Failure>>,
) -> Result<T, Failure> {
    match known {
        Some(k) => Ok(k.clone()),
        None => read.await,
    }
}

pub(super) async fn when<T>(wanted: bool, f: impl std::future::Future<Output = T>) -> Option<T> {
    if wanted { Some(f.await) } else { None }
}

/// Gathers every fact the request asks for.
pub async fn facts(aws: &Aws, req: &Request) -> Result<Facts, Failure> {
    let tg_arns = target_group_arns(req);
    let names = if req.all_clusters { ecs::cluster_names(aws).await? } else { req.clusters.clone() };
    // Without --subnets, the services' subnets: asked alongside the clusters, not after them.
    let no_subnets = req.subnets.is_empty();
    let strategy_names = strategy_names(req);
    let ahead = Request { network_ahead: true, ..req.clone() };
    let (slr, caller, clusters, subnets, groups, tgs, service_subnets, providers, pull) = tokio::join!(
        when(req.service_linked_role, iam::service_linked_role(aws)),
        when(req.account_settings, ecs::effective_settings(aws, None)),
        clusters(aws, &names, &ahead),
        when(!req.subnets.is_empty(), or_known(&req.known.subnets, ec2::subnets(aws, &req.subnets))),
        when(
            !req.security_groups.is_empty(),
            or_known(&req.known.security_groups, ec2::security_groups(aws, &req.security_groups))
        ),
        join_all(tg_arns.iter().map(|a| elbv2::target_group(aws, a))),
        join_all(names.iter().filter(|_| no_subnets).map(|c| ecs::service_subnets(aws, c))),
        ecs_clusters::capacity_providers(aws, &strategy_names),
        definition(aws, req),
    );
    let (task_definition, (execution_role, execution_grants, log_groups)) = pull?;
    let clusters: Vec<ClusterFacts> = clusters?;
    let mut vpcs = vpcs_in_scope(subnets.as_ref(), &clusters);
    // And the VPCs of the subnets the clusters' tasks have their ENIs in (Fargate tasks too) and,
    // without --subnets, of their services' network configurations.
    // The account default's settings meanwhile: they depend on the clusters and the caller only.
    let root = account_root(&clusters).or_else(|| caller.as_ref()?.as_ref().ok()?.account_root.clone());
    let defaults = when(req.account_settings && root.is_some(), async {
        let root = root.unwrap_or_default();
        let fact = ecs::effective_settings(aws, Some(&root)).await;
        (root, fact)
    });
    let vpcs_and_dns = async {
        let task_vpcs = workload_vpcs(aws, &clusters, &req.subnets, service_subnets).await;
        if let Ok(v) = &task_vpcs {
            vpcs.extend(v.iter().map(|s| s.vpc_id.clone()));
        }
        let vpcs: Vec<String> = vpcs.into_iter().collect();
        let (route_tables, dns) = tokio::join!(
            when(!vpcs.is_empty() && (!req.subnets.is_empty() || req.pull_path), route_tables(aws, &vpcs, &clusters)),
            join_all(vpcs.iter().map(|v| aws.once.vpc_dns.get(v, || ec2::vpc_dns(aws, v)))),
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

/// The task definition, then what its containers need (run beside everything else).
async fn definition(
    aws: &Aws,
    req: &Request,
) -> Result<(Option<Fact<crate::inventory::TaskDefinition>>, PullFacts), Failure> {
    let td = match &req.task_definition {
        Some(td) => Some(keep(or_known(&req.known.task_definition, ecs::task_definition(aws, td)).await)?),
        None => None,
    };
    let pull = pull_facts(aws, req.execution_role, td.as_ref()).await;
    Ok((td, pull))
}

/// The route tables of the VPCs: those of the instances' VPCs as read beside the task listing
/// (`clusters::prefetch_instance_network`), the others in one more call.
async fn route_tables(
    aws: &Aws,
    vpcs: &[String],
    clusters: &[ClusterFacts],
) -> Result<Vec<crate::inventory::RouteTable>, Failure> {
    let early: Vec<String> = clusters
        .iter()
        .filter_map(|c| c.ec2.as_ref().ok())
        .flat_map(|m| m.values().filter_map(|e| e.vpc_id.clone()))
        .filter(|v| vpcs.contains(v))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let rest: Vec<String> = vpcs.iter().filter(|v| !early.contains(v)).cloned().collect();
    let key = early.join(",");
    let (a, b) = tokio::join!(
        when(!early.is_empty(), aws.once.route_tables.get(&key, || ec2::route_tables(aws, &early))),
        when(!rest.is_empty(), ec2::route_tables(aws, &rest)),
    );
    Ok(a.transpose()?.into_iter().chain(b.transpose()?).flatten().collect())
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
        _ => instances.iter().filter_map(|i| i.vpc_id.clone()).min()?,
    };
    let instance_groups: Vec<String> = instances
        .iter()
        .filter(|i| i.vpc_id.as_deref() == Some(vpc.as_str()))
        .flat_map(|i| i.security_groups.iter().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    Some(path_memo(aws, &vpc, &req.security_groups, &instance_groups).await)
}

/// `path_facts` once per run for a VPC and groups (read early by `clusters` when it can).
pub(super) async fn path_memo(
    aws: &Aws,
    vpc: &str,
    groups: &[String],
    instance_groups: &[String],
) -> Fact<crate::inventory::PathFacts> {
    let key = format!("{vpc}|{}|{}", groups.join(","), instance_groups.join(","));
    aws.once.paths.get(&key, || path_facts(aws, vpc, groups, instance_groups)).await
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
    let endpoint_subnets = endpoint_subnets
        .transpose()?
        .unwrap_or_default()
        .into_iter()
        .map(|s| (s.id, (s.availability_zone, s.cidr)))
        .collect();
    Ok(crate::inventory::PathFacts {
        vpc_id: vpc.to_string(),
        vpc: path,
        task_groups,
        instance_groups,
        endpoint_groups,
        endpoint_subnets,
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
        let (role, keys) =
            tokio::join!(super::iam_roles::exec_role(aws, arn), super::secret_keys::key_needs(aws, &needs.grants));
        let wanted: Vec<crate::inventory::Grant> = needs.grants.iter().chain(&keys.grants).cloned().collect();
        let grants = match &role {
            Ok(r) if r.exists && !wanted.is_empty() => Some(
                super::iam_roles::grants(aws, r, &wanted)
                    .await
                    .map(|g| crate::inventory::Grants { unknown: keys.unknown, ..g }),
            ),
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
    // The instances' subnets were read beside the task listing (`prefetch_instance_network`).
    let instance_ids: Vec<String> = clusters
        .iter()
        .filter_map(|c| c.ec2.as_ref().ok())
        .flat_map(|m| m.values().filter_map(|e| e.subnet_id.clone()))
        .filter(|s| !given.contains(s))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut found = Vec::new();
    if !instance_ids.is_empty() && instance_ids.len() <= ec2::IDS_PER_CALL {
        let key = instance_ids.join(",");
        found.extend(aws.once.subnet_batches.get(&key, || ec2::subnets(aws, &instance_ids)).await?);
    }
    let rest: Vec<String> = ids.into_iter().filter(|s| !found.iter().any(|f| f.id == *s)).collect();
    for chunk in rest.chunks(ec2::IDS_PER_CALL) {
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

pub use super::clusters::{cluster, clusters};

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
    fn a_request_asks_for_what_the_checks_need_and_the_inputs_allow() {
        let all: Needs = Need::ALL.into_iter().collect();
        let td = || Inputs { task_definition: Some("web:1".into()), ..Inputs::default() };
        let r = Request::for_checks(all, td());
        assert!(r.service_linked_role && r.account_settings && r.instance_enis && r.role_settings);
        assert!(r.execution_role && r.pull_path && r.strategies);
        let r = Request::for_checks(Needs::NONE, td());
        assert!(!r.service_linked_role && !r.account_settings && !r.instance_enis && !r.role_settings);
        assert!(!r.execution_role && !r.pull_path && !r.strategies);
        // What a task needs before it starts is known only from its task definition.
        let r = Request::for_checks(all, Inputs::default());
        assert!(!r.execution_role && !r.pull_path && r.strategies);
        // A launch type, or the service's launch type or strategy, decides the target.
        assert!(!Request::for_checks(all, Inputs { launch_type_given: true, ..td() }).strategies);
        let svc = |launch_type: Option<&str>, strategy: Vec<(String, i32, i32)>| Inputs {
            service: Some(Service {
                launch_type: launch_type.map(str::to_string),
                capacity_provider_strategy: strategy,
                ..Service::default()
            }),
            ..td()
        };
        assert!(!Request::for_checks(all, svc(Some("FARGATE"), vec![])).strategies);
        assert!(!Request::for_checks(all, svc(None, vec![("cp".into(), 1, 0)])).strategies);
        assert!(Request::for_checks(all, svc(None, vec![])).strategies);
    }
}
