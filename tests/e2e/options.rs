//! Every option of `run` and `stop`, and the global `--connect-timeout`, `--quiet` and `check
//! --annotations`, with a valid value, each asserted by its effect where it lands: the emulator's
//! own state of the tasks (`Account::tasks`), the parameters the request log shows reaching AWS
//! (`Account::requests`), the clock, stderr. Invalid values are in bad_input.rs.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use awsvpc::exit;

use crate::builder::{Awsvpc, Seed, Seeded, awsvpc};
use crate::harness::{Account, Run, strings};

pub struct Env {
    pub acct: Account,
    pub seed: Seeded,
}

/// A cluster `prod` seeded with `params` (tests/emulator/scenarios.py `cluster`).
pub fn cluster(params: Value) -> Env {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().params(params));
    Env { acct, seed }
}

/// Two trunked c5.large (10 task slots each, AWS's trunking table), trunking on for their role.
fn trunked() -> Env {
    cluster(json!({"instances": [{"trunk": true, "subnet": 0}, {"trunk": true, "subnet": 1}],
                   "settings": {"role": {"awsvpcTrunking": "enabled"}}}))
}

impl Env {
    /// `awsvpc run` on cluster prod in the seed's subnets and group, JSON, without asking.
    pub fn run(&self) -> Awsvpc<'_> {
        self.acct
            .awsvpc("run")
            .cluster("prod")
            .subnets(self.seed.private_subnets())
            .security_groups(self.seed.security_group())
            .opt("--poll-interval", "0.1")
            .yes()
            .json()
    }

    /// The emulator's tasks whose startedBy is `by`.
    pub fn started_by(&self, by: &str) -> Vec<Value> {
        self.acct.tasks().into_iter().filter(|t| t["started_by"] == by).collect()
    }
}

/// A task's tags as sorted (key, value) pairs.
fn tags(task: &Value) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = task["tags"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| (t["key"].as_str().unwrap().to_string(), t["value"].as_str().unwrap_or("").to_string()))
        .collect();
    out.sort();
    out
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    out.sort();
    out
}

fn arns(tasks: &[Value]) -> BTreeSet<String> {
    tasks.iter().map(|t| t["arn"].as_str().unwrap().to_string()).collect()
}

/// `--started-by`, `--group`, `--tag`, `--enable-execute-command`, `--command`, `--env`,
/// `--client-token` and `--count` on EC2: each lands on the tasks as RunTask's parameter of that
/// name (API Reference, RunTask; ContainerOverride `command`, `environment`).
#[test]
fn run_options_land_on_the_ec2_tasks() {
    let e = trunked();
    e.acct.clear_calls();
    let r = e
        .run()
        .task_definition("web")
        .launch_type("EC2")
        .count(2)
        .opt("--started-by", "nightly-etl")
        .opt("--group", "batch:etl")
        .opt("--tag", "team=core")
        .opt("--tag", "cost-center=42")
        .flag("--enable-execute-command")
        .opt("--command", "app=[\"sh\",\"-c\",\"echo hi\"]")
        .opt("--env", "app:MODE=full")
        .opt("--client-token", "options-ec2-1")
        .expect(exit::OK);
    let mine = e.started_by("nightly-etl");
    assert_eq!(mine.len(), 2, "--count 2: {mine:#?}");
    let shown: BTreeSet<String> = strings(&r.json()["task_arns"]).into_iter().collect();
    assert_eq!(shown, arns(&mine), "the tasks reported are the emulator's");
    let overrides = json!({"containerOverrides": [{"name": "app", "command": ["sh", "-c", "echo hi"],
                                                   "environment": [{"name": "MODE", "value": "full"}]}]});
    for t in &mine {
        assert_eq!(t["group"], "batch:etl", "{t:#}");
        assert_eq!(t["launch_type"], "EC2", "{t:#}");
        assert_eq!(tags(t), pairs(&[("team", "core"), ("cost-center", "42")]), "{t:#}");
        assert_eq!(t["enable_execute_command"], true, "{t:#}");
        assert_eq!(t["overrides"], overrides, "{t:#}");
        assert_eq!(t["last_status"], "RUNNING", "waited for: {t:#}");
    }
    let sent = e.acct.requests("ecs.RunTask");
    assert_eq!(sent.len(), 1, "{sent:#?}");
    assert_eq!((&sent[0]["clientToken"], &sent[0]["count"]), (&json!("options-ec2-1"), &json!(2)));
    assert_eq!(sent[0]["launchType"], "EC2");
}

/// A cluster with no instances whose providers are FARGATE and FARGATE_SPOT (default FARGATE).
fn fargate() -> Env {
    cluster(json!({"instances": [], "default_strategy": [{"capacityProvider": "FARGATE", "weight": 1, "base": 0}]}))
}

/// `--capacity-provider`, `--platform-version` and `--propagate-tags` on Fargate: the strategy
/// item as sent picks the provider, the platform version is the task's, and TASK_DEFINITION
/// copies the task definition's tag (`team=batch`, seeded on `worker`) while NONE does not.
#[test]
fn fargate_options_land_on_the_tasks() {
    let e = fargate();
    e.acct.clear_calls();
    e.run()
        .task_definition("worker")
        .opt("--capacity-provider", "FARGATE_SPOT:2:1")
        .opt("--platform-version", "1.4.0")
        .opt("--propagate-tags", "TASK_DEFINITION")
        .opt("--tag", "owner=ops")
        .opt("--started-by", "spot-run")
        .expect(exit::OK);
    let spot = e.started_by("spot-run");
    assert_eq!(spot.len(), 1, "{spot:#?}");
    let t = &spot[0];
    assert_eq!((&t["capacity_provider"], &t["launch_type"]), (&json!("FARGATE_SPOT"), &json!("FARGATE")), "{t:#}");
    assert_eq!(t["platform_version"], "1.4.0", "{t:#}");
    assert_eq!(tags(t), pairs(&[("team", "batch"), ("owner", "ops")]), "the definition's tag and the request's");
    let sent = e.acct.requests("ecs.RunTask");
    assert_eq!(
        sent[0]["capacityProviderStrategy"],
        json!([{"capacityProvider": "FARGATE_SPOT", "weight": 2, "base": 1}])
    );
    assert!(sent[0].get("launchType").is_none(), "a strategy, never both: {:#}", sent[0]);
    assert_eq!(sent[0]["propagateTags"], "TASK_DEFINITION");

    e.run()
        .task_definition("worker")
        .launch_type("FARGATE")
        .opt("--propagate-tags", "NONE")
        .opt("--tag", "owner=ops")
        .opt("--started-by", "plain-run")
        .expect(exit::OK);
    let plain = e.started_by("plain-run");
    assert_eq!(plain.len(), 1, "{plain:#?}");
    assert_eq!(tags(&plain[0]), pairs(&[("owner", "ops")]), "NONE: the definition's tag is not copied");
    assert_eq!(plain[0]["capacity_provider"], Value::Null, "a launch type, no provider: {:#}", plain[0]);

    // SERVICE: "An error will be received if you specify the SERVICE option when running a
    // task" (API Reference, RunTask propagateTags): not offered; refused before any AWS call.
    let before = e.acct.tasks().len();
    e.acct.clear_calls();
    let r =
        e.run().task_definition("worker").launch_type("FARGATE").opt("--propagate-tags", "SERVICE").expect(exit::USAGE);
    assert!(r.stderr.contains("SERVICE") && r.stderr.contains("--propagate-tags"), "{}", r.stderr);
    assert_eq!(e.acct.tasks().len(), before, "nothing launched");
    assert!(e.acct.calls().is_empty(), "no AWS call: {:?}", e.acct.calls());
}

/// `stop --reason` is the task's stoppedReason (API Reference, StopTask `reason`: "appears in
/// subsequent DescribeTasks API operations on this task"); `--timeout` bounds the wait for
/// STOPPED: long enough, the stop completes; shorter than the stop, it ends the wait.
#[test]
fn stop_reason_is_recorded_and_timeout_bounds_the_wait() {
    let e = trunked();
    e.run().task_definition("web").launch_type("EC2").count(2).opt("--started-by", "to-stop").expect(exit::OK);
    let tasks: Vec<String> = arns(&e.started_by("to-stop")).into_iter().collect();
    assert_eq!(tasks.len(), 2);
    let reason = "rolled back by deploy 42";
    e.acct.clear_calls();
    // `stop` of one task, waiting at most `timeout`, JSON, without asking.
    let stop = |task: &str, timeout: &str| {
        e.acct.awsvpc("stop").cluster("prod").tasks(&[task]).opt("--timeout", timeout).opt("--poll-interval", "0.1")
    };
    let s = stop(&tasks[0], "2m").opt("--reason", reason).yes().json().expect(exit::OK);
    assert_eq!(s.json()["timed_out"], false);
    let t = e.acct.task(&tasks[0]);
    assert_eq!((&t["desired_status"], &t["last_status"]), (&json!("STOPPED"), &json!("STOPPED")), "{t:#}");
    assert_eq!((&t["stop_code"], &t["stopped_reason"]), (&json!("UserInitiated"), &json!(reason)), "{t:#}");
    let sent = e.acct.requests("ecs.StopTask");
    assert_eq!(sent.len(), 1, "{sent:#?}");
    assert_eq!(sent[0]["reason"], reason);

    // A stop that takes ten minutes in DEACTIVATING (patches/ecs_lifecycle.py): --timeout 2s
    // ends the wait, reports it, and the task goes on stopping.
    e.acct.lifecycle(json!({"stop_steps": [["DEACTIVATING", "ATTACHED", 600], ["STOPPED", "DELETED"]]}));
    let start = Instant::now();
    let s = stop(&tasks[1], "2s").yes().json().run();
    let took = start.elapsed();
    s.expect(exit::FOUND_PROBLEM);
    assert_eq!(s.json()["timed_out"], true, "{}", s.stdout);
    assert!(took >= Duration::from_secs(2), "waited its --timeout: {took:?}");
    assert!(took < Duration::from_secs(60), "ended by --timeout, not by the stop: {took:?}");
    let t = e.acct.task(&tasks[1]);
    assert_eq!((&t["desired_status"], &t["last_status"]), (&json!("STOPPED"), &json!("DEACTIVATING")), "{t:#}");
}

/// The DescribeTasks calls after the first call of `after` (the request log, in order).
fn describes_after(acct: &Account, after: &str) -> usize {
    let calls = acct.calls();
    let from = calls.iter().position(|c| c == after).unwrap_or_else(|| panic!("no {after} in {calls:?}"));
    calls[from..].iter().filter(|c| *c == "ecs.DescribeTasks").count()
}

/// `--poll-interval` is the cadence of DescribeTasks while waiting: a task that takes 4 s to
/// reach RUNNING (2 s PROVISIONING, 2 s PENDING) is asked about many times at 0.1 s, and at most a
/// few times at 1.5 s.
#[test]
fn poll_interval_sets_the_cadence_of_the_wait() {
    let e = trunked();
    e.acct.lifecycle(json!({"step_secs": 2}));
    let polls = |interval: &str| {
        e.acct.clear_calls();
        let v = e
            .acct
            .awsvpc("run")
            .cluster("prod")
            .task_definition("web")
            .subnets(e.seed.private_subnets())
            .security_groups(e.seed.security_group())
            .opt("--started-by", format!("poll-{}", interval.replace('.', "_")))
            .opt("--poll-interval", interval)
            .yes()
            .json_ok(exit::OK);
        let arn = strings(&v["task_arns"])[0].clone();
        assert_eq!(e.acct.task(&arn)["last_status"], "RUNNING", "waited until RUNNING");
        describes_after(&e.acct, "ecs.RunTask")
    };
    let fast = polls("0.1");
    assert!(fast >= 10, "4 s at 0.1 s: {fast} polls");
    let slow = polls("1.5");
    assert!((1..=6).contains(&slow), "4 s at 1.5 s: {slow} polls");
}

/// `stop --no-wait` returns once StopTask answered: no DescribeTasks after it, and the task,
/// ten minutes from STOPPED (patches/ecs_lifecycle.py), is still stopping.
#[test]
fn stop_no_wait_returns_once_stop_task_answered() {
    let e = trunked();
    e.run().task_definition("web").launch_type("EC2").opt("--started-by", "no-wait").expect(exit::OK);
    let arn = arns(&e.started_by("no-wait")).pop_first().unwrap();
    e.acct.lifecycle(json!({"stop_steps": [["DEACTIVATING", "ATTACHED", 600], ["STOPPED", "DELETED"]]}));
    e.acct.clear_calls();
    let start = Instant::now();
    let s = e.acct.awsvpc("stop").cluster("prod").tasks(&[&arn]).flag("--no-wait").yes().json_ok(exit::OK);
    assert!(start.elapsed() < Duration::from_secs(60), "{:?}", start.elapsed());
    assert_eq!(s["waited"], false);
    assert_eq!(describes_after(&e.acct, "ecs.StopTask"), 0, "{:?}", e.acct.calls());
    let t = e.acct.task(&arn);
    assert_eq!((&t["desired_status"], &t["last_status"]), (&json!("STOPPED"), &json!("DEACTIVATING")), "{t:#}");
}

/// `--quiet`: no progress and no warnings on stderr, errors still printed (README, output
/// options); the work is done all the same.
#[test]
fn quiet_silences_stderr_but_not_errors() {
    let e = trunked();
    let loud = e.run().task_definition("web").launch_type("EC2").opt("--started-by", "loud").expect(exit::OK);
    assert!(!loud.stderr.is_empty(), "without --quiet the launch is described on stderr");
    let quiet = e.run().task_definition("web").launch_type("EC2").opt("--started-by", "quiet").quiet().expect(exit::OK);
    assert_eq!(quiet.stderr, "", "--quiet run");
    let launched = e.started_by("quiet");
    assert_eq!(launched.len(), 1);
    let arn = launched[0]["arn"].as_str().unwrap().to_string();
    let s = e
        .acct
        .awsvpc("stop")
        .cluster("prod")
        .tasks(&[&arn])
        .flag("-q")
        .yes()
        .opt("--poll-interval", "0.1")
        .expect(exit::OK);
    assert_eq!(s.stderr, "", "-q stop");
    assert_eq!(e.acct.task(&arn)["last_status"], "STOPPED");
    // An error is still printed.
    e.acct.awsvpc("enis").cluster("no-such-cluster").quiet().run().expect_clean_error(exit::USAGE, "no-such-cluster");
}

/// A workflow command as GitHub documents it: `::warning title=ID::RESOURCE: MESSAGE%0Afix: FIX`.
fn annotations(r: &Run) -> Vec<String> {
    r.stderr.lines().filter(|l| l.starts_with("::")).map(str::to_string).collect()
}

/// `--annotations github` annotates outside GitHub Actions too, and writes the job summary;
/// `--annotations none` does neither on GitHub Actions.
#[test]
fn annotations_github_and_none() {
    let acct = Account::new();
    let seed =
        acct.seed(Seed::mixed().params(json!({"ec2": 0, "fargate": 0, "bridge": 0, "stopped": 0, "instances": 0})));
    let public = seed.public_subnet();
    let dir = std::env::temp_dir().join(format!("awsvpc-annotations-{}-{}", acct.id, std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let summary = dir.join("summary.md");
    let check = |kind: &str, github: bool| {
        std::fs::write(&summary, "before\n").unwrap();
        let mut cmd = acct.awsvpc("check").env("GITHUB_STEP_SUMMARY", &summary);
        if github {
            cmd = cmd.env("GITHUB_ACTIONS", "true");
        }
        let r = cmd.subnets(&public).launch_type("EC2").opt("--annotations", kind).expect(exit::OK);
        (r, std::fs::read_to_string(&summary).unwrap())
    };
    let (r, md) = check("github", false);
    let got = annotations(&r);
    assert_eq!(got.len(), 1, "one warning, one annotation: {}", r.stderr);
    assert!(got[0].starts_with(&format!("::warning title=network.internet-egress::{public}: ")), "{}", got[0]);
    assert!(md.starts_with("before\n### awsvpc check"), "the summary is appended: {md}");
    assert!(md.contains(&format!("| warn | `network.internet-egress` | {public} |")), "{md}");
    let (r, md) = check("none", true);
    assert_eq!(annotations(&r), Vec::<String>::new(), "{}", r.stderr);
    assert_eq!(md, "before\n", "no summary");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A loopback listener whose accept queue is full: the kernel drops further SYNs, so a connection
/// to it never completes (connect hangs) while the port stays open.
fn unconnectable() -> (std::net::TcpListener, Vec<std::net::TcpStream>, u16) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let mut held = Vec::new();
    for _ in 0..4096 {
        match std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(300)) {
            Ok(s) => held.push(s),
            Err(_) => return (listener, held, addr.port()),
        }
    }
    panic!("the accept queue of {addr} never filled");
}

/// `--connect-timeout` bounds each connection: against an endpoint that never completes one,
/// the command ends after about that long, not the default 5 s, and a longer value waits longer.
#[test]
fn connect_timeout_bounds_each_connection() {
    let (_listener, _held, port) = unconnectable();
    let attempt = |secs: &str| {
        let cmd = awsvpc("enis")
            .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
            .env("AWS_SECRET_ACCESS_KEY", "secret")
            .env("AWS_REGION", "us-east-1")
            .env("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{port}"))
            .cluster("prod")
            .opt("--max-attempts", "1")
            .opt("--connect-timeout", secs);
        let start = Instant::now();
        let r = cmd.run();
        (r, start.elapsed())
    };
    let (r, took) = attempt("1");
    r.expect_clean_error(exit::AWS_UNAVAILABLE, "ListTasks");
    assert!(r.stderr.contains("raise --connect-timeout"), "the hint names the option that applies: {}", r.stderr);
    assert!(took >= Duration::from_secs(1), "waited for the connection: {took:?}");
    assert!(took < Duration::from_secs(5), "ended by --connect-timeout 1, not the default 5 s: {took:?}");
    // Longer than the default and than the SDK's 5 s stall grace (which used to end it at 6 s).
    let (r, took) = attempt("8");
    r.expect_clean_error(exit::AWS_UNAVAILABLE, "ListTasks");
    assert!(took >= Duration::from_secs(8), "--connect-timeout 8 waits longer than the default: {took:?}");
}

/// The last part of an ARN (a name or an id stays as it is).
fn last(v: &Value) -> String {
    v.as_str().unwrap_or_default().rsplit('/').next().unwrap_or_default().to_string()
}

/// The task ARNs `enis` lists (`--output json`).
fn listed(enis: Awsvpc) -> BTreeSet<String> {
    let v = enis.json_ok(exit::OK);
    v["tasks"].as_array().unwrap().iter().map(|t| t["task_arn"].as_str().unwrap().to_string()).collect()
}

/// Every `enis` filter is a ListTasks parameter (API Reference, ListTasks: serviceName,
/// startedBy, family, launchType, desiredStatus, containerInstance): the request log shows it
/// sent on every page, and the tasks listed are those of the emulator's state that match it.
#[test]
fn enis_filters_reach_list_tasks_as_its_parameters() {
    let e = cluster(
        json!({"instances": [{"trunk": true, "subnet": 0, "tasks": 3}, {"trunk": true, "subnet": 1, "tasks": 2}],
                           "settings": {"role": {"awsvpcTrunking": "enabled"}}, "services": [{"name": "web"}]}),
    );
    let (first, second) = (strings(&e.seed["instances"][0]["tasks"]), strings(&e.seed["instances"][1]["tasks"]));
    for t in &first[..2] {
        e.acct.set_task(json!({"task": t, "group": "service:web"}));
    }
    e.acct.set_task(json!({"task": &first[2], "started_by": "cron-7"}));
    e.acct.set_task(json!({"task": &second[1], "stop_code": "UserInitiated", "stopped_reason": "done"}));
    e.run().task_definition("worker").launch_type("FARGATE").flag("--no-wait").expect(exit::OK);
    let all = e.acct.tasks();
    let of = |f: &dyn Fn(&Value) -> bool| arns(&all.iter().filter(|t| f(t)).cloned().collect::<Vec<_>>());
    let running = |t: &Value| t["desired_status"] == "RUNNING";
    let instance = e.seed["instances"][1]["arn"].as_str().unwrap().to_string();
    let family = |t: &Value| last(&t["task_definition"]).split(':').next().unwrap_or_default().to_string();
    let enis = || e.acct.awsvpc("enis").cluster("prod");
    let cases: Vec<(Awsvpc, &str, String, BTreeSet<String>)> = vec![
        (enis().service("web"), "serviceName", "web".into(), of(&|t| running(t) && t["group"] == "service:web")),
        (
            enis().opt("--started-by", "cron-7"),
            "startedBy",
            "cron-7".into(),
            of(&|t| running(t) && t["started_by"] == "cron-7"),
        ),
        (enis().opt("--family", "worker"), "family", "worker".into(), of(&|t| running(t) && family(t) == "worker")),
        (
            enis().launch_type("FARGATE"),
            "launchType",
            "FARGATE".into(),
            of(&|t| running(t) && t["launch_type"] == "FARGATE"),
        ),
        (
            enis().opt("--desired-status", "STOPPED"),
            "desiredStatus",
            "STOPPED".into(),
            of(&|t| t["desired_status"] == "STOPPED"),
        ),
        (enis().opt("--desired-status", "PENDING"), "desiredStatus", "PENDING".into(), BTreeSet::new()),
        (
            enis().opt("--container-instance", &instance),
            "containerInstance",
            last(&json!(instance)),
            of(&|t| running(t) && t["container_instance"] == instance.as_str()),
        ),
    ];
    for (cmd, param, value, expected) in cases {
        let args = format!("{cmd:?}");
        assert!(!expected.is_empty() || value == "PENDING", "the seed has tasks for {args}");
        e.acct.clear_calls();
        assert_eq!(listed(cmd), expected, "{args}");
        let sent = e.acct.requests("ecs.ListTasks");
        assert!(!sent.is_empty(), "{args}");
        for req in &sent {
            assert_eq!(last(&req[param]), value, "{args}: {req:#}");
            assert_eq!(last(&req["cluster"]), "prod", "{args}: {req:#}");
        }
    }
}

/// The clusters named, or every cluster, are the ones asked about: `enis --all-clusters` lists
/// the clusters (ListClusters) then each one's tasks; `check`, `capacity` and `diagnose
/// --stopped-since` with `--cluster a,b` ask ECS about exactly a and b.
#[test]
fn commands_ask_aws_about_the_clusters_named() {
    let e = cluster(json!({"instances": [{"tasks": 2}]}));
    e.acct.seed(
        Seed::cluster()
            .params(json!({"cluster": "other", "role": "otherRole", "instances": [{"subnet": 1, "tasks": 1}]})),
    );
    let both: BTreeSet<String> = ["other".to_string(), "prod".to_string()].into();
    let clusters_of = |call: &str, param: &str| -> BTreeSet<String> {
        e.acct.requests(call).iter().map(|r| last(&r[param])).collect()
    };
    e.acct.clear_calls();
    let running = arns(&e.acct.tasks().into_iter().filter(|t| t["desired_status"] == "RUNNING").collect::<Vec<_>>());
    assert_eq!(running.len(), 3);
    assert_eq!(listed(e.acct.awsvpc("enis").all_clusters()), running);
    assert_eq!(e.acct.count("ecs.ListClusters"), 1);
    assert_eq!(clusters_of("ecs.ListTasks", "cluster"), both);
    let named = ["prod", "other"];
    for (cmd, call) in [
        (e.acct.awsvpc("check").cluster(named).json(), "ecs.ListContainerInstances"),
        (e.acct.awsvpc("check").all_clusters().json(), "ecs.ListContainerInstances"),
        (e.acct.awsvpc("capacity").cluster(named).json(), "ecs.ListContainerInstances"),
        (e.acct.awsvpc("diagnose").cluster(named).stopped_since("1h").json(), "ecs.ListTasks"),
    ] {
        let (args, diagnose) = (format!("{cmd:?}"), cmd.words()[0] == "diagnose");
        e.acct.clear_calls();
        let r = cmd.run();
        assert!(r.code == exit::OK || r.code == exit::FOUND_PROBLEM, "{args}: {}", r.stderr);
        assert_eq!(clusters_of(call, "cluster"), both, "{args}");
        if diagnose {
            let statuses: BTreeSet<String> = e.acct.requests(call).iter().map(|r| last(&r["desiredStatus"])).collect();
            assert_eq!(statuses, ["STOPPED".to_string()].into(), "{args}");
        }
    }
}
