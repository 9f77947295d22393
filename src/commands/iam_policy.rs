//! `awsvpc iam-policy`: the minimal IAM policy for the named commands. Read-only by default; the
//! actions that change AWS appear only for `run`, `stop` and `check-fix`, in a statement of their
//! own, with conditions where IAM has them (PassRole only to ECS tasks, the service-linked role
//! only for ECS). A test runs each command under IAM enforcement with exactly this policy.

use std::collections::BTreeSet;

use serde_json::json;

use crate::output::policy::Policy;

const CHECK: &[&str] = &[
    "ecs:ListAccountSettings",
    "ecs:ListClusters",
    "ecs:DescribeClusters",
    "ecs:DescribeCapacityProviders",
    "ecs:ListContainerInstances",
    "ecs:DescribeContainerInstances",
    "ecs:ListTasks",
    "ecs:DescribeTasks",
    "ecs:DescribeTaskDefinition",
    "ecs:DescribeServices",
    "ecs:ListServices",
    "ec2:DescribeSubnets",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeRouteTables",
    "ec2:DescribeVpcAttribute",
    "ec2:DescribeInstances",
    "ec2:DescribeInstanceTypes",
    "ec2:DescribeNetworkInterfaces",
    // The path before the containers start (network.pull-path).
    "ec2:DescribeVpcs",
    "ec2:DescribeVpcEndpoints",
    "ec2:DescribeNetworkAcls",
    "ec2:DescribePrefixLists",
    "iam:GetRole",
    "iam:GetInstanceProfile",
    // The task execution role: simulated, else its policies read (taskdef.execution-role-*).
    "iam:SimulatePrincipalPolicy",
    "iam:ListAttachedRolePolicies",
    "iam:GetPolicy",
    "iam:GetPolicyVersion",
    "iam:ListRolePolicies",
    "iam:GetRolePolicy",
    "logs:DescribeLogGroups",
    // The secrets' KMS keys: kms:Decrypt is the role's when one is customer managed.
    "secretsmanager:DescribeSecret",
    "ssm:DescribeParameters",
    "kms:DescribeKey",
    "elasticloadbalancing:DescribeTargetGroups",
];

/// Check actions `run`'s preflight never needs: it is given its cluster and no service's target
/// groups (the IAM enforcement test shows no run calls them).
const NOT_FOR_RUN: &[&str] = &["ecs:ListClusters", "ecs:ListServices", "elasticloadbalancing:DescribeTargetGroups"];

/// What `diagnose` reads: the task, and the facts the registry relates to one task (its
/// instance, subnet, VPC and task definition); a service (`--service`, or the network of a
/// stopped service task); for a pull or pre-start failure, the path and the execution role.
const DIAGNOSE: &[&str] = &[
    "ecs:DescribeServices",
    // A service's target groups (`--service`: target type ip for awsvpc).
    "elasticloadbalancing:DescribeTargetGroups",
    "ec2:DescribeVpcs",
    "ec2:DescribeVpcEndpoints",
    "ec2:DescribeNetworkAcls",
    "ec2:DescribePrefixLists",
    "ec2:DescribeSecurityGroups",
    "iam:GetRole",
    "iam:SimulatePrincipalPolicy",
    "iam:ListAttachedRolePolicies",
    "iam:GetPolicy",
    "iam:GetPolicyVersion",
    "iam:ListRolePolicies",
    "iam:GetRolePolicy",
    "logs:DescribeLogGroups",
    "secretsmanager:DescribeSecret",
    "ssm:DescribeParameters",
    "kms:DescribeKey",
    "ecs:ListAccountSettings",
    "ecs:ListContainerInstances",
    "ecs:DescribeContainerInstances",
    "ecs:ListTasks",
    "ecs:DescribeTasks",
    "ecs:DescribeTaskDefinition",
    "ec2:DescribeSubnets",
    "ec2:DescribeRouteTables",
    "ec2:DescribeVpcAttribute",
    "ec2:DescribeInstances",
    "ec2:DescribeInstanceTypes",
    "ec2:DescribeNetworkInterfaces",
    "iam:GetInstanceProfile",
];

/// A command whose permissions a policy grants (`iam-policy`'s arguments, as dispatch passes them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PolicyCommand {
    Enis,
    Check,
    /// `check --fix`: the check actions and the fixes' changes.
    CheckFix,
    Capacity,
    Diagnose,
    /// Launching tasks (with its preflight).
    Run,
    Stop,
}

/// (read-only actions, actions that change AWS) of a command.
pub fn actions(command: PolicyCommand) -> (Vec<&'static str>, Vec<&'static str>) {
    match command {
        // ListContainerInstances: `--container-instance i-...` finds the container instance on it.
        PolicyCommand::Enis => (
            vec!["ecs:ListTasks", "ecs:DescribeTasks", "ec2:DescribeNetworkInterfaces", "ecs:ListContainerInstances"],
            vec![],
        ),
        PolicyCommand::Check => (CHECK.to_vec(), vec![]),
        PolicyCommand::CheckFix => (
            CHECK.to_vec(),
            vec![
                "iam:CreateServiceLinkedRole",
                "ecs:PutAccountSettingDefault",
                "ecs:PutAccountSetting",
                "ec2:ModifyVpcAttribute",
            ],
        ),
        PolicyCommand::Capacity => (
            vec![
                "ecs:DescribeClusters",
                "ecs:DescribeCapacityProviders",
                "ecs:ListContainerInstances",
                "ecs:DescribeContainerInstances",
                "ecs:ListTasks",
                "ecs:DescribeTasks",
                "ecs:DescribeTaskDefinition",
                "ecs:ListAccountSettings",
                "ec2:DescribeInstances",
                "ec2:DescribeInstanceTypes",
                "ec2:DescribeNetworkInterfaces",
                "ec2:DescribeSubnets",
                "iam:GetInstanceProfile",
            ],
            vec![],
        ),
        PolicyCommand::Diagnose => (DIAGNOSE.to_vec(), vec![]),
        // run validates and preflights with the check actions, less those for clusters, services
        // and target groups it is not given (`--like-service` reads the service itself).
        PolicyCommand::Run => (
            CHECK.iter().copied().filter(|a| !NOT_FOR_RUN.contains(a)).collect(),
            vec!["ecs:RunTask", "ecs:TagResource", "iam:PassRole"],
        ),
        PolicyCommand::Stop => (vec!["ecs:DescribeTasks"], vec!["ecs:StopTask"]),
    }
}

pub const READ_ONLY_DEFAULT: &[PolicyCommand] =
    &[PolicyCommand::Enis, PolicyCommand::Check, PolicyCommand::Capacity, PolicyCommand::Diagnose];

pub fn policy(commands: &[PolicyCommand]) -> Policy {
    let commands: BTreeSet<PolicyCommand> = if commands.is_empty() {
        READ_ONLY_DEFAULT.iter().copied().collect()
    } else {
        commands.iter().copied().collect()
    };
    let mut read = BTreeSet::new();
    let mut change = BTreeSet::new();
    for c in &commands {
        let (r, w) = actions(*c);
        read.extend(r);
        change.extend(w);
    }
    let mut statements = vec![json!({
        "Sid": "AwsvpcRead",
        "Effect": "Allow",
        "Action": read.iter().collect::<Vec<_>>(),
        "Resource": "*"
    })];
    let plain: Vec<&&str> =
        change.iter().filter(|a| !matches!(**a, "iam:PassRole" | "iam:CreateServiceLinkedRole")).collect();
    if !plain.is_empty() {
        statements.push(json!({"Sid": "AwsvpcChange", "Effect": "Allow", "Action": plain, "Resource": "*"}));
    }
    // IAM actions that take a condition get a statement of their own.
    let conditional = [
        (
            "iam:PassRole",
            "AwsvpcPassTaskRoles",
            "*",
            json!({"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}),
        ),
        (
            "iam:CreateServiceLinkedRole",
            "AwsvpcCreateEcsServiceLinkedRole",
            "arn:aws:iam::*:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS*",
            json!({"StringLike": {"iam:AWSServiceName": "ecs.amazonaws.com"}}),
        ),
    ];
    for (action, sid, resource, condition) in conditional {
        if change.contains(action) {
            statements.push(json!({
                "Sid": sid, "Effect": "Allow", "Action": action, "Resource": resource, "Condition": condition
            }));
        }
    }
    Policy(json!({"Version": "2012-10-17", "Statement": statements}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_only_by_default_and_changes_only_where_asked() {
        let p = policy(&[]).0;
        let all = p.to_string();
        for w in ["ecs:RunTask", "ecs:StopTask", "ec2:ModifyVpcAttribute", "iam:PassRole", "ecs:PutAccountSetting\""] {
            assert!(!all.contains(w), "{w} in the read-only policy");
        }
        assert_eq!(p["Statement"].as_array().unwrap().len(), 1);
        let run = policy(&[PolicyCommand::Run]).0;
        assert!(run.to_string().contains("ecs:RunTask") && run.to_string().contains("ecs-tasks.amazonaws.com"));
        let stop = policy(&[PolicyCommand::Stop]).0;
        assert_eq!(stop["Statement"][0]["Action"], json!(["ecs:DescribeTasks"]));
        assert_eq!(stop["Statement"][1]["Action"], json!(["ecs:StopTask"]));
    }
}
