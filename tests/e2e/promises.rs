//! A command line that keeps its promises (issue "What a person meets", item 6): each case was
//! found when tried as a new user would.

use awsvpc::exit;

use crate::builder::{Seed, awsvpc};
use crate::harness::Account;

/// Bare `awsvpc`: the usage and the list of commands, on stderr, exit 2 (as clap prints them).
#[test]
fn bare_awsvpc_prints_the_usage_and_the_commands() {
    let r = awsvpc("").run();
    assert_eq!(r.code, exit::USAGE);
    assert!(r.stderr.contains("Usage: awsvpc") && r.stderr.contains("Commands:"), "{}", r.stderr);
    assert!(r.stderr.lines().any(|l| l.trim_start().starts_with("check ")), "one command a line: {}", r.stderr);
}

/// Questions that would never be answered are usage errors, before any call.
#[test]
fn unanswerable_questions_are_usage_errors() {
    let acct = Account::new();
    acct.clear_calls();
    acct.awsvpc("check").opt("--tasks", "4").run().expect_clean_error(exit::USAGE, "--tasks needs --cluster");
    acct.awsvpc("check")
        .only("vpc.dns-support")
        .skip("vpc.dns-support")
        .run()
        .expect_clean_error(exit::USAGE, "no check to run");
    assert!(acct.calls().is_empty(), "{:?}", acct.calls());
}

/// The AWS CLI's JMESPath reads a backtick literal that is not JSON as a string: the same
/// expressions work here.
#[test]
fn query_takes_the_aws_cli_everyday_literals() {
    let acct = Account::new();
    let seed = acct.seed(Seed::mixed().params(serde_json::json!({"ec2": 1, "fargate": 2, "bridge": 0, "stopped": 0})));
    let r =
        acct.awsvpc("enis").cluster("prod").json().query("tasks[?launch_type==`FARGATE`].task_arn").expect(exit::OK);
    let mut got: Vec<String> = serde_json::from_str(&r.stdout).unwrap();
    got.sort();
    let mut want: Vec<String> =
        seed["fargate_tasks"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect();
    want.sort();
    assert_eq!(got, want);
}

/// A service the cluster does not have is an error, as in `check` and `diagnose` (ListTasks
/// answers ServiceNotFoundException), not an empty, green list.
#[test]
fn enis_of_a_missing_service_is_an_error() {
    let acct = Account::new();
    acct.seed(
        Seed::cluster()
            .with("instances", serde_json::json!([]))
            .with("services", serde_json::json!([{"name": "web", "target_type": "ip"}])),
    );
    acct.awsvpc("enis").cluster("prod").service("web").expect(exit::OK);
    acct.awsvpc("enis")
        .cluster("prod")
        .service("missing")
        .run()
        .expect_clean_error(exit::USAGE, "ServiceNotFoundException");
}

/// JUnit's counts are those of the findings `--status` shows.
#[test]
fn junit_counts_agree_with_status() {
    let acct = Account::new();
    acct.seed(Seed::demo());
    let r = acct
        .awsvpc("check")
        .cluster("demo")
        .opt("--tasks", "4")
        .opt("--status", "fail")
        .junit()
        .expect(exit::FOUND_PROBLEM);
    let cases = r.stdout.matches("<testcase ").count();
    let failures = r.stdout.matches("<failure ").count();
    assert!(cases >= 1 && cases == failures, "{}", r.stdout);
    let head = r.stdout.lines().find(|l| l.starts_with("<testsuites")).unwrap();
    assert!(head.contains(&format!("tests=\"{cases}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\"")), "{head}");
}

/// An instance is asked for by either id: the container instance's or its EC2 instance's.
#[test]
fn enis_takes_either_instance_id() {
    let acct = Account::new();
    let seed =
        acct.seed(Seed::cluster().with("instances", serde_json::json!([{"tasks": 2}, {"subnet": 1, "tasks": 1}])));
    let (arn, ec2) =
        (seed["instances"][0]["arn"].as_str().unwrap(), seed["instances"][0]["instance_id"].as_str().unwrap());
    let by = |id: &str| {
        acct.clear_calls();
        let v = acct.awsvpc("enis").cluster("prod").opt("--container-instance", id).json_ok(exit::OK);
        // Either id reaches ListTasks as the container instance (the emulator's request log).
        let sent: Vec<serde_json::Value> =
            acct.requests("ecs.ListTasks").iter().map(|r| r["containerInstance"].clone()).collect();
        assert!(
            sent.len() == 1 && sent[0].as_str().is_some_and(|s| s.ends_with(arn.rsplit('/').next().unwrap())),
            "{sent:?}"
        );
        let mut ids: Vec<String> =
            v["tasks"].as_array().unwrap().iter().map(|t| t["task_arn"].as_str().unwrap().to_string()).collect();
        ids.sort();
        ids
    };
    let mut want: Vec<String> =
        seed["instances"][0]["tasks"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect();
    want.sort();
    assert_eq!(by(arn), want);
    assert_eq!(by(ec2), want, "the EC2 id finds the same tasks");
    acct.awsvpc("enis")
        .cluster("prod")
        .opt("--container-instance", "i-0123456789abcdef0")
        .run()
        .expect_clean_error(exit::USAGE, "no container instance of cluster prod runs on i-0123456789abcdef0");
}
