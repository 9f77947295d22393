//! `awsvpc capacity` and `awsvpc diagnose` against the emulator.

use awsvpc::exit;
use serde_json::{Value, json};

use crate::builder::{Seed, Seeded};
use crate::harness::{Account, strings};

/// Four instances: a full untrunked c5.large, a trunked c5.large with 3 tasks, a Windows
/// c5.large with 1 task, and a c7i.large (not in AWS's 2023 trunking table) with none.
fn mixed_capacity() -> (Account, Seeded) {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().params(
        json!({
            "instances": [
                {"type": "c5.large", "trunk": false, "subnet": 0, "tasks": 2},
                {"type": "c5.large", "trunk": true, "subnet": 1, "tasks": 3},
                {"type": "c5.large", "os": "windows", "os_family": "WINDOWS_SERVER_2019_FULL", "agent": "1.60.0", "subnet": 0, "tasks": 1},
                {"type": "c7i.large", "trunk": false, "subnet": 1}
            ],
            "settings": {"role": {"awsvpcTrunking": "enabled"}},
            "allow_principals": true
        }),
    ));
    (acct, seed)
}

fn instance<'a>(v: &'a Value, arn: &str) -> &'a Value {
    v["instances"].as_array().unwrap().iter().find(|i| i["container_instance_arn"] == arn).unwrap()
}

#[test]
fn capacity_per_instance_zone_and_cluster() {
    let (acct, seed) = mixed_capacity();
    let arn = |i: usize| seed["instances"][i]["arn"].as_str().unwrap().to_string();
    let v = acct.awsvpc("capacity").cluster("prod").json_ok(exit::OK);
    let full = instance(&v, &arn(0));
    assert_eq!((full["slots"].as_i64(), full["used"].as_i64(), full["free"].as_i64()), (Some(2), Some(2), Some(0)));
    assert_eq!(full["slots_with_trunking"], 10);
    assert_eq!(full["trunking"], false);
    assert!(full["trunking_note"].as_str().unwrap().contains("launched before trunking was enabled"), "{full}");
    let trunked = instance(&v, &arn(1));
    assert_eq!(
        (trunked["trunking"].as_bool(), trunked["slots"].as_i64(), trunked["free"].as_i64()),
        (Some(true), Some(10), Some(7))
    );
    let windows = instance(&v, &arn(2));
    assert_eq!(windows["os"], "windows");
    assert!(windows["slots_with_trunking"].is_null(), "Windows has no trunking");
    assert_eq!(windows["trunking_note"], "Windows does not support ENI trunking");
    let newer = instance(&v, &arn(3));
    assert!(newer["slots_with_trunking"].is_null(), "not in AWS's table: unknown");
    assert_eq!(newer["slots"], 2);
    assert_eq!(v["total"]["slots"], 2 + 10 + 2 + 2);
    assert_eq!(v["total"]["used"], 6);
    assert_eq!(v["total"]["free"], 10);
    assert_eq!(v["zones"].as_array().unwrap().len(), 2);
    assert!(v["fits"].is_null());

    let table = acct.awsvpc("capacity").cluster("prod").run();
    assert!(table.stdout.contains("unknown"), "the unknown trunking figure is said: {}", table.stdout);
    let text = acct.awsvpc("capacity").cluster("prod").text().run();
    assert_eq!(text.stdout.lines().count(), 4);
    assert!(text.stdout.lines().all(|l| l.split('\t').count() == 14));
}

#[test]
fn capacity_with_tasks_and_subnets() {
    let (acct, seed) = mixed_capacity();
    let subnets = seed.private_subnets();
    let v = acct.awsvpc("capacity").cluster("prod").opt("--tasks", "10").json_ok(exit::OK);
    assert_eq!(v["fits"], true);
    let v = acct.awsvpc("capacity").cluster("prod").opt("--tasks", "11").json_ok(exit::FOUND_PROBLEM);
    assert_eq!(v["fits"], false);
    let ways = strings(&v["ways"]);
    assert!(ways[0].contains("enable ENI trunking") && ways[0].contains("replace"), "{ways:?}");
    assert!(ways.iter().any(|w| w.starts_with("add ") && w.contains("container instance")), "{ways:?}");
    // Only the AZ of the first subnet: the full c5.large and the Windows one.
    let v =
        acct.awsvpc("capacity").cluster("prod").subnets(&subnets[0]).opt("--tasks", "2").json_ok(exit::FOUND_PROBLEM);
    assert_eq!(v["instances"].as_array().unwrap().len(), 2);
    assert_eq!(v["total"]["free"], 1);
    assert!(strings(&v["ways"]).iter().any(|w| w.starts_with("add subnets in us-east-1b")), "{v}");
    acct.awsvpc("capacity").cluster("nope").run().expect_clean_error(exit::USAGE, "cluster nope was not found");
}

fn seeded_tasks() -> (Account, Seeded) {
    let acct = Account::new();
    let seed = acct.seed(
        Seed::cluster()
            .with(
                "instances",
                json!([{"type": "c5.large", "trunk": true, "subnet": 0, "tasks": 8},
                       {"type": "c5.large", "trunk": true, "subnet": 1, "tasks": 1, "manual_enis": 1}]),
            )
            .with("settings", json!({"role": {"awsvpcTrunking": "enabled"}})),
    );
    (acct, seed)
}

/// Stop reasons with a public source (src/rules/reasons.rs names it beside each).
const ENI_REASONS: &[(&str, &str)] = &[
    ("Timeout waiting for network interface provisioning to complete.", "eni-provisioning-timeout"),
    ("There aren't sufficient free Ipv4 addresses or prefixes", "subnet-full"),
    ("InsufficientFreeAddressesInSubnet", "subnet-full"),
];

#[test]
fn diagnose_each_eni_stop_reason_and_an_unknown_one() {
    let (acct, seed) = seeded_tasks();
    let tasks = strings(&seed["instances"][0]["tasks"]);
    for (k, (reason, cause)) in ENI_REASONS.iter().enumerate() {
        acct.set_task(json!({"task": tasks[k], "stop_code": "TaskFailedToStart", "stopped_reason": reason}));
        let v = acct.awsvpc("diagnose").cluster("prod").tasks(&[&tasks[k]]).json_ok(exit::FOUND_PROBLEM);
        assert_eq!(v["state"], "stopped-failed");
        assert_eq!(v["conclusion"]["cause"], *cause, "{reason}");
        assert!(!v["conclusion"]["fix"].as_str().unwrap().contains("CLUSTER"), "the real cluster is named");
        assert_eq!(v["eni"]["attachment_status"], "DELETED");
        assert!(v["timeline"].as_array().unwrap().iter().any(|e| e["event"] == "stopped"));
        assert!(v["evidence"][0].as_str().unwrap().contains(reason));
        // The live facts of its instance and subnet were checked.
        assert!(v["facts"].as_array().unwrap().iter().any(|f| f["check"] == "capacity.instance"), "{v}");
        assert!(v["facts"].as_array().unwrap().iter().any(|f| f["check"] == "network.free-addresses"), "{v}");
    }
    let odd = "CannotPullContainerError: something nobody has seen";
    acct.set_task(json!({"task": tasks[4], "stop_code": "TaskFailedToStart", "stopped_reason": odd}));
    let v = acct.awsvpc("diagnose").cluster("prod").tasks(&[&tasks[4]]).json_ok(exit::FOUND_PROBLEM);
    assert_eq!(v["conclusion"]["cause"], "unknown");
    assert_eq!(v["conclusion"]["explanation"], format!("TaskFailedToStart: {odd}"), "shown verbatim");
}

#[test]
fn diagnose_stuck_running_and_missing_tasks() {
    let (acct, seed) = seeded_tasks();
    // A task stuck in PROVISIONING on the instance with a hand-attached ENI.
    let stuck = strings(&seed["instances"][1]["tasks"])[0].clone();
    acct.set_task(json!({"task": stuck, "last_status": "PROVISIONING", "attachment_status": "PRECREATED"}));
    let v = acct.awsvpc("diagnose").cluster("prod").tasks(&[&stuck]).json_ok(exit::FOUND_PROBLEM);
    assert_eq!(v["state"], "stuck");
    assert_eq!(v["conclusion"]["cause"], "eni-attached-by-hand");
    assert!(v["evidence"].as_array().unwrap().iter().any(|e| e.as_str().unwrap().contains("instance.manual-enis")));

    let running = strings(&seed["instances"][0]["tasks"])[0].clone();
    let v = acct.awsvpc("diagnose").cluster("prod").tasks(&[&running]).json_ok(exit::OK);
    assert_eq!(v["state"], "running");
    let table = acct.awsvpc("diagnose").cluster("prod").tasks(&[&running]).run();
    assert!(table.stdout.contains("Likely cause:\n  running\n"), "{}", table.stdout);

    let v = acct
        .awsvpc("diagnose")
        .cluster("prod")
        .tasks(&["0123456789abcdef0123456789abcdef"])
        .json_ok(exit::FOUND_PROBLEM);
    assert_eq!(v["state"], "not-found");
    acct.awsvpc("diagnose").cluster("prod").run().expect_clean_error(exit::USAGE, "--stopped-since");
    acct.awsvpc("diagnose")
        .cluster("prod")
        .stopped_since("forever")
        .run()
        .expect_clean_error(exit::USAGE, "--stopped-since");
}

/// Forty tasks that died of the same ENI problem are one group.
#[test]
fn diagnose_stopped_since_groups_by_cause() {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().params(
        json!({"instances": [{"type": "c5.large", "trunk": true, "subnet": 0, "tasks": 10},
                             {"type": "m5.4xlarge", "trunk": true, "subnet": 1, "tasks": 36}],
               "settings": {"role": {"awsvpcTrunking": "enabled"}}}),
    ));
    let mut tasks = strings(&seed["instances"][0]["tasks"]);
    tasks.extend(strings(&seed["instances"][1]["tasks"]));
    assert_eq!(tasks.len(), 46);
    for (k, t) in tasks.iter().enumerate() {
        let (code, reason) = match k {
            0..=39 => ("TaskFailedToStart", ENI_REASONS[0].0),
            40..=42 => ("TaskFailedToStart", ENI_REASONS[1].0),
            43 => ("TaskFailedToStart", "A reason nobody has seen"),
            _ => ("UserInitiated", "Scaled in by hand"),
        };
        acct.set_task(json!({"task": t, "stop_code": code, "stopped_reason": reason}));
    }
    acct.clear_calls();
    let v = acct.awsvpc("diagnose").cluster("prod").stopped_since("1h").json_ok(exit::FOUND_PROBLEM);
    let asked: Vec<Value> = acct.requests("ecs.ListTasks").iter().map(|r| r["desiredStatus"].clone()).collect();
    assert_eq!(asked, vec![json!("STOPPED")], "the stopped tasks, asked of ListTasks");
    assert_eq!(v["tasks"], 46);
    let groups: Vec<(String, u64)> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["cause"].as_str().unwrap().to_string(), g["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        groups,
        vec![
            ("eni-provisioning-timeout".to_string(), 40),
            ("subnet-full".to_string(), 3),
            ("user-initiated".to_string(), 2),
            ("unknown".to_string(), 1)
        ]
    );
    let unknown = v["groups"].as_array().unwrap().iter().find(|g| g["cause"] == "unknown").unwrap();
    assert_eq!(unknown["example_reason"], "A reason nobody has seen");
}
