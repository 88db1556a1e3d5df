//! Endpoints that declare `paginate` are served with exactly the declared names,
//! over real sockets: the cursor style (an opaque cursor in the declared field,
//! absent on the last page, read only from the declared parameter) and the Stripe
//! style (`starting_after=<id of the last item>`, `has_more`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{get, json_of};
use serde_json::{Value, json};
use vook_mock::MockServer;

const PAGED_SPEC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/specs/valid/paginated.yaml"
);

/// Custom names everywhere: no convention of the mock would find them.
const ODD_NAMES: &str = r#"
vook: 1
api:
  name: odd
  base_url: https://api.odd.test
types:
  Row:
    fields:
      id: string
      n: integer
  RowPage:
    fields:
      rows: "[Row]"
      continue_with: string?
endpoints:
  list_rows:
    method: GET
    path: /rows
    query: { size: integer?, token: string? , cursor: string? }
    response: RowPage
    paginate: { cursor: token, next: continue_with, items: rows }
"#;

async fn paged() -> MockServer {
    MockServer::from_spec_path(PAGED_SPEC)
        .await
        .expect("server starts")
}

/// GET `path` as JSON data, asserting a 200.
async fn page(server: &MockServer, path: &str) -> Value {
    let resp = get(server, path).await;
    assert_eq!(resp.status(), 200, "{path}");
    json_of(resp).await["data"].clone()
}

fn ids(page: &Value, items: &str) -> Vec<String> {
    page[items]
        .as_array()
        .expect("a list of items")
        .iter()
        .map(|i| i["id"].as_str().expect("string id").to_owned())
        .collect()
}

#[tokio::test]
async fn the_cursor_style_pages_through_the_declared_names() {
    let server = paged().await;
    for i in 0..5 {
        server.insert_object("/items", json!({"id": format!("i{i}"), "name": "x"}));
    }
    let first = page(&server, "/items?limit=2").await;
    assert_eq!(ids(&first, "items"), ["i4", "i3"]);
    let next = first["next_cursor"]
        .as_str()
        .expect("a next cursor")
        .to_owned();
    let second = page(&server, &format!("/items?limit=2&cursor={next}")).await;
    assert_eq!(ids(&second, "items"), ["i2", "i1"]);
    let next = second["next_cursor"]
        .as_str()
        .expect("a next cursor")
        .to_owned();
    let last = page(&server, &format!("/items?limit=2&cursor={next}")).await;
    assert_eq!(ids(&last, "items"), ["i0"]);
    assert!(
        last.get("next_cursor").is_none(),
        "the last page has no cursor: {last}"
    );
    // An empty cursor is the first page; a made-up one is a validation error.
    assert_eq!(
        ids(&page(&server, "/items?limit=2&cursor=").await, "items"),
        ["i4", "i3"]
    );
    let bad = get(&server, "/items?cursor=bogus").await;
    assert_eq!(bad.status(), 400);
}

#[tokio::test]
async fn only_the_declared_cursor_parameter_moves_the_page() {
    let server = MockServer::start(vook_schema::load_str("odd.yaml", ODD_NAMES).unwrap())
        .await
        .expect("server starts");
    for i in 0..3 {
        server.insert_object("/rows", json!({"id": format!("r{i}"), "n": i}));
    }
    let first = page(&server, "/rows?limit=1").await;
    assert_eq!(ids(&first, "rows"), ["r2"]);
    let next = first["continue_with"]
        .as_str()
        .expect("the declared next field")
        .to_owned();
    // `cursor` is a conventional name, but this endpoint declared `token`.
    let ignored = page(&server, &format!("/rows?limit=1&cursor={next}")).await;
    assert_eq!(ids(&ignored, "rows"), ["r2"]);
    let second = page(&server, &format!("/rows?limit=1&token={next}")).await;
    assert_eq!(ids(&second, "rows"), ["r1"]);
}

#[tokio::test]
async fn the_stripe_style_starts_after_the_last_id_and_says_has_more() {
    let server = paged().await;
    for i in 0..5 {
        server.insert_object("/charges", json!({"id": format!("ch_{i}"), "amount": i}));
    }
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &after {
            Some(a) => format!("/charges?limit=2&starting_after={a}"),
            None => "/charges?limit=2".to_owned(),
        };
        let p = page(&server, &path).await;
        pages += 1;
        let got = ids(&p, "data");
        assert!(p.get("next_cursor").is_none());
        seen.extend(got.iter().cloned());
        let more = p["has_more"].as_bool().expect("has_more is a boolean");
        assert_eq!(more, seen.len() < 5, "page {pages}: {p}");
        if !more {
            break;
        }
        after = got.last().cloned();
        assert!(pages < 10, "does not terminate");
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, ["ch_4", "ch_3", "ch_2", "ch_1", "ch_0"]);
    // After the oldest item: an empty page.
    let empty = page(&server, "/charges?starting_after=ch_0").await;
    assert_eq!(empty["data"], json!([]));
    assert_eq!(empty["has_more"], false);
    // An id that is not listed is a validation error on the declared parameter.
    let bad = get(&server, "/charges?starting_after=ch_404").await;
    assert_eq!(bad.status(), 400);
    let body = json_of(bad).await;
    assert_eq!(
        body["error"]["details"][0]["field"], "starting_after",
        "{body}"
    );
}

#[tokio::test]
async fn an_integer_position_without_has_more_ends_on_an_empty_page() {
    let server = paged().await;
    for seq in 1..=3 {
        server.insert_object("/events", json!({"seq": seq}));
    }
    let first = page(&server, "/events?limit=2").await;
    assert_eq!(first["events"], json!([{"seq": 3}, {"seq": 2}]));
    let second = page(&server, "/events?limit=2&after=2").await;
    assert_eq!(second["events"], json!([{"seq": 1}]));
    let third = page(&server, "/events?limit=2&after=1").await;
    assert_eq!(third["events"], json!([]));
}
