#![allow(dead_code)] // helpers shared by test modules; not every module uses each one
//! The test harness: installs (when missing) and starts the pinned moto emulator on 127.0.0.1
//! with a free port, once per test run; gives every test an AWS account of its own on it; runs
//! the real `awsvpc` binary with a clean environment pointed at it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock, mpsc};
use std::time::{Duration, Instant};

use serde_json::Value;

pub struct Emulator {
    port: u16,
    // Holding the launcher's stdin keeps it alive; when the test process ends, the pipe closes
    // and the launcher exits by itself.
    _stdin: Mutex<ChildStdin>,
    _child: Mutex<Child>,
}

static EMULATOR: OnceLock<Emulator> = OnceLock::new();
static NEXT_ACCOUNT: AtomicU64 = AtomicU64::new(100_000_000_001);

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn emulator() -> &'static Emulator {
    EMULATOR.get_or_init(start_emulator)
}

/// Starts a launcher of our own.
fn start_emulator() -> Emulator {
    {
        let log = match std::env::var_os("AWSVPC_EMULATOR_LOG") {
            Some(path) => Stdio::from(std::fs::File::create(path).expect("create emulator log")),
            None => Stdio::null(),
        };
        // bootstrap.py installs the pinned moto into a virtualenv when missing, then runs the
        // launcher in it.
        let mut child = Command::new("python3")
            .arg(repo().join("tests/emulator/bootstrap.py"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("start the emulator launcher");
        let mut lines = Lines::of(child.stdout.take().expect("launcher stdout"));
        let line = lines.until("PORT ").concat();
        let line = line.lines().last().unwrap_or_default().to_string();
        let port: u16 = line
            .strip_prefix("PORT ")
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or_else(|| panic!("the emulator did not start: {line:?}"));
        let stdin = child.stdin.take().expect("launcher stdin");
        Emulator { port, _stdin: Mutex::new(stdin), _child: Mutex::new(child) }
    }
}

/// An emulator of its own, for tests that change global emulator state (IAM enforcement).
/// Stopped when dropped.
pub struct Dedicated {
    emulator: Emulator,
}

impl Dedicated {
    pub fn start() -> Dedicated {
        Dedicated { emulator: start_emulator() }
    }

    pub fn account(&self) -> Account {
        Account { id: NEXT_ACCOUNT.fetch_add(1, Ordering::SeqCst).to_string(), port: self.emulator.port }
    }

    /// Turns on moto's IAM enforcement for every request from now on.
    pub fn enforce_iam(&self) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.emulator.port)).expect("connect");
        stream.set_read_timeout(Some(deadline())).expect("a read deadline");
        write!(stream, "POST /moto-api/reset-auth HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\n\r\n0")
            .expect("send");
        let mut raw = String::new();
        stream.read_to_string(&mut raw).expect("read");
        assert!(raw.starts_with("HTTP/1.1 200") || raw.starts_with("HTTP/1.0 200"), "reset-auth: {raw}");
    }
}

impl Drop for Dedicated {
    fn drop(&mut self) {
        if let Ok(mut child) = self.emulator._child.lock() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The result of one `awsvpc` run.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\nstderr:\n{}", self.stdout, self.stderr))
    }

    /// Asserts the exit code, showing the output when it differs.
    pub fn expect(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "exit code\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }

    /// A clean error: printed once, on stderr, one error line (a hint may follow), no panic.
    pub fn expect_clean_error(&self, code: i32, needle: &str) -> &Self {
        self.expect(code);
        assert!(self.stdout.is_empty(), "stdout must carry no data on error: {}", self.stdout);
        let errors: Vec<&str> = self.stderr.lines().filter(|l| l.starts_with("awsvpc: error:")).collect();
        assert_eq!(errors.len(), 1, "exactly one error line:\n{}", self.stderr);
        assert!(errors[0].contains(needle), "error line should mention {needle:?}: {}", errors[0]);
        assert!(!self.stderr.contains("panicked") && !self.stderr.contains("RUST_BACKTRACE"), "{}", self.stderr);
        for line in self.stderr.lines() {
            assert!(
                line.starts_with("awsvpc: error:") || line.starts_with("  hint:"),
                "unexpected stderr line: {line}"
            );
        }
        self
    }
}

/// An AWS account of its own on the shared emulator.
pub struct Account {
    pub id: String,
    pub port: u16,
}

impl Account {
    pub fn new() -> Account {
        let port = emulator().port;
        Account { id: NEXT_ACCOUNT.fetch_add(1, Ordering::SeqCst).to_string(), port }
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Seeds a scenario of tests/emulator/scenarios.py through the AWS API (the builder's
    /// `acct.seed(Seed::..)` is the way tests seed).
    pub(crate) fn seed_raw(&self, scenario: &str, params: Value) -> Value {
        let body = serde_json::json!({"scenario": scenario, "account": self.id, "params": params});
        control(self.port, "/_awsvpc/seed", &body.to_string())
    }

    /// Sets a task's state as AWS would show it.
    pub fn set_task(&self, fields: Value) -> Value {
        let mut body = fields;
        body["account"] = Value::String(self.id.clone());
        control(self.port, "/_awsvpc/task", &body.to_string())
    }

    /// Every request the emulator saw for this account, as "service.Operation".
    pub fn calls(&self) -> Vec<String> {
        let v = control(self.port, &format!("/_awsvpc/log?account={}", self.id), "");
        v.as_array()
            .expect("log is a list")
            .iter()
            .map(|c| format!("{}.{}", c["service"].as_str().unwrap_or("?"), c["operation"].as_str().unwrap_or("?")))
            .collect()
    }

    pub fn count(&self, call: &str) -> usize {
        self.calls().iter().filter(|c| *c == call).count()
    }

    /// The parameters of every `call` ("service.Operation") the emulator saw for this account, in
    /// order, as the request carried them: what reached AWS, not what the product says it sent.
    pub fn requests(&self, call: &str) -> Vec<Value> {
        let v = control(self.port, &format!("/_awsvpc/log?account={}", self.id), "");
        v.as_array()
            .expect("log is a list")
            .iter()
            .filter(|c| {
                format!("{}.{}", c["service"].as_str().unwrap_or("?"), c["operation"].as_str().unwrap_or("?")) == call
            })
            .map(|c| c["params"].clone())
            .collect()
    }

    /// Every task the emulator's backend holds for this account, with its fields (launcher.py
    /// `/_awsvpc/tasks`): the emulator's own state, not the product's output.
    pub fn tasks(&self) -> Vec<Value> {
        let v = control(self.port, &format!("/_awsvpc/tasks?account={}", self.id), "");
        v.as_array().expect("a list of tasks").clone()
    }

    /// The emulator's own state of one task, by ARN.
    pub fn task(&self, arn: &str) -> Value {
        let tasks = self.tasks();
        tasks.iter().find(|t| t["arn"] == arn).cloned().unwrap_or_else(|| panic!("no task {arn} in {tasks:#?}"))
    }

    /// The ARNs of the tasks the emulator's backend holds in `cluster` with desired status
    /// RUNNING: read from the emulator's own state, not through the product.
    pub fn running_tasks(&self, cluster: &str) -> std::collections::BTreeSet<String> {
        let v = control(self.port, &format!("/_awsvpc/tasks?account={}", self.id), "");
        v.as_array()
            .expect("a list of tasks")
            .iter()
            .filter(|t| t["cluster"] == cluster && t["desired_status"] == "RUNNING")
            .map(|t| t["arn"].as_str().unwrap().to_string())
            .collect()
    }

    /// The ids of the network interfaces EC2 holds for this account, read from the emulator's own
    /// state (the oracle for ENIs created and released), not through the product.
    pub fn backend_enis(&self) -> std::collections::BTreeSet<String> {
        let v = control(self.port, &format!("/_awsvpc/enis?account={}", self.id), "");
        v.as_array().expect("a list of ENIs").iter().map(|e| e["id"].as_str().unwrap().to_string()).collect()
    }

    pub fn clear_calls(&self) {
        control(self.port, &format!("/_awsvpc/log/clear?account={}", self.id), "");
    }

    /// Points a command's AWS environment at this account.
    pub fn point_at(&self, cmd: &mut Command) {
        cmd.env("AWS_ACCESS_KEY_ID", &self.id)
            .env("AWS_SECRET_ACCESS_KEY", "emulator-secret")
            .env("AWS_REGION", "us-east-1")
            .env("AWS_ENDPOINT_URL", self.endpoint());
    }
}

/// The binary with no AWS configuration at all: no variables, no config files, no IMDS (the
/// builder's `awsvpc(..)` is the way tests run it).
pub(crate) fn bare_cmd() -> Command {
    bare(Command::new(env!("CARGO_BIN_EXE_awsvpc")))
}

/// Any program with no AWS configuration at all (as `bare_cmd`).
pub fn bare(mut cmd: Command) -> Command {
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", std::env::temp_dir().join("awsvpc-test-home-does-not-exist"))
        .env("AWS_CONFIG_FILE", "/nonexistent/awsvpc-test/config")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/awsvpc-test/credentials")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .stdin(Stdio::null());
    cmd
}

#[track_caller]
pub fn run(cmd: &mut Command) -> Run {
    let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("run awsvpc");
    let (mut out, mut err) =
        (Lines::of(child.stdout.take().expect("stdout")), Lines::of(child.stderr.take().expect("stderr")));
    let (stdout, stderr) = (out.rest(), err.rest());
    let status = wait_within(&mut child);
    Run { code: status.code().unwrap_or(-1), stdout, stderr }
}

/// A POST to the launcher's control endpoints (plain HTTP/1.1 on loopback).
fn control(port: u16, path: &str, body: &str) -> Value {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to the emulator");
    stream.set_read_timeout(Some(deadline())).expect("a read deadline");
    write!(
        stream,
        "POST {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("send");
    let mut raw = String::new();
    stream.read_to_string(&mut raw).expect("read");
    let (head, payload) = raw.split_once("\r\n\r\n").expect("an HTTP response");
    assert!(head.starts_with("HTTP/1.1 200") || head.starts_with("HTTP/1.0 200"), "control {path} failed: {raw}");
    serde_json::from_str(payload).unwrap_or_else(|e| panic!("control {path}: {e}: {payload}"))
}

/// Strings of a JSON list.
pub fn strings(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect()).unwrap_or_default()
}

impl Account {
    /// Injects faults for this account (see tests/emulator/launcher.py).
    pub fn fault(&self, mut rule: Value) {
        rule["account"] = Value::String(self.id.clone());
        control(self.port, "/_awsvpc/faults", &rule.to_string());
    }
}

impl Account {
    /// The durations of this account's task lifecycle (tests/emulator/patches/ecs_lifecycle.py:
    /// `step_secs`, `steps`, `stop`, `stop_steps`; every state lasts zero seconds by default).
    pub fn lifecycle(&self, config: Value) {
        let body = serde_json::json!({"account": self.id, "config": config});
        control(self.port, "/_awsvpc/lifecycle", &body.to_string());
    }
}

impl Account {
    /// Turns on AWS's request throttling for this account: a token bucket per service.
    pub fn buckets(&self, buckets: Value) {
        let body = serde_json::json!({"account": self.id, "buckets": buckets});
        control(self.port, "/_awsvpc/buckets", &body.to_string());
    }

    /// Throttling answers per service so far.
    pub fn throttled(&self) -> Value {
        control(self.port, &format!("/_awsvpc/buckets/throttled?account={}", self.id), "")
    }
}

/// A control endpoint's per-kind counts for the account (`/_awsvpc/faults/injected`, ...).
pub fn control_counts(acct: &Account, path: &str) -> std::collections::BTreeMap<String, u64> {
    let v = control(acct.port, &format!("{path}?account={}", acct.id), "");
    serde_json::from_value(v).unwrap_or_default()
}

impl Account {
    /// Removes this account's fault rules.
    pub fn clear_faults(&self) {
        control(self.port, &format!("/_awsvpc/faults/clear?account={}", self.id), "");
    }
}

/// Validates JSON documents against the committed schemas (`schemas/`), closed to fields they do
/// not name, with the emulator virtualenv's `jsonschema`: (schema file, what, document) each.
/// The validator's report; Err when a document does not conform.
pub fn validate_against_schemas(documents: &[(&str, String, Value)]) -> Result<String, String> {
    let docs: Vec<Value> = documents
        .iter()
        .map(|(schema, what, document)| serde_json::json!({"schema": schema, "what": what, "document": document}))
        .collect();
    let input = serde_json::json!({"schemas_dir": repo().join("schemas"), "documents": docs});
    let mut child = Command::new("python3")
        .arg(repo().join("tests/emulator/bootstrap.py"))
        .args(["--script", "validate_json.py"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the validator");
    child.stdin.take().expect("validator stdin").write_all(input.to_string().as_bytes()).expect("write documents");
    let (mut out, mut err) = (
        Lines::of(child.stdout.take().expect("validator stdout")),
        Lines::of(child.stderr.take().expect("validator stderr")),
    );
    let text = format!("{}{}", out.rest(), err.rest());
    if wait_within(&mut child).success() { Ok(text) } else { Err(text) }
}

/// How long any one wait of the harness may take before the test fails with what it saw: a hung
/// command or emulator fails its test instead of holding CI (AWSVPC_TEST_DEADLINE_SECS, default
/// 180: a cold first run installs the emulator; a busy 2-core machine is slow).
pub fn deadline() -> Duration {
    let secs = std::env::var("AWSVPC_TEST_DEADLINE_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(180);
    Duration::from_secs(secs)
}

/// The lines of a child's output, read by a thread of their own so that every wait on them has a
/// deadline.
pub struct Lines {
    rx: mpsc::Receiver<String>,
    pub seen: Vec<String>,
}

impl Lines {
    pub fn of<R: Read + Send + 'static>(reader: R) -> Lines {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(reader);
            loop {
                let mut line = String::new();
                match reader.read_line(&mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        if tx.send(line).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Lines { rx, seen: Vec::new() }
    }

    /// Lines until one contains `pattern` (that line last); fails the test, with what was seen,
    /// when none does within the deadline or the output ends first.
    #[track_caller]
    pub fn until(&mut self, pattern: &str) -> Vec<String> {
        let end = Instant::now() + deadline();
        let mut got = Vec::new();
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    let done = line.contains(pattern);
                    got.push(line);
                    if done {
                        return got;
                    }
                }
                Err(e) => panic!("no line with {pattern:?} ({e:?} after {:?}); seen:\n{}", deadline(), got.concat()),
            }
        }
    }

    /// The rest of the output, up to its end; fails the test when it does not end in time.
    #[track_caller]
    pub fn rest(&mut self) -> String {
        let end = Instant::now() + deadline();
        let mut got = String::new();
        loop {
            match self.rx.recv_timeout(end.saturating_duration_since(Instant::now())) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    got.push_str(&line);
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return got,
                Err(e) => panic!("the output did not end ({e:?} after {:?}); seen:\n{got}", deadline()),
            }
        }
    }
}

/// The child's exit status, within the deadline; else it is killed and the test fails.
#[track_caller]
pub fn wait_within(child: &mut Child) -> std::process::ExitStatus {
    let end = Instant::now() + deadline();
    loop {
        if let Some(status) = child.try_wait().expect("wait for the child") {
            return status;
        }
        if Instant::now() >= end {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the command did not end within {:?}: killed", deadline());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Sends a signal (`-INT`, `-TERM`, `-HUP`) to a running command.
pub fn signal(child: &Child, name: &str) {
    let status = Command::new("kill").args([name, &child.id().to_string()]).status().expect("kill");
    assert!(status.success(), "kill {name}");
}
