//! Account scope: the ECS service-linked role, and the account settings awsvpcTrunking and
//! dualStackIPv6 for the principals that matter.

use std::collections::BTreeMap;

use super::{CheckId, Finding, Plan, Status};
use crate::inventory::{EffectiveSettings, Fact, Facts};

pub fn service_linked_role(_: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::ServiceLinkedRole;
    let r = "AWSServiceRoleForECS";
    vec![match &facts.service_linked_role {
        None => id.finding(Status::Skip, r, "not read"),
        Some(Ok(true)) => id.finding(Status::Pass, r, "the role exists"),
        Some(Ok(false)) => id
            .finding(
                Status::Fail,
                r,
                "the ECS service-linked role does not exist: ECS cannot create or attach task ENIs",
            )
            .with_fix("aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com"),
        Some(Err(e)) => id.finding(Status::Error, r, e.message.clone()),
    }]
}

/// awsvpcTrunking: the caller, the account default, each instance role (the principal that
/// matters for instances), and clusters whose instance roles could not be read.
pub fn awsvpc_trunking(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::AwsvpcTrunking;
    let roles: BTreeMap<&str, &Fact<EffectiveSettings>> =
        facts.clusters.iter().flat_map(|c| c.role_settings.iter().map(|(r, f)| (r.as_str(), f))).collect();
    let mut out =
        setting(id, "awsvpcTrunking", plan.require_trunking, facts, &roles, EffectiveSettings::trunking_enabled);
    // Without the EC2 instances or their profiles, the per-role verdict cannot be evaluated.
    for c in &facts.clusters {
        let has_instances = c.instances.as_ref().is_ok_and(|cis| !cis.is_empty());
        if let (true, Some(e)) = (has_instances, c.roles_error()) {
            let msg = format!("the instance roles could not be read: {}", e.message);
            out.push(id.finding(Status::Error, &c.name, msg));
        }
    }
    out
}

pub fn dual_stack_ipv6(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    setting(
        CheckId::DualStackIpv6,
        "dualStackIPv6",
        plan.require_ipv6,
        facts,
        &BTreeMap::new(),
        EffectiveSettings::ipv6_enabled,
    )
}

/// The exact command that turns a setting on for a principal ("caller", a role, the root).
fn enable(name: &str, principal: &str) -> String {
    if principal.ends_with(":root") {
        format!("aws ecs put-account-setting-default --name {name} --value enabled")
    } else if principal == "caller" {
        format!("aws ecs put-account-setting --name {name} --value enabled")
    } else {
        format!("aws ecs put-account-setting --name {name} --value enabled --principal-arn {principal}")
    }
}

fn shown(on: bool) -> &'static str {
    if on {
        "enabled"
    } else {
        "disabled"
    }
}

fn setting(
    id: CheckId,
    name: &str,
    required: bool,
    facts: &Facts,
    roles: &BTreeMap<&str, &Fact<EffectiveSettings>>,
    get: fn(&EffectiveSettings) -> bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let caller = facts.caller_settings.as_ref().and_then(|f| f.as_ref().ok()).map(get);
    let default = facts.default_settings.as_ref().and_then(|(_, f)| f.as_ref().ok()).map(get);
    // Without instance roles, the caller's and the default's values are the ones judged.
    let judged_here = roles.is_empty();
    match &facts.caller_settings {
        None => out.push(id.finding(Status::Skip, "caller", "the account settings were not read")),
        Some(Err(e)) => out.push(id.finding(Status::Error, "caller", e.message.clone())),
        Some(Ok(s)) if required && judged_here && !get(s) => out.push(
            id.finding(Status::Fail, "caller", format!("{name} is disabled for the caller, and --require asks for it"))
                .with_fix(enable(name, "caller")),
        ),
        Some(Ok(s)) => out.push(id.finding(
            Status::Pass,
            "caller",
            format!("{name} is {} for the caller (the identity running awsvpc)", shown(get(s))),
        )),
    }
    if let Some((root, f)) = &facts.default_settings {
        out.push(match f {
            Err(e) => id.finding(Status::Error, root, e.message.clone()),
            Ok(s) => id.finding(Status::Pass, root, format!("{name} is {} as the account default", shown(get(s)))),
        });
    }
    for (role, f) in roles {
        out.push(role_finding(id, name, required, role, f, get, caller == Some(true) || default == Some(true), caller));
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn role_finding(
    id: CheckId,
    name: &str,
    required: bool,
    role: &str,
    f: &Fact<EffectiveSettings>,
    get: fn(&EffectiveSettings) -> bool,
    elsewhere: bool,
    caller: Option<bool>,
) -> Finding {
    match f {
        Err(e) => id.finding(Status::Error, role, e.message.clone()),
        Ok(s) if get(s) => id.finding(
            Status::Pass,
            role,
            format!("{name} is enabled for the instance role: instances launched from now on get a trunk ENI"),
        ),
        Ok(_) if required => id
            .finding(
                Status::Fail,
                role,
                format!("{name} is disabled for the instance role, the principal that matters"),
            )
            .with_fix(format!("{}; then replace the instances", enable(name, role))),
        Ok(_) if elsewhere => id
            .finding(
                Status::Warn,
                role,
                format!(
                    "{name} is enabled for the {}, but disabled for this instance role, which is the principal that \
                     matters: its instances get no trunk ENI",
                    if caller == Some(true) { "caller" } else { "account default" }
                ),
            )
            .with_fix(format!("{}; then replace the instances", enable(name, role))),
        Ok(_) => id.finding(Status::Pass, role, format!("{name} is disabled for the instance role (not required)")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, statuses, ROLE};
    use super::*;

    #[test]
    fn service_linked_role_pass_fail_error() {
        let mut facts = Facts { service_linked_role: Some(Ok(true)), ..Facts::default() };
        assert_eq!(service_linked_role(&Plan::default(), &facts)[0].status, Status::Pass);
        facts.service_linked_role = Some(Ok(false));
        let f = &service_linked_role(&Plan::default(), &facts)[0];
        assert_eq!(f.status, Status::Fail);
        assert_eq!(
            f.remediation.as_deref(),
            Some("aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com")
        );
        facts.service_linked_role = Some(Err(testing::denied()));
        assert_eq!(service_linked_role(&Plan::default(), &facts)[0].status, Status::Error);
    }

    #[test]
    fn trunking_for_the_caller_but_not_the_instance_role_warns_on_the_role() {
        let mut facts = testing::populated();
        facts.clusters = vec![testing::cluster(vec![testing::instance("a", "us-east-1a")], vec![], "disabled")];
        let f = awsvpc_trunking(&Plan::default(), &facts);
        let role = f.iter().find(|f| f.resource == ROLE).unwrap();
        assert_eq!(role.status, Status::Warn);
        assert!(role.remediation.as_deref().unwrap().contains(&format!("--principal-arn {ROLE}")));
        // Required: the role fails; the caller is not judged when instance roles exist.
        let plan = Plan { require_trunking: true, ..Plan::default() };
        let f = awsvpc_trunking(&plan, &facts);
        assert_eq!(f.iter().find(|f| f.resource == ROLE).unwrap().status, Status::Fail);
        assert_eq!(f.iter().find(|f| f.resource == "caller").unwrap().status, Status::Pass);
    }

    #[test]
    fn without_instances_required_trunking_judges_the_caller() {
        let facts = Facts { caller_settings: Some(Ok(testing::settings("disabled", "enabled"))), ..Facts::default() };
        let plan = Plan { require_trunking: true, ..Plan::default() };
        assert_eq!(statuses(&awsvpc_trunking(&plan, &facts)), vec![("fail", "caller".to_string())]);
        assert_eq!(statuses(&awsvpc_trunking(&Plan::default(), &facts)), vec![("pass", "caller".to_string())]);
    }

    #[test]
    fn unreadable_roles_are_errors_of_the_cluster() {
        let mut facts = testing::populated();
        facts.clusters[0].ec2 = Err(testing::denied());
        let f = awsvpc_trunking(&Plan::default(), &facts);
        assert!(f.iter().any(|f| f.resource == "prod" && f.status == Status::Error), "{f:?}");
    }

    #[test]
    fn dual_stack_reports_caller_and_default() {
        let facts = testing::populated();
        let f = dual_stack_ipv6(&Plan { require_ipv6: true, ..Plan::default() }, &facts);
        assert_eq!(f.len(), 2);
        assert!(f.iter().all(|f| f.status == Status::Pass));
    }
}
