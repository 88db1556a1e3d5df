//! [`Prepared`]: the parts of a request built once per call (URL, idempotency key,
//! body), and the request of each attempt built from them.

use std::fmt::Display;

use bytes::Bytes;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue, USER_AGENT};
use serde_json::Value;

use crate::client_state::ClientState;
use crate::error::InvalidRequestError;
use crate::spec::{Endpoint, RetryClass};
use crate::{encode, idempotency};

static IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static(vook_vocab::header::IDEMPOTENCY_KEY);
static APPLICATION_JSON: HeaderValue = HeaderValue::from_static("application/json");

/// Everything needed to send one attempt, built once per call.
pub(crate) struct Prepared {
    method: reqwest::Method,
    pub(crate) url: reqwest::Url,
    /// The `Idempotency-Key` every attempt carries, if the request is keyed.
    idempotency_key: Option<HeaderValue>,
    body: Option<Bytes>,
    /// Idempotent, or carries an `Idempotency-Key`: safe to resend after it may have arrived.
    replay_safe: bool,
    /// The error codes (keys) the endpoint can return: a status-keyed API's error is
    /// named by the one of them with the response's status.
    pub(crate) codes: &'static [&'static str],
}

impl Prepared {
    /// Build the URL (path parameters and query encoded) and pick the idempotency key.
    pub(crate) fn new(
        state: &ClientState,
        ep: &'static Endpoint,
        path_params: &[&(dyn Display + Sync)],
        query: Option<&Value>,
        body: Option<Vec<u8>>,
    ) -> Result<Self, InvalidRequestError> {
        let invalid =
            |e: encode::EncodeError| InvalidRequestError::new(ep.operation, e.to_string(), None);
        let base = &state.base;
        let mut path = String::with_capacity(base.path().len() + ep.path.len() + 32);
        path.push_str(base.path());
        encode::push_path(&mut path, ep.path, path_params).map_err(invalid)?;
        let mut query_text = String::new();
        if let Some(q) = query {
            encode::push_query(&mut query_text, q).map_err(invalid)?;
        }
        let mut url = base.clone();
        url.set_path(&path);
        url.set_query(query_text.strip_prefix('?'));

        let keyed = !ep.idempotent && state.idempotency_keys && state.policy.max_attempts > 1;
        // A UUID is always a valid header value; if not, the request just goes unkeyed.
        let idempotency_key = keyed
            .then(|| HeaderValue::try_from(idempotency::new_key()).ok())
            .flatten();
        Ok(Prepared {
            method: crate::spec::reqwest_method(ep.method),
            url,
            replay_safe: ep.idempotent || idempotency_key.is_some(),
            idempotency_key,
            body: body.map(Bytes::from),
            codes: &[],
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
    pub(crate) fn request(&self, state: &ClientState) -> reqwest::RequestBuilder {
        let mut req = state
            .http
            .request(self.method.clone(), self.url.clone())
            .header(ACCEPT, APPLICATION_JSON.clone())
            .header(USER_AGENT, state.user_agent.clone());
        if let Some(key) = &state.auth {
            req = req.header(AUTHORIZATION, key.header().clone());
        }
        if let Some(key) = &self.idempotency_key {
            req = req.header(IDEMPOTENCY_KEY.clone(), key.clone());
        }
        if let Some(body) = &self.body {
            req = req
                .header(CONTENT_TYPE, APPLICATION_JSON.clone())
                .body(body.clone());
        }
        req
    }
}
