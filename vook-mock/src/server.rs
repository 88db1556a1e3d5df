//! The server: its builder, the public handle, the listener and the connections.

use std::collections::VecDeque;
use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

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
use crate::record::RecordedRequest;
use crate::state::{ServerState, Settings};

/// The key the server accepts unless told otherwise (for the `basic` scheme,
/// [`DEFAULT_BASIC_KEY`]).
pub const DEFAULT_API_KEY: &str = "test-key";
/// The `user:password` key a server for a `basic`-scheme spec accepts unless told otherwise.
pub const DEFAULT_BASIC_KEY: &str = "test-user:test-key";
/// The default cap on request bodies; larger bodies are answered with 413.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;
/// The default number of requests kept in the record (oldest dropped first).
pub const DEFAULT_MAX_RECORDED: usize = 10_000;

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
    settings: Settings,
}

impl MockServerBuilder {
    /// The key the server accepts, where the spec's auth scheme puts it (default
    /// [`DEFAULT_API_KEY`]; [`DEFAULT_BASIC_KEY`] for the `basic` scheme).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.settings.api_key = key.into();
        self
    }

    /// The port to bind on 127.0.0.1 (default 0: an ephemeral port).
    pub fn port(mut self, port: u16) -> Self {
        self.settings.port = port;
        self
    }

    /// The request body cap (default [`DEFAULT_MAX_BODY_BYTES`]); larger bodies get 413.
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.settings.max_body = bytes;
        self
    }

    /// The quota the rate-limit headers report: `limit` requests per `window`
    /// (default 1000 per 60 s; the window is rounded up to whole seconds). The
    /// quota is reported, never enforced: script a 429 to throttle.
    pub fn rate_limit(mut self, limit: u64, window: Duration) -> Self {
        self.settings.rate_limit = limit;
        self.settings.rate_window = window;
        self
    }

    /// How many requests the record keeps (default [`DEFAULT_MAX_RECORDED`]).
    pub fn max_recorded(mut self, requests: usize) -> Self {
        self.settings.max_recorded = requests;
        self
    }

    /// Binds the listener and starts serving on the current Tokio runtime.
    pub async fn start(self) -> io::Result<MockServer> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, self.settings.port)).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(ServerState::new(self.api, &self.settings));
        let (stop_tx, stop_rx) = watch::channel(false);
        let (done_tx, done_rx) = watch::channel(false);
        tokio::spawn(accept_loop(listener, Arc::clone(&state), stop_rx, done_tx));
        Ok(MockServer {
            handle: Arc::new(Handle {
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
    state: Arc<ServerState>,
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
    handle: Arc<Handle>,
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
        let basic = api
            .auth
            .as_ref()
            .is_some_and(|a| a.scheme == vook_schema::model::AuthScheme::Basic);
        let api_key = if basic {
            DEFAULT_BASIC_KEY
        } else {
            DEFAULT_API_KEY
        };
        MockServerBuilder {
            api,
            settings: Settings {
                api_key: api_key.to_owned(),
                port: 0,
                max_body: DEFAULT_MAX_BODY_BYTES,
                rate_limit: 1000,
                rate_window: Duration::from_secs(60),
                max_recorded: DEFAULT_MAX_RECORDED,
            },
        }
    }

    /// Loads the spec at `path` and starts a server for it with the default settings.
    pub async fn from_spec_path(path: impl AsRef<Path>) -> Result<MockServer, StartError> {
        let api = vook_schema::load_path(path)?;
        Ok(MockServer::start(api).await?)
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash; endpoint paths are served at the root.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.handle.addr)
    }

    /// `base_url() + path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url())
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.handle.addr
    }

    /// The bearer key the server accepts.
    pub fn api_key(&self) -> &str {
        &self.handle.state.api_key
    }

    /// The spec being served.
    pub fn api(&self) -> &Api {
        &self.handle.state.api
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
        self.handle
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
        self.handle.state.lock().any.extend(faults);
    }

    /// How many faults are still queued for `operation`.
    pub fn pending_faults(&self, operation: &str) -> usize {
        self.handle
            .state
            .lock()
            .scripts
            .get(operation)
            .map_or(0, VecDeque::len)
    }

    /// How many faults are still queued for any operation.
    pub fn pending_any_faults(&self) -> usize {
        self.handle.state.lock().any.len()
    }

    /// Drops every queued fault.
    pub fn clear_scripts(&self) {
        let mut locked = self.handle.state.lock();
        locked.scripts.clear();
        locked.any.clear();
    }

    /// Every recorded request, in arrival order. A request is recorded once its
    /// body has been read; `status` is filled in when it is answered.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.handle.state.lock().records.iter().cloned().collect()
    }

    /// The recorded requests routed to `operation`.
    pub fn requests_for(&self, operation: &str) -> Vec<RecordedRequest> {
        let locked = self.handle.state.lock();
        locked
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
            if self.handle.state.lock().records.len() >= count {
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
        self.handle.state.lock().records.clear();
    }

    /// The objects stored under a concrete collection path (`"/items"`), oldest first.
    pub fn objects(&self, collection: &str) -> Vec<Value> {
        self.handle
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
        self.handle.state.lock().store.insert(collection, object);
    }

    /// Empties the store and forgets idempotency keys.
    pub fn clear_store(&self) {
        let mut locked = self.handle.state.lock();
        locked.store.clear();
        locked.idempotency.clear();
    }

    /// Stops accepting, closes every connection (hanging requests included) and
    /// waits until the listener is closed. Idempotent; also happens when the last
    /// clone is dropped.
    pub async fn shutdown(&self) {
        self.handle.stop.send_replace(true);
        let mut done = self.handle.done.clone();
        let _ = done.wait_for(|d| *d).await;
    }
}

async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

async fn accept_loop(
    listener: TcpListener,
    state: Arc<ServerState>,
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

async fn serve_connection(
    stream: TcpStream,
    state: Arc<ServerState>,
    mut stop: watch::Receiver<bool>,
) {
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
