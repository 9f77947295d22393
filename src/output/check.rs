//! The `check` report: findings as a table (leading with status and scope), tab-separated text,
//! JSON, and JUnit XML (one test suite per scope, one test case per finding); `check --fix`'s
//! before/after; `check --list`.

use serde::Serialize;

use super::{OutputContext, Render, new_table};
use crate::checks::fix::FixAction;
use crate::checks::{CHECKS, Finding, Scope, Status};
use crate::exit;
use crate::rules::capacity::ClusterCapacity;

#[derive(Debug, Serialize, Default, PartialEq, Eq, Clone, schemars::JsonSchema)]
pub struct Summary {
    pub pass: usize,
    pub warn: usize,
    pub fail: usize,
    pub skip: usize,
    pub error: usize,
}

#[derive(Debug, Serialize, Clone, schemars::JsonSchema)]
pub struct CheckReport {
    pub region: String,
    pub summary: Summary,
    pub findings: Vec<Finding>,
    /// The ENI capacity of each cluster checked: per instance, per AZ, in total.
    pub capacity: Vec<ClusterCapacity>,
    #[serde(skip)]
    pub strict: bool,
    /// The table shows every finding (--all, --status), not only those that need action.
    #[serde(skip)]
    pub table_all: bool,
}

impl CheckReport {
    pub fn new(region: &str, findings: Vec<Finding>, capacity: Vec<ClusterCapacity>, strict: bool) -> Self {
        let mut summary = Summary::default();
        for f in &findings {
            match f.status {
                Status::Pass => summary.pass += 1,
                Status::Warn => summary.warn += 1,
                Status::Fail => summary.fail += 1,
                Status::Skip => summary.skip += 1,
                Status::Error => summary.error += 1,
            }
        }
        CheckReport { region: region.to_string(), summary, findings, capacity, strict, table_all: false }
    }

    /// What is shown: only the findings of `statuses` (all when empty) in every format, the
    /// summary and exit code still over every finding; `all` (or a status filter) puts every
    /// shown finding in the table.
    pub fn shown(mut self, statuses: &[Status], all: bool) -> Self {
        if !statuses.is_empty() {
            self.findings.retain(|f| statuses.contains(&f.status));
        }
        self.table_all = all || !statuses.is_empty();
        self
    }
}

impl super::Report for CheckReport {
    /// 1 when something failed (or warned, with --strict); else 3 when something could not be
    /// evaluated; else 0.
    fn exit_code(&self) -> i32 {
        if self.summary.fail > 0 || (self.strict && self.summary.warn > 0) {
            exit::FOUND_PROBLEM
        } else if self.summary.error > 0 {
            exit::AWS_UNAVAILABLE
        } else {
            exit::OK
        }
    }
}

/// `check --fix`: before, the plan and its results, after.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct FixReport {
    pub before: Summary,
    pub fixes: Vec<FixAction>,
    pub after: CheckReport,
}

impl super::Report for FixReport {
    /// The checks' code after the fixes; a fix AWS refused (and no check failing after) is exit 3:
    /// the change asked for could not be made.
    fn exit_code(&self) -> i32 {
        let after = super::Report::exit_code(&self.after);
        let refused = self.fixes.iter().any(|f| f.result.as_deref().is_some_and(|r| r.starts_with("failed")));
        if after == exit::OK && refused { exit::AWS_UNAVAILABLE } else { after }
    }
}

/// The `text` columns of CheckReport (and FixReport), in order (also the names `--columns` takes).
pub const CHECK_REPORT_COLUMNS: &[&str] = &["check", "status", "resource", "message", "remediation", "cluster"];

/// The `text` columns of CheckList, in order (also the names `--columns` takes).
pub const CHECK_LIST_COLUMNS: &[&str] = &["check", "scope", "summary"];

impl Render for FixReport {
    fn table(&self, mode: &OutputContext) -> String {
        let width = usize::from(mode.width);
        let mut out = String::new();
        if self.fixes.is_empty() {
            out.push_str("nothing to fix: no failing or warning finding has a safe fix\n\n");
        }
        // Each change as a block: its result, check and resource, then the call, whole.
        for f in &self.fixes {
            let result = f.result.clone().unwrap_or_else(|| "not run".into());
            let painted = match (mode.color, result.as_str()) {
                (false, _) => result.clone(),
                (true, "applied") => format!("\x1b[32m{result}\x1b[0m"),
                (true, _) => format!("\x1b[31m{result}\x1b[0m"),
            };
            out.push_str(&format!("{painted}  {}  {}\n", f.check.name(), short_resource(&f.resource)));
            out.push_str(&super::layout::command(&f.call, width, "  ", 6).join("\n"));
            out.push_str("\n\n");
        }
        let b = &self.before;
        out.push_str(&format!(
            "before: {} failed, {}; after:\n",
            b.fail,
            super::count(b.warn as i64, "warning", "warnings")
        ));
        out.push_str(&self.after.table(mode));
        out
    }

    fn text_columns(&self) -> &'static [&'static str] {
        self.after.text_columns()
    }

    fn text_rows(&self) -> Vec<Vec<String>> {
        self.after.text_rows()
    }

    fn junit(&self) -> Option<String> {
        self.after.junit()
    }
}

/// A resource as the table shows it: ECS ARNs by their id, other ARNs by their resource part.
/// JSON and text keep the whole ARN.
fn short_resource(r: &str) -> &str {
    match crate::ids::Arn::parse(r) {
        Some(_) => {
            let resource = r.splitn(6, ':').nth(5).unwrap_or(r);
            if resource.starts_with("container-instance/") || resource.starts_with("task/") {
                resource.rsplit('/').next().unwrap_or(resource)
            } else {
                resource
            }
        }
        None => r,
    }
}

/// The findings left out of the table, one line per scope: "network: 6 passed, 1 skipped".
fn condensed(rest: &[&Finding]) -> String {
    let mut scopes: Vec<Scope> = rest.iter().map(|f| f.check.scope()).collect();
    scopes.sort();
    scopes.dedup();
    let mut out = String::new();
    for scope in scopes {
        let count = |st: Status| rest.iter().filter(|f| f.check.scope() == scope && f.status == st).count();
        let parts: Vec<String> = [(Status::Pass, "passed"), (Status::Skip, "skipped")]
            .iter()
            .filter(|(st, _)| count(*st) > 0)
            .map(|(st, word)| format!("{} {word}", count(*st)))
            .collect();
        // A scope whose every check was skipped says which options bring it in.
        let all_skipped = rest
            .iter()
            .filter(|f| f.check.scope() == scope)
            .all(|f| f.status == Status::Skip || f.check == crate::checks::CheckId::LaunchType);
        let hint = match scope {
            Scope::Network if all_skipped => " (--subnets brings them in)",
            Scope::Vpc if all_skipped => " (--subnets or --cluster brings them in)",
            Scope::Instance | Scope::Capacity if all_skipped => " (--cluster brings them in)",
            Scope::Taskdef if all_skipped => " (--task-definition or --service brings them in)",
            Scope::Service if all_skipped => " (--service brings them in)",
            _ => "",
        };
        out.push_str(&format!("{}: {}{hint}\n", scope.as_str(), parts.join(", ")));
    }
    if !out.is_empty() {
        out.push_str("(--all shows every finding)\n");
    }
    out
}

/// A finding as a block, as cargo prints a diagnostic: a head line (status, check id, resource),
/// the message wrapped to the width under it, then `fix:` and its steps, commands whole or
/// continued with ` \` (output::layout).
pub fn finding_block(mode: &OutputContext, f: &Finding, resource: &str) -> String {
    let width = usize::from(mode.width);
    let head = format!("{}  {}", super::status::painted(f.status, mode.color), f.check.name());
    // The resource stays whole: on the head line where it fits, else on a line of its own.
    let plain = format!("{} {}  {}  {resource}", super::status::symbol(f.status), f.status.as_str(), f.check.name());
    let mut lines = if plain.chars().count() <= width {
        vec![format!("{head}  {resource}")]
    } else {
        vec![head, format!("  {resource}")]
    };
    if let Some(c) = f.cluster.as_deref().filter(|c| *c != resource) {
        lines.push(format!("  cluster {c}"));
    }
    lines.extend(super::layout::wrap(&f.message, width, "  ", 2));
    if let (Some(r), Status::Fail | Status::Warn | Status::Error | Status::Skip) = (&f.remediation, f.status) {
        lines.extend(super::layout::fix_lines(r, width, 2));
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

impl Render for CheckReport {
    fn table(&self, mode: &OutputContext) -> String {
        let mut rows: Vec<&Finding> = self.findings.iter().collect();
        rows.sort_by_key(|f| f.check.scope());
        // By default the report leads with what needs action; the rest is counted per scope
        // (--all lists them, one line each).
        let (rows, rest): (Vec<&Finding>, Vec<&Finding>) =
            rows.into_iter().partition(|f| f.status.is_problem() || f.status == Status::Error);
        // A container instance is shown by its EC2 id, the id people know (JSON keeps the ARN).
        let ec2_ids: std::collections::HashMap<&str, &str> = self
            .capacity
            .iter()
            .flat_map(|c| &c.instances)
            .filter_map(|i| Some((i.container_instance_arn.as_str(), i.ec2_instance_id.as_deref()?)))
            .collect();
        let shown = |f: &Finding| {
            ec2_ids.get(f.resource.as_str()).map_or_else(|| short_resource(&f.resource).to_string(), |e| e.to_string())
        };
        let mut out = String::new();
        for f in rows {
            out.push_str(&finding_block(mode, f, &shown(f)));
            out.push('\n');
        }
        if self.table_all {
            let width = usize::from(mode.width);
            for f in &rest {
                let line = format!(
                    "{}  {}  {}: {}",
                    super::status::painted(f.status, mode.color),
                    f.check.name(),
                    shown(f),
                    f.message
                );
                let plain_len = line.chars().count() - if mode.color { 9 } else { 0 };
                if plain_len <= width {
                    out.push_str(&line);
                    out.push('\n');
                } else {
                    let head =
                        format!("{}  {}  {}", super::status::painted(f.status, mode.color), f.check.name(), shown(f));
                    out.push_str(&super::layout::wrap(&f.message, width, &format!("{head}: "), 4).join("\n"));
                    out.push('\n');
                }
            }
        } else {
            out.push_str(&condensed(&rest));
        }
        let s = &self.summary;
        out.push_str(&format!(
            "{} passed, {}, {} failed, {} skipped, {} could not be evaluated\n",
            s.pass,
            super::count(s.warn as i64, "warning", "warnings"),
            s.fail,
            s.skip,
            s.error
        ));
        out
    }

    fn text_columns(&self) -> &'static [&'static str] {
        CHECK_REPORT_COLUMNS
    }

    /// One test suite per scope, one test case per finding: `fail` (and `warn` with --strict) are
    /// failures, `error` is an error, `skip` is skipped.
    fn junit(&self) -> Option<String> {
        use crate::output::xml_escape as x;
        let mut scopes: Vec<Scope> = Vec::new();
        for c in CHECKS {
            if !scopes.contains(&c.scope) {
                scopes.push(c.scope);
            }
        }
        // The counts of the findings shown (`--status` filters them), as the test cases are.
        let s = &CheckReport::new("", self.findings.clone(), vec![], self.strict).summary;
        let failures = s.fail + if self.strict { s.warn } else { 0 };
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(&format!(
            "<testsuites name=\"awsvpc check\" tests=\"{}\" failures=\"{failures}\" errors=\"{}\" skipped=\"{}\">\n",
            self.findings.len(),
            s.error,
            s.skip
        ));
        for scope in scopes {
            let cases: Vec<&Finding> = self.findings.iter().filter(|f| f.check.scope() == scope).collect();
            if cases.is_empty() {
                continue;
            }
            let count = |st: Status| cases.iter().filter(|f| f.status == st).count();
            out.push_str(&format!(
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n",
                scope.as_str(),
                cases.len(),
                count(Status::Fail) + if self.strict { count(Status::Warn) } else { 0 },
                count(Status::Error),
                count(Status::Skip)
            ));
            for f in cases {
                let body = match (&f.remediation, f.status) {
                    (Some(r), _) => format!("{}\nfix: {}", f.message, r),
                    (None, _) => f.message.clone(),
                };
                out.push_str(&format!(
                    "    <testcase classname=\"{}\" name=\"{} {}\">",
                    x(f.check.name()),
                    x(f.check.name()),
                    x(&f.resource)
                ));
                match f.status {
                    Status::Fail => {
                        out.push_str(&format!("<failure message=\"{}\">{}</failure>", x(&f.message), x(&body)))
                    }
                    Status::Warn if self.strict => out.push_str(&format!(
                        "<failure message=\"{}\" type=\"warning\">{}</failure>",
                        x(&f.message),
                        x(&body)
                    )),
                    Status::Warn => out.push_str(&format!("<system-out>warning: {}</system-out>", x(&body))),
                    Status::Error => {
                        out.push_str(&format!("<error message=\"{}\">{}</error>", x(&f.message), x(&body)))
                    }
                    Status::Skip => out.push_str(&format!("<skipped message=\"{}\"/>", x(&f.message))),
                    Status::Pass => {}
                }
                out.push_str("</testcase>\n");
            }
            out.push_str("  </testsuite>\n");
        }
        out.push_str("</testsuites>\n");
        Some(out)
    }

    fn text_rows(&self) -> Vec<Vec<String>> {
        self.findings
            .iter()
            .map(|f| {
                vec![
                    f.check.to_string(),
                    f.status.as_str().to_string(),
                    f.resource.clone(),
                    f.message.clone(),
                    f.remediation.clone().unwrap_or_default(),
                    f.cluster.clone().unwrap_or_default(),
                ]
            })
            .collect()
    }
}

/// `check --list`: every check id, its scope and one line.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct CheckList {
    pub checks: Vec<CheckInfo>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct CheckInfo {
    pub id: &'static str,
    pub scope: &'static str,
    pub summary: &'static str,
}

pub fn list() -> CheckList {
    CheckList {
        checks: CHECKS.iter().map(|c| CheckInfo { id: c.name, scope: c.scope.as_str(), summary: c.title }).collect(),
    }
}

impl Render for CheckList {
    fn table(&self, mode: &OutputContext) -> String {
        let mut t = new_table(mode, &["CHECK", "SCOPE", "WHAT IT CHECKS"]);
        for c in &self.checks {
            t.add_row(vec![c.id, c.scope, c.summary]);
        }
        format!("{t}\n")
    }

    fn text_columns(&self) -> &'static [&'static str] {
        CHECK_LIST_COLUMNS
    }

    fn text_rows(&self) -> Vec<Vec<String>> {
        self.checks.iter().map(|c| vec![c.id.into(), c.scope.into(), c.summary.into()]).collect()
    }
}

/// Where a check's outputs for CI go beside stdout.
#[derive(Debug, Clone, Default)]
pub struct CiOutputs {
    /// `--junit-file`.
    pub junit_file: Option<std::path::PathBuf>,
    /// Workflow annotations and the job summary: on GitHub Actions, or `--annotations github`.
    pub github: bool,
    /// `GITHUB_STEP_SUMMARY`: the job summary's file.
    pub summary_file: Option<std::path::PathBuf>,
}

/// Writes the CI outputs of a check: the JUnit file, and on GitHub the annotations (stderr) and
/// the job summary (appended to the summary file, when there is one).
pub fn write_ci(report: &CheckReport, mode: &OutputContext, ci: &CiOutputs) -> anyhow::Result<()> {
    use std::io::Write;
    let (junit_file, github, summary_file) = (ci.junit_file.as_deref(), ci.github, ci.summary_file.as_deref());
    let failed = |what: &str, path: &std::path::Path, e: std::io::Error| {
        crate::error::Failure::usage(format!("writing {what} {}: {e}", path.display()))
    };
    if let Some(path) = junit_file {
        let xml = report.junit().unwrap_or_default();
        std::fs::write(path, xml).map_err(|e| failed("the JUnit file", path, e))?;
    }
    if github {
        for line in github_annotations(report) {
            mode.say(&line);
        }
        if let Some(path) = summary_file {
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|e| failed("the job summary", path, e))?;
            f.write_all(markdown_summary(report).as_bytes()).map_err(|e| failed("the job summary", path, e))?;
        }
    }
    Ok(())
}

/// GitHub's escaping of a workflow command's message (actions/toolkit, command.ts).
fn gh_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// GitHub's escaping of a workflow command's property (title=...): the data's, and `:` and `,`.
fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One GitHub Actions workflow command per warn, fail and error finding: fail and error as
/// `::error`, warn as `::warning` (`::error` too with --strict), titled with the check id.
pub fn github_annotations(report: &CheckReport) -> Vec<String> {
    report
        .findings
        .iter()
        .filter_map(|f| {
            let level = match f.status {
                Status::Fail | Status::Error => "error",
                Status::Warn if report.strict => "error",
                Status::Warn => "warning",
                Status::Pass | Status::Skip => return None,
            };
            let mut text = format!("{}: {}", f.resource, f.message);
            if let Some(fix) = &f.remediation {
                text.push_str(&format!("\nfix: {fix}"));
            }
            Some(format!("::{level} title={}::{}", gh_property(f.check.name()), gh_data(&text)))
        })
        .collect()
}

/// A Markdown job summary: the counts, then every finding that needs action.
pub fn markdown_summary(report: &CheckReport) -> String {
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', "<br>");
    let s = &report.summary;
    let mut out = format!(
        "### awsvpc check ({})\n\n{} passed, {} warning(s), {} failed, {} skipped, {} could not be evaluated\n\n",
        report.region, s.pass, s.warn, s.fail, s.skip, s.error
    );
    let problems: Vec<&Finding> =
        report.findings.iter().filter(|f| matches!(f.status, Status::Fail | Status::Warn | Status::Error)).collect();
    if !problems.is_empty() {
        out.push_str("| status | check | resource | finding | fix |\n|---|---|---|---|---|\n");
        for f in problems {
            out.push_str(&format!(
                "| {} | `{}` | {} | {} | {} |\n",
                f.status.as_str(),
                f.check,
                cell(&f.resource),
                cell(&f.message),
                cell(f.remediation.as_deref().unwrap_or(""))
            ));
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::CheckId;

    #[test]
    fn annotations_follow_githubs_escaping() {
        let f = CheckId::FreeAddresses
            .finding(Status::Fail, "subnet-1", "100% used:\nnone left, really")
            .with_fix("add subnets");
        let w = CheckId::DnsHostnames.finding(Status::Warn, "vpc-1", "off");
        let p = CheckId::DnsSupport.finding(Status::Pass, "vpc-1", "on");
        let r = CheckReport::new("us-east-1", vec![f, w, p], vec![], false);
        assert_eq!(
            github_annotations(&r),
            vec![
                "::error title=network.free-addresses::subnet-1: 100%25 used:%0Anone left, really%0Afix: add subnets"
                    .to_string(),
                "::warning title=vpc.dns-hostnames::vpc-1: off".to_string(),
            ]
        );
        assert_eq!(gh_property("a:b,c%"), "a%3Ab%2Cc%25");
        let strict = CheckReport { strict: true, ..r.clone() };
        assert!(github_annotations(&strict)[1].starts_with("::error title=vpc.dns-hostnames::"));
        let md = markdown_summary(&r);
        assert!(md.contains(
            "| fail | `network.free-addresses` | subnet-1 | 100% used:<br>none left, really | add subnets |"
        ));
        assert!(!md.contains(CheckId::DnsSupport.name()), "passes are counted, not listed");
    }
}
