//! Bodies in the spec's shapes: success data in the data envelope, error
//! objects (code, message, request id, details at the `api.error_fields` paths) in
//! the error envelope, and which spec code answers a status.

use serde_json::{Map, Value};
use vook_schema::model::{Api, Endpoint, ErrorCode, ErrorWire};

use crate::type_check::Issue;

/// The message a code is answered with: its `message`, else its `summary`.
pub(crate) fn spec_message(c: &ErrorCode) -> &str {
    c.message.as_deref().unwrap_or(&c.summary)
}

/// The first code of `status` the endpoint lists, else the first in the spec.
pub(crate) fn code_for_status<'a>(
    api: &'a Api,
    ep: Option<&Endpoint>,
    status: u16,
) -> Option<&'a ErrorCode> {
    ep.and_then(|e| {
        e.errors
            .iter()
            .filter_map(|c| api.error(c))
            .find(|c| c.status == status)
    })
    .or_else(|| api.errors.iter().find(|c| c.status == status))
}

/// The first `details: true` code the endpoint lists: the one validation errors use.
pub(crate) fn details_code<'a>(api: &'a Api, ep: &Endpoint) -> Option<&'a ErrorCode> {
    ep.errors
        .iter()
        .filter_map(|c| api.error(c))
        .find(|c| c.details)
}

/// `data` in the spec's data envelope (or bare).
pub(crate) fn envelope_data(api: &Api, data: Value) -> Value {
    match &api.envelope_data {
        Some(key) => {
            let mut m = Map::new();
            m.insert(key.clone(), data);
            Value::Object(m)
        }
        None => data,
    }
}

/// An error object in the spec's error envelope (or bare), each field at its
/// `api.error_fields` path: the code as its `wire` value (a JSON number for an integer
/// wire), no code at all for a status-keyed API, details in the configured shape.
pub(crate) fn error_json(
    api: &Api,
    code: &str,
    message: &str,
    request_id: Option<&str>,
    details: Option<&[Issue]>,
) -> Value {
    let fields = &api.error_fields;
    let mut e = Map::new();
    if let Some(path) = &fields.code {
        let wire = match api.error(code).and_then(|c| c.wire.as_ref()) {
            Some(ErrorWire::Int(n)) => Value::from(*n),
            Some(ErrorWire::Str(s)) => Value::from(s.as_str()),
            None => Value::from(code),
        };
        insert_at(&mut e, path, wire);
    }
    if let Some(path) = &fields.message {
        insert_at(&mut e, path, message.into());
    }
    if let (Some(path), Some(id)) = (&fields.request_id, request_id) {
        insert_at(&mut e, path, id.into());
    }
    if let (Some(shape), Some(d)) = (&fields.details, details) {
        let list = d
            .iter()
            .map(|i| {
                let mut entry = Map::new();
                entry.insert(shape.field.clone(), i.field.clone().into());
                entry.insert(shape.issue.clone(), i.issue.clone().into());
                Value::Object(entry)
            })
            .collect();
        insert_at(&mut e, &shape.at, Value::Array(list));
    }
    match &api.envelope_error {
        Some(key) => {
            let mut m = Map::new();
            m.insert(key.clone(), Value::Object(e));
            Value::Object(m)
        }
        None => Value::Object(e),
    }
}

/// Put `value` at the dotted `path` of `object`, making the objects on the way. (The
/// validator keeps the paths apart, so none of them holds another field already.)
fn insert_at(object: &mut Map<String, Value>, path: &[String], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut here = object;
    for key in parents {
        let slot = here
            .entry(key.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        if !slot.is_object() {
            *slot = Value::Object(Map::new());
        }
        let Value::Object(next) = slot else {
            return;
        };
        here = next;
    }
    here.insert(last.clone(), value);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn api(yaml: &str) -> Api {
        vook_schema::load_str("t.yaml", yaml).expect("valid spec")
    }

    const ERRORS: &str = "errors:\n  card_declined: { status: 402, wire: card-declined, summary: s }\n  not_found: { status: 404, wire: 20404, summary: s }\n";

    #[test]
    fn errors_in_the_configured_shape() {
        let a = api(&format!(
            "vook: 1\napi:\n  name: t\n  base_url: http://127.0.0.1\n  envelope: {{ error: null }}\n  error_fields: {{ code: error.kind.code, message: error.text, request_id: meta.id, details: {{ at: error.problems, field: path, issue: why }} }}\n{ERRORS}"
        ));
        let issues = [Issue::new("name", "missing")];
        let body = error_json(&a, "card_declined", "No.", Some("req_1"), Some(&issues));
        assert_eq!(
            body,
            json!({"error": {"kind": {"code": "card-declined"}, "text": "No.", "problems": [{"path": "name", "why": "missing"}]}, "meta": {"id": "req_1"}})
        );
        let body = error_json(&a, "not_found", "Gone.", None, None);
        assert_eq!(
            body,
            json!({"error": {"kind": {"code": 20404}, "text": "Gone."}})
        );
    }

    #[test]
    fn status_keyed_errors_carry_no_code() {
        let a = api(&format!(
            "vook: 1\napi:\n  name: t\n  base_url: http://127.0.0.1\n  envelope: {{ error: null }}\n  error_fields: {{ code: null, request_id: null, details: {{ at: errors, issue: code }} }}\n{ERRORS}"
        ));
        let issues = [Issue::new("title", "missing_field")];
        let body = error_json(&a, "not_found", "Not Found", Some("req_1"), Some(&issues));
        assert_eq!(
            body,
            json!({"message": "Not Found", "errors": [{"field": "title", "code": "missing_field"}]})
        );
    }
}
