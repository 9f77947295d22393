//! Generated files: shell completions in `completions/` and man pages in `man/`, written from
//! the clap definition by `cargo run --bin awsvpc-gen` and checked by a test.

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// The command that rewrites the generated files.
pub const REGENERATE: &str = "cargo run --bin awsvpc-gen";

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
    out.push((PathBuf::from("man/awsvpc.1"), page));
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("awsvpc-{}", sub.get_name());
        let mut page = Vec::new();
        clap_mangen::Man::new(sub.clone().name(&*Box::leak(name.clone().into_boxed_str())))
            .render(&mut page)
            .expect("render man page");
        out.push((PathBuf::from(format!("man/{name}.1")), page));
    }
    out
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
