//! What a person sees at 80, 100 and 160 columns (issue "What a person meets"): no line wider
//! than the width, every id from the JSON document whole in the text, every command of every
//! fix recoverable from the text (joining ` \` continuations, as a shell does).

use serde_json::Value;

use awsvpc::output::layout::{commands_in, unfold};

use crate::harness::{Account, run};

const WIDTHS: [usize; 3] = [80, 100, 160];

fn at(acct: &Account, width: usize, args: &[&str]) -> String {
    let r = run(acct.cmd().env("COLUMNS", width.to_string()).args(args));
    assert!(r.code == 0 || r.code == 1, "{args:?}: exit {}\n{}", r.code, r.stderr);
    r.stdout
}

fn json(acct: &Account, args: &[&str]) -> Value {
    let mut a = args.to_vec();
    a.extend(["--output", "json"]);
    let r = acct.awsvpc_args(&a);
    r.json()
}

fn fits(text: &str, width: usize, what: &str) {
    // A single word longer than the width (an address) stays whole: it may not be broken.
    for line in text.lines().filter(|l| l.split_whitespace().count() > 1) {
        assert!(
            line.chars().count() <= width,
            "{what} at {width}: a line of {} columns:\n{line}\n\n{text}",
            line.chars().count()
        );
    }
}

/// The demo account: two full c5.large container instances, a role without trunking, a public
/// subnet among the subnets, a stopped task.
fn demo() -> (Account, String) {
    let acct = Account::new();
    let seed = acct.seed_raw("demo", serde_json::json!({}));
    let net = &seed["network"];
    let mut subnets: Vec<String> =
        net["private_subnets"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect();
    subnets.push(net["public_subnet"].as_str().unwrap().to_string());
    (acct, subnets.join(","))
}

#[test]
fn check_findings_are_blocks_whose_fixes_paste_whole() {
    let (acct, subnets) = demo();
    let args = ["check", "--cluster", "demo", "--subnets", &subnets, "--tasks", "4"];
    let doc = json(&acct, &args);
    let findings = doc["findings"].as_array().unwrap();
    for width in WIDTHS {
        let text = at(&acct, width, &args);
        fits(&text, width, "check");
        let joined = unfold(&text);
        for f in findings.iter().filter(|f| matches!(f["status"].as_str(), Some("fail" | "warn"))) {
            let resource = f["resource"].as_str().unwrap();
            // A container instance is shown by its EC2 id.
            let ec2 = doc["capacity"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|c| c["instances"].as_array().unwrap())
                .find(|i| i["container_instance_arn"] == resource)
                .and_then(|i| i["ec2_instance_id"].as_str());
            let id = ec2.unwrap_or_else(|| resource.rsplit(['/', ':']).next().unwrap());
            assert!(text.contains(id), "{id} whole at {width}:\n{text}");
            let fix = f["remediation"].as_str().expect("every fail and warn has a fix");
            for cmd in commands_in(fix) {
                assert!(joined.contains(&cmd), "at {width}, `{cmd}` is not recoverable from:\n{text}");
            }
        }
    }
}

#[test]
fn capacity_enis_and_diagnose_fit_every_width() {
    let (acct, _) = demo();
    let enis = json(&acct, &["enis", "--cluster", "demo"]);
    let cap = json(&acct, &["capacity", "--cluster", "demo", "--tasks", "4"]);
    for width in WIDTHS {
        let text = at(&acct, width, &["enis", "--cluster", "demo"]);
        fits(&text, width, "enis");
        for t in enis["tasks"].as_array().unwrap() {
            assert!(text.contains(t["task_id"].as_str().unwrap()), "task id whole at {width}");
            for e in t["enis"].as_array().unwrap() {
                if let Some(id) = e["eni_id"].as_str() {
                    assert!(text.contains(id), "{id} whole at {width}:\n{text}");
                }
            }
        }
        let text = at(&acct, width, &["capacity", "--cluster", "demo", "--tasks", "4"]);
        fits(&text, width, "capacity");
        for i in cap["instances"].as_array().unwrap() {
            assert!(text.contains(i["ec2_instance_id"].as_str().unwrap()), "instance id whole at {width}");
        }
        let joined = unfold(&text);
        for way in cap["ways"].as_array().unwrap() {
            for cmd in commands_in(way.as_str().unwrap()) {
                assert!(joined.contains(&cmd), "at {width}, `{cmd}` is not recoverable from:\n{text}");
            }
        }
        let text = at(&acct, width, &["diagnose", "--cluster", "demo", "--stopped-since", "1h"]);
        fits(&text, width, "diagnose --stopped-since");
    }
    // At 80 columns enis keeps the task, its status, its ENI and its IP, and says what it hid.
    let text = at(&acct, 80, &["enis", "--cluster", "demo"]);
    let header = text.lines().next().unwrap();
    for col in ["TASK", "STATUS", "ENI", "PRIVATE IP"] {
        assert!(header.contains(col), "{header}");
    }
    assert!(text.contains("--wide shows them"), "{text}");
}

/// Every other report a person reads, at the three widths: `diagnose --service` (events as
/// time and kind with the message under them), `run --dry-run`, `check --list`, `explain`,
/// `check --all` (one line a finding), `iam-policy` is JSON and `stop` is covered by its tests.
#[test]
fn the_other_reports_fit_every_width() {
    let acct = Account::new();
    let event = "service (web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance 5b1d2c6e) encountered error \"RESOURCE:ENI\". For more information, see the Troubleshooting section.";
    let seed = acct.seed_raw(
        "cluster",
        serde_json::json!({"instances": [{"tasks": 2}, {"subnet": 1, "tasks": 2}],
            "services": [{"name": "web", "target_type": "ip", "desired": 6, "running": 4,
                          "events": [event, "service (web) did something no documentation describes yet"]}]}),
    );
    let subnet = seed["network"]["private_subnets"][0].as_str().unwrap().to_string();
    for width in WIDTHS {
        for args in [
            vec!["diagnose", "--cluster", "prod", "--service", "web"],
            vec!["check", "--list"],
            vec!["explain", "capacity.cluster"],
            vec!["check", "--cluster", "prod", "--all"],
        ] {
            let text = at(&acct, width, &args);
            fits(&text, width, &args.join(" "));
        }
        let r = run(acct.cmd().env("COLUMNS", width.to_string()).args([
            "run",
            "--cluster",
            "prod",
            "--task-definition",
            "web",
            "--subnets",
            &subnet,
            "--dry-run",
        ]));
        // The request is a JSON document: data, not prose; the lines around it fit.
        for line in r
            .stdout
            .lines()
            .filter(|l| !l.trim_start().starts_with('"') && !l.trim_start().starts_with(['{', '}', '[', ']']))
        {
            assert!(line.chars().count() <= width, "run --dry-run at {width}: {line}");
        }
    }
}
