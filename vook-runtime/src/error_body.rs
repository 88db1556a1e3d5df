//! Parsing of error bodies into code, message, request id and details.

use serde_json::{Map, Value};

use crate::api_error::FieldIssue;

/// The fields of an error object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ErrorObject {
    pub(crate) code: String,
    pub(crate) message: String,
    pub(crate) request_id: Option<String>,
    pub(crate) details: Vec<FieldIssue>,
}

/// Parse an error body. With an envelope key, the object is `body[key]`; if the key is
/// absent but the body itself has a `code`, the body is taken as the object (some
/// gateways drop the envelope). `None` when the body is not JSON or has no string `code`.
///
/// Lenient in what it keeps: a missing or non-string `message` is empty, and malformed
/// `details` entries are skipped rather than failing the whole error.
pub(crate) fn parse_error_body(body: &[u8], envelope: Option<&str>) -> Option<ErrorObject> {
    let value: Value = serde_json::from_slice(body).ok()?;
    let top = value.as_object()?;
    let obj = match envelope {
        Some(key) => match top.get(key) {
            Some(Value::Object(inner)) => inner,
            Some(_) => return None,
            None => top,
        },
        None => top,
    };
    object_fields(obj)
}

fn object_fields(obj: &Map<String, Value>) -> Option<ErrorObject> {
    let code = obj.get("code")?.as_str()?.trim();
    if code.is_empty() {
        return None;
    }
    let text = |key: &str| obj.get(key).and_then(Value::as_str).map(str::trim);
    let details = match obj.get("details") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| {
                let o = item.as_object()?;
                let field = o.get("field")?.as_str()?;
                let issue = o.get("issue").or_else(|| o.get("message"))?.as_str()?;
                Some(FieldIssue {
                    field: field.to_owned(),
                    issue: issue.to_owned(),
                })
            })
            .collect(),
        _ => Vec::new(),
    };
    Some(ErrorObject {
        code: code.to_owned(),
        message: text("message").unwrap_or_default().to_owned(),
        request_id: text("request_id")
            .filter(|s| !s.is_empty())
            .map(str::to_owned),
        details,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENV: Option<&str> = Some("error");

    #[test]
    fn parses_the_documented_envelope() {
        let body = br#"{"error":{"code":"invalid_api_key","message":"The API key provided is invalid or has been revoked.","request_id":"req_abc123"}}"#;
        let e = parse_error_body(body, ENV).unwrap();
        assert_eq!(e.code, "invalid_api_key");
        assert_eq!(
            e.message,
            "The API key provided is invalid or has been revoked."
        );
        assert_eq!(e.request_id.as_deref(), Some("req_abc123"));
        assert!(e.details.is_empty());
    }

    #[test]
    fn parses_validation_details() {
        let body = br#"{"error":{"code":"validation_error","message":"The request body contains invalid fields.","request_id":"req_def456","details":[{"field":"name","issue":"required field is missing"},{"field":"tags","issue":"must be an array of strings"},{"oops":1},"junk"]}}"#;
        let e = parse_error_body(body, ENV).unwrap();
        assert_eq!(
            e.details,
            vec![
                FieldIssue {
                    field: "name".into(),
                    issue: "required field is missing".into()
                },
                FieldIssue {
                    field: "tags".into(),
                    issue: "must be an array of strings".into()
                },
            ]
        );
    }

    #[test]
    fn bare_object_without_envelope() {
        let body = br#"{"code":"not_found","message":"nope"}"#;
        assert_eq!(parse_error_body(body, None).unwrap().code, "not_found");
        // Envelope configured but missing: the body itself is accepted when it has a code.
        assert_eq!(parse_error_body(body, ENV).unwrap().code, "not_found");
        // No envelope configured: an enveloped body has no top-level code.
        assert_eq!(parse_error_body(br#"{"error":{"code":"x"}}"#, None), None);
    }

    #[test]
    fn lenient_fields() {
        let e = parse_error_body(
            br#"{"error":{"code":"x","message":5,"request_id":"","details":{}}}"#,
            ENV,
        )
        .unwrap();
        assert_eq!(e.message, "");
        assert_eq!(e.request_id, None);
        assert!(e.details.is_empty());
    }

    #[test]
    fn rejects_undecodable_bodies() {
        for body in [
            &b"<html><body><h1>502 Bad Gateway</h1></body></html>"[..],
            b"",
            b"null",
            b"[]",
            b"\"error\"",
            br#"{"error":"Not Found"}"#,
            br#"{"error":{"message":"no code"}}"#,
            br#"{"error":{"code":""}}"#,
            br#"{"error":{"code":42}}"#,
            br#"{"error":{"code":"trunc"#,
            b"\xff\xfe\x00",
        ] {
            assert_eq!(
                parse_error_body(body, ENV),
                None,
                "{:?}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn hostile_bodies_do_not_panic() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse_error_body(deep.as_bytes(), ENV), None);
        let huge = format!(
            r#"{{"error":{{"code":"x","message":"{}"}}}}"#,
            "m".repeat(1 << 20)
        );
        assert_eq!(
            parse_error_body(huge.as_bytes(), ENV)
                .unwrap()
                .message
                .len(),
            1 << 20
        );
    }
}
