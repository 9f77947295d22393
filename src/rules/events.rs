//! Service events decoded: the messages the ECS service scheduler writes to a service's event
//! log (DescribeServices `events`), as AWS lists them in the ECS Developer Guide, "Amazon ECS
//! service event messages" (service-event-messages-list.html) and "Availability Zone service
//! rebalancing service event messages". Each recognised message has a kind, the placement
//! failure reason it names (`encountered error "RESOURCE:ENI"`), a plain explanation and the fix.
//! A message that is not recognised is kept verbatim, kind `unknown`: never guessed at.

use serde::Serialize;

/// Where the event texts come from.
pub const SOURCE: &str = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages-list.html";

#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct Decoded {
    /// steady-state, placement, placement-limit, unhealthy-target, start-impaired, throttled,
    /// deployment-configuration, targets-registered, targets-deregistered, tasks-started,
    /// tasks-stopped, az-rebalancing, or unknown.
    pub kind: String,
    /// The API failure reason a placement event names (RESOURCE:ENI, AGENT, ATTRIBUTE, ...), or
    /// the resource it lacks (RESOURCE:CPU, RESOURCE:MEMORY).
    pub reason: Option<String>,
    pub explanation: String,
    pub fix: Option<String>,
    /// Whether the event is a problem (placement, health, start, throttling, configuration).
    pub problem: bool,
}

fn d(kind: &str, reason: Option<&str>, explanation: &str, fix: Option<&str>, problem: bool) -> Decoded {
    Decoded {
        kind: kind.into(),
        reason: reason.map(str::to_string),
        explanation: explanation.into(),
        fix: fix.map(str::to_string),
        problem,
    }
}

/// The quoted failure reason of `encountered error "REASON"`.
fn encountered(message: &str) -> Option<String> {
    let rest = message.split("encountered error \"").nth(1)?;
    rest.split('"').next().map(str::to_string).filter(|r| !r.is_empty())
}

/// A message recognised by what it contains (all of the needles): kind, explanation, fix,
/// whether it is a problem.
type Rule = (&'static [&'static str], &'static str, &'static str, Option<&'static str>, bool);

/// The messages recognised by their text, in the order they are tried.
const SIMPLE: &[Rule] = &[
    (&["has reached a steady state"], "steady-state", "the service runs its desired number of tasks", None, false),
    (
        &[" is unhealthy in "],
        "unhealthy-target",
        "a task fails the load balancer's health checks",
        Some(
            "check the target group's health check and the security groups between the load balancer and the tasks' ENIs",
        ),
        true,
    ),
    (
        &["is unable to consistently start tasks successfully"],
        "start-impaired",
        "tasks keep failing to start: see the stopped tasks",
        None,
        true,
    ),
    (
        &["operations are being throttled"],
        "throttled",
        "ECS throttles the service's operations and retries later",
        None,
        true,
    ),
    (
        &["because of the service deployment configuration"],
        "deployment-configuration",
        "minimumHealthyPercent and maximumPercent leave no room to stop or start a task",
        Some("update the service's minimumHealthyPercent or maximumPercent"),
        true,
    ),
    (
        &[" deregistered ", "target-group"],
        "targets-deregistered",
        "tasks were taken out of the target group",
        None,
        false,
    ),
    (
        &[" registered ", "target-group"],
        "targets-registered",
        "tasks were registered with the target group",
        None,
        false,
    ),
    (&[" has started ", " tasks"], "tasks-started", "the scheduler started tasks", None, false),
    (&[" has stopped ", " tasks"], "tasks-stopped", "the scheduler stopped tasks", None, false),
];

/// Decodes one event message.
pub fn decode(message: &str) -> Decoded {
    let m = message;
    if m.contains("unable to place a task") && m.contains("no container instance met all of its requirements") {
        return placement(m);
    }
    if m.contains("was unable to place a task. Reason:") {
        let why = m.split("Reason:").nth(1).unwrap_or("").trim();
        return d(
            "placement-limit",
            None,
            why,
            Some("see the reason; for account limits, ask for a quota increase"),
            true,
        );
    }
    for (needles, kind, explanation, fix, problem) in SIMPLE {
        if needles.iter().all(|n| m.contains(n)) {
            return d(kind, None, explanation, *fix, *problem);
        }
    }
    d("unknown", None, m, None, false)
}

/// "was unable to place a task because no container instance met all of its requirements",
/// with what the closest matching container instance lacked.
fn placement(m: &str) -> Decoded {
    if m.contains("in Availability Zone") || m.contains("to AZ Rebalance") {
        return d(
            "az-rebalancing",
            None,
            "no container instance in that Availability Zone can take the task",
            Some("launch container instances in that Availability Zone"),
            true,
        );
    }
    if let Some(reason) = encountered(m) {
        let text = format!("the closest matching container instance failed with {reason}");
        return Decoded { kind: "placement".into(), reason: Some(reason), explanation: text, fix: None, problem: true };
    }
    let (reason, text, fix) = if m.contains("insufficient CPU units") {
        (
            "RESOURCE:CPU",
            "no container instance has the CPU units the task asks for",
            "add container instances, or lower the task's cpu",
        )
    } else if m.contains("insufficient memory") {
        (
            "RESOURCE:MEMORY",
            "no container instance has the memory the task asks for",
            "add container instances, or lower the task's memory",
        )
    } else if m.contains("missing an attribute") {
        (
            "ATTRIBUTE",
            "no container instance has an attribute the task requires",
            "run `awsvpc check --service NAME` (instance.task-eni and the task definition's requirements)",
        )
    } else {
        (
            "",
            "no container instance of the cluster met the task's requirements",
            "run `awsvpc capacity` and `awsvpc check` on the cluster",
        )
    };
    let mut out = d("placement", None, text, Some(fix), true);
    out.reason = Some(reason.to_string()).filter(|r| !r.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Event texts as AWS lists them (service-event-messages-list.html), with names filled in.
    #[test]
    fn the_documented_messages_are_recognised() {
        let e = decode("service (web) has reached a steady state.");
        assert_eq!((e.kind.as_str(), e.problem), ("steady-state", false));
        let e = decode(
            "service (web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance 0123abcd) has insufficient CPU units available. For more information, see the Troubleshooting section.",
        );
        assert_eq!((e.kind.as_str(), e.reason.as_deref()), ("placement", Some("RESOURCE:CPU")));
        let e = decode(
            "service (web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance 0123abcd) encountered error \"AGENT\". For more information, see the Troubleshooting section.",
        );
        assert_eq!(e.reason.as_deref(), Some("AGENT"));
        let e = decode(
            "service (web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance 0123abcd) encountered error \"RESOURCE:ENI\". For more information, see the Troubleshooting section.",
        );
        assert_eq!((e.kind.as_str(), e.reason.as_deref(), e.problem), ("placement", Some("RESOURCE:ENI"), true));
        let e = decode(
            "service (web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance 0123abcd) is missing an attribute required by your task.",
        );
        assert_eq!(e.reason.as_deref(), Some("ATTRIBUTE"));
        let e = decode(
            "service (web) was unable to place a task. Reason: You've reached the limit on the number of tasks you can run concurrently",
        );
        assert_eq!(e.kind, "placement-limit");
        assert!(e.explanation.contains("limit on the number of tasks"));
        let e = decode(
            "service (web) (instance i-0123) (port 80) is unhealthy in (target-group arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123) due to (reason Health checks failed).",
        );
        assert_eq!(e.kind, "unhealthy-target");
        assert_eq!(decode("service (web) is unable to consistently start tasks successfully.").kind, "start-impaired");
        assert_eq!(decode("service (web) operations are being throttled. Will try again later.").kind, "throttled");
        let e = decode(
            "service (web) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.",
        );
        assert_eq!(e.kind, "deployment-configuration");
        assert_eq!(decode("service web registered 1 targets in (target-group arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123)").kind, "targets-registered");
        assert_eq!(decode("service web deregistered 1 targets in (target-group arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123)").kind, "targets-deregistered");
        assert_eq!(decode("service web has started 2 tasks: (task 0123) (task 4567).").kind, "tasks-started");
        assert_eq!(decode("service (web) is unable to place a task in Availability Zone us-east-1a because no container instance met all of its requirements.").kind, "az-rebalancing");
    }

    #[test]
    fn unknown_messages_are_kept_verbatim() {
        let e = decode("service (web) did something nobody documented yet");
        assert_eq!(e.kind, "unknown");
        assert_eq!(e.explanation, "service (web) did something nobody documented yet");
        assert!(!e.problem && e.fix.is_none());
    }
}
