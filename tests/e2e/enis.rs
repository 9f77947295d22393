//! `awsvpc enis` against the emulator.

use awsvpc::exit;
use std::collections::{BTreeSet, HashMap};

use serde_json::{Value, json};

use crate::builder::Seed;
use crate::harness::{Account, Run};

fn id_of(arn: &str) -> String {
    arn.rsplit('/').next().unwrap().to_string()
}

/// The cluster of the "done when": 250 mixed tasks, EC2 and Fargate, Service Connect
/// first in some, bridge-mode ones and stopped ones; every ENI listed correctly in all formats.
#[test]
fn mixed_cluster_of_250_tasks_in_all_formats() {
    let acct = Account::new();
    let seed = acct.seed(Seed::mixed().params(
        json!({"ec2": 80, "fargate": 150, "bridge": 20, "stopped": 20, "service_connect": 30, "instances": 4}),
    ));
    let stopped: BTreeSet<String> = seed.list("stopped_tasks").iter().map(|a| id_of(a)).collect();
    let bridge: BTreeSet<String> = seed.list("bridge_tasks").iter().map(|a| id_of(a)).collect();
    let sc: BTreeSet<String> = seed.list("service_connect_tasks").iter().map(|a| id_of(a)).collect();
    let awsvpc_running: BTreeSet<String> = seed
        .list("ec2_tasks")
        .iter()
        .chain(seed.list("fargate_tasks").iter())
        .map(|a| id_of(a))
        .filter(|id| !stopped.contains(id))
        .collect();
    assert_eq!(awsvpc_running.len() + bridge.len() + stopped.len(), 250);
    let (vpc, sg) = (seed.vpc(), seed.security_group());
    let enis = || acct.awsvpc("enis").cluster("prod");

    // JSON: the running tasks (AWS lists desired status RUNNING by default).
    let v = enis().json_ok(exit::OK);
    let tasks = v["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), awsvpc_running.len() + bridge.len());
    assert_eq!(v["summary"]["tasks"], tasks.len());
    assert_eq!(v["summary"]["tasks_without_eni"], bridge.len());
    assert_eq!(v["summary"]["enis"], awsvpc_running.len());
    assert_eq!(v["summary"]["enis_not_in_ec2"], 0);
    assert_eq!(v["enriched"], true);
    let mut eni_ids = BTreeSet::new();
    for t in tasks {
        let id = t["task_id"].as_str().unwrap().to_string();
        let enis = t["enis"].as_array().unwrap();
        if bridge.contains(&id) {
            assert!(enis.is_empty(), "bridge task {id} has no ENI");
            continue;
        }
        assert!(awsvpc_running.contains(&id), "unexpected task {id}");
        assert_eq!(enis.len(), 1, "task {id}");
        let e = &enis[0];
        assert_eq!(e["attachment_status"], "ATTACHED");
        let eni = e["eni_id"].as_str().unwrap();
        assert!(eni.starts_with("eni-"));
        assert!(eni_ids.insert(eni.to_string()), "ENI {eni} shown twice");
        assert_eq!(e["details"]["networkInterfaceId"], eni, "details keep every name/value");
        assert!(e["subnet_id"].as_str().unwrap().starts_with("subnet-"));
        assert!(e["private_ipv4"].as_str().is_some() && e["mac_address"].as_str().is_some());
        assert!(e["private_dns_name"].as_str().unwrap().ends_with(".ec2.internal"));
        assert_eq!(e["ec2"]["found"], true);
        assert_eq!(e["ec2"]["vpc_id"], vpc);
        assert_eq!(e["ec2"]["status"], "in-use");
        assert_eq!(e["ec2"]["security_groups"][0]["id"], sg);
        assert!(e["ec2"]["availability_zone"].as_str().unwrap().starts_with("us-east-1"));
        if sc.contains(&id) {
            assert_eq!(t["other_attachments"][0]["type"], "Service Connect", "Service Connect attachment kept");
        }
        let lt = t["launch_type"].as_str().unwrap();
        assert!(lt == "EC2" || lt == "FARGATE");
    }

    // text: one line per ENI (or per task without one), 15 fixed columns, header only on request.
    let text = enis().text().expect(exit::OK);
    let lines: Vec<&str> = text.stdout.lines().collect();
    assert_eq!(lines.len(), tasks.len());
    let mut text_enis = BTreeSet::new();
    for line in &lines {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 15, "{line}");
        if cols[4] != "-" {
            text_enis.insert(cols[4].to_string());
            assert_eq!(cols[10], vpc.as_str());
            assert_eq!(cols[14], "in-use");
        } else {
            assert!(bridge.contains(cols[0]), "{line}");
        }
    }
    assert_eq!(text_enis, eni_ids);
    let with_headers = enis().text().headers().run();
    assert!(with_headers.stdout.starts_with("task_id\tcluster\tlast_status\tattachment_status\teni_id\t"));
    assert_eq!(with_headers.stdout.lines().count(), tasks.len() + 1);

    // table: every ENI and the summary; no colour codes in a pipe.
    let table = enis().expect(exit::OK);
    for eni in &eni_ids {
        assert!(table.stdout.contains(eni.as_str()), "table lists {eni}");
    }
    assert!(table.stdout.contains(&format!(
        "{} tasks, {} ENIs, {} without an ENI",
        tasks.len(),
        eni_ids.len(),
        bridge.len()
    )));
    assert!(!table.stdout.contains('\u{1b}'), "no escape codes in a pipe");
    // Colour: the flag decides, then NO_COLOR, then CLICOLOR_FORCE, then the terminal.
    let escapes = |r: Run| r.stdout.contains('\u{1b}');
    assert!(escapes(enis().opt("--color", "always").run()), "--color always colours a pipe");
    assert!(escapes(enis().env("CLICOLOR_FORCE", "1").run()), "CLICOLOR_FORCE colours a pipe");
    assert!(!escapes(enis().env("CLICOLOR_FORCE", "0").run()), "CLICOLOR_FORCE=0 does not");
    assert!(!escapes(enis().env("CLICOLOR_FORCE", "1").env("NO_COLOR", "1").run()), "NO_COLOR wins");
    assert!(escapes(enis().opt("--color", "always").env("NO_COLOR", "1").run()), "the flag wins over NO_COLOR");
    assert!(!escapes(enis().flag("--no-color").env("CLICOLOR_FORCE", "1").run()), "--no-color is --color never");
    // AWSVPC_OUTPUT sets the default format; --output still decides.
    let env_json = enis().env("AWSVPC_OUTPUT", "json").run();
    assert_eq!(env_json.json()["tasks"].as_array().map(Vec::len), Some(tasks.len()), "AWSVPC_OUTPUT=json");
    assert!(enis().output("table").env("AWSVPC_OUTPUT", "json").run().stdout.contains("tasks, "), "--output wins");

    // Stopped tasks: their attachments are released and EC2 no longer knows the ENIs.
    acct.clear_calls();
    let g = enis().opt("--desired-status", "STOPPED").json_ok(exit::OK);
    let asked: Vec<Value> = acct.requests("ecs.ListTasks").iter().map(|r| r["desiredStatus"].clone()).collect();
    assert_eq!(asked, vec![json!("STOPPED")], "the filter reached ListTasks");
    let ids: BTreeSet<String> =
        g["tasks"].as_array().unwrap().iter().map(|t| t["task_id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, stopped);
    for t in g["tasks"].as_array().unwrap() {
        assert_eq!(t["last_status"], "STOPPED");
        assert_eq!(t["enis"][0]["attachment_status"], "DELETED");
        assert_eq!(t["enis"][0]["ec2"]["found"], false, "an ENI EC2 no longer knows is shown as such");
    }
    assert_eq!(g["summary"]["enis_not_in_ec2"], stopped.len());
}

#[test]
fn named_tasks_unknown_ones_are_reported_and_exit_1() {
    let acct = Account::new();
    let seed = acct
        .seed(Seed::mixed().params(json!({"ec2": 2, "fargate": 2, "bridge": 0, "stopped": 1, "service_connect": 1})));
    let running = seed.list("fargate_tasks");
    let stopped = seed.list("stopped_tasks");
    let unknown = "0123456789abcdef0123456789abcdef";
    let run = acct
        .awsvpc("enis")
        .cluster("prod")
        .json()
        .tasks(&[running[0].as_str(), &id_of(&stopped[0]), unknown])
        .expect(exit::FOUND_PROBLEM);
    let v = run.json();
    let shown: Vec<&str> = v["tasks"].as_array().unwrap().iter().map(|t| t["task_arn"].as_str().unwrap()).collect();
    assert!(shown.contains(&running[0].as_str()) && shown.contains(&stopped[0].as_str()));
    assert_eq!(v["failures"].as_array().unwrap().len(), 1);
    assert_eq!(v["failures"][0]["reason"], "MISSING");
    assert!(v["failures"][0]["arn"].as_str().unwrap().ends_with(unknown));
    assert!(run.stderr.contains(unknown) && run.stderr.contains("MISSING"), "{}", run.stderr);

    // A task ARN names its cluster: no --cluster needed.
    let by_arn = acct.awsvpc("enis").tasks(&running[1..2]).json_ok(exit::OK);
    assert_eq!(by_arn["tasks"][0]["task_arn"], running[1].as_str());
}

#[test]
fn no_enrich_skips_ec2() {
    let acct = Account::new();
    acct.seed(
        Seed::mixed()
            .params(json!({"ec2": 0, "fargate": 3, "bridge": 0, "stopped": 0, "service_connect": 0, "instances": 0})),
    );
    acct.clear_calls();
    let v = acct.awsvpc("enis").cluster("prod").flag("--no-enrich").json_ok(exit::OK);
    assert_eq!(v["enriched"], false);
    assert!(v["tasks"][0]["enis"][0]["ec2"].is_null());
    assert!(acct.calls().iter().all(|c| c.starts_with("ecs.")), "{:?}", acct.calls());
}

/// Calls scale with batches, not items: 1,000 tasks take 10 ListTasks pages, 10 DescribeTasks
/// calls and 5 DescribeNetworkInterfaces calls (200 ENIs each), and nothing else.
#[test]
fn call_counts_at_1000_tasks_follow_the_batch_arithmetic() {
    let acct = Account::new();
    acct.seed(Seed::scenario("fargate_many").with("tasks", 1000));
    acct.clear_calls();
    let v = acct.awsvpc("enis").cluster("big").json_ok(exit::OK);
    assert_eq!(v["summary"]["enis"], 1000);
    let mut counts: HashMap<String, usize> = HashMap::new();
    for c in acct.calls() {
        *counts.entry(c).or_default() += 1;
    }
    let expected: HashMap<String, usize> = [
        ("ecs.ListTasks".to_string(), 10),
        ("ecs.DescribeTasks".to_string(), 10),
        ("ec2.DescribeNetworkInterfaces".to_string(), 5),
    ]
    .into_iter()
    .collect();
    assert_eq!(counts, expected);
}

#[test]
fn filters_reach_list_tasks() {
    let acct = Account::new();
    acct.seed(Seed::mixed().params(json!({"ec2": 3, "fargate": 2, "bridge": 1, "stopped": 0, "service_connect": 0})));
    // Each filter is sent to ListTasks as its parameter (the emulator's request log).
    let sent =
        |param: &str| -> Vec<Value> { acct.requests("ecs.ListTasks").iter().map(|r| r[param].clone()).collect() };
    acct.clear_calls();
    let v: Value = acct.awsvpc("enis").cluster("prod").launch_type("FARGATE").json_ok(exit::OK);
    assert_eq!(sent("launchType"), vec![json!("FARGATE")]);
    assert_eq!(v["tasks"].as_array().unwrap().len(), 2);
    assert!(v["tasks"].as_array().unwrap().iter().all(|t| t["launch_type"] == "FARGATE"));
    acct.clear_calls();
    let family = acct.awsvpc("enis").cluster("prod").opt("--family", "legacy").json_ok(exit::OK);
    assert_eq!(sent("family"), vec![json!("legacy")]);
    assert_eq!(family["summary"]["tasks_without_eni"], 1);
    assert_eq!(family["summary"]["tasks"], 1);
}

/// moto crashed RunTask in a VPC with DNS hostnames off (AWS does not); the launcher's patch
/// makes the scenario possible, and the ENI still carries its private DNS name as in AWS.
#[test]
fn vpc_with_dns_hostnames_off() {
    let acct = Account::new();
    acct.seed(Seed::mixed().params(json!({"ec2": 0, "fargate": 2, "bridge": 0, "stopped": 0, "service_connect": 0,
        "instances": 0, "dns_hostnames": false})));
    let v = acct.awsvpc("enis").cluster("prod").json_ok(exit::OK);
    assert_eq!(v["summary"]["enis"], 2);
    assert!(v["tasks"][0]["enis"][0]["private_dns_name"].as_str().unwrap().starts_with("ip-10-0-"));
}

/// A Fargate task launched with a public IP shows the address EC2 gave its ENI.
#[test]
fn a_fargate_task_with_a_public_ip_shows_it() {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().with("instances", json!([])));
    let run = acct
        .awsvpc("run")
        .cluster("prod")
        .task_definition("worker")
        .launch_type("FARGATE")
        .subnets(seed.public_subnet())
        .security_groups(seed.security_group())
        .assign_public_ip("ENABLED")
        .flag("--no-wait")
        .yes()
        .json_ok(exit::OK);
    let task = run["task_arns"][0].as_str().unwrap().to_string();
    let r = acct.awsvpc("enis").cluster("prod").tasks(&[&task]).json_ok(exit::OK);
    let eni = &r["tasks"][0]["enis"][0];
    let ip = eni["ec2"]["public_ip"].as_str().unwrap_or_else(|| panic!("a public IP: {eni}"));
    let octets: Vec<u8> = ip.split('.').map(|o| o.parse().unwrap()).collect();
    assert_eq!(octets.len(), 4, "{ip}");
    assert_ne!(octets[0], 10, "a public address, not the VPC's: {ip}");
}
