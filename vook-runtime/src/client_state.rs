//! [`ClientState`]: what one client and all its clones share (the HTTP pool, the
//! settings checked at build time and the retry budget). The builder creates it, the
//! client holds it behind an `Arc`, and each call reads it.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::auth::AuthPlacement;
use crate::budget::RetryBudget;
use crate::key::ApiKey;
use crate::retry::RetryPolicy;
use crate::spec::ApiSpec;

/// The shared state of a [`Client`](crate::Client) and its clones.
pub(crate) struct ClientState {
    pub(crate) spec: &'static ApiSpec,
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    /// `base_url` parsed once: each call clones it and sets the path and query, which
    /// skips re-parsing (and IDNA-checking) the scheme and host on every call.
    pub(crate) base: reqwest::Url,
    /// The spec's request-id header, parsed once (for noting it on every attempt).
    pub(crate) request_id_name: Option<HeaderName>,
    /// Where the spec's auth scheme puts a key (checked once at build).
    pub(crate) auth_place: AuthPlacement,
    /// The client's key, placed; `None` for the `none` scheme.
    pub(crate) auth: Option<ApiKey>,
    pub(crate) user_agent: HeaderValue,
    /// `ClientBuilder::default_header`s, checked at build time, sent on every call.
    pub(crate) default_headers: HeaderMap,
    pub(crate) policy: RetryPolicy,
    /// Per-attempt timeout.
    pub(crate) timeout: Duration,
    /// Whole-call deadline, waits included.
    pub(crate) deadline: Option<Duration>,
    pub(crate) budget: RetryBudget,
    pub(crate) max_response_bytes: usize,
    pub(crate) idempotency_keys: bool,
}
