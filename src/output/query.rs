//! `--query`: a JMESPath expression on a command's JSON document, as the AWS CLI applies it, and
//! the result in the AWS CLI's `text` form (awscli/formatter.py and text.py: scalars of a
//! record tab-separated on one line in key order, nested lists and records on the lines after,
//! lists of records share their scalar keys, null as `None`).

use serde_json::Value;

/// The expression as the AWS CLI reads it: its JMESPath engine (jmespath.py) takes a backtick
/// literal that is not valid JSON as a string (``tasks[?launch_type==`FARGATE`]``, the AWS CLI
/// User Guide's everyday filters), so such a literal becomes the raw string literal it means.
fn aws_cli_literals(expression: &str) -> String {
    let mut out = String::new();
    let mut rest = expression;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        // The literal ends at the next backtick that is not escaped.
        let mut end = None;
        let mut escaped = false;
        for (i, c) in after.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '`' if !escaped => {
                    end = Some(i);
                    break;
                }
                _ => escaped = false,
            }
        }
        let Some(end) = end else {
            out.push_str(&rest[start..]);
            return out;
        };
        let literal = &after[..end];
        let unescaped = literal.replace("\\`", "`");
        if serde_json::from_str::<Value>(unescaped.trim()).is_ok() {
            out.push('`');
            out.push_str(literal);
            out.push('`');
        } else {
            out.push('\'');
            out.push_str(&unescaped.replace('\'', "\\'"));
            out.push('\'');
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Compiles the expression; a message naming the problem when it is not JMESPath.
pub fn check(expression: &str) -> Result<(), String> {
    jmespath::compile(&aws_cli_literals(expression)).map(|_| ()).map_err(|e| e.to_string().replace('\n', " "))
}

/// The expression applied to a document.
pub fn apply(expression: &str, document: &Value) -> Result<Value, String> {
    let expr = jmespath::compile(&aws_cli_literals(expression)).map_err(|e| e.to_string())?;
    let result = expr.search(document).map_err(|e| e.to_string().replace('\n', " "))?;
    serde_json::to_value(&*result).map_err(|e| e.to_string())
}

/// A result as the AWS CLI's `--output text` prints it.
pub fn text(v: &Value) -> String {
    let mut out = String::new();
    format(v, &mut out, None, None);
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "None".to_string(),
        Value::Bool(true) => "True".to_string(),
        Value::Bool(false) => "False".to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

fn format(v: &Value, out: &mut String, identifier: Option<&str>, scalar_keys: Option<&[String]>) {
    match v {
        Value::Object(map) => {
            let (mut scalars, nested): (Vec<String>, Vec<(&String, &Value)>) = match scalar_keys {
                None => {
                    let mut keys: Vec<&String> = map.keys().collect();
                    keys.sort();
                    let scalars = keys.iter().filter(|k| is_scalar(&map[**k])).map(|k| scalar(&map[*k])).collect();
                    (scalars, keys.into_iter().filter(|k| !is_scalar(&map[*k])).map(|k| (k, &map[k])).collect())
                }
                Some(keys) => {
                    let scalars =
                        keys.iter().map(|k| map.get(k).map(scalar).unwrap_or_default()).collect::<Vec<String>>();
                    let mut rest: Vec<&String> = map.keys().filter(|k| !keys.contains(k)).collect();
                    rest.sort();
                    (scalars, rest.into_iter().map(|k| (k, &map[k])).collect())
                }
            };
            if !scalars.is_empty() {
                if let Some(id) = identifier {
                    scalars.insert(0, id.to_uppercase());
                }
                out.push_str(&scalars.join("\t"));
                out.push('\n');
            }
            for (key, value) in nested {
                format(value, out, Some(key), None);
            }
        }
        Value::Array(items) => list(items, out, identifier),
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn list(items: &[Value], out: &mut String, identifier: Option<&str>) {
    if items.is_empty() {
        return;
    }
    if items.iter().any(Value::is_object) {
        let mut keys: Vec<String> = items
            .iter()
            .filter_map(Value::as_object)
            .flat_map(|m| m.iter().filter(|(_, v)| is_scalar(v)).map(|(k, _)| k.clone()))
            .collect();
        keys.sort();
        keys.dedup();
        for item in items {
            format(item, out, identifier, Some(&keys));
        }
    } else if items.iter().any(Value::is_array) {
        let scalars: Vec<&Value> = items.iter().filter(|v| is_scalar(v)).collect();
        if !scalars.is_empty() {
            scalar_list(&scalars, out, identifier);
        }
        for item in items.iter().filter(|v| !is_scalar(v)) {
            format(item, out, identifier, None);
        }
    } else {
        scalar_list(&items.iter().collect::<Vec<_>>(), out, identifier);
    }
}

fn scalar_list(items: &[&Value], out: &mut String, identifier: Option<&str>) {
    match identifier {
        Some(id) => {
            for item in items {
                out.push_str(&format!("{}\t{}\n", id.to_uppercase(), scalar(item)));
            }
        }
        None => {
            out.push_str(&items.iter().map(|v| scalar(v)).collect::<Vec<_>>().join("\t"));
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The AWS CLI's engine reads a backtick literal that is not JSON as a string.
    #[test]
    fn backtick_literals_as_the_aws_cli_reads_them() {
        let doc = serde_json::json!({"tasks": [{"launch_type": "FARGATE", "n": 1}, {"launch_type": "EC2", "n": 2}],
                                     "Tags": [{"Key": "Name", "Value": "web"}]});
        assert_eq!(apply("tasks[?launch_type==`FARGATE`].n", &doc).unwrap(), serde_json::json!([1]));
        assert_eq!(apply("tasks[?n==`2`].launch_type", &doc).unwrap(), serde_json::json!(["EC2"]), "JSON stays JSON");
        assert_eq!(apply("Tags[?Key==`Name`].Value | [0]", &doc).unwrap(), serde_json::json!("web"));
        assert!(check("tasks[?launch_type==`FARGATE`]").is_ok());
        assert_eq!(aws_cli_literals("a[?b==`it's`]"), "a[?b=='it\\'s']");
    }
    use serde_json::json;

    #[test]
    fn queries_select_and_project() {
        let doc = json!({"tasks": [{"task_id": "a", "enis": [{"eni_id": "eni-1"}]}, {"task_id": "b", "enis": []}]});
        assert_eq!(apply("tasks[].task_id", &doc).unwrap(), json!(["a", "b"]));
        assert_eq!(apply("tasks[].enis[].eni_id", &doc).unwrap(), json!(["eni-1"]));
        assert_eq!(apply("tasks[?task_id=='z']", &doc).unwrap(), json!([]));
        assert_eq!(apply("nothing", &doc).unwrap(), Value::Null);
        assert!(check("tasks[").is_err());
        assert!(check("tasks[?status=='fail'].resource").is_ok());
    }

    /// The AWS CLI's text form, as its documentation and formatter show it.
    #[test]
    fn text_flattens_as_the_aws_cli_does() {
        assert_eq!(text(&json!(["a", "b", "c"])), "a\tb\tc\n");
        assert_eq!(text(&json!([["a", 1], ["b", 2]])), "a\t1\nb\t2\n");
        assert_eq!(text(&json!("x")), "x\n");
        assert_eq!(text(&Value::Null), "None\n");
        assert_eq!(text(&json!([])), "");
        assert_eq!(text(&json!({"b": 2, "a": "x", "c": true})), "x\t2\tTrue\n");
        // A list of records: the scalar keys of all records, sorted, a line each; nested
        // values follow under their key, upper-cased.
        let v = json!([{"id": "i-1", "state": "running", "tags": ["a", "b"]}, {"id": "i-2"}]);
        assert_eq!(text(&v), "i-1\trunning\nTAGS\ta\nTAGS\tb\ni-2\t\n");
        let v = json!({"name": "x", "items": [{"k": 1}, {"k": 2}]});
        assert_eq!(text(&v), "x\nITEMS\t1\nITEMS\t2\n");
    }
}
