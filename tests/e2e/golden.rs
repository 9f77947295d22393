//! The JSON contract held by committed documents: each command's JSON output on a seeded account
//! (ids, times and addresses normalised, see golden_norm.rs) is compared field by field with
//! `tests/golden/<name>.json`. A change to what scripts read shows up here as a named field, type
//! or value; a deliberate change rewrites the documents with `AWSVPC_GOLDEN_UPDATE=1 cargo test
//! --test e2e golden` and is reviewed in the diff (and raises `schema_version` when a field goes
//! away or changes type: see contract.rs).
//!
//! Arrays are compared as sorted lists of their normalised items: AWS's ids are random, so the
//! order of tasks or instances sorted by id differs between runs.

use std::path::PathBuf;

use awsvpc::exit;
use serde_json::{Value, json};

use crate::golden_norm::{differences, normalise};
use crate::harness::{Account, strings};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn sorted(v: Value) -> Value {
    match v {
        Value::Array(a) => {
            let mut items: Vec<Value> = a.into_iter().map(sorted).collect();
            items.sort_by_key(|x| x.to_string());
            Value::Array(items)
        }
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, sorted(v))).collect()),
        other => other,
    }
}

struct Golden {
    acct: Account,
    problems: Vec<String>,
    written: Vec<String>,
}

impl Golden {
    /// Runs `args`, expects one of `codes`, and compares its JSON with `tests/golden/<name>.json`.
    fn take(&mut self, name: &str, args: &[&str], codes: &[i32]) -> Value {
        let r = self.acct.awsvpc_args(args);
        assert!(codes.contains(&r.code), "{args:?} exited {}: {}\n{}", r.code, r.stdout, r.stderr);
        let raw = r.json();
        let got = sorted(normalise(&raw));
        let path = dir().join(format!("{name}.json"));
        if std::env::var_os("AWSVPC_GOLDEN_UPDATE").is_some() {
            std::fs::create_dir_all(dir()).unwrap();
            std::fs::write(&path, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
            self.written.push(name.to_string());
            return raw;
        }
        let want: Value = match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
            Err(e) => panic!("{}: {e} (AWSVPC_GOLDEN_UPDATE=1 writes it)", path.display()),
        };
        let mut diffs = Vec::new();
        differences("$", &want, &got, &mut diffs);
        for d in diffs {
            self.problems.push(format!("{name} ({}): {d}", args.join(" ")));
        }
        raw
    }
}

/// One account with findings of every kind, launched and stopped tasks and a fix applied, as the
/// schema test seeds it; every command that answers in JSON.
#[test]
fn every_json_document_matches_its_committed_golden_document() {
    let acct = Account::new();
    let seed = acct.seed_raw(
        "cluster",
        json!({"instances": [{"trunk": true, "subnet": 0, "tasks": 2}, {"trunk": false, "subnet": 1, "tasks": 3}],
               "settings": {"caller": {"awsvpcTrunking": "enabled"}}, "allow_principals": true,
               "services": [{"name": "web", "target_type": "ip"}],
               "dns_hostnames": false}),
    );
    let subnets = strings(&seed["network"]["private_subnets"]).join(",");
    let task = strings(&seed["instances"][0]["tasks"])[0].clone();
    acct.set_task(json!({"task": task, "stop_code": "TaskFailedToStart",
                         "stopped_reason": "Timeout waiting for network interface provisioning to complete."}));
    let mut g = Golden { acct, problems: Vec::new(), written: Vec::new() };
    let any = [exit::OK, exit::FOUND_PROBLEM];
    g.take("enis", &["enis", "--cluster", "prod", "--output", "json"], &any);
    g.take("enis-stopped", &["enis", "--cluster", "prod", "--desired-status", "STOPPED", "--output", "json"], &any);
    let check =
        ["check", "--cluster", "prod", "--subnets", &subnets, "--service", "web", "--tasks", "50", "--output", "json"];
    g.take("check", &check, &any);
    g.take(
        "capacity",
        &["capacity", "--cluster", "prod", "--subnets", &subnets, "--tasks", "50", "--output", "json"],
        &any,
    );
    g.take("diagnose-task", &["diagnose", "--cluster", "prod", &task, "--output", "json"], &any);
    g.take("diagnose-window", &["diagnose", "--cluster", "prod", "--stopped-since", "1h", "--output", "json"], &any);
    g.take("diagnose-service", &["diagnose", "--cluster", "prod", "--service", "web", "--output", "json"], &any);
    g.take("explain", &["explain", "network.instance-azs", "--output", "json"], &[exit::OK]);
    g.take("parts", &["enis", "--region", "us-east-1,eu-west-1", "--all-clusters", "--output", "json"], &any);
    g.take("iam-policy-run", &["iam-policy", "run", "--output", "json"], &[exit::OK]);
    let run = ["run", "--cluster", "prod", "--task-definition", "web", "--subnets", &subnets, "--yes"];
    let run_json = [&run[..], &["--output", "json", "--poll-interval", "0.1"]].concat();
    g.take("run-dry-run", &[&run_json[..], &["--dry-run"]].concat(), &any);
    let launched = g.take("run", &[&run_json[..], &["--force"]].concat(), &any);
    let arns = strings(&launched["task_arns"]);
    assert!(!arns.is_empty(), "{launched:#}");
    let mut stop = vec!["stop", "--cluster", "prod", "--yes", "--output", "json", "--poll-interval", "0.1"];
    stop.extend(arns.iter().map(String::as_str));
    g.take("stop", &stop, &any);
    let fix = ["check", "--cluster", "prod", "--subnets", &subnets, "--fix", "--yes", "--output", "json"];
    g.take("check-fix", &fix, &any);
    assert!(g.written.is_empty(), "golden documents written, review the diff: {:?}", g.written);
    assert!(
        g.problems.is_empty(),
        "JSON documents differ from tests/golden/ (a deliberate change: AWSVPC_GOLDEN_UPDATE=1):\n{}",
        g.problems.join("\n")
    );
}

/// The comparison is no rubber stamp: a committed document with a field removed, renamed or
/// retyped is reported with its path.
#[test]
fn the_golden_comparison_names_each_changed_field() {
    let text = std::fs::read_to_string(dir().join("stop.json")).expect("tests/golden/stop.json");
    let want: Value = serde_json::from_str(&text).unwrap();
    let mut got = want.clone();
    let o = got.as_object_mut().unwrap();
    o.remove("waited");
    let cluster = o.remove("cluster").unwrap();
    o.insert("cluster_name".into(), cluster);
    o.insert("timed_out".into(), json!("false"));
    let mut diffs = Vec::new();
    differences("$", &want, &got, &mut diffs);
    for field in ["$.waited: missing", "$.cluster: missing", "$.cluster_name: added", "$.timed_out: type changed"] {
        assert!(diffs.iter().any(|d| d.starts_with(field)), "{field} not in {diffs:?}");
    }
}
