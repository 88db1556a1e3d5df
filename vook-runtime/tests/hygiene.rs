//! The API key never shows up in Debug, Display, errors or tracing output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use vook_runtime::{BuildError, Client};

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
