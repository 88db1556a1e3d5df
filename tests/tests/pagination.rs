//! `.pages()` and `.items()` of endpoints that declare `paginate`, against
//! vook-mock on 127.0.0.1 over real sockets: both styles across many pages, an
//! empty first page, a repeated cursor, a failing middle page retried, a
//! 10,000-item listing in bounded memory, per-call options on every page, and the
//! page cap. The client is generated from `tests/golden/paginated.yaml` (the same
//! spec as `tests/specs/valid/paginated.yaml`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failure

#[allow(dead_code, unreachable_pub)]
mod paginated {
    include!("../golden/paginated.rs");
}

use std::future::poll_fn;
use std::pin::Pin;
use std::time::Duration;

use futures_core::Stream;
use paginated::*;
use serde_json::json;
use vook_mock::{Fault, MockServer};
use vook_runtime::{DecodeErrorKind, Error, Items, Pages};

const SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/golden/paginated.yaml");

async fn server() -> MockServer {
    MockServer::from_spec_path(SPEC)
        .await
        .expect("server starts")
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .base_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(50))
        .build()
        .expect("client builds")
}

/// The next item of a stream.
async fn next<S: Stream + Unpin>(s: &mut S) -> Option<S::Item> {
    poll_fn(|cx| Pin::new(&mut *s).poll_next(cx)).await
}

/// Every item of a stream, stopping at the first error (returned beside them).
async fn drain<T, E, S>(mut s: S) -> (Vec<T>, Option<Error<E>>)
where
    S: Stream<Item = Result<T, Error<E>>> + Unpin,
{
    let mut out = Vec::new();
    while let Some(r) = next(&mut s).await {
        match r {
            Ok(t) => out.push(t),
            Err(e) => {
                assert!(
                    next(&mut s).await.is_none(),
                    "the stream ends after an error"
                );
                return (out, Some(e));
            }
        }
    }
    (out, None)
}

fn seed_items(server: &MockServer, n: usize) -> Vec<String> {
    let ids: Vec<String> = (0..n).map(|i| format!("itm_{i:05}")).collect();
    for id in &ids {
        server.insert_object("/items", json!({"id": id, "name": "x"}));
    }
    ids.into_iter().rev().collect() // newest first
}

fn seed_charges(server: &MockServer, n: usize) -> Vec<String> {
    let ids: Vec<String> = (0..n).map(|i| format!("ch_{i:05}")).collect();
    for (i, id) in ids.iter().enumerate() {
        server.insert_object("/charges", json!({"id": id, "amount": i}));
    }
    ids.into_iter().rev().collect()
}

fn items_query(limit: i64) -> ListItemsQuery {
    ListItemsQuery {
        limit: Some(limit),
        ..Default::default()
    }
}

fn charges_query(limit: i64) -> ListChargesQuery {
    ListChargesQuery {
        limit: Some(limit),
        ..Default::default()
    }
}

fn is_send<T: Send>(_: &T) {}

#[tokio::test]
async fn the_cursor_style_streams_every_item_across_many_pages() {
    let server = server().await;
    let client = client(&server);
    let expected = seed_items(&server, 25);
    let stream: Items<'_, ItemList, ListItemsError> = client.list_items(&items_query(4)).items();
    is_send(&stream);
    let (got, err) = drain(stream).await;
    assert!(err.is_none(), "{err:?}");
    let ids: Vec<String> = got.into_iter().map(|i| i.id).collect();
    assert_eq!(ids, expected);
    // 7 pages: 6 full ones and one of a single item, each asking from the cursor before.
    let requests = server.requests_for("list_items");
    assert_eq!(requests.len(), 7);
    assert_eq!(requests[0].query_param("cursor"), None);
    for (i, r) in requests.iter().enumerate().skip(1) {
        assert_eq!(r.query_param("cursor"), Some(format!("cur_{}", i * 4)));
        assert_eq!(r.query_param("limit").as_deref(), Some("4"));
    }
}

#[tokio::test]
async fn the_stripe_style_starts_each_page_after_the_last_id() {
    let server = server().await;
    let client = client(&server);
    let expected = seed_charges(&server, 23);
    let mut pages: Pages<'_, ChargeList, ListChargesError> =
        client.list_charges(&charges_query(5)).pages();
    is_send(&pages);
    let mut sizes = Vec::new();
    let mut ids = Vec::new();
    while let Some(page) = next(&mut pages).await {
        let page = page.expect("a page");
        assert_eq!(page.status(), 200);
        sizes.push(page.data.len());
        ids.extend(page.data.iter().map(|c| c.id.clone()));
    }
    assert_eq!(
        sizes,
        [5, 5, 5, 5, 3],
        "has_more: false ends without another request"
    );
    assert_eq!(ids, expected);
    let requests = server.requests_for("list_charges");
    assert_eq!(requests.len(), 5);
    assert_eq!(requests[0].query_param("starting_after"), None);
    for (i, r) in requests.iter().enumerate().skip(1) {
        assert_eq!(
            r.query_param("starting_after"),
            Some(expected[i * 5 - 1].clone())
        );
    }
}

#[tokio::test]
async fn without_has_more_an_empty_page_ends_the_listing() {
    let server = server().await;
    let client = client(&server);
    for seq in 1..=6 {
        server.insert_object("/events", json!({"seq": seq}));
    }
    let query = ListEventsQuery {
        after: Some("6".into()), // start after the newest: the query the call was given
    };
    let (got, err) = drain(client.list_events(&query).items()).await;
    assert!(err.is_none(), "{err:?}");
    assert_eq!(
        got.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [5, 4, 3, 2, 1]
    );
    // 20 per page by default: one page of five, then an empty page.
    let requests = server.requests_for("list_events");
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].query_param("after").as_deref(), Some("6"));
    assert_eq!(requests[1].query_param("after").as_deref(), Some("1"));
}

#[tokio::test]
async fn an_empty_first_page_is_an_empty_listing() {
    let server = server().await;
    let client = client(&server);
    let (items, err) = drain(client.list_items(&items_query(10)).items()).await;
    assert!(items.is_empty() && err.is_none());
    let (charges, err) = drain(client.list_charges(&charges_query(10)).items()).await;
    assert!(charges.is_empty() && err.is_none());
    let mut pages = client.list_items(&items_query(10)).pages();
    let only = next(&mut pages).await.expect("one page").expect("ok");
    assert!(only.items.is_empty() && only.next_cursor.is_none());
    assert!(next(&mut pages).await.is_none());
    assert_eq!(server.requests_for("list_items").len(), 2);
    assert_eq!(server.requests_for("list_charges").len(), 1);
}

#[tokio::test]
async fn a_cursor_handed_out_twice_ends_the_stream_with_a_decode_error() {
    let server = server().await;
    let client = client(&server);
    let page = |id: &str, next: &str| {
        Fault::status(200)
            .json(&json!({"data": {"items": [{"id": id, "name": "x"}], "next_cursor": next}}))
    };
    // A, B, then A again: the third page is yielded, its cursor is refused.
    server.script(
        "list_items",
        [
            page("i1", "A"),
            page("i2", "B"),
            page("i3", "A"),
            page("i4", "C"),
        ],
    );
    let (got, err) = drain(client.list_items(&items_query(1)).items()).await;
    assert_eq!(
        got.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
        ["i1", "i2", "i3"]
    );
    match err {
        Some(Error::Decode(d)) => {
            assert_eq!(d.kind(), DecodeErrorKind::RepeatedCursor);
            assert_eq!(d.status(), 200);
            assert!(d.to_string().contains("already used"), "{d}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert_eq!(
        server.requests_for("list_items").len(),
        3,
        "no request after the repeat"
    );
    assert_eq!(server.pending_faults("list_items"), 1);
}

#[tokio::test]
async fn a_failing_middle_page_is_retried_and_the_listing_completes() {
    let server = server().await;
    let client = client(&server);
    let expected = seed_charges(&server, 9);
    server.script(
        "list_charges",
        [Fault::pass(), Fault::error("internal_error"), Fault::pass()],
    );
    let (got, err) = drain(client.list_charges(&charges_query(3)).items()).await;
    assert!(err.is_none(), "{err:?}");
    assert_eq!(got.into_iter().map(|c| c.id).collect::<Vec<_>>(), expected);
    let requests = server.requests_for("list_charges");
    assert_eq!(requests.len(), 4, "three pages, the second one twice");
    assert_eq!(
        requests[1].query_param("starting_after"),
        Some(expected[2].clone())
    );
    assert_eq!(
        requests[2].query_param("starting_after"),
        Some(expected[2].clone())
    );
}

#[tokio::test]
async fn a_page_that_keeps_failing_ends_the_stream_with_its_error() {
    let server = server().await;
    let client = client(&server);
    seed_items(&server, 6);
    server.script(
        "list_items",
        [
            Fault::pass(),
            Fault::error("internal_error"),
            Fault::error("internal_error"),
        ],
    );
    let call = client.list_items(&items_query(3)).max_attempts(2);
    let (got, err) = drain(call.items()).await;
    assert_eq!(got.len(), 3);
    assert!(
        matches!(&err, Some(Error::Api(ListItemsError::InternalError(_)))),
        "{err:?}"
    );
    assert_eq!(server.requests_for("list_items").len(), 3);
}

#[tokio::test]
async fn ten_thousand_items_stream_with_at_most_one_page_buffered() {
    let server = server().await;
    let client = client(&server);
    let expected = seed_charges(&server, 10_000);
    let mut items = client.list_charges(&charges_query(100)).items();
    let mut count = 0usize;
    let mut most = 0usize;
    while let Some(item) = next(&mut items).await {
        let item = item.expect("an item");
        assert_eq!(item.id, expected[count]);
        count += 1;
        most = most.max(items.buffered());
        assert!(items.buffered() < 100, "more than one page buffered");
        // A page is requested only when the one before is consumed.
        assert_eq!(items.pages_requested() as usize, count.div_ceil(100));
    }
    assert_eq!(count, 10_000);
    assert_eq!(most, 99);
    assert_eq!(server.requests_for("list_charges").len(), 100);
}

#[tokio::test]
async fn per_call_options_apply_to_every_page() {
    let server = server().await;
    let client = client(&server);
    seed_items(&server, 10);
    let call = client
        .list_items(&items_query(3))
        .header("X-Trace-Id", "trace-7")
        .api_key("sk_tenant_other_key");
    let (got, err) = drain(call.items()).await;
    // The mock refuses any key but its own: the first page fails, nothing more is sent.
    assert!(got.is_empty());
    assert!(matches!(err, Some(Error::Api(_))), "{err:?}");
    let first = server.requests_for("list_items");
    assert_eq!(first.len(), 1);
    assert_eq!(
        first[0].header("authorization"),
        Some("Bearer sk_tenant_other_key")
    );
    server.clear_requests();

    let call = client
        .list_items(&items_query(3))
        .header("X-Trace-Id", "trace-7")
        .api_key(server.api_key().to_owned())
        .timeout(Duration::from_secs(5));
    let (got, err) = drain(call.items()).await;
    assert!(err.is_none(), "{err:?}");
    assert_eq!(got.len(), 10);
    let requests = server.requests_for("list_items");
    assert_eq!(requests.len(), 4);
    for r in &requests {
        assert_eq!(r.header("x-trace-id"), Some("trace-7"));
    }
}

#[tokio::test]
async fn the_page_cap_ends_a_listing_that_never_ends() {
    let server = server().await;
    let client = client(&server);
    seed_items(&server, 10);
    let (got, err) = drain(client.list_items(&items_query(1)).items().max_pages(3)).await;
    assert_eq!(got.len(), 3);
    match err {
        Some(Error::Decode(d)) => {
            assert_eq!(d.kind(), DecodeErrorKind::TooManyPages { limit: 3 })
        }
        other => panic!("expected the page cap, got {other:?}"),
    }
    assert_eq!(server.requests_for("list_items").len(), 3);
}

#[tokio::test]
async fn the_bundled_client_pages_list_items() {
    let server = vook_tests::vook_server().await;
    let client = vook_tests::vook_client(&server);
    for i in 0..5 {
        let item = vook_client::NewItem {
            name: format!("item {i}"),
            ..Default::default()
        };
        client.create_item(&item).await.expect("create");
    }
    let query = vook_client::ListItemsQuery {
        limit: Some(2),
        cursor: None,
    };
    let mut items: Items<'_, vook_client::ItemList, vook_client::ListItemsError> =
        client.list_items(&query).items();
    let mut names = Vec::new();
    while let Some(item) = items.next().await {
        names.push(item.expect("an item").name);
    }
    assert_eq!(names, ["item 4", "item 3", "item 2", "item 1", "item 0"]);
    assert_eq!(items.pages_requested(), 3);
    assert_eq!(server.requests_for("list_items").len(), 3);
}
