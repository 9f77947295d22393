//! The shell habits of AWS users: `--query` (JMESPath, as the AWS CLI) on every command's JSON,
//! printed as JSON or as the AWS CLI's text; `--columns` by name for `--output text`.

use awsvpc::exit;
use serde_json::{Value, json};

use crate::builder::{Awsvpc, Seed};
use crate::harness::{Account, Lines, signal, strings, wait_within};

/// An account with a cluster `prod` of a trunked and an untrunked instance; its private subnets,
/// comma-separated.
fn account() -> (Account, String) {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().params(
        json!({"instances": [{"trunk": true, "subnet": 0, "tasks": 2}, {"trunk": false, "subnet": 1, "tasks": 1}],
               "settings": {"role": {"awsvpcTrunking": "enabled"}}}),
    ));
    (acct, seed.private_subnets().join(","))
}

#[test]
fn query_selects_from_every_commands_json() {
    let (acct, subnets) = account();
    let enis = || acct.awsvpc("enis").cluster("prod");
    let doc = enis().json_ok(exit::OK);
    let expected_ids: Vec<Value> = doc["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["enis"].as_array().unwrap().iter().map(|e| e["eni_id"].clone()))
        .collect();
    assert_eq!(expected_ids.len(), 3);
    // JSON of the result.
    let r = enis().json().query("tasks[].enis[].eni_id").expect(exit::OK);
    assert_eq!(r.json(), Value::Array(expected_ids.clone()));
    // Text of the result: a list of scalars is one tab-separated line, as the AWS CLI prints it.
    let r = enis().text().query("tasks[].enis[].eni_id").run();
    let ids: Vec<&str> = expected_ids.iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(r.stdout, format!("{}\n", ids.join("\t")));
    // A projection to rows: one line per task.
    let r = enis().text().query("tasks[].[task_id, last_status]").run();
    assert_eq!(r.stdout.lines().count(), 3, "{}", r.stdout);
    assert!(r.stdout.lines().all(|l| l.ends_with("\tRUNNING")), "{}", r.stdout);
    // A query that selects nothing: an empty list, and no line in text; the exit code is the command's.
    let r = enis().json().query("tasks[?last_status=='STOPPED']").expect(exit::OK);
    assert_eq!(r.json(), json!([]));
    let r = enis().text().query("tasks[?last_status=='STOPPED'].task_id").run();
    assert_eq!(r.stdout, "");
    let r = enis().json().query("no_such_field").run();
    assert_eq!(r.json(), Value::Null);
    // Every command's document: check, capacity, diagnose, explain, iam-policy, check --list.
    let check = || acct.awsvpc("check").cluster("prod").subnets(&subnets);
    let r = check().json().query("summary.fail").run();
    let full = check().json().run();
    assert_eq!(r.code, full.code, "the exit code is the command's");
    assert_eq!(r.json(), full.json()["summary"]["fail"]);
    let r = check().text().query("findings[?status=='pass'].check | length(@)").run();
    assert!(r.stdout.trim().parse::<u32>().unwrap() > 0, "{}", r.stdout);
    let r = acct.awsvpc("capacity").cluster("prod").json().query("instances[].ec2_instance_id").run();
    assert_eq!(r.json().as_array().unwrap().len(), 2, "{}", r.stdout);
    let r = acct.awsvpc("diagnose").cluster("prod").stopped_since("1h").json().query("schema_version").run();
    assert_eq!(r.json(), json!(1));
    let r = acct.awsvpc("explain").arg("vpc.dns-support").text().query("id").run();
    assert_eq!(r.stdout, "vpc.dns-support\n");
    let r = acct.awsvpc("check").flag("--list").json().query("length(checks)").run();
    assert!(r.json().as_u64().unwrap() > 20, "{}", r.stdout);
    let r = acct.awsvpc("iam-policy").query("Statement[0].Effect").text().run();
    assert_eq!(r.stdout, "Allow\n");
    // run (--dry-run: the request as sent) and stop.
    let r = acct
        .awsvpc("run")
        .cluster("prod")
        .task_definition("web")
        .subnets(&subnets)
        .dry_run()
        .text()
        .query("request.networkConfiguration.awsvpcConfiguration.subnets")
        .run();
    assert_eq!(r.stdout.trim_end(), subnets.replace(',', "\t"), "{}", r.stderr);
    let task = doc["tasks"][0]["task_arn"].as_str().unwrap().to_string();
    let r = acct
        .awsvpc("stop")
        .cluster("prod")
        .yes()
        .opt("--poll-interval", "0.1")
        .tasks(&[&task])
        .json()
        .query("stopped[].last_status")
        .run();
    assert_eq!(r.json(), json!(["STOPPED"]), "{}", r.stderr);
}

#[test]
fn a_bad_query_is_a_usage_error_before_any_call() {
    let (acct, _) = account();
    acct.clear_calls();
    let r = acct.awsvpc("enis").cluster("prod").query("tasks[").json().run();
    r.expect_clean_error(exit::USAGE, "--query");
    assert!(r.stderr.contains("JMESPath"), "{}", r.stderr);
    acct.awsvpc("check").junit().query("findings").run().expect_clean_error(exit::USAGE, "--query");
    assert!(acct.calls().is_empty(), "{:?}", acct.calls());
}

#[test]
fn columns_by_name_in_the_given_order() {
    let (acct, _) = account();
    let all = acct.awsvpc("enis").cluster("prod").text().headers().run();
    let header: Vec<&str> = all.stdout.lines().next().unwrap().split('\t').collect();
    let r = acct
        .awsvpc("enis")
        .cluster("prod")
        .text()
        .headers()
        .opt("--columns", "eni_id,task_id,private_ipv4")
        .expect(exit::OK);
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
    let r = acct.awsvpc("capacity").cluster("prod").text().opt("--columns", "ec2_instance_id,free").run();
    assert!(r.stdout.lines().all(|l| l.split('\t').count() == 2 && l.starts_with("i-")), "{}", r.stdout);
}

#[test]
fn unknown_columns_are_usage_errors_naming_them() {
    let (acct, _) = account();
    acct.clear_calls();
    let r = acct.awsvpc("enis").cluster("prod").text().opt("--columns", "task_id,eni").run();
    r.expect_clean_error(exit::USAGE, "invalid value 'eni' for --columns");
    assert!(r.stderr.contains("private_ipv4"), "the known names are listed: {}", r.stderr);
    acct.awsvpc("enis")
        .cluster("prod")
        .opt("--columns", "task_id")
        .run()
        .expect_clean_error(exit::USAGE, "--output text");
    acct.awsvpc("enis")
        .text()
        .opt("--columns", "task_id,task_id")
        .run()
        .expect_clean_error(exit::USAGE, "each column once");
    assert!(acct.calls().is_empty(), "{:?}", acct.calls());
}

/// `check`'s table leads with what needs action; passes are counted per scope (`--all` lists
/// them); `--status` filters every format while the summary and exit code count every finding.
#[test]
fn check_leads_with_what_needs_action_and_status_filters() {
    let acct = Account::new();
    let seed = acct
        .seed(Seed::cluster().params(json!({"instances": [{"trunk": false, "subnet": 0}], "dns_hostnames": false})));
    let subnets = seed.private_subnets();
    let base = || acct.awsvpc("check").cluster("prod").subnets(&subnets).opt("--color", "never");
    let full = base().json().run();
    let v = full.json();
    let count = |st: &str| v["findings"].as_array().unwrap().iter().filter(|f| f["status"] == st).count();
    assert!(count("pass") > 0 && count("warn") > 0, "{v:#}");
    let table = base().run();
    assert_eq!(table.code, full.code);
    assert!(table.stdout.contains("vpc.dns-hostnames"), "the warning is in full: {}", table.stdout);
    assert!(
        !table.stdout.contains("✓ pass") && !table.stdout.contains("pass │"),
        "passes are not rows: {}",
        table.stdout
    );
    assert!(table.stdout.contains("(--all shows every finding)"), "{}", table.stdout);
    assert!(table.stdout.lines().any(|l| l.starts_with("network: ") && l.contains("passed")), "{}", table.stdout);
    let all = base().flag("--all").run();
    assert!(all.stdout.contains("pass"), "{}", all.stdout);
    assert!(!all.stdout.contains("--all shows"), "{}", all.stdout);
    // --status: only those findings, in JSON and text; the summary and exit code are unchanged.
    let warn = base().opt("--status", "warn").json().run();
    assert_eq!(warn.code, full.code);
    let w = warn.json();
    assert!(w["findings"].as_array().unwrap().iter().all(|f| f["status"] == "warn"));
    assert_eq!(w["findings"].as_array().unwrap().len(), count("warn"));
    assert_eq!(w["summary"], v["summary"]);
    let text = base().opt("--status", "fail,warn").text().run();
    assert!(
        text.stdout.lines().all(|l| l.split('\t').nth(1).is_some_and(|s| s == "warn" || s == "fail")),
        "{}",
        text.stdout
    );
    assert_eq!(text.stdout.lines().count(), count("warn") + count("fail"));
    acct.awsvpc("check").opt("--status", "bad").run().expect_clean_error(exit::USAGE, "--status");
}

/// AWSVPC_CLUSTER stands in for --cluster; a flag and a task ARN's cluster win over it;
/// `check --all-clusters` ignores it.
#[test]
fn awsvpc_cluster_is_the_default_cluster() {
    let (acct, _) = account();
    // `command` with AWSVPC_CLUSTER set to `cluster`.
    let with_env = |command, cluster| acct.awsvpc(command).env("AWSVPC_CLUSTER", cluster);
    let with_flag = acct.awsvpc("enis").cluster("prod").json().run();
    let with_env_only = with_env("enis", "prod").json().expect(exit::OK);
    assert_eq!(with_env_only.json(), with_flag.json());
    assert_eq!(with_env_only.json()["clusters"], json!(["prod"]));
    // The flag wins.
    with_env("enis", "no-such-cluster").cluster("prod").json().expect(exit::OK);
    // check: the env cluster is checked; --all-clusters is not in conflict with it.
    let r = with_env("check", "prod").json().query("findings[?check=='instance.status'].resource").run();
    assert!(r.stdout.contains("i-") || r.stdout.contains("container-instance"), "{}", r.stdout);
    let r = with_env("check", "prod").all_clusters().json().query("summary").run();
    assert!(r.code == exit::OK || r.code == exit::FOUND_PROBLEM, "{}", r.stderr);
    // A bad value is a usage error naming the variable, before any call.
    acct.clear_calls();
    with_env("enis", "bad cluster!").run().expect_clean_error(exit::USAGE, "AWSVPC_CLUSTER");
    assert!(acct.calls().is_empty());
}

/// Tables read well at 80-160 columns: the width comes from COLUMNS in a pipe; ids are never
/// broken; `enis`' default columns fit 100; `--wide` adds the rest; prose wraps.
#[test]
fn tables_fit_the_width_and_never_break_ids() {
    let (acct, subnets) = account();
    let doc = acct.awsvpc("enis").cluster("prod").json().run().json();
    let mut ids: Vec<String> = Vec::new();
    for t in doc["tasks"].as_array().unwrap() {
        ids.push(t["task_id"].as_str().unwrap().to_string());
        for e in t["enis"].as_array().unwrap() {
            ids.push(e["eni_id"].as_str().unwrap().to_string());
            ids.push(e["private_ipv4"].as_str().unwrap().to_string());
        }
    }
    // A table at `width` columns, without colour.
    let table = |width: usize, cmd: Awsvpc| cmd.width(width).opt("--color", "never").run();
    let enis = || acct.awsvpc("enis").cluster("prod");
    let widest = |s: &str| s.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    for width in [80, 100, 160] {
        let r = table(width, enis());
        r.expect(exit::OK);
        for id in &ids {
            assert!(r.stdout.contains(id.as_str()), "{id} whole at {width}: {}", r.stdout);
        }
        if width != 80 {
            assert!(widest(&r.stdout) <= width, "fits {width}: {}", r.stdout);
        }
        assert!(!r.stdout.contains("SECURITY GROUPS"), "the default columns: {}", r.stdout);
        let wide = table(width, enis().wide());
        assert!(wide.stdout.contains("SECURITY GROUPS") && wide.stdout.contains("subnet-"), "{}", wide.stdout);
        for id in &ids {
            assert!(wide.stdout.contains(id.as_str()), "{id} whole with --wide at {width}: {}", wide.stdout);
        }
        // check: resources whole, findings wrapped within the width.
        let c = table(width, acct.awsvpc("check").cluster("prod").subnets(&subnets).flag("--all"));
        for s in subnets.split(',') {
            assert!(c.stdout.contains(s), "{s} whole at {width}: {}", c.stdout);
        }
        assert!(widest(&c.stdout) <= width.max(100), "check at {width}: {}", c.stdout);
    }
    // Without COLUMNS, a table in a pipe is 100 wide, not one long line.
    let r = acct
        .awsvpc("check")
        .env_remove("COLUMNS")
        .cluster("prod")
        .subnets(&subnets)
        .flag("--all")
        .opt("--color", "never")
        .run();
    assert!(widest(&r.stdout) <= 100, "{}", r.stdout);
}

/// `enis --watch` without a terminal: a line per change, as a task moves from PROVISIONING to
/// RUNNING (AWS's lifecycle by time: PROVISIONING 2.5 s, PENDING 1.5 s), until a signal ends it.
#[test]
fn watch_without_a_terminal_prints_a_line_per_change() {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().with("instances", json!([{"trunk": false, "subnet": 0}])));
    acct.lifecycle(
        json!({"steps": [["PROVISIONING", "PRECREATED", 2.5], ["PENDING", "ATTACHED", 1.5], ["RUNNING", "ATTACHED"]]}),
    );
    let v = acct
        .awsvpc("run")
        .cluster("prod")
        .task_definition("web")
        .subnets(seed.private_subnets())
        .yes()
        .flag("--no-wait")
        .json_ok(exit::OK);
    let task_id = strings(&v["task_arns"])[0].rsplit('/').next().unwrap().to_string();
    let mut child = acct.awsvpc("enis").cluster("prod").opt("--watch", "1").spawn();
    let mut out = Lines::of(child.stdout.take().unwrap());
    let lines = out.until("\tRUNNING\t");
    signal(&child, "-INT");
    let code = wait_within(&mut child).code();
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
    acct.awsvpc("enis").flag("--watch").json().run().expect_clean_error(exit::USAGE, "--watch");
    acct.awsvpc("enis").opt("--watch", "0").run().expect_clean_error(exit::USAGE, "--watch");
}
