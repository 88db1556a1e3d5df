//! Fuzz target: arbitrary error responses through the client's decoder
//! (`vook_runtime::__fuzz::decode_error_response`, the code `Client::call` runs on every
//! non-2xx response), with the generated Vook table (`vook_client::API_SPEC`) and the
//! same spec without an error envelope.
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
use vook_runtime::__fuzz::decode_error_response;
use vook_runtime::{ApiSpec, Error, MAX_ERROR_BODY_BYTES, OpError, RetryClass};

/// A header name: one the runtime reads, or any bytes.
#[derive(Arbitrary, Debug)]
enum Name<'a> {
    RetryAfter,
    Limit,
    Remaining,
    Reset,
    RequestId,
    Other(&'a [u8]),
}

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    enveloped: bool,
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
    let spec = if input.enveloped {
        &vook_client::API_SPEC
    } else {
        &bare
    };
    let status = 100 + input.status % 500;
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_730_462_400 + u64::from(input.clock));
    let headers: Vec<(&[u8], &[u8])> = input
        .headers
        .iter()
        .map(|(name, value)| {
            let name: &[u8] = match name {
                Name::RetryAfter => b"Retry-After",
                Name::Limit => b"X-RateLimit-Limit",
                Name::Remaining => b"X-RateLimit-Remaining",
                Name::Reset => b"X-RateLimit-Reset",
                Name::RequestId => b"X-Request-ID",
                Name::Other(n) => n,
            };
            (name, *value)
        })
        .collect();

    let d = decode_error_response(spec, status, &headers, input.body, now);

    let cap = MAX_ERROR_BODY_BYTES;
    assert_eq!(d.error.status(), Some(status));
    match &d.error {
        Error::Api(e) => {
            assert!(e.raw_body().len() <= cap && e.message().len() <= cap && e.code().len() <= cap);
            assert!(e.request_id().map_or(0, str::len) <= cap);
            let want = spec
                .error_row(e.code())
                .map_or(RetryClass::for_status(status), |row| row.retry);
            assert_eq!(d.class, want, "code {:?} at {status}", e.code());
            assert_eq!(e.retry_class(), want);
            let _ = e.to_string();
            let typed = vook_client::GetItemError::from_api_error(e.clone());
            assert_eq!(typed.api_error().code(), e.code());
            assert_eq!(
                matches!(typed, vook_client::GetItemError::Unknown(_)),
                spec.error_row(e.code()).is_none() || e.code() == "validation_error"
            );
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
