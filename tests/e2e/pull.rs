//! Why a task never started its containers (issue "Before the containers start", item 3): the
//! stop reasons AWS's pages document, decoded into the network path, the execution role's missing
//! action or the image reference, and stopped tasks grouped by those causes.

use serde_json::json;

use awsvpc::exit;

use crate::harness::{strings, Account};

const TIMEOUT: &str = "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1: failed to do request: Head \"https://111122223333.dkr.ecr.us-east-1.amazonaws.com/v2/app/manifests/1\": dial tcp 10.0.0.1:443: i/o timeout";
const SSM_DENIED: &str = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/ecsTaskExecutionRole/abc is not authorized to perform: ssm:GetParameters on resource: arn:aws:ssm:us-east-1:111122223333:parameter/db";

#[test]
fn pull_failures_are_decoded_and_grouped_by_cause() {
    let acct = Account::new();
    let seed = acct.seed("cluster", json!({"instances": [{"type": "m5.xlarge", "trunk": true, "tasks": 3}]}));
    let tasks = strings(&seed["instances"][0]["tasks"]);
    for (task, reason) in [(&tasks[0], TIMEOUT), (&tasks[1], TIMEOUT), (&tasks[2], SSM_DENIED)] {
        acct.set_task(json!({"task": task, "stop_code": "TaskFailedToStart", "stopped_reason": reason}));
    }
    let r = acct.awsvpc(&["diagnose", "--cluster", "prod", &tasks[2], "--output", "json"]);
    r.expect(exit::FOUND_PROBLEM);
    let c = &r.json()["conclusion"];
    assert_eq!(c["cause"], "ssm-permission", "{c}");
    assert!(
        c["explanation"].as_str().unwrap().contains("ecsTaskExecutionRole is not allowed ssm:GetParameters"),
        "{c}"
    );
    let w = acct.awsvpc(&["diagnose", "--cluster", "prod", "--stopped-since", "1h", "--output", "json"]);
    let groups = w.json()["groups"].as_array().unwrap().clone();
    let of = |cause: &str| groups.iter().find(|g| g["cause"] == cause).map(|g| g["count"].as_u64().unwrap());
    assert_eq!(of("pull-network"), Some(2), "{groups:?}");
    assert_eq!(of("ssm-permission"), Some(1), "{groups:?}");
}
