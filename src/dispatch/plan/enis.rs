//! `enis`'s command line and environment into its plan, before any call.

use super::*;
use crate::commands::enis::Plan;

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

#[cfg(test)]
mod tests {
    //! The plan, from hand-built arguments and from the command line (the real clap declaration)
    //! with a hand-built `Env`; expectations from the README's `awsvpc enis` section and ListTasks'
    //! filter rule.

    use clap::Parser;

    use super::*;
    use crate::cli::{Cli, Command};

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

    const T1: &str = "0123456789abcdef0123456789abcdef";
    const T2: &str = "fedcba9876543210fedcba9876543210";
    const CI: &str = "0a0b0c0d0e0f00010203040506070809";

    fn arn(cluster: &str, id: &str) -> String {
        format!("arn:aws:ecs:us-east-1:123456789012:task/{cluster}/{id}")
    }

    fn plan_with(line: &[&str], env: &Env) -> Result<Plan> {
        let cli = Cli::try_parse_from(["awsvpc", "enis"].iter().chain(line)).unwrap_or_else(|e| panic!("{e}"));
        match &cli.command {
            Command::Enis(args) => plan(args, env),
            other => panic!("not enis: {other:?}"),
        }
    }

    fn ok(line: &[&str]) -> Plan {
        plan_with(line, &Env::default()).unwrap_or_else(|e| panic!("{line:?}: {e}"))
    }

    fn refused(line: &[&str], says: &[&str]) {
        let err = plan_with(line, &Env::default()).expect_err(&format!("{line:?} was accepted"));
        assert_eq!(crate::error::exit_code_of(&err), crate::exit::USAGE, "{err}");
        let msg = err.to_string();
        assert!(says.iter().all(|s| msg.contains(s)), "{line:?}: {msg:?} does not say {says:?}");
    }

    /// (cluster, the named task ids or None for the cluster's listing).
    fn targets(p: &Plan) -> Vec<(&str, Option<Vec<&str>>)> {
        p.targets
            .iter()
            .map(|(c, t)| (c.as_str(), t.as_ref().map(|t| t.iter().map(|t| t.id.as_str()).collect())))
            .collect()
    }

    #[test]
    fn without_tasks_the_clusters_listing() {
        let p = ok(&[]);
        assert_eq!(targets(&p), [("default", None)]);
        assert!(p.enrich && p.watch.is_none() && !p.all_clusters);
        let env = Env { cluster: Some("prod".into()), ..Env::default() };
        assert_eq!(targets(&plan_with(&[], &env).unwrap()), [("prod", None)]);
        assert_eq!(
            targets(&plan_with(&["-c", "a,b", "--cluster", "c"], &env).unwrap()),
            [("a", None), ("b", None), ("c", None)]
        );
        let p = plan_with(&["--all-clusters"], &env).unwrap();
        assert!(p.all_clusters && p.targets.is_empty(), "every cluster, listed when it runs");
        refused(&["-c", "a,a"], &["--cluster", "'a'", "each cluster once"]);
        refused(&["-c", "a b"], &["--cluster", "'a b'"]);
    }

    #[test]
    fn tasks_go_to_the_cluster_of_their_arn_else_the_option_else_the_default() {
        let p = ok(&[&arn("a", T1), &arn("b", T2)]);
        assert_eq!(targets(&p), [("a", Some(vec![T1])), ("b", Some(vec![T2]))]);
        assert_eq!(targets(&ok(&[T1, &arn("web", T2), "-c", "web"])), [("web", Some(vec![T1, T2]))]);
        let env = Env { cluster: Some("prod".into()), ..Env::default() };
        assert_eq!(targets(&plan_with(&[T1], &env).unwrap()), [("prod", Some(vec![T1]))]);
        refused(&[&arn("batch", T1), "-c", "web"], &["belongs to cluster batch", "not to --cluster web"]);
        refused(&[T1, &arn("default", T1)], &["given twice"]);
        refused(&[T1, "-c", "a,b"], &["at most one --cluster"]);
        refused(&[T1, "--all-clusters"], &["at most one --cluster"]);
        refused(&["0123"], &["TASK", "'0123'"]);
    }

    #[test]
    fn filters_are_validated_and_passed_as_listtasks_takes_them() {
        let p = ok(&[
            "--service",
            "web",
            "--family",
            "web-td",
            "--container-instance",
            CI,
            "--desired-status",
            "STOPPED",
            "--launch-type",
            "FARGATE",
            "--no-enrich",
        ]);
        let f = &p.filter;
        assert_eq!((f.service.as_deref(), f.family.as_deref()), (Some("web"), Some("web-td")));
        assert_eq!((f.container_instance.as_deref(), f.desired_status.as_deref()), (Some(CI), Some("STOPPED")));
        assert_eq!(f.launch_type.as_deref(), Some("FARGATE"));
        assert!(!p.enrich);
        assert!(ok(&["--container-instance", "i-0123456789abcdef0"]).filter.container_instance.is_some());
        refused(&["--service", "web/1"], &["--service", "'web/1'"]);
        refused(&["--family", "a:1"], &["--family", "'a:1'"]);
        refused(&["--started-by", "a b"], &["--started-by", "'a b'", "1-128"]);
        refused(&["--container-instance", "i-0123"], &["--container-instance", "'i-0123'"]);
    }

    #[test]
    fn started_by_is_listtasks_only_filter_but_for_the_desired_status() {
        let p = ok(&["--started-by", "ci/1", "--desired-status", "RUNNING"]);
        assert_eq!(
            (p.filter.started_by.as_deref(), p.filter.desired_status.as_deref()),
            (Some("ci/1"), Some("RUNNING"))
        );
        refused(&["--started-by", "ci/1", "--service", "web"], &["--started-by cannot be combined with --service"]);
        refused(
            &["--started-by", "ci/1", "--launch-type", "EC2"],
            &["--started-by cannot be combined with --launch-type"],
        );
    }

    #[test]
    fn filters_and_task_arguments_do_not_mix() {
        refused(&[T1, "--service", "web"], &["--service filters the cluster's tasks", "TASK arguments"]);
        refused(&[T1, "--desired-status", "STOPPED"], &["--desired-status", "TASK arguments"]);
    }

    #[test]
    fn watch_is_1_to_3600_seconds_default_5() {
        assert_eq!(ok(&["--watch"]).watch, Some(std::time::Duration::from_secs(5)));
        assert_eq!(ok(&["--watch", "1"]).watch, Some(std::time::Duration::from_secs(1)));
        assert_eq!(ok(&["--watch=3600"]).watch, Some(std::time::Duration::from_secs(3600)));
        for bad in ["0.5", "0", "3601", "-1", "inf", "NaN"] {
            refused(&["--watch", bad], &["--watch", "1 to 3600"]);
        }
    }
}
