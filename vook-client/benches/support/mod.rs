//! What the call benchmarks share: the item, the sides compared (the generated client
//! and reqwest by hand), and a minimal fixed-response server.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // a benchmark: a panic is a failed run
#![allow(dead_code)] // each bench uses its own subset

use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use reqwest::header::{ACCEPT, USER_AGENT};
use tokio::runtime::Runtime;
use vook_client::Item;

/// The item every call fetches.
pub(crate) const ITEM_ID: &str = "itm_bench";

/// The body of `GET /items/itm_bench`, as the mock answers it.
pub(crate) fn item_json() -> serde_json::Value {
    serde_json::json!({
        "id": ITEM_ID,
        "name": "benchmark item",
        "kind": "document",
        "tags": ["a", "b"],
        "note": "a note",
        "metadata": {"k": "v"},
        "created_at": "2024-11-01T12:00:00Z",
        "updated_at": "2024-11-01T12:00:00Z"
    })
}

/// What the hand-written call decodes.
#[derive(serde::Deserialize)]
pub(crate) struct Envelope {
    pub(crate) data: Item,
}

/// The extra header of the "with a per-call option" cases.
pub(crate) const TRACE_HEADER: (&str, &str) = ("x-trace-id", "trace-bench-1");
/// The per-attempt timeout of the "with a per-call option" cases.
pub(crate) const OPTION_TIMEOUT: Duration = Duration::from_secs(30);

/// One side of the comparison.
#[derive(Clone)]
pub(crate) enum Side {
    /// The generated client.
    Vook(vook_client::Client),
    /// The generated client, each call with per-call options: an extra header and a
    /// per-attempt timeout (`.header(..).timeout(..)`).
    VookOption(vook_client::Client),
    /// reqwest by hand: base URL, key, `User-Agent`, and a per-request timeout or none.
    Reqwest(reqwest::Client, String, String, String, Option<Duration>),
    /// reqwest by hand with the same extra header and per-request timeout as `VookOption`.
    ReqwestOption(reqwest::Client, String, String, String),
}

impl Side {
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Side::Vook(_) => "vook",
            Side::VookOption(_) => "vook_option",
            Side::Reqwest(.., None) => "reqwest",
            Side::Reqwest(.., Some(_)) => "reqwest_timeout",
            Side::ReqwestOption(..) => "reqwest_option",
        }
    }

    pub(crate) async fn get_item(&self) -> Item {
        match self {
            Side::Vook(client) => client
                .get_item(ITEM_ID)
                .await
                .expect("get_item")
                .into_inner(),
            Side::VookOption(client) => client
                .get_item(ITEM_ID)
                .header(TRACE_HEADER.0, TRACE_HEADER.1)
                .timeout(OPTION_TIMEOUT)
                .await
                .expect("get_item")
                .into_inner(),
            Side::ReqwestOption(http, base, key, agent) => {
                let resp = http
                    .get(format!("{base}/items/{ITEM_ID}"))
                    .header(ACCEPT, "application/json")
                    .header(USER_AGENT, agent.as_str())
                    .bearer_auth(key)
                    .header(TRACE_HEADER.0, TRACE_HEADER.1)
                    .timeout(OPTION_TIMEOUT)
                    .send()
                    .await
                    .expect("send");
                assert!(resp.status().is_success(), "status {}", resp.status());
                resp.json::<Envelope>().await.expect("decode").data
            }
            Side::Reqwest(http, base, key, agent, timeout) => {
                let mut req = http
                    .get(format!("{base}/items/{ITEM_ID}"))
                    .header(ACCEPT, "application/json")
                    .header(USER_AGENT, agent.as_str())
                    .bearer_auth(key);
                if let Some(t) = timeout {
                    req = req.timeout(*t);
                }
                let resp = req.send().await.expect("send");
                assert!(resp.status().is_success(), "status {}", resp.status());
                resp.json::<Envelope>().await.expect("decode").data
            }
        }
    }
}

/// vook, then reqwest by hand without and with a per-request timeout (vook's default
/// per-attempt timeout; the errors page's httpx client has a default timeout too).
pub(crate) fn sides(base_url: &str, key: &str) -> [Side; 3] {
    let vook = vook_client::Client::builder()
        .base_url(base_url)
        .api_key(key)
        .build()
        .expect("client builds");
    let agent = format!("vook-bench/{}", env!("CARGO_PKG_VERSION"));
    let by_hand = |timeout| {
        Side::Reqwest(
            reqwest::Client::new(),
            base_url.trim_end_matches('/').to_owned(),
            key.to_owned(),
            agent.clone(),
            timeout,
        )
    };
    [
        Side::Vook(vook),
        by_hand(None),
        by_hand(Some(vook_runtime::DEFAULT_TIMEOUT)),
    ]
}

/// vook with per-call options, then reqwest by hand with the same header and timeout.
pub(crate) fn option_sides(base_url: &str, key: &str) -> [Side; 2] {
    let vook = vook_client::Client::builder()
        .base_url(base_url)
        .api_key(key)
        .build()
        .expect("client builds");
    let agent = format!("vook-bench/{}", env!("CARGO_PKG_VERSION"));
    [
        Side::VookOption(vook),
        Side::ReqwestOption(
            reqwest::Client::new(),
            base_url.trim_end_matches('/').to_owned(),
            key.to_owned(),
            agent,
        ),
    ]
}

/// A one-worker runtime for a server.
pub(crate) fn server_runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime")
}

/// A minimal HTTP/1.1 server answering every request with `body` and the headers the
/// mock sends; returns its address.
pub(crate) fn start_fixed_server(rt: &Runtime, body: Bytes) -> SocketAddr {
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let body = body.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |_req| {
                        let resp = hyper::Response::builder()
                            .status(200)
                            .header("content-type", "application/json")
                            .header("x-request-id", "req_1")
                            .header("x-ratelimit-limit", "1000")
                            .header("x-ratelimit-remaining", "999")
                            .header("x-ratelimit-reset", "1730462400")
                            .body(Full::new(body.clone()))
                            .expect("response");
                        async move { Ok::<_, Infallible>(resp) }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        addr
    })
}

/// The fixed server's body: `{"data": item}`.
pub(crate) fn fixed_body() -> Bytes {
    Bytes::from(serde_json::to_vec(&serde_json::json!({ "data": item_json() })).expect("json"))
}
