//! Bad input, table-driven over every command's options: each gives one error line naming the
//! option, exit 2, and no call to AWS at all (asserted through the emulator's request log).

use awsvpc::exit;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use serde_json::json;

use crate::builder::Seed;
use crate::harness::Account;

const ID: &str = "0123456789abcdef0123456789abcdef";

fn long(n: usize) -> String {
    "x".repeat(n)
}

#[test]
fn every_option_rejects_bad_values_before_any_call() {
    let acct = Account::new();
    let huge = long(5000);
    let subnets17: String = (1..=17).map(|i| format!("subnet-{i:017x}")).collect::<Vec<_>>().join(",");
    let sgs6: String = (1..=6).map(|i| format!("sg-{i:017x}")).collect::<Vec<_>>().join(",");
    #[rustfmt::skip]
    let cases: Vec<(Vec<&str>, &str)> = vec![
        // global options
        (vec!["--region", "", "enis"], "--region"),
        (vec!["--region", "us_east_1", "enis"], "--region"),
        (vec!["--region", &huge, "enis"], "--region"),
        (vec!["--endpoint-url", "localhost:1", "enis"], "--endpoint-url"),
        (vec!["--profile", "", "enis"], "--profile"),
        (vec!["--profile", "two words", "enis"], "--profile"),
        (vec!["--max-attempts", "0", "enis"], "--max-attempts"),
        (vec!["--max-attempts", "many", "enis"], "--max-attempts"),
        (vec!["--read-timeout", "3601", "enis"], "--read-timeout"),
        (vec!["--connect-timeout", "-1", "enis"], "--connect-timeout"),
        (vec!["--output", "xml", "enis"], "--output"),
        (vec!["-q", "-v", "enis"], "--quiet"),
        // enis
        (vec!["enis", "--cluster", ""], "--cluster"),
        (vec!["enis", "--cluster", &huge], "--cluster"),
        (vec!["enis", "--cluster", "arn:aws:ecs:us-east-1:123456789012:service/x"], "--cluster"),
        (vec!["enis", "not-a-task"], "TASK"),
        (vec!["enis", &huge], "TASK"),
        (vec!["enis", ID, ID], "twice"),
        (vec!["enis", "--service", "a b"], "--service"),
        (vec!["enis", "--family", ""], "--family"),
        (vec!["enis", "--started-by", ""], "--started-by"),
        (vec!["enis", "--container-instance", "i-0123"], "--container-instance"),
        (vec!["enis", "--desired-status", "GONE"], "--desired-status"),
        (vec!["enis", "--launch-type", "LAMBDA"], "--launch-type"),
        (vec!["enis", "--started-by", "me", "--service", "web"], "--started-by"),
        (vec!["enis", "--family", "web", ID], "--family"),
        // check
        (vec!["check", "--subnets", "subnet-zz"], "--subnets"),
        (vec!["check", "--subnets", ""], "--subnets"),
        (vec!["check", "--security-groups", "sg-1"], "--security-groups"),
        (vec!["check", "--security-groups", "sg-0123456789abcdef0,sg-0123456789abcdef0"], "--security-groups"),
        (vec!["check", "--only", "nope"], "--only"),
        (vec!["check", "--skip", "vpc.nope"], "--skip"),
        (vec!["check", "--require", "magic"], "--require"),
        (vec!["check", "--tasks", "0"], "--tasks"),
        (vec!["check", "--tasks", "100001"], "--tasks"),
        (vec!["check", "--cluster", "a", "--all-clusters"], "--all-clusters"),
        (vec!["check", "--cluster", "a", "--cluster", "a"], "--cluster"),
        (vec!["check", "--launch-type", "BATCH"], "--launch-type"),
        (vec!["check", "--assign-public-ip", "YES"], "--assign-public-ip"),
        (vec!["check", "--task-definition", "web:0"], "--task-definition"),
        (vec!["check", "--service", "web"], "--service"),
        (vec!["check", "--cluster", "a", "--service", "a/b"], "--service"),
        (vec!["check", "--yes"], "--fix"),
        (vec!["check", "--fix", "--yes", "--principal-arn", "arn:aws:iam::1:role/x"], "--principal-arn"),
        (vec!["check", "--fix"], "--yes"),
        // run
        (vec!["run", "--subnets", "subnet-0123456789abcdef0", "--yes"], "--task-definition"),
        (vec!["run", "--task-definition", "web", "--yes"], "--subnets"),
        (vec!["run", "--task-definition", "web", "--subnets", &subnets17, "--yes"], "--subnets"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--security-groups", &sgs6, "--yes"], "--security-groups"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--count", "0", "--yes"], "--count"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--count", "11", "--yes"], "--count"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--launch-type", "EC2", "--assign-public-ip", "ENABLED", "--yes"], "--assign-public-ip"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--launch-type", "EC2", "--capacity-provider", "FARGATE", "--yes"], "--capacity-provider"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--capacity-provider", "cp:9999", "--yes"], "--capacity-provider"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--platform-version", "new", "--yes"], "--platform-version"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--tag", "=v", "--yes"], "--tag"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--tag", "aws:x=v", "--yes"], "--tag"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--tag", "k=1", "--tag", "k=2", "--yes"], "--tag"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--command", "app=", "--yes"], "--command"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--command", "app=[1,2]", "--yes"], "--command"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--env", "noseparator", "--yes"], "--env"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--client-token", &huge, "--yes"], "--client-token"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--timeout", "0s", "--yes"], "--timeout"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--poll-interval", "0", "--yes"], "--poll-interval"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--propagate-tags", "ALL", "--yes"], "--propagate-tags"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--started-by", &huge, "--yes"], "--started-by"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--group", "", "--yes"], "--group"),
        (vec!["run", "--like-service", "a/b", "--yes"], "--like-service"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0"], "--yes"),
        // stop
        (vec!["stop"], "TASK"),
        (vec!["stop", "bad", "--yes"], "TASK"),
        (vec!["stop", ID, ID, "--yes"], "twice"),
        (vec!["stop", ID, "--reason", "", "--yes"], "--reason"),
        (vec!["stop", ID, "--reason", &huge, "--yes"], "--reason"),
        (vec!["stop", ID, "--timeout", "1y", "--yes"], "--timeout"),
        (vec!["stop", ID], "--yes"),
        // capacity, diagnose, explain, completions
        (vec!["capacity", "--cluster", "x y"], "--cluster"),
        (vec!["capacity", "--subnets", "subnet-1"], "--subnets"),
        (vec!["capacity", "--tasks", "-1"], "--tasks"),
        (vec!["run", "--task-definition", "web", "--subnets", "subnet-0123456789abcdef0", "--count", "-3", "--yes"], "--count"),
        (vec!["--max-attempts", "-2", "enis"], "--max-attempts"),
        (vec!["diagnose"], "--stopped-since"),
        (vec!["diagnose", "bad"], "TASK"),
        (vec!["diagnose", ID, "--stopped-since", "1h"], "--stopped-since"),
        (vec!["diagnose", "--stopped-since", "1 hour"], "--stopped-since"),
        (vec!["explain", "nope"], "ID"),
        (vec!["completions", "tcsh"], "tcsh"),
        (vec!["frobnicate"], "frobnicate"),
    ];
    for (args, needle) in &cases {
        let r = acct.awsvpc("").typed(args).run();
        assert_eq!(r.code, exit::USAGE, "{args:?}: {}", r.stderr);
        let first = r.stderr.lines().next().unwrap_or("");
        assert!(
            first.starts_with("awsvpc: error:") && first.contains(needle),
            "{args:?}: error should name {needle}: {}",
            r.stderr
        );
        assert!(r.stderr.lines().filter(|l| l.starts_with("awsvpc: error:")).count() == 1, "{args:?}");
        assert!(first.len() < 400, "{args:?}: one readable line, long values cut: {first}");
    }
    assert!(acct.calls().is_empty(), "no AWS call on bad input: {:?}", acct.calls());
}

#[test]
fn non_utf8_arguments_name_their_option() {
    let acct = Account::new();
    let bad = OsString::from_vec(vec![b'a', 0xff, b'b']);
    for args in [
        vec![OsString::from("enis"), OsString::from("--cluster"), bad.clone()],
        vec![OsString::from("check"), OsString::from("--subnets"), bad.clone()],
        vec![OsString::from("run"), OsString::from("--task-definition"), bad.clone(), OsString::from("--yes")],
    ] {
        let option = args[1].to_string_lossy().to_string();
        let r = acct.awsvpc("").typed(&args).run();
        assert_eq!(r.code, exit::USAGE);
        assert_eq!(r.stderr.trim(), format!("awsvpc: error: invalid value for {option}: it is not valid UTF-8"));
    }
    assert!(acct.calls().is_empty());
}

/// With -vv and known fake secrets in the environment, no byte of stdout or stderr carries them.
#[test]
fn secrets_never_appear_at_any_verbosity() {
    let acct = Account::new();
    let seed = acct.seed(
        Seed::cluster()
            .with("instances", json!([{"trunk": true, "subnet": 0}]))
            .with("settings", json!({"role": {"awsvpcTrunking": "enabled"}})),
    );
    let subnet = seed.private_subnets()[0].clone();
    const SECRET: &str = "FAKE-SECRET-wJalrXUtnFEMI-K7MDENG";
    const TOKEN: &str = "FAKE-SESSION-TOKEN-IQoJb3JpZ2luX2VjE";
    const ENV_VALUE: &str = "FAKE-ENV-VALUE-hunter2";
    let env_arg = format!("app:DB_PASSWORD={ENV_VALUE}");
    let bad_env_arg = format!("bad name:K={ENV_VALUE}");
    let run = || acct.awsvpc("run").flag("-vv").cluster("prod").task_definition("web").subnets(&subnet);
    let runs = [
        ("enis", acct.awsvpc("enis").flag("-vv").cluster("prod")),
        ("check", acct.awsvpc("check").flag("-vv").cluster("prod").subnets(&subnet).json()),
        ("run --dry-run", run().opt("--env", &env_arg).dry_run().json()),
        ("run", run().opt("--env", &env_arg).yes().opt("--poll-interval", "0.1")),
        ("run with a bad --env", run().opt("--env", &bad_env_arg).yes()),
        ("enis --region mars", acct.awsvpc("enis").flag("-vv").region("mars")),
    ];
    for (what, cmd) in runs {
        let r = cmd.env("AWS_SECRET_ACCESS_KEY", SECRET).env("AWS_SESSION_TOKEN", TOKEN).run();
        for secret in [SECRET, TOKEN, ENV_VALUE] {
            assert!(!r.stdout.contains(secret) && !r.stderr.contains(secret), "{what} leaked {secret}");
        }
        if what.ends_with("--dry-run") {
            assert!(r.stdout.contains("DB_PASSWORD") && r.stdout.contains("***"));
        }
    }
}
