//! Scripted faults over real sockets.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::io::ErrorKind;
use std::time::{Duration, Instant, SystemTime};

use common::*;
use serde_json::{Value, json};
use vook_mock::{Answer, Fault, FaultKind};

fn header(resp: &reqwest::Response, name: &str) -> Option<String> {
    resp.headers()
        .get(name)
        .map(|v| v.to_str().expect("ascii").to_owned())
}

#[tokio::test]
async fn error_faults_are_consumed_in_order() {
    let server = vook_server().await;
    server.script(
        "create_item",
        [
            Fault::error("internal_error"),
            Fault::pass(),
            Fault::error("validation_error"),
        ],
    );
    assert_eq!(server.pending_faults("create_item"), 3);
    let body = json!({"name": "n"});

    let resp = post(&server, "/items", &body).await;
    assert_eq!(resp.status(), 500);
    let id_header = header(&resp, "x-request-id").expect("request id");
    let err = json_of(resp).await["error"].clone();
    assert_eq!(err["code"], "internal_error");
    assert_eq!(
        err["message"],
        "An unexpected error occurred. Please try again or contact support."
    );
    assert_eq!(err["request_id"], id_header.as_str());
    assert!(err.get("details").is_none());
    assert!(
        server.objects("/items").is_empty(),
        "a fault does not execute"
    );

    assert_eq!(
        post(&server, "/items", &body).await.status(),
        201,
        "pass: default behaviour"
    );

    let resp = post(&server, "/items", &body).await;
    assert_eq!(resp.status(), 422);
    assert_eq!(
        json_of(resp).await["error"]["details"],
        json!([]),
        "details: true codes carry a details array"
    );

    assert_eq!(server.pending_faults("create_item"), 0);
    assert_eq!(
        post(&server, "/items", &body).await.status(),
        201,
        "queue empty: default"
    );
    assert_eq!(server.objects("/items").len(), 2);
    // Other operations were never affected.
    assert_eq!(get(&server, "/items").await.status(), 200);

    let kinds: Vec<Option<FaultKind>> = server
        .requests_for("create_item")
        .iter()
        .map(|r| r.answer.fault_kind())
        .collect();
    assert_eq!(
        kinds,
        [
            Some(FaultKind::Error),
            Some(FaultKind::Pass),
            Some(FaultKind::Error),
            None
        ]
    );
    let codes: Vec<Option<String>> = server
        .requests_for("create_item")
        .into_iter()
        .map(|r| r.error_code)
        .collect();
    assert_eq!(
        codes,
        [
            Some("internal_error".into()),
            None,
            Some("validation_error".into()),
            None
        ]
    );
}

#[tokio::test]
async fn a_retried_post_with_its_key_creates_once() {
    let server = vook_server().await;
    server.script("create_item", [Fault::error("internal_error")]);
    let send = || {
        http()
            .post(server.url("/items"))
            .bearer_auth(server.api_key())
            .header("Idempotency-Key", "retry-1")
            .json(&json!({"name": "once"}))
            .send()
    };
    assert_eq!(send().await.expect("answered").status(), 500);
    assert_eq!(send().await.expect("answered").status(), 201);
    let third = send().await.expect("answered");
    assert_eq!(third.status(), 201);
    assert_eq!(
        header(&third, "idempotent-replayed").as_deref(),
        Some("true")
    );
    assert_eq!(server.objects("/items").len(), 1);
    let keys: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.idempotency_key().expect("key").to_owned())
        .collect();
    assert_eq!(keys, ["retry-1"; 3]);
}

#[tokio::test]
async fn error_fault_modifiers() {
    let server = vook_server().await;
    server.script(
        "get_item",
        [
            Fault::error("validation_error").details([
                ("name", "required field is missing"),
                ("tags", "must be an array of strings"),
            ]),
            Fault::error("internal_error")
                .without_request_id_in_body()
                .message("custom"),
            Fault::error("quota_exceeded"),
            Fault::error("quota_exceeded").with_status(402),
            Fault::error("not_found")
                .with_status(410)
                .header("X-Extra", "1"),
        ],
    );
    let resp = get(&server, "/items/a").await;
    assert_eq!(resp.status(), 422);
    assert_eq!(
        json_of(resp).await["error"]["details"],
        json!([{"field": "name", "issue": "required field is missing"}, {"field": "tags", "issue": "must be an array of strings"}])
    );

    let resp = get(&server, "/items/a").await;
    assert_eq!(resp.status(), 500);
    assert!(
        header(&resp, "x-request-id").is_some(),
        "the header still carries the id"
    );
    let err = json_of(resp).await["error"].clone();
    assert!(err.get("request_id").is_none(), "{err}");
    assert_eq!(err["message"], "custom");

    let resp = get(&server, "/items/a").await;
    assert_eq!(resp.status(), 500, "unknown codes default to 500");
    assert_eq!(json_of(resp).await["error"]["code"], "quota_exceeded");
    assert_eq!(get(&server, "/items/a").await.status(), 402);

    let resp = get(&server, "/items/a").await;
    assert_eq!(resp.status(), 410);
    assert_eq!(header(&resp, "x-extra").as_deref(), Some("1"));
    assert_eq!(json_of(resp).await["error"]["code"], "not_found");
}

#[tokio::test]
async fn retry_after_forms_and_rate_limit_overrides() {
    let server = vook_server().await;
    let at = SystemTime::now() + Duration::from_secs(90);
    server.script(
        "list_items",
        [
            Fault::error("rate_limit_exceeded").retry_after_secs(2),
            Fault::error("rate_limit_exceeded").retry_after_in(Duration::from_secs(30)),
            Fault::error("rate_limit_exceeded").retry_after_date(at),
            Fault::error("rate_limit_exceeded").retry_after_raw("-5"),
            Fault::error("rate_limit_exceeded").retry_after_raw("soon, maybe"),
            Fault::error("rate_limit_exceeded"),
            Fault::error("rate_limit_exceeded")
                .retry_after_secs(1)
                .rate_limit_limit(50)
                .rate_limit_remaining(7)
                .rate_limit_reset_in(Duration::from_secs(10)),
            Fault::error("rate_limit_exceeded").rate_limit_reset_at(1_730_462_400),
            Fault::error("rate_limit_exceeded")
                .retry_after_secs(3)
                .without_rate_limit_headers(),
            Fault::pass()
                .rate_limit_remaining(0)
                .header("X-RateLimit-Reset", "garbage"),
        ],
    );
    let now = now_unix();
    let near = |v: Option<String>, want: u64| {
        let got: u64 = v.expect("header").parse().expect("number");
        assert!(got.abs_diff(want) <= 2, "{got} vs {want}");
    };

    let r = get(&server, "/items").await;
    assert_eq!(r.status(), 429);
    assert_eq!(header(&r, "retry-after").as_deref(), Some("2"));
    assert_eq!(header(&r, "x-ratelimit-remaining").as_deref(), Some("0"));
    assert_eq!(header(&r, "x-ratelimit-limit").as_deref(), Some("1000"));
    near(header(&r, "x-ratelimit-reset"), now + 2);
    assert_eq!(json_of(r).await["error"]["code"], "rate_limit_exceeded");

    let r = get(&server, "/items").await;
    let date = httpdate::parse_http_date(&header(&r, "retry-after").expect("retry-after"))
        .expect("an HTTP-date");
    let secs = date
        .duration_since(SystemTime::UNIX_EPOCH)
        .expect("after epoch")
        .as_secs();
    assert!(secs.abs_diff(now + 30) <= 2, "{secs} vs {}", now + 30);
    near(header(&r, "x-ratelimit-reset"), now + 30);

    let r = get(&server, "/items").await;
    assert_eq!(header(&r, "retry-after"), Some(httpdate::fmt_http_date(at)));

    let r = get(&server, "/items").await;
    assert_eq!(header(&r, "retry-after").as_deref(), Some("-5"));
    assert_eq!(header(&r, "x-ratelimit-remaining").as_deref(), Some("0"));
    assert_eq!(
        header(&r, "x-ratelimit-reset"),
        None,
        "no usable Retry-After: no reset"
    );

    let r = get(&server, "/items").await;
    assert_eq!(header(&r, "retry-after").as_deref(), Some("soon, maybe"));

    let r = get(&server, "/items").await;
    assert_eq!(header(&r, "retry-after"), None);
    assert_eq!(header(&r, "x-ratelimit-reset"), None);
    assert_eq!(header(&r, "x-ratelimit-remaining").as_deref(), Some("0"));

    let r = get(&server, "/items").await;
    assert_eq!(header(&r, "x-ratelimit-limit").as_deref(), Some("50"));
    assert_eq!(header(&r, "x-ratelimit-remaining").as_deref(), Some("7"));
    near(header(&r, "x-ratelimit-reset"), now + 10);

    let r = get(&server, "/items").await;
    assert_eq!(
        header(&r, "x-ratelimit-reset").as_deref(),
        Some("1730462400")
    );

    let r = get(&server, "/items").await;
    assert_eq!(header(&r, "retry-after").as_deref(), Some("3"));
    assert!(
        header(&r, "x-ratelimit-limit").is_none() && header(&r, "x-ratelimit-remaining").is_none()
    );

    let r = get(&server, "/items").await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, "x-ratelimit-remaining").as_deref(), Some("0"));
    assert_eq!(header(&r, "x-ratelimit-reset").as_deref(), Some("garbage"));
    assert!(json_of(r).await["data"]["items"].is_array());
}

#[tokio::test]
async fn retry_after_ms_is_sent_beside_retry_after() {
    let server = vook_server().await;
    server.script(
        "list_items",
        [
            Fault::error("rate_limit_exceeded")
                .retry_after_secs(5)
                .retry_after_ms(300),
            Fault::error("rate_limit_exceeded").retry_after_ms_raw("-300"),
            Fault::status(503).retry_after_ms(1500),
        ],
    );
    let r = get(&server, "/items").await;
    assert_eq!(r.status(), 429);
    assert_eq!(header(&r, "retry-after").as_deref(), Some("5"));
    assert_eq!(header(&r, "retry-after-ms").as_deref(), Some("300"));
    let r = get(&server, "/items").await;
    assert_eq!(header(&r, "retry-after-ms").as_deref(), Some("-300"));
    assert_eq!(header(&r, "retry-after"), None);
    let r = get(&server, "/items").await;
    assert_eq!(r.status(), 503);
    assert_eq!(header(&r, "retry-after-ms").as_deref(), Some("1500"));
    // Without the modifier, no such header.
    let r = get(&server, "/items").await;
    assert_eq!(header(&r, "retry-after-ms"), None);
}

#[tokio::test]
async fn raw_status_with_an_html_body() {
    let server = vook_server().await;
    server.script(
        "get_item",
        [
            Fault::status(502).html("<html>bad gateway</html>"),
            Fault::status(503)
                .text("down")
                .without_request_id_header()
                .without_rate_limit_headers(),
            Fault::status(500),
            Fault::status(418)
                .json(&json!({"teapot": true}))
                .with_status(200),
        ],
    );
    let r = get(&server, "/items/x").await;
    assert_eq!(r.status(), 502);
    assert_eq!(
        header(&r, "content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(header(&r, "x-request-id").is_some());
    assert_eq!(r.text().await.expect("text"), "<html>bad gateway</html>");

    let r = get(&server, "/items/x").await;
    assert_eq!(r.status(), 503);
    assert!(header(&r, "x-request-id").is_none() && header(&r, "x-ratelimit-limit").is_none());
    assert_eq!(r.text().await.expect("text"), "down");

    let r = get(&server, "/items/x").await;
    assert_eq!(r.status(), 500);
    assert_eq!(header(&r, "content-type"), None);
    assert!(r.bytes().await.expect("body").is_empty());

    let r = get(&server, "/items/x").await;
    assert_eq!(r.status(), 200);
    assert_eq!(json_of(r).await, json!({"teapot": true}));
}

#[tokio::test]
async fn truncated_json_is_complete_http_with_broken_json() {
    let server = vook_server().await;
    server.script(
        "create_item",
        [
            Fault::truncated_json(),
            Fault::truncated_json().with_status(500),
        ],
    );
    let bytes = raw(server.addr(), &raw_create("{\"name\":\"t\"}"))
        .await
        .expect("answered");
    let (head, body) = split_response(&bytes);
    assert!(head.starts_with("HTTP/1.1 201"), "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains(&format!("content-length: {}", body.len())),
        "{head}"
    );
    assert!(
        body.starts_with(b"{\"data\":"),
        "{}",
        String::from_utf8_lossy(&body)
    );
    assert!(serde_json::from_slice::<Value>(&body).is_err());

    let r = post(&server, "/items", &json!({"name": "t"})).await;
    assert_eq!(r.status(), 500);
    let body = r.bytes().await.expect("complete body");
    assert!(
        body.starts_with(b"{\"error\":"),
        "{}",
        String::from_utf8_lossy(&body)
    );
    assert!(serde_json::from_slice::<Value>(&body).is_err());
    assert!(server.objects("/items").is_empty());
}

#[tokio::test]
async fn incomplete_body_drops_the_connection_mid_body() {
    let server = vook_server().await;
    server.script("get_item", [Fault::incomplete_body()]);
    let r = get(&server, "/items/x").await;
    assert_eq!(r.status(), 200);
    let announced: usize = header(&r, "content-length")
        .expect("content-length")
        .parse()
        .expect("number");
    assert!(announced > 0);
    assert!(r.bytes().await.is_err(), "the body must fail to complete");
    assert_eq!(
        get(&server, "/items/x").await.status(),
        404,
        "the server still serves"
    );
}

#[tokio::test]
async fn huge_body_streams_exactly_n_bytes() {
    let server = vook_server().await;
    let n = 5 * 1024 * 1024 + 3;
    server.script(
        "get_item",
        [Fault::huge_body(n), Fault::huge_body(10).with_status(503)],
    );
    let r = get(&server, "/items/x").await;
    assert_eq!(r.status(), 500);
    assert_eq!(header(&r, "content-length"), Some(n.to_string()));
    let body = r.bytes().await.expect("body");
    assert_eq!(body.len(), n);
    let v: Value = serde_json::from_slice(&body).expect("valid JSON");
    assert_eq!(v["error"]["code"], "internal_error");

    let r = get(&server, "/items/x").await;
    assert_eq!(r.status(), 503);
    assert_eq!(r.bytes().await.expect("body").len(), 10);
}

#[tokio::test]
async fn delays_then_default_or_another_fault() {
    let server = vook_server().await;
    server.script(
        "list_items",
        [
            Fault::delay(Duration::from_millis(300)),
            Fault::delay(Duration::from_millis(200)).then(Fault::error("internal_error")),
            Fault::error("internal_error").delayed(Duration::from_millis(1000)),
        ],
    );
    let t = Instant::now();
    let r = get(&server, "/items").await;
    assert!(
        t.elapsed() >= Duration::from_millis(300),
        "{:?}",
        t.elapsed()
    );
    assert_eq!(r.status(), 200);

    let t = Instant::now();
    let r = get(&server, "/items").await;
    assert!(
        t.elapsed() >= Duration::from_millis(200),
        "{:?}",
        t.elapsed()
    );
    assert_eq!(r.status(), 500);

    let t = Instant::now();
    assert_eq!(get(&server, "/items").await.status(), 500);
    assert!(t.elapsed() >= Duration::from_millis(1000));

    // Well under the last fault's second, even on a loaded machine: a fault kept
    // after playback would delay this answer by that second again.
    let t = Instant::now();
    assert_eq!(get(&server, "/items").await.status(), 200);
    assert!(
        t.elapsed() < Duration::from_millis(1000),
        "no delay once the queue is empty: {:?}",
        t.elapsed()
    );
}

#[tokio::test]
async fn reset_closes_without_a_response() {
    let server = vook_server().await;
    server.script("create_item", [Fault::reset(), Fault::reset()]);
    // A real reset (RST, SO_LINGER 0), not a graceful close, and no response bytes.
    match raw(server.addr(), &raw_create("{\"name\":\"r\"}")).await {
        Err(e) => assert_eq!(e.kind(), ErrorKind::ConnectionReset, "{e}"),
        Ok(bytes) => panic!(
            "expected a reset, got {} bytes: {}",
            bytes.len(),
            String::from_utf8_lossy(&bytes)
        ),
    }
    let err = http()
        .post(server.url("/items"))
        .bearer_auth(server.api_key())
        .json(&json!({"name": "r"}))
        .send()
        .await
        .expect_err("no response");
    assert!(!err.is_timeout() && !err.is_status(), "{err:?}");
    assert!(server.objects("/items").is_empty());
    let recs = server.requests_for("create_item");
    assert_eq!(recs.len(), 2);
    assert!(
        recs[0]
            .to_string()
            .ends_with("-> (no response) (create_item, fault: Reset)"),
        "{}",
        recs[0]
    );
    assert!(
        recs.iter()
            .all(|r| r.status.is_none() && r.answer.fault_kind() == Some(FaultKind::Reset))
    );
    assert_eq!(
        post(&server, "/items", &json!({"name": "r"}))
            .await
            .status(),
        201
    );
}

#[tokio::test]
async fn hang_never_answers_until_shutdown() {
    let server = vook_server().await;
    server.script("get_item", [Fault::hang(), Fault::hang()]);
    let err = http()
        .get(server.url("/items/x"))
        .bearer_auth(server.api_key())
        .timeout(Duration::from_millis(300))
        .send()
        .await
        .expect_err("no answer");
    assert!(err.is_timeout(), "{err:?}");
    // Other requests are still served meanwhile.
    assert_eq!(get(&server, "/items").await.status(), 200);

    let addr = server.addr();
    let pending = tokio::spawn(async move {
        raw(
            addr,
            "GET /items/x HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test-key\r\n\r\n",
        )
        .await
    });
    assert!(
        server.wait_for_requests(3, Duration::from_secs(2)).await,
        "the hanging request arrives"
    );
    assert!(!server.wait_for_requests(4, Duration::from_millis(50)).await);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!pending.is_finished(), "a hang must not answer");
    server.shutdown().await;
    let out = tokio::time::timeout(Duration::from_secs(2), pending)
        .await
        .expect("closed at shutdown")
        .expect("task");
    assert!(out.map_or(true, |b| b.is_empty()), "no response bytes");
    let recs = server.requests_for("get_item");
    assert_eq!(recs.len(), 2);
    assert!(recs.iter().all(|r| r.status.is_none()));
}

#[tokio::test]
async fn any_operation_queue() {
    let server = vook_server().await;
    server.script_any([
        Fault::error("internal_error"),
        Fault::status(502),
        Fault::status(503),
    ]);
    server.script("get_item", [Fault::status(504)]);
    assert_eq!(server.pending_any_faults(), 3);
    assert_eq!(
        get(&server, "/items/x").await.status(),
        504,
        "the operation's own queue first"
    );
    assert_eq!(get(&server, "/items/x").await.status(), 500);
    assert_eq!(get(&server, "/items").await.status(), 502);
    assert_eq!(get(&server, "/unrouted").await.status(), 503);
    assert_eq!(get(&server, "/unrouted").await.status(), 404);
    assert_eq!(server.pending_any_faults(), 0);

    server.script_any([Fault::reset()]);
    server.script("list_items", [Fault::hang()]);
    server.clear_scripts();
    assert_eq!(
        (
            server.pending_any_faults(),
            server.pending_faults("list_items")
        ),
        (0, 0)
    );
    assert_eq!(get(&server, "/items").await.status(), 200);
    let answers: Vec<bool> = server
        .requests()
        .iter()
        .map(|r| matches!(r.answer, Answer::Fault(_)))
        .collect();
    assert_eq!(answers, [true, true, true, true, false, false]);
}

#[tokio::test]
async fn faults_precede_auth() {
    let server = vook_server().await;
    server.script(
        "list_items",
        [Fault::error("rate_limit_exceeded").retry_after_secs(1)],
    );
    let r = http()
        .get(server.url("/items"))
        .send()
        .await
        .expect("answered");
    assert_eq!(r.status(), 429);
    let r = http()
        .get(server.url("/items"))
        .send()
        .await
        .expect("answered");
    assert_eq!(r.status(), 401);
}

#[tokio::test]
#[should_panic(expected = "no endpoint `create_itme`")]
async fn scripting_an_unknown_operation_panics() {
    let server = vook_server().await;
    server.script("create_itme", [Fault::reset()]);
}
