//! Other APIs' error shapes for the decode bench (`api.error_fields`, `wire`,
//! status-keyed): a Stripe-, a GitHub- and a Twilio-shaped response, each decoded by the
//! runtime with its own `ApiSpec` and by its own `serde_json::Value` way.

use std::hint::black_box;
use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;
use serde_json::Value;

use super::{Case, Response, header_u64};

use vook_runtime::{ApiError, ApiSpec, DetailsShape, ErrorFields, ErrorRow, ErrorWire, RetryClass};

const fn row(
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

const fn dialect_spec(
    name: &'static str,
    request_id_header: &'static str,
    envelope_error: Option<&'static str>,
    error_fields: ErrorFields,
    errors: &'static [ErrorRow],
) -> ApiSpec {
    ApiSpec {
        name,
        base_url: "https://api.example.test",
        auth: vook_runtime::AuthSpec::NONE,
        request_id_header: Some(request_id_header),
        rate_limit_headers: Some(vook_runtime::RateLimitHeaders {
            limit: "x-ratelimit-limit",
            remaining: "x-ratelimit-remaining",
            reset: "x-ratelimit-reset",
            reset_format: vook_runtime::ResetFormat::Epoch,
        }),
        envelope_data: None,
        envelope_error,
        error_fields,
        retry: vook_runtime::RetryDefaults::STANDARD,
        errors,
    }
}

/// Stripe: `{"error": {"type", "code", "message", "param"}}`, the request id only in
/// the `Request-Id` header.
static STRIPE: ApiSpec = dialect_spec(
    "stripe",
    "request-id",
    Some("error"),
    ErrorFields {
        code: Some(&["code"]),
        message: Some(&["message"]),
        request_id: None,
        details: None,
    },
    &[
        row("card_declined", None, 402, RetryClass::Never),
        row("rate_limit", None, 429, RetryClass::Throttle),
        row("resource_missing", None, 404, RetryClass::Never),
    ],
);
/// GitHub: `{"message", "documentation_url", "errors": [{"resource", "field", "code"}]}`,
/// no code: status-keyed.
static GITHUB: ApiSpec = dialect_spec(
    "github",
    "x-github-request-id",
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
        row("not_found", None, 404, RetryClass::Never),
        row("validation_failed", None, 422, RetryClass::Never),
    ],
);
/// Twilio: `{"code": 20404, "message", "more_info", "status"}`, integer wire codes.
static TWILIO: ApiSpec = dialect_spec(
    "twilio",
    "twilio-request-id",
    None,
    ErrorFields {
        code: Some(&["code"]),
        message: Some(&["message"]),
        request_id: None,
        details: None,
    },
    &[
        row(
            "authentication_error",
            Some(ErrorWire::Int(20003)),
            401,
            RetryClass::Never,
        ),
        row(
            "resource_not_found",
            Some(ErrorWire::Int(20404)),
            404,
            RetryClass::Never,
        ),
        row(
            "too_many_requests",
            Some(ErrorWire::Int(20429)),
            429,
            RetryClass::Throttle,
        ),
    ],
);

#[derive(Debug)]
enum StripeError {
    CardDeclined(ApiError),
    RateLimit(ApiError),
    Unknown(ApiError),
}
vook_runtime::op_error!(StripeError { CardDeclined = "card_declined", RateLimit = "rate_limit" });

#[derive(Debug)]
enum GithubError {
    NotFound(ApiError),
    ValidationFailed(ApiError),
    Unknown(ApiError),
}
vook_runtime::op_error!(GithubError { NotFound = "not_found", ValidationFailed = "validation_failed" });

#[derive(Debug)]
enum TwilioError {
    AuthenticationError(ApiError),
    ResourceNotFound(ApiError),
    Unknown(ApiError),
}
vook_runtime::op_error!(TwilioError { AuthenticationError = "authentication_error", ResourceNotFound = "resource_not_found" });

/// One dialect's recorded response.
pub(crate) struct DialectCase {
    pub(crate) name: &'static str,
    pub(crate) case: Case,
}

pub(crate) const DIALECTS: [DialectCase; 3] = [
    DialectCase {
        name: "stripe_402_card_declined",
        case: Case {
            name: "stripe_402_card_declined",
            status: 402,
            headers: &[
                ("content-type", "application/json"),
                ("request-id", "req_1Xb9ZqLkmnop"),
                ("stripe-version", "2024-06-20"),
            ],
            body: r#"{"error":{"type":"card_error","code":"card_declined","decline_code":"generic_decline","message":"Your card was declined.","param":"number","doc_url":"https://stripe.com/docs/error-codes/card-declined"}}"#,
        },
    },
    DialectCase {
        name: "github_422_status_keyed",
        case: Case {
            name: "github_422_status_keyed",
            status: 422,
            headers: &[
                ("content-type", "application/json; charset=utf-8"),
                ("x-github-request-id", "C0DE:1234:ABCDEF:123456:6745A1B2"),
                ("x-ratelimit-limit", "5000"),
                ("x-ratelimit-remaining", "4999"),
                ("x-ratelimit-reset", "1730462400"),
            ],
            body: r#"{"message":"Validation Failed","errors":[{"resource":"Issue","field":"title","code":"missing_field"}],"documentation_url":"https://docs.github.com/rest/issues/issues#create-an-issue","status":"422"}"#,
        },
    },
    DialectCase {
        name: "twilio_404_integer_code",
        case: Case {
            name: "twilio_404_integer_code",
            status: 404,
            headers: &[
                ("content-type", "application/json"),
                ("twilio-request-id", "RQ0123456789abcdef0123456789abcdef"),
            ],
            body: r#"{"code":20404,"message":"The requested resource /2010-04-01/Accounts/AC123/Messages/SM123.json was not found","more_info":"https://www.twilio.com/docs/errors/20404","status":404}"#,
        },
    },
];

/// What each dialect's hand-written decoder extracts.
#[derive(Debug)]
#[allow(dead_code)] // read through `Debug` and `black_box` only
pub(crate) struct ManualDialect {
    kind: u8,
    status: u16,
    code: String,
    message: String,
    request_id: Option<String>,
    details: Vec<(String, String)>,
    retry_after: Option<Duration>,
    limit: Option<u64>,
    remaining: Option<u64>,
    reset: Option<u64>,
}

fn header_str(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name)?.to_str().ok().map(str::to_owned)
}

/// The `Value` way for each dialect: parse, look the fields up, match the code (by
/// string, by status, by integer), read the headers by hand.
pub(crate) fn manual_dialect(name: &str, resp: &Response) -> ManualDialect {
    let headers = &resp.headers;
    let body: Value = serde_json::from_slice(&resp.body).unwrap_or(Value::Null);
    let (kind, code, message, request_id, details) = match name {
        "stripe_402_card_declined" => {
            let e = &body["error"];
            let code = e["code"].as_str().unwrap_or_default().to_owned();
            let kind = match code.as_str() {
                "card_declined" => 1,
                "rate_limit" => 2,
                _ => 0,
            };
            let message = e["message"].as_str().unwrap_or_default().to_owned();
            (
                kind,
                code,
                message,
                header_str(headers, "request-id"),
                Vec::new(),
            )
        }
        "github_422_status_keyed" => {
            let (kind, code) = match resp.status {
                404 => (1, "not_found".to_owned()),
                422 => (2, "validation_failed".to_owned()),
                s => (0, format!("http_{s}")),
            };
            let details = body["errors"]
                .as_array()
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|d| {
                            Some((
                                d["field"].as_str()?.to_owned(),
                                d["code"].as_str()?.to_owned(),
                            ))
                        })
                        .collect()
                })
                .unwrap_or_default();
            let message = body["message"].as_str().unwrap_or_default().to_owned();
            (
                kind,
                code,
                message,
                header_str(headers, "x-github-request-id"),
                details,
            )
        }
        _ => {
            let (kind, code) = match body["code"].as_i64() {
                Some(20003) => (1, "authentication_error".to_owned()),
                Some(20404) => (2, "resource_not_found".to_owned()),
                Some(n) => (0, n.to_string()),
                None => (0, String::new()),
            };
            let message = body["message"].as_str().unwrap_or_default().to_owned();
            (
                kind,
                code,
                message,
                header_str(headers, "twilio-request-id"),
                Vec::new(),
            )
        }
    };
    ManualDialect {
        kind,
        status: resp.status,
        code,
        message,
        request_id,
        details,
        retry_after: header_u64(headers, "retry-after").map(Duration::from_secs),
        limit: header_u64(headers, "x-ratelimit-limit"),
        remaining: header_u64(headers, "x-ratelimit-remaining"),
        reset: header_u64(headers, "x-ratelimit-reset"),
    }
}

/// The runtime on one dialect: decode with the dialect's spec (and, status-keyed, the
/// endpoint's codes), then sort into the typed enum.
fn runtime_dialect(name: &str, resp: &Response, now: SystemTime) -> (String, ApiErrorSummary) {
    fn run<E: vook_runtime::OpError>(
        spec: &ApiSpec,
        resp: &Response,
        now: SystemTime,
    ) -> vook_runtime::Error<E> {
        vook_runtime::__fuzz::decode_endpoint_parts(
            spec,
            E::CODES,
            resp.status,
            &resp.headers,
            resp.body.clone(),
            now,
        )
        .error
        .map_api(E::from_api_error)
    }
    let summary = |e: Option<&ApiError>| ApiErrorSummary {
        code: e.map(|e| e.code().to_owned()).unwrap_or_default(),
        message: e.map(|e| e.message().to_owned()).unwrap_or_default(),
        request_id: e.and_then(|e| e.request_id().map(str::to_owned)),
        details: e.map_or(0, |e| e.details().len()),
    };
    match name {
        "stripe_402_card_declined" => {
            let e = run::<StripeError>(&STRIPE, resp, now);
            let variant = match e.api() {
                Some(StripeError::CardDeclined(_)) => "CardDeclined",
                Some(StripeError::RateLimit(_)) => "RateLimit",
                _ => "other",
            };
            (
                variant.to_owned(),
                summary(e.api().map(vook_runtime::OpError::api_error)),
            )
        }
        "github_422_status_keyed" => {
            let e = run::<GithubError>(&GITHUB, resp, now);
            let variant = match e.api() {
                Some(GithubError::NotFound(_)) => "NotFound",
                Some(GithubError::ValidationFailed(_)) => "ValidationFailed",
                _ => "other",
            };
            (
                variant.to_owned(),
                summary(e.api().map(vook_runtime::OpError::api_error)),
            )
        }
        _ => {
            let e = run::<TwilioError>(&TWILIO, resp, now);
            let variant = match e.api() {
                Some(TwilioError::AuthenticationError(_)) => "AuthenticationError",
                Some(TwilioError::ResourceNotFound(_)) => "ResourceNotFound",
                _ => "other",
            };
            (
                variant.to_owned(),
                summary(e.api().map(vook_runtime::OpError::api_error)),
            )
        }
    }
}

/// What the checks compare (not part of the timed work of `runtime_dialect_only`).
struct ApiErrorSummary {
    code: String,
    message: String,
    request_id: Option<String>,
    details: usize,
}

/// The timed runtime side: decode and sort only, as `Client::call` does.
pub(crate) fn runtime_dialect_only(name: &str, resp: &Response, now: SystemTime) {
    fn run<E: vook_runtime::OpError>(spec: &ApiSpec, resp: &Response, now: SystemTime) {
        let d = vook_runtime::__fuzz::decode_endpoint_parts(
            spec,
            E::CODES,
            resp.status,
            &resp.headers,
            resp.body.clone(),
            now,
        );
        black_box((d.error.map_api(E::from_api_error), d.first_retry));
    }
    match name {
        "stripe_402_card_declined" => run::<StripeError>(&STRIPE, resp, now),
        "github_422_status_keyed" => run::<GithubError>(&GITHUB, resp, now),
        _ => run::<TwilioError>(&TWILIO, resp, now),
    }
}

/// Both sides agree on each dialect case before anything is timed.
pub(crate) fn check_dialects(now: SystemTime) {
    let expected = [
        ("CardDeclined", "card_declined", 0),
        ("ValidationFailed", "validation_failed", 1),
        ("ResourceNotFound", "resource_not_found", 0),
    ];
    for (d, (variant, code, details)) in DIALECTS.iter().zip(expected) {
        let resp = Response::of(&d.case);
        let (v, s) = runtime_dialect(d.name, &resp, now);
        let m = manual_dialect(d.name, &resp);
        assert_eq!(v, variant, "{}", d.name);
        assert_eq!(s.code, code, "{}", d.name);
        assert_eq!(m.code, code, "{}", d.name);
        assert_eq!(s.message, m.message, "{}", d.name);
        assert!(!s.message.is_empty(), "{}", d.name);
        assert_eq!(s.request_id, m.request_id, "{}", d.name);
        assert!(s.request_id.is_some(), "{}", d.name);
        assert_eq!(s.details, details, "{}", d.name);
        assert_eq!(m.details.len(), details, "{}", d.name);
    }
}
