//! The one place that reads the process environment and probes the terminals: `Env::read`, once
//! a run, and the terminal's yes/no prompt.

use std::io::{BufRead, IsTerminal, Write};

use crate::env::Env;
use crate::output::{Prompt, is_yes};

impl Env {
    /// The environment and the terminals as this process finds them.
    pub fn read() -> Env {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let stdout_tty = std::io::stdout().is_terminal();
        Env {
            cluster: std::env::var("AWSVPC_CLUSTER").ok().filter(|v| !v.is_empty()),
            output: std::env::var("AWSVPC_OUTPUT").ok().filter(|v| !v.is_empty()),
            // NO_COLOR: any non-empty value; CLICOLOR_FORCE: any non-empty value but 0.
            no_color: var("NO_COLOR").is_some(),
            clicolor_force: var("CLICOLOR_FORCE").is_some_and(|v| v != "0"),
            columns: std::env::var("COLUMNS").ok(),
            terminal_width: if stdout_tty { comfy_table::Table::new().width() } else { None },
            stdin_tty: std::io::stdin().is_terminal(),
            stdout_tty,
            stderr_tty: std::io::stderr().is_terminal(),
            github_actions: std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true"),
            step_summary: var("GITHUB_STEP_SUMMARY").map(std::path::PathBuf::from),
            aws_profile: std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty()),
            aws_max_attempts: std::env::var_os("AWS_MAX_ATTEMPTS").is_some(),
        }
    }
}

/// The question asked on the terminal (stderr, stdin). Without a terminal the answer is no: the
/// commands that change AWS refuse before any call when there is no terminal and no --yes.
pub struct Terminal {
    pub stdin_tty: bool,
}

impl Prompt for Terminal {
    fn confirm(&self, question: &str) -> std::io::Result<bool> {
        if !self.stdin_tty {
            return Ok(false);
        }
        eprint!("{question} [y/N] ");
        std::io::stderr().flush()?;
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(is_yes(&line))
    }
}
