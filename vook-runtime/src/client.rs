//! [`Client`]: a handle on the shared client state, and the generic entry points
//! [`Client::call`] / [`Client::call_unit`] that generated code calls: they build a
//! [`Call`]. (The builder is in `builder.rs`, the call in `call_builder.rs`.)

use std::fmt::{self, Display};
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::api_error::OpError;
use crate::call_builder::{Call, decode_body, ignore_body};
use crate::client_state::ClientState;
use crate::spec::{ApiSpec, Endpoint};

/// A client for one API: one connection pool and one retry budget, shared by all clones.
/// Cheap to clone (`Arc`); `Send + Sync`. `Debug` never shows the key.
#[derive(Clone)]
pub struct Client {
    state: Arc<ClientState>,
}

impl Client {
    pub(crate) fn from_state(state: Arc<ClientState>) -> Self {
        Client { state }
    }

    /// The API this client talks to.
    pub fn spec(&self) -> &'static ApiSpec {
        self.state.spec
    }

    /// The base URL in use (without a trailing `/`).
    pub fn base_url(&self) -> &str {
        &self.state.base_url
    }

    /// Tokens left in the retry budget shared by this client's clones.
    pub fn retry_budget_available(&self) -> u32 {
        self.state.budget.available()
    }

    /// A call of one endpoint. Generated per-endpoint methods are one line:
    ///
    /// `self.0.call(&GET_ITEM, &[&item_id], None::<&()>, None::<&()>)`
    ///
    /// Nothing is sent until the [`Call`] is awaited (or [`Call::send`]); it borrows only
    /// the client. `path_params` fill the template's `{name}` segments in order, each
    /// percent-encoded as one segment, at once. `query` must serialize to a JSON object
    /// (nulls skipped, arrays as repeated keys). `body` is sent as JSON, or as a form
    /// when the endpoint's [`Endpoint::body_encoding`] says so. Both are
    /// serialized here, once; a failure is returned when the call runs, as
    /// [`Error::InvalidRequest`](crate::Error::InvalidRequest). The success body (or its
    /// envelope field) is decoded as `T`; an empty body or a 204 decodes from `null`, so
    /// `T = ()` works.
    pub fn call<E, B, Q, T>(
        &self,
        ep: &'static Endpoint,
        path_params: &[&(dyn Display + Sync)],
        query: Option<&Q>,
        body: Option<&B>,
    ) -> Call<'_, T, E>
    where
        E: OpError,
        B: Serialize + ?Sized,
        Q: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        Call::new(
            &self.state,
            ep,
            E::CODES,
            path_params,
            query.map(serde_json::to_value).transpose(),
            body.map(|b| crate::form::body_bytes(ep.body_encoding, b))
                .transpose(),
            decode_body::<T>,
        )
    }

    /// [`Client::call`] for an endpoint whose spec declares no response (`response:
    /// none`): a success body a server sends anyway is ignored, whatever it holds (it
    /// is still read, within the size cap).
    pub fn call_unit<E, B, Q>(
        &self,
        ep: &'static Endpoint,
        path_params: &[&(dyn Display + Sync)],
        query: Option<&Q>,
        body: Option<&B>,
    ) -> Call<'_, (), E>
    where
        E: OpError,
        B: Serialize + ?Sized,
        Q: Serialize + ?Sized,
    {
        Call::new(
            &self.state,
            ep,
            E::CODES,
            path_params,
            query.map(serde_json::to_value).transpose(),
            body.map(|b| crate::form::body_bytes(ep.body_encoding, b))
                .transpose(),
            ignore_body,
        )
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &*self.state;
        f.debug_struct("Client")
            .field("api", &i.spec.name)
            .field("base_url", &i.base_url)
            .field(
                "auth",
                &format_args!(
                    "{}{}",
                    i.auth_place.scheme_name(),
                    if i.auth.is_some() { " (redacted)" } else { "" }
                ),
            )
            .field("max_attempts", &i.policy.max_attempts)
            .field("timeout", &i.timeout)
            .field("deadline", &i.deadline)
            .field("base_delay", &i.policy.backoff.base)
            .field("max_delay", &i.policy.backoff.max)
            .field("max_retry_after", &i.policy.max_retry_after)
            .field("retry_budget", &i.budget.config())
            .field("retry_budget_available", &i.budget.available())
            .field("max_response_bytes", &i.max_response_bytes)
            .field("idempotency_keys", &i.idempotency_keys)
            .field(
                "default_headers",
                &i.default_headers
                    .keys()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}
