//! Decoding a non-2xx response into the error a call returns and what the retry loop
//! needs to decide on it.

use std::borrow::Cow;
use std::time::SystemTime;

use bytes::Bytes;
use reqwest::header::HeaderMap;

use crate::api_error::{ApiError, ApiErrorParts, BodyStr, MAX_ERROR_BODY_BYTES};
use crate::error::{DecodeError, DecodeErrorKind, Error};
use crate::error_body::{RawCode, parse_error_body};
use crate::error_fields::BodyCode;
use crate::headers::{ScannedHeaders, request_id_text};
use crate::retry::FailureInfo;
use crate::spec::{ApiSpec, ErrorRow, RetryClass};
use crate::text::{BodyText, lossy_capped};
use vook_vocab::error_fields::STATUS_CODE_PREFIX;

/// Decode a non-2xx response whose body was read up to [`MAX_ERROR_BODY_BYTES`]
/// (`truncated`: more was sent) into the error the call returns and what the retry loop
/// needs. A JSON error object with a code (at the spec's `error_fields.code`) becomes
/// [`Error::Api`], classified by the spec's table, else by status; for a status-keyed
/// API any JSON object does, named by the one of `codes` (the endpoint's) with this
/// status, else `http_<status>`. Anything else is [`Error::Decode`], classified by
/// status. Also reached, without a socket, through [`crate::__fuzz`].
pub(crate) fn decode_error_response(
    spec: &ApiSpec,
    codes: &[&str],
    status: u16,
    headers: &HeaderMap,
    body: Bytes,
    truncated: bool,
    now: SystemTime,
) -> (Error<ApiError>, FailureInfo) {
    let scanned = ScannedHeaders::scan(headers, spec);
    let request_id = scanned.request_id_header();
    let (rate_limit, reset_wait) = scanned.rate_limit(now);
    let retry_after = scanned.retry_after(now);
    let (error, class) = match parse_error_body(&body, spec.envelope_error, &spec.error_fields) {
        Some(object) => {
            let (row, code) = name_the_code(spec, codes, status, object.code);
            let class = row.map_or_else(|| RetryClass::for_status(status), |row| row.retry);
            let api = ApiError::from(ApiErrorParts {
                status,
                code,
                message: BodyStr::of(&body, object.message),
                request_id: match object.request_id {
                    Some(id) => Some(BodyStr::of(&body, id)),
                    None => request_id.cloned().map(BodyStr::Header),
                },
                details: object.details,
                retry_after,
                rate_limit,
                retry_class: class,
                raw_body: BodyText::new(body, MAX_ERROR_BODY_BYTES),
            });
            (Error::Api(api), class)
        }
        None => {
            let class = RetryClass::for_status(status);
            let err = decode_error(
                DecodeErrorKind::ErrorBody,
                status,
                request_id.and_then(request_id_text).map(str::to_owned),
                &body,
                truncated,
                None,
            )
            .with_retry_after(retry_after);
            (Error::Decode(err), class)
        }
    };
    let info = FailureInfo {
        class,
        retry_after,
        reset_wait,
    };
    (error, info)
}

/// The table's row of an error and the code [`ApiError::code`] returns: the row's key
/// when the spec knows the code (the table's own string: no copy), else the code as sent
/// (an integer as its decimal text), or `http_<status>` for a status-keyed error whose
/// status none of `codes` has.
fn name_the_code(
    spec: &ApiSpec,
    codes: &[&str],
    status: u16,
    code: Option<RawCode<'_>>,
) -> (Option<&'static ErrorRow>, Cow<'static, str>) {
    let (row, unknown) = match code {
        Some(RawCode::Str(s)) => (spec.error_row_for(BodyCode::Str(&s)), RawCode::Str(s)),
        Some(RawCode::Int(n)) => (spec.error_row_for(BodyCode::Int(n)), RawCode::Int(n)),
        None => {
            let row = spec.status_row(codes, status);
            let name = row.map_or_else(
                || Cow::Owned(format!("{STATUS_CODE_PREFIX}{status}")),
                |r| Cow::Borrowed(r.code),
            );
            return (row, name);
        }
    };
    let code = match (row, unknown) {
        (Some(row), _) => Cow::Borrowed(row.code),
        (None, RawCode::Str(s)) => Cow::Owned(s.into_owned()),
        (None, RawCode::Int(n)) => Cow::Owned(n.to_string()),
    };
    (row, code)
}

/// A [`DecodeError`] for a response whose body could not be decoded; the error keeps at
/// most [`MAX_ERROR_BODY_BYTES`] of the body's text.
pub(crate) fn decode_error(
    kind: DecodeErrorKind,
    status: u16,
    request_id: Option<String>,
    body: &[u8],
    truncated: bool,
    source: Option<serde_json::Error>,
) -> DecodeError {
    let text = lossy_capped(body, MAX_ERROR_BODY_BYTES);
    DecodeError::new(
        kind,
        status,
        request_id,
        text,
        truncated || body.len() > MAX_ERROR_BODY_BYTES,
        source,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use reqwest::header::HeaderValue;

    use crate::spec::TEST_SPEC as SPEC;

    #[test]
    fn error_strings_come_from_the_body_with_or_without_escapes() {
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", HeaderValue::from_static("req_hdr"));
        let decode = |body: &'static str| {
            let (e, _) = decode_error_response(
                &SPEC,
                &[],
                400,
                &headers,
                Bytes::from_static(body.as_bytes()),
                false,
                SystemTime::now(),
            );
            e.api().cloned().expect("an API error")
        };
        let plain = decode(r#"{"error":{"code":"x","message":"bad \"name\"","request_id":"r1"}}"#);
        let escaped = decode(
            r#"{"error":{"code":"x","message":"bad \u0022name\"","request_id":" r\u0031 "}}"#,
        );
        assert_eq!(plain.message(), r#"bad "name""#);
        assert_eq!(escaped.message(), r#"bad "name""#);
        assert_eq!(plain.request_id(), Some("r1"));
        assert_eq!(escaped.request_id(), Some("r1"));
        // No request id in the body: the header's.
        let from_header = decode(r#"{"error":{"code":"x","message":"  m  "}}"#);
        assert_eq!(from_header.request_id(), Some("req_hdr"));
        assert_eq!(from_header.message(), "m");
        // Equality is by content, not by where the text is kept.
        let by_hand = ApiError::new(400, "x", "m")
            .with_request_id("req_hdr")
            .with_raw_body(from_header.raw_body());
        assert_eq!(from_header, by_hand);
        // Replacing the body keeps the decoded strings.
        let replaced = plain.clone().with_raw_body("<redacted>");
        assert_eq!(replaced.raw_body(), "<redacted>");
        assert_eq!(replaced.message(), r#"bad "name""#);
        assert_eq!(replaced.request_id(), Some("r1"));
    }
}

/// Decoding with the `error_fields` of APIs other than Vook's.
#[cfg(test)]
mod dialects {
    use super::*;

    use reqwest::header::HeaderValue;

    use crate::error_fields::{DetailsShape, ErrorFields, ErrorWire};
    use crate::spec::{RateLimitHeaders, RetryDefaults};

    const fn row(code: &'static str, wire: Option<ErrorWire>, status: u16) -> ErrorRow {
        ErrorRow {
            code,
            wire,
            status,
            retry: RetryClass::Never,
            summary: "",
            fix: "",
            details: false,
        }
    }

    const fn spec(
        envelope_error: Option<&'static str>,
        error_fields: ErrorFields,
        errors: &'static [ErrorRow],
    ) -> ApiSpec {
        ApiSpec {
            name: "t",
            base_url: "http://127.0.0.1",
            auth: crate::spec::AuthSpec::NONE,
            request_id_header: Some("request-id"),
            rate_limit_headers: None::<RateLimitHeaders>,
            envelope_data: None,
            envelope_error,
            error_fields,
            retry: RetryDefaults::STANDARD,
            errors,
        }
    }

    static STRIPE: ApiSpec = spec(
        Some("error"),
        ErrorFields {
            code: Some(&["code"]),
            message: Some(&["message"]),
            request_id: None,
            details: None,
        },
        &[row(
            "card_declined",
            Some(ErrorWire::Str("card-declined")),
            402,
        )],
    );
    static GITHUB: ApiSpec = spec(
        None,
        ErrorFields {
            code: None,
            message: Some(&["message"]),
            request_id: None,
            details: Some(DetailsShape {
                at: &["errors"],
                field: "field",
                issue: "code",
            }),
        },
        &[
            row("not_found", None, 404),
            row("validation_failed", None, 422),
            row("gone", None, 404),
        ],
    );
    static TWILIO: ApiSpec = spec(
        None,
        ErrorFields {
            code: Some(&["code"]),
            message: Some(&["message"]),
            request_id: None,
            details: None,
        },
        &[row("resource_not_found", Some(ErrorWire::Int(20404)), 404)],
    );
    static NESTED: ApiSpec = spec(
        None,
        ErrorFields {
            code: Some(&["error", "kind", "name"]),
            message: Some(&["error", "text"]),
            request_id: Some(&["meta", "request_id"]),
            details: Some(DetailsShape {
                at: &["error", "problems"],
                field: "path",
                issue: "why",
            }),
        },
        &[row("quota", None, 429)],
    );

    fn decode(spec: &ApiSpec, codes: &[&str], status: u16, body: &str) -> Error<ApiError> {
        let mut headers = HeaderMap::new();
        headers.insert("request-id", HeaderValue::from_static("req_hdr"));
        let body = Bytes::copy_from_slice(body.as_bytes());
        decode_error_response(
            spec,
            codes,
            status,
            &headers,
            body,
            false,
            SystemTime::now(),
        )
        .0
    }

    fn api(e: Error<ApiError>) -> ApiError {
        match e {
            Error::Api(a) => a,
            other => panic!("not an API error: {other:?}"),
        }
    }

    #[test]
    fn stripe_string_wire_and_header_request_id() {
        let body = r#"{"error":{"type":"card_error","code":"card-declined","message":"Your card was declined.","param":"number","request_id":"not-read"}}"#;
        let e = api(decode(&STRIPE, &[], 402, body));
        assert_eq!(e.code(), "card_declined");
        assert_eq!(e.message(), "Your card was declined.");
        // `request_id: null`: the header's, not the body's.
        assert_eq!(e.request_id(), Some("req_hdr"));
        // The key names the code too (validation keeps keys and wires apart): the
        // row's class, not 500's.
        let e = api(decode(
            &STRIPE,
            &[],
            500,
            r#"{"error":{"code":"card_declined"}}"#,
        ));
        assert_eq!(e.retry_class(), RetryClass::Never);
        assert_eq!(e.code(), "card_declined");
    }

    #[test]
    fn github_status_keyed() {
        let codes = ["not_found", "validation_failed"];
        let body = r#"{"message":"Validation Failed","documentation_url":"https://docs","errors":[{"resource":"Issue","field":"title","code":"missing_field"},{"resource":"Issue","code":"custom","message":"no field"}]}"#;
        let e = api(decode(&GITHUB, &codes, 422, body));
        assert_eq!(e.code(), "validation_failed");
        assert_eq!(e.message(), "Validation Failed");
        assert_eq!(e.details().len(), 1);
        assert_eq!(e.details()[0].field, "title");
        assert_eq!(e.details()[0].issue, "missing_field");
        // The endpoint's code with that status, not another endpoint's (`gone` is 404 too).
        let e = api(decode(&GITHUB, &codes, 404, r#"{"message":"Not Found"}"#));
        assert_eq!(e.code(), "not_found");
        let e = api(decode(
            &GITHUB,
            &["gone"],
            404,
            r#"{"message":"Not Found"}"#,
        ));
        assert_eq!(e.code(), "gone");
        // A status none of the endpoint's codes has.
        let e = api(decode(&GITHUB, &codes, 418, r#"{"message":"teapot"}"#));
        assert_eq!(e.code(), "http_418");
        assert_eq!(e.message(), "teapot");
        // A code in the body means nothing to a status-keyed API.
        let e = api(decode(
            &GITHUB,
            &codes,
            404,
            r#"{"code":"validation_failed"}"#,
        ));
        assert_eq!(e.code(), "not_found");
        // Still JSON only: an HTML page is a decode error.
        assert!(matches!(
            decode(&GITHUB, &codes, 502, "<html>502</html>"),
            Error::Decode(_)
        ));
        // Details that are not a list are no details.
        let e = api(decode(&GITHUB, &codes, 422, r#"{"errors":"oops"}"#));
        assert!(e.details().is_empty());
    }

    #[test]
    fn twilio_integer_wire() {
        let body = r#"{"code":20404,"message":"The requested resource was not found","more_info":"https://www.twilio.com/docs/errors/20404","status":404}"#;
        let e = api(decode(&TWILIO, &[], 404, body));
        assert_eq!(e.code(), "resource_not_found");
        assert_eq!(e.message(), "The requested resource was not found");
        // The integer as a string names it too.
        let e = api(decode(&TWILIO, &[], 404, r#"{"code":"20404"}"#));
        assert_eq!(e.code(), "resource_not_found");
        // An integer the spec does not know: its decimal text.
        let e = api(decode(&TWILIO, &[], 400, r#"{"code":-21211}"#));
        assert_eq!(e.code(), "-21211");
        // A huge number, a float, a boolean: no code, so a decode error.
        for body in [
            r#"{"code":123456789012345678901234567890}"#,
            r#"{"code":20404.0}"#,
            r#"{"code":true}"#,
        ] {
            assert!(
                matches!(decode(&TWILIO, &[], 404, body), Error::Decode(_)),
                "{body}"
            );
        }
    }

    #[test]
    fn nested_paths() {
        let body = r#"{"meta":{"request_id":"req_9"},"error":{"text":"slow down","kind":{"name":"quota"},"problems":[{"path":"a.b","why":"too big"}]}}"#;
        let e = api(decode(&NESTED, &[], 429, body));
        assert_eq!(e.code(), "quota");
        assert_eq!(e.message(), "slow down");
        assert_eq!(e.request_id(), Some("req_9"));
        assert_eq!(e.details()[0].field, "a.b");
        assert_eq!(e.details()[0].issue, "too big");
        // A path that stops at a string, or at a list: no code.
        for body in [
            r#"{"error":"quota"}"#,
            r#"{"error":{"kind":"quota"}}"#,
            r#"{"error":{"kind":["quota"]}}"#,
            r#"{"error":{"kind":{"name":null}}}"#,
        ] {
            assert!(
                matches!(decode(&NESTED, &[], 429, body), Error::Decode(_)),
                "{body}"
            );
        }
        // Deep nesting along the path and beside it.
        let deep = format!(r#"{{"error":{{"kind":{}}}}}"#, "{\"name\":".repeat(10_000));
        assert!(matches!(decode(&NESTED, &[], 429, &deep), Error::Decode(_)));
        let wide = format!(
            r#"{{"x":{}1{}, "error":{{"kind":{{"name":"quota"}}}}}}"#,
            "[".repeat(100),
            "]".repeat(100)
        );
        assert_eq!(api(decode(&NESTED, &[], 429, &wide)).code(), "quota");
    }
}
