//! The cluster scope of `check`: container instances (status, agent, capability, OS, trunk ENI,
//! hand-attached ENIs), ENI capacity, and where instances stand relative to the subnets.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use anyhow::Result;

use super::{finding, fix, Finding, Plan, Status};
use crate::aws::Aws;
use crate::capacity::{self, ClusterCapacity};
use crate::fetch::{self, TaskFilter};
use crate::inventory::{ContainerInstance, Ec2Instance, EffectiveSettings, Fact, NetworkInterface, Subnet, Task};
use crate::version::{self, Version};

/// What was fetched for one cluster.
#[derive(Debug, Clone)]
pub struct ClusterFacts {
    pub name: String,
    pub instances: Fact<Vec<ContainerInstance>>,
    pub tasks: Fact<Vec<Task>>,
    pub ec2: Fact<HashMap<String, Ec2Instance>>,
    pub max_enis: Fact<HashMap<String, i32>>,
    /// Instance profile ARN -> its role ARN.
    pub profile_roles: HashMap<String, Fact<Option<String>>>,
    /// Role ARN -> the settings in force for it.
    pub role_settings: BTreeMap<String, Fact<EffectiveSettings>>,
    /// ENIs attached to the cluster's instances.
    pub instance_enis: Fact<Vec<NetworkInterface>>,
}

fn lift<T>(r: Result<T>) -> Result<Fact<T>> {
    match r {
        Ok(v) => Ok(Ok(v)),
        Err(e) => Ok(Err(fetch::fatal_or_unavailable(e)?)),
    }
}

fn none_progress() -> fetch::Progress {
    std::sync::Arc::new(|_, _| {})
}

/// Fetches everything about one cluster: independent calls concurrently, each kind batched.
pub async fn gather(aws: &Aws, name: &str) -> Result<ClusterFacts> {
    gather_with(aws, name, true).await
}

/// As `gather`; without `want_enis` the instances' ENIs are not fetched (capacity needs none).
pub async fn gather_with(aws: &Aws, name: &str, want_enis: bool) -> Result<ClusterFacts> {
    let filter = TaskFilter::default();
    let (instances, tasks) =
        tokio::join!(fetch::container_instances(aws, name), fetch::cluster_tasks(aws, name, &filter, none_progress()));
    let instances = lift(instances)?;
    let tasks = lift(tasks.map(|d| d.tasks))?;
    let ids: Vec<String> = match &instances {
        Ok(cis) => cis.iter().filter_map(|c| c.ec2_instance_id.clone()).collect(),
        Err(_) => Vec::new(),
    };
    let (ec2, instance_enis) = tokio::join!(
        async {
            if ids.is_empty() {
                Ok(HashMap::new())
            } else {
                fetch::ec2_instances(aws, &ids).await
            }
        },
        async {
            if ids.is_empty() || !want_enis {
                Ok(Vec::new())
            } else {
                fetch::instance_enis(aws, &ids).await
            }
        },
    );
    let ec2 = lift(ec2)?;
    let instance_enis = lift(instance_enis)?;
    let types: Vec<String> = match &instances {
        Ok(cis) => {
            let from_ec2 = ec2.as_ref().ok();
            cis.iter()
                .filter_map(|c| {
                    c.attr("ecs.instance-type").map(str::to_string).or_else(|| {
                        c.ec2_instance_id.as_ref().and_then(|id| from_ec2?.get(id)).map(|e| e.instance_type.clone())
                    })
                })
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect()
        }
        Err(_) => Vec::new(),
    };
    let profiles: Vec<String> = match &ec2 {
        Ok(m) => {
            m.values().filter_map(|e| e.instance_profile_arn.clone()).collect::<BTreeSet<_>>().into_iter().collect()
        }
        Err(_) => Vec::new(),
    };
    let (max_enis, roles) = tokio::join!(
        async {
            if types.is_empty() {
                Ok(HashMap::new())
            } else {
                fetch::max_enis(aws, &types).await
            }
        },
        futures_util::future::join_all(profiles.iter().map(|p| fetch::instance_profile_role(aws, p))),
    );
    let max_enis = lift(max_enis)?;
    let profile_roles: HashMap<String, Fact<Option<String>>> = profiles.into_iter().zip(roles).collect();
    let role_arns: Vec<String> =
        profile_roles.values().filter_map(|r| r.clone().ok().flatten()).collect::<BTreeSet<_>>().into_iter().collect();
    let settings =
        futures_util::future::join_all(role_arns.iter().map(|r| fetch::effective_settings(aws, Some(r)))).await;
    Ok(ClusterFacts {
        name: name.to_string(),
        instances,
        tasks,
        ec2,
        max_enis,
        profile_roles,
        role_settings: role_arns.into_iter().zip(settings).collect(),
        instance_enis,
    })
}

impl ClusterFacts {
    /// The role of a container instance, through its EC2 instance profile.
    pub fn role_of(&self, ci: &ContainerInstance) -> Option<&str> {
        let e = self.ec2.as_ref().ok()?.get(ci.ec2_instance_id.as_ref()?)?;
        self.profile_roles.get(e.instance_profile_arn.as_ref()?)?.as_ref().ok()?.as_deref()
    }

    /// awsvpcTrunking in force for the instance's role.
    pub fn role_trunking(&self, ci: &ContainerInstance) -> Option<bool> {
        self.role_settings.get(self.role_of(ci)?)?.as_ref().ok().map(EffectiveSettings::trunking_enabled)
    }

    /// The instance roles that do not have awsvpcTrunking in force.
    pub fn roles_without_trunking(&self) -> Vec<String> {
        let roles: BTreeSet<&str> = self
            .instances
            .as_ref()
            .map(|cis| {
                cis.iter().filter(|ci| self.role_trunking(ci) != Some(true)).filter_map(|ci| self.role_of(ci)).collect()
            })
            .unwrap_or_default();
        roles.into_iter().map(str::to_string).collect()
    }

    /// The first fact needed for capacity that could not be fetched.
    pub fn capacity_error(&self) -> Option<&crate::inventory::Unavailable> {
        [
            self.instances.as_ref().err(),
            self.tasks.as_ref().err(),
            self.ec2.as_ref().err(),
            self.max_enis.as_ref().err(),
        ]
        .into_iter()
        .flatten()
        .next()
        .or_else(|| self.profile_roles.values().find_map(|r| r.as_ref().err()))
        .or_else(|| self.role_settings.values().find_map(|r| r.as_ref().err()))
    }

    pub fn capacity(&self) -> Option<ClusterCapacity> {
        let (Ok(cis), Ok(tasks)) = (&self.instances, &self.tasks) else { return None };
        let empty = HashMap::new();
        let ec2 = self.ec2.as_ref().unwrap_or(&empty);
        let empty_max = HashMap::new();
        let max = self.max_enis.as_ref().unwrap_or(&empty_max);
        Some(capacity::compute(&self.name, cis, ec2, max, &|ci| self.role_trunking(ci), tasks))
    }
}

/// Every cluster-scope check over the facts. Pure.
pub fn evaluate(plan: &Plan, c: &ClusterFacts, subnets: Option<&[Subnet]>, out: &mut Vec<Finding>) {
    let cis = match &c.instances {
        Ok(cis) => cis,
        Err(e) => {
            for id in
                super::CHECKS.iter().filter(|(_, s, _)| *s == "instance" || *s == "capacity").map(|(id, _, _)| *id)
            {
                out.push(finding(id, Status::Error, &c.name, e.0.clone()));
            }
            return;
        }
    };
    if cis.is_empty() {
        let msg = format!("cluster {} has no container instances", c.name);
        for id in super::CHECKS.iter().filter(|(_, s, _)| *s == "instance").map(|(id, _, _)| *id) {
            out.push(finding(id, Status::Skip, &c.name, msg.clone()));
        }
        out.push(if plan.launch_type == "EC2" {
            fix(
                finding("capacity.cluster", Status::Fail, &c.name, format!("{msg}: EC2 awsvpc tasks cannot be placed")),
                "register container instances (an Auto Scaling group with the ECS-optimized AMI), or use --launch-type FARGATE",
            )
        } else {
            finding("capacity.cluster", Status::Skip, &c.name, msg)
        });
        return;
    }
    // Without the EC2 instances, their profiles and roles, the per-role trunking verdict and the
    // instances' VPC cannot be evaluated: say so instead of leaving them out.
    let roles_unknown = c.ec2.as_ref().err().or_else(|| c.profile_roles.values().find_map(|r| r.as_ref().err()));
    if let Some(e) = roles_unknown {
        out.push(finding(
            "account.awsvpc-trunking",
            Status::Error,
            &c.name,
            format!("the instance roles could not be read: {}", e.0),
        ));
        if subnets.is_some_and(|s| !s.is_empty()) && plan.launch_type == "EC2" {
            out.push(finding("network.instances-vpc", Status::Error, &c.name, e.0.clone()));
        }
    }
    for ci in cis {
        instance_checks(plan, c, ci, out);
    }
    out.push(finding(
        "instance.ecs-init",
        Status::Skip,
        &c.name,
        "the ecs-init version is not exposed by the ECS API and cannot be verified here; on the ECS-optimized AMI awsvpc \
         needs ecs-init 1.15.0-4 or later (trunking: 1.28.1-2)",
    ));
    capacity_checks(plan, c, subnets, out);
    placement_checks(plan, c, cis, subnets, out);
}

fn instance_checks(plan: &Plan, c: &ClusterFacts, ci: &ContainerInstance, out: &mut Vec<Finding>) {
    let r = ci.arn.as_str();
    // Status and agent connection.
    out.push(match (ci.status.as_str(), ci.agent_connected) {
        ("ACTIVE", true) => finding("instance.status", Status::Pass, r, "ACTIVE, agent connected"),
        ("ACTIVE", false) => fix(
            finding(
                "instance.status",
                Status::Fail,
                r,
                "the ECS agent is disconnected: no task is placed here (RunTask failure AGENT)",
            ),
            "restart the agent on the instance (`sudo systemctl restart ecs`) or replace the instance",
        ),
        ("REGISTRATION_FAILED", _) => fix(
            finding(
                "instance.status",
                Status::Fail,
                r,
                format!(
                    "registration failed: {}",
                    ci.status_reason
                        .as_deref()
                        .unwrap_or("no reason given (with trunking: shared subnets are not supported)")
                ),
            ),
            "fix the reason and replace the instance",
        ),
        ("DRAINING", _) => finding("instance.status", Status::Warn, r, "DRAINING: no new tasks are placed here"),
        (other, _) => finding("instance.status", Status::Warn, r, format!("{other}: not ready for tasks")),
    });

    // Agent version.
    let windows = ci.is_windows();
    let min = Version::new(if windows { version::AWSVPC_WINDOWS } else { version::AWSVPC_LINUX });
    let upgrade = "update the agent (`aws ecs update-container-agent --cluster CLUSTER --container-instance ID`) or replace the instance with a current ECS-optimized AMI";
    out.push(match ci.agent_version.as_deref().map(|v| (v, Version::parse(v))) {
        None | Some((_, None)) => finding(
            "instance.agent-version",
            Status::Warn,
            r,
            format!(
                "agent version {:?} cannot be read; awsvpc needs {min} or later",
                ci.agent_version.as_deref().unwrap_or("")
            ),
        ),
        Some((raw, Some(v))) if v < min => fix(
            finding(
                "instance.agent-version",
                Status::Fail,
                r,
                format!(
                    "agent {raw} is older than {min}, the minimum for awsvpc on {}",
                    if windows { "Windows" } else { "Linux" }
                ),
            ),
            upgrade,
        ),
        Some((raw, Some(v))) => {
            let trunk_min = Version::new(version::TRUNKING);
            let ipv6_min = Version::new(version::IPV6);
            if !windows && plan.require_ipv6 && v < ipv6_min {
                fix(
                    finding(
                        "instance.agent-version",
                        Status::Fail,
                        r,
                        format!("agent {raw} is older than {ipv6_min}, the minimum for IPv6"),
                    ),
                    upgrade,
                )
            } else if !windows && v < trunk_min && (plan.require_trunking || c.role_trunking(ci) == Some(true)) {
                let status = if plan.require_trunking { Status::Fail } else { Status::Warn };
                fix(
                    finding(
                        "instance.agent-version",
                        status,
                        r,
                        format!("agent {raw} is older than {trunk_min}, the minimum for ENI trunking"),
                    ),
                    upgrade,
                )
            } else {
                finding("instance.agent-version", Status::Pass, r, format!("agent {raw} (awsvpc needs {min})"))
            }
        }
    });

    // Capability.
    out.push(if ci.has("ecs.capability.task-eni") {
        finding("instance.task-eni", Status::Pass, r, "ecs.capability.task-eni is advertised")
    } else {
        fix(
            finding(
                "instance.task-eni",
                Status::Fail,
                r,
                "ecs.capability.task-eni is missing: awsvpc tasks are not placed here (RunTask failure ATTRIBUTE)",
            ),
            "run an agent of 1.15.0 or later with ECS_ENABLE_TASK_ENI=true (the ECS-optimized AMI's default), or replace the instance",
        )
    });

    // OS.
    let family = ci.attr("ecs.os-family").unwrap_or("");
    out.push(if family.starts_with("WINDOWS_SERVER_2016") {
        fix(
            finding("instance.os", Status::Fail, r, format!("{family}: Windows Server 2016 cannot host awsvpc tasks")),
            "use a Windows Server 2019 or later ECS-optimized AMI",
        )
    } else if windows && (plan.require_trunking || plan.require_ipv6) {
        let what = if plan.require_trunking { "ENI trunking" } else { "IPv6" };
        finding(
            "instance.os",
            Status::Fail,
            r,
            format!("Windows ({family}) does not support {what}, which --require asks for"),
        )
    } else if windows {
        finding("instance.os", Status::Pass, r, format!("Windows ({family}): awsvpc works; no ENI trunking, no IPv6"))
    } else {
        finding("instance.os", Status::Pass, r, "Linux")
    });

    // Trunk ENI.
    let itype = ci.attr("ecs.instance-type").unwrap_or("");
    let table = crate::limits::trunking(itype);
    let role = c.role_of(ci).unwrap_or("(unknown role)");
    out.push(if ci.has("ecs.awsvpc-trunk-id") {
        finding("instance.trunk-eni", Status::Pass, r, format!("trunk ENI attached ({itype})"))
    } else if windows {
        finding("instance.trunk-eni", Status::Skip, r, "Windows: no ENI trunking")
    } else {
        match (c.role_trunking(ci), table) {
            (Some(true), crate::limits::Trunking::Supported { without, with }) => fix(
                finding(
                    "instance.trunk-eni",
                    if plan.require_trunking { Status::Fail } else { Status::Warn },
                    r,
                    format!(
                        "awsvpcTrunking is enabled for {role}, but this {itype} has no trunk ENI: it was launched before the opt-in \
                         (or the trunk could not be attached); it fits {without} tasks instead of {with}"
                    ),
                ),
                "replace the instance (for example an instance refresh of its Auto Scaling group)",
            ),
            (Some(true), crate::limits::Trunking::Unsupported) => finding(
                "instance.trunk-eni",
                if plan.require_trunking { Status::Fail } else { Status::Skip },
                r,
                format!("{itype} does not support ENI trunking"),
            ),
            (Some(true), crate::limits::Trunking::Unknown) => finding(
                "instance.trunk-eni",
                if plan.require_trunking { Status::Warn } else { Status::Skip },
                r,
                format!("{itype}: AWS's trunking table does not say whether this type supports trunking; no trunk ENI"),
            ),
            (Some(false), _) => finding(
                "instance.trunk-eni",
                if plan.require_trunking { Status::Fail } else { Status::Skip },
                r,
                format!("awsvpcTrunking is not enabled for {role}"),
            ),
            (None, _) => finding(
                "instance.trunk-eni",
                if plan.require_trunking { Status::Error } else { Status::Skip },
                r,
                "the instance role or its awsvpcTrunking setting could not be read",
            ),
        }
    });

    // ENIs attached by hand.
    out.push(match &c.instance_enis {
        Err(e) => finding("instance.manual-enis", Status::Error, r, e.0.clone()),
        Ok(enis) => {
            let task_enis: BTreeSet<&str> = c
                .tasks
                .as_ref()
                .map(|ts| ts.iter().flat_map(|t| t.eni_attachments().filter_map(|a| a.eni_id())).collect())
                .unwrap_or_default();
            let manual: Vec<&str> = enis
                .iter()
                .filter(|n| n.attached_instance_id.as_deref() == ci.ec2_instance_id.as_deref() && ci.ec2_instance_id.is_some())
                .filter(|n| n.device_index.unwrap_or(0) != 0)
                .filter(|n| !matches!(n.interface_type.as_deref(), Some("trunk") | Some("branch")))
                .filter(|n| !task_enis.contains(n.id.as_str()))
                .map(|n| n.id.as_str())
                .collect();
            if manual.is_empty() {
                finding("instance.manual-enis", Status::Pass, r, "no ENIs attached by hand")
            } else {
                fix(
                    finding(
                        "instance.manual-enis",
                        Status::Warn,
                        r,
                        format!(
                            "ENIs attached outside ECS ({}): they take the task slots ECS counts on, and tasks time out in provisioning",
                            manual.join(", ")
                        ),
                    ),
                    "detach them (`aws ec2 detach-network-interface --attachment-id ...`) or move them to other instances",
                )
            }
        }
    });
}

fn capacity_checks(plan: &Plan, c: &ClusterFacts, subnets: Option<&[Subnet]>, out: &mut Vec<Finding>) {
    if let Err(e) = &c.tasks {
        out.push(finding("capacity.instance", Status::Error, &c.name, e.0.clone()));
        out.push(finding("capacity.cluster", Status::Error, &c.name, e.0.clone()));
        return;
    }
    // Slots come from the instance types' ENI quotas: without them, no capacity verdict.
    if let Err(e) = &c.max_enis {
        if let Ok(cis) = &c.instances {
            for ci in cis {
                out.push(finding("capacity.instance", Status::Error, &ci.arn, e.0.clone()));
            }
        }
        out.push(finding("capacity.cluster", Status::Error, &c.name, e.0.clone()));
        return;
    }
    let Some(cap) = c.capacity() else { return };
    for i in &cap.instances {
        let r = i.container_instance_arn.as_str();
        let itype = i.instance_type.as_deref().unwrap_or("unknown type");
        let with = match (i.trunking, i.slots_with_trunking) {
            (true, _) => "trunking in effect".to_string(),
            (false, Some(w)) => format!("with trunking: {w}"),
            (false, None) => "with trunking: unknown".to_string(),
        };
        out.push(match (i.usable, i.slots, i.free) {
            (false, _, _) => {
                finding("capacity.instance", Status::Skip, r, format!("{itype}: not available for awsvpc tasks"))
            }
            (true, Some(slots), Some(0)) => finding(
                "capacity.instance",
                Status::Warn,
                r,
                format!("{itype}: all {slots} awsvpc task slots used ({with}): further tasks fail with RESOURCE:ENI"),
            ),
            (true, Some(slots), Some(free)) => finding(
                "capacity.instance",
                Status::Pass,
                r,
                format!("{itype}: {free} of {slots} awsvpc task slots free ({} used; {with})", i.used),
            ),
            _ => finding(
                "capacity.instance",
                Status::Warn,
                r,
                format!("{itype}: task slots unknown (ENI quota not known)"),
            ),
        });
    }
    if plan.launch_type != "EC2" {
        out.push(finding(
            "capacity.cluster",
            Status::Skip,
            &c.name,
            format!("{} tasks take no instance ENI slots", plan.launch_type),
        ));
        return;
    }
    let zones: Vec<String> = subnets
        .map(|s| s.iter().map(|s| s.availability_zone.clone()).collect::<BTreeSet<_>>().into_iter().collect())
        .unwrap_or_default();
    let per_zone: Vec<String> = cap
        .zones
        .iter()
        .map(|z| format!("{}: {} free of {} ({} instance(s))", z.availability_zone, z.free, z.slots, z.instances))
        .collect();
    let free = cap.free_in(&zones);
    let scope = if zones.is_empty() { "in the cluster".to_string() } else { format!("in {}", zones.join(", ")) };
    let summary = format!("{free} free awsvpc task slot(s) {scope}; {}", per_zone.join("; "));
    out.push(match plan.tasks {
        Some(n) if i64::from(n) > free => fix(
            finding("capacity.cluster", Status::Fail, &c.name, format!("{n} task(s) do not fit: {summary}")),
            make_room(c, &cap, &zones, i64::from(n) - free),
        ),
        Some(n) => finding("capacity.cluster", Status::Pass, &c.name, format!("{n} task(s) fit: {summary}")),
        None if free == 0 => fix(
            finding("capacity.cluster", Status::Warn, &c.name, format!("no free awsvpc task slot: {summary}")),
            make_room(c, &cap, &zones, 1),
        ),
        None => finding("capacity.cluster", Status::Pass, &c.name, summary),
    });
}

/// The ways to make room, as one remediation line.
fn make_room(c: &ClusterFacts, cap: &ClusterCapacity, zones: &[String], missing: i64) -> String {
    capacity::ways_to_make_room(cap, zones, missing, &c.roles_without_trunking()).join(" | ")
}

fn placement_checks(
    plan: &Plan,
    c: &ClusterFacts,
    cis: &[ContainerInstance],
    subnets: Option<&[Subnet]>,
    out: &mut Vec<Finding>,
) {
    let Some(subnets) = subnets.filter(|s| !s.is_empty()) else { return };
    if plan.launch_type != "EC2" {
        return;
    }
    let usable_azs: BTreeSet<&str> = cis
        .iter()
        .filter(|ci| ci.status == "ACTIVE" && ci.agent_connected && ci.has("ecs.capability.task-eni"))
        .filter_map(|ci| ci.attr("ecs.availability-zone"))
        .collect();
    let uncovered: Vec<&Subnet> =
        subnets.iter().filter(|s| !usable_azs.contains(s.availability_zone.as_str())).collect();
    if uncovered.is_empty() {
        out.push(finding(
            "network.instance-azs",
            Status::Pass,
            &c.name,
            "every subnet's AZ has container instances for awsvpc tasks",
        ));
    } else {
        let all = uncovered.len() == subnets.len();
        for s in uncovered {
            out.push(fix(
                finding(
                    "network.instance-azs",
                    if all { Status::Fail } else { Status::Warn },
                    &s.id,
                    format!(
                        "no container instance of cluster {} that can host awsvpc tasks is in {} ({}){}",
                        c.name,
                        s.availability_zone,
                        s.id,
                        if all {
                            ": RunTask fails with LOCATION / ATTRIBUTE"
                        } else {
                            ": tasks go to the other subnets only"
                        }
                    ),
                ),
                format!("add container instances in {} or drop the subnet", s.availability_zone),
            ));
        }
    }
    // Shared subnets: trunking is not supported there (instances end REGISTRATION_FAILED).
    let account = cis.first().and_then(|ci| crate::ids::Arn::parse(&ci.arn)).map(|a| a.account);
    let trunking = plan.require_trunking || cis.iter().any(|ci| c.role_trunking(ci) == Some(true));
    if let Some(account) = account {
        let shared: Vec<&Subnet> =
            subnets.iter().filter(|s| s.owner_id.as_deref().is_some_and(|o| o != account)).collect();
        if shared.is_empty() {
            out.push(finding(
                "network.shared-subnets",
                Status::Pass,
                &c.name,
                "no subnet is shared from another account",
            ));
        }
        for s in shared {
            let owner = s.owner_id.as_deref().unwrap_or("?");
            out.push(if trunking {
                fix(
                    finding(
                        "network.shared-subnets",
                        if plan.require_trunking { Status::Fail } else { Status::Warn },
                        &s.id,
                        format!(
                            "{} is shared from account {owner}: ENI trunking is not supported in shared subnets (container \
                             instances there end REGISTRATION_FAILED)",
                            s.id
                        ),
                    ),
                    "run trunked container instances in subnets this account owns",
                )
            } else {
                finding("network.shared-subnets", Status::Pass, &s.id, format!("shared from account {owner}; trunking is not in use"))
            });
        }
    }
    if let Ok(ec2) = &c.ec2 {
        let subnet_vpcs: BTreeSet<&str> = subnets.iter().map(|s| s.vpc_id.as_str()).collect();
        let stray: Vec<&Ec2Instance> =
            ec2.values().filter(|e| e.vpc_id.as_deref().is_some_and(|v| !subnet_vpcs.contains(v))).collect();
        out.push(if stray.is_empty() {
            finding("network.instances-vpc", Status::Pass, &c.name, "the container instances are in the subnets' VPC")
        } else {
            let mut ids: Vec<String> =
                stray.iter().map(|e| format!("{} ({})", e.id, e.vpc_id.as_deref().unwrap_or("?"))).collect();
            ids.sort();
            fix(
                finding(
                    "network.instances-vpc",
                    Status::Fail,
                    &c.name,
                    format!(
                        "container instances outside the subnets' VPC ({}): {}",
                        subnet_vpcs.into_iter().collect::<Vec<_>>().join(", "),
                        ids.join(", ")
                    ),
                ),
                "give subnets of the instances' VPC",
            )
        });
    }
}
