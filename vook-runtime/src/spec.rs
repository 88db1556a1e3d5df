//! The static description of one API, emitted once by the code generator.
//!
//! Everything here is `'static` and `Copy`: the generator writes these values
//! as `static` items, and the runtime only ever reads them.

pub use vook_vocab::auth::AuthScheme;
pub use vook_vocab::rate_limit::ResetFormat;
pub use vook_vocab::wire::BodyEncoding;
pub use vook_vocab::{Method, RetryClass, RetryDefaults};

use crate::error_fields::{BodyCode, ErrorFields, ErrorWire};

/// Static description of one API: where it lives, how it authenticates, how
/// its bodies are shaped and how its errors are classified for retrying.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApiSpec {
    /// Snake-case API name, e.g. `"vook"`; used in the `User-Agent` and in tracing.
    pub name: &'static str,
    /// Default base URL, e.g. `"https://api.vook.ai/v1"`; endpoint paths are appended.
    pub base_url: &'static str,
    /// How requests carry the API key (scheme, header or parameter name, environment
    /// variable); [`AuthSpec::NONE`] when the API takes no authentication.
    pub auth: AuthSpec,
    /// Response header carrying the request id (e.g. `Some("x-request-id")`),
    /// used when an error body has no `request_id` and for successful responses.
    /// Any case works; the generator writes header names lowercase, which match fastest.
    pub request_id_header: Option<&'static str>,
    /// Names of the rate-limit headers, if the API sends them.
    pub rate_limit_headers: Option<RateLimitHeaders>,
    /// Success envelope key: `Some("data")` means a success body is `{"data": T}`;
    /// `None` means the body is `T` itself.
    pub envelope_data: Option<&'static str>,
    /// Error envelope key: `Some("error")` means a failure body is
    /// `{"error": {code, message, request_id, details}}`; `None` means that object is the body.
    pub envelope_error: Option<&'static str>,
    /// Where the error object keeps its code, message, request id and details
    /// (`api.error_fields`; [`ErrorFields::DEFAULT`] when the spec says nothing).
    pub error_fields: ErrorFields,
    /// Retry defaults of clients built for this API.
    pub retry: RetryDefaults,
    /// The retry-classification table (the generated `ERROR_TABLE`).
    pub errors: &'static [ErrorRow],
}

impl ApiSpec {
    /// The row of [`ApiSpec::errors`] for a wire error code, if the spec knows it: the
    /// row whose `wire` or key it is (the spec's validation keeps wires and keys apart).
    pub fn error_row(&self, code: &str) -> Option<&'static ErrorRow> {
        self.error_row_for(BodyCode::Str(code))
    }

    /// [`ApiSpec::error_row`] for a code as the body held it (a string or an integer).
    pub fn error_row_for(&self, code: BodyCode<'_>) -> Option<&'static ErrorRow> {
        self.errors.iter().find(|row| {
            row.wire.is_some_and(|wire| wire.matches(&code))
                || matches!(code, BodyCode::Str(s) if s == row.code)
        })
    }

    /// For a status-keyed API: the row among `codes` (the keys an endpoint can return)
    /// with this status. The spec's validation makes it unique per endpoint.
    pub fn status_row(&self, codes: &[&str], status: u16) -> Option<&'static ErrorRow> {
        self.errors
            .iter()
            .find(|row| row.status == status && codes.contains(&row.code))
    }

    /// The retry class of an error response: by code from the table, else by status
    /// (see [`RetryClass::for_status`]).
    pub fn retry_class(&self, code: Option<&str>, status: u16) -> RetryClass {
        code.and_then(|c| self.error_row(c))
            .map_or_else(|| RetryClass::for_status(status), |row| row.retry)
    }
}

/// A spec for the runtime's unit tests: loopback, the Vook envelopes and (lowercase)
/// header names, no auth, an empty error table.
#[cfg(test)]
pub(crate) const TEST_SPEC: ApiSpec = ApiSpec {
    name: "t",
    base_url: "http://127.0.0.1",
    auth: AuthSpec::NONE,
    request_id_header: Some("x-request-id"),
    rate_limit_headers: Some(RateLimitHeaders {
        limit: "x-ratelimit-limit",
        remaining: "x-ratelimit-remaining",
        reset: "x-ratelimit-reset",
        reset_format: ResetFormat::Epoch,
    }),
    envelope_data: Some("data"),
    envelope_error: Some("error"),
    error_fields: ErrorFields::DEFAULT,
    retry: RetryDefaults::STANDARD,
    errors: &[],
};

/// Names of the three rate-limit response headers (any case; generated lowercase).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimitHeaders {
    /// Header with the request quota of the window, e.g. `"x-ratelimit-limit"`.
    pub limit: &'static str,
    /// Header with the requests left in the window, e.g. `"x-ratelimit-remaining"`.
    pub remaining: &'static str,
    /// Header with the window reset time, e.g. `"x-ratelimit-reset"`, as `reset_format` says.
    pub reset: &'static str,
    /// How the reset header spells the reset: Unix seconds (the default), seconds from
    /// now, or a Go-style duration (`6m0s`). [`RateLimit::reset`](crate::RateLimit) is
    /// always Unix seconds, whatever the format.
    pub reset_format: ResetFormat,
}

/// How requests authenticate: the spec's `api.auth`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuthSpec {
    /// Where the key goes: `Authorization: Bearer`, a named header, a named query
    /// parameter, `Authorization: Basic`, or nowhere.
    pub scheme: AuthScheme,
    /// The header (`header` scheme, e.g. `"x-api-key"`) or query parameter (`query`
    /// scheme, e.g. `"api_key"`) carrying the key; `None` for the other schemes.
    pub name: Option<&'static str>,
    /// Environment variable `from_env()` reads the key from (e.g. `Some("VOOK_API_KEY")`);
    /// `None` for the `none` scheme.
    pub env: Option<&'static str>,
}

impl AuthSpec {
    /// No authentication: requests carry no key and `from_env()` reads no variable.
    pub const NONE: AuthSpec = AuthSpec {
        scheme: AuthScheme::None,
        name: None,
        env: None,
    };

    /// `Authorization: Bearer <key>`, the key read from `env`.
    pub const fn bearer(env: &'static str) -> Self {
        AuthSpec {
            scheme: AuthScheme::Bearer,
            name: None,
            env: Some(env),
        }
    }

    /// Whether requests carry a key (every scheme but `none`).
    pub const fn takes_key(&self) -> bool {
        self.scheme.takes_key()
    }
}

/// One row of the error table: a wire code and how to treat it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorRow {
    /// Snake-case key of the code, e.g. `"rate_limit_exceeded"`: what
    /// [`ApiError::code`](crate::ApiError::code) returns, and the wire code unless
    /// [`ErrorRow::wire`] says otherwise.
    pub code: &'static str,
    /// The code as the body carries it when it is not the key (the spec's `wire:`).
    pub wire: Option<ErrorWire>,
    /// The HTTP status the API documents for this code.
    pub status: u16,
    /// How the client retries this error.
    pub retry: RetryClass,
    /// One-line description from the spec.
    pub summary: &'static str,
    /// How to fix it, from the spec.
    pub fix: &'static str,
    /// Whether the body carries `details[]` of `{field, issue}`.
    pub details: bool,
}

/// The `reqwest` method of a spec method.
pub(crate) fn reqwest_method(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Patch => reqwest::Method::PATCH,
        Method::Delete => reqwest::Method::DELETE,
    }
}

/// Static description of one endpoint, emitted once per operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// Snake-case operation id, e.g. `"get_item"`.
    pub operation: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template, e.g. `"/items/{item_id}"`; each `{name}` is replaced, in order,
    /// by one percent-encoded path parameter.
    pub path: &'static str,
    /// Documented success status (200, 201, 204); any 2xx counts as success.
    pub status: u16,
    /// Whether repeating the request is harmless (spec default: GET/PUT/DELETE yes, POST/PATCH no).
    pub idempotent: bool,
    /// How the request body is sent: JSON (the default) or a form
    /// (`application/x-www-form-urlencoded`, see [`crate::form`]).
    pub body_encoding: BodyEncoding,
}

impl Endpoint {
    /// An endpoint descriptor with a JSON body; `const` so generated code can keep one
    /// `static` per endpoint on one line.
    pub const fn new(
        operation: &'static str,
        method: Method,
        path: &'static str,
        status: u16,
        idempotent: bool,
    ) -> Self {
        Endpoint {
            operation,
            method,
            path,
            status,
            idempotent,
            body_encoding: BodyEncoding::Json,
        }
    }

    /// This descriptor with its body sent in `encoding` (generated code writes
    /// `.with_body_encoding(BodyEncoding::Form)` for `body_encoding: form`).
    pub const fn with_body_encoding(mut self, encoding: BodyEncoding) -> Self {
        self.body_encoding = encoding;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static ROWS: [ErrorRow; 2] = [
        ErrorRow {
            code: "not_found",
            wire: None,
            status: 404,
            retry: RetryClass::Never,
            summary: "",
            fix: "",
            details: false,
        },
        ErrorRow {
            code: "busy",
            wire: Some(ErrorWire::Int(20404)),
            status: 400,
            retry: RetryClass::Throttle,
            summary: "",
            fix: "",
            details: false,
        },
    ];

    fn spec() -> ApiSpec {
        ApiSpec {
            name: "t",
            base_url: "https://example.invalid",
            auth: AuthSpec::NONE,
            request_id_header: None,
            rate_limit_headers: None,
            envelope_data: None,
            envelope_error: None,
            error_fields: ErrorFields::DEFAULT,
            retry: RetryDefaults::STANDARD,
            errors: &ROWS,
        }
    }

    #[test]
    fn table_wins_over_status() {
        let s = spec();
        // "busy" is documented as 400 but classified throttle by the table.
        assert_eq!(s.retry_class(Some("20404"), 400), RetryClass::Throttle);
        // A known terminal code on a 5xx status stays terminal.
        assert_eq!(s.retry_class(Some("not_found"), 503), RetryClass::Never);
        // Unknown codes and missing codes fall back to the status.
        assert_eq!(s.retry_class(Some("whatever"), 503), RetryClass::Backoff);
        assert_eq!(s.retry_class(None, 429), RetryClass::Throttle);
        assert_eq!(s.retry_class(None, 418), RetryClass::Never);
    }

    #[test]
    fn rows_by_wire_and_by_status() {
        let s = spec();
        // A row with a wire answers to it (integer or its text), and to its key.
        assert_eq!(
            s.error_row_for(BodyCode::Int(20404)).map(|r| r.code),
            Some("busy")
        );
        assert_eq!(s.error_row("20404").map(|r| r.code), Some("busy"));
        assert_eq!(s.error_row("busy").map(|r| r.code), Some("busy"));
        assert_eq!(s.error_row("20405"), None);
        assert_eq!(s.error_row_for(BodyCode::Int(404)), None);
        assert_eq!(s.error_row("not_found").map(|r| r.code), Some("not_found"));
        // By status, only among the endpoint's codes.
        assert_eq!(
            s.status_row(&["not_found"], 404).map(|r| r.code),
            Some("not_found")
        );
        assert_eq!(s.status_row(&["busy"], 404), None);
        assert_eq!(s.status_row(&["not_found", "busy"], 418), None);
    }

    #[test]
    fn names() {
        assert_eq!(Method::Patch.to_string(), "PATCH");
        assert_eq!(Method::Delete.as_str(), "DELETE");
        assert_eq!(RetryClass::Throttle.to_string(), "throttle");
        assert_eq!(RetryClass::Never.as_str(), "never");
        assert_eq!(reqwest_method(Method::Put), reqwest::Method::PUT);
    }
}
