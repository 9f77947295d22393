//! The architecture, enforced: what each folder of `src/` may depend on (README,
//! "Architecture"), no SDK type outside `src/aws/`, no printing in checks and commands, no
//! command importing another, no oversized file or function.

use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(sources(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// (path relative to src/, text) of every source file.
fn files() -> Vec<(String, String)> {
    sources(&src())
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(src()).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The code lines of a file: comments and string-only doc lines left out.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| !l.trim_start().starts_with("//"))
}

fn violations(rule: &str, in_folder: &str, forbidden: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for (path, text) in files().iter().filter(|(p, _)| p.starts_with(in_folder)) {
        for (n, line) in code_lines(text) {
            for f in forbidden {
                if line.contains(f) {
                    out.push(format!("{rule}: src/{path}:{n} uses {f}: {}", line.trim()));
                }
            }
        }
    }
    out
}

const SDK: &[&str] = &["aws_sdk_", "aws_smithy_", "aws_config", "aws_credential_types"];

#[test]
fn sdk_types_and_calls_stay_in_the_aws_layer() {
    let mut bad = Vec::new();
    for (path, text) in files().iter().filter(|(p, _)| !p.starts_with("aws/")) {
        for (n, line) in code_lines(text) {
            if let Some(f) = SDK.iter().find(|f| line.contains(*f)) {
                bad.push(format!("src/{path}:{n} uses {f}"));
            }
        }
    }
    assert!(bad.is_empty(), "SDK outside src/aws/:\n{}", bad.join("\n"));
}

#[test]
fn layers_depend_only_downwards() {
    let printing = ["println!", "eprintln!", "print!(", "eprint!("];
    let mut bad = Vec::new();
    bad.extend(violations(
        "checks are pure",
        "checks/",
        &["crate::aws", "crate::output", "crate::commands", "crate::cli"],
    ));
    bad.extend(violations("checks never print", "checks/", &printing));
    bad.extend(violations("commands print through output", "commands/", &printing));
    bad.extend(violations(
        "aws returns plain inventory",
        "aws/",
        &["crate::checks", "crate::output", "crate::commands", "crate::cli"],
    ));
    bad.extend(violations("output fetches nothing", "output/", &["crate::aws", "crate::commands"]));
    for base in ["rules/", "inventory/", "error.rs", "ids.rs", "exit.rs"] {
        bad.extend(violations(
            "rules and inventory know nothing above them",
            base,
            &["crate::aws", "crate::checks", "crate::output", "crate::commands", "crate::cli"],
        ));
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn no_command_imports_another() {
    let commands: Vec<String> = files()
        .iter()
        .filter_map(|(p, _)| {
            p.strip_prefix("commands/").map(|c| c.trim_end_matches(".rs").split('/').next().unwrap().to_string())
        })
        .filter(|c| c != "mod")
        .collect();
    let mut bad = Vec::new();
    for (path, text) in files().iter().filter(|(p, _)| p.starts_with("commands/")) {
        let me = path.trim_start_matches("commands/").trim_end_matches(".rs").split('/').next().unwrap();
        for (n, line) in code_lines(text) {
            for other in commands.iter().filter(|c| c.as_str() != me) {
                if line.contains(&format!("commands::{other}")) || line.contains(&format!("super::{other}")) {
                    bad.push(format!("src/{path}:{n} imports command {other}"));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn check_ids_are_spelled_once() {
    let mut bad = Vec::new();
    for c in awsvpc::checks::CHECKS {
        let quoted = format!("\"{}\"", c.name);
        let places: Vec<String> = files()
            .iter()
            .flat_map(|(p, t)| t.lines().filter(|l| l.contains(&quoted)).map(move |_| p.clone()))
            .collect();
        if places != ["checks/registry.rs"] {
            bad.push(format!("{} is spelled in {places:?}", c.name));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Source files stay under 600 lines; functions under 80 unless a comment above says why
/// (`// long:`).
#[test]
fn files_and_functions_stay_small() {
    let mut bad = Vec::new();
    for (path, text) in files() {
        let lines: Vec<&str> = text.lines().collect();
        if lines.len() > 600 {
            bad.push(format!("src/{path}: {} lines", lines.len()));
        }
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let is_fn = ["fn ", "pub fn ", "async fn ", "pub async fn ", "pub(crate) fn ", "pub(crate) async fn "]
                .iter()
                .any(|p| trimmed.starts_with(p));
            if !is_fn || line.trim_end().ends_with(';') {
                continue;
            }
            let indent = &line[..line.len() - trimmed.len()];
            let end = lines[i..].iter().position(|l| *l == format!("{indent}}}")).map(|e| e + 1).unwrap_or(0);
            let reason = i > 0 && lines[..i].iter().rev().take(3).any(|l| l.contains("// long:"));
            if end > 80 && !reason {
                bad.push(format!("src/{path}:{}: a function of {end} lines", i + 1));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
