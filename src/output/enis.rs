//! The `enis` report: the ENI attachments of tasks, enriched from EC2. Built by `enis` and by
//! `run` (for the tasks it launched).

use std::collections::{BTreeMap, HashMap};

use comfy_table::{Cell, Color};
use serde::Serialize;

use super::{OutputContext, Render, new_table, or_dash, status_cell};
use crate::exit;
use crate::ids;
use crate::inventory::{NetworkInterface, SecurityGroupRef, Task, TaskFailure};

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct EnisReport {
    pub region: String,
    pub clusters: Vec<String>,
    /// Whether EC2 was asked (false with --no-enrich).
    pub enriched: bool,
    pub summary: Summary,
    pub tasks: Vec<TaskEnis>,
    /// Requested tasks DescribeTasks did not return (`failures[]`).
    pub failures: Vec<TaskFailure>,
}

#[derive(Debug, Serialize, Default, PartialEq, Eq, schemars::JsonSchema)]
pub struct Summary {
    pub tasks: usize,
    pub tasks_with_eni: usize,
    pub tasks_without_eni: usize,
    pub enis: usize,
    pub enis_not_in_ec2: usize,
    pub failures: usize,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct TaskEnis {
    pub task_id: String,
    pub task_arn: String,
    pub cluster: String,
    pub last_status: String,
    pub desired_status: String,
    pub launch_type: Option<String>,
    pub capacity_provider: Option<String>,
    pub task_definition_arn: String,
    pub group: Option<String>,
    pub container_instance_arn: Option<String>,
    pub availability_zone: Option<String>,
    /// The task's ENI attachments; empty for tasks without one (bridge, host, none).
    pub enis: Vec<EniView>,
    /// Other attachments (Service Connect, EBS, ...), by type and status.
    pub other_attachments: Vec<OtherAttachment>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct EniView {
    pub attachment_id: String,
    pub attachment_status: String,
    pub eni_id: Option<String>,
    pub subnet_id: Option<String>,
    pub private_ipv4: Option<String>,
    pub ipv6: Option<String>,
    pub mac_address: Option<String>,
    pub private_dns_name: Option<String>,
    /// Every detail of the attachment, known or not.
    pub details: BTreeMap<String, String>,
    /// What EC2 says of the ENI; null without enrichment.
    pub ec2: Option<Ec2View>,
}

#[derive(Debug, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct Ec2View {
    /// False when EC2 no longer knows the ENI (task stopped, ENI deleted).
    pub found: bool,
    pub status: Option<String>,
    pub vpc_id: Option<String>,
    pub availability_zone: Option<String>,
    pub security_groups: Vec<SecurityGroupRef>,
    pub public_ip: Option<String>,
    pub ipv6_addresses: Vec<String>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct OtherAttachment {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub status: String,
}

impl super::Report for EnisReport {
    fn exit_code(&self) -> i32 {
        if self.failures.is_empty() { exit::OK } else { exit::FOUND_PROBLEM }
    }

    /// The tasks DescribeTasks did not return.
    fn notes(&self) -> Vec<super::Note> {
        let said = |f: &TaskFailure| {
            let detail = f.detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
            super::Note::problem(
                format!("task {} was not returned by DescribeTasks: {}{detail}", f.arn, f.reason),
                None,
            )
        };
        self.failures.iter().map(said).collect()
    }
}

fn ec2_view(eni: Option<&NetworkInterface>) -> Ec2View {
    match eni {
        Some(n) => Ec2View {
            found: true,
            status: Some(n.status.clone()),
            vpc_id: n.vpc_id.clone(),
            availability_zone: n.availability_zone.clone(),
            security_groups: n.security_groups.clone(),
            public_ip: n.public_ip.clone(),
            ipv6_addresses: n.ipv6_addresses.clone(),
        },
        None => Ec2View {
            found: false,
            status: None,
            vpc_id: None,
            availability_zone: None,
            security_groups: vec![],
            public_ip: None,
            ipv6_addresses: vec![],
        },
    }
}

/// The report, from what was fetched. Pure: no AWS here. The tasks are moved into it (a
/// 20,000-task cluster is not held twice).
pub fn build(
    region: &str,
    clusters: Vec<String>,
    tasks: Vec<Task>,
    failures: Vec<TaskFailure>,
    enis: Option<&HashMap<String, NetworkInterface>>,
) -> EnisReport {
    let mut summary = Summary { failures: failures.len(), ..Summary::default() };
    let tasks: Vec<TaskEnis> = tasks
        .into_iter()
        .map(|t: Task| {
            let (eni, other): (Vec<_>, Vec<_>) = t.attachments.into_iter().partition(|a| a.is_eni());
            let views: Vec<EniView> = eni
                .into_iter()
                .map(|a| {
                    let ec2 = enis.map(|m| ec2_view(a.eni_id().and_then(|id| m.get(id))));
                    if ec2.as_ref().is_some_and(|v| !v.found) {
                        summary.enis_not_in_ec2 += 1;
                    }
                    EniView {
                        attachment_id: a.id.clone(),
                        attachment_status: a.status.clone(),
                        eni_id: a.eni_id().map(str::to_string),
                        subnet_id: a.detail("subnetId").map(str::to_string),
                        private_ipv4: a.detail("privateIPv4Address").map(str::to_string),
                        ipv6: a.ipv6().map(str::to_string),
                        mac_address: a.detail("macAddress").map(str::to_string),
                        private_dns_name: a.detail("privateDnsName").map(str::to_string),
                        details: a.details,
                        ec2,
                    }
                })
                .collect();
            summary.tasks += 1;
            summary.enis += views.len();
            if views.is_empty() {
                summary.tasks_without_eni += 1;
            } else {
                summary.tasks_with_eni += 1;
            }
            TaskEnis {
                task_id: t.id,
                task_arn: t.arn,
                cluster: ids::cluster_name(&t.cluster_arn),
                last_status: t.last_status,
                desired_status: t.desired_status,
                launch_type: t.launch_type,
                capacity_provider: t.capacity_provider,
                task_definition_arn: t.task_definition_arn,
                group: t.group,
                container_instance_arn: t.container_instance_arn,
                availability_zone: t.availability_zone,
                enis: views,
                other_attachments: other
                    .into_iter()
                    .map(|a| OtherAttachment { id: a.id, kind: a.kind, status: a.status })
                    .collect(),
            }
        })
        .collect();
    EnisReport { region: region.to_string(), clusters, enriched: enis.is_some(), summary, tasks, failures }
}

pub(crate) fn status_color(status: &str) -> Option<Color> {
    match status {
        "RUNNING" | "ATTACHED" | "in-use" => Some(Color::Green),
        "PROVISIONING" | "PENDING" | "ACTIVATING" | "PRECREATED" | "CREATED" | "ATTACHING" => Some(Color::Yellow),
        "STOPPED" | "DELETED" | "DETACHED" | "FAILED" | "not-found" => Some(Color::Red),
        _ => None,
    }
}

fn groups_text(groups: &[SecurityGroupRef], sep: &str) -> String {
    groups.iter().map(|g| g.id.as_str()).collect::<Vec<_>>().join(sep)
}

fn eni_status(v: &EniView) -> String {
    match &v.ec2 {
        None => "-".into(),
        Some(e) if !e.found => "not-found".into(),
        Some(e) => or_dash(e.status.as_deref()),
    }
}

/// One table row per ENI attachment.
fn eni_row(mode: &OutputContext, task: &TaskEnis, v: &EniView) -> Vec<Cell> {
    let ec2 = v.ec2.as_ref();
    let ip = [v.private_ipv4.as_deref(), v.private_dns_name.as_deref(), v.ipv6.as_deref()]
        .iter()
        .flatten()
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    let st = eni_status(v);
    let az = ec2.and_then(|e| e.availability_zone.as_deref()).or(task.availability_zone.as_deref());
    vec![
        Cell::new(&task.task_id),
        status_cell(mode, &task.last_status, status_color(&task.last_status)),
        Cell::new(format!(
            "{} ({})\n{}",
            or_dash(v.eni_id.as_deref()),
            v.attachment_status,
            or_dash(v.mac_address.as_deref())
        )),
        Cell::new(or_dash(v.subnet_id.as_deref())),
        Cell::new(if ip.is_empty() { "-".into() } else { ip }),
        Cell::new(or_dash(ec2.and_then(|e| e.public_ip.as_deref()))),
        Cell::new(format!("{}\n{}", or_dash(ec2.and_then(|e| e.vpc_id.as_deref())), or_dash(az))),
        Cell::new(ec2.map(|e| groups_text(&e.security_groups, "\n")).filter(|s| !s.is_empty()).unwrap_or("-".into())),
        status_cell(mode, &st, status_color(&st)),
    ]
}

/// The `text` columns of EnisReport, in order (also the names `--columns` takes).
pub const ENIS_REPORT_COLUMNS: &[&str] = &[
    "task_id",
    "cluster",
    "last_status",
    "attachment_status",
    "eni_id",
    "subnet_id",
    "private_ipv4",
    "ipv6",
    "mac_address",
    "private_dns_name",
    "vpc_id",
    "availability_zone",
    "security_groups",
    "public_ip",
    "eni_status",
];

/// The default table: the columns that fit 100 characters (task, status, ENI, private IP, AZ);
/// `--wide` shows every column.
/// The default columns; at 80 columns the AZ gives way first (task, status, ENI and IP stay).
fn narrow_table(report: &EnisReport) -> super::grid::Grid {
    let mut g = super::grid::Grid::new(&["TASK", "STATUS", "ENI", "PRIVATE IP", "AZ"], &[4]);
    for task in &report.tasks {
        let status = (task.last_status.clone(), status_color(&task.last_status));
        if task.enis.is_empty() {
            g.row_colored(vec![
                (task.task_id.clone(), None),
                status.clone(),
                ("no ENI".into(), None),
                ("-".into(), None),
                (or_dash(task.availability_zone.as_deref()), None),
            ]);
        }
        for v in &task.enis {
            let az = v.ec2.as_ref().and_then(|e| e.availability_zone.as_deref()).or(task.availability_zone.as_deref());
            g.row_colored(vec![
                (task.task_id.clone(), None),
                status.clone(),
                (or_dash(v.eni_id.as_deref()), None),
                (or_dash(v.private_ipv4.as_deref().or(v.ipv6.as_deref())), None),
                (or_dash(az), None),
            ]);
        }
    }
    g
}

impl EnisReport {
    /// Every column (`--wide`).
    fn wide_table(&self, mode: &OutputContext) -> comfy_table::Table {
        let mut t = new_table(
            mode,
            &[
                "TASK",
                "STATUS",
                "ENI / MAC",
                "SUBNET",
                "PRIVATE IP / DNS",
                "PUBLIC IP",
                "VPC / AZ",
                "SECURITY GROUPS",
                "ENI STATUS",
            ],
        );
        for task in &self.tasks {
            if task.enis.is_empty() {
                let others: Vec<&str> = task.other_attachments.iter().map(|a| a.kind.as_str()).collect();
                let note = if others.is_empty() {
                    "no ENI (bridge, host or none network mode)".to_string()
                } else {
                    format!("no ENI ({})", others.join(", "))
                };
                t.add_row(vec![
                    Cell::new(&task.task_id),
                    status_cell(mode, &task.last_status, status_color(&task.last_status)),
                    Cell::new(note),
                ]);
            }
            for v in &task.enis {
                t.add_row(eni_row(mode, task, v));
            }
        }
        t
    }

    /// The line under the table: tasks, ENIs and what is missing.
    fn summary_line(&self, out: &mut String, s: &Summary) {
        out.push_str(&format!(
            "{} task{}, {} ENI{}",
            s.tasks,
            if s.tasks == 1 { "" } else { "s" },
            s.enis,
            if s.enis == 1 { "" } else { "s" }
        ));
        if s.tasks_without_eni > 0 {
            out.push_str(&format!(", {} without an ENI", s.tasks_without_eni));
        }
        if s.enis_not_in_ec2 > 0 {
            out.push_str(&format!(", {} ENI(s) no longer in EC2", s.enis_not_in_ec2));
        }
        if s.failures > 0 {
            out.push_str(&format!(", {} task(s) not found", s.failures));
        }
        if !self.enriched {
            out.push_str(" (EC2 not asked: --no-enrich)");
        }
        out.push('\n');
    }
}

impl Render for EnisReport {
    fn table(&self, mode: &OutputContext) -> String {
        let t = if mode.wide { format!("{}\n", self.wide_table(mode)) } else { narrow_table(self).render(mode) };
        let s = &self.summary;
        let mut out = if self.tasks.is_empty() { String::new() } else { t };
        self.summary_line(&mut out, s);
        out
    }

    fn text_columns(&self) -> &'static [&'static str] {
        ENIS_REPORT_COLUMNS
    }

    fn text_rows(&self) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        for task in &self.tasks {
            if task.enis.is_empty() {
                let mut row = vec![task.task_id.clone(), task.cluster.clone(), task.last_status.clone()];
                row.resize(15, "-".to_string());
                rows.push(row);
            }
            for v in &task.enis {
                let ec2 = v.ec2.as_ref();
                rows.push(vec![
                    task.task_id.clone(),
                    task.cluster.clone(),
                    task.last_status.clone(),
                    v.attachment_status.clone(),
                    or_dash(v.eni_id.as_deref()),
                    or_dash(v.subnet_id.as_deref()),
                    or_dash(v.private_ipv4.as_deref()),
                    or_dash(v.ipv6.as_deref()),
                    or_dash(v.mac_address.as_deref()),
                    or_dash(v.private_dns_name.as_deref()),
                    or_dash(ec2.and_then(|e| e.vpc_id.as_deref())),
                    or_dash(ec2.and_then(|e| e.availability_zone.as_deref())),
                    ec2.map(|e| groups_text(&e.security_groups, ",")).filter(|s| !s.is_empty()).unwrap_or("-".into()),
                    or_dash(ec2.and_then(|e| e.public_ip.as_deref())),
                    eni_status(v),
                ]);
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::Attachment;
    use crate::output::Report;

    fn att(kind: &str, details: &[(&str, &str)]) -> Attachment {
        Attachment {
            id: format!("att-{kind}"),
            kind: kind.into(),
            status: "ATTACHED".into(),
            details: details.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        }
    }

    fn task(id: &str, attachments: Vec<Attachment>) -> Task {
        Task {
            arn: format!("arn:aws:ecs:us-east-1:123456789012:task/prod/{id}"),
            id: id.into(),
            cluster_arn: "arn:aws:ecs:us-east-1:123456789012:cluster/prod".into(),
            last_status: "RUNNING".into(),
            desired_status: "RUNNING".into(),
            attachments,
            ..Task::default()
        }
    }

    #[test]
    fn eni_is_chosen_by_type_not_position() {
        let t = task(
            "a",
            vec![
                att("Service Connect", &[("foo", "bar")]),
                att(
                    "ElasticNetworkInterface",
                    &[
                        ("networkInterfaceId", "eni-1"),
                        ("subnetId", "subnet-1"),
                        ("ipv6Address", "2600::1"),
                        ("newThing", "x"),
                    ],
                ),
            ],
        );
        let r = build("us-east-1", vec!["prod".into()], vec![t], vec![], None);
        let e = &r.tasks[0].enis[0];
        assert_eq!(e.eni_id.as_deref(), Some("eni-1"));
        assert_eq!(e.ipv6.as_deref(), Some("2600::1"));
        assert_eq!(e.details.get("newThing").map(String::as_str), Some("x"));
        assert_eq!(r.tasks[0].other_attachments[0].kind, "Service Connect");
        assert!(e.ec2.is_none());
        assert_eq!(r.exit_code(), exit::OK);
    }

    #[test]
    fn missing_eni_and_tasks_without_eni_and_failures() {
        let tasks = vec![
            task("a", vec![att("ElasticNetworkInterface", &[("networkInterfaceId", "eni-gone")])]),
            task("b", vec![]),
        ];
        let failures = vec![TaskFailure { arn: "x".into(), reason: "MISSING".into(), detail: None }];
        let r = build("us-east-1", vec!["prod".into()], tasks, failures, Some(&HashMap::new()));
        assert_eq!(
            r.summary,
            Summary { tasks: 2, tasks_with_eni: 1, tasks_without_eni: 1, enis: 1, enis_not_in_ec2: 1, failures: 1 }
        );
        assert_eq!(r.exit_code(), exit::FOUND_PROBLEM);
        let rows = r.text_rows();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0][14], "not-found");
        assert_eq!(rows[1][4], "-");
        assert!(rows.iter().all(|r| r.len() == r.len().max(15) && r.len() == 15));
    }
}
