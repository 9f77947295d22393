//! The `explain` report: a check's explanation and the AWS sources of its rules.

use serde::Serialize;

use super::{OutputContext, Render};
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

/// The `text` columns of Explanation, in order (also the names `--columns` takes).
pub const EXPLANATION_COLUMNS: &[&str] = &["id", "scope", "summary", "explanation", "links"];

impl Render for Explanation {
    fn table(&self, mode: &OutputContext) -> String {
        let width = usize::from(mode.width);
        let lines = |text: &str, first: &str, indent: usize| super::layout::wrap(text, width, first, indent).join("\n");
        let mut out = format!("{} ({})\n{}\n\n", self.id, self.scope, lines(self.summary, "", 0));
        out.push_str(&lines(&self.explanation, "", 0));
        out.push_str("\n\nAWS sources:\n");
        for s in &self.sources {
            // The title wraps; the address stays whole on its own line.
            let pad = if s.url.len() + 4 <= width { "    " } else { "" };
            out.push_str(&format!("{}\n{pad}{}\n", lines(s.title, "  ", 4), s.url));
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
