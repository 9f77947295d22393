//! `run`'s plan, rule by rule: the command line parsed by the real clap declaration, an `Env`
//! built by hand, and the expectations from AWS's documented limits (rules::limits cites them)
//! and the README's `awsvpc run` section.

use std::time::Duration;

use clap::Parser;

use super::*;
use crate::cli::{Cli, Command};
use crate::exit;

const SUBNET: &str = "subnet-0a1b2c3d4e5f60718";
const SUBNET_B: &str = "subnet-0b2c3d4e";
const SG: &str = "sg-0123456789abcdef0";

fn parse(line: &[&str]) -> Result<(RunArgs, Option<String>), clap::Error> {
    let cli = Cli::try_parse_from(["awsvpc", "run"].iter().chain(line))?;
    match cli.command {
        Command::Run(args) => Ok((args, cli.aws.timeout)),
        other => panic!("not run: {other:?}"),
    }
}

/// The plan of `awsvpc run LINE`, with a terminal on stdin unless `env` says otherwise.
fn plan_with(line: &[&str], env: &Env) -> Result<Plan> {
    let (args, timeout) = parse(line).unwrap_or_else(|e| panic!("{line:?}: {e}"));
    plan(&args, timeout.as_deref(), env)
}

fn tty() -> Env {
    Env { stdin_tty: true, ..Env::default() }
}

/// A launch with `extra` after a valid task definition and subnet.
fn ok(extra: &[&str]) -> Plan {
    let mut line = vec!["--task-definition", "web:12", "--subnets", SUBNET];
    line.extend_from_slice(extra);
    plan_with(&line, &tty()).unwrap_or_else(|e| panic!("{extra:?}: {e}"))
}

/// The refusal of `awsvpc run LINE` (a terminal on stdin): a usage error (exit 2) whose message
/// holds every one of `says`.
fn refused(line: &[&str], says: &[&str]) {
    let err = match plan_with(line, &tty()) {
        Ok(p) => panic!("{line:?} was accepted: {p:?}"),
        Err(e) => e,
    };
    assert_eq!(crate::error::exit_code_of(&err), exit::USAGE, "{line:?}: {err}");
    let msg = err.to_string();
    for s in says {
        assert!(msg.contains(s), "{line:?}: {msg:?} does not say {s:?}");
    }
}

/// `refused` after a valid task definition and subnet.
fn refused_extra(extra: &[&str], says: &[&str]) {
    let mut line = vec!["--task-definition", "web:12", "--subnets", SUBNET];
    line.extend_from_slice(extra);
    refused(&line, says);
}

fn subnet(i: usize) -> String {
    format!("subnet-{i:08x}")
}

#[test]
fn defaults_of_a_minimal_launch() {
    let p = ok(&[]);
    assert_eq!(p.cluster, "default");
    assert_eq!(p.task_definition.as_deref(), Some("web:12"));
    assert_eq!(p.subnets, [SUBNET]);
    assert!(p.security_groups.is_empty(), "none: the VPC's default group");
    assert_eq!((p.public_ip, p.launch_type, p.count), (None, None, 1));
    assert!(p.capacity_providers.is_empty() && p.tags.is_empty() && p.containers.is_empty());
    assert_eq!(p.timeout, Duration::from_secs(600), "the README: the wait's default is 10m");
    assert_eq!(p.poll, Duration::from_secs(3));
    assert!(p.preflight && p.wait && !p.force && !p.dry_run && !p.yes && !p.enable_execute_command);
    assert_eq!((p.propagate_tags, p.platform_version, p.started_by, p.group), (None, None, None, None));
}

#[test]
fn the_cluster_is_the_option_else_awsvpc_cluster_else_default() {
    let line = ["--task-definition", "web", "--subnets", SUBNET, "--yes"];
    let env = |c: Option<&str>| Env { cluster: c.map(str::to_string), ..Env::default() };
    assert_eq!(plan_with(&line, &env(None)).unwrap().cluster, "default");
    assert_eq!(plan_with(&line, &env(Some("prod"))).unwrap().cluster, "prod");
    let arn = "arn:aws:ecs:us-east-1:123456789012:cluster/batch";
    assert_eq!(plan_with(&line, &env(Some(arn))).unwrap().cluster, "batch");
    let mut given = line.to_vec();
    given.extend(["--cluster", "arn:aws:ecs:us-east-1:123456789012:cluster/web-1"]);
    assert_eq!(plan_with(&given, &env(Some("prod"))).unwrap().cluster, "web-1", "--cluster wins");
    let err = plan_with(&line, &env(Some("has space"))).unwrap_err().to_string();
    assert!(err.contains("AWSVPC_CLUSTER") && err.contains("has space"), "{err}");
    refused(&["--cluster", "a/b", "--task-definition", "web", "--subnets", SUBNET], &["--cluster", "'a/b'"]);
}

#[test]
fn subnets_and_groups_are_split_on_commas_and_repeats_in_order() {
    let p =
        ok(&["--subnets", &format!("{SUBNET_B},subnet-0c2d3e4f"), "--security-groups", &format!("{SG},sg-0a0b0c0d")]);
    assert_eq!(p.subnets, [SUBNET, SUBNET_B, "subnet-0c2d3e4f"]);
    assert_eq!(p.security_groups, [SG, "sg-0a0b0c0d"]);
}

#[test]
fn a_subnet_or_group_given_twice_is_refused_not_merged() {
    refused_extra(&["--subnets", SUBNET], &["--subnets", SUBNET, "twice"]);
    refused_extra(&["--security-groups", &format!("{SG},{SG}")], &["--security-groups", SG, "twice"]);
}

#[test]
fn at_most_16_subnets_and_5_security_groups() {
    let sixteen: Vec<String> = (1..=16).map(subnet).collect();
    let line16 = ["--task-definition", "web", "--subnets", &sixteen.join(","), "--yes"];
    assert_eq!(plan_with(&line16, &Env::default()).unwrap().subnets.len(), 16);
    let seventeen: Vec<String> = (1..=17).map(subnet).collect();
    refused(&["--task-definition", "web", "--subnets", &seventeen.join(",")], &["--subnets", "at most 16 subnets"]);

    let groups = |n: usize| (1..=n).map(|i| format!("sg-{i:08x}")).collect::<Vec<_>>().join(",");
    assert_eq!(ok(&["--security-groups", &groups(5)]).security_groups.len(), 5);
    refused_extra(
        &["--security-groups", &groups(6)],
        &["--security-groups", "sg-00000006", "at most 5 security groups"],
    );
}

#[test]
fn malformed_ids_name_the_option_the_value_and_the_form() {
    for bad in ["subnet-xyz", "subnet-0A1B2C3D", "subnet-0a1b2c3", "sg-0a1b2c3d", "0a1b2c3d"] {
        refused(
            &["--task-definition", "web", "--subnets", bad],
            &["--subnets", &format!("'{bad}'"), "subnet-0123456789abcdef0"],
        );
    }
    refused_extra(
        &["--security-groups", "subnet-0a1b2c3d"],
        &["--security-groups", "'subnet-0a1b2c3d'", "sg-0123456789abcdef0"],
    );
    for bad in ["web:0", "web:", "web:x", "a b"] {
        refused(&["--task-definition", bad, "--subnets", SUBNET], &["--task-definition", &format!("'{bad}'")]);
    }
    refused(&["--like-service", "web/1"], &["--like-service", "'web/1'"]);
}

#[test]
fn a_task_definition_or_a_service_and_subnets_are_required() {
    refused(&["--subnets", SUBNET], &["--task-definition is required", "--like-service"]);
    refused(&["--task-definition", "web"], &["--subnets is required", "1 to 16 subnets"]);
    // --like-service takes the service's task definition and network configuration.
    let p = plan_with(&["--like-service", "web", "--yes"], &Env::default()).unwrap();
    assert_eq!((p.like_service.as_deref(), p.task_definition.as_deref()), (Some("web"), None));
    assert!(p.subnets.is_empty());
    let p = plan_with(&["--like-service", "web", "--count", "3", "--task-definition", "web:2"], &tty()).unwrap();
    assert_eq!((p.count, p.task_definition.as_deref()), (3, Some("web:2")), "other options override");
}

#[test]
fn count_is_1_to_10_by_clap_before_any_plan() {
    assert_eq!(ok(&["--count", "10"]).count, 10);
    assert_eq!(ok(&["--count", "1"]).count, 1);
    for bad in ["0", "11", "-1"] {
        let err = parse(&["--task-definition", "web", "--subnets", SUBNET, "--count", bad]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ValueValidation, "{bad}");
        let msg = err.to_string();
        assert!(msg.contains("--count") && msg.contains(bad) && msg.contains("1..=10"), "{msg}");
    }
}

#[test]
fn launch_type_and_public_ip() {
    let p = ok(&["--launch-type", "FARGATE", "--assign-public-ip", "ENABLED"]);
    assert_eq!((p.launch_type, p.public_ip), (Some("FARGATE"), Some(true)));
    assert_eq!(ok(&["--launch-type", "EC2", "--assign-public-ip", "DISABLED"]).public_ip, Some(false));
    refused_extra(&["--launch-type", "EXTERNAL"], &["--launch-type", "'EXTERNAL'", "ECS Anywhere"]);
    // A public IP is Fargate's only: refused up front when the command line says EC2.
    refused_extra(
        &["--launch-type", "EC2", "--assign-public-ip", "ENABLED"],
        &["--assign-public-ip", "'ENABLED'", "only for Fargate"],
    );
    refused_extra(
        &["--capacity-provider", "asg-cp", "--assign-public-ip", "ENABLED"],
        &["--assign-public-ip", "Fargate"],
    );
    // Else the target decides, once it is known (the cluster's strategy, the service's).
    assert_eq!(ok(&["--assign-public-ip", "ENABLED"]).public_ip, Some(true));
    assert_eq!(ok(&["--capacity-provider", "FARGATE_SPOT", "--assign-public-ip", "ENABLED"]).public_ip, Some(true));
    let p = plan_with(&["--like-service", "web", "--launch-type", "EC2", "--assign-public-ip", "ENABLED"], &tty());
    assert!(p.is_ok(), "with --like-service the service's values are read first");
}

#[test]
fn capacity_provider_strategy_items() {
    let p = ok(&[
        "--capacity-provider",
        "FARGATE_SPOT:3:1",
        "--capacity-provider",
        "FARGATE:1",
        "--capacity-provider",
        "asg",
    ]);
    let item = |name: &str, weight, base| CapacityProviderItem { name: name.into(), weight, base };
    assert_eq!(
        p.capacity_providers,
        [item("FARGATE_SPOT", Some(3), Some(1)), item("FARGATE", Some(1), None), item("asg", None, None)]
    );
    assert_eq!(ok(&["--capacity-provider", "cp:0:0"]).capacity_providers, [item("cp", Some(0), Some(0))]);
    assert_eq!(
        ok(&["--capacity-provider", "cp:1000:100000"]).capacity_providers,
        [item("cp", Some(1000), Some(100_000))]
    );
    for bad in ["cp:1001", "cp:1:100001", "cp:-1", "cp:x", "cp:1:2:3", "", "c p", "cp:"] {
        refused_extra(
            &["--capacity-provider", bad],
            &["--capacity-provider", &format!("'{bad}'"), "weight 0-1000, base 0-100000"],
        );
    }
    let err =
        parse(&["--task-definition", "web", "--subnets", SUBNET, "--capacity-provider", "cp", "--launch-type", "EC2"])
            .unwrap_err();
    assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
}

#[test]
fn tags_are_key_value_pairs_in_order() {
    let p = ok(&["--tag", "team=web", "--tag", "empty=", "--tag", "url=a=b"]);
    let pairs: Vec<(&str, &str)> = p.tags.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(pairs, [("team", "web"), ("empty", ""), ("url", "a=b")]);
    let (k128, v256) = ("k".repeat(128), "v".repeat(256));
    assert_eq!(ok(&["--tag", &format!("{k128}={v256}")]).tags[0].0.len(), 128);
    for bad in ["novalue", "=v", "aws:owner=me"] {
        refused_extra(&["--tag", bad], &["--tag", &format!("'{bad}'"), "KEY=VALUE"]);
    }
    refused_extra(&["--tag", &format!("{}=v", "k".repeat(129))], &["--tag", "1-128 characters"]);
    refused_extra(&["--tag", &format!("k={}", "v".repeat(257))], &["--tag", "at most 256"]);
    refused_extra(&["--tag", "team=a", "--tag", "team=b"], &["--tag", "key team", "twice"]);
    // AWS counts Unicode characters, and reserves aws: in any case for keys and values alike.
    let (k, v) = ("\u{e9}".repeat(128), "\u{e9}".repeat(256));
    assert_eq!(ok(&["--tag", &format!("{k}={v}")]).tags[0].0.chars().count(), 128);
    for bad in ["AWS:owner=me", "Aws:x=y", "owner=aws:me", "owner=AWS:me"] {
        refused_extra(&["--tag", bad], &["--tag", "aws:"]);
    }
}

#[test]
fn at_most_50_tags() {
    let tags = |n: usize| (1..=n).flat_map(|i| ["--tag".to_string(), format!("k{i}=v")]).collect::<Vec<_>>();
    let fifty = tags(50);
    let fifty: Vec<&str> = fifty.iter().map(String::as_str).collect();
    assert_eq!(ok(&fifty).tags.len(), 50);
    let fifty_one = tags(51);
    let fifty_one: Vec<&str> = fifty_one.iter().map(String::as_str).collect();
    refused_extra(&fifty_one, &["--tag", "at most 50 tags"]);
}

#[test]
fn client_token_given_or_generated() {
    assert_eq!(ok(&["--client-token", "deploy-42"]).client_token, "deploy-42");
    let t64 = "t".repeat(64);
    assert_eq!(ok(&["--client-token", &t64]).client_token, t64);
    let (a, b) = (ok(&[]).client_token, ok(&[]).client_token);
    assert!(uuid::Uuid::parse_str(&a).is_ok(), "a new random token: {a}");
    assert_ne!(a, b, "each launch its own token");
    for bad in ["", "has space", &"t".repeat(65), "caf\u{e9}"] {
        refused_extra(&["--client-token", bad], &["--client-token", "1-64 printable ASCII"]);
    }
}

#[test]
fn wait_poll_and_timeout() {
    let p = ok(&["--poll-interval", "0.5", "--timeout", "90s"]);
    assert_eq!((p.poll, p.timeout), (Duration::from_millis(500), Duration::from_secs(90)));
    assert_eq!(ok(&["--poll-interval", "60", "--timeout", "1h"]).timeout, Duration::from_secs(3600));
    assert_eq!(ok(&["--poll-interval", "0.1"]).poll, Duration::from_millis(100));
    for bad in ["0", "0.05", "60.5", "-1", "NaN"] {
        refused_extra(&["--poll-interval", bad], &["--poll-interval", "between 0.1 and 60 seconds"]);
    }
    for bad in ["0", "25h", "10x", "soon"] {
        refused_extra(&["--timeout", bad], &["--timeout", &format!("'{bad}'"), "at most 24h"]);
    }
    assert!(!ok(&["--no-wait"]).wait);
}

#[test]
fn text_options_follow_runtask_limits() {
    let p = ok(&["--platform-version", "1.4.0", "--started-by", "ci/job-1", "--group", "family:web"]);
    assert_eq!(p.platform_version.as_deref(), Some("1.4.0"));
    assert_eq!((p.started_by.as_deref(), p.group.as_deref()), (Some("ci/job-1"), Some("family:web")));
    assert_eq!(ok(&["--platform-version", "LATEST"]).platform_version.as_deref(), Some("LATEST"));
    for bad in ["latest", "1..4", "v1", ""] {
        refused_extra(&["--platform-version", bad], &["--platform-version", "LATEST or a version"]);
    }
    assert!(ok(&["--started-by", &"s".repeat(128)]).started_by.is_some());
    for bad in ["s".repeat(129), "a b".into(), "".into()] {
        refused_extra(&["--started-by", &bad], &["--started-by", "1-128"]);
    }
    assert!(ok(&["--group", &"g".repeat(255)]).group.is_some());
    for bad in ["g".repeat(256), "".into(), "a\tb".into()] {
        refused_extra(&["--group", &bad], &["--group", "1-255 characters"]);
    }
}

#[test]
fn flags_pass_through() {
    let p = ok(&["--dry-run", "--no-preflight", "--force", "--enable-execute-command", "--propagate-tags", "NONE"]);
    assert!(p.dry_run && !p.preflight && p.force && p.enable_execute_command);
    assert_eq!(p.propagate_tags, Some("NONE"));
    assert_eq!(ok(&["--propagate-tags", "TASK_DEFINITION"]).propagate_tags, Some("TASK_DEFINITION"));
    // RunTask refuses SERVICE (API Reference, RunTask propagateTags): not offered, a usage error.
    let err =
        crate::cli::Cli::try_parse_from(["awsvpc", "run", "--task-definition", "web", "--propagate-tags", "SERVICE"])
            .unwrap_err();
    assert_eq!(err.kind(), clap::error::ErrorKind::InvalidValue);
}

#[test]
fn without_a_terminal_it_needs_yes_or_dry_run() {
    let line = ["--task-definition", "web", "--subnets", SUBNET];
    let err = plan_with(&line, &Env::default()).unwrap_err();
    assert_eq!(crate::error::exit_code_of(&err), exit::USAGE);
    assert!(err.to_string().contains("no terminal to ask on: add --yes (or --dry-run)"), "{err}");
    let with = |flag: &str| plan_with(&[&line[..], &[flag]].concat(), &Env::default()).unwrap();
    assert!(with("--yes").yes);
    assert!(with("--dry-run").dry_run);
    assert!(!plan_with(&line, &tty()).unwrap().yes, "on a terminal it asks");
}

#[test]
fn command_and_env_overrides_merge_per_container() {
    let p = ok(&[
        "--command",
        "app=echo hi",
        "--env",
        "app:MODE=full",
        "--env",
        "side:A_1=x=y",
        "--command",
        r#"side=["sh", "-c", "a b"]"#,
    ]);
    let want = |name: &str, cmd: &[&str], env: &[(&str, &str)]| ContainerOverrides {
        name: name.into(),
        command: Some(cmd.iter().map(|s| s.to_string()).collect()),
        environment: env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
    };
    assert_eq!(
        p.containers,
        [want("app", &["echo", "hi"], &[("MODE", "full")]), want("side", &["sh", "-c", "a b"], &[("A_1", "x=y")])]
    );
    refused_extra(&["--command", "app"], &["--command", "'app'", "CONTAINER=ARGS"]);
    refused_extra(&["--command", "app=  "], &["--command", "non-empty"]);
    refused_extra(&["--command", "app=[1, 2]"], &["--command", "JSON array of strings"]);
    refused_extra(&["--command", "a b=ls"], &["--command", "container name"]);
    refused_extra(&["--command", "app=ls", "--command", "app=pwd"], &["--command", "container app", "twice"]);
}

#[test]
fn env_values_are_never_echoed_in_a_refusal() {
    for (bad, rule) in [
        ("MODE=s3cret", "CONTAINER:NAME=VALUE"),
        ("app:MO-DE=s3cret", "NAME of letters, digits and _"),
        ("app:=s3cret", "NAME of letters"),
        ("a b:MODE=s3cret", "container name"),
    ] {
        let err = plan_with(&["--task-definition", "web", "--subnets", SUBNET, "--env", bad], &tty()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("--env") && msg.contains(rule) && msg.contains("=..."), "{bad}: {msg}");
        assert!(!msg.contains("s3cret"), "{bad}: the value is echoed: {msg}");
    }
}
