//! Bodies in the spec's shapes: success data in the data envelope, error
//! objects (`code`, `message`, `request_id`, `details`) in the error envelope,
//! and which spec code answers a status.

use serde_json::{Map, Value, json};
use vook_schema::model::{Api, Endpoint, ErrorCode};

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

/// An error object in the spec's error envelope (or bare).
pub(crate) fn error_json(
    api: &Api,
    code: &str,
    message: &str,
    request_id: Option<&str>,
    details: Option<&[Issue]>,
) -> Value {
    let mut e = Map::new();
    e.insert("code".into(), code.into());
    e.insert("message".into(), message.into());
    if let Some(id) = request_id {
        e.insert("request_id".into(), id.into());
    }
    if let Some(d) = details {
        let list = d
            .iter()
            .map(|i| json!({"field": i.field, "issue": i.issue}))
            .collect();
        e.insert("details".into(), Value::Array(list));
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
