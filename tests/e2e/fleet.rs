//! Fleet audits under AWS's request throttling: the emulator's token buckets sized as AWS
//! documents them, and `check --all-clusters` over 30 clusters evaluates every check (none in
//! `error` from throttling) because the tool paces itself within the same buckets.

use awsvpc::exit;
use serde_json::json;

use crate::builder::{Seed, Status};
use crate::harness::Account;

#[test]
fn all_clusters_audit_at_awss_rate_limits_evaluates_every_check() {
    let acct = Account::new();
    let seed = acct.seed(Seed::scenario("many_clusters").with("clusters", 30).with("instances", 2).with("tasks", 2));
    assert_eq!(seed["clusters"].as_array().map(Vec::len), Some(30));
    // "Request throttling for the Amazon ECS API": cluster read actions, bucket 50, refill 20 per
    // second. "Request throttling for the Amazon EC2 API": non-mutating actions, bucket 100,
    // refill 20 per second.
    acct.buckets(json!([{"service": "ecs", "burst": 50, "rate": 20}, {"service": "ec2", "burst": 100, "rate": 20}]));
    acct.clear_calls();
    let r = acct.awsvpc("check").all_clusters().checked();
    assert!(r.run.code == exit::OK || r.run.code == exit::FOUND_PROBLEM, "exit {}: {}", r.run.code, r.run.stderr);
    let errors: Vec<_> = r.findings.iter().filter(|f| f.status == Status::Error).collect();
    assert!(errors.is_empty(), "checks not evaluated: {errors:#?}");
    let clusters: std::collections::BTreeSet<_> =
        r.findings.iter().filter(|f| f.resource.contains("fleet-")).map(|f| f.resource.clone()).collect();
    assert!(clusters.len() >= 30, "every cluster audited: {clusters:?}");
    let ecs_calls = acct.calls().iter().filter(|c| c.starts_with("ecs.")).count();
    assert!(ecs_calls > 50, "more ECS calls ({ecs_calls}) than the burst: the bucket was exercised");
    // Facts of the account, asked once for the whole fleet: 30 clusters, one instance type, one
    // instance profile, one role.
    assert_eq!(acct.count("ec2.DescribeInstanceTypes"), 1, "one instance type in the fleet");
    assert_eq!(acct.count("iam.GetInstanceProfile"), 1, "one instance profile in the fleet");
    // One page per cluster; an attempt AWS throttled is retried, and the log counts attempts.
    let throttled_ecs = acct.throttled()["ecs"].as_u64().unwrap_or(0) as usize;
    let pages = acct.count("ecs.ListContainerInstances");
    assert!((30..=30 + throttled_ecs).contains(&pages), "one page per cluster: {pages} ({throttled_ecs} throttled)");
    // The 60 EC2 instances of the 30 clusters, described in one batch (200 ids a call), not per
    // cluster; their ENIs likewise.
    assert_eq!(acct.count("ec2.DescribeInstances"), 1, "one batch for the fleet's instances");
    assert_eq!(acct.count("ec2.DescribeNetworkInterfaces"), 1, "one batch for the fleet's instance ENIs");
    let throttled = acct.throttled();
    let n: u64 = throttled.as_object().map(|m| m.values().filter_map(|v| v.as_u64()).sum()).unwrap_or(0);
    assert!(n <= 3, "the tool keeps within AWS's buckets; throttled answers: {throttled}");
}
