//! [`Call`]: one request to one endpoint, built by a generated method, given per-call
//! options, then run by `.await` ([`IntoFuture`]) or [`Call::send`].
//!
//! Building a call does all the per-endpoint work once: the path parameters are encoded
//! into the URL path, the query is serialized into a JSON map, the body into bytes. A
//! failure there (or a bad option) is kept and returned when the call runs, before
//! anything is sent. What runs is the non-generic retry loop of `call.rs` (one boxed
//! future, compiled once for all endpoints); only the final decoding into `T` and the
//! sorting of an API error into `E` are generic ([`CallFuture`]).
//!
//! # Hooks for the crate (pagination)
//!
//! - `Call::set_query_param(&mut self, wire_name, value)` replaces (or, with `None`,
//!   removes) one query parameter, as a string. A pending problem stays pending.
//! - A `Call` is `Clone`, and each clone runs on its own: `call.clone().into_future()`
//!   (or `.send()`) gives a `Send` [`CallFuture`] whose output is
//!   `Result<Response<T>, Error<E>>`, a full call (options, retries, deadline) each time.
//!   Cloning copies the encoded path, the query map, the body (`Bytes`, shared) and the
//!   options.

use std::fmt::{self, Display};
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::api_error::{ApiError, OpError};
use crate::call;
use crate::call_options::{CallOptions, Pending};
use crate::client_state::ClientState;
use crate::encode;
use crate::error::{DecodeError, Error};
use crate::prepared::CallParts;
use crate::raw_success::RawSuccess;
use crate::request_headers::{check_header, check_idempotency_key};
use crate::response::Response;
use crate::spec::Endpoint;

/// One call of one endpoint: what every generated endpoint method returns.
///
/// `.await` it (it is [`IntoFuture`]) or call [`Call::send`]; before that, options apply
/// to this call only and override the client's settings:
///
/// ```no_run
/// # use std::time::Duration;
/// # async fn demo(client: &vook_runtime::Client, ep: &'static vook_runtime::Endpoint) {
/// let call: vook_runtime::Call<'_, serde_json::Value, vook_runtime::ApiError> =
///     client.call(ep, &[], None::<&()>, Some(&serde_json::json!({"name": "x"})));
/// let created = call
///     .idempotency_key("order-1234")
///     .timeout(Duration::from_secs(5))
///     .max_attempts(5)
///     .await;
/// # }
/// ```
///
/// An option that cannot be used (a bad header, a key with control characters) makes the
/// call fail with [`Error::InvalidRequest`] when it runs, before anything is sent.
///
/// `T` and `E` are only markers: a `Call` is `Send`, `Sync` and `Clone` whatever they are,
/// and `Debug` never shows a key.
#[must_use = "a call does nothing until it is awaited or sent"]
pub struct Call<'a, T, E> {
    state: &'a ClientState,
    parts: CallParts,
    problem: Option<Pending>,
    decode: fn(&RawSuccess) -> Result<T, DecodeError>,
    _error: PhantomData<fn() -> E>,
}

/// The future of a [`Call`]: `Send`, output `vook_runtime::Result<T, E>`.
#[must_use = "futures do nothing unless polled"]
pub struct CallFuture<'a, T, E> {
    inner: Pin<Box<dyn Future<Output = Result<RawSuccess, Error<ApiError>>> + Send + 'a>>,
    /// The call's `vook.call` span, entered while the call's future is polled.
    span: tracing::Span,
    decode: fn(&RawSuccess) -> Result<T, DecodeError>,
    _error: PhantomData<fn() -> E>,
}

impl<'a, T, E> Call<'a, T, E> {
    /// A call of `ep` on a client. Generated code goes through
    /// [`Client::call`](crate::Client::call) / [`Client::call_unit`](crate::Client::call_unit),
    /// which serialize the query and body.
    pub(crate) fn new(
        state: &'a ClientState,
        ep: &'static Endpoint,
        codes: &'static [&'static str],
        path_params: &[&(dyn Display + Sync)],
        query: Result<Option<Value>, serde_json::Error>,
        body: Result<Option<Vec<u8>>, serde_json::Error>,
        decode: fn(&RawSuccess) -> Result<T, DecodeError>,
    ) -> Self {
        let mut problem = None;
        let base = state.base.path();
        let mut path = String::with_capacity(base.len() + ep.path.len() + 32);
        path.push_str(base);
        if let Err(e) = encode::push_path(&mut path, ep.path, path_params) {
            problem = Some(Pending::new(e.to_string()));
        }
        let query = match query.map(|q| q.map(encode::query_map).transpose()) {
            Ok(Ok(map)) => map.flatten(),
            Ok(Err(e)) => {
                problem.get_or_insert(Pending::new(e.to_string()));
                None
            }
            Err(e) => {
                problem.get_or_insert(Pending::with_source("the query failed to serialize", e));
                None
            }
        };
        let body = match body {
            Ok(b) => b.map(Bytes::from),
            Err(e) => {
                problem.get_or_insert(Pending::with_source("the body failed to serialize", e));
                None
            }
        };
        Call {
            state,
            parts: CallParts {
                ep,
                path,
                query,
                body,
                options: None,
                codes,
            },
            problem,
            decode,
            _error: PhantomData,
        }
    }

    /// The endpoint this call is for.
    pub fn endpoint(&self) -> &'static Endpoint {
        self.parts.ep
    }

    fn options_mut(&mut self) -> &mut CallOptions {
        self.parts.options.get_or_insert_with(Box::default)
    }

    /// Keep the first problem: it is what the call fails with.
    fn refuse(&mut self, message: String) {
        self.problem.get_or_insert(Pending::new(message));
    }

    /// Send exactly this `Idempotency-Key` on every attempt, also on a request that
    /// would carry none (an idempotent one, or one with retries off). 1 to 255 bytes,
    /// no control characters, no leading or trailing whitespace; else the call fails
    /// with [`Error::InvalidRequest`] before sending.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        match check_idempotency_key(&key.into()) {
            Ok(value) => self.options_mut().idempotency_key = Some(value),
            Err(why) => self.refuse(why),
        }
        self
    }

    /// An extra request header for this call (replacing a default header of the same
    /// name). A bad name or value, `Authorization` or the spec's auth header (use
    /// [`Call::api_key`]), or a header the HTTP client owns (`Host`, `Content-Length`,
    /// ...) or that an option sets (`Idempotency-Key`) fails the call with
    /// [`Error::InvalidRequest`] before sending. The error never shows the value.
    pub fn header<K, V>(mut self, name: K, value: V) -> Self
    where
        reqwest::header::HeaderName: TryFrom<K>,
        reqwest::header::HeaderValue: TryFrom<V>,
    {
        match check_header(self.state.spec, name, value) {
            Ok(pair) => self.options_mut().headers.push(pair),
            Err(why) => self.refuse(why),
        }
        self
    }

    /// Another API key for this call only (multi-tenant use): trimmed and checked like the
    /// client's key; a bad one fails the call with [`Error::InvalidRequest`] (the error
    /// never shows it). Never shown in `Debug`.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        match self.state.auth_place.key(&key.into()) {
            Ok(Some(key)) => self.options_mut().api_key = Some(key),
            // The spec's `none` scheme sends no key, whatever is given.
            Ok(None) => {}
            Err(problem) => self.refuse(format!("the API key is unusable: {}", problem.describe())),
        }
        self
    }

    /// Timeout of each attempt of this call (instead of the client's). Zero fails the
    /// call with [`Error::InvalidRequest`].
    pub fn timeout(mut self, d: Duration) -> Self {
        if d.is_zero() {
            self.refuse("the timeout must be greater than zero".to_owned());
        } else {
            self.options_mut().timeout = Some(d);
        }
        self
    }

    /// Deadline of this whole call, retries and waits included (instead of the
    /// client's). Zero fails the call with [`Error::InvalidRequest`].
    pub fn deadline(mut self, d: Duration) -> Self {
        if d.is_zero() {
            self.refuse("the deadline must be greater than zero".to_owned());
        } else {
            self.options_mut().deadline = Some(d);
        }
        self
    }

    /// Attempts at most for this call, counting the first (1: no retries). Zero fails the
    /// call with [`Error::InvalidRequest`].
    pub fn max_attempts(mut self, n: u32) -> Self {
        if n == 0 {
            self.refuse("max_attempts must be at least 1".to_owned());
        } else {
            self.options_mut().max_attempts = Some(n);
        }
        self
    }

    /// Replace (or, with `None`, remove) query parameter `wire_name`, as a string: how a
    /// page stream moves its cursor.
    #[allow(dead_code)] // used by the page streams
    pub(crate) fn set_query_param(&mut self, wire_name: &str, value: Option<String>) {
        match value {
            Some(v) => {
                self.parts
                    .query
                    .get_or_insert_with(Map::new)
                    .insert(wire_name.to_owned(), Value::String(v));
            }
            None => {
                if let Some(q) = &mut self.parts.query {
                    q.remove(wire_name);
                }
            }
        }
    }
}

impl<'a, T, E: OpError> Call<'a, T, E> {
    /// Run the call: the same as `.await`.
    pub async fn send(self) -> crate::Result<T, E> {
        self.into_future().await
    }
}

impl<'a, T, E: OpError> IntoFuture for Call<'a, T, E> {
    type Output = crate::Result<T, E>;
    type IntoFuture = CallFuture<'a, T, E>;

    fn into_future(self) -> Self::IntoFuture {
        let Call {
            state,
            parts,
            problem,
            decode,
            _error,
        } = self;
        let span = call::call_span(state, &parts);
        let inner: Pin<Box<dyn Future<Output = _> + Send + 'a>> = match problem {
            Some(problem) => {
                let error = Error::InvalidRequest(problem.to_error(parts.ep.operation));
                Box::pin(std::future::ready(Err(error)))
            }
            None => Box::pin(call::execute(state, parts)),
        };
        CallFuture {
            inner,
            span,
            decode,
            _error: PhantomData,
        }
    }
}

impl<T, E: OpError> Future for CallFuture<'_, T, E> {
    type Output = crate::Result<T, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let polled = {
            let this = &mut *self;
            let _entered = this.span.enter();
            this.inner.as_mut().poll(cx)
        };
        let raw = match polled {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(Ok(raw)) => raw,
            Poll::Ready(Err(e)) => return Poll::Ready(Err(e.map_api(E::from_api_error))),
        };
        Poll::Ready(match (self.decode)(&raw) {
            Ok(data) => Ok(Response::new(data, raw.into_meta())),
            Err(e) => Err(Error::Decode(e)),
        })
    }
}

/// Decode the success body as `T` (endpoints with a response type).
pub(crate) fn decode_body<T: DeserializeOwned>(raw: &RawSuccess) -> Result<T, DecodeError> {
    raw.decode::<T>()
}

/// Ignore the success body (endpoints with `response: none`): whatever a server sends
/// anyway is read within the cap and dropped.
pub(crate) fn ignore_body(_: &RawSuccess) -> Result<(), DecodeError> {
    Ok(())
}

impl<T, E> Clone for Call<'_, T, E> {
    fn clone(&self) -> Self {
        Call {
            state: self.state,
            parts: self.parts.clone(),
            problem: self.problem.clone(),
            decode: self.decode,
            _error: PhantomData,
        }
    }
}

impl<T, E> fmt::Debug for Call<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ep = self.parts.ep;
        f.debug_struct("Call")
            .field("operation", &ep.operation)
            .field("method", &ep.method.as_str())
            .field("path", &self.parts.path)
            .field("query", &self.parts.query)
            .field("body_bytes", &self.parts.body.as_ref().map(Bytes::len))
            .field("options", &self.parts.options)
            .field("problem", &self.problem)
            .finish_non_exhaustive()
    }
}

impl<T, E> fmt::Debug for CallFuture<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallFuture").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Method, TEST_SPEC};
    use crate::{ApiError, Client};

    static GET: Endpoint = Endpoint::new("get_thing", Method::Get, "/things/{id}", 200, true);

    fn client() -> Client {
        Client::builder(&TEST_SPEC)
            .base_url("http://127.0.0.1:9/v1")
            .build()
            .unwrap()
    }

    #[derive(serde::Serialize)]
    struct Query {
        limit: u32,
        cursor: Option<String>,
    }

    #[test]
    fn building_encodes_once_and_set_query_param_replaces_one_parameter() {
        let c = client();
        let q = Query {
            limit: 5,
            cursor: None,
        };
        let mut call: Call<'_, (), ApiError> = c.call(&GET, &[&"a b/c"], Some(&q), None::<&()>);
        assert!(call.problem.is_none());
        assert_eq!(call.parts.path, "/v1/things/a%20b%2Fc");
        call.set_query_param("cursor", Some("cur_2".into()));
        let before = call.clone();
        call.set_query_param("cursor", Some("cur_3".into()));
        let query = |c: &Call<'_, (), ApiError>| serde_json::to_string(&c.parts.query).unwrap();
        assert_eq!(query(&call), r#"{"cursor":"cur_3","limit":5}"#);
        assert_eq!(
            query(&before),
            r#"{"cursor":"cur_2","limit":5}"#,
            "clones are independent"
        );
        call.set_query_param("cursor", None);
        assert_eq!(query(&call), r#"{"limit":5}"#);
        // A call without a query gets one.
        let mut bare: Call<'_, (), ApiError> = c.call(&GET, &[&1], None::<&()>, None::<&()>);
        assert!(bare.parts.query.is_none());
        bare.set_query_param("cursor", Some("x".into()));
        assert_eq!(query(&bare), r#"{"cursor":"x"}"#);
    }

    #[test]
    fn the_first_problem_is_kept_and_options_after_it_do_not_replace_it() {
        let c = client();
        let call: Call<'_, (), ApiError> = c
            .call(&GET, &[], None::<&()>, None::<&()>)
            .idempotency_key("")
            .max_attempts(0);
        let p = call.problem.as_ref().unwrap().to_error("get_thing");
        assert!(p.message().contains("parameter"), "{p}");
        let call: Call<'_, (), ApiError> = c
            .call(&GET, &[&1], None::<&()>, None::<&()>)
            .timeout(Duration::ZERO)
            .header("authorization", "x");
        let p = call.problem.as_ref().unwrap().to_error("get_thing");
        assert!(p.message().contains("timeout"), "{p}");
        let call: Call<'_, (), ApiError> = c
            .call(&GET, &[&1], None::<&()>, None::<&()>)
            .api_key("sk_secret_per_call")
            .idempotency_key("k-1")
            .deadline(Duration::from_secs(1));
        assert!(call.problem.is_none());
        let shown = format!("{call:?}");
        assert!(!shown.contains("sk_secret_per_call"), "{shown}");
        assert!(
            shown.contains("k-1") && shown.contains("get_thing"),
            "{shown}"
        );
    }

    #[test]
    fn calls_and_their_futures_are_send_whatever_t_and_e_are() {
        fn send_sync_clone<X: Send + Sync + Clone>() {}
        fn send<X: Send>() {}
        send_sync_clone::<Call<'static, std::rc::Rc<u8>, ApiError>>();
        send::<CallFuture<'static, std::rc::Rc<u8>, ApiError>>();
    }
}
