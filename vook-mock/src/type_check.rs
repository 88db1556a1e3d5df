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
        TypeRef::Integer => as_integer(value).is_some(),
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
    // Only where floats are exact integers (|f| < 2^53): a larger float may be a
    // rounded literal past 64 bits (`-9223372036854775809` reads as -2^63).
    const EXACT: f64 = 9_007_199_254_740_992.0;
    let exact = f.abs() < EXACT && f.fract() == 0.0;
    #[allow(clippy::cast_possible_truncation)] // a whole number below 2^53: exact
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
        TypeRef::String | TypeRef::Number | TypeRef::Boolean | TypeRef::Datetime => {}
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

#[cfg(test)]
mod tests {
    use super::*;

    fn integer_of(literal: &str) -> Option<i64> {
        as_integer(&serde_json::from_str::<Value>(literal).expect("JSON"))
    }

    #[test]
    fn whole_floats_below_2_pow_53_are_integers_exactly() {
        assert_eq!(integer_of("3"), Some(3));
        assert_eq!(integer_of("-4544.0"), Some(-4544));
        // Needs serde_json's `float_roundtrip`: the default parser reads this
        // literal one ulp off, with a fraction (schemathesis found it).
        assert_eq!(
            integer_of("3801424038835086.0"),
            Some(3_801_424_038_835_086)
        );
        assert_eq!(integer_of("2.5"), None);
        assert_eq!(integer_of("9007199254740992.0"), None);
        assert_eq!(integer_of("-9223372036854775809"), None);
    }
}
