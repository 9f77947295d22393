//! `awsvpc check`: the awsvpc preflight. Validate into a plan (no AWS), gather every fact once
//! (`aws::gather`), evaluate the selected checks (`checks`), return the report (`output::check`).
//! With `--fix`: the safe fixes the findings call for, shown and confirmed, made, then the checks
//! again.

use anyhow::Result;

use crate::aws::{self, Aws, gather};
use crate::checks;
use crate::checks::fix::{self, Change};
use crate::error::Failure;
use crate::inventory::Need;
use crate::output::check::{CheckReport, CiOutputs, FixReport};
use crate::output::{Console, progress};

/// What `check` will do, validated before any call.
#[derive(Debug, Clone)]
pub struct Plan {
    pub checks: checks::Plan,
    pub clusters: Vec<String>,
    pub all_clusters: bool,
    pub service: Option<String>,
    pub strict: bool,
    /// Whether --launch-type / --assign-public-ip were given (else the service's values apply).
    pub launch_type_given: bool,
    pub public_ip_given: bool,
    pub fix: bool,
    pub yes: bool,
    pub principal_arn: Option<String>,
    /// --junit-file, and on GitHub Actions (or with `--annotations github`) the annotations and
    /// the job summary.
    pub ci: CiOutputs,
    /// --status: the statuses shown (empty: all).
    pub status: Vec<checks::Status>,
    /// --all: every finding in the table.
    pub all: bool,
}

pub async fn run(aws: &Aws, plan: &Plan, console: &dyn Console) -> Result<CheckReport> {
    let service = match &plan.service {
        Some(name) => Some(aws::ecs::service(aws, &plan.clusters[0], name).await?),
        None => None,
    };
    let checks = match &service {
        Some(svc) => checks::with_service(&plan.checks, svc, plan.public_ip_given),
        None => plan.checks.clone(),
    };
    let pb = console.bar("describing tasks");
    // What the selected checks need; and the instance roles' trunking, which the report's
    // capacity section states for every cluster whatever the selection.
    let needs = checks::needs(&checks.selected).with(Need::RoleSettings);
    let inputs = gather::Inputs {
        subnets: checks.subnets.clone(),
        security_groups: checks.security_groups.clone(),
        clusters: plan.clusters.clone(),
        all_clusters: plan.all_clusters,
        task_definition: checks.task_definition.clone(),
        service,
        launch_type_given: plan.launch_type_given,
        progress: gather::Tally::new(progress::callback(&pb)),
        known: Default::default(),
    };
    let req = gather::Request::for_checks(needs, inputs);
    let facts = gather::facts(aws, &req).await;
    pb.finish_and_clear();
    let facts = facts?;
    let capacity = checks::Capacities::of(&facts);
    let checks = checks::with_target(&checks, &facts);
    let findings = checks::evaluate_with(&checks, &facts, &capacity);
    Ok(CheckReport::new(&aws.region, findings, capacity.into_vec(), plan.strict))
}

/// Runs the checks, makes the safe fixes (after the plan is shown and confirmed), runs the
/// checks again.
pub async fn run_fix(aws: &Aws, plan: &Plan, console: &dyn Console) -> Result<FixReport> {
    let before = run(aws, plan, console).await?;
    let mut fixes = fix::plan(&before.findings, plan.principal_arn.as_deref());
    if fixes.is_empty() {
        return Ok(FixReport { before: before.summary.clone(), fixes, after: before });
    }
    let account = aws::account::caller_account(aws).await.map_err(anyhow::Error::from)?;
    console.announce(&format!(
        "awsvpc check --fix will make {} in account {account} ({}):",
        crate::output::count(fixes.len() as i64, "change", "changes"),
        aws.region
    ));
    for f in &fixes {
        console.announce(&format!("  {}", f.call));
    }
    if !plan.yes && !console.confirm("Apply these changes?")? {
        return Err(Failure::usage("nothing was changed (not confirmed)").into());
    }
    // One by one; a failed change is reported and the others still run.
    for a in fixes.iter_mut() {
        let outcome = match &a.change {
            Change::ServiceLinkedRole => aws::iam::create_service_linked_role(aws).await,
            Change::Setting(name, principal) => aws::ecs::enable_setting(aws, name, principal.as_deref()).await,
            Change::VpcAttribute(vpc, attr) => aws::ec2::enable_vpc_attribute(aws, vpc, attr).await,
        };
        a.result = Some(match outcome {
            Ok(()) => "applied".to_string(),
            Err(e) => format!("failed: {}", e.message),
        });
        console.info(&format!("  {}: {}", a.call, a.result.as_deref().unwrap_or("not run")));
    }
    let after = run(aws, plan, console).await?;
    // A change AWS accepted whose finding remains did not fix it: never report it as applied.
    for a in fixes.iter_mut().filter(|a| a.result.as_deref() == Some("applied")) {
        let remains =
            after.findings.iter().any(|f| f.check == a.check && f.resource == a.resource && f.status.is_problem());
        if remains {
            a.result = Some("made, but the finding remains (see after)".to_string());
        }
    }
    Ok(FixReport { before: before.summary, fixes, after })
}
