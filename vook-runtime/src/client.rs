//! [`Client`]: a handle on the shared client state, and the one generic entry point
//! [`Client::call`] that generated code calls. (Its builder is in `builder.rs`.)

use std::fmt::{self, Display};
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::api_error::OpError;
use crate::call;
use crate::client_state::ClientState;
use crate::error::{Error, InvalidRequestError};
use crate::raw_success::RawSuccess;
use crate::response::Response;
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

    /// Call one endpoint. Generated per-endpoint methods are one line:
    ///
    /// `self.0.call(&GET_ITEM, &[&item_id], None::<&()>, None::<&()>).await`
    ///
    /// `path_params` are `&(dyn Display + Sync)` (not plain `&dyn Display`) so that the
    /// caller's future stays `Send`: the `&[&item_id]` temporary lives across the `.await`.
    ///
    /// `path_params` fill the template's `{name}` segments in order, each percent-encoded
    /// as one segment. `query` must serialize to a JSON object (nulls skipped, arrays as
    /// repeated keys). `body` is sent as JSON. The success body (or its envelope field)
    /// is decoded as `T`; an empty body or a 204 decodes from `null`, so `T = ()` works.
    pub async fn call<E, B, Q, T>(
        &self,
        ep: &'static Endpoint,
        path_params: &[&(dyn Display + Sync)],
        query: Option<&Q>,
        body: Option<&B>,
    ) -> Result<Response<T>, Error<E>>
    where
        E: OpError,
        B: Serialize + ?Sized,
        Q: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let raw = self.send(ep, path_params, query, body).await?;
        let data = raw.decode::<T>().map_err(Error::Decode)?;
        Ok(Response::new(data, raw.into_meta()))
    }

    /// [`Client::call`] for an endpoint whose spec declares no response (`response:
    /// none`): a success body a server sends anyway is ignored, whatever it holds (it
    /// is still read, within the size cap).
    pub async fn call_unit<E, B, Q>(
        &self,
        ep: &'static Endpoint,
        path_params: &[&(dyn Display + Sync)],
        query: Option<&Q>,
        body: Option<&B>,
    ) -> Result<Response<()>, Error<E>>
    where
        E: OpError,
        B: Serialize + ?Sized,
        Q: Serialize + ?Sized,
    {
        let raw = self.send(ep, path_params, query, body).await?;
        Ok(Response::new((), raw.into_meta()))
    }

    /// Serialize the query and body, then run the request with its retries.
    async fn send<E, B, Q>(
        &self,
        ep: &'static Endpoint,
        path_params: &[&(dyn Display + Sync)],
        query: Option<&Q>,
        body: Option<&B>,
    ) -> Result<RawSuccess, Error<E>>
    where
        E: OpError,
        B: Serialize + ?Sized,
        Q: Serialize + ?Sized,
    {
        let query = match query.map(serde_json::to_value).transpose() {
            Ok(q) => q,
            Err(e) => return Err(Error::InvalidRequest(serialize_error(ep, "query", e))),
        };
        let body = match body.map(serde_json::to_vec).transpose() {
            Ok(b) => b,
            Err(e) => return Err(Error::InvalidRequest(serialize_error(ep, "body", e))),
        };
        call::execute(&self.state, ep, E::CODES, path_params, query.as_ref(), body)
            .await
            .map_err(|e| e.map_api(E::from_api_error))
    }
}

fn serialize_error(ep: &'static Endpoint, what: &str, e: serde_json::Error) -> InvalidRequestError {
    InvalidRequestError::new(
        ep.operation,
        format!("the {what} failed to serialize"),
        Some(Box::new(e)),
    )
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &*self.state;
        f.debug_struct("Client")
            .field("api", &i.spec.name)
            .field("base_url", &i.base_url)
            .field(
                "auth",
                &if i.auth.is_some() {
                    "bearer (redacted)"
                } else {
                    "none"
                },
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
            .finish_non_exhaustive()
    }
}
