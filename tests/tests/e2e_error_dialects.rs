//! End to end: clients generated from specs whose errors are not Vook's (a
//! status-keyed API, integer wire codes, nested paths) against vook-mock on 127.0.0.1,
//! which answers in the shape each spec's `api.error_fields` describes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failure

use serde_json::{Value, json};
use vook_mock::{Fault, MockServer};
use vook_runtime::{ApiError, Error};

mod hub {
    #[vook_macros::vook_api(spec = "specs/valid/errors_status_keyed.yaml")]
    pub mod api {}
}
mod tel {
    #[vook_macros::vook_api(spec = "specs/valid/errors_integer_wire.yaml")]
    pub mod api {}
}
mod pay {
    #[vook_macros::vook_api(spec = "specs/valid/errors_nested_paths.yaml")]
    pub mod api {}
}

async fn server(spec: &str) -> MockServer {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(spec);
    MockServer::from_spec_path(path)
        .await
        .expect("server starts")
}

/// The error body as the server sent it.
fn body(e: &ApiError) -> Value {
    serde_json::from_str(e.raw_body()).expect("a JSON error body")
}

#[tokio::test]
async fn status_keyed_errors_are_named_by_status() {
    use hub::api::{Client, CreateIssueError, GetIssueError, NewIssue};
    let server = server("specs/valid/errors_status_keyed.yaml").await;
    let client = Client::builder()
        .base_url(server.base_url())
        .max_attempts(1)
        .build()
        .expect("client");
    let new = NewIssue { title: "t".into() };

    server.script("get_issue", [Fault::error("not_found")]);
    let e = match client.get_issue("octo/hello", 7).await {
        Err(Error::Api(GetIssueError::NotFound(e))) => e,
        other => panic!("expected NotFound, got {other:?}"),
    };
    assert_eq!(e.code(), "not_found");
    assert_eq!(e.status(), 404);
    assert_eq!(e.message(), "Not Found");
    // `request_id: null`: the id comes from the spec's header only.
    assert!(
        e.request_id().is_some_and(|id| id.starts_with("req_")),
        "{e:?}"
    );
    let sent = body(&e);
    assert_eq!(sent, json!({"message": "Not Found"}), "no code on the wire");

    // Another endpoint's 404 is its own code (`gone`), not `not_found`.
    server.script("create_issue", [Fault::error("gone")]);
    match client.create_issue("octo/hello", &new).await {
        Err(Error::Api(CreateIssueError::Gone(e))) => assert_eq!(e.code(), "gone"),
        other => panic!("expected Gone, got {other:?}"),
    }

    // 422 with GitHub's `errors: [{resource, field, code}]` as details.
    server.script(
        "create_issue",
        [Fault::error("validation_failed").details([("title", "missing_field")])],
    );
    let e = match client.create_issue("octo/hello", &new).await {
        Err(Error::Api(CreateIssueError::ValidationFailed(e))) => e,
        other => panic!("expected ValidationFailed, got {other:?}"),
    };
    assert_eq!(e.message(), "Validation Failed");
    assert_eq!(e.details().len(), 1);
    assert_eq!(e.details()[0].field, "title");
    assert_eq!(e.details()[0].issue, "missing_field");
    assert_eq!(body(&e)["errors"][0]["code"], "missing_field");

    // A status none of the endpoint's codes has: `Unknown`, `http_<status>`.
    server.script(
        "get_issue",
        [Fault::status(418).json(&json!({"message": "I'm a teapot"}))],
    );
    let e = match client.get_issue("octo/hello", 7).await {
        Err(Error::Api(GetIssueError::Unknown(e))) => e,
        other => panic!("expected Unknown, got {other:?}"),
    };
    assert_eq!(e.code(), "http_418");
    assert_eq!(e.message(), "I'm a teapot");
    // `secondary_rate_limit` is 403 on `create_issue` only; on `get_issue` a 403 is unknown.
    server.script(
        "get_issue",
        [Fault::status(403).json(&json!({"message": "rate"}))],
    );
    match client.get_issue("octo/hello", 7).await {
        Err(Error::Api(GetIssueError::Unknown(e))) => assert_eq!(e.code(), "http_403"),
        other => panic!("expected Unknown, got {other:?}"),
    }
    server.script("create_issue", [Fault::error("secondary_rate_limit")]);
    match client.create_issue("octo/hello", &new).await {
        Err(Error::Api(CreateIssueError::SecondaryRateLimit(e))) => {
            assert_eq!(e.retry_class(), vook_runtime::RetryClass::Throttle);
        }
        other => panic!("expected SecondaryRateLimit, got {other:?}"),
    }
}

#[tokio::test]
async fn integer_wire_codes_are_typed_by_key() {
    use tel::api::{Client, CreateMessageError, FetchMessageError, NewMessage};
    let server = server("specs/valid/errors_integer_wire.yaml").await;
    let client = Client::builder()
        .base_url(server.base_url())
        .max_attempts(1)
        .build()
        .expect("client");

    server.script("fetch_message", [Fault::error("resource_not_found")]);
    let e = match client.fetch_message("SM123").await {
        Err(Error::Api(FetchMessageError::ResourceNotFound(e))) => e,
        other => panic!("expected ResourceNotFound, got {other:?}"),
    };
    assert_eq!(
        e.code(),
        "resource_not_found",
        "the key, not the wire value"
    );
    assert_eq!(e.message(), "The requested resource was not found.");
    assert!(
        e.request_id().is_some_and(|id| id.starts_with("req_")),
        "{e:?}"
    );
    assert_eq!(body(&e)["code"], json!(20404), "a JSON number on the wire");

    // The mock's own 404 for a message that does not exist takes the same shape.
    match client.fetch_message("SM_missing").await {
        Err(Error::Api(FetchMessageError::ResourceNotFound(_))) => {}
        other => panic!("expected ResourceNotFound, got {other:?}"),
    }

    // An integer code the spec does not know: `Unknown`, the code as its decimal text.
    server.script(
        "create_message",
        [Fault::status(400).json(&json!({"code": 21610, "message": "Unsubscribed recipient", "more_info": "https://x", "status": 400}))],
    );
    let new = NewMessage {
        to: "+15005550006".into(),
        body: "hi".into(),
    };
    let e = match client.create_message(&new).await {
        Err(Error::Api(CreateMessageError::Unknown(e))) => e,
        other => panic!("expected Unknown, got {other:?}"),
    };
    assert_eq!(e.code(), "21610");
    assert_eq!(e.message(), "Unsubscribed recipient");

    // A code of the wrong JSON type is undecodable, typed as such.
    server.script(
        "create_message",
        [Fault::status(400).json(&json!({"code": {"n": 21211}, "message": "?"}))],
    );
    match client.create_message(&new).await {
        Err(Error::Decode(d)) => assert_eq!(d.status(), 400),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn nested_paths_and_string_wires() {
    use pay::api::{Client, CreateChargeError, GetChargeError, NewCharge};
    let server = server("specs/valid/errors_nested_paths.yaml").await;
    let client = Client::builder()
        .base_url(server.base_url())
        .max_attempts(1)
        .build()
        .expect("client");
    let new = NewCharge { amount: -1 };

    server.script(
        "create_charge",
        [Fault::error("parameter_invalid").details([("amount", "must be positive")])],
    );
    let e = match client.create_charge(&new).await {
        Err(Error::Api(CreateChargeError::ParameterInvalid(e))) => e,
        other => panic!("expected ParameterInvalid, got {other:?}"),
    };
    assert_eq!(e.code(), "parameter_invalid");
    assert_eq!(e.message(), "A parameter is invalid.");
    assert_eq!(e.details()[0].field, "amount");
    assert_eq!(e.details()[0].issue, "must be positive");
    assert!(
        e.request_id().is_some_and(|id| id.starts_with("req_")),
        "{e:?}"
    );
    let sent = body(&e);
    assert_eq!(sent["error"]["detail"]["code"], "parameter_invalid_integer");
    assert_eq!(
        sent["error"]["detail"]["params"][0]["reason"],
        "must be positive"
    );
    assert!(sent["error"].get("request_id").is_none());

    server.script("create_charge", [Fault::error("card_declined")]);
    match client.create_charge(&new).await {
        Err(Error::Api(CreateChargeError::CardDeclined(e))) => {
            assert_eq!(e.code(), "card_declined");
            assert_eq!(body(&e)["error"]["detail"]["code"], "card-declined");
        }
        other => panic!("expected CardDeclined, got {other:?}"),
    }

    // The mock's default 404, in the nested shape.
    match client.get_charge("ch_missing").await {
        Err(Error::Api(GetChargeError::ResourceMissing(e))) => {
            assert_eq!(e.message(), "No such resource.");
        }
        other => panic!("expected ResourceMissing, got {other:?}"),
    }
}

#[test]
fn error_code_from_takes_the_key_or_the_wire_value() {
    use tel::api::ErrorCode as Tel;
    assert_eq!(Tel::from("resource_not_found"), Tel::ResourceNotFound);
    assert_eq!(Tel::from("20404"), Tel::ResourceNotFound);
    assert_eq!(Tel::from("20429").as_str(), "too_many_requests");
    assert_eq!(Tel::from("20405"), Tel::Unknown("20405".into()));
    use pay::api::ErrorCode as Pay;
    let declined = Pay::from("card-declined");
    assert_eq!(declined, Pay::from("card_declined"));
    assert_eq!(declined.as_str(), "card_declined");
    assert_eq!(Pay::from("card-declined ").as_str(), "card-declined ");
}
