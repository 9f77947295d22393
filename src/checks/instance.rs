//! Instance scope: each container instance's status, agent, capability, OS, trunk ENI and
//! hand-attached ENIs.

use super::{CheckId, Finding, Plan, Status, each_cluster, per_instance};
use crate::inventory::{ClusterFacts, ContainerInstance, Facts};
use crate::rules::capacity::cannot_host;
use crate::rules::trunking::{self, Trunking};
use crate::rules::version::{self, Version};

/// How bad it is that one instance cannot host awsvpc tasks: in a cluster where another
/// instance can, ECS places them there (ECS Developer Guide, Windows considerations: awsvpc
/// tasks are placed on the capable instances), so it is a warning; when none can, a failure.
fn severity(c: &ClusterFacts, ci: &ContainerInstance) -> (Status, &'static str) {
    let others = c.instances.as_ref().map(|cis| cis.iter().any(|o| o.arn != ci.arn && cannot_host(o).is_none()));
    if others.unwrap_or(false) {
        (Status::Warn, "; awsvpc tasks go to the cluster's other instances")
    } else {
        (Status::Fail, "; no instance of the cluster can host awsvpc tasks")
    }
}

pub fn status(_: &Plan, facts: &Facts) -> Vec<Finding> {
    per_instance(CheckId::InstanceStatus, facts, status_of)
}

fn status_of(c: &ClusterFacts, ci: &ContainerInstance) -> Finding {
    let (id, r) = (CheckId::InstanceStatus, ci.arn.as_str());
    let (bad, rest) = severity(c, ci);
    match (ci.status.as_str(), ci.agent_connected) {
        ("ACTIVE", true) => id.finding(Status::Pass, r, "ACTIVE, agent connected"),
        ("ACTIVE", false) => id
            .finding(
                bad,
                r,
                format!("the ECS agent is disconnected: no task is placed here (RunTask failure AGENT){rest}"),
            )
            .with_fix("restart the agent on the instance (`sudo systemctl restart ecs`) or replace the instance"),
        ("REGISTRATION_FAILED", _) => {
            let reason = ci
                .status_reason
                .as_deref()
                .unwrap_or("no reason given (with trunking: shared subnets are not supported)");
            id.finding(bad, r, format!("registration failed: {reason}{rest}"))
                .with_fix("fix the reason and replace the instance")
        }
        ("DRAINING", _) => id.finding(Status::Warn, r, "DRAINING: no new tasks are placed here"),
        (other, _) => id.finding(Status::Warn, r, format!("{other}: not ready for tasks")),
    }
}

pub fn agent_version(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    per_instance(CheckId::AgentVersion, facts, |c, ci| agent_version_of(plan, c, ci))
}

const UPGRADE: &str = "update the agent (`aws ecs update-container-agent --cluster CLUSTER --container-instance ID`) or replace the \
     instance with a current ECS-optimized AMI";
/// Windows: the agent is updated by replacing the instance with a current Windows ECS-optimized
/// AMI (UpdateContainerAgent is for Linux; ECS Developer Guide, "Updating the Amazon ECS container
/// agent").
const UPGRADE_WINDOWS: &str = "replace the instance with a current Windows ECS-optimized AMI (agent 1.54.0 or later)";

fn agent_version_of(plan: &Plan, c: &ClusterFacts, ci: &ContainerInstance) -> Finding {
    let (id, r) = (CheckId::AgentVersion, ci.arn.as_str());
    let windows = ci.is_windows();
    let min = Version::new(if windows { version::AWSVPC_WINDOWS } else { version::AWSVPC_LINUX });
    let raw = ci.agent_version.as_deref().unwrap_or("");
    let Some(v) = Version::parse(raw) else {
        return id.finding(
            Status::Warn,
            r,
            format!("agent version {raw:?} cannot be read; awsvpc needs {min} or later"),
        );
    };
    let (trunk_min, ipv6_min) = (Version::new(version::TRUNKING), Version::new(version::IPV6));
    if v < min {
        let os = if windows { "Windows" } else { "Linux" };
        let (bad, rest) = severity(c, ci);
        id.finding(bad, r, format!("agent {raw} is older than {min}, the minimum for awsvpc on {os}{rest}"))
            .with_fix(if windows { UPGRADE_WINDOWS } else { UPGRADE })
    } else if !windows && plan.require_ipv6 && v < ipv6_min {
        id.finding(Status::Fail, r, format!("agent {raw} is older than {ipv6_min}, the minimum for IPv6"))
            .with_fix(UPGRADE)
    } else if !windows && v < trunk_min && (plan.require_trunking || c.role_trunking(ci) == Some(true)) {
        let status = if plan.require_trunking { Status::Fail } else { Status::Warn };
        id.finding(status, r, format!("agent {raw} is older than {trunk_min}, the minimum for ENI trunking"))
            .with_fix(UPGRADE)
    } else {
        id.finding(Status::Pass, r, format!("agent {raw} (awsvpc needs {min})"))
    }
}

pub fn task_eni(_: &Plan, facts: &Facts) -> Vec<Finding> {
    per_instance(CheckId::TaskEni, facts, |c, ci| {
        let (id, r) = (CheckId::TaskEni, ci.arn.as_str());
        if ci.has("ecs.capability.task-eni") {
            return id.finding(Status::Pass, r, "ecs.capability.task-eni is advertised");
        }
        let (bad, rest) = severity(c, ci);
        // Windows turns task ENIs on in its bootstrap (ECS Developer Guide, Windows task
        // networking: Initialize-ECSAgent -EnableTaskENI); Linux with ECS_ENABLE_TASK_ENI.
        let fix = if ci.is_windows() {
            "run agent 1.54.0 or later bootstrapped with `Initialize-ECSAgent -Cluster CLUSTER -EnableTaskENI`, or \
             replace the instance with a current Windows ECS-optimized AMI"
        } else {
            "run an agent of 1.15.0 or later with ECS_ENABLE_TASK_ENI=true (the ECS-optimized AMI's default), or \
             replace the instance"
        };
        id.finding(
            bad,
            r,
            format!(
                "ecs.capability.task-eni is missing: awsvpc tasks are not placed here (RunTask failure ATTRIBUTE){rest}"
            ),
        )
        .with_fix(fix)
    })
}

pub fn os(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    per_instance(CheckId::Os, facts, |c, ci| {
        let (id, r) = (CheckId::Os, ci.arn.as_str());
        let family = ci.attr("ecs.os-family").unwrap_or("");
        if family.starts_with("WINDOWS_SERVER_2016") {
            let (bad, rest) = severity(c, ci);
            id.finding(bad, r, format!("{family}: Windows Server 2016 cannot host awsvpc tasks{rest}"))
                .with_fix("use a Windows Server 2019 or later ECS-optimized AMI")
        } else if ci.is_windows() && (plan.require_trunking || plan.require_ipv6) {
            let what = if plan.require_trunking { "ENI trunking" } else { "IPv6" };
            id.finding(Status::Fail, r, format!("Windows ({family}) does not support {what}, which --require asks for"))
        } else if ci.is_windows() {
            id.finding(Status::Pass, r, format!("Windows ({family}): awsvpc works; no ENI trunking, no IPv6"))
        } else {
            id.finding(Status::Pass, r, "Linux")
        }
    })
}

pub fn trunk_eni(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    per_instance(CheckId::TrunkEni, facts, |c, ci| trunk_eni_of(plan, c, ci))
}

fn trunk_eni_of(plan: &Plan, c: &ClusterFacts, ci: &ContainerInstance) -> Finding {
    let (id, r) = (CheckId::TrunkEni, ci.arn.as_str());
    let itype = ci.attr("ecs.instance-type").unwrap_or("");
    let role = c.role_of(ci).unwrap_or("(unknown role)");
    let required = plan.require_trunking;
    if ci.has("ecs.awsvpc-trunk-id") {
        return id.finding(Status::Pass, r, format!("trunk ENI attached ({itype})"));
    }
    if ci.is_windows() {
        return id.finding(Status::Skip, r, "Windows: no ENI trunking");
    }
    let or = |yes: Status, no: Status| if required { yes } else { no };
    let ec2 = ci.ec2_instance_id.as_ref().and_then(|i| c.ec2.as_ref().ok()?.get(i));
    match (c.role_trunking(ci), trunking::trunking(itype)) {
        // Trunking needs resource-based IPv4 DNS (A record) requests off (ECS Developer Guide,
        // "Elastic network interface trunking", considerations): replacing the instance fails the
        // same way while its subnet or launch template turns them on.
        (Some(true) | None, Trunking::Supported { without, with }) if ec2.is_some_and(|e| e.dns_a_record) => {
            let e = ec2.map(|e| e.id.as_str()).unwrap_or("INSTANCE_ID");
            let subnet = ec2.and_then(|e| e.subnet_id.as_deref()).unwrap_or("its subnet");
            id.finding(
                or(Status::Fail, Status::Warn),
                r,
                format!(
                    "this {itype} has resource-based IPv4 DNS (A record) requests on, which ENI trunking does not \
                     support: no trunk ENI, {without} tasks instead of {with}; turn them off on the instance, and on \
                     {subnet} (--no-enable-resource-name-dns-a-record-on-launch) or the launch template so that \
                     replacements launch without them"
                ),
            )
            .with_fix(format!(
                "aws ec2 modify-private-dns-name-options --instance-id {e} --no-enable-resource-name-dns-a-record"
            ))
        }
        (Some(true), Trunking::Supported { without, with }) => id
            .finding(
                or(Status::Fail, Status::Warn),
                r,
                format!(
                    "awsvpcTrunking is enabled for {role}, but this {itype} has no trunk ENI: it was launched before the \
                     opt-in (or the trunk could not be attached); it fits {without} tasks instead of {with}"
                ),
            )
            .with_fix("replace the instance (for example an instance refresh of its Auto Scaling group)"),
        (Some(true), Trunking::Unsupported) => {
            id.finding(or(Status::Fail, Status::Skip), r, format!("{itype} does not support ENI trunking"))
        }
        (Some(true), Trunking::Unknown) => id.finding(
            or(Status::Warn, Status::Skip),
            r,
            format!("{itype}: AWS's trunking table does not say whether this type supports trunking; no trunk ENI"),
        ),
        (Some(false), _) => {
            id.finding(or(Status::Fail, Status::Skip), r, format!("awsvpcTrunking is not enabled for {role}"))
        }
        (None, _) => id.finding(
            or(Status::Error, Status::Skip),
            r,
            "the instance role or its awsvpcTrunking setting could not be read",
        ),
    }
}

pub fn manual_enis(_: &Plan, facts: &Facts) -> Vec<Finding> {
    per_instance(CheckId::ManualEnis, facts, manual_enis_of)
}

/// ENIs attached to the instance that are neither its primary ENI, nor a trunk or branch, nor
/// the ENI of a task ECS knows.
pub fn hand_attached<'a>(c: &'a ClusterFacts, ci: &ContainerInstance) -> Vec<&'a str> {
    let Some(Ok(enis)) = &c.instance_enis else { return vec![] };
    let Some(instance) = ci.ec2_instance_id.as_deref() else { return vec![] };
    let task_enis = c.task_eni_ids();
    enis.iter()
        .filter(|n| n.attached_instance_id.as_deref() == Some(instance))
        .filter(|n| n.device_index.unwrap_or(0) != 0)
        .filter(|n| !matches!(n.interface_type.as_deref(), Some("trunk") | Some("branch")))
        .filter(|n| !task_enis.contains(n.id.as_str()))
        .map(|n| n.id.as_str())
        .collect()
}

fn manual_enis_of(c: &ClusterFacts, ci: &ContainerInstance) -> Finding {
    let (id, r) = (CheckId::ManualEnis, ci.arn.as_str());
    match &c.instance_enis {
        Some(Err(e)) => return id.finding(Status::Error, r, e.message.clone()),
        None => return id.finding(Status::Skip, r, "the instances' ENIs were not read"),
        Some(Ok(_)) => {}
    }
    let manual = hand_attached(c, ci);
    if manual.is_empty() {
        return id.finding(Status::Pass, r, "no ENIs attached by hand");
    }
    id.finding(
        Status::Warn,
        r,
        format!(
            "ENIs attached outside ECS ({}): they take the task slots ECS counts on, and tasks time out in provisioning",
            manual.join(", ")
        ),
    )
    .with_fix("detach them (`aws ec2 detach-network-interface --attachment-id ...`) or move them to other instances")
}

pub fn ecs_init(_: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::EcsInit;
    let mut out = Vec::new();
    let none = |c: &ClusterFacts| {
        Some(id.finding(Status::Skip, &c.name, format!("cluster {} has no container instances", c.name)))
    };
    for (c, _) in each_cluster(id, facts, &mut out, none) {
        out.push(id.finding(
            Status::Skip,
            &c.name,
            "the ecs-init version is not exposed by the ECS API and cannot be verified here; on the ECS-optimized AMI \
             awsvpc needs ecs-init 1.15.0-4 or later (trunking: 1.28.1-2)",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, statuses};
    use super::*;
    use crate::inventory::NetworkInterface;

    fn one(mut f: impl FnMut(&mut ContainerInstance)) -> Facts {
        let mut ci = testing::instance("a", "us-east-1a");
        f(&mut ci);
        Facts { clusters: vec![testing::cluster(vec![ci], vec![], "disabled")], ..Facts::default() }
    }

    /// The instance `b`, changed by `f`, beside a healthy instance `a`.
    fn beside_healthy(mut f: impl FnMut(&mut ContainerInstance)) -> Facts {
        let a = testing::instance("a", "us-east-1a");
        let mut b = testing::instance("b", "us-east-1a");
        f(&mut b);
        Facts { clusters: vec![testing::cluster(vec![a, b], vec![], "disabled")], ..Facts::default() }
    }

    /// ENI trunking considerations: resource-based IPv4 DNS (A record) requests must be off.
    #[test]
    fn a_missing_trunk_with_dns_a_records_on_names_that_cause() {
        let mut facts = Facts {
            clusters: vec![testing::cluster(vec![testing::instance("a", "us-east-1a")], vec![], "enabled")],
            ..Facts::default()
        };
        let plan = Plan { require_trunking: true, ..Plan::default() };
        let f = &trunk_eni(&plan, &facts)[0];
        assert!(f.remediation.as_deref().unwrap().starts_with("replace the instance"), "{f:?}");
        facts.clusters[0].ec2.as_mut().unwrap().get_mut("i-a").unwrap().dns_a_record = true;
        let f = &trunk_eni(&plan, &facts)[0];
        assert_eq!(f.status, Status::Fail);
        assert!(f.message.contains("resource-based IPv4 DNS (A record)"), "{}", f.message);
        assert_eq!(
            f.remediation.as_deref(),
            Some("aws ec2 modify-private-dns-name-options --instance-id i-a --no-enable-resource-name-dns-a-record")
        );
    }

    #[test]
    fn an_instance_that_cannot_host_warns_while_another_can_and_fails_alone() {
        let b = testing::ci_arn("b");
        for (f, check) in [
            (status as fn(&Plan, &Facts) -> Vec<Finding>, "disconnected"),
            (agent_version, "old agent"),
            (task_eni, "no capability"),
            (os, "Windows Server 2016"),
        ] {
            let broken = |ci: &mut ContainerInstance| match check {
                "disconnected" => ci.agent_connected = false,
                "old agent" => ci.agent_version = Some("1.9.0".into()),
                "no capability" => {
                    ci.attributes.remove("ecs.capability.task-eni");
                }
                _ => {
                    ci.attributes.insert("ecs.os-family".into(), Some("WINDOWS_SERVER_2016_FULL".into()));
                }
            };
            let mixed = f(&Plan::default(), &beside_healthy(broken));
            assert_eq!(mixed.iter().find(|x| x.resource == b).unwrap().status, Status::Warn, "{check}: {mixed:?}");
            assert_eq!(f(&Plan::default(), &one(broken))[0].status, Status::Fail, "{check} alone");
        }
    }

    #[test]
    fn status_active_draining_disconnected() {
        assert_eq!(status(&Plan::default(), &one(|_| {}))[0].status, Status::Pass);
        assert_eq!(status(&Plan::default(), &one(|c| c.agent_connected = false))[0].status, Status::Fail);
        assert_eq!(status(&Plan::default(), &one(|c| c.status = "DRAINING".into()))[0].status, Status::Warn);
        assert_eq!(status(&Plan::default(), &Facts::default())[0].status, Status::Skip, "no cluster");
        assert_eq!(status(&Plan::default(), &testing::unreadable())[0].status, Status::Error);
    }

    #[test]
    fn agent_versions_compare_as_numbers() {
        let old = one(|c| c.agent_version = Some("1.9.0".into()));
        let f = &agent_version(&Plan::default(), &old)[0];
        assert_eq!(f.status, Status::Fail, "1.9.0 < 1.15.0: {}", f.message);
        assert_eq!(
            agent_version(&Plan::default(), &one(|c| c.agent_version = Some("1.15.0".into())))[0].status,
            Status::Pass
        );
        let p = Plan { require_trunking: true, ..Plan::default() };
        assert_eq!(agent_version(&p, &one(|c| c.agent_version = Some("1.28.0".into())))[0].status, Status::Fail);
        let windows = one(|c| {
            c.agent_version = Some("1.53.0".into());
            c.attributes.insert("ecs.os-type".into(), Some("windows".into()));
        });
        let f = &agent_version(&Plan::default(), &windows)[0];
        assert_eq!(f.status, Status::Fail, "Windows needs 1.54.0");
        assert!(f.remediation.as_deref().unwrap().contains("Windows ECS-optimized AMI"), "{f:?}");
        assert_eq!(agent_version(&Plan::default(), &one(|c| c.agent_version = None))[0].status, Status::Warn);
    }

    #[test]
    fn capability_and_windows_2016() {
        assert_eq!(
            task_eni(
                &Plan::default(),
                &one(|c| {
                    c.attributes.remove("ecs.capability.task-eni");
                })
            )[0]
            .status,
            Status::Fail
        );
        let w2016 = one(|c| {
            c.attributes.insert("ecs.os-family".into(), Some("WINDOWS_SERVER_2016_FULL".into()));
        });
        assert_eq!(os(&Plan::default(), &w2016)[0].status, Status::Fail);
        assert_eq!(os(&Plan::default(), &one(|_| {}))[0].status, Status::Pass);
    }

    #[test]
    fn trunk_missing_where_role_enables_it_warns() {
        let mut facts = one(|_| {});
        facts.clusters[0].role_settings.values_mut().for_each(|s| *s = Ok(testing::settings("enabled", "enabled")));
        let f = &trunk_eni(&Plan::default(), &facts)[0];
        assert_eq!(f.status, Status::Warn);
        assert!(f.message.contains("fits 2 tasks instead of 10"), "{}", f.message);
        let trunked = one(|c| {
            c.attributes.insert("ecs.awsvpc-trunk-id".into(), Some("uuid".into()));
        });
        assert_eq!(trunk_eni(&Plan::default(), &trunked)[0].status, Status::Pass);
        assert_eq!(trunk_eni(&Plan::default(), &one(|_| {}))[0].status, Status::Skip, "role disabled, not required");
    }

    #[test]
    fn hand_attached_enis_warn_task_and_trunk_enis_do_not() {
        let ci = testing::instance("a", "us-east-1a");
        let eni = |id: &str, index: i32, kind: Option<&str>| NetworkInterface {
            id: id.into(),
            attached_instance_id: Some("i-a".into()),
            device_index: Some(index),
            interface_type: kind.map(str::to_string),
            ..NetworkInterface::default()
        };
        let mut c = testing::cluster(vec![ci.clone()], vec![testing::eni_task(&ci, "eni-task")], "disabled");
        c.instance_enis = Some(Ok(vec![
            eni("eni-primary", 0, None),
            eni("eni-task", 1, None),
            eni("eni-trunk", 2, Some("trunk")),
            eni("eni-hand", 3, None),
        ]));
        let facts = Facts { clusters: vec![c], ..Facts::default() };
        let f = manual_enis(&Plan::default(), &facts);
        assert_eq!(statuses(&f), vec![("warn", ci.arn.clone())]);
        assert!(f[0].message.contains("eni-hand") && !f[0].message.contains("eni-task"));
    }

    #[test]
    fn ecs_init_is_never_a_pass() {
        let f = ecs_init(&Plan::default(), &one(|_| {}));
        assert_eq!(statuses(&f), vec![("skip", "prod".to_string())]);
    }
}
