//! A scripted HTTP/1.1 server on 127.0.0.1 for the runtime's socket tests, plus a test
//! spec. Each connection serves one request, answers with the next scripted reply (the
//! last one repeats) and closes.

#![allow(dead_code, unreachable_pub)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use vook_runtime::{
    ApiError, ApiSpec, AuthSpec, Client, ClientBuilder, Endpoint, ErrorFields, ErrorRow, Method,
    RateLimitHeaders, ResetFormat, RetryClass, RetryDefaults,
};

pub const KEY: &str = "sk_test_SuperSecretKey_0123456789";

/// One scripted answer.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A full response with Content-Length.
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Raw bytes, then close (partial bodies, chunked encoding).
    Raw(Vec<u8>),
    /// Read the request, then never answer (gives up after 30 s).
    Hang,
    /// Raw bytes (say, a response head and part of its body), then nothing more for
    /// 30 s, with the connection left open.
    Stall(Vec<u8>),
    /// Read the request, then close without answering.
    Close,
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::Respond {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    pub fn text(status: u16, content_type: &str, body: &str) -> Reply {
        Reply::Respond {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.as_bytes().to_vec(),
        }
    }

    pub fn error(status: u16, code: &str) -> Reply {
        Reply::json(
            status,
            &format!(
                r#"{{"error":{{"code":"{code}","message":"{code} happened","request_id":"req_{status}"}}}}"#
            ),
        )
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Respond { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

/// A request as the server saw it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub at: Instant,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub struct Server {
    pub addr: SocketAddr,
    log: Arc<Mutex<Vec<Recorded>>>,
}

impl Server {
    pub async fn start(script: Vec<Reply>) -> Server {
        assert!(!script.is_empty());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(Mutex::new((script, 0usize)));
        let server_log = log.clone();
        tokio::spawn(async move {
            // Bounded: a test never needs more than a few hundred connections.
            for _ in 0..500 {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let log = server_log.clone();
                let script = script.clone();
                tokio::spawn(async move { serve(stream, log, script).await });
            }
        });
        Server { addr, log }
    }

    pub fn url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.log.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.log.lock().unwrap().len()
    }
}

async fn serve(
    mut stream: TcpStream,
    log: Arc<Mutex<Vec<Recorded>>>,
    script: Arc<Mutex<(Vec<Reply>, usize)>>,
) {
    let Some(req) = read_request(&mut stream).await else {
        return;
    };
    log.lock().unwrap().push(req);
    let reply = {
        let mut s = script.lock().unwrap();
        let (replies, next) = &mut *s;
        let r = replies[(*next).min(replies.len() - 1)].clone();
        *next += 1;
        r
    };
    match reply {
        Reply::Respond {
            status,
            headers,
            body,
        } => {
            let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
            for (n, v) in &headers {
                out.push_str(&format!("{n}: {v}\r\n"));
            }
            out.push_str(&format!(
                "Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            ));
            let mut bytes = out.into_bytes();
            bytes.extend_from_slice(&body);
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
        }
        Reply::Raw(bytes) => {
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
        }
        Reply::Hang => {
            tokio::time::sleep(Duration::from_secs(30)).await;
        }
        Reply::Stall(bytes) => {
            let _ = stream.write_all(&bytes).await;
            tokio::time::sleep(Duration::from_secs(30)).await;
        }
        Reply::Close => {}
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Whatever",
    }
}

async fn read_request(stream: &mut TcpStream) -> Option<Recorded> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p;
        }
        if buf.len() > 1 << 20 {
            return None;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let at = Instant::now();
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let target = first.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let len: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < len {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Recorded {
        method,
        target,
        headers,
        body,
        at,
    })
}

// ---- a spec and endpoints like the generator emits ----

pub static ERROR_TABLE: [ErrorRow; 5] = [
    row("invalid_api_key", 401, RetryClass::Never),
    row("not_found", 404, RetryClass::Never),
    row("validation_error", 422, RetryClass::Never),
    row("rate_limit_exceeded", 429, RetryClass::Throttle),
    row("internal_error", 500, RetryClass::Backoff),
];

const fn row(code: &'static str, status: u16, retry: RetryClass) -> ErrorRow {
    ErrorRow {
        code,
        wire: None,
        status,
        retry,
        summary: "summary",
        fix: "fix",
        details: false,
    }
}

pub static SPEC: ApiSpec = ApiSpec {
    name: "vook",
    base_url: "https://api.vook.ai/v1",
    auth: AuthSpec::bearer("VOOK_API_KEY"),
    request_id_header: Some("X-Request-ID"),
    rate_limit_headers: Some(RateLimitHeaders {
        limit: "X-RateLimit-Limit",
        remaining: "X-RateLimit-Remaining",
        reset: "X-RateLimit-Reset",
        reset_format: ResetFormat::Epoch,
    }),
    envelope_data: Some("data"),
    envelope_error: Some("error"),
    error_fields: ErrorFields::DEFAULT,
    retry: RetryDefaults::STANDARD,
    errors: &ERROR_TABLE,
};

pub static GET_ITEM: Endpoint =
    Endpoint::new("get_item", Method::Get, "/items/{item_id}", 200, true);
pub static CREATE_ITEM: Endpoint = Endpoint::new("create_item", Method::Post, "/items", 201, false);
pub static DELETE_ITEM: Endpoint =
    Endpoint::new("delete_item", Method::Delete, "/items/{item_id}", 204, true);

#[derive(Debug)]
pub enum ItemError {
    NotFound(ApiError),
    ValidationError(ApiError),
    RateLimitExceeded(ApiError),
    InternalError(ApiError),
    Unknown(ApiError),
}

vook_runtime::op_error!(ItemError {
    NotFound = "not_found",
    ValidationError = "validation_error",
    RateLimitExceeded = "rate_limit_exceeded",
    InternalError = "internal_error",
});

#[derive(
    Debug,
    PartialEq,
    vook_runtime::__private::serde::Deserialize,
    vook_runtime::__private::serde::Serialize,
)]
#[serde(crate = "::vook_runtime::__private::serde")]
pub struct Item {
    pub id: String,
    pub name: String,
}

/// A builder aimed at `server` with fast retries.
pub fn builder(server: &Server) -> ClientBuilder<Client> {
    Client::builder(&SPEC)
        .base_url(server.url())
        .api_key(KEY)
        .base_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(20))
        .timeout(Duration::from_secs(5))
        .deadline(Duration::from_secs(20))
}

pub type Result<T> = vook_runtime::Result<T, ItemError>;

pub async fn get_item(c: &Client, id: &str) -> Result<Item> {
    c.call(&GET_ITEM, &[&id], None::<&()>, None::<&()>).await
}

pub async fn create_item(c: &Client, item: &Item) -> Result<Item> {
    c.call(&CREATE_ITEM, &[], None::<&()>, Some(item)).await
}

pub fn item() -> Item {
    Item {
        id: "itm_1".into(),
        name: "first".into(),
    }
}

pub const ITEM_BODY: &str = r#"{"data":{"id":"itm_1","name":"first"}}"#;
