//! The app against vook-mock: a test server for `spec/shelf.yaml` on 127.0.0.1,
//! with a scripted 429.

use std::time::{Duration, Instant};

use app::Lookup;
use vook_mock::{Fault, MockServer};

async fn server() -> MockServer {
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/shelf.yaml");
    match MockServer::from_spec_path(spec).await {
        Ok(s) => s,
        Err(e) => panic!("mock server did not start: {e}"),
    }
}

fn client(server: &MockServer) -> shelf_client::Client {
    shelf_client::Client::builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .base_delay(Duration::from_millis(5))
        .build()
        .unwrap_or_else(|e| panic!("client builds: {e}"))
}

#[tokio::test]
async fn a_scripted_429_is_waited_out_then_the_book_is_found() {
    let server = server().await;
    let client = client(&server);
    let id = app::add(&client, "Dune", "Frank Herbert")
        .await
        .expect("added");
    server.script(
        "get_book",
        [Fault::error("rate_limited").retry_after_secs(1)],
    );

    let started = Instant::now();
    let found = app::look_up(&client, &id)
        .await
        .expect("no transport error");
    let waited = started.elapsed();

    assert_eq!(found, Lookup::Found("Dune by Frank Herbert".into()));
    assert!(
        waited >= Duration::from_millis(900),
        "did not wait for Retry-After: {waited:?}"
    );
    assert_eq!(
        server.requests_for("get_book").len(),
        2,
        "one 429, one retry"
    );
}

#[tokio::test]
async fn a_429_on_every_attempt_is_the_throttled_variant() {
    let server = server().await;
    let client = client(&server);
    let limited = || Fault::error("rate_limited").retry_after_secs(0);
    server.script("get_book", [limited(), limited(), limited()]);

    let got = app::look_up(&client, "bk_1")
        .await
        .expect("no transport error");

    assert_eq!(got, Lookup::Throttled);
    assert_eq!(
        server.requests_for("get_book").len(),
        3,
        "the spec's max_attempts"
    );
}

#[tokio::test]
async fn a_missing_book_and_a_paged_listing() {
    let server = server().await;
    let client = client(&server);
    assert_eq!(
        app::look_up(&client, "bk_nope").await.expect("answer"),
        Lookup::Missing
    );

    for title in ["A", "B", "C"] {
        app::add(&client, title, "X").await.expect("added");
    }
    let mut titles = app::titles(&client).await.expect("listed");
    titles.sort();
    assert_eq!(titles, ["A", "B", "C"]);
    assert!(server.requests_for("list_books").len() >= 2, "pages of two");
}
