//! Decoding a non-2xx response into the error a call returns and what the retry loop
//! needs to decide on it.

use std::borrow::Cow;
use std::time::SystemTime;

use bytes::Bytes;
use reqwest::header::HeaderMap;

use crate::api_error::{ApiError, ApiErrorParts, BodyStr, MAX_ERROR_BODY_BYTES};
use crate::error::{DecodeError, DecodeErrorKind, Error};
use crate::error_body::parse_error_body;
use crate::headers::ScannedHeaders;
use crate::retry::FailureInfo;
use crate::spec::{ApiSpec, RetryClass};
use crate::text::{BodyText, lossy_capped};

/// Decode a non-2xx response whose body was read up to [`MAX_ERROR_BODY_BYTES`]
/// (`truncated`: more was sent) into the error the call returns and what the retry loop
/// needs. A JSON error object with a `code` becomes [`Error::Api`], classified by the
/// spec's table, else by status; anything else is [`Error::Decode`], classified by
/// status. Also reached, without a socket, through [`crate::__fuzz`].
pub(crate) fn decode_error_response(
    spec: &ApiSpec,
    status: u16,
    headers: &HeaderMap,
    body: Bytes,
    truncated: bool,
    now: SystemTime,
) -> (Error<ApiError>, FailureInfo) {
    let scanned = ScannedHeaders::scan(headers, spec);
    let request_id = scanned.request_id();
    let (rate_limit, reset_wait) = scanned.rate_limit(now);
    let retry_after = scanned.retry_after(now);
    let (error, class) = match parse_error_body(&body, spec.envelope_error) {
        Some(object) => {
            let row = spec.error_row(&object.code);
            let class = row.map_or_else(|| RetryClass::for_status(status), |row| row.retry);
            // A code the spec knows is the table's own string: no copy.
            let code = row.map_or_else(
                || Cow::Owned(object.code.into_owned()),
                |row| Cow::Borrowed(row.code),
            );
            let api = ApiError::from(ApiErrorParts {
                status,
                code,
                message: BodyStr::of(&body, object.message),
                request_id: match object.request_id {
                    Some(id) => Some(BodyStr::of(&body, id)),
                    None => request_id.map(|id| BodyStr::Own(id.to_owned())),
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
                request_id.map(str::to_owned),
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
