//! awsvpc task slots: per container instance, per availability zone, per cluster. Pure: built
//! from the inventory, shared by `check`, `capacity`, `run` and `diagnose`.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::trunking::{self as limits, Trunking};
use super::version::{self, Version};
use crate::inventory::{ClusterFacts, ContainerInstance, Ec2Instance, NetworkInterface, Task};

/// Why an instance cannot take awsvpc tasks, when it cannot. ECS places awsvpc tasks only on
/// ACTIVE instances whose agent is connected and advertises `ecs.capability.task-eni` (ECS API
/// failure reasons AGENT and ATTRIBUTE); the agent must meet the awsvpc minimum for its OS (1.15.0
/// on Linux, 1.54.0 on Windows: ECS Developer Guide, task networking); the Windows Server 2016
/// ECS-optimized AMI cannot host awsvpc tasks (ECS Developer Guide, Windows task networking).
/// An agent version that cannot be read is not held against the instance.
pub fn cannot_host(ci: &ContainerInstance) -> Option<String> {
    let windows = ci.is_windows();
    let min = Version::new(if windows { version::AWSVPC_WINDOWS } else { version::AWSVPC_LINUX });
    let agent = ci.agent_version.as_deref().and_then(Version::parse);
    if ci.status != "ACTIVE" {
        Some(format!("status {}", ci.status))
    } else if !ci.agent_connected {
        Some("agent disconnected".into())
    } else if ci.attr("ecs.os-family").is_some_and(|f| f.starts_with("WINDOWS_SERVER_2016")) {
        Some("Windows Server 2016 cannot host awsvpc tasks".into())
    } else if agent.as_ref().is_some_and(|v| *v < min) {
        Some(format!("agent {} is older than {min}, the awsvpc minimum", ci.agent_version.as_deref().unwrap_or("?")))
    } else if !ci.has("ecs.capability.task-eni") {
        Some("no ecs.capability.task-eni".into())
    } else {
        None
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct InstanceCapacity {
    pub container_instance_arn: String,
    pub ec2_instance_id: Option<String>,
    pub instance_type: Option<String>,
    pub availability_zone: Option<String>,
    /// The instance's VPC (EC2), when known.
    pub vpc_id: Option<String>,
    pub os: String,
    /// Whether the instance can take new awsvpc tasks at all (see `cannot_host`).
    pub usable: bool,
    /// Why it cannot, when it cannot.
    pub unusable_reason: Option<String>,
    /// A trunk ENI is attached: the trunking limits apply.
    pub trunking: bool,
    /// Why trunking is not in effect, when it is not.
    pub trunking_note: Option<String>,
    /// awsvpcTrunking for the instance's role, as read (None: not known). Instances launched now
    /// with that role get the trunking figure only when it is on.
    #[serde(skip)]
    #[schemars(skip)]
    pub role_trunking: Option<bool>,
    pub max_enis: Option<i32>,
    /// awsvpc task slots (null when unknown).
    pub slots: Option<i64>,
    /// Slots taken: the larger of ECS's awsvpc task count and the ENIs EC2 shows attached.
    pub used: i64,
    /// awsvpc tasks ECS has on the instance (not yet STOPPED, stopping ones included).
    pub ecs_tasks: i64,
    /// ENIs EC2 shows attached besides the primary and the trunk ENI (task ENIs, ENIs of tasks
    /// still stopping, ENIs attached by hand); null when they were not read.
    pub enis_attached: Option<i64>,
    pub free: Option<i64>,
    /// The slots with trunking: the table's figure, or null when AWS's table does not say.
    pub slots_with_trunking: Option<i64>,
    /// `remainingResources` and `registeredResources` (DescribeContainerInstances): CPU units,
    /// MiB, GPUs; null where AWS did not say.
    pub cpu_free: Option<i64>,
    pub memory_free: Option<i64>,
    pub gpu_free: Option<i64>,
    pub cpu_registered: Option<i64>,
    pub memory_registered: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default, schemars::JsonSchema)]
pub struct ZoneCapacity {
    pub availability_zone: String,
    /// Usable instances in the zone.
    pub instances: usize,
    pub slots: i64,
    pub used: i64,
    pub free: i64,
    /// The slots the zone's usable instances would have with trunking (where known).
    pub slots_with_trunking: i64,
    /// Usable instances whose slots are not known (their free slots are not in `free`).
    pub unknown: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct ClusterCapacity {
    pub cluster: String,
    pub instances: Vec<InstanceCapacity>,
    pub zones: Vec<ZoneCapacity>,
    pub total: ZoneCapacity,
}

impl ClusterCapacity {
    /// Free slots in the given zones (all zones when empty).
    pub fn free_in(&self, zones: &[String]) -> i64 {
        self.zones.iter().filter(|z| zones.is_empty() || zones.contains(&z.availability_zone)).map(|z| z.free).sum()
    }

    /// Usable instances in the given zones whose slots are not known.
    pub fn unknown_in(&self, zones: &[String]) -> usize {
        self.zones.iter().filter(|z| zones.is_empty() || zones.contains(&z.availability_zone)).map(|z| z.unknown).sum()
    }
}

/// The capacity of a cluster, when its instances and tasks could be read.
pub fn of_cluster(c: &ClusterFacts) -> Option<ClusterCapacity> {
    let (Ok(cis), Ok(tasks)) = (&c.instances, &c.tasks) else { return None };
    let empty = HashMap::new();
    let ec2 = c.ec2.as_ref().unwrap_or(&empty);
    let empty_max = HashMap::new();
    let max = c.max_enis.as_ref().unwrap_or(&empty_max);
    let enis = c.instance_enis.as_ref().and_then(|e| e.as_ref().ok()).map(Vec::as_slice);
    Some(compute(&c.name, cis, ec2, max, &|ci| c.role_trunking(ci), tasks, enis))
}

/// Whether `awsvpcTrunking` is enabled for an instance's role: Some(true/false), or None when
/// the role or its settings are not known.
pub type RoleTrunking<'a> = &'a dyn Fn(&ContainerInstance) -> Option<bool>;

/// Slots without trunking: EC2's interfaces less the primary, or ECS's own figure where its
/// table is lower: multi-card types (c6in/m6in/r6in .32xlarge: 13 without trunking, EC2 counts 16
/// ENIs).
fn untrunked_slots(max_enis: Option<i32>, table: Trunking) -> Option<i64> {
    let listed = match table {
        Trunking::Supported { without, .. } => Some(i64::from(without)),
        _ => None,
    };
    match (max_enis.map(limits::slots_without_trunking), listed) {
        (Some(ec2), Some(ecs)) => Some(ec2.min(ecs)),
        (ec2, ecs) => ec2.or(ecs),
    }
}

/// One instance's slots: the trunking table's figure when a trunk ENI is attached, else the
/// type's ENI quota minus the primary ENI (or the table's untrunked figure).
fn instance_capacity(
    ci: &ContainerInstance,
    e: Option<&Ec2Instance>,
    max_enis: &HashMap<String, i32>,
    role_trunking: RoleTrunking<'_>,
    ecs_tasks: i64,
    enis_attached: Option<i64>,
) -> InstanceCapacity {
    let itype = ci.attr("ecs.instance-type").map(str::to_string).or_else(|| e.map(|e| e.instance_type.clone()));
    let az = ci.attr("ecs.availability-zone").map(str::to_string).or_else(|| e.map(|e| e.availability_zone.clone()));
    let max = itype.as_deref().and_then(|t| max_enis.get(t)).copied();
    let table = itype.as_deref().map(limits::trunking).unwrap_or(Trunking::Unknown);
    let windows = ci.is_windows();
    let trunk = !windows && ci.has("ecs.awsvpc-trunk-id");
    let with = match table {
        Trunking::Supported { with, .. } if !windows => Some(i64::from(with)),
        _ => None,
    };
    let without = untrunked_slots(max, table);
    let slots = if trunk { with } else { without };
    let trunking_note = if trunk {
        // A trunk ENI proves trunking; a type AWS's table does not list has no known limit.
        (table == Trunking::Unknown).then(|| {
            format!(
                "trunk ENI attached, but AWS's trunking table has no figure for {}: its task slots cannot be verified",
                itype.as_deref().unwrap_or("this type")
            )
        })
    } else if windows {
        Some("Windows does not support ENI trunking".to_string())
    } else if table == Trunking::Unsupported {
        Some(format!("{} does not support ENI trunking", itype.as_deref().unwrap_or("this type")))
    } else {
        match role_trunking(ci) {
            Some(false) => Some("awsvpcTrunking is not enabled for the instance role".to_string()),
            None => Some("the instance role or its awsvpcTrunking setting is not known".to_string()),
            Some(true) if table == Trunking::Unknown => {
                Some("no trunk ENI; AWS's table does not say whether this type supports trunking".to_string())
            }
            Some(true) if e.is_some_and(|e| e.dns_a_record) => {
                Some("no trunk ENI: resource-based IPv4 DNS (A record) requests are on; trunking needs them off".into())
            }
            Some(true) => {
                Some("no trunk ENI: launched before trunking was enabled for its role; replace it".to_string())
            }
        }
    };
    let unusable_reason = cannot_host(ci);
    let used = ecs_tasks.max(enis_attached.unwrap_or(0));
    let role_trunking = role_trunking(ci);
    InstanceCapacity {
        container_instance_arn: ci.arn.clone(),
        ec2_instance_id: ci.ec2_instance_id.clone(),
        instance_type: itype,
        availability_zone: az,
        vpc_id: e.and_then(|e| e.vpc_id.clone()),
        os: if windows { "windows".into() } else { "linux".into() },
        usable: unusable_reason.is_none(),
        unusable_reason,
        trunking: trunk,
        trunking_note,
        role_trunking,
        max_enis: max,
        slots,
        used,
        ecs_tasks,
        enis_attached,
        free: slots.map(|s| (s - used).max(0)),
        slots_with_trunking: with,
        cpu_free: ci.remaining.cpu,
        memory_free: ci.remaining.memory,
        gpu_free: ci.remaining.gpu,
        cpu_registered: ci.registered.cpu,
        memory_registered: ci.registered.memory,
    }
}

/// ENIs EC2 shows attached to the instance other than its primary (device index 0) and its
/// trunk ENI: each takes one of the instance's ENI slots (ECS Developer Guide: ENIs attached by
/// hand take the slots ECS counts on).
fn attached_enis(enis: &[NetworkInterface], instance: Option<&str>) -> i64 {
    let Some(instance) = instance else { return 0 };
    enis.iter()
        .filter(|n| n.attached_instance_id.as_deref() == Some(instance))
        .filter(|n| n.device_index.unwrap_or(0) != 0 && n.interface_type.as_deref() != Some("trunk"))
        .count() as i64
}

pub fn compute(
    cluster: &str,
    instances: &[ContainerInstance],
    ec2: &HashMap<String, Ec2Instance>,
    max_enis: &HashMap<String, i32>,
    role_trunking: RoleTrunking<'_>,
    tasks: &[Task],
    enis: Option<&[NetworkInterface]>,
) -> ClusterCapacity {
    let mut used: HashMap<&str, i64> = HashMap::new();
    for t in tasks {
        if t.last_status != "STOPPED"
            && t.eni_attachments().next().is_some()
            && let Some(ci) = &t.container_instance_arn
        {
            *used.entry(ci.as_str()).or_default() += 1;
        }
    }
    let rows: Vec<InstanceCapacity> = instances
        .iter()
        .map(|ci| {
            let e = ci.ec2_instance_id.as_ref().and_then(|id| ec2.get(id));
            let ecs_tasks = used.get(ci.arn.as_str()).copied().unwrap_or(0);
            let attached = enis.map(|all| attached_enis(all, ci.ec2_instance_id.as_deref()));
            instance_capacity(ci, e, max_enis, role_trunking, ecs_tasks, attached)
        })
        .collect();
    aggregate(cluster, rows)
}

/// Per-AZ and total figures over the usable instances.
fn aggregate(cluster: &str, rows: Vec<InstanceCapacity>) -> ClusterCapacity {
    let mut zones: BTreeMap<String, ZoneCapacity> = BTreeMap::new();
    let mut total = ZoneCapacity { availability_zone: "all".into(), ..ZoneCapacity::default() };
    for r in rows.iter().filter(|r| r.usable) {
        let az = r.availability_zone.clone().unwrap_or_else(|| "unknown".into());
        let z = zones
            .entry(az.clone())
            .or_insert_with(|| ZoneCapacity { availability_zone: az, ..ZoneCapacity::default() });
        for acc in [&mut *z, &mut total] {
            acc.instances += 1;
            acc.slots += r.slots.unwrap_or(0);
            acc.used += r.used;
            acc.free += r.free.unwrap_or(0);
            acc.slots_with_trunking += r.slots_with_trunking.or(r.slots).unwrap_or(0);
            acc.unknown += usize::from(r.slots.is_none());
        }
    }
    ClusterCapacity { cluster: cluster.to_string(), instances: rows, zones: zones.into_values().collect(), total }
}

/// The shortest list of ways to make room for `missing` more tasks in `zones` (all zones when
/// empty). `roles_without_trunking` are the instance roles that do not have awsvpcTrunking.
pub fn ways_to_make_room(
    cap: &ClusterCapacity,
    zones: &[String],
    missing: i64,
    roles_without_trunking: &[String],
) -> Vec<String> {
    let mut ways = Vec::new();
    let in_zones = |az: &Option<String>| zones.is_empty() || az.as_ref().is_some_and(|a| zones.contains(a));
    let trunkable: Vec<&InstanceCapacity> = cap
        .instances
        .iter()
        .filter(|i| i.usable && !i.trunking && in_zones(&i.availability_zone))
        .filter(|i| matches!((i.slots_with_trunking, i.slots), (Some(w), Some(s)) if w > s))
        .collect();
    let gain: i64 = trunkable.iter().filter_map(|i| Some(i.slots_with_trunking? - i.slots?)).sum();
    if gain > 0 {
        let ids: Vec<&str> = trunkable
            .iter()
            .map(|i| i.ec2_instance_id.as_deref().unwrap_or(i.container_instance_arn.as_str()))
            .collect();
        let enable: Vec<String> = roles_without_trunking
            .iter()
            .map(|r| format!("aws ecs put-account-setting --name awsvpcTrunking --value enabled --principal-arn {r}"))
            .collect();
        let mut s = format!("enable ENI trunking and replace the instances (+{gain} slots)");
        if !enable.is_empty() {
            s.push_str(&format!(": {}", enable.join("; ")));
        }
        s.push_str(&format!("; replace: {}", ids.join(", ")));
        ways.push(s);
    }
    // More instances of the type the zones already run, with the slots a new one would get: the
    // trunking figure when trunking is known to be enabled for the instance role, else the untrunked one (the
    // same for every instance of a type, whichever is read first).
    let mut by_type: BTreeMap<&str, (usize, i64)> = BTreeMap::new();
    for i in cap.instances.iter().filter(|i| i.usable && in_zones(&i.availability_zone)) {
        let Some(t) = i.instance_type.as_deref() else { continue };
        let table = limits::trunking(t);
        let new = match i.slots_with_trunking {
            Some(with) if i.role_trunking == Some(true) && i.os == "linux" => Some(with),
            _ if i.os == "linux" => untrunked_slots(i.max_enis, table).or(if i.trunking { None } else { i.slots }),
            _ => i.slots,
        };
        if let Some(slots) = new {
            let e = by_type.entry(t).or_insert((0, slots));
            e.0 += 1;
        }
    }
    let where_ = if zones.is_empty() { String::new() } else { format!(" in {}", zones.join(", ")) };
    match by_type.iter().max_by_key(|(_, (n, _))| *n) {
        Some((t, (_, slots))) if *slots > 0 => {
            let k = (missing + slots - 1) / slots;
            let instances = super::count(k, "container instance", "container instances");
            ways.push(format!("add {instances} of type {t}{where_} ({slots} task slots each)"));
        }
        _ => ways.push(format!(
            "add container instances{where_} for at least {}",
            super::count(missing, "more task", "more tasks")
        )),
    }
    if !zones.is_empty() {
        let other: Vec<String> = cap
            .zones
            .iter()
            .filter(|z| z.free > 0 && !zones.contains(&z.availability_zone))
            .map(|z| format!("{} ({} free)", z.availability_zone, z.free))
            .collect();
        if !other.is_empty() {
            ways.push(format!("add subnets in {}", other.join(", ")));
        }
    }
    ways
}

/// The capacity of the instances that can take an ENI of the given subnets: a task's ENI is
/// attached to an instance in its subnet's Availability Zone and VPC (ECS Developer Guide,
/// awsvpc). Empty `zones` or `vpcs` do not restrict.
pub fn in_scope(cap: &ClusterCapacity, zones: &[String], vpcs: &[String]) -> ClusterCapacity {
    let keep = |i: &InstanceCapacity| {
        (zones.is_empty() || i.availability_zone.as_ref().is_some_and(|a| zones.contains(a)))
            && (vpcs.is_empty() || i.vpc_id.as_ref().is_none_or(|v| vpcs.contains(v)))
    };
    aggregate(&cap.cluster, cap.instances.iter().filter(|i| keep(i)).cloned().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::Attachment;

    fn ci(arn: &str, itype: &str, az: &str, attrs: &[&str]) -> ContainerInstance {
        let mut attributes: BTreeMap<String, Option<String>> = attrs.iter().map(|a| (a.to_string(), None)).collect();
        attributes.insert("ecs.instance-type".into(), Some(itype.into()));
        attributes.insert("ecs.availability-zone".into(), Some(az.into()));
        attributes.insert("ecs.os-type".into(), Some("linux".into()));
        ContainerInstance {
            arn: arn.into(),
            status: "ACTIVE".into(),
            agent_connected: true,
            attributes,
            ..ContainerInstance::default()
        }
    }

    fn task(on: &str) -> Task {
        Task {
            last_status: "RUNNING".into(),
            container_instance_arn: Some(on.into()),
            attachments: vec![Attachment { kind: "ElasticNetworkInterface".into(), ..Attachment::default() }],
            ..Task::default()
        }
    }

    #[test]
    fn slots_used_free_and_trunking() {
        let cis = vec![
            ci("ci/a", "c5.large", "az1", &["ecs.capability.task-eni"]),
            ci("ci/b", "c5.large", "az2", &["ecs.capability.task-eni", "ecs.awsvpc-trunk-id"]),
            ci("ci/c", "c7i.large", "az2", &["ecs.capability.task-eni"]),
        ];
        let max: HashMap<String, i32> = [("c5.large".to_string(), 3), ("c7i.large".to_string(), 3)].into();
        let tasks = vec![task("ci/a"), task("ci/a"), task("ci/b")];
        let cap = compute("prod", &cis, &HashMap::new(), &max, &|_| Some(false), &tasks, None);
        let a = &cap.instances[0];
        assert_eq!((a.slots, a.used, a.free, a.slots_with_trunking), (Some(2), 2, Some(0), Some(10)));
        assert!(a.trunking_note.as_deref().unwrap().contains("not enabled"));
        let b = &cap.instances[1];
        assert_eq!((b.trunking, b.slots, b.free), (true, Some(10), Some(9)));
        let c = &cap.instances[2];
        assert_eq!((c.slots, c.slots_with_trunking), (Some(2), None), "unknown type: no trunking figure");
        assert_eq!(cap.total.free, 11);
        assert_eq!(cap.free_in(&["az1".to_string()]), 0);
        assert_eq!(cap.zones.len(), 2);
        let ways = ways_to_make_room(&cap, &["az1".to_string()], 3, &["arn:aws:iam::1:role/r".to_string()]);
        assert!(ways[0].contains("+8 slots") && ways[0].contains("--principal-arn arn:aws:iam::1:role/r"), "{ways:?}");
        assert_eq!(ways[1], "add 2 container instances of type c5.large in az1 (2 task slots each)");
        assert_eq!(ways[2], "add subnets in az2 (11 free)");
        let only = in_scope(&cap, &["az2".to_string()], &[]);
        assert_eq!((only.instances.len(), only.total.free), (2, 11));
    }

    /// A trunked and an untrunked c5.large: a new one gets 2 slots while trunking is off for the
    /// instance role (10 once it is on), whichever instance AWS lists first.
    #[test]
    fn new_instances_get_the_slots_of_the_roles_setting_in_any_order() {
        let max: HashMap<String, i32> = [("c5.large".to_string(), 3)].into();
        let a = ci("ci/a", "c5.large", "az1", &["ecs.capability.task-eni", "ecs.awsvpc-trunk-id"]);
        let b = ci("ci/b", "c5.large", "az1", &["ecs.capability.task-eni"]);
        for cis in [vec![a.clone(), b.clone()], vec![b, a]] {
            let cap = compute("prod", &cis, &HashMap::new(), &max, &|_| Some(false), &[], None);
            let off = ways_to_make_room(&cap, &[], 30, &["arn:aws:iam::1:role/r".to_string()]);
            assert!(
                off.contains(&"add 15 container instances of type c5.large (2 task slots each)".to_string()),
                "{off:?}"
            );
            let cap = compute("prod", &cis, &HashMap::new(), &max, &|_| Some(true), &[], None);
            let on = ways_to_make_room(&cap, &[], 30, &[]);
            assert!(
                on.contains(&"add 3 container instances of type c5.large (10 task slots each)".to_string()),
                "{on:?}"
            );
            // The role's setting unknown: no trunking promised.
            let cap = compute("prod", &cis, &HashMap::new(), &max, &|_| None, &[], None);
            let unknown = ways_to_make_room(&cap, &[], 30, &[]);
            assert!(unknown.iter().any(|w| w.contains("(2 task slots each)")), "{unknown:?}");
        }
    }
}
