//! The `capacity` report: slots per instance, per AZ and in total, and the ways to make room.

use serde::Serialize;

use super::grid::Grid;
use super::{OutputContext, Render, or_dash};
use crate::exit;
use crate::rules::capacity::{InstanceCapacity, ZoneCapacity};
use crate::rules::fit::Fit;

#[derive(Debug, Serialize, schemars::JsonSchema)]
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
    /// With --task-definition: how many tasks of its size fit by CPU, memory, GPUs and ENI
    /// slots, and what binds.
    pub fit: Option<Fit>,
    /// The launch target a task without --launch-type gets, and why (the cluster's default
    /// capacity provider strategy, else EC2).
    pub launch_target: String,
    /// With managed scaling, what happens to the tasks that do not fit (then not a failure).
    pub scale_out: Option<String>,
    /// Facts that could not be read but that the figures do not rest on (instance roles and
    /// their settings), each naming the operation.
    pub warnings: Vec<String>,
}

impl super::Report for CapacityReport {
    fn exit_code(&self) -> i32 {
        if self.fits == Some(false) && self.scale_out.is_none() { exit::FOUND_PROBLEM } else { exit::OK }
    }

    /// The facts that could not be read, each a warning.
    fn notes(&self) -> Vec<super::Note> {
        self.warnings.iter().map(super::Note::warning).collect()
    }
}

fn num(v: Option<i64>) -> String {
    v.map(|n| n.to_string()).unwrap_or_else(|| "unknown".into())
}

/// The `text` columns of CapacityReport, in order (also the names `--columns` takes).
pub const CAPACITY_REPORT_COLUMNS: &[&str] = &[
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
    "ecs_tasks",
    "enis_attached",
    "unusable_reason",
];

impl CapacityReport {
    /// The instances: short values only; why trunking is off, or why an instance cannot host
    /// awsvpc tasks, are notes under the table. OS, AZ, the slots with trunking and the type give
    /// way, in that order, when the width is short.
    fn instances_grid(&self) -> Grid {
        let mut g = Grid::new(
            &["INSTANCE", "TYPE", "AZ", "OS", "TRUNK", "SLOTS", "USED", "FREE", "WITH TRUNKING"],
            &[3, 2, 8, 1],
        );
        for i in &self.instances {
            let name = i.ec2_instance_id.clone().unwrap_or_else(|| i.container_instance_arn.clone());
            let trunk = match (i.trunking, &i.trunking_note) {
                (true, _) => "yes".to_string(),
                (false, Some(n)) => format!("no {}", g.note(n)),
                (false, None) => "no".to_string(),
            };
            let free = match &i.unusable_reason {
                Some(why) => format!("0 {}", g.note(&format!("cannot host awsvpc tasks: {why}"))),
                None => num(i.free),
            };
            // Slots taken, and ECS's own task count when EC2 shows more attached.
            let used = match i.enis_attached {
                Some(e) if e > i.ecs_tasks => format!(
                    "{} {}",
                    i.used,
                    g.note(&format!("{} tasks + {} other ENIs attached", i.ecs_tasks, e - i.ecs_tasks))
                ),
                _ => i.used.to_string(),
            };
            g.row(vec![
                name,
                or_dash(i.instance_type.as_deref()),
                or_dash(i.availability_zone.as_deref()),
                i.os.clone(),
                trunk,
                num(i.slots),
                used,
                free,
                if i.trunking { "-".to_string() } else { num(i.slots_with_trunking) },
            ]);
        }
        g
    }

    /// The answer to --tasks N, with the ways to make room (their commands whole).
    fn answer(&self, width: usize) -> String {
        let room = match &self.fit {
            Some(f) => format!(
                "{} fit by CPU, memory, GPU and ENI slots{}",
                f.fits,
                f.binding_detail
                    .as_ref()
                    .map(|d| format!("; {}: {d}", f.binding.as_deref().unwrap_or("")))
                    .unwrap_or_default()
            ),
            None => format!("{} free slots; ENI slots alone, --task-definition counts CPU and memory", self.total.free),
        };
        let tasks = |n: u32| super::count(i64::from(n), "more task", "more tasks");
        let line = match (self.tasks, self.fits) {
            (Some(n), Some(true)) => format!("{} fit: yes ({room})", tasks(n)),
            (Some(n), Some(false)) if self.scale_out.is_some() => {
                format!("{} fit now: no ({room}); {}", tasks(n), self.scale_out.as_deref().unwrap_or_default())
            }
            (Some(n), Some(false)) => format!("{} fit: no ({room}). Ways to make room:", tasks(n)),
            (Some(n), None) => format!(
                "{} fit: cannot be verified ({} free slots known; {} usable instance(s) of unknown capacity)",
                tasks(n),
                self.total.free,
                self.total.unknown
            ),
            _ => format!("{} free awsvpc task slot(s) of {}", self.total.free, self.total.slots),
        };
        let mut out = super::layout::wrap(&line, width, "", 2).join("\n");
        out.push('\n');
        if self.fits == Some(false) && self.scale_out.is_none() {
            out.push_str(&super::layout::numbered(&self.ways, width).join("\n"));
            out.push('\n');
        }
        out
    }
}

impl Render for CapacityReport {
    fn table(&self, mode: &OutputContext) -> String {
        let mut z = Grid::new(&["AZ", "INSTANCES", "SLOTS", "USED", "FREE", "WITH TRUNKING"], &[5]);
        for zone in self.zones.iter().chain(std::iter::once(&self.total)) {
            z.row(vec![
                zone.availability_zone.clone(),
                zone.instances.to_string(),
                zone.slots.to_string(),
                zone.used.to_string(),
                zone.free.to_string(),
                zone.slots_with_trunking.to_string(),
            ]);
        }
        let mut out = format!("{}{}", self.instances_grid().render(mode), z.render(mode));
        out.push_str(&self.answer(usize::from(mode.width)));
        out
    }

    fn text_columns(&self) -> &'static [&'static str] {
        CAPACITY_REPORT_COLUMNS
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
                    i.ecs_tasks.to_string(),
                    i.enis_attached.map(|e| e.to_string()).unwrap_or_else(|| "-".into()),
                    i.unusable_reason.clone().unwrap_or_default(),
                ]
            })
            .collect()
    }
}
