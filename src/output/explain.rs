//! The `explain` report: a check's explanation and the AWS sources of its rules.

use serde::Serialize;

use super::{Mode, Render};
use crate::checks::Source;

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Explanation {
    pub id: &'static str,
    pub scope: &'static str,
    pub summary: &'static str,
    pub explanation: String,
    /// The documentation URLs (as `sources[].url`).
    pub links: Vec<&'static str>,
    /// Where each rule comes from: page and section, or API reference field, with its URL.
    pub sources: Vec<Source>,
}

/// Lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// The `text` columns of Explanation, in order (also the names `--columns` takes).
pub const EXPLANATION_COLUMNS: &[&str] = &["id", "scope", "summary", "explanation", "links"];

impl Render for Explanation {
    fn table(&self, _mode: &Mode) -> String {
        let mut out = format!("{} ({})\n{}\n\n", self.id, self.scope, self.summary);
        out.push_str(&wrap(&self.explanation, 78));
        out.push_str("\nAWS sources:\n");
        for s in &self.sources {
            out.push_str(&format!("  {}\n    {}\n", s.title, s.url));
        }
        out
    }

    fn text_columns(&self) -> &'static [&'static str] {
        EXPLANATION_COLUMNS
    }

    fn text_rows(&self) -> Vec<Vec<String>> {
        vec![vec![
            self.id.into(),
            self.scope.into(),
            self.summary.into(),
            self.explanation.clone(),
            self.links.join(" "),
        ]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_words_and_width() {
        let w = wrap("aaa bbb ccc ddd", 7);
        assert_eq!(w, "aaa bbb\nccc ddd\n");
    }
}
