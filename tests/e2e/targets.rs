//! Accounts as the console, CDK and Terraform set them up today (issue "True on accounts as they
//! are set up today"): a cluster whose default capacity provider strategy decides the launch
//! target (API Reference, RunTask `capacityProviderStrategy`), managed scaling (ECS guide, "Auto
//! Scaling group capacity providers"), task sizes against `remainingResources`, IPv6-only
//! subnets, `AssignIpv6AddressOnCreation`, resource-name DNS A records, refused reads and named
//! profiles. Every expected figure is typed from AWS's documentation: a c5.large has 2 vCPUs
//! (2,048 CPU units) and 3 network interfaces (2 awsvpc tasks untrunked); the `web` task
//! definition of the seeds takes 256 CPU units and 512 MiB.

use serde_json::{Value, json};

use awsvpc::exit;

use crate::harness::{Account, bare_cmd, run};

fn cluster(acct: &Account, params: Value) -> Value {
    acct.seed_raw("cluster", params)
}

fn first_private(seed: &Value) -> String {
    seed["network"]["private_subnets"][0].as_str().unwrap().to_string()
}

/// `aws ecs run-task` without a launch type on a cluster whose default strategy is FARGATE runs
/// a Fargate task: a FARGATE-only task definition and a public IP are what AWS accepts.
#[test]
fn run_without_a_launch_type_follows_the_cluster_default_strategy() {
    let acct = Account::new();
    let seed = cluster(
        &acct,
        json!({"instances": [], "default_strategy": [{"capacityProvider": "FARGATE", "weight": 1, "base": 0}]}),
    );
    let subnet = first_private(&seed);
    let dry = acct.awsvpc_args(&[
        "run",
        "--cluster",
        "prod",
        "--task-definition",
        "worker",
        "--subnets",
        &subnet,
        "--assign-public-ip",
        "ENABLED",
        "--dry-run",
        "--output",
        "json",
    ]);
    dry.expect(exit::OK);
    let doc = dry.json();
    assert_eq!(doc["launch_type"], "FARGATE", "{doc:#}");
    let request = &doc["request"];
    assert!(request.get("launchType").is_none(), "a launch type would bypass the strategy: {request:#}");
    assert!(request.get("capacityProviderStrategy").is_none(), "AWS applies the cluster's own: {request:#}");
    assert!(dry.stderr.is_empty() || !dry.stderr.contains("preflight fail"), "{}", dry.stderr);
    let r = acct.awsvpc_args(&[
        "run",
        "--cluster",
        "prod",
        "--task-definition",
        "worker",
        "--subnets",
        &subnet,
        "--assign-public-ip",
        "ENABLED",
        "--yes",
        "--no-wait",
        "--output",
        "json",
    ]);
    r.expect(exit::OK);
    assert!(r.stderr.contains("cluster default strategy: FARGATE"), "the plan line says why: {}", r.stderr);
    assert!(r.stderr.contains(&format!("account {}", acct.id)), "the plan line names the account: {}", r.stderr);
    assert_eq!(r.json()["task_arns"].as_array().map(Vec::len), Some(1), "{}", r.stdout);
    // An explicit EC2 launch type is still refused a public IP, before any call.
    acct.clear_calls();
    let bad = acct.awsvpc_args(&[
        "run",
        "--cluster",
        "prod",
        "--task-definition",
        "web",
        "--subnets",
        &subnet,
        "--launch-type",
        "EC2",
        "--assign-public-ip",
        "ENABLED",
        "--yes",
    ]);
    bad.expect_clean_error(exit::USAGE, "--assign-public-ip");
    assert!(acct.calls().is_empty(), "{:?}", acct.calls());
}

/// `check --cluster` judges the target the cluster's default strategy gives.
#[test]
fn check_judges_the_cluster_default_target() {
    let acct = Account::new();
    let seed = cluster(
        &acct,
        json!({"instances": [], "default_strategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1, "base": 0}]}),
    );
    let r = acct
        .check()
        .cluster("prod")
        .subnets(&first_private(&seed))
        .args(&["--task-definition", "worker", "--tasks", "3"])
        .run();
    r.expect(exit::OK);
    let compat = r.finding(
        "taskdef.compatibility",
        &r.findings.iter().find(|f| f.check == "taskdef.compatibility").unwrap().resource,
    );
    assert_eq!(compat.status, "pass", "{compat:?}");
    assert!(
        r.findings.iter().any(|f| f.check == "network.launch-type" && f.message.contains("FARGATE_SPOT")),
        "{:#}",
        r.json
    );
    assert_eq!(r.finding("capacity.cluster", "prod").status, "skip", "Fargate needs no container instance");
}

/// A shortfall on an Auto Scaling group provider with managed scaling waits for scale-out; the
/// same shortfall without managed scaling fails.
#[test]
fn managed_scaling_turns_a_shortfall_into_a_wait() {
    for (managed, code) in [(true, exit::OK), (false, exit::FOUND_PROBLEM)] {
        let acct = Account::new();
        let seed = cluster(
            &acct,
            json!({"instances": [{"tasks": 2}],
                   "capacity_providers": [{"name": "asg-cp", "managed_scaling": managed, "max_step": 10}],
                   "default_strategy": [{"capacityProvider": "asg-cp", "weight": 1, "base": 0}]}),
        );
        let subnet = first_private(&seed);
        let r = acct.check().cluster("prod").subnets(&subnet).args(&["--tasks", "3"]).run();
        r.expect(code);
        let f = r.finding("capacity.cluster", "prod");
        if managed {
            assert_eq!(f.status, "warn", "{f:?}");
            assert!(f.message.contains("wait in PROVISIONING") && f.message.contains("asg-cp"), "{}", f.message);
            assert!(f.message.contains("at most 10 instances a step"), "{}", f.message);
        } else {
            assert_eq!(f.status, "fail", "{f:?}");
        }
        let c = acct.awsvpc_args(&["capacity", "--cluster", "prod", "--tasks", "3", "--output", "json"]);
        c.expect(code);
        assert_eq!(c.json()["scale_out"].is_string(), managed, "{}", c.stdout);
    }
}

/// With a task definition, "fits" is CPU, memory and an ENI slot on one instance: a trunked
/// c5.large has 10 slots (AWS's trunking table) but the room its resources leave.
#[test]
fn capacity_with_a_task_definition_counts_cpu_and_memory() {
    let acct = Account::new();
    cluster(
        &acct,
        json!({"instances": [{"trunk": true, "cpu": 2048, "memory": 3500, "remaining_cpu": 2048, "remaining_memory": 3500}],
               "allow_principals": true, "settings": {"role": {"awsvpcTrunking": "enabled"}}}),
    );
    // web: 256 CPU units and 512 MiB. 2,048 / 256 = 8 by CPU, 3,500 / 512 = 6 by memory, 10 ENI
    // slots: 6 fit, memory binds.
    let c = acct.awsvpc_args(&[
        "capacity",
        "--cluster",
        "prod",
        "--task-definition",
        "web",
        "--tasks",
        "7",
        "--output",
        "json",
    ]);
    c.expect(exit::FOUND_PROBLEM);
    let doc = c.json();
    assert_eq!(doc["fit"]["fits"], 6, "{doc:#}");
    assert_eq!(doc["fit"]["binding"], "MEMORY", "{doc:#}");
    assert_eq!(doc["total"]["free"], 10, "the ENI slots alone would say 10");
    acct.awsvpc_args(&["capacity", "--cluster", "prod", "--task-definition", "web", "--tasks", "6"]).expect(exit::OK);
    let table = acct.awsvpc_args(&["capacity", "--cluster", "prod", "--tasks", "7"]);
    table.expect(exit::OK);
    assert!(table.stdout.contains("ENI slots alone"), "said so without a task definition: {}", table.stdout);
    let r = acct.check().cluster("prod").args(&["--task-definition", "web", "--tasks", "7"]).run();
    r.expect(exit::FOUND_PROBLEM);
    let f = r.finding("capacity.cluster", "prod");
    assert!(f.message.contains("1 do not fit: MEMORY: 3,500 of 3,500 MiB free"), "{}", f.message);
}

/// AvailableIpAddressCount counts IPv4 only (EC2 API Reference, Subnet): an IPv6-only subnet is
/// not full, and its egress is its ::/0 route.
#[test]
fn an_ipv6_only_subnet_is_not_full() {
    let acct = Account::new();
    let seed = cluster(&acct, json!({"instances": [], "ipv6_only": true}));
    let subnet = seed["network"]["ipv6_only_subnet"].as_str().expect("the seed makes an IPv6-only subnet").to_string();
    let r = acct
        .check()
        .subnets(&subnet)
        .args(&["--tasks", "4", "--only", "network.free-addresses,network.internet-egress"])
        .run();
    r.expect(exit::OK);
    let f = r.finding("network.free-addresses", &subnet);
    assert!(f.message.contains("IPv6-only"), "{f:?}");
    assert_eq!(r.finding("network.internet-egress", &subnet).status, "pass");
}

/// A subnet with an IPv6 block that does not assign IPv6 addresses gives tasks none.
#[test]
fn required_ipv6_needs_the_subnet_to_assign_it() {
    let acct = Account::new();
    let seed = acct.seed_raw("mixed", json!({"ipv6": true, "assign_ipv6": false, "ec2": 0, "fargate": 0, "bridge": 0, "stopped": 0, "service_connect": 0}));
    let subnet = first_private(&seed);
    let r = acct.check().subnets(&subnet).args(&["--require", "ipv6", "--only", "network.ipv6"]).run();
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
    let seed = cluster(
        &acct,
        json!({"instances": [{"dns_a_record": true}], "allow_principals": true,
               "settings": {"role": {"awsvpcTrunking": "enabled"}}}),
    );
    let id = seed["instances"][0]["instance_id"].as_str().unwrap();
    let arn = seed["instances"][0]["arn"].as_str().unwrap();
    let r = acct.check().cluster("prod").args(&["--require", "trunking", "--only", "instance.trunk-eni"]).run();
    let f = r.finding("instance.trunk-eni", arn);
    assert_eq!(f.status, "fail", "{f:?}");
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
        let seed = cluster(&acct, json!({"instances": [{"trunk": true}], "refusal_code": code}));
        let role = seed["role_arn"].as_str().unwrap();
        let r =
            acct.check().cluster("prod").args(&["--require", "trunking", "--only", "account.awsvpc-trunking"]).run();
        let f = r.finding("account.awsvpc-trunking", role);
        assert_eq!(f.status, "pass", "{code}: {f:?}");
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
    let with_env = |args: &[&str]| {
        let mut cmd = bare_cmd();
        env_acct.point_at(&mut cmd);
        cmd.env("AWS_CONFIG_FILE", dir.join("config")).env("AWS_SHARED_CREDENTIALS_FILE", dir.join("credentials"));
        run(cmd.args(args))
    };
    env_acct.clear_calls();
    profile_acct.clear_calls();
    with_env(&["--profile", "other", "enis", "--cluster", "nope"]).expect_clean_error(exit::USAGE, "nope");
    assert!(!profile_acct.calls().is_empty(), "the profile's account was asked");
    assert!(env_acct.calls().is_empty(), "the environment's account was not: {:?}", env_acct.calls());
    let missing = with_env(&["--profile", "nope", "enis", "--cluster", "x"]);
    missing.expect_clean_error(exit::USAGE, "the config profile (nope) could not be found");
    let _ = std::fs::remove_dir_all(&dir);
}
