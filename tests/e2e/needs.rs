//! What a command asks AWS for follows the registry's needs of the checks it evaluates (the
//! request log is the oracle): `run` reads its task definition, subnets and security groups once
//! (validated, then handed to its preflight), and `check --only` asks for no optional fact its
//! checks do not read.

use std::collections::BTreeSet;

use awsvpc::exit;
use serde_json::json;

use crate::builder::{Seed, Seeded};
use crate::harness::Account;

fn seeded() -> (Account, Seeded) {
    let acct = Account::new();
    let seed = acct.seed(
        Seed::cluster()
            .with("instances", json!([{"trunk": true, "subnet": 0}, {"trunk": true, "subnet": 1}]))
            .with("settings", json!({"role": {"awsvpcTrunking": "enabled"}})),
    );
    (acct, seed)
}

/// The DescribeSubnets requests that asked for exactly `subnets` (by id or by a subnet-id filter).
fn subnet_reads(acct: &Account, subnets: &[String]) -> usize {
    let wanted: BTreeSet<&str> = subnets.iter().map(String::as_str).collect();
    acct.requests("ec2.DescribeSubnets")
        .iter()
        .filter(|p| {
            let asked: BTreeSet<&str> = p
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(k, _)| k.starts_with("SubnetId.") || k.contains(".Value."))
                .filter_map(|(_, v)| v.as_str())
                .collect();
            asked == wanted
        })
        .count()
}

#[test]
fn run_reads_its_task_definition_and_subnets_once() {
    let (acct, seed) = seeded();
    let subnets = seed.private_subnets();
    for (td, lt) in [("web", "EC2"), ("worker", "FARGATE")] {
        acct.clear_calls();
        let v = acct
            .awsvpc("run")
            .cluster("prod")
            .subnets(&subnets)
            .security_groups(seed.security_group())
            .task_definition(td)
            .launch_type(lt)
            .dry_run()
            .json_ok(exit::OK);
        assert_eq!(v["launched"], false, "{lt}");
        assert!(v["preflight"].is_array(), "{lt}: the preflight ran: {v:#}");
        assert_eq!(acct.count("ecs.DescribeTaskDefinition"), 1, "{lt}: {:?}", acct.calls());
        assert_eq!(subnet_reads(&acct, &subnets), 1, "{lt}: {:?}", acct.requests("ec2.DescribeSubnets"));
    }
}

#[test]
fn check_only_asks_for_what_the_selected_checks_read() {
    let (acct, seed) = seeded();
    let subnets = seed.private_subnets();
    let check = || acct.awsvpc("check").cluster("prod").json();
    // Every check: the account settings and the cluster's default strategy (the launch target).
    acct.clear_calls();
    check().subnets(&subnets).run();
    assert!(acct.count("ecs.ListAccountSettings") > 0 && acct.count("ecs.DescribeClusters") == 1, "{:?}", acct.calls());
    // The service-linked role alone reads no account setting and no launch target.
    acct.clear_calls();
    check().only("account.service-linked-role").expect(exit::OK);
    assert_eq!(acct.count("iam.GetRole"), 1, "the service-linked role: {:?}", acct.calls());
    assert_eq!(acct.count("ecs.DescribeClusters"), 0, "{:?}", acct.calls());
    // Only the instance role's awsvpcTrunking (for the capacity section), by name.
    let settings = acct.requests("ecs.ListAccountSettings");
    assert!(settings.iter().all(|p| p["name"] == "awsvpcTrunking"), "{settings:?}");
    // Whether the subnets exist: no launch target either.
    acct.clear_calls();
    check().subnets(&subnets).only("network.exists").expect(exit::OK);
    assert_eq!(acct.count("ecs.DescribeClusters"), 0, "{:?}", acct.calls());
}
