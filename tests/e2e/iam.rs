//! Least privilege: each command run by an IAM user holding exactly `awsvpc iam-policy COMMAND`
//! works under IAM enforcement; with any one action removed, the command names the missing
//! action (exit 3, or `error` findings), never a false result.

use awsvpc::exit;
use serde_json::{Value, json};

use crate::harness::{Account, Dedicated, Run, bare_cmd, run, strings};

fn policy_for(command: &str) -> Value {
    let r = run(bare_cmd().args(["iam-policy", command, "--output", "json"]));
    r.expect(exit::OK);
    r.json()
}

/// The policy without one action.
fn without(policy: &Value, action: &str) -> Value {
    let mut p = policy.clone();
    let statements = p["Statement"].as_array_mut().unwrap();
    for st in statements.iter_mut() {
        if let Some(list) = st["Action"].as_array_mut() {
            list.retain(|a| a != action);
        }
    }
    // A statement left without actions is invalid: drop it.
    statements.retain(|st| st["Action"].as_array().is_none_or(|a| !a.is_empty()));
    p
}

fn actions(policy: &Value) -> Vec<String> {
    policy["Statement"].as_array().unwrap().iter().flat_map(|st| strings(&st["Action"])).collect()
}

struct User {
    key: String,
    secret: String,
}

fn user(acct: &Account, name: &str, policy: &Value) -> User {
    let u = acct.seed("iam_user", json!({"name": name, "policy": policy}));
    User { key: u["key"].as_str().unwrap().into(), secret: u["secret"].as_str().unwrap().into() }
}

fn as_user(acct: &Account, u: &User, args: &[&str]) -> Run {
    run(acct.cmd().env("AWS_ACCESS_KEY_ID", &u.key).env("AWS_SECRET_ACCESS_KEY", &u.secret).args(args))
}

#[test]
fn every_command_works_with_exactly_its_policy_and_names_a_missing_action() {
    let emu = Dedicated::start();
    let acct = emu.account();
    let seed = acct.seed(
        "cluster",
        json!({"instances": [{"type": "c5.4xlarge", "trunk": true, "subnet": 0, "tasks": 2},
                             {"type": "c5.4xlarge", "trunk": true, "subnet": 1, "tasks": 3}],
               "settings": {"role": {"awsvpcTrunking": "enabled"}}, "allow_principals": true,
               "services": [{"name": "web", "target_type": "ip"}]}),
    );
    let subnets = strings(&seed["network"]["private_subnets"]).join(",");
    let task = strings(&seed["instances"][0]["tasks"])[0].clone();
    // Each stop run stops a task of its own.
    let mut to_stop = strings(&seed["instances"][1]["tasks"]).into_iter();
    // (policy command, arguments, whether the output is compared with the unrestricted run)
    let cases: Vec<(&str, Vec<String>, bool)> = vec![
        ("enis", vec!["enis".into(), "--cluster".into(), "prod".into(), "--output".into(), "json".into()], true),
        (
            "check",
            vec![
                "check".into(),
                "--cluster".into(),
                "prod".into(),
                "--service".into(),
                "web".into(),
                "--output".into(),
                "json".into(),
            ],
            true,
        ),
        (
            "capacity",
            vec![
                "capacity".into(),
                "--cluster".into(),
                "prod".into(),
                "--subnets".into(),
                subnets.clone(),
                "--output".into(),
                "json".into(),
            ],
            true,
        ),
        (
            "diagnose",
            vec!["diagnose".into(), "--cluster".into(), "prod".into(), task.clone(), "--output".into(), "json".into()],
            true,
        ),
        (
            "run",
            vec![
                "run".into(),
                "--cluster".into(),
                "prod".into(),
                "--task-definition".into(),
                "web".into(),
                "--subnets".into(),
                subnets.clone(),
                "--yes".into(),
                "--no-wait".into(),
                "--output".into(),
                "json".into(),
            ],
            false,
        ),
        (
            "stop",
            vec![
                "stop".into(),
                "--cluster".into(),
                "prod".into(),
                "{task}".into(),
                "--yes".into(),
                "--no-wait".into(),
                "--output".into(),
                "json".into(),
            ],
            false,
        ),
    ];
    let mut cases = cases;
    cases.extend(pull_cases(&acct));
    // Baselines and users, all made before enforcement is on.
    let mut prepared = Vec::new();
    for (k, (label, args, compare)) in cases.iter().enumerate() {
        let command = label.split('@').next().unwrap();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let baseline = if *compare { Some(acct.awsvpc(&args)) } else { None };
        let policy = policy_for(command);
        let full = user(&acct, &format!("u{k}"), &policy);
        let reduced: Vec<(String, User)> = actions(&policy)
            .into_iter()
            .filter(|a| a != "iam:PassRole" && a != "ecs:TagResource")
            .enumerate()
            .map(|(j, a)| {
                let u = user(&acct, &format!("u{k}-{j}"), &without(&policy, &a));
                (a, u)
            })
            .collect();
        prepared.push((*label, args, baseline, full, reduced));
    }
    emu.enforce_iam();
    // Without credentials for this account, nothing works now.
    assert_eq!(acct.awsvpc(&["enis", "--cluster", "prod"]).code, exit::AWS_UNAVAILABLE, "enforcement is on");

    let mut per_run = |args: &[&str]| -> Vec<String> {
        let task = if args.contains(&"{task}") { to_stop.next().expect("a task to stop") } else { String::new() };
        args.iter().map(|a| if *a == "{task}" { task.clone() } else { a.to_string() }).collect()
    };
    for (command, args, baseline, full, reduced) in &prepared {
        let owned = per_run(args);
        let this: Vec<&str> = owned.iter().map(String::as_str).collect();
        let r = as_user(&acct, full, &this);
        assert_eq!(
            r.code,
            baseline.as_ref().map(|b| b.code).unwrap_or(0),
            "{command} with its policy: {}\n{}",
            r.stdout,
            r.stderr
        );
        if let Some(b) = baseline {
            assert_eq!(r.json(), b.json(), "{command}: the same result as without restriction");
        }
        let mut denied = Vec::new();
        for (action, u) in reduced {
            let owned = per_run(args);
            let this: Vec<&str> = owned.iter().map(String::as_str).collect();
            let r = as_user(&acct, u, &this);
            let op = action.split(':').nth(1).unwrap();
            // The operation is named, and so is the denied action, in AWS's own words.
            let called = (r.stderr.contains(op) || r.stdout.contains(op))
                && (r.stderr.contains("not authorized") || r.stdout.contains("not authorized"));
            if r.code == 0 || r.code == baseline.as_ref().map(|b| b.code).unwrap_or(0) {
                // The command did not need this action here (for example ListClusters without
                // --all-clusters): then its result must be the unrestricted one.
                if let Some(b) = baseline {
                    // A fact the answer does not rest on may be missing: then it is said, in a
                    // warning naming the denied action, and the answer is otherwise the same.
                    let (mut got, mut want) = (r.json(), b.json());
                    let warned = got.get("warnings").is_some_and(|w| w.as_array().is_some_and(|w| !w.is_empty()));
                    if warned {
                        assert!(
                            r.stderr.contains("not authorized") && r.stderr.contains(op),
                            "{command}: {}",
                            r.stderr
                        );
                        // capacity's launch target note rests on DescribeClusters alone.
                        for v in [&mut got, &mut want] {
                            v.as_object_mut().unwrap().remove("warnings");
                            v.as_object_mut().unwrap().remove("launch_target");
                        }
                    }
                    if action == "iam:SimulatePrincipalPolicy" && got != want {
                        // Refused, the simulator gives way to the role's own policies, and says so.
                        let text = got.to_string();
                        assert!(text.contains("SimulatePrincipalPolicy was refused"), "{command}: {text}");
                        let same = text.replace(
                            "the role's policies (SimulatePrincipalPolicy was refused)",
                            "SimulatePrincipalPolicy",
                        );
                        assert_eq!(same, want.to_string(), "{command} without {action}: only the method differs");
                        continue;
                    }
                    assert_eq!(got, want, "{command} without {action}: a different result, not reported");
                }
                continue;
            }
            assert_eq!(r.code, exit::AWS_UNAVAILABLE, "{command} without {action}: {}\n{}", r.stdout, r.stderr);
            assert!(called, "{command} without {action} names it: {}\n{}", r.stdout, r.stderr);
            denied.push(action.clone());
        }
        // Every action the command calls here is really needed (the rest are for other options).
        let needed: &[&str] = match *command {
            "check@pull" => &[
                "ecs:DescribeTaskDefinition",
                "ec2:DescribeVpcEndpoints",
                "ec2:DescribeNetworkAcls",
                "ec2:DescribePrefixLists",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeVpcs",
                "iam:GetRole",
                "logs:DescribeLogGroups",
                "ssm:DescribeParameters",
            ],
            "diagnose@pull" => {
                &["ecs:DescribeTasks", "ec2:DescribeVpcEndpoints", "ec2:DescribeNetworkAcls", "iam:GetRole"]
            }
            "enis" => &["ecs:ListTasks", "ecs:DescribeTasks", "ec2:DescribeNetworkInterfaces"],
            "stop" => &["ecs:DescribeTasks", "ecs:StopTask"],
            "run" => &["ecs:RunTask", "ecs:DescribeTaskDefinition", "ec2:DescribeSubnets"],
            "capacity" => &[
                "ecs:ListContainerInstances",
                "ecs:DescribeContainerInstances",
                "ec2:DescribeInstanceTypes",
                "ec2:DescribeNetworkInterfaces",
            ],
            "diagnose" => &["ecs:DescribeTasks", "ec2:DescribeSubnets", "ec2:DescribeVpcAttribute"],
            _ => &["ecs:DescribeTasks", "ec2:DescribeSubnets", "ec2:DescribeVpcAttribute", "iam:GetRole"],
        };
        for a in needed {
            assert!(denied.iter().any(|d| d == a), "{command}: removing {a} was not noticed; denied: {denied:?}");
        }
    }
}

/// `check` and `diagnose` on a Fargate task that pulls a private image through VPC endpoints, logs
/// with awslogs and reads an SSM parameter: the path, the execution role and the log group are
/// read under enforcement too. The diagnosed task is stopped by a pull timeout.
fn pull_cases(acct: &Account) -> Vec<(&'static str, Vec<String>, bool)> {
    let seed = acct.seed(
        "pull",
        json!({"image": "private", "egress": "endpoints", "logs": "awslogs", "secrets": "ssm", "cluster": "pull"}),
    );
    let (family, subnet, sg) = (
        seed["family"].as_str().unwrap().to_string(),
        seed["task_subnet"].as_str().unwrap().to_string(),
        seed["task_security_group"].as_str().unwrap().to_string(),
    );
    let launched = acct.awsvpc(&[
        "run",
        "--cluster",
        "pull",
        "--task-definition",
        &family,
        "--launch-type",
        "FARGATE",
        "--subnets",
        &subnet,
        "--security-groups",
        &sg,
        "--no-wait",
        "--yes",
        "--output",
        "json",
    ]);
    launched.expect(exit::OK);
    let task = launched.json()["task_arns"][0].as_str().unwrap().to_string();
    let reason = "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref: dial tcp 10.0.0.1:443: i/o timeout";
    acct.set_task(json!({"task": task, "stop_code": "TaskFailedToStart", "stopped_reason": reason}));
    let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<String>>();
    vec![
        (
            "check@pull",
            owned(&[
                "check",
                "--task-definition",
                &family,
                "--launch-type",
                "FARGATE",
                "--subnets",
                &subnet,
                "--security-groups",
                &sg,
                "--output",
                "json",
            ]),
            true,
        ),
        ("diagnose@pull", owned(&["diagnose", "--cluster", "pull", &task, "--output", "json"]), true),
    ]
}
