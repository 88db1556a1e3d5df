//! Fuzz target: arbitrary error responses through the client's decoder
//! (`vook_runtime::__fuzz::decode_error_response`, the code `Client::call` runs on every
//! non-2xx response), with the generated Vook table (`vook_client::API_SPEC`), the
//! same spec without an error envelope, and other `api.error_fields` configurations:
//! nested paths, status-keyed (`code: null`, named by status among `get_item`'s codes)
//! and integer wire codes; rate-limit resets in each `reset_format` (epoch, delta,
//! duration) and `Retry-After-Ms` beside `Retry-After`.
//!
//! Properties (also proptest-checked in `tests/tests/proptest_decoder.rs`): no
//! panic; everything kept is within the 64 KiB cap; a known code is classified by its
//! row of the table, anything else by the status rule; a terminal class is never
//! retried and no wait exceeds the spec's limits; the generated `<Op>Error` sorts the
//! code into its variant.

#![no_main]

use std::time::{Duration, SystemTime};

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use vook_runtime::__fuzz::decode_endpoint_error;
use vook_runtime::{
    ApiSpec, DetailsShape, Error, ErrorFields, ErrorRow, ErrorWire, MAX_ERROR_BODY_BYTES,
    OpError, RateLimitHeaders, ResetFormat, RetryClass,
};
use vook_client::GetItemError;

/// Which spec decodes the response.
#[derive(Arbitrary, Debug)]
enum Shape {
    /// `vook_client::API_SPEC`.
    Vook,
    /// The same without the error envelope.
    Bare,
    /// Fields at nested paths, details in another shape.
    Nested,
    /// `code: null`: named by status.
    StatusKeyed,
    /// Integer and string wire codes.
    Wires,
    /// The Vook spec with `reset_format: delta`.
    DeltaReset,
    /// The Vook spec with `reset_format: duration` (`6m0s`, `1.5s`, `20ms`).
    DurationReset,
}

/// The Vook codes with wire values: integers and a string.
static WIRE_ROWS: [ErrorRow; 3] = [
    row("not_found", Some(ErrorWire::Int(20404)), 404, RetryClass::Never),
    row("rate_limit_exceeded", Some(ErrorWire::Int(20429)), 429, RetryClass::Throttle),
    row("internal_error", Some(ErrorWire::Str("internal-error")), 500, RetryClass::Backoff),
];

const fn row(code: &'static str, wire: Option<ErrorWire>, status: u16, retry: RetryClass) -> ErrorRow {
    ErrorRow { code, wire, status, retry, summary: "", fix: "", details: false }
}

static NESTED: ApiSpec = ApiSpec {
    envelope_error: Some("error"),
    error_fields: ErrorFields {
        code: Some(&["detail", "code"]),
        message: Some(&["detail", "message"]),
        request_id: Some(&["meta", "request_id"]),
        details: Some(DetailsShape { at: &["detail", "errors"], field: "path", issue: "reason" }),
    },
    ..vook_client::API_SPEC
};
static STATUS_KEYED: ApiSpec = ApiSpec {
    envelope_error: None,
    error_fields: ErrorFields {
        code: None,
        message: Some(&["message"]),
        request_id: None,
        details: Some(DetailsShape { at: &["errors"], field: "field", issue: "code" }),
    },
    ..vook_client::API_SPEC
};
static WIRES: ApiSpec = ApiSpec {
    envelope_error: None,
    errors: &WIRE_ROWS,
    ..vook_client::API_SPEC
};

/// The Vook rate-limit headers with another reset format.
const fn resets(reset_format: ResetFormat) -> Option<RateLimitHeaders> {
    Some(RateLimitHeaders {
        limit: "x-ratelimit-limit",
        remaining: "x-ratelimit-remaining",
        reset: "x-ratelimit-reset",
        reset_format,
    })
}
static DELTA_RESET: ApiSpec = ApiSpec {
    rate_limit_headers: resets(ResetFormat::Delta),
    ..vook_client::API_SPEC
};
static DURATION_RESET: ApiSpec = ApiSpec {
    rate_limit_headers: resets(ResetFormat::Duration),
    ..vook_client::API_SPEC
};

/// A header name: one the runtime reads, or any bytes.
#[derive(Arbitrary, Debug)]
enum Name<'a> {
    RetryAfter,
    RetryAfterMs,
    Limit,
    Remaining,
    Reset,
    RequestId,
    Other(&'a [u8]),
}

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    shape: Shape,
    status: u16,
    /// Seconds after 2024-11-01T12:00:00Z, for HTTP-dates and resets.
    clock: u32,
    headers: Vec<(Name<'a>, &'a [u8])>,
    body: &'a [u8],
}

fuzz_target!(|input: Input<'_>| {
    let bare = ApiSpec {
        envelope_error: None,
        ..vook_client::API_SPEC
    };
    let spec = match input.shape {
        Shape::Vook => &vook_client::API_SPEC,
        Shape::Bare => &bare,
        Shape::Nested => &NESTED,
        Shape::StatusKeyed => &STATUS_KEYED,
        Shape::Wires => &WIRES,
        Shape::DeltaReset => &DELTA_RESET,
        Shape::DurationReset => &DURATION_RESET,
    };
    let status = 100 + input.status % 500;
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_730_462_400 + u64::from(input.clock));
    let headers: Vec<(&[u8], &[u8])> = input
        .headers
        .iter()
        .map(|(name, value)| {
            let name: &[u8] = match name {
                Name::RetryAfter => b"Retry-After",
                Name::RetryAfterMs => b"Retry-After-Ms",
                Name::Limit => b"X-RateLimit-Limit",
                Name::Remaining => b"X-RateLimit-Remaining",
                Name::Reset => b"X-RateLimit-Reset",
                Name::RequestId => b"X-Request-ID",
                Name::Other(n) => n,
            };
            (name, *value)
        })
        .collect();

    let d = decode_endpoint_error(spec, GetItemError::CODES, status, &headers, input.body, now);
    // `code()` is a row's key for a code the spec knows.
    let row_by_key = |code: &str| spec.errors.iter().find(|row| row.code == code);

    let cap = MAX_ERROR_BODY_BYTES;
    assert_eq!(d.error.status(), Some(status));
    match &d.error {
        Error::Api(e) => {
            assert!(e.raw_body().len() <= cap && e.message().len() <= cap && e.code().len() <= cap);
            assert!(e.request_id().map_or(0, str::len) <= cap);
            let want = row_by_key(e.code()).map_or(RetryClass::for_status(status), |row| row.retry);
            assert_eq!(d.class, want, "code {:?} at {status}", e.code());
            assert_eq!(e.retry_class(), want);
            let _ = e.to_string();
            let typed = GetItemError::from_api_error(e.clone());
            assert_eq!(typed.api_error().code(), e.code());
            assert_eq!(
                matches!(typed, GetItemError::Unknown(_)),
                !GetItemError::CODES.contains(&e.code())
            );
            if spec.error_fields.code.is_none() {
                // Status-keyed: the endpoint's code with this status, else `http_<status>`.
                let named = GetItemError::CODES
                    .iter()
                    .find(|c| row_by_key(c).is_some_and(|r| r.status == status));
                match named {
                    Some(code) => assert_eq!(e.code(), *code),
                    None => assert_eq!(e.code(), format!("http_{status}")),
                }
            }
        }
        Error::Decode(e) => {
            assert!(e.body().len() <= cap);
            assert_eq!(e.body_truncated(), input.body.len() > cap);
            assert_eq!(d.class, RetryClass::for_status(status));
            let _ = e.to_string();
        }
        other => panic!("an error response became {other:?}"),
    }
    let max_wait = Duration::from_secs(spec.retry.max_retry_after_s);
    if let Some(wait) = d.first_retry {
        assert_ne!(
            d.class,
            RetryClass::Never,
            "terminal errors are not retried"
        );
        assert!(
            wait <= max_wait.max(Duration::from_millis(spec.retry.max_delay_ms)),
            "wait {wait:?}"
        );
    }
});
