//! Helpers shared by the integration tests.
#![allow(dead_code, unreachable_pub)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::net::SocketAddr;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use vook_mock::{Api, MockServer};

pub const VOOK_SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/vook.yaml");

/// A second, unrelated spec: bare envelopes, no auth, integer ids, no details code.
pub const SHOP_SPEC: &str = r#"
vook: 1
api:
  name: shop
  base_url: https://api.shop.example
  envelope: { data: null, error: null }
errors:
  missing:
    status: 404
    retry: never
    summary: No such thing.
  bad_input:
    status: 400
    retry: never
    summary: Bad input.
  busy:
    status: 503
    retry: backoff
    summary: Busy, try later.
types:
  Order:
    fields:
      id: integer
      sku: string
      qty: integer
      status: OrderStatus
      placed_at: datetime
      note: string?
  OrderStatus:
    enum: [pending, shipped]
  NewOrder:
    fields:
      sku: string
      qty: integer
  OrderPage:
    fields:
      orders: "[Order]"
      has_more: boolean
      total: integer
      next: string?
  Stats:
    fields:
      count: integer
      ratio: number
      ok: boolean
      labels: map<string>
      tree: Node
      hint: string?
  Node:
    fields:
      name: string
      children: "[Node]"
endpoints:
  place_order:
    method: POST
    path: /orders
    body: NewOrder
    response: Order
    status: 201
    errors: [bad_input]
  get_order:
    method: GET
    path: /orders/{order_id}
    path_params: { order_id: integer }
    response: Order
    errors: [missing, busy]
  list_orders:
    method: GET
    path: /orders
    query: { page_size: integer? , after: string? }
    response: OrderPage
    errors: [bad_input]
  replace_order:
    method: PUT
    path: /orders/{order_id}
    path_params: { order_id: integer }
    body: NewOrder
    response: Order
    errors: [missing]
  cancel_order:
    method: DELETE
    path: /orders/{order_id}
    path_params: { order_id: integer }
    response: Order
    errors: [missing]
  stats:
    method: GET
    path: /stats
    response: Stats
    errors: [busy]
"#;

pub fn vook_api() -> Api {
    vook_schema::load_path(VOOK_SPEC).expect("the bundled spec loads")
}

pub fn shop_api() -> Api {
    vook_schema::load_str("shop.yaml", SHOP_SPEC).expect("the shop spec loads")
}

pub async fn vook_server() -> MockServer {
    MockServer::start(vook_api()).await.expect("server starts")
}

pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("client")
}

pub fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after epoch")
        .as_secs()
}

/// GET with the server's key.
pub async fn get(server: &MockServer, path: &str) -> reqwest::Response {
    http()
        .get(server.url(path))
        .bearer_auth(server.api_key())
        .send()
        .await
        .expect("GET answered")
}

/// POST JSON with the server's key.
pub async fn post(server: &MockServer, path: &str, body: &Value) -> reqwest::Response {
    http()
        .post(server.url(path))
        .bearer_auth(server.api_key())
        .json(body)
        .send()
        .await
        .expect("POST answered")
}

pub async fn json_of(resp: reqwest::Response) -> Value {
    resp.json().await.expect("JSON body")
}

/// Sends raw bytes on a fresh connection and reads until the server closes it.
pub async fn raw(addr: SocketAddr, request: &str) -> std::io::Result<Vec<u8>> {
    let mut s = TcpStream::connect(addr).await?;
    s.write_all(request.as_bytes()).await?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await?;
    Ok(buf)
}

/// A raw POST /items request with the test key, closing the connection after the answer.
pub fn raw_create(body: &str) -> String {
    format!(
        "POST /items HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test-key\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// Splits a raw HTTP/1.1 response into (head, body).
pub fn split_response(bytes: &[u8]) -> (String, Vec<u8>) {
    let at = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    (
        String::from_utf8_lossy(&bytes[..at]).into_owned(),
        bytes[at + 4..].to_vec(),
    )
}
