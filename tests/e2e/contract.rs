//! The JSON contract held by committed documents: `schemas/contract/v1/` keeps the schemas as
//! they were published at schema_version 1. While a command's document still says version 1, no
//! field of it may be removed, renamed, made optional or change type (new optional fields and new
//! enum values are fine); raising `schema_version` is how a breaking change is made.

use std::path::Path;

use serde_json::{Value, json};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A node with its `$ref` followed (within its own schema's `$defs`).
fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/$defs/")) {
        Some(name) => resolve(root, &root["$defs"][name]),
        None => node,
    }
}

fn types(node: &Value) -> Vec<String> {
    let mut t: Vec<String> = match &node["type"] {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
        _ => vec![],
    };
    t.sort();
    t
}

/// Where `new` breaks what `old` promised, as "path: what" lines.
fn breaks(old_root: &Value, old: &Value, new_root: &Value, new: &Value, path: &str, out: &mut Vec<String>) {
    let (old, new) = (resolve(old_root, old), resolve(new_root, new));
    if let Some(branches) = old.get("anyOf").and_then(Value::as_array) {
        let candidates: Vec<&Value> =
            new.get("anyOf").and_then(Value::as_array).map(|a| a.iter().collect()).unwrap_or(vec![new]);
        for (k, b) in branches.iter().enumerate() {
            let fits = candidates.iter().any(|c| {
                let mut e = Vec::new();
                breaks(old_root, b, new_root, c, path, &mut e);
                e.is_empty()
            });
            if !fits {
                out.push(format!("{path}: alternative {k} ({}) is gone", b));
            }
        }
        return;
    }
    let (ot, nt) = (types(old), types(new));
    if !ot.is_empty() && ot != nt {
        out.push(format!("{path}: type {ot:?} became {nt:?}"));
        return;
    }
    if let Some(props) = old.get("properties").and_then(Value::as_object) {
        let required = |n: &Value, k: &str| n["required"].as_array().is_some_and(|r| r.iter().any(|x| x == k));
        for (k, v) in props {
            let p = format!("{path}.{k}");
            match new.get("properties").and_then(|n| n.get(k)) {
                None => out.push(format!("{p}: removed or renamed")),
                Some(nv) => {
                    if required(old, k) && !required(new, k) {
                        out.push(format!("{p}: no longer always present"));
                    }
                    breaks(old_root, v, new_root, nv, &p, out);
                }
            }
        }
    }
    if let (Some(oi), Some(ni)) = (old.get("items"), new.get("items")) {
        breaks(old_root, oi, new_root, ni, &format!("{path}[]"), out);
    }
    if let (Some(oa), Some(na)) = (old.get("additionalProperties"), new.get("additionalProperties"))
        && oa.is_object()
        && na.is_object()
    {
        breaks(old_root, oa, new_root, na, &format!("{path}{{}}"), out);
    }
}

fn compare(old: &Value, new: &Value) -> Vec<String> {
    let mut out = Vec::new();
    breaks(old, old, new, new, "$", &mut out);
    out
}

#[test]
fn the_published_json_shapes_hold_until_schema_version_is_raised() {
    let dir = repo().join("schemas/contract/v1");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("schemas/contract/v1") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let old: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let current = repo().join("schemas").join(&name);
        let text = std::fs::read_to_string(&current)
            .unwrap_or_else(|_| panic!("{name}: published at version 1 and no longer generated"));
        let new: Value = serde_json::from_str(&text).unwrap();
        let version = new["properties"]["schema_version"]["const"].as_i64().unwrap_or(1);
        if version > 1 {
            continue;
        }
        let found = compare(&old, &new);
        assert!(
            found.is_empty(),
            "{name}: breaking changes at schema_version 1 (raise it, or keep the fields):\n{}",
            found.join("\n")
        );
        checked += 1;
    }
    assert!(checked >= 10, "every command's schema is held ({checked})");
}

/// The comparison finds what it must: a removed, renamed, retyped or optional-made field.
#[test]
fn the_contract_check_sees_each_kind_of_break() {
    let old = json!({
        "type": "object",
        "properties": {"a": {"type": "string"}, "b": {"$ref": "#/$defs/B"}, "c": {"type": "array", "items": {"type": "integer"}}},
        "required": ["a", "b"],
        "$defs": {"B": {"type": "object", "properties": {"x": {"type": "integer"}}, "required": ["x"]}}
    });
    assert!(compare(&old, &old).is_empty());
    let mut added = old.clone();
    added["properties"]["d"] = json!({"type": "string"});
    assert!(compare(&old, &added).is_empty(), "a new optional field is fine");
    let mut removed = old.clone();
    removed["properties"].as_object_mut().unwrap().remove("a");
    assert!(compare(&old, &removed)[0].contains("$.a: removed"));
    let mut retyped = old.clone();
    retyped["$defs"]["B"]["properties"]["x"] = json!({"type": "string"});
    assert!(compare(&old, &retyped)[0].contains("$.b.x: type"));
    let mut optional = old.clone();
    optional["required"] = json!(["b"]);
    assert!(compare(&old, &optional)[0].contains("$.a: no longer always present"));
    let mut items = old.clone();
    items["properties"]["c"]["items"] = json!({"type": "string"});
    assert!(compare(&old, &items)[0].contains("$.c[]: type"));
}
