//! Turning a [`Reply`] into the response: the common headers every answer
//! carries (request id, rate limits, Retry-After), then the reply's own
//! headers, then the fault's.

use std::time::SystemTime;

use http::header::{CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderName, HeaderValue, Response, StatusCode};

use crate::body::MockBody;
use crate::clock::{go_duration, http_date, unix_secs};
use vook_schema::model::ResetFormat;

static RETRY_AFTER_MS: HeaderName = HeaderName::from_static(vook_vocab::header::RETRY_AFTER_MS);

/// The reset header's value in the spec's `format`: Unix seconds, seconds from now
/// (rounded up), or a Go-style duration from now (`wait` when exact, else to `unix`).
fn reset_value(
    format: ResetFormat,
    unix: u64,
    wait: Option<std::time::Duration>,
    now: SystemTime,
) -> String {
    let wait = || {
        wait.unwrap_or_else(|| {
            let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(unix);
            at.duration_since(now).unwrap_or_default()
        })
    };
    match format {
        ResetFormat::Epoch => unix.to_string(),
        ResetFormat::Delta => {
            let w = wait();
            (w.as_secs() + u64::from(w.subsec_nanos() > 0)).to_string()
        }
        ResetFormat::Duration => go_duration(wait()),
    }
}
use crate::fault::{Fault, ResetAt, RetryAfter};
use crate::reply::Reply;
use crate::state::{RateWindow, ServerState};

/// The response for `reply` to the request `request_id`, played with fault `f`
/// (a pass-through fault for the default behaviour) in rate-limit `window`.
pub(crate) fn respond(
    state: &ServerState,
    request_id: &str,
    reply: Reply,
    f: &Fault,
    window: RateWindow,
) -> Response<MockBody> {
    let now = SystemTime::now();
    let mut resp = Response::new(reply.body);
    *resp.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = resp.headers_mut();
    let mut put = |name: &HeaderName, value: &str| {
        if let Ok(v) = HeaderValue::from_str(value) {
            h.insert(name.clone(), v);
        }
    };
    if let Some(ct) = &reply.content_type {
        put(&CONTENT_TYPE, ct);
    }
    if f.request_id_header
        && let Some(name) = &state.headers.request_id
    {
        put(name, request_id);
    }
    // (header value, the moment it names as Unix seconds when it names one)
    let retry_after = f.retry_after.as_ref().map(|ra| match ra {
        RetryAfter::Secs(s) => (s.to_string(), Some(unix_secs(now).saturating_add(*s))),
        RetryAfter::In(d) => {
            let at = now.checked_add(*d).unwrap_or(now);
            (http_date(at), Some(unix_secs(at)))
        }
        RetryAfter::At(at) => (http_date(*at), Some(unix_secs(*at))),
        RetryAfter::Raw(s) => (s.clone(), None),
    });
    if f.rate_limit_headers
        && let Some(names) = &state.headers.rate_limit
    {
        put(
            &names.limit,
            &f.limit.unwrap_or(state.rate_limit).to_string(),
        );
        let remaining = f
            .remaining
            .unwrap_or(if reply.throttled { 0 } else { window.remaining });
        put(&names.remaining, &remaining.to_string());
        // (the reset as Unix seconds rounded up, the exact wait from now if known)
        let reset = match &f.reset {
            Some(ResetAt::At(at)) => Some((*at, None)),
            Some(ResetAt::In(d)) => Some((
                unix_secs(now).saturating_add(d.as_secs() + u64::from(d.subsec_nanos() > 0)),
                Some(*d),
            )),
            None if reply.throttled => retry_after
                .as_ref()
                .and_then(|(_, at)| *at)
                .map(|at| (at, None)),
            None => Some((window.reset, None)),
        };
        if let Some((unix, wait)) = reset {
            put(
                &names.reset,
                &reset_value(names.reset_format, unix, wait, now),
            );
        }
    }
    if let Some(ms) = &f.retry_after_ms {
        put(&RETRY_AFTER_MS, ms);
    }
    if let Some((value, _)) = &retry_after {
        put(&RETRY_AFTER, value);
    }
    for (name, value) in reply.headers {
        h.insert(name, value);
    }
    for (name, value) in &f.headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            h.insert(n, v);
        }
    }
    resp
}
