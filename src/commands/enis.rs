//! `awsvpc enis`: the ENI attachments of tasks, from DescribeTasks, enriched from EC2.
//!
//! ENI attachments are chosen by type, never by position: a Service Connect attachment can come
//! first. Tasks without one (bridge, host or none network mode) are listed, not dropped; ENIs EC2
//! no longer knows (stopped tasks) are shown as `not-found`, not as errors.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use anyhow::Result;

use crate::aws::ecs::{self, Described, TaskFilter};
use crate::aws::{Aws, ec2};
use crate::cli::EnisArgs;
use crate::env::Env;
use crate::error::{Failure, invalid};
use crate::ids::{self, TaskRef};
use crate::output::enis::{EnisReport, build};
use crate::output::{Mode, progress};

/// What `enis` will ask for, validated before any call.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Per cluster: the named tasks, or None for "list the cluster's tasks".
    pub targets: Vec<(String, Option<Vec<TaskRef>>)>,
    /// `--all-clusters`: the targets are every cluster of the region, listed when it runs.
    pub all_clusters: bool,
    /// `--watch`: refresh at this interval until a signal.
    pub watch: Option<std::time::Duration>,
    pub filter: TaskFilter,
    pub enrich: bool,
}

/// The ListTasks filters, validated.
fn filter(args: &EnisArgs) -> Result<TaskFilter> {
    if let Some(s) = &args.service {
        ids::check_name("--service", s)?;
    }
    if let Some(f) = &args.family {
        ids::check_name("--family", f)?;
    }
    if let Some(s) = &args.started_by {
        ids::check_started_by("--started-by", s)?;
    }
    if let Some(c) = &args.container_instance {
        ids::check_container_instance("--container-instance", c)?;
    }
    Ok(TaskFilter {
        service: args.service.clone(),
        family: args.family.clone(),
        started_by: args.started_by.clone(),
        container_instance: args.container_instance.clone(),
        desired_status: args.desired_status.map(|s| format!("{s:?}").to_uppercase()),
        launch_type: args.launch_type.map(|l| match l {
            crate::cli::LaunchType::Ec2 => "EC2".to_string(),
            crate::cli::LaunchType::Fargate => "FARGATE".to_string(),
            crate::cli::LaunchType::External => "EXTERNAL".to_string(),
        }),
    })
}

/// The named tasks per cluster: a task ARN names its cluster.
fn by_cluster(tasks: &[String], cluster: Option<&String>, env: &Env) -> Result<BTreeMap<String, Vec<TaskRef>>> {
    let mut by_cluster: BTreeMap<String, Vec<TaskRef>> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for given in tasks {
        let t = ids::parse_task("TASK", given)?;
        let target = match (&t.cluster, cluster) {
            (Some(from_arn), Some(explicit)) if from_arn != explicit => {
                return Err(Failure::usage(format!(
                    "task {given} belongs to cluster {from_arn}, not to --cluster {explicit}"
                ))
                .into());
            }
            (Some(from_arn), _) => from_arn.clone(),
            (None, Some(explicit)) => explicit.clone(),
            (None, None) => ids::default_cluster(env)?,
        };
        if !seen.insert((target.clone(), t.id.clone())) {
            return Err(Failure::usage(format!("task {given} is given twice")).into());
        }
        by_cluster.entry(target).or_default().push(t);
    }
    Ok(by_cluster)
}

/// `--watch [SECONDS]`: 1 to 3600 seconds.
fn watch(args: &EnisArgs) -> Result<Option<std::time::Duration>> {
    match args.watch {
        None => Ok(None),
        Some(s) if s.is_finite() && (1.0..=3600.0).contains(&s) => Ok(Some(std::time::Duration::from_secs_f64(s))),
        Some(s) => Err(invalid("--watch", &s.to_string(), "seconds between refreshes, 1 to 3600")),
    }
}

pub fn plan(args: &EnisArgs, env: &Env) -> Result<Plan> {
    if !args.tasks.is_empty() && (args.cluster.len() > 1 || args.all_clusters) {
        return Err(Failure::usage("TASK arguments belong to one cluster: give at most one --cluster").into());
    }
    let cluster = args
        .cluster
        .first()
        .filter(|_| args.cluster.len() == 1)
        .map(|c| ids::parse_cluster("--cluster", c))
        .transpose()?;
    let filter = filter(args)?;
    let filters_used: Vec<&str> = [
        ("--service", filter.service.is_some()),
        ("--family", filter.family.is_some()),
        ("--started-by", filter.started_by.is_some()),
        ("--container-instance", filter.container_instance.is_some()),
        ("--desired-status", filter.desired_status.is_some()),
        ("--launch-type", filter.launch_type.is_some()),
    ]
    .iter()
    .filter(|(_, used)| *used)
    .map(|(name, _)| *name)
    .collect();

    if args.tasks.is_empty() {
        // ListTasks: "When you specify startedBy as the filter, it must be the only filter".
        if filter.started_by.is_some()
            && let Some(other) = filters_used.iter().find(|f| !matches!(**f, "--started-by" | "--desired-status"))
        {
            return Err(Failure::usage(format!(
                "--started-by cannot be combined with {other}: ListTasks accepts startedBy only as its only filter"
            ))
            .into());
        }
        let targets = match ids::clusters(&args.cluster, args.all_clusters, env)? {
            ids::Clusters::Named(names) => names.into_iter().map(|c| (c, None)).collect(),
            ids::Clusters::All => vec![],
        };
        return Ok(Plan {
            targets,
            all_clusters: args.all_clusters,
            watch: watch(args)?,
            filter,
            enrich: !args.no_enrich,
        });
    }

    if let Some(f) = filters_used.first() {
        return Err(Failure::usage(format!(
            "{f} filters the cluster's tasks and cannot be combined with TASK arguments"
        ))
        .into());
    }
    let targets = by_cluster(&args.tasks, cluster.as_ref(), env)?;
    Ok(Plan {
        targets: targets.into_iter().map(|(c, t)| (c, Some(t))).collect(),
        all_clusters: false,
        watch: watch(args)?,
        filter,
        enrich: !args.no_enrich,
    })
}

/// `enis --watch`: the report refreshed every `--watch` seconds (5 by default), each handed to
/// `show`, until a signal ends the command (dispatch's select) or a refresh fails.
pub async fn watch_refreshes(
    aws: &Aws,
    mode: &Mode,
    plan: &Plan,
    mut show: impl FnMut(&EnisReport) -> Result<()>,
) -> Result<i32> {
    let every = plan.watch.unwrap_or(std::time::Duration::from_secs(5));
    let quiet = Mode { quiet: true, ..*mode };
    loop {
        show(&run(aws, &quiet, plan).await?)?;
        tokio::time::sleep(every).await;
    }
}

/// Runs the plan: DescribeTasks (listing first when no task was named), then EC2.
pub async fn run(aws: &Aws, mode: &Mode, plan: &Plan) -> Result<EnisReport> {
    for (_, tasks) in &plan.targets {
        for t in tasks.iter().flatten() {
            if let Some(r) = t.region.as_deref().filter(|r| *r != aws.region) {
                return Err(Failure::usage(format!(
                    "task {} is in region {r}, but the region in use is {}; pass --region {r}",
                    t.given, aws.region
                ))
                .into());
            }
        }
    }
    let listed: Vec<(String, Option<Vec<TaskRef>>)> = if plan.all_clusters {
        ecs::cluster_names(aws).await?.into_iter().map(|c| (c, None)).collect()
    } else {
        plan.targets.clone()
    };
    let pb = progress::bar(mode, "describing tasks");
    let mut described = Described::default();
    for (cluster, tasks) in &listed {
        // An EC2 instance id stands for the container instance on it (either id is accepted).
        let mut filter = plan.filter.clone();
        if let Some(ec2_id) = filter.container_instance.clone().filter(|c| c.starts_with("i-")) {
            filter.container_instance = Some(ecs::container_instance_of(aws, cluster, &ec2_id).await?);
        }
        let d = match tasks {
            Some(tasks) => {
                let names: Vec<String> = tasks.iter().map(|t| t.given.clone()).collect();
                ecs::describe_tasks(aws, cluster, &names).await?
            }
            None => ecs::cluster_tasks(aws, cluster, &filter, &progress::callback(&pb)).await?,
        };
        described.extend(d);
    }
    pb.finish_and_clear();

    let enis = if plan.enrich {
        let ids: Vec<String> = described
            .tasks
            .iter()
            .flat_map(|t| t.eni_attachments().filter_map(|a| a.eni_id().map(str::to_string)))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        Some(if ids.is_empty() { HashMap::new() } else { ec2::network_interfaces(aws, &ids).await? })
    } else {
        None
    };
    let clusters = listed.iter().map(|(c, _)| c.clone()).collect();
    Ok(build(&aws.region, clusters, described.tasks, described.failures, enis.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(tasks: &[&str], cluster: Option<&str>) -> EnisArgs {
        EnisArgs {
            tasks: tasks.iter().map(|s| s.to_string()).collect(),
            cluster: cluster.map(str::to_string).into_iter().collect(),
            all_clusters: false,
            watch: None,
            service: None,
            family: None,
            started_by: None,
            container_instance: None,
            desired_status: None,
            launch_type: None,
            no_enrich: false,
        }
    }

    #[test]
    fn plan_groups_by_cluster_and_rejects_conflicts() {
        let id = "0123456789abcdef0123456789abcdef";
        let arn = format!("arn:aws:ecs:us-east-1:123456789012:task/blue/{id}");
        let p = plan(&args(&[&arn], None), &Env::default()).unwrap();
        assert_eq!(p.targets[0].0, "blue");
        let e = plan(&args(&[&arn], Some("green")), &Env::default()).unwrap_err().to_string();
        assert!(e.contains("belongs to cluster blue"), "{e}");
        let e = plan(&args(&[id, id], None), &Env::default()).unwrap_err().to_string();
        assert!(e.contains("twice"), "{e}");
        let mut a = args(&[], None);
        a.started_by = Some("me".into());
        a.family = Some("web".into());
        assert!(
            plan(&a, &Env::default())
                .unwrap_err()
                .to_string()
                .contains("--started-by cannot be combined with --family")
        );
        let p = plan(&args(&[], None), &Env::default()).unwrap();
        assert_eq!(p.targets[0].0, "default");
        // AWSVPC_CLUSTER stands in for --cluster; a bad one is named.
        let env = Env { cluster: Some("arn:aws:ecs:us-east-1:123456789012:cluster/prod".into()), ..Env::default() };
        assert_eq!(plan(&args(&[], None), &env).unwrap().targets[0].0, "prod");
        let env = Env { cluster: Some("has space".into()), ..Env::default() };
        assert!(plan(&args(&[], None), &env).unwrap_err().to_string().contains("AWSVPC_CLUSTER"));
    }
}
