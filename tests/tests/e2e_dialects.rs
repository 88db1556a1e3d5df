//! End to end: clients generated (through `#[vook_api]`) from specs in other API
//! dialects, against vook-mock on 127.0.0.1: each auth scheme on the wire, the
//! rate-limit reset in each `reset_format` decoded normalised, and `Retry-After-Ms`
//! winning over `Retry-After`. Timing bounds are wide: they tell "waited the
//! milliseconds" from "waited the seconds", not jitter.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failure

use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use vook_mock::{Fault, MockServer};
use vook_runtime::Error;

mod header {
    #[vook_macros::vook_api(spec = "specs/valid/auth_header.yaml")]
    pub mod api {}
}
mod query {
    #[vook_macros::vook_api(spec = "specs/valid/auth_query.yaml")]
    pub mod api {}
}
mod basic {
    #[vook_macros::vook_api(spec = "specs/valid/auth_basic.yaml")]
    pub mod api {}
}
mod none {
    #[vook_macros::vook_api(spec = "specs/valid/auth_none.yaml")]
    pub mod api {}
}

async fn server(spec: &str) -> MockServer {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("specs/valid")
        .join(spec);
    MockServer::from_spec_path(path).await.expect("mock starts")
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

// --- auth -----------------------------------------------------------------------

#[tokio::test]
async fn header_scheme_sends_the_named_header() {
    use header::api::*;
    let server = server("auth_header.yaml").await;
    let client = Client::builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .build()
        .unwrap();
    let made = client
        .create_thing(&NewThing { name: "a".into() })
        .await
        .expect("the key is accepted");
    assert_eq!(made.status(), 201);
    let sent = &server.requests()[0];
    assert_eq!(sent.headers["x-api-key"], server.api_key());
    assert!(sent.headers.get("authorization").is_none());
    assert_eq!(sent.query, None);

    let wrong = Client::builder()
        .base_url(server.base_url())
        .api_key("not-the-key")
        .build()
        .unwrap();
    match wrong.create_thing(&NewThing { name: "b".into() }).await {
        Err(Error::Api(CreateThingError::Unauthorized(e))) => assert_eq!(e.status(), 401),
        other => panic!("expected Unauthorized, got {other:?}"),
    }
    // Nothing else counts: a bearer token with the right key is refused.
    let http = vook_runtime::reqwest::Client::new();
    let bearer = http
        .get(server.url("/things/x"))
        .bearer_auth(server.api_key())
        .send()
        .await
        .unwrap();
    assert_eq!(bearer.status(), 401);
}

#[tokio::test]
async fn query_scheme_sends_the_named_parameter_after_the_endpoints_own() {
    use query::api::*;
    let server = server("auth_query.yaml").await;
    let client = Client::builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .build()
        .unwrap();
    let made = client
        .create_thing(&NewThing { name: "a".into() })
        .await
        .expect("create");
    let id = made.into_inner().id;
    let got = client
        .get_thing(
            &id,
            &GetThingQuery {
                verbose: Some(true),
            },
        )
        .await
        .expect("the key is accepted and does not count as an unknown parameter");
    assert_eq!(got.name, "a");
    let sent = server.requests();
    let key = server.api_key();
    assert_eq!(
        sent[0].query.as_deref(),
        Some(&*format!("access_token={key}"))
    );
    assert_eq!(
        sent[1].query.as_deref(),
        Some(&*format!("verbose=true&access_token={key}"))
    );
    assert!(
        sent.iter()
            .all(|r| r.headers.get("authorization").is_none())
    );

    let wrong = Client::builder()
        .base_url(server.base_url())
        .api_key("not-the-key")
        .build()
        .unwrap();
    match wrong.get_thing(&id, &GetThingQuery::default()).await {
        Err(Error::Api(GetThingError::Unauthorized(e))) => assert_eq!(e.status(), 401),
        other => panic!("expected Unauthorized, got {other:?}"),
    }
    // Twice is not once.
    let http = vook_runtime::reqwest::Client::new();
    let twice = http
        .get(server.url(&format!(
            "/things/{id}?access_token={key}&access_token={key}"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(twice.status(), 401);
}

#[tokio::test]
async fn basic_scheme_sends_user_and_password_in_base64() {
    use basic::api::*;
    let server = server("auth_basic.yaml").await;
    assert_eq!(server.api_key(), vook_mock::DEFAULT_BASIC_KEY);
    let client = Client::builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .build()
        .unwrap();
    client
        .create_thing(&NewThing { name: "a".into() })
        .await
        .expect("the key is accepted");
    // base64("test-user:test-key")
    assert_eq!(
        server.requests()[0].headers["authorization"],
        "Basic dGVzdC11c2VyOnRlc3Qta2V5"
    );
    let wrong = Client::builder()
        .base_url(server.base_url())
        .api_key("test-user:wrong")
        .build()
        .unwrap();
    match wrong.create_thing(&NewThing { name: "b".into() }).await {
        Err(Error::Api(CreateThingError::Unauthorized(_))) => {}
        other => panic!("expected Unauthorized, got {other:?}"),
    }
    // A basic key is `user:password`; one without `:` is refused before sending.
    let err = Client::builder()
        .base_url(server.base_url())
        .api_key("no-colon")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("user:password"), "{err}");
}

#[tokio::test]
async fn none_scheme_needs_no_variable_and_sends_nothing() {
    use none::api::*;
    let server = server("auth_none.yaml").await;
    assert_eq!(API_SPEC.auth, vook_runtime::AuthSpec::NONE);
    // `from_env()` reads no variable: it builds (for the spec's base URL) without one.
    Client::from_env().expect("no key needed");
    let client = Client::builder()
        .base_url(server.base_url())
        .build()
        .unwrap();
    client
        .create_thing(&NewThing { name: "a".into() })
        .await
        .expect("no key needed");
    let sent = &server.requests()[0];
    assert!(sent.headers.get("authorization").is_none());
}

// --- rate limits ----------------------------------------------------------------

/// The reset header as the mock sends it for a "90.5 s from now" fault (a fault
/// answers before auth, so the plain request needs no key).
async fn wire_reset(s: &MockServer, header: &str) -> String {
    s.script(
        "get_thing",
        [Fault::error("not_found").rate_limit_reset_in(Duration::from_millis(90_500))],
    );
    let r = vook_runtime::reqwest::get(s.url("/things/x"))
        .await
        .unwrap();
    r.headers()[header].to_str().unwrap().to_owned()
}

/// The reset of a response whose reset header says "90.5 s from now", in each format.
async fn reset_of(rl: Option<&vook_runtime::RateLimit>, before: u64) {
    let rl = rl.expect("rate-limit headers typed");
    assert_eq!(rl.limit, Some(1000));
    let reset = rl.reset.expect("reset normalised");
    let after = unix_now();
    assert!(
        (before + 90..=after + 91).contains(&reset),
        "reset {reset} not 90.5 s after {before}..{after}"
    );
    let left = rl.reset_in().unwrap();
    assert!(
        left > Duration::from_secs(88) && left <= Duration::from_secs(91),
        "{left:?}"
    );
}

#[tokio::test]
async fn resets_in_every_format_decode_to_unix_seconds() {
    let in_90 = || Fault::pass().rate_limit_reset_in(Duration::from_millis(90_500));
    let before = unix_now();

    let s = server("auth_header.yaml").await; // reset_format: delta
    s.script("create_thing", [in_90()]);
    let c = header::api::Client::builder()
        .base_url(s.base_url())
        .api_key(s.api_key())
        .build()
        .unwrap();
    let r = c
        .create_thing(&header::api::NewThing { name: "a".into() })
        .await
        .unwrap();
    assert_eq!(wire_reset(&s, "ratelimit-reset").await, "91");
    reset_of(r.rate_limit(), before).await;

    let s = server("auth_query.yaml").await; // reset_format: duration
    s.script("create_thing", [in_90()]);
    let c = query::api::Client::builder()
        .base_url(s.base_url())
        .api_key(s.api_key())
        .build()
        .unwrap();
    let r = c
        .create_thing(&query::api::NewThing { name: "a".into() })
        .await
        .unwrap();
    reset_of(r.rate_limit(), before).await;
    assert_eq!(
        wire_reset(&s, "x-ratelimit-reset-requests").await,
        "1m30.5s"
    );

    let s = server("auth_basic.yaml").await; // reset_format: epoch
    s.script("create_thing", [in_90()]);
    let c = basic::api::Client::builder()
        .base_url(s.base_url())
        .api_key(s.api_key())
        .build()
        .unwrap();
    let r = c
        .create_thing(&basic::api::NewThing { name: "a".into() })
        .await
        .unwrap();
    reset_of(r.rate_limit(), before).await;
    let epoch: u64 = wire_reset(&s, "x-ratelimit-reset").await.parse().unwrap();
    assert!((before + 90..=unix_now() + 92).contains(&epoch), "{epoch}");
}

// --- Retry-After-Ms and the throttle rule -----------------------------------------

fn openai_like(s: &MockServer) -> query::api::Client {
    query::api::Client::builder()
        .base_url(s.base_url())
        .api_key(s.api_key())
        .build()
        .unwrap()
}

#[tokio::test]
async fn retry_after_ms_wins_over_retry_after() {
    let s = server("auth_query.yaml").await;
    s.script(
        "get_thing",
        [Fault::error("rate_limited")
            .retry_after_secs(5)
            .retry_after_ms(300)],
    );
    let client = openai_like(&s);
    let started = Instant::now();
    let err = client
        .get_thing("missing", &query::api::GetThingQuery::default())
        .await
        .unwrap_err();
    let waited = started.elapsed();
    // The retry happened (and found nothing): after the 300 ms, not the 5 s.
    assert!(
        matches!(err, Error::Api(query::api::GetThingError::NotFound(_))),
        "{err:?}"
    );
    assert_eq!(err.attempts(), 2);
    assert!(waited >= Duration::from_millis(300), "{waited:?}");
    assert!(
        waited < Duration::from_secs(4),
        "waited the Retry-After seconds: {waited:?}"
    );
    let sent = s.requests();
    assert!(
        sent[1]
            .received_at
            .duration_since(sent[0].received_at)
            .unwrap()
            >= Duration::from_millis(300)
    );
}

#[tokio::test]
async fn hostile_retry_after_ms_falls_back_or_gives_up() {
    let s = server("auth_query.yaml").await;
    let client = openai_like(&s);
    let q = query::api::GetThingQuery::default();
    // Negative: ignored, so Retry-After (1 s) counts.
    s.script(
        "get_thing",
        [Fault::error("rate_limited")
            .retry_after_secs(1)
            .retry_after_ms_raw("-300")],
    );
    let started = Instant::now();
    let err = client.get_thing("missing", &q).await.unwrap_err();
    assert_eq!(err.attempts(), 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    // Absurd: longer than max_retry_after, so the client gives up at once with the 429.
    for absurd in ["99999999999999999999999", "1e99"] {
        s.script(
            "get_thing",
            [Fault::error("rate_limited")
                .retry_after_secs(1)
                .retry_after_ms_raw(absurd)],
        );
        let started = Instant::now();
        let err = client.get_thing("missing", &q).await.unwrap_err();
        match (absurd, &err) {
            // Not a plain number: ignored, Retry-After counts.
            ("1e99", _) => assert_eq!(err.attempts(), 2, "{err:?}"),
            _ => {
                assert!(
                    matches!(err, Error::Api(query::api::GetThingError::RateLimited(_))),
                    "{err:?}"
                );
                assert_eq!(err.attempts(), 1);
                assert!(started.elapsed() < Duration::from_secs(1));
            }
        }
    }
}

#[tokio::test]
async fn a_429_waits_for_a_duration_reset_when_there_is_no_retry_after() {
    let s = server("auth_query.yaml").await;
    // `x-ratelimit-reset-requests: 400ms`, no Retry-After.
    s.script(
        "get_thing",
        [Fault::error("rate_limited").rate_limit_reset_in(Duration::from_millis(400))],
    );
    let client = openai_like(&s);
    let started = Instant::now();
    let err = client
        .get_thing("missing", &query::api::GetThingQuery::default())
        .await
        .unwrap_err();
    let waited = started.elapsed();
    assert_eq!(err.attempts(), 2);
    assert!(waited >= Duration::from_millis(400), "{waited:?}");
    assert!(waited < Duration::from_secs(4), "{waited:?}");
}

#[tokio::test]
async fn a_malformed_duration_reset_is_ignored() {
    let s = server("auth_query.yaml").await;
    s.script(
        "get_thing",
        [Fault::error("not_found").header("x-ratelimit-reset-requests", "6 minutes")],
    );
    let client = openai_like(&s);
    let err = client
        .get_thing("missing", &query::api::GetThingQuery::default())
        .await
        .unwrap_err();
    let rl = err
        .api_error()
        .and_then(|e| e.rate_limit().cloned())
        .expect("the others are read");
    assert_eq!((rl.limit, rl.reset), (Some(1000), None));
}
