//! `awsvpc run`: launch awsvpc tasks safely. Validate everything first (nothing is launched on
//! bad input), run the relevant checks of `check` as a preflight, say exactly what will be
//! launched and ask (or require --yes), launch once with a client token, never ignore
//! `failures[]`, wait with a progress display, explain stops, show the ENIs.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;
use aws_sdk_ecs::types::{
    AssignPublicIp as SdkPublicIp, AwsVpcConfiguration, CapacityProviderStrategyItem, ContainerOverride, KeyValuePair,
    LaunchType as SdkLaunchType, NetworkConfiguration, PropagateTags as SdkPropagateTags, Tag, TaskOverride,
};
use serde::Serialize;
use serde_json::json;

use crate::aws::Aws;
use crate::cli::{AssignPublicIp, LaunchType, PropagateTags, RunArgs};
use crate::commands::check::{self, Finding, Status};
use crate::commands::enis::{self, EnisReport};
use crate::error::{from_sdk, invalid, Failure, Kind};
use crate::exit;
use crate::fetch::{self, Described};
use crate::ids;
use crate::inventory::Task;
use crate::output::{Mode, Render};
use crate::reasons::{self, Explained};

/// A validated launch.
#[derive(Debug, Clone)]
pub struct Plan {
    pub cluster: String,
    pub task_definition: Option<String>,
    pub like_service: Option<String>,
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    pub public_ip: Option<bool>,
    pub launch_type: Option<&'static str>,
    /// (name, weight, base)
    pub capacity_providers: Vec<(String, Option<i32>, Option<i32>)>,
    pub platform_version: Option<String>,
    pub count: u32,
    pub started_by: Option<String>,
    pub group: Option<String>,
    pub tags: Vec<(String, String)>,
    pub propagate_tags: Option<&'static str>,
    pub enable_execute_command: bool,
    /// (container, command)
    pub commands: Vec<(String, Vec<String>)>,
    /// (container, name, value)
    pub env: Vec<(String, String, String)>,
    pub client_token: String,
    pub preflight: bool,
    pub force: bool,
    pub wait: bool,
    pub timeout: Duration,
    pub poll: Duration,
    pub dry_run: bool,
    pub yes: bool,
}

fn container_name(option: &str, name: &str, whole: &str) -> Result<()> {
    if ids::is_name(name) {
        Ok(())
    } else {
        Err(invalid(option, whole, "a container name (letters, digits, - and _) before the separator"))
    }
}

/// Validates every option; nothing here calls AWS.
pub fn plan(args: &RunArgs) -> Result<Plan> {
    let cluster = match &args.cluster {
        Some(c) => ids::parse_cluster("--cluster", c)?,
        None => "default".to_string(),
    };
    if let Some(td) = &args.task_definition {
        ids::check_task_definition("--task-definition", td)?;
    }
    if let Some(s) = &args.like_service {
        ids::check_name("--like-service", s)?;
    }
    if args.task_definition.is_none() && args.like_service.is_none() {
        return Err(Failure::usage("--task-definition is required (or --like-service to take a service's)").into());
    }
    ids::check_ec2_ids("--subnets", "subnet-", &args.subnets)?;
    ids::check_ec2_ids("--security-groups", "sg-", &args.security_groups)?;
    if args.subnets.len() > 16 {
        return Err(invalid("--subnets", &args.subnets.join(","), "at most 16 subnets (awsvpcConfiguration's limit)"));
    }
    if args.security_groups.len() > 5 {
        return Err(invalid(
            "--security-groups",
            &args.security_groups.join(","),
            "at most 5 security groups (awsvpcConfiguration's limit)",
        ));
    }
    if args.subnets.is_empty() && args.like_service.is_none() {
        return Err(
            Failure::usage("--subnets is required: awsvpc tasks need 1 to 16 subnets (or --like-service)").into()
        );
    }
    let mut capacity_providers = Vec::new();
    for cp in &args.capacity_provider {
        let parts: Vec<&str> = cp.split(':').collect();
        let num = |i: usize, max: i32| -> Result<Option<i32>> {
            match parts.get(i) {
                None => Ok(None),
                Some(v) => match v.parse::<i32>() {
                    Ok(n) if (0..=max).contains(&n) => Ok(Some(n)),
                    _ => Err(invalid("--capacity-provider", cp, "NAME[:WEIGHT[:BASE]], weight 0-1000, base 0-100000")),
                },
            }
        };
        if parts.len() > 3 || !ids::is_name(parts[0]) {
            return Err(invalid("--capacity-provider", cp, "NAME[:WEIGHT[:BASE]], weight 0-1000, base 0-100000"));
        }
        capacity_providers.push((parts[0].to_string(), num(1, 1000)?, num(2, 100_000)?));
    }
    let launch_type = args.launch_type.map(|l| match l {
        LaunchType::Ec2 => "EC2",
        LaunchType::Fargate => "FARGATE",
        LaunchType::External => "EXTERNAL",
    });
    let public_ip = args.assign_public_ip.map(|a| a == AssignPublicIp::Enabled);
    let fargate_only = launch_type == Some("FARGATE")
        || (!capacity_providers.is_empty() && capacity_providers.iter().all(|(n, _, _)| n.starts_with("FARGATE")));
    if public_ip == Some(true) && args.like_service.is_none() && !fargate_only {
        return Err(invalid(
            "--assign-public-ip",
            "ENABLED",
            "a public IP is only for Fargate (task ENIs on EC2 never get one); use --launch-type FARGATE or a private subnet with NAT",
        ));
    }
    if let Some(v) = &args.platform_version {
        let ok = v == "LATEST" || v.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            return Err(invalid("--platform-version", v, "LATEST or a version such as 1.4.0"));
        }
    }
    if let Some(s) = &args.started_by {
        ids::check_started_by("--started-by", s)?;
    }
    if let Some(g) = &args.group {
        if g.is_empty() || g.len() > 255 || g.chars().any(char::is_control) {
            return Err(invalid("--group", g, "1-255 characters"));
        }
    }
    let mut tags = Vec::new();
    for t in &args.tags {
        let Some((k, v)) = t.split_once('=') else {
            return Err(invalid("--tag", t, "KEY=VALUE"));
        };
        if k.is_empty() || k.len() > 128 || v.len() > 256 || k.starts_with("aws:") {
            return Err(invalid(
                "--tag",
                t,
                "KEY=VALUE with a key of 1-128 characters (not aws:...) and a value of at most 256",
            ));
        }
        if tags.iter().any(|(existing, _)| existing == k) {
            return Err(Failure::usage(format!("--tag: key {k} is given twice")).into());
        }
        tags.push((k.to_string(), v.to_string()));
    }
    if tags.len() > 50 {
        return Err(Failure::usage("--tag: at most 50 tags").into());
    }
    let mut commands = Vec::new();
    for c in &args.commands {
        let Some((container, rest)) = c.split_once('=') else {
            return Err(invalid("--command", c, "CONTAINER=ARGS"));
        };
        container_name("--command", container, c)?;
        let argv: Vec<String> = if rest.trim_start().starts_with('[') {
            serde_json::from_str(rest).map_err(|_| {
                invalid("--command", c, "CONTAINER=[\"arg\", ...] (a JSON array of strings) or CONTAINER=words")
            })?
        } else {
            rest.split_whitespace().map(str::to_string).collect()
        };
        if argv.is_empty() {
            return Err(invalid("--command", c, "a non-empty command"));
        }
        if commands.iter().any(|(existing, _): &(String, Vec<String>)| existing == container) {
            return Err(Failure::usage(format!("--command: container {container} is given twice")).into());
        }
        commands.push((container.to_string(), argv));
    }
    let mut env = Vec::new();
    for e in &args.env {
        // Never echo the value back: the rule names only the form.
        let shown = e.split_once('=').map(|(k, _)| format!("{k}=...")).unwrap_or_else(|| e.clone());
        let parsed = e.split_once(':').and_then(|(c, kv)| kv.split_once('=').map(|(k, v)| (c, k, v)));
        let Some((container, name, value)) = parsed else {
            return Err(invalid("--env", &shown, "CONTAINER:NAME=VALUE"));
        };
        container_name("--env", container, &shown)?;
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(invalid("--env", &shown, "CONTAINER:NAME=VALUE with a NAME of letters, digits and _"));
        }
        env.push((container.to_string(), name.to_string(), value.to_string()));
    }
    let client_token = match &args.client_token {
        Some(t) => {
            if t.is_empty() || t.len() > 64 || !t.bytes().all(|b| (33..=126).contains(&b)) {
                return Err(invalid("--client-token", t, "1-64 printable ASCII characters without spaces"));
            }
            t.clone()
        }
        None => uuid::Uuid::new_v4().to_string(),
    };
    let timeout = ids::parse_duration("--timeout", &args.timeout)?;
    let poll = ids::parse_poll("--poll-interval", args.poll_interval)?;
    if !args.dry_run && !args.yes && !std::io::stdin().is_terminal() {
        return Err(Failure::usage(
            "awsvpc run launches tasks and there is no terminal to ask on: add --yes (or --dry-run)",
        )
        .into());
    }
    Ok(Plan {
        cluster,
        task_definition: args.task_definition.clone(),
        like_service: args.like_service.clone(),
        subnets: args.subnets.clone(),
        security_groups: args.security_groups.clone(),
        public_ip,
        launch_type,
        capacity_providers,
        platform_version: args.platform_version.clone(),
        count: args.count,
        started_by: args.started_by.clone(),
        group: args.group.clone(),
        tags,
        propagate_tags: args.propagate_tags.map(|p| match p {
            PropagateTags::TaskDefinition => "TASK_DEFINITION",
            PropagateTags::Service => "SERVICE",
            PropagateTags::None => "NONE",
        }),
        enable_execute_command: args.enable_execute_command,
        commands,
        env,
        client_token,
        preflight: !args.no_preflight,
        force: args.force,
        wait: !args.no_wait,
        timeout,
        poll,
        dry_run: args.dry_run,
        yes: args.yes,
    })
}

/// The launch after the service's values are merged in: what RunTask will get.
#[derive(Debug, Clone)]
struct Launch {
    task_definition: String,
    subnets: Vec<String>,
    security_groups: Vec<String>,
    public_ip: bool,
    launch_type: Option<&'static str>,
    capacity_providers: Vec<(String, Option<i32>, Option<i32>)>,
    platform_version: Option<String>,
    enable_execute_command: bool,
}

impl Launch {
    /// EC2, FARGATE or EXTERNAL, as the tasks will run (capacity providers: FARGATE* or EC2).
    fn kind(&self) -> &'static str {
        match self.launch_type {
            Some(l) => l,
            None if !self.capacity_providers.is_empty()
                && self.capacity_providers.iter().all(|(n, _, _)| n.starts_with("FARGATE")) =>
            {
                "FARGATE"
            }
            None => "EC2",
        }
    }
}

#[derive(Debug, Serialize)]
pub struct PlacementFailure {
    pub arn: Option<String>,
    pub reason: String,
    pub detail: Option<String>,
    pub explanation: Explained,
}

#[derive(Debug, Serialize)]
pub struct StoppedTask {
    pub task_arn: String,
    pub stop_code: Option<String>,
    pub stopped_reason: Option<String>,
    pub explanation: Option<Explained>,
}

#[derive(Debug, Serialize)]
pub struct RunReport {
    pub cluster: String,
    pub task_definition: String,
    pub launch_type: String,
    pub client_token: String,
    pub requested: u32,
    /// False with --dry-run, or when the preflight stopped the launch.
    pub launched: bool,
    /// The RunTask request (with --dry-run; environment values masked).
    pub request: Option<serde_json::Value>,
    /// Preflight findings that are not `pass` or `skip`.
    pub preflight: Vec<Finding>,
    pub task_arns: Vec<String>,
    pub failures: Vec<PlacementFailure>,
    pub stopped: Vec<StoppedTask>,
    pub waited: bool,
    pub timed_out: bool,
    /// The launched tasks and their ENIs, as `awsvpc enis` shows them.
    pub tasks: Option<EnisReport>,
}

impl RunReport {
    pub fn exit_code(&self) -> i32 {
        let preflight_failed = self.preflight.iter().any(|f| f.status == Status::Fail);
        if self.request.is_some() && !self.launched {
            return if preflight_failed { exit::FOUND_PROBLEM } else { exit::OK };
        }
        let all_launched = self.task_arns.len() as u32 == self.requested;
        if !self.launched || !all_launched || !self.failures.is_empty() || !self.stopped.is_empty() || self.timed_out {
            exit::FOUND_PROBLEM
        } else {
            exit::OK
        }
    }
}

/// The preflight's checks for this launch.
fn preflight_checks(kind: &str) -> Vec<&'static str> {
    let mut ids = vec![
        "account.service-linked-role",
        "network.subnet-count",
        "network.security-group-count",
        "network.exists",
        "network.single-vpc",
        "network.public-ip",
        "network.free-addresses",
        "network.internet-egress",
        "vpc.dns-support",
        "vpc.dns-hostnames",
        "taskdef.network-mode",
        "taskdef.compatibility",
    ];
    if kind == "EC2" {
        ids.extend([
            "network.instance-azs",
            "network.instances-vpc",
            "instance.status",
            "instance.agent-version",
            "instance.task-eni",
            "instance.os",
            "instance.manual-enis",
            "capacity.cluster",
        ]);
    }
    ids
}

/// Lets Ctrl-C be noticed at every step: before the launch nothing is left behind; after it the
/// tasks are named with the command that stops them.
#[derive(Clone)]
struct Interrupt {
    flag: Arc<AtomicBool>,
    notify: Arc<tokio::sync::Notify>,
}

impl Interrupt {
    fn listen() -> Interrupt {
        let i = Interrupt { flag: Arc::default(), notify: Arc::default() };
        let c = i.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                c.flag.store(true, Ordering::SeqCst);
                c.notify.notify_waiters();
            }
        });
        i
    }

    fn is_set(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }

    async fn wait(&self) {
        if !self.is_set() {
            self.notify.notified().await;
        }
    }
}

fn interrupted_before_launch() -> anyhow::Error {
    Failure { kind: Kind::Interrupted, message: "interrupted: nothing was launched".into(), code: None, hint: None }
        .into()
}

fn interrupted_after_launch(cluster: &str, arns: &[String]) -> anyhow::Error {
    Failure {
        kind: Kind::Interrupted,
        message: format!("interrupted while waiting; the tasks keep running: {}", arns.join(" ")),
        code: None,
        hint: Some(format!("stop them with: awsvpc stop --cluster {cluster} {}", arns.join(" "))),
    }
    .into()
}

/// Resolves, validates against AWS, preflights, launches, waits.
pub async fn run(aws: &Aws, mode: &Mode, plan: &Plan) -> Result<RunReport> {
    let interrupt = Interrupt::listen();
    let prepared = tokio::select! {
        r = prepare(aws, mode, plan) => r?,
        _ = interrupt.wait() => return Err(interrupted_before_launch()),
    };
    let (launch, preflight, capacity) = prepared;
    let mut report = RunReport {
        cluster: plan.cluster.clone(),
        task_definition: launch.task_definition.clone(),
        launch_type: launch.kind().to_string(),
        client_token: plan.client_token.clone(),
        requested: plan.count,
        launched: false,
        request: None,
        preflight,
        task_arns: vec![],
        failures: vec![],
        stopped: vec![],
        waited: false,
        timed_out: false,
        tasks: None,
    };
    let preflight_failed = report.preflight.iter().any(|f| f.status == Status::Fail);
    if plan.dry_run {
        report.request = Some(request_json(plan, &launch));
        return Ok(report);
    }
    if preflight_failed && !plan.force {
        mode.warn("the preflight failed: nothing was launched (--force launches anyway)");
        return Ok(report);
    }
    describe_launch(mode, plan, &launch);
    if !plan.yes && !crate::output::confirm("Launch?")? {
        return Err(Failure::usage("nothing was launched (not confirmed)").into());
    }
    if interrupt.is_set() {
        return Err(interrupted_before_launch());
    }

    // Exactly once: the client token makes RunTask idempotent, and the SDK's retries resend the
    // same request, token included.
    let out = build_request(aws, plan, &launch).send().await;
    let out = match out {
        Ok(o) => o,
        Err(e) => {
            if let Some(aws_sdk_ecs::operation::run_task::RunTaskError::ConflictException(c)) = e.as_service_error() {
                let tied = c.resource_ids().join(" ");
                return Err(Failure::usage(format!(
                    "client token {} was already used for another launch (ConflictException: {}); tasks tied to it: {}",
                    plan.client_token,
                    c.message().unwrap_or(""),
                    if tied.is_empty() { "none listed".to_string() } else { tied }
                ))
                .with_hint("use a new --client-token, or repeat the original launch exactly to get its tasks")
                .into());
            }
            return Err(from_sdk(
                &format!("launching {} in cluster {} (RunTask)", launch.task_definition, plan.cluster),
                e,
            ));
        }
    };
    report.launched = true;
    report.task_arns = out.tasks().iter().filter_map(|t| t.task_arn().map(str::to_string)).collect();
    let azs: Vec<String> = Vec::new();
    // Without the preflight's facts, the capacity is fetched to explain ENI placement failures.
    let capacity = match capacity {
        None if out.failures().iter().any(|f| f.reason() == Some("RESOURCE:ENI")) => {
            capacity_of(aws, &plan.cluster).await.ok().flatten()
        }
        c => c,
    };
    report.failures = out
        .failures()
        .iter()
        .map(|f| PlacementFailure {
            arn: f.arn().map(str::to_string),
            reason: f.reason().unwrap_or("UNKNOWN").to_string(),
            detail: f.detail().map(str::to_string),
            explanation: reasons::placement_failure(
                f.reason().unwrap_or("UNKNOWN"),
                f.detail(),
                capacity.as_ref(),
                &azs,
            ),
        })
        .collect();
    for f in &report.failures {
        eprintln!("awsvpc: RunTask could not place a task: {}: {}", f.reason, f.explanation.explanation);
        if let Some(fix) = &f.explanation.fix {
            eprintln!("  fix: {fix}");
        }
    }
    if report.task_arns.is_empty() {
        return Ok(report);
    }

    let mut described: Vec<Task> = out.tasks().iter().map(fetch::task_from_sdk).collect();
    if plan.wait {
        report.waited = true;
        let (tasks, timed_out) =
            wait_running(aws, mode, &plan.cluster, &report.task_arns, &described, plan, &interrupt).await?;
        described = tasks;
        report.timed_out = timed_out;
    }
    for t in &described {
        if t.last_status == "STOPPED" || t.desired_status == "STOPPED" {
            let e = reasons::stop_reason(t.stop_code.as_deref(), t.stopped_reason.as_deref());
            eprintln!(
                "awsvpc: task {} stopped: {}",
                t.id,
                e.as_ref().map(|e| e.explanation.as_str()).unwrap_or("no reason given")
            );
            report.stopped.push(StoppedTask {
                task_arn: t.arn.clone(),
                stop_code: t.stop_code.clone(),
                stopped_reason: t.stopped_reason.clone(),
                explanation: e,
            });
        }
    }
    if report.timed_out {
        let states: Vec<String> = described.iter().map(|t| format!("{} {}", t.id, t.last_status)).collect();
        eprintln!("awsvpc: timed out after {:?} waiting for RUNNING: {}", plan.timeout, states.join(", "));
    }
    let eni_ids: Vec<String> =
        described.iter().flat_map(|t| t.eni_attachments().filter_map(|a| a.eni_id().map(str::to_string))).collect();
    let enis = if eni_ids.is_empty() { Default::default() } else { fetch::network_interfaces(aws, &eni_ids).await? };
    report.tasks = Some(enis::build(
        &aws.region,
        vec![plan.cluster.clone()],
        Described { tasks: described, failures: vec![] },
        Some(&enis),
    ));
    Ok(report)
}

type Prepared = (Launch, Vec<Finding>, Option<crate::capacity::ClusterCapacity>);

/// The cluster's ENI capacity, through the same gathering as `check`.
async fn capacity_of(aws: &Aws, cluster: &str) -> Result<Option<crate::capacity::ClusterCapacity>> {
    let plan = check::Plan {
        selected: ["capacity.cluster"].into_iter().collect(),
        clusters: vec![cluster.to_string()],
        ..check::Plan::default()
    };
    Ok(check::run(aws, &plan).await?.capacity.into_iter().next())
}

/// Everything before the launch: read-only calls only.
async fn prepare(aws: &Aws, mode: &Mode, plan: &Plan) -> Result<Prepared> {
    let svc = match &plan.like_service {
        Some(name) => Some(fetch::service(aws, &plan.cluster, name).await?),
        None => None,
    };
    let launch = Launch {
        task_definition: plan
            .task_definition
            .clone()
            .or_else(|| svc.as_ref().map(|s| s.task_definition.clone()))
            .unwrap_or_default(),
        subnets: if plan.subnets.is_empty() {
            svc.as_ref().map(|s| s.subnets.clone()).unwrap_or_default()
        } else {
            plan.subnets.clone()
        },
        security_groups: if plan.security_groups.is_empty() {
            svc.as_ref().map(|s| s.security_groups.clone()).unwrap_or_default()
        } else {
            plan.security_groups.clone()
        },
        public_ip: plan.public_ip.unwrap_or_else(|| svc.as_ref().is_some_and(|s| s.assign_public_ip)),
        launch_type: if plan.launch_type.is_some() || !plan.capacity_providers.is_empty() {
            plan.launch_type
        } else {
            match svc.as_ref() {
                Some(s) if !s.capacity_provider_strategy.is_empty() => None,
                Some(s) => match s.launch_type.as_deref() {
                    Some("FARGATE") => Some("FARGATE"),
                    Some("EXTERNAL") => Some("EXTERNAL"),
                    _ => Some("EC2"),
                },
                None => None,
            }
        },
        capacity_providers: if plan.capacity_providers.is_empty() && plan.launch_type.is_none() {
            svc.as_ref()
                .map(|s| s.capacity_provider_strategy.iter().map(|(n, w, b)| (n.clone(), Some(*w), Some(*b))).collect())
                .unwrap_or_default()
        } else {
            plan.capacity_providers.clone()
        },
        platform_version: plan
            .platform_version
            .clone()
            .or_else(|| svc.as_ref().and_then(|s| s.platform_version.clone())),
        enable_execute_command: plan.enable_execute_command || svc.as_ref().is_some_and(|s| s.enable_execute_command),
    };
    if launch.subnets.is_empty() {
        return Err(Failure::usage("--subnets is required: the service has no awsvpc subnets").into());
    }
    if launch.public_ip && launch.kind() != "FARGATE" {
        return Err(invalid(
            "--assign-public-ip",
            "ENABLED",
            "a public IP is only for Fargate (task ENIs on EC2 never get one); use --launch-type FARGATE or a private subnet with NAT",
        ));
    }

    // The task definition, subnets and security groups, before anything is launched.
    let (td, subnets, groups) = tokio::join!(
        fetch::task_definition(aws, &launch.task_definition),
        fetch::subnets(aws, &launch.subnets),
        async {
            if launch.security_groups.is_empty() {
                Ok(vec![])
            } else {
                fetch::security_groups(aws, &launch.security_groups).await
            }
        },
    );
    let td = td?;
    if td.network_mode != "awsvpc" {
        return Err(invalid(
            "--task-definition",
            &launch.task_definition,
            &format!("a task definition of network mode awsvpc (this one is {})", td.network_mode),
        ));
    }
    let subnets = subnets.map_err(|e| anyhow::Error::from(Failure::unavailable(e.0)))?;
    let groups = groups.map_err(|e| anyhow::Error::from(Failure::unavailable(e.0)))?;
    for s in &launch.subnets {
        if !subnets.iter().any(|x| &x.id == s) {
            return Err(invalid("--subnets", s, "an existing subnet of this account and region"));
        }
    }
    for g in &launch.security_groups {
        if !groups.iter().any(|x| &x.id == g) {
            return Err(invalid("--security-groups", g, "an existing security group of this account and region"));
        }
    }
    let mut vpcs: Vec<&str> =
        subnets.iter().map(|s| s.vpc_id.as_str()).chain(groups.iter().map(|g| g.vpc_id.as_str())).collect();
    vpcs.sort();
    vpcs.dedup();
    if vpcs.len() > 1 {
        return Err(Failure::usage(format!(
            "--subnets and --security-groups must be in one VPC; they span {}",
            vpcs.join(", ")
        ))
        .into());
    }

    if !plan.preflight {
        return Ok((launch, vec![], None));
    }
    let kind = launch.kind();
    let check_plan = check::Plan {
        subnets: launch.subnets.clone(),
        security_groups: launch.security_groups.clone(),
        launch_type: kind,
        public_ip: launch.public_ip,
        selected: preflight_checks(kind).into_iter().collect(),
        clusters: if kind == "EC2" { vec![plan.cluster.clone()] } else { vec![] },
        tasks: Some(plan.count),
        task_definition: Some(launch.task_definition.clone()),
        ..check::Plan::default()
    };
    let report = check::run(aws, &check_plan).await?;
    // Instances outside the subnets' AZs take no part in this launch.
    let azs: Vec<&str> = subnets.iter().map(|s| s.availability_zone.as_str()).collect();
    let az_of: BTreeMap<&str, Option<&str>> = report
        .capacity
        .iter()
        .flat_map(|c| c.instances.iter().map(|i| (i.container_instance_arn.as_str(), i.availability_zone.as_deref())))
        .collect();
    let findings: Vec<Finding> = report
        .findings
        .iter()
        .filter(|f| matches!(f.status, Status::Fail | Status::Warn | Status::Error))
        .filter(|f| {
            !f.check.starts_with("instance.")
                || az_of.get(f.resource.as_str()).copied().flatten().is_none_or(|az| azs.contains(&az))
        })
        .cloned()
        .collect();
    for f in &findings {
        let line = format!("preflight {} {} {}: {}", f.status_word(), f.check, f.resource, f.message);
        if f.status == Status::Fail {
            eprintln!("awsvpc: {line}");
            if let Some(r) = &f.remediation {
                eprintln!("  fix: {r}");
            }
        } else {
            mode.warn(&line);
        }
    }
    let capacity = report.capacity.into_iter().next();
    Ok((launch, findings, capacity))
}

fn describe_launch(mode: &Mode, plan: &Plan, l: &Launch) {
    if mode.quiet && plan.yes {
        return;
    }
    let how = match (l.launch_type, l.capacity_providers.is_empty()) {
        (Some(t), _) => t.to_string(),
        (None, false) => format!(
            "capacity providers {}",
            l.capacity_providers.iter().map(|(n, _, _)| n.as_str()).collect::<Vec<_>>().join(",")
        ),
        (None, true) => "the cluster's default capacity provider strategy (else EC2)".to_string(),
    };
    eprintln!(
        "awsvpc run will launch {} task(s) of {} in cluster {} on {} (subnets {}; security groups {}; public IP {}); client token {}",
        plan.count,
        l.task_definition,
        plan.cluster,
        how,
        l.subnets.join(","),
        if l.security_groups.is_empty() { "VPC default".to_string() } else { l.security_groups.join(",") },
        if l.public_ip { "ENABLED" } else { "DISABLED" },
        plan.client_token
    );
}

fn build_request(
    aws: &Aws,
    plan: &Plan,
    l: &Launch,
) -> aws_sdk_ecs::operation::run_task::builders::RunTaskFluentBuilder {
    let vpc = AwsVpcConfiguration::builder()
        .set_subnets(Some(l.subnets.clone()))
        .set_security_groups(if l.security_groups.is_empty() { None } else { Some(l.security_groups.clone()) })
        .assign_public_ip(if l.public_ip { SdkPublicIp::Enabled } else { SdkPublicIp::Disabled })
        .build()
        .expect("subnets are set");
    let mut req = aws
        .ecs
        .run_task()
        .cluster(&plan.cluster)
        .task_definition(&l.task_definition)
        .count(plan.count as i32)
        .client_token(&plan.client_token)
        .network_configuration(NetworkConfiguration::builder().awsvpc_configuration(vpc).build())
        .set_launch_type(l.launch_type.map(SdkLaunchType::from))
        .set_platform_version(l.platform_version.clone())
        .set_started_by(plan.started_by.clone())
        .set_group(plan.group.clone())
        .set_propagate_tags(plan.propagate_tags.map(SdkPropagateTags::from))
        .enable_execute_command(l.enable_execute_command);
    for (name, weight, base) in &l.capacity_providers {
        req = req.capacity_provider_strategy(
            CapacityProviderStrategyItem::builder()
                .capacity_provider(name)
                .set_weight(*weight)
                .set_base(*base)
                .build()
                .expect("capacity provider is set"),
        );
    }
    for (k, v) in &plan.tags {
        req = req.tags(Tag::builder().key(k).value(v).build());
    }
    let names: std::collections::BTreeSet<&str> =
        plan.commands.iter().map(|(c, _)| c.as_str()).chain(plan.env.iter().map(|(c, _, _)| c.as_str())).collect();
    let overrides: Vec<ContainerOverride> = names
        .into_iter()
        .map(|c| {
            let mut o = ContainerOverride::builder().name(c);
            if let Some((_, argv)) = plan.commands.iter().find(|(n, _)| n == c) {
                o = o.set_command(Some(argv.clone()));
            }
            for (_, k, v) in plan.env.iter().filter(|(n, _, _)| n == c) {
                o = o.environment(KeyValuePair::builder().name(k).value(v).build());
            }
            o.build()
        })
        .collect();
    if !overrides.is_empty() {
        req = req.overrides(TaskOverride::builder().set_container_overrides(Some(overrides)).build());
    }
    req
}

/// The RunTask request as JSON (the API's field names), environment values masked.
fn request_json(plan: &Plan, l: &Launch) -> serde_json::Value {
    let mut containers: BTreeMap<&str, serde_json::Value> = BTreeMap::new();
    for (c, argv) in &plan.commands {
        containers.entry(c).or_insert_with(|| json!({"name": c}))["command"] = json!(argv);
    }
    for (c, k, _) in &plan.env {
        let entry = containers.entry(c).or_insert_with(|| json!({"name": c}));
        if entry.get("environment").is_none() {
            entry["environment"] = json!([]);
        }
        entry["environment"].as_array_mut().expect("array").push(json!({"name": k, "value": "***"}));
    }
    let mut req = json!({
        "cluster": plan.cluster,
        "taskDefinition": l.task_definition,
        "count": plan.count,
        "clientToken": plan.client_token,
        "networkConfiguration": {"awsvpcConfiguration": {
            "subnets": l.subnets,
            "securityGroups": l.security_groups,
            "assignPublicIp": if l.public_ip { "ENABLED" } else { "DISABLED" },
        }},
        "enableExecuteCommand": l.enable_execute_command,
    });
    if let Some(t) = l.launch_type {
        req["launchType"] = json!(t);
    }
    if !l.capacity_providers.is_empty() {
        req["capacityProviderStrategy"] = json!(l
            .capacity_providers
            .iter()
            .map(|(n, w, b)| json!({"capacityProvider": n, "weight": w, "base": b}))
            .collect::<Vec<_>>());
    }
    for (key, value) in
        [("platformVersion", &l.platform_version), ("startedBy", &plan.started_by), ("group", &plan.group)]
    {
        if let Some(v) = value {
            req[key] = json!(v);
        }
    }
    if let Some(p) = plan.propagate_tags {
        req["propagateTags"] = json!(p);
    }
    if !plan.tags.is_empty() {
        req["tags"] = json!(plan.tags.iter().map(|(k, v)| json!({"key": k, "value": v})).collect::<Vec<_>>());
    }
    if !containers.is_empty() {
        req["overrides"] = json!({"containerOverrides": containers.into_values().collect::<Vec<_>>()});
    }
    req
}

/// Polls DescribeTasks until every task is RUNNING or STOPPED, the timeout passes, or Ctrl-C.
async fn wait_running(
    aws: &Aws,
    mode: &Mode,
    cluster: &str,
    arns: &[String],
    initial: &[Task],
    plan: &Plan,
    interrupt: &Interrupt,
) -> Result<(Vec<Task>, bool)> {
    let start = Instant::now();
    let mut display = crate::progress::TaskLines::new(mode, arns);
    display.update(initial);
    loop {
        let d = fetch::describe_tasks(aws, cluster, arns).await?;
        display.update(&d.tasks);
        let done = d.tasks.iter().all(|t| t.last_status == "RUNNING" || t.last_status == "STOPPED");
        if done && d.tasks.len() == arns.len() {
            display.finish();
            return Ok((d.tasks, false));
        }
        if start.elapsed() >= plan.timeout {
            display.finish();
            return Ok((d.tasks, true));
        }
        tokio::select! {
            _ = tokio::time::sleep(plan.poll) => {}
            _ = interrupt.wait() => {
                display.finish();
                return Err(interrupted_after_launch(cluster, arns));
            }
        }
    }
}

impl Render for RunReport {
    fn table(&self, mode: &Mode) -> String {
        let mut out = String::new();
        if let Some(req) = &self.request {
            out.push_str("dry run: nothing was launched. The RunTask request:\n");
            out.push_str(&serde_json::to_string_pretty(req).unwrap_or_default());
            out.push('\n');
            return out;
        }
        if !self.launched {
            out.push_str("nothing was launched: the preflight failed (see above; --force launches anyway)\n");
            return out;
        }
        if let Some(t) = &self.tasks {
            out.push_str(&t.table(mode));
        }
        out.push_str(&format!(
            "{} of {} task(s) launched in cluster {} (client token {})\n",
            self.task_arns.len(),
            self.requested,
            self.cluster,
            self.client_token
        ));
        for f in &self.failures {
            out.push_str(&format!("not placed: {}: {}\n", f.reason, f.explanation.explanation));
            if let Some(fix) = &f.explanation.fix {
                out.push_str(&format!("  fix: {fix}\n"));
            }
        }
        for s in &self.stopped {
            let why = s.explanation.as_ref().map(|e| e.explanation.clone()).unwrap_or_else(|| "no reason given".into());
            out.push_str(&format!("stopped: {}: {why}\n", s.task_arn));
            if let Some(fix) = s.explanation.as_ref().and_then(|e| e.fix.as_ref()) {
                out.push_str(&format!("  fix: {fix}\n"));
            }
        }
        if self.timed_out {
            out.push_str("timed out waiting for the tasks to be RUNNING\n");
        }
        out
    }

    fn text_columns(&self) -> &'static [&'static str] {
        match &self.tasks {
            Some(t) => t.text_columns(),
            None => &["task_arn"],
        }
    }

    fn text_rows(&self) -> Vec<Vec<String>> {
        match &self.tasks {
            Some(t) => t.text_rows(),
            None => self.task_arns.iter().map(|a| vec![a.clone()]).collect(),
        }
    }
}
