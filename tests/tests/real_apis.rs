//! Specs of real APIs (`tests/specs/real/`: GitHub, Stripe, Twilio, OpenAI, Anthropic,
//! written from their public documentation; each file's header says what of the
//! real API does not fit vook yet), each generated and compiled by `#[vook_api]`
//! here and exercised against vook-mock on 127.0.0.1 serving that spec: the typed
//! error variant, message, request id, details, retry decision and rate-limit state,
//! decoded from bodies and headers in the shape that API sends them. Stripe and
//! Twilio requests are form bodies: the mock records the raw request, and the
//! tests compare its Content-Type and bytes with what those APIs take (bracket
//! notation for Stripe's `metadata[order_id]=42`, PascalCase `To`/`From` for Twilio).
//!
//! Conventions of the real APIs that vook-mock does not produce on its own (a
//! code-less Stripe or OpenAI server error, GitHub's `documentation_url`) are
//! scripted as raw bodies.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failure

use std::time::{Duration, Instant, SystemTime};

use serde_json::{Value, json};
use vook_mock::{Fault, MockServer};
use vook_runtime::{ApiError, ClientBuilder, Error, RetryClass};

mod github {
    #[vook_macros::vook_api(spec = "specs/real/github.yaml")]
    pub mod api {}
}
mod stripe {
    #[vook_macros::vook_api(spec = "specs/real/stripe.yaml")]
    pub mod api {}
}
mod twilio {
    #[vook_macros::vook_api(spec = "specs/real/twilio.yaml")]
    pub mod api {}
}
mod openai {
    #[vook_macros::vook_api(spec = "specs/real/openai.yaml")]
    pub mod api {}
}
mod anthropic {
    #[vook_macros::vook_api(spec = "specs/real/anthropic.yaml")]
    pub mod api {}
}

/// vook-mock serving `tests/specs/real/<spec>`, and a client of it from `builder`
/// (the generated `Client::builder`) with the server's key and short backoff.
async fn serve<C: From<vook_runtime::Client>>(
    spec: &str,
    builder: fn() -> ClientBuilder<C>,
) -> (MockServer, C) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("specs/real")
        .join(spec);
    let server = MockServer::from_spec_path(path).await.expect("mock starts");
    let client = builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .base_delay(Duration::from_millis(10))
        .max_delay(Duration::from_millis(50))
        .build()
        .expect("client");
    (server, client)
}

async fn github() -> (MockServer, github::api::Client) {
    serve("github.yaml", github::api::Client::builder).await
}
async fn stripe() -> (MockServer, stripe::api::Client) {
    serve("stripe.yaml", stripe::api::Client::builder).await
}
async fn twilio() -> (MockServer, twilio::api::Client) {
    serve("twilio.yaml", twilio::api::Client::builder).await
}
async fn openai() -> (MockServer, openai::api::Client) {
    serve("openai.yaml", openai::api::Client::builder).await
}
async fn anthropic() -> (MockServer, anthropic::api::Client) {
    serve("anthropic.yaml", anthropic::api::Client::builder).await
}

/// The error body as the server sent it.
fn body(e: &ApiError) -> Value {
    serde_json::from_str(e.raw_body()).expect("a JSON error body")
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A request id as vook-mock issues them, from the API's own header.
fn mock_request_id(id: Option<&str>) -> bool {
    id.is_some_and(|id| id.starts_with("req_"))
}

#[test]
fn every_real_spec_loads_and_is_compiled_here() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/real");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/specs/real")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    assert!(names.len() >= 4, "{names:?}");
    let this = include_str!("real_apis.rs");
    for name in names {
        let api = vook_schema::load_path(dir.join(&name)).unwrap_or_else(|d| panic!("{d}"));
        assert!(api.endpoints.len() >= 3, "{name}: a few endpoints");
        let attr = format!("spec = \"specs/real/{name}\"");
        assert!(
            this.contains(&attr),
            "{name} has no #[vook_api] module here"
        );
    }
}

// --- GitHub: status-keyed errors, `errors[]` details, epoch resets ---------------

#[tokio::test]
async fn github_errors_are_named_by_status() {
    use github::api::*;
    let (server, client) = github().await;
    let made = client
        .create_issue(
            "octo",
            "hello",
            &NewIssue {
                title: "Found a bug".into(),
                body: Some("It breaks.".into()),
                assignees: None,
                // GitHub takes label names and answers label objects; vook-mock
                // copies a body field into the same-named response field as is,
                // so a label here would not decode as a `Label`.
                labels: None,
            },
        )
        .await
        .expect("created");
    assert_eq!(made.status(), 201);
    let before = unix_now();
    let rl = made.rate_limit().expect("x-ratelimit-* read");
    assert_eq!(rl.limit, Some(1000));
    let reset = rl.reset.expect("epoch reset");
    assert!((before..=before + 61).contains(&reset), "{reset}");

    // 404: the status alone names `not_found`; GitHub's body has no code.
    server.script(
        "get_issue",
        [Fault::error("not_found").json(&json!({
            "message": "Not Found",
            "documentation_url": "https://docs.github.com/rest/issues/issues#get-an-issue",
            "status": "404"
        }))],
    );
    let e = match client.get_issue("octo", "hello", 999).await {
        Err(Error::Api(GetIssueError::NotFound(e))) => e,
        other => panic!("expected NotFound, got {other:?}"),
    };
    assert_eq!(
        (e.code(), e.status(), e.message()),
        ("not_found", 404, "Not Found")
    );
    assert!(
        mock_request_id(e.request_id()),
        "from X-GitHub-Request-Id: {e:?}"
    );
    assert!(e.details().is_empty());
    assert_eq!(e.attempts(), 1, "a 404 is not retried");
    assert_eq!(e.retry_class(), RetryClass::Never);

    // 422 with `errors: [{resource, field, code}]`.
    server.script(
        "create_issue",
        [Fault::error("validation_failed").details([("title", "missing_field")])],
    );
    let e = match client
        .create_issue(
            "octo",
            "hello",
            &NewIssue {
                title: String::new(),
                body: None,
                assignees: None,
                labels: None,
            },
        )
        .await
    {
        Err(Error::Api(CreateIssueError::ValidationFailed(e))) => e,
        other => panic!("expected ValidationFailed, got {other:?}"),
    };
    assert_eq!(e.message(), "Validation Failed");
    assert_eq!(e.details().len(), 1);
    assert_eq!(
        (e.details()[0].field.as_str(), e.details()[0].issue.as_str()),
        ("title", "missing_field")
    );
    assert_eq!(body(&e)["errors"][0]["code"], "missing_field");
    assert!(body(&e).get("code").is_none(), "no code on the wire");

    // 403 is `forbidden` here: never retried.
    server.script("get_issue", [Fault::error("forbidden")]);
    match client.get_issue("octo", "hello", made.number).await {
        Err(Error::Api(GetIssueError::Forbidden(e))) => assert_eq!(e.attempts(), 1),
        other => panic!("expected Forbidden, got {other:?}"),
    }
    assert_eq!(server.requests_for("get_issue").len(), 2);
    // A status the endpoint has no code for: `Unknown`, `http_<status>`.
    server.script(
        "get_issue",
        [Fault::status(418).json(&json!({"message": "I'm a teapot"}))],
    );
    match client.get_issue("octo", "hello", 1).await {
        Err(Error::Api(GetIssueError::Unknown(e))) => assert_eq!(e.code(), "http_418"),
        other => panic!("expected Unknown, got {other:?}"),
    }
}

#[tokio::test]
async fn github_rate_limits_and_outages_are_retried() {
    use github::api::*;
    let (server, client) = github().await;
    let made = client
        .create_issue(
            "octo",
            "hello",
            &NewIssue {
                title: "t".into(),
                body: None,
                assignees: None,
                labels: None,
            },
        )
        .await
        .expect("created");
    // 429 with `x-ratelimit-remaining: 0` and a reset 1.2 s ahead: wait, then pass.
    server.script(
        "get_issue",
        [Fault::error("rate_limited")
            .rate_limit_remaining(0)
            .rate_limit_reset_in(Duration::from_millis(1200))],
    );
    let started = Instant::now();
    let got = client
        .get_issue("octo", "hello", made.id)
        .await
        .expect("after the reset");
    assert_eq!(got.attempts(), 2);
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(got.title, "t");
    // 503 backs off and succeeds.
    server.script("get_issue", [Fault::error("service_unavailable")]);
    let got = client
        .get_issue("octo", "hello", made.id)
        .await
        .expect("after the outage");
    assert_eq!(got.attempts(), 2);
}

// --- Stripe: `error.code` in an envelope, the request id only in `Request-Id` ----

#[tokio::test]
async fn stripe_errors_are_typed_by_code() {
    use stripe::api::*;
    let (server, client) = stripe().await;
    let e = match client.retrieve_customer("cus_missing").await {
        Err(Error::Api(RetrieveCustomerError::ResourceMissing(e))) => e,
        other => panic!("expected ResourceMissing, got {other:?}"),
    };
    assert_eq!((e.code(), e.status()), ("resource_missing", 404));
    assert_eq!(e.message(), "No such customer: 'cus_missing'");
    assert!(mock_request_id(e.request_id()), "from Request-Id: {e:?}");
    assert!(
        body(&e)["error"].get("request_id").is_none(),
        "only the header has it"
    );
    assert_eq!(e.attempts(), 1);
    assert!(
        e.rate_limit().is_none(),
        "Stripe sends no rate-limit headers"
    );

    // As Stripe sends it: `type`, `code`, `message`, `param`, `doc_url`.
    server.script(
        "list_customers",
        [
            Fault::error("parameter_invalid_integer").json(&json!({"error": {
                "type": "invalid_request_error",
                "code": "parameter_invalid_integer",
                "message": "Invalid integer: ten",
                "param": "limit",
                "doc_url": "https://docs.stripe.com/error-codes/parameter-invalid-integer"
            }})),
        ],
    );
    let e = match client.list_customers(&ListCustomersQuery::default()).await {
        Err(Error::Api(ListCustomersError::ParameterInvalidInteger(e))) => e,
        other => panic!("expected ParameterInvalidInteger, got {other:?}"),
    };
    assert_eq!(e.message(), "Invalid integer: ten");
    assert!(
        e.details().is_empty(),
        "`param` is one name, not a details list"
    );
    assert_eq!(body(&e)["error"]["param"], "limit");
    assert_eq!(e.attempts(), 1);

    // An expired key: never retried.
    server.script("retrieve_balance", [Fault::error("api_key_expired")]);
    match client.retrieve_balance().await {
        Err(Error::Api(RetrieveBalanceError::ApiKeyExpired(e))) => {
            assert_eq!((e.status(), e.attempts()), (401, 1));
        }
        other => panic!("expected ApiKeyExpired, got {other:?}"),
    }
}

#[tokio::test]
async fn stripe_rate_limits_and_codeless_server_errors_are_retried() {
    use stripe::api::*;
    let (server, client) = stripe().await;
    // `rate_limit` (429, no Retry-After, no rate-limit headers): backs off, then passes.
    server.script(
        "list_customers",
        [Fault::error("rate_limit"), Fault::error("lock_timeout")],
    );
    let page = client
        .list_customers(&ListCustomersQuery {
            limit: Some(3),
            ..Default::default()
        })
        .await
        .expect("after two retries");
    assert_eq!(page.attempts(), 3);
    assert!(page.data.is_empty());
    assert!(page.rate_limit().is_none());
    // A real Stripe 500 carries no code (`type: api_error` only): a decode error,
    // retried by its status.
    let api_error = json!({"error": {"type": "api_error", "message": "An unknown error occurred"}});
    server.script("retrieve_balance", [Fault::status(500).json(&api_error)]);
    let balance = client.retrieve_balance().await.expect("retried");
    assert_eq!(balance.attempts(), 2);
    server.script(
        "retrieve_balance",
        vec![Fault::status(500).json(&api_error); 3],
    );
    match client.retrieve_balance().await {
        Err(Error::Decode(e)) => {
            assert_eq!(e.status(), 500);
            assert!(mock_request_id(e.request_id()), "{e:?}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    // And its code-less 401 is not retried.
    let bad_key = json!({"error": {"type": "invalid_request_error", "message": "Invalid API Key provided: sk_test_****"}});
    server.script("retrieve_balance", [Fault::status(401).json(&bad_key)]);
    match client.retrieve_balance().await {
        Err(e @ Error::Decode(_)) => assert_eq!(e.attempts(), 1),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

/// The Content-Type and the body, as the mock received them.
fn form_sent(sent: &vook_mock::RecordedRequest) -> (&str, &str) {
    (
        sent.headers["content-type"].to_str().unwrap(),
        std::str::from_utf8(&sent.body).unwrap(),
    )
}

const FORM: &str = "application/x-www-form-urlencoded";

fn jenny() -> stripe::api::NewCustomer {
    stripe::api::NewCustomer {
        email: Some("jenny.rosen@example.com".into()),
        name: Some("Jenny Rosen".into()),
        description: None,
        phone: None,
        metadata: Some(std::collections::BTreeMap::from([(
            "order_id".to_owned(),
            "42".to_owned(),
        )])),
    }
}

/// `create_customer(jenny())` as Stripe takes it: form-encoded, `metadata` in
/// brackets, `None` fields absent.
const JENNY_FORM: &str = "email=jenny.rosen%40example.com&metadata[order_id]=42&name=Jenny+Rosen";

#[tokio::test]
async fn stripe_creates_are_form_encoded_as_stripe_takes_them() {
    use stripe::api::*;
    let (server, client) = stripe().await;
    let made = client.create_customer(&jenny()).await.expect("created");
    assert_eq!(made.status(), 200, "Stripe answers a create with 200");
    let sent = server.requests_for("create_customer");
    assert_eq!(sent.len(), 1);
    assert_eq!(form_sent(&sent[0]), (FORM, JENNY_FORM));
    assert_eq!(
        (sent[0].method.as_str(), sent[0].path.as_str()),
        ("POST", "/customers")
    );
    // The mock decoded the form into `NewCustomer` and answered a JSON `Customer`.
    assert_eq!(made.email.as_deref(), Some("jenny.rosen@example.com"));
    assert_eq!(made.name.as_deref(), Some("Jenny Rosen"));
    assert_eq!(made.metadata["order_id"], "42");
    assert!(made.id.starts_with("cst_"), "{}", made.id);
    let got = client.retrieve_customer(&made.id).await.expect("stored");
    assert_eq!(got.email, made.email);

    // Nested objects and lists in bracket notation, an enum as its value.
    let intent = client
        .create_payment_intent(&NewPaymentIntent {
            amount: 2000,
            currency: "usd".into(),
            customer: Some(made.id.clone()),
            description: None,
            capture_method: Some(CaptureMethod::Manual),
            payment_method_types: Some(vec!["card".into(), "link".into()]),
            automatic_payment_methods: Some(AutomaticPaymentMethods { enabled: false }),
            metadata: None,
        })
        .await
        .expect("created");
    let sent = server.requests_for("create_payment_intent");
    let expected = format!(
        "amount=2000&automatic_payment_methods[enabled]=false&capture_method=manual\
         &currency=usd&customer={}&payment_method_types[0]=card&payment_method_types[1]=link",
        made.id
    );
    assert_eq!(form_sent(&sent[0]), (FORM, expected.as_str()));
    assert_eq!((intent.amount, intent.currency.as_str()), (2000, "usd"));
    assert_eq!(intent.customer.as_deref(), Some(made.id.as_str()));
    assert_eq!(intent.payment_method_types, ["card", "link"]);
    assert_eq!(intent.capture_method, "manual");

    // An amount Stripe refuses, in Stripe's own body: typed, with `param` raw.
    server.script(
        "create_payment_intent",
        [Fault::error("amount_too_small").json(&json!({"error": {
            "type": "invalid_request_error",
            "code": "amount_too_small",
            "message": "Amount must be at least $0.50 usd",
            "param": "amount",
            "doc_url": "https://docs.stripe.com/error-codes/amount-too-small"
        }}))],
    );
    let e = match client
        .create_payment_intent(&NewPaymentIntent {
            amount: 1,
            currency: "usd".into(),
            customer: None,
            description: None,
            capture_method: None,
            payment_method_types: None,
            automatic_payment_methods: None,
            metadata: None,
        })
        .await
    {
        Err(Error::Api(CreatePaymentIntentError::AmountTooSmall(e))) => e,
        other => panic!("expected AmountTooSmall, got {other:?}"),
    };
    assert_eq!(
        (e.status(), e.message(), e.attempts()),
        (400, "Amount must be at least $0.50 usd", 1)
    );
    assert!(mock_request_id(e.request_id()), "from Request-Id: {e:?}");
    assert_eq!(body(&e)["error"]["param"], "amount");
    let sent = server.requests_for("create_payment_intent");
    assert_eq!(form_sent(&sent[1]), (FORM, "amount=1&currency=usd"));
}

#[tokio::test]
async fn stripe_retried_form_posts_resend_the_same_bytes_and_idempotency_key() {
    let (server, client) = stripe().await;
    // A 429 `rate_limit`, then a code-less 500 (`api_error`): both retried.
    let api_error = json!({"error": {"type": "api_error", "message": "An unknown error occurred"}});
    server.script(
        "create_customer",
        [
            Fault::error("rate_limit"),
            Fault::status(500).json(&api_error),
        ],
    );
    let made = client
        .create_customer(&jenny())
        .await
        .expect("after two retries");
    assert_eq!(made.attempts(), 3);
    assert_eq!(made.metadata["order_id"], "42");
    let sent = server.requests_for("create_customer");
    assert_eq!(sent.len(), 3);
    let key = sent[0].headers["idempotency-key"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(!key.is_empty());
    for (i, attempt) in sent.iter().enumerate() {
        assert_eq!(form_sent(attempt), (FORM, JENNY_FORM), "attempt {i}");
        assert_eq!(
            attempt.headers["idempotency-key"],
            key.as_str(),
            "attempt {i}"
        );
    }
    assert_eq!(server.objects("/customers").len(), 1, "created once");

    // `idempotency_key_in_use` (409) backs off and is resent under the same key.
    server.script("create_customer", [Fault::error("idempotency_key_in_use")]);
    let again = client
        .create_customer(&jenny())
        .await
        .expect("after the retry");
    assert_eq!(again.attempts(), 2);
    let sent = server.requests_for("create_customer");
    let (first, second) = (&sent[3], &sent[4]);
    assert_eq!(first.body, second.body);
    assert_eq!(
        first.headers["idempotency-key"],
        second.headers["idempotency-key"]
    );
    assert_ne!(
        first.headers["idempotency-key"],
        key.as_str(),
        "a new call has a new key"
    );
}

// --- Twilio: integer codes at the top level, Basic auth ---------------------------

#[tokio::test]
async fn twilio_integer_codes_are_typed_by_key() {
    use twilio::api::*;
    let (server, client) = twilio().await;
    let e = match client.fetch_message("AC123", "SM404").await {
        Err(Error::Api(FetchMessageError::ResourceNotFound(e))) => e,
        other => panic!("expected ResourceNotFound, got {other:?}"),
    };
    assert_eq!((e.code(), e.status()), ("resource_not_found", 404));
    assert_eq!(e.message(), "The requested resource was not found");
    assert!(
        mock_request_id(e.request_id()),
        "from Twilio-Request-Id: {e:?}"
    );
    assert_eq!(body(&e)["code"], json!(20404), "a JSON number on the wire");
    assert!(e.rate_limit().is_none());
    assert_eq!(e.attempts(), 1);

    // Twilio's own body: `code`, `message`, `more_info`, `status`.
    server.script(
        "delete_message",
        [Fault::status(409).json(&json!({
            "code": 20009,
            "message": "Unable to delete message",
            "more_info": "https://www.twilio.com/docs/errors/20009",
            "status": 409
        }))],
    );
    match client.delete_message("AC123", "SM1").await {
        Err(Error::Api(DeleteMessageError::MessageCannotBeDeleted(e))) => {
            assert_eq!(e.message(), "Unable to delete message");
            assert_eq!(e.attempts(), 1, "a 409 is not retried");
        }
        other => panic!("expected MessageCannotBeDeleted, got {other:?}"),
    }

    // Wrong credentials: the mock checks Basic auth and answers 20003.
    let wrong = Client::builder()
        .base_url(server.base_url())
        .api_key("ACwrong:token")
        .build()
        .unwrap();
    match wrong.fetch_account("AC123").await {
        Err(Error::Api(FetchAccountError::Authenticate(e))) => {
            assert_eq!(e.status(), 401);
            assert_eq!(body(&e)["code"], json!(20003));
            assert_eq!(e.attempts(), 1);
        }
        other => panic!("expected Authenticate, got {other:?}"),
    }
    let sent = server.requests().last().unwrap().clone();
    assert!(
        sent.headers["authorization"]
            .to_str()
            .unwrap()
            .starts_with("Basic ")
    );
}

#[tokio::test]
async fn twilio_throttles_and_outages_are_retried() {
    use twilio::api::*;
    let (server, client) = twilio().await;
    server.script(
        "list_messages",
        [
            Fault::error("too_many_requests"),
            Fault::error("internal_server_error"),
        ],
    );
    let page = client
        .list_messages(
            "AC123",
            &ListMessagesQuery {
                page_size: Some(20),
                ..Default::default()
            },
        )
        .await
        .expect("after two retries");
    assert_eq!(page.attempts(), 3);
    assert!(page.messages.is_empty());
    assert_eq!(server.requests_for("list_messages").len(), 3);
    // An integer code the spec does not list: `Unknown`, its digits as the code.
    server.script(
        "list_messages",
        [Fault::status(400).json(&json!({"code": 20001, "message": "Unknown parameter", "more_info": "https://www.twilio.com/docs/errors/20001", "status": 400}))],
    );
    match client
        .list_messages("AC123", &ListMessagesQuery::default())
        .await
    {
        Err(Error::Api(ListMessagesError::Unknown(e))) => {
            assert_eq!((e.code(), e.attempts()), ("20001", 1));
        }
        other => panic!("expected Unknown, got {other:?}"),
    }
}

fn hello() -> twilio::api::NewMessage {
    twilio::api::NewMessage {
        to: "+15558675310".into(),
        from: Some("+15017122661".into()),
        messaging_service_sid: None,
        body: Some("Hi there & welcome".into()),
        status_callback: Some("https://example.com/sms/status".into()),
        validity_period: Some(600),
    }
}

/// `create_message(hello())` as Twilio takes it: form-encoded, PascalCase names.
const HELLO_FORM: &str = concat!(
    "Body=Hi+there+%26+welcome&From=%2B15017122661",
    "&StatusCallback=https%3A%2F%2Fexample.com%2Fsms%2Fstatus&To=%2B15558675310&ValidityPeriod=600"
);

#[tokio::test]
async fn twilio_sends_a_message_as_a_pascal_case_form() {
    let (server, client) = twilio().await;
    let made = client
        .create_message("AC123", &hello())
        .await
        .expect("sent");
    assert_eq!(made.status(), 201);
    let sent = server.requests_for("create_message");
    assert_eq!(sent.len(), 1);
    assert_eq!(form_sent(&sent[0]), (FORM, HELLO_FORM));
    assert_eq!(sent[0].path, "/Accounts/AC123/Messages.json");
    // The answer is JSON under snake_case names, read into `Message`.
    assert_eq!(made.to, "+15558675310");
    assert_eq!(made.from.as_deref(), Some("+15017122661"));
    assert_eq!(made.body, "Hi there & welcome");
    // `Debug` shows the Rust names.
    let debug = format!("{:?}", hello());
    assert!(debug.contains("status_callback: Some("), "{debug}");

    // The mock checks the wire names: Rust names in the form are refused.
    let (user, pass) = server.api_key().split_once(':').expect("SID:token");
    let refused = vook_runtime::reqwest::Client::new()
        .post(server.url("/Accounts/AC123/Messages.json"))
        .basic_auth(user, Some(pass))
        .header("content-type", FORM)
        .body("to=%2B15558675310&Body=Hi")
        .send()
        .await
        .unwrap();
    // Its answer to a form without `To` is Twilio's 21604.
    assert_eq!(refused.status(), 400);
    let refused: Value = refused.json().await.unwrap();
    assert_eq!(
        refused,
        json!({"code": 21604, "message": "A 'To' phone number is required."})
    );
    assert_eq!(server.requests_for("create_message").len(), 2);
}

#[tokio::test]
async fn twilio_an_invalid_to_number_is_typed_with_its_message_and_request_id() {
    use twilio::api::*;
    let (server, client) = twilio().await;
    server.script(
        "create_message",
        [Fault::error("invalid_to_number").json(&json!({
            "code": 21211,
            "message": "The 'To' number +1555 is not a valid phone number.",
            "more_info": "https://www.twilio.com/docs/errors/21211",
            "status": 400
        }))],
    );
    let bad = NewMessage {
        to: "+1555".into(),
        ..hello()
    };
    let e = match client.create_message("AC123", &bad).await {
        Err(Error::Api(CreateMessageError::InvalidToNumber(e))) => e,
        other => panic!("expected InvalidToNumber, got {other:?}"),
    };
    assert_eq!((e.code(), e.status()), ("invalid_to_number", 400));
    assert_eq!(
        e.message(),
        "The 'To' number +1555 is not a valid phone number."
    );
    assert!(
        mock_request_id(e.request_id()),
        "from Twilio-Request-Id: {e:?}"
    );
    assert_eq!(body(&e)["code"], json!(21211));
    assert_eq!(e.attempts(), 1, "a 400 is not retried");
    let sent = server.requests_for("create_message");
    assert_eq!(
        form_sent(&sent[0]).1,
        HELLO_FORM.replace("To=%2B15558675310", "To=%2B1555")
    );
    assert_eq!(
        e.request_id(),
        Some(sent[0].request_id.as_str()),
        "the id the mock recorded"
    );
}

// --- OpenAI: duration resets, Retry-After-Ms, two 429s of different kinds -------

#[tokio::test]
async fn openai_errors_and_duration_resets() {
    use openai::api::*;
    let (server, client) = openai().await;
    server.script(
        "retrieve_model",
        [Fault::error("model_not_found")
            .rate_limit_remaining(499)
            .rate_limit_reset_in(Duration::from_secs(360))],
    );
    let before = unix_now();
    let e = match client.retrieve_model("gpt-9").await {
        Err(Error::Api(RetrieveModelError::ModelNotFound(e))) => e,
        other => panic!("expected ModelNotFound, got {other:?}"),
    };
    assert_eq!(
        e.message(),
        "The model `gpt-9` does not exist or you do not have access to it."
    );
    assert!(mock_request_id(e.request_id()), "from x-request-id: {e:?}");
    assert!(body(&e)["error"].get("request_id").is_none());
    let rl = e.rate_limit().expect("x-ratelimit-*-requests read");
    assert_eq!((rl.limit, rl.remaining), (Some(1000), Some(499)));
    let reset = rl.reset.expect("`6m0s` normalised to Unix seconds");
    assert!(
        (before + 359..=unix_now() + 361).contains(&reset),
        "{reset}"
    );
    let left = rl.reset_in().unwrap();
    assert!(
        left > Duration::from_secs(355) && left <= Duration::from_secs(361),
        "{left:?}"
    );
    assert_eq!(e.attempts(), 1);
    let sent = server.requests_for("retrieve_model");
    assert!(
        sent[0].headers["authorization"]
            .to_str()
            .unwrap()
            .starts_with("Bearer ")
    );

    // A chat completion with free-form `tools` (json) goes through.
    let done = client
        .create_chat_completion(&ChatCompletionRequest {
            model: "gpt-4o".into(),
            messages: vec![ChatMessage { role: Role::User, content: Some("Hi".into()), name: None }],
            temperature: Some(0.2),
            max_completion_tokens: None,
            n: None,
            user: None,
            tools: Some(vec![json!({"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}})]),
            response_format: Some(json!({"type": "json_object"})),
            metadata: None,
        })
        .await
        .expect("created");
    assert_eq!(done.model, "gpt-4o");
    let sent = server.requests_for("create_chat_completion")[0]
        .body_json()
        .unwrap();
    assert_eq!(sent["tools"][0]["function"]["name"], "f");
}

#[tokio::test]
async fn openai_retries_rate_limits_by_retry_after_ms_but_not_an_empty_quota() {
    use openai::api::*;
    let (server, client) = openai().await;
    // `retry-after-ms: 250` wins over `retry-after: 5`.
    server.script(
        "list_models",
        [Fault::error("rate_limit_exceeded")
            .retry_after_secs(5)
            .retry_after_ms(250)
            .rate_limit_remaining(0)],
    );
    let started = Instant::now();
    let models = client.list_models().await.expect("after the wait");
    let waited = started.elapsed();
    assert_eq!(models.attempts(), 2);
    assert!(waited >= Duration::from_millis(250), "{waited:?}");
    assert!(
        waited < Duration::from_secs(4),
        "waited the seconds: {waited:?}"
    );

    // `insufficient_quota` is a 429 too, but never retried.
    server.script("list_models", [Fault::error("insufficient_quota")]);
    let e = match client.list_models().await {
        Err(Error::Api(ListModelsError::InsufficientQuota(e))) => e,
        other => panic!("expected InsufficientQuota, got {other:?}"),
    };
    assert_eq!(
        (e.status(), e.retry_class(), e.attempts()),
        (429, RetryClass::Never, 1)
    );
    assert_eq!(server.requests_for("list_models").len(), 3);

    // A real 500 has `"code": null`: a decode error, backed off and retried.
    let server_error = json!({"error": {"message": "The server had an error while processing your request.", "type": "server_error", "param": null, "code": null}});
    server.script("list_models", [Fault::status(500).json(&server_error)]);
    let models = client.list_models().await.expect("retried");
    assert_eq!(models.attempts(), 2);
    // With the code it is typed, and backs off the same way.
    server.script("retrieve_model", vec![Fault::error("engine_overloaded"); 3]);
    match client.retrieve_model("gpt-4o").await {
        Err(Error::Api(RetrieveModelError::EngineOverloaded(e))) => {
            assert_eq!((e.status(), e.attempts()), (503, 3));
        }
        other => panic!("expected EngineOverloaded, got {other:?}"),
    }
}

// --- Anthropic: `x-api-key`, the code in `error.type`, 529 overloaded ------------

#[tokio::test]
async fn anthropic_errors_are_typed_by_the_error_type() {
    use anthropic::api::*;
    let (server, client) = anthropic().await;
    let request = MessageRequest {
        model: "claude-sonnet-4-5".into(),
        max_tokens: 256,
        messages: vec![InputMessage {
            role: MessageRole::User,
            content: json!([{"type": "text", "text": "Hello"}]),
        }],
        system: Some(json!("Be brief.")),
        temperature: None,
        stop_sequences: None,
        metadata: None,
    };
    // 529 overloaded backs off and passes; the key goes in `x-api-key` only.
    server.script("create_message", [Fault::error("overloaded_error")]);
    let made = client
        .create_message(&request)
        .await
        .expect("after the retry");
    assert_eq!(made.attempts(), 2);
    let sent = &server.requests_for("create_message")[1];
    assert_eq!(sent.headers["x-api-key"], server.api_key());
    assert!(sent.headers.get("authorization").is_none());
    assert_eq!(
        sent.body_json().unwrap()["messages"][0]["content"][0]["text"],
        "Hello"
    );

    // As Anthropic sends it: `{"type": "error", "error": {"type", "message"}}`.
    server.script(
        "get_model",
        [Fault::error("not_found_error").json(&json!({
            "type": "error",
            "error": {"type": "not_found_error", "message": "model: claude-9"}
        }))],
    );
    let e = match client.get_model("claude-9").await {
        Err(Error::Api(GetModelError::NotFoundError(e))) => e,
        other => panic!("expected NotFoundError, got {other:?}"),
    };
    assert_eq!(
        (e.code(), e.message(), e.attempts()),
        ("not_found_error", "model: claude-9", 1)
    );
    assert!(mock_request_id(e.request_id()), "from request-id: {e:?}");
    assert!(e.details().is_empty());

    // The reset is an RFC 3339 time, which no `reset_format` reads: limit and
    // remaining are typed, the reset is not.
    server.script(
        "list_models",
        [Fault::error("permission_error")
            .rate_limit_remaining(7)
            .header("anthropic-ratelimit-requests-reset", "2030-01-01T00:00:00Z")],
    );
    let e = match client.list_models(&ListModelsQuery::default()).await {
        Err(Error::Api(ListModelsError::PermissionError(e))) => e,
        other => panic!("expected PermissionError, got {other:?}"),
    };
    assert_eq!(e.attempts(), 1, "a 403 is not retried");
    let rl = e.rate_limit().expect("anthropic-ratelimit-* read");
    assert_eq!(
        (rl.limit, rl.remaining, rl.reset),
        (Some(1000), Some(7), None)
    );

    // A wrong key: the mock checks the header and answers `authentication_error`.
    let wrong = Client::builder()
        .base_url(server.base_url())
        .api_key("sk-ant-wrong")
        .build()
        .unwrap();
    match wrong.get_model("claude-sonnet-4-5").await {
        Err(Error::Api(GetModelError::AuthenticationError(e))) => {
            assert_eq!(
                (e.status(), e.message(), e.attempts()),
                (401, "invalid x-api-key", 1)
            );
        }
        other => panic!("expected AuthenticationError, got {other:?}"),
    }
    // `rate_limit_error` waits its `retry-after`, then passes.
    server.script(
        "list_models",
        [Fault::error("rate_limit_error").retry_after_secs(1)],
    );
    let started = Instant::now();
    let models = client
        .list_models(&ListModelsQuery::default())
        .await
        .expect("after the wait");
    assert_eq!(models.attempts(), 2);
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
}
