//! Error decoding and classification: the runtime's path from one raw error response
//! (status, headers with `Retry-After` / `X-RateLimit-*` / `X-Request-ID`, a JSON body)
//! to a typed `vook_client::CreateItemError` variant plus the retry decision, against
//! "the errors page's way": `serde_json::from_slice::<Value>` and manual matching on
//! `["error"]["code"]` strings and header parsing.
//!
//! Both sides start from what the HTTP client hands over: the status, the `HeaderMap`
//! and the body bytes, built once before timing (building the map is hyper's work, not
//! decoding; the `header_map` line shows what it would add to both sides). A third
//! side, `serde_struct`, decodes the body into a borrowed `#[derive(Deserialize)]`
//! struct instead of a `Value`: not the runtime's code, a reference for what a typed
//! body decoder costs.
//!
//! Run: `cargo bench -p vook-runtime --bench decode -- --warm-up-time 1 --measurement-time 3`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use criterion::{BenchmarkId, Criterion};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::Value;
use vook_client::{API_SPEC, CreateItemError};
use vook_runtime::OpError as _;

#[path = "decode/dialects.rs"]
mod dialects;
use dialects::{DIALECTS, check_dialects, manual_dialect, runtime_dialect_only};

/// One recorded error response.
struct Case {
    name: &'static str,
    status: u16,
    headers: &'static [(&'static str, &'static str)],
    body: &'static str,
}

/// The errors page's own examples, with the headers the page documents.
const CASES: [Case; 3] = [
    Case {
        name: "429_rate_limited",
        status: 429,
        headers: &[
            ("content-type", "application/json"),
            ("retry-after", "30"),
            ("x-ratelimit-limit", "1000"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1730462400"),
            ("x-request-id", "req_efg567"),
        ],
        body: r#"{"error":{"code":"rate_limit_exceeded","message":"Too many requests. Please slow down and retry after the indicated period.","request_id":"req_efg567"}}"#,
    },
    Case {
        name: "422_validation_details",
        status: 422,
        headers: &[
            ("content-type", "application/json"),
            ("x-ratelimit-limit", "1000"),
            ("x-ratelimit-remaining", "998"),
            ("x-ratelimit-reset", "1730462400"),
            ("x-request-id", "req_def456"),
        ],
        body: r#"{"error":{"code":"validation_error","message":"The request body contains invalid fields.","request_id":"req_def456","details":[{"field":"name","issue":"required field is missing"},{"field":"tags","issue":"must be an array of strings"}]}}"#,
    },
    Case {
        name: "500_internal",
        status: 500,
        headers: &[
            ("content-type", "application/json"),
            ("x-ratelimit-limit", "1000"),
            ("x-ratelimit-remaining", "997"),
            ("x-ratelimit-reset", "1730462400"),
            ("x-request-id", "req_fgh678"),
        ],
        body: r#"{"error":{"code":"internal_error","message":"An unexpected error occurred. Please try again or contact support.","request_id":"req_fgh678"}}"#,
    },
];

/// One response as the HTTP client hands it over.
struct Response {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
}

impl Response {
    fn of(case: &Case) -> Self {
        Response {
            status: case.status,
            headers: header_map(case.headers),
            body: Bytes::from_static(case.body.as_bytes()),
        }
    }
}

/// What the HTTP client does before either side sees the response.
fn header_map(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::with_capacity(pairs.len());
    for (name, value) in pairs {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            map.append(n, v);
        }
    }
    map
}

/// The runtime: decode, classify by the generated `ERROR_TABLE`, decide the first
/// retry, and sort into the generated enum (as `Client::call` does with `map_api`).
fn runtime(
    resp: &Response,
    now: SystemTime,
) -> (vook_runtime::Error<CreateItemError>, Option<Duration>) {
    let decoded = vook_runtime::__fuzz::decode_error_parts(
        &API_SPEC,
        resp.status,
        &resp.headers,
        resp.body.clone(),
        now,
    );
    (
        decoded.error.map_api(CreateItemError::from_api_error),
        decoded.first_retry,
    )
}

/// The hand-written result: what the errors page's loop extracts.
#[derive(Debug)]
#[allow(dead_code)] // read through `Debug` and `black_box` only
struct Manual {
    kind: ManualKind,
    status: u16,
    code: String,
    message: String,
    request_id: Option<String>,
    details: Vec<(String, String)>,
    retry_after: Option<Duration>,
    limit: Option<u64>,
    remaining: Option<u64>,
    reset: Option<u64>,
    retry_in: Option<Duration>,
}

/// The codes the hand-written loop knows, matched by string.
#[derive(Debug)]
enum ManualKind {
    InvalidApiKey,
    InsufficientPermissions,
    ValidationError,
    RateLimitExceeded,
    InternalError,
    Other,
}

impl ManualKind {
    /// The code matched as a string.
    fn of(code: &str) -> Self {
        match code {
            "invalid_api_key" => ManualKind::InvalidApiKey,
            "insufficient_permissions" => ManualKind::InsufficientPermissions,
            "validation_error" => ManualKind::ValidationError,
            "rate_limit_exceeded" => ManualKind::RateLimitExceeded,
            "internal_error" => ManualKind::InternalError,
            _ => ManualKind::Other,
        }
    }

    /// The errors page's retry rule: wait out a 429 (`Retry-After`, else 1 s), back off
    /// 1 s on a 5xx, give up otherwise.
    fn retry_in(&self, status: u16, retry_after: Option<Duration>) -> Option<Duration> {
        let delay = Duration::from_secs(1);
        match (status, self) {
            (429, _) | (_, ManualKind::RateLimitExceeded) => Some(retry_after.unwrap_or(delay)),
            (500..=599, _) => Some(delay),
            _ => None,
        }
    }
}

fn header_u64(headers: &HeaderMap, name: &str) -> Option<u64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

/// The errors page's way, in Rust: a `Value`, string matching, manual headers.
fn manual(resp: &Response) -> Manual {
    let headers = &resp.headers;
    let body: Value = serde_json::from_slice(&resp.body).unwrap_or(Value::Null);
    let error = &body["error"];
    let code = error["code"].as_str().unwrap_or_default().to_owned();
    let kind = ManualKind::of(&code);
    let request_id = error["request_id"].as_str().map(str::to_owned).or_else(|| {
        headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    });
    let details = error["details"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|d| {
                    Some((
                        d["field"].as_str()?.to_owned(),
                        d["issue"].as_str()?.to_owned(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let retry_after = header_u64(headers, "retry-after").map(Duration::from_secs);
    let retry_in = kind.retry_in(resp.status, retry_after);
    Manual {
        kind,
        status: resp.status,
        code,
        message: error["message"].as_str().unwrap_or_default().to_owned(),
        request_id,
        details,
        retry_after,
        limit: header_u64(headers, "x-ratelimit-limit"),
        remaining: header_u64(headers, "x-ratelimit-remaining"),
        reset: header_u64(headers, "x-ratelimit-reset"),
        retry_in,
    }
}

/// A borrowed, derive-decoded error body (reference only).
#[derive(serde::Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    error: ErrorObject<'a>,
}

#[derive(serde::Deserialize)]
struct ErrorObject<'a> {
    #[serde(borrow)]
    code: std::borrow::Cow<'a, str>,
    #[serde(borrow, default)]
    message: std::borrow::Cow<'a, str>,
    #[serde(borrow, default)]
    request_id: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow, default)]
    details: Vec<Detail<'a>>,
}

#[derive(serde::Deserialize)]
struct Detail<'a> {
    #[serde(borrow)]
    field: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    issue: std::borrow::Cow<'a, str>,
}

/// `manual`, with the body decoded into a borrowed struct instead of a `Value`.
fn serde_struct(resp: &Response) -> Manual {
    let headers = &resp.headers;
    let env: Envelope<'_> = serde_json::from_slice(&resp.body).expect("valid body");
    let e = env.error;
    let kind = ManualKind::of(&e.code);
    let retry_after = header_u64(headers, "retry-after").map(Duration::from_secs);
    let retry_in = kind.retry_in(resp.status, retry_after);
    Manual {
        kind,
        status: resp.status,
        code: e.code.into_owned(),
        message: e.message.into_owned(),
        request_id: e.request_id.map(std::borrow::Cow::into_owned),
        details: e
            .details
            .into_iter()
            .map(|d| (d.field.into_owned(), d.issue.into_owned()))
            .collect(),
        retry_after,
        limit: header_u64(headers, "x-ratelimit-limit"),
        remaining: header_u64(headers, "x-ratelimit-remaining"),
        reset: header_u64(headers, "x-ratelimit-reset"),
        retry_in,
    }
}

/// Both sides agree on what each case means, so they measure the same work.
fn check_cases(now: SystemTime) {
    for case in &CASES {
        let resp = Response::of(case);
        let (error, retry) = runtime(&resp, now);
        let m = manual(&resp);
        let s = serde_struct(&resp);
        let typed = error.api().expect("an API error");
        let api = typed.api_error();
        assert_eq!(api.code(), m.code, "{}", case.name);
        assert_eq!(s.code, m.code, "{}", case.name);
        assert_eq!(api.request_id(), m.request_id.as_deref(), "{}", case.name);
        assert_eq!(api.details().len(), m.details.len(), "{}", case.name);
        assert_eq!(api.retry_after(), m.retry_after, "{}", case.name);
        assert_eq!(retry.is_some(), m.retry_in.is_some(), "{}", case.name);
        let expected = match case.status {
            429 => matches!(typed, CreateItemError::RateLimitExceeded(_)),
            422 => matches!(typed, CreateItemError::ValidationError(_)),
            _ => matches!(typed, CreateItemError::InternalError(_)),
        };
        assert!(expected, "{}: {typed:?}", case.name);
    }
}

fn decode(c: &mut Criterion) {
    // A fixed clock: the rate-limit reset lies in the future of it, as it would live.
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_730_462_370);
    check_cases(now);
    let mut group = c.benchmark_group("decode");
    for case in &CASES {
        let resp = Response::of(case);
        group.bench_with_input(BenchmarkId::new("runtime", case.name), &resp, |b, resp| {
            b.iter(|| runtime(black_box(resp), now));
        });
        group.bench_with_input(
            BenchmarkId::new("manual_value", case.name),
            &resp,
            |b, resp| {
                b.iter(|| manual(black_box(resp)));
            },
        );
        group.bench_with_input(
            BenchmarkId::new("serde_struct", case.name),
            &resp,
            |b, resp| {
                b.iter(|| serde_struct(black_box(resp)));
            },
        );
        group.bench_with_input(
            BenchmarkId::new("header_map", case.name),
            case,
            |b, case| {
                b.iter(|| header_map(black_box(case.headers)));
            },
        );
    }
    check_dialects(now);
    for d in &DIALECTS {
        let resp = Response::of(&d.case);
        group.bench_with_input(BenchmarkId::new("runtime", d.name), &resp, |b, resp| {
            b.iter(|| runtime_dialect_only(d.name, black_box(resp), now));
        });
        group.bench_with_input(
            BenchmarkId::new("manual_value", d.name),
            &resp,
            |b, resp| {
                b.iter(|| manual_dialect(d.name, black_box(resp)));
            },
        );
    }
    group.finish();
}

/// The speed-up (manual time / runtime time) per case, from interleaved rounds: on a
/// shared machine the speed drifts over seconds, and criterion measures one side after
/// the other; alternating short rounds and taking the median ratio cancels the drift.
fn interleaved_ratios(now: SystemTime) {
    const ROUNDS: usize = 41;
    const ITERS: u32 = 20_000;
    for case in &CASES {
        let resp = Response::of(case);
        let time = |f: &dyn Fn()| {
            let start = std::time::Instant::now();
            for _ in 0..ITERS {
                f();
            }
            start.elapsed()
        };
        let mut ratios: Vec<f64> = (0..ROUNDS)
            .map(|_| {
                let ours = time(&|| drop(black_box(runtime(black_box(&resp), now))));
                let theirs = time(&|| drop(black_box(manual(black_box(&resp)))));
                theirs.as_secs_f64() / ours.as_secs_f64()
            })
            .collect();
        ratios.sort_by(f64::total_cmp);
        println!(
            "decode speed-up {}: {:.2}x (median of {ROUNDS} interleaved rounds; min {:.2}x, max {:.2}x)",
            case.name,
            ratios[ROUNDS / 2],
            ratios[0],
            ratios[ROUNDS - 1],
        );
    }
}

/// [`interleaved_ratios`] for the other APIs' shapes.
fn interleaved_dialect_ratios(now: SystemTime, rounds: usize) {
    const ITERS: u32 = 20_000;
    check_dialects(now);
    for d in &DIALECTS {
        let resp = Response::of(&d.case);
        let time = |f: &dyn Fn()| {
            let start = std::time::Instant::now();
            for _ in 0..ITERS {
                f();
            }
            start.elapsed()
        };
        let mut ratios: Vec<f64> = (0..rounds)
            .map(|_| {
                let ours = time(&|| runtime_dialect_only(d.name, black_box(&resp), now));
                let theirs = time(&|| drop(black_box(manual_dialect(d.name, black_box(&resp)))));
                theirs.as_secs_f64() / ours.as_secs_f64()
            })
            .collect();
        ratios.sort_by(f64::total_cmp);
        println!(
            "decode speed-up {}: {:.2}x (median of {rounds} interleaved rounds; min {:.2}x, max {:.2}x)",
            d.name,
            ratios[rounds / 2],
            ratios[0],
            ratios[rounds - 1],
        );
    }
}

fn main() {
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_730_462_370);
    // `VOOK_BENCH_RATIOS_ONLY=1`: only the interleaved ratios (a short run on a shared machine).
    // `VOOK_BENCH_LOOP=runtime:CASE` (or `manual:CASE`): 10,000 decodes of one case by
    // one side and nothing else, for instruction counts (callgrind), which a loaded
    // machine does not blur.
    if let Ok(spec) = std::env::var("VOOK_BENCH_LOOP") {
        let (side, name) = spec.split_once(':').unwrap_or((spec.as_str(), ""));
        let runtime_side = side == "runtime";
        for case in CASES.iter().filter(|c| c.name == name) {
            let resp = Response::of(case);
            for _ in 0..10_000 {
                if runtime_side {
                    drop(black_box(runtime(black_box(&resp), now)));
                } else {
                    drop(black_box(manual(black_box(&resp))));
                }
            }
        }
        for d in DIALECTS.iter().filter(|d| d.name == name) {
            let resp = Response::of(&d.case);
            for _ in 0..10_000 {
                if runtime_side {
                    runtime_dialect_only(d.name, black_box(&resp), now);
                } else {
                    drop(black_box(manual_dialect(d.name, black_box(&resp))));
                }
            }
        }
        return;
    }
    let ratios_only = std::env::var_os("VOOK_BENCH_RATIOS_ONLY").is_some();
    interleaved_ratios(now);
    interleaved_dialect_ratios(now, 41);
    if ratios_only {
        return;
    }
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    decode(&mut c);
    c.final_summary();
}
