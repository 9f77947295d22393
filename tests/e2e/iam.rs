//! Least privilege: each command run by an IAM user holding exactly `awsvpc iam-policy COMMAND`
//! works under IAM enforcement, and every action of every policy is proven needed: some case of
//! the command calls it (the emulator's request log says so, or AWS authorises it beside a call:
//! iam:PassRole, ecs:TagResource), and with that one action removed the command names the
//! missing action (exit 3, `error` findings or a warning), never a false result.

use std::collections::{BTreeMap, BTreeSet};

use awsvpc::exit;
use serde_json::{Value, json};

use crate::builder::{Awsvpc, Seed, awsvpc};
use crate::harness::{Account, Dedicated, Run, strings};
use crate::iam_cases::{Case, cases};

pub fn policy_for(command: &str) -> Value {
    awsvpc("iam-policy").arg(command).json_ok(exit::OK)
}

/// A statement's actions: a list, or one action as a string (IAM allows both).
fn statement_actions(st: &Value) -> Vec<String> {
    match &st["Action"] {
        Value::String(a) => vec![a.clone()],
        other => strings(other),
    }
}

/// The policy without one action.
pub fn without(policy: &Value, action: &str) -> Value {
    let mut p = policy.clone();
    let statements = p["Statement"].as_array_mut().unwrap();
    for st in statements.iter_mut() {
        let kept: Vec<String> = statement_actions(st).into_iter().filter(|a| a != action).collect();
        st["Action"] = json!(kept);
    }
    // A statement left without actions is invalid: drop it.
    statements.retain(|st| st["Action"].as_array().is_none_or(|a| !a.is_empty()));
    p
}

pub fn actions(policy: &Value) -> Vec<String> {
    policy["Statement"].as_array().unwrap().iter().flat_map(statement_actions).collect()
}

/// A JSON answer without what differs on every run by design (run's client token).
fn comparable(r: &Run) -> Value {
    let mut v = r.json();
    if let Some(o) = v.as_object_mut() {
        o.remove("client_token");
        if let Some(req) = o.get_mut("request").and_then(Value::as_object_mut) {
            req.remove("clientToken");
        }
    }
    v
}

pub struct User {
    key: String,
    secret: String,
}

pub fn user(acct: &Account, name: &str, policy: &Value) -> User {
    let u = acct.seed(Seed::scenario("iam_user").with("name", name).with("policy", policy.clone()));
    User { key: u.str("key"), secret: u.str("secret") }
}

/// `cmd` run as the IAM user `u` (its keys instead of the account's).
pub fn as_user(u: &User, cmd: Awsvpc) -> Run {
    cmd.env("AWS_ACCESS_KEY_ID", &u.key).env("AWS_SECRET_ACCESS_KEY", &u.secret).run()
}

/// The IAM actions of the AWS calls the emulator logged ("ecs.ListTasks" -> "ecs:ListTasks": the
/// signing name is the actions' prefix for every service awsvpc calls).
fn called(acct: &Account) -> BTreeSet<String> {
    acct.calls().iter().map(|c| c.replacen('.', ":", 1)).filter(|a| !a.starts_with("sts:")).collect()
}

struct Prepared {
    case: Case,
    baseline: Option<Run>,
    full: User,
    reduced: Vec<(String, User)>,
}

/// Before enforcement: each case's unrestricted run (what it calls), its users. The cases that
/// change the account (run, stop) run after every case whose answer is compared, so that the
/// baselines are taken on the account as seeded.
fn prepare(cases: Vec<Case>) -> (Vec<Prepared>, BTreeMap<&'static str, BTreeSet<String>>) {
    let mut needed: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
    let (compared, changing): (Vec<_>, Vec<_>) = cases.into_iter().enumerate().partition(|(_, c)| c.compare);
    let mut out: Vec<(usize, Prepared)> =
        compared.into_iter().chain(changing).map(|(k, case)| (k, prepare_one(k, case, &mut needed))).collect();
    out.sort_by_key(|(k, _)| *k);
    (out.into_iter().map(|(_, p)| p).collect(), needed)
}

fn prepare_one(k: usize, case: Case, needed: &mut BTreeMap<&'static str, BTreeSet<String>>) -> Prepared {
    let policy = policy_for(case.policy);
    case.acct.clear_calls();
    let unrestricted = case.command().run();
    assert!(
        [exit::OK, exit::FOUND_PROBLEM].contains(&unrestricted.code),
        "{}: {}\n{}",
        case.label,
        unrestricted.stdout,
        unrestricted.stderr
    );
    let mut uses = called(&case.acct);
    uses.extend(case.implied.iter().map(|a| a.to_string()));
    let in_policy: BTreeSet<String> = actions(&policy).into_iter().collect();
    let outside: Vec<&String> = uses.iter().filter(|a| !in_policy.contains(*a)).collect();
    assert!(outside.is_empty(), "{} calls {outside:?}, which `iam-policy {}` lacks", case.label, case.policy);
    needed.entry(case.policy).or_default().extend(uses.iter().cloned());
    let full = user(&case.acct, &format!("u{k}"), &policy);
    let reduced = uses
        .iter()
        .enumerate()
        .map(|(j, a)| (a.clone(), user(&case.acct, &format!("u{k}-{j}"), &without(&policy, a))))
        .collect();
    let baseline = case.compare.then_some(unrestricted);
    Prepared { case, baseline, full, reduced }
}

/// A reduced run of an action the command calls: whether its absence was noticed. A denial that
/// changes the exit code is named (exit 3); one that changes the answer is said in a warning
/// naming it (a fact the answer does not rest on), or the simulator gave way to the role's own
/// policies and said so, or an `error` finding names it; an answer that does not change (the fact was not needed here: another
/// case must prove the action) is the unrestricted one. Never a different answer unsaid.
fn judge(p: &Prepared, action: &str, r: &Run) -> bool {
    let label = &p.case.label;
    let op = action.split(':').nth(1).unwrap();
    let said = |text: &str| text.contains(op) && text.contains("not authorized");
    let named = said(&r.stderr) || said(&r.stdout);
    let base_code = p.baseline.as_ref().map(|b| b.code).unwrap_or(exit::OK);
    if r.code != base_code {
        assert_eq!(r.code, exit::AWS_UNAVAILABLE, "{label} without {action}: {}\n{}", r.stdout, r.stderr);
        assert!(named, "{label} without {action} names it: {}\n{}", r.stdout, r.stderr);
        return true;
    }
    let Some(b) = &p.baseline else {
        return named
            || (action == "iam:SimulatePrincipalPolicy" && r.stdout.contains("SimulatePrincipalPolicy was refused"));
    };
    let (mut got, mut want) = (comparable(r), comparable(b));
    if action == "iam:SimulatePrincipalPolicy" && got != want {
        let text = got.to_string();
        assert!(text.contains("SimulatePrincipalPolicy was refused"), "{label}: {text}");
        let same = text.replace("the role's policies (SimulatePrincipalPolicy was refused)", "SimulatePrincipalPolicy");
        assert_eq!(same, want.to_string(), "{label} without {action}: only the method differs");
        return true;
    }
    // The same answer, the denial said on stderr (a warning the unrestricted run did not give).
    if got == want && said(&r.stderr) && !said(&b.stderr) {
        return true;
    }
    let warned = got.get("warnings").is_some_and(|w| w.as_array().is_some_and(|w| !w.is_empty()));
    if warned {
        assert!(said(&r.stderr), "{label} without {action}: a warning that does not name it: {}", r.stderr);
        // capacity's launch target note rests on DescribeClusters alone.
        for v in [&mut got, &mut want] {
            v.as_object_mut().unwrap().remove("warnings");
            v.as_object_mut().unwrap().remove("launch_target");
        }
    }
    if got != want {
        // A different answer: the denial is in it (an `error` finding naming the action).
        assert!(named, "{label} without {action}: a different result, not reported:\n{got:#}\nwas\n{want:#}");
        return true;
    }
    warned
}

#[test]
fn every_action_of_every_policy_is_needed_and_its_absence_named() {
    let emu = Dedicated::start();
    let (prepared, needed) = prepare(cases(&emu));
    let mut noticed: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    emu.enforce_iam();
    let probe = &prepared[0].case.acct;
    assert_eq!(probe.awsvpc("enis").cluster("prod").run().code, exit::AWS_UNAVAILABLE, "enforcement is on");
    for p in &prepared {
        let r = as_user(&p.full, p.case.command());
        let want = p.baseline.as_ref().map(|b| b.code).unwrap_or(exit::OK);
        assert_eq!(r.code, want, "{} with its policy: {}\n{}", p.case.label, r.stdout, r.stderr);
        if let Some(b) = &p.baseline {
            assert_eq!(comparable(&r), comparable(b), "{}: the same result as without restriction", p.case.label);
        }
        for (action, u) in &p.reduced {
            if judge(p, action, &as_user(u, p.case.command())) {
                noticed.entry(p.case.policy).or_default().insert(action.clone());
            }
        }
    }
    // Every action of every policy is one some case calls and misses.
    let mut unproven = Vec::new();
    for name in needed.keys() {
        let seen = noticed.get(name).cloned().unwrap_or_default();
        let missing: Vec<String> = actions(&policy_for(name)).into_iter().filter(|a| !seen.contains(a)).collect();
        let (called, never): (Vec<String>, Vec<String>) = missing.into_iter().partition(|a| needed[name].contains(a));
        if !never.is_empty() {
            unproven.push(format!("iam-policy {name}: no case calls {never:?}"));
        }
        if !called.is_empty() {
            unproven.push(format!("iam-policy {name}: called, but no case misses {called:?}"));
        }
    }
    assert!(
        unproven.is_empty(),
        "actions no case of the command needs (drop them or add the case):\n{}",
        unproven.join("\n")
    );
}

/// An account with every fix `check --fix` makes to do: no ECS service-linked role, DNS support
/// and hostnames off, awsvpcTrunking off for the instance role; and one whose account default
/// lacks dualStackIPv6 (fixed as the account default). Its private subnets.
fn broken(acct: &Account, default_only: bool) -> Vec<String> {
    let params = if default_only {
        json!({"instances": [], "ipv6": true, "settings": {"default": {"dualStackIPv6": "disabled"}}, "allow_principals": true})
    } else {
        json!({"instances": [{"trunk": false, "subnet": 0}, {"trunk": false, "subnet": 1}], "service_linked_role": false,
               "dns_support": false, "dns_hostnames": false, "settings": {"caller": {"awsvpcTrunking": "enabled"}},
               "allow_principals": true})
    };
    acct.seed(Seed::cluster().params(params)).private_subnets()
}

/// `check --fix` of a `broken` account's subnets.
fn fix<'a>(acct: &'a Account, subnets: &[String], default_only: bool) -> Awsvpc<'a> {
    let cmd = acct.awsvpc("check").cluster("prod").subnets(subnets).fix().yes().json();
    if default_only {
        // The caller has no setting of its own: the account default decides, and is fixed.
        return cmd.require("ipv6").only("account.dual-stack-ipv6");
    }
    cmd
}

const CHANGES: &[&str] =
    &["iam:CreateServiceLinkedRole", "ecs:PutAccountSetting", "ecs:PutAccountSettingDefault", "ec2:ModifyVpcAttribute"];

/// `check --fix` under IAM enforcement: with exactly `iam-policy check-fix` every fix is applied
/// (the service-linked role's statement scoped by iam:AWSServiceName as IAM documents it); with one
/// change action removed, that fix fails naming it and the others are still made. Each run has an
/// account of its own, broken the same way.
#[test]
fn check_fix_works_with_exactly_its_policy_and_names_each_missing_change() {
    let emu = Dedicated::start();
    let policy = policy_for("check-fix");
    let mut runs = Vec::new();
    for default_only in [false, true] {
        for removed in std::iter::once(None).chain(CHANGES.iter().map(Some)) {
            let acct = emu.account();
            let subnets = broken(&acct, default_only);
            let p = removed.map_or(policy.clone(), |a| without(&policy, a));
            let u = user(&acct, "fixer", &p);
            runs.push((acct, subnets, u, removed, default_only));
        }
    }
    emu.enforce_iam();
    let mut made: BTreeSet<String> = BTreeSet::new();
    let mut missed: BTreeSet<String> = BTreeSet::new();
    for (acct, subnets, u, removed, default_only) in &runs {
        acct.clear_calls();
        let r = as_user(u, fix(acct, subnets, *default_only));
        let v = r.json();
        let fixes = v["fixes"].as_array().expect("fixes");
        let calls: BTreeSet<String> = called(acct).into_iter().filter(|a| CHANGES.contains(&a.as_str())).collect();
        let what = format!("check --fix (default_only {default_only}) without {removed:?}");
        match removed {
            None => {
                assert_eq!(r.code, exit::OK, "{what}: {}\n{}", r.stdout, r.stderr);
                assert!(fixes.iter().all(|f| f["result"] == "applied"), "{what}: {v:#}");
                assert_eq!(v["after"]["summary"]["fail"], 0, "{what}: {v:#}");
                made.extend(calls);
            }
            Some(action) if calls.contains(**action) => {
                let op = action.split(':').nth(1).unwrap();
                let failed: Vec<&Value> = fixes.iter().filter(|f| f["result"] != "applied").collect();
                assert!(!failed.is_empty(), "{what}: its fix fails: {v:#}");
                for f in failed {
                    // Only its fixes fail (both VPC attributes are one action), each naming it.
                    let said = f["result"].as_str().unwrap_or_default();
                    assert!(said.contains(op) && said.contains("not authorized"), "{what}: {said}");
                }
                assert_ne!(r.code, exit::OK, "{what}: a fix that failed is no success");
                missed.insert(action.to_string());
            }
            Some(_) => {}
        }
    }
    let all: BTreeSet<String> = CHANGES.iter().map(|a| a.to_string()).collect();
    assert_eq!(made, all, "the fixes make every change action of the policy");
    assert_eq!(missed, all, "each change action, removed, fails its fix by name");
}
