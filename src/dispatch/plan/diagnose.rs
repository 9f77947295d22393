//! `diagnose`'s command line and environment into its plan, before any call.

use super::*;
use crate::commands::diagnose::Plan;

pub fn plan(args: &DiagnoseArgs, env: &Env) -> Result<Plan> {
    if let Some(service) = &args.service {
        ids::check_name("--service", service)?;
        if args.cluster.len() > 1 {
            return Err(Failure::usage("a service belongs to one cluster: give at most one --cluster").into());
        }
        let label = args.stopped_since.clone().unwrap_or_else(|| "1h".to_string());
        return Ok(Plan::Service {
            cluster: match args.cluster.first() {
                Some(c) => ids::parse_cluster("--cluster", c)?,
                None => ids::default_cluster(env)?,
            },
            service: service.clone(),
            since: ids::parse_duration("--stopped-since", &label)?,
            label,
        });
    }
    match (&args.task, &args.stopped_since) {
        (Some(t), None) => {
            if args.cluster.len() > 1 {
                return Err(Failure::usage("a TASK belongs to one cluster: give at most one --cluster").into());
            }
            let explicit = args.cluster.first().map(|c| ids::parse_cluster("--cluster", c)).transpose()?;
            let task = ids::parse_task("TASK", t)?;
            if let (Some(c), Some(e)) = (&task.cluster, &explicit)
                && c != e
            {
                return Err(Failure::usage(format!("task {t} belongs to cluster {c}, not to --cluster {e}")).into());
            }
            let cluster = match explicit.or_else(|| task.cluster.clone()) {
                Some(c) => c,
                None => ids::default_cluster(env)?,
            };
            Ok(Plan::Task { cluster, task })
        }
        (None, Some(w)) => Ok(Plan::Window {
            clusters: ids::clusters(&args.cluster, args.all_clusters, env)?,
            since: ids::parse_duration("--stopped-since", w)?,
            label: w.clone(),
        }),
        _ => Err(Failure::usage("give a TASK, or --stopped-since DURATION for every task stopped in a window").into()),
    }
}

#[cfg(test)]
mod tests {
    //! The plan: the command line parsed by the real clap declaration with a hand-built `Env`;
    //! expectations from the README's `awsvpc diagnose` section.

    use clap::Parser;

    use super::*;
    use crate::cli::{Cli, Command};

    const T1: &str = "0123456789abcdef0123456789abcdef";

    fn arn(cluster: &str) -> String {
        format!("arn:aws:ecs:us-east-1:123456789012:task/{cluster}/{T1}")
    }

    fn plan_with(line: &[&str], env: &Env) -> Result<Plan> {
        let cli = Cli::try_parse_from(["awsvpc", "diagnose"].iter().chain(line)).unwrap_or_else(|e| panic!("{e}"));
        match &cli.command {
            Command::Diagnose(args) => plan(args, env),
            other => panic!("not diagnose: {other:?}"),
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

    fn clap_refuses(line: &[&str], kind: clap::error::ErrorKind) {
        let err = Cli::try_parse_from(["awsvpc", "diagnose"].iter().chain(line)).unwrap_err();
        assert_eq!(err.kind(), kind, "{line:?}: {err}");
    }

    /// (cluster, task id) of a one-task plan.
    fn task(p: Plan) -> (String, String) {
        match p {
            Plan::Task { cluster, task } => (cluster, task.id),
            other => panic!("not one task: {other:?}"),
        }
    }

    #[test]
    fn one_task_in_the_cluster_of_its_arn_else_the_option_else_awsvpc_cluster_else_default() {
        let t = |c: &str| (c.to_string(), T1.to_string());
        assert_eq!(task(ok(&[T1])), t("default"));
        assert_eq!(task(ok(&[&arn("batch")])), t("batch"));
        assert_eq!(task(ok(&[T1, "-c", "web"])), t("web"));
        assert_eq!(task(ok(&[&arn("web"), "-c", "web"])), t("web"));
        let env = Env { cluster: Some("prod".into()), ..Env::default() };
        assert_eq!(task(plan_with(&[T1], &env).unwrap()), t("prod"));
        assert_eq!(task(plan_with(&[&arn("batch")], &env).unwrap()), t("batch"), "a task ARN's cluster wins");
        refused(&[&arn("batch"), "-c", "web"], &["belongs to cluster batch", "not to --cluster web"]);
        refused(&[T1, "-c", "a,b"], &["a TASK belongs to one cluster"]);
        refused(&["abc"], &["TASK", "'abc'", "32 hex digits"]);
        refused(&[T1, "-c", "a b"], &["--cluster", "'a b'"]);
    }

    #[test]
    fn a_window_of_stopped_tasks_over_clusters() {
        match ok(&["--stopped-since", "30m", "-c", "a,b"]) {
            Plan::Window { clusters, since, label } => {
                assert_eq!(clusters, ids::Clusters::Named(vec!["a".into(), "b".into()]));
                assert_eq!((since, label.as_str()), (Duration::from_secs(1800), "30m"));
            }
            other => panic!("{other:?}"),
        }
        let env = Env { cluster: Some("prod".into()), ..Env::default() };
        match plan_with(&["--stopped-since", "1h"], &env).unwrap() {
            Plan::Window { clusters, since, .. } => {
                assert_eq!((clusters, since), (ids::Clusters::Named(vec!["prod".into()]), Duration::from_secs(3600)));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            ok(&["--stopped-since", "2h", "--all-clusters"]),
            Plan::Window { clusters: ids::Clusters::All, .. }
        ));
        refused(&["--stopped-since", "1h", "-c", "a,a"], &["--cluster", "each cluster once"]);
        for bad in ["1d", "0", "25h", "soon"] {
            refused(&["--stopped-since", bad], &["--stopped-since", &format!("'{bad}'"), "at most 24h"]);
        }
    }

    #[test]
    fn a_service_in_one_cluster_over_a_window_of_1h_by_default() {
        match ok(&["--service", "web"]) {
            Plan::Service { cluster, service, since, label } => {
                assert_eq!((cluster.as_str(), service.as_str()), ("default", "web"));
                assert_eq!((since, label.as_str()), (Duration::from_secs(3600), "1h"));
            }
            other => panic!("{other:?}"),
        }
        match ok(&["--service", "web", "-c", "prod", "--stopped-since", "15m"]) {
            Plan::Service { cluster, since, label, .. } => {
                assert_eq!((cluster.as_str(), since, label.as_str()), ("prod", Duration::from_secs(900), "15m"));
            }
            other => panic!("{other:?}"),
        }
        let env = Env { cluster: Some("prod".into()), ..Env::default() };
        assert!(
            matches!(plan_with(&["--service", "web"], &env).unwrap(), Plan::Service { cluster, .. } if cluster == "prod")
        );
        refused(&["--service", "web", "-c", "a,b"], &["a service belongs to one cluster"]);
        refused(&["--service", "web/1"], &["--service", "'web/1'"]);
        refused(&["--service", "web", "--stopped-since", "0"], &["--stopped-since", "'0'"]);
    }

    #[test]
    fn a_task_or_a_window_or_a_service() {
        refused(&[], &["give a TASK, or --stopped-since DURATION"]);
        refused(&["-c", "prod"], &["give a TASK, or --stopped-since DURATION"]);
        use clap::error::ErrorKind::{ArgumentConflict, MissingRequiredArgument};
        clap_refuses(&[T1, "--stopped-since", "1h"], ArgumentConflict);
        clap_refuses(&[T1, "--service", "web"], ArgumentConflict);
        clap_refuses(&["--all-clusters"], MissingRequiredArgument);
        clap_refuses(&["--all-clusters", "--stopped-since", "1h", "-c", "a"], ArgumentConflict);
    }
}
