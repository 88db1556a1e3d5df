//! Runtime of vook-generated API clients.
//!
//! The code generator turns a YAML spec of an HTTP API into a typed client. All the HTTP
//! work happens here: URL building, authentication, JSON bodies, envelopes, error
//! decoding, retries (per error class, with backoff, `Retry-After`, rate-limit resets,
//! idempotency keys and a retry budget), timeouts and tracing. Generated code is thin:
//! a static [`ApiSpec`] and one [`Endpoint`] per operation, an [`OpError`] enum per
//! operation (implemented by [`op_error!`]), and one-line methods that build a [`Call`]
//! with [`Client::call`]. A [`Call`] is awaited as is, or given per-call options first
//! ([`Call::idempotency_key`], [`Call::header`], [`Call::api_key`], [`Call::timeout`],
//! [`Call::deadline`], [`Call::max_attempts`]).
//! An endpoint whose spec declares `paginate` also gets a [`Paginated`] impl for
//! its error enum, which gives its calls [`Call::pages`] and [`Call::items`]: the
//! [`Pages`] and [`Items`] streams.
//!
//! # What generated code looks like
//!
//! ```no_run
//! use vook_runtime::{
//!     ApiError, ApiSpec, AuthSpec, Endpoint, ErrorFields, ErrorRow, Method, RetryClass,
//!     RetryDefaults,
//! };
//! use vook_runtime::__private::serde::Deserialize;
//!
//! pub static ERROR_TABLE: [ErrorRow; 2] = [
//!     ErrorRow { code: "not_found", wire: None, status: 404, retry: RetryClass::Never,
//!                summary: "The resource does not exist.", fix: "Check the id.", details: false },
//!     ErrorRow { code: "internal_error", wire: None, status: 500, retry: RetryClass::Backoff,
//!                summary: "Unexpected server error.", fix: "Retry later.", details: false },
//! ];
//!
//! pub static SPEC: ApiSpec = ApiSpec {
//!     name: "vook",
//!     base_url: "https://api.vook.ai/v1",
//!     auth: AuthSpec::bearer("VOOK_API_KEY"),
//!     request_id_header: Some("x-request-id"),
//!     rate_limit_headers: None,
//!     envelope_data: Some("data"),
//!     envelope_error: Some("error"),
//!     error_fields: ErrorFields::DEFAULT,
//!     retry: RetryDefaults { max_attempts: 3, base_delay_ms: 500, max_delay_ms: 8000, max_retry_after_s: 60 },
//!     errors: &ERROR_TABLE,
//! };
//!
//! static GET_ITEM: Endpoint = Endpoint::new("get_item", Method::Get, "/items/{item_id}", 200, true);
//!
//! #[derive(Debug, Deserialize)]
//! #[serde(crate = "::vook_runtime::__private::serde")]
//! pub struct Item { pub id: String, pub name: String }
//!
//! // `GetItemError`: one variant per code (docs from the code, status and retry class),
//! // `Unknown`, and the `OpError` / `Display` / `Error` impls.
//! ::vook_runtime::op_error! {
//!     GetItemError("get_item", "GET /items/{item_id}") {
//!         NotFound("not_found", 404, never),
//!         InternalError("internal_error", 500, backoff),
//!     }
//! }
//!
//! #[derive(Clone, Debug)]
//! pub struct Client(vook_runtime::Client);
//! impl From<vook_runtime::Client> for Client {
//!     fn from(c: vook_runtime::Client) -> Self { Client(c) }
//! }
//! impl Client {
//!     pub fn builder() -> vook_runtime::ClientBuilder<Client> { vook_runtime::ClientBuilder::new(&SPEC) }
//!     pub fn from_env() -> Result<Client, vook_runtime::BuildError> { Self::builder().api_key_from_env().build() }
//!     pub fn get_item(&self, item_id: &str) -> vook_runtime::Call<'_, Item, GetItemError> {
//!         self.0.call(&GET_ITEM, &[&item_id], None::<&()>, None::<&()>)
//!     }
//! }
//!
//! // User code:
//! # async fn user() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::from_env()?;
//! match client.get_item("itm_123").await {
//!     Ok(item) => println!("{} (request {:?})", item.name, item.request_id()),
//!     Err(vook_runtime::Error::Api(e)) => match e {
//!         GetItemError::NotFound(err) => println!("gone: {err}"),
//!         GetItemError::InternalError(err) => println!("server trouble after {} attempts", err.attempts()),
//!         GetItemError::Unknown(err) => println!("new error code {}", err.code()),
//!     },
//!     Err(other) => return Err(other.into()),
//! }
//! // The same call with per-call options (each overrides the client's setting):
//! let item = client
//!     .get_item("itm_123")
//!     .header("x-trace-id", "t-42")
//!     .timeout(std::time::Duration::from_secs(2))
//!     .max_attempts(1)
//!     .await?;
//! # let _ = item;
//! # Ok(()) }
//! ```
//!
//! # Behaviour
//!
//! - **Success**: any 2xx. With `envelope_data`, `T` is decoded from that field; a 204
//!   or empty body decodes from `null` (so `T = ()` works). Bodies are capped
//!   ([`ClientBuilder::max_response_bytes`]).
//! - **Errors**: bodies are read up to [`MAX_ERROR_BODY_BYTES`] and decoded into an
//!   [`ApiError`]; a non-JSON or code-less body becomes [`Error::Decode`] with the status
//!   and text.
//! - **Retries**: by the class of the code in [`ApiSpec::errors`], else by status (408/5xx
//!   back off, 429 throttles, other 4xx are terminal). Backoff is full-jitter exponential
//!   and honours `Retry-After` (`Retry-After-Ms` first, when sent); throttling waits
//!   that, else the rate-limit reset (read in the spec's [`ResetFormat`]), else backs off, and gives up when the wait exceeds `max_retry_after` or the deadline.
//!   Connect failures are retried; failures after sending only for idempotent or keyed
//!   requests. Non-idempotent requests that may be retried carry one `Idempotency-Key`
//!   for all attempts. A token bucket per client ([`RetryBudgetConfig`]) bounds retries.
//! - **Time**: a per-attempt timeout and a whole-call deadline (waits included).
//! - **Per call**: a [`Call`]'s options override the client's settings for that call
//!   only: its own `Idempotency-Key` (sent on every attempt), extra headers (checked;
//!   `Authorization` refused), another API key, timeout, deadline and attempts. A bad
//!   option is an [`Error::InvalidRequest`] when the call runs, before anything is sent.
//! - **Keys**: trimmed, checked for control characters at build time, sent where the
//!   spec's [`AuthSpec`] says (`Authorization: Bearer`, a named header, a named query
//!   parameter, `Authorization: Basic`, or not at all) as a sensitive header or a query
//!   parameter added to each attempt's URL only; never shown in `Debug`, `Display`,
//!   errors or traces. `http://` is refused except for loopback hosts unless allowed.
//! - **Tracing**: a `vook.call` span per call and a `vook.attempt` span per attempt.

mod api_error;
mod attempt;
mod auth;
mod budget;
mod build_error;
mod builder;
mod call;
mod call_builder;
mod call_options;
mod client;
mod client_state;
mod encode;
mod error;
mod error_body;
mod error_fields;
mod error_response;
pub mod form;
mod headers;
mod idempotency;
mod json_key;
mod key;
mod pages;
mod prepared;
mod rate_limit;
mod raw_success;
mod request_headers;
mod response;
mod retry;
mod serde_macros;
mod spec;
mod success_body;
mod text;
mod tls;
mod wire_serde;

pub use api_error::{ApiError, FieldIssue, MAX_ERROR_BODY_BYTES, OpError};
pub use budget::RetryBudgetConfig;
pub use builder::{
    BuildError, ClientBuilder, DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT,
};
pub use call_builder::{Call, CallFuture};
pub use client::Client;
pub use error::{
    DecodeError, DecodeErrorKind, Error, InvalidRequestError, TimeoutError, TimeoutKind,
    TransportError,
};
pub use error_fields::{BodyCode, DetailsShape, ErrorFields, ErrorWire, FieldPath};
pub use pages::{Items, MAX_PAGES, Pages, Paginated, after_last};
pub use rate_limit::{MAX_RESET_AHEAD, RateLimit};
pub use response::{Response, ResponseMeta};
pub use spec::{
    ApiSpec, AuthScheme, AuthSpec, BodyEncoding, Endpoint, ErrorRow, Method, RateLimitHeaders,
    ResetFormat, RetryClass, RetryDefaults,
};

/// Any JSON value: the Rust type of the spec's `json` fields, bodies and responses.
/// It is `serde_json::Value`, so values build with `serde_json::json!` and compare with `==`.
pub use serde_json::Value as JsonValue;

/// What a generated operation returns: the decoded data with its metadata, or the
/// operation's typed error.
pub type Result<T, E> = core::result::Result<Response<T>, Error<E>>;

/// The reqwest this runtime is built on, so that a caller-supplied client
/// (`ClientBuilder::http_client`) is always of the matching version.
pub use reqwest;

/// Re-exports for generated code, so the user's crate needs no serde dependency.
/// Not a stable API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;

    /// What generated `Serialize` / `Deserialize` impls call.
    pub mod wire {
        pub use crate::wire_serde::*;
    }
}

/// Entry points for fuzzing and property tests (`fuzz/`, `tests/proptest_decoder.rs`):
/// the client's own code paths, fed inputs that did not come over a socket.
/// Not a stable API.
#[cfg(feature = "fuzz")]
#[doc(hidden)]
pub mod __fuzz {
    use std::time::{Duration, SystemTime};

    use bytes::Bytes;
    use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

    use crate::retry::{Backoff, RetryPolicy};
    use crate::{ApiError, ApiSpec, Error, MAX_ERROR_BODY_BYTES, RetryClass};

    /// What the client makes of one error response.
    #[derive(Debug)]
    pub struct DecodedError {
        /// [`Error::Api`] (a JSON error object with a `code`) or [`Error::Decode`].
        pub error: Error<ApiError>,
        /// The retry class the retry loop acts on.
        pub class: RetryClass,
        /// The parsed `Retry-After`.
        pub retry_after: Option<Duration>,
        /// Time until the rate-limit window resets, from the reset header.
        pub reset_wait: Option<Duration>,
        /// The retry loop's decision after this as the first attempt, with the spec's
        /// retry defaults and no deadline: the wait before retrying, or `None` (give up).
        pub first_retry: Option<Duration>,
    }

    /// Decode a non-2xx response as the client does: the body is cut at
    /// [`MAX_ERROR_BODY_BYTES`] (as the client stops reading there), headers that are
    /// not valid HTTP are dropped (they could not arrive), `now` is the clock for
    /// HTTP-date `Retry-After` values and rate-limit resets.
    pub fn decode_error_response<N: AsRef<[u8]>, V: AsRef<[u8]>>(
        spec: &ApiSpec,
        status: u16,
        headers: &[(N, V)],
        body: &[u8],
        now: SystemTime,
    ) -> DecodedError {
        decode_endpoint_error(spec, &[], status, headers, body, now)
    }

    /// [`decode_error_response`] for an endpoint that can return `codes` (the keys of its
    /// `<Op>Error` variants, [`crate::OpError::CODES`]): a status-keyed API's error is
    /// named by the one of them with the status.
    pub fn decode_endpoint_error<N: AsRef<[u8]>, V: AsRef<[u8]>>(
        spec: &ApiSpec,
        codes: &[&str],
        status: u16,
        headers: &[(N, V)],
        body: &[u8],
        now: SystemTime,
    ) -> DecodedError {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            if let (Ok(n), Ok(v)) = (
                HeaderName::from_bytes(name.as_ref()),
                HeaderValue::from_bytes(value.as_ref()),
            ) {
                map.append(n, v);
            }
        }
        decode_endpoint_parts(spec, codes, status, &map, Bytes::copy_from_slice(body), now)
    }

    /// [`decode_error_response`] from a header map, as the HTTP client hands it over.
    pub fn decode_error_parts(
        spec: &ApiSpec,
        status: u16,
        headers: &HeaderMap,
        body: Bytes,
        now: SystemTime,
    ) -> DecodedError {
        decode_endpoint_parts(spec, &[], status, headers, body, now)
    }

    /// [`decode_endpoint_error`] from a header map, as the HTTP client hands it over.
    pub fn decode_endpoint_parts(
        spec: &ApiSpec,
        codes: &[&str],
        status: u16,
        headers: &HeaderMap,
        body: Bytes,
        now: SystemTime,
    ) -> DecodedError {
        let truncated = body.len() > MAX_ERROR_BODY_BYTES;
        let body = body.slice(..body.len().min(MAX_ERROR_BODY_BYTES));
        let (error, info) = crate::error_response::decode_error_response(
            spec, codes, status, headers, body, truncated, now,
        );
        let policy = RetryPolicy {
            max_attempts: spec.retry.max_attempts,
            backoff: Backoff {
                base: Duration::from_millis(spec.retry.base_delay_ms),
                max: Duration::from_millis(spec.retry.max_delay_ms),
            },
            max_retry_after: Duration::from_secs(spec.retry.max_retry_after_s),
        };
        let first_retry = policy
            .decide(1, &info, None, &mut fastrand::Rng::with_seed(0))
            .ok();
        DecodedError {
            error,
            class: info.class,
            retry_after: info.retry_after,
            reset_wait: info.reset_wait,
            first_retry,
        }
    }
}
