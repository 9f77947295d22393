//! `awsvpc diagnose --service NAME`: a service stuck below its desired count, its events decoded
//! (a placement failure naming RESOURCE:ENI explained from the capacity), events nobody
//! documented shown verbatim, its stopped tasks grouped, its checks, the likely cause.

use awsvpc::exit;
use serde_json::json;

use crate::builder::Seed;
use crate::harness::{Account, strings};

const ENI_EVENT: &str = "service (web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance 5b1d2c6e) encountered error \"RESOURCE:ENI\". For more information, see the Troubleshooting section.";
const UNKNOWN_EVENT: &str = "service (web) did something no documentation describes yet";
const ENI_TIMEOUT: &str = "Timeout waiting for network interface provisioning to complete.";

#[test]
fn a_service_stuck_on_eni_capacity_is_explained() {
    let acct = Account::new();
    acct.seed(Seed::cluster().params(
        json!({"instances": [{"trunk": false, "subnet": 0, "tasks": 2}, {"trunk": false, "subnet": 1, "tasks": 2}],
               "services": [{"name": "web", "target_type": "ip", "desired": 6, "running": 4,
                             "events": [ENI_EVENT, UNKNOWN_EVENT, "service (web) has reached a steady state."]}]}),
    ));
    let web = || acct.awsvpc("diagnose").cluster("prod").service("web");
    let v = web().json_ok(exit::FOUND_PROBLEM);
    assert_eq!((v["desired_count"].as_i64(), v["running_count"].as_i64()), (Some(6), Some(4)), "{v:#}");
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 3);
    assert_eq!(events[0]["message"], ENI_EVENT);
    assert_eq!(events[0]["decoded"]["kind"], "placement");
    assert_eq!(events[0]["decoded"]["reason"], "RESOURCE:ENI");
    // Not recognised: shown verbatim, kind unknown, not a problem.
    assert_eq!(events[1]["decoded"]["kind"], "unknown");
    assert_eq!(events[1]["decoded"]["explanation"], UNKNOWN_EVENT);
    assert_eq!(events[2]["decoded"]["kind"], "steady-state");
    // The likely cause: the ENI slots, explained from the live capacity (c5.large: 2 slots each,
    // ENI trunking table: 10 with trunking), with the fix.
    let cause = &v["likely_cause"];
    assert_eq!(cause["cause"], "eni-capacity", "{v:#}");
    // c5.large: 3 ENIs, so 2 awsvpc task slots; 10 with trunking (AWS's trunking table): +8 each.
    assert!(cause["explanation"].as_str().unwrap().contains("(c5.large, us-east-1a, 2 of 2 slots used)"), "{cause}");
    assert!(
        cause["fix"].as_str().unwrap().contains("enable ENI trunking")
            && cause["fix"].as_str().unwrap().contains("+16"),
        "{cause}"
    );
    // The live checks of the service: the full instances are among them.
    let checks: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["check"].as_str().unwrap()).collect();
    assert!(checks.contains(&"capacity.instance"), "{checks:?}");
    // Table and text.
    let t = web().opt("--color", "never").run();
    assert!(t.stdout.contains("Service:  web (cluster prod)\nTasks:    4 of 6 running"), "{}", t.stdout);
    assert!(t.stdout.contains("Likely cause:\n  "), "{}", t.stdout);
    // An event AWS's documentation does not list is printed once, verbatim.
    assert_eq!(t.stdout.matches(UNKNOWN_EVENT).count(), 1, "{}", t.stdout);
    let text = web().text().run();
    assert!(text.stdout.lines().any(|l| l.starts_with("event\t") && l.contains("RESOURCE:ENI")), "{}", text.stdout);
    assert!(
        text.stdout.lines().any(|l| l.starts_with("event\t") && l.contains("\tunknown\t") && l.contains(UNKNOWN_EVENT)),
        "{}",
        text.stdout
    );
    assert!(text.stdout.lines().any(|l| l.starts_with("cause\t")), "{}", text.stdout);
}

/// A healthy service's stopped tasks (ListTasks serviceName, desiredStatus STOPPED) grouped by
/// cause, counted from what the emulator was seeded with: stops by the scheduler and by a user are
/// no cause; a failed task of another group is not the service's.
#[test]
fn a_healthy_service_has_no_cause_and_stopped_tasks_are_grouped() {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().params(json!({"instances": [{"trunk": true, "subnet": 0, "tasks": 7}],
               "settings": {"role": {"awsvpcTrunking": "enabled"}},
               "services": [{"name": "api", "desired": 1, "running": 1,
                             "events": ["service (api) has reached a steady state."]}]})));
    let tasks = strings(&seed["instances"][0]["tasks"]);
    // Three stopped by the scheduler, two by a user, one still running: the service's (its group,
    // service:api). One more failed to start, of another group: not the service's.
    let scaled_in = "Scaling activity initiated by (deployment ecs-svc/1234567890123456789)";
    for (k, t) in tasks.iter().enumerate() {
        let state = match k {
            0..=2 => json!({"stop_code": "ServiceSchedulerInitiated", "stopped_reason": scaled_in}),
            3 | 4 => json!({"stop_code": "UserInitiated", "stopped_reason": "Stopped by hand"}),
            5 => json!({}),
            _ => json!({"stop_code": "TaskFailedToStart", "stopped_reason": ENI_TIMEOUT}),
        };
        let mut fields = json!({"task": t, "group": if k < 6 { "service:api" } else { "family:web" }});
        fields.as_object_mut().unwrap().extend(state.as_object().unwrap().clone());
        acct.set_task(fields);
    }
    acct.clear_calls();
    let r = acct.awsvpc("diagnose").cluster("prod").service("api").json().run();
    let v = r.json();
    assert!(v["likely_cause"].is_null(), "{v:#}");
    r.expect(exit::OK);
    assert_eq!(v["stopped_tasks"], 5, "{v:#}");
    let groups: Vec<(String, u64, Vec<String>)> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let mut ids = strings(&g["task_ids"]);
            ids.sort();
            (g["stop_code"].as_str().unwrap().to_string(), g["count"].as_u64().unwrap(), ids)
        })
        .collect();
    let ids = |range: std::ops::Range<usize>| {
        let mut out: Vec<String> = tasks[range].iter().map(|a| a.rsplit('/').next().unwrap().to_string()).collect();
        out.sort();
        out
    };
    assert_eq!(
        groups,
        vec![("ServiceSchedulerInitiated".into(), 3, ids(0..3)), ("UserInitiated".into(), 2, ids(3..5))],
        "{v:#}"
    );
    // Asked of ECS as the service's stopped tasks (the cluster's capacity lists its tasks too).
    let asked: Vec<_> = acct.requests("ecs.ListTasks").into_iter().filter(|r| r.get("serviceName").is_some()).collect();
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert_eq!((&asked[0]["serviceName"], &asked[0]["desiredStatus"]), (&json!("api"), &json!("STOPPED")));
    // A service that does not exist: exit 2 naming it.
    acct.awsvpc("diagnose").cluster("prod").service("nope").run().expect_clean_error(exit::USAGE, "nope");
    // --service with a TASK or several clusters: usage errors before any call.
    acct.clear_calls();
    acct.awsvpc("diagnose")
        .service("api")
        .tasks(&["0123456789abcdef0123456789abcdef"])
        .run()
        .expect_clean_error(exit::USAGE, "--service");
    acct.awsvpc("diagnose").service("api").cluster(["a", "b"]).run().expect_clean_error(exit::USAGE, "one cluster");
    assert!(acct.calls().is_empty());
}
