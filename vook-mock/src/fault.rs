//! Scripted faults: what the server answers instead of (or before) its default
//! behaviour. See [`Fault`].

use std::time::{Duration, SystemTime};

use bytes::Bytes;

/// What a [`Fault`] does, without its modifiers (see [`Fault::kind`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FaultKind {
    /// [`Fault::pass`]: the default behaviour answers.
    Pass,
    /// [`Fault::error`]: an error envelope with a code.
    Error,
    /// [`Fault::status`]: a raw status with an arbitrary body.
    Status,
    /// [`Fault::truncated_json`]: a complete response whose JSON body is cut in half.
    TruncatedJson,
    /// [`Fault::incomplete_body`]: the connection drops in the middle of the body.
    IncompleteBody,
    /// [`Fault::huge_body`]: a body of N bytes.
    HugeBody,
    /// [`Fault::reset`]: the connection is reset without a response.
    Reset,
    /// [`Fault::hang`]: no answer until the server shuts down.
    Hang,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Action {
    Pass,
    Error(String),
    Status(u16),
    TruncatedJson,
    IncompleteBody,
    HugeBody(u64),
    Reset,
    Hang,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum RetryAfter {
    /// Delta-seconds.
    Secs(u64),
    /// An HTTP-date this long after the moment of answering.
    In(Duration),
    /// An HTTP-date.
    At(SystemTime),
    /// Sent verbatim.
    Raw(String),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ResetAt {
    /// Unix seconds this long after the moment of answering (rounded up).
    In(Duration),
    /// Unix seconds, verbatim.
    At(u64),
}

/// One scripted answer, consumed by one matching request (see
/// [`MockServer::script`](crate::MockServer::script)).
///
/// Start from a constructor ([`Fault::error`], [`Fault::status`], [`Fault::reset`], ...)
/// and refine it with the builder methods:
///
/// ```
/// use std::time::Duration;
/// use vook_mock::Fault;
///
/// let throttled = Fault::error("rate_limit_exceeded").retry_after_secs(1).rate_limit_remaining(0);
/// let proxy = Fault::status(502).html("<html>bad gateway</html>").without_request_id_header();
/// let slow = Fault::delay(Duration::from_millis(200)).then(Fault::error("internal_error"));
/// assert_eq!(proxy.kind(), vook_mock::FaultKind::Status);
/// # let _ = (throttled, slow);
/// ```
///
/// Modifiers that make no sense for a kind (a body on a reset, say) are ignored.
/// Header names or values that HTTP cannot carry are dropped when answering.
#[derive(Clone, Debug, PartialEq)]
pub struct Fault {
    pub(crate) action: Action,
    pub(crate) delay: Duration,
    pub(crate) status: Option<u16>,
    pub(crate) message: Option<String>,
    pub(crate) details: Option<Vec<(String, String)>>,
    pub(crate) request_id_in_body: bool,
    pub(crate) request_id_header: bool,
    pub(crate) retry_after: Option<RetryAfter>,
    /// `Retry-After-Ms`, sent verbatim.
    pub(crate) retry_after_ms: Option<String>,
    pub(crate) rate_limit_headers: bool,
    pub(crate) limit: Option<u64>,
    pub(crate) remaining: Option<u64>,
    pub(crate) reset: Option<ResetAt>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Option<(String, Bytes)>,
}

impl Fault {
    fn new(action: Action) -> Self {
        Fault {
            action,
            delay: Duration::ZERO,
            status: None,
            message: None,
            details: None,
            request_id_in_body: true,
            request_id_header: true,
            retry_after: None,
            retry_after_ms: None,
            rate_limit_headers: true,
            limit: None,
            remaining: None,
            reset: None,
            headers: Vec::new(),
            body: None,
        }
    }

    /// A pass-through marker: the default behaviour answers this request (the
    /// modifiers, such as extra headers or a delay, still apply).
    #[must_use]
    pub fn pass() -> Self {
        Fault::new(Action::Pass)
    }

    /// The error `code` in the spec's error envelope: status, message and `details`
    /// shape from the spec. A code the spec does not know is sent too (status 500
    /// unless [`with_status`](Fault::with_status) says otherwise), to test
    /// clients' handling of unknown codes.
    ///
    /// A 429 or a `throttle`-class code reports `remaining: 0` in the rate-limit
    /// headers and a reset consistent with its `Retry-After` (no reset header when
    /// there is no usable Retry-After), unless overridden.
    #[must_use]
    pub fn error(code: impl Into<String>) -> Self {
        Fault::new(Action::Error(code.into()))
    }

    /// A raw status with an empty body; add one with [`html`](Fault::html),
    /// [`text`](Fault::text), [`json`](Fault::json) or [`body`](Fault::body).
    /// A status outside 100..=999 is sent as 500.
    #[must_use]
    pub fn status(status: u16) -> Self {
        Fault::new(Action::Status(status))
    }

    /// A complete response (the endpoint's success status unless
    /// [`with_status`](Fault::with_status); an error envelope for statuses >= 400)
    /// whose JSON body is cut in half: valid HTTP, invalid JSON.
    #[must_use]
    pub fn truncated_json() -> Self {
        Fault::new(Action::TruncatedJson)
    }

    /// A response that announces a full `Content-Length`, sends half of the body
    /// and then drops the connection.
    #[must_use]
    pub fn incomplete_body() -> Self {
        Fault::new(Action::IncompleteBody)
    }

    /// A JSON error body of exactly `bytes` bytes (status 500 unless
    /// [`with_status`](Fault::with_status)), streamed without allocating it.
    #[must_use]
    pub fn huge_body(bytes: usize) -> Self {
        Fault::new(Action::HugeBody(bytes as u64))
    }

    /// Waits `delay`, then answers with the default behaviour; chain
    /// [`then`](Fault::then) to answer with another fault after the wait.
    #[must_use]
    pub fn delay(delay: Duration) -> Self {
        Fault::new(Action::Pass).delayed(delay)
    }

    /// Closes the connection without any response (a TCP reset).
    #[must_use]
    pub fn reset() -> Self {
        Fault::new(Action::Reset)
    }

    /// Never answers; the connection stays open until the server shuts down.
    #[must_use]
    pub fn hang() -> Self {
        Fault::new(Action::Hang)
    }

    /// What this fault does.
    pub fn kind(&self) -> FaultKind {
        match self.action {
            Action::Pass => FaultKind::Pass,
            Action::Error(_) => FaultKind::Error,
            Action::Status(_) => FaultKind::Status,
            Action::TruncatedJson => FaultKind::TruncatedJson,
            Action::IncompleteBody => FaultKind::IncompleteBody,
            Action::HugeBody(_) => FaultKind::HugeBody,
            Action::Reset => FaultKind::Reset,
            Action::Hang => FaultKind::Hang,
        }
    }

    /// The error code of a [`Fault::error`].
    pub fn code(&self) -> Option<&str> {
        match &self.action {
            Action::Error(c) => Some(c),
            _ => None,
        }
    }

    /// How long the server waits before acting.
    pub fn delay_before(&self) -> Duration {
        self.delay
    }

    /// `next`, answered after this fault's delay (added to `next`'s own delay).
    /// Other modifiers of `self` are dropped.
    #[must_use]
    pub fn then(self, next: Fault) -> Self {
        let delay = self.delay.saturating_add(next.delay);
        Fault { delay, ..next }
    }

    /// Waits `delay` (more) before acting.
    #[must_use]
    pub fn delayed(mut self, delay: Duration) -> Self {
        self.delay = self.delay.saturating_add(delay);
        self
    }

    /// Overrides the HTTP status (of an error, truncated or huge body; for
    /// [`Fault::status`] it replaces the status).
    #[must_use]
    pub fn with_status(mut self, status: u16) -> Self {
        if let Action::Status(s) = &mut self.action {
            *s = status;
        }
        self.status = Some(status);
        self
    }

    /// Overrides the error message (default: the code's `message`, else its `summary`).
    #[must_use]
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// Sets the error's `details` array: `(field, issue)` pairs.
    #[must_use]
    pub fn details<I, F, S>(mut self, details: I) -> Self
    where
        I: IntoIterator<Item = (F, S)>,
        F: Into<String>,
        S: Into<String>,
    {
        self.details = Some(
            details
                .into_iter()
                .map(|(f, s)| (f.into(), s.into()))
                .collect(),
        );
        self
    }

    /// Leaves `request_id` out of the error body (the header still carries it),
    /// so clients must fall back to the header.
    #[must_use]
    pub fn without_request_id_in_body(mut self) -> Self {
        self.request_id_in_body = false;
        self
    }

    /// Leaves out the request-id response header (like a proxy's own error page).
    #[must_use]
    pub fn without_request_id_header(mut self) -> Self {
        self.request_id_header = false;
        self
    }

    /// `Retry-After: <secs>` (delta-seconds).
    #[must_use]
    pub fn retry_after_secs(mut self, secs: u64) -> Self {
        self.retry_after = Some(RetryAfter::Secs(secs));
        self
    }

    /// `Retry-After` as an HTTP-date `after` the moment of answering.
    #[must_use]
    pub fn retry_after_in(mut self, after: Duration) -> Self {
        self.retry_after = Some(RetryAfter::In(after));
        self
    }

    /// `Retry-After` as the HTTP-date of `at`.
    #[must_use]
    pub fn retry_after_date(mut self, at: SystemTime) -> Self {
        self.retry_after = Some(RetryAfter::At(at));
        self
    }

    /// `Retry-After` verbatim, for garbage (`"soon"`) or negative (`"-5"`) values.
    #[must_use]
    pub fn retry_after_raw(mut self, value: impl Into<String>) -> Self {
        self.retry_after = Some(RetryAfter::Raw(value.into()));
        self
    }

    /// `Retry-After-Ms: <ms>` (milliseconds, as OpenAI and Azure send), besides any
    /// `Retry-After`; clients should prefer it. It does not move the reset header.
    #[must_use]
    pub fn retry_after_ms(mut self, ms: u64) -> Self {
        self.retry_after_ms = Some(ms.to_string());
        self
    }

    /// `Retry-After-Ms` verbatim, for hostile values (`"-300"`, `"soon"`, `"1e99"`).
    #[must_use]
    pub fn retry_after_ms_raw(mut self, value: impl Into<String>) -> Self {
        self.retry_after_ms = Some(value.into());
        self
    }

    /// Overrides the rate-limit "limit" header.
    #[must_use]
    pub fn rate_limit_limit(mut self, limit: u64) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Overrides the rate-limit "remaining" header.
    #[must_use]
    pub fn rate_limit_remaining(mut self, remaining: u64) -> Self {
        self.remaining = Some(remaining);
        self
    }

    /// Overrides the rate-limit "reset" header with Unix seconds (written in the spec's
    /// `reset_format`: as they are, as seconds from now, or as a duration from now).
    #[must_use]
    pub fn rate_limit_reset_at(mut self, unix_secs: u64) -> Self {
        self.reset = Some(ResetAt::At(unix_secs));
        self
    }

    /// Overrides the rate-limit "reset" header with now + `after`: Unix seconds (rounded
    /// up), seconds (rounded up) or the exact duration (`1.5s`), as the spec's
    /// `reset_format` says.
    #[must_use]
    pub fn rate_limit_reset_in(mut self, after: Duration) -> Self {
        self.reset = Some(ResetAt::In(after));
        self
    }

    /// Sends no rate-limit headers.
    #[must_use]
    pub fn without_rate_limit_headers(mut self) -> Self {
        self.rate_limit_headers = false;
        self
    }

    /// Adds (or replaces) a response header; applied last, so it can override
    /// any header the server would send (`Retry-After`, rate limits, request id).
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The body, with its content type (replaces the generated body of a
    /// [`Fault::error`] or [`Fault::status`]).
    #[must_use]
    pub fn body(mut self, content_type: impl Into<String>, body: impl Into<Bytes>) -> Self {
        self.body = Some((content_type.into(), body.into()));
        self
    }

    /// A `text/html; charset=utf-8` body.
    #[must_use]
    pub fn html(self, html: impl Into<String>) -> Self {
        self.body("text/html; charset=utf-8", html.into())
    }

    /// A `text/plain; charset=utf-8` body.
    #[must_use]
    pub fn text(self, text: impl Into<String>) -> Self {
        self.body("text/plain; charset=utf-8", text.into())
    }

    /// An `application/json` body.
    #[must_use]
    pub fn json(self, json: &serde_json::Value) -> Self {
        self.body("application/json", json.to_string())
    }
}
