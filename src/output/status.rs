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

/// The status word with its symbol, in ANSI colour when `color` is on (for lines outside tables).
pub fn painted(s: Status, color_on: bool) -> String {
    let text = format!("{} {}", symbol(s), s.as_str());
    let code = match (color_on, color(s)) {
        (true, Some(Color::Green)) => "32",
        (true, Some(Color::Yellow)) => "33",
        (true, Some(Color::Red)) => "31",
        _ => return text,
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}
