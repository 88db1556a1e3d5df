//! Fault playback: what a scripted [`Fault`] answers instead of the default
//! behaviour (errors, raw statuses, truncated, incomplete and huge bodies,
//! resets and hangs), after its delay.

use std::time::Duration;

use bytes::Bytes;
use serde_json::{Value, json};
use vook_schema::model::RetryClass;

use crate::body::MockBody;
use crate::envelope::{code_for_status, envelope_data, error_json, spec_message};
use crate::example::example;
use crate::fault::{Action, Fault};
use crate::reply::{Replies, Reply};
use crate::type_check::Issue;

/// How long an incomplete body waits after its first half, so that half reaches the client.
const CUT_PAUSE: Duration = Duration::from_millis(50);

/// What a fault makes of the request.
#[derive(Debug)]
pub(crate) enum Playback {
    /// The default behaviour answers (a [`Fault::pass`], after its delay).
    PassThrough,
    /// This reply answers.
    Answer(Reply),
    /// The connection is reset without an answer.
    ResetConnection,
}

/// Waits the fault's delay, then plays it. A hang never returns (the
/// connection is closed at shutdown).
pub(crate) async fn play(replies: &Replies<'_>, f: &Fault) -> Playback {
    if !f.delay.is_zero() {
        tokio::time::sleep(f.delay).await;
    }
    let reply = match &f.action {
        Action::Pass => return Playback::PassThrough,
        Action::Error(code) => error_fault(replies, f, code),
        Action::Status(status) => {
            let mut r = Reply::new(*status);
            if let Some((ct, body)) = &f.body {
                r.content_type = Some(ct.clone());
                r.body = MockBody::full(body.clone());
            }
            r.throttled = *status == 429;
            r
        }
        Action::TruncatedJson => cut_body(replies, f, false),
        Action::IncompleteBody => cut_body(replies, f, true),
        Action::HugeBody(n) => huge_body(replies, f, *n),
        Action::Reset => return Playback::ResetConnection,
        Action::Hang => return std::future::pending::<Playback>().await,
    };
    Playback::Answer(reply)
}

/// Half of what the complete body would have been: as a complete (invalid
/// JSON) response, or announced in full and broken off (`incomplete`).
fn cut_body(replies: &Replies<'_>, f: &Fault, incomplete: bool) -> Reply {
    let (status, full, code) = would_be_body(replies, f);
    let bytes = Bytes::from(full.to_string());
    let half = bytes.slice(..bytes.len() / 2);
    let mut r = Reply::new(status);
    r.content_type = Some("application/json".into());
    r.code = code;
    r.body = if incomplete {
        MockBody::Cut {
            first: Some(half),
            total: bytes.len() as u64,
            pause: Some(Box::pin(tokio::time::sleep(CUT_PAUSE))),
            sent: false,
        }
    } else {
        MockBody::full(half)
    };
    r
}

/// What a complete body would have been, for truncated and incomplete faults.
fn would_be_body(replies: &Replies<'_>, f: &Fault) -> (u16, Value, Option<String>) {
    let api = replies.api;
    let status = f
        .status
        .or(replies.endpoint.map(|e| e.status))
        .unwrap_or(200);
    if status >= 400 {
        let (code, message) = match code_for_status(api, replies.endpoint, status) {
            Some(c) => (c.code.clone(), spec_message(c).to_owned()),
            None => ("error".to_owned(), "An error occurred.".to_owned()),
        };
        let body = error_json(api, &code, &message, Some(replies.request_id), None);
        (status, body, Some(code))
    } else {
        let data = replies
            .endpoint
            .and_then(|e| e.response.as_ref())
            .map_or_else(|| json!({}), |t| example(api, t));
        (status, envelope_data(api, data), None)
    }
}

/// An error body of exactly `n` bytes, streamed: the envelope around a padded message.
fn huge_body(replies: &Replies<'_>, f: &Fault, n: u64) -> Reply {
    let api = replies.api;
    let status = f.status.unwrap_or(500);
    let code =
        code_for_status(api, replies.endpoint, status).map_or("huge_body", |c| c.code.as_str());
    let error_start = format!("{{\"code\":{},\"message\":\"", Value::from(code));
    let (prefix, suffix) = match &api.envelope_error {
        Some(key) => (
            format!("{{{}:{error_start}", Value::from(key.as_str())),
            "\"}}",
        ),
        None => (error_start, "\"}"),
    };
    let fixed = (prefix.len() + suffix.len()) as u64;
    let mut r = Reply::new(status);
    r.content_type = Some("application/json".into());
    r.code = Some(code.to_owned());
    r.throttled = status == 429;
    r.body = match n.checked_sub(fixed) {
        Some(pad) => MockBody::Padded {
            prefix: Some(Bytes::from(prefix)),
            pad,
            suffix: Some(Bytes::from_static(suffix.as_bytes())),
        },
        None => MockBody::Padded {
            prefix: None,
            pad: n,
            suffix: None,
        },
    };
    r
}

/// A [`Fault::error`]: the code in the error envelope, or the fault's own body.
fn error_fault(replies: &Replies<'_>, f: &Fault, code: &str) -> Reply {
    let api = replies.api;
    let spec = api.error(code);
    let status = f.status.or(spec.map(|c| c.status)).unwrap_or(500);
    let mut r = if let Some((ct, body)) = &f.body {
        let mut r = Reply::new(status);
        r.content_type = Some(ct.clone());
        r.body = MockBody::full(body.clone());
        r
    } else {
        let message = f
            .message
            .as_deref()
            .or(spec.map(spec_message))
            .unwrap_or("Scripted error.");
        let details: Option<Vec<Issue>> = match &f.details {
            Some(d) => Some(
                d.iter()
                    .map(|(field, issue)| Issue::new(field.as_str(), issue.as_str()))
                    .collect(),
            ),
            None => spec.filter(|c| c.details).map(|_| Vec::new()),
        };
        let request_id = f.request_id_in_body.then_some(replies.request_id);
        Reply::json(
            status,
            &error_json(api, code, message, request_id, details.as_deref()),
        )
    };
    r.code = Some(code.to_owned());
    r.throttled = status == 429 || spec.is_some_and(|c| c.retry == RetryClass::Throttle);
    r
}
