//! Task-definition scope: network mode and launch-type compatibility.

use super::{CheckId, Finding, Plan, Status};
use crate::inventory::{Facts, TaskDefinition};

/// The task definition, or the findings that stand in for it.
pub(super) fn read<'a>(id: CheckId, plan: &Plan, facts: &'a Facts) -> Result<&'a TaskDefinition, Vec<Finding>> {
    match &facts.task_definition {
        None => Err(vec![id.finding(Status::Skip, "-", "no --task-definition or --service given")]),
        Some(Err(e)) => {
            Err(vec![id.finding(Status::Error, plan.task_definition.as_deref().unwrap_or("-"), e.message.clone())])
        }
        Some(Ok(td)) => Ok(td),
    }
}

pub fn network_mode(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::NetworkMode;
    let td = match read(id, plan, facts) {
        Ok(td) => td,
        Err(f) => return f,
    };
    vec![if td.network_mode == "awsvpc" {
        id.finding(Status::Pass, &td.arn, "network mode awsvpc")
    } else {
        id.finding(
            Status::Fail,
            &td.arn,
            format!("network mode {}: its tasks get no ENI of their own (and Fargate refuses it)", td.network_mode),
        )
        .with_fix("register a new revision with \"networkMode\": \"awsvpc\"")
    }]
}

pub fn compatibility(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::Compatibility;
    let td = match read(id, plan, facts) {
        Ok(td) => td,
        Err(f) => return f,
    };
    let lt = plan.launch_type;
    // What AWS validated the task definition against at registration decides (API Reference,
    // TaskDefinition.compatibilities); requiresCompatibilities only where AWS did not say, and
    // without either, EC2.
    let compat: Vec<&str> = if !td.compatibilities.is_empty() {
        td.compatibilities.iter().map(String::as_str).collect()
    } else if !td.requires_compatibilities.is_empty() {
        td.requires_compatibilities.iter().map(String::as_str).collect()
    } else {
        vec!["EC2"]
    };
    // EXTERNAL tasks run on EC2-compatible task definitions.
    let compatible = compat.contains(&lt) || (lt == "EXTERNAL" && compat.contains(&"EC2"));
    vec![if !compatible {
        id.finding(
            Status::Fail,
            &td.arn,
            format!(
                "the task definition is compatible with {} and not {lt}{}",
                compat.join(", "),
                plan.target.as_ref().map(|t| format!(" ({})", t.why)).unwrap_or_default()
            ),
        )
        .with_fix(format!("register a new revision with \"requiresCompatibilities\": [\"{lt}\"]"))
    } else if lt == "FARGATE" && (td.cpu.is_none() || td.memory.is_none()) {
        id.finding(Status::Fail, &td.arn, "Fargate needs task-level cpu and memory")
            .with_fix("register a new revision with task-level \"cpu\" and \"memory\"")
    } else {
        id.finding(Status::Pass, &td.arn, format!("compatible with {lt}"))
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(mode: &str, compat: &[&str], cpu: bool) -> Facts {
        let td = TaskDefinition {
            arn: "arn:aws:ecs:us-east-1:1:task-definition/web:1".into(),
            network_mode: mode.into(),
            requires_compatibilities: compat.iter().map(|s| s.to_string()).collect(),
            cpu: cpu.then(|| "256".into()),
            memory: cpu.then(|| "512".into()),
            ..TaskDefinition::default()
        };
        Facts { task_definition: Some(Ok(td)), ..Facts::default() }
    }

    #[test]
    fn network_mode_must_be_awsvpc() {
        assert_eq!(network_mode(&Plan::default(), &facts("awsvpc", &[], false))[0].status, Status::Pass);
        assert_eq!(network_mode(&Plan::default(), &facts("bridge", &[], false))[0].status, Status::Fail);
        assert_eq!(network_mode(&Plan::default(), &Facts::default())[0].status, Status::Skip);
    }

    #[test]
    fn compatibility_by_launch_type() {
        let fargate = Plan { launch_type: "FARGATE", ..Plan::default() };
        assert_eq!(
            compatibility(&fargate, &facts("awsvpc", &[], true))[0].status,
            Status::Fail,
            "EC2 only without the list"
        );
        assert_eq!(
            compatibility(&fargate, &facts("awsvpc", &["FARGATE"], false))[0].status,
            Status::Fail,
            "cpu/memory"
        );
        assert_eq!(compatibility(&fargate, &facts("awsvpc", &["FARGATE"], true))[0].status, Status::Pass);
        let external = Plan { launch_type: "EXTERNAL", ..Plan::default() };
        assert_eq!(compatibility(&external, &facts("awsvpc", &["EC2"], false))[0].status, Status::Pass);
    }
}
