//! Checks of request values against spec types: JSON bodies (every problem,
//! with its path; keys are wire names, as sent) and query-string values.

use serde_json::{Map, Value};
use vook_schema::model::{Api, Field, TypeKind, TypeRef};

use crate::clock::is_rfc3339;
use crate::spec_types::struct_fields;

/// At most this many validation issues are reported for one request.
pub(crate) const MAX_ISSUES: usize = 100;

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

/// "a string", "an array of strings", ...: what a value of `ty` must be.
pub(crate) fn describe(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "a string".into(),
        TypeRef::Integer => "an integer".into(),
        TypeRef::Number => "a number".into(),
        TypeRef::Boolean => "a boolean".into(),
        TypeRef::Datetime => "an RFC 3339 date-time string".into(),
        TypeRef::Json => "any JSON value".into(),
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
        TypeRef::Json => "JSON values".into(),
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
        TypeRef::Integer => as_integer(value).is_some(),
        TypeRef::Number => value.is_number(),
        TypeRef::Boolean => value.is_boolean(),
        TypeRef::Datetime => value.as_str().is_some_and(is_rfc3339),
        // Any value, `null` included: its contents are not checked.
        TypeRef::Json => true,
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
        let at = join(path, &f.wire);
        match obj.get(&f.wire) {
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
        if !fields.iter().any(|f| &f.wire == key) {
            push(out, &join(path, key), "unknown field".into());
        }
    }
}

/// `value` as a 64-bit signed integer: a JSON integer, or a number with no fraction
/// (`3.0`: JSON Schema, and so the OpenAPI export, counts it as an integer).
fn as_integer(value: &Value) -> Option<i64> {
    if let Some(n) = value.as_i64() {
        return Some(n);
    }
    let f = value.as_f64()?;
    // Every whole float strictly inside (-2^63, 2^63) is an i64 exactly. The bounds
    // are strict because an integer literal past 64 bits is read as a float that
    // rounds onto them (`-9223372036854775809` reads as -2^63, `2^63` as 2^63): out
    // of range, not an integer of the export's `format: int64`.
    const BOUND: f64 = 9_223_372_036_854_775_808.0;
    let exact = f.abs() < BOUND && f.fract() == 0.0;
    #[allow(clippy::cast_possible_truncation)] // a whole number inside the i64 range: exact
    exact.then_some(f as i64)
}

/// Rewrites the numbers with no fraction that `ty` reads as integers (`3.0`) as
/// integers (`3`), so what the mock stores and answers decodes as an integer.
/// `value` has passed [`validate_body`] (its keys are wire names).
pub(crate) fn normalize_integers(api: &Api, ty: &TypeRef, value: &mut Value) {
    match ty {
        TypeRef::Integer => {
            if let Some(n) = as_integer(value).filter(|_| !value.is_i64()) {
                *value = Value::from(n);
            }
        }
        TypeRef::List(inner) => {
            if let Some(items) = value.as_array_mut() {
                items
                    .iter_mut()
                    .for_each(|v| normalize_integers(api, inner, v));
            }
        }
        TypeRef::Map(inner) => {
            if let Some(m) = value.as_object_mut() {
                m.values_mut()
                    .for_each(|v| normalize_integers(api, inner, v));
            }
        }
        TypeRef::Named(n) => {
            if let (Some(TypeKind::Struct(fields)), Some(obj)) =
                (api.type_def(n).map(|d| &d.kind), value.as_object_mut())
            {
                for f in fields {
                    if let Some(v) = obj.get_mut(&f.wire) {
                        normalize_integers(api, &f.ty, v);
                    }
                }
            }
        }
        // A `json` value is stored as sent: `3.0` stays `3.0`.
        TypeRef::String
        | TypeRef::Number
        | TypeRef::Boolean
        | TypeRef::Datetime
        | TypeRef::Json => {}
    }
}

/// Checks one query-string value against a scalar or enum type.
pub(crate) fn query_value_ok(api: &Api, ty: &TypeRef, value: &str) -> bool {
    match ty {
        TypeRef::String | TypeRef::Json | TypeRef::List(_) | TypeRef::Map(_) => true,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn integer_of(literal: &str) -> Option<i64> {
        as_integer(&serde_json::from_str::<Value>(literal).expect("JSON"))
    }

    #[test]
    fn whole_floats_inside_the_i64_range_are_integers() {
        assert_eq!(integer_of("3"), Some(3));
        assert_eq!(integer_of("-4544.0"), Some(-4544));
        // Needs serde_json's `float_roundtrip`: the default parser reads this
        // literal one ulp off, with a fraction (schemathesis found it).
        assert_eq!(
            integer_of("3801424038835086.0"),
            Some(3_801_424_038_835_086)
        );
        assert_eq!(integer_of("2.5"), None);
        // 2^53 written as a float is a whole number: schemathesis sends it.
        assert_eq!(
            integer_of("9007199254740992.0"),
            Some(9_007_199_254_740_992)
        );
        assert_eq!(
            integer_of("-4611686018427387904.0"),
            Some(-4_611_686_018_427_387_904)
        );
        // Past 64 bits, whichever way it is written: out of range.
        assert_eq!(integer_of("-9223372036854775809"), None);
        assert_eq!(integer_of("-9223372036854775808.0"), None);
        assert_eq!(integer_of("9223372036854775808"), None);
        assert_eq!(integer_of("18446744073709551615"), None);
        assert_eq!(integer_of("1e300"), None);
    }

    fn issues(api: &Api, ty: &str, body: Value) -> Vec<Issue> {
        let ty = parse(ty);
        let mut out = Vec::new();
        validate_body(api, &ty, &body, &mut out);
        out
    }

    fn parse(ty: &str) -> TypeRef {
        vook_schema::types::parse_type(ty).expect("a type expression")
    }

    #[test]
    fn json_accepts_any_value_and_the_shape_around_it_is_checked() {
        let spec = "vook: 1\napi: { name: j, base_url: 'https://x.example' }\nendpoints: {}\ntypes:\n  Doc:\n    fields:\n      data: json\n      meta: json?\n      list: \"[json]\"\n";
        let api = vook_schema::load_str("j.yaml", spec).expect("valid spec");
        let any = [
            serde_json::json!(null),
            serde_json::json!(true),
            serde_json::json!(-1),
            serde_json::json!(2.5),
            serde_json::json!("s"),
            serde_json::json!([1, [null, {}]]),
            serde_json::json!({"a": {"b": [1, "x"]}}),
        ];
        for v in &any {
            assert_eq!(issues(&api, "json", v.clone()), [], "{v}");
            let doc = serde_json::json!({"data": v, "meta": v, "list": [v, v]});
            assert_eq!(issues(&api, "Doc", doc), [], "{v}");
        }
        // `json?` may be null or absent; `json` may be null but not absent.
        assert_eq!(
            issues(&api, "Doc", serde_json::json!({"data": 1, "list": []})),
            []
        );
        assert_eq!(
            issues(&api, "Doc", serde_json::json!({"meta": null, "list": []})),
            [Issue::new("data", "required field is missing")]
        );
        // The list and map around json values are still checked.
        assert_eq!(
            issues(&api, "[json]", serde_json::json!({"a": 1})),
            [Issue::new("body", "must be an array of JSON values")]
        );
        assert_eq!(
            issues(&api, "map<json>", serde_json::json!([1])),
            [Issue::new("body", "must be an object of JSON values")]
        );
        assert_eq!(
            issues(
                &api,
                "Doc",
                serde_json::json!({"data": 1, "list": 5, "extra": 0})
            ),
            [
                Issue::new("list", "must be an array of JSON values"),
                Issue::new("extra", "unknown field")
            ]
        );
        // A json value is stored as sent: `3.0` stays a float.
        let mut v = serde_json::json!({"data": 3.0, "list": [3.0]});
        normalize_integers(&api, &parse("Doc"), &mut v);
        assert_eq!(v, serde_json::json!({"data": 3.0, "list": [3.0]}));
        assert!(v["data"].is_f64());
        assert!(query_value_ok(&api, &TypeRef::Json, "anything"));
        assert_eq!(
            crate::example::example(&api, &TypeRef::Json),
            serde_json::json!({})
        );
    }
}
