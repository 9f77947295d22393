//! `check`'s command line and environment into its plan, before any call.

use super::*;
use crate::commands::check::Plan;

fn check_id(option: &str, id: &str) -> Result<CheckId> {
    CheckId::from_name(id).ok_or_else(|| invalid(option, id, "a check id (`awsvpc check --list` lists them)"))
}

fn launch_type(l: Option<LaunchType>) -> &'static str {
    match l.unwrap_or(LaunchType::Ec2) {
        LaunchType::Ec2 => "EC2",
        LaunchType::Fargate => "FARGATE",
        LaunchType::External => "EXTERNAL",
    }
}

fn principal_arn(p: &str) -> Result<String> {
    let ok = ids::Arn::parse(p).is_some_and(|a| {
        a.service == "iam"
            && a.account.len() == 12
            && (a.resource.starts_with("role/") || a.resource.starts_with("user/") || a.resource == "root")
    });
    if !ok {
        return Err(invalid("--principal-arn", p, "an IAM role, user or root ARN (arn:aws:iam::ACCOUNT:role/NAME)"));
    }
    Ok(p.to_string())
}

/// The JUnit file's folder must exist: checked before any call, not after the whole check.
fn junit_file(path: &std::path::Path) -> Result<std::path::PathBuf> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    if path.as_os_str().is_empty() || !dir.is_dir() {
        return Err(invalid("--junit-file", &path.display().to_string(), "a file in an existing folder"));
    }
    Ok(path.to_path_buf())
}

/// The JUnit file, and on GitHub Actions (or with `--annotations github`) the annotations and the
/// job summary.
fn ci_outputs(args: &CheckArgs, env: &Env) -> Result<CiOutputs> {
    Ok(CiOutputs {
        junit_file: args.junit_file.as_deref().map(junit_file).transpose()?,
        github: match args.annotations {
            Annotations::Github => true,
            Annotations::None => false,
            Annotations::Auto => env.github_actions,
        },
        summary_file: env.step_summary.clone(),
    })
}

fn clusters(given: &[String]) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for c in given {
        let name = ids::parse_cluster("--cluster", c)?;
        if names.contains(&name) {
            return Err(Failure::usage(format!("--cluster: {name} is given twice")).into());
        }
        names.push(name);
    }
    Ok(names)
}

pub fn plan(args: &CheckArgs, env: &Env) -> Result<Plan> {
    let net = &args.network;
    ids::check_ec2_ids("--subnets", "subnet-", &net.subnets.subnets)?;
    ids::check_ec2_ids("--security-groups", "sg-", &net.security_groups)?;
    let only: Vec<CheckId> = args.only.iter().map(|i| check_id("--only", i)).collect::<Result<_>>()?;
    let skip: Vec<CheckId> = args.skip.iter().map(|i| check_id("--skip", i)).collect::<Result<_>>()?;
    if let Some(td) = &net.task_definition {
        ids::check_task_definition("--task-definition", td)?;
    }
    if args.fix && !args.yes && !env.stdin_tty {
        return Err(Failure::usage(
            "--fix changes AWS and there is no terminal to ask on: add --yes to apply the fixes",
        )
        .into());
    }
    // AWSVPC_CLUSTER stands in for --cluster, never for --all-clusters.
    let cluster_list = match (args.cluster.is_empty(), args.all_clusters) {
        (true, false) => ids::env_cluster(env)?.into_iter().collect(),
        _ => clusters(&args.cluster)?,
    };
    // Questions that would never be answered are usage errors, not a green summary.
    if args.tasks.is_some() && cluster_list.is_empty() && !args.all_clusters && net.subnets.subnets.is_empty() {
        return Err(Failure::usage(
            "--tasks needs --cluster (the instances that place them) or --subnets (the addresses they take)",
        )
        .into());
    }
    if !only.is_empty() && only.iter().all(|id| skip.contains(id)) {
        return Err(Failure::usage("--only and --skip leave no check to run").into());
    }
    if let Some(svc) = &args.service {
        ids::check_name("--service", svc)?;
        if cluster_list.len() != 1 {
            return Err(Failure::usage("--service needs exactly one --cluster (the service's cluster)").into());
        }
    }
    Ok(Plan {
        checks: checks::Plan {
            subnets: net.subnets.subnets.clone(),
            security_groups: net.security_groups.clone(),
            launch_type: launch_type(net.launch_type),
            launch_type_given: net.launch_type.is_some(),
            public_ip: net.assign_public_ip == Some(AssignPublicIp::Enabled),
            selected: CheckId::all()
                .filter(|id| (only.is_empty() || only.contains(id)) && !skip.contains(id))
                .collect(),
            require_trunking: args.require.contains(&Feature::Trunking),
            require_ipv6: args.require.contains(&Feature::Ipv6),
            tasks: args.tasks,
            task_definition: net.task_definition.clone(),
            target: None,
            groups_unknown: false,
        },
        clusters: cluster_list,
        all_clusters: args.all_clusters,
        service: args.service.clone(),
        strict: args.strict,
        launch_type_given: net.launch_type.is_some(),
        public_ip_given: net.assign_public_ip.is_some(),
        fix: args.fix,
        yes: args.yes,
        principal_arn: args.principal_arn.as_deref().map(principal_arn).transpose()?,
        ci: ci_outputs(args, env)?,
        status: args
            .status
            .iter()
            .map(|s| match s {
                FindingStatus::Pass => checks::Status::Pass,
                FindingStatus::Warn => checks::Status::Warn,
                FindingStatus::Fail => checks::Status::Fail,
                FindingStatus::Skip => checks::Status::Skip,
                FindingStatus::Error => checks::Status::Error,
            })
            .collect(),
        all: args.all,
    })
}

#[cfg(test)]
mod tests {
    //! The plan from the command line (the real clap declaration) and a hand-built `Env`;
    //! expectations from the README's `awsvpc check` section.

    use clap::Parser;

    use super::*;
    use crate::cli::{Cli, Command};

    fn parse(line: &[&str]) -> Result<CheckArgs, clap::Error> {
        match Cli::try_parse_from(["awsvpc", "check"].iter().chain(line))?.command {
            Command::Check(args) => Ok(args),
            other => panic!("not check: {other:?}"),
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

    #[test]
    fn defaults_run_every_check_on_ec2_for_no_cluster() {
        let p = ok(&[]);
        assert_eq!(p.checks.selected, CheckId::all().collect());
        assert_eq!((p.checks.launch_type, p.checks.launch_type_given, p.checks.public_ip), ("EC2", false, false));
        assert!(p.clusters.is_empty() && !p.all_clusters && p.service.is_none() && !p.fix && !p.strict);
        assert!(!p.ci.github && p.ci.junit_file.is_none() && p.status.is_empty() && !p.all);
        let p = ok(&["--launch-type", "FARGATE", "--assign-public-ip", "ENABLED", "--strict", "--all"]);
        assert_eq!(
            (p.checks.launch_type, p.launch_type_given, p.checks.public_ip, p.public_ip_given),
            ("FARGATE", true, true, true)
        );
        assert!(p.strict && p.all);
    }

    #[test]
    fn clusters_are_named_or_awsvpc_cluster_never_with_all_clusters() {
        let env = Env { cluster: Some("prod".into()), ..Env::default() };
        assert_eq!(plan_with(&[], &env).unwrap().clusters, ["prod"]);
        assert_eq!(plan_with(&["-c", "a,b"], &env).unwrap().clusters, ["a", "b"]);
        let p = plan_with(&["--all-clusters"], &env).unwrap();
        assert!(p.all_clusters && p.clusters.is_empty(), "AWSVPC_CLUSTER is ignored with --all-clusters");
        refused(&["-c", "a,a"], &["--cluster", "a is given twice"]);
        refused(&["-c", "a b"], &["--cluster", "'a b'"]);
        let bad = Env { cluster: Some("a b".into()), ..Env::default() };
        assert!(plan_with(&[], &bad).unwrap_err().to_string().contains("AWSVPC_CLUSTER"));
    }

    #[test]
    fn the_network_is_validated_and_its_counts_left_to_the_checks() {
        let p = ok(&[
            "--subnets",
            "subnet-0a1b2c3d,subnet-0b2c3d4e",
            "--security-groups",
            "sg-0a1b2c3d",
            "--task-definition",
            "web:1",
        ]);
        assert_eq!(p.checks.subnets, ["subnet-0a1b2c3d", "subnet-0b2c3d4e"]);
        assert_eq!((p.checks.security_groups.len(), p.checks.task_definition.as_deref()), (1, Some("web:1")));
        refused(&["--subnets", "subnet-XYZ"], &["--subnets", "'subnet-XYZ'", "subnet-0123456789abcdef0"]);
        refused(&["--security-groups", "sg-1,sg-1"], &["--security-groups", "'sg-1'"]);
        refused(&["--security-groups", "sg-0a1b2c3d,sg-0a1b2c3d"], &["--security-groups", "twice"]);
        refused(&["--task-definition", "web:x"], &["--task-definition", "'web:x'"]);
        // 17 subnets and 6 groups are findings of network.subnet-count and
        // network.security-group-count (the README's check table), not usage errors.
        let subnets: Vec<String> = (1..=17).map(|i| format!("subnet-{i:08x}")).collect();
        let groups: Vec<String> = (1..=6).map(|i| format!("sg-{i:08x}")).collect();
        let p = ok(&["--subnets", &subnets.join(","), "--security-groups", &groups.join(",")]);
        assert_eq!((p.checks.subnets.len(), p.checks.security_groups.len()), (17, 6));
    }

    #[test]
    fn only_and_skip_select_checks_by_id() {
        let (a, b) = (CheckId::SubnetCount, CheckId::SecurityGroupCount);
        let p = ok(&["--only", &format!("{},{}", a.name(), b.name()), "--skip", b.name()]);
        assert_eq!(p.checks.selected, [a].into());
        let p = ok(&["--skip", a.name()]);
        assert_eq!(p.checks.selected.len(), CheckId::all().count() - 1);
        assert!(!p.checks.selected.contains(&a));
        refused(&["--only", "network.nope"], &["--only", "'network.nope'", "a check id"]);
        refused(&["--skip", "nope"], &["--skip", "'nope'", "a check id"]);
        refused(&["--only", a.name(), "--skip", a.name()], &["--only and --skip leave no check to run"]);
    }

    #[test]
    fn tasks_and_service_need_a_cluster() {
        refused(&["--tasks", "5"], &["--tasks needs --cluster", "--subnets"]);
        assert_eq!(ok(&["--tasks", "5", "-c", "prod"]).checks.tasks, Some(5));
        assert_eq!(ok(&["--tasks", "5", "--subnets", "subnet-0a1b2c3d"]).checks.tasks, Some(5));
        assert!(ok(&["--tasks", "5", "--all-clusters"]).all_clusters);
        let env = Env { cluster: Some("prod".into()), ..Env::default() };
        assert!(plan_with(&["--tasks", "5"], &env).is_ok(), "AWSVPC_CLUSTER stands in for --cluster");
        assert_eq!(ok(&["--service", "web", "-c", "prod"]).service.as_deref(), Some("web"));
        assert_eq!(plan_with(&["--service", "web"], &env).unwrap().clusters, ["prod"]);
        refused(&["--service", "web"], &["--service needs exactly one --cluster"]);
        refused(&["--service", "web", "-c", "a,b"], &["--service needs exactly one --cluster"]);
        refused(&["--service", "web/1", "-c", "a"], &["--service", "'web/1'"]);
        assert_eq!(parse(&["--tasks", "0"]).unwrap_err().kind(), clap::error::ErrorKind::ValueValidation);
    }

    #[test]
    fn require_and_status() {
        let p = ok(&["--require", "trunking,ipv6", "--status", "fail,warn"]);
        assert!(p.checks.require_trunking && p.checks.require_ipv6);
        assert_eq!(p.status, [checks::Status::Fail, checks::Status::Warn]);
        let p = ok(&["--require", "ipv6"]);
        assert!(!p.checks.require_trunking && p.checks.require_ipv6);
    }

    #[test]
    fn fix_asks_on_a_terminal_and_needs_yes_without_one() {
        refused(&["--fix"], &["--fix changes AWS", "no terminal to ask on: add --yes"]);
        let tty = Env { stdin_tty: true, ..Env::default() };
        let p = plan_with(&["--fix"], &tty).unwrap();
        assert!(p.fix && !p.yes);
        let p = ok(&["--fix", "--yes"]);
        assert!(p.fix && p.yes && p.principal_arn.is_none());
        let role = "arn:aws:iam::123456789012:role/ecsInstanceRole";
        assert_eq!(ok(&["--fix", "--yes", "--principal-arn", role]).principal_arn.as_deref(), Some(role));
        assert!(ok(&["--fix", "--yes", "--principal-arn", "arn:aws:iam::123456789012:root"]).principal_arn.is_some());
        for bad in ["ecsInstanceRole", "arn:aws:ecs:us-east-1:123456789012:role/x", "arn:aws:iam::1234:role/x"] {
            refused(&["--fix", "--yes", "--principal-arn", bad], &["--principal-arn", &format!("'{bad}'")]);
        }
        use clap::error::ErrorKind::MissingRequiredArgument;
        assert_eq!(parse(&["--yes"]).unwrap_err().kind(), MissingRequiredArgument);
        assert_eq!(parse(&["--principal-arn", role]).unwrap_err().kind(), MissingRequiredArgument);
    }

    #[test]
    fn ci_outputs_follow_the_environment_and_the_options() {
        let gha = Env { github_actions: true, step_summary: Some("/tmp/summary.md".into()), ..Env::default() };
        let p = plan_with(&[], &gha).unwrap();
        assert!(p.ci.github);
        assert_eq!(p.ci.summary_file.as_deref(), Some(std::path::Path::new("/tmp/summary.md")));
        assert!(!plan_with(&["--annotations", "none"], &gha).unwrap().ci.github);
        assert!(ok(&["--annotations", "github"]).ci.github);
        assert!(!ok(&[]).ci.github, "auto: only on GitHub Actions");
        let p = ok(&["--junit-file", "report.xml"]);
        assert_eq!(p.ci.junit_file.as_deref(), Some(std::path::Path::new("report.xml")));
        refused(
            &["--junit-file", "/no/such/folder/report.xml"],
            &["--junit-file", "'/no/such/folder/report.xml'", "existing folder"],
        );
    }
}
