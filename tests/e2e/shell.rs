//! The shell habits of AWS users: `--query` (JMESPath, as the AWS CLI) on every command's JSON,
//! printed as JSON or as the AWS CLI's text; `--columns` by name for `--output text`.

use awsvpc::exit;
use serde_json::{json, Value};

use crate::harness::{strings, Account};

fn account() -> (Account, String) {
    let acct = Account::new();
    let seed = acct.seed(
        "cluster",
        json!({"instances": [{"trunk": true, "subnet": 0, "tasks": 2}, {"trunk": false, "subnet": 1, "tasks": 1}],
               "settings": {"role": {"awsvpcTrunking": "enabled"}}}),
    );
    (acct, strings(&seed["network"]["private_subnets"]).join(","))
}

#[test]
fn query_selects_from_every_commands_json() {
    let (acct, subnets) = account();
    let enis = acct.awsvpc(&["enis", "--cluster", "prod", "--output", "json"]);
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
    let r = acct.awsvpc(&["enis", "--cluster", "prod", "--output", "json", "--query", "tasks[].enis[].eni_id"]);
    r.expect(exit::OK);
    assert_eq!(r.json(), Value::Array(expected_ids.clone()));
    // Text of the result: a list of scalars is one tab-separated line, as the AWS CLI prints it.
    let r = acct.awsvpc(&["enis", "--cluster", "prod", "--output", "text", "--query", "tasks[].enis[].eni_id"]);
    let ids: Vec<&str> = expected_ids.iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(r.stdout, format!("{}\n", ids.join("\t")));
    // A projection to rows: one line per task.
    let r =
        acct.awsvpc(&["enis", "--cluster", "prod", "--output", "text", "--query", "tasks[].[task_id, last_status]"]);
    assert_eq!(r.stdout.lines().count(), 3, "{}", r.stdout);
    assert!(r.stdout.lines().all(|l| l.ends_with("\tRUNNING")), "{}", r.stdout);
    // A query that selects nothing: an empty list, and no line in text; the exit code is the command's.
    let r =
        acct.awsvpc(&["enis", "--cluster", "prod", "--output", "json", "--query", "tasks[?last_status=='STOPPED']"]);
    r.expect(exit::OK);
    assert_eq!(r.json(), json!([]));
    let r = acct.awsvpc(&[
        "enis",
        "--cluster",
        "prod",
        "--output",
        "text",
        "--query",
        "tasks[?last_status=='STOPPED'].task_id",
    ]);
    assert_eq!(r.stdout, "");
    let r = acct.awsvpc(&["enis", "--cluster", "prod", "--output", "json", "--query", "no_such_field"]);
    assert_eq!(r.json(), Value::Null);
    // Every command's document: check, capacity, diagnose, explain, iam-policy, check --list.
    let r = acct.awsvpc(&[
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
    let full = acct.awsvpc(&["check", "--cluster", "prod", "--subnets", &subnets, "--output", "json"]);
    assert_eq!(r.code, full.code, "the exit code is the command's");
    assert_eq!(r.json(), full.json()["summary"]["fail"]);
    let r = acct.awsvpc(&[
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
    let r =
        acct.awsvpc(&["capacity", "--cluster", "prod", "--output", "json", "--query", "instances[].ec2_instance_id"]);
    assert_eq!(r.json().as_array().unwrap().len(), 2, "{}", r.stdout);
    let r = acct.awsvpc(&[
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
    let r = acct.awsvpc(&["explain", "vpc.dns-support", "--output", "text", "--query", "id"]);
    assert_eq!(r.stdout, "vpc.dns-support\n");
    let r = acct.awsvpc(&["check", "--list", "--output", "json", "--query", "length(checks)"]);
    assert!(r.json().as_u64().unwrap() > 20, "{}", r.stdout);
    let r = acct.awsvpc(&["iam-policy", "--query", "Statement[0].Effect", "--output", "text"]);
    assert_eq!(r.stdout, "Allow\n");
}

#[test]
fn a_bad_query_is_a_usage_error_before_any_call() {
    let (acct, _) = account();
    acct.clear_calls();
    let r = acct.awsvpc(&["enis", "--cluster", "prod", "--query", "tasks[", "--output", "json"]);
    r.expect_clean_error(exit::USAGE, "--query");
    assert!(r.stderr.contains("JMESPath"), "{}", r.stderr);
    acct.awsvpc(&["check", "--output", "junit", "--query", "findings"]).expect_clean_error(exit::USAGE, "--query");
    assert!(acct.calls().is_empty(), "{:?}", acct.calls());
}

#[test]
fn columns_by_name_in_the_given_order() {
    let (acct, _) = account();
    let all = acct.awsvpc(&["enis", "--cluster", "prod", "--output", "text", "--headers"]);
    let header: Vec<&str> = all.stdout.lines().next().unwrap().split('\t').collect();
    let r = acct.awsvpc(&[
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
    let r = acct.awsvpc(&["capacity", "--cluster", "prod", "--output", "text", "--columns", "ec2_instance_id,free"]);
    assert!(r.stdout.lines().all(|l| l.split('\t').count() == 2 && l.starts_with("i-")), "{}", r.stdout);
}

#[test]
fn unknown_columns_are_usage_errors_naming_them() {
    let (acct, _) = account();
    acct.clear_calls();
    let r = acct.awsvpc(&["enis", "--cluster", "prod", "--output", "text", "--columns", "task_id,eni"]);
    r.expect_clean_error(exit::USAGE, "invalid value 'eni' for --columns");
    assert!(r.stderr.contains("private_ipv4"), "the known names are listed: {}", r.stderr);
    acct.awsvpc(&["enis", "--cluster", "prod", "--columns", "task_id"])
        .expect_clean_error(exit::USAGE, "--output text");
    acct.awsvpc(&["enis", "--output", "text", "--columns", "task_id,task_id"])
        .expect_clean_error(exit::USAGE, "each column once");
    assert!(acct.calls().is_empty(), "{:?}", acct.calls());
}
