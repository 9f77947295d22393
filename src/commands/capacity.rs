//! `awsvpc capacity`: the awsvpc task slots of a cluster's container instances, per instance, per
//! Availability Zone and in total; with `--tasks N`, whether N more fit and how to make room.
//! The facts and the arithmetic are those of `check` (no second implementation).

use anyhow::Result;
use comfy_table::Cell;
use serde::Serialize;

use crate::aws::Aws;
use crate::capacity::{self, InstanceCapacity, ZoneCapacity};
use crate::cli::CapacityArgs;
use crate::commands::check::cluster;
use crate::error::Failure;
use crate::exit;
use crate::fetch;
use crate::ids;
use crate::output::{new_table, or_dash, Mode, Render};

#[derive(Debug, Clone)]
pub struct Plan {
    pub cluster: String,
    pub subnets: Vec<String>,
    pub tasks: Option<u32>,
}

pub fn plan(args: &CapacityArgs) -> Result<Plan> {
    ids::check_ec2_ids("--subnets", "subnet-", &args.subnets)?;
    Ok(Plan {
        cluster: match &args.cluster {
            Some(c) => ids::parse_cluster("--cluster", c)?,
            None => "default".into(),
        },
        subnets: args.subnets.clone(),
        tasks: args.tasks,
    })
}

#[derive(Debug, Serialize)]
pub struct CapacityReport {
    pub cluster: String,
    /// The AZs of --subnets (empty: every AZ).
    pub availability_zones: Vec<String>,
    pub instances: Vec<InstanceCapacity>,
    pub zones: Vec<ZoneCapacity>,
    pub total: ZoneCapacity,
    /// --tasks N
    pub tasks: Option<u32>,
    /// Whether N more tasks fit (null without --tasks).
    pub fits: Option<bool>,
    /// Ways to make room when they do not.
    pub ways: Vec<String>,
}

impl CapacityReport {
    pub fn exit_code(&self) -> i32 {
        if self.fits == Some(false) {
            exit::FOUND_PROBLEM
        } else {
            exit::OK
        }
    }
}

pub async fn run(aws: &Aws, plan: &Plan) -> Result<CapacityReport> {
    let (facts, subnets) = tokio::join!(cluster::gather_with(aws, &plan.cluster, false), async {
        if plan.subnets.is_empty() {
            Ok(vec![])
        } else {
            fetch::subnets(aws, &plan.subnets).await
        }
    });
    let facts = facts?;
    let subnets = subnets.map_err(|e| anyhow::Error::from(Failure::unavailable(e.0)))?;
    for s in &plan.subnets {
        if !subnets.iter().any(|x| &x.id == s) {
            return Err(crate::error::invalid("--subnets", s, "an existing subnet of this account and region"));
        }
    }
    // Capacity needs the instances and their tasks; without them there is nothing to report.
    // Every fact the figures rest on must be there: a partial answer would be a wrong one.
    if let Some(e) = facts.capacity_error() {
        return Err(Failure::unavailable(e.0.clone()).into());
    }
    let cap = facts.capacity().expect("instances and tasks were fetched");
    let mut zones: Vec<String> = subnets.iter().map(|s| s.availability_zone.clone()).collect();
    zones.sort();
    zones.dedup();
    let shown = capacity::in_zones(&cap, &zones);
    let (fits, ways) = match plan.tasks {
        Some(n) if i64::from(n) > shown.total.free => (
            Some(false),
            capacity::ways_to_make_room(&cap, &zones, i64::from(n) - shown.total.free, &facts.roles_without_trunking()),
        ),
        Some(_) => (Some(true), vec![]),
        None => (None, vec![]),
    };
    Ok(CapacityReport {
        cluster: plan.cluster.clone(),
        availability_zones: zones,
        instances: shown.instances,
        zones: shown.zones,
        total: shown.total,
        tasks: plan.tasks,
        fits,
        ways,
    })
}

fn num(v: Option<i64>) -> String {
    v.map(|n| n.to_string()).unwrap_or_else(|| "unknown".into())
}

fn trunking_text(i: &InstanceCapacity) -> String {
    if i.trunking {
        "yes".into()
    } else {
        format!("no: {}", i.trunking_note.as_deref().unwrap_or("not in effect"))
    }
}

impl Render for CapacityReport {
    fn table(&self, mode: &Mode) -> String {
        let mut t =
            new_table(mode, &["INSTANCE", "TYPE", "AZ", "OS", "TRUNKING", "SLOTS", "USED", "FREE", "WITH TRUNKING"]);
        for i in &self.instances {
            let name = i.ec2_instance_id.clone().unwrap_or_else(|| i.container_instance_arn.clone());
            let name = if i.usable { name } else { format!("{name} (not usable)") };
            t.add_row(vec![
                Cell::new(name),
                Cell::new(or_dash(i.instance_type.as_deref())),
                Cell::new(or_dash(i.availability_zone.as_deref())),
                Cell::new(&i.os),
                Cell::new(trunking_text(i)),
                Cell::new(num(i.slots)),
                Cell::new(i.used),
                Cell::new(num(i.free)),
                Cell::new(if i.trunking { "-".to_string() } else { num(i.slots_with_trunking) }),
            ]);
        }
        let mut z = new_table(mode, &["AZ", "INSTANCES", "SLOTS", "USED", "FREE", "WITH TRUNKING"]);
        for zone in self.zones.iter().chain(std::iter::once(&self.total)) {
            z.add_row(vec![
                zone.availability_zone.clone(),
                zone.instances.to_string(),
                zone.slots.to_string(),
                zone.used.to_string(),
                zone.free.to_string(),
                zone.slots_with_trunking.to_string(),
            ]);
        }
        let mut out = format!("{t}\n{z}\n");
        match (self.tasks, self.fits) {
            (Some(n), Some(true)) => {
                out.push_str(&format!("{n} more task(s) fit: yes ({} free slots)\n", self.total.free))
            }
            (Some(n), Some(false)) => {
                out.push_str(&format!(
                    "{n} more task(s) fit: no ({} free slots). Ways to make room:\n",
                    self.total.free
                ));
                for (k, w) in self.ways.iter().enumerate() {
                    out.push_str(&format!("  {}. {w}\n", k + 1));
                }
            }
            _ => out.push_str(&format!("{} free awsvpc task slot(s) of {}\n", self.total.free, self.total.slots)),
        }
        out
    }

    fn text_columns(&self) -> &'static [&'static str] {
        &[
            "container_instance_arn",
            "ec2_instance_id",
            "instance_type",
            "availability_zone",
            "os",
            "usable",
            "trunking",
            "slots",
            "used",
            "free",
            "slots_with_trunking",
        ]
    }

    fn text_rows(&self) -> Vec<Vec<String>> {
        self.instances
            .iter()
            .map(|i| {
                vec![
                    i.container_instance_arn.clone(),
                    or_dash(i.ec2_instance_id.as_deref()),
                    or_dash(i.instance_type.as_deref()),
                    or_dash(i.availability_zone.as_deref()),
                    i.os.clone(),
                    i.usable.to_string(),
                    i.trunking.to_string(),
                    num(i.slots),
                    i.used.to_string(),
                    num(i.free),
                    num(i.slots_with_trunking),
                ]
            })
            .collect()
    }
}
