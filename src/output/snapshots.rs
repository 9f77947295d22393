//! Snapshots of what a person sees (issue "What a person meets"): the table output of `check`,
//! `capacity`, `enis` and `diagnose` on one fixed account, at 80, 100 and 160 columns, held by
//! insta (`cargo insta review`, or `INSTA_UPDATE=always cargo test --lib snapshots` to rewrite).
//! The README's examples are these snapshots at 100 columns (`readme_examples_are_the_snapshots`).
//!
//! The account: cluster `demo` with two c5.large container instances (3 ENIs each: 2 awsvpc task
//! slots untrunked, 10 trunked, AWS's table) in us-east-1a and us-east-1b, both full, an instance
//! role without awsvpcTrunking, two private subnets behind a NAT gateway and a public one.

use super::diagnose::{CauseGroup, EniState, TaskDiagnosis, TimelineEvent, WindowDiagnosis};
use super::{OutputContext, Render, check::CheckReport};
use crate::checks::{self, Plan, testing};
use crate::inventory::{ClusterFacts, Facts, Task};
use crate::rules::capacity;
use crate::rules::reasons::Explained;

const WIDTHS: [u16; 3] = [80, 100, 160];

fn demo_cluster() -> ClusterFacts {
    let a = testing::instance("0e5f3b1c2d4a6b7c8", "us-east-1a");
    let b = testing::instance("0a1b2c3d4e5f60718", "us-east-1b");
    let mut tasks: Vec<Task> = Vec::new();
    for (ci, eni, id) in [
        (&a, "eni-0b9d1c1d40cc9a61d", "214e209f-324e-44d9-9e3f-2505549ea7a9"),
        (&a, "eni-07dd0ba843b4992ec", "7d7dd0ba-843b-49ce-92e0-c30fb28a74ee"),
        (&b, "eni-0e5f3b1c2d4a6b7c8", "c30fb28a-74ee-4d9e-9e3f-843b49ce92e0"),
        (&b, "eni-0a1b2c3d4e5f60718", "843b49ce-92e0-4c30-8fb2-8a74ee214e20"),
    ] {
        let mut t = testing::eni_task(ci, eni);
        t.id = id.into();
        t.arn = format!("arn:aws:ecs:us-east-1:111122223333:task/demo/{id}");
        t.cluster_arn = "arn:aws:ecs:us-east-1:111122223333:cluster/demo".into();
        t.launch_type = Some("EC2".into());
        tasks.push(t);
    }
    let mut c = testing::cluster(vec![a, b], tasks, "disabled");
    c.name = "demo".into();
    let ec2 = c.ec2.as_mut().unwrap();
    for (id, az, subnet) in [
        ("i-0e5f3b1c2d4a6b7c8", "us-east-1a", "subnet-0a1b2c3d4e5f60718"),
        ("i-0a1b2c3d4e5f60718", "us-east-1b", "subnet-0f1e2d3c4b5a69788"),
    ] {
        let e = ec2.get_mut(id).unwrap();
        e.availability_zone = az.into();
        e.subnet_id = Some(subnet.into());
    }
    c
}

fn demo_facts() -> Facts {
    let mut facts = testing::populated();
    facts.clusters = vec![demo_cluster()];
    let public = testing::subnet("subnet-0c2c1bfb2c205419e", "us-east-1a");
    let mut public_table = testing::route_table(&["subnet-0c2c1bfb2c205419e"], "igw-3f0c0026b534a67d8");
    public_table.id = "rtb-2".into();
    facts.subnets = Some(Ok(vec![
        testing::subnet("subnet-0a1b2c3d4e5f60718", "us-east-1a"),
        testing::subnet("subnet-0f1e2d3c4b5a69788", "us-east-1b"),
        public,
    ]));
    facts.route_tables = Some(Ok(vec![
        testing::route_table(&["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"], "nat-2ec6cc2b017eabf1c"),
        public_table,
    ]));
    facts
}

fn at(width: u16) -> OutputContext {
    OutputContext { width, ..OutputContext::for_tests() }
}

fn check_report() -> CheckReport {
    let facts = demo_facts();
    let plan = Plan {
        subnets: facts.subnets_ok().unwrap().iter().map(|s| s.id.clone()).collect(),
        tasks: Some(4),
        ..Plan::default()
    };
    let plan = checks::with_target(&plan, &facts);
    let cap = facts.clusters.iter().filter_map(capacity::of_cluster).collect();
    CheckReport::new("us-east-1", checks::evaluate(&plan, &facts), cap, false)
}

fn capacity_report() -> super::capacity::CapacityReport {
    let c = demo_cluster();
    let cap = capacity::of_cluster(&c).unwrap();
    let roles = c.roles_without_trunking();
    super::capacity::CapacityReport {
        cluster: "demo".into(),
        availability_zones: vec![],
        ways: capacity::ways_to_make_room(&cap, &[], 4 - cap.total.free, &roles),
        instances: cap.instances,
        zones: cap.zones,
        total: cap.total,
        tasks: Some(4),
        fits: Some(false),
        fit: None,
        launch_target: "the cluster has no default capacity provider strategy: EC2".into(),
        scale_out: None,
        warnings: vec![],
    }
}

fn enis_report() -> super::enis::EnisReport {
    let c = demo_cluster();
    super::enis::build("us-east-1", vec!["demo".into()], c.tasks.unwrap(), vec![], None)
}

fn task_diagnosis() -> TaskDiagnosis {
    let reason = "Timeout waiting for network interface provisioning to complete.";
    let explained = crate::rules::reasons::stop_reason(Some("TaskFailedToStart"), Some(reason));
    // The task's own facts: its subnet and its instance.
    let mut facts = demo_facts();
    facts.subnets = Some(Ok(vec![testing::subnet("subnet-0a1b2c3d4e5f60718", "us-east-1a")]));
    let instance = testing::ci_arn("0e5f3b1c2d4a6b7c8");
    let plan = Plan { subnets: vec!["subnet-0a1b2c3d4e5f60718".into()], ..Plan::default() };
    let related: Vec<checks::Finding> = checks::evaluate(&plan, &facts)
        .into_iter()
        .filter(|f| f.check.check().related_to_task && f.status != checks::Status::Skip)
        .filter(|f| {
            f.check.scope() != checks::Scope::Instance && f.check.scope() != checks::Scope::Capacity
                || f.resource == instance
        })
        .collect();
    TaskDiagnosis {
        cluster: "demo".into(),
        task_arn: "arn:aws:ecs:us-east-1:111122223333:task/demo/cbbccbcc-4986-4c8e-b23a-b043dd4bbfdc".into(),
        found: true,
        last_status: Some("STOPPED".into()),
        desired_status: Some("STOPPED".into()),
        launch_type: Some("EC2".into()),
        container_instance_arn: Some(testing::ci_arn("0e5f3b1c2d4a6b7c8")),
        timeline: vec![
            TimelineEvent { event: "created", at: "2026-12-05T17:51:02.114Z".into() },
            TimelineEvent { event: "stopped", at: "2026-12-05T17:51:33.762Z".into() },
        ],
        eni: Some(EniState {
            attachment_status: "DELETED".into(),
            eni_id: Some("eni-8b4dafe1195bb303c".into()),
            subnet_id: Some("subnet-0a1b2c3d4e5f60718".into()),
            private_ipv4: Some("10.0.16.5".into()),
        }),
        stop_code: Some("TaskFailedToStart".into()),
        stopped_reason: Some(reason.into()),
        stop: explained.clone(),
        facts: related,
        state: "stopped-failed".into(),
        conclusion: explained.clone().unwrap_or(Explained {
            cause: "unknown".into(),
            explanation: reason.into(),
            fix: None,
        }),
        evidence: vec![format!("stopCode TaskFailedToStart, stoppedReason \"{reason}\"")],
    }
}

fn window() -> WindowDiagnosis {
    let d = task_diagnosis();
    WindowDiagnosis {
        cluster: "demo".into(),
        stopped_since: "1h".into(),
        tasks: 1,
        groups: vec![CauseGroup {
            cause: d.conclusion.cause.clone(),
            count: 1,
            explanation: d.conclusion.explanation.clone(),
            fix: d.conclusion.fix.clone(),
            example_reason: d.stopped_reason.clone(),
            stop_code: d.stop_code.clone(),
            task_ids: vec!["cbbccbcc-4986-4c8e-b23a-b043dd4bbfdc".into()],
        }],
    }
}

/// Every report of the account at a width, as a person sees it.
fn screens(width: u16) -> Vec<(&'static str, String)> {
    let m = at(width);
    let t = |s: String| super::trim_lines(&s);
    vec![
        ("check", t(check_report().table(&m))),
        ("capacity", t(capacity_report().table(&m))),
        ("enis", t(enis_report().table(&m))),
        ("diagnose-task", t(task_diagnosis().table(&m))),
        ("diagnose-window", t(window().table(&m))),
    ]
}

#[test]
fn what_a_person_sees_at_80_100_and_160_columns() {
    for width in WIDTHS {
        for (name, text) in screens(width) {
            for line in text.lines() {
                assert!(line.chars().count() <= usize::from(width), "{name} at {width}: {line}");
            }
            insta::assert_snapshot!(format!("{name}-{width}"), text);
        }
    }
}

/// The README's examples are the snapshots at 100 columns: each block that follows a `$ awsvpc`
/// line of the README is one of them, word for word.
#[test]
fn readme_examples_are_the_snapshots() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let screens = screens(100);
    for (command, name) in [
        ("$ awsvpc check --cluster demo --subnets", "check"),
        ("$ awsvpc capacity --cluster demo --tasks 4", "capacity"),
        ("$ awsvpc enis --cluster demo\n", "enis"),
        ("$ awsvpc diagnose --cluster demo cbbccbcc", "diagnose-task"),
    ] {
        let at = readme.find(command).unwrap_or_else(|| panic!("README has no example `{command}`"));
        let block = &readme[at..];
        let body = &block[block.find('\n').unwrap() + 1..block.find("\n```").unwrap() + 1];
        let text = &screens.iter().find(|(n, _)| *n == name).unwrap().1;
        assert_eq!(body, text.as_str(), "README's `{command}` example differs from the {name} snapshot");
    }
}

/// The JSON documents of the same reports, byte for byte as stdout carries them (field order,
/// `schema_version` first, formatting): a field renamed, moved or reformatted shows in the diff.
/// The golden documents (`tests/e2e/golden.rs`) hold the values on a seeded account; these hold
/// the bytes.
#[test]
fn the_json_documents_byte_for_byte() {
    let m = OutputContext { format: super::Format::Json, ..at(100) };
    for (name, doc) in [
        ("check", super::render(&check_report(), &m)),
        ("capacity", super::render(&capacity_report(), &m)),
        ("enis", super::render(&enis_report(), &m)),
        ("diagnose-task", super::render(&task_diagnosis(), &m)),
        ("diagnose-window", super::render(&window(), &m)),
    ] {
        assert!(doc.starts_with("{\n  \"schema_version\": 1,"), "{name}: {doc}");
        insta::assert_snapshot!(format!("{name}-json"), doc);
    }
}
