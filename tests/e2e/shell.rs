//! The shell habits of AWS users: `--query` (JMESPath, as the AWS CLI) on every command's JSON,
//! printed as JSON or as the AWS CLI's text; `--columns` by name for `--output text`.

use awsvpc::exit;
use serde_json::{Value, json};

use crate::harness::{Account, strings};

fn account() -> (Account, String) {
    let acct = Account::new();
    let seed = acct.seed_raw(
        "cluster",
        json!({"instances": [{"trunk": true, "subnet": 0, "tasks": 2}, {"trunk": false, "subnet": 1, "tasks": 1}],
               "settings": {"role": {"awsvpcTrunking": "enabled"}}}),
    );
    (acct, strings(&seed["network"]["private_subnets"]).join(","))
}

#[test]
fn query_selects_from_every_commands_json() {
    let (acct, subnets) = account();
    let enis = acct.awsvpc_args(&["enis", "--cluster", "prod", "--output", "json"]);
    enis.expect(exit::OK);
    let doc = enis.json();
    let expected_ids: Vec<Value> = doc["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["enis"].as_array().unwrap().iter().map(|e| e["eni_id"].clone()))
        .collect();
    assert_eq!(expected_ids.len(), 3);
    // JSON of the result.
    let r = acct.awsvpc_args(&["enis", "--cluster", "prod", "--output", "json", "--query", "tasks[].enis[].eni_id"]);
    r.expect(exit::OK);
    assert_eq!(r.json(), Value::Array(expected_ids.clone()));
    // Text of the result: a list of scalars is one tab-separated line, as the AWS CLI prints it.
    let r = acct.awsvpc_args(&["enis", "--cluster", "prod", "--output", "text", "--query", "tasks[].enis[].eni_id"]);
    let ids: Vec<&str> = expected_ids.iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(r.stdout, format!("{}\n", ids.join("\t")));
    // A projection to rows: one line per task.
    let r = acct.awsvpc_args(&[
        "enis",
        "--cluster",
        "prod",
        "--output",
        "text",
        "--query",
        "tasks[].[task_id, last_status]",
    ]);
    assert_eq!(r.stdout.lines().count(), 3, "{}", r.stdout);
    assert!(r.stdout.lines().all(|l| l.ends_with("\tRUNNING")), "{}", r.stdout);
    // A query that selects nothing: an empty list, and no line in text; the exit code is the command's.
    let r = acct.awsvpc_args(&[
        "enis",
        "--cluster",
        "prod",
        "--output",
        "json",
        "--query",
        "tasks[?last_status=='STOPPED']",
    ]);
    r.expect(exit::OK);
    assert_eq!(r.json(), json!([]));
    let r = acct.awsvpc_args(&[
        "enis",
        "--cluster",
        "prod",
        "--output",
        "text",
        "--query",
        "tasks[?last_status=='STOPPED'].task_id",
    ]);
    assert_eq!(r.stdout, "");
    let r = acct.awsvpc_args(&["enis", "--cluster", "prod", "--output", "json", "--query", "no_such_field"]);
    assert_eq!(r.json(), Value::Null);
    // Every command's document: check, capacity, diagnose, explain, iam-policy, check --list.
    let r = acct.awsvpc_args(&[
        "check",
        "--cluster",
        "prod",
        "--subnets",
        &subnets,
        "--output",
        "json",
        "--query",
        "summary.fail",
    ]);
    let full = acct.awsvpc_args(&["check", "--cluster", "prod", "--subnets", &subnets, "--output", "json"]);
    assert_eq!(r.code, full.code, "the exit code is the command's");
    assert_eq!(r.json(), full.json()["summary"]["fail"]);
    let r = acct.awsvpc_args(&[
        "check",
        "--cluster",
        "prod",
        "--subnets",
        &subnets,
        "--output",
        "text",
        "--query",
        "findings[?status=='pass'].check | length(@)",
    ]);
    assert!(r.stdout.trim().parse::<u32>().unwrap() > 0, "{}", r.stdout);
    let r = acct.awsvpc_args(&[
        "capacity",
        "--cluster",
        "prod",
        "--output",
        "json",
        "--query",
        "instances[].ec2_instance_id",
    ]);
    assert_eq!(r.json().as_array().unwrap().len(), 2, "{}", r.stdout);
    let r = acct.awsvpc_args(&[
        "diagnose",
        "--cluster",
        "prod",
        "--stopped-since",
        "1h",
        "--output",
        "json",
        "--query",
        "schema_version",
    ]);
    assert_eq!(r.json(), json!(1));
    let r = acct.awsvpc_args(&["explain", "vpc.dns-support", "--output", "text", "--query", "id"]);
    assert_eq!(r.stdout, "vpc.dns-support\n");
    let r = acct.awsvpc_args(&["check", "--list", "--output", "json", "--query", "length(checks)"]);
    assert!(r.json().as_u64().unwrap() > 20, "{}", r.stdout);
    let r = acct.awsvpc_args(&["iam-policy", "--query", "Statement[0].Effect", "--output", "text"]);
    assert_eq!(r.stdout, "Allow\n");
    // run (--dry-run: the request as sent) and stop.
    let r = acct.awsvpc_args(&[
        "run",
        "--cluster",
        "prod",
        "--task-definition",
        "web",
        "--subnets",
        &subnets,
        "--dry-run",
        "--output",
        "text",
        "--query",
        "request.networkConfiguration.awsvpcConfiguration.subnets",
    ]);
    assert_eq!(r.stdout.trim_end(), subnets.replace(',', "\t"), "{}", r.stderr);
    let task = doc["tasks"][0]["task_arn"].as_str().unwrap().to_string();
    let r = acct.awsvpc_args(&[
        "stop",
        "--cluster",
        "prod",
        "--yes",
        "--poll-interval",
        "0.1",
        &task,
        "--output",
        "json",
        "--query",
        "stopped[].last_status",
    ]);
    assert_eq!(r.json(), json!(["STOPPED"]), "{}", r.stderr);
}

#[test]
fn a_bad_query_is_a_usage_error_before_any_call() {
    let (acct, _) = account();
    acct.clear_calls();
    let r = acct.awsvpc_args(&["enis", "--cluster", "prod", "--query", "tasks[", "--output", "json"]);
    r.expect_clean_error(exit::USAGE, "--query");
    assert!(r.stderr.contains("JMESPath"), "{}", r.stderr);
    acct.awsvpc_args(&["check", "--output", "junit", "--query", "findings"]).expect_clean_error(exit::USAGE, "--query");
    assert!(acct.calls().is_empty(), "{:?}", acct.calls());
}

#[test]
fn columns_by_name_in_the_given_order() {
    let (acct, _) = account();
    let all = acct.awsvpc_args(&["enis", "--cluster", "prod", "--output", "text", "--headers"]);
    let header: Vec<&str> = all.stdout.lines().next().unwrap().split('\t').collect();
    let r = acct.awsvpc_args(&[
        "enis",
        "--cluster",
        "prod",
        "--output",
        "text",
        "--headers",
        "--columns",
        "eni_id,task_id,private_ipv4",
    ]);
    r.expect(exit::OK);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "eni_id\ttask_id\tprivate_ipv4");
    assert_eq!(lines.len(), all.stdout.lines().count());
    // The same values as the full table's columns, moved.
    let (eni, task, ip) = (
        header.iter().position(|c| *c == "eni_id").unwrap(),
        header.iter().position(|c| *c == "task_id").unwrap(),
        header.iter().position(|c| *c == "private_ipv4").unwrap(),
    );
    for (full, picked) in all.stdout.lines().skip(1).zip(lines.iter().skip(1)) {
        let f: Vec<&str> = full.split('\t').collect();
        assert_eq!(*picked, format!("{}\t{}\t{}", f[eni], f[task], f[ip]));
    }
    let r =
        acct.awsvpc_args(&["capacity", "--cluster", "prod", "--output", "text", "--columns", "ec2_instance_id,free"]);
    assert!(r.stdout.lines().all(|l| l.split('\t').count() == 2 && l.starts_with("i-")), "{}", r.stdout);
}

#[test]
fn unknown_columns_are_usage_errors_naming_them() {
    let (acct, _) = account();
    acct.clear_calls();
    let r = acct.awsvpc_args(&["enis", "--cluster", "prod", "--output", "text", "--columns", "task_id,eni"]);
    r.expect_clean_error(exit::USAGE, "invalid value 'eni' for --columns");
    assert!(r.stderr.contains("private_ipv4"), "the known names are listed: {}", r.stderr);
    acct.awsvpc_args(&["enis", "--cluster", "prod", "--columns", "task_id"])
        .expect_clean_error(exit::USAGE, "--output text");
    acct.awsvpc_args(&["enis", "--output", "text", "--columns", "task_id,task_id"])
        .expect_clean_error(exit::USAGE, "each column once");
    assert!(acct.calls().is_empty(), "{:?}", acct.calls());
}

/// `check`'s table leads with what needs action; passes are counted per scope (`--all` lists
/// them); `--status` filters every format while the summary and exit code count every finding.
#[test]
fn check_leads_with_what_needs_action_and_status_filters() {
    let acct = Account::new();
    let seed = acct.seed_raw("cluster", json!({"instances": [{"trunk": false, "subnet": 0}], "dns_hostnames": false}));
    let subnets = strings(&seed["network"]["private_subnets"]).join(",");
    let base = ["check", "--cluster", "prod", "--subnets", subnets.as_str(), "--color", "never"];
    let full = acct.awsvpc_args(&[&base[..], &["--output", "json"]].concat());
    let v = full.json();
    let count = |st: &str| v["findings"].as_array().unwrap().iter().filter(|f| f["status"] == st).count();
    assert!(count("pass") > 0 && count("warn") > 0, "{v:#}");
    let table = acct.awsvpc_args(&base);
    assert_eq!(table.code, full.code);
    assert!(table.stdout.contains("vpc.dns-hostnames"), "the warning is in full: {}", table.stdout);
    assert!(
        !table.stdout.contains("✓ pass") && !table.stdout.contains("pass │"),
        "passes are not rows: {}",
        table.stdout
    );
    assert!(table.stdout.contains("(--all shows every finding)"), "{}", table.stdout);
    assert!(table.stdout.lines().any(|l| l.starts_with("network: ") && l.contains("passed")), "{}", table.stdout);
    let all = acct.awsvpc_args(&[&base[..], &["--all"]].concat());
    assert!(all.stdout.contains("pass"), "{}", all.stdout);
    assert!(!all.stdout.contains("--all shows"), "{}", all.stdout);
    // --status: only those findings, in JSON and text; the summary and exit code are unchanged.
    let warn = acct.awsvpc_args(&[&base[..], &["--status", "warn", "--output", "json"]].concat());
    assert_eq!(warn.code, full.code);
    let w = warn.json();
    assert!(w["findings"].as_array().unwrap().iter().all(|f| f["status"] == "warn"));
    assert_eq!(w["findings"].as_array().unwrap().len(), count("warn"));
    assert_eq!(w["summary"], v["summary"]);
    let text = acct.awsvpc_args(&[&base[..], &["--status", "fail,warn", "--output", "text"]].concat());
    assert!(
        text.stdout.lines().all(|l| l.split('\t').nth(1).is_some_and(|s| s == "warn" || s == "fail")),
        "{}",
        text.stdout
    );
    assert_eq!(text.stdout.lines().count(), count("warn") + count("fail"));
    acct.awsvpc_args(&["check", "--status", "bad"]).expect_clean_error(exit::USAGE, "--status");
}

/// AWSVPC_CLUSTER stands in for --cluster; a flag and a task ARN's cluster win over it;
/// `check --all-clusters` ignores it.
#[test]
fn awsvpc_cluster_is_the_default_cluster() {
    let (acct, _) = account();
    let run = |env: Option<&str>, args: &[&str]| {
        let mut cmd = acct.cmd();
        if let Some(c) = env {
            cmd.env("AWSVPC_CLUSTER", c);
        }
        crate::harness::run(cmd.args(args))
    };
    let with_flag = run(None, &["enis", "--cluster", "prod", "--output", "json"]);
    let with_env = run(Some("prod"), &["enis", "--output", "json"]);
    with_env.expect(exit::OK);
    assert_eq!(with_env.json(), with_flag.json());
    assert_eq!(with_env.json()["clusters"], json!(["prod"]));
    // The flag wins.
    let r = run(Some("no-such-cluster"), &["enis", "--cluster", "prod", "--output", "json"]);
    r.expect(exit::OK);
    // check: the env cluster is checked; --all-clusters is not in conflict with it.
    let r =
        run(Some("prod"), &["check", "--output", "json", "--query", "findings[?check=='instance.status'].resource"]);
    assert!(r.stdout.contains("i-") || r.stdout.contains("container-instance"), "{}", r.stdout);
    let r = run(Some("prod"), &["check", "--all-clusters", "--output", "json", "--query", "summary"]);
    assert!(r.code == exit::OK || r.code == exit::FOUND_PROBLEM, "{}", r.stderr);
    // A bad value is a usage error naming the variable, before any call.
    acct.clear_calls();
    run(Some("bad cluster!"), &["enis"]).expect_clean_error(exit::USAGE, "AWSVPC_CLUSTER");
    assert!(acct.calls().is_empty());
}

/// Tables read well at 80-160 columns: the width comes from COLUMNS in a pipe; ids are never
/// broken; `enis`' default columns fit 100; `--wide` adds the rest; prose wraps.
#[test]
fn tables_fit_the_width_and_never_break_ids() {
    let (acct, subnets) = account();
    let doc = acct.awsvpc_args(&["enis", "--cluster", "prod", "--output", "json"]).json();
    let mut ids: Vec<String> = Vec::new();
    for t in doc["tasks"].as_array().unwrap() {
        ids.push(t["task_id"].as_str().unwrap().to_string());
        for e in t["enis"].as_array().unwrap() {
            ids.push(e["eni_id"].as_str().unwrap().to_string());
            ids.push(e["private_ipv4"].as_str().unwrap().to_string());
        }
    }
    let table = |width: &str, args: &[&str]| {
        let mut cmd = acct.cmd();
        cmd.env("COLUMNS", width).args(args).args(["--color", "never"]);
        crate::harness::run(&mut cmd)
    };
    let widest = |s: &str| s.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    for width in ["80", "100", "160"] {
        let r = table(width, &["enis", "--cluster", "prod"]);
        r.expect(exit::OK);
        for id in &ids {
            assert!(r.stdout.contains(id.as_str()), "{id} whole at {width}: {}", r.stdout);
        }
        if width != "80" {
            assert!(widest(&r.stdout) <= width.parse().unwrap(), "fits {width}: {}", r.stdout);
        }
        assert!(!r.stdout.contains("SECURITY GROUPS"), "the default columns: {}", r.stdout);
        let wide = table(width, &["enis", "--cluster", "prod", "--wide"]);
        assert!(wide.stdout.contains("SECURITY GROUPS") && wide.stdout.contains("subnet-"), "{}", wide.stdout);
        for id in &ids {
            assert!(wide.stdout.contains(id.as_str()), "{id} whole with --wide at {width}: {}", wide.stdout);
        }
        // check: resources whole, findings wrapped within the width.
        let c = table(width, &["check", "--cluster", "prod", "--subnets", &subnets, "--all"]);
        for s in subnets.split(',') {
            assert!(c.stdout.contains(s), "{s} whole at {width}: {}", c.stdout);
        }
        assert!(widest(&c.stdout) <= width.parse::<usize>().unwrap().max(100), "check at {width}: {}", c.stdout);
    }
    // Without COLUMNS, a table in a pipe is 100 wide, not one long line.
    let mut cmd = acct.cmd();
    cmd.env_remove("COLUMNS").args(["check", "--cluster", "prod", "--subnets", &subnets, "--all", "--color", "never"]);
    let r = crate::harness::run(&mut cmd);
    assert!(widest(&r.stdout) <= 100, "{}", r.stdout);
}

/// `enis --watch` without a terminal: a line per change, as a task moves from PROVISIONING to
/// RUNNING (AWS's lifecycle by time: PROVISIONING 2.5 s, PENDING 1.5 s), until a signal ends it.
#[test]
fn watch_without_a_terminal_prints_a_line_per_change() {
    let acct = Account::new();
    let seed = acct.seed_raw("cluster", json!({"instances": [{"trunk": false, "subnet": 0}]}));
    let subnets = strings(&seed["network"]["private_subnets"]).join(",");
    acct.lifecycle(
        json!({"steps": [["PROVISIONING", "PRECREATED", 2.5], ["PENDING", "ATTACHED", 1.5], ["RUNNING", "ATTACHED"]]}),
    );
    let r = acct.awsvpc_args(&[
        "run",
        "--cluster",
        "prod",
        "--task-definition",
        "web",
        "--subnets",
        &subnets,
        "--yes",
        "--no-wait",
        "--output",
        "json",
    ]);
    r.expect(exit::OK);
    let task_id = strings(&r.json()["task_arns"])[0].rsplit('/').next().unwrap().to_string();
    let mut child = acct
        .cmd()
        .args(["enis", "--cluster", "prod", "--watch", "1"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = crate::harness::Lines::of(child.stdout.take().unwrap());
    let lines = out.until("\tRUNNING\t");
    crate::harness::signal(&child, "-INT");
    let code = crate::harness::wait_within(&mut child).code();
    let mine: Vec<&String> = lines.iter().filter(|l| l.contains(&task_id)).collect();
    assert!(mine.len() >= 2, "{lines:?}");
    assert!(mine[0].contains("\tPROVISIONING\t") && mine[0].trim_end().ends_with("\tnew"), "{lines:?}");
    assert!(mine.last().unwrap().contains("\tRUNNING\t") && mine.last().unwrap().contains("was "), "{lines:?}");
    // Every line: time, cluster, task, status, ENIs, change; only changes are printed.
    for l in &lines {
        let f: Vec<&str> = l.trim_end().split('\t').collect();
        assert_eq!(f.len(), 6, "{l}");
        assert!(f[0].ends_with('Z') && f[1] == "prod", "{l}");
    }
    assert_eq!(code, Some(exit::INTERRUPTED));
    // --watch has no JSON form; a bad interval is a usage error.
    acct.awsvpc_args(&["enis", "--watch", "--output", "json"]).expect_clean_error(exit::USAGE, "--watch");
    acct.awsvpc_args(&["enis", "--watch", "0"]).expect_clean_error(exit::USAGE, "--watch");
}
