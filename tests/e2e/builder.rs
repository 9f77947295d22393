#![allow(dead_code)] // not every test module uses every option
//! The one way the end-to-end tests run `awsvpc` (just's `Test`, nextest's `CargoNextestCli`):
//!
//! ```ignore
//! acct.awsvpc("run").cluster("prod").subnets(&net.private).yes().json().expect(exit::OK);
//! let checked = acct.awsvpc("check").cluster("prod").checked();   // typed findings
//! awsvpc("explain").arg("vpc.dns-support").expect(exit::OK);      // no AWS configuration at all
//! ```
//!
//! Options are named by what they mean; `.opt(flag, value)`, `.flag(flag)` and `.arg(word)` say one
//! word each for the options without a method of their own. Every run waits within the harness's
//! deadline. Nothing runs until a finishing call (`run`, `expect`, `json_ok`, `checked`, `spawn`,
//! `command`), hence `#[must_use]`.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use crate::harness::{Account, Run, bare_cmd, run};

/// A finding's status, as `check --output json` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Warn,
    Fail,
    Error,
    Skip,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Error => "error",
            Status::Skip => "skip",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Status {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Ids given as one comma-separated option value: a `&str` ("a,b"), a slice or a Vec of them.
pub trait Ids {
    fn joined(&self) -> String;
}

/// A reference to ids: `.cluster("prod")`, `.subnets(&seeded.private_subnets())`.
impl<T: Ids + ?Sized> Ids for &T {
    fn joined(&self) -> String {
        (**self).joined()
    }
}
impl Ids for str {
    fn joined(&self) -> String {
        self.to_string()
    }
}
impl Ids for String {
    fn joined(&self) -> String {
        self.clone()
    }
}
impl<S: AsRef<str>> Ids for [S] {
    fn joined(&self) -> String {
        self.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(",")
    }
}
impl<S: AsRef<str>> Ids for Vec<S> {
    fn joined(&self) -> String {
        self.as_slice().joined()
    }
}
impl<S: AsRef<str>, const N: usize> Ids for [S; N] {
    fn joined(&self) -> String {
        self.as_slice().joined()
    }
}

/// One `awsvpc` command line, its environment and where it runs.
#[must_use = "nothing runs until .run(), .expect(..), .json_ok(), .checked(), .spawn() or .command()"]
pub struct Awsvpc<'a> {
    acct: Option<&'a Account>,
    args: Vec<OsString>,
    envs: Vec<(OsString, Option<OsString>)>,
    dir: Option<PathBuf>,
}

/// The command line as typed (`awsvpc check --cluster prod`), for assertion messages.
impl std::fmt::Debug for Awsvpc<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("awsvpc")?;
        for word in &self.args {
            write!(f, " {}", word.to_string_lossy())?;
        }
        Ok(())
    }
}

impl Account {
    /// `awsvpc <command>` pointed at this account (an empty command: no subcommand).
    pub fn awsvpc(&self, command: &str) -> Awsvpc<'_> {
        Awsvpc::new(Some(self), command)
    }
}

/// `awsvpc <command>` with no AWS configuration at all (no variables, files or IMDS).
pub fn awsvpc(command: &str) -> Awsvpc<'static> {
    Awsvpc::new(None, command)
}

impl<'a> Awsvpc<'a> {
    fn new(acct: Option<&'a Account>, command: &str) -> Awsvpc<'a> {
        let args = if command.is_empty() { vec![] } else { vec![command.into()] };
        Awsvpc { acct, args, envs: Vec::new(), dir: None }
    }

    /// One word of the command line as typed (a positional argument, a task id, `--`).
    pub fn arg(mut self, word: impl AsRef<OsStr>) -> Self {
        self.args.push(word.as_ref().to_os_string());
        self
    }

    /// An option without a method of its own, with its value.
    pub fn opt(self, flag: &str, value: impl AsRef<OsStr>) -> Self {
        self.arg(flag).arg(value)
    }

    /// A flag without a method of its own (`--strict`, `--no-wait`).
    pub fn flag(self, flag: &str) -> Self {
        self.arg(flag)
    }

    /// Words as a person typed them, for the tables of bad input (`bad_input.rs`) only.
    pub fn typed<S: AsRef<OsStr>>(mut self, words: &[S]) -> Self {
        self.args.extend(words.iter().map(|w| w.as_ref().to_os_string()));
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.envs.push((key.as_ref().into(), Some(value.as_ref().into())));
        self
    }

    pub fn env_remove(mut self, key: impl AsRef<OsStr>) -> Self {
        self.envs.push((key.as_ref().into(), None));
        self
    }

    /// `COLUMNS`: the width tables are fitted to when stdout is not a terminal.
    pub fn width(self, columns: usize) -> Self {
        self.env("COLUMNS", columns.to_string())
    }

    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.dir = Some(dir.as_ref().to_path_buf());
        self
    }

    pub fn cluster(self, name: impl Ids) -> Self {
        let v = name.joined();
        self.opt("--cluster", v)
    }
    pub fn all_clusters(self) -> Self {
        self.flag("--all-clusters")
    }
    pub fn region(self, region: impl Ids) -> Self {
        let v = region.joined();
        self.opt("--region", v)
    }
    pub fn profile(self, name: &str) -> Self {
        self.opt("--profile", name)
    }
    pub fn subnets(self, ids: impl Ids) -> Self {
        let v = ids.joined();
        self.opt("--subnets", v)
    }
    pub fn security_groups(self, ids: impl Ids) -> Self {
        let v = ids.joined();
        self.opt("--security-groups", v)
    }
    pub fn launch_type(self, lt: &str) -> Self {
        self.opt("--launch-type", lt)
    }
    pub fn assign_public_ip(self, v: &str) -> Self {
        self.opt("--assign-public-ip", v)
    }
    pub fn task_definition(self, td: &str) -> Self {
        self.opt("--task-definition", td)
    }
    pub fn service(self, name: &str) -> Self {
        self.opt("--service", name)
    }
    pub fn count(self, n: usize) -> Self {
        self.opt("--count", n.to_string())
    }
    /// Tasks named as positional arguments (`enis`, `stop`, `diagnose`).
    pub fn tasks<S: AsRef<str>>(mut self, ids: &[S]) -> Self {
        self.args.extend(ids.iter().map(|s| OsString::from(s.as_ref())));
        self
    }
    pub fn require(self, what: &str) -> Self {
        self.opt("--require", what)
    }
    pub fn only(self, ids: impl Ids) -> Self {
        let v = ids.joined();
        self.opt("--only", v)
    }
    pub fn skip(self, ids: impl Ids) -> Self {
        let v = ids.joined();
        self.opt("--skip", v)
    }
    pub fn stopped_since(self, since: &str) -> Self {
        self.opt("--stopped-since", since)
    }
    pub fn strict(self) -> Self {
        self.flag("--strict")
    }
    pub fn fix(self) -> Self {
        self.flag("--fix")
    }
    pub fn yes(self) -> Self {
        self.flag("--yes")
    }
    pub fn dry_run(self) -> Self {
        self.flag("--dry-run")
    }
    pub fn quiet(self) -> Self {
        self.flag("--quiet")
    }
    pub fn headers(self) -> Self {
        self.flag("--headers")
    }
    pub fn wide(self) -> Self {
        self.flag("--wide")
    }
    pub fn query(self, expr: &str) -> Self {
        self.opt("--query", expr)
    }
    pub fn output(self, format: &str) -> Self {
        self.opt("--output", format)
    }
    pub fn json(self) -> Self {
        self.output("json")
    }
    pub fn text(self) -> Self {
        self.output("text")
    }
    pub fn junit(self) -> Self {
        self.output("junit")
    }

    /// The command line's words as typed, without the program (for messages and tables).
    pub fn words(&self) -> Vec<String> {
        self.args.iter().map(|w| w.to_string_lossy().into_owned()).collect()
    }

    /// The command as it would run (for pseudo-terminals and signals).
    pub fn command(self) -> Command {
        let mut cmd = bare_cmd();
        if let Some(acct) = self.acct {
            acct.point_at(&mut cmd);
        }
        for (k, v) in &self.envs {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            };
        }
        if let Some(dir) = &self.dir {
            cmd.current_dir(dir);
        }
        cmd.args(&self.args);
        cmd
    }

    /// Started with piped stdout and stderr (read them with `harness::Lines`; wait with
    /// `harness::wait_within`).
    pub fn spawn(self) -> Child {
        self.command().stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("start awsvpc")
    }

    /// Runs to its end (within the deadline).
    #[track_caller]
    pub fn run(self) -> Run {
        run(&mut self.command())
    }

    /// Runs and asserts the exit code (use `awsvpc::exit`'s constants), showing the output when
    /// it differs.
    #[track_caller]
    pub fn expect(self, code: i32) -> Run {
        let r = self.run();
        assert_eq!(r.code, code, "exit code\nstdout:\n{}\nstderr:\n{}", r.stdout, r.stderr);
        r
    }

    /// Runs with `--output json`, asserts the exit code and returns the document.
    #[track_caller]
    pub fn json_ok(self, code: i32) -> Value {
        self.json().expect(code).json()
    }

    /// `check` with `--output json`: the exit code, the document and its typed findings.
    #[track_caller]
    pub fn checked(self) -> Checked {
        let run = self.json().run();
        let json = run.json();
        let findings = serde_json::from_value(json["findings"].clone())
            .unwrap_or_else(|e| panic!("findings are not typed findings ({e}): {json:#}"));
        Checked { code: run.code, json, findings, run }
    }
}

/// A finding of `awsvpc check --output json`, typed.
#[derive(Debug, Clone, serde::Deserialize, PartialEq, Eq)]
pub struct Finding {
    pub check: String,
    pub status: Status,
    pub resource: String,
    pub message: String,
    pub remediation: Option<String>,
}

/// (check, status, resource) of a finding that needs action.
pub type Problem = (String, Status, String);

pub fn p(check: &str, status: Status, resource: &str) -> Problem {
    (check.into(), status, resource.into())
}

/// The result of a check run: exit code, the JSON document and its typed findings.
pub struct Checked {
    pub code: i32,
    pub json: Value,
    pub findings: Vec<Finding>,
    pub run: Run,
}

impl Checked {
    /// Asserts the exit code (use `awsvpc::exit`'s constants).
    #[track_caller]
    pub fn expect(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "exit code\n{:#}\nstderr:\n{}", self.json, self.run.stderr);
        self
    }

    /// The findings that need action (not pass, not skip), sorted.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out: Vec<Problem> = self
            .findings
            .iter()
            .filter(|f| !matches!(f.status, Status::Pass | Status::Skip))
            .map(|f| p(&f.check, f.status, &f.resource))
            .collect();
        out.sort();
        out
    }

    /// The one finding of `check` on `resource`.
    #[track_caller]
    pub fn finding(&self, check: &str, resource: &str) -> &Finding {
        self.findings
            .iter()
            .find(|f| f.check == check && f.resource == resource)
            .unwrap_or_else(|| panic!("no {check} finding for {resource}: {:#}", self.json))
    }

    /// The statuses of every finding of `check`.
    pub fn statuses(&self, check: &str) -> Vec<Status> {
        self.findings.iter().filter(|f| f.check == check).map(|f| f.status).collect()
    }
}

/// A scenario of `tests/emulator/scenarios.py` with its parameters, seeded through the AWS API:
/// `acct.seed(Seed::cluster().with("instances", json!([..])))`.
#[must_use = "seed it with acct.seed(..)"]
pub struct Seed {
    scenario: &'static str,
    params: serde_json::Map<String, Value>,
}

impl Seed {
    pub fn scenario(name: &'static str) -> Seed {
        Seed { scenario: name, params: Default::default() }
    }
    /// Container instances described one by one, networking, tasks (`scenario_cluster`).
    pub fn cluster() -> Seed {
        Seed::scenario("cluster")
    }
    /// Mixed awsvpc tasks on EC2 and Fargate, Service Connect, capacity providers.
    pub fn mixed() -> Seed {
        Seed::scenario("mixed")
    }
    /// The pull path of a task (`pull.scenario_pull`).
    pub fn pull() -> Seed {
        Seed::scenario("pull")
    }
    /// The small realistic account of the demo.
    pub fn demo() -> Seed {
        Seed::scenario("demo")
    }
    /// One parameter of the scenario (see its docstring).
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Seed {
        self.params.insert(key.to_string(), value.into());
        self
    }
    /// Every parameter at once, from a JSON object.
    pub fn params(mut self, params: Value) -> Seed {
        if let Value::Object(m) = params {
            self.params.extend(m);
        }
        self
    }
}

impl Account {
    /// Seeds a scenario; what it made, typed.
    pub fn seed(&self, seed: Seed) -> Seeded {
        Seeded(self.seed_raw(seed.scenario, Value::Object(seed.params)))
    }
}

/// What a scenario made: its resources by name (the scenario's returned document).
#[derive(Debug, Clone)]
pub struct Seeded(pub Value);

impl Seeded {
    /// A string the scenario returned (`cluster`, `task_definition_arn`, ...).
    #[track_caller]
    pub fn str(&self, key: &str) -> String {
        self.0[key].as_str().unwrap_or_else(|| panic!("the scenario returned no {key}: {:#}", self.0)).to_string()
    }
    /// A list of strings the scenario returned (`tasks`, `instances`, ...), empty when absent.
    pub fn list(&self, key: &str) -> Vec<String> {
        crate::harness::strings(&self.0[key])
    }
    pub fn cluster(&self) -> String {
        self.str("cluster")
    }
    pub fn tasks(&self) -> Vec<String> {
        self.list("tasks")
    }
    pub fn instances(&self) -> Vec<String> {
        self.list("instances")
    }
    /// The network of `seeding.network`: private subnets (behind a NAT gateway), one public.
    pub fn private_subnets(&self) -> Vec<String> {
        crate::harness::strings(&self.0["network"]["private_subnets"])
    }
    #[track_caller]
    pub fn public_subnet(&self) -> String {
        self.net("public_subnet")
    }
    #[track_caller]
    pub fn security_group(&self) -> String {
        self.net("security_group")
    }
    #[track_caller]
    pub fn vpc(&self) -> String {
        self.net("vpc")
    }
    #[track_caller]
    fn net(&self, key: &str) -> String {
        let v = &self.0["network"][key];
        v.as_str().unwrap_or_else(|| panic!("the scenario's network has no {key}: {:#}", self.0)).to_string()
    }
}

impl std::ops::Index<&str> for Seeded {
    type Output = Value;
    fn index(&self, key: &str) -> &Value {
        &self.0[key]
    }
}
