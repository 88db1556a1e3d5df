//! End to end: the generated Vook client (`vook-client`, from `schema/vook.yaml`)
//! against the spec-driven test server on 127.0.0.1, over real sockets.
//! Timing assertions use generous bounds: they catch "did not wait" and
//! "waited forever", not jitter.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failure

use std::time::{Duration, Instant};

use vook_client::{
    Client, CreateItemError, DeleteItemError, GetItemError, ItemPatch, ListItemsError,
    ListItemsQuery, NewItem,
};
use vook_mock::Fault;
use vook_runtime::Error;
use vook_tests::{vook_client, vook_server};

fn new_item(name: &str) -> NewItem {
    NewItem {
        name: name.into(),
        tags: Some(vec!["a".into()]),
        ..Default::default()
    }
}

/// Creates an item named "x" and returns it, for tests that need one to exist.
async fn stored_item(client: &Client) -> vook_client::Item {
    client
        .create_item(&new_item("x"))
        .await
        .expect("create")
        .into_inner()
}

#[tokio::test]
async fn crud_round_trip_with_cursor_pagination() {
    let server = vook_server().await;
    let client = vook_client(&server);

    let mut ids = Vec::new();
    for i in 0..5 {
        let created = client
            .create_item(&new_item(&format!("item {i}")))
            .await
            .expect("create");
        assert_eq!(created.status(), 201);
        assert!(
            created
                .request_id()
                .is_some_and(|id| id.starts_with("req_"))
        );
        assert_eq!(created.attempts(), 1);
        ids.push(created.into_inner().id);
    }

    let got = client.get_item(&ids[2]).await.expect("get");
    assert_eq!(got.name, "item 2");
    assert_eq!(got.tags, vec!["a".to_owned()]);
    let rate = got.rate_limit().expect("rate-limit headers are typed");
    assert_eq!(rate.limit, Some(1000));
    assert!(rate.remaining.is_some() && rate.reset.is_some());

    // Walk every page with the cursor.
    let mut seen = Vec::new();
    let mut cursor = None;
    for _ in 0..10 {
        let page = client
            .list_items(&ListItemsQuery {
                limit: Some(2),
                cursor: cursor.clone(),
            })
            .await
            .expect("list");
        assert!(page.items.len() <= 2);
        seen.extend(page.items.iter().map(|i| i.id.clone()));
        cursor = page.into_inner().next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    seen.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(seen, expected, "pagination visits every item exactly once");

    let patched = client
        .update_item(
            &ids[0],
            &ItemPatch {
                note: Some("changed".into()),
                ..Default::default()
            },
        )
        .await
        .expect("update");
    assert_eq!(patched.note.as_deref(), Some("changed"));
    assert_eq!(patched.name, "item 0", "PATCH keeps the other fields");

    let deleted = client.delete_item(&ids[0]).await.expect("delete");
    assert_eq!(deleted.status(), 204);
    match client.get_item(&ids[0]).await {
        Err(Error::Api(GetItemError::NotFound(e))) => {
            assert_eq!(e.status(), 404);
            assert_eq!(e.code(), "not_found");
            assert_eq!(e.attempts(), 1);
        }
        other => panic!("expected NotFound, got {other:?}"),
    }
    match client.delete_item(&ids[0]).await {
        Err(Error::Api(DeleteItemError::NotFound(_))) => {}
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[tokio::test]
async fn validation_errors_carry_typed_details() {
    let server = vook_server().await;
    let client = vook_client(&server);
    // The server validates query parameters too: a malformed cursor is a 422 that
    // names the cursor, and only it (the limit is left at its default).
    let err = client
        .list_items(&ListItemsQuery {
            limit: None,
            cursor: Some("not-a-cursor".into()),
        })
        .await
        .expect_err("bad cursor");
    let Error::Api(ListItemsError::ValidationError(e)) = err else {
        panic!("expected ValidationError, got {err:?}")
    };
    assert_eq!(e.status(), 422);
    let fields: Vec<&str> = e.details().iter().map(|d| d.field.as_str()).collect();
    assert_eq!(fields, ["cursor"], "{:?}", e.details());
    assert_eq!(e.attempts(), 1, "validation errors are never retried");

    server.script(
        "create_item",
        [Fault::error("validation_error").details([
            ("name", "required field is missing"),
            ("tags", "must be an array of strings"),
        ])],
    );
    match client.create_item(&new_item("x")).await {
        Err(Error::Api(CreateItemError::ValidationError(e))) => {
            let fields: Vec<&str> = e.details().iter().map(|d| d.field.as_str()).collect();
            assert_eq!(fields, ["name", "tags"]);
            assert_eq!(e.details()[0].issue, "required field is missing");
            assert_eq!(e.attempts(), 1, "validation errors are never retried");
        }
        other => panic!("expected ValidationError, got {other:?}"),
    }
    assert_eq!(server.requests_for("create_item").len(), 1);
}

#[tokio::test]
async fn a_429_is_waited_out_using_retry_after_seconds() {
    let server = vook_server().await;
    let client = vook_client(&server);
    let item = stored_item(&client).await;
    server.script(
        "get_item",
        [Fault::error("rate_limit_exceeded").retry_after_secs(1)],
    );
    let started = Instant::now();
    let got = client
        .get_item(&item.id)
        .await
        .expect("succeeds after waiting");
    let waited = started.elapsed();
    assert_eq!(got.attempts(), 2);
    assert!(
        waited >= Duration::from_millis(900),
        "waited only {waited:?}"
    );
    assert!(waited < Duration::from_secs(10), "waited {waited:?}");
}

#[tokio::test]
async fn a_429_is_waited_out_using_an_http_date() {
    let server = vook_server().await;
    let client = vook_client(&server);
    let item = stored_item(&client).await;
    server.script(
        "get_item",
        [Fault::error("rate_limit_exceeded").retry_after_in(Duration::from_secs(2))],
    );
    let started = Instant::now();
    let got = client
        .get_item(&item.id)
        .await
        .expect("succeeds after waiting");
    // HTTP-dates have one-second resolution: the wait is between ~1 s and ~2 s. The
    // upper bound has room for a loaded machine, but not for a second wait or for
    // waiting the client's `max_retry_after` (60 s) instead of the date.
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(800),
        "waited only {waited:?}"
    );
    assert!(waited < Duration::from_secs(4), "waited {waited:?}");
    assert_eq!(got.attempts(), 2);
}

#[tokio::test]
async fn a_long_retry_after_is_given_up_on_at_once() {
    let server = vook_server().await;
    let client = vook_client(&server);
    server.script(
        "list_items",
        [Fault::error("rate_limit_exceeded").retry_after_secs(3600)],
    );
    let started = Instant::now();
    let err = client
        .list_items(&ListItemsQuery::default())
        .await
        .expect_err("gives up");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "gave up after {:?}",
        started.elapsed()
    );
    let Error::Api(ListItemsError::RateLimitExceeded(e)) = err else {
        panic!("expected RateLimitExceeded, got {err:?}")
    };
    assert_eq!(e.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(e.attempts(), 1);
    assert_eq!(e.rate_limit().and_then(|r| r.remaining), Some(0));
    assert_eq!(server.requests_for("list_items").len(), 1);
}

#[tokio::test]
async fn a_retried_post_carries_one_idempotency_key_and_creates_one_item() {
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
        .await
        .expect("third attempt succeeds");
    assert_eq!(created.attempts(), 3);
    let requests = server.requests_for("create_item");
    assert_eq!(requests.len(), 3);
    let keys: Vec<&str> = requests
        .iter()
        .map(|r| r.idempotency_key().expect("keyed"))
        .collect();
    assert!(
        keys.iter().all(|k| *k == keys[0]),
        "one key on every attempt: {keys:?}"
    );
    assert_eq!(server.objects("/items").len(), 1, "exactly one item exists");

    // A second call gets a fresh key.
    client
        .create_item(&new_item("twice"))
        .await
        .expect("create");
    let second = server.requests_for("create_item");
    assert_ne!(second[3].idempotency_key(), Some(keys[0]));
}

#[tokio::test]
async fn a_connection_reset_is_retried_for_keyed_requests() {
    let server = vook_server().await;
    let client = vook_client(&server);
    server.script("create_item", [Fault::reset()]);
    let created = client
        .create_item(&new_item("after reset"))
        .await
        .expect("retried after the reset");
    assert_eq!(created.attempts(), 2);
    assert_eq!(server.objects("/items").len(), 1);
}

#[tokio::test]
async fn a_transport_failure_after_an_error_response_keeps_that_request_id() {
    let server = vook_server().await;
    let client = vook_client(&server);
    server.script(
        "create_item",
        [
            Fault::error("internal_error"),
            Fault::reset(),
            Fault::reset(),
        ],
    );
    let err = client
        .create_item(&new_item("unlucky"))
        .await
        .expect_err("every attempt fails");
    let Error::Transport(transport) = &err else {
        panic!("expected a transport error, got {err:?}");
    };
    assert_eq!(err.attempts(), 3);
    // The 500 of the first attempt is what support can look up; the error itself got
    // no response, so it has no status of its own.
    let first = server.requests_for("create_item")[0].request_id.clone();
    assert_eq!(err.status(), None);
    assert_eq!(transport.last_status(), Some(500));
    assert_eq!(err.request_id(), Some(first.as_str()));
    let shown = err.to_string();
    assert!(
        shown.contains(&format!("last response: HTTP 500 (request id {first})")),
        "{shown}"
    );
}

#[tokio::test]
async fn a_body_that_breaks_off_names_its_own_response() {
    let server = vook_server().await;
    let client = vook_client(&server);
    let item = stored_item(&client).await;
    server.script(
        "get_item",
        [
            Fault::error("internal_error"),
            Fault::incomplete_body(),
            Fault::incomplete_body(),
        ],
    );
    let err = client.get_item(&item.id).await.expect_err("fails");
    let Error::Transport(transport) = &err else {
        panic!("expected a transport error, got {err:?}");
    };
    assert!(transport.request_may_have_been_sent());
    // The last attempt's 200 arrived with its headers before the body broke off: that
    // response, not the first attempt's 500, is the last one.
    let last = server
        .requests_for("get_item")
        .last()
        .expect("recorded")
        .request_id
        .clone();
    assert_eq!(transport.last_status(), Some(200));
    assert_eq!(err.request_id(), Some(last.as_str()));
}

#[tokio::test]
async fn a_response_none_endpoint_ignores_a_body_it_did_not_ask_for() {
    let server = vook_server().await;
    let client = vook_client(&server);
    let item = stored_item(&client).await;
    // `delete_item` declares `response: none`; some servers answer 200 with a body.
    server.script(
        "delete_item",
        [
            Fault::status(200).body("application/json", r#"{"data": {"deleted": true}}"#),
            Fault::status(200).body("text/plain", "OK"),
        ],
    );
    for _ in 0..2 {
        let done = client.delete_item(&item.id).await.expect("a success");
        assert_eq!((done.status(), done.attempts()), (200, 1));
    }
    // The real 204 still works.
    client.delete_item(&item.id).await.expect("deleted");
    assert!(server.objects("/items").is_empty());
}

#[tokio::test]
async fn unknown_codes_land_in_unknown_and_are_classified_by_status() {
    let server = vook_server().await;
    let client = vook_client(&server);
    let item = stored_item(&client).await;
    // 503 with a code the spec does not know: backoff by status, then success.
    server.script("get_item", [Fault::error("maintenance").with_status(503)]);
    assert_eq!(
        client.get_item(&item.id).await.expect("retried").attempts(),
        2
    );
    // 409 with an unknown code: terminal, and typed as Unknown with the code kept.
    server.script("get_item", [Fault::error("edit_conflict").with_status(409)]);
    match client.get_item(&item.id).await {
        Err(Error::Api(GetItemError::Unknown(e))) => {
            assert_eq!(e.code(), "edit_conflict");
            assert_eq!(e.status(), 409);
            assert_eq!(e.attempts(), 1);
        }
        other => panic!("expected Unknown, got {other:?}"),
    }
}

#[tokio::test]
async fn the_request_id_falls_back_to_the_header() {
    let server = vook_server().await;
    let client = vook_client(&server);
    server.script(
        "get_item",
        [Fault::error("insufficient_permissions").without_request_id_in_body()],
    );
    let err = client.get_item("itm_1").await.expect_err("403");
    let recorded = server.requests_for("get_item");
    let sent_id = recorded
        .last()
        .map(|r| r.request_id.clone())
        .expect("recorded");
    assert_eq!(err.request_id(), Some(sent_id.as_str()));
    let Error::Api(op) = &err else {
        panic!("expected an API error, got {err:?}")
    };
    assert!(matches!(op, GetItemError::InsufficientPermissions(_)));
    // Every <Op>Error gives its ApiError without importing a trait.
    assert_eq!(op.api_error().status(), 403);
    assert_eq!(op.api_error().request_id(), Some(sent_id.as_str()));
    assert!(
        err.to_string().contains(&sent_id),
        "Display names the request id: {err}"
    );
}

#[tokio::test]
async fn a_proxy_html_502_is_a_decode_error_after_retries() {
    let server = vook_server().await;
    let client = vook_client(&server);
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    server.script("list_items", (0..3).map(|_| Fault::status(502).html(html)));
    let err = client
        .list_items(&ListItemsQuery::default())
        .await
        .expect_err("502s");
    let Error::Decode(d) = &err else {
        panic!("expected Decode, got {err:?}")
    };
    assert_eq!(d.status(), 502);
    assert!(d.body().contains("Bad Gateway"));
    assert_eq!(err.attempts(), 3, "5xx is retried up to max_attempts");
    assert_eq!(err.status(), Some(502));
}

#[tokio::test]
async fn huge_error_bodies_are_capped() {
    let server = vook_server().await;
    let client = vook_client(&server);
    server.script(
        "get_item",
        [Fault::huge_body(5 * 1024 * 1024).with_status(400)],
    );
    let err = client.get_item("itm_1").await.expect_err("400");
    let shown = format!("{err}");
    assert!(
        shown.len() < 70 * 1024,
        "Display is bounded: {} bytes",
        shown.len()
    );
    // 64 KiB of a 5 MiB JSON body is not a complete error object: a decode error,
    // keeping exactly the cap and saying it cut the rest.
    let Error::Decode(d) = &err else {
        panic!("expected a decode error, got {err:?}")
    };
    assert_eq!(d.kind(), vook_runtime::DecodeErrorKind::ErrorBody);
    assert_eq!(d.status(), 400);
    assert!(d.body_truncated());
    assert_eq!(d.body().len(), 64 * 1024);
    assert_eq!(vook_runtime::MAX_ERROR_BODY_BYTES, 64 * 1024);
}

#[tokio::test]
async fn the_deadline_bounds_a_server_that_never_answers() {
    let server = vook_server().await;
    let client = Client::builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .deadline(Duration::from_millis(400))
        .build()
        .expect("client");
    server.script("list_items", [Fault::hang()]);
    let started = Instant::now();
    let err = client
        .list_items(&ListItemsQuery::default())
        .await
        .expect_err("times out");
    assert!(matches!(err, Error::Timeout(_)), "got {err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_wrong_key_is_terminal_and_the_key_is_never_printed() {
    let server = vook_server().await;
    let secret = "sk_live_this_must_never_be_printed";
    let client = Client::builder()
        .base_url(server.base_url())
        .api_key(format!("  {secret}\n"))
        .build()
        .expect("client");
    let err = client.get_item("itm_1").await.expect_err("401");
    assert!(
        matches!(err, Error::Api(GetItemError::InvalidApiKey(_))),
        "{err:?}"
    );
    assert_eq!(err.attempts(), 1);
    for shown in [
        format!("{client:?}"),
        format!("{err}"),
        format!("{err:?}"),
        format!("{err:#?}"),
    ] {
        assert!(!shown.contains(secret), "key leaked: {shown}");
    }
    // The key was trimmed, and it did reach the server.
    let auth = server.requests_for("get_item")[0]
        .header("authorization")
        .map(str::to_owned);
    assert_eq!(auth.as_deref(), Some(format!("Bearer {secret}").as_str()));
    // Control characters are refused before anything is sent.
    let built = Client::builder()
        .base_url(server.base_url())
        .api_key("abc\r\ndef")
        .build();
    let Err(e) = built else {
        panic!("a key with CR LF must not build")
    };
    assert!(
        matches!(
            e,
            vook_runtime::BuildError::InvalidApiKey {
                reason: "it contains a control character",
                env: None,
            }
        ),
        "{e:?}"
    );
    assert!(!format!("{e:?}").contains("abc") && !e.to_string().contains("abc"));
}

/// The macro path produces a working client too, not only the checked-in one.
mod via_macro {
    #[vook_macros::vook_api(spec = "../schema/vook.yaml")]
    pub mod vook {}
}

#[tokio::test]
async fn the_macro_generated_client_behaves_the_same() {
    let server = vook_server().await;
    let client = via_macro::vook::Client::builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .base_delay(Duration::from_millis(5))
        .build()
        .expect("client");
    server.script("create_item", [Fault::error("internal_error")]);
    let created = client
        .create_item(&via_macro::vook::NewItem {
            name: "m".into(),
            ..Default::default()
        })
        .await
        .expect("create");
    assert_eq!(created.attempts(), 2);
    match client.get_item("itm_missing").await {
        Err(Error::Api(via_macro::vook::GetItemError::NotFound(_))) => {}
        other => panic!("expected NotFound, got {other:?}"),
    }
}
