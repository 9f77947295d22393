//! The JSON contract: every command's real JSON output (on an account with findings of every
//! kind, launched and stopped tasks, a fix applied) conforms to its committed JSON Schema in
//! `schemas/`, closed to fields the schema does not name, and carries `schema_version` first.

use awsvpc::exit;
use serde_json::{Value, json};

use crate::harness::{Account, strings, validate_against_schemas};

#[test]
fn every_json_document_conforms_to_its_schema() {
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
    acct.set_task(json!({"task": task, "stop_code": "TaskFailedToStart", "stopped_reason": "Timeout waiting for network interface provisioning to complete."}));
    let mut docs: Vec<(&str, String, Value)> = Vec::new();
    let mut take = |schema: &'static str, args: &[&str], codes: &[i32]| -> Value {
        let r = acct.awsvpc_args(args);
        assert!(codes.contains(&r.code), "{args:?}: {}\n{}", r.stdout, r.stderr);
        assert!(r.stdout.starts_with("{\n  \"schema_version\": 1,"), "{args:?}: schema_version first");
        let v = r.json();
        docs.push((schema, args.join(" "), v.clone()));
        v
    };
    let any = [exit::OK, exit::FOUND_PROBLEM];
    take("enis.schema.json", &["enis", "--cluster", "prod", "--output", "json"], &any);
    take("enis.schema.json", &["enis", "--cluster", "prod", "--desired-status", "STOPPED", "--output", "json"], &any);
    take(
        "check.schema.json",
        &["check", "--cluster", "prod", "--subnets", &subnets, "--service", "web", "--tasks", "50", "--output", "json"],
        &any,
    );
    take("check-list.schema.json", &["check", "--list", "--output", "json"], &[exit::OK]);
    take(
        "capacity.schema.json",
        &["capacity", "--cluster", "prod", "--subnets", &subnets, "--tasks", "50", "--output", "json"],
        &any,
    );
    take("diagnose-task.schema.json", &["diagnose", "--cluster", "prod", &task, "--output", "json"], &any);
    take(
        "diagnose-window.schema.json",
        &["diagnose", "--cluster", "prod", "--stopped-since", "1h", "--output", "json"],
        &any,
    );
    take("explain.schema.json", &["explain", "network.instance-azs", "--output", "json"], &[exit::OK]);
    take("parts.schema.json", &["enis", "--region", "us-east-1,eu-west-1", "--all-clusters", "--output", "json"], &any);
    take(
        "parts.schema.json",
        &["capacity", "--cluster", "prod,nope", "--output", "json"],
        &[exit::FOUND_PROBLEM, exit::USAGE, exit::OK],
    );
    let base = [
        "run",
        "--cluster",
        "prod",
        "--task-definition",
        "web",
        "--subnets",
        &subnets,
        "--yes",
        "--output",
        "json",
        "--poll-interval",
        "0.1",
    ];
    let mut dry = base.to_vec();
    dry.push("--dry-run");
    take("run.schema.json", &dry, &any);
    let mut forced = base.to_vec();
    forced.push("--force");
    let launched = take("run.schema.json", &forced, &any);
    let arns = strings(&launched["task_arns"]);
    assert!(!arns.is_empty(), "{launched:#}");
    let mut stop = vec!["stop", "--cluster", "prod", "--yes", "--output", "json", "--poll-interval", "0.1"];
    stop.extend(arns.iter().map(String::as_str));
    take("stop.schema.json", &stop, &any);
    take(
        "check-fix.schema.json",
        &["check", "--cluster", "prod", "--subnets", &subnets, "--fix", "--yes", "--output", "json"],
        &any,
    );
    let n = docs.len();
    match validate_against_schemas(&docs) {
        Ok(report) => assert!(report.contains(&format!("ok {n}")), "{report}"),
        Err(problems) => panic!("documents that do not conform:\n{problems}"),
    }
}

/// The validator is no rubber stamp: a field the schema does not name, a missing required field
/// and a wrong type are each caught.
#[test]
fn the_schema_validation_catches_what_does_not_conform() {
    let good = json!({"schema_version": 1, "cluster": "prod", "stopped": [], "already_stopped": [], "not_found": [], "waited": false, "timed_out": false});
    validate_against_schemas(&[("stop.schema.json", "good".into(), good.clone())]).expect("a conforming document");
    let mut extra = good.clone();
    extra["surprise"] = json!(1);
    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("cluster");
    let mut wrong = good.clone();
    wrong["waited"] = json!("yes");
    let mut old = good;
    old["schema_version"] = json!(0);
    for (what, doc) in [("extra", extra), ("missing", missing), ("wrong", wrong), ("old", old)] {
        let r = validate_against_schemas(&[("stop.schema.json", what.into(), doc)]);
        assert!(r.is_err(), "{what} passed: {r:?}");
    }
}
