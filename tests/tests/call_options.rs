//! Per-call options of `vook_runtime::Call` and the client builder's default headers,
//! end to end: the generated Vook client against `vook-mock` on 127.0.0.1, each option
//! checked on the wire (the mock records every request's headers).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failure

use std::time::{Duration, Instant};

use vook_client::{Client, CreateItemError, ListItemsQuery, NewItem};
use vook_mock::Fault;
use vook_runtime::{Error, TimeoutKind};
use vook_tests::{vook_client, vook_server};

fn new_item(name: &str) -> NewItem {
    NewItem {
        name: name.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_caller_key_is_sent_on_every_attempt_of_a_retried_post() {
    let server = vook_server().await;
    let client = vook_client(&server);
    server.script(
        "create_item",
        [
            Fault::error("internal_error"),
            Fault::error("internal_error"),
        ],
    );
    let created = client
        .create_item(&new_item("once"))
        .idempotency_key("order-1234-create")
        .await
        .expect("third attempt succeeds");
    assert_eq!(created.attempts(), 3);
    let keys: Vec<Option<String>> = server
        .requests_for("create_item")
        .iter()
        .map(|r| r.idempotency_key().map(str::to_owned))
        .collect();
    assert_eq!(keys, vec![Some("order-1234-create".to_owned()); 3]);
    assert_eq!(server.objects("/items").len(), 1);
}

#[tokio::test]
async fn a_caller_key_is_sent_even_where_the_client_would_send_none() {
    let server = vook_server().await;
    // Retries off: the client sends no key of its own on a POST ...
    let client = Client::builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .max_attempts(1)
        .build()
        .unwrap();
    client.create_item(&new_item("a")).await.expect("create");
    // ... but a caller's key goes out as given, on a POST and on a GET.
    client
        .create_item(&new_item("b"))
        .idempotency_key("k-b")
        .await
        .expect("create");
    client
        .list_items(&ListItemsQuery::default())
        .idempotency_key("k-list")
        .await
        .expect("list");
    let seen: Vec<Option<String>> = server
        .requests()
        .iter()
        .map(|r| r.idempotency_key().map(str::to_owned))
        .collect();
    assert_eq!(seen, vec![None, Some("k-b".into()), Some("k-list".into())]);
}

#[tokio::test]
async fn bad_idempotency_keys_are_invalid_requests_and_nothing_is_sent() {
    let server = vook_server().await;
    let client = vook_client(&server);
    for key in ["", "line\nbreak", "tab\there", &"k".repeat(256)] {
        let err = client
            .create_item(&new_item("x"))
            .idempotency_key(key)
            .await
            .expect_err("refused");
        assert!(matches!(err, Error::InvalidRequest(_)), "{key:?}: {err:?}");
        assert_eq!(err.attempts(), 0);
    }
    // 255 bytes is the longest key allowed.
    let longest = "k".repeat(255);
    client
        .create_item(&new_item("x"))
        .idempotency_key(longest.clone())
        .await
        .expect("a 255-byte key is fine");
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "only the valid call reached the server");
    assert_eq!(requests[0].idempotency_key(), Some(longest.as_str()));
}

#[tokio::test]
async fn max_attempts_1_never_retries() {
    let server = vook_server().await;
    let client = vook_client(&server);
    server.script("create_item", [Fault::error("internal_error")]);
    let err = client
        .create_item(&new_item("x"))
        .max_attempts(1)
        .await
        .expect_err("no retry");
    assert!(
        matches!(err, Error::Api(CreateItemError::InternalError(_))),
        "{err:?}"
    );
    assert_eq!(err.attempts(), 1);
    assert_eq!(server.requests_for("create_item").len(), 1);
    // Without the option the client's 3 attempts apply again.
    server.script(
        "create_item",
        [
            Fault::error("internal_error"),
            Fault::error("internal_error"),
        ],
    );
    let ok = client.create_item(&new_item("y")).await.expect("retried");
    assert_eq!(ok.attempts(), 3);
    // More attempts than the client's default, for one call.
    server.script(
        "create_item",
        (0..4).map(|_| Fault::error("internal_error")),
    );
    let ok = client
        .create_item(&new_item("z"))
        .max_attempts(5)
        .await
        .expect("fifth attempt succeeds");
    assert_eq!(ok.attempts(), 5);
    let err = client
        .create_item(&new_item("z"))
        .max_attempts(0)
        .await
        .expect_err("zero attempts");
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
}

#[tokio::test]
async fn a_per_call_deadline_beats_the_clients() {
    let server = vook_server().await;
    let client = vook_client(&server); // client deadline: the 300 s default
    server.script("list_items", [Fault::hang()]);
    let started = Instant::now();
    let err = client
        .list_items(&ListItemsQuery::default())
        .deadline(Duration::from_millis(300))
        .await
        .expect_err("deadline");
    let took = started.elapsed();
    match &err {
        Error::Timeout(t) => {
            assert_eq!(t.kind(), TimeoutKind::Deadline, "{err:?}");
            assert_eq!(t.limit(), Some(Duration::from_millis(300)));
        }
        other => panic!("expected a deadline timeout, got {other:?}"),
    }
    assert!(took >= Duration::from_millis(250), "took {took:?}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[tokio::test]
async fn a_per_call_timeout_applies_to_each_attempt() {
    let server = vook_server().await;
    let client = vook_client(&server);
    server.script("list_items", [Fault::hang(), Fault::hang()]);
    let started = Instant::now();
    let err = client
        .list_items(&ListItemsQuery::default())
        .timeout(Duration::from_millis(200))
        .max_attempts(2)
        .await
        .expect_err("both attempts time out");
    let took = started.elapsed();
    match &err {
        Error::Timeout(t) => assert_eq!(t.kind(), TimeoutKind::Attempt, "{err:?}"),
        other => panic!("expected an attempt timeout, got {other:?}"),
    }
    assert_eq!(err.attempts(), 2);
    assert_eq!(server.requests_for("list_items").len(), 2);
    assert!(took >= Duration::from_millis(400), "took {took:?}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[tokio::test]
async fn api_key_overrides_the_clients_key_for_one_call_only() {
    let server = vook_server().await;
    let client = vook_client(&server);
    // The mock knows only the client's key: another tenant's key is refused by it, which
    // proves it went out instead of the client's.
    let err = client
        .list_items(&ListItemsQuery::default())
        .api_key("  sk_other_tenant  ")
        .await
        .expect_err("the mock refuses a key it does not know");
    assert_eq!(err.status(), Some(401), "{err:?}");
    client
        .list_items(&ListItemsQuery::default())
        .await
        .expect("the next call uses the client's key");
    let auth: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.header("authorization").unwrap().to_owned())
        .collect();
    assert_eq!(
        auth,
        vec![
            "Bearer sk_other_tenant".to_owned(),
            format!("Bearer {}", server.api_key()),
        ]
    );
    // A bad per-call key is refused before sending, and not shown.
    let err = client
        .list_items(&ListItemsQuery::default())
        .api_key("sk_bad\r\nX-Evil: 1")
        .await
        .expect_err("refused");
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("sk_bad"), "{shown}");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn extra_headers_reach_the_wire_exactly() {
    let server = vook_server().await;
    let client = vook_client(&server);
    client
        .list_items(&ListItemsQuery::default())
        .header("X-Api-Version", "2026-01-01")
        .header("x-trace-id", "trace 42; sampled=1")
        .await
        .expect("list");
    let r = &server.requests()[0];
    assert_eq!(r.header("x-api-version"), Some("2026-01-01"));
    assert_eq!(r.header("X-Trace-Id"), Some("trace 42; sampled=1"));
    assert_eq!(r.headers.get_all("x-trace-id").iter().count(), 1);
}

#[tokio::test]
async fn refused_headers_never_reach_the_server() {
    let server = vook_server().await;
    let client = vook_client(&server);
    let bad: [(&str, &str); 6] = [
        ("Authorization", "Bearer sk_sneaky"),
        ("authorization", "Basic Zm9vOmJhcg=="),
        ("bad header", "v"),
        ("x-ok", "line\r\nX-Injected: 1"),
        ("Content-Length", "0"),
        ("Idempotency-Key", "k"),
    ];
    for (name, value) in bad {
        let err = client
            .list_items(&ListItemsQuery::default())
            .header(name, value)
            .await
            .expect_err("refused");
        assert!(matches!(err, Error::InvalidRequest(_)), "{name}: {err:?}");
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("sk_sneaky"), "{shown}");
    }
    assert_eq!(server.requests().len(), 0, "nothing was sent");
}

#[tokio::test]
async fn default_headers_and_user_agent_are_on_every_call() {
    let server = vook_server().await;
    let client = Client::builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .default_header("X-Api-Version", "2026-01-01")
        .default_header("x-tenant", "acme")
        .user_agent("acme-billing/4.2")
        .build()
        .unwrap();
    client
        .list_items(&ListItemsQuery::default())
        .await
        .expect("list");
    client
        .create_item(&new_item("x"))
        .header("x-tenant", "globex")
        .await
        .expect("create");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for r in &requests {
        assert_eq!(r.header("user-agent"), Some("acme-billing/4.2"));
        assert_eq!(r.header("x-api-version"), Some("2026-01-01"));
    }
    assert_eq!(requests[0].header("x-tenant"), Some("acme"));
    // A call's own header replaces the default one of the same name.
    assert_eq!(requests[1].header("x-tenant"), Some("globex"));
    assert_eq!(requests[1].headers.get_all("x-tenant").iter().count(), 1);

    // Bad defaults are reported by build().
    for b in [
        Client::builder().default_header("Authorization", "Bearer x"),
        Client::builder().default_header("x-ok", "a\nb"),
        Client::builder().default_header("bad name", "v"),
        Client::builder().user_agent("agent\r\nX-Evil: 1"),
    ] {
        let err = b
            .base_url(server.base_url())
            .api_key(server.api_key())
            .build()
            .expect_err("refused");
        assert!(
            matches!(err, vook_runtime::BuildError::InvalidHeader { .. }),
            "{err:?}"
        );
    }
}

#[tokio::test]
async fn debug_of_a_call_hides_the_key_and_a_call_can_be_cloned() {
    let server = vook_server().await;
    let client = vook_client(&server);
    let call = client
        .list_items(&ListItemsQuery {
            limit: Some(2),
            ..Default::default()
        })
        .api_key("sk_tenant_secret_123")
        .header("x-trace-id", "t-1");
    let shown = format!("{call:?} {call:#?}");
    assert!(!shown.contains("sk_tenant_secret_123"), "{shown}");
    assert!(shown.contains("list_items"), "{shown}");
    let again = call.clone();
    let err = call.await.expect_err("the mock refuses the tenant key");
    assert_eq!(err.status(), Some(401));
    let err = again
        .send()
        .await
        .expect_err("a clone is a full call again");
    assert_eq!(err.status(), Some(401));
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(
        requests
            .iter()
            .all(|r| r.query.as_deref() == Some("limit=2"))
    );
    assert!(
        requests
            .iter()
            .all(|r| r.header("x-trace-id") == Some("t-1"))
    );
}

#[tokio::test]
async fn a_call_future_is_send() {
    let server = vook_server().await;
    let client = vook_client(&server);
    let handle = tokio::spawn(async move {
        client
            .list_items(&ListItemsQuery::default())
            .timeout(Duration::from_secs(5))
            .await
            .map(|r| r.into_inner().items.len())
    });
    assert_eq!(handle.await.unwrap().unwrap(), 0);
    fn send<T: Send>(_: &T) {}
    let client = vook_client(&server);
    let fut = std::future::IntoFuture::into_future(client.get_item("itm_1"));
    send(&fut);
}
