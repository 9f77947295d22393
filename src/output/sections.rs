//! Reports read as `kubectl describe` reads: a summary head, then titled sections whose lines
//! stay within the width (labels and values, findings one per line, causes as blocks).

use super::OutputContext;
use super::layout::{fix_lines, wrap};
use crate::checks::Finding;

/// `Label:    value`, the value wrapped under itself.
pub fn field(label: &str, value: &str, width: usize) -> String {
    let lead = format!("{:<10}", format!("{label}:"));
    let indent = lead.len();
    wrap(value, width, &lead, indent).join("\n") + "\n"
}

/// A section's title line, after a blank line.
pub fn title(name: &str) -> String {
    format!("\n{name}:\n")
}

/// A finding on one line under a section (`  ✓ pass  check.id: message`), wrapped.
pub fn finding_line(mode: &OutputContext, f: &Finding, width: usize) -> String {
    let head = format!("  {}  {}: ", super::status::painted(f.status, mode.color), f.check.name());
    let plain_head = format!("  {} {}  {}: ", super::status::symbol(f.status), f.status.as_str(), f.check.name());
    let lines = wrap(&f.message, width, &plain_head, 6);
    let mut out = lines.join("\n");
    if mode.color {
        out = out.replacen(&plain_head, &head, 1);
    }
    out.push('\n');
    out
}

/// An explanation and its fix under a heading line (a likely cause, a group of stopped tasks).
pub fn cause_block(head: &str, explanation: &str, fix: Option<&str>, width: usize) -> String {
    let mut lines = vec![head.to_string()];
    lines.extend(wrap(explanation, width, "  ", 2));
    if let Some(f) = fix {
        lines.extend(fix_lines(f, width, 2));
    }
    lines.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_blocks_stay_within_the_width() {
        let text = "Timeout waiting for network interface provisioning to complete, and more words after";
        let f = field("Stopped", text, 40);
        assert!(f.starts_with("Stopped:  Timeout"), "{f}");
        assert!(f.lines().all(|l| l.chars().count() <= 40), "{f}");
        let b = cause_block("eni-provisioning-timeout (1 task)", text, Some("aws ecs describe-tasks --cluster c"), 40);
        assert!(b.lines().all(|l| l.chars().count() <= 40), "{b}");
        assert!(b.contains("  fix: aws ecs describe-tasks"), "{b}");
    }
}
