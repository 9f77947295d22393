//! Before the containers start: the task execution role (declared when the task needs it,
//! existing, trusted by ecs-tasks.amazonaws.com, allowed what the task definition needs) and the
//! awslogs log groups. Sources in the registry: ECS Developer Guide, "Amazon ECS task execution
//! IAM role" and "Using the awslogs log driver"; IAM API Reference, SimulatePrincipalPolicy.

use super::taskdef::read;
use super::{CheckId, Finding, Plan, Status};
use crate::inventory::{Facts, PullNeeds, TaskDefinition};

const TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
const MANAGED: &str = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

fn needs(td: &TaskDefinition) -> PullNeeds {
    let account = crate::ids::Arn::parse(&td.arn).map(|a| a.account).unwrap_or_default();
    PullNeeds::of(&td.containers, "", &account)
}

/// On Fargate every need is the execution role's; on EC2, without one, the agent pulls from
/// ECR and writes logs with the instance role, but secrets and registry credentials still need it
/// (ECS Developer Guide, task execution IAM role).
fn role_required(plan: &Plan, n: &PullNeeds) -> Vec<String> {
    if plan.launch_type == "FARGATE" {
        return n.role_reasons.clone();
    }
    n.role_reasons
        .iter()
        .filter(|r| r.contains("secret") || r.contains("parameter") || r.contains("authenticates"))
        .cloned()
        .collect()
}

pub fn execution_role(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::ExecutionRole;
    let td = match read(id, plan, facts) {
        Ok(td) => td,
        Err(f) => return f,
    };
    let n = needs(td);
    let required = role_required(plan, &n);
    let Some(arn) = td.execution_role_arn.as_deref() else {
        return vec![if required.is_empty() {
            let why = if n.role_reasons.is_empty() {
                "public images, no awslogs, no secrets"
            } else {
                "on EC2 the instance role pulls and logs"
            };
            id.finding(Status::Pass, &td.arn, format!("no task execution role needed ({why})"))
        } else {
            id.finding(
                Status::Fail,
                &td.arn,
                format!("no executionRoleArn, but {}: the task stops with ResourceInitializationError or CannotPullContainerError", required.join("; ")),
            )
            .with_fix(format!(
                "aws iam create-role --role-name ecsTaskExecutionRole --assume-role-policy-document '{TRUST}'; aws iam attach-role-policy --role-name ecsTaskExecutionRole --policy-arn {MANAGED}; register a new revision with \"executionRoleArn\""
            ))
        }];
    };
    let role = match &facts.execution_role {
        None => return vec![id.finding(Status::Skip, arn, "the execution role was not read")],
        Some(Err(e)) => return vec![id.finding(Status::Error, arn, e.message.clone())],
        Some(Ok(r)) => r,
    };
    vec![if !role.exists {
        id.finding(Status::Fail, arn, format!("the task execution role {} does not exist", role.name)).with_fix(format!(
            "aws iam create-role --role-name {} --assume-role-policy-document '{TRUST}'; aws iam attach-role-policy --role-name {} --policy-arn {MANAGED}",
            role.name, role.name
        ))
    } else if !role.trusted_services.iter().any(|s| s == "ecs-tasks.amazonaws.com") {
        let whom =
            if role.trusted_services.is_empty() { "no service".to_string() } else { role.trusted_services.join(", ") };
        id.finding(
            Status::Fail,
            arn,
            format!(
                "the trust policy of {} lets {whom} assume it, not ecs-tasks.amazonaws.com: ECS cannot use it",
                role.name
            ),
        )
        .with_fix(format!("aws iam update-assume-role-policy --role-name {} --policy-document '{TRUST}'", role.name))
    } else {
        id.finding(Status::Pass, arn, format!("{} exists and trusts ecs-tasks.amazonaws.com", role.name))
    }]
}

pub fn execution_role_permissions(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::ExecutionRolePermissions;
    let td = match read(id, plan, facts) {
        Ok(td) => td,
        Err(f) => return f,
    };
    let Some(arn) = td.execution_role_arn.as_deref() else {
        return vec![id.finding(
            Status::Skip,
            &td.arn,
            "no task execution role (taskdef.execution-role says whether one is needed)",
        )];
    };
    let grants = match &facts.execution_grants {
        None => return vec![id.finding(Status::Skip, arn, "nothing to grant, or the role could not be read")],
        Some(Err(e)) => return vec![id.finding(Status::Error, arn, e.message.clone())],
        Some(Ok(g)) => g,
    };
    let role = arn.rsplit('/').next().unwrap_or(arn);
    let denied: Vec<_> = grants.verdicts.iter().filter(|(_, v)| *v == Some(false)).map(|(g, _)| g).collect();
    let unknown: Vec<_> = grants.verdicts.iter().filter(|(_, v)| v.is_none()).map(|(g, _)| g).collect();
    if !denied.is_empty() {
        let list: Vec<String> = denied.iter().map(|g| format!("{} on {} ({})", g.action, g.resource, g.why)).collect();
        return vec![
            id.finding(
                Status::Fail,
                arn,
                format!("{role} may not: {} (judged with {})", list.join("; "), grants.method),
            )
            .with_fix(grant_fix(role, &denied)),
        ];
    }
    // A secret's KMS key that could not be read: whether kms:Decrypt is needed is not known
    // (ECS Developer Guide, task execution role: kms:Decrypt for a customer managed key).
    if !grants.unknown.is_empty() {
        return vec![id.finding(
            Status::Error,
            arn,
            format!(
                "{role}: could not read {}: whether it also needs kms:Decrypt is not known (the rest: judged with {})",
                grants.unknown.join("; "),
                grants.method
            ),
        )];
    }
    if !unknown.is_empty() {
        let list: Vec<String> = unknown.iter().map(|g| format!("{} on {}", g.action, g.resource)).collect();
        return vec![
            id.finding(
                Status::Warn,
                arn,
                format!(
                    "{role}: {} cannot be verified (a policy Condition decides; judged with {})",
                    list.join("; "),
                    grants.method
                ),
            )
            .with_fix(format!(
                "aws iam simulate-principal-policy --policy-source-arn {arn} --action-names {}",
                unknown[0].action
            )),
        ];
    }
    vec![id.finding(
        Status::Pass,
        arn,
        format!("{role} may do all {} the task needs ({})", grants.verdicts.len(), grants.method),
    )]
}

/// The grants that fix a refusal: the managed policy for ECR and logs, an inline policy for the
/// rest (secrets, parameters, creating the log group).
fn grant_fix(role: &str, denied: &[&crate::inventory::Grant]) -> String {
    let managed = denied
        .iter()
        .any(|g| g.action.starts_with("ecr:") || g.action == "logs:CreateLogStream" || g.action == "logs:PutLogEvents");
    let inline: Vec<&&crate::inventory::Grant> = denied
        .iter()
        .filter(|g| {
            !(g.action.starts_with("ecr:") || g.action == "logs:CreateLogStream" || g.action == "logs:PutLogEvents")
        })
        .collect();
    let mut steps = Vec::new();
    if managed {
        steps.push(format!("aws iam attach-role-policy --role-name {role} --policy-arn {MANAGED}"));
    }
    if !inline.is_empty() {
        let statements: Vec<String> = inline
            .iter()
            .map(|g| format!(r#"{{"Effect":"Allow","Action":"{}","Resource":"{}"}}"#, g.action, g.resource))
            .collect();
        steps.push(format!(
            r#"aws iam put-role-policy --role-name {role} --policy-name awsvpc-task-needs --policy-document '{{"Version":"2012-10-17","Statement":[{}]}}'"#,
            statements.join(",")
        ));
    }
    steps.join("; ")
}

pub fn log_group(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::LogGroup;
    let td = match read(id, plan, facts) {
        Ok(td) => td,
        Err(f) => return f,
    };
    let n = needs(td);
    if n.log_groups.is_empty() {
        return vec![id.finding(Status::Skip, &td.arn, "no container uses the awslogs log driver")];
    }
    n.log_groups
        .iter()
        .map(|(group, _, create)| {
            if *create {
                return id.finding(Status::Pass, group, "awslogs-create-group is true: the driver creates it (logs:CreateLogGroup is checked with the role)");
            }
            match facts.log_groups.get(group) {
                None => id.finding(Status::Skip, group, "the log group was not looked up"),
                Some(Err(e)) => id.finding(Status::Error, group, e.message.clone()),
                Some(Ok(true)) => id.finding(Status::Pass, group, "the log group exists"),
                Some(Ok(false)) => id
                    .finding(Status::Fail, group, "the awslogs log group does not exist and awslogs-create-group is not set: the task stops with ResourceInitializationError")
                    .with_fix(format!("aws logs create-log-group --log-group-name {group}")),
            }
        })
        .collect()
}
