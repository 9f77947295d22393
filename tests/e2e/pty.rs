//! A user at a terminal (issue "What a person meets", item 4): `run`'s `[y/N]` question and the
//! table of `enis --watch`, redrawn in place, through a real pseudo-terminal (portable-pty).
//! Every read has a deadline and says what it saw.

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use serde_json::json;

use crate::builder::{Awsvpc, Seed};
use crate::harness::Account;

/// A command on a terminal of `cols` columns: what it printed so far, and a way to type.
struct Terminal {
    output: mpsc::Receiver<Vec<u8>>,
    seen: Vec<u8>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Terminal {
    /// `cmd` (its words and environment, as the builder makes them) with an xterm for its
    /// terminal.
    fn start(cmd: Awsvpc, cols: u16) -> Terminal {
        let pair = native_pty_system()
            .openpty(PtySize { rows: 40, cols, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        let std = cmd.env("TERM", "xterm").current_dir(env!("CARGO_MANIFEST_DIR")).command();
        let mut cmd = CommandBuilder::new(std.get_program());
        cmd.args(std.get_args());
        // The builder's command starts from an empty environment: what it sets is all there is.
        cmd.env_clear();
        cmd.cwd(std.get_current_dir().expect("a directory"));
        for (k, v) in std.get_envs() {
            if let Some(v) = v {
                cmd.env(k, v);
            }
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn awsvpc on the terminal");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (tx, output) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        // The master is kept alive by the reader and writer.
        std::mem::forget(pair.master);
        Terminal { output, seen: Vec::new(), writer, child }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.seen).into_owned()
    }

    /// Waits until the screen shows `pattern`, at most `secs` seconds.
    fn expect(&mut self, pattern: &str, secs: u64) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while !self.text().contains(pattern) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "no {pattern:?} within {secs} s; the terminal showed:\n{}", self.text());
            if let Ok(chunk) = self.output.recv_timeout(left.min(Duration::from_millis(200))) {
                self.seen.extend(chunk);
            }
        }
    }

    fn type_line(&mut self, line: &str) {
        self.writer.write_all(format!("{line}\r").as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// The exit code, at most `secs` seconds away.
    fn wait(mut self, secs: u64) -> (u32, String) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            while let Ok(chunk) = self.output.try_recv() {
                self.seen.extend(chunk);
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100));
                while let Ok(chunk) = self.output.try_recv() {
                    self.seen.extend(chunk);
                }
                return (status.exit_code(), self.text());
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("still running after {secs} s; the terminal showed:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn seeded() -> (Account, String) {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().with("instances", json!([{"type": "m5.xlarge", "trunk": true, "tasks": 1}])));
    let subnet = seed.private_subnets()[0].clone();
    (acct, subnet)
}

/// `run` without `--yes` on a terminal asks, and launches only on `y`.
#[test]
fn run_asks_on_a_terminal_and_launches_only_on_yes() {
    let (acct, subnet) = seeded();
    let run = || acct.awsvpc("run").cluster("prod").task_definition("web").subnets(&subnet).flag("--no-wait");
    let mut t = Terminal::start(run(), 100);
    t.expect("Launch? [y/N]", 60);
    assert!(t.text().contains("awsvpc run will launch 1 task of web"), "{}", t.text());
    t.type_line("n");
    let (code, text) = t.wait(30);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("nothing was launched (not confirmed)"), "{text}");
    acct.clear_calls();
    let mut t = Terminal::start(run(), 100);
    t.expect("Launch? [y/N]", 60);
    t.type_line("y");
    let (code, text) = t.wait(60);
    assert_eq!(code, 0, "{text}");
    assert_eq!(acct.count("ecs.RunTask"), 1, "launched once, on yes");
}

/// `enis --watch` on a terminal redraws its table in place (cursor home, clear) and fits the
/// terminal's width; Ctrl-C ends it.
#[test]
fn enis_watch_redraws_in_place_at_the_terminal_width() {
    let (acct, _) = seeded();
    let mut t = Terminal::start(acct.awsvpc("enis").cluster("prod").opt("--watch", "1"), 80);
    t.expect("TASK", 60);
    t.expect("\x1b[", 10);
    let screen = t.text();
    for line in screen.split(['\n', '\r']).filter(|l| !l.contains('\x1b')) {
        assert!(line.chars().count() <= 80, "a line wider than the terminal: {line:?}");
    }
    t.writer.write_all(&[3]).unwrap();
    t.writer.flush().unwrap();
    let (code, text) = t.wait(30);
    assert!(code == 130 || code == 0, "Ctrl-C ends the watch: exit {code}\n{text}");
}

/// `check` on a terminal draws its progress bar on stderr while the tasks are described (here
/// slowed by the emulator), then prints the report.
#[test]
fn check_draws_its_progress_bar_on_a_terminal() {
    let (acct, _) = seeded();
    acct.fault(json!({"service": "ecs", "operation": "DescribeTasks", "kind": "delay", "delay": 2, "times": 1}));
    let mut t = Terminal::start(acct.awsvpc("check").cluster("prod"), 100);
    t.expect("describing tasks", 60);
    let (code, text) = t.wait(60);
    assert!(code == 0 || code == 1, "exit {code}\n{text}");
    assert!(text.contains("passed,"), "the report follows the bar: {text}");
}

/// `run` on a terminal shows a live line per task while it waits, until RUNNING.
#[test]
fn run_shows_its_tasks_live_while_waiting() {
    let (acct, subnet) = seeded();
    let run = acct.awsvpc("run").cluster("prod").task_definition("web").subnets(&subnet).yes().opt("--timeout", "60s");
    let mut t = Terminal::start(run, 100);
    t.expect("RUNNING", 60);
    let (code, text) = t.wait(60);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("1 of 1 task launched"), "{text}");
}
