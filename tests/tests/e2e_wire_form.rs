//! End to end: wire names and form bodies (design.md section 8), a client generated
//! through `#[vook_api]` from `specs/valid/wire_form.yaml` against vook-mock on
//! 127.0.0.1. A camelCase API round-trips under its wire names while the Rust API
//! and `Debug` keep the spec's snake_case; a form endpoint sends exactly the bytes
//! of the bracket notation, is retried with the same bytes and key, and a bad form
//! body (or a body in the other encoding) is answered in the spec's error shape.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failure

use std::collections::BTreeMap;
use std::future::poll_fn;
use std::path::PathBuf;
use std::pin::Pin;

use futures_core::Stream;

use serde_json::{Value, json};
use vook_mock::{Fault, MockServer};
use vook_runtime::Error;

#[vook_macros::vook_api(spec = "specs/valid/wire_form.yaml")]
mod api {}
use api::*;

async fn server() -> MockServer {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("specs/valid/wire_form.yaml");
    MockServer::from_spec_path(path).await.expect("mock starts")
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .base_delay(std::time::Duration::from_millis(1))
        .build()
        .unwrap()
}

fn body_json(server: &MockServer, operation: &str) -> Value {
    let sent = server.requests_for(operation);
    serde_json::from_slice(&sent.last().expect("a request").body).expect("a JSON body")
}

#[tokio::test]
async fn a_camel_case_api_round_trips_under_its_wire_names() {
    let server = server().await;
    let client = client(&server);
    let made = client
        .create_order(&NewOrder {
            customer_name: "Ada".into(),
            line_items: vec![LineItem {
                unit_price: 250,
                sku_code: "sku_1".into(),
            }],
            note: Some("leave at door".into()),
        })
        .await
        .expect("created");
    assert_eq!(made.status(), 201);
    // On the wire: camelCase, and `memo` for the field with its own `wire`.
    assert_eq!(
        body_json(&server, "create_order"),
        json!({"customerName": "Ada", "lineItems": [{"unitPrice": 250, "skuCode": "sku_1"}], "memo": "leave at door"})
    );
    // In Rust: the spec's names, also in `Debug`.
    assert_eq!(made.customer_name, "Ada");
    assert_eq!(made.line_items[0].unit_price, 250);
    assert_eq!(made.note.as_deref(), Some("leave at door"));
    assert!(!made.created_at.is_empty(), "the mock fills `createdAt`");
    let debug = format!("{:?}", *made);
    assert!(
        debug.contains("customer_name: \"Ada\"") && debug.contains("unit_price: 250"),
        "{debug}"
    );
    assert!(!debug.contains("customerName"), "{debug}");

    // The mock answers under the wire names too.
    let http = vook_runtime::reqwest::Client::new();
    let raw: Value = http
        .get(server.url(&format!("/orders/{}", made.id)))
        .bearer_auth(server.api_key())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let data = &raw["data"];
    assert_eq!(data["customerName"], "Ada");
    assert_eq!(data["lineItems"][0]["skuCode"], "sku_1");
    assert_eq!(data["memo"], "leave at door");
    assert!(
        data["createdAt"].is_string() && data.get("created_at").is_none(),
        "{data}"
    );
    let got = client.get_order(&made.id).await.expect("read back");
    assert_eq!(*got, *made);

    // Listing: the query parameter and the cursor field under their wire names.
    client
        .create_order(&NewOrder {
            customer_name: "Grace".into(),
            line_items: Vec::new(),
            note: None,
        })
        .await
        .expect("second order");
    let page = client
        .list_orders(&ListOrdersQuery {
            page_size: Some(1),
            cursor: None,
        })
        .await
        .expect("a page");
    assert_eq!(page.data.len(), 1);
    assert_eq!(page.data[0].customer_name, "Grace", "newest first");
    let next = page.next_cursor.clone().expect("a next page");
    let sent = server.requests_for("list_orders");
    assert_eq!(sent.last().unwrap().query.as_deref(), Some("pageSize=1"));
    let rest = client
        .list_orders(&ListOrdersQuery {
            page_size: Some(1),
            cursor: Some(next),
        })
        .await
        .expect("the next page");
    assert_eq!(rest.data[0].customer_name, "Ada");
    assert_eq!(rest.next_cursor, None);
    let sent = server.requests_for("list_orders");
    assert_eq!(
        sent.last().unwrap().query.as_deref(),
        Some("pageCursor=cur_1&pageSize=1")
    );
    // `.items()` moves the cursor under its wire name, page by page.
    let mut items = client
        .list_orders(&ListOrdersQuery {
            page_size: Some(1),
            cursor: None,
        })
        .items();
    let mut names = Vec::new();
    while let Some(order) = poll_fn(|cx| Pin::new(&mut items).poll_next(cx)).await {
        names.push(order.expect("an order").customer_name);
    }
    assert_eq!(names, ["Grace", "Ada"]);

    // A body under the Rust names is refused: those are not the wire names.
    let refused: Value = http
        .post(server.url("/orders"))
        .bearer_auth(server.api_key())
        .json(&json!({"customer_name": "Ada", "lineItems": []}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let details = &refused["error"]["details"];
    assert_eq!(refused["error"]["code"], "validation_error");
    assert!(
        details
            .as_array()
            .unwrap()
            .contains(&json!({"field": "customerName", "issue": "required field is missing"})),
        "{details}"
    );
    assert!(
        details
            .as_array()
            .unwrap()
            .contains(&json!({"field": "customer_name", "issue": "unknown field"})),
        "{details}"
    );
}

fn charge() -> NewCharge {
    NewCharge {
        amount: 2000,
        currency: "usd".into(),
        capture: Some(true),
        description: Some("Zoë's +1 & more".into()),
        metadata: Some(BTreeMap::from([
            ("order_id".to_owned(), "6735".to_owned()),
            ("note".to_owned(), "a=b[c]%".to_owned()),
        ])),
        items: Some(vec![
            ChargeItem {
                price: "p_1".into(),
                quantity: 2,
            },
            ChargeItem {
                price: "p_2".into(),
                quantity: 1,
            },
        ]),
    }
}

const CHARGE_FORM: &str = concat!(
    "amount=2000&capture=true&currency=usd&description=Zo%C3%AB%27s+%2B1+%26+more",
    "&items[0][price]=p_1&items[0][quantity]=2&items[1][price]=p_2&items[1][quantity]=1",
    "&metadata[note]=a%3Db%5Bc%5D%25&metadata[order_id]=6735"
);

#[tokio::test]
async fn a_form_endpoint_sends_the_bracket_notation_and_reads_json() {
    let server = server().await;
    let client = client(&server);
    let made = client.create_charge(&charge()).await.expect("charged");
    assert_eq!(made.status(), 201);
    let sent = server.requests_for("create_charge");
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].headers["content-type"],
        "application/x-www-form-urlencoded"
    );
    assert_eq!(std::str::from_utf8(&sent[0].body).unwrap(), CHARGE_FORM);
    // The mock decoded the form into the declared types, and answered JSON.
    assert_eq!(made.amount, 2000);
    assert_eq!(made.capture, Some(true));
    assert_eq!(made.description.as_deref(), Some("Zoë's +1 & more"));
    assert_eq!(made.items.as_ref().unwrap()[1].quantity, 1);
    assert_eq!(made.metadata.as_ref().unwrap()["note"], "a=b[c]%");

    // `None` fields send nothing at all.
    let bare = NewCharge {
        amount: 5,
        currency: "eur".into(),
        capture: None,
        description: None,
        metadata: None,
        items: None,
    };
    let made = client.create_charge(&bare).await.expect("charged");
    assert_eq!(made.capture, None);
    let sent = server.requests_for("create_charge");
    assert_eq!(sent.last().unwrap().body.as_ref(), b"amount=5&currency=eur");
}

#[tokio::test]
async fn a_retried_form_post_resends_the_same_bytes_and_key() {
    let server = server().await;
    let client = client(&server);
    server.script("create_charge", [Fault::error("internal_error")]);
    let made = client
        .create_charge(&charge())
        .await
        .expect("the retry succeeds");
    assert_eq!(made.attempts(), 2);
    let sent = server.requests_for("create_charge");
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].body, sent[1].body);
    assert_eq!(std::str::from_utf8(&sent[1].body).unwrap(), CHARGE_FORM);
    let key = |i: usize| sent[i].headers.get("idempotency-key").cloned();
    assert!(key(0).is_some());
    assert_eq!(key(0), key(1));
}

async fn post(server: &MockServer, path: &str, content_type: &str, body: &str) -> (u16, Value) {
    let response = vook_runtime::reqwest::Client::new()
        .post(server.url(path))
        .bearer_auth(server.api_key())
        .header("content-type", content_type)
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn a_bad_form_body_is_answered_in_the_spec_error_shape() {
    let server = server().await;
    let form = "application/x-www-form-urlencoded";
    let (status, body) = post(
        &server,
        "/charges",
        form,
        "amount=12.5&currency=usd&capture=yes&items[0][quantity]=two&Amount=1",
    )
    .await;
    assert_eq!(status, 400);
    let error = &body["error"];
    assert_eq!(error["code"], "validation_error");
    assert!(error["request_id"].is_string());
    let details: Vec<(String, String)> = error["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["field"].as_str().unwrap().to_owned(),
                d["issue"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for expected in [
        ("amount", "must be an integer"),
        ("capture", "must be a boolean"),
        ("items[0].price", "required field is missing"),
        ("items[0].quantity", "must be an integer"),
        ("Amount", "unknown field"),
    ] {
        assert!(
            details.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} in {details:?}"
        );
    }

    // A malformed key is one issue on the body.
    let (status, body) = post(&server, "/charges", form, "amount=1&items[0=x").await;
    assert_eq!(status, 400);
    assert_eq!(
        body["error"]["details"],
        json!([{"field": "body", "issue": "malformed form key `items[0`"}])
    );

    // JSON on the form endpoint, and a form on a JSON endpoint, are refused.
    let (status, body) = post(
        &server,
        "/charges",
        "application/json",
        r#"{"amount": 1, "currency": "usd"}"#,
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["error"]["details"],
        json!([{"field": "body", "issue": "must be application/x-www-form-urlencoded (this endpoint takes a form body), found application/json"}])
    );
    let (status, body) = post(&server, "/orders", form, "customerName=Ada").await;
    assert_eq!(status, 400);
    assert_eq!(
        body["error"]["details"],
        json!([{"field": "body", "issue": "must be JSON (application/json), found application/x-www-form-urlencoded"}])
    );
    assert!(server.objects("/charges").is_empty(), "nothing stored");
}

#[tokio::test]
async fn a_typed_client_sees_the_validation_error_of_a_form_endpoint() {
    let server = server().await;
    let client = client(&server);
    // A value the form can carry but the server refuses: scripted, as the mock
    // accepts every well-typed body.
    server.script(
        "create_charge",
        [Fault::error("validation_error").details([("amount", "must be at least 50")])],
    );
    match client.create_charge(&charge()).await {
        Err(Error::Api(CreateChargeError::ValidationError(e))) => {
            assert_eq!(e.status(), 400);
            assert_eq!(e.details()[0].field, "amount");
        }
        other => panic!("expected ValidationError, got {other:?}"),
    }
}
