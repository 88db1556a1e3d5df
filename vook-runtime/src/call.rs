//! The non-generic part of a call: request preparation, the retry loop and single
//! attempts. Everything here takes bytes and JSON values, so it is compiled once, not
//! once per endpoint.

use std::borrow::Cow;
use std::fmt::Display;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT,
};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio::time::Instant;
use tracing::Instrument as _;
use tracing::field::Empty;

use crate::api_error::{ApiError, ApiErrorParts, BodyStr, MAX_ERROR_BODY_BYTES};
use crate::client::{Client, Inner};
use crate::error::{
    DecodeError, DecodeErrorKind, Error, InvalidRequestError, LastResponse, TimeoutError,
    TimeoutKind, TransportError,
};
use crate::error_body::parse_error_body;
use crate::response::ResponseMeta;
use crate::retry::{FailureInfo, GiveUp};
use crate::spec::{ApiSpec, Endpoint, RetryClass};
use crate::success_body::{self, Data};
use crate::text::{BodyText, lossy_capped};
use crate::{encode, headers, idempotency};

static IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static(vook_vocab::header::IDEMPOTENCY_KEY);
static APPLICATION_JSON: HeaderValue = HeaderValue::from_static("application/json");
/// Largest preallocation for a body, whatever `Content-Length` claims.
const MAX_PREALLOC: usize = 1024 * 1024;

/// A 2xx response, read and capped, before decoding into `T`.
pub(crate) struct RawSuccess {
    body: Bytes,
    data: Data,
    meta: ResponseMeta,
}

impl RawSuccess {
    /// The data, decoded as `T`.
    pub(crate) fn decode<T: DeserializeOwned>(&self) -> Result<T, DecodeError> {
        success_body::decode(&self.body, self.data).map_err(|e| self.decode_error(e))
    }

    /// A decode error for this response from `T`'s deserialization error.
    fn decode_error(&self, e: serde_json::Error) -> DecodeError {
        let mut err = decode_error(
            DecodeErrorKind::SuccessBody,
            self.meta.status(),
            self.meta.request_id().map(str::to_owned),
            &self.body,
            false,
            Some(e),
        );
        err.set_attempts(self.meta.attempts);
        err
    }

    pub(crate) fn into_meta(self) -> ResponseMeta {
        self.meta
    }
}

fn decode_error(
    kind: DecodeErrorKind,
    status: u16,
    request_id: Option<String>,
    body: &[u8],
    truncated: bool,
    source: Option<serde_json::Error>,
) -> DecodeError {
    let text = lossy_capped(body, MAX_ERROR_BODY_BYTES);
    DecodeError::new(
        kind,
        status,
        request_id,
        text,
        truncated || body.len() > MAX_ERROR_BODY_BYTES,
        source,
    )
}

/// Everything needed to send one attempt, built once per call.
struct Prepared {
    method: reqwest::Method,
    url: reqwest::Url,
    /// The `Idempotency-Key` every attempt carries, if the request is keyed.
    idempotency_key: Option<HeaderValue>,
    body: Option<Bytes>,
    /// Idempotent, or carries an `Idempotency-Key`: safe to resend after it may have arrived.
    replay_safe: bool,
}

/// How one attempt ended.
enum Outcome {
    Success(RawSuccess),
    Failed(Failed),
}

struct Failed {
    error: Error<ApiError>,
    info: FailureInfo,
    /// A timeout (retries of timeouts cost more budget).
    timeout: bool,
}

impl Failed {
    fn new(error: Error<ApiError>, class: RetryClass) -> Self {
        Failed {
            error,
            info: FailureInfo {
                class,
                retry_after: None,
                reset_wait: None,
            },
            timeout: false,
        }
    }
}

/// The status and request-id header of the response an attempt got, noted as soon as
/// they arrive: a transport error or a timeout that cuts the body off (a timeout drops
/// the attempt's future) still knows what the response was.
struct Seen {
    status: u16,
    request_id: Option<HeaderValue>,
}

impl Seen {
    fn into_last_response(self) -> LastResponse {
        LastResponse {
            status: self.status,
            request_id: self
                .request_id
                .as_ref()
                .and_then(headers::request_id_text)
                .map(str::to_owned),
        }
    }
}

impl Client {
    /// Build the request, then run the retry loop.
    pub(crate) async fn execute(
        &self,
        ep: &'static Endpoint,
        path_params: &[&(dyn Display + Sync)],
        query: Option<&Value>,
        body: Option<Vec<u8>>,
    ) -> Result<RawSuccess, Error<ApiError>> {
        let inner = &*self.inner;
        let prepared =
            prepare(inner, ep, path_params, query, body).map_err(Error::InvalidRequest)?;
        let span = tracing::info_span!(
            "vook.call",
            api = inner.spec.name,
            operation = ep.operation,
            method = ep.method.as_str(),
            path = ep.path,
            attempts = Empty,
            status = Empty,
        );
        run(inner, &prepared).instrument(span).await
    }
}

fn prepare(
    inner: &Inner,
    ep: &'static Endpoint,
    path_params: &[&(dyn Display + Sync)],
    query: Option<&Value>,
    body: Option<Vec<u8>>,
) -> Result<Prepared, InvalidRequestError> {
    let invalid =
        |e: encode::EncodeError| InvalidRequestError::new(ep.operation, e.to_string(), None);
    let mut path = String::with_capacity(inner.base.path().len() + ep.path.len() + 32);
    path.push_str(inner.base.path());
    encode::push_path(&mut path, ep.path, path_params).map_err(invalid)?;
    let mut query_text = String::new();
    if let Some(q) = query {
        encode::push_query(&mut query_text, q).map_err(invalid)?;
    }
    let mut url = inner.base.clone();
    url.set_path(&path);
    url.set_query(query_text.strip_prefix('?'));

    let keyed = !ep.idempotent && inner.idempotency_keys && inner.policy.max_attempts > 1;
    // A UUID is always a valid header value; if not, the request just goes unkeyed.
    let idempotency_key = keyed
        .then(|| HeaderValue::try_from(idempotency::new_key()).ok())
        .flatten();
    Ok(Prepared {
        method: crate::spec::reqwest_method(ep.method),
        url,
        replay_safe: ep.idempotent || idempotency_key.is_some(),
        idempotency_key,
        body: body.map(Bytes::from),
    })
}

/// One attempt's request. The headers are set on each attempt's own request rather
/// than cloned from a prepared map: that is the same work a hand-written call does.
fn request(inner: &Inner, prep: &Prepared) -> reqwest::RequestBuilder {
    let mut req = inner
        .http
        .request(prep.method.clone(), prep.url.clone())
        .header(ACCEPT, APPLICATION_JSON.clone())
        .header(USER_AGENT, inner.user_agent.clone());
    if let Some(key) = &inner.auth {
        req = req.header(AUTHORIZATION, key.header().clone());
    }
    if let Some(key) = &prep.idempotency_key {
        req = req.header(IDEMPOTENCY_KEY.clone(), key.clone());
    }
    if let Some(body) = &prep.body {
        req = req
            .header(CONTENT_TYPE, APPLICATION_JSON.clone())
            .body(body.clone());
    }
    req
}

/// The retry loop.
async fn run(inner: &Inner, prep: &Prepared) -> Result<RawSuccess, Error<ApiError>> {
    let started = Instant::now();
    let deadline_at = inner.deadline.and_then(|d| started.checked_add(d));
    let remaining = || deadline_at.map(|at| at.saturating_duration_since(Instant::now()));
    let mut rng = fastrand::Rng::new();
    let mut last_retry_cost = None;
    // The newest response an attempt got, for a later transport error or timeout.
    let mut last_response: Option<LastResponse> = None;
    let mut attempt: u32 = 0;
    loop {
        attempt = attempt.saturating_add(1);
        let (limit, by_deadline) = match remaining() {
            Some(left) if left < inner.timeout => (left, true),
            _ => (inner.timeout, false),
        };
        let span = tracing::debug_span!(
            "vook.attempt",
            attempt,
            status = Empty,
            code = Empty,
            request_id = Empty,
            delay_ms = Empty,
        );
        let mut seen = None;
        let outcome = attempt_once(inner, prep, limit, by_deadline, &mut seen)
            .instrument(span.clone())
            .await;
        let call_span = tracing::Span::current();
        call_span.record("attempts", attempt);
        match outcome {
            Outcome::Success(mut raw) => {
                raw.meta.attempts = attempt;
                if !span.is_disabled() {
                    span.record("status", raw.meta.status());
                    if let Some(id) = raw.meta.request_id() {
                        span.record("request_id", id);
                    }
                }
                call_span.record("status", raw.meta.status());
                inner.budget.on_success(last_retry_cost);
                tracing::debug!(parent: &span, status = raw.meta.status(), "attempt succeeded");
                return Ok(raw);
            }
            Outcome::Failed(mut failed) => {
                let status = failed.error.status();
                if let Some(status) = status {
                    span.record("status", status);
                    call_span.record("status", status);
                }
                if let Some(api) = failed.error.api_error() {
                    span.record("code", api.code());
                }
                if let Some(id) = failed.error.request_id() {
                    span.record("request_id", id);
                }
                let decision = inner
                    .policy
                    .decide(attempt, &failed.info, remaining(), &mut rng)
                    .and_then(|delay| {
                        let cost = inner.budget.cost(failed.timeout);
                        if inner.budget.try_acquire(cost) {
                            last_retry_cost = Some(cost);
                            Ok(delay)
                        } else {
                            Err(GiveUp::BudgetExhausted)
                        }
                    });
                // The response this attempt got: the error's own, or the one whose body
                // broke off or timed out.
                let got = match status {
                    Some(status) => Some(LastResponse {
                        status,
                        request_id: failed.error.request_id().map(str::to_owned),
                    }),
                    None => seen.map(Seen::into_last_response),
                };
                if got.is_some() {
                    last_response = got;
                }
                match decision {
                    Ok(delay) => {
                        let delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
                        span.record("delay_ms", delay_ms);
                        tracing::info!(
                            parent: &span,
                            class = failed.info.class.as_str(),
                            delay_ms,
                            error = %failed.error,
                            "attempt failed; retrying",
                        );
                        tokio::time::sleep(delay).await;
                    }
                    Err(reason) => {
                        failed.error.set_attempts(attempt);
                        failed.error.set_last_response(last_response);
                        tracing::debug!(
                            parent: &span,
                            class = failed.info.class.as_str(),
                            reason = %reason,
                            error = %failed.error,
                            "attempt failed; giving up",
                        );
                        return Err(failed.error);
                    }
                }
            }
        }
    }
}

/// One attempt under a time limit.
async fn attempt_once(
    inner: &Inner,
    prep: &Prepared,
    limit: Duration,
    by_deadline: bool,
    seen: &mut Option<Seen>,
) -> Outcome {
    match tokio::time::timeout(limit, send_and_read(inner, prep, seen)).await {
        Ok(outcome) => outcome,
        Err(_elapsed) => {
            let (kind, limit, class) = if by_deadline {
                (TimeoutKind::Deadline, inner.deadline, RetryClass::Never)
            } else {
                (TimeoutKind::Attempt, Some(limit), replayable(prep))
            };
            let mut f = Failed::new(Error::Timeout(TimeoutError::new(kind, limit, None)), class);
            f.timeout = true;
            Outcome::Failed(f)
        }
    }
}

fn replayable(prep: &Prepared) -> RetryClass {
    if prep.replay_safe {
        RetryClass::Backoff
    } else {
        RetryClass::Never
    }
}

/// A failure of the HTTP client: connect errors are always retryable (nothing was sent);
/// others only for replay-safe requests.
fn transport_failure(e: reqwest::Error, prep: &Prepared) -> Outcome {
    if e.is_connect() {
        return Outcome::Failed(Failed::new(
            Error::Transport(TransportError::new(e, false)),
            RetryClass::Backoff,
        ));
    }
    if e.is_timeout() {
        let mut f = Failed::new(
            Error::Timeout(TimeoutError::new(TimeoutKind::Attempt, None, Some(e))),
            replayable(prep),
        );
        f.timeout = true;
        return Outcome::Failed(f);
    }
    Outcome::Failed(Failed::new(
        Error::Transport(TransportError::new(e, true)),
        replayable(prep),
    ))
}

async fn send_and_read(inner: &Inner, prep: &Prepared, seen: &mut Option<Seen>) -> Outcome {
    tracing::debug!(url = %prep.url, "sending");
    let mut resp = match request(inner, prep).send().await {
        Ok(r) => r,
        Err(e) => return transport_failure(e, prep),
    };
    let status = resp.status().as_u16();
    let headers = std::mem::take(resp.headers_mut());
    let spec = inner.spec;
    *seen = Some(Seen {
        status,
        request_id: inner
            .request_id_name
            .as_ref()
            .and_then(|name| headers.get(name))
            .cloned(),
    });

    if resp.status().is_success() {
        // Only errors need the request id now; the response's own is read when asked.
        let request_id = || headers::request_id(&headers, spec).map(str::to_owned);
        let cap = inner.max_response_bytes;
        let too_large = |body: &[u8]| {
            let kind = DecodeErrorKind::BodyTooLarge { limit: cap };
            Outcome::Failed(Failed::new(
                Error::Decode(decode_error(kind, status, request_id(), body, true, None)),
                RetryClass::Never,
            ))
        };
        if resp
            .content_length()
            .is_some_and(|n| n > u64::try_from(cap).unwrap_or(u64::MAX))
        {
            return too_large(&[]);
        }
        let (body, truncated) = match read_capped(&mut resp, cap).await {
            Ok(read) => read,
            Err(e) => return transport_failure(e, prep),
        };
        if truncated {
            return too_large(&body);
        }
        let data = Data::locate(status, &body, spec.envelope_data);
        let meta = ResponseMeta::new(status, headers, spec);
        return Outcome::Success(RawSuccess { body, data, meta });
    }

    let (body, truncated) = match read_capped(&mut resp, MAX_ERROR_BODY_BYTES).await {
        Ok(read) => read,
        Err(e) => return transport_failure(e, prep),
    };
    // A one-chunk body is a view into the connection's read buffer; an error may be kept
    // for long, so it gets its own copy (at most 64 KiB) rather than pinning that buffer.
    let body = Bytes::copy_from_slice(&body);
    let now = SystemTime::now();
    let (error, info) = error_outcome(spec, status, &headers, body, truncated, now);
    Outcome::Failed(Failed {
        error,
        info,
        timeout: false,
    })
}

/// Decode a non-2xx response whose body was read up to [`MAX_ERROR_BODY_BYTES`]
/// (`truncated`: more was sent) into the error the call returns and what the retry loop
/// needs. A JSON error object with a `code` becomes [`Error::Api`], classified by the
/// spec's table, else by status; anything else is [`Error::Decode`], classified by
/// status. Also reached, without a socket, through [`crate::__fuzz`].
pub(crate) fn error_outcome(
    spec: &ApiSpec,
    status: u16,
    headers: &HeaderMap,
    body: Bytes,
    truncated: bool,
    now: SystemTime,
) -> (Error<ApiError>, FailureInfo) {
    let known = headers::Known::scan(headers, spec);
    let request_id = known.request_id();
    let rate_limit = known.rate_limit();
    let retry_after = known.retry_after(now);
    let reset_wait = rate_limit.as_ref().and_then(|rl| rl.reset_after(now));
    let (error, class) = match parse_error_body(&body, spec.envelope_error) {
        Some(obj) => {
            let row = spec.error_row(&obj.code);
            let class = row.map_or_else(|| RetryClass::for_status(status), |row| row.retry);
            // A code the spec knows is the table's own string: no copy.
            let code = row.map_or_else(
                || Cow::Owned(obj.code.into_owned()),
                |row| Cow::Borrowed(row.code),
            );
            let api = ApiError::from(ApiErrorParts {
                status,
                code,
                message: BodyStr::of(&body, obj.message),
                request_id: match obj.request_id {
                    Some(id) => Some(BodyStr::of(&body, id)),
                    None => request_id.map(|id| BodyStr::Own(id.to_owned())),
                },
                details: obj.details,
                retry_after,
                rate_limit,
                retry_class: class,
                raw_body: BodyText::new(body, MAX_ERROR_BODY_BYTES),
            });
            (Error::Api(api), class)
        }
        None => {
            let class = RetryClass::for_status(status);
            let err = decode_error(
                DecodeErrorKind::ErrorBody,
                status,
                request_id.map(str::to_owned),
                &body,
                truncated,
                None,
            )
            .with_retry_after(retry_after);
            (Error::Decode(err), class)
        }
    };
    let info = FailureInfo {
        class,
        retry_after,
        reset_wait,
    };
    (error, info)
}

/// Read at most `cap` bytes of the body; `true` when more was available (the rest is
/// not read: the connection is dropped). A body that arrives in one chunk (the usual
/// case for a small JSON body) is kept as that chunk, without a copy.
async fn read_capped(
    resp: &mut reqwest::Response,
    cap: usize,
) -> Result<(Bytes, bool), reqwest::Error> {
    let Some(first) = resp.chunk().await? else {
        return Ok((Bytes::new(), false));
    };
    if first.len() > cap {
        return Ok((first.slice(..cap), true));
    }
    let Some(second) = resp.chunk().await? else {
        return Ok((first, false));
    };
    let hint = resp
        .content_length()
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(0);
    let mut buf = Vec::with_capacity(
        hint.max(first.len() + second.len())
            .min(cap)
            .min(MAX_PREALLOC),
    );
    let mut next = Some(second);
    buf.extend_from_slice(&first);
    while let Some(chunk) = next {
        let room = cap - buf.len();
        if chunk.len() > room {
            buf.extend_from_slice(&chunk[..room]);
            return Ok((Bytes::from(buf), true));
        }
        buf.extend_from_slice(&chunk);
        next = resp.chunk().await?;
    }
    Ok((Bytes::from(buf), false))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::spec::TEST_SPEC as SPEC;

    #[test]
    fn error_strings_come_from_the_body_with_or_without_escapes() {
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", HeaderValue::from_static("req_hdr"));
        let decode = |body: &'static str| {
            let (e, _) = error_outcome(
                &SPEC,
                400,
                &headers,
                Bytes::from_static(body.as_bytes()),
                false,
                SystemTime::now(),
            );
            e.api().cloned().expect("an API error")
        };
        let plain = decode(r#"{"error":{"code":"x","message":"bad \"name\"","request_id":"r1"}}"#);
        let escaped = decode(
            r#"{"error":{"code":"x","message":"bad \u0022name\"","request_id":" r\u0031 "}}"#,
        );
        assert_eq!(plain.message(), r#"bad "name""#);
        assert_eq!(escaped.message(), r#"bad "name""#);
        assert_eq!(plain.request_id(), Some("r1"));
        assert_eq!(escaped.request_id(), Some("r1"));
        // No request id in the body: the header's.
        let from_header = decode(r#"{"error":{"code":"x","message":"  m  "}}"#);
        assert_eq!(from_header.request_id(), Some("req_hdr"));
        assert_eq!(from_header.message(), "m");
        // Equality is by content, not by where the text is kept.
        let by_hand = ApiError::new(400, "x", "m")
            .with_request_id("req_hdr")
            .with_raw_body(from_header.raw_body());
        assert_eq!(from_header, by_hand);
        // Replacing the body keeps the decoded strings.
        let replaced = plain.clone().with_raw_body("<redacted>");
        assert_eq!(replaced.raw_body(), "<redacted>");
        assert_eq!(replaced.message(), r#"bad "name""#);
        assert_eq!(replaced.request_id(), Some("r1"));
    }

    #[test]
    fn missing_field_error_names_the_field() {
        let raw = RawSuccess {
            body: Bytes::from_static(br#"{"other":1}"#),
            data: Data::Field("data"),
            meta: {
                let mut headers = HeaderMap::new();
                headers.insert("x-request-id", HeaderValue::from_static("r"));
                let mut meta = ResponseMeta::new(200, headers, &SPEC);
                meta.attempts = 2;
                meta
            },
        };
        let d = raw.decode::<u32>().unwrap_err();
        assert_eq!(d.kind(), DecodeErrorKind::SuccessBody);
        assert_eq!(d.attempts(), 2);
        assert_eq!(d.request_id(), Some("r"));
        assert!(d.to_string().contains("no `data` field"), "{d}");
        // T = Option<_> or () decodes from the missing field's null.
        assert_eq!(raw.decode::<Option<u32>>().unwrap(), None);
        raw.decode::<()>().unwrap();
    }
}
