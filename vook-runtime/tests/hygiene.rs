//! The API key never shows up in Debug, Display, errors or tracing output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use vook_runtime::{ApiSpec, AuthScheme, AuthSpec, BuildError, Client, Error};

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn assert_no_key(what: &str, text: &str) {
    assert!(!text.contains(KEY), "{what} leaks the key: {text}");
    // Not even a fragment of it.
    assert!(
        !text.contains("SuperSecretKey"),
        "{what} leaks part of the key: {text}"
    );
}

#[tokio::test]
async fn key_never_appears_in_debug_display_errors_or_traces() {
    let capture = Capture::default();
    let sink = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
        .with_ansi(false)
        .with_writer(move || sink.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = Server::start(vec![
        Reply::json(200, ITEM_BODY).header("X-Request-ID", "req_1"),
        Reply::error(404, "not_found"),
        Reply::error(500, "internal_error"),
        Reply::text(502, "text/html", "<html>Bad Gateway</html>"),
        Reply::Close,
        Reply::Hang,
    ])
    .await;
    let builder = builder(&server)
        .max_attempts(1)
        .timeout(Duration::from_millis(200));
    let mut texts = vec![format!("{builder:?}"), format!("{builder:#?}")];
    let client = builder.build().unwrap();
    texts.push(format!("{client:?}"));
    texts.push(format!("{client:#?}"));

    let ok = get_item(&client, "a").await.unwrap();
    texts.push(format!("{ok:?}"));
    texts.push(format!("{:?}", ok.meta()));
    for _ in 0..5 {
        let err = create_item(&client, &item()).await.unwrap_err();
        texts.push(format!("{err}"));
        texts.push(format!("{err:?}"));
        texts.push(format!("{err:#?}"));
        let mut source = std::error::Error::source(&err);
        while let Some(s) = source {
            texts.push(format!("{s} / {s:?}"));
            source = s.source();
        }
    }
    // The key did reach the server, so it was really in play.
    let sent = server.requests();
    assert_eq!(sent.len(), 6);
    assert!(
        sent.iter()
            .all(|r| r.header("authorization") == Some(&*format!("Bearer {KEY}")))
    );

    for t in &texts {
        assert_no_key("formatted value", t);
    }
    let log = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("vook.call") && log.contains("vook.attempt"),
        "spans were traced: {log}"
    );
    assert!(
        log.contains("operation=\"get_item\"") || log.contains("operation=get_item"),
        "{log}"
    );
    assert!(log.contains("request_id"), "{log}");
    assert_no_key("tracing output", &log);
    if std::env::var_os("SHOW_LOG").is_some() {
        eprintln!("{log}");
    }
}

/// The Vook spec with the key as a query parameter (`?api_key=KEY`).
static QUERY_SPEC: ApiSpec = ApiSpec {
    auth: AuthSpec {
        scheme: AuthScheme::Query,
        name: Some("api_key"),
        env: Some("VOOK_API_KEY"),
    },
    ..SPEC
};

fn tracing_capture() -> (Capture, tracing::subscriber::DefaultGuard) {
    let capture = Capture::default();
    let sink = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
        .with_ansi(false)
        .with_writer(move || sink.clone())
        .finish();
    (capture, tracing::subscriber::set_default(subscriber))
}

/// Every way of formatting an error, its source chain included.
fn error_texts(err: &Error<ItemError>) -> Vec<String> {
    let mut texts = vec![format!("{err}"), format!("{err:?}"), format!("{err:#?}")];
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        texts.push(format!("{s} / {s:?}"));
        source = s.source();
    }
    texts
}

/// A `query` key is part of every URL the client sends, so it is the hardest to keep
/// out of errors (reqwest's show the URL) and traces: every error variant is formatted.
#[tokio::test]
async fn query_key_never_appears_in_urls_errors_or_traces() {
    let (capture, _guard) = tracing_capture();
    let server = Server::start(vec![
        Reply::json(200, ITEM_BODY),
        Reply::error(404, "not_found"),
        Reply::text(502, "text/html", "<html>Bad Gateway</html>"),
        Reply::json(200, "{not json"),
        Reply::text(302, "text/plain", "").header("Location", "http://api.example.com/next"),
        Reply::Close,
        Reply::Hang,
    ])
    .await;
    let builder = Client::builder(&QUERY_SPEC)
        .base_url(server.url())
        .api_key(KEY)
        .max_attempts(1)
        .timeout(Duration::from_millis(300));
    let mut texts = vec![format!("{builder:?}"), format!("{builder:#?}")];
    let client = builder.build().unwrap();
    texts.push(format!("{client:?} {client:#?}"));

    let ok = get_item(&client, "a").await.unwrap();
    texts.push(format!("{ok:?} {:?}", ok.meta()));
    let mut variants = Vec::new();
    for _ in 0..6 {
        let err = get_item(&client, "b").await.unwrap_err();
        variants.push(match &err {
            Error::Api(_) => "api",
            Error::Decode(_) => "decode",
            Error::Transport(_) => "transport",
            Error::Timeout(_) => "timeout",
            Error::InvalidRequest(_) => "invalid",
        });
        texts.extend(error_texts(&err));
    }
    assert_eq!(
        variants,
        [
            "api",
            "decode",
            "decode",
            "transport",
            "transport",
            "timeout"
        ]
    );
    // A connection refused (a port nothing listens on any more).
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let refused = Client::builder(&QUERY_SPEC)
        .base_url(format!("http://{closed}/v1"))
        .api_key(KEY)
        .max_attempts(2)
        .base_delay(Duration::from_millis(1))
        .build()
        .unwrap();
    let err = get_item(&refused, "c").await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    texts.extend(error_texts(&err));
    if let Error::Transport(t) = &err {
        texts.push(format!("{:?} {}", t.reqwest_error(), t.reqwest_error()));
        assert!(t.reqwest_error().url().is_none());
    }

    // The key really went out, as the query parameter, and only there.
    let sent = server.requests();
    assert_eq!(sent.len(), 7);
    for r in &sent {
        assert!(
            r.target.ends_with(&format!("?api_key={KEY}")),
            "{}",
            r.target
        );
        assert_eq!(r.header("authorization"), None);
    }
    for t in &texts {
        assert_no_key("formatted value", t);
    }
    let log = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("sending") && log.contains("/v1/items/b"),
        "{log}"
    );
    assert_no_key("tracing output", &log);
}

/// Header and basic keys are sensitive header values: never in `Debug` or traces.
#[tokio::test]
async fn header_and_basic_keys_stay_hidden() {
    static HEADER_SPEC: ApiSpec = ApiSpec {
        auth: AuthSpec {
            scheme: AuthScheme::Header,
            name: Some("x-api-key"),
            env: Some("VOOK_API_KEY"),
        },
        ..SPEC
    };
    static BASIC_SPEC: ApiSpec = ApiSpec {
        auth: AuthSpec {
            scheme: AuthScheme::Basic,
            name: None,
            env: Some("VOOK_API_KEY"),
        },
        ..SPEC
    };
    let (capture, _guard) = tracing_capture();
    let basic_key = format!("user:{KEY}");
    for (spec, key) in [(&HEADER_SPEC, KEY.to_owned()), (&BASIC_SPEC, basic_key)] {
        let server = Server::start(vec![Reply::error(401, "unauthorized")]).await;
        let client = Client::builder(spec)
            .base_url(server.url())
            .api_key(key)
            .build()
            .unwrap();
        let err = get_item(&client, "a").await.unwrap_err();
        let mut texts = error_texts(&err);
        texts.push(format!("{client:?}"));
        for t in &texts {
            assert_no_key("formatted value", t);
        }
        let sent = &server.requests()[0];
        assert!(!sent.target.contains(KEY));
        match spec.auth.scheme {
            AuthScheme::Header => assert_eq!(sent.header("x-api-key"), Some(KEY)),
            _ => assert!(sent.header("authorization").unwrap().starts_with("Basic ")),
        }
    }
    let log = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert_no_key("tracing output", &log);
}

#[test]
fn build_errors_never_show_the_key() {
    let bad = format!("{KEY}\u{1b}[2J");
    let err = Client::builder(&SPEC)
        .api_key(bad.as_str())
        .build()
        .unwrap_err();
    assert!(matches!(err, BuildError::InvalidApiKey { .. }));
    assert_no_key("BuildError Display", &err.to_string());
    assert_no_key("BuildError Debug", &format!("{err:?}"));
    let builder = Client::builder(&SPEC).api_key(bad);
    assert_no_key("builder Debug", &format!("{builder:?}"));
    let err = Client::builder(&SPEC).build().unwrap_err();
    assert!(err.to_string().contains("VOOK_API_KEY"), "{err}");
}
