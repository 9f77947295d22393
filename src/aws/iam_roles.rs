//! The task execution role: GetRole (does it exist, whom does its trust policy let assume it),
//! and whether it may do what the task needs: IAM SimulatePrincipalPolicy where the caller may
//! use it (API Reference, SimulatePrincipalPolicy: PolicySourceArn, ActionNames, ResourceArns,
//! EvalDecision, Marker/IsTruncated), else the role's own attached and inline policies read and
//! evaluated (ListAttachedRolePolicies, GetPolicy, GetPolicyVersion, ListRolePolicies,
//! GetRolePolicy). Policy documents come URL-encoded (RFC 3986) from IAM (API Reference,
//! GetRole/GetPolicyVersion/GetRolePolicy: "The policy document returned ... is URL-encoded").

use std::collections::BTreeMap;

use serde_json::Value;

use super::Aws;
use super::error::from_sdk;
use crate::error::Failure;
use crate::inventory::{ExecRole, Grant, Grants};

/// A policy document as text: decoded when IAM sent it URL-encoded.
fn decoded(doc: &str) -> String {
    if doc.trim_start().starts_with('{') {
        return doc.to_string();
    }
    let bytes = doc.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The service principals a trust policy lets assume the role.
fn trusted_services(doc: &str) -> Vec<String> {
    let Ok(v) = serde_json::from_str::<Value>(&decoded(doc)) else { return vec![] };
    let mut out = Vec::new();
    for s in statements(&v) {
        let allows = s.get("Effect").and_then(Value::as_str) == Some("Allow");
        let assume = strings(s.get("Action")).iter().any(|a| a.eq_ignore_ascii_case("sts:AssumeRole"));
        if allows && assume {
            out.extend(strings(s.get("Principal").and_then(|p| p.get("Service"))));
        }
    }
    out
}

fn statements(doc: &Value) -> Vec<&Value> {
    match doc.get("Statement") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(o @ Value::Object(_)) => vec![o],
        _ => vec![],
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
        _ => vec![],
    }
}

/// The execution role by ARN; `exists` false when IAM does not know it.
pub async fn exec_role(aws: &Aws, arn: &str) -> Result<ExecRole, Failure> {
    let name = arn.rsplit('/').next().unwrap_or(arn).to_string();
    match aws.iam.get_role().role_name(&name).send().await {
        Ok(out) => {
            let role = out.role();
            Ok(ExecRole {
                arn: role.map(|r| r.arn().to_string()).unwrap_or_else(|| arn.to_string()),
                name,
                exists: true,
                trusted_services: role
                    .and_then(|r| r.assume_role_policy_document())
                    .map(trusted_services)
                    .unwrap_or_default(),
            })
        }
        Err(e) => {
            let f = from_sdk(&format!("reading the task execution role {name} (GetRole)"), e);
            if f.code.as_deref() == Some("NoSuchEntity") {
                Ok(ExecRole { arn: arn.to_string(), name, exists: false, trusted_services: vec![] })
            } else {
                Err(f)
            }
        }
    }
}

/// Whether the role has each grant: the simulator, else its policies.
pub async fn grants(aws: &Aws, role: &ExecRole, needed: &[Grant]) -> Result<Grants, Failure> {
    match simulate(aws, role, needed).await {
        Ok(v) => Ok(Grants {
            method: "SimulatePrincipalPolicy".into(),
            verdicts: v,
            unknown: vec![],
            simulator_refused: None,
        }),
        Err(e) if e.code.as_deref().is_some_and(|c| c.starts_with("AccessDenied") || c == "403") => {
            let docs = policies(aws, &role.name).await.map_err(|p| {
                Failure::unavailable(format!(
                    "neither SimulatePrincipalPolicy ({}) nor the role's policies ({}) could be read",
                    e.message, p.message
                ))
            })?;
            let verdicts = needed.iter().map(|g| (g.clone(), evaluate(&docs, &g.action, &g.resource))).collect();
            Ok(Grants {
                method: "the role's policies (SimulatePrincipalPolicy was refused)".into(),
                verdicts,
                unknown: vec![],
                simulator_refused: Some(e.message),
            })
        }
        Err(e) => Err(e),
    }
}

/// One SimulatePrincipalPolicy call per resource, every page read.
async fn simulate(aws: &Aws, role: &ExecRole, needed: &[Grant]) -> Result<Vec<(Grant, Option<bool>)>, Failure> {
    let mut by_resource: BTreeMap<&str, Vec<&Grant>> = BTreeMap::new();
    for g in needed {
        by_resource.entry(g.resource.as_str()).or_default().push(g);
    }
    let mut out = Vec::new();
    for (resource, grants) in by_resource {
        let actions: Vec<String> = grants.iter().map(|g| g.action.clone()).collect();
        let mut decisions: BTreeMap<String, String> = BTreeMap::new();
        let mut marker: Option<String> = None;
        loop {
            let mut req = aws
                .iam
                .simulate_principal_policy()
                .policy_source_arn(&role.arn)
                .set_action_names(Some(actions.clone()))
                .set_marker(marker.clone());
            if resource != "*" {
                req = req.resource_arns(resource);
            }
            let page = req.send().await.map_err(|e| {
                from_sdk(&format!("simulating the policies of {} (SimulatePrincipalPolicy)", role.name), e)
            })?;
            for r in page.evaluation_results() {
                // Per resource where IAM gives it (the newer answer), else the action's decision.
                let decision = r
                    .resource_specific_results()
                    .iter()
                    .find(|x| x.eval_resource_name() == resource)
                    .map(|x| x.eval_resource_decision().as_str().to_string())
                    .unwrap_or_else(|| r.eval_decision().as_str().to_string());
                decisions.insert(r.eval_action_name().to_ascii_lowercase(), decision);
            }
            marker = page.marker().map(str::to_string).filter(|_| page.is_truncated());
            if marker.is_none() {
                break;
            }
        }
        for g in grants {
            let d = decisions.get(&g.action.to_ascii_lowercase()).map(|d| d == "allowed");
            out.push(((*g).clone(), d));
        }
    }
    Ok(out)
}

/// The role's policy documents: each attached managed policy's default version and each inline
/// policy.
async fn policies(aws: &Aws, role: &str) -> Result<Vec<Value>, Failure> {
    let doing = |op: &str| format!("reading the policies of {role} ({op})");
    let attached = aws
        .iam
        .list_attached_role_policies()
        .role_name(role)
        .send()
        .await
        .map_err(|e| from_sdk(&doing("ListAttachedRolePolicies"), e))?;
    let mut docs = Vec::new();
    for p in attached.attached_policies() {
        let Some(arn) = p.policy_arn() else { continue };
        let policy = aws.iam.get_policy().policy_arn(arn).send().await.map_err(|e| from_sdk(&doing("GetPolicy"), e))?;
        let Some(version) = policy.policy().and_then(|p| p.default_version_id()) else { continue };
        let v = aws
            .iam
            .get_policy_version()
            .policy_arn(arn)
            .version_id(version)
            .send()
            .await
            .map_err(|e| from_sdk(&doing("GetPolicyVersion"), e))?;
        if let Some(doc) = v.policy_version().and_then(|v| v.document()) {
            docs.extend(serde_json::from_str::<Value>(&decoded(doc)).ok());
        }
    }
    let inline = aws
        .iam
        .list_role_policies()
        .role_name(role)
        .send()
        .await
        .map_err(|e| from_sdk(&doing("ListRolePolicies"), e))?;
    for name in inline.policy_names() {
        let p = aws
            .iam
            .get_role_policy()
            .role_name(role)
            .policy_name(name)
            .send()
            .await
            .map_err(|e| from_sdk(&doing("GetRolePolicy"), e))?;
        docs.extend(serde_json::from_str::<Value>(&decoded(p.policy_document())).ok());
    }
    Ok(docs)
}

/// `*` and `?` wildcards, as IAM matches actions (case-insensitively) and resources.
fn matches(pattern: &str, value: &str, fold: bool) -> bool {
    let (p, v) =
        if fold { (pattern.to_ascii_lowercase(), value.to_ascii_lowercase()) } else { (pattern.into(), value.into()) };
    fn m(p: &[u8], v: &[u8]) -> bool {
        match (p.first(), v.first()) {
            (None, None) => true,
            (Some(b'*'), _) => m(&p[1..], v) || (!v.is_empty() && m(p, &v[1..])),
            (Some(b'?'), Some(_)) => m(&p[1..], &v[1..]),
            (Some(a), Some(b)) if a == b => m(&p[1..], &v[1..]),
            _ => false,
        }
    }
    m(p.as_bytes(), v.as_bytes())
}

/// An action on a resource under identity policies: an explicit Deny wins, then an Allow; a
/// statement with a Condition cannot be judged here (None when only such a statement allows).
pub(crate) fn evaluate(docs: &[Value], action: &str, resource: &str) -> Option<bool> {
    let mut allowed = Some(false);
    for s in docs.iter().flat_map(statements) {
        let acts = strings(s.get("Action"));
        let not_acts = strings(s.get("NotAction"));
        let res = strings(s.get("Resource"));
        let not_res = strings(s.get("NotResource"));
        let action_hit = if !acts.is_empty() {
            acts.iter().any(|a| matches(a, action, true))
        } else {
            !not_acts.is_empty() && !not_acts.iter().any(|a| matches(a, action, true))
        };
        // A resource `*` asked for is matched only by `*` (as the simulator does).
        let resource_hit = if !res.is_empty() {
            res.iter().any(|r| r == "*" || (resource != "*" && matches(r, resource, false)))
        } else {
            !not_res.is_empty() && !not_res.iter().any(|r| matches(r, resource, false))
        };
        if !(action_hit && resource_hit) {
            continue;
        }
        let conditional = s.get("Condition").is_some();
        match (s.get("Effect").and_then(Value::as_str), conditional) {
            (Some("Deny"), false) => return Some(false),
            (Some("Allow"), false) => allowed = allowed.map(|_| true).or(Some(true)),
            (Some("Allow"), true) if allowed == Some(false) => allowed = None,
            _ => {}
        }
    }
    allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_decode_and_trust_is_read() {
        let enc = "%7B%22Version%22%3A%20%222012-10-17%22%2C%20%22Statement%22%3A%20%5B%7B%22Effect%22%3A%20%22Allow%22%2C%20%22Principal%22%3A%20%7B%22Service%22%3A%20%22ecs-tasks.amazonaws.com%22%7D%2C%20%22Action%22%3A%20%22sts%3AAssumeRole%22%7D%5D%7D";
        assert_eq!(trusted_services(enc), vec!["ecs-tasks.amazonaws.com".to_string()]);
        assert!(decoded("{\"a\": \"%41\"}").contains("%41"), "plain JSON is left alone");
    }

    /// AmazonECSTaskExecutionRolePolicy's statement (ECS Developer Guide, task execution role).
    #[test]
    fn policies_are_evaluated_deny_first() {
        let managed: Value = serde_json::from_str(
            r#"{"Statement": [{"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability",
                "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}]}"#,
        )
        .unwrap();
        let repo = "arn:aws:ecr:us-east-1:1:repository/app";
        assert_eq!(evaluate(std::slice::from_ref(&managed), "ecr:BatchGetImage", repo), Some(true));
        assert_eq!(
            evaluate(std::slice::from_ref(&managed), "ssm:GetParameters", "arn:aws:ssm:us-east-1:1:parameter/x"),
            Some(false)
        );
        let deny: Value =
            serde_json::from_str(r#"{"Statement": {"Effect": "Deny", "Action": "ecr:*", "Resource": "*"}}"#).unwrap();
        assert_eq!(evaluate(&[managed.clone(), deny], "ecr:BatchGetImage", repo), Some(false));
        let scoped: Value = serde_json::from_str(
            r#"{"Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:us-east-1:1:secret:db-*"},
                              {"Effect": "Allow", "Action": "ssm:GetParameters", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "a"}}}]}"#,
        )
        .unwrap();
        assert_eq!(
            evaluate(
                std::slice::from_ref(&scoped),
                "secretsmanager:GetSecretValue",
                "arn:aws:secretsmanager:us-east-1:1:secret:db-Ab12"
            ),
            Some(true)
        );
        assert_eq!(
            evaluate(
                std::slice::from_ref(&scoped),
                "secretsmanager:GetSecretValue",
                "arn:aws:secretsmanager:us-east-1:1:secret:other"
            ),
            Some(false)
        );
        assert_eq!(
            evaluate(&[scoped], "ssm:GetParameters", "arn:aws:ssm:us-east-1:1:parameter/x"),
            None,
            "conditional: unknown"
        );
    }
}
