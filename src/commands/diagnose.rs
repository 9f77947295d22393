//! `awsvpc diagnose`: why a task did not start, is stuck, or stopped. One task: its timeline, its
//! ENI attachment, `stopCode` and `stoppedReason` decoded, the related facts checked live (with
//! the same gathering and checks as `check`: the registry says which checks relate to a task),
//! and the likely cause with its evidence. With
//! `--stopped-since`, every task stopped in the window, grouped by cause. Unknown stop reasons
//! are shown verbatim, never guessed at.

use anyhow::Result;

use crate::aws::ecs::{self, TaskFilter};
use crate::aws::{Aws, gather};
use crate::checks::{self, CheckId, Finding, Status};
use crate::ids::{self, TaskRef};
use crate::inventory::{Need, Task};
use crate::output::diagnose::{EniState, TaskDiagnosis, WindowDiagnosis};
use crate::output::service::{EventView, ServiceDiagnosis};
use crate::rules::reasons::{self, Explained};
use crate::rules::{diagnosis, events};

#[derive(Debug, Clone)]
pub enum Plan {
    Task {
        cluster: String,
        task: TaskRef,
    },
    Window {
        clusters: ids::Clusters,
        since: std::time::Duration,
        label: String,
    },
    /// `--service NAME`: a service that does not reach its desired count; events and stopped
    /// tasks of the window (`--stopped-since`, default 1h).
    Service {
        cluster: String,
        service: String,
        since: std::time::Duration,
        label: String,
    },
}

/// The cause of a stuck task, from the facts (most specific first).
fn stuck_cause(facts: &[Finding]) -> Option<(Explained, String)> {
    let bad = |check: CheckId| facts.iter().find(|f| f.check == check && f.status.is_problem());
    let rules: [(CheckId, &str, &str); 6] = [
        (CheckId::InstanceStatus, "agent-or-instance", "its container instance cannot take tasks"),
        (
            CheckId::ManualEnis,
            "eni-attached-by-hand",
            "ENIs attached by hand take the ENI slots ECS counts on, so the task's ENI cannot be attached",
        ),
        (CheckId::InstanceCapacity, "eni-capacity", "its container instance has no free ENI slot"),
        (CheckId::FreeAddresses, "subnet-full", "its subnet has (almost) no free address"),
        (CheckId::DnsSupport, "vpc-dns", "the VPC does not resolve DNS"),
        (CheckId::InternetEgress, "no-egress", "its subnet gives it no route to pull its image"),
    ];
    rules.iter().find_map(|(check, cause, text)| {
        bad(*check).map(|f| {
            (
                Explained { cause: cause.to_string(), explanation: text.to_string(), fix: f.remediation.clone() },
                f.line(),
            )
        })
    })
}

fn not_found(cluster: &str, task: &TaskRef) -> TaskDiagnosis {
    TaskDiagnosis {
        cluster: cluster.into(),
        task_arn: task.given.clone(),
        found: false,
        last_status: None,
        desired_status: None,
        launch_type: None,
        container_instance_arn: None,
        timeline: vec![],
        eni: None,
        stop_code: None,
        stopped_reason: None,
        stop: None,
        facts: vec![],
        state: "not-found".into(),
        conclusion: diagnosis::not_found(cluster, &task.given),
        evidence: vec![],
    }
}

/// What the task's network was, read from the task itself: its ENI in EC2 while it exists, else
/// (a stopped task's ENI is deleted) its service's network configuration, else not known.
struct TaskNetwork {
    groups: Option<Vec<String>>,
    public_ip: Option<bool>,
    /// Where it was read, for the evidence.
    source: String,
}

async fn task_network(aws: &Aws, cluster: &str, t: &Task, eni: Option<&EniState>) -> TaskNetwork {
    if let Some(id) = eni.and_then(|e| e.eni_id.clone())
        && let Ok(found) = crate::aws::ec2::network_interfaces(aws, std::slice::from_ref(&id)).await
        && let Some(n) = found.get(&id)
    {
        return TaskNetwork {
            groups: Some(n.security_groups.iter().map(|g| g.id.clone()).collect()),
            public_ip: Some(n.public_ip.is_some()),
            source: format!("its ENI {id}"),
        };
    }
    if let Some(name) = t.group.as_deref().and_then(|g| g.strip_prefix("service:"))
        && let Ok(svc) = ecs::service(aws, cluster, name).await
    {
        return TaskNetwork {
            groups: Some(svc.security_groups.clone()),
            public_ip: Some(svc.assign_public_ip),
            source: format!("service {name}'s network configuration (the task's ENI is gone)"),
        };
    }
    TaskNetwork {
        groups: None,
        public_ip: None,
        source: "nothing: the task's ENI is gone and no service names it".into(),
    }
}

/// The task's own facts, live (the checks whose registry entry relates them to one task), and
/// every fact that could not be read (the diagnosis is then incomplete). With `path`, the network
/// path and the execution role too (a pull or pre-start failure).
async fn related_facts(
    aws: &Aws,
    cluster: &str,
    t: &Task,
    subnet: Option<&String>,
    path: Option<&TaskNetwork>,
) -> Result<Vec<Finding>> {
    let on_ec2 = t.container_instance_arn.is_some();
    let plan = checks::Plan {
        subnets: subnet.cloned().into_iter().collect(),
        security_groups: path.and_then(|p| p.groups.clone()).unwrap_or_default(),
        groups_unknown: path.is_some_and(|p| p.groups.is_none()),
        public_ip: path.and_then(|p| p.public_ip).unwrap_or(false),
        launch_type: if on_ec2 { "EC2" } else { "FARGATE" },
        launch_type_given: true,
        task_definition: Some(t.task_definition_arn.clone()).filter(|s| !s.is_empty()),
        ..checks::Plan::default()
    };
    // The task's own facts: not the account's (the service-linked role, the account settings),
    // whose checks then say they were not read; what it needs before it starts only when it
    // stopped before its containers started.
    let mut needs = checks::needs(&plan.selected).without(Need::ServiceLinkedRole).without(Need::AccountSettings);
    if path.is_none() {
        needs = needs.without(Need::PullPath).without(Need::ExecutionRole);
    }
    let inputs = gather::Inputs {
        subnets: plan.subnets.clone(),
        security_groups: plan.security_groups.clone(),
        clusters: if on_ec2 { vec![cluster.to_string()] } else { vec![] },
        task_definition: plan.task_definition.clone(),
        launch_type_given: plan.launch_type_given,
        ..gather::Inputs::default()
    };
    let facts = gather::facts(aws, &gather::Request::for_checks(needs, inputs)).await?;
    let instance = t.container_instance_arn.as_ref();
    // On EC2 the path is the task's own instance's (the finding names it).
    let ec2_id = facts
        .clusters
        .iter()
        .filter_map(|c| c.instances.as_ref().ok())
        .flatten()
        .find(|ci| Some(&ci.arn) == instance)
        .and_then(|ci| ci.ec2_instance_id.clone());
    let mine = |f: &Finding| {
        f.check.check().related_to_task
            && (matches!(f.check.scope(), checks::Scope::Vpc | checks::Scope::Taskdef)
                || (f.check == CheckId::PullPath
                    && ec2_id.as_ref().is_none_or(|id| f.resource == "-" || f.message.contains(id.as_str())))
                || Some(&f.resource) == instance
                || Some(&f.resource) == subnet)
    };
    Ok(checks::evaluate(&plan, &facts)
        .into_iter()
        .filter(|f| f.status == Status::Error || (f.status != Status::Skip && mine(f)))
        .collect())
}

/// A network cause made exact by the path as it is now: the missing endpoint, route or rule for
/// this task's subnet (or, on EC2, its instance's) and the command that adds it.
fn with_path(mut c: Explained, facts: &[Finding], net: Option<&TaskNetwork>) -> (Explained, Vec<String>) {
    let mut evidence = Vec::new();
    if let Some(n) = net {
        evidence.push(match n.public_ip {
            Some(ip) => format!(
                "the task's security groups and public IP read from {}: {}",
                n.source,
                if ip { "a public IP" } else { "no public IP" }
            ),
            None => format!("the task's security groups and public IP are not known: {}", n.source),
        });
    }
    let network = c.cause.ends_with("-network") || c.cause == "pull-s3-path";
    let path = facts.iter().find(|f| f.check == CheckId::PullPath && f.status.is_problem());
    if let (true, Some(f)) = (network, path) {
        c.explanation = format!("{}; now, for {}: {}", c.explanation, f.resource, f.message);
        c.fix = f.remediation.clone().or(c.fix);
    } else if network && let Some(f) = facts.iter().find(|f| f.check == CheckId::PullPath && f.status == Status::Pass) {
        evidence.push(format!("the path passes now ({}): it was changed since, or the failure was passing", f.line()));
    }
    (c, evidence)
}

pub async fn diagnose_task(aws: &Aws, cluster: &str, task: &TaskRef) -> Result<TaskDiagnosis> {
    let d = ecs::describe_tasks(aws, cluster, std::slice::from_ref(&task.given)).await?;
    let Some(t) = d.tasks.into_iter().next() else { return Ok(not_found(cluster, task)) };
    let eni = t.eni_attachments().next().map(|a| EniState {
        attachment_status: a.status.clone(),
        eni_id: a.eni_id().map(str::to_string),
        subnet_id: a.detail("subnetId").map(str::to_string),
        private_ipv4: a.detail("privateIPv4Address").map(str::to_string),
    });
    let stop = reasons::stop_reason(t.stop_code.as_deref(), t.stopped_reason.as_deref());
    let net = match diagnosis::before_start(stop.as_ref()) {
        true => Some(task_network(aws, cluster, &t, eni.as_ref()).await),
        false => None,
    };
    let subnet = eni.as_ref().and_then(|e| e.subnet_id.as_ref());
    let facts = related_facts(aws, cluster, &t, subnet, net.as_ref()).await?;
    let found = diagnosis::Found {
        problems: facts.iter().filter(|f| f.status.is_problem()).map(Finding::line).collect(),
        stuck: stuck_cause(&facts),
    };
    let attachment = eni.as_ref().map(|e| e.attachment_status.as_str());
    let (state, conclusion, mut evidence) = diagnosis::conclude(&t, found, stop.as_ref(), attachment);
    let (mut conclusion, more) = match state {
        "stopped-failed" => with_path(conclusion, &facts, net.as_ref()),
        _ => (conclusion, vec![]),
    };
    evidence.extend(more);
    evidence.dedup();
    conclusion.fix = conclusion.fix.map(|f| f.replace("--cluster CLUSTER", &format!("--cluster {cluster}")));
    Ok(TaskDiagnosis {
        cluster: cluster.into(),
        task_arn: t.arn.clone(),
        found: true,
        last_status: Some(t.last_status.clone()),
        desired_status: Some(t.desired_status.clone()),
        launch_type: t.launch_type.clone(),
        container_instance_arn: t.container_instance_arn.clone(),
        timeline: diagnosis::timeline(&t),
        eni,
        stop_code: t.stop_code.clone(),
        stopped_reason: t.stopped_reason.clone(),
        stop,
        facts,
        state: state.into(),
        conclusion,
        evidence,
    })
}

pub async fn diagnose_window(
    aws: &Aws,
    cluster: &str,
    since: std::time::Duration,
    label: &str,
) -> Result<WindowDiagnosis> {
    let filter = TaskFilter { desired_status: Some("STOPPED".into()), ..TaskFilter::default() };
    let d = ecs::cluster_tasks(aws, cluster, &filter, &ecs::no_progress()).await?;
    let now =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let cutoff = now - since.as_secs() as i64;
    let in_window: Vec<&Task> = d.tasks.iter().filter(|t| t.stopped_at_secs.is_none_or(|at| at >= cutoff)).collect();
    Ok(WindowDiagnosis {
        cluster: cluster.into(),
        stopped_since: label.into(),
        tasks: in_window.len(),
        groups: diagnosis::group(&in_window),
    })
}

fn now_secs() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// A service that does not reach its desired count: its deployments and events decoded, its
/// stopped tasks grouped by cause, its checks run live, the likely cause.
pub async fn diagnose_service(
    aws: &Aws,
    cluster: &str,
    name: &str,
    since: std::time::Duration,
    label: &str,
) -> Result<ServiceDiagnosis> {
    let svc = ecs::service(aws, cluster, name).await?;
    let plan = checks::with_service(&checks::Plan::default(), &svc, false);
    // Every check, but not what a task needs before it starts (the path, the execution role):
    // their checks judge the task definition alone. Nor the cluster's default strategy: the
    // service's launch type or strategy is its target (diagnose's IAM policy has no
    // ecs:DescribeClusters; a service with neither is judged as EC2, as before).
    let needs =
        checks::needs(&plan.selected).without(Need::PullPath).without(Need::ExecutionRole).without(Need::Strategies);
    let inputs = gather::Inputs {
        subnets: plan.subnets.clone(),
        security_groups: plan.security_groups.clone(),
        clusters: vec![cluster.to_string()],
        task_definition: plan.task_definition.clone(),
        service: Some(svc.clone()),
        launch_type_given: plan.launch_type_given,
        ..gather::Inputs::default()
    };
    let req = gather::Request::for_checks(needs, inputs);
    let filter =
        TaskFilter { service: Some(svc.name.clone()), desired_status: Some("STOPPED".into()), ..TaskFilter::default() };
    let quiet = ecs::no_progress();
    let (stopped, facts) = tokio::join!(ecs::cluster_tasks(aws, cluster, &filter, &quiet), gather::facts(aws, &req));
    let (stopped, facts) = (stopped?, facts?);
    let cutoff = now_secs() - since.as_secs() as i64;
    let in_window: Vec<&Task> =
        stopped.tasks.iter().filter(|t| t.stopped_at_secs.is_none_or(|at| at >= cutoff)).collect();
    let events: Vec<EventView> = svc
        .events
        .iter()
        .filter(|e| e.created_at_secs.is_none_or(|at| at >= cutoff))
        .map(|e| EventView {
            created_at: e.created_at.clone(),
            message: e.message.clone(),
            decoded: events::decode(&e.message),
        })
        .collect();
    let plan = checks::with_target(&plan, &facts);
    let capacity = checks::Capacities::of(&facts);
    let findings: Vec<Finding> = checks::evaluate_with(&plan, &facts, &capacity)
        .into_iter()
        .filter(|f| f.status.is_problem() || f.status == Status::Error)
        .collect();
    let groups = diagnosis::group(&in_window);
    let likely_cause = likely_cause(&svc, &events, &groups, &findings, capacity.first(), &facts);
    Ok(ServiceDiagnosis {
        cluster: cluster.into(),
        service: svc.name.clone(),
        desired_count: svc.desired_count,
        running_count: svc.running_count,
        pending_count: svc.pending_count,
        deployments: svc.deployments.clone(),
        stopped_since: label.into(),
        events,
        stopped_tasks: in_window.len(),
        groups,
        findings,
        likely_cause,
    })
}

/// The likely cause (`rules::diagnosis::likely_cause`: the events, the stopped tasks), else the
/// first failing check, else that the service runs fewer tasks than it wants without a word why.
fn likely_cause(
    svc: &crate::inventory::Service,
    events: &[EventView],
    groups: &[crate::output::diagnose::CauseGroup],
    findings: &[Finding],
    capacity: Option<&crate::rules::capacity::ClusterCapacity>,
    facts: &crate::inventory::Facts,
) -> Option<Explained> {
    let azs: Vec<String> =
        facts.subnets_ok().map(|s| s.iter().map(|s| s.availability_zone.clone()).collect()).unwrap_or_default();
    let decoded: Vec<&events::Decoded> = events.iter().map(|e| &e.decoded).collect();
    let failing = || {
        findings.iter().find(|f| f.status == Status::Fail).map(|f| Explained {
            cause: f.check.name().into(),
            explanation: f.message.clone(),
            fix: f.remediation.clone(),
        })
    };
    let below = || {
        (svc.running_count < svc.desired_count).then(|| Explained {
            cause: "below-desired-count".into(),
            explanation: format!(
                "{} of {} tasks run and no event, stopped task or check says why yet",
                svc.running_count, svc.desired_count
            ),
            fix: Some("wait for the next service events, or run `awsvpc check --service` on the cluster".into()),
        })
    };
    diagnosis::likely_cause(&decoded, groups, capacity, &azs).or_else(failing).or_else(below)
}
