//! Request validation: declared query parameters, and the body of endpoints
//! that take one (present, in the endpoint's encoding, JSON or a form, of the
//! body type).

use serde_json::Value;
use vook_schema::model::{Api, BodyEncoding, Endpoint, TypeRef};

use crate::form_body;
use crate::reply::{Replies, Reply};
use crate::type_check::{self, Issue};
use crate::wire_names;

/// Checks the declared query parameters: required ones present, values of their type.
pub(crate) fn check_query(api: &Api, ep: &Endpoint, query: &[(String, String)]) -> Vec<Issue> {
    let mut issues = Vec::new();
    for f in &ep.query {
        let mut values = query.iter().filter(|(k, _)| *k == f.wire).map(|(_, v)| v);
        let Some(first) = values.next() else {
            if !f.optional {
                issues.push(Issue::new(
                    f.wire.as_str(),
                    "required query parameter is missing",
                ));
            }
            continue;
        };
        // A list is the parameter repeated: every occurrence is an item; otherwise the
        // first occurrence counts.
        let ok = match &f.ty {
            TypeRef::List(item) => std::iter::once(first)
                .chain(values)
                .all(|v| type_check::query_value_ok(api, item, v)),
            ty => type_check::query_value_ok(api, ty, first),
        };
        if !ok {
            issues.push(Issue::new(
                f.wire.as_str(),
                format!("must be {}", type_check::describe(api, &f.ty)),
            ));
        }
    }
    issues
}

/// Validates the query and (for endpoints with a body type) the body; the
/// parsed body with spec keys ([`wire_names::to_spec`]), or the error reply.
pub(crate) fn validate(
    replies: &Replies<'_>,
    ep: &Endpoint,
    query: &[(String, String)],
    content_type: Option<&str>,
    body: &[u8],
) -> Result<Option<Value>, Box<Reply>> {
    let issues = check_query(replies.api, ep, query);
    if !issues.is_empty() {
        return Err(Box::new(replies.invalid(ep, &issues)));
    }
    match &ep.body {
        None => Ok(None),
        Some(ty) => parse_body(replies, ep, ty, content_type, body).map(Some),
    }
}

/// Parses the body and checks it against the body type: every problem is answered
/// by [`Replies::invalid`].
fn parse_body(
    replies: &Replies<'_>,
    ep: &Endpoint,
    ty: &TypeRef,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<Value, Box<Reply>> {
    let is_form = content_type.is_some_and(|c| media_type(c) == BodyEncoding::Form.content_type());
    let parsed = match ep.body_encoding {
        BodyEncoding::Form if !is_form => Err(format!(
            "must be {} (this endpoint takes a form body), found {}",
            BodyEncoding::Form.content_type(),
            content_type.map_or_else(|| "no Content-Type".to_owned(), media_type)
        )),
        // A form of no pairs is an empty object (every field `None`).
        BodyEncoding::Form => {
            form_body::decode(body).map(|tree| form_body::coerce(replies.api, ty, tree))
        }
        BodyEncoding::Json if is_form => Err(format!(
            "must be JSON ({}), found {}",
            BodyEncoding::Json.content_type(),
            BodyEncoding::Form.content_type()
        )),
        BodyEncoding::Json if body.iter().all(u8::is_ascii_whitespace) => {
            Err("request body is missing".to_owned())
        }
        BodyEncoding::Json => {
            serde_json::from_slice::<Value>(body).map_err(|e| format!("malformed JSON: {e}"))
        }
    };
    let mut value = match parsed {
        Ok(v) => v,
        Err(problem) => {
            let issues = [Issue::new("body", problem)];
            return Err(Box::new(replies.invalid(ep, &issues)));
        }
    };
    let mut issues = Vec::new();
    type_check::validate_body(replies.api, ty, &value, &mut issues);
    if issues.is_empty() {
        type_check::normalize_integers(replies.api, ty, &mut value);
        Ok(wire_names::to_spec(replies.api, ty, value))
    } else {
        Err(Box::new(replies.invalid(ep, &issues)))
    }
}

/// The media type of a `Content-Type` value: lowercase, without parameters.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}
