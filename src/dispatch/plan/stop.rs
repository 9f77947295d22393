//! `stop`'s command line and environment into its plan, before any call.

use super::*;
use crate::commands::stop::Plan;

/// `timeout`: the global `--timeout`, which bounds the wait.
pub fn plan(args: &StopArgs, timeout: Option<&str>, env: &Env) -> Result<Plan> {
    let explicit = args.cluster.as_deref().map(|c| ids::parse_cluster("--cluster", c)).transpose()?;
    let mut tasks: Vec<TaskRef> = Vec::new();
    let mut cluster_of_arns: Option<String> = None;
    for given in &args.tasks {
        let t = ids::parse_task("TASK", given)?;
        if let Some(c) = &t.cluster {
            if let Some(e) = &explicit
                && c != e
            {
                return Err(Failure::usage(format!("task {given} belongs to cluster {c}, not to --cluster {e}")).into());
            }
            if let Some(prev) = &cluster_of_arns
                && prev != c
            {
                return Err(Failure::usage(format!(
                    "tasks of clusters {prev} and {c}: stop one cluster's tasks at a time"
                ))
                .into());
            }
            cluster_of_arns = Some(c.clone());
        }
        if tasks.iter().any(|x| x.id == t.id) {
            return Err(Failure::usage(format!("task {given} is given twice")).into());
        }
        tasks.push(t);
    }
    let reason = args.reason.clone().unwrap_or_else(|| "Stopped with awsvpc stop".to_string());
    if reason.is_empty() || reason.chars().count() > 255 {
        return Err(invalid("--reason", &reason, "1-255 characters"));
    }
    if !args.yes && !env.stdin_tty {
        return Err(Failure::usage("awsvpc stop stops tasks and there is no terminal to ask on: add --yes").into());
    }
    Ok(Plan {
        cluster: match explicit.or(cluster_of_arns) {
            Some(c) => c,
            None => ids::default_cluster(env)?,
        },
        tasks,
        reason,
        wait: !args.wait.no_wait,
        timeout: ids::wait_timeout(timeout)?,
        poll: ids::parse_poll("--poll-interval", args.wait.poll_interval)?,
        yes: args.yes,
    })
}

#[cfg(test)]
mod tests {
    //! The plan from the command line (the real clap declaration) and a hand-built `Env`;
    //! expectations from the README's `awsvpc stop` section and StopTask's `reason` (255).

    use clap::Parser;

    use super::*;
    use crate::cli::{Cli, Command};

    const T1: &str = "0123456789abcdef0123456789abcdef";
    const T2: &str = "fedcba9876543210fedcba9876543210";

    fn arn(cluster: &str, id: &str) -> String {
        format!("arn:aws:ecs:us-east-1:123456789012:task/{cluster}/{id}")
    }

    fn plan_with(line: &[&str], env: &Env) -> Result<Plan> {
        let cli = Cli::try_parse_from(["awsvpc", "stop"].iter().chain(line)).unwrap_or_else(|e| panic!("{e}"));
        match &cli.command {
            Command::Stop(args) => plan(args, cli.aws.timeout.as_deref(), env),
            other => panic!("not stop: {other:?}"),
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

    #[test]
    fn defaults() {
        let p = ok(&[T1, T2, "--yes"]);
        let ids: Vec<&str> = p.tasks.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, [T1, T2]);
        assert_eq!((p.cluster.as_str(), p.reason.as_str()), ("default", "Stopped with awsvpc stop"));
        assert!(p.wait && p.yes);
        assert_eq!((p.timeout, p.poll), (Duration::from_secs(600), Duration::from_secs(3)));
    }

    #[test]
    fn the_cluster_is_the_option_else_the_arns_else_awsvpc_cluster_else_default() {
        let env = Env { cluster: Some("prod".into()), ..Env::default() };
        assert_eq!(plan_with(&[T1, "--yes"], &env).unwrap().cluster, "prod");
        assert_eq!(
            plan_with(&[&arn("batch", T1), T2, "--yes"], &env).unwrap().cluster,
            "batch",
            "a task ARN's cluster wins"
        );
        assert_eq!(plan_with(&[T1, "--yes", "-c", "web"], &env).unwrap().cluster, "web");
        assert_eq!(ok(&[&arn("web", T1), "--cluster", "web", "--yes"]).cluster, "web");
        let bad = Env { cluster: Some("a b".into()), ..Env::default() };
        assert!(plan_with(&[T1, "--yes"], &bad).unwrap_err().to_string().contains("AWSVPC_CLUSTER"));
    }

    #[test]
    fn tasks_of_one_cluster_each_once() {
        refused(
            &[&arn("batch", T1), "--cluster", "web", "--yes"],
            &["belongs to cluster batch", "not to --cluster web"],
        );
        refused(&[&arn("a", T1), &arn("b", T2), "--yes"], &["clusters a and b", "one cluster's tasks at a time"]);
        refused(&[T1, &arn("web", T1), "--yes"], &["given twice"]);
        refused(&["not-a-task", "--yes"], &["TASK", "'not-a-task'", "32 hex digits"]);
        refused(&[T1, "--cluster", "a/b", "--yes"], &["--cluster", "'a/b'"]);
        let err = Cli::try_parse_from(["awsvpc", "stop", "--yes"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::MissingRequiredArgument);
    }

    #[test]
    fn reason_is_1_to_255_characters() {
        assert_eq!(ok(&[T1, "--reason", "deploy 42", "--yes"]).reason, "deploy 42");
        assert_eq!(ok(&[T1, "--reason", &"r".repeat(255), "--yes"]).reason.len(), 255);
        refused(&[T1, "--reason", &"r".repeat(256), "--yes"], &["--reason", "1-255 characters"]);
        refused(&[T1, "--reason=", "--yes"], &["--reason", "''", "1-255 characters"]);
    }

    #[test]
    fn wait_poll_and_timeout() {
        let p = ok(&[T1, "--yes", "--no-wait", "--poll-interval", "0.5", "--timeout", "2m"]);
        assert!(!p.wait);
        assert_eq!((p.poll, p.timeout), (Duration::from_millis(500), Duration::from_secs(120)));
        refused(&[T1, "--yes", "--poll-interval", "0"], &["--poll-interval", "'0'", "between 0.1 and 60 seconds"]);
        refused(&[T1, "--yes", "--poll-interval", "61"], &["--poll-interval", "'61'"]);
        refused(&[T1, "--yes", "--timeout", "0s"], &["--timeout", "'0s'", "at most 24h"]);
    }

    #[test]
    fn without_a_terminal_it_needs_yes() {
        refused(&[T1], &["no terminal to ask on: add --yes"]);
        let tty = Env { stdin_tty: true, ..Env::default() };
        assert!(!plan_with(&[T1], &tty).unwrap().yes, "on a terminal it asks");
    }
}
