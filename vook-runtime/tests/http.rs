//! Socket tests of the runtime against a scripted server on 127.0.0.1.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use vook_runtime::{DecodeErrorKind, Error, RateLimit, RetryBudgetConfig, RetryClass, TimeoutKind};

#[tokio::test]
async fn success_decodes_envelope_sends_headers_and_encodes_url() {
    let server = Server::start(vec![
        Reply::json(200, ITEM_BODY)
            .header("X-Request-ID", "req_ok_1")
            .header("X-RateLimit-Limit", "1000")
            .header("X-RateLimit-Remaining", "999")
            .header("X-RateLimit-Reset", "1730462400"),
    ])
    .await;
    let client = builder(&server).build().unwrap();
    #[derive(vook_runtime::__private::serde::Serialize)]
    #[serde(crate = "::vook_runtime::__private::serde")]
    struct Query {
        tag: Vec<&'static str>,
        expand: Option<&'static str>,
        skip: Option<u32>,
    }
    let q = Query {
        tag: vec!["a b", "c"],
        expand: Some("owner"),
        skip: None,
    };
    let item_id = "itm 1/x";
    let resp: Result<Item> = client
        .call(&GET_ITEM, &[&item_id], Some(&q), None::<&()>)
        .await;
    let resp = resp.unwrap();
    assert_eq!(*resp, item());
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.request_id(), Some("req_ok_1"));
    assert_eq!(resp.attempts(), 1);
    assert_eq!(
        resp.rate_limit(),
        Some(&RateLimit {
            limit: Some(1000),
            remaining: Some(999),
            reset: Some(1_730_462_400)
        })
    );

    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert_eq!(r.method, "GET");
    let (path, query) = r.target.split_once('?').unwrap();
    assert_eq!(path, "/v1/items/itm%201%2Fx");
    let mut pairs: Vec<&str> = query.split('&').collect();
    pairs.sort_unstable();
    assert_eq!(pairs, ["expand=owner", "tag=a%20b", "tag=c"]);
    assert_eq!(
        r.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(r.header("accept"), Some("application/json"));
    let ua = r.header("user-agent").unwrap();
    assert!(
        ua.starts_with("vook-runtime/") && ua.ends_with("(vook)"),
        "{ua}"
    );
    assert_eq!(r.header("content-type"), None, "no body, no content type");
    assert_eq!(r.header("idempotency-key"), None, "GET is idempotent");
}

#[tokio::test]
async fn no_content_decodes_unit() {
    let server = Server::start(vec![Reply::Respond {
        status: 204,
        headers: vec![],
        body: vec![],
    }])
    .await;
    let client = builder(&server).build().unwrap();
    let resp: Result<()> = client
        .call(&DELETE_ITEM, &[&"itm_1"], None::<&()>, None::<&()>)
        .await;
    let resp = resp.unwrap();
    assert_eq!(resp.status(), 204);
    assert_eq!(server.requests()[0].method, "DELETE");
}

#[tokio::test]
async fn backoff_retries_then_succeeds() {
    let server = Server::start(vec![
        Reply::error(500, "internal_error"),
        Reply::text(503, "text/plain", "overloaded"),
        Reply::json(200, ITEM_BODY),
    ])
    .await;
    let client = builder(&server).build().unwrap();
    let started = Instant::now();
    let resp = get_item(&client, "itm_1").await.unwrap();
    assert_eq!(resp.attempts(), 3);
    assert_eq!(server.count(), 3);
    // Delays are at most 5 ms and 10 ms: generous upper bound.
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn retries_stop_at_max_attempts() {
    let server = Server::start(vec![Reply::error(500, "internal_error")]).await;
    let client = builder(&server).max_attempts(4).build().unwrap();
    let err = get_item(&client, "itm_1").await.unwrap_err();
    assert!(
        matches!(err, Error::Api(ItemError::InternalError(_))),
        "{err:?}"
    );
    assert_eq!(err.attempts(), 4);
    assert_eq!(err.status(), Some(500));
    assert_eq!(err.request_id(), Some("req_500"));
    assert_eq!(server.count(), 4);
    assert!(err.to_string().contains("after 4 attempts"), "{err}");
}

#[tokio::test]
async fn post_carries_one_idempotency_key_for_all_attempts() {
    let server = Server::start(vec![
        Reply::error(500, "internal_error"),
        Reply::Close,
        Reply::json(201, ITEM_BODY),
    ])
    .await;
    let client = builder(&server).build().unwrap();
    let resp = create_item(&client, &item()).await.unwrap();
    assert_eq!(resp.status(), 201);
    assert_eq!(resp.attempts(), 3);
    let reqs = server.requests();
    assert_eq!(reqs.len(), 3);
    let key = reqs[0]
        .header("idempotency-key")
        .expect("POST that may be retried is keyed")
        .to_owned();
    assert_eq!(key.len(), 36, "{key}");
    for r in &reqs {
        assert_eq!(r.method, "POST");
        assert_eq!(r.header("idempotency-key"), Some(key.as_str()));
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.body, br#"{"id":"itm_1","name":"first"}"#);
    }
    // A second call gets a fresh key.
    let _ = create_item(&client, &item()).await.unwrap();
    let reqs = server.requests();
    assert_ne!(reqs[3].header("idempotency-key"), Some(key.as_str()));
    assert!(reqs[3].header("idempotency-key").is_some());
}

#[tokio::test]
async fn post_without_retries_is_not_keyed() {
    let server = Server::start(vec![Reply::json(201, ITEM_BODY)]).await;
    let client = builder(&server).max_attempts(1).build().unwrap();
    create_item(&client, &item()).await.unwrap();
    assert_eq!(server.requests()[0].header("idempotency-key"), None);
    let client = builder(&server).idempotency_keys(false).build().unwrap();
    create_item(&client, &item()).await.unwrap();
    assert_eq!(server.requests()[1].header("idempotency-key"), None);
}

#[tokio::test]
async fn terminal_error_returns_at_once_with_header_request_id() {
    let server = Server::start(vec![
        Reply::json(404, r#"{"error":{"code":"not_found","message":"The requested resource could not be found."}}"#)
            .header("X-Request-ID", "req_from_header"),
    ])
    .await;
    let client = builder(&server).build().unwrap();
    let err = get_item(&client, "itm_404").await.unwrap_err();
    let Error::Api(ItemError::NotFound(api)) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.request_id(), Some("req_from_header"));
    assert_eq!(api.message(), "The requested resource could not be found.");
    assert_eq!(api.retry_class(), RetryClass::Never);
    assert_eq!(err.attempts(), 1);
    assert_eq!(server.count(), 1);
    assert_eq!(
        err.to_string(),
        "not_found (HTTP 404): The requested resource could not be found. (request id req_from_header)"
    );
}

#[tokio::test]
async fn validation_details_are_typed() {
    let body = r#"{"error":{"code":"validation_error","message":"The request body contains invalid fields.","request_id":"req_def456","details":[{"field":"name","issue":"required field is missing"}]}}"#;
    let server = Server::start(vec![
        Reply::json(422, body).header("X-Request-ID", "req_other"),
    ])
    .await;
    let client = builder(&server).build().unwrap();
    let err = create_item(&client, &item()).await.unwrap_err();
    let Error::Api(ItemError::ValidationError(api)) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.details().len(), 1);
    assert_eq!(api.details()[0].field, "name");
    assert_eq!(
        api.request_id(),
        Some("req_def456"),
        "the body's id wins over the header"
    );
    assert_eq!(api.raw_body(), body);
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn unknown_codes_are_classified_by_status() {
    let server = Server::start(vec![
        Reply::error(503, "brand_new_code"),
        Reply::json(200, ITEM_BODY),
    ])
    .await;
    let client = builder(&server).build().unwrap();
    assert_eq!(get_item(&client, "a").await.unwrap().attempts(), 2);

    let server = Server::start(vec![Reply::error(409, "brand_new_code")]).await;
    let client = builder(&server).build().unwrap();
    let err = get_item(&client, "a").await.unwrap_err();
    let Error::Api(ItemError::Unknown(api)) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.code(), "brand_new_code");
    assert_eq!(api.retry_class(), RetryClass::Never);
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn throttle_waits_retry_after_then_succeeds() {
    let server = Server::start(vec![
        Reply::error(429, "rate_limit_exceeded").header("Retry-After", "1"),
        Reply::json(200, ITEM_BODY),
    ])
    .await;
    let client = builder(&server).build().unwrap();
    let started = Instant::now();
    let resp = get_item(&client, "a").await.unwrap();
    let elapsed = started.elapsed();
    assert_eq!(resp.attempts(), 2);
    assert!(
        elapsed >= Duration::from_millis(950),
        "waited only {elapsed:?}"
    );
    assert!(elapsed < Duration::from_secs(6), "{elapsed:?}");
    let reqs = server.requests();
    assert!(reqs[1].at.duration_since(reqs[0].at) >= Duration::from_millis(950));
}

#[tokio::test]
async fn throttle_falls_back_to_rate_limit_reset() {
    let server = Server::start(vec![
        Reply::error(429, "rate_limit_exceeded").header("X-RateLimit-Reset", "1"),
        Reply::json(200, ITEM_BODY),
    ])
    .await;
    let client = builder(&server).build().unwrap();
    let started = Instant::now();
    get_item(&client, "a").await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn throttle_gives_up_on_long_retry_after() {
    let server = Server::start(vec![
        Reply::error(429, "rate_limit_exceeded")
            .header("Retry-After", "120")
            .header("X-RateLimit-Remaining", "0"),
    ])
    .await;
    // A deadline far past the wait, so only max_retry_after (60 s) can stop it.
    let client = builder(&server)
        .deadline(Duration::from_secs(600))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = get_item(&client, "a").await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    let Error::Api(ItemError::RateLimitExceeded(api)) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.retry_after(), Some(Duration::from_secs(120)));
    assert_eq!(api.rate_limit().and_then(|r| r.remaining), Some(0));
    assert_eq!(api.attempts(), 1);
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn wait_past_deadline_gives_up_with_the_error() {
    let server = Server::start(vec![
        Reply::error(500, "internal_error").header("Retry-After", "3"),
    ])
    .await;
    let client = builder(&server)
        .deadline(Duration::from_secs(1))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = get_item(&client, "a").await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
    assert!(
        matches!(err, Error::Api(ItemError::InternalError(_))),
        "{err:?}"
    );
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn deadline_cuts_a_hanging_attempt() {
    let server = Server::start(vec![Reply::Hang]).await;
    let client = builder(&server)
        .timeout(Duration::from_secs(10))
        .deadline(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = get_item(&client, "a").await.unwrap_err();
    let elapsed = started.elapsed();
    let Error::Timeout(t) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(t.kind(), TimeoutKind::Deadline);
    assert_eq!(t.limit(), Some(Duration::from_millis(300)));
    assert!(
        elapsed >= Duration::from_millis(250) && elapsed < Duration::from_secs(3),
        "{elapsed:?}"
    );
    assert_eq!(err.attempts(), 1);
}

#[tokio::test]
async fn per_attempt_timeout_is_retried_for_idempotent_requests() {
    let server = Server::start(vec![Reply::Hang]).await;
    let client = builder(&server)
        .timeout(Duration::from_millis(200))
        .max_attempts(2)
        .build()
        .unwrap();
    let started = Instant::now();
    let err = get_item(&client, "a").await.unwrap_err();
    let elapsed = started.elapsed();
    let Error::Timeout(t) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(t.kind(), TimeoutKind::Attempt);
    assert_eq!(err.attempts(), 2);
    assert_eq!(server.count(), 2);
    assert!(
        elapsed >= Duration::from_millis(380) && elapsed < Duration::from_secs(4),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn a_timeout_mid_body_names_the_response_it_cut_off() {
    let server = Server::start(vec![
        Reply::error(503, "internal_error").header("X-Request-ID", "req_first"),
        Reply::Stall(
            b"HTTP/1.1 200 OK\r\nX-Request-ID: req_cut\r\nContent-Length: 100\r\n\r\n{\"da"
                .to_vec(),
        ),
    ])
    .await;
    let client = builder(&server)
        .timeout(Duration::from_millis(300))
        .max_attempts(2)
        .build()
        .unwrap();
    let err = get_item(&client, "a").await.unwrap_err();
    let Error::Timeout(t) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(t.kind(), TimeoutKind::Attempt);
    assert_eq!(err.attempts(), 2);
    // The second attempt's 200 had arrived when its body stalled: it is the last response.
    assert_eq!(t.last_status(), Some(200));
    assert_eq!(err.request_id(), Some("req_cut"));
    assert_eq!(err.status(), None);
    assert!(
        err.to_string()
            .ends_with("; last response: HTTP 200 (request id req_cut)"),
        "{err}"
    );
}

#[tokio::test]
async fn timeout_then_success() {
    let server = Server::start(vec![Reply::Hang, Reply::json(200, ITEM_BODY)]).await;
    let client = builder(&server)
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    assert_eq!(get_item(&client, "a").await.unwrap().attempts(), 2);
}

#[tokio::test]
async fn unkeyed_post_is_not_resent_after_a_timeout() {
    let server = Server::start(vec![Reply::Hang]).await;
    let client = builder(&server)
        .timeout(Duration::from_millis(200))
        .idempotency_keys(false)
        .build()
        .unwrap();
    let err = create_item(&client, &item()).await.unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert_eq!(err.attempts(), 1);
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn connection_reset_is_retried_for_get() {
    let partial =
        b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"data\"".to_vec();
    let server = Server::start(vec![
        Reply::Close,
        Reply::Raw(partial),
        Reply::json(200, ITEM_BODY),
    ])
    .await;
    let client = builder(&server).build().unwrap();
    let resp = get_item(&client, "a").await.unwrap();
    assert_eq!(resp.attempts(), 3);
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn connection_reset_is_not_retried_for_unkeyed_post() {
    let server = Server::start(vec![Reply::Close, Reply::json(201, ITEM_BODY)]).await;
    let client = builder(&server).idempotency_keys(false).build().unwrap();
    let err = create_item(&client, &item()).await.unwrap_err();
    let Error::Transport(t) = &err else {
        panic!("{err:?}")
    };
    assert!(t.request_may_have_been_sent());
    assert_eq!(err.attempts(), 1);
    assert_eq!(server.count(), 1);
    assert!(
        std::error::Error::source(&err).is_some(),
        "keeps the source chain"
    );
}

#[tokio::test]
async fn connect_failures_are_retried_even_for_unkeyed_post() {
    // A port nobody listens on.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let client = vook_runtime::Client::builder(&SPEC)
        .base_url(format!("http://{addr}"))
        .api_key(KEY)
        .base_delay(Duration::from_millis(5))
        .idempotency_keys(false)
        .build()
        .unwrap();
    let err = create_item(&client, &item()).await.unwrap_err();
    let Error::Transport(t) = &err else {
        panic!("{err:?}")
    };
    assert!(!t.request_may_have_been_sent());
    assert_eq!(err.attempts(), 3);
    assert_eq!(err.status(), None);
    assert_eq!(
        err.to_string(),
        "transport error: could not connect (3 attempts)"
    );
}

#[tokio::test]
async fn html_502_is_a_decode_error_after_retries() {
    let html =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>nginx</body>\r\n</html>";
    let server = Server::start(vec![
        Reply::text(502, "text/html", html).header("X-Request-ID", "req_proxy"),
    ])
    .await;
    let client = builder(&server).max_attempts(2).build().unwrap();
    let err = get_item(&client, "a").await.unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(d.kind(), DecodeErrorKind::ErrorBody);
    assert_eq!(d.status(), 502);
    assert_eq!(d.body(), html);
    assert_eq!(err.attempts(), 2, "classified by status: 5xx backs off");
    assert_eq!(err.request_id(), Some("req_proxy"));
    let shown = err.to_string();
    assert!(
        shown.contains("502 Bad Gateway") && !shown.contains('\n'),
        "{shown}"
    );
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn error_bodies_are_capped_at_64_kib() {
    let huge = format!(
        r#"{{"error":{{"code":"internal_error","message":"{}"}}}}"#,
        "x".repeat(200 * 1024)
    );
    let server = Server::start(vec![Reply::json(500, &huge)]).await;
    let client = builder(&server).max_attempts(1).build().unwrap();
    let err = get_item(&client, "a").await.unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("a truncated body is not JSON: {err:?}")
    };
    assert_eq!(d.body().len(), 64 * 1024);
    assert!(d.body_truncated());
    assert!(err.to_string().len() < 1024, "Display stays short");
}

#[tokio::test]
async fn success_bodies_over_the_cap_fail() {
    let big = format!(
        r#"{{"data":{{"id":"itm_1","name":"{}"}}}}"#,
        "n".repeat(4096)
    );
    // With Content-Length.
    let server = Server::start(vec![Reply::json(200, &big)]).await;
    let client = builder(&server).max_response_bytes(1024).build().unwrap();
    let err = get_item(&client, "a").await.unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(d.kind(), DecodeErrorKind::BodyTooLarge { limit: 1024 });
    assert_eq!(err.attempts(), 1);
    // Chunked, no Content-Length: the streaming cap catches it.
    let mut raw = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".to_vec();
    for part in big.as_bytes().chunks(500) {
        raw.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        raw.extend_from_slice(part);
        raw.extend_from_slice(b"\r\n");
    }
    raw.extend_from_slice(b"0\r\n\r\n");
    let server = Server::start(vec![Reply::Raw(raw.clone())]).await;
    let client = builder(&server).max_response_bytes(1024).build().unwrap();
    let err = get_item(&client, "a").await.unwrap_err();
    assert!(
        matches!(&err, Error::Decode(d) if d.kind() == DecodeErrorKind::BodyTooLarge { limit: 1024 }),
        "{err:?}"
    );
    // The same chunked body under the default cap decodes.
    let server = Server::start(vec![Reply::Raw(raw)]).await;
    let client = builder(&server).build().unwrap();
    assert_eq!(get_item(&client, "a").await.unwrap().name.len(), 4096);
}

#[tokio::test]
async fn bad_success_json_is_a_decode_error() {
    let server = Server::start(vec![
        Reply::json(200, r#"{"data":{"id":5}}"#).header("X-Request-ID", "req_bad"),
    ])
    .await;
    let client = builder(&server).build().unwrap();
    let err = get_item(&client, "a").await.unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(d.kind(), DecodeErrorKind::SuccessBody);
    assert_eq!(err.request_id(), Some("req_bad"));
    assert_eq!(err.status(), Some(200));
    assert_eq!(server.count(), 1, "a bad success body is not retried");
    assert!(err.to_string().contains("invalid type"), "{err}");
}

#[tokio::test]
async fn retry_budget_is_shared_by_clones() {
    let server = Server::start(vec![Reply::error(500, "internal_error")]).await;
    let budget = RetryBudgetConfig {
        capacity: 5,
        retry_cost: 5,
        timeout_retry_cost: 10,
        success_refund: 1,
    };
    let client = builder(&server).retry_budget(budget).build().unwrap();
    let clone = client.clone();
    let err = get_item(&client, "a").await.unwrap_err();
    assert_eq!(
        err.attempts(),
        2,
        "one retry paid, then the bucket is empty"
    );
    assert_eq!(client.retry_budget_available(), 0);
    let err = get_item(&clone, "a").await.unwrap_err();
    assert_eq!(err.attempts(), 1, "the clone shares the empty bucket");
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn invalid_path_params_are_caught_before_sending() {
    let server = Server::start(vec![Reply::json(200, ITEM_BODY)]).await;
    let client = builder(&server).build().unwrap();
    let err = get_item(&client, "..").await.unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert_eq!(err.attempts(), 0);
    let err: Result<Item> = client.call(&GET_ITEM, &[], None::<&()>, None::<&()>).await;
    assert!(matches!(err, Err(Error::InvalidRequest(_))));
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn unserializable_bodies_are_invalid_requests() {
    struct Bad;
    impl vook_runtime::__private::serde::Serialize for Bad {
        fn serialize<S: vook_runtime::__private::serde::Serializer>(
            &self,
            _: S,
        ) -> std::result::Result<S::Ok, S::Error> {
            Err(vook_runtime::__private::serde::ser::Error::custom("nope"))
        }
    }
    let server = Server::start(vec![Reply::json(200, ITEM_BODY)]).await;
    let client = builder(&server).build().unwrap();
    let err: Result<Item> = client
        .call(&CREATE_ITEM, &[], None::<&()>, Some(&Bad))
        .await;
    let err = err.unwrap_err();
    assert!(
        err.to_string().contains("body failed to serialize"),
        "{err}"
    );
    assert!(std::error::Error::source(&err).is_some());
    let err: Result<Item> = client
        .call(&CREATE_ITEM, &[], Some(&[1, 2]), None::<&()>)
        .await;
    assert!(
        err.unwrap_err()
            .to_string()
            .contains("query must serialize to a JSON object")
    );
    assert_eq!(server.count(), 0);
}

/// Generated-style methods must give `Send` futures (usable with `tokio::spawn`).
#[tokio::test]
async fn generated_futures_are_send() {
    let server = Server::start(vec![Reply::json(200, ITEM_BODY)]).await;
    let client = builder(&server).build().unwrap();
    let c = client.clone();
    let handle = tokio::spawn(async move {
        let id = String::from("itm_1");
        get_item(&c, &id).await.map(|r| r.into_inner())
    });
    assert_eq!(handle.await.unwrap().unwrap(), item());
    fn assert_traits<T: Clone + Send + Sync + std::fmt::Debug + 'static>() {}
    assert_traits::<vook_runtime::Client>();
}
