//! A command line that keeps its promises (issue "What a person meets", item 6): each case was
//! found when tried as a new user would.

use awsvpc::exit;

use crate::harness::{bare_cmd, run, Account};

/// Bare `awsvpc`: the usage and the list of commands, on stderr, exit 2 (as clap prints them).
#[test]
fn bare_awsvpc_prints_the_usage_and_the_commands() {
    let r = run(&mut bare_cmd());
    assert_eq!(r.code, exit::USAGE);
    assert!(r.stderr.contains("Usage: awsvpc") && r.stderr.contains("Commands:"), "{}", r.stderr);
    assert!(r.stderr.lines().any(|l| l.trim_start().starts_with("check ")), "one command a line: {}", r.stderr);
}

/// Questions that would never be answered are usage errors, before any call.
#[test]
fn unanswerable_questions_are_usage_errors() {
    let acct = Account::new();
    acct.clear_calls();
    acct.awsvpc(&["check", "--tasks", "4"]).expect_clean_error(exit::USAGE, "--tasks needs --cluster");
    acct.awsvpc(&["check", "--only", "vpc.dns-support", "--skip", "vpc.dns-support"])
        .expect_clean_error(exit::USAGE, "no check to run");
    assert!(acct.calls().is_empty(), "{:?}", acct.calls());
}

/// The AWS CLI's JMESPath reads a backtick literal that is not JSON as a string: the same
/// expressions work here.
#[test]
fn query_takes_the_aws_cli_everyday_literals() {
    let acct = Account::new();
    let seed = acct.seed("mixed", serde_json::json!({"ec2": 1, "fargate": 2, "bridge": 0, "stopped": 0}));
    let r = acct.awsvpc(&[
        "enis",
        "--cluster",
        "prod",
        "--output",
        "json",
        "--query",
        "tasks[?launch_type==`FARGATE`].task_arn",
    ]);
    r.expect(exit::OK);
    let mut got: Vec<String> = serde_json::from_str(&r.stdout).unwrap();
    got.sort();
    let mut want: Vec<String> =
        seed["fargate_tasks"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect();
    want.sort();
    assert_eq!(got, want);
}
