//! Writes completions/ and man/ from the clap definition. `--check` only reports stale files.

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    if std::env::args().any(|a| a == "--check") {
        let stale = awsvpc::gen::stale(root);
        for p in &stale {
            eprintln!("stale: {}", p.display());
        }
        std::process::exit(if stale.is_empty() { 0 } else { 1 });
    }
    match awsvpc::gen::write_all(root) {
        Ok(paths) => {
            for p in paths {
                println!("wrote {}", p.display());
            }
        }
        Err(e) => {
            eprintln!("awsvpc-gen: {e}");
            std::process::exit(1);
        }
    }
}
