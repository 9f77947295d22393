//! The GitHub Action (action.yml): its two shell steps run here as a runner would run them, with
//! a local binary instead of a download: the install step puts `awsvpc` on the job's PATH, the
//! check step fails on a failing check (exit 1) and passes on a healthy account, with annotations,
//! the job summary and the `exit-code` output.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::json;

use crate::builder::Seed;
use crate::harness::{Account, Run, bare, run};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A runner's temporary folder and job files, fresh for each test.
fn runner(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("awsvpc-action-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn step(script: &str, dir: &Path) -> Command {
    let mut cmd = bare(Command::new("bash"));
    cmd.arg(repo().join("scripts/action").join(script))
        .env("RUNNER_TEMP", dir)
        .env("GITHUB_PATH", dir.join("github_path"))
        .env("GITHUB_OUTPUT", dir.join("github_output"))
        .env("GITHUB_STEP_SUMMARY", dir.join("summary.md"))
        .env("GITHUB_ACTIONS", "true");
    cmd
}

fn install(dir: &Path) -> PathBuf {
    let r = run(step("install.sh", dir).env("AWSVPC_BINARY", env!("CARGO_BIN_EXE_awsvpc")));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains(&format!("awsvpc {}", env!("CARGO_PKG_VERSION"))), "{}", r.stdout);
    let bin_dir = dir.join("awsvpc");
    let path = std::fs::read_to_string(dir.join("github_path")).unwrap();
    assert_eq!(path.trim(), bin_dir.to_str().unwrap(), "the install step adds awsvpc to the job's PATH");
    bin_dir
}

fn check(acct: &Account, dir: &Path, bin_dir: &Path, args: &str) -> Run {
    let mut cmd = step("check.sh", dir);
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    cmd.env("PATH", path).env("AWSVPC_ARGS", args);
    acct.point_at(&mut cmd);
    run(&mut cmd)
}

#[test]
fn the_action_fails_the_step_on_a_failing_check_with_annotations_and_summary() {
    let acct = Account::new();
    let seed = acct.seed(Seed::cluster().params(
        json!({"instances": [{"trunk": false, "subnet": 0}], "service_linked_role": false, "dns_support": false}),
    ));
    let subnets = seed.private_subnets().join(",");
    let dir = runner("fail");
    let bin_dir = install(&dir);
    let r = check(&acct, &dir, &bin_dir, &format!("--cluster prod --subnets {subnets}"));
    assert_eq!(r.code, 1, "a failing check fails the step: {}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("::error title=vpc.dns-support"), "annotations: {}", r.stderr);
    let summary = std::fs::read_to_string(dir.join("summary.md")).unwrap();
    assert!(summary.contains("vpc.dns-support") && summary.contains('|'), "summary: {summary}");
    let output = std::fs::read_to_string(dir.join("github_output")).unwrap();
    assert_eq!(output.trim(), "exit-code=1");
    // Bad arguments fail the step too (exit 2), with the usage error.
    let r = check(&acct, &dir, &bin_dir, "--subnets not-a-subnet");
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--subnets"), "{}", r.stderr);
}

#[test]
fn the_action_passes_on_a_healthy_account() {
    let acct = Account::new();
    let seed = acct.seed(
        Seed::mixed()
            .params(json!({"ec2": 0, "fargate": 0, "bridge": 0, "stopped": 0, "service_connect": 0, "instances": 0})),
    );
    let subnets = seed.private_subnets().join(",");
    let dir = runner("pass");
    let bin_dir = install(&dir);
    let r = check(&acct, &dir, &bin_dir, &format!("--subnets {subnets} --launch-type FARGATE"));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(!r.stderr.contains("::error"), "{}", r.stderr);
    let output = std::fs::read_to_string(dir.join("github_output")).unwrap();
    assert_eq!(output.trim(), "exit-code=0");
}

/// The archive the install step downloads for each runner (dist's target names), and a runner
/// without a prebuilt binary said so.
#[test]
fn the_install_step_picks_the_archive_of_the_runner() {
    let dir = runner("url");
    let url = |os: &str, arch: &str, version: &str| {
        run(step("install.sh", &dir)
            .arg("--print-url")
            .env("RUNNER_OS", os)
            .env("RUNNER_ARCH", arch)
            .env("AWSVPC_VERSION", version))
    };
    let base = "https://github.com/awsvpc/awsvpc/releases";
    for (os, arch, version, expected) in [
        ("Linux", "X64", "latest", format!("{base}/latest/download/awsvpc-x86_64-unknown-linux-musl.tar.xz")),
        ("Linux", "ARM64", "0.2.0", format!("{base}/download/v0.2.0/awsvpc-aarch64-unknown-linux-musl.tar.xz")),
        ("macOS", "ARM64", "v0.2.0", format!("{base}/download/v0.2.0/awsvpc-aarch64-apple-darwin.tar.xz")),
        ("macOS", "X64", "latest", format!("{base}/latest/download/awsvpc-x86_64-apple-darwin.tar.xz")),
        ("Windows", "X64", "latest", format!("{base}/latest/download/awsvpc-x86_64-pc-windows-msvc.zip")),
    ] {
        let r = url(os, arch, version);
        assert_eq!((r.code, r.stdout.trim()), (0, expected.as_str()), "{os}/{arch}: {}", r.stderr);
    }
    let r = url("Linux", "ARM", "latest");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no prebuilt binary for Linux/ARM"), "{}", r.stderr);
    // The targets the install step names are the ones dist builds.
    let dist = std::fs::read_to_string(repo().join("dist-workspace.toml")).unwrap();
    for t in [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(dist.contains(&format!("\"{t}\"")), "dist builds {t}");
    }
}

/// action.yml runs exactly these two scripts.
#[test]
fn the_action_runs_the_tested_scripts() {
    let action = std::fs::read_to_string(repo().join("action.yml")).unwrap();
    assert!(action.contains("using: composite"));
    assert!(action.contains("\"$GITHUB_ACTION_PATH/scripts/action/install.sh\""));
    assert!(action.contains("\"$GITHUB_ACTION_PATH/scripts/action/check.sh\""));
}
