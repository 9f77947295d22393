//! Account scope: the ECS service-linked role, and the account settings awsvpcTrunking and
//! dualStackIPv6 for the principals that matter.

use std::collections::BTreeMap;

use super::{CheckId, Finding, Plan, Status};
use crate::error::Failure;
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

/// awsvpcTrunking. What decides trunking for an instance is the setting in force for its IAM
/// role (its own, else the account default); the caller's never matters for instances (ECS
/// Developer Guide, "Increasing Amazon ECS Linux container instance network interfaces": the
/// setting of the container instance's IAM role). Without instances, `--require trunking` judges
/// the account default. A role whose setting may not be read (principalArn needs the root user or
/// that principal: API Reference, ListAccountSettings) is judged by its instances' own evidence,
/// a trunk ENI (`ecs.awsvpc-trunk-id`).
pub fn awsvpc_trunking(plan: &Plan, facts: &Facts) -> Vec<Finding> {
    let id = CheckId::AwsvpcTrunking;
    let roles: BTreeMap<&str, &Fact<EffectiveSettings>> =
        facts.clusters.iter().flat_map(|c| c.role_settings.iter().map(|(r, f)| (r.as_str(), f))).collect();
    let judge =
        Judge { id, name: "awsvpcTrunking", required: plan.require_trunking, get: EffectiveSettings::trunking_enabled };
    let mut out = judge.principals(facts, roles.is_empty(), true);
    for (role, f) in &roles {
        out.push(match f {
            Err(e) if refused(e) => unreadable_role(facts, role, e, plan.require_trunking),
            _ => judge.role(role, f, facts),
        });
    }
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
    let judge = Judge {
        id: CheckId::DualStackIpv6,
        name: "dualStackIPv6",
        required: plan.require_ipv6,
        get: EffectiveSettings::ipv6_enabled,
    };
    judge.principals(facts, true, false)
}

/// AWS refused to show another principal's settings (as opposed to failing to answer). Only the
/// root user or the principal itself may use `principalArn` (API Reference,
/// ListAccountSettings), and the error code of the refusal is not documented: any answer with an
/// error code is a refusal, except throttling and server errors, which stay errors.
fn refused(e: &Failure) -> bool {
    e.code.as_deref().is_some_and(|c| !crate::error::is_transient_code(c))
}

/// A role whose settings may not be read: its instances' trunk ENIs are the evidence left.
fn unreadable_role(facts: &Facts, role: &str, e: &Failure, required: bool) -> Finding {
    let id = CheckId::AwsvpcTrunking;
    let (mut with, mut without) = (0, 0);
    for c in &facts.clusters {
        for ci in c.instances.as_ref().map(Vec::as_slice).unwrap_or(&[]).iter().filter(|ci| c.role_of(ci) == Some(role))
        {
            if ci.has("ecs.awsvpc-trunk-id") {
                with += 1;
            } else {
                without += 1;
            }
        }
    }
    let why = format!("awsvpcTrunking of the instance role cannot be read ({})", e.message);
    if without == 0 && with > 0 {
        return id.finding(
            Status::Pass,
            role,
            format!("{why}; its {with} instance(s) carry trunk ENIs: trunking is in effect"),
        );
    }
    let status = if required { Status::Warn } else { Status::Skip };
    id.finding(status, role, format!("{why}; {without} of its instance(s) carry no trunk ENI: trunking cannot be confirmed"))
        .with_fix(format!(
            "read it as the role or as the root user: aws ecs list-account-settings --effective-settings --name awsvpcTrunking \
             --principal-arn {role}"
        ))
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
    if on { "enabled" } else { "disabled" }
}

/// How one setting is judged.
struct Judge {
    id: CheckId,
    name: &'static str,
    required: bool,
    get: fn(&EffectiveSettings) -> bool,
}

impl Judge {
    /// The caller and the account default. `judged_here`: no instance role decides, so
    /// `--require` judges here: the account default when `default_decides` and it is known,
    /// else the caller.
    fn principals(&self, facts: &Facts, judged_here: bool, default_decides: bool) -> Vec<Finding> {
        let (id, name, get) = (self.id, self.name, self.get);
        let default_refused = matches!(&facts.default_settings, Some((_, Err(e))) if refused(e));
        let default_known = matches!(&facts.default_settings, Some((_, Ok(_))));
        let judge_default = judged_here && self.required && default_decides && (default_known || default_refused);
        let judge_caller = judged_here && self.required && !judge_default;
        let mut out = Vec::new();
        match &facts.caller_settings {
            None => out.push(id.finding(Status::Skip, "caller", "the account settings were not read")),
            Some(Err(e)) => out.push(id.finding(Status::Error, "caller", e.message.clone())),
            Some(Ok(s)) if judge_caller && !get(s) => out.push(
                id.finding(
                    Status::Fail,
                    "caller",
                    format!("{name} is disabled for the caller, and --require asks for it"),
                )
                .with_fix(enable(name, "caller")),
            ),
            Some(Ok(s)) => {
                let note = if default_decides { " (it does not decide trunking for instances)" } else { "" };
                out.push(id.finding(
                    Status::Pass,
                    "caller",
                    format!("{name} is {} for the caller (the identity running awsvpc){note}", shown(get(s))),
                ))
            }
        }
        if let Some((root, f)) = &facts.default_settings {
            out.push(match f {
                // Only the root user (or the principal itself) may read it (API Reference,
                // ListAccountSettings, principalArn): not readable is not an error.
                Err(e) if refused(e) => {
                    let msg = format!("{name} as the account default cannot be read ({})", e.message);
                    let status = if judge_default { Status::Warn } else { Status::Skip };
                    id.finding(status, root, msg).with_fix(format!(
                        "read it as the root user: aws ecs list-account-settings --effective-settings --name {name}"
                    ))
                }
                Err(e) => id.finding(Status::Error, root, e.message.clone()),
                Ok(s) if judge_default && !get(s) => id
                    .finding(
                        Status::Fail,
                        root,
                        format!("{name} is disabled as the account default, and --require asks for it"),
                    )
                    .with_fix(enable(name, root)),
                Ok(s) => id.finding(Status::Pass, root, format!("{name} is {} as the account default", shown(get(s)))),
            });
        }
        out
    }

    /// An instance role's setting, the principal that matters for its instances.
    fn role(&self, role: &str, f: &Fact<EffectiveSettings>, facts: &Facts) -> Finding {
        let (id, name, get) = (self.id, self.name, self.get);
        let on = |f: Option<&Fact<EffectiveSettings>>| f.and_then(|f| f.as_ref().ok()).is_some_and(get);
        let caller = on(facts.caller_settings.as_ref());
        let elsewhere = caller || on(facts.default_settings.as_ref().map(|(_, f)| f));
        let fix = format!("{}; then replace the instances", enable(name, role));
        match f {
            Err(e) => id.finding(Status::Error, role, e.message.clone()),
            Ok(s) if get(s) => id.finding(
                Status::Pass,
                role,
                format!("{name} is enabled for the instance role: instances launched from now on get a trunk ENI"),
            ),
            Ok(_) if self.required => id
                .finding(Status::Fail, role, format!("{name} is disabled for the instance role, the principal that matters"))
                .with_fix(fix),
            Ok(_) if elsewhere => id
                .finding(
                    Status::Warn,
                    role,
                    format!(
                        "{name} is enabled for the {}, but disabled for this instance role, which is the principal that \
                         matters: its instances get no trunk ENI",
                        if caller { "caller" } else { "account default" }
                    ),
                )
                .with_fix(fix),
            Ok(_) => id.finding(Status::Pass, role, format!("{name} is disabled for the instance role (not required)")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, ROLE, statuses};
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
    fn without_instances_required_trunking_judges_the_account_default_not_the_caller() {
        let root = format!("arn:aws:iam::{}:root", testing::ACCOUNT);
        let plan = Plan { require_trunking: true, ..Plan::default() };
        let facts = Facts {
            caller_settings: Some(Ok(testing::settings("disabled", "enabled"))),
            default_settings: Some((root.clone(), Ok(testing::settings("enabled", "enabled")))),
            ..Facts::default()
        };
        assert_eq!(
            statuses(&awsvpc_trunking(&plan, &facts)),
            vec![("pass", "caller".to_string()), ("pass", root.clone())]
        );
        let facts = Facts {
            caller_settings: Some(Ok(testing::settings("enabled", "enabled"))),
            default_settings: Some((root.clone(), Ok(testing::settings("disabled", "enabled")))),
            ..Facts::default()
        };
        let f = awsvpc_trunking(&plan, &facts);
        assert_eq!(statuses(&f), vec![("pass", "caller".to_string()), ("fail", root)]);
        assert_eq!(
            f[1].remediation.as_deref(),
            Some("aws ecs put-account-setting-default --name awsvpcTrunking --value enabled")
        );
        // The default unknown: the caller is the evidence left.
        let facts = Facts { caller_settings: Some(Ok(testing::settings("disabled", "enabled"))), ..Facts::default() };
        assert_eq!(statuses(&awsvpc_trunking(&plan, &facts)), vec![("fail", "caller".to_string())]);
        assert_eq!(statuses(&awsvpc_trunking(&Plan::default(), &facts)), vec![("pass", "caller".to_string())]);
    }

    #[test]
    fn a_refused_account_default_is_not_an_error() {
        let root = format!("arn:aws:iam::{}:root", testing::ACCOUNT);
        let mut refused = Failure::unavailable("reading the account settings of root (ListAccountSettings): denied");
        refused.code = Some("AccessDeniedException".into());
        let facts = Facts {
            caller_settings: Some(Ok(testing::settings("enabled", "enabled"))),
            default_settings: Some((root.clone(), Err(refused))),
            ..Facts::default()
        };
        let f = awsvpc_trunking(&Plan::default(), &facts);
        assert_eq!(statuses(&f), vec![("pass", "caller".to_string()), ("skip", root.clone())]);
        let f = awsvpc_trunking(&Plan { require_trunking: true, ..Plan::default() }, &facts);
        assert_eq!(statuses(&f), vec![("pass", "caller".to_string()), ("warn", root)], "required: cannot be verified");
    }

    #[test]
    fn a_role_whose_setting_is_refused_is_judged_by_its_trunk_enis() {
        let mut refused = Failure::unavailable("reading the account settings of R (ListAccountSettings): denied");
        refused.code = Some("AccessDeniedException".into());
        let mut facts = testing::populated();
        facts.clusters[0].role_settings.insert(ROLE.into(), Err(refused.clone()));
        let plan = Plan { require_trunking: true, ..Plan::default() };
        let f = awsvpc_trunking(&plan, &facts);
        let role = f.iter().find(|f| f.resource == ROLE).unwrap();
        assert_eq!(role.status, Status::Warn, "no trunk ENI on its instance: {role:?}");
        facts.clusters[0].instances.as_mut().unwrap()[0]
            .attributes
            .insert("ecs.awsvpc-trunk-id".into(), Some("x".into()));
        let f = awsvpc_trunking(&plan, &facts);
        assert_eq!(f.iter().find(|f| f.resource == ROLE).unwrap().status, Status::Pass);
        // The refusal's code is not documented: each 4xx code is judged the same way.
        for code in ["InvalidParameterException", "ClientException", "AccessDenied", "UnauthorizedOperation"] {
            refused.code = Some(code.into());
            facts.clusters[0].role_settings.insert(ROLE.into(), Err(refused.clone()));
            let f = awsvpc_trunking(&plan, &facts);
            assert_eq!(f.iter().find(|f| f.resource == ROLE).unwrap().status, Status::Pass, "{code}");
        }
        // Throttled out is not a refusal: could not be evaluated.
        refused.code = Some("ThrottlingException".into());
        facts.clusters[0].role_settings.insert(ROLE.into(), Err(refused.clone()));
        let f = awsvpc_trunking(&plan, &facts);
        assert_eq!(f.iter().find(|f| f.resource == ROLE).unwrap().status, Status::Error);
        facts.clusters[0].role_settings.insert(ROLE.into(), Err(testing::denied()));
        let f = awsvpc_trunking(&plan, &facts);
        assert_eq!(f.iter().find(|f| f.resource == ROLE).unwrap().status, Status::Error);
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
