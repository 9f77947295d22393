//! Normalising a JSON document for the golden comparison: the values AWS makes up on every run
//! (ids, ARNs' account, task ids, UUIDs, times, addresses) become placeholders of their kind, so
//! what is left is what the product decides: fields, types, statuses, counts, messages.

use serde_json::Value;

/// Keys whose values are measured, not decided (times spent waiting, ages): kept as their type.
const MEASURED: &[&str] = &["elapsed_ms", "elapsed_seconds", "waited_seconds", "age_seconds", "duration_ms"];

const PREFIXES: &[&str] = &[
    "eni", "subnet", "vpc", "sg", "i", "vpce", "rtb", "acl", "igw", "nat", "tgw", "pl", "eigw", "eipalloc", "ami", "r",
];

pub fn normalise(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(text(s)),
        Value::Array(a) => Value::Array(a.iter().map(normalise).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| {
                    let v = match v {
                        Value::Number(_) if MEASURED.contains(&k.as_str()) => Value::String("<measured>".into()),
                        _ => normalise(v),
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric()
}

/// Placeholders for the made-up values inside one string.
pub fn text(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let boundary = i == 0 || !is_word(b[i - 1]);
        if boundary && let Some((len, what)) = made_up(&b[i..]) {
            out.push_str(&what);
            i += len;
            continue;
        }
        let ch = s[i..].chars().next().unwrap();
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

fn made_up(b: &[u8]) -> Option<(usize, String)> {
    let end_ok = |n: usize| n == b.len() || !is_word(b[n]);
    if let Some(n) = time(b) {
        return Some((n, "<time>".into()));
    }
    if shape(b, "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx") && end_ok(36) {
        return Some((36, "<uuid>".into()));
    }
    if shape(b, "xx:xx:xx:xx:xx:xx") && end_ok(17) {
        return Some((17, "<mac>".into()));
    }
    if let Some(n) = ipv4(b) {
        return Some((n, "<ipv4>".into()));
    }
    // EC2's private DNS names: ip-10-0-16-5.ec2.internal.
    if b.starts_with(b"ip-")
        && let Some(n) = dotted(&b[3..], b'-')
    {
        return Some((3 + n, "ip-<ipv4>".into()));
    }
    for p in PREFIXES {
        let n = p.len();
        if b.len() > n + 8 && b.starts_with(p.as_bytes()) && b[n] == b'-' {
            let hex = b[n + 1..].iter().take_while(|c| c.is_ascii_hexdigit()).count();
            if (8..=17).contains(&hex) && end_ok(n + 1 + hex) {
                return Some((n + 1 + hex, format!("{p}-<id>")));
            }
        }
    }
    let hex = b.iter().take_while(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c)).count();
    if hex == 32 && end_ok(32) {
        return Some((32, "<task-id>".into()));
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 12 && end_ok(12) {
        return Some((12, "<account>".into()));
    }
    // A target group's or load balancer's ARN suffix; a deployment's number (ecs-svc/...).
    if hex == 16 && digits < 16 && end_ok(16) {
        return Some((16, "<hex-id>".into()));
    }
    if digits >= 15 && end_ok(digits) {
        return Some((digits, "<number-id>".into()));
    }
    None
}

/// `x` is a lowercase hex digit, anything else itself.
fn shape(b: &[u8], pattern: &str) -> bool {
    b.len() >= pattern.len()
        && pattern.bytes().zip(b).all(|(p, c)| if p == b'x' { c.is_ascii_hexdigit() } else { p == *c })
}

/// 2026-12-05T22:13:15, an optional fraction, an optional zone (Z or +00:00).
fn time(b: &[u8]) -> Option<usize> {
    let d = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    let digits = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
    let ok = digits.iter().all(|&i| d(i))
        && at(4, b'-')
        && at(7, b'-')
        && (at(10, b'T') || at(10, b' '))
        && at(13, b':')
        && at(16, b':');
    if !ok {
        return None;
    }
    let mut n = 19;
    if at(n, b'.') {
        n += 1;
        while d(n) {
            n += 1;
        }
    }
    if at(n, b'Z') {
        n += 1;
    } else if (at(n, b'+') || at(n, b'-')) && d(n + 1) && d(n + 2) && at(n + 3, b':') {
        n += 6;
    }
    Some(n)
}

fn ipv4(b: &[u8]) -> Option<usize> {
    let n = dotted(b, b'.')?;
    (n == b.len() || !(b[n].is_ascii_alphanumeric() || b[n] == b'.')).then_some(n)
}

/// Four groups of 1 to 3 digits joined by `sep`, not followed by a letter or digit.
fn dotted(b: &[u8], sep: u8) -> Option<usize> {
    let mut n = 0;
    for part in 0..4 {
        let digits = b[n..].iter().take_while(|c| c.is_ascii_digit()).count();
        if !(1..=3).contains(&digits) {
            return None;
        }
        n += digits;
        if part < 3 {
            if b.get(n) != Some(&sep) {
                return None;
            }
            n += 1;
        }
    }
    (n == b.len() || !b[n].is_ascii_alphanumeric()).then_some(n)
}

/// Every difference between two documents, each with its JSON path: a field missing or added, a
/// type or a value changed, an array of another length.
pub fn differences(path: &str, want: &Value, got: &Value, out: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                match g.get(k) {
                    Some(gv) => differences(&format!("{path}.{k}"), wv, gv, out),
                    None => out.push(format!("{path}.{k}: missing (was {wv})")),
                }
            }
            for k in g.keys().filter(|k| !w.contains_key(*k)) {
                out.push(format!("{path}.{k}: added ({})", g[k]));
            }
        }
        (Value::Array(w), Value::Array(g)) => {
            if w.len() != g.len() {
                out.push(format!("{path}: {} items, was {}", g.len(), w.len()));
            }
            for (i, (wv, gv)) in w.iter().zip(g).enumerate() {
                differences(&format!("{path}[{i}]"), wv, gv, out);
            }
        }
        (w, g) if std::mem::discriminant(w) != std::mem::discriminant(g) => {
            out.push(format!("{path}: type changed: was {w}, now {g}"));
        }
        (w, g) if w != g => out.push(format!("{path}: was {w}, now {g}")),
        _ => {}
    }
}

#[test]
fn the_normaliser_replaces_what_aws_makes_up_and_nothing_else() {
    let s = "eni-0a1b2c3d4e5f60718 in subnet-12345678 of vpc-0f0f0f0f0f0f0f0f0 at 10.0.16.5 (02:00:00:bd:9f:03) \
             arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef0123456789abcdef since 2026-12-05T22:13:15.123Z, \
             attachment 801ccc96-b940-4af3-a8c3-7eb4466b4f74; ip-10-0-16-5.ec2.internal; agent 1.15.0; port 443; c5.large; \
             targetgroup/web-tg/ff6b2263bfd181d8 ecs-svc/62907307671859679 3,992 MiB";
    assert_eq!(
        text(s),
        "eni-<id> in subnet-<id> of vpc-<id> at <ipv4> (<mac>) \
         arn:aws:ecs:us-east-1:<account>:task/prod/<task-id> since <time>, \
         attachment <uuid>; ip-<ipv4>.ec2.internal; agent 1.15.0; port 443; c5.large; \
         targetgroup/web-tg/<hex-id> ecs-svc/<number-id> 3,992 MiB"
    );
    let mut out = Vec::new();
    let want = serde_json::json!({"a": 1, "b": [1, 2], "c": "x", "d": true});
    let got = serde_json::json!({"a": "1", "b": [1], "c": "y", "e": null});
    differences("$", &want, &got, &mut out);
    assert_eq!(
        out,
        [
            "$.a: type changed: was 1, now \"1\"",
            "$.b: 1 items, was 2",
            "$.c: was \"x\", now \"y\"",
            "$.d: missing (was true)",
            "$.e: added (null)"
        ]
    );
}
