//! What a person sees at 80, 100 and 160 columns (issue "What a person meets"): no line wider
//! than the width, every id from the JSON document whole in the text, every command of every
//! fix recoverable from the text (joining ` \` continuations, as a shell does).

use awsvpc::output::layout::{commands_in, unfold};

use crate::builder::{Awsvpc, Seed, Status};
use crate::harness::Account;

const WIDTHS: [usize; 3] = [80, 100, 160];

/// What the command prints at `width` columns (it exits 0 or 1).
fn at(cmd: Awsvpc<'_>, width: usize) -> String {
    let what = format!("{cmd:?}");
    let r = cmd.width(width).run();
    assert!(r.code == 0 || r.code == 1, "{what}: exit {}\n{}", r.code, r.stderr);
    r.stdout
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
fn demo() -> (Account, Vec<String>) {
    let acct = Account::new();
    let seed = acct.seed(Seed::demo());
    let mut subnets = seed.private_subnets();
    subnets.push(seed.public_subnet());
    (acct, subnets)
}

#[test]
fn check_findings_are_blocks_whose_fixes_paste_whole() {
    let (acct, subnets) = demo();
    let check = || acct.awsvpc("check").cluster("demo").subnets(&subnets).opt("--tasks", "4");
    let checked = check().checked();
    let doc = &checked.json;
    for width in WIDTHS {
        let text = at(check(), width);
        fits(&text, width, "check");
        let joined = unfold(&text);
        for f in checked.findings.iter().filter(|f| matches!(f.status, Status::Fail | Status::Warn)) {
            let resource = f.resource.as_str();
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
            let fix = f.remediation.as_deref().expect("every fail and warn has a fix");
            for cmd in commands_in(fix) {
                assert!(joined.contains(&cmd), "at {width}, `{cmd}` is not recoverable from:\n{text}");
            }
        }
    }
}

#[test]
fn capacity_enis_and_diagnose_fit_every_width() {
    let (acct, _) = demo();
    let enis_cmd = || acct.awsvpc("enis").cluster("demo");
    let capacity_cmd = || acct.awsvpc("capacity").cluster("demo").opt("--tasks", "4");
    let enis = enis_cmd().json().run().json();
    let cap = capacity_cmd().json().run().json();
    for width in WIDTHS {
        let text = at(enis_cmd(), width);
        fits(&text, width, "enis");
        for t in enis["tasks"].as_array().unwrap() {
            assert!(text.contains(t["task_id"].as_str().unwrap()), "task id whole at {width}");
            for e in t["enis"].as_array().unwrap() {
                if let Some(id) = e["eni_id"].as_str() {
                    assert!(text.contains(id), "{id} whole at {width}:\n{text}");
                }
            }
        }
        let text = at(capacity_cmd(), width);
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
        let text = at(acct.awsvpc("diagnose").cluster("demo").stopped_since("1h"), width);
        fits(&text, width, "diagnose --stopped-since");
    }
    // At 80 columns enis keeps the task, its status, its ENI and its IP, and says what it hid.
    let text = at(enis_cmd(), 80);
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
    let seed =
        acct.seed(Seed::cluster().params(serde_json::json!({"instances": [{"tasks": 2}, {"subnet": 1, "tasks": 2}],
            "services": [{"name": "web", "target_type": "ip", "desired": 6, "running": 4,
                          "events": [event, "service (web) did something no documentation describes yet"]}]})));
    let subnet = seed.private_subnets()[0].clone();
    for width in WIDTHS {
        for cmd in [
            acct.awsvpc("diagnose").cluster("prod").service("web"),
            acct.awsvpc("check").flag("--list"),
            acct.awsvpc("explain").arg("capacity.cluster"),
            acct.awsvpc("check").cluster("prod").flag("--all"),
        ] {
            let what = format!("{cmd:?}");
            let text = at(cmd, width);
            fits(&text, width, &what);
        }
        let r = acct.awsvpc("run").cluster("prod").task_definition("web").subnets(&subnet).dry_run().width(width).run();
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
