//! The registry's `needs`, proven against the check functions. Each optional fact is left out as
//! a gathering that does not ask for it leaves it (`without`); a check is evaluated as the
//! commands evaluate it (the launch target resolved from the facts, the capacity computed once).
//! Every fact a check names changes its findings in some scenario when left out (it is read), and
//! the facts it does not name, left out one at a time or all at once, change them in none (a
//! gathering for the check may skip them).

use super::testing::{self, ROLE};
use super::*;
use crate::inventory::{
    Awslogs, CapacityProvider, ContainerNeeds, ExecRole, Grant, Grants, Need, NetworkInterface, PathFacts,
    SecurityGroup, TaskDefinition,
};

/// Facts a check reads only when another check asked for them: network.internet-egress defers to
/// network.pull-path on public subnets when the path was read, and never asks for it.
const CONSULTED: &[(CheckId, Need)] = &[(CheckId::InternetEgress, Need::PullPath)];

/// The facts as a gathering that does not ask for `need` leaves them (`aws::gather`).
fn without(facts: &Facts, plan: &Plan, need: Need) -> Facts {
    let mut f = facts.clone();
    match need {
        Need::ServiceLinkedRole => f.service_linked_role = None,
        Need::AccountSettings => {
            f.caller_settings = None;
            f.default_settings = None;
        }
        Need::InstanceEnis => f.clusters.iter_mut().for_each(|c| c.instance_enis = None),
        Need::RoleSettings => f.clusters.iter_mut().for_each(|c| c.role_settings.clear()),
        Need::ExecutionRole => {
            f.execution_role = None;
            f.execution_grants = None;
            f.log_groups.clear();
        }
        Need::PullPath => {
            f.pull_path = None;
            // Without subnets, the route tables are read for the path only.
            if plan.subnets.is_empty() {
                f.route_tables = None;
            }
        }
        Need::Strategies => f.clusters.iter_mut().for_each(|c| {
            c.default_strategy = Ok(vec![]);
            c.providers.clear();
        }),
    }
    f
}

/// A check's findings as a command gets them: the launch target resolved, the capacity computed.
fn findings(c: &Check, plan: &Plan, facts: &Facts) -> Vec<Finding> {
    c.eval(&with_target(plan, facts), facts, &Capacities::of(facts))
}

/// A task definition that needs its execution role: a private ECR image and an awslogs group
/// that must exist; compatible with EC2 only.
fn task_definition(execution_role: bool) -> TaskDefinition {
    TaskDefinition {
        arn: format!("arn:aws:ecs:us-east-1:{}:task-definition/web:1", testing::ACCOUNT),
        network_mode: "awsvpc".into(),
        requires_compatibilities: vec!["EC2".into()],
        compatibilities: vec!["EC2".into()],
        cpu: Some("256".into()),
        memory: Some("512".into()),
        execution_role_arn: execution_role.then(|| format!("arn:aws:iam::{}:role/exec", testing::ACCOUNT)),
        containers: vec![ContainerNeeds {
            name: "app".into(),
            image: format!("{}.dkr.ecr.us-east-1.amazonaws.com/app:1", testing::ACCOUNT),
            awslogs: Some(Awslogs { group: "/ecs/web".into(), region: None, create_group: false }),
            ..ContainerNeeds::default()
        }],
        ..TaskDefinition::default()
    }
}

fn provider(name: &str) -> CapacityProvider {
    let kind = if name == "FARGATE" { "FARGATE" } else { "EC2_AUTOSCALING" };
    CapacityProvider {
        name: name.into(),
        kind: kind.into(),
        managed_scaling: name != "FARGATE",
        max_scaling_step: None,
    }
}

/// Every optional fact present and telling: the service-linked role missing, trunking enabled
/// for the caller but `role_trunking` for the instance role, an ENI attached by hand (the one
/// c5.large then full), a public subnet, the execution role read with a grant denied and its log
/// group missing, the path read, the cluster's default strategy `strategy`.
fn rich(role_trunking: &str, agent: &str, strategy: &str, execution_role: bool) -> Facts {
    let mut a = testing::instance("a", "us-east-1a");
    a.agent_version = Some(agent.into());
    let mut c = testing::cluster(vec![a.clone()], vec![testing::eni_task(&a, "eni-1")], role_trunking);
    let eni = |id: &str, index| NetworkInterface {
        id: id.into(),
        attached_instance_id: Some("i-a".into()),
        device_index: Some(index),
        ..NetworkInterface::default()
    };
    c.instance_enis = Some(Ok(vec![eni("eni-1", 1), eni("eni-hand", 2)]));
    c.default_strategy = Ok(vec![strategy.into()]);
    c.providers = [(strategy.to_string(), Ok(provider(strategy)))].into();
    let mut shared = testing::subnet("subnet-a", "us-east-1a");
    shared.owner_id = Some("999999999999".into());
    let exec = format!("arn:aws:iam::{}:role/exec", testing::ACCOUNT);
    let grant = Grant { action: "ecr:BatchGetImage".into(), resource: "*".into(), why: "pulling".into() };
    Facts {
        service_linked_role: Some(Ok(false)),
        security_groups: Some(Ok(vec![SecurityGroup {
            id: "sg-1".into(),
            name: "web".into(),
            vpc_id: "vpc-1".into(),
        }])),
        route_tables: Some(Ok(vec![testing::route_table(&["subnet-a"], "igw-1")])),
        caller_settings: Some(Ok(testing::settings("enabled", "disabled"))),
        clusters: vec![c],
        task_definition: Some(Ok(task_definition(execution_role))),
        execution_role: Some(Ok(ExecRole {
            arn: exec.clone(),
            name: "exec".into(),
            exists: true,
            trusted_services: vec!["ecs-tasks.amazonaws.com".into()],
        })),
        execution_grants: Some(Ok(Grants {
            method: "SimulatePrincipalPolicy".into(),
            verdicts: vec![(grant, Some(false))],
            ..Grants::default()
        })),
        log_groups: [("/ecs/web".to_string(), Ok(false))].into(),
        pull_path: Some(Ok(PathFacts { vpc_id: "vpc-1".into(), ..PathFacts::default() })),
        instance_subnets: Some(Ok(vec![shared])),
        ..testing::populated()
    }
}

/// (name, plan, facts): the rich facts under plans that ask each question.
fn scenarios() -> Vec<(String, Plan, Facts)> {
    let facts = [
        ("trunking off for the role, Fargate by default", rich("disabled", "1.80.0", "FARGATE", true)),
        ("trunking on for the role, an old agent, EC2 by default", rich("enabled", "1.20.0", "asg-cp", false)),
        ("no execution role, Fargate by default", rich("enabled", "1.80.0", "FARGATE", false)),
    ];
    let subnets = testing::plan_with_subnets;
    let plans = [
        ("no subnets", Plan::default()),
        ("subnets", Plan { security_groups: vec!["sg-1".into()], ..subnets() }),
        ("requirements", Plan { require_trunking: true, require_ipv6: true, tasks: Some(5), ..subnets() }),
        ("Fargate given", Plan { launch_type: "FARGATE", launch_type_given: true, tasks: Some(1), ..subnets() }),
    ];
    let mut out = Vec::new();
    for (fname, f) in &facts {
        for (pname, p) in &plans {
            out.push((format!("{fname}; {pname}"), p.clone(), f.clone()));
        }
    }
    out
}

#[test]
fn each_need_named_is_read() {
    let scenarios = scenarios();
    let mut unread = Vec::new();
    for c in CHECKS {
        for need in c.needs {
            let read = scenarios
                .iter()
                .any(|(_, plan, facts)| findings(c, plan, facts) != findings(c, plan, &without(facts, plan, *need)));
            if !read {
                unread.push(format!("{} never reads {need:?}", c.name));
            }
        }
    }
    assert!(unread.is_empty(), "needs named but never read: {unread:#?}");
}

#[test]
fn facts_not_named_change_no_finding() {
    let mut read = Vec::new();
    for (scenario, plan, facts) in scenarios() {
        for c in CHECKS {
            let expected = findings(c, &plan, &facts);
            let unnamed: Vec<Need> =
                Need::ALL.into_iter().filter(|n| !c.needs.contains(n) && !CONSULTED.contains(&(c.id, *n))).collect();
            for need in &unnamed {
                if findings(c, &plan, &without(&facts, &plan, *need)) != expected {
                    read.push(format!("{} reads {need:?} ({scenario})", c.name));
                }
            }
            let bare = unnamed.iter().fold(facts.clone(), |f, n| without(&f, &plan, *n));
            if findings(c, &plan, &bare) != expected {
                read.push(format!("{} reads the facts it does not name, together ({scenario})", c.name));
            }
        }
    }
    assert!(read.is_empty(), "facts read but not named in the registry: {read:#?}");
}

/// The scenarios are telling: every optional fact is read by some check, and each check reports.
#[test]
fn the_scenarios_make_every_check_report() {
    for c in CHECKS {
        assert!(scenarios().iter().any(|(_, p, f)| !findings(c, p, f).is_empty()), "{} says nothing", c.name);
    }
    let named: Needs = needs(CHECKS.iter().map(|c| &c.id).collect::<Vec<_>>());
    assert_eq!(named.iter().collect::<Vec<_>>(), Need::ALL, "every optional fact is some check's need");
    assert!(
        findings(CheckId::AwsvpcTrunking.check(), &Plan::default(), &rich("disabled", "1.80.0", "FARGATE", true))
            .iter()
            .any(|f| f.resource == ROLE && f.status == Status::Warn)
    );
}

#[test]
fn needs_of_a_selection_are_the_union() {
    let none: [CheckId; 0] = [];
    assert_eq!(needs(&none), Needs::NONE);
    let n = needs(&[CheckId::ManualEnis, CheckId::ServiceLinkedRole]);
    assert_eq!(n, Needs::of(&[Need::InstanceEnis, Need::ServiceLinkedRole]));
    let preflight = needs(&preflight("FARGATE"));
    assert!(!preflight.has(Need::AccountSettings) && !preflight.has(Need::InstanceEnis), "{preflight:?}");
    assert!(
        preflight.has(Need::PullPath) && preflight.has(Need::ExecutionRole) && preflight.has(Need::ServiceLinkedRole)
    );
}
