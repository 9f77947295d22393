//! `awsvpc run`: launch awsvpc tasks safely. Validate everything first (nothing is launched on
//! bad input), evaluate the preflight checks the registry marks for a launch, say exactly what
//! will be launched and ask (or require --yes), launch once with a client token, never ignore
//! `failures[]`, wait with a progress display, explain stops, show the ENIs.

mod plan;

use anyhow::Result;

pub use plan::{Plan, ec2_for_sure, public_ip_refused};

use crate::aws::{self, Aws, ec2, ecs, ecs_clusters, gather};
use crate::checks::{self, Finding, Status};
use crate::error::{Failure, Kind, invalid};
use crate::inventory::{Fact, RunTaskRequest, Service, Task};
use crate::output::Console;
use crate::output::enis;
use crate::output::run::{ExplainedFailure, RunReport, StoppedTask};
use crate::rules::capacity::{self, ClusterCapacity};
use crate::rules::reasons;
use crate::rules::target::{self, Target};
use crate::signals::{self, Interrupt};

/// A signal before the launch: nothing is left behind.
fn interrupted_before_launch(code: i32) -> anyhow::Error {
    let message = format!("{}: nothing was launched", signals::word(code));
    Failure { kind: Kind::Interrupted(code), message, code: None, hint: None }.into()
}

/// A signal after the launch: the tasks are named with the command that stops them.
fn interrupted_after_launch(code: i32, cluster: &str, arns: &[String]) -> anyhow::Error {
    Failure {
        kind: Kind::Interrupted(code),
        message: format!("{} while waiting; the tasks keep running: {}", signals::word(code), arns.join(" ")),
        code: None,
        hint: Some(format!("stop them with: awsvpc stop --cluster {cluster} {}", arns.join(" "))),
    }
    .into()
}

/// The RunTask request: the command line, with the service's values where it gave none.
fn request(plan: &Plan, svc: Option<&Service>) -> RunTaskRequest {
    let or_service = |given: &Vec<String>, of: fn(&Service) -> &Vec<String>| {
        if given.is_empty() { svc.map(|s| of(s).clone()).unwrap_or_default() } else { given.clone() }
    };
    let strategy_given = plan.launch_type.is_some() || !plan.capacity_providers.is_empty();
    // The service's strategy, else its own launch type, else nothing: the cluster's default
    // strategy then applies (a launch type would bypass capacity providers and their scaling).
    let launch_type = match svc {
        _ if strategy_given => plan.launch_type,
        Some(s) if !s.capacity_provider_strategy.is_empty() => None,
        Some(s) => s.launch_type.as_deref().map(checks::launch_type_of),
        None => None,
    };
    let capacity_providers = match svc {
        Some(s) if !strategy_given => s
            .capacity_provider_strategy
            .iter()
            .map(|(n, w, b)| crate::inventory::CapacityProviderItem {
                name: n.clone(),
                weight: Some(*w),
                base: Some(*b),
            })
            .collect(),
        _ => plan.capacity_providers.clone(),
    };
    RunTaskRequest {
        cluster: plan.cluster.clone(),
        task_definition: plan
            .task_definition
            .clone()
            .or_else(|| svc.map(|s| s.task_definition.clone()))
            .unwrap_or_default(),
        count: plan.count,
        client_token: plan.client_token.clone(),
        subnets: or_service(&plan.subnets, |s| &s.subnets),
        security_groups: or_service(&plan.security_groups, |s| &s.security_groups),
        public_ip: plan.public_ip.unwrap_or_else(|| svc.is_some_and(|s| s.assign_public_ip)),
        launch_type: launch_type.map(str::to_string),
        capacity_providers,
        platform_version: plan.platform_version.clone().or_else(|| svc.and_then(|s| s.platform_version.clone())),
        started_by: plan.started_by.clone(),
        group: plan.group.clone(),
        tags: plan.tags.clone(),
        propagate_tags: plan.propagate_tags.map(str::to_string),
        enable_execute_command: plan.enable_execute_command || svc.is_some_and(|s| s.enable_execute_command),
        containers: plan.containers.clone(),
    }
}

/// What was learned before the launch.
struct Prepared {
    request: RunTaskRequest,
    target: Target,
    /// The account the tasks are launched in (STS GetCallerIdentity).
    account: String,
    preflight: Vec<Finding>,
    capacity: Option<ClusterCapacity>,
    /// The Availability Zones of the request's subnets.
    zones: Vec<String>,
}

/// Everything before the launch: read-only calls only.
async fn prepare(aws: &Aws, console: &dyn Console, plan: &Plan) -> Result<Prepared> {
    let svc = match &plan.like_service {
        Some(name) => Some(ecs::service(aws, &plan.cluster, name).await?),
        None => None,
    };
    let req = request(plan, svc.as_ref());
    if req.subnets.is_empty() {
        return Err(Failure::usage("--subnets is required: the service has no awsvpc subnets").into());
    }
    let (target, known, account) = tokio::join!(
        launch_target(aws, plan, &req),
        validate_against_aws(aws, &req),
        aws::account::caller_account(aws)
    );
    let (target, known) = (target?, known?);
    let account = account.unwrap_or_else(|e| {
        console.warn(&format!("the account cannot be named: {}", e.message));
        "unknown".to_string()
    });
    if let Some(unknown) = &target.unknown {
        console.warn(unknown);
    }
    if req.public_ip && target.launch_type != "FARGATE" {
        return Err(plan::public_ip_refused(&target.why));
    }
    let mut zones: Vec<String> = known.subnets.iter().flatten().map(|s| s.availability_zone.clone()).collect();
    zones.sort();
    zones.dedup();
    if !plan.preflight {
        return Ok(Prepared { request: req, target, account, preflight: vec![], capacity: None, zones });
    }
    let (preflight, capacity, refused) = preflight(aws, plan, &req, &target, &zones, known).await?;
    // The execution role judged from its own policies rests on weaker evidence than the
    // simulator's (no permissions boundaries, only the condition keys awsvpc reads): said.
    if let Some(why) = refused {
        console.warn(&format!(
            "preflight: the task execution role was judged from its own policies: SimulatePrincipalPolicy was refused ({why})"
        ));
    }
    for f in &preflight {
        let line = format!("preflight {}", f.line());
        if f.status == Status::Fail {
            console.problem(&line, f.remediation.as_deref());
        } else {
            console.warn(&line);
        }
    }
    Ok(Prepared { request: req, target, account, preflight, capacity, zones })
}

/// The launch target AWS will use (rules::target): the request's launch type, else its strategy
/// (the command line's or the service's), else the cluster's default strategy. DescribeClusters
/// also proves the cluster exists, so a dry run on a misspelled cluster fails as a launch would.
async fn launch_target(aws: &Aws, plan: &Plan, req: &RunTaskRequest) -> Result<Target> {
    let strategies = ecs_clusters::default_strategies(aws, std::slice::from_ref(&req.cluster)).await;
    let default: Fact<Vec<String>> = match strategies {
        Err(e) if e.kind == Kind::Usage => return Err(e.into()),
        other => other.map(|m| m.get(&req.cluster).cloned().unwrap_or_default()),
    };
    if let Some(lt) = req.launch_type.as_deref() {
        let source = if plan.launch_type.is_some() { "--launch-type" } else { "the service's launch type" };
        return Ok(Target::launch_type(checks::launch_type_of(lt), format!("{source} {lt}")));
    }
    let given: Vec<String> = req.capacity_providers.iter().map(|p| p.name.clone()).collect();
    let mut names = given.clone();
    if let Ok(d) = &default {
        names.extend(d.iter().cloned());
    }
    let providers = ecs_clusters::capacity_providers(aws, &names).await;
    let mut t = target::resolve(None, &given, Some(&default), &providers);
    if !given.is_empty() && plan.like_service.is_some() && plan.capacity_providers.is_empty() {
        t.why = t.why.replacen("capacity provider strategy", "the service's strategy", 1);
    }
    Ok(t)
}

/// The task definition, subnets and security groups exist, and are of one VPC: as read, for the
/// preflight.
async fn validate_against_aws(aws: &Aws, req: &RunTaskRequest) -> Result<gather::Known> {
    let (td, subnets, groups) =
        tokio::join!(ecs::task_definition(aws, &req.task_definition), ec2::subnets(aws, &req.subnets), async {
            if req.security_groups.is_empty() {
                Ok(vec![])
            } else {
                ec2::security_groups(aws, &req.security_groups).await
            }
        });
    let (td, subnets, groups) = (td?, subnets?, groups?);
    if td.network_mode != "awsvpc" {
        return Err(invalid(
            "--task-definition",
            &req.task_definition,
            &format!("a task definition of network mode awsvpc (this one is {})", td.network_mode),
        ));
    }
    if let Some(s) = req.subnets.iter().find(|s| !subnets.iter().any(|x| &x.id == *s)) {
        return Err(invalid("--subnets", s, "an existing subnet of this account and region"));
    }
    if let Some(g) = req.security_groups.iter().find(|g| !groups.iter().any(|x| &x.id == *g)) {
        return Err(invalid("--security-groups", g, "an existing security group of this account and region"));
    }
    let mut vpcs: Vec<&str> =
        subnets.iter().map(|s| s.vpc_id.as_str()).chain(groups.iter().map(|g| g.vpc_id.as_str())).collect();
    vpcs.sort();
    vpcs.dedup();
    if vpcs.len() > 1 {
        let msg = format!("--subnets and --security-groups must be in one VPC; they span {}", vpcs.join(", "));
        return Err(Failure::usage(msg).into());
    }
    Ok(gather::Known { task_definition: Some(td), subnets: Some(subnets), security_groups: Some(groups) })
}

/// The preflight: the checks the registry marks for a launch of this kind, over facts gathered
/// for them only (the task definition, subnets and security groups as validated, not read
/// again). Findings of instances outside the subnets' AZs are left out: those instances take no
/// part in the launch.
async fn preflight(
    aws: &Aws,
    plan: &Plan,
    req: &RunTaskRequest,
    target: &Target,
    zones: &[String],
    known: gather::Known,
) -> Result<(Vec<Finding>, Option<ClusterCapacity>, Option<String>)> {
    let kind = target.launch_type;
    let checks = checks::Plan {
        subnets: req.subnets.clone(),
        security_groups: req.security_groups.clone(),
        launch_type: kind,
        launch_type_given: true,
        target: Some(target.clone()),
        public_ip: req.public_ip,
        selected: checks::preflight(kind),
        tasks: Some(plan.count),
        task_definition: Some(req.task_definition.clone()),
        ..checks::Plan::default()
    };
    let inputs = gather::Inputs {
        subnets: req.subnets.clone(),
        security_groups: req.security_groups.clone(),
        clusters: if kind == "EC2" { vec![plan.cluster.clone()] } else { vec![] },
        task_definition: Some(req.task_definition.clone()),
        launch_type_given: true,
        known,
        ..gather::Inputs::default()
    };
    let facts = gather::facts(aws, &gather::Request::for_checks(checks::needs(&checks.selected), inputs)).await?;
    let refused = match &facts.execution_grants {
        Some(Ok(g)) => g.simulator_refused.clone(),
        _ => None,
    };
    let all = checks::Capacities::of(&facts);
    let capacity = all.first().cloned();
    let outside = |f: &Finding| {
        f.check.scope() == checks::Scope::Instance
            && capacity.iter().flat_map(|c| &c.instances).any(|i| {
                i.container_instance_arn == f.resource
                    && i.availability_zone.as_ref().is_some_and(|az| !zones.contains(az))
            })
    };
    let findings = checks::evaluate_with(&checks, &facts, &all)
        .into_iter()
        .filter(|f| matches!(f.status, Status::Fail | Status::Warn | Status::Error) && !outside(f))
        .collect();
    Ok((findings, capacity, refused))
}

fn describe_launch(aws: &Aws, console: &dyn Console, plan: &Plan, r: &RunTaskRequest, target: &Target, account: &str) {
    if console.quiet() && plan.yes {
        return;
    }
    let how = format!("{} ({})", target.launch_type, target.why);
    let groups = if r.security_groups.is_empty() { "VPC default".to_string() } else { r.security_groups.join(",") };
    console.announce(&format!(
        "awsvpc run will launch {} of {} in cluster {} of account {account} ({}) on {how} (subnets {}; security groups \
         {groups}; public IP {}); client token {}",
        crate::output::count(r.count.into(), "task", "tasks"),
        r.task_definition,
        r.cluster,
        aws.region,
        r.subnets.join(","),
        if r.public_ip { "ENABLED" } else { "DISABLED" },
        r.client_token
    ));
}

/// Resolves, validates against AWS, preflights, launches, waits.
pub async fn run(aws: &Aws, console: &dyn Console, plan: &Plan) -> Result<RunReport> {
    let interrupt = Interrupt::listen();
    let prepared = tokio::select! {
        r = prepare(aws, console, plan) => r?,
        code = interrupt.wait() => return Err(interrupted_before_launch(code)),
    };
    let req = &prepared.request;
    let mut report = RunReport {
        cluster: plan.cluster.clone(),
        task_definition: req.task_definition.clone(),
        launch_type: prepared.target.launch_type.to_string(),
        client_token: plan.client_token.clone(),
        requested: plan.count,
        launched: false,
        request: None,
        preflight: prepared.preflight.clone(),
        task_arns: vec![],
        failures: vec![],
        stopped: vec![],
        waited: false,
        timed_out: false,
        tasks: None,
    };
    if plan.dry_run {
        report.request = Some(req.clone());
        return Ok(report);
    }
    // A check that could not be evaluated is no green light: it stops the launch as a failure does.
    if report.preflight.iter().any(|f| matches!(f.status, Status::Fail | Status::Error)) && !plan.force {
        console.warn("the preflight failed or could not be evaluated: nothing was launched (--force launches anyway)");
        return Ok(report);
    }
    describe_launch(aws, console, plan, req, &prepared.target, &prepared.account);
    if !plan.yes && !console.confirm("Launch?")? {
        return Err(Failure::usage("nothing was launched (not confirmed)").into());
    }
    if let Some(code) = interrupt.code() {
        return Err(interrupted_before_launch(code));
    }
    let launched = ecs::run_task(aws, req).await?;
    report.launched = true;
    report.task_arns = launched.tasks.iter().map(|t| t.arn.clone()).collect();
    report.failures = explain_failures(aws, console, plan, &prepared, &launched.failures).await;
    if report.task_arns.is_empty() {
        return Ok(report);
    }
    let mut tasks = launched.tasks;
    if plan.wait {
        report.waited = true;
        let (t, timed_out) = wait_running(aws, console, plan, &report.task_arns, &tasks, &interrupt).await?;
        tasks = t;
        report.timed_out = timed_out;
    }
    report.stopped = explain_stops(console, &tasks);
    if report.timed_out {
        let states: Vec<String> = tasks.iter().map(|t| format!("{} {}", t.id, t.last_status)).collect();
        console
            .problem(&format!("timed out after {:?} waiting for RUNNING: {}", plan.timeout, states.join(", ")), None);
    }
    let eni_ids: Vec<String> =
        tasks.iter().flat_map(|t| t.eni_attachments().filter_map(|a| a.eni_id().map(str::to_string))).collect();
    let found = if eni_ids.is_empty() { Default::default() } else { ec2::network_interfaces(aws, &eni_ids).await? };
    report.tasks = Some(enis::build(&aws.region, vec![plan.cluster.clone()], tasks, vec![], Some(&found)));
    Ok(report)
}

/// RunTask's `failures[]`, each explained with the capacity of the instances that could have
/// taken the task (those in the subnets' AZs).
async fn explain_failures(
    aws: &Aws,
    console: &dyn Console,
    plan: &Plan,
    prepared: &Prepared,
    failures: &[crate::inventory::PlacementFailure],
) -> Vec<ExplainedFailure> {
    // Without the preflight's facts, the capacity is fetched to explain ENI placement failures.
    let fetched = match &prepared.capacity {
        None if failures.iter().any(|f| f.reason == "RESOURCE:ENI") => {
            let inputs = gather::Inputs { launch_type_given: true, ..gather::Inputs::default() };
            let req = gather::Request::for_checks(checks::needs(&[checks::CheckId::ClusterCapacity]), inputs);
            gather::cluster(aws, &plan.cluster, &req).await.ok().and_then(|c| capacity::of_cluster(&c))
        }
        _ => None,
    };
    let capacity = prepared.capacity.as_ref().or(fetched.as_ref());
    failures
        .iter()
        .map(|f| {
            let explanation = reasons::placement_failure(&f.reason, f.detail.as_deref(), capacity, &prepared.zones);
            console.problem(
                &format!("RunTask could not place a task: {}: {}", f.reason, explanation.explanation),
                explanation.fix.as_deref(),
            );
            ExplainedFailure { arn: f.arn.clone(), reason: f.reason.clone(), detail: f.detail.clone(), explanation }
        })
        .collect()
}

fn explain_stops(console: &dyn Console, tasks: &[Task]) -> Vec<StoppedTask> {
    tasks
        .iter()
        .filter(|t| t.last_status == "STOPPED" || t.desired_status == "STOPPED")
        .map(|t| {
            let e = reasons::stop_reason(t.stop_code.as_deref(), t.stopped_reason.as_deref());
            let why = e.as_ref().map(|e| e.explanation.as_str()).unwrap_or("no reason given");
            console.problem(&format!("task {} stopped: {why}", t.id), None);
            StoppedTask {
                task_arn: t.arn.clone(),
                stop_code: t.stop_code.clone(),
                stopped_reason: t.stopped_reason.clone(),
                explanation: e,
            }
        })
        .collect()
}

/// Polls until every task is RUNNING or STOPPED, the timeout passes, or Ctrl-C.
async fn wait_running(
    aws: &Aws,
    console: &dyn Console,
    plan: &Plan,
    arns: &[String],
    initial: &[Task],
    interrupt: &Interrupt,
) -> Result<(Vec<Task>, bool)> {
    let mut display = console.task_lines(arns);
    display.update(initial);
    let settled = |ts: &[Task]| {
        ts.len() == arns.len() && ts.iter().all(|t| t.last_status == "RUNNING" || t.last_status == "STOPPED")
    };
    let out = tokio::select! {
        r = ecs::poll_tasks(aws, &plan.cluster, arns, plan.poll, plan.timeout, |t| display.update(t), settled) => Ok(r),
        code = interrupt.wait() => Err(code),
    };
    display.finish();
    match out {
        Ok(r) => Ok(r?),
        Err(code) => Err(interrupted_after_launch(code, &plan.cluster, arns)),
    }
}
