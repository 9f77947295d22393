//! Records what `awsvpc --version --verbose` reports: the git commit, the target, the Rust
//! compiler and the AWS SDK crates' versions (from Cargo.lock). Nothing here is needed to build.

use std::process::Command;

fn output(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn main() {
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-changed=.git/HEAD");
    let commit = output("git", &["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".into());
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let rust = output(&rustc, &["--version"]).unwrap_or_else(|| "unknown".into());
    let target = std::env::var("TARGET").unwrap_or_else(|_| "unknown".into());
    let lock = std::fs::read_to_string("Cargo.lock").unwrap_or_default();
    let mut sdk = Vec::new();
    let mut name = String::new();
    for line in lock.lines() {
        if let Some(n) = line.strip_prefix("name = \"") {
            name = n.trim_end_matches('"').to_string();
        } else if let Some(v) = line.strip_prefix("version = \"")
            && (name.starts_with("aws-sdk-") || name == "aws-config")
        {
            sdk.push(format!("{name} {}", v.trim_end_matches('"')));
        }
    }
    println!("cargo:rustc-env=AWSVPC_GIT_COMMIT={commit}");
    println!("cargo:rustc-env=AWSVPC_RUSTC={rust}");
    println!("cargo:rustc-env=AWSVPC_TARGET={target}");
    println!("cargo:rustc-env=AWSVPC_SDK={}", sdk.join(", "));
}
