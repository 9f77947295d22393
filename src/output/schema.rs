//! JSON Schemas of every command's JSON document, generated from the report types themselves
//! (so a field cannot change without its schema), with the `schema_version` that `json_document`
//! puts first. Written to `schemas/` by `awsvpc generate` and fresh-checked like the completions.

use schemars::{JsonSchema, Schema};

use super::SCHEMA_VERSION;

/// (file name, schema) of each command's document.
pub fn all() -> Vec<(&'static str, Schema)> {
    vec![
        ("enis.schema.json", of::<super::enis::EnisReport>("awsvpc enis --output json")),
        ("check.schema.json", of::<super::check::CheckReport>("awsvpc check --output json")),
        ("check-fix.schema.json", of::<super::check::FixReport>("awsvpc check --fix --output json")),
        ("check-list.schema.json", of::<super::check::CheckList>("awsvpc check --list --output json")),
        ("run.schema.json", of::<super::run::RunReport>("awsvpc run --output json")),
        ("stop.schema.json", of::<super::stop::StopReport>("awsvpc stop --output json")),
        ("capacity.schema.json", of::<super::capacity::CapacityReport>("awsvpc capacity --output json")),
        ("diagnose-task.schema.json", of::<super::diagnose::TaskDiagnosis>("awsvpc diagnose TASK --output json")),
        (
            "diagnose-window.schema.json",
            of::<super::diagnose::WindowDiagnosis>("awsvpc diagnose --stopped-since DURATION --output json"),
        ),
        (
            "diagnose-service.schema.json",
            of::<super::service::ServiceDiagnosis>("awsvpc diagnose --service NAME --output json"),
        ),
        ("explain.schema.json", of::<super::explain::Explanation>("awsvpc explain ID --output json")),
        (
            "parts.schema.json",
            of::<super::parts::Parts<serde_json::Value>>(
                "an audit in parts (several regions or clusters): each report is the command's own document",
            ),
        ),
    ]
}

/// The schema of `T`'s document: its fields plus `schema_version`, required, this version.
fn of<T: JsonSchema>(title: &str) -> Schema {
    let mut schema = schemars::schema_for!(T);
    schema.insert("title".into(), title.into());
    if let Some(props) = schema.get_mut("properties").and_then(|p| p.as_object_mut()) {
        props.insert(
            "schema_version".into(),
            serde_json::json!({"type": "integer", "const": SCHEMA_VERSION, "description": "the version of this document's shape"}),
        );
    }
    if let Some(req) = schema.get_mut("required").and_then(|r| r.as_array_mut()) {
        req.insert(0, "schema_version".into());
    }
    schema
}

/// A schema as written: pretty JSON with a final newline.
pub fn text(schema: &Schema) -> String {
    let mut s = serde_json::to_string_pretty(schema).expect("schemas serialize");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_document_requires_its_schema_version() {
        for (name, schema) in all() {
            let v = schema.as_value();
            assert_eq!(v["required"][0], "schema_version", "{name}");
            assert_eq!(v["properties"]["schema_version"]["const"], SCHEMA_VERSION, "{name}");
            assert_eq!(v["type"], "object", "{name}");
        }
    }
}
