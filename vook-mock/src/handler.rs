//! Answering one request: read the body (within the cap), route, record, then
//! either play the next scripted fault or run the default pipeline (413,
//! routing errors, auth, validation, idempotency, the endpoint's behaviour).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use bytes::Bytes;
use http::header::{ALLOW, CONTENT_LENGTH};
use http::request::Parts;
use http::{Request, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper::body::Incoming;

use crate::auth;
use crate::body::MockBody;
use crate::crud::{self, StoreRequest};
use crate::fault::Fault;
use crate::idempotency::{KeyUse, KeyedRequest};
use crate::playback::{self, Playback};
use crate::record::{Answer, RecordedRequest};
use crate::reply::{Replies, Reply};
use crate::response_headers::respond;
use crate::routes::{self, Matched};
use crate::state::ServerState;
use crate::validation;
use crate::wire_names;

/// The error a service returns to make hyper drop the connection without answering.
#[derive(Debug)]
pub(crate) struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by the mock server")
    }
}

impl std::error::Error for Dropped {}

/// The request as the default pipeline sees it.
struct Received<'a> {
    state: &'a ServerState,
    parts: &'a Parts,
    body: &'a Bytes,
    matched: &'a Matched,
    /// The body exceeded the cap (and was not kept).
    too_large: bool,
}

/// Reads the body within the cap: the bytes and whether the cap was exceeded,
/// or `Err` when the body broke off.
async fn read_body(
    state: &ServerState,
    parts: &Parts,
    body: Incoming,
) -> Result<(Bytes, bool), Dropped> {
    let declared = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > state.max_body as u64) {
        return Ok((Bytes::new(), true));
    }
    match Limited::new(body, state.max_body).collect().await {
        Ok(collected) => Ok((collected.to_bytes(), false)),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => Ok((Bytes::new(), true)),
        Err(_) => Err(Dropped),
    }
}

/// The hyper service: answers `req`, or returns `Err` to drop the connection
/// (with a TCP reset when `reset` is set).
pub(crate) async fn handle(
    state: Arc<ServerState>,
    reset: Arc<AtomicBool>,
    req: Request<Incoming>,
) -> Result<Response<MockBody>, Dropped> {
    let seq = state.next_seq();
    let request_id = format!("req_{seq}");
    let (parts, body) = req.into_parts();
    let (body, too_large) = read_body(&state, &parts, body).await?;
    let window = state.tick_rate_window();
    let path = parts.uri.path().to_owned();
    let matched = routes::route(&state.routes, &state.api, parts.method.as_str(), &path);
    let endpoint = match &matched {
        Matched::Route { route, .. } | Matched::EmptyParam { route } => state
            .routes
            .get(*route)
            .and_then(|r| state.api.endpoints.get(r.endpoint)),
        _ => None,
    };
    let fault = if too_large {
        None
    } else {
        state.take_fault(endpoint.map(|e| e.name.as_str()))
    };
    state.record(RecordedRequest {
        seq,
        received_at: SystemTime::now(),
        method: parts.method.as_str().to_owned(),
        path,
        query: parts.uri.query().map(str::to_owned),
        operation: endpoint.map(|e| e.name.clone()),
        headers: parts.headers.clone(),
        body: body.clone(),
        request_id: request_id.clone(),
        answer: fault
            .clone()
            .map_or(Answer::Default, |f| Answer::Fault(Box::new(f))),
        status: None,
        error_code: None,
    });
    let replies = Replies {
        api: &state.api,
        endpoint,
        request_id: &request_id,
    };
    let fault = fault.unwrap_or_else(Fault::pass);
    let reply = match playback::play(&replies, &fault).await {
        Playback::ResetConnection => {
            reset.store(true, Ordering::SeqCst);
            return Err(Dropped);
        }
        Playback::Answer(reply) => reply,
        Playback::PassThrough => {
            let received = Received {
                state: &state,
                parts: &parts,
                body: &body,
                matched: &matched,
                too_large,
            };
            default_reply(&received, &replies)
        }
    };
    state.finish(seq, reply.status, reply.code.clone(), reply.replayed);
    Ok(respond(&state, &request_id, reply, &fault, window))
}

/// The default behaviour, in the documented order of checks.
fn default_reply(rx: &Received<'_>, replies: &Replies<'_>) -> Reply {
    let state = rx.state;
    if rx.too_large {
        let message = format!("The request body exceeds {} bytes.", state.max_body);
        return replies.status_error(413, "payload_too_large", &message, None);
    }
    let (route, collection, item) = match rx.matched {
        Matched::NotFound => {
            let message = format!(
                "No endpoint matches {} {}.",
                rx.parts.method,
                rx.parts.uri.path()
            );
            return replies.own_error(404, "route_not_found", &message, None);
        }
        Matched::MethodNotAllowed(allowed) => {
            let allowed = allowed.join(", ");
            let message = format!("{} is not allowed here; use {allowed}.", rx.parts.method);
            return replies
                .own_error(405, "method_not_allowed", &message, None)
                .with_header(ALLOW, &allowed);
        }
        // No resource has an empty id; the endpoint still checks the key first.
        Matched::EmptyParam { route } => (*route, None, None),
        Matched::Route {
            route,
            collection,
            item,
        } => (*route, Some(collection), item.as_deref()),
    };
    let (Some(ep), Some(route)) = (replies.endpoint, state.routes.get(route)) else {
        return Reply::new(500);
    };
    let mut query = routes::parse_query(rx.parts.uri.query());
    if let Some(a) = &state.api.auth {
        if !auth::authorized(a, &rx.parts.headers, &query, &state.api_key) {
            return auth::refused(a, replies);
        }
        auth::strip_key_parameter(Some(a), &mut query);
    }
    let Some(collection) = collection else {
        return replies.not_found();
    };
    let content_type = rx
        .parts
        .headers
        .get(hyper::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let body = match validation::validate(replies, ep, &query, content_type, rx.body) {
        Ok(body) => body,
        Err(reply) => return *reply,
    };
    let query = wire_names::query_by_spec_key(ep, &query);
    let keyed = KeyedRequest::of(ep, rx.parts, rx.body);
    // One lock from the idempotency check to storing the answer: a repeat
    // arriving meanwhile sees the stored answer, not a second execution.
    let mut locked = state.lock();
    if let Some(keyed) = &keyed {
        match locked.idempotency.check(keyed, replies) {
            KeyUse::Fresh => {}
            KeyUse::Replay(reply) | KeyUse::Reused(reply) => return *reply,
        }
    }
    let request = StoreRequest {
        ep,
        behaviour: &route.behaviour,
        collection,
        item,
        body: body.as_ref(),
        query: &query,
    };
    let reply = crud::answer(replies, &request, &mut locked.store);
    if let Some(keyed) = keyed {
        locked.idempotency.remember(keyed, &reply);
    }
    reply
}
