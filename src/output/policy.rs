//! The `iam-policy` report: an IAM policy document, JSON whatever the format.

use serde::Serialize;

use super::{OutputContext, Render};

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Policy(pub serde_json::Value);

/// The `text` columns of Policy, in order (also the names `--columns` takes).
pub const POLICY_COLUMNS: &[&str] = &["effect", "action"];

impl Render for Policy {
    /// A policy is JSON whatever the format: it is meant to be pasted or piped.
    fn table(&self, _mode: &OutputContext) -> String {
        let mut s = serde_json::to_string_pretty(&self.0).unwrap_or_default();
        s.push('\n');
        s
    }

    fn text_columns(&self) -> &'static [&'static str] {
        POLICY_COLUMNS
    }

    /// An IAM policy document has its own shape (its "Version"): no schema_version in it.
    fn schema_version(&self) -> Option<u32> {
        None
    }

    fn text_rows(&self) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        for st in self.0["Statement"].as_array().into_iter().flatten() {
            let actions: Vec<String> = match &st["Action"] {
                serde_json::Value::String(a) => vec![a.clone()],
                serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
                _ => vec![],
            };
            for a in actions {
                rows.push(vec!["Allow".to_string(), a]);
            }
        }
        rows
    }
}
