//! The prebuilt install, proven without a release: the test binary is packed as `dist` packs a
//! release archive (`awsvpc-<target>.tar.xz` holding `awsvpc-<target>/awsvpc` beside the README,
//! changelog and licences; its `.sha256` as `<digest> *<name>`), for each target an installer on
//! this machine may pick, and served with the shell installer from a loopback HTTPS host laid out
//! as GitHub serves a release (tests/install/serve.py: `releases/latest/download/` redirects to
//! `releases/download/v<version>/`). The README's install line and the Action's install step
//! (scripts/action/install.sh) then install it, and the installed `awsvpc --version` runs.
//!
//! The installer is the one `dist` generates (tests/install/awsvpc-installer.sh; `.ci/run` fails
//! when it differs from what dist writes now). In a release, dist embeds each archive's sha256 into
//! it; the committed copy, written before any archive exists, has none, so the test embeds the
//! digests of the archives it packed where dist's template puts them. A tampered host (checksums
//! that do not match) proves both installers check them and install nothing.
//!
//! Nothing leaves loopback: the installers get only loopback URLs, and every other host is sent to
//! a proxy on 127.0.0.1:9 that does not exist, so a download that escaped the override fails
//! instead of fetching a real release from GitHub.

use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

use crate::harness::{Lines, bare, run};

const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The sha256 of no bytes: the digest the tampered host publishes for every archive.
const TAMPERED: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// dist's targets whose archive an installer may pick on this machine: the shell installer takes
/// glibc's where the system's glibc is new enough, else musl's; the Action takes musl's.
fn host_targets() -> Vec<String> {
    let arch = std::env::consts::ARCH;
    match std::env::consts::OS {
        "linux" => vec![format!("{arch}-unknown-linux-gnu"), format!("{arch}-unknown-linux-musl")],
        "macos" => vec![format!("{arch}-apple-darwin")],
        os => panic!("dist publishes no shell-installable archive for {os}"),
    }
}

/// The target whose archive the Action's install step downloads on this machine.
fn action_target() -> String {
    host_targets().pop().expect("a target")
}

/// A release on a loopback HTTPS host: the genuine one at `/`, a tampered copy at `/tampered/`.
/// Removed with its server when dropped (kept when the test failed, to look at).
struct Release {
    dir: PathBuf,
    port: u16,
    requests: Lines,
    server: Child,
    stdin: Option<ChildStdin>,
}

impl Release {
    fn publish(name: &str) -> Release {
        let dir = std::env::temp_dir().join(format!("awsvpc-install-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("cert")).unwrap();
        let sums: Vec<(String, String)> = host_targets().iter().map(|t| pack(&dir, t)).collect();
        put(&dir, "", &sums, false);
        put(&dir, "tampered", &sums, true);
        let mut server = Command::new("python3")
            .arg(repo().join("tests/install/serve.py"))
            .arg(dir.join("www"))
            .arg(dir.join("cert"))
            .arg(format!("v{VERSION}"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start tests/install/serve.py");
        let stdin = server.stdin.take();
        let mut requests = Lines::of(server.stdout.take().expect("server stdout"));
        let line = requests.until("PORT ").concat();
        let port = line.lines().last().and_then(|l| l.strip_prefix("PORT ")).and_then(|p| p.trim().parse().ok());
        let port = port.unwrap_or_else(|| panic!("the release host did not start: {line}"));
        Release { dir, port, requests, server, stdin }
    }

    /// The host the installers are pointed at instead of https://github.com.
    fn host(&self, tampered: bool) -> String {
        let base = format!("https://127.0.0.1:{}", self.port);
        if tampered { format!("{base}/tampered") } else { base }
    }

    /// A command that may talk to this host and nothing else.
    fn loopback_only(&self, mut cmd: Command) -> Command {
        cmd.env("CURL_CA_BUNDLE", self.dir.join("cert/cert.pem"));
        let nowhere = "http://127.0.0.1:9";
        for (name, value) in [("ALL_PROXY", nowhere), ("HTTPS_PROXY", nowhere), ("NO_PROXY", "127.0.0.1")] {
            cmd.env(name, value).env(name.to_lowercase(), value);
        }
        cmd
    }

    /// The README's install line, with this host for github.com, run as a user runs it (the
    /// installer piped to `sh`; bash's pipefail so a failed download fails the command).
    fn readme_installer(&self, tampered: bool, home: &Path) -> Command {
        let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
        let line = readme.lines().find(|l| l.contains("/awsvpc-installer.sh | sh")).expect("the README's install line");
        let host = self.host(tampered);
        assert!(line.contains("https://github.com/awsvpc/awsvpc/releases/latest/download/"), "{line}");
        let mut cmd = self.loopback_only(bare(Command::new("bash")));
        cmd.args(["-o", "pipefail", "-c", &line.replace("https://github.com", &host)])
            .env("HOME", home)
            .env("CARGO_HOME", home.join("cargo"))
            .env("AWSVPC_INSTALLER_GITHUB_BASE_URL", &host);
        cmd
    }

    /// The Action's install step as a runner on this machine runs it, fetching the latest release.
    fn install_step(&self, tampered: bool, runner: &Path) -> Command {
        let (os, arch) = (std::env::consts::OS, std::env::consts::ARCH);
        let runner_os = if os == "macos" { "macOS" } else { "Linux" };
        let runner_arch = if arch == "aarch64" { "ARM64" } else { "X64" };
        let mut cmd = self.loopback_only(bare(Command::new("bash")));
        cmd.arg(repo().join("scripts/action/install.sh"))
            .env("RUNNER_TEMP", runner)
            .env("GITHUB_PATH", runner.join("github_path"))
            .env("RUNNER_OS", runner_os)
            .env("RUNNER_ARCH", runner_arch)
            .env("AWSVPC_REPO", format!("{}/awsvpc/awsvpc", self.host(tampered)));
        cmd
    }

    /// The requests the host answered, up to the first one whose line contains `last`.
    fn served_until(&mut self, last: &str) -> String {
        self.requests.until(last).concat()
    }
}

impl Drop for Release {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.server.kill();
        let _ = self.server.wait();
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Packs the test binary as dist packs `target`'s archive; its name and sha256.
fn pack(dir: &Path, target: &str) -> (String, String) {
    let name = format!("awsvpc-{target}");
    let stage = dir.join("stage");
    std::fs::create_dir_all(stage.join(&name)).unwrap();
    // A copy, not a link: tar fails on a file whose links change (another test's) while it reads.
    std::fs::copy(env!("CARGO_BIN_EXE_awsvpc"), stage.join(&name).join("awsvpc")).unwrap();
    for doc in ["CHANGELOG.md", "LICENSE-APACHE", "LICENSE-MIT", "README.md"] {
        std::fs::copy(repo().join(doc), stage.join(&name).join(doc)).unwrap();
    }
    let archive = dir.join("packed").join(format!("{name}.tar.xz"));
    std::fs::create_dir_all(dir.join("packed")).unwrap();
    // xz's fastest level: the debug binary is large, and the archive's contents are the point.
    let r = run(Command::new("tar").arg("-cJf").arg(&archive).arg("-C").arg(&stage).arg(&name).env("XZ_OPT", "-0"));
    assert_eq!(r.code, 0, "tar: {}{}", r.stdout, r.stderr);
    let r = run(Command::new("python3").args(["-c", SHA256]).arg(&archive));
    assert_eq!(r.code, 0, "sha256: {}", r.stderr);
    (format!("{name}.tar.xz"), r.stdout.trim().to_string())
}

/// A hard link where the file system allows one (the archives are large), else a copy.
fn link_or_copy(from: &Path, to: &Path) {
    std::fs::hard_link(from, to).or_else(|_| std::fs::copy(from, to).map(|_| ())).unwrap();
}

const SHA256: &str = "import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], 'rb').read()).hexdigest())";

/// Lays the packed archives out under `prefix` as a GitHub release: each with its `.sha256` in
/// dist's format, and the installer with the digests embedded (the tampered host's are wrong).
fn put(dir: &Path, prefix: &str, sums: &[(String, String)], tampered: bool) {
    let download = dir.join("www").join(prefix).join("awsvpc/awsvpc/releases/download").join(format!("v{VERSION}"));
    std::fs::create_dir_all(&download).unwrap();
    let mut published = Vec::new();
    for (archive, sum) in sums {
        let sum = if tampered { TAMPERED } else { sum.as_str() };
        link_or_copy(&dir.join("packed").join(archive), &download.join(archive));
        std::fs::write(download.join(format!("{archive}.sha256")), format!("{sum} *{archive}\n\n")).unwrap();
        published.push((archive.clone(), sum.to_string()));
    }
    let installer = std::fs::read_to_string(repo().join("tests/install/awsvpc-installer.sh")).unwrap();
    std::fs::write(download.join("awsvpc-installer.sh"), with_checksums(&installer, &published)).unwrap();
}

/// The installer as a release publishes it: in the case of each archive, after its `_zip_ext`,
/// `_checksum_style="sha256"` and `_checksum_value` (dist's templates/installer/installer.sh.j2).
fn with_checksums(installer: &str, sums: &[(String, String)]) -> String {
    assert!(installer.contains(&format!("APP_VERSION=\"{VERSION}\"")), "{REGENERATE}");
    let embedded_already = installer.lines().any(|l| l.trim_start().starts_with("_checksum_value=\""));
    assert!(!embedded_already, "the committed installer carries checksums already");
    let mut out = String::new();
    let mut current: Option<&(String, String)> = None;
    let mut embedded = 0;
    for line in installer.lines() {
        out.push_str(line);
        out.push('\n');
        let case = line.trim().strip_prefix('"').and_then(|l| l.strip_suffix("\")"));
        if let Some(found) = sums.iter().find(|(archive, _)| case == Some(archive.as_str())) {
            current = Some(found);
        } else if let Some((_, sum)) = current.filter(|_| line.trim().starts_with("_zip_ext=")) {
            out.push_str(&format!("            _checksum_style=\"sha256\"\n            _checksum_value=\"{sum}\"\n"));
            embedded += 1;
            current = None;
        }
    }
    assert_eq!(embedded, sums.len(), "an archive's case in the installer has changed shape: {REGENERATE}");
    out
}

const REGENERATE: &str = "tests/install/awsvpc-installer.sh is not dist's installer for this version: \
    run `dist build --artifacts=global --installer=shell` and copy target/distrib/awsvpc-installer.sh there";

/// `awsvpc --version` of an installed binary.
#[track_caller]
fn assert_installed(binary: &Path) {
    assert!(binary.is_file(), "{} is not installed", binary.display());
    let r = run(Command::new(binary).arg("--version"));
    assert_eq!((r.code, r.stdout.trim()), (0, format!("awsvpc {VERSION}").as_str()), "{}", r.stderr);
}

#[test]
fn the_readme_install_line_installs_the_release_archive_into_cargo_home() {
    let mut release = Release::publish("installer");
    let home = release.dir.join("home");
    let r = run(&mut release.readme_installer(false, &home));
    assert_eq!(r.code, 0, "the installer failed:\n{}{}", r.stdout, r.stderr);
    assert_installed(&home.join("cargo/bin/awsvpc"));
    let served = release.served_until(".tar.xz 200");
    let latest = "GET /awsvpc/awsvpc/releases/latest/download/awsvpc-installer.sh 302";
    assert!(served.contains(latest), "the installer is fetched from the latest release:\n{served}");
    let archive = |t: &String| format!("GET /awsvpc/awsvpc/releases/download/v{VERSION}/awsvpc-{t}.tar.xz 200");
    assert!(host_targets().iter().any(|t| served.contains(&archive(t))), "the archive of this machine:\n{served}");

    // Checksums that do not match: the installer refuses the archive and installs nothing.
    let home = release.dir.join("home-tampered");
    let r = run(&mut release.readme_installer(true, &home));
    assert_ne!(r.code, 0, "a tampered archive was installed:\n{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("checksum mismatch"), "{}{}", r.stdout, r.stderr);
    assert!(!home.join("cargo/bin/awsvpc").exists(), "nothing is installed");
}

#[test]
fn the_action_install_step_downloads_verifies_and_unpacks_the_latest_release() {
    let mut release = Release::publish("action");
    let runner = release.dir.join("runner");
    std::fs::create_dir_all(&runner).unwrap();
    let r = run(&mut release.install_step(false, &runner));
    assert_eq!(r.code, 0, "the install step failed:\n{}{}", r.stdout, r.stderr);
    assert_installed(&runner.join("awsvpc/awsvpc"));
    let path = std::fs::read_to_string(runner.join("github_path")).unwrap();
    assert_eq!(path.trim(), runner.join("awsvpc").to_str().unwrap(), "the step puts awsvpc on the job's PATH");
    let archive = format!("awsvpc-{}.tar.xz", action_target());
    let served = release.served_until(&format!("{archive}.sha256 200"));
    for request in [
        format!("GET /awsvpc/awsvpc/releases/latest/download/{archive} 302"),
        format!("GET /awsvpc/awsvpc/releases/download/v{VERSION}/{archive} 200"),
    ] {
        assert!(served.contains(&request), "no {request:?}:\n{served}");
    }

    // Checksums that do not match: the step fails, and nothing is installed or put on the PATH.
    let runner = release.dir.join("runner-tampered");
    std::fs::create_dir_all(&runner).unwrap();
    let r = run(&mut release.install_step(true, &runner));
    assert_eq!(r.code, 1, "a tampered archive was installed:\n{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("checksum mismatch"), "{}", r.stderr);
    assert!(!runner.join("awsvpc/awsvpc").exists(), "nothing is installed");
    assert!(!runner.join("github_path").exists(), "nothing is put on the PATH");
}

/// The shell installer the tests serve is dist's for this version (`.ci/run` checks it is
/// byte for byte what dist generates now).
#[test]
fn the_served_installer_is_dists_for_this_version() {
    let installer = std::fs::read_to_string(repo().join("tests/install/awsvpc-installer.sh")).unwrap();
    assert!(installer.contains(&format!("APP_VERSION=\"{VERSION}\"")), "{REGENERATE}");
    let receipt = "\"provider\":{\"source\":\"cargo-dist\",\"version\":\"";
    let dist = std::fs::read_to_string(repo().join("dist-workspace.toml")).unwrap();
    let pinned = dist.lines().find_map(|l| l.strip_prefix("cargo-dist-version = ")).expect("dist's version");
    assert!(installer.contains(&format!("{receipt}{}\"", pinned.trim_matches('"'))), "{REGENERATE}");
}
