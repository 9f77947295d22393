//! `awsvpc diagnose`: why a task did not start, is stuck, or stopped. One task: its timeline, its
//! ENI attachment, `stopCode` and `stoppedReason` decoded, the related facts checked live (with
//! the same gathering and checks as `check`: the registry says which checks relate to a task),
//! and the likely cause with its evidence. With
//! `--stopped-since`, every task stopped in the window, grouped by cause. Unknown stop reasons
//! are shown verbatim, never guessed at.

use std::collections::BTreeMap;

use anyhow::Result;

use crate::aws::ecs::{self, TaskFilter};
use crate::aws::{Aws, gather};
use crate::checks::{self, CheckId, Finding, Status};
use crate::ids::{self, TaskRef};
use crate::inventory::Task;
use crate::output::diagnose::{CauseGroup, EniState, TaskDiagnosis, TimelineEvent, WindowDiagnosis};
use crate::output::service::{EventView, ServiceDiagnosis};
use crate::rules::events;
use crate::rules::reasons::{self, Explained};

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

fn timeline(t: &Task) -> Vec<TimelineEvent> {
    [
        ("created", &t.created_at),
        ("pull started", &t.pull_started_at),
        ("pull stopped", &t.pull_stopped_at),
        ("started", &t.started_at),
        ("stopping", &t.stopping_at),
        ("stopped", &t.stopped_at),
    ]
    .into_iter()
    .filter_map(|(event, at)| at.clone().map(|at| TimelineEvent { event, at }))
    .collect()
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
        conclusion: Explained {
            cause: "not-found".into(),
            explanation: format!(
                "DescribeTasks does not know task {} in cluster {cluster} (stopped tasks disappear about an hour after \
                 they stop)",
                task.given
            ),
            fix: Some("check the task id, --cluster and --region".into()),
        },
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
    let req = gather::Request {
        subnets: plan.subnets.clone(),
        security_groups: plan.security_groups.clone(),
        clusters: if on_ec2 { vec![cluster.to_string()] } else { vec![] },
        task_definition: plan.task_definition.clone(),
        instance_enis: true,
        role_settings: true,
        pull_path: path.is_some(),
        execution_role: path.is_some(),
        ..gather::Request::default()
    };
    let facts = gather::facts(aws, &req).await?;
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

/// Whether a decoded stop names the path or the execution role (what happens before the
/// containers start): the path and the role are then read for the evidence.
fn before_start(stop: Option<&Explained>) -> bool {
    stop.is_some_and(|e| {
        e.cause.ends_with("-network")
            || e.cause.ends_with("-permission")
            || matches!(e.cause.as_str(), "pull-s3-path" | "log-group-missing")
    })
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

/// The state, the likely cause and its evidence.
fn conclude(
    t: &Task,
    facts: &[Finding],
    stop: Option<&Explained>,
    eni: Option<&EniState>,
) -> (&'static str, Explained, Vec<String>) {
    let problems: Vec<String> = facts.iter().filter(|f| f.status.is_problem()).map(Finding::line).collect();
    let since = format!("last status {} since {}", t.last_status, t.created_at.as_deref().unwrap_or("?"));
    if t.last_status == "STOPPED" || t.desired_status == "STOPPED" {
        let e = stop.cloned().unwrap_or(Explained {
            cause: "unknown".into(),
            explanation: "the task stopped without a stop code or reason".into(),
            fix: None,
        });
        let mut ev = vec![format!(
            "stopCode {}, stoppedReason {:?}",
            t.stop_code.as_deref().unwrap_or("-"),
            t.stopped_reason.as_deref().unwrap_or("")
        )];
        ev.extend(problems);
        let state = if reasons::is_benign_stop(t.stop_code.as_deref()) { "stopped-ok" } else { "stopped-failed" };
        return (state, e, ev);
    }
    if t.last_status == "RUNNING" {
        let att = eni.map(|e| format!(" and its ENI attachment is {}", e.attachment_status)).unwrap_or_default();
        let e = Explained { cause: "running".into(), explanation: format!("the task is RUNNING{att}"), fix: None };
        return ("running", e, problems);
    }
    match stuck_cause(facts) {
        Some((e, why)) => ("stuck", e, vec![since, why]),
        None => {
            let att = eni.map(|e| e.attachment_status.as_str()).unwrap_or("none");
            let e = Explained {
                cause: "unknown".into(),
                explanation: format!(
                    "the task is {} and no checked fact explains it (ENI attachment {att})",
                    t.last_status
                ),
                fix: Some("wait a little longer; if it stops, run awsvpc diagnose again for its stop reason".into()),
            };
            ("stuck", e, vec![since])
        }
    }
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
    let net = match before_start(stop.as_ref()) {
        true => Some(task_network(aws, cluster, &t, eni.as_ref()).await),
        false => None,
    };
    let subnet = eni.as_ref().and_then(|e| e.subnet_id.as_ref());
    let facts = related_facts(aws, cluster, &t, subnet, net.as_ref()).await?;
    let (state, conclusion, mut evidence) = conclude(&t, &facts, stop.as_ref(), eni.as_ref());
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
        timeline: timeline(&t),
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
        groups: group(&in_window),
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
    let req = gather::Request {
        subnets: plan.subnets.clone(),
        security_groups: plan.security_groups.clone(),
        clusters: vec![cluster.to_string()],
        all_clusters: false,
        task_definition: plan.task_definition.clone(),
        service: Some(svc.clone()),
        service_linked_role: true,
        account_settings: true,
        instance_enis: true,
        role_settings: true,
        ..gather::Request::default()
    };
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
    let findings: Vec<Finding> = checks::evaluate(&plan, &facts)
        .into_iter()
        .filter(|f| f.status.is_problem() || f.status == Status::Error)
        .collect();
    let groups = group(&in_window);
    let capacity = facts.clusters.first().and_then(crate::rules::capacity::of_cluster);
    let azs: Vec<String> =
        facts.subnets_ok().map(|s| s.iter().map(|s| s.availability_zone.clone()).collect()).unwrap_or_default();
    let likely_cause = likely_cause(&events, &groups, &findings, capacity.as_ref(), &azs).or_else(|| {
        (svc.running_count < svc.desired_count).then(|| Explained {
            cause: "below-desired-count".into(),
            explanation: format!(
                "{} of {} tasks run and no event, stopped task or check says why yet",
                svc.running_count, svc.desired_count
            ),
            fix: Some("wait for the next service events, or run `awsvpc check --service` on the cluster".into()),
        })
    });
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

/// The likely cause, by the strength of its evidence: the newest problem event (a placement
/// failure explained from the capacity), then the most frequent failure among the stopped
/// tasks, then the first failing check.
pub fn likely_cause(
    events: &[EventView],
    groups: &[CauseGroup],
    findings: &[Finding],
    capacity: Option<&crate::rules::capacity::ClusterCapacity>,
    azs: &[String],
) -> Option<Explained> {
    if let Some(e) = events.iter().find(|e| e.decoded.problem) {
        return Some(match &e.decoded.reason {
            Some(r) => reasons::placement_failure(r, None, capacity, azs),
            None => Explained {
                cause: e.decoded.kind.clone(),
                explanation: e.decoded.explanation.clone(),
                fix: e.decoded.fix.clone(),
            },
        });
    }
    if let Some(g) = groups.iter().find(|g| !reasons::is_benign_stop(g.stop_code.as_deref())) {
        return Some(Explained { cause: g.cause.clone(), explanation: g.explanation.clone(), fix: g.fix.clone() });
    }
    findings.iter().find(|f| f.status == Status::Fail).map(|f| Explained {
        cause: f.check.name().into(),
        explanation: f.message.clone(),
        fix: f.remediation.clone(),
    })
}

/// Groups stopped tasks by cause; unknown reasons form a group per verbatim reason.
pub fn group(tasks: &[&Task]) -> Vec<CauseGroup> {
    let mut groups: BTreeMap<String, CauseGroup> = BTreeMap::new();
    for t in tasks {
        let e = reasons::stop_reason(t.stop_code.as_deref(), t.stopped_reason.as_deref()).unwrap_or(Explained {
            cause: "unknown".into(),
            explanation: "no stop code or reason".into(),
            fix: None,
        });
        let key = if e.cause == "unknown" { format!("unknown: {}", e.explanation) } else { e.cause.clone() };
        let g = groups.entry(key).or_insert_with(|| CauseGroup {
            cause: e.cause.clone(),
            count: 0,
            explanation: e.explanation.clone(),
            fix: e.fix.clone(),
            example_reason: t.stopped_reason.clone(),
            stop_code: t.stop_code.clone(),
            task_ids: vec![],
        });
        g.count += 1;
        g.task_ids.push(t.id.clone());
    }
    let mut out: Vec<CauseGroup> = groups.into_values().collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.cause.cmp(&b.cause)));
    out
}

#[cfg(test)]
#[path = "diagnose_tests.rs"]
mod tests;
