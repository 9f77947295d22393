//! How many tasks of a task definition fit on a cluster's instances. A task is placed on one
//! instance that has room for all of it: CPU units, memory, GPUs and, in awsvpc mode, an ENI slot
//! (API failure reasons RESOURCE:CPU, RESOURCE:MEMORY, RESOURCE:GPU, RESOURCE:ENI; the room is
//! DescribeContainerInstances' `remainingResources`). A task takes its task-level `cpu` and
//! `memory` when they are set, else the sum of its containers' `cpu` and `memoryReservation`
//! (else `memory`) (ECS Developer Guide, task definition parameters, "Task size").

use serde::Serialize;

use super::capacity::{ClusterCapacity, InstanceCapacity};
use crate::inventory::TaskDefinition;

/// What one task takes on an instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TaskSize {
    pub cpu: i64,
    pub memory: i64,
    pub gpu: i64,
}

/// "256", "1 vCPU", "0.5 vcpu" -> CPU units; "512", "2 GB" -> MiB (the task definition accepts
/// both forms: API Reference, RegisterTaskDefinition, cpu and memory).
fn units(v: &str, unit_word: &str, per_unit: f64) -> Option<i64> {
    let v = v.trim();
    if let Ok(n) = v.parse::<i64>() {
        return Some(n);
    }
    let lower = v.to_ascii_lowercase();
    let number = lower.strip_suffix(unit_word)?.trim();
    number.parse::<f64>().ok().map(|n| (n * per_unit).round() as i64)
}

impl TaskSize {
    pub fn of(td: &TaskDefinition) -> TaskSize {
        TaskSize {
            cpu: td.cpu.as_deref().and_then(|c| units(c, "vcpu", 1024.0)).unwrap_or(td.containers_cpu),
            memory: td.memory.as_deref().and_then(|m| units(m, "gb", 1024.0)).unwrap_or(td.containers_memory),
            gpu: td.gpus,
        }
    }
}

/// The answer: how many tasks fit now, and what binds.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct Fit {
    pub task_definition: String,
    /// A task's CPU units, MiB and GPUs.
    pub cpu: i64,
    pub memory: i64,
    pub gpu: i64,
    /// Tasks of this size that fit now on the usable instances in scope.
    pub fits: i64,
    /// What limits the most instances: ENI, CPU, MEMORY or GPU (null: nothing limits).
    pub binding: Option<String>,
    /// That limit in numbers, on the instance with the most room for it.
    pub binding_detail: Option<String>,
    /// Usable instances whose ENI slots are not known (not counted in `fits`).
    pub unknown: usize,
}

/// Thousands separated by commas: 3,072.
pub fn grouped(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// Tasks of `size` one instance takes, and the resource that binds there.
fn on_instance(i: &InstanceCapacity, size: &TaskSize) -> Option<(i64, &'static str)> {
    let eni = i.free?;
    let per = |free: Option<i64>, need: i64| match (free, need) {
        (_, n) if n <= 0 => None,
        (None, _) => None,
        (Some(f), n) => Some((f / n).max(0)),
    };
    // A GPU task needs an instance with GPUs: none reported is none free.
    let gpu = if size.gpu > 0 { Some(i.gpu_free.unwrap_or(0) / size.gpu) } else { None };
    let mut best = (eni, "ENI");
    for (n, what) in [(per(i.cpu_free, size.cpu), "CPU"), (per(i.memory_free, size.memory), "MEMORY"), (gpu, "GPU")] {
        if let Some(n) = n.filter(|n| *n < best.0) {
            best = (n, what);
        }
    }
    Some(best)
}

fn detail(i: &InstanceCapacity, what: &str, size: &TaskSize) -> String {
    let id = i.ec2_instance_id.as_deref().unwrap_or(&i.container_instance_arn);
    let of = |free: Option<i64>, registered: Option<i64>| match registered {
        Some(r) => format!("{} of {}", grouped(free.unwrap_or(0)), grouped(r)),
        None => grouped(free.unwrap_or(0)),
    };
    match what {
        "CPU" => {
            format!("{} CPU units free on {id} (a task needs {})", of(i.cpu_free, i.cpu_registered), grouped(size.cpu))
        }
        "MEMORY" => format!(
            "{} MiB free on {id} (a task needs {})",
            of(i.memory_free, i.memory_registered),
            grouped(size.memory)
        ),
        "GPU" => format!("{} GPU(s) free on {id} (a task needs {})", i.gpu_free.unwrap_or(0), size.gpu),
        _ => format!("{} awsvpc task slot(s) free on {id}", i.free.unwrap_or(0)),
    }
}

/// How many tasks of `size` fit on the usable instances of `cap`.
pub fn fit(cap: &ClusterCapacity, task_definition: &str, size: &TaskSize) -> Fit {
    let mut fits = 0;
    let mut unknown = 0;
    let mut bound: Vec<(&InstanceCapacity, &'static str, i64)> = Vec::new();
    for i in cap.instances.iter().filter(|i| i.usable) {
        match on_instance(i, size) {
            None => unknown += 1,
            Some((n, what)) => {
                fits += n;
                bound.push((i, what, n));
            }
        }
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for (_, what, _) in &bound {
        match counts.iter_mut().find(|(w, _)| w == what) {
            Some(c) => c.1 += 1,
            None => counts.push((what, 1)),
        }
    }
    // The resource that binds the most instances; a tie goes to the first of ENI, CPU, MEMORY,
    // GPU, and the instance named is the one with the most room (then the lowest id), so the
    // answer does not depend on the order AWS lists the instances in.
    let rank = |w: &str| ["ENI", "CPU", "MEMORY", "GPU"].iter().position(|r| *r == w).unwrap_or(9);
    let binding =
        counts.iter().max_by(|a, b| a.1.cmp(&b.1).then(rank(b.0).cmp(&rank(a.0)))).map(|(w, _)| w.to_string());
    let id = |i: &InstanceCapacity| i.ec2_instance_id.clone().unwrap_or_else(|| i.container_instance_arn.clone());
    let binding_detail = binding.as_deref().and_then(|b| {
        bound
            .iter()
            .filter(|(_, w, _)| *w == b)
            .max_by(|x, y| x.2.cmp(&y.2).then(id(y.0).cmp(&id(x.0))))
            .map(|(i, w, _)| detail(i, w, size))
    });
    Fit {
        task_definition: task_definition.to_string(),
        cpu: size.cpu,
        memory: size.memory,
        gpu: size.gpu,
        fits,
        binding,
        binding_detail,
        unknown,
    }
}

/// Tasks placeable when each task takes its address from a subnet in its instance's own
/// Availability Zone (ECS Developer Guide, awsvpc: the ENI is created in the task's subnet and
/// attached to an instance in that subnet's AZ): per AZ, the smaller of the room on the AZ's
/// instances and the free addresses of the AZ's subnets. An IPv6-only subnet has no IPv4 count
/// and does not bind. Also returns a note per AZ where addresses bind.
pub fn by_zone(
    cap: &ClusterCapacity,
    size: Option<&TaskSize>,
    subnets: &[crate::inventory::Subnet],
) -> (i64, Vec<String>) {
    let mut total = 0;
    let mut notes = Vec::new();
    for z in &cap.zones {
        let here: Vec<&crate::inventory::Subnet> =
            subnets.iter().filter(|s| s.availability_zone == z.availability_zone).collect();
        let room = match size {
            Some(size) => {
                let zone_cap = ClusterCapacity {
                    instances: cap
                        .instances
                        .iter()
                        .filter(|i| i.availability_zone.as_deref() == Some(z.availability_zone.as_str()))
                        .cloned()
                        .collect(),
                    ..cap.clone()
                };
                fit(&zone_cap, "", size).fits
            }
            None => z.free,
        };
        if here.is_empty() || here.iter().any(|s| s.ipv6_native) {
            total += room;
            continue;
        }
        let addresses: i64 = here.iter().map(|s| s.available_ips.max(0)).sum();
        if addresses < room {
            notes.push(format!(
                "{}: {} free address(es) in its subnets for room for {room}",
                z.availability_zone,
                grouped(addresses)
            ));
        }
        total += room.min(addresses);
    }
    (total, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instance(id: &str, free_slots: i64, cpu: i64, memory: i64) -> InstanceCapacity {
        InstanceCapacity {
            container_instance_arn: format!("arn:aws:ecs:us-east-1:1:container-instance/prod/{id}"),
            ec2_instance_id: Some(id.into()),
            instance_type: Some("c5.large".into()),
            availability_zone: Some("us-east-1a".into()),
            vpc_id: None,
            os: "linux".into(),
            usable: true,
            unusable_reason: None,
            trunking: true,
            trunking_note: None,
            role_trunking: None,
            max_enis: Some(3),
            slots: Some(10),
            used: 10 - free_slots,
            ecs_tasks: 10 - free_slots,
            enis_attached: None,
            free: Some(free_slots),
            slots_with_trunking: Some(10),
            cpu_free: Some(cpu),
            memory_free: Some(memory),
            gpu_free: None,
            cpu_registered: Some(2048),
            memory_registered: Some(3_700),
        }
    }

    fn cap(instances: Vec<InstanceCapacity>) -> ClusterCapacity {
        ClusterCapacity { cluster: "prod".into(), instances, zones: vec![], total: Default::default() }
    }

    #[test]
    fn task_sizes_in_either_form() {
        let td = |cpu: Option<&str>, memory: Option<&str>| TaskDefinition {
            cpu: cpu.map(str::to_string),
            memory: memory.map(str::to_string),
            containers_cpu: 64,
            containers_memory: 128,
            ..TaskDefinition::default()
        };
        assert_eq!(TaskSize::of(&td(Some("1024"), Some("2048"))), TaskSize { cpu: 1024, memory: 2048, gpu: 0 });
        assert_eq!(TaskSize::of(&td(Some("0.5 vCPU"), Some("2 GB"))), TaskSize { cpu: 512, memory: 2048, gpu: 0 });
        assert_eq!(TaskSize::of(&td(None, None)), TaskSize { cpu: 64, memory: 128, gpu: 0 }, "the containers' sum");
    }

    /// A trunked c5.large has 10 ENI slots (AWS's trunking table) but 2,048 CPU units (2 vCPUs):
    /// 1,024-unit tasks are bound by CPU at 2, not by ENIs at 10.
    #[test]
    fn on_trunked_instances_cpu_binds_first() {
        let size = TaskSize { cpu: 1024, memory: 2048, gpu: 0 };
        let c = cap(vec![instance("i-a", 9, 1024, 3_700), instance("i-b", 10, 2048, 3_700)]);
        let f = fit(&c, "web:1", &size);
        assert_eq!(f.fits, 2, "i-a: 1 by CPU and 1 by memory; i-b: 1 by memory (3,700 MiB / 2,048)");
        // One instance bound by CPU, one by memory: the tie goes to CPU (ENI, CPU, MEMORY, GPU),
        // whatever order the instances come in.
        assert_eq!(f.binding.as_deref(), Some("CPU"));
        let swapped = cap(vec![instance("i-b", 10, 2048, 3_700), instance("i-a", 9, 1024, 3_700)]);
        assert_eq!(fit(&swapped, "web:1", &size).binding, f.binding);
        let size = TaskSize { cpu: 1024, memory: 512, gpu: 0 };
        let f = fit(&c, "web:1", &size);
        assert_eq!((f.fits, f.binding.as_deref()), (3, Some("CPU")));
        assert_eq!(f.binding_detail.as_deref(), Some("2,048 of 2,048 CPU units free on i-b (a task needs 1,024)"));
        let f = fit(&c, "web:1", &TaskSize { cpu: 64, memory: 64, gpu: 0 });
        assert_eq!((f.fits, f.binding.as_deref()), (19, Some("ENI")));
        let f = fit(&c, "web:1", &TaskSize { cpu: 64, memory: 64, gpu: 1 });
        assert_eq!((f.fits, f.binding.as_deref()), (0, Some("GPU")), "no GPU on a c5.large");
    }

    /// An instance takes its task's address in its own AZ: free slots in one AZ and free
    /// addresses in another place nothing.
    #[test]
    fn addresses_and_room_are_joined_per_zone() {
        let mut a = instance("i-a", 5, 2048, 3_700);
        a.availability_zone = Some("us-east-1a".into());
        let mut b = instance("i-b", 5, 2048, 3_700);
        b.availability_zone = Some("us-east-1b".into());
        let zone = |az: &str| crate::rules::capacity::ZoneCapacity {
            availability_zone: az.into(),
            instances: 1,
            free: 5,
            ..Default::default()
        };
        let c = ClusterCapacity { zones: vec![zone("us-east-1a"), zone("us-east-1b")], ..cap(vec![a, b]) };
        let subnet = |id: &str, az: &str, free: i64| crate::inventory::Subnet {
            id: id.into(),
            availability_zone: az.into(),
            available_ips: free,
            ..Default::default()
        };
        let subnets = vec![subnet("subnet-a", "us-east-1a", 0), subnet("subnet-b", "us-east-1b", 200)];
        let (n, notes) = by_zone(&c, None, &subnets);
        assert_eq!(n, 5, "us-east-1a's 5 slots have no address");
        assert_eq!(notes, vec!["us-east-1a: 0 free address(es) in its subnets for room for 5".to_string()]);
        let mut v6 = subnets.clone();
        v6[0].ipv6_native = true;
        assert_eq!(by_zone(&c, None, &v6).0, 10, "an IPv6-only subnet does not bind");
    }

    #[test]
    fn grouping() {
        assert_eq!(
            (grouped(3072), grouped(100), grouped(1_000_000)),
            ("3,072".into(), "100".into(), "1,000,000".into())
        );
    }
}
