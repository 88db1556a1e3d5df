//! JSON values from spec types: deterministic examples, validation of request
//! bodies and query strings, and RFC 3339 timestamps.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value};
use vook_schema::model::{Api, Field, TypeDef, TypeKind, TypeRef};

/// How deep examples of nested and recursive types go.
const MAX_EXAMPLE_DEPTH: usize = 6;
/// How many values one example may contain; past it, lists, maps and structs stay empty.
const MAX_EXAMPLE_NODES: usize = 2000;
/// At most this many validation issues are reported for one request.
pub(crate) const MAX_ISSUES: usize = 100;
/// The timestamp used in synthesized examples (deterministic).
pub(crate) const EXAMPLE_DATETIME: &str = "2024-01-01T00:00:00Z";

/// One validation problem: which field, what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Issue {
    pub(crate) field: String,
    pub(crate) issue: String,
}

impl Issue {
    pub(crate) fn new(field: impl Into<String>, issue: impl Into<String>) -> Self {
        Issue {
            field: field.into(),
            issue: issue.into(),
        }
    }
}

/// The struct fields of `ty`, when it names a struct.
pub(crate) fn struct_fields<'a>(api: &'a Api, ty: &TypeRef) -> Option<(&'a TypeDef, &'a [Field])> {
    match ty {
        TypeRef::Named(n) => match api.type_def(n) {
            Some(
                def @ TypeDef {
                    kind: TypeKind::Struct(fields),
                    ..
                },
            ) => Some((def, fields.as_slice())),
            _ => None,
        },
        _ => None,
    }
}

/// A deterministic example value of `ty`: required fields only, one element per
/// list and map, the first value of enums, depth-bounded for recursive types.
pub(crate) fn example(api: &Api, ty: &TypeRef) -> Value {
    let mut budget = MAX_EXAMPLE_NODES;
    example_at(api, ty, 0, &mut budget)
}

fn example_at(api: &Api, ty: &TypeRef, depth: usize, budget: &mut usize) -> Value {
    *budget = budget.saturating_sub(1);
    let depth = if *budget == 0 {
        MAX_EXAMPLE_DEPTH
    } else {
        depth
    };
    match ty {
        TypeRef::String => Value::from("example"),
        TypeRef::Integer => Value::from(1),
        TypeRef::Number => Value::from(1.5),
        TypeRef::Boolean => Value::Bool(true),
        TypeRef::Datetime => Value::from(EXAMPLE_DATETIME),
        TypeRef::List(inner) => {
            if depth >= MAX_EXAMPLE_DEPTH {
                Value::Array(Vec::new())
            } else {
                Value::Array(vec![example_at(api, inner, depth + 1, budget)])
            }
        }
        TypeRef::Map(inner) => {
            let mut m = Map::new();
            if depth < MAX_EXAMPLE_DEPTH {
                m.insert("key".to_owned(), example_at(api, inner, depth + 1, budget));
            }
            Value::Object(m)
        }
        TypeRef::Named(n) => match api.type_def(n).map(|d| &d.kind) {
            Some(TypeKind::Enum(values)) => values
                .first()
                .map_or(Value::from(""), |v| Value::from(v.wire.as_str())),
            Some(TypeKind::Struct(fields)) => {
                let mut m = Map::new();
                if depth < MAX_EXAMPLE_DEPTH {
                    for f in fields.iter().filter(|f| !f.optional) {
                        m.insert(f.name.clone(), example_at(api, &f.ty, depth + 1, budget));
                    }
                }
                Value::Object(m)
            }
            None => Value::Null,
        },
    }
}

/// "a string", "an array of strings", ...: what a value of `ty` must be.
pub(crate) fn describe(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "a string".into(),
        TypeRef::Integer => "an integer".into(),
        TypeRef::Number => "a number".into(),
        TypeRef::Boolean => "a boolean".into(),
        TypeRef::Datetime => "an RFC 3339 date-time string".into(),
        TypeRef::List(inner) => format!("an array of {}", plural(api, inner)),
        TypeRef::Map(inner) => format!("an object of {}", plural(api, inner)),
        TypeRef::Named(n) => match api.type_def(n).map(|d| &d.kind) {
            Some(TypeKind::Enum(values)) => {
                let list: Vec<&str> = values.iter().map(|v| v.wire.as_str()).collect();
                format!("one of: {}", list.join(", "))
            }
            _ => "an object".into(),
        },
    }
}

fn plural(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "strings".into(),
        TypeRef::Integer => "integers".into(),
        TypeRef::Number => "numbers".into(),
        TypeRef::Boolean => "booleans".into(),
        TypeRef::Datetime => "RFC 3339 date-time strings".into(),
        TypeRef::List(inner) => format!("arrays of {}", plural(api, inner)),
        TypeRef::Map(inner) => format!("objects of {}", plural(api, inner)),
        TypeRef::Named(n) => match api.type_def(n).map(|d| &d.kind) {
            Some(TypeKind::Enum(_)) => format!("{n} values"),
            _ => "objects".into(),
        },
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// Checks a request body against `ty`; every problem goes to `out` (up to [`MAX_ISSUES`]).
/// A body that is not an object where a struct is expected is reported on the field `body`.
pub(crate) fn validate_body(api: &Api, ty: &TypeRef, value: &Value, out: &mut Vec<Issue>) {
    if struct_fields(api, ty).is_some() && !value.is_object() {
        out.push(Issue::new("body", "must be a JSON object"));
        return;
    }
    validate(api, ty, value, "", out);
}

fn push(out: &mut Vec<Issue>, field: &str, issue: String) {
    if out.len() < MAX_ISSUES {
        let field = if field.is_empty() { "body" } else { field };
        out.push(Issue::new(field, issue));
    }
}

fn validate(api: &Api, ty: &TypeRef, value: &Value, path: &str, out: &mut Vec<Issue>) {
    if out.len() >= MAX_ISSUES {
        return;
    }
    let ok = match ty {
        TypeRef::String => value.is_string(),
        TypeRef::Integer => value.is_i64(),
        TypeRef::Number => value.is_number(),
        TypeRef::Boolean => value.is_boolean(),
        TypeRef::Datetime => value.as_str().is_some_and(is_rfc3339),
        TypeRef::List(inner) => match value.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    validate(api, inner, item, &format!("{path}[{i}]"), out);
                }
                true
            }
            None => false,
        },
        TypeRef::Map(inner) => match value.as_object() {
            Some(m) => {
                for (k, v) in m {
                    validate(api, inner, v, &join(path, k), out);
                }
                true
            }
            None => false,
        },
        TypeRef::Named(n) => match api.type_def(n).map(|d| &d.kind) {
            Some(TypeKind::Enum(values)) => value
                .as_str()
                .is_some_and(|s| values.iter().any(|v| v.wire == s)),
            Some(TypeKind::Struct(fields)) => match value.as_object() {
                Some(obj) => {
                    validate_struct(api, fields, obj, path, out);
                    true
                }
                None => false,
            },
            None => true,
        },
    };
    if !ok {
        let what = describe(api, ty);
        let issue = if value.is_null() {
            format!("must be {what}, not null")
        } else {
            format!("must be {what}")
        };
        push(out, path, issue);
    }
}

fn validate_struct(
    api: &Api,
    fields: &[Field],
    obj: &Map<String, Value>,
    path: &str,
    out: &mut Vec<Issue>,
) {
    for f in fields {
        let at = join(path, &f.name);
        match obj.get(&f.name) {
            None => {
                if !f.optional {
                    push(out, &at, "required field is missing".into());
                }
            }
            Some(Value::Null) if f.optional => {}
            Some(v) => validate(api, &f.ty, v, &at, out),
        }
    }
    for key in obj.keys() {
        if !fields.iter().any(|f| &f.name == key) {
            push(out, &join(path, key), "unknown field".into());
        }
    }
}

/// Checks one query-string value against a scalar or enum type.
pub(crate) fn query_value_ok(api: &Api, ty: &TypeRef, value: &str) -> bool {
    match ty {
        TypeRef::String | TypeRef::List(_) | TypeRef::Map(_) => true,
        TypeRef::Integer => value.parse::<i64>().is_ok(),
        TypeRef::Number => value.parse::<f64>().is_ok_and(f64::is_finite),
        TypeRef::Boolean => matches!(value, "true" | "false"),
        TypeRef::Datetime => is_rfc3339(value),
        TypeRef::Named(n) => match api.type_def(n).map(|d| &d.kind) {
            Some(TypeKind::Enum(values)) => values.iter().any(|v| v.wire == value),
            _ => true,
        },
    }
}

fn digits(s: &[u8], n: usize) -> Option<u32> {
    if s.len() < n || !s[..n].iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        s[..n]
            .iter()
            .fold(0, |acc, d| acc * 10 + u32::from(d - b'0')),
    )
}

/// True for an RFC 3339 date-time such as `2024-05-01T12:00:00Z` or `2024-05-01T12:00:00.5+02:00`.
pub(crate) fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 20 {
        return false;
    }
    let (Some(_y), Some(mo), Some(d), Some(h), Some(mi), Some(sec)) = (
        digits(b, 4),
        digits(&b[5..], 2),
        digits(&b[8..], 2),
        digits(&b[11..], 2),
        digits(&b[14..], 2),
        digits(&b[17..], 2),
    ) else {
        return false;
    };
    if b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return false;
    }
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return false;
    }
    let mut rest = &b[19..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', off @ ..] => {
            off.len() == 5
                && off[2] == b':'
                && digits(off, 2).is_some_and(|h| h < 24)
                && digits(&off[3..], 2).is_some_and(|m| m < 60)
        }
        _ => false,
    }
}

/// Seconds since the Unix epoch (0 before it).
pub(crate) fn unix_secs(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// `t` as an RFC 3339 UTC timestamp with second precision, e.g. `2024-11-01T12:00:00Z`.
pub(crate) fn rfc3339(t: SystemTime) -> String {
    let secs = unix_secs(t);
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn formats_rfc3339() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        assert_eq!(
            rfc3339(UNIX_EPOCH + Duration::from_secs(1_730_462_400)),
            "2024-11-01T12:00:00Z"
        );
        assert_eq!(
            rfc3339(UNIX_EPOCH + Duration::from_secs(951_782_400)),
            "2000-02-29T00:00:00Z"
        );
        assert!(is_rfc3339(&rfc3339(SystemTime::now())));
    }

    fn count(v: &Value) -> usize {
        1 + match v {
            Value::Array(a) => a.iter().map(count).sum(),
            Value::Object(o) => o.values().map(count).sum(),
            _ => 0,
        }
    }

    #[test]
    fn examples_of_wide_deep_types_are_bounded() {
        let mut spec = String::from(
            "vook: 1\napi: { name: wide, base_url: 'https://x.example' }\nerrors: {}\nendpoints: {}\ntypes:\n",
        );
        for level in 0..8 {
            spec.push_str(&format!("  T{level}:\n    fields:\n"));
            for f in 0..10 {
                let ty = if level == 7 {
                    "string".to_owned()
                } else {
                    format!("T{}", level + 1)
                };
                spec.push_str(&format!("      f{f}: {ty}\n"));
            }
        }
        let api = vook_schema::load_str("wide.yaml", &spec).expect("valid spec");
        let v = example(&api, &TypeRef::Named("T0".into()));
        assert!(v["f0"]["f0"].is_object());
        assert!(count(&v) <= MAX_EXAMPLE_NODES + 100, "{}", count(&v));
        assert_eq!(
            v,
            example(&api, &TypeRef::Named("T0".into())),
            "deterministic"
        );
    }

    #[test]
    fn checks_rfc3339() {
        for ok in [
            "2024-05-01T12:00:00Z",
            "2024-05-01t12:00:00.123+02:00",
            "2024-05-01 12:00:60-00:30",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "",
            "2024-05-01",
            "2024-13-01T12:00:00Z",
            "2024-05-01T12:00:00",
            "2024-05-01T12:00:00.Z",
            "2024-05-01T12:00:00+0200",
            "yesterday at noon!!",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }
}
