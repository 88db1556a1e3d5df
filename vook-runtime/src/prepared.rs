//! [`CallParts`] (what a call carries: its endpoint, encoded path, query, body and
//! options) and [`Prepared`]: the parts of a request built once per run (URL,
//! idempotency key), and the request of each attempt built from them.

use bytes::Bytes;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderName, HeaderValue, USER_AGENT};
use serde_json::{Map, Value};

use crate::call_options::{CallOptions, NO_OPTIONS};
use crate::client_state::ClientState;
use crate::error::InvalidRequestError;
use crate::spec::{BodyEncoding, Endpoint, RetryClass};
use crate::{encode, idempotency};

static IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static(vook_vocab::header::IDEMPOTENCY_KEY);
static APPLICATION_JSON: HeaderValue = HeaderValue::from_static(BodyEncoding::Json.content_type());
static FORM_URLENCODED: HeaderValue = HeaderValue::from_static(BodyEncoding::Form.content_type());

/// The owned data of one call, built when the call is: nothing in it borrows the caller.
#[derive(Clone)]
pub(crate) struct CallParts {
    pub(crate) ep: &'static Endpoint,
    /// The URL path: the base URL's path and the template with its parameters encoded.
    pub(crate) path: String,
    /// The serialized query (kept as a map so one parameter can be replaced).
    pub(crate) query: Option<Map<String, Value>>,
    /// The serialized JSON body.
    pub(crate) body: Option<Bytes>,
    /// Per-call options; `None` when the call sets none (the common case, no allocation).
    pub(crate) options: Option<Box<CallOptions>>,
    /// The error codes (keys) the endpoint can return ([`crate::OpError::CODES`]).
    pub(crate) codes: &'static [&'static str],
}

impl CallParts {
    /// The call's options (the empty set when none were given).
    pub(crate) fn options(&self) -> &CallOptions {
        self.options.as_deref().unwrap_or(&NO_OPTIONS)
    }
}

/// Everything needed to send one attempt, built once per run of a call.
pub(crate) struct Prepared<'p> {
    method: reqwest::Method,
    pub(crate) url: reqwest::Url,
    /// The `Idempotency-Key` every attempt carries, if the request is keyed.
    idempotency_key: Option<HeaderValue>,
    body: Option<&'p Bytes>,
    body_encoding: BodyEncoding,
    options: &'p CallOptions,
    /// Idempotent, or carries an `Idempotency-Key`: safe to resend after it may have arrived.
    replay_safe: bool,
    /// The error codes (keys) the endpoint can return: a status-keyed API's error is
    /// named by the one of them with the response's status.
    pub(crate) codes: &'static [&'static str],
}

impl<'p> Prepared<'p> {
    /// Build the URL (query encoded) and pick the idempotency key: the caller's, else a
    /// fresh one for a non-idempotent request that may be retried.
    pub(crate) fn new(
        state: &ClientState,
        parts: &'p CallParts,
        max_attempts: u32,
    ) -> Result<Self, InvalidRequestError> {
        let ep = parts.ep;
        let mut url = state.base.clone();
        url.set_path(&parts.path);
        if let Some(q) = &parts.query {
            let mut query_text = String::new();
            encode::push_query(&mut query_text, q)
                .map_err(|e| InvalidRequestError::new(ep.operation, e.to_string(), None))?;
            url.set_query(query_text.strip_prefix('?'));
        }
        let options = parts.options();
        let keyed = !ep.idempotent && state.idempotency_keys && max_attempts > 1;
        // A UUID is always a valid header value; if not, the request just goes unkeyed.
        let idempotency_key = match &options.idempotency_key {
            Some(key) => Some(key.clone()),
            None => keyed
                .then(|| HeaderValue::try_from(idempotency::new_key()).ok())
                .flatten(),
        };
        Ok(Prepared {
            method: crate::spec::reqwest_method(ep.method),
            url,
            replay_safe: ep.idempotent || idempotency_key.is_some(),
            idempotency_key,
            body: parts.body.as_ref(),
            body_encoding: ep.body_encoding,
            options,
            codes: parts.codes,
        })
    }

    /// The class of a failure after the request may have reached the server: retried
    /// (with backoff) only when resending it is safe.
    pub(crate) fn class_after_sending(&self) -> RetryClass {
        if self.replay_safe {
            RetryClass::Backoff
        } else {
            RetryClass::Never
        }
    }

    /// One attempt's request. The headers are set on each attempt's own request rather
    /// than cloned from a prepared map: that is the same work a hand-written call does.
    /// Order: the runtime's own, the client's default headers, the key, the call's own
    /// headers (each replacing any earlier header of its name).
    pub(crate) fn request(&self, state: &ClientState) -> reqwest::RequestBuilder {
        let key = self.options.api_key.as_ref().or(state.auth.as_ref());
        let mut req =
            crate::auth::apply_auth(&state.http, self.method.clone(), self.url.clone(), key)
                .header(ACCEPT, APPLICATION_JSON.clone())
                .header(USER_AGENT, state.user_agent.clone());
        if !state.default_headers.is_empty() {
            req = req.headers(state.default_headers.clone());
        }
        if let Some(key) = &self.idempotency_key {
            req = req.header(IDEMPOTENCY_KEY.clone(), key.clone());
        }
        if let Some(body) = self.body {
            let content_type = match self.body_encoding {
                BodyEncoding::Json => &APPLICATION_JSON,
                BodyEncoding::Form => &FORM_URLENCODED,
            };
            req = req
                .header(CONTENT_TYPE, content_type.clone())
                .body(body.clone());
        }
        if !self.options.headers.is_empty() {
            let mut extra = reqwest::header::HeaderMap::with_capacity(self.options.headers.len());
            for (name, value) in &self.options.headers {
                extra.insert(name.clone(), value.clone());
            }
            req = req.headers(extra);
        }
        req
    }
}
