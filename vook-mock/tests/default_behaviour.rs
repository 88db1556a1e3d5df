//! The default, spec-driven behaviour over real sockets.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::time::Duration;

use common::*;
use serde_json::{Value, json};
use vook_mock::{Answer, MockServer, StartError};

fn is_rfc3339(s: &str) -> bool {
    s.len() == 20
        && s.as_bytes()[10] == b'T'
        && s.ends_with('Z')
        && s[..4].parse::<u32>().is_ok_and(|y| y >= 2024)
}

#[tokio::test]
async fn crud_round_trip_with_cursor_pages() {
    let server = vook_server().await;
    let mut ids = Vec::new();
    for i in 0..5 {
        let resp = post(
            &server,
            "/items",
            &json!({"name": format!("item {i}"), "tags": ["t"]}),
        )
        .await;
        assert_eq!(resp.status(), 201);
        assert_eq!(resp.headers()["content-type"], "application/json");
        let item = json_of(resp).await["data"].clone();
        let id = item["id"].as_str().expect("string id").to_owned();
        assert!(id.starts_with("itm_"), "{id}");
        assert_eq!(item["name"], format!("item {i}"));
        assert_eq!(item["kind"], "document", "enum fields get the first value");
        assert_eq!(item["tags"], json!(["t"]));
        assert!(
            item.get("note").is_none(),
            "optional fields the body lacks are omitted"
        );
        assert!(
            is_rfc3339(item["created_at"].as_str().expect("created_at")),
            "{item}"
        );
        assert_eq!(item["created_at"], item["updated_at"]);
        ids.push(id);
    }
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(unique.len(), 5);

    // get
    let resp = get(&server, &format!("/items/{}", ids[2])).await;
    assert_eq!(resp.status(), 200);
    let got = json_of(resp).await["data"].clone();
    assert_eq!(got["id"], ids[2].as_str());
    assert_eq!(got["name"], "item 2");

    // list, newest first, 2 per page
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &cursor {
            Some(c) => format!("/items?limit=2&cursor={c}"),
            None => "/items?limit=2".to_owned(),
        };
        let resp = get(&server, &path).await;
        assert_eq!(resp.status(), 200);
        let page = json_of(resp).await["data"].clone();
        pages += 1;
        let items = page["items"].as_array().expect("items").clone();
        assert!(items.len() <= 2);
        seen.extend(
            items
                .iter()
                .map(|i| i["id"].as_str().expect("id").to_owned()),
        );
        match page.get("next_cursor") {
            Some(c) => cursor = Some(c.as_str().expect("string cursor").to_owned()),
            None => break,
        }
        assert!(pages < 10, "pagination does not terminate");
    }
    assert_eq!(pages, 3);
    let mut newest_first = ids.clone();
    newest_first.reverse();
    assert_eq!(seen, newest_first);

    // patch
    let resp = http()
        .patch(server.url(&format!("/items/{}", ids[0])))
        .bearer_auth(server.api_key())
        .json(&json!({"name": "renamed", "note": null, "tags": ["a", "b"]}))
        .send()
        .await
        .expect("PATCH answered");
    assert_eq!(resp.status(), 200);
    let patched = json_of(resp).await["data"].clone();
    assert_eq!(patched["name"], "renamed");
    assert_eq!(patched["tags"], json!(["a", "b"]));
    assert_eq!(patched["id"], ids[0].as_str());
    assert_eq!(patched["kind"], "document");
    let stored = server.objects("/items");
    assert_eq!(
        stored
            .iter()
            .find(|o| o["id"] == ids[0].as_str())
            .expect("stored")["name"],
        "renamed"
    );

    // delete, then 404
    let resp = http()
        .delete(server.url(&format!("/items/{}", ids[0])))
        .bearer_auth(server.api_key())
        .send()
        .await
        .expect("DELETE");
    assert_eq!(resp.status(), 204);
    assert!(resp.bytes().await.expect("body").is_empty());
    assert_eq!(server.objects("/items").len(), 4);
    for path in [format!("/items/{}", ids[0]), "/items/itm_nope".to_owned()] {
        let resp = get(&server, &path).await;
        assert_eq!(resp.status(), 404);
        let header_id = resp.headers()["x-request-id"]
            .to_str()
            .expect("ascii")
            .to_owned();
        let err = json_of(resp).await["error"].clone();
        assert_eq!(err["code"], "not_found");
        assert_eq!(err["message"], "The requested resource could not be found.");
        assert_eq!(err["request_id"], header_id.as_str());
    }
    let resp = http()
        .delete(server.url(&format!("/items/{}", ids[0])))
        .bearer_auth(server.api_key())
        .send()
        .await
        .expect("DELETE");
    assert_eq!(resp.status(), 404);
}

#[tokio::test]
async fn auth_is_required_exactly() {
    let server = MockServer::builder(vook_api())
        .api_key("sk_live_42")
        .start()
        .await
        .expect("start");
    assert_eq!(server.api_key(), "sk_live_42");
    let url = server.url("/items");
    let cases: [(Option<&str>, u16); 6] = [
        (None, 401),
        (Some("Bearer test-key"), 401),
        (Some("Bearer  sk_live_42"), 401),
        (Some("Basic sk_live_42"), 401),
        (Some("Bearer sk_live_42"), 200),
        (Some("bearer sk_live_42"), 200),
    ];
    for (auth, status) in cases {
        let mut req = http().get(&url);
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        let resp = req.send().await.expect("answered");
        assert_eq!(resp.status(), status, "{auth:?}");
        if status == 401 {
            assert_eq!(resp.headers()["www-authenticate"], "Bearer");
            let err = json_of(resp).await["error"].clone();
            assert_eq!(err["code"], "invalid_api_key");
            assert_eq!(
                err["message"],
                "The API key provided is invalid or has been revoked."
            );
        }
    }
}

#[tokio::test]
async fn validation_lists_every_problem() {
    let server = vook_server().await;
    let resp = post(
        &server,
        "/items",
        &json!({"kind": "video", "tags": "x", "metadata": {"a": 1}, "extra": true}),
    )
    .await;
    assert_eq!(resp.status(), 422);
    let err = json_of(resp).await["error"].clone();
    assert_eq!(err["code"], "validation_error");
    assert_eq!(err["message"], "The request body contains invalid fields.");
    let details: Vec<(String, String)> = err["details"]
        .as_array()
        .expect("details")
        .iter()
        .map(|d| {
            (
                d["field"].as_str().expect("field").into(),
                d["issue"].as_str().expect("issue").into(),
            )
        })
        .collect();
    let expect = [
        ("name", "required field is missing"),
        ("kind", "must be one of: document, image"),
        ("tags", "must be an array of strings"),
        ("metadata.a", "must be a string"),
        ("extra", "unknown field"),
    ];
    for (field, issue) in expect {
        assert!(
            details.contains(&(field.to_owned(), issue.to_owned())),
            "{field}: {issue} not in {details:?}"
        );
    }
    assert_eq!(details.len(), expect.len(), "{details:?}");
    assert!(
        server.objects("/items").is_empty(),
        "invalid bodies are not stored"
    );

    let resp = post(
        &server,
        "/items",
        &json!({"name": "a", "tags": ["ok", 2], "note": null}),
    )
    .await;
    let err = json_of(resp).await["error"].clone();
    assert_eq!(
        err["details"],
        json!([{"field": "tags[1]", "issue": "must be a string"}])
    );

    let resp = post(&server, "/items", &json!({"name": null})).await;
    let err = json_of(resp).await["error"].clone();
    assert_eq!(
        err["details"],
        json!([{"field": "name", "issue": "must be a string, not null"}])
    );

    for body in ["{\"name\": ", "", "[1]"] {
        let resp = http()
            .post(server.url("/items"))
            .bearer_auth(server.api_key())
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("answered");
        assert_eq!(resp.status(), 422, "{body:?}");
        let err = json_of(resp).await["error"].clone();
        assert_eq!(err["details"][0]["field"], "body", "{body:?}: {err}");
    }

    for (query, field) in [
        ("limit=abc", "limit"),
        ("limit=0", "limit"),
        ("cursor=bogus", "cursor"),
    ] {
        let resp = get(&server, &format!("/items?{query}")).await;
        assert_eq!(resp.status(), 422, "{query}");
        let err = json_of(resp).await["error"].clone();
        assert_eq!(err["details"][0]["field"], field, "{query}: {err}");
    }
}

#[tokio::test]
async fn every_response_has_request_id_and_rate_limit_headers() {
    let server = vook_server().await;
    let mut last_id = 0u64;
    let mut last_remaining = u64::MAX;
    for path in ["/items", "/items/nope", "/nowhere", "/items"] {
        let resp = get(&server, path).await;
        let h = resp.headers();
        let id = h["x-request-id"].to_str().expect("ascii");
        let n: u64 = id
            .strip_prefix("req_")
            .expect("req_ prefix")
            .parse()
            .expect("number");
        assert!(n > last_id, "{id} after req_{last_id}");
        last_id = n;
        assert_eq!(h["x-ratelimit-limit"], "1000");
        let remaining: u64 = h["x-ratelimit-remaining"]
            .to_str()
            .expect("ascii")
            .parse()
            .expect("number");
        assert!(remaining < last_remaining);
        last_remaining = remaining;
        let reset: u64 = h["x-ratelimit-reset"]
            .to_str()
            .expect("ascii")
            .parse()
            .expect("number");
        let now = now_unix();
        assert!(
            reset > now.saturating_sub(1) && reset <= now + 61,
            "reset {reset} now {now}"
        );
    }
    // A small quota counts down to 0 and is reported, not enforced.
    let server = MockServer::builder(vook_api())
        .rate_limit(2, Duration::from_secs(3600))
        .start()
        .await
        .expect("start");
    let remaining: Vec<String> = {
        let mut v = Vec::new();
        for _ in 0..3 {
            let resp = get(&server, "/items").await;
            assert_eq!(resp.status(), 200);
            v.push(
                resp.headers()["x-ratelimit-remaining"]
                    .to_str()
                    .expect("ascii")
                    .to_owned(),
            );
        }
        v
    };
    assert_eq!(remaining, ["1", "0", "0"]);
}

#[tokio::test]
async fn idempotency_key_replays_the_first_response() {
    let server = vook_server().await;
    let send = |key: &'static str, body: Value| {
        http()
            .post(server.url("/items"))
            .bearer_auth(server.api_key())
            .header("Idempotency-Key", key)
            .json(&body)
            .send()
    };
    let first = send("k-1", json!({"name": "once"}))
        .await
        .expect("answered");
    assert_eq!(first.status(), 201);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first_body = first.bytes().await.expect("body");
    let again = send("k-1", json!({"name": "once"}))
        .await
        .expect("answered");
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(again.bytes().await.expect("body"), first_body);
    assert_eq!(server.objects("/items").len(), 1);

    // Another key executes.
    assert_eq!(
        send("k-2", json!({"name": "twice"}))
            .await
            .expect("answered")
            .status(),
        201
    );
    assert_eq!(server.objects("/items").len(), 2);

    // Errors are not stored: the corrected retry with the same key executes.
    assert_eq!(
        send("k-3", json!({"nom": "typo"}))
            .await
            .expect("answered")
            .status(),
        422
    );
    assert_eq!(
        send("k-3", json!({"name": "fixed"}))
            .await
            .expect("answered")
            .status(),
        201
    );
    assert_eq!(server.objects("/items").len(), 3);

    // Without a key, every POST executes.
    for _ in 0..2 {
        assert_eq!(
            post(&server, "/items", &json!({"name": "unkeyed"}))
                .await
                .status(),
            201
        );
    }
    assert_eq!(server.objects("/items").len(), 5);

    let answers: Vec<Answer> = server
        .requests_for("create_item")
        .into_iter()
        .map(|r| r.answer)
        .collect();
    assert_eq!(
        answers
            .iter()
            .filter(|a| **a == Answer::IdempotentReplay)
            .count(),
        1
    );
}

#[tokio::test]
async fn records_every_request() {
    let server = vook_server().await;
    post(&server, "/items?dry=1", &json!({"name": "rec"})).await;
    get(&server, "/nowhere?x=%20y").await;
    let resp = http()
        .get(server.url("/items"))
        .send()
        .await
        .expect("answered");
    assert_eq!(resp.status(), 401);

    let all = server.requests();
    assert_eq!(all.len(), 3);
    let r = &all[0];
    assert_eq!(r.seq, 1);
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/items");
    assert_eq!(r.query.as_deref(), Some("dry=1"));
    assert_eq!(r.query_param("dry").as_deref(), Some("1"));
    assert_eq!(r.operation.as_deref(), Some("create_item"));
    assert_eq!(r.header("Authorization"), Some("Bearer test-key"));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.body_json(), Some(json!({"name": "rec"})));
    assert_eq!(r.request_id, "req_1");
    assert_eq!(r.answer, Answer::Default);
    assert_eq!(r.status, Some(201));
    assert_eq!(r.error_code, None);
    assert!(r.received_at <= std::time::SystemTime::now());
    assert_eq!(
        r.to_string(),
        "req_1 POST /items?dry=1 -> 201 (create_item)"
    );
    let debug = format!("{r:?}");
    assert!(!debug.contains("test-key"), "{debug}");
    assert!(debug.contains("<redacted>"), "{debug}");

    assert_eq!(all[1].operation, None);
    assert_eq!(all[1].query_param("x").as_deref(), Some(" y"));
    assert_eq!(all[1].status, Some(404));
    assert_eq!(all[1].error_code.as_deref(), Some("route_not_found"));
    assert_eq!(all[2].operation.as_deref(), Some("list_items"));
    assert_eq!(all[2].error_code.as_deref(), Some("invalid_api_key"));
    assert_eq!(
        all[2].to_string(),
        "req_3 GET /items -> 401 invalid_api_key (list_items)"
    );

    assert_eq!(server.requests_for("list_items").len(), 1);
    assert_eq!(server.requests_for("get_item").len(), 0);
    server.clear_requests();
    assert!(server.requests().is_empty());
    get(&server, "/items").await;
    assert_eq!(server.requests().len(), 1);
    assert_eq!(
        server.requests()[0].seq,
        4,
        "sequence numbers keep counting"
    );
}

#[tokio::test]
async fn routing_errors() {
    let server = vook_server().await;
    let resp = get(&server, "/nowhere").await;
    assert_eq!(resp.status(), 404);
    let err = json_of(resp).await["error"].clone();
    assert_eq!(err["code"], "route_not_found");
    assert!(
        err["message"]
            .as_str()
            .expect("message")
            .contains("/nowhere")
    );

    let resp = http()
        .put(server.url("/items"))
        .bearer_auth(server.api_key())
        .send()
        .await
        .expect("answered");
    assert_eq!(resp.status(), 405);
    let allow = resp.headers()["allow"].to_str().expect("ascii").to_owned();
    assert!(allow.contains("GET") && allow.contains("POST"), "{allow}");
    assert_eq!(json_of(resp).await["error"]["code"], "method_not_allowed");

    // A trailing slash is tolerated.
    assert_eq!(get(&server, "/items/").await.status(), 200);
}

#[tokio::test]
async fn oversized_bodies_get_413() {
    let server = MockServer::builder(vook_api())
        .max_body_bytes(64)
        .start()
        .await
        .expect("start");
    let big = json!({"name": "x".repeat(200)});
    let resp = post(&server, "/items", &big).await;
    assert_eq!(resp.status(), 413);
    assert_eq!(json_of(resp).await["error"]["code"], "payload_too_large");
    assert!(server.objects("/items").is_empty());
    let rec = &server.requests()[0];
    assert_eq!(rec.status, Some(413));
    assert!(rec.body.is_empty());
    // A chunked body (no Content-Length) is capped too.
    let chunked = "POST /items HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test-key\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n64\r\n".to_owned()
        + &"x".repeat(100)
        + "\r\n0\r\n\r\n";
    let bytes = raw(server.addr(), &chunked).await.expect("answered");
    assert!(
        bytes.starts_with(b"HTTP/1.1 413"),
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    assert_eq!(
        post(&server, "/items", &json!({"name": "ok"}))
            .await
            .status(),
        201
    );
}

#[tokio::test]
async fn serves_any_spec() {
    let server = MockServer::start(shop_api()).await.expect("start");
    // No auth in this spec, bare bodies, integer ids.
    let resp = http()
        .post(server.url("/orders"))
        .json(&json!({"sku": "A-1", "qty": 3}))
        .send()
        .await
        .expect("answered");
    assert_eq!(resp.status(), 201);
    let order = json_of(resp).await;
    let id = order["id"].as_i64().expect("integer id");
    assert_eq!(order["sku"], "A-1");
    assert_eq!(order["qty"], 3);
    assert_eq!(order["status"], "pending");
    assert!(is_rfc3339(order["placed_at"].as_str().expect("datetime")));
    assert!(order.get("note").is_none());
    assert!(order.get("data").is_none());

    let resp = http()
        .get(server.url(&format!("/orders/{id}")))
        .send()
        .await
        .expect("answered");
    assert_eq!(resp.status(), 200);
    assert_eq!(json_of(resp).await, order);

    let resp = http()
        .get(server.url("/orders/999"))
        .send()
        .await
        .expect("answered");
    assert_eq!(resp.status(), 404);
    let err = json_of(resp).await;
    assert_eq!(err["code"], "missing");
    assert_eq!(
        err["message"], "No such thing.",
        "the summary when there is no message"
    );
    assert!(err["request_id"].is_string());
    assert!(err.get("error").is_none());

    // PUT replaces, keeping id and the generated fields' rules.
    let resp = http()
        .put(server.url(&format!("/orders/{id}")))
        .json(&json!({"sku": "B-2", "qty": 1}))
        .send()
        .await
        .expect("answered");
    assert_eq!(resp.status(), 200);
    let replaced = json_of(resp).await;
    assert_eq!(replaced["id"], id);
    assert_eq!(replaced["sku"], "B-2");
    assert_eq!(replaced["qty"], 1);
    assert_eq!(replaced["status"], "pending");

    // A list with other field names: page_size/after, has_more, total, next.
    for i in 0..2 {
        let resp = http()
            .post(server.url("/orders"))
            .json(&json!({"sku": format!("C-{i}"), "qty": 1}))
            .send()
            .await
            .expect("answered");
        assert_eq!(resp.status(), 201);
    }
    let page = json_of(
        http()
            .get(server.url("/orders?page_size=2"))
            .send()
            .await
            .expect("answered"),
    )
    .await;
    assert_eq!(page["orders"].as_array().map(Vec::len), Some(2));
    assert_eq!(page["orders"][0]["sku"], "C-1", "newest first");
    assert_eq!(page["has_more"], true);
    assert_eq!(page["total"], 3);
    let next = page["next"].as_str().expect("a next cursor").to_owned();
    let page = json_of(
        http()
            .get(server.url(&format!("/orders?page_size=2&after={next}")))
            .send()
            .await
            .expect("answered"),
    )
    .await;
    assert_eq!(page["orders"].as_array().map(Vec::len), Some(1));
    assert_eq!(page["orders"][0]["sku"], "B-2");
    assert_eq!(page["has_more"], false);
    assert!(page.get("next").is_none());

    // DELETE with a struct response returns the removed object.
    let resp = http()
        .delete(server.url(&format!("/orders/{id}")))
        .send()
        .await
        .expect("answered");
    assert_eq!(resp.status(), 200);
    assert_eq!(json_of(resp).await, replaced);
    let resp = http()
        .put(server.url(&format!("/orders/{id}")))
        .json(&json!({"sku": "B-2", "qty": 1}))
        .send()
        .await
        .expect("answered");
    assert_eq!(resp.status(), 404);
    assert_eq!(server.objects("/orders").len(), 2);

    // No details code: malformed JSON and a body that is not of the type are 400 with
    // the endpoint's 400 code (without details: the code has none); the store is untouched.
    for body in [
        "{",
        "[null, null]",
        "{}",
        r#"{"sku": "A-1"}"#,
        r#"{"sku": 1, "qty": 1}"#,
        r#"{"sku": "A-1", "qty": 1.5}"#,
        r#"{"sku": null, "qty": 1}"#,
        r#"{"sku": "A-1", "qty": 1, "extra": true}"#,
    ] {
        let resp = http()
            .post(server.url("/orders"))
            .body(body)
            .send()
            .await
            .expect("answered");
        assert_eq!(resp.status(), 400, "{body}");
        let err = json_of(resp).await;
        assert_eq!(err["code"], "bad_input", "{body}");
        assert!(err.get("details").is_none(), "{body}: {err}");
    }
    // An endpoint that lists no 400 or 422 code: the spec's 400 code.
    let resp = http()
        .put(server.url(&format!("/orders/{id}")))
        .json(&json!({"sku": "B-2"}))
        .send()
        .await
        .expect("answered");
    assert_eq!(resp.status(), 400);
    assert_eq!(json_of(resp).await["code"], "bad_input");
    assert_eq!(server.objects("/orders").len(), 2);

    // Any other endpoint: a deterministic example, recursion bounded.
    let a = json_of(
        http()
            .get(server.url("/stats"))
            .send()
            .await
            .expect("answered"),
    )
    .await;
    let b = json_of(
        http()
            .get(server.url("/stats"))
            .send()
            .await
            .expect("answered"),
    )
    .await;
    assert_eq!(a, b);
    assert_eq!(a["count"], 1);
    assert_eq!(a["ratio"], 1.5);
    assert_eq!(a["ok"], true);
    assert_eq!(a["labels"], json!({"key": "example"}));
    assert!(a.get("hint").is_none());
    let mut depth = 0;
    let mut node = &a["tree"];
    while let Some(child) = node["children"].as_array().and_then(|c| c.first()) {
        assert_eq!(node["name"], "example");
        node = child;
        depth += 1;
    }
    assert!((2..10).contains(&depth), "depth {depth}");
}

/// Which code answers a request that is not valid, on endpoints without a
/// `details: true` code: one of theirs with 422, else with 400, else `invalid_request`.
const CODES_SPEC: &str = r#"
vook: 1
api: { name: codes, base_url: 'https://codes.example', envelope: { data: null, error: null } }
errors:
  refused: { status: 422, summary: Refused. }
  taken: { status: 409, summary: Taken. }
types:
  Pet: { fields: { name: string, age: integer? } }
endpoints:
  adopt: { method: POST, path: /adopt, body: Pet, response: Pet, errors: [taken, refused] }
  rename: { method: PUT, path: '/pets/{id}', path_params: { id: string }, body: Pet, response: Pet, errors: [taken] }
  count: { method: GET, path: /count, query: { min: integer?, ids: "[integer]?" }, response: Pet }
"#;

#[tokio::test]
async fn invalid_requests_get_the_endpoints_own_code() {
    let api = vook_schema::load_str("codes.yaml", CODES_SPEC).expect("valid spec");
    let server = MockServer::start(api).await.expect("start");
    let send = |req: reqwest::RequestBuilder| async move {
        let resp = req.send().await.expect("answered");
        (resp.status().as_u16(), json_of(resp).await)
    };
    let (status, err) = send(
        http()
            .post(server.url("/adopt"))
            .json(&json!({"age": null})),
    )
    .await;
    assert_eq!((status, &err["code"]), (422, &json!("refused")), "{err}");
    assert!(err.get("details").is_none(), "{err}");
    let (status, err) = send(
        http()
            .post(server.url("/adopt"))
            .json(&json!({"name": "Rex", "age": 2.0})),
    )
    .await;
    assert_eq!(
        status, 200,
        "a number without a fraction is an integer: {err}"
    );
    let (status, err) = send(
        http()
            .post(server.url("/adopt"))
            .json(&json!({"name": "Rex", "age": 2.5})),
    )
    .await;
    assert_eq!((status, &err["code"]), (422, &json!("refused")), "{err}");
    // Past 64 bits, however it is written.
    let (status, err) = send(
        http()
            .post(server.url("/adopt"))
            .header("content-type", "application/json")
            .body(r#"{"name": "Rex", "age": -9223372036854775809}"#),
    )
    .await;
    assert_eq!((status, &err["code"]), (422, &json!("refused")), "{err}");

    // No 422 or 400 code anywhere: 400 invalid_request, with every problem listed.
    let (status, err) = send(
        http()
            .put(server.url("/pets/p1"))
            .json(&json!({"name": 7, "colour": "red"})),
    )
    .await;
    assert_eq!(
        (status, &err["code"]),
        (400, &json!("invalid_request")),
        "{err}"
    );
    assert_eq!(
        err["details"],
        json!([
            {"field": "name", "issue": "must be a string"},
            {"field": "colour", "issue": "unknown field"},
        ])
    );
    let (status, err) = send(http().get(server.url("/count?min=x"))).await;
    assert_eq!(
        (status, &err["code"]),
        (400, &json!("invalid_request")),
        "{err}"
    );
    assert_eq!(err["details"][0]["field"], "min");
    // A list parameter: every occurrence is an item.
    let (status, err) = send(http().get(server.url("/count?ids=1&ids=2"))).await;
    assert_eq!(status, 200, "{err}");
    let (status, err) = send(http().get(server.url("/count?ids=1&ids=99999999999999999999"))).await;
    assert_eq!(
        (status, &err["details"][0]["field"]),
        (400, &json!("ids")),
        "{err}"
    );
}

#[test]
fn handles_are_cheap_shared_values() {
    fn check<T: Clone + Send + Sync + std::fmt::Debug + 'static>() {}
    check::<MockServer>();
    check::<vook_mock::Fault>();
    check::<vook_mock::RecordedRequest>();
}

#[tokio::test]
async fn debug_does_not_show_the_key() {
    let server = MockServer::builder(vook_api())
        .api_key("sk_secret_9")
        .start()
        .await
        .expect("start");
    let debug = format!("{server:?}");
    assert!(
        !debug.contains("sk_secret_9") && debug.contains(&server.base_url()),
        "{debug}"
    );
}

#[tokio::test]
async fn from_spec_path_and_shutdown() {
    let err = MockServer::from_spec_path("/definitely/not/here.yaml")
        .await
        .expect_err("no such spec");
    assert!(matches!(err, StartError::Spec(_)));
    assert!(err.to_string().contains("cannot read spec"), "{err}");

    let server = MockServer::from_spec_path(VOOK_SPEC).await.expect("start");
    let base = server.base_url();
    assert!(
        base.starts_with("http://127.0.0.1:") && !base.ends_with('/'),
        "{base}"
    );
    assert_eq!(get(&server, "/items").await.status(), 200);
    let addr = server.addr();
    let clone = server.clone();
    drop(server);
    // A clone keeps it alive.
    assert_eq!(get(&clone, "/items").await.status(), 200);
    clone.shutdown().await;
    clone.shutdown().await;
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "listener closed"
    );

    // Dropping the last handle stops it too.
    let server = vook_server().await;
    let addr = server.addr();
    drop(server);
    let mut refused = false;
    for _ in 0..50 {
        if tokio::net::TcpStream::connect(addr).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(refused, "listener still open after the last handle dropped");
}
