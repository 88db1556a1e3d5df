//! Idempotency keys over real sockets: replayed only for the same request,
//! refused for another request, and only after validation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::*;
use serde_json::{Value, json};
use vook_mock::{Answer, MockServer};

/// Sends `method path` with the server's key, `Idempotency-Key: key` and a raw JSON `body`.
async fn keyed(
    server: &MockServer,
    method: reqwest::Method,
    path: &str,
    key: &str,
    body: &str,
) -> reqwest::Response {
    http()
        .request(method, server.url(path))
        .bearer_auth(server.api_key())
        .header("Idempotency-Key", key)
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .expect("answered")
}

fn replayed(resp: &reqwest::Response) -> bool {
    resp.headers()
        .get("idempotent-replayed")
        .is_some_and(|v| v == "true")
}

/// Asserts `resp` is the refusal of a reused key, in the spec's error envelope.
async fn assert_refused(resp: reqwest::Response) {
    assert_eq!(resp.status(), 409);
    assert!(!replayed(&resp), "a refusal is not a replay");
    let request_id = resp.headers()["x-request-id"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let body = json_of(resp).await;
    let err = &body["error"];
    assert_eq!(err["code"], "idempotency_key_reused", "{body}");
    assert!(
        err["message"]
            .as_str()
            .expect("message")
            .contains("Idempotency-Key"),
        "{body}"
    );
    assert_eq!(err["request_id"], request_id.as_str());
}

async fn create(server: &MockServer, name: &str) -> String {
    let resp = post(server, "/items", &json!({ "name": name })).await;
    assert_eq!(resp.status(), 201);
    json_of(resp).await["data"]["id"]
        .as_str()
        .expect("id")
        .to_owned()
}

fn stored(server: &MockServer, id: &str) -> Value {
    server
        .objects("/items")
        .into_iter()
        .find(|o| o["id"] == id)
        .expect("stored")
}

/// The defect the conformance run found: the same key on another item's PATCH
/// answered the first item's body as a replay and dropped the update.
#[tokio::test]
async fn same_key_on_another_item_is_refused_and_changes_nothing() {
    let server = vook_server().await;
    let first = create(&server, "one").await;
    let second = create(&server, "two").await;
    assert_eq!((first.as_str(), second.as_str()), ("itm_1", "itm_2"));

    let resp = keyed(
        &server,
        reqwest::Method::PATCH,
        "/items/itm_1",
        "KK",
        r#"{"name": "one, renamed"}"#,
    )
    .await;
    assert_eq!(resp.status(), 200);
    assert!(!replayed(&resp));
    assert_eq!(stored(&server, "itm_1")["name"], "one, renamed");

    let before = stored(&server, "itm_2");
    let resp = keyed(
        &server,
        reqwest::Method::PATCH,
        "/items/itm_2",
        "KK",
        r#"{"name": "two, renamed"}"#,
    )
    .await;
    assert_refused(resp).await;
    assert_eq!(stored(&server, "itm_2"), before, "itm_2 was not changed");

    // The key still replays its own request, unchanged by the refusal.
    let resp = keyed(
        &server,
        reqwest::Method::PATCH,
        "/items/itm_1",
        "KK",
        r#"{"name": "one, renamed"}"#,
    )
    .await;
    assert_eq!(resp.status(), 200);
    assert!(replayed(&resp));
    assert_eq!(json_of(resp).await["data"]["id"], "itm_1");

    let updates = server.requests_for("update_item");
    let seen: Vec<(Option<u16>, Option<&str>, bool)> = updates
        .iter()
        .map(|r| {
            (
                r.status,
                r.error_code.as_deref(),
                r.answer == Answer::IdempotentReplay,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (Some(200), None, false),
            (Some(409), Some("idempotency_key_reused"), false),
            (Some(200), None, true),
        ]
    );
}

#[tokio::test]
async fn a_non_json_body_with_a_used_key_gets_the_validation_error() {
    let server = vook_server().await;
    let body = r#"{"name": "report"}"#;
    let first = keyed(&server, reqwest::Method::POST, "/items", "K1", body).await;
    assert_eq!(first.status(), 201);

    let resp = keyed(&server, reqwest::Method::POST, "/items", "K1", "not json").await;
    assert_eq!(resp.status(), 422);
    assert!(!replayed(&resp), "not the stored 201");
    let err = json_of(resp).await["error"].clone();
    assert_eq!(err["code"], "validation_error");
    assert_eq!(err["details"][0]["field"], "body");

    // Valid JSON that fails the type: the validation error too, never the replay.
    let resp = keyed(
        &server,
        reqwest::Method::POST,
        "/items",
        "K1",
        r#"{"nom": 1}"#,
    )
    .await;
    assert_eq!(resp.status(), 422);
    assert!(!replayed(&resp));
    assert_eq!(json_of(resp).await["error"]["code"], "validation_error");

    // An empty body as well.
    let resp = keyed(&server, reqwest::Method::POST, "/items", "K1", "").await;
    assert_eq!(resp.status(), 422);
    assert_eq!(json_of(resp).await["error"]["code"], "validation_error");

    assert_eq!(server.objects("/items").len(), 1, "nothing else executed");
    let again = keyed(&server, reqwest::Method::POST, "/items", "K1", body).await;
    assert_eq!(again.status(), 201);
    assert!(replayed(&again));
}

#[tokio::test]
async fn a_different_body_or_query_with_a_used_key_is_refused() {
    let server = vook_server().await;
    let body = r#"{"name": "report"}"#;
    assert_eq!(
        keyed(&server, reqwest::Method::POST, "/items", "K", body)
            .await
            .status(),
        201
    );
    // Another valid body (even one that is equal as JSON but not as bytes).
    for other in [r#"{"name": "other"}"#, r#"{ "name": "report" }"#] {
        assert_refused(keyed(&server, reqwest::Method::POST, "/items", "K", other).await).await;
    }
    // The same body with a query string the first request did not have.
    assert_refused(keyed(&server, reqwest::Method::POST, "/items?x=1", "K", body).await).await;
    assert_eq!(server.objects("/items").len(), 1, "never executed");

    // Keys are per operation: the same key on another operation executes.
    let id = create(&server, "target").await;
    let resp = keyed(
        &server,
        reqwest::Method::PATCH,
        &format!("/items/{id}"),
        "K",
        r#"{"note": "n"}"#,
    )
    .await;
    assert_eq!(resp.status(), 200);
    assert!(!replayed(&resp));
    assert_eq!(stored(&server, &id)["note"], "n");
}

#[tokio::test]
async fn a_used_key_needs_auth_first() {
    let server = vook_server().await;
    let body = r#"{"name": "report"}"#;
    assert_eq!(
        keyed(&server, reqwest::Method::POST, "/items", "K", body)
            .await
            .status(),
        201
    );
    let resp = http()
        .post(server.url("/items"))
        .header("Idempotency-Key", "K")
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("answered");
    assert_eq!(resp.status(), 401);
    assert!(!replayed(&resp));
}

#[tokio::test]
async fn the_specs_own_code_answers_a_reused_key() {
    let spec = r#"
vook: 1
api:
  name: keys
  base_url: https://keys.example
  envelope: { data: null, error: null }
errors:
  idempotency_key_reused:
    status: 422
    summary: The key was used for another request.
    message: Use a new key for a new request.
types:
  Note:
    fields:
      id: string
      text: string
  NewNote:
    fields:
      text: string
endpoints:
  create_note:
    method: POST
    path: /notes
    body: NewNote
    response: Note
    status: 201
    errors: [idempotency_key_reused]
"#;
    let api = vook_schema::load_str("keys.yaml", spec).expect("valid spec");
    let server = MockServer::start(api).await.expect("starts");
    let send = |body: &'static str| {
        http()
            .post(server.url("/notes"))
            .header("Idempotency-Key", "K")
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    assert_eq!(
        send(r#"{"text": "a"}"#).await.expect("answered").status(),
        201
    );
    let resp = send(r#"{"text": "b"}"#).await.expect("answered");
    assert_eq!(resp.status(), 422);
    let body = json_of(resp).await;
    assert_eq!(body["code"], "idempotency_key_reused");
    assert_eq!(body["message"], "Use a new key for a new request.");
    assert_eq!(server.objects("/notes").len(), 1);
}
