//! Generated files: shell completions in `completions/` and man pages in `man/` (from the clap
//! definition) and the JSON Schemas in `schemas/` (from the report types), written by the hidden
//! `awsvpc generate` (`cargo run -- generate`) and checked by a test.

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::exit;

/// The command that rewrites the generated files.
pub const REGENERATE: &str = "cargo run -- generate";

/// A completion script for one shell.
pub fn completion(shell: Shell) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "awsvpc", &mut buf);
    buf
}

fn completion_file(shell: Shell) -> &'static str {
    match shell {
        Shell::Bash => "awsvpc.bash",
        Shell::Zsh => "_awsvpc",
        Shell::Fish => "awsvpc.fish",
        Shell::PowerShell => "_awsvpc.ps1",
        Shell::Elvish => "awsvpc.elv",
        _ => "awsvpc.unknown",
    }
}

/// Every generated file, as (path relative to the repository, contents).
pub fn files() -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell, Shell::Elvish] {
        out.push((Path::new("completions").join(completion_file(shell)), completion(shell)));
    }
    let mut cmd = Cli::command();
    cmd.build();
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut page).expect("render man page");
    page.extend(extra_sections().into_bytes());
    out.push((PathBuf::from("man/awsvpc.1"), page));
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("awsvpc-{}", sub.get_name());
        let mut page = Vec::new();
        clap_mangen::Man::new(sub.clone().name(&*Box::leak(name.clone().into_boxed_str())))
            .render(&mut page)
            .expect("render man page");
        out.push((PathBuf::from(format!("man/{name}.1")), page));
    }
    for (name, schema) in crate::output::schema::all() {
        out.push((Path::new("schemas").join(name), crate::output::schema::text(&schema).into_bytes()));
    }
    out
}

/// EXIT STATUS (from `exit::ALL`) and ENVIRONMENT sections of the main man page, in roff.
fn extra_sections() -> String {
    let meaning = |code: i32| match code {
        exit::OK => "success: the command did its job and found nothing wrong",
        exit::FOUND_PROBLEM => "the command found a problem: a failed check, a missing task, a task that did not start",
        exit::USAGE => "usage or invalid input, including input AWS rejected as invalid; no region configured",
        exit::AWS_UNAVAILABLE => {
            "AWS could not be asked or a check could not be evaluated (credentials, access, throttling, outages, timeouts)"
        }
        exit::INTERRUPTED => "interrupted (Ctrl-C)",
        exit::TERMINATED => "terminated (SIGTERM), handled like Ctrl-C",
        exit::HANGUP => "hung up (SIGHUP), handled like Ctrl-C",
        _ => "",
    };
    let mut s = String::from(".SH \"EXIT STATUS\"\n");
    for (code, name) in exit::ALL {
        s.push_str(&format!(".TP\n\\fB{code}\\fR ({name})\n{}\n", meaning(*code)));
    }
    s.push_str(".SH ENVIRONMENT\n");
    for (var, what) in [
        (
            "AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL",
            "the AWS profile, region and endpoint (see --profile, --region, --endpoint-url)",
        ),
        (
            "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN",
            "static credentials; the standard AWS credential chain applies",
        ),
        ("AWS_MAX_ATTEMPTS, AWS_RETRY_MODE", "attempts per call and the retry mode (--max-attempts keeps the mode)"),
        ("AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE", "the AWS config and credentials files"),
        ("NO_COLOR", "no colour with --color auto (any non-empty value)"),
        ("CLICOLOR_FORCE", "colour also in a pipe with --color auto (any non-empty value but 0; NO_COLOR wins)"),
        ("AWSVPC_OUTPUT", "the default of --output"),
        (
            "AWSVPC_CLUSTER",
            "the cluster when --cluster is not given (a task ARN's cluster wins; check --all-clusters ignores it)",
        ),
        (
            "GITHUB_ACTIONS, GITHUB_STEP_SUMMARY",
            "check: workflow annotations and a job summary on GitHub Actions (--annotations)",
        ),
    ] {
        s.push_str(&format!(".TP\n\\fB{var}\\fR\n{what}\n"));
    }
    s
}

/// The generated files that are missing or differ under `root`.
pub fn stale(root: &Path) -> Vec<PathBuf> {
    files()
        .into_iter()
        .filter(|(path, contents)| std::fs::read(root.join(path)).ok().as_deref() != Some(contents.as_slice()))
        .map(|(path, _)| path)
        .collect()
}

/// Writes every generated file under `root`.
pub fn write_all(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (path, contents) in files() {
        let full = root.join(&path);
        if let Some(dir) = full.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&full, contents)?;
        written.push(path);
    }
    Ok(written)
}

/// The kinds `awsvpc generate` takes, by the folder their files live in.
const KINDS: [(&str, &str); 3] = [("man", "man"), ("completions", "completions"), ("schemas", "schemas")];

/// `awsvpc generate [man|completions|schemas ...] [--check] [--dir DIR]`: writes (or, with
/// `--check`, lists the stale) generated files of the kinds named (default: all) under DIR
/// (default: the current directory); progress on stderr.
pub fn cli(args: &[std::ffi::OsString]) -> i32 {
    let (mut dir, mut check, mut kinds) = (PathBuf::from("."), false, Vec::new());
    let mut it = args.iter().map(|a| a.to_string_lossy().to_string());
    while let Some(a) = it.next() {
        match a.as_str() {
            "--check" => check = true,
            "--dir" => match it.next() {
                Some(d) => dir = PathBuf::from(d),
                None => return usage("--dir needs a directory"),
            },
            k if KINDS.iter().any(|(name, _)| *name == k) => kinds.push(k.to_string()),
            other => return usage(&format!("unexpected argument {other}")),
        }
    }
    let wanted = |p: &Path| {
        kinds.is_empty() || KINDS.iter().any(|(name, folder)| kinds.iter().any(|k| k == name) && p.starts_with(folder))
    };
    if check {
        let stale: Vec<PathBuf> = stale(&dir).into_iter().filter(|p| wanted(p)).collect();
        for p in &stale {
            eprintln!("stale: {}", p.display());
        }
        return if stale.is_empty() { exit::OK } else { exit::FOUND_PROBLEM };
    }
    if !dir.join("Cargo.toml").is_file() || !dir.join("schemas").is_dir() {
        return usage(&format!(
            "--dir {}: not the awsvpc repository's root (no Cargo.toml and schemas/)",
            dir.display()
        ));
    }
    let mut written = Vec::new();
    for (path, contents) in files().into_iter().filter(|(p, _)| wanted(p)) {
        let full = dir.join(&path);
        let done = full.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&full, contents));
        if let Err(e) = done {
            eprintln!("awsvpc: error: writing {}: {e}", full.display());
            return exit::FOUND_PROBLEM;
        }
        written.push(path);
    }
    for p in written {
        eprintln!("wrote {}", p.display());
    }
    exit::OK
}

fn usage(what: &str) -> i32 {
    eprintln!(
        "awsvpc: error: generate: {what} (usage: awsvpc generate [man|completions|schemas ...] [--check] [--dir DIR])"
    );
    exit::USAGE
}
