//! One attempt of a call: send the prepared request, read the response (capped) and
//! say how the attempt ended, classified for the retry loop. The time limit is the
//! loop's (`call.rs`): it polls the attempt beside its timer.

use std::time::{Duration, SystemTime};

use bytes::Bytes;
use reqwest::header::HeaderValue;

use crate::api_error::{ApiError, MAX_ERROR_BODY_BYTES};
use crate::client_state::ClientState;
use crate::error::{
    DecodeErrorKind, Error, LastResponse, TimeoutError, TimeoutKind, TransportError,
};
use crate::error_response::{decode_error, decode_error_response};
use crate::headers;
use crate::prepared::Prepared;
use crate::raw_success::RawSuccess;
use crate::response::ResponseMeta;
use crate::retry::FailureInfo;
use crate::spec::RetryClass;
use crate::success_body::DataLocation;

/// Largest preallocation for a body, whatever `Content-Length` claims.
const MAX_PREALLOC: usize = 1024 * 1024;

/// How one attempt ended.
pub(crate) enum AttemptResult {
    Success(RawSuccess),
    Failed(Failed),
}

/// A failed attempt: the error the call would return, and what the retry loop decides on.
pub(crate) struct Failed {
    pub(crate) error: Error<ApiError>,
    pub(crate) info: FailureInfo,
    /// A timeout (retries of timeouts cost more budget).
    pub(crate) timeout: bool,
    /// The response this attempt got, if any: the error's own, or the one whose body
    /// broke off or timed out.
    pub(crate) response: Option<LastResponse>,
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
            response: None,
        }
    }

    fn timed_out(error: TimeoutError, class: RetryClass) -> Self {
        Failed {
            timeout: true,
            ..Failed::new(Error::Timeout(error), class)
        }
    }
}

/// How long an attempt may take, and whether that limit is the call's deadline (then
/// running out of time is final) rather than the per-attempt timeout.
#[derive(Clone, Copy)]
pub(crate) struct AttemptLimit {
    pub(crate) limit: Duration,
    pub(crate) by_deadline: bool,
    /// The call's whole deadline (reported when it runs out).
    pub(crate) deadline: Option<Duration>,
}

/// The status and request-id header of the response an attempt got, noted as soon as
/// they arrive: a transport error or a timeout that cuts the body off (a timeout drops
/// the attempt's future) still knows what the response was.
pub(crate) struct ResponseHead {
    status: u16,
    request_id: Option<HeaderValue>,
}

impl ResponseHead {
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

/// How an attempt ended: `sent` is what sending and reading gave, `None` when the
/// attempt's time limit ran out first; `head` is the response as far as it arrived.
pub(crate) fn finish(
    sent: Option<AttemptResult>,
    head: Option<ResponseHead>,
    limit: AttemptLimit,
    prep: &Prepared<'_>,
) -> AttemptResult {
    let mut failed = match sent {
        Some(AttemptResult::Success(raw)) => return AttemptResult::Success(raw),
        Some(AttemptResult::Failed(failed)) => failed,
        None => {
            let (kind, limit, class) = if limit.by_deadline {
                (TimeoutKind::Deadline, limit.deadline, RetryClass::Never)
            } else {
                (
                    TimeoutKind::Attempt,
                    Some(limit.limit),
                    prep.class_after_sending(),
                )
            };
            Failed::timed_out(TimeoutError::new(kind, limit, None), class)
        }
    };
    failed.response = match failed.error.status() {
        Some(status) => Some(LastResponse {
            status,
            request_id: failed.error.request_id().map(str::to_owned),
        }),
        None => head.map(ResponseHead::into_last_response),
    };
    AttemptResult::Failed(failed)
}

/// A failure of the HTTP client: connect errors are always retryable (nothing was sent);
/// others only for replay-safe requests.
fn transport_failure(e: reqwest::Error, prep: &Prepared<'_>) -> AttemptResult {
    let failed = if e.is_connect() {
        Failed::new(
            Error::Transport(TransportError::new(e, false)),
            RetryClass::Backoff,
        )
    } else if e.is_timeout() {
        Failed::timed_out(
            TimeoutError::new(TimeoutKind::Attempt, None, Some(e)),
            prep.class_after_sending(),
        )
    } else {
        Failed::new(
            Error::Transport(TransportError::new(e, true)),
            prep.class_after_sending(),
        )
    };
    AttemptResult::Failed(failed)
}

/// Send the attempt's request and read its response (capped), noting the response's
/// head in `head` as soon as it arrives.
pub(crate) async fn send_and_read(
    state: &ClientState,
    prep: &Prepared<'_>,
    head: &mut Option<ResponseHead>,
) -> AttemptResult {
    tracing::debug!(url = %prep.url, "sending");
    let mut resp = match prep.request(state).send().await {
        Ok(r) => r,
        Err(e) => return transport_failure(e, prep),
    };
    let status = resp.status().as_u16();
    let headers = std::mem::take(resp.headers_mut());
    let spec = state.spec;
    *head = Some(ResponseHead {
        status,
        request_id: state
            .request_id_name
            .as_ref()
            .and_then(|name| headers.get(name))
            .cloned(),
    });

    if resp.status().is_success() {
        // Only errors need the request id now; the response's own is read when asked.
        let request_id = || headers::request_id(&headers, spec).map(str::to_owned);
        let cap = state.max_response_bytes;
        let too_large = |body: &[u8]| {
            let kind = DecodeErrorKind::BodyTooLarge { limit: cap };
            AttemptResult::Failed(Failed::new(
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
        let data = DataLocation::locate(status, &body, spec.envelope_data);
        let meta = ResponseMeta::new(status, headers, spec);
        return AttemptResult::Success(RawSuccess::new(body, data, meta));
    }

    let (body, truncated) = match read_capped(&mut resp, MAX_ERROR_BODY_BYTES).await {
        Ok(read) => read,
        Err(e) => return transport_failure(e, prep),
    };
    // A one-chunk body is a view into the connection's read buffer; an error may be kept
    // for long, so it gets its own copy (at most 64 KiB) rather than pinning that buffer.
    let body = Bytes::copy_from_slice(&body);
    let now = SystemTime::now();
    let (error, info) =
        decode_error_response(spec, prep.codes, status, &headers, body, truncated, now);
    AttemptResult::Failed(Failed {
        error,
        info,
        timeout: false,
        response: None,
    })
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
        let room = cap.saturating_sub(buf.len());
        if let Some(fits) = chunk.get(..room).filter(|_| chunk.len() > room) {
            buf.extend_from_slice(fits);
            return Ok((Bytes::from(buf), true));
        }
        buf.extend_from_slice(&chunk);
        next = resp.chunk().await?;
    }
    Ok((Bytes::from(buf), false))
}
