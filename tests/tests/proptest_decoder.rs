//! Property tests of error-response decoding, through
//! `vook_runtime::__fuzz::decode_error_response`: the code the client runs on every
//! non-2xx response, without a socket, with the generated Vook client's table
//! (`vook_client::API_SPEC`) and the same table without envelope and headers. Whatever
//! the status, headers and body, it never panics, keeps everything within the 64 KiB
//! cap, classifies a known code by its row of the table (at any status, so the table
//! wins over the status rule) and anything else by status, never waits longer than the
//! spec allows, and every generated `<Op>Error` sorts the code into its own variant
//! (`Unknown` exactly for codes the operation does not list in `schema/vook.yaml`).
//! `fuzz/fuzz_targets/error_decoder.rs` fuzzes the same properties (needs nightly).
//! Failures proptest finds are kept in `proptest_decoder.proptest-regressions`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Value, json};
use vook_runtime::__fuzz::{DecodedError, decode_error_response};
use vook_runtime::{
    ApiError, ApiSpec, DecodeErrorKind, Error, MAX_ERROR_BODY_BYTES, OpError, RetryClass,
};

/// The generated Vook client's own spec (`schema/vook.yaml`).
static ENVELOPED: &ApiSpec = &vook_client::API_SPEC;

/// The same table without the envelope, request-id and rate-limit headers.
static BARE: ApiSpec = ApiSpec {
    name: "bare",
    request_id_header: None,
    rate_limit_headers: None,
    envelope_data: None,
    envelope_error: None,
    ..vook_client::API_SPEC
};

/// The codes of the generated table.
fn known() -> Vec<&'static str> {
    vook_client::ERROR_TABLE
        .iter()
        .map(|row| row.code)
        .collect()
}

/// An enveloped spec with request-id and rate-limit headers, and a bare one without.
fn specs() -> [&'static ApiSpec; 2] {
    [ENVELOPED, &BARE]
}

/// Each operation of `schema/vook.yaml` with the codes it lists, from the loaded spec.
fn listed_codes() -> &'static [(String, Vec<String>)] {
    static LISTED: OnceLock<Vec<(String, Vec<String>)>> = OnceLock::new();
    LISTED.get_or_init(|| {
        let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/vook.yaml");
        let api = vook_schema::load_path(spec).unwrap_or_else(|d| panic!("{d}"));
        api.endpoints
            .iter()
            .map(|ep| (ep.name.clone(), ep.errors.clone()))
            .collect()
    })
}

/// `e` sorted into operation `op`'s generated `<Op>Error`: the variant's name and the
/// error it keeps.
fn sort_into(op: &str, e: &ApiError) -> (String, ApiError) {
    fn sorted<E: OpError + std::fmt::Debug>(e: &ApiError) -> (String, ApiError) {
        let typed = E::from_api_error(e.clone());
        let debug = format!("{typed:?}");
        let variant = debug.split('(').next().unwrap_or_default().to_owned();
        (variant, typed.api_error().clone())
    }
    match op {
        "create_item" => sorted::<vook_client::CreateItemError>(e),
        "get_item" => sorted::<vook_client::GetItemError>(e),
        "list_items" => sorted::<vook_client::ListItemsError>(e),
        "update_item" => sorted::<vook_client::UpdateItemError>(e),
        "delete_item" => sorted::<vook_client::DeleteItemError>(e),
        other => panic!("an operation this test does not know: {other}; add it"),
    }
}

/// Every generated `<Op>Error` sorts the code into its variant: `Unknown` exactly for a
/// code the operation does not list, else the code's own variant; the error is kept.
fn check_op_errors(e: &ApiError) -> Result<(), TestCaseError> {
    for (op, codes) in listed_codes() {
        let (variant, kept) = sort_into(op, e);
        prop_assert_eq!(&kept, e);
        let want = if codes.iter().any(|c| c == e.code()) {
            vook_schema::names::error_variant(e.code())
        } else {
            "Unknown".to_owned()
        };
        prop_assert_eq!(variant, want, "{} sorting {:?}", op, e.code());
    }
    Ok(())
}

/// 2024-11-01T12:00:00Z: a fixed clock, so HTTP-dates give exact waits.
fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_730_462_400)
}

fn spec() -> impl Strategy<Value = &'static ApiSpec> {
    prop::sample::select(specs().to_vec())
}

/// `{"error": obj}` or `obj`, as the spec wants.
fn wrap(spec: &ApiSpec, obj: Value) -> Value {
    match spec.envelope_error {
        Some(key) => json!({ key: obj }),
        None => obj,
    }
}

// ---------------------------------------------------------------------------
// Strategies

fn code() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(known()).prop_map(str::to_owned),
        "[a-z_]{1,24}",
        ".{0,12}",
    ]
}

/// An error object, well-formed or a little off (wrong types, missing fields).
fn error_object() -> BoxedStrategy<Value> {
    let text = prop_oneof![".{0,80}", "[ -~]{0,20}"];
    let details = prop::collection::vec(
        prop_oneof![
            (".{0,16}", ".{0,32}").prop_map(|(f, i)| json!({ "field": f, "issue": i })),
            (".{0,16}", ".{0,32}").prop_map(|(f, m)| json!({ "field": f, "message": m })),
            any::<i64>().prop_map(|n| json!(n)),
            Just(json!({ "oops": null })),
        ],
        0..6,
    );
    (
        prop_oneof![4 => code().prop_map(Value::from), 1 => any::<i64>().prop_map(Value::from), 1 => Just(Value::Null)],
        prop_oneof![4 => text.clone().prop_map(Value::from), 1 => any::<bool>().prop_map(Value::from)],
        prop::option::of(text),
        prop::option::of(details),
    )
        .prop_map(|(code, message, request_id, details)| {
            let mut o = serde_json::Map::new();
            o.insert("code".into(), code);
            o.insert("message".into(), message);
            if let Some(id) = request_id {
                o.insert("request_id".into(), id.into());
            }
            if let Some(d) = details {
                o.insert("details".into(), Value::Array(d));
            }
            Value::Object(o)
        })
        .boxed()
}

/// Bodies of every kind: noise, (truncated, mutated) envelopes, deep nesting, huge
/// strings, proxies' HTML.
fn body(spec: &'static ApiSpec) -> impl Strategy<Value = Vec<u8>> {
    let valid = error_object().prop_map(move |o| wrap(spec, o).to_string().into_bytes());
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..2048),
        valid.clone(),
        (valid.clone(), any::<Index>()).prop_map(|(b, i)| b[..i.index(b.len() + 1)].to_vec()),
        (
            valid,
            prop::collection::vec((any::<Index>(), any::<u8>()), 1..8)
        )
            .prop_map(|(mut b, edits)| {
                if !b.is_empty() {
                    for (i, byte) in edits {
                        let at = i.index(b.len());
                        b[at] = byte;
                    }
                }
                b
            }),
        (
            1usize..60_000,
            prop::sample::select(vec![
                "[",
                "{\"a\":",
                "{\"error\":",
                "{\"error\":{\"details\":[",
                "[{\"field\":"
            ]),
        )
            .prop_map(|(n, open)| open.repeat(n).into_bytes()),
        (
            MAX_ERROR_BODY_BYTES - 64..MAX_ERROR_BODY_BYTES + 4096,
            code(),
            any::<char>()
        )
            .prop_map(move |(n, c, ch)| {
                let big: String = std::iter::repeat_n(ch, n / ch.len_utf8()).collect();
                wrap(
                    spec,
                    json!({ "code": c, "message": big, "request_id": "req_big" }),
                )
                .to_string()
                .into_bytes()
            }),
        prop::sample::select(vec![
            &b"<html><body><h1>502 Bad Gateway</h1></body></html>"[..],
            b"",
            b"null",
            b"{}",
            b"\xef\xbb\xbf{\"error\":{\"code\":\"not_found\"}}",
        ])
        .prop_map(<[u8]>::to_vec),
    ]
}

/// A `Retry-After` value and what the client must make of it.
#[derive(Clone, Debug)]
enum RetryAfter {
    /// Delta-seconds: exactly that wait.
    Secs(u64),
    /// Fractional seconds: some wait.
    Fraction(String),
    /// All digits but beyond u64, or close: "absurdly long".
    Huge(String),
    /// An HTTP-date this many seconds from `now()` (past dates mean 0).
    Date(i64),
    /// Negative numbers and words: ignored.
    Ignored(String),
}

impl RetryAfter {
    fn text(&self) -> String {
        match self {
            RetryAfter::Secs(n) => n.to_string(),
            RetryAfter::Fraction(s) | RetryAfter::Huge(s) | RetryAfter::Ignored(s) => s.clone(),
            RetryAfter::Date(off) => {
                let at = if *off >= 0 {
                    now() + Duration::from_secs(off.unsigned_abs())
                } else {
                    now() - Duration::from_secs(off.unsigned_abs())
                };
                httpdate::fmt_http_date(at)
            }
        }
    }
}

fn retry_after() -> impl Strategy<Value = RetryAfter> {
    prop_oneof![
        (0u64..=120).prop_map(RetryAfter::Secs),
        any::<u64>().prop_map(RetryAfter::Secs),
        (0u32..1000, "[0-9]{1,6}").prop_map(|(a, b)| RetryAfter::Fraction(format!("{a}.{b}"))),
        "[1-9][0-9]{19,400}".prop_map(RetryAfter::Huge),
        (-1_000_000i64..1_000_000).prop_map(RetryAfter::Date),
        (1i64..i64::MAX).prop_map(|n| RetryAfter::Ignored(format!("-{n}"))),
        "[a-zA-Z ,:+-]{0,30}".prop_map(RetryAfter::Ignored),
        prop::sample::select(vec![
            "", " ", "1e3", ".5", "5.", "0x10", "30s", "+30", "NaN", "inf", "-0"
        ])
        .prop_map(|s| RetryAfter::Ignored(s.to_owned())),
    ]
}

/// A rate-limit header value (any text; the valid ones are plain non-negative integers).
fn rate_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<u64>().prop_map(|n| n.to_string()),
        (0u64..2_000_000_000).prop_map(|n| n.to_string()),
        "-?[0-9]{0,30}",
        " ?[0-9]{1,5} ?",
        ".{0,20}",
    ]
}

/// One header: a name the runtime reads (in any case) or another, valid or not.
fn header() -> impl Strategy<Value = (Vec<u8>, Vec<u8>)> {
    let name = prop_oneof![
        prop::sample::select(vec![
            "Retry-After",
            "retry-after",
            "X-RateLimit-Limit",
            "x-ratelimit-remaining",
            "X-RATELIMIT-RESET",
            "X-Request-ID",
        ])
        .prop_map(str::to_owned),
        "[A-Za-z-]{1,20}",
        ".{0,8}",
    ];
    let value = prop_oneof![
        retry_after().prop_map(|r| r.text().into_bytes()),
        rate_value().prop_map(String::into_bytes),
        "[ -~]{0,300}".prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..64),
    ];
    (name.prop_map(String::into_bytes), value)
}

/// Header name and value bytes, as they come off the wire.
type Headers = Vec<(Vec<u8>, Vec<u8>)>;

fn case() -> impl Strategy<Value = (&'static ApiSpec, u16, Headers, Vec<u8>)> {
    spec().prop_flat_map(|spec| {
        (
            Just(spec),
            100u16..=599,
            prop::collection::vec(header(), 0..8),
            body(spec),
        )
    })
}

// ---------------------------------------------------------------------------
// Checks shared by the properties

/// The class the table gives a code, else the status rule.
fn expected_class(spec: &ApiSpec, code: Option<&str>, status: u16) -> RetryClass {
    match code.and_then(|c| spec.error_row(c)) {
        Some(row) => row.retry,
        None => RetryClass::for_status(status),
    }
}

/// Bounded output, consistent classification, bounded waits.
fn check(
    spec: &ApiSpec,
    status: u16,
    body_len: usize,
    d: &DecodedError,
) -> Result<(), TestCaseError> {
    let cap = MAX_ERROR_BODY_BYTES;
    match &d.error {
        Error::Api(e) => {
            prop_assert_eq!(e.status(), status);
            prop_assert!(!e.code().trim().is_empty());
            prop_assert!(e.raw_body().len() <= cap);
            prop_assert!(e.message().len() <= cap);
            prop_assert!(e.code().len() <= cap);
            prop_assert!(e.request_id().map_or(0, str::len) <= cap);
            let details: usize = e
                .details()
                .iter()
                .map(|i| i.field.len() + i.issue.len())
                .sum();
            prop_assert!(details <= cap);
            prop_assert_eq!(e.retry_after(), d.retry_after);
            let want = expected_class(spec, Some(e.code()), status);
            prop_assert_eq!(d.class, want, "code {:?} at {}", e.code(), status);
            prop_assert_eq!(e.retry_class(), want);
            prop_assert!(e.to_string().chars().count() <= 4096);
            let _ = format!("{e:?}");
            check_op_errors(e)?;
        }
        Error::Decode(e) => {
            prop_assert_eq!(e.status(), status);
            prop_assert_eq!(e.kind(), DecodeErrorKind::ErrorBody);
            prop_assert!(e.body().len() <= cap);
            prop_assert_eq!(e.body_truncated(), body_len > cap);
            prop_assert_eq!(e.retry_after(), d.retry_after);
            prop_assert_eq!(d.class, RetryClass::for_status(status));
            prop_assert!(e.to_string().chars().count() <= 4096);
            let debug = format!("{e:?}");
            prop_assert!(debug.len() <= 4096);
        }
        other => prop_assert!(false, "an error response became {:?}", other),
    }
    prop_assert_eq!(d.error.status(), Some(status));
    prop_assert_eq!(d.error.attempts(), 1);
    if let Some(id) = d.error.request_id() {
        prop_assert!(id.len() <= cap);
    }
    let max_wait = Duration::from_secs(spec.retry.max_retry_after_s);
    let server_wait = match d.class {
        RetryClass::Throttle => d.retry_after.or(d.reset_wait),
        _ => d.retry_after,
    };
    match d.first_retry {
        Some(wait) => {
            prop_assert!(
                d.class != RetryClass::Never,
                "terminal errors are not retried"
            );
            prop_assert!(wait <= max_wait.max(Duration::from_millis(spec.retry.max_delay_ms)));
            if let Some(server) = server_wait {
                prop_assert_eq!(wait, server, "the server's wait is honoured");
            }
        }
        None => prop_assert!(
            d.class == RetryClass::Never || server_wait.is_some_and(|w| w > max_wait),
            "gave up on a retryable error: {:?}",
            d
        ),
    }
    Ok(())
}

fn headers_of(pairs: &[(&str, String)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| ((*n).to_owned(), v.clone()))
        .collect()
}

// ---------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Anything at all: no panic, bounded, classified by the table or the status.
    #[test]
    fn arbitrary_responses_are_bounded_and_classified((spec, status, headers, body) in case()) {
        let d = decode_error_response(spec, status, &headers, &body, now());
        check(spec, status, body.len(), &d)?;
    }

    /// A well-formed error body decodes to exactly its fields; the request id comes from
    /// the body, else the header.
    #[test]
    fn well_formed_bodies_decode_exactly(
        spec in spec(),
        status in 400u16..=599,
        code in prop_oneof![prop::sample::select(known()).prop_map(str::to_owned), "[a-z][a-z_]{0,30}"],
        message in ".{0,200}",
        body_id in prop::option::of("[a-z0-9_]{1,20}"),
        header_id in prop::option::of("[a-zA-Z0-9_-]{1,40}"),
        details in prop::collection::vec((".{0,20}", ".{0,40}"), 0..5),
    ) {
        let mut obj = json!({ "code": code, "message": message });
        if let Some(id) = &body_id {
            obj["request_id"] = id.clone().into();
        }
        if !details.is_empty() {
            obj["details"] = details.iter().map(|(f, i)| json!({ "field": f, "issue": i })).collect();
        }
        let body = wrap(spec, obj).to_string().into_bytes();
        let headers = header_id.iter().map(|id| ("X-Request-ID".to_owned(), id.clone())).collect::<Vec<_>>();
        let d = decode_error_response(spec, status, &headers, &body, now());
        check(spec, status, body.len(), &d)?;
        let Error::Api(e) = &d.error else {
            return Err(TestCaseError::fail(format!("not an API error: {:?}", d.error)));
        };
        prop_assert_eq!(e.code(), code.as_str());
        prop_assert_eq!(e.message(), message.trim());
        let want_id = body_id.or(if spec.request_id_header.is_some() { header_id } else { None });
        prop_assert_eq!(e.request_id(), want_id.as_deref());
        let got: Vec<(&str, &str)> = e.details().iter().map(|i| (i.field.as_str(), i.issue.as_str())).collect();
        let want: Vec<(&str, &str)> = details.iter().map(|(f, i)| (f.as_str(), i.as_str())).collect();
        prop_assert_eq!(got, want);
        prop_assert_eq!(e.raw_body().as_bytes(), &body[..]);
        prop_assert_eq!(d.class, expected_class(spec, Some(&code), status));
    }

    /// Every form of `Retry-After`: delta-seconds, fractions, absurd numbers, HTTP-dates
    /// past and future, negatives and garbage; and what the retry loop does with it.
    #[test]
    fn retry_after_forms(
        spec in spec(),
        ra in retry_after(),
        code in prop::sample::select(vec!["rate_limit_exceeded", "internal_error", "not_found", "unlisted"]),
        status in prop::sample::select(vec![429u16, 500, 503, 404]),
    ) {
        let body = wrap(spec, json!({ "code": code, "message": "m" })).to_string().into_bytes();
        let headers = headers_of(&[("Retry-After", ra.text())]);
        let d = decode_error_response(spec, status, &headers, &body, now());
        check(spec, status, body.len(), &d)?;
        match &ra {
            RetryAfter::Secs(n) => prop_assert_eq!(d.retry_after, Some(Duration::from_secs(*n))),
            RetryAfter::Fraction(_) => prop_assert!(d.retry_after.is_some()),
            RetryAfter::Huge(_) => prop_assert!(d.retry_after.is_some_and(|w| w >= Duration::from_secs(1_000_000_000_000_000_000))),
            RetryAfter::Date(off) => prop_assert_eq!(d.retry_after, Some(Duration::from_secs(u64::try_from(*off).unwrap_or(0)))),
            RetryAfter::Ignored(_) => prop_assert_eq!(d.retry_after, None),
        }
        let max = Duration::from_secs(spec.retry.max_retry_after_s);
        match (d.class, d.retry_after) {
            (RetryClass::Never, _) => prop_assert_eq!(d.first_retry, None),
            (_, Some(w)) if w > max => prop_assert_eq!(d.first_retry, None),
            (_, Some(w)) => prop_assert_eq!(d.first_retry, Some(w)),
            (_, None) => prop_assert!(d.first_retry.is_some_and(|w| w <= Duration::from_millis(spec.retry.base_delay_ms))),
        }
    }

    /// The rate-limit triple: plain non-negative integers are read, anything else is
    /// `None`, per header; throttling falls back to the reset when there is no
    /// `Retry-After`.
    #[test]
    fn rate_limit_headers(limit in rate_value(), remaining in rate_value(), reset in rate_value()) {
        let [spec, bare] = specs();
        let body = wrap(spec, json!({ "code": "rate_limit_exceeded", "message": "slow down" })).to_string().into_bytes();
        let headers = headers_of(&[("X-RateLimit-Limit", limit.clone()), ("X-RateLimit-Remaining", remaining.clone()), ("X-RateLimit-Reset", reset.clone())]);
        let d = decode_error_response(spec, 429, &headers, &body, now());
        check(spec, 429, body.len(), &d)?;
        // What survives as a header value is what the client would see.
        let parse = |v: &str| -> Option<u64> {
            let v = v.trim_matches(|c| c == ' ' || c == '\t');
            if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) { None } else { v.parse().ok() }
        };
        let valid = |v: &str| !v.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f);
        let read = |v: &str| if valid(v) { parse(v) } else { None };
        let Error::Api(e) = &d.error else { return Err(TestCaseError::fail("not an API error")) };
        let got = e.rate_limit().map(|r| (r.limit, r.remaining, r.reset));
        // The reset normalised to Unix seconds: a small value is a delay from now, and
        // one more than a year ahead is ignored.
        const NOW: u64 = 1_730_462_400;
        let normalised = read(&reset)
            .map(|r| if r < 1_000_000_000 { NOW + r } else { r })
            .filter(|r| *r <= NOW + vook_runtime::MAX_RESET_AHEAD.as_secs());
        let want = (read(&limit), read(&remaining), normalised);
        prop_assert_eq!(got, (want != (None, None, None)).then_some(want));
        if let Some(r) = read(&reset).filter(|r| *r < 1_000_000_000 && NOW + r <= NOW + vook_runtime::MAX_RESET_AHEAD.as_secs()) {
            prop_assert_eq!(d.reset_wait, Some(Duration::from_secs(r)));
            prop_assert_eq!(d.first_retry, (r <= spec.retry.max_retry_after_s).then(|| Duration::from_secs(r)));
        }
        // A spec without rate-limit headers reads none.
        let body = wrap(bare, json!({ "code": "rate_limit_exceeded" })).to_string().into_bytes();
        let d = decode_error_response(bare, 429, &headers, &body, now());
        prop_assert_eq!(d.reset_wait, None);
        prop_assert!(d.error.api_error().is_some_and(|e| e.rate_limit().is_none()));
    }
}

// ---------------------------------------------------------------------------
// Fixed hostile cases, beyond what the strategies reach

#[test]
fn hostile_fixed_cases() {
    for spec in specs() {
        let cases: Vec<Vec<u8>> = vec![
            "[".repeat(1_000_000).into_bytes(),
            "{\"error\":".repeat(200_000).into_bytes(),
            vec![b'x'; MAX_ERROR_BODY_BYTES * 4],
            vec![0xff; MAX_ERROR_BODY_BYTES + 1],
            // A valid body over the cap: cut, so undecodable, and marked truncated.
            wrap(
                spec,
                json!({ "code": "not_found", "message": "m".repeat(MAX_ERROR_BODY_BYTES) }),
            )
            .to_string()
            .into_bytes(),
        ];
        for body in cases {
            for status in [100, 204, 400, 404, 429, 500, 599] {
                let d = decode_error_response(spec, status, &headers_of(&[]), &body, now());
                check(spec, status, body.len(), &d).unwrap();
                assert!(
                    matches!(&d.error, Error::Decode(e) if e.body_truncated() == (body.len() > MAX_ERROR_BODY_BYTES))
                );
            }
        }
        // Exactly at the cap still decodes.
        // rate_limit_exceeded at 400: the table's throttle, not 400's `never`.
        let mut obj = wrap(
            spec,
            json!({ "code": "rate_limit_exceeded", "message": "" }),
        )
        .to_string();
        let pad = MAX_ERROR_BODY_BYTES - obj.len();
        obj.insert_str(obj.len() - 1, &" ".repeat(pad));
        assert_eq!(obj.len(), MAX_ERROR_BODY_BYTES);
        let d = decode_error_response(spec, 400, &headers_of(&[]), obj.as_bytes(), now());
        check(spec, 400, obj.len(), &d).unwrap();
        assert_eq!(d.class, RetryClass::Throttle, "the table says throttle");
        assert_eq!(
            d.error.api_error().map(|e| e.raw_body().len()),
            Some(MAX_ERROR_BODY_BYTES)
        );
    }
}

#[test]
fn invalid_header_bytes_are_dropped_and_the_first_retry_after_wins() {
    let [spec, _] = specs();
    let body = br#"{"error":{"code":"rate_limit_exceeded"}}"#;
    let headers: [(&[u8], &[u8]); 5] = [
        (b"Retry-After", b"7"),
        (b"Retry-After", b"9"),
        (b"X-Request-ID", b"req\n1"),
        (b"bad name", b"1"),
        (b"X-RateLimit-Limit", b"\xff\xfe"),
    ];
    let d = decode_error_response(spec, 429, &headers, body, now());
    check(spec, 429, body.len(), &d).unwrap();
    assert_eq!(d.retry_after, Some(Duration::from_secs(7)));
    assert_eq!(d.first_retry, Some(Duration::from_secs(7)));
    assert_eq!(
        d.error.request_id(),
        None,
        "a header with a newline never arrives"
    );
    assert!(
        d.error
            .api_error()
            .is_some_and(|e| e.rate_limit().is_none())
    );
}

// ---------------------------------------------------------------------------
// `api.error_fields` configurations: nested paths, status-keyed, integer wire codes

use vook_runtime::__fuzz::decode_endpoint_error;
use vook_runtime::{DetailsShape, ErrorFields, ErrorRow, ErrorWire};

const fn dialect_row(
    code: &'static str,
    wire: Option<ErrorWire>,
    status: u16,
    retry: RetryClass,
) -> ErrorRow {
    ErrorRow {
        code,
        wire,
        status,
        retry,
        summary: "",
        fix: "",
        details: false,
    }
}

/// Distinct statuses (so the status-keyed spec can use them all on one endpoint), a
/// string wire, an integer wire, and a plain key; classes that differ from the status
/// rule, so a wrong lookup shows.
static DIALECT_ROWS: [ErrorRow; 3] = [
    dialect_row("not_found", None, 404, RetryClass::Backoff),
    dialect_row(
        "card_declined",
        Some(ErrorWire::Str("card-declined")),
        402,
        RetryClass::Throttle,
    ),
    dialect_row(
        "too_many",
        Some(ErrorWire::Int(20429)),
        429,
        RetryClass::Never,
    ),
];
const DIALECT_CODES: [&str; 3] = ["not_found", "card_declined", "too_many"];

const fn dialect(
    name: &'static str,
    envelope_error: Option<&'static str>,
    error_fields: ErrorFields,
) -> ApiSpec {
    ApiSpec {
        name,
        envelope_error,
        error_fields,
        errors: &DIALECT_ROWS,
        ..BARE
    }
}

static NESTED: ApiSpec = dialect(
    "nested",
    Some("error"),
    ErrorFields {
        code: Some(&["detail", "code"]),
        message: Some(&["detail", "msg"]),
        request_id: Some(&["meta", "id"]),
        details: Some(DetailsShape {
            at: &["detail", "problems"],
            field: "path",
            issue: "why",
        }),
    },
);
static KEYED: ApiSpec = dialect(
    "keyed",
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
);
static INTEGER: ApiSpec = ApiSpec {
    request_id_header: Some("X-Request-ID"),
    ..dialect(
        "integer",
        None,
        ErrorFields {
            code: Some(&["code"]),
            message: Some(&["message"]),
            request_id: Some(&["request_id"]),
            details: None,
        },
    )
};

fn dialect_spec() -> impl Strategy<Value = &'static ApiSpec> {
    prop::sample::select(vec![&NESTED, &KEYED, &INTEGER])
}

/// Put `value` at `path` (made of objects) in `object`.
fn put(object: &mut Value, path: &[&str], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut here = object;
    for key in parents {
        if !here[*key].is_object() {
            here[*key] = json!({});
        }
        here = &mut here[*key];
    }
    here[*last] = value;
}

/// A body in `spec`'s shape: the code (a known wire, a key, an unknown string or
/// integer), the message, the request id and the details each where the spec says.
fn shaped_body(
    spec: &ApiSpec,
    code: &Value,
    message: &str,
    request_id: Option<&str>,
    details: &[(String, String)],
) -> Value {
    let f = &spec.error_fields;
    let mut o = json!({});
    if let Some(p) = f.code {
        put(&mut o, p, code.clone());
    }
    if let Some(p) = f.message {
        put(&mut o, p, message.into());
    }
    if let (Some(p), Some(id)) = (f.request_id, request_id) {
        put(&mut o, p, id.into());
    }
    if let Some(d) = &f.details {
        let list = details
            .iter()
            .map(|(field, issue)| {
                let mut e = serde_json::Map::new();
                e.insert(d.field.into(), field.clone().into());
                e.insert(d.issue.into(), issue.clone().into());
                Value::Object(e)
            })
            .collect();
        put(&mut o, d.at, Value::Array(list));
    }
    wrap(spec, o)
}

fn dialect_code() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!("not_found")),
        Just(json!("card-declined")),
        Just(json!(20429)),
        Just(json!("20429")),
        "[a-z_-]{1,20}".prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
    ]
}

/// A shaped body or one a little off: a path that stops at a string or list, a code of
/// the wrong type or a huge number, details that are not a list, deep nesting.
fn dialect_body(spec: &'static ApiSpec) -> impl Strategy<Value = Vec<u8>> {
    let shaped = (
        dialect_code(),
        ".{0,60}",
        prop::option::of("[a-z0-9_]{1,20}"),
        prop::collection::vec((".{0,12}", ".{0,20}"), 0..4),
    )
        .prop_map(move |(c, m, id, d)| shaped_body(spec, &c, &m, id.as_deref(), &d))
        .boxed();
    prop_oneof![
        3 => shaped.clone().prop_map(|v| v.to_string().into_bytes()),
        1 => (shaped.clone(), prop::sample::select(vec![
            json!("a string"), json!([1, 2]), json!(null), json!(1.5),
            json!(123_456_789_012_345_678_901_234_567_890_u128.to_string().parse::<f64>().unwrap_or(0.0)),
            json!({"deeper": {"still": true}}),
        ]), any::<Index>()).prop_map(|(v, odd, i)| {
            // Replace one value somewhere along the configured paths.
            let mut text = v.to_string();
            let spots: Vec<usize> = text.match_indices(':').map(|(n, _)| n + 1).collect();
            if let Some(&at) = spots.get(i.index(spots.len().max(1))) {
                let end = text[at..].find([',', '}']).map_or(text.len(), |n| n + at);
                if text.get(at..end).is_some() {
                    text.replace_range(at..end, &odd.to_string());
                }
            }
            text.into_bytes()
        }),
        1 => Just(br#"{"code":123456789012345678901234567890,"message":"huge","detail":{"code":-99999999999999999999}}"#.to_vec()),
        1 => (1usize..20_000).prop_map(|n| format!("{}1{}", "{\"detail\":".repeat(n), "}".repeat(n)).into_bytes()),
        1 => prop::collection::vec(any::<u8>(), 0..512),
    ]
}

/// The row an `ApiError` names by its key (`code()` is the key for known codes).
fn row_by_key(code: &str) -> Option<&'static ErrorRow> {
    DIALECT_ROWS.iter().find(|r| r.code == code)
}

/// Bounded, and classified by the row its code names, else by status.
fn check_dialect(status: u16, d: &DecodedError) -> Result<(), TestCaseError> {
    match &d.error {
        Error::Api(e) => {
            prop_assert_eq!(e.status(), status);
            prop_assert!(!e.code().trim().is_empty());
            prop_assert!(e.raw_body().len() <= MAX_ERROR_BODY_BYTES);
            let want = row_by_key(e.code()).map_or(RetryClass::for_status(status), |r| r.retry);
            prop_assert_eq!(d.class, want, "code {:?} at {}", e.code(), status);
            let _ = (e.to_string(), format!("{e:?}"));
        }
        Error::Decode(e) => {
            prop_assert_eq!(e.kind(), DecodeErrorKind::ErrorBody);
            prop_assert_eq!(d.class, RetryClass::for_status(status));
        }
        other => prop_assert!(false, "an error response became {:?}", other),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any body, in any configured shape or off it: no panic, bounded, classified.
    #[test]
    fn error_fields_configurations_are_bounded_and_classified(
        (spec, status, body) in dialect_spec().prop_flat_map(|s| (Just(s), 400u16..=599, dialect_body(s)))
    ) {
        let d = decode_endpoint_error(spec, &DIALECT_CODES, status, &headers_of(&[]), &body, now());
        check_dialect(status, &d)?;
        if spec.error_fields.code.is_none() && serde_json::from_slice::<serde_json::Map<String, Value>>(&body).is_ok() {
            // Status-keyed: any JSON object is an API error, named by status.
            let Error::Api(e) = &d.error else {
                return Err(TestCaseError::fail(format!("not an API error: {:?}", d.error)));
            };
            let want = DIALECT_ROWS.iter().find(|r| r.status == status)
                .map_or_else(|| format!("http_{status}"), |r| r.code.to_owned());
            prop_assert_eq!(e.code(), want.as_str());
        }
    }

    /// A body in the configured shape decodes to exactly its fields.
    #[test]
    fn error_fields_well_formed_bodies_decode_exactly(
        spec in dialect_spec(),
        status in 400u16..=599,
        code in dialect_code(),
        message in ".{0,100}",
        body_id in prop::option::of("[a-z0-9_]{1,20}"),
        header_id in prop::option::of("[a-zA-Z0-9_-]{1,40}"),
        details in prop::collection::vec((".{0,12}", ".{0,20}"), 0..4),
    ) {
        let body = shaped_body(spec, &code, &message, body_id.as_deref(), &details).to_string().into_bytes();
        let headers = header_id.iter().map(|id| ("X-Request-ID".to_owned(), id.clone())).collect::<Vec<_>>();
        let d = decode_endpoint_error(spec, &DIALECT_CODES, status, &headers, &body, now());
        check_dialect(status, &d)?;
        let Error::Api(e) = &d.error else {
            return Err(TestCaseError::fail(format!("not an API error: {:?}", d.error)));
        };
        let want_code = if spec.error_fields.code.is_none() {
            DIALECT_ROWS.iter().find(|r| r.status == status)
                .map_or_else(|| format!("http_{status}"), |r| r.code.to_owned())
        } else {
            let text = match &code { Value::String(s) => s.trim().to_owned(), other => other.to_string() };
            let by_wire = DIALECT_ROWS.iter().find(|r| match r.wire {
                Some(ErrorWire::Str(w)) => w == text,
                Some(ErrorWire::Int(n)) => n.to_string() == text,
                None => r.code == text,
            });
            by_wire.map_or(text, |r| r.code.to_owned())
        };
        prop_assume!(!want_code.is_empty());
        prop_assert_eq!(e.code(), want_code.as_str());
        let want_message = if spec.error_fields.message.is_some() { message.trim() } else { "" };
        prop_assert_eq!(e.message(), want_message);
        let in_body = body_id.filter(|_| spec.error_fields.request_id.is_some());
        let want_id = in_body.or(if spec.request_id_header.is_some() { header_id } else { None });
        prop_assert_eq!(e.request_id(), want_id.as_deref());
        let want: Vec<(&str, &str)> = if spec.error_fields.details.is_some() {
            details.iter().map(|(f, i)| (f.as_str(), i.as_str())).collect()
        } else {
            Vec::new()
        };
        let got: Vec<(&str, &str)> = e.details().iter().map(|i| (i.field.as_str(), i.issue.as_str())).collect();
        prop_assert_eq!(got, want);
    }
}
