//! The record of every request the server received.

use std::fmt;
use std::time::SystemTime;

use bytes::Bytes;
use http::HeaderMap;

use crate::fault::{Fault, FaultKind};

/// What answered a recorded request.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Answer {
    /// The spec-driven default behaviour (store, examples, auth, validation,
    /// routing errors, 413).
    Default,
    /// The stored first response for a repeated `Idempotency-Key`.
    IdempotentReplay,
    /// A scripted fault, as scripted. A [`Fault::pass`] means the default
    /// behaviour answered after the fault's delay and with its modifiers.
    Fault(Box<Fault>),
}

impl Answer {
    /// The kind of the scripted fault, if one answered.
    pub fn fault_kind(&self) -> Option<FaultKind> {
        match self {
            Answer::Fault(f) => Some(f.kind()),
            _ => None,
        }
    }
}

/// One request as received, and how it was answered.
///
/// `Debug` redacts the values of `Authorization`, `Proxy-Authorization` and `Cookie`.
#[derive(Clone)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// Arrival order, from 1; also the number in [`request_id`](Self::request_id).
    pub seq: u64,
    /// When the request (head and body) had been received.
    pub received_at: SystemTime,
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path, without the query string, as sent (percent-encoded).
    pub path: String,
    /// The raw query string, without `?`.
    pub query: Option<String>,
    /// The operation id of the matched endpoint.
    pub operation: Option<String>,
    /// Request headers.
    pub headers: HeaderMap,
    /// Request body (empty when it exceeded the body cap).
    pub body: Bytes,
    /// The request id the server assigned (`req_<seq>`).
    pub request_id: String,
    /// What answered.
    pub answer: Answer,
    /// The response status; `None` while unanswered, and for resets and hangs.
    pub status: Option<u16>,
    /// The error code of an error response.
    pub error_code: Option<String>,
}

impl RecordedRequest {
    /// The first value of header `name` (case-insensitive), if it is visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `Idempotency-Key` header.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.header("idempotency-key")
    }

    /// The body parsed as JSON.
    pub fn body_json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The body as text (lossy UTF-8).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The first value of query parameter `name`, percent-decoded.
    pub fn query_param(&self, name: &str) -> Option<String> {
        crate::routes::parse_query(self.query.as_deref())
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }
}

/// One line: `req_3 POST /items?x=1 -> 500 internal_error (create_item, fault: Error)`.
impl fmt::Display for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.request_id, self.method, self.path)?;
        if let Some(q) = &self.query {
            write!(f, "?{q}")?;
        }
        match self.status {
            Some(s) => write!(f, " -> {s}")?,
            None => f.write_str(" -> (no response)")?,
        }
        if let Some(code) = &self.error_code {
            write!(f, " {code}")?;
        }
        f.write_str(" (")?;
        f.write_str(self.operation.as_deref().unwrap_or("no route"))?;
        match &self.answer {
            Answer::Default => {}
            Answer::IdempotentReplay => f.write_str(", idempotent replay")?,
            Answer::Fault(fault) => write!(f, ", fault: {:?}", fault.kind())?,
        }
        f.write_str(")")
    }
}

const SECRET_HEADERS: [&str; 3] = ["authorization", "proxy-authorization", "cookie"];
const DEBUG_BODY_CAP: usize = 1024;

struct RedactedHeaders<'a>(&'a HeaderMap);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_map();
        for (name, value) in self.0 {
            if SECRET_HEADERS.contains(&name.as_str()) {
                m.entry(&name.as_str(), &"<redacted>");
            } else {
                m.entry(&name.as_str(), &String::from_utf8_lossy(value.as_bytes()));
            }
        }
        m.finish()
    }
}

impl fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body = self
            .body
            .get(..DEBUG_BODY_CAP)
            .unwrap_or(self.body.as_ref());
        let mut body = String::from_utf8_lossy(body).into_owned();
        if self.body.len() > DEBUG_BODY_CAP {
            body.push_str(&format!("... ({} bytes)", self.body.len()));
        }
        f.debug_struct("RecordedRequest")
            .field("seq", &self.seq)
            .field("received_at", &self.received_at)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("operation", &self.operation)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &body)
            .field("request_id", &self.request_id)
            .field("answer", &self.answer)
            .field("status", &self.status)
            .field("error_code", &self.error_code)
            .finish()
    }
}
