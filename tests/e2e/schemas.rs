//! The JSON contract: every command's real JSON output (on an account with findings of every
//! kind, launched and stopped tasks, a fix applied) conforms to its committed JSON Schema in
//! `schemas/`, closed to fields the schema does not name, and carries `schema_version` first.

use awsvpc::exit;
use serde_json::{Value, json};

use crate::builder::{Awsvpc, Seed};
use crate::harness::{Account, strings, validate_against_schemas};

#[test]
fn every_json_document_conforms_to_its_schema() {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().params(
        json!({"instances": [{"trunk": true, "subnet": 0, "tasks": 2}, {"trunk": false, "subnet": 1, "tasks": 3}],
               "settings": {"caller": {"awsvpcTrunking": "enabled"}}, "allow_principals": true,
               "services": [{"name": "web", "target_type": "ip"}],
               "dns_hostnames": false}),
    ));
    let subnets = seed.private_subnets();
    let task = strings(&seed["instances"][0]["tasks"])[0].clone();
    acct.set_task(json!({"task": task, "stop_code": "TaskFailedToStart", "stopped_reason": "Timeout waiting for network interface provisioning to complete."}));
    let mut docs: Vec<(&str, String, Value)> = Vec::new();
    let mut take = |schema: &'static str, cmd: Awsvpc, codes: &[i32]| -> Value {
        let line = format!("{cmd:?}");
        let r = cmd.run();
        assert!(codes.contains(&r.code), "{line}: {}\n{}", r.stdout, r.stderr);
        assert!(r.stdout.starts_with("{\n  \"schema_version\": 1,"), "{line}: schema_version first");
        let v = r.json();
        docs.push((schema, line, v.clone()));
        v
    };
    let any = [exit::OK, exit::FOUND_PROBLEM];
    let cmd = |command| acct.awsvpc(command).cluster("prod");
    take("enis.schema.json", cmd("enis").json(), &any);
    take("enis.schema.json", cmd("enis").opt("--desired-status", "STOPPED").json(), &any);
    take("check.schema.json", cmd("check").subnets(&subnets).service("web").opt("--tasks", "50").json(), &any);
    take("check-list.schema.json", acct.awsvpc("check").flag("--list").json(), &[exit::OK]);
    take("capacity.schema.json", cmd("capacity").subnets(&subnets).opt("--tasks", "50").json(), &any);
    take("diagnose-task.schema.json", cmd("diagnose").tasks(&[&task]).json(), &any);
    take("diagnose-window.schema.json", cmd("diagnose").stopped_since("1h").json(), &any);
    take("explain.schema.json", acct.awsvpc("explain").arg("network.instance-azs").json(), &[exit::OK]);
    take("parts.schema.json", acct.awsvpc("enis").region("us-east-1,eu-west-1").all_clusters().json(), &any);
    take(
        "parts.schema.json",
        acct.awsvpc("capacity").cluster("prod,nope").json(),
        &[exit::FOUND_PROBLEM, exit::USAGE, exit::OK],
    );
    let run = || cmd("run").task_definition("web").subnets(&subnets).yes().json().opt("--poll-interval", "0.1");
    take("run.schema.json", run().dry_run(), &any);
    let launched = take("run.schema.json", run().flag("--force"), &any);
    let arns = strings(&launched["task_arns"]);
    assert!(!arns.is_empty(), "{launched:#}");
    take("stop.schema.json", cmd("stop").yes().json().opt("--poll-interval", "0.1").tasks(&arns), &any);
    take("check-fix.schema.json", cmd("check").subnets(&subnets).fix().yes().json(), &any);
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
