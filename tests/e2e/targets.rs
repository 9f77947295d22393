//! Accounts as the console, CDK and Terraform set them up today (issue "True on accounts as they
//! are set up today"): a cluster whose default capacity provider strategy decides the launch
//! target (API Reference, RunTask `capacityProviderStrategy`), managed scaling (ECS guide, "Auto
//! Scaling group capacity providers"), task sizes against `remainingResources`, IPv6-only
//! subnets, `AssignIpv6AddressOnCreation`, resource-name DNS A records, refused reads and named
//! profiles. Every expected figure is typed from AWS's documentation: a c5.large has 2 vCPUs
//! (2,048 CPU units) and 3 network interfaces (2 awsvpc tasks untrunked); the `web` task
//! definition of the seeds takes 256 CPU units and 512 MiB.

use serde_json::json;

use awsvpc::exit;

use crate::builder::{Seed, Status};
use crate::harness::Account;

/// `aws ecs run-task` without a launch type on a cluster whose default strategy is FARGATE runs
/// a Fargate task: a FARGATE-only task definition and a public IP are what AWS accepts.
#[test]
fn run_without_a_launch_type_follows_the_cluster_default_strategy() {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().params(
        json!({"instances": [], "default_strategy": [{"capacityProvider": "FARGATE", "weight": 1, "base": 0}]}),
    ));
    let subnet = seed.private_subnets()[0].clone();
    let worker =
        || acct.awsvpc("run").cluster("prod").task_definition("worker").subnets(&subnet).assign_public_ip("ENABLED");
    let dry = worker().dry_run().json().expect(exit::OK);
    let doc = dry.json();
    assert_eq!(doc["launch_type"], "FARGATE", "{doc:#}");
    let request = &doc["request"];
    assert!(request.get("launchType").is_none(), "a launch type would bypass the strategy: {request:#}");
    assert!(request.get("capacityProviderStrategy").is_none(), "AWS applies the cluster's own: {request:#}");
    assert!(dry.stderr.is_empty() || !dry.stderr.contains("preflight fail"), "{}", dry.stderr);
    let r = worker().yes().flag("--no-wait").json().expect(exit::OK);
    assert!(r.stderr.contains("cluster default strategy: FARGATE"), "the plan line says why: {}", r.stderr);
    assert!(r.stderr.contains(&format!("account {}", acct.id)), "the plan line names the account: {}", r.stderr);
    assert_eq!(r.json()["task_arns"].as_array().map(Vec::len), Some(1), "{}", r.stdout);
    // An explicit EC2 launch type is still refused a public IP, before any call.
    acct.clear_calls();
    let bad = acct
        .awsvpc("run")
        .cluster("prod")
        .task_definition("web")
        .subnets(&subnet)
        .launch_type("EC2")
        .assign_public_ip("ENABLED")
        .yes()
        .run();
    bad.expect_clean_error(exit::USAGE, "--assign-public-ip");
    assert!(acct.calls().is_empty(), "{:?}", acct.calls());
}

/// `check --cluster` judges the target the cluster's default strategy gives.
#[test]
fn check_judges_the_cluster_default_target() {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().params(
        json!({"instances": [], "default_strategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1, "base": 0}]}),
    ));
    let r = acct
        .awsvpc("check")
        .cluster("prod")
        .subnets(&seed.private_subnets()[0])
        .task_definition("worker")
        .opt("--tasks", "3")
        .checked();
    r.expect(exit::OK);
    let compat = r.finding(
        "taskdef.compatibility",
        &r.findings.iter().find(|f| f.check == "taskdef.compatibility").unwrap().resource,
    );
    assert_eq!(compat.status, Status::Pass, "{compat:?}");
    assert!(
        r.findings.iter().any(|f| f.check == "network.launch-type" && f.message.contains("FARGATE_SPOT")),
        "{:#}",
        r.json
    );
    assert_eq!(r.finding("capacity.cluster", "prod").status, Status::Skip, "Fargate needs no container instance");
}

/// A shortfall on an Auto Scaling group provider with managed scaling waits for scale-out; the
/// same shortfall without managed scaling fails.
#[test]
fn managed_scaling_turns_a_shortfall_into_a_wait() {
    for (managed, code) in [(true, exit::OK), (false, exit::FOUND_PROBLEM)] {
        let acct = Account::new();
        let seed = acct.seed(Seed::cluster().params(json!({"instances": [{"tasks": 2}],
                   "capacity_providers": [{"name": "asg-cp", "managed_scaling": managed, "max_step": 10}],
                   "default_strategy": [{"capacityProvider": "asg-cp", "weight": 1, "base": 0}]})));
        let subnet = seed.private_subnets()[0].clone();
        let r = acct.awsvpc("check").cluster("prod").subnets(&subnet).opt("--tasks", "3").checked();
        r.expect(code);
        let f = r.finding("capacity.cluster", "prod");
        if managed {
            assert_eq!(f.status, Status::Warn, "{f:?}");
            assert!(f.message.contains("wait in PROVISIONING") && f.message.contains("asg-cp"), "{}", f.message);
            assert!(f.message.contains("at most 10 instances a step"), "{}", f.message);
        } else {
            assert_eq!(f.status, Status::Fail, "{f:?}");
        }
        let c = acct.awsvpc("capacity").cluster("prod").opt("--tasks", "3").json().expect(code);
        assert_eq!(c.json()["scale_out"].is_string(), managed, "{}", c.stdout);
    }
}

/// With a task definition, "fits" is CPU, memory and an ENI slot on one instance: a trunked
/// c5.large has 10 slots (AWS's trunking table) but the room its resources leave.
#[test]
fn capacity_with_a_task_definition_counts_cpu_and_memory() {
    let acct = Account::new();
    acct.seed(Seed::cluster().params(
        json!({"instances": [{"trunk": true, "cpu": 2048, "memory": 3500, "remaining_cpu": 2048, "remaining_memory": 3500}],
               "allow_principals": true, "settings": {"role": {"awsvpcTrunking": "enabled"}}}),
    ));
    // web: 256 CPU units and 512 MiB. 2,048 / 256 = 8 by CPU, 3,500 / 512 = 6 by memory, 10 ENI
    // slots: 6 fit, memory binds.
    let capacity = |tasks: &str| acct.awsvpc("capacity").cluster("prod").task_definition("web").opt("--tasks", tasks);
    let doc = capacity("7").json_ok(exit::FOUND_PROBLEM);
    assert_eq!(doc["fit"]["fits"], 6, "{doc:#}");
    assert_eq!(doc["fit"]["binding"], "MEMORY", "{doc:#}");
    assert_eq!(doc["total"]["free"], 10, "the ENI slots alone would say 10");
    capacity("6").expect(exit::OK);
    let table = acct.awsvpc("capacity").cluster("prod").opt("--tasks", "7").expect(exit::OK);
    assert!(table.stdout.contains("ENI slots alone"), "said so without a task definition: {}", table.stdout);
    let r = acct.awsvpc("check").cluster("prod").task_definition("web").opt("--tasks", "7").checked();
    r.expect(exit::FOUND_PROBLEM);
    let f = r.finding("capacity.cluster", "prod");
    assert!(f.message.contains("1 do not fit: MEMORY: 3,500 of 3,500 MiB free"), "{}", f.message);
}

/// AvailableIpAddressCount counts IPv4 only (EC2 API Reference, Subnet): an IPv6-only subnet is
/// not full, and its egress is its ::/0 route.
#[test]
fn an_ipv6_only_subnet_is_not_full() {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().params(json!({"instances": [], "ipv6_only": true})));
    let subnet = seed["network"]["ipv6_only_subnet"].as_str().expect("the seed makes an IPv6-only subnet").to_string();
    let r = acct
        .awsvpc("check")
        .subnets(&subnet)
        .opt("--tasks", "4")
        .only(["network.free-addresses", "network.internet-egress"])
        .checked();
    r.expect(exit::OK);
    let f = r.finding("network.free-addresses", &subnet);
    assert!(f.message.contains("IPv6-only"), "{f:?}");
    assert_eq!(r.finding("network.internet-egress", &subnet).status, Status::Pass);
}

/// A subnet with an IPv6 block that does not assign IPv6 addresses gives tasks none.
#[test]
fn required_ipv6_needs_the_subnet_to_assign_it() {
    let acct = Account::new();
    let seed = acct.seed(Seed::mixed().params(json!({"ipv6": true, "assign_ipv6": false, "ec2": 0, "fargate": 0,
        "bridge": 0, "stopped": 0, "service_connect": 0})));
    let subnet = seed.private_subnets()[0].clone();
    let r = acct.awsvpc("check").subnets(&subnet).require("ipv6").only("network.ipv6").checked();
    r.expect(exit::FOUND_PROBLEM);
    let f = r.finding("network.ipv6", &subnet);
    assert_eq!(
        f.remediation.as_deref(),
        Some(
            format!("aws ec2 modify-subnet-attribute --subnet-id {subnet} --assign-ipv6-address-on-creation").as_str()
        )
    );
}

/// Trunking needs resource-based IPv4 DNS (A record) requests off (ECS guide, ENI trunking
/// considerations): the cause and its fix, not "replace the instance".
#[test]
fn dns_a_records_on_are_named_as_the_trunking_blocker() {
    let acct = Account::new();
    let seed = acct
        .seed(Seed::cluster().params(json!({"instances": [{"dns_a_record": true}], "allow_principals": true,
               "settings": {"role": {"awsvpcTrunking": "enabled"}}})));
    let id = seed["instances"][0]["instance_id"].as_str().unwrap();
    let arn = seed["instances"][0]["arn"].as_str().unwrap();
    let r = acct.awsvpc("check").cluster("prod").require("trunking").only("instance.trunk-eni").checked();
    let f = r.finding("instance.trunk-eni", arn);
    assert_eq!(f.status, Status::Fail, "{f:?}");
    assert_eq!(
        f.remediation.as_deref(),
        Some(
            format!(
                "aws ec2 modify-private-dns-name-options --instance-id {id} --no-enable-resource-name-dns-a-record"
            )
            .as_str()
        )
    );
}

/// The refusal of another principal's settings has no documented code: any 4xx code is judged by
/// the trunk ENI evidence, by default (the emulator refuses, as AWS does for most callers).
#[test]
fn a_refusal_of_any_code_is_judged_by_the_evidence() {
    for code in ["InvalidParameterException", "ClientException", "AccessDeniedException"] {
        let acct = Account::new();
        let seed = acct.seed(Seed::cluster().params(json!({"instances": [{"trunk": true}], "refusal_code": code})));
        let role = seed.str("role_arn");
        let r = acct.awsvpc("check").cluster("prod").require("trunking").only("account.awsvpc-trunking").checked();
        let f = r.finding("account.awsvpc-trunking", &role);
        assert_eq!(f.status, Status::Pass, "{code}: {f:?}");
        assert!(f.message.contains("trunk ENI"), "{}", f.message);
    }
}

/// `--profile` wins over the environment's keys (the AWS CLI's precedence); a profile that does
/// not exist is named, exit 2.
#[test]
fn the_named_profile_wins_over_environment_keys() {
    let (env_acct, profile_acct) = (Account::new(), Account::new());
    let dir = std::env::temp_dir().join(format!("awsvpc-profile-{}-{}", profile_acct.id, std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("credentials"),
        format!("[other]\naws_access_key_id = {}\naws_secret_access_key = secret\n", profile_acct.id),
    )
    .unwrap();
    std::fs::write(dir.join("config"), "[profile other]\nregion = us-east-1\n").unwrap();
    // `enis --profile PROFILE` with the environment's keys (env_acct's) and the files above.
    let with_env = |profile| {
        env_acct
            .awsvpc("enis")
            .env("AWS_CONFIG_FILE", dir.join("config"))
            .env("AWS_SHARED_CREDENTIALS_FILE", dir.join("credentials"))
            .profile(profile)
    };
    env_acct.clear_calls();
    profile_acct.clear_calls();
    with_env("other").cluster("nope").run().expect_clean_error(exit::USAGE, "nope");
    assert!(!profile_acct.calls().is_empty(), "the profile's account was asked");
    assert!(env_acct.calls().is_empty(), "the environment's account was not: {:?}", env_acct.calls());
    let missing = with_env("nope").cluster("x").run();
    missing.expect_clean_error(exit::USAGE, "the config profile (nope) could not be found");
    let _ = std::fs::remove_dir_all(&dir);
}
