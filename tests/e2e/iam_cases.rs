//! The cases of the least-privilege test (iam.rs): between them, every option of each command
//! that makes an AWS call of its own. Each case runs in an account seeded for it, as a user
//! holding `awsvpc iam-policy <policy>` (less `without`).

use std::cell::RefCell;

use awsvpc::exit;
use serde_json::json;

use crate::harness::{Account, Dedicated, strings};

pub struct Case {
    pub label: String,
    pub policy: &'static str,
    pub acct: Account,
    args: Vec<String>,
    /// Whether the output is compared with the unrestricted run (not for run and stop, whose
    /// answers name new tasks).
    pub compare: bool,
    /// Actions AWS authorises beside a call, with no call of their own.
    pub implied: Vec<&'static str>,
    /// Tasks to stop, one per run ("{task}" in the arguments).
    tasks: RefCell<Vec<String>>,
}

impl Case {
    fn new(label: &str, policy: &'static str, acct: &Account, args: &[&str]) -> Case {
        Case {
            label: label.to_string(),
            policy,
            acct: Account { id: acct.id.clone(), port: acct.port },
            args: args.iter().map(|s| s.to_string()).collect(),
            compare: true,
            implied: vec![],
            tasks: RefCell::new(vec![]),
        }
    }

    fn changes(mut self) -> Case {
        self.compare = false;
        self
    }

    /// The same run with --dry-run: its preflight (every read `run` makes) compared with the
    /// unrestricted one's, nothing launched.
    fn dry_run(&self) -> Case {
        let mut args = self.args.clone();
        args.push("--dry-run".into());
        let mut dry = Case::new(&format!("{} --dry-run", self.label), self.policy, &self.acct, &[]);
        dry.args = args;
        dry
    }

    fn implies(mut self, actions: &[&'static str]) -> Case {
        self.implied = actions.to_vec();
        self
    }

    /// The arguments of one run: "{task}" becomes a task not stopped yet.
    pub fn args_for_run(&self) -> Vec<String> {
        let mut tasks = self.tasks.borrow_mut();
        self.args
            .iter()
            .map(|a| if a == "{task}" { tasks.pop().expect("a task left to stop") } else { a.clone() })
            .collect()
    }
}

/// A Fargate task definition that pulls a private image through VPC endpoints, logs with awslogs
/// and reads a secret (`secrets`: ssm or secretsmanager, under a customer managed key); a task of
/// it stopped by a pull timeout.
struct Pull {
    family: String,
    subnet: String,
    sg: String,
    stopped: String,
}

fn pull(acct: &Account, secrets: &str, refused: bool) -> Pull {
    let simulate = if refused { "refused" } else { "allowed" };
    let mut params = json!({"image": "private", "egress": "endpoints", "logs": "awslogs", "secrets": secrets,
                            "cluster": "pull", "simulate": simulate});
    // A customer managed key: by ARN for the parameter, by an alias of the account's own for the
    // secret (which only DescribeKey resolves).
    params["secret_key"] = json!(if secrets == "secretsmanager" { "cmk_alias" } else { "cmk" });
    let seed = acct.seed_raw("pull", params);
    let text = |k: &str| seed[k].as_str().unwrap().to_string();
    let (family, subnet, sg) = (text("family"), text("task_subnet"), text("task_security_group"));
    let launched = acct.awsvpc_args(&[
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
    let stopped = launched.json()["task_arns"][0].as_str().unwrap().to_string();
    let reason = "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref: dial tcp 10.0.0.1:443: i/o timeout";
    acct.set_task(json!({"task": stopped, "stop_code": "TaskFailedToStart", "stopped_reason": reason}));
    Pull { family, subnet, sg, stopped }
}

fn pull_cases(acct: &Account, p: &Pull, kind: &str) -> Vec<Case> {
    let check = [
        "check",
        "--task-definition",
        &p.family,
        "--launch-type",
        "FARGATE",
        "--subnets",
        &p.subnet,
        "--security-groups",
        &p.sg,
        "--output",
        "json",
    ];
    let diagnose = ["diagnose", "--cluster", "pull", &p.stopped, "--output", "json"];
    let run = [
        "run",
        "--cluster",
        "pull",
        "--task-definition",
        &p.family,
        "--launch-type",
        "FARGATE",
        "--subnets",
        &p.subnet,
        "--security-groups",
        &p.sg,
        "--tag",
        "team=payments",
        "--no-wait",
        "--yes",
        "--output",
        "json",
    ];
    // RunTask passes the execution role (iam:PassRole) and tags the tasks (ecs:TagResource).
    let passes = ["iam:PassRole", "ecs:TagResource"];
    let run = Case::new(&format!("run@pull-{kind}"), "run", acct, &run).changes().implies(&passes);
    vec![
        Case::new(&format!("check@pull-{kind}"), "check", acct, &check),
        Case::new(&format!("diagnose@pull-{kind}"), "diagnose", acct, &diagnose),
        run.dry_run(),
        run,
    ]
}

/// The pull cases in an account of their own: its ECS service-linked role made (as in any
/// account that used ECS), its SimulatePrincipalPolicy refused when `refused` (the role's own
/// policies are then read: iam:ListAttachedRolePolicies, GetPolicy, ...).
fn pull_account(emu: &Dedicated, secrets: &str, refused: bool, changes: bool) -> Vec<Case> {
    let acct = emu.account();
    acct.seed_raw("cluster", json!({"instances": [], "cluster": "other"}));
    let p = pull(&acct, secrets, refused);
    let kind = if refused { format!("{secrets}, simulator refused") } else { secrets.to_string() };
    pull_cases(&acct, &p, &kind).into_iter().filter(|c| c.compare != changes).collect()
}

/// A cluster whose default capacity provider strategy names an Auto Scaling group provider.
fn provider_cases(emu: &Dedicated, changes: bool) -> Vec<Case> {
    let acct = emu.account();
    let seed = acct.seed_raw(
        "cluster",
        json!({"instances": [{"type": "c5.4xlarge", "trunk": true, "subnet": 0, "tasks": 1}],
               "settings": {"role": {"awsvpcTrunking": "enabled"}}, "allow_principals": true,
               "capacity_providers": [{"name": "asg-cp", "managed_scaling": true}],
               "default_strategy": [{"capacityProvider": "asg-cp", "weight": 1}]}),
    );
    let subnets = strings(&seed["network"]["private_subnets"]).join(",");
    let run = ["run", "--cluster", "prod", "--task-definition", "web", "--subnets", &subnets, "--yes", "--no-wait"];
    let run = Case::new("run@providers", "run", &acct, &with(&run)).changes();
    if changes {
        return vec![run];
    }
    vec![
        run.dry_run(),
        Case::new(
            "check@providers",
            "check",
            &acct,
            &with(&["check", "--cluster", "prod", "--task-definition", "web", "--tasks", "500"]),
        ),
        Case::new(
            "capacity@providers",
            "capacity",
            &acct,
            &with(&["capacity", "--cluster", "prod", "--task-definition", "web", "--tasks", "50"]),
        ),
    ]
}

/// A cluster of one untrunked c5.large with a task (1 of 2 slots free), trunking off for its role:
/// a launch of 3 does not fit, and the fix names the role whose setting to change (read with
/// iam:GetInstanceProfile and ecs:ListAccountSettings).
fn untrunked_cases(emu: &Dedicated) -> Vec<Case> {
    let acct = emu.account();
    let seed = acct.seed_raw(
        "cluster",
        json!({"instances": [{"type": "c5.large", "trunk": false, "subnet": 0, "tasks": 1}], "allow_principals": true}),
    );
    let subnet = strings(&seed["network"]["private_subnets"])[0].clone();
    let run = ["run", "--cluster", "prod", "--task-definition", "web", "--subnets", &subnet, "--count", "3", "--yes"];
    vec![
        Case::new("run@untrunked", "run", &acct, &with(&run)).dry_run(),
        Case::new(
            "check@untrunked",
            "check",
            &acct,
            &with(&["check", "--cluster", "prod", "--subnets", &subnet, "--tasks", "3"]),
        ),
    ]
}

/// The arguments with `--output json`.
fn with<'a>(args: &[&'a str]) -> Vec<&'a str> {
    [args, &["--output", "json"]].concat()
}

/// The main account: a cluster of two trunked instances with tasks, a service behind an ip
/// target group.
fn main_account(emu: &Dedicated) -> (Account, serde_json::Value) {
    let acct = emu.account();
    let seed = acct.seed_raw(
        "cluster",
        json!({"instances": [{"type": "c5.4xlarge", "trunk": true, "subnet": 0, "tasks": 2},
                             {"type": "c5.4xlarge", "trunk": true, "subnet": 1, "tasks": 8}],
               "settings": {"role": {"awsvpcTrunking": "enabled"}}, "allow_principals": true,
               "services": [{"name": "web", "target_type": "ip"}]}),
    );
    (acct, seed)
}

fn reading_cases(emu: &Dedicated) -> Vec<Case> {
    let (acct, seed) = main_account(emu);
    let subnets = strings(&seed["network"]["private_subnets"]).join(",");
    let task = strings(&seed["instances"][0]["tasks"])[0].clone();
    let instance = seed["instances"][0]["instance_id"].as_str().unwrap().to_string();
    let run = ["run", "--cluster", "prod", "--task-definition", "web", "--subnets", &subnets, "--yes", "--no-wait"];
    let like = ["run", "--cluster", "prod", "--like-service", "web", "--yes", "--no-wait"];
    vec![
        Case::new("enis", "enis", &acct, &with(&["enis", "--cluster", "prod"])),
        Case::new(
            "enis@instance",
            "enis",
            &acct,
            &with(&["enis", "--cluster", "prod", "--container-instance", &instance]),
        ),
        Case::new("check", "check", &acct, &with(&["check", "--cluster", "prod", "--service", "web"])),
        Case::new("check@all-clusters", "check", &acct, &with(&["check", "--all-clusters"])),
        Case::new("capacity", "capacity", &acct, &with(&["capacity", "--cluster", "prod", "--subnets", &subnets])),
        Case::new("diagnose", "diagnose", &acct, &with(&["diagnose", "--cluster", "prod", &task])),
        Case::new("diagnose@service", "diagnose", &acct, &with(&["diagnose", "--cluster", "prod", "--service", "web"])),
        Case::new("run", "run", &acct, &with(&run)).dry_run(),
        Case::new("run@like-service", "run", &acct, &with(&like)).dry_run(),
    ]
}

/// run and stop, in an account of their own (they change what the reading cases would see).
fn changing_cases(emu: &Dedicated) -> Vec<Case> {
    let (acct, seed) = main_account(emu);
    let subnets = strings(&seed["network"]["private_subnets"]).join(",");
    let run = ["run", "--cluster", "prod", "--task-definition", "web", "--subnets", &subnets, "--yes", "--no-wait"];
    let stop = Case::new("stop", "stop", &acct, &with(&["stop", "--cluster", "prod", "{task}", "--yes", "--no-wait"]));
    let stop = stop.changes();
    *stop.tasks.borrow_mut() = strings(&seed["instances"][1]["tasks"]);
    vec![
        Case::new("run", "run", &acct, &with(&run)).changes(),
        Case::new(
            "run@like-service",
            "run",
            &acct,
            &with(&["run", "--cluster", "prod", "--like-service", "web", "--yes", "--no-wait"]),
        )
        .changes(),
        stop,
    ]
}

/// Every case, with the accounts seeded (before IAM enforcement is on). A case that changes an
/// account (run, stop) never shares it with a case whose answer is compared.
pub fn cases(emu: &Dedicated) -> Vec<Case> {
    let mut all = reading_cases(emu);
    all.extend(changing_cases(emu));
    for (secrets, refused) in [("ssm", false), ("ssm", true), ("secretsmanager", false), ("secretsmanager", true)] {
        for changes in [false, true] {
            all.extend(pull_account(emu, secrets, refused, changes));
        }
    }
    for changes in [false, true] {
        all.extend(provider_cases(emu, changes));
    }
    all.extend(untrunked_cases(emu));
    all
}
