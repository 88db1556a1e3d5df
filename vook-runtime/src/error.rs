//! [`Error`]: everything a call can fail with, and the payloads of its non-API variants.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use crate::api_error::{ApiError, OpError};
use crate::text::write_one_line;

/// The error of a generated operation: the API's answer typed by `E` (the operation's
/// `<Op>Error` enum), or a failure to get a usable answer.
///
/// `Display` and `source()` are transparent over the variant's payload.
#[derive(Debug)]
pub enum Error<E> {
    /// The API answered with an error body whose code sorts into `E` (after retries gave
    /// up, or at once for a terminal class).
    Api(E),
    /// The connection failed, or broke before a full response arrived.
    Transport(TransportError),
    /// The per-attempt timeout (on every attempt) or the whole-call deadline ran out.
    Timeout(TimeoutError),
    /// A response that could not be decoded: a non-JSON or code-less error body (a proxy's
    /// HTML 502), a success body that is not the expected JSON, or a body over the cap.
    Decode(DecodeError),
    /// Caught before sending: the body or query failed to serialize, a path parameter
    /// cannot be a path segment, or the URL is invalid.
    InvalidRequest(InvalidRequestError),
}

impl<E> Error<E> {
    /// Convert the API variant, keeping the others.
    pub fn map_api<F>(self, f: impl FnOnce(E) -> F) -> Error<F> {
        match self {
            Error::Api(e) => Error::Api(f(e)),
            Error::Transport(e) => Error::Transport(e),
            Error::Timeout(e) => Error::Timeout(e),
            Error::Decode(e) => Error::Decode(e),
            Error::InvalidRequest(e) => Error::InvalidRequest(e),
        }
    }

    /// The typed API error, if the API answered with one.
    pub fn api(&self) -> Option<&E> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The typed API error by value, if the API answered with one.
    pub fn into_api(self) -> Option<E> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }
}

impl<E: OpError> Error<E> {
    /// The untyped [`ApiError`], if the API answered with an error body.
    pub fn api_error(&self) -> Option<&ApiError> {
        self.api().map(OpError::api_error)
    }

    /// The request id to quote to support: that of the last response, if there was one
    /// and it carried an id. For [`Error::Transport`] and [`Error::Timeout`] that is the
    /// newest response an attempt got (say, a 503 before the connection broke).
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.api_error().request_id(),
            Error::Decode(e) => e.request_id(),
            Error::Transport(e) => e.last_request_id(),
            Error::Timeout(e) => e.last_request_id(),
            Error::InvalidRequest(_) => None,
        }
    }

    /// HTTP status of the response this error is about: `None` for
    /// [`Error::Transport`] and [`Error::Timeout`], which got no (whole) response; their
    /// `last_status()` tells what an earlier attempt got.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.api_error().status()),
            Error::Decode(e) => Some(e.status()),
            Error::Transport(_) | Error::Timeout(_) | Error::InvalidRequest(_) => None,
        }
    }

    /// Attempts made (0 for [`Error::InvalidRequest`]: nothing was sent).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Api(e) => e.api_error().attempts(),
            Error::Transport(e) => e.attempts(),
            Error::Timeout(e) => e.attempts(),
            Error::Decode(e) => e.attempts(),
            Error::InvalidRequest(_) => 0,
        }
    }
}

impl Error<ApiError> {
    /// Remember the response an earlier attempt got, on errors that have none of their own.
    pub(crate) fn set_last_response(&mut self, last: Option<LastResponse>) {
        match self {
            Error::Transport(e) => e.inner.last_response = last,
            Error::Timeout(e) => e.inner.last_response = last,
            Error::Api(_) | Error::Decode(_) | Error::InvalidRequest(_) => {}
        }
    }

    pub(crate) fn set_attempts(&mut self, n: u32) {
        match self {
            Error::Api(e) => e.set_attempts(n),
            Error::Transport(e) => e.inner.attempts = n,
            Error::Timeout(e) => e.inner.attempts = n,
            Error::Decode(e) => e.set_attempts(n),
            Error::InvalidRequest(_) => {}
        }
    }
}

impl<E: OpError> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => fmt::Display::fmt(e.api_error(), f),
            Error::Transport(e) => fmt::Display::fmt(e, f),
            Error::Timeout(e) => fmt::Display::fmt(e, f),
            Error::Decode(e) => fmt::Display::fmt(e, f),
            Error::InvalidRequest(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl<E: OpError> StdError for Error<E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            Error::Api(_) => None,
            Error::Transport(e) => e.source(),
            Error::Timeout(e) => e.source(),
            Error::Decode(e) => e.source(),
            Error::InvalidRequest(e) => e.source(),
        }
    }
}

/// The status and request id of a response an earlier attempt of the call got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LastResponse {
    pub(crate) status: u16,
    pub(crate) request_id: Option<String>,
}

impl LastResponse {
    /// `; last response: HTTP 503 (request id req_1)`, for `Display`.
    fn write(this: Option<&Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(last) = this else { return Ok(()) };
        write!(f, "; last response: HTTP {}", last.status)?;
        if let Some(id) = &last.request_id {
            f.write_str(" (request id ")?;
            write_one_line(f, id, 200)?;
            f.write_str(")")?;
        }
        Ok(())
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The connection failed, or broke before a full response arrived.
/// `source()` is the underlying [`reqwest::Error`] and its chain.
pub struct TransportError {
    inner: Box<TransportInner>,
}

struct TransportInner {
    source: reqwest::Error,
    attempts: u32,
    sent: bool,
    last_response: Option<LastResponse>,
}

impl TransportError {
    /// The error without its URL: a `query`-scheme key is part of the URL an
    /// attempt sends, and `reqwest::Error`'s `Display` and `Debug` would show it.
    pub(crate) fn new(source: reqwest::Error, sent: bool) -> Self {
        TransportError {
            inner: Box::new(TransportInner {
                source: source.without_url(),
                attempts: 1,
                sent,
                last_response: None,
            }),
        }
    }

    /// Attempts made.
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    /// Whether the last attempt may have reached the server (`false`: it failed to connect).
    pub fn request_may_have_been_sent(&self) -> bool {
        self.inner.sent
    }

    /// The underlying HTTP client error (its URL removed: it may hold the key).
    pub fn reqwest_error(&self) -> &reqwest::Error {
        &self.inner.source
    }

    /// HTTP status of the newest response an attempt got (an earlier attempt's, or this
    /// one's if its body broke off), if any did.
    pub fn last_status(&self) -> Option<u16> {
        self.inner.last_response.as_ref().map(|r| r.status)
    }

    /// Request id of the response [`last_status`](Self::last_status) is about, if it had one.
    pub fn last_request_id(&self) -> Option<&str> {
        self.inner.last_response.as_ref()?.request_id.as_deref()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.inner.sent {
            "connection failed after the request was sent"
        } else {
            "could not connect"
        };
        let n = self.inner.attempts;
        write!(f, "transport error: {what} ({n} attempt{})", plural(n))?;
        LastResponse::write(self.inner.last_response.as_ref(), f)
    }
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError")
            .field("attempts", &self.inner.attempts)
            .field("sent", &self.inner.sent)
            .field("last_response", &self.inner.last_response)
            .field("source", &self.inner.source)
            .finish()
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.inner.source)
    }
}

/// Which time limit ran out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// The per-attempt timeout, on the last attempt (retries were used up or not allowed).
    Attempt,
    /// The whole-call deadline, while an attempt was in flight.
    Deadline,
}

/// A time limit ran out.
pub struct TimeoutError {
    inner: Box<TimeoutInner>,
}

struct TimeoutInner {
    kind: TimeoutKind,
    limit: Option<Duration>,
    attempts: u32,
    source: Option<reqwest::Error>,
    last_response: Option<LastResponse>,
}

impl TimeoutError {
    pub(crate) fn new(
        kind: TimeoutKind,
        limit: Option<Duration>,
        source: Option<reqwest::Error>,
    ) -> Self {
        TimeoutError {
            inner: Box::new(TimeoutInner {
                kind,
                limit,
                attempts: 1,
                // Without its URL, which may hold a `query`-scheme key.
                source: source.map(reqwest::Error::without_url),
                last_response: None,
            }),
        }
    }

    /// Which limit ran out.
    pub fn kind(&self) -> TimeoutKind {
        self.inner.kind
    }

    /// The limit that ran out (the per-attempt timeout, or the deadline); `None` when a
    /// timeout of a caller-supplied HTTP client fired.
    pub fn limit(&self) -> Option<Duration> {
        self.inner.limit
    }

    /// Attempts made.
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    /// HTTP status of the newest response an attempt got (an earlier attempt's, or this
    /// one's if its body broke off), if any did.
    pub fn last_status(&self) -> Option<u16> {
        self.inner.last_response.as_ref().map(|r| r.status)
    }

    /// Request id of the response [`last_status`](Self::last_status) is about, if it had one.
    pub fn last_request_id(&self) -> Option<&str> {
        self.inner.last_response.as_ref()?.request_id.as_deref()
    }
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &*self.inner;
        let what = match i.kind {
            TimeoutKind::Attempt => "per-attempt timeout",
            TimeoutKind::Deadline => "call deadline",
        };
        match i.limit {
            Some(limit) => write!(f, "timed out: {what} of {limit:?} ran out")?,
            None => write!(f, "timed out: the HTTP client's timeout ran out")?,
        }
        write!(f, " ({} attempt{})", i.attempts, plural(i.attempts))?;
        LastResponse::write(i.last_response.as_ref(), f)
    }
}

impl fmt::Debug for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TimeoutError")
            .field("kind", &self.inner.kind)
            .field("limit", &self.inner.limit)
            .field("attempts", &self.inner.attempts)
            .field("last_response", &self.inner.last_response)
            .field("source", &self.inner.source)
            .finish()
    }
}

impl StdError for TimeoutError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.inner
            .source
            .as_ref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

/// What could not be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// A non-2xx response whose body is not a JSON error object with a `code`.
    ErrorBody,
    /// A 2xx response whose body is not the expected JSON.
    SuccessBody,
    /// A 2xx response whose body is larger than the client's limit (in bytes).
    BodyTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// A page stream ([`crate::Pages`], [`crate::Items`]) got a cursor the server had
    /// already handed out in the same stream: the listing would loop. Status and
    /// request id are the page's that carried it.
    RepeatedCursor,
    /// A page stream reached its page limit ([`crate::MAX_PAGES`] by default) and
    /// stopped instead of requesting more (status 0: nothing was received).
    TooManyPages {
        /// The limit in pages.
        limit: u32,
    },
}

/// A response that could not be decoded. Carries the status and the body text (capped).
pub struct DecodeError {
    inner: Box<DecodeInner>,
}

struct DecodeInner {
    kind: DecodeErrorKind,
    status: u16,
    request_id: Option<String>,
    attempts: u32,
    body: String,
    truncated: bool,
    retry_after: Option<Duration>,
    source: Option<serde_json::Error>,
}

/// Body text shown by `Display`.
const DISPLAY_BODY_CHARS: usize = 200;

impl DecodeError {
    pub(crate) fn new(
        kind: DecodeErrorKind,
        status: u16,
        request_id: Option<String>,
        body: String,
        truncated: bool,
        source: Option<serde_json::Error>,
    ) -> Self {
        DecodeError {
            inner: Box::new(DecodeInner {
                kind,
                status,
                request_id,
                attempts: 1,
                body,
                truncated,
                retry_after: None,
                source,
            }),
        }
    }

    /// A page stream's own stop ([`DecodeErrorKind::RepeatedCursor`],
    /// [`DecodeErrorKind::TooManyPages`]): no body to keep.
    pub(crate) fn paging(kind: DecodeErrorKind, status: u16, request_id: Option<String>) -> Self {
        DecodeError::new(kind, status, request_id, String::new(), false, None)
    }

    pub(crate) fn set_attempts(&mut self, n: u32) {
        self.inner.attempts = n;
    }

    pub(crate) fn with_retry_after(mut self, wait: Option<Duration>) -> Self {
        self.inner.retry_after = wait;
        self
    }

    /// What could not be decoded.
    pub fn kind(&self) -> DecodeErrorKind {
        self.inner.kind
    }

    /// HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.inner.status
    }

    /// Request id from the spec's request-id response header.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }

    /// Attempts made.
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    /// The body as text (lossy UTF-8), capped at 64 KiB for error bodies.
    pub fn body(&self) -> &str {
        &self.inner.body
    }

    /// Whether [`DecodeError::body`] was cut at the cap.
    pub fn body_truncated(&self) -> bool {
        self.inner.truncated
    }

    /// `Retry-After` of the response, if it sent one.
    pub fn retry_after(&self) -> Option<Duration> {
        self.inner.retry_after
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &*self.inner;
        match i.kind {
            DecodeErrorKind::ErrorBody => write!(
                f,
                "undecodable error response (HTTP {}): not a JSON error object",
                i.status
            )?,
            DecodeErrorKind::SuccessBody => {
                write!(f, "undecodable success response (HTTP {})", i.status)?;
                if let Some(e) = &i.source {
                    write!(f, ": {e}")?;
                }
            }
            DecodeErrorKind::BodyTooLarge { limit } => write!(
                f,
                "response body (HTTP {}) is larger than the {limit}-byte limit",
                i.status
            )?,
            DecodeErrorKind::RepeatedCursor => write!(
                f,
                "page stream stopped: the page (HTTP {}) gave a cursor this stream had already used, so the listing would loop",
                i.status
            )?,
            DecodeErrorKind::TooManyPages { limit } => {
                write!(f, "page stream stopped after {limit} pages, its limit")?;
            }
        }
        if let Some(id) = &i.request_id {
            f.write_str(" (request id ")?;
            write_one_line(f, id, 200)?;
            f.write_str(")")?;
        }
        if i.attempts > 1 {
            write!(f, " after {} attempts", i.attempts)?;
        }
        if i.kind == DecodeErrorKind::ErrorBody {
            if i.body.trim().is_empty() {
                f.write_str(": empty body")?;
            } else {
                f.write_str(": ")?;
                write_one_line(f, &i.body, DISPLAY_BODY_CHARS)?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &*self.inner;
        let body: String = i.body.chars().take(256).collect();
        f.debug_struct("DecodeError")
            .field("kind", &i.kind)
            .field("status", &i.status)
            .field("request_id", &i.request_id)
            .field("attempts", &i.attempts)
            .field("body", &body)
            .field("body_len", &i.body.len())
            .field("truncated", &i.truncated)
            .field("retry_after", &i.retry_after)
            .field("source", &i.source)
            .finish()
    }
}

impl StdError for DecodeError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self.inner.kind {
            // Display already includes the serde error's text.
            DecodeErrorKind::SuccessBody => None,
            _ => self
                .inner
                .source
                .as_ref()
                .map(|e| e as &(dyn StdError + 'static)),
        }
    }
}

/// The request was refused before anything was sent.
pub struct InvalidRequestError {
    inner: Box<InvalidInner>,
}

struct InvalidInner {
    operation: &'static str,
    message: String,
    source: Option<Box<dyn StdError + Send + Sync + 'static>>,
}

impl InvalidRequestError {
    pub(crate) fn new(
        operation: &'static str,
        message: impl Into<String>,
        source: Option<Box<dyn StdError + Send + Sync + 'static>>,
    ) -> Self {
        InvalidRequestError {
            inner: Box::new(InvalidInner {
                operation,
                message: message.into(),
                source,
            }),
        }
    }

    /// The operation the request was for.
    pub fn operation(&self) -> &'static str {
        self.inner.operation
    }

    /// What is wrong with it.
    pub fn message(&self) -> &str {
        &self.inner.message
    }
}

impl fmt::Display for InvalidRequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid request for `{}`: {}",
            self.inner.operation, self.inner.message
        )
    }
}

impl fmt::Debug for InvalidRequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InvalidRequestError")
            .field("operation", &self.inner.operation)
            .field("message", &self.inner.message)
            .field("source", &self.inner.source)
            .finish()
    }
}

impl StdError for InvalidRequestError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.inner
            .source
            .as_ref()
            .map(|e| &**e as &(dyn StdError + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    enum OpErr {
        NotFound(ApiError),
        Unknown(ApiError),
    }
    impl OpError for OpErr {
        fn from_api_error(err: ApiError) -> Self {
            match err.code() {
                "not_found" => OpErr::NotFound(err),
                _ => OpErr::Unknown(err),
            }
        }
        fn api_error(&self) -> &ApiError {
            match self {
                OpErr::NotFound(e) | OpErr::Unknown(e) => e,
            }
        }
    }
    crate::op_error_impls!(OpErr);

    fn api(code: &str) -> Error<ApiError> {
        let mut e = ApiError::new(404, code, "gone").with_request_id("req_1");
        e.set_attempts(2);
        Error::Api(e)
    }

    #[test]
    fn typed_mapping_and_accessors() {
        let e: Error<OpErr> = api("not_found").map_api(OpErr::from_api_error);
        assert!(matches!(e, Error::Api(OpErr::NotFound(_))));
        assert_eq!(e.status(), Some(404));
        assert_eq!(e.request_id(), Some("req_1"));
        assert_eq!(e.attempts(), 2);
        assert_eq!(e.api_error().map(ApiError::code), Some("not_found"));
        assert_eq!(
            e.to_string(),
            "not_found (HTTP 404): gone (request id req_1) after 2 attempts"
        );
        assert!(e.source().is_none());
        let e: Error<OpErr> = api("brand_new").map_api(OpErr::from_api_error);
        assert!(matches!(e.into_api(), Some(OpErr::Unknown(_))));
    }

    #[test]
    fn decode_error_shape() {
        let mut e: Error<ApiError> = Error::Decode(DecodeError::new(
            DecodeErrorKind::ErrorBody,
            502,
            Some("req_9".into()),
            "<html>\n<body>Bad Gateway</body>\n</html>".into(),
            false,
            None,
        ));
        e.set_attempts(3);
        assert_eq!(e.status(), Some(502));
        assert_eq!(e.request_id(), Some("req_9"));
        assert_eq!(e.attempts(), 3);
        let s = e.to_string();
        assert_eq!(
            s,
            "undecodable error response (HTTP 502): not a JSON error object (request id req_9) after 3 attempts: <html> <body>Bad Gateway</body> </html>"
        );
        assert!(!s.contains('\n'));
    }

    #[test]
    fn success_decode_error_keeps_serde_message() {
        let serde_err = serde_json::from_str::<u32>("\"x\"").unwrap_err();
        let e: Error<ApiError> = Error::Decode(DecodeError::new(
            DecodeErrorKind::SuccessBody,
            200,
            None,
            "\"x\"".into(),
            false,
            Some(serde_err),
        ));
        assert!(
            e.to_string()
                .starts_with("undecodable success response (HTTP 200): invalid type"),
            "{e}"
        );
        assert_eq!(e.attempts(), 1);
    }

    #[test]
    fn invalid_request_has_source_chain() {
        let src = serde_json::from_str::<u32>("x").unwrap_err();
        let e: Error<ApiError> = Error::InvalidRequest(InvalidRequestError::new(
            "create_item",
            "body failed to serialize",
            Some(Box::new(src)),
        ));
        assert_eq!(
            e.to_string(),
            "invalid request for `create_item`: body failed to serialize"
        );
        assert!(e.source().is_some());
        assert_eq!(e.attempts(), 0);
        assert_eq!(e.status(), None);
        assert_eq!(e.request_id(), None);
    }

    #[test]
    fn timeout_display() {
        let mut e: Error<ApiError> = Error::Timeout(TimeoutError::new(
            TimeoutKind::Deadline,
            Some(Duration::from_millis(1500)),
            None,
        ));
        e.set_attempts(2);
        assert_eq!(
            e.to_string(),
            "timed out: call deadline of 1.5s ran out (2 attempts)"
        );
        assert_eq!(e.attempts(), 2);
        assert!(e.source().is_none());
        assert_eq!((e.status(), e.request_id()), (None, None));

        // An earlier attempt's response: its request id is the error's, its status is
        // the timeout's `last_status`, not the error's own.
        e.set_last_response(Some(LastResponse {
            status: 503,
            request_id: Some("req_\n9".into()),
        }));
        assert_eq!(
            e.to_string(),
            "timed out: call deadline of 1.5s ran out (2 attempts); last response: HTTP 503 (request id req_ 9)"
        );
        assert_eq!(e.request_id(), Some("req_\n9"));
        assert_eq!(e.status(), None);
        let Error::Timeout(t) = &e else {
            unreachable!()
        };
        assert_eq!(t.last_status(), Some(503));
    }

    #[test]
    fn errors_are_send_sync_static_and_small() {
        fn check<T: Send + Sync + 'static + StdError>() {}
        check::<Error<ApiError>>();
        check::<Error<OpErr>>();
        assert!(std::mem::size_of::<Error<OpErr>>() <= 24);
    }
}
