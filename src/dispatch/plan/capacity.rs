//! `capacity`'s command line and environment into its plan, before any call.

use super::*;
use crate::commands::capacity::Plan;

pub fn plan(args: &CapacityArgs, env: &Env) -> Result<Plan> {
    ids::check_ec2_ids("--subnets", "subnet-", &args.subnets.subnets)?;
    if let Some(td) = &args.task_definition {
        ids::check_task_definition("--task-definition", td)?;
    }
    Ok(Plan {
        task_definition: args.task_definition.clone(),
        clusters: ids::clusters(&args.cluster, args.all_clusters, env)?,
        subnets: args.subnets.subnets.clone(),
        tasks: args.tasks,
    })
}

#[cfg(test)]
mod tests {
    //! The plan from the command line (the real clap declaration) and a hand-built `Env`;
    //! expectations from the README's `awsvpc capacity` section.

    use clap::Parser;

    use super::*;
    use crate::cli::{Cli, Command};

    fn parse(line: &[&str]) -> Result<CapacityArgs, clap::Error> {
        match Cli::try_parse_from(["awsvpc", "capacity"].iter().chain(line))?.command {
            Command::Capacity(args) => Ok(args),
            other => panic!("not capacity: {other:?}"),
        }
    }

    fn plan_with(line: &[&str], env: &Env) -> Result<Plan> {
        plan(&parse(line).unwrap_or_else(|e| panic!("{e}")), env)
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

    fn named(names: &[&str]) -> ids::Clusters {
        ids::Clusters::Named(names.iter().map(|n| n.to_string()).collect())
    }

    #[test]
    fn clusters_named_else_awsvpc_cluster_else_default_or_all() {
        let p = ok(&[]);
        assert_eq!(p.clusters, named(&["default"]));
        assert!(p.subnets.is_empty() && p.tasks.is_none() && p.task_definition.is_none());
        let env = Env { cluster: Some("prod".into()), ..Env::default() };
        assert_eq!(plan_with(&[], &env).unwrap().clusters, named(&["prod"]));
        let arn = "arn:aws:ecs:us-east-1:123456789012:cluster/web";
        assert_eq!(
            plan_with(&["-c", &format!("a,{arn}"), "--cluster", "b"], &env).unwrap().clusters,
            named(&["a", "web", "b"])
        );
        assert_eq!(plan_with(&["--all-clusters"], &env).unwrap().clusters, ids::Clusters::All);
        refused(&["-c", "a,b,a"], &["--cluster", "'a'", "each cluster once"]);
        refused(&["-c", "a b"], &["--cluster", "'a b'"]);
        let bad = Env { cluster: Some("a b".into()), ..Env::default() };
        assert!(plan_with(&[], &bad).unwrap_err().to_string().contains("AWSVPC_CLUSTER"));
        assert_eq!(parse(&["--all-clusters", "-c", "a"]).unwrap_err().kind(), clap::error::ErrorKind::ArgumentConflict);
    }

    #[test]
    fn subnets_task_definition_and_tasks() {
        let p = ok(&[
            "--subnets",
            "subnet-0a1b2c3d,subnet-0123456789abcdef0",
            "--tasks",
            "20",
            "--task-definition",
            "web:3",
        ]);
        assert_eq!(p.subnets, ["subnet-0a1b2c3d", "subnet-0123456789abcdef0"]);
        assert_eq!((p.tasks, p.task_definition.as_deref()), (Some(20), Some("web:3")));
        refused(&["--subnets", "subnet-xyz"], &["--subnets", "'subnet-xyz'", "subnet-0123456789abcdef0"]);
        refused(&["--subnets", "subnet-0a1b2c3d,subnet-0a1b2c3d"], &["--subnets", "twice"]);
        refused(&["--task-definition", "web:0"], &["--task-definition", "'web:0'"]);
        assert_eq!(ok(&["--tasks", "100000"]).tasks, Some(100_000));
        for bad in ["0", "100001", "-3"] {
            let err = parse(&["--tasks", bad]).unwrap_err();
            assert_eq!(err.kind(), clap::error::ErrorKind::ValueValidation, "{bad}");
            assert!(err.to_string().contains("--tasks"), "{err}");
        }
    }
}
