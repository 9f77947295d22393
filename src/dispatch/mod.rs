//! The edge of the program, as cargo-nextest's `dispatch`: the arguments are parsed (`cli`), the
//! environment and the terminal are read once (`Env::read`, terminal.rs), both are resolved into
//! a validated plan before any configuration is loaded or any call is made (resolve.rs), the plan
//! runs (execute.rs; several regions or clusters: parts.rs), and its report, notes and errors are
//! printed once, here. Nothing below this module reads the environment or probes a terminal.

mod execute;
mod output_options;
mod parts;
mod plan;
mod resolve;
mod terminal;

use std::ffi::OsString;

use clap::Parser;

use crate::cli::Cli;
use crate::env::Env;
use crate::output::print_stdout;
use crate::{error, exit, generate, output};

pub use resolve::{Resolved, Work, resolve};

pub fn run_args<I: IntoIterator<Item = OsString>>(args: I) -> i32 {
    let args: Vec<OsString> = args.into_iter().collect();
    if let Some(option) = non_utf8_option(&args) {
        eprintln!("awsvpc: error: invalid value for {option}: it is not valid UTF-8");
        return exit::USAGE;
    }
    // `awsvpc generate [--check] [--dir DIR]`: the repository's generated files, for the project's
    // own maintenance; outside the clap definition, so no help, completion or man page shows it.
    if args.get(1).is_some_and(|a| a == "generate") {
        return generate::cli(&args[2..]);
    }
    if is_verbose_version(&args) {
        let _ = print_stdout(&verbose_version());
        return exit::OK;
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version
            let _ = print_stdout(&e.render().to_string());
            return exit::OK;
        }
        // Bare `awsvpc`: the usage and the list of commands, as clap prints them (exit 2).
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{}", e.render());
            return exit::USAGE;
        }
        Err(e) => {
            eprintln!("awsvpc: {}", condense_clap_error(&e.render().to_string()));
            return exit::USAGE;
        }
    };
    let env = Env::read();
    match resolve(cli, &env).and_then(|resolved| execute::run(resolved, &env)) {
        Ok(code) => code,
        Err(err) => {
            output::error::report_error(&err);
            error::exit_code_of(&err)
        }
    }
}

/// `--version --verbose` (or `-V -v`): the version and what it was built from.
fn is_verbose_version(args: &[OsString]) -> bool {
    let has = |names: &[&str]| args.iter().skip(1).any(|a| a.to_str().is_some_and(|a| names.contains(&a)));
    has(&["--version", "-V"]) && has(&["--verbose", "-v"])
}

fn verbose_version() -> String {
    format!(
        "awsvpc {}\ncommit: {}\ntarget: {}\nrust: {}\naws sdk: {}\n",
        env!("CARGO_PKG_VERSION"),
        env!("AWSVPC_GIT_COMMIT"),
        env!("AWSVPC_TARGET"),
        env!("AWSVPC_RUSTC"),
        env!("AWSVPC_SDK")
    )
}

/// The option whose value is not valid UTF-8, named for the error (clap does not name it).
fn non_utf8_option(args: &[OsString]) -> Option<String> {
    let bad = args.iter().skip(1).position(|a| a.to_str().is_none())? + 1;
    let lossy = args[bad].to_string_lossy();
    if let Some(flag) = lossy.strip_prefix("--") {
        return Some(format!("--{}", flag.split('=').next().unwrap_or(flag)));
    }
    match args[bad - 1].to_str() {
        Some(prev) if prev.starts_with('-') && bad > 1 => Some(prev.to_string()),
        _ => Some("an argument".to_string()),
    }
}

/// clap's multi-line usage errors as one line: the error and the allowed values.
pub fn condense_clap_error(text: &str) -> String {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("error: invalid arguments").to_string();
    // Keep the allowed values, the tips and the names of missing arguments; drop the usage.
    let extra: Vec<&str> = lines
        .filter(|l| l.starts_with('[') || l.starts_with("tip:") || l.starts_with('-') || l.starts_with('<'))
        .collect();
    let mut out = first;
    for e in extra {
        out.push(' ');
        out.push_str(e);
    }
    out.push_str(" (see awsvpc --help)");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_errors_become_one_line() {
        let text = "error: the following required arguments were not provided:\n  --fix\n\nUsage: awsvpc check --fix --yes\n\nFor more information, try '--help'.\n";
        assert_eq!(
            condense_clap_error(text),
            "error: the following required arguments were not provided: --fix (see awsvpc --help)"
        );
        let text =
            "error: invalid value 'yaml' for '--output <OUTPUT>'\n  [possible values: table, json, text, junit]\n";
        assert!(condense_clap_error(text).contains("[possible values: table, json, text, junit]"));
    }
}
