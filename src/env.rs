//! The environment and the terminal as the run found them, read once by `dispatch` (`Env::read`)
//! before anything else happens. Everything below dispatch (the plans, the output settings, the
//! AWS options) takes what it needs from here, so each is a function of its arguments and can be
//! tested with an `Env` built by hand; nothing below dispatch reads a variable or probes a
//! terminal itself.
//!
//! `AWSVPC_OUTPUT` is the one exception: clap reads it for `--output` (`env =` in the
//! declaration), so help, the man page and clap's error for a bad value name it.

use std::path::PathBuf;

/// What the run found in its environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    /// `AWSVPC_CLUSTER` when set and not empty: the cluster when none is given (validated by
    /// `ids::default_cluster`).
    pub cluster: Option<String>,
    /// `AWSVPC_OUTPUT` when set and not empty: the format when `--output` is not given
    /// (validated by dispatch).
    pub output: Option<String>,
    /// `NO_COLOR` set to anything non-empty (no-color.org).
    pub no_color: bool,
    /// `CLICOLOR_FORCE` set to anything non-empty but `0` (bixense.com/clicolors).
    pub clicolor_force: bool,
    /// `COLUMNS`, as given.
    pub columns: Option<String>,
    /// The terminal's width, when stdout is one and it can be measured.
    pub terminal_width: Option<u16>,
    pub stdin_tty: bool,
    pub stdout_tty: bool,
    pub stderr_tty: bool,
    /// `GITHUB_ACTIONS=true`: on a GitHub Actions runner.
    pub github_actions: bool,
    /// `GITHUB_STEP_SUMMARY` when set and not empty: the job summary file.
    pub step_summary: Option<PathBuf>,
    /// `AWS_PROFILE` when set and not empty: the profile when `--profile` is not given.
    pub aws_profile: Option<String>,
    /// `AWS_MAX_ATTEMPTS` is set: the configuration chooses the attempts.
    pub aws_max_attempts: bool,
}

impl Env {
    /// The width tables are fitted to: the terminal's, else `COLUMNS` (a pipe, a CI log; 20 or
    /// more), else 100.
    pub fn table_width(&self) -> u16 {
        let columns = self.columns.as_deref().and_then(|c| c.trim().parse::<u16>().ok()).filter(|w| *w >= 20);
        self.terminal_width.or(columns).unwrap_or(100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_fit_the_terminal_then_columns_then_100() {
        let env = |terminal_width, columns: Option<&str>| Env {
            terminal_width,
            columns: columns.map(str::to_string),
            ..Env::default()
        };
        assert_eq!(env(Some(90), Some("120")).table_width(), 90);
        assert_eq!(env(None, Some(" 120 ")).table_width(), 120);
        assert_eq!(env(None, Some("19")).table_width(), 100);
        assert_eq!(env(None, Some("wide")).table_width(), 100);
        assert_eq!(env(None, None).table_width(), 100);
    }
}
