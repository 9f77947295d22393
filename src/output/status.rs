//! How a check status looks: its symbol and colour on a terminal.

use comfy_table::Color;

use crate::checks::Status;

pub fn symbol(s: Status) -> &'static str {
    match s {
        Status::Pass => "✓",
        Status::Warn => "!",
        Status::Fail => "✗",
        Status::Skip => "-",
        Status::Error => "?",
    }
}

pub fn color(s: Status) -> Option<Color> {
    match s {
        Status::Pass => Some(Color::Green),
        Status::Warn => Some(Color::Yellow),
        Status::Fail | Status::Error => Some(Color::Red),
        Status::Skip => None,
    }
}
