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

use crate::builder::{Awsvpc, Seed};
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

#[derive(Default)]
struct Golden {
    problems: Vec<String>,
    written: Vec<String>,
}

impl Golden {
    /// Runs `cmd`, expects one of `codes`, and compares its JSON with `tests/golden/<name>.json`.
    fn take(&mut self, name: &str, cmd: Awsvpc, codes: &[i32]) -> Value {
        let line = format!("{cmd:?}");
        let r = cmd.run();
        assert!(codes.contains(&r.code), "{line} exited {}: {}\n{}", r.code, r.stdout, r.stderr);
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
            self.problems.push(format!("{name} ({line}): {d}"));
        }
        raw
    }
}

/// One account with findings of every kind, launched and stopped tasks and a fix applied, as the
/// schema test seeds it; every command that answers in JSON.
#[test]
fn every_json_document_matches_its_committed_golden_document() {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().params(
        json!({"instances": [{"trunk": true, "subnet": 0, "tasks": 2}, {"trunk": false, "subnet": 1, "tasks": 3}],
               "settings": {"caller": {"awsvpcTrunking": "enabled"}}, "allow_principals": true,
               "services": [{"name": "web", "target_type": "ip"}],
               "dns_hostnames": false}),
    ));
    let subnets = seed.private_subnets();
    let task = strings(&seed["instances"][0]["tasks"])[0].clone();
    acct.set_task(json!({"task": task, "stop_code": "TaskFailedToStart",
                         "stopped_reason": "Timeout waiting for network interface provisioning to complete."}));
    let mut g = Golden::default();
    let any = [exit::OK, exit::FOUND_PROBLEM];
    let cmd = |command| acct.awsvpc(command).cluster("prod");
    g.take("enis", cmd("enis").json(), &any);
    g.take("enis-stopped", cmd("enis").opt("--desired-status", "STOPPED").json(), &any);
    let check = cmd("check").subnets(&subnets).service("web").opt("--tasks", "50").json();
    g.take("check", check, &any);
    g.take("capacity", cmd("capacity").subnets(&subnets).opt("--tasks", "50").json(), &any);
    g.take("diagnose-task", cmd("diagnose").tasks(&[&task]).json(), &any);
    g.take("diagnose-window", cmd("diagnose").stopped_since("1h").json(), &any);
    g.take("diagnose-service", cmd("diagnose").service("web").json(), &any);
    g.take("explain", acct.awsvpc("explain").arg("network.instance-azs").json(), &[exit::OK]);
    g.take("parts", acct.awsvpc("enis").region("us-east-1,eu-west-1").all_clusters().json(), &any);
    g.take("iam-policy-run", acct.awsvpc("iam-policy").arg("run").json(), &[exit::OK]);
    let run = || cmd("run").task_definition("web").subnets(&subnets).yes().json().opt("--poll-interval", "0.1");
    g.take("run-dry-run", run().dry_run(), &any);
    let launched = g.take("run", run().flag("--force"), &any);
    let arns = strings(&launched["task_arns"]);
    assert!(!arns.is_empty(), "{launched:#}");
    let stop = cmd("stop").yes().json().opt("--poll-interval", "0.1").tasks(&arns);
    g.take("stop", stop, &any);
    let fix = cmd("check").subnets(&subnets).fix().yes().json();
    g.take("check-fix", fix, &any);
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
