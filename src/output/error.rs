//! Errors, printed once on stderr by dispatch: what was being done, the failure, its hint.

use crate::error::Failure;

/// Prints an error once, on stderr, with its hint.
pub fn report_error(err: &anyhow::Error) {
    match err.chain().find_map(|e| e.downcast_ref::<Failure>()) {
        Some(f) => {
            let context: Vec<String> =
                err.chain().take_while(|e| e.downcast_ref::<Failure>().is_none()).map(|e| e.to_string()).collect();
            if context.is_empty() {
                eprintln!("awsvpc: error: {}", f.message);
            } else {
                eprintln!("awsvpc: error: {}: {}", context.join(": "), f.message);
            }
            if let Some(h) = &f.hint {
                eprintln!("  hint: {h}");
            }
        }
        None => eprintln!("awsvpc: error: {err:#}"),
    }
}
