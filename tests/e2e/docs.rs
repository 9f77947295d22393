//! The repository's generated files and documentation stay true to the code.

use std::path::Path;

use awsvpc::exit;

use crate::builder::awsvpc;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn completions_and_man_pages_are_fresh() {
    let stale = awsvpc::generate::stale(repo());
    assert!(
        stale.is_empty(),
        "generated files are stale: {:?}\nrun `{}` and commit the result",
        stale,
        awsvpc::generate::REGENERATE
    );
}

#[test]
fn readme_documents_every_exit_code() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    for (code, name) in awsvpc::exit::ALL {
        let row = format!("| {code} | `{name}` |");
        assert!(readme.contains(&row), "README's exit-code table lacks the row starting {row:?}");
    }
}

#[test]
fn readme_documents_the_text_columns() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let columns = "task_id, cluster, last_status, attachment_status, eni_id, subnet_id, private_ipv4, ipv6, \
                   mac_address, private_dns_name, vpc_id, availability_zone, security_groups, public_ip, eni_status";
    assert!(readme.contains(columns), "README must list the enis text columns in order: {columns}");
}

#[test]
fn clap_definition_is_consistent() {
    use clap::CommandFactory;
    awsvpc::cli::Cli::command().debug_assert();
}

#[test]
fn readme_documents_every_check_id() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    for c in awsvpc::checks::CHECKS {
        assert!(readme.contains(&format!("| `{}` |", c.name)), "README's check table lacks {}", c.name);
    }
}

#[test]
fn readme_iam_table_matches_iam_policy() {
    use awsvpc::commands::iam_policy::PolicyCommand;
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    for (name, cmd) in [
        ("enis", PolicyCommand::Enis),
        ("check", PolicyCommand::Check),
        ("check-fix", PolicyCommand::CheckFix),
        ("capacity", PolicyCommand::Capacity),
        ("diagnose", PolicyCommand::Diagnose),
        ("run", PolicyCommand::Run),
        ("stop", PolicyCommand::Stop),
    ] {
        let (read, change) = awsvpc::commands::iam_policy::actions(cmd);
        let mut all: Vec<&str> = read.into_iter().chain(change).collect();
        all.sort();
        all.dedup();
        let row = format!("| `{name}` | {} |", all.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", "));
        assert!(readme.contains(&row), "README's IAM table lacks or differs for {name}: {row}");
    }
}

/// Every test the README's "Rules and sources" table names exists.
#[test]
fn readme_rules_name_real_tests() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let table = readme.split("## Rules and sources").nth(1).unwrap().split("\n## ").next().unwrap();
    let mut code = String::new();
    for dir in ["src", "tests"] {
        let mut stack = vec![repo().join(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    code.push_str(&std::fs::read_to_string(p).unwrap());
                }
            }
        }
    }
    let mut named = 0;
    for row in table.lines().filter(|l| l.starts_with('|')).skip(2) {
        let tests = row.rsplit('|').nth(1).unwrap();
        for t in tests.split('`').skip(1).step_by(2) {
            let name = t.rsplit("::").next().unwrap();
            assert!(code.contains(&format!("fn {name}(")), "README names a test that does not exist: {t}");
            named += 1;
        }
    }
    assert!(named >= 20, "the table names its tests ({named})");
}

/// `awsvpc generate` (hidden: no help, completion or man page names it) checks and rewrites the
/// generated files; the release archive has one binary.
#[test]
fn generate_is_hidden_and_checks_the_generated_files() {
    awsvpc("generate").flag("--check").current_dir(repo()).expect(exit::OK);
    awsvpc("generate").flag("--bogus").current_dir(repo()).expect(exit::USAGE);
    for kind in ["man", "completions", "schemas"] {
        let r = awsvpc("generate").arg(kind).flag("--check").current_dir(repo()).run();
        assert_eq!(r.code, exit::OK, "{kind}: {}", r.stderr);
    }
    let help = awsvpc("").flag("--help").current_dir(repo()).run().stdout;
    assert!(help.contains("completions") && !help.contains("generate"), "{help}");
    let fish = std::fs::read_to_string(repo().join("completions/awsvpc.fish")).unwrap();
    assert!(!fish.contains("\"generate\""), "not completed");
    let cargo = std::fs::read_to_string(repo().join("Cargo.toml")).unwrap();
    assert_eq!(cargo.matches("[[bin]]").count(), 1, "one binary");
}
