//! Random faults on every call, as a new user met them: 15% throttling, 5% HTTP 500, 5% HTTP
//! 503 and 3% dropped connections, seeded so that a failing run can be replayed. Over 40 runs of
//! `enis`, `check`, `capacity` and `diagnose`: at least 90% give the fault-free answer, the others
//! end with exit 3 naming what failed, and `check` never drops a check that applies (each appears,
//! evaluated or `error` with the reason).

use std::collections::BTreeSet;

use awsvpc::exit;
use serde_json::{Value, json};

use crate::builder::Seed;
use crate::harness::{Account, control_counts, strings};

const RUNS_PER_COMMAND: u64 = 10;

fn rates() -> Value {
    json!({"throttle": 0.15, "500": 0.05, "503": 0.05, "drop": 0.03})
}

fn check_ids(v: &Value) -> BTreeSet<String> {
    v["findings"].as_array().unwrap().iter().map(|f| f["check"].as_str().unwrap().to_string()).collect()
}

/// What one command's runs gave: (answered in full, gave up, faults injected).
fn runs_of(c: usize) -> (u64, u64, u64) {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().params(
        json!({"instances": [{"trunk": true, "subnet": 0, "tasks": 2}, {"trunk": true, "subnet": 1, "tasks": 1}],
               "settings": {"role": {"awsvpcTrunking": "enabled"}},
               "services": [{"name": "web", "target_type": "ip"}]}),
    ));
    let subnets = seed.private_subnets();
    let task = strings(&seed["instances"][0]["tasks"])[0].clone();
    acct.set_task(json!({"task": task, "stop_code": "TaskFailedToStart", "stopped_reason": "Timeout waiting for network interface provisioning to complete."}));
    let command = ["enis", "check", "capacity", "diagnose"][c.min(3)];
    let cmd = || {
        let cmd = acct.awsvpc(command).cluster("prod");
        match c {
            0 => cmd.json(),
            1 => cmd.subnets(&subnets).service("web").json(),
            2 => cmd.subnets(&subnets).json(),
            _ => cmd.stopped_since("1h").json(),
        }
    };
    let baseline = cmd().run();
    assert!(baseline.code == exit::OK || baseline.code == exit::FOUND_PROBLEM, "{}", baseline.stderr);
    let expected = baseline.json();
    let (mut full, mut gave_up, mut injected) = (0, 0, 0);
    for run in 0..RUNS_PER_COMMAND {
        let seed = c as u64 * 1000 + run;
        acct.fault(json!({"rates": rates(), "seed": seed}));
        let r = cmd().run();
        injected += control_counts(&acct, "/_awsvpc/faults/injected").values().sum::<u64>();
        acct.clear_faults();
        let what = format!("{command} (seed {seed})");
        if r.code == baseline.code && !r.stdout.is_empty() && r.json() == expected {
            full += 1;
            continue;
        }
        assert_eq!(
            r.code,
            exit::AWS_UNAVAILABLE,
            "{what}: an answer that differs is an error: {}\n{}",
            r.stdout,
            r.stderr
        );
        gave_up += 1;
        assert!(
            r.stderr.contains("awsvpc: error:") || r.stdout.contains("\"error\""),
            "{what}: said why: {}",
            r.stderr
        );
        if command == "check" {
            let got = r.json();
            let missing: Vec<_> = check_ids(&expected).difference(&check_ids(&got)).cloned().collect();
            assert!(missing.is_empty(), "{what}: checks dropped instead of reported as error: {missing:?}");
            for f in got["findings"].as_array().unwrap() {
                if f["status"] == "error" {
                    assert!(!f["message"].as_str().unwrap_or("").is_empty(), "{what}: an error says why: {f}");
                }
            }
        }
    }
    (full, gave_up, injected)
}

#[test]
fn random_faults_never_change_an_answer() {
    // The four commands run side by side, each in an account of its own.
    let parts: Vec<(u64, u64, u64)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4).map(|c| s.spawn(move || runs_of(c))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let (full, gave_up, injected) = parts.iter().fold((0, 0, 0), |(a, b, c), (x, y, z)| (a + x, b + y, c + z));
    let runs = RUNS_PER_COMMAND * 4;
    assert!(injected >= runs, "faults were injected: {injected} over {runs} runs");
    assert!(full * 10 >= runs * 9, "{full} of {runs} runs answered in full ({gave_up} gave up, {injected} faults)");
}
