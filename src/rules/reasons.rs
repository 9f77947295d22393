//! Plain-words explanations of RunTask `failures[]` reasons and of why tasks stopped, with the
//! fix, from the facts already gathered. Pure; shared by `run` and `diagnose`.
//! Unknown reasons are shown verbatim, never guessed at.

use serde::Serialize;

use super::capacity::ClusterCapacity;

#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct Explained {
    /// A short, stable name for the cause (`eni-capacity`, `eni-provisioning-timeout`, ...), or
    /// `unknown`.
    pub cause: String,
    pub explanation: String,
    pub fix: Option<String>,
}

fn explained(cause: &str, explanation: impl Into<String>, fix: Option<String>) -> Explained {
    Explained { cause: cause.into(), explanation: explanation.into(), fix }
}

/// Stops that are part of normal operation, not failures (ECS API reference, Task.stopCode:
/// UserInitiated, ServiceSchedulerInitiated).
pub fn is_benign_stop(stop_code: Option<&str>) -> bool {
    matches!(stop_code, Some("UserInitiated" | "ServiceSchedulerInitiated"))
}

/// A RunTask placement failure (`reason`, `detail`), with what the capacity says.
pub fn placement_failure(
    reason: &str,
    detail: Option<&str>,
    capacity: Option<&ClusterCapacity>,
    azs: &[String],
) -> Explained {
    let detail_text = detail.map(|d| format!(" ({d})")).unwrap_or_default();
    match reason {
        "RESOURCE:ENI" => eni_failure(capacity, azs),
        "RESOURCE:CPU" | "RESOURCE:MEMORY" | "RESOURCE:GPU" | "RESOURCE:PORTS" => {
            let what = reason.trim_start_matches("RESOURCE:").to_lowercase();
            explained(
                &format!("{what}-capacity"),
                format!("no container instance had enough free {what} for the task{detail_text}"),
                Some(format!("add container instances, lower the task's {what} reservation, or stop tasks")),
            )
        }
        "AGENT" => explained(
            "agent-disconnected",
            format!("the ECS agent of the chosen container instance was disconnected{detail_text}"),
            Some("restart the agent (`sudo systemctl restart ecs`) or replace the instance".into()),
        ),
        "ATTRIBUTE" => explained(
            "missing-attribute",
            format!(
                "no container instance in the subnets' AZs has the required attributes (for awsvpc: ecs.capability.task-eni){detail_text}"
            ),
            Some(
                "run `awsvpc check --cluster CLUSTER --subnets ...` to see which instances lack the capability".into(),
            ),
        ),
        "LOCATION" => explained(
            "no-instance-in-azs",
            format!("no container instance is in the Availability Zones of the given subnets{detail_text}"),
            Some("add container instances in those AZs, or give subnets in the AZs of your instances".into()),
        ),
        "MISSING" => explained("missing", format!("the resource was not found{detail_text}"), None),
        other => explained("unknown", format!("{other}{detail_text}"), None),
    }
}

/// RESOURCE:ENI: the full instances in the subnets' AZs, and what trunking would give.
fn eni_failure(capacity: Option<&ClusterCapacity>, azs: &[String]) -> Explained {
    let (full, trunk_gain) = match capacity {
        Some(cap) => {
            let full: Vec<String> = cap
                .instances
                .iter()
                .filter(|i| i.usable && i.free == Some(0))
                .filter(|i| azs.is_empty() || i.availability_zone.as_ref().is_some_and(|a| azs.contains(a)))
                .map(|i| {
                    format!(
                        "{} ({}, {}, {} of {} slots used)",
                        i.ec2_instance_id.as_deref().unwrap_or(&i.container_instance_arn),
                        i.instance_type.as_deref().unwrap_or("?"),
                        i.availability_zone.as_deref().unwrap_or("?"),
                        i.used,
                        i.slots.unwrap_or(0)
                    )
                })
                .collect();
            let gain: i64 = cap
                .instances
                .iter()
                .filter(|i| i.usable && !i.trunking)
                .filter_map(|i| Some(i.slots_with_trunking? - i.slots?))
                .filter(|g| *g > 0)
                .sum();
            (full, gain)
        }
        None => (Vec::new(), 0),
    };
    let mut text =
        "no container instance had a free ENI for another awsvpc task (each takes one of the instance's ENIs)"
            .to_string();
    if !full.is_empty() {
        text.push_str(&format!("; full: {}", full.join(", ")));
    }
    let mut fix = "add container instances in the subnets' AZs, or stop tasks to free ENIs".to_string();
    if trunk_gain > 0 {
        fix = format!(
            "enable ENI trunking for the instance role and replace the instances (+{trunk_gain} task slots), or {fix}"
        );
    }
    explained("eni-capacity", text, Some(fix))
}

/// A stop reason awsvpc recognises: a phrase of `stoppedReason` (matched case-insensitively),
/// its cause, explanation and fix, and where the phrase is documented or reported.
pub struct KnownReason {
    pub phrase: &'static str,
    pub cause: &'static str,
    pub explanation: &'static str,
    pub fix: &'static str,
    pub source: &'static str,
}

/// Only phrases with a source are recognised; anything else is shown verbatim.
pub const STOP_REASONS: &[KnownReason] = &[
    KnownReason {
        phrase: "timeout waiting for network interface provisioning",
        cause: "eni-provisioning-timeout",
        explanation: "the task's ENI was not attached in time. Common causes: the instance had no free ENI slot because \
                      ENIs were attached outside ECS, or EC2 was slow or throttled attaching it",
        fix: "run `awsvpc check --cluster CLUSTER` (instance.manual-enis, capacity.instance); retry the task",
        source: "public report aws/amazon-ecs-agent#4825 (stoppedReason \"Timeout waiting for network interface \
                 provisioning to complete.\"); ECS Developer Guide, awsvpc: ENIs attached by hand",
    },
    KnownReason {
        phrase: "insufficientfreeaddressesinsubnet",
        cause: "subnet-full",
        explanation: "the subnet had no free IP address for the task's ENI",
        fix: "add subnets with free addresses, or release unused ENIs in the subnet",
        source: "EC2 API Reference, Error codes: InsufficientFreeAddressesInSubnet",
    },
    KnownReason {
        phrase: "there aren't sufficient free ipv4 addresses",
        cause: "subnet-full",
        explanation: "the subnet had no free IP address for the task's ENI",
        fix: "add subnets with free addresses, or release unused ENIs in the subnet",
        source: "EC2's message for InsufficientFreeAddressesInSubnet (\"There aren't sufficient free Ipv4 addresses or \
                 prefixes\")",
    },
    KnownReason {
        phrase: "resourceinitializationerror",
        cause: "resource-initialization",
        explanation: "the task could not be prepared. With awsvpc this is often a network path problem: no route to \
                      ECR/S3 (public subnet without public IP, private subnet without NAT or endpoints) or VPC DNS off",
        fix: "run `awsvpc check --subnets ... --launch-type FARGATE` (network.internet-egress, vpc.dns-support)",
        source: "ECS Developer Guide, \"Amazon ECS stopped task error messages\" (ResourceInitializationError)",
    },
];

/// Why a task stopped, from `stopCode` and `stoppedReason`. None when it did not stop.
pub fn stop_reason(stop_code: Option<&str>, stopped_reason: Option<&str>) -> Option<Explained> {
    let reason = stopped_reason.unwrap_or("");
    if stop_code.is_none() && reason.is_empty() {
        return None;
    }
    let lower = reason.to_ascii_lowercase();
    // The image pull and what is fetched before the containers start (rules::pull).
    if let Some(e) = super::pull::decode(reason) {
        return Some(e);
    }
    // A task that waited for capacity and was not placed stops with a placement reason, as
    // RunTask's failures[] give them (ECS Developer Guide, "Amazon ECS API failure reasons":
    // "TaskFailedToStart: RESOURCE:*", "TaskFailedToStart: AGENT"): explained as those are.
    let placement = reason.strip_prefix("TaskFailedToStart:").unwrap_or(reason).trim();
    let code = placement.split_whitespace().next().unwrap_or("");
    if code.starts_with("RESOURCE:") || code == "AGENT" {
        let detail = placement[code.len()..].trim();
        return Some(placement_failure(code, Some(detail).filter(|d| !d.is_empty()), None, &[]));
    }
    if let Some(k) = STOP_REASONS.iter().find(|k| lower.contains(k.phrase)) {
        let explanation = if k.cause == "resource-initialization" {
            format!("{reason}: {}", k.explanation)
        } else {
            k.explanation.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        return Some(explained(k.cause, explanation, Some(k.fix.to_string())));
    }
    // Stop codes (API Reference, Task.stopCode).
    let e = match stop_code {
        Some("UserInitiated") => explained("user-initiated", format!("stopped by a user or API call: {reason}"), None),
        Some("ServiceSchedulerInitiated") => {
            explained("service-scheduler", format!("stopped by the service scheduler: {reason}"), None)
        }
        Some("SpotInterruption") => {
            explained("spot-interruption", format!("the Spot capacity was reclaimed: {reason}"), None)
        }
        Some("TerminationNotice") => {
            explained("termination-notice", format!("the instance is terminating: {reason}"), None)
        }
        Some("EssentialContainerExited") => {
            explained("essential-container-exited", format!("an essential container exited: {reason}"), None)
        }
        // Anything else is shown verbatim, never guessed at.
        _ => {
            explained("unknown", format!("{}{}", stop_code.map(|c| format!("{c}: ")).unwrap_or_default(), reason), None)
        }
    };
    Some(e)
}

#[cfg(test)]
mod tests {
    /// The stopped reasons of tasks that were never placed read as RunTask's failure reasons.
    #[test]
    fn placement_reasons_of_a_stopped_task() {
        let e = super::stop_reason(Some("TaskFailedToStart"), Some("TaskFailedToStart: RESOURCE:MEMORY")).unwrap();
        assert_eq!(e.cause, "memory-capacity");
        let e = super::stop_reason(Some("TaskFailedToStart"), Some("RESOURCE:ENI")).unwrap();
        assert_eq!(e.cause, super::placement_failure("RESOURCE:ENI", None, None, &[]).cause);
        let e = super::stop_reason(Some("TaskFailedToStart"), Some("TaskFailedToStart: AGENT")).unwrap();
        assert_eq!(e.cause, "agent-disconnected");
    }

    use super::*;

    #[test]
    fn eni_stop_reasons_are_recognised() {
        let cases = [
            ("Timeout waiting for network interface provisioning to complete.", "eni-provisioning-timeout"),
            ("InsufficientFreeAddressesInSubnet", "subnet-full"),
            ("There aren't sufficient free Ipv4 addresses or prefixes", "subnet-full"),
            // Phrases without a public source are not recognised: shown verbatim.
            ("Rate limit exceeded while preparing network interface to be attached to instance", "unknown"),
            ("Unable to attach network interface to unused device index.", "unknown"),
        ];
        for (reason, cause) in cases {
            assert_eq!(stop_reason(Some("TaskFailedToStart"), Some(reason)).unwrap().cause, cause, "{reason}");
        }
        assert!(STOP_REASONS.iter().all(|k| !k.source.is_empty() && k.phrase == k.phrase.to_ascii_lowercase()));
    }

    #[test]
    fn unknown_reasons_are_verbatim() {
        let e = stop_reason(Some("TaskFailedToStart"), Some("Something new happened")).unwrap();
        assert_eq!(e.cause, "unknown");
        assert_eq!(e.explanation, "TaskFailedToStart: Something new happened");
        assert!(stop_reason(None, None).is_none());
        let f = placement_failure("RESOURCE:SOMETHING", Some("x"), None, &[]);
        assert_eq!((f.cause.as_str(), f.explanation.as_str()), ("unknown", "RESOURCE:SOMETHING (x)"));
    }
}
