//! Answering one request: body cap, routing, scripted faults, auth, idempotency
//! replay, validation and the default store/example behaviour.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::header::{
    ALLOW, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE,
};
use http::request::Parts;
use http::{HeaderName, HeaderValue, Request, Response, StatusCode};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper::body::Incoming;
use serde_json::{Map, Value, json};
use vook_schema::model::{Api, Endpoint, ErrorCode, Field, Method, RetryClass, TypeRef};

use crate::body::MockBody;
use crate::fault::{Action, Fault, ResetAt, RetryAfter};
use crate::record::{Answer, RecordedRequest};
use crate::routes::{self, Behaviour, ListShape, Matched};
use crate::server::{State, Stored};
use crate::values::{self, Issue, example, rfc3339, struct_fields, unix_secs};

/// Page size of list endpoints when the request gives no `limit`.
pub(crate) const DEFAULT_PAGE_SIZE: usize = 20;
/// Largest page size; bigger limits are clamped.
pub(crate) const MAX_PAGE_SIZE: usize = 1000;
const LIMIT_PARAMS: [&str; 3] = ["limit", "page_size", "per_page"];
const CURSOR_PARAMS: [&str; 4] = ["cursor", "page_token", "after", "starting_after"];
const CURSOR_PREFIX: &str = "cur_";
/// How long an incomplete body waits after its first half, so that half reaches the client.
const CUT_PAUSE: Duration = Duration::from_millis(50);
const IDEMPOTENCY_KEY: &str = "idempotency-key";
const REPLAYED: &str = "idempotent-replayed";
/// The latest time an HTTP-date can carry (9999-12-31T23:59:59Z).
const MAX_HTTP_DATE: u64 = 253_402_300_799;

/// The error a service returns to make hyper drop the connection without answering.
#[derive(Debug)]
pub(crate) struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by the mock server")
    }
}

impl std::error::Error for Dropped {}

/// A response before the common headers are added.
pub(crate) struct Reply {
    status: u16,
    content_type: Option<String>,
    body: MockBody,
    code: Option<String>,
    throttled: bool,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl Reply {
    fn new(status: u16) -> Self {
        Reply {
            status,
            content_type: None,
            body: MockBody::empty(),
            code: None,
            throttled: false,
            headers: Vec::new(),
        }
    }

    fn json(status: u16, value: &Value) -> Self {
        let mut r = Reply::new(status);
        r.content_type = Some("application/json".into());
        r.body = MockBody::full(value.to_string());
        r
    }

    fn with_header(mut self, name: HeaderName, value: &str) -> Self {
        if let Ok(v) = HeaderValue::from_str(value) {
            self.headers.push((name, v));
        }
        self
    }
}

enum Outcome {
    Reply(Reply, bool),
    Reset,
}

/// Everything about the request the behaviours need.
struct Ctx<'a> {
    state: &'a State,
    parts: &'a Parts,
    body: &'a Bytes,
    matched: &'a Matched,
    endpoint: Option<&'a Endpoint>,
    request_id: &'a str,
    too_large: bool,
}

impl Ctx<'_> {
    fn api(&self) -> &Api {
        &self.state.api
    }
}

/// The hyper service: answers `req`, or returns `Err` to drop the connection
/// (with a TCP reset when `reset` is set).
pub(crate) async fn handle(
    state: Arc<State>,
    reset: Arc<AtomicBool>,
    req: Request<Incoming>,
) -> Result<Response<MockBody>, Dropped> {
    let seq = state.next_seq();
    let request_id = format!("req_{seq}");
    let (parts, body) = req.into_parts();
    let declared = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let (body, too_large) = if declared.is_some_and(|n| n > state.max_body as u64) {
        (Bytes::new(), true)
    } else {
        match Limited::new(body, state.max_body).collect().await {
            Ok(collected) => (collected.to_bytes(), false),
            Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => (Bytes::new(), true),
            Err(_) => return Err(Dropped),
        }
    };
    let window = state.tick_rate_window();
    let path = parts.uri.path().to_owned();
    let matched = routes::route(&state.routes, &state.api, parts.method.as_str(), &path);
    let endpoint = match &matched {
        Matched::Route { route, .. } => state
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
    let ctx = Ctx {
        state: &state,
        parts: &parts,
        body: &body,
        matched: &matched,
        endpoint,
        request_id: &request_id,
        too_large,
    };
    let fault = fault.unwrap_or_else(Fault::pass);
    let outcome = run(&ctx, &fault).await;
    match outcome {
        Outcome::Reset => {
            reset.store(true, Ordering::SeqCst);
            Err(Dropped)
        }
        Outcome::Reply(reply, replayed) => {
            state.finish(seq, reply.status, reply.code.clone(), replayed);
            Ok(respond(&ctx, reply, &fault, window))
        }
    }
}

async fn run(ctx: &Ctx<'_>, f: &Fault) -> Outcome {
    if !f.delay.is_zero() {
        tokio::time::sleep(f.delay).await;
    }
    let reply = match &f.action {
        Action::Pass => {
            let (reply, replayed) = default_reply(ctx);
            return Outcome::Reply(reply, replayed);
        }
        Action::Error(code) => error_fault(ctx, f, code),
        Action::Status(status) => {
            let mut r = Reply::new(*status);
            if let Some((ct, body)) = &f.body {
                r.content_type = Some(ct.clone());
                r.body = MockBody::full(body.clone());
            }
            r.throttled = *status == 429;
            r
        }
        Action::TruncatedJson | Action::IncompleteBody => {
            let (status, full, code) = would_be_body(ctx, f);
            let bytes = Bytes::from(full.to_string());
            let half = bytes.slice(..bytes.len() / 2);
            let mut r = Reply::new(status);
            r.content_type = Some("application/json".into());
            r.code = code;
            r.body = if matches!(f.action, Action::TruncatedJson) {
                MockBody::full(half)
            } else {
                MockBody::Cut {
                    first: Some(half),
                    total: bytes.len() as u64,
                    pause: Some(Box::pin(tokio::time::sleep(CUT_PAUSE))),
                    sent: false,
                }
            };
            r
        }
        Action::HugeBody(n) => huge_body(ctx, f, *n),
        Action::Reset => return Outcome::Reset,
        Action::Hang => return std::future::pending::<Outcome>().await,
    };
    Outcome::Reply(reply, false)
}

/// What a complete body would have been, for truncated and incomplete faults.
fn would_be_body(ctx: &Ctx<'_>, f: &Fault) -> (u16, Value, Option<String>) {
    let api = ctx.api();
    let status = f.status.or(ctx.endpoint.map(|e| e.status)).unwrap_or(200);
    if status >= 400 {
        let (code, message) = match code_for_status(api, ctx.endpoint, status) {
            Some(c) => (c.code.clone(), spec_message(c).to_owned()),
            None => ("error".to_owned(), "An error occurred.".to_owned()),
        };
        let body = error_json(api, &code, &message, Some(ctx.request_id), None);
        (status, body, Some(code))
    } else {
        let data = ctx
            .endpoint
            .and_then(|e| e.response.as_ref())
            .map_or_else(|| json!({}), |t| example(api, t));
        (status, envelope_data(api, data), None)
    }
}

fn huge_body(ctx: &Ctx<'_>, f: &Fault, n: u64) -> Reply {
    let api = ctx.api();
    let status = f.status.unwrap_or(500);
    let code = code_for_status(api, ctx.endpoint, status).map_or("huge_body", |c| c.code.as_str());
    let inner = format!("{{\"code\":{},\"message\":\"", Value::from(code));
    let (prefix, suffix) = match &api.envelope_error {
        Some(key) => (format!("{{{}:{inner}", Value::from(key.as_str())), "\"}}"),
        None => (inner, "\"}"),
    };
    let fixed = (prefix.len() + suffix.len()) as u64;
    let mut r = Reply::new(status);
    r.content_type = Some("application/json".into());
    r.code = Some(code.to_owned());
    r.throttled = status == 429;
    r.body = if n >= fixed {
        MockBody::Padded {
            prefix: Some(Bytes::from(prefix)),
            pad: n - fixed,
            suffix: Some(Bytes::from_static(suffix.as_bytes())),
        }
    } else {
        MockBody::Padded {
            prefix: None,
            pad: n,
            suffix: None,
        }
    };
    r
}

fn error_fault(ctx: &Ctx<'_>, f: &Fault, code: &str) -> Reply {
    let api = ctx.api();
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
        let request_id = f.request_id_in_body.then_some(ctx.request_id);
        Reply::json(
            status,
            &error_json(api, code, message, request_id, details.as_deref()),
        )
    };
    r.code = Some(code.to_owned());
    r.throttled = status == 429 || spec.is_some_and(|c| c.retry == RetryClass::Throttle);
    r
}

/// Adds the common headers: request id, rate limits, Retry-After, then the fault's own.
fn respond(ctx: &Ctx<'_>, reply: Reply, f: &Fault, window: (u64, u64)) -> Response<MockBody> {
    let state = ctx.state;
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
        put(name, ctx.request_id);
    }
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
        let (remaining, window_reset) = window;
        put(&names.0, &f.limit.unwrap_or(state.rate_limit).to_string());
        let remaining = f
            .remaining
            .unwrap_or(if reply.throttled { 0 } else { remaining });
        put(&names.1, &remaining.to_string());
        let reset = match &f.reset {
            Some(ResetAt::At(at)) => Some(*at),
            Some(ResetAt::In(d)) => {
                Some(unix_secs(now).saturating_add(d.as_secs() + u64::from(d.subsec_nanos() > 0)))
            }
            None if reply.throttled => retry_after.as_ref().and_then(|(_, at)| *at),
            None => Some(window_reset),
        };
        if let Some(reset) = reset {
            put(&names.2, &reset.to_string());
        }
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

fn http_date(t: SystemTime) -> String {
    let secs = unix_secs(t).min(MAX_HTTP_DATE);
    httpdate::fmt_http_date(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
}

fn spec_message(c: &ErrorCode) -> &str {
    c.message.as_deref().unwrap_or(&c.summary)
}

/// The first code of `status` the endpoint lists, else the first in the spec.
fn code_for_status<'a>(api: &'a Api, ep: Option<&Endpoint>, status: u16) -> Option<&'a ErrorCode> {
    ep.and_then(|e| {
        e.errors
            .iter()
            .filter_map(|c| api.error(c))
            .find(|c| c.status == status)
    })
    .or_else(|| api.errors.iter().find(|c| c.status == status))
}

fn envelope_data(api: &Api, data: Value) -> Value {
    match &api.envelope_data {
        Some(key) => {
            let mut m = Map::new();
            m.insert(key.clone(), data);
            Value::Object(m)
        }
        None => data,
    }
}

fn error_json(
    api: &Api,
    code: &str,
    message: &str,
    request_id: Option<&str>,
    details: Option<&[Issue]>,
) -> Value {
    let mut e = Map::new();
    e.insert("code".into(), code.into());
    e.insert("message".into(), message.into());
    if let Some(id) = request_id {
        e.insert("request_id".into(), id.into());
    }
    if let Some(d) = details {
        let list = d
            .iter()
            .map(|i| json!({"field": i.field, "issue": i.issue}))
            .collect();
        e.insert("details".into(), Value::Array(list));
    }
    match &api.envelope_error {
        Some(key) => {
            let mut m = Map::new();
            m.insert(key.clone(), Value::Object(e));
            Value::Object(m)
        }
        None => Value::Object(e),
    }
}

/// An error reply with a spec code, with the code's status, message and (when it has
/// `details: true`) the details.
fn spec_error(ctx: &Ctx<'_>, code: &ErrorCode, issues: Option<&[Issue]>) -> Reply {
    let details = if code.details {
        Some(issues.unwrap_or(&[]))
    } else {
        None
    };
    let body = error_json(
        ctx.api(),
        &code.code,
        spec_message(code),
        Some(ctx.request_id),
        details,
    );
    let mut r = Reply::json(code.status, &body);
    r.code = Some(code.code.clone());
    r.throttled = code.status == 429 || code.retry == RetryClass::Throttle;
    r
}

/// An error reply for `status`: the spec's code for it, else a generic `fallback` code.
fn status_error(
    ctx: &Ctx<'_>,
    status: u16,
    fallback: &str,
    message: &str,
    issues: Option<&[Issue]>,
) -> Reply {
    if let Some(code) = code_for_status(ctx.api(), ctx.endpoint, status) {
        return spec_error(ctx, code, issues);
    }
    let body = error_json(ctx.api(), fallback, message, Some(ctx.request_id), issues);
    let mut r = Reply::json(status, &body);
    r.code = Some(fallback.to_owned());
    r
}

/// Reports invalid input: the endpoint's `details: true` code, else a 400.
fn invalid(ctx: &Ctx<'_>, ep: &Endpoint, issues: &[Issue]) -> Reply {
    let api = ctx.api();
    match ep
        .errors
        .iter()
        .filter_map(|c| api.error(c))
        .find(|c| c.details)
    {
        Some(code) => spec_error(ctx, code, Some(issues)),
        None => status_error(
            ctx,
            400,
            "invalid_request",
            "The request is invalid.",
            Some(issues),
        ),
    }
}

fn authorized(parts: &Parts, key: &str) -> bool {
    let Some(value) = parts
        .headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    match value.split_once(' ') {
        Some((scheme, given)) => scheme.eq_ignore_ascii_case("bearer") && given == key,
        None => false,
    }
}

/// The default behaviour; the flag is true for an idempotent replay.
fn default_reply(ctx: &Ctx<'_>) -> (Reply, bool) {
    let api = ctx.api();
    if ctx.too_large {
        let message = format!("The request body exceeds {} bytes.", ctx.state.max_body);
        return (
            status_error(ctx, 413, "payload_too_large", &message, None),
            false,
        );
    }
    let (route, collection, item) = match ctx.matched {
        Matched::NotFound => {
            let message = format!(
                "No endpoint matches {} {}.",
                ctx.parts.method,
                ctx.parts.uri.path()
            );
            let mut r = Reply::json(
                404,
                &error_json(api, "route_not_found", &message, Some(ctx.request_id), None),
            );
            r.code = Some("route_not_found".into());
            return (r, false);
        }
        Matched::MethodNotAllowed(allowed) => {
            let message = format!(
                "{} is not allowed here; use {}.",
                ctx.parts.method,
                allowed.join(", ")
            );
            let mut r = Reply::json(
                405,
                &error_json(
                    api,
                    "method_not_allowed",
                    &message,
                    Some(ctx.request_id),
                    None,
                ),
            );
            r.code = Some("method_not_allowed".into());
            return (r.with_header(ALLOW, &allowed.join(", ")), false);
        }
        Matched::Route {
            route,
            collection,
            item,
        } => (*route, collection, item.as_deref()),
    };
    let (Some(ep), Some(route)) = (ctx.endpoint, ctx.state.routes.get(route)) else {
        return (Reply::new(500), false);
    };
    if api.auth_env.is_some() && !authorized(ctx.parts, &ctx.state.api_key) {
        let r = status_error(
            ctx,
            401,
            "unauthorized",
            "Missing or invalid API key.",
            None,
        );
        return (r.with_header(WWW_AUTHENTICATE, "Bearer"), false);
    }
    let idempotency_key = matches!(ep.method, Method::Post | Method::Patch)
        .then(|| {
            ctx.parts
                .headers
                .get(IDEMPOTENCY_KEY)
                .and_then(|v| v.to_str().ok())
        })
        .flatten()
        .filter(|k| !k.is_empty())
        .map(|k| (ep.name.clone(), k.to_owned()));
    let mut shared = ctx.state.lock();
    if let Some(stored) = idempotency_key
        .as_ref()
        .and_then(|k| shared.idempotency.get(k))
    {
        let mut r = Reply::new(stored.status);
        r.content_type = stored.content_type.clone();
        r.body = MockBody::full(stored.body.clone());
        return (
            r.with_header(HeaderName::from_static(REPLAYED), "true"),
            true,
        );
    }
    let query = routes::parse_query(ctx.parts.uri.query());
    let issues = check_query(api, ep, &query);
    if !issues.is_empty() {
        return (invalid(ctx, ep, &issues), false);
    }
    let body = match &ep.body {
        None => None,
        Some(ty) => match parse_body(ctx, ep, ty) {
            Ok(v) => Some(v),
            Err(reply) => return (*reply, false),
        },
    };
    let empty = Map::new();
    let body_obj = body.as_ref().and_then(Value::as_object).unwrap_or(&empty);
    let store = &mut shared.store;
    let now = rfc3339(SystemTime::now());
    let not_found = |ctx: &Ctx<'_>| {
        status_error(
            ctx,
            404,
            "not_found",
            "The requested resource could not be found.",
            None,
        )
    };
    let reply = match (&route.behaviour, item) {
        (Behaviour::Create, _) => {
            let obj = match ep.response.as_ref().and_then(|t| struct_fields(api, t)) {
                Some((def, fields)) => Value::Object(fill(
                    api,
                    fields,
                    &id_prefix(&def.name),
                    body_obj.clone(),
                    store,
                    &now,
                )),
                None => body.clone().unwrap_or_else(|| json!({})),
            };
            store.insert(collection, obj.clone());
            success(ctx, ep, Some(obj))
        }
        (Behaviour::Read, Some(id)) => match store.get(collection, id) {
            Some(obj) => success(ctx, ep, Some(obj.clone())),
            None => not_found(ctx),
        },
        (Behaviour::Update, Some(id)) => {
            let fields = ep
                .response
                .as_ref()
                .and_then(|t| struct_fields(api, t))
                .map(|(_, f)| f);
            match store.get_mut(collection, id) {
                Some(Value::Object(obj)) => {
                    for (k, v) in body_obj {
                        if !v.is_null()
                            && fields.is_none_or(|fs| fs.iter().any(|f| &f.name == k))
                            && k != "id"
                        {
                            obj.insert(k.clone(), v.clone());
                        }
                    }
                    if fields.is_some_and(|fs| {
                        fs.iter()
                            .any(|f| f.name == "updated_at" && f.ty == TypeRef::Datetime)
                    }) {
                        obj.insert("updated_at".into(), now.clone().into());
                    }
                    success(ctx, ep, Some(Value::Object(obj.clone())))
                }
                Some(_) | None => not_found(ctx),
            }
        }
        (Behaviour::Replace, Some(id)) => match store.get(collection, id).cloned() {
            Some(old) => {
                let mut base = body_obj.clone();
                for keep in ["id", "created_at"] {
                    if let Some(v) = old.get(keep) {
                        base.insert(keep.into(), v.clone());
                    }
                }
                base.remove("updated_at");
                let obj = match ep.response.as_ref().and_then(|t| struct_fields(api, t)) {
                    Some((def, fields)) => {
                        Value::Object(fill(api, fields, &id_prefix(&def.name), base, store, &now))
                    }
                    None => Value::Object(base),
                };
                store.insert(collection, obj.clone());
                success(ctx, ep, Some(obj))
            }
            None => not_found(ctx),
        },
        (Behaviour::Delete, Some(id)) => match store.remove(collection, id) {
            Some(old) => {
                let data = ep
                    .response
                    .as_ref()
                    .and_then(|t| struct_fields(api, t))
                    .map(|_| old);
                success(ctx, ep, data)
            }
            None => not_found(ctx),
        },
        (Behaviour::List(shape), _) => match list(api, ep, shape, collection, &query, store) {
            Ok(page) => success(ctx, ep, Some(page)),
            Err(issues) => invalid(ctx, ep, &issues),
        },
        _ => success(ctx, ep, None),
    };
    if let Some(key) = idempotency_key
        && (200..300).contains(&reply.status)
        && let Some(bytes) = reply.body.as_full()
    {
        shared.idempotency.insert(
            key,
            Stored {
                status: reply.status,
                content_type: reply.content_type.clone(),
                body: bytes,
            },
        );
    }
    (reply, false)
}

/// A success reply: `data` (else an example of the response type) in the data
/// envelope; an empty body for `response: none`.
fn success(ctx: &Ctx<'_>, ep: &Endpoint, data: Option<Value>) -> Reply {
    match &ep.response {
        None => Reply::new(ep.status),
        Some(ty) => {
            let data = data.unwrap_or_else(|| example(ctx.api(), ty));
            Reply::json(ep.status, &envelope_data(ctx.api(), data))
        }
    }
}

/// `itm` for `Item`, `usr` for `User`: the first letter and the next consonants.
fn id_prefix(type_name: &str) -> String {
    let lower = type_name.to_ascii_lowercase();
    let mut chars = lower.chars().filter(char::is_ascii_alphanumeric);
    let mut out: String = chars.next().into_iter().collect();
    out.extend(chars.filter(|c| !"aeiou".contains(*c)).take(2));
    if out.is_empty() { "obj".into() } else { out }
}

/// Builds a stored object of a struct type: the body's non-null fields the type
/// has, plus generated ones (`id`, datetimes as now, empty lists and maps, examples
/// for other required fields).
fn fill(
    api: &Api,
    fields: &[Field],
    prefix: &str,
    body: Map<String, Value>,
    store: &mut crate::store::Store,
    now: &str,
) -> Map<String, Value> {
    let mut out = Map::new();
    for f in fields {
        if let Some(v) = body.get(&f.name).filter(|v| !v.is_null()) {
            out.insert(f.name.clone(), v.clone());
            continue;
        }
        let generated = if f.name == "id" && f.ty == TypeRef::String {
            Some(Value::from(format!("{prefix}_{}", store.next_id())))
        } else if f.name == "id" && f.ty == TypeRef::Integer {
            Some(Value::from(store.next_id()))
        } else if f.ty == TypeRef::Datetime
            && (!f.optional || f.name == "created_at" || f.name == "updated_at")
        {
            Some(Value::from(now))
        } else if f.optional {
            None
        } else {
            Some(match &f.ty {
                TypeRef::List(_) => json!([]),
                TypeRef::Map(_) => json!({}),
                other => example(api, other),
            })
        };
        if let Some(v) = generated {
            out.insert(f.name.clone(), v);
        }
    }
    out
}

fn param<'q>(query: &'q [(String, String)], names: &[&str]) -> Option<(&'q str, &'q str)> {
    names
        .iter()
        .find_map(|n| query.iter().find(|(k, _)| k == n))
        .map(|(k, v)| (k.as_str(), v.as_str()))
}

/// One page of a collection, newest first.
fn list(
    api: &Api,
    ep: &Endpoint,
    shape: &ListShape,
    collection: &str,
    query: &[(String, String)],
    store: &crate::store::Store,
) -> Result<Value, Vec<Issue>> {
    let mut issues = Vec::new();
    let limit = match param(query, &LIMIT_PARAMS) {
        None => DEFAULT_PAGE_SIZE,
        Some((name, v)) => match v.parse::<i64>() {
            Ok(n) if n >= 1 => usize::try_from(n)
                .unwrap_or(MAX_PAGE_SIZE)
                .min(MAX_PAGE_SIZE),
            _ => {
                issues.push(Issue::new(name, "must be an integer of at least 1"));
                0
            }
        },
    };
    let offset = match param(query, &CURSOR_PARAMS) {
        None => 0,
        Some((_, "")) => 0,
        Some((name, v)) => match v
            .strip_prefix(CURSOR_PREFIX)
            .and_then(|n| n.parse::<usize>().ok())
        {
            Some(n) => n,
            None => {
                issues.push(Issue::new(name, "is not a cursor this server issued"));
                0
            }
        },
    };
    if !issues.is_empty() {
        return Err(issues);
    }
    let all = store.all(collection);
    let page: Vec<Value> = all
        .iter()
        .rev()
        .skip(offset)
        .take(limit)
        .map(|v| (*v).clone())
        .collect();
    let end = offset.saturating_add(limit);
    let next = (end < all.len()).then(|| format!("{CURSOR_PREFIX}{end}"));
    let Some((_, fields)) = ep.response.as_ref().and_then(|t| struct_fields(api, t)) else {
        return Ok(json!({}));
    };
    let mut out = Map::new();
    for f in fields {
        let value = if f.name == shape.items {
            Some(Value::Array(page.clone()))
        } else if shape.cursor.as_ref() == Some(&f.name) {
            next.clone().map(Value::from)
        } else if shape.has_more.as_ref() == Some(&f.name) {
            Some(Value::Bool(next.is_some()))
        } else if shape.total.as_ref() == Some(&f.name) {
            Some(Value::from(all.len()))
        } else if f.optional {
            None
        } else {
            Some(example(api, &f.ty))
        };
        if let Some(v) = value {
            out.insert(f.name.clone(), v);
        }
    }
    Ok(Value::Object(out))
}

fn check_query(api: &Api, ep: &Endpoint, query: &[(String, String)]) -> Vec<Issue> {
    let mut issues = Vec::new();
    for f in &ep.query {
        match query.iter().find(|(k, _)| *k == f.name) {
            None if !f.optional => issues.push(Issue::new(
                f.name.as_str(),
                "required query parameter is missing",
            )),
            Some((_, v)) if !values::query_value_ok(api, &f.ty, v) => {
                issues.push(Issue::new(
                    f.name.as_str(),
                    format!("must be {}", values::describe(api, &f.ty)),
                ));
            }
            None | Some(_) => {}
        }
    }
    issues
}

/// Parses and (when the endpoint has a `details: true` code) validates the body.
fn parse_body(ctx: &Ctx<'_>, ep: &Endpoint, ty: &TypeRef) -> Result<Value, Box<Reply>> {
    let api = ctx.api();
    let details_code = ep
        .errors
        .iter()
        .filter_map(|c| api.error(c))
        .find(|c| c.details);
    let parsed = if ctx.body.iter().all(u8::is_ascii_whitespace) {
        Err("request body is missing".to_owned())
    } else {
        serde_json::from_slice::<Value>(ctx.body).map_err(|e| format!("malformed JSON: {e}"))
    };
    let value = match parsed {
        Ok(v) => v,
        Err(problem) => {
            let issues = [Issue::new("body", problem)];
            return Err(Box::new(match details_code {
                Some(code) => spec_error(ctx, code, Some(&issues)),
                None => status_error(
                    ctx,
                    400,
                    "invalid_request",
                    "The request body is not valid JSON.",
                    Some(&issues),
                ),
            }));
        }
    };
    if let Some(code) = details_code {
        let mut issues = Vec::new();
        values::validate_body(api, ty, &value, &mut issues);
        if !issues.is_empty() {
            return Err(Box::new(spec_error(ctx, code, Some(&issues))));
        }
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_prefixes() {
        assert_eq!(id_prefix("Item"), "itm");
        assert_eq!(id_prefix("User"), "usr");
        assert_eq!(id_prefix("Order"), "ord");
        assert_eq!(id_prefix("A"), "a");
    }
}
