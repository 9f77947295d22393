//! The cases of the least-privilege test (iam.rs): between them, every option of each command
//! that makes an AWS call of its own. Each case runs in an account seeded for it, as a user
//! holding `awsvpc iam-policy <policy>` (less `without`).

use std::cell::RefCell;
use std::rc::Rc;

use awsvpc::exit;
use serde_json::json;

use crate::builder::{Awsvpc, Seed};
use crate::harness::{Account, Dedicated, strings};

/// A case's command, made afresh for each run in the case's account.
type Make = Rc<dyn Fn(&Account) -> Awsvpc<'_>>;

pub struct Case {
    pub label: String,
    pub policy: &'static str,
    pub acct: Account,
    make: Make,
    /// Whether the output is compared with the unrestricted run (not for run and stop, whose
    /// answers name new tasks).
    pub compare: bool,
    /// Actions AWS authorises beside a call, with no call of their own.
    pub implied: Vec<&'static str>,
}

/// A case's command, as a closure of the account it runs in (naming the signature the closures
/// bound to a name need).
fn command<F: Fn(&Account) -> Awsvpc<'_> + 'static>(make: F) -> F {
    make
}

impl Case {
    fn new(label: &str, policy: &'static str, acct: &Account, make: impl Fn(&Account) -> Awsvpc<'_> + 'static) -> Case {
        Case {
            label: label.to_string(),
            policy,
            acct: Account { id: acct.id.clone(), port: acct.port },
            make: Rc::new(make),
            compare: true,
            implied: vec![],
        }
    }

    fn changes(mut self) -> Case {
        self.compare = false;
        self
    }

    /// The same run with --dry-run: its preflight (every read `run` makes) compared with the
    /// unrestricted one's, nothing launched.
    fn dry_run(&self) -> Case {
        let make = self.make.clone();
        Case::new(&format!("{} --dry-run", self.label), self.policy, &self.acct, move |a| make(a).dry_run())
    }

    fn implies(mut self, actions: &[&'static str]) -> Case {
        self.implied = actions.to_vec();
        self
    }

    /// The command of one run (a `stop` case's names a task not stopped yet).
    pub fn command(&self) -> Awsvpc<'_> {
        (self.make)(&self.acct)
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
    let seed = acct.seed(Seed::pull().params(params));
    let (family, subnet, sg) = (seed.str("family"), seed.str("task_subnet"), seed.str("task_security_group"));
    let launched = acct
        .awsvpc("run")
        .cluster("pull")
        .task_definition(&family)
        .launch_type("FARGATE")
        .subnets(&subnet)
        .security_groups(&sg)
        .flag("--no-wait")
        .yes()
        .json_ok(exit::OK);
    let stopped = launched["task_arns"][0].as_str().unwrap().to_string();
    let reason = "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref: dial tcp 10.0.0.1:443: i/o timeout";
    acct.set_task(json!({"task": stopped, "stop_code": "TaskFailedToStart", "stopped_reason": reason}));
    Pull { family, subnet, sg, stopped }
}

fn pull_cases(acct: &Account, p: &Pull, kind: &str) -> Vec<Case> {
    let Pull { family, subnet, sg, stopped } = p;
    let (family, subnet, sg, stopped) = (family.clone(), subnet.clone(), sg.clone(), stopped.clone());
    let check = {
        let (family, subnet, sg) = (family.clone(), subnet.clone(), sg.clone());
        command(move |a| {
            a.awsvpc("check")
                .task_definition(&family)
                .launch_type("FARGATE")
                .subnets(&subnet)
                .security_groups(&sg)
                .json()
        })
    };
    let diagnose = command(move |a| a.awsvpc("diagnose").cluster("pull").tasks(&[&stopped]).json());
    let run = command(move |a| {
        a.awsvpc("run")
            .cluster("pull")
            .task_definition(&family)
            .launch_type("FARGATE")
            .subnets(&subnet)
            .security_groups(&sg)
            .opt("--tag", "team=payments")
            .flag("--no-wait")
            .yes()
            .json()
    });
    // RunTask passes the execution role (iam:PassRole) and tags the tasks (ecs:TagResource).
    let passes = ["iam:PassRole", "ecs:TagResource"];
    let run = Case::new(&format!("run@pull-{kind}"), "run", acct, run).changes().implies(&passes);
    vec![
        Case::new(&format!("check@pull-{kind}"), "check", acct, check),
        Case::new(&format!("diagnose@pull-{kind}"), "diagnose", acct, diagnose),
        run.dry_run(),
        run,
    ]
}

/// The pull cases in an account of their own: its ECS service-linked role made (as in any
/// account that used ECS), its SimulatePrincipalPolicy refused when `refused` (the role's own
/// policies are then read: iam:ListAttachedRolePolicies, GetPolicy, ...).
fn pull_account(emu: &Dedicated, secrets: &str, refused: bool, changes: bool) -> Vec<Case> {
    let acct = emu.account();
    acct.seed(Seed::cluster().params(json!({"instances": [], "cluster": "other"})));
    let p = pull(&acct, secrets, refused);
    let kind = if refused { format!("{secrets}, simulator refused") } else { secrets.to_string() };
    pull_cases(&acct, &p, &kind).into_iter().filter(|c| c.compare != changes).collect()
}

/// A cluster whose default capacity provider strategy names an Auto Scaling group provider.
fn provider_cases(emu: &Dedicated, changes: bool) -> Vec<Case> {
    let acct = emu.account();
    let seed = acct.seed(Seed::cluster().params(
        json!({"instances": [{"type": "c5.4xlarge", "trunk": true, "subnet": 0, "tasks": 1}],
               "settings": {"role": {"awsvpcTrunking": "enabled"}}, "allow_principals": true,
               "capacity_providers": [{"name": "asg-cp", "managed_scaling": true}],
               "default_strategy": [{"capacityProvider": "asg-cp", "weight": 1}]}),
    ));
    let subnets = seed.private_subnets();
    let run = command(move |a| {
        a.awsvpc("run").cluster("prod").task_definition("web").subnets(&subnets).yes().flag("--no-wait").json()
    });
    let run = Case::new("run@providers", "run", &acct, run).changes();
    if changes {
        return vec![run];
    }
    vec![
        run.dry_run(),
        Case::new("check@providers", "check", &acct, |a| {
            a.awsvpc("check").cluster("prod").task_definition("web").opt("--tasks", "500").json()
        }),
        Case::new("capacity@providers", "capacity", &acct, |a| {
            a.awsvpc("capacity").cluster("prod").task_definition("web").opt("--tasks", "50").json()
        }),
    ]
}

/// A cluster of one untrunked c5.large with a task (1 of 2 slots free), trunking off for its role:
/// a launch of 3 does not fit, and the fix names the role whose setting to change (read with
/// iam:GetInstanceProfile and ecs:ListAccountSettings).
fn untrunked_cases(emu: &Dedicated) -> Vec<Case> {
    let acct = emu.account();
    let seed = acct.seed(Seed::cluster().params(
        json!({"instances": [{"type": "c5.large", "trunk": false, "subnet": 0, "tasks": 1}], "allow_principals": true}),
    ));
    let subnet = seed.private_subnets()[0].clone();
    let run = {
        let subnet = subnet.clone();
        command(move |a| a.awsvpc("run").cluster("prod").task_definition("web").subnets(&subnet).count(3).yes().json())
    };
    vec![
        Case::new("run@untrunked", "run", &acct, run).dry_run(),
        Case::new("check@untrunked", "check", &acct, move |a| {
            a.awsvpc("check").cluster("prod").subnets(&subnet).opt("--tasks", "3").json()
        }),
    ]
}

/// The main account: a cluster of two trunked instances with tasks, a service behind an ip
/// target group.
fn main_account(emu: &Dedicated) -> (Account, crate::builder::Seeded) {
    let acct = emu.account();
    let seed = acct.seed(Seed::cluster().params(
        json!({"instances": [{"type": "c5.4xlarge", "trunk": true, "subnet": 0, "tasks": 2},
                             {"type": "c5.4xlarge", "trunk": true, "subnet": 1, "tasks": 8}],
               "settings": {"role": {"awsvpcTrunking": "enabled"}}, "allow_principals": true,
               "services": [{"name": "web", "target_type": "ip"}]}),
    ));
    (acct, seed)
}

/// `run` of web tasks in `subnets` without waiting, JSON.
fn run_web(subnets: Vec<String>) -> impl Fn(&Account) -> Awsvpc<'_> + 'static {
    move |a| a.awsvpc("run").cluster("prod").task_definition("web").subnets(&subnets).yes().flag("--no-wait").json()
}

/// `run --like-service web` without waiting, JSON.
fn run_like_web(a: &Account) -> Awsvpc<'_> {
    a.awsvpc("run").cluster("prod").opt("--like-service", "web").yes().flag("--no-wait").json()
}

fn reading_cases(emu: &Dedicated) -> Vec<Case> {
    let (acct, seed) = main_account(emu);
    let subnets = seed.private_subnets();
    let task = strings(&seed["instances"][0]["tasks"])[0].clone();
    let instance = seed["instances"][0]["instance_id"].as_str().unwrap().to_string();
    vec![
        Case::new("enis", "enis", &acct, |a| a.awsvpc("enis").cluster("prod").json()),
        Case::new("enis@instance", "enis", &acct, move |a| {
            a.awsvpc("enis").cluster("prod").opt("--container-instance", &instance).json()
        }),
        Case::new("check", "check", &acct, |a| a.awsvpc("check").cluster("prod").service("web").json()),
        Case::new("check@all-clusters", "check", &acct, |a| a.awsvpc("check").all_clusters().json()),
        Case::new("capacity", "capacity", &acct, {
            let subnets = subnets.clone();
            move |a| a.awsvpc("capacity").cluster("prod").subnets(&subnets).json()
        }),
        Case::new("diagnose", "diagnose", &acct, move |a| a.awsvpc("diagnose").cluster("prod").tasks(&[&task]).json()),
        Case::new("diagnose@service", "diagnose", &acct, |a| {
            a.awsvpc("diagnose").cluster("prod").service("web").json()
        }),
        Case::new("run", "run", &acct, run_web(subnets)).dry_run(),
        Case::new("run@like-service", "run", &acct, run_like_web).dry_run(),
    ]
}

/// run and stop, in an account of their own (they change what the reading cases would see).
fn changing_cases(emu: &Dedicated) -> Vec<Case> {
    let (acct, seed) = main_account(emu);
    // Tasks to stop, one per run.
    let tasks = RefCell::new(strings(&seed["instances"][1]["tasks"]));
    let stop = command(move |a| {
        let task = tasks.borrow_mut().pop().expect("a task left to stop");
        a.awsvpc("stop").cluster("prod").tasks(&[task]).yes().flag("--no-wait").json()
    });
    vec![
        Case::new("run", "run", &acct, run_web(seed.private_subnets())).changes(),
        Case::new("run@like-service", "run", &acct, run_like_web).changes(),
        Case::new("stop", "stop", &acct, stop).changes(),
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
