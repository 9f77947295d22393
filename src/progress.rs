//! Progress on stderr, drawn only when stderr is a terminal and --quiet is off.

use std::sync::Arc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::output::Mode;

/// A bar that counts items; hidden when progress is off.
pub fn bar(mode: &Mode, message: &str) -> ProgressBar {
    if !mode.progress_enabled() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    pb.set_message(message.to_string());
    pb.enable_steady_tick(std::time::Duration::from_millis(120));
    pb
}

/// A `fetch::Progress` callback that moves the bar.
pub fn callback(pb: &ProgressBar) -> crate::fetch::Progress {
    let pb = pb.clone();
    Arc::new(move |done, total| {
        pb.set_length(total);
        pb.set_position(done);
    })
}
