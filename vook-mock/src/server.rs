//! The server: listener, connections, shared state, and the public handle.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use http::HeaderName;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use vook_schema::{Api, Diagnostics};

use crate::fault::Fault;
use crate::handler;
use crate::record::{Answer, RecordedRequest};
use crate::routes::{self, Route};
use crate::store::Store;
use crate::values::unix_secs;

/// The bearer key the server accepts unless told otherwise.
pub const DEFAULT_API_KEY: &str = "test-key";
/// The default cap on request bodies; larger bodies are answered with 413.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;
/// The default number of requests kept in the record (oldest dropped first).
pub const DEFAULT_MAX_RECORDED: usize = 10_000;

/// A stored first response, replayed for a repeated `Idempotency-Key`.
#[derive(Clone, Debug)]
pub(crate) struct Stored {
    pub(crate) status: u16,
    pub(crate) content_type: Option<String>,
    pub(crate) body: Bytes,
}

/// Header names from the spec, parsed once.
#[derive(Debug, Default)]
pub(crate) struct SpecHeaders {
    pub(crate) request_id: Option<HeaderName>,
    /// limit, remaining, reset
    pub(crate) rate_limit: Option<(HeaderName, HeaderName, HeaderName)>,
}

/// Mutable state behind one lock (never held across an await).
#[derive(Debug, Default)]
pub(crate) struct Shared {
    scripts: HashMap<String, VecDeque<Fault>>,
    any: VecDeque<Fault>,
    records: VecDeque<RecordedRequest>,
    pub(crate) store: Store,
    pub(crate) idempotency: HashMap<(String, String), Stored>,
    /// (window index, requests in it)
    window: (u64, u64),
}

/// Everything the connections share.
pub(crate) struct State {
    pub(crate) api: Api,
    pub(crate) routes: Vec<Route>,
    pub(crate) api_key: String,
    pub(crate) max_body: usize,
    pub(crate) rate_limit: u64,
    rate_window_secs: u64,
    max_recorded: usize,
    started: Instant,
    started_unix: u64,
    seq: AtomicU64,
    pub(crate) headers: SpecHeaders,
    shared: Mutex<Shared>,
}

impl State {
    pub(crate) fn lock(&self) -> MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn next_seq(&self) -> u64 {
        self.seq.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Counts a request in the current rate-limit window: (remaining, reset as Unix seconds).
    pub(crate) fn tick_rate_window(&self) -> (u64, u64) {
        let index = self.started.elapsed().as_secs() / self.rate_window_secs;
        let mut shared = self.lock();
        if shared.window.0 != index {
            shared.window = (index, 0);
        }
        shared.window.1 += 1;
        let remaining = self.rate_limit.saturating_sub(shared.window.1);
        let reset = self
            .started_unix
            .saturating_add((index + 1).saturating_mul(self.rate_window_secs));
        (remaining, reset)
    }

    /// The next scripted fault for `operation`, else for any operation.
    pub(crate) fn take_fault(&self, operation: Option<&str>) -> Option<Fault> {
        let mut shared = self.lock();
        if let Some(f) = operation
            .and_then(|op| shared.scripts.get_mut(op))
            .and_then(VecDeque::pop_front)
        {
            return Some(f);
        }
        shared.any.pop_front()
    }

    pub(crate) fn record(&self, r: RecordedRequest) {
        let mut shared = self.lock();
        while shared.records.len() >= self.max_recorded.max(1) {
            shared.records.pop_front();
        }
        shared.records.push_back(r);
    }

    pub(crate) fn finish(&self, seq: u64, status: u16, code: Option<String>, replayed: bool) {
        let mut shared = self.lock();
        if let Some(r) = shared.records.iter_mut().rev().find(|r| r.seq == seq) {
            r.status = Some(status);
            r.error_code = if status >= 400 { code } else { None };
            if replayed && r.answer == Answer::Default {
                r.answer = Answer::IdempotentReplay;
            }
        }
    }
}

/// Why [`MockServer::from_spec_path`] failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum StartError {
    /// The spec did not load; every problem is listed.
    Spec(Diagnostics),
    /// The listener could not be bound.
    Io(io::Error),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::Spec(d) => write!(f, "the spec is invalid:\n{d}"),
            StartError::Io(e) => write!(f, "cannot start the mock server: {e}"),
        }
    }
}

impl std::error::Error for StartError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StartError::Spec(d) => Some(d),
            StartError::Io(e) => Some(e),
        }
    }
}

impl From<io::Error> for StartError {
    fn from(e: io::Error) -> Self {
        StartError::Io(e)
    }
}

impl From<Diagnostics> for StartError {
    fn from(d: Diagnostics) -> Self {
        StartError::Spec(d)
    }
}

/// Settings of a [`MockServer`] before it starts; from [`MockServer::builder`].
#[derive(Debug)]
#[must_use]
pub struct MockServerBuilder {
    api: Api,
    api_key: String,
    port: u16,
    max_body: usize,
    rate_limit: u64,
    rate_window: Duration,
    max_recorded: usize,
}

impl MockServerBuilder {
    /// The bearer key the server accepts (default [`DEFAULT_API_KEY`]).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = key.into();
        self
    }

    /// The port to bind on 127.0.0.1 (default 0: an ephemeral port).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The request body cap (default [`DEFAULT_MAX_BODY_BYTES`]); larger bodies get 413.
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// The quota the rate-limit headers report: `limit` requests per `window`
    /// (default 1000 per 60 s; the window is rounded up to whole seconds). The
    /// quota is reported, never enforced: script a 429 to throttle.
    pub fn rate_limit(mut self, limit: u64, window: Duration) -> Self {
        self.rate_limit = limit;
        self.rate_window = window;
        self
    }

    /// How many requests the record keeps (default [`DEFAULT_MAX_RECORDED`]).
    pub fn max_recorded(mut self, requests: usize) -> Self {
        self.max_recorded = requests;
        self
    }

    /// Binds the listener and starts serving on the current Tokio runtime.
    pub async fn start(self) -> io::Result<MockServer> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, self.port)).await?;
        let addr = listener.local_addr()?;
        let headers = SpecHeaders {
            request_id: self
                .api
                .request_id_header
                .as_deref()
                .and_then(|h| HeaderName::from_bytes(h.as_bytes()).ok()),
            rate_limit: self.api.rate_limit_headers.as_ref().and_then(|r| {
                let name = |h: &str| HeaderName::from_bytes(h.as_bytes()).ok();
                Some((name(&r.limit)?, name(&r.remaining)?, name(&r.reset)?))
            }),
        };
        let window_secs =
            self.rate_window.as_secs() + u64::from(self.rate_window.subsec_nanos() > 0);
        let state = Arc::new(State {
            routes: routes::build(&self.api),
            api: self.api,
            api_key: self.api_key,
            max_body: self.max_body,
            rate_limit: self.rate_limit,
            rate_window_secs: window_secs.max(1),
            max_recorded: self.max_recorded,
            started: Instant::now(),
            started_unix: unix_secs(SystemTime::now()),
            seq: AtomicU64::new(0),
            headers,
            shared: Mutex::new(Shared::default()),
        });
        let (stop_tx, stop_rx) = watch::channel(false);
        let (done_tx, done_rx) = watch::channel(false);
        tokio::spawn(accept_loop(listener, Arc::clone(&state), stop_rx, done_tx));
        Ok(MockServer {
            inner: Arc::new(Handle {
                state,
                addr,
                stop: stop_tx,
                done: done_rx,
            }),
        })
    }
}

/// Owned by the user-facing clones; stops the server when the last one drops.
struct Handle {
    state: Arc<State>,
    addr: SocketAddr,
    stop: watch::Sender<bool>,
    done: watch::Receiver<bool>,
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.stop.send_replace(true);
    }
}

/// A running spec-driven HTTP/1.1 test server on 127.0.0.1.
///
/// Cheap to clone (a shared handle); the server stops when the last clone is
/// dropped or on [`shutdown`](MockServer::shutdown). See the crate docs for the
/// behaviour. `Debug` shows the address and the spec's name, not the key.
#[derive(Clone)]
pub struct MockServer {
    inner: Arc<Handle>,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("base_url", &self.base_url())
            .field("api", &self.api().name)
            .finish_non_exhaustive()
    }
}

impl MockServer {
    /// Starts a server for `api` on an ephemeral port with the default settings.
    ///
    /// Must be called inside a Tokio runtime; the server's tasks run on it (a
    /// blocking client on a current-thread runtime would starve them).
    pub async fn start(api: Api) -> io::Result<MockServer> {
        MockServer::builder(api).start().await
    }

    /// Settings for a server for `api`; finish with [`MockServerBuilder::start`].
    pub fn builder(api: Api) -> MockServerBuilder {
        MockServerBuilder {
            api,
            api_key: DEFAULT_API_KEY.to_owned(),
            port: 0,
            max_body: DEFAULT_MAX_BODY_BYTES,
            rate_limit: 1000,
            rate_window: Duration::from_secs(60),
            max_recorded: DEFAULT_MAX_RECORDED,
        }
    }

    /// Loads the spec at `path` and starts a server for it with the default settings.
    pub async fn from_spec_path(path: impl AsRef<Path>) -> Result<MockServer, StartError> {
        let api = vook_schema::load_path(path)?;
        Ok(MockServer::start(api).await?)
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash; endpoint paths are served at the root.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.inner.addr)
    }

    /// `base_url() + path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url())
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.inner.addr
    }

    /// The bearer key the server accepts.
    pub fn api_key(&self) -> &str {
        &self.inner.state.api_key
    }

    /// The spec being served.
    pub fn api(&self) -> &Api {
        &self.inner.state.api
    }

    /// Appends `faults` to the queue of `operation` (an endpoint's operation id).
    /// Each matching request consumes one, first in first out; when the queue is
    /// empty the [any-operation queue](MockServer::script_any) is used, then the
    /// default behaviour. Faults are consumed before auth and validation.
    ///
    /// # Panics
    /// When the spec has no endpoint `operation` (a typo would otherwise never match).
    pub fn script<I: IntoIterator<Item = Fault>>(&self, operation: &str, faults: I) {
        let api = self.api();
        assert!(
            api.endpoints.iter().any(|e| e.name == operation),
            "vook-mock: no endpoint `{operation}` in spec `{}`; known: {}",
            api.name,
            api.endpoints
                .iter()
                .map(|e| e.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        self.inner
            .state
            .lock()
            .scripts
            .entry(operation.to_owned())
            .or_default()
            .extend(faults);
    }

    /// Appends `faults` to the queue used by any request (including unrouted
    /// ones) whose operation has no fault of its own queued.
    pub fn script_any<I: IntoIterator<Item = Fault>>(&self, faults: I) {
        self.inner.state.lock().any.extend(faults);
    }

    /// How many faults are still queued for `operation`.
    pub fn pending_faults(&self, operation: &str) -> usize {
        self.inner
            .state
            .lock()
            .scripts
            .get(operation)
            .map_or(0, VecDeque::len)
    }

    /// How many faults are still queued for any operation.
    pub fn pending_any_faults(&self) -> usize {
        self.inner.state.lock().any.len()
    }

    /// Drops every queued fault.
    pub fn clear_scripts(&self) {
        let mut shared = self.inner.state.lock();
        shared.scripts.clear();
        shared.any.clear();
    }

    /// Every recorded request, in arrival order. A request is recorded once its
    /// body has been read; `status` is filled in when it is answered.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.inner.state.lock().records.iter().cloned().collect()
    }

    /// The recorded requests routed to `operation`.
    pub fn requests_for(&self, operation: &str) -> Vec<RecordedRequest> {
        let shared = self.inner.state.lock();
        shared
            .records
            .iter()
            .filter(|r| r.operation.as_deref() == Some(operation))
            .cloned()
            .collect()
    }

    /// Waits until at least `count` requests are recorded (polling every 5 ms);
    /// false if `timeout` passes first. Handy before asserting on a request that
    /// hangs or was reset.
    pub async fn wait_for_requests(&self, count: usize, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if self.inner.state.lock().records.len() >= count {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        self.inner.state.lock().records.clear();
    }

    /// The objects stored under a concrete collection path (`"/items"`), oldest first.
    pub fn objects(&self, collection: &str) -> Vec<Value> {
        self.inner
            .state
            .lock()
            .store
            .all(collection)
            .into_iter()
            .cloned()
            .collect()
    }

    /// Stores `object` under a concrete collection path as is (replacing one with
    /// the same `id`), e.g. to seed data for a test.
    pub fn insert_object(&self, collection: &str, object: Value) {
        self.inner.state.lock().store.insert(collection, object);
    }

    /// Empties the store and forgets idempotency keys.
    pub fn clear_store(&self) {
        let mut shared = self.inner.state.lock();
        shared.store.clear();
        shared.idempotency.clear();
    }

    /// Stops accepting, closes every connection (hanging requests included) and
    /// waits until the listener is closed. Idempotent; also happens when the last
    /// clone is dropped.
    pub async fn shutdown(&self) {
        self.inner.stop.send_replace(true);
        let mut done = self.inner.done.clone();
        let _ = done.wait_for(|d| *d).await;
    }
}

async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

async fn accept_loop(
    listener: TcpListener,
    state: Arc<State>,
    mut stop: watch::Receiver<bool>,
    done: watch::Sender<bool>,
) {
    loop {
        tokio::select! {
            () = stopped(&mut stop) => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let _ = stream.set_nodelay(true);
                    tokio::spawn(serve_connection(stream, Arc::clone(&state), stop.clone()));
                }
                // Out of file descriptors and the like: back off instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            },
        }
    }
    drop(listener);
    done.send_replace(true);
}

async fn serve_connection(stream: TcpStream, state: Arc<State>, mut stop: watch::Receiver<bool>) {
    let reset = Arc::new(AtomicBool::new(false));
    let io = TokioIo::new(ConnStream {
        stream,
        reset: Arc::clone(&reset),
    });
    let service =
        service_fn(move |req| handler::handle(Arc::clone(&state), Arc::clone(&reset), req));
    let conn = http1::Builder::new()
        .timer(TokioTimer::new())
        .serve_connection(io, service);
    tokio::select! {
        _ = conn => {}
        () = stopped(&mut stop) => {}
    }
}

/// A TCP stream that closes with a reset (SO_LINGER 0) when a fault asked for it.
struct ConnStream {
    stream: TcpStream,
    reset: Arc<AtomicBool>,
}

impl Drop for ConnStream {
    fn drop(&mut self) {
        if self.reset.load(Ordering::SeqCst) {
            let _ = self.stream.set_zero_linger();
        }
    }
}

impl AsyncRead for ConnStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for ConnStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}
