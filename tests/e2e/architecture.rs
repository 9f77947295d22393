//! The architecture, enforced: what each root module of `src/` may depend on (CONTRIBUTING.md,
//! "Architecture"), read from its `use` trees and `crate::`/`super::` paths; no SDK type outside
//! `src/aws/`; no printing in checks and commands; the environment read in dispatch only; no
//! command importing another; no oversized file or function.

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

/// What each root module of `src/` may use (CONTRIBUTING.md, "Architecture"): every root module
/// is listed, and a module that is not fails the test until it is placed.
const LAYERS: &[(&str, &[&str])] = &[
    ("exit", &[]),
    ("env", &[]),
    ("error", &["exit"]),
    ("ids", &["env", "error", "exit"]),
    ("inventory", &["error", "ids", "exit"]),
    ("rules", &["inventory", "error", "ids", "exit"]),
    ("checks", &["inventory", "rules", "error", "ids", "exit"]),
    ("aws", &["inventory", "error", "ids", "exit"]),
    ("signals", &["exit"]),
    // The clap declaration reads AWS's limits (rules::limits) for its value ranges.
    ("cli", &["rules"]),
    // Clap's types stop at dispatch (dispatch/plan/ makes the plans, dispatch/output_options.rs
    // the output context): neither output nor the commands see `cli`.
    ("output", &["inventory", "rules", "checks", "error", "ids", "exit"]),
    ("commands", &["aws", "checks", "output", "rules", "inventory", "error", "ids", "exit", "signals"]),
    ("generate", &["cli", "output", "checks", "error", "exit"]),
    (
        "dispatch",
        &[
            "aws",
            "checks",
            "cli",
            "commands",
            "env",
            "error",
            "exit",
            "generate",
            "ids",
            "inventory",
            "output",
            "rules",
            "signals",
        ],
    ),
    // Tests only: AWS's documented shapes through the SDK into the checks, and the commands that
    // change AWS driven by a recording console.
    ("fixtures", &["aws", "checks", "commands", "output", "inventory", "rules", "error", "ids", "exit"]),
];

/// The root modules of `src/`: its files (but lib.rs and main.rs) and its folders.
fn root_modules() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(src())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|x| x == "rs"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().to_string())
        .filter(|m| m != "lib" && m != "main")
        .collect();
    out.sort();
    out
}

/// A file's module path: `output/check.rs` is [output, check], `commands/run/mod.rs` is
/// [commands, run].
fn module_path(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel.trim_end_matches(".rs").split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib" || p == "main") {
        parts.pop();
    }
    parts
}

/// A `use` tree as its paths: `crate::{a, b::{c, d as e}}` is crate::a, crate::b::c, crate::b::d.
fn expand_use(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else { return vec![tree.to_string()] };
    let mut depth = 0;
    let mut close = tree.len();
    for (i, c) in tree.char_indices().skip_while(|(i, _)| *i < open) {
        depth += match c {
            '{' => 1,
            '}' => -1,
            _ => 0,
        };
        if depth == 0 {
            close = i;
            break;
        }
    }
    let (head, body) = (&tree[..open], &tree[open + 1..close]);
    let (mut items, mut item, mut depth) = (Vec::new(), String::new(), 0);
    for c in body.chars() {
        match c {
            ',' if depth == 0 => items.push(std::mem::take(&mut item)),
            '{' | '}' => {
                depth += if c == '{' { 1 } else { -1 };
                item.push(c);
            }
            c => item.push(c),
        }
    }
    items.push(item);
    items.iter().filter(|i| !i.trim().is_empty()).flat_map(|i| expand_use(i)).map(|p| format!("{head}{p}")).collect()
}

/// The root module a path names, seen from module `at`: `crate::x::..`, `super::..` and
/// `self::..` resolved; a bare first segment counts when it is a root module (`use output::..`
/// after `use crate::output`); anything else is another crate.
fn root_of(at: &[String], path: &str, roots: &[String]) -> Option<String> {
    let segs: Vec<&str> = path.split("::").map(|s| s.split(" as ").next().unwrap().trim()).collect();
    let mut here: Vec<String> = at.to_vec();
    let mut rest = &segs[..];
    match segs.first().copied() {
        Some("crate") => here.clear(),
        Some("super" | "self") => {}
        Some(first) if roots.iter().any(|r| r == first) => return Some(first.to_string()),
        _ => return None,
    }
    if segs[0] == "crate" {
        rest = &segs[1..];
    }
    while let Some(s) = rest.first() {
        match *s {
            "super" => drop(here.pop()),
            "self" => {}
            _ => break,
        }
        rest = &rest[1..];
    }
    here.first().cloned().or_else(|| rest.first().filter(|s| **s != "*").map(|s| s.to_string()))
}

/// Byte ranges of the inline modules (`mod tests { .. }`) of a text, with their names.
fn inline_modules(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find("mod ").map(|i| i + from) {
        from = i + 4;
        let name: String = text[from..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        let after = from + name.len();
        if name.is_empty() || !text[after..].trim_start().starts_with('{') {
            continue;
        }
        let open = after + text[after..].find('{').unwrap();
        let mut depth = 0;
        for (j, b) in bytes.iter().enumerate().skip(open) {
            depth += match b {
                b'{' => 1,
                b'}' => -1,
                _ => 0,
            };
            if depth == 0 {
                out.push((open, j, name.clone()));
                break;
            }
        }
    }
    out
}

/// The root modules a file uses: its `use` trees (grouped forms too) and the `crate::x::` and
/// `super::` paths in its code, comments left out.
fn uses(rel: &str, text: &str, roots: &[String]) -> Vec<(String, String)> {
    let code: String =
        text.lines().map(|l| if l.trim_start().starts_with("//") { "" } else { l }).map(|l| format!("{l}\n")).collect();
    let inline = inline_modules(&code);
    let at = |offset: usize| {
        let mut m = module_path(rel);
        m.extend(inline.iter().filter(|(a, b, _)| *a < offset && offset < *b).map(|(_, _, n)| n.clone()));
        m
    };
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = code[from..].find("use ").map(|i| i + from) {
        from = i + 4;
        let starts_statement = code[..i].trim_end().ends_with([';', '{', '}', ')'])
            || code[..i].trim_end().is_empty()
            || code[..i].ends_with("pub ");
        let Some(end) = code[from..].find(';') else { break };
        if !starts_statement {
            continue;
        }
        for path in expand_use(&code[from..from + end]) {
            if let Some(r) = root_of(&at(i), &path, roots) {
                out.push((r, format!("use {}", path.trim())));
            }
        }
    }
    for prefix in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(i) = code[from..].find(prefix).map(|i| i + from) {
            from = i + prefix.len();
            if code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let path: String =
                code[i..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            if let Some(r) = root_of(&at(i), path.trim_end_matches(':'), roots) {
                out.push((r, path));
            }
        }
    }
    out
}

#[test]
fn every_root_module_has_a_place() {
    let placed: Vec<&str> = LAYERS.iter().map(|(m, _)| *m).collect();
    let missing: Vec<String> = root_modules().into_iter().filter(|m| !placed.contains(&m.as_str())).collect();
    assert!(missing.is_empty(), "root modules without a place in LAYERS (and CONTRIBUTING's map): {missing:?}");
}

#[test]
fn use_trees_are_parsed() {
    let roots: Vec<String> = ["aws", "cli", "output", "checks"].map(String::from).to_vec();
    let text = "use crate::{aws::{self, Aws}, cli::Cli};\nfn f() { crate::output::emit(); }\n#[cfg(test)]\nmod tests {\n    use super::*;\n    use super::super::super::checks::Plan;\n}\n";
    let mut found: Vec<String> = uses("commands/run.rs", text, &roots).into_iter().map(|(r, _)| r).collect();
    found.sort();
    found.dedup();
    assert_eq!(found, ["aws", "checks", "cli", "commands", "output"]);
}

#[test]
fn layers_depend_only_downwards() {
    let roots = root_modules();
    let mut bad = Vec::new();
    for (path, text) in files() {
        let Some(me) = module_path(&path).first().cloned() else { continue };
        let allowed = LAYERS.iter().find(|(m, _)| *m == me).map_or(&[][..], |(_, a)| *a);
        for (used, how) in uses(&path, &text, &roots) {
            if used != me && !allowed.contains(&used.as_str()) {
                bad.push(format!("{me} may not use {used}: src/{path}: {how}"));
            }
        }
    }
    bad.sort();
    bad.dedup();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn checks_commands_and_aws_never_print() {
    let printing = ["println!", "eprintln!", "print!(", "eprint!("];
    let mut bad = Vec::new();
    bad.extend(violations("checks never print", "checks/", &printing));
    bad.extend(violations("commands print nothing", "commands/", &printing));
    // Commands say what they do through the console dispatch hands them (`output::Console`),
    // never through the output context or the progress bars' constructors.
    let context = ["OutputContext", "Prompt", "progress::bar", "TaskLines::new", ".say(", ".print_note("];
    bad.extend(violations("commands say things through the console they are given", "commands/", &context));
    // The -v call log goes to the sink dispatch gives; the AWS layer prints nothing itself.
    bad.extend(violations("the AWS layer never prints", "aws/", &printing));
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The environment and the terminals are read once, in dispatch; nothing is unreachable.
#[test]
fn only_dispatch_reads_the_environment() {
    let mut bad = Vec::new();
    for (path, text) in files().iter().filter(|(p, _)| !p.starts_with("dispatch/")) {
        for (n, line) in code_lines(text) {
            for f in ["std::env::var", "env::var_os", "is_terminal", "unreachable!"] {
                if line.contains(f) {
                    bad.push(format!("src/{path}:{n} uses {f}: {}", line.trim()));
                }
            }
        }
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

/// The end-to-end tests run the binary one way, the builder (`builder.rs`): no test starts it
/// itself, seeds a scenario by name or passes a raw argument vector, but for the bad-input
/// tables of command lines as typed (`bad_input.rs`, which also proves bad input makes no call).
#[test]
fn end_to_end_tests_run_awsvpc_through_the_builder() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e");
    let forbidden = [
        "Command::new(env!(\"CARGO_BIN_EXE_awsvpc\"))",
        "CommandBuilder::new(env!(\"CARGO_BIN_EXE_awsvpc\"))",
        "bare_cmd(",
        "seed_raw(",
        "awsvpc_args(",
    ];
    let mut bad = Vec::new();
    let mut files = 0;
    for path in sources(&dir) {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if ["builder.rs", "harness.rs", "architecture.rs"].contains(&name.as_str()) {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in code_lines(&text) {
            for f in &forbidden {
                if line.contains(f) {
                    bad.push(format!("tests/e2e/{name}:{n} uses {f}: {}", line.trim()));
                }
            }
            if line.contains(".typed(") && name != "bad_input.rs" {
                bad.push(format!("tests/e2e/{name}:{n}: raw argument vectors only in bad_input.rs: {}", line.trim()));
            }
        }
    }
    assert!(files >= 30, "the end-to-end files ({files})");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
