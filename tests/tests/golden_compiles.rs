//! Compiles every golden file (workspace lints and clippy `-D warnings` apply),
//! and exercises the generated API of each, so a golden file that is merely
//! text-equal but does not compile, or compiles to the wrong names, fails here.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(dead_code, unreachable_pub)]

/// The bundled spec's client is checked in as `vook-client` (kept fresh by
/// `generated_files.rs`); it is exercised here like the golden cases.
use vook_client as vook;

mod design_example {
    include!("../golden/design_example.rs");
}
mod bare {
    include!("../golden/bare.rs");
}
mod tricky {
    include!("../golden/tricky.rs");
}
mod empty {
    include!("../golden/empty.rs");
}
mod one_get {
    include!("../golden/one_get.rs");
}
mod keyword_params {
    include!("../golden/keyword_params.rs");
}
mod paginated {
    include!("../golden/paginated.rs");
}
mod json_any {
    include!("../golden/json_any.rs");
}

mod wire_form {
    include!("../golden/wire_form.rs");
}

/// A wildcard-free match over an `<Op>Error` compiles: this is the contract
/// that makes a new code in the spec a compile error (E0004) here.
fn describe(e: &vook::GetItemError) -> &'static str {
    match e {
        vook::GetItemError::InvalidApiKey(_) => "key",
        vook::GetItemError::InsufficientPermissions(_) => "scope",
        vook::GetItemError::RateLimitExceeded(_) => "slow down",
        vook::GetItemError::InternalError(_) => "server",
        vook::GetItemError::NotFound(_) => "gone",
        vook::GetItemError::Unknown(_) => "new code",
    }
}

#[test]
fn the_design_example_has_the_promised_names() {
    // design.md section 1's match, over the design.md section 2 spec.
    fn handle(e: design_example::GetItemError) -> &'static str {
        match e {
            design_example::GetItemError::NotFound(_) => "gone",
            design_example::GetItemError::InvalidApiKey(_) => "key",
            design_example::GetItemError::InsufficientPermissions(_) => "scope",
            design_example::GetItemError::RateLimitExceeded(_) => "slow",
            design_example::GetItemError::InternalError(_) => "server",
            design_example::GetItemError::Unknown(_) => "new",
        }
    }
    use vook_runtime::OpError;
    let e = design_example::GetItemError::from_api_error(vook_runtime::ApiError::new(
        429,
        "rate_limit_exceeded",
        "slow",
    ));
    assert_eq!(handle(e), "slow");
    let item = design_example::Item {
        id: "itm_1".into(),
        name: "n".into(),
        tags: vec![],
        note: None,
        r#type: design_example::ItemKind::Image,
    };
    assert_eq!(serde_json::to_value(&item).expect("json")["type"], "image");
    let _q = design_example::GetItemQuery { expand: None };
}

#[test]
fn degenerate_specs_still_make_usable_clients() {
    assert!(empty::ERROR_TABLE.is_empty());
    assert_eq!(
        empty::ErrorCode::from("anything"),
        empty::ErrorCode::Unknown("anything".into())
    );
    fn only_unknown(e: one_get::HealthError) -> String {
        match e {
            one_get::HealthError::Unknown(err) => err.code().to_owned(),
        }
    }
    use vook_runtime::OpError;
    let e = one_get::HealthError::from_api_error(vook_runtime::ApiError::new(
        418,
        "teapot",
        "short and stout",
    ));
    assert_eq!(only_unknown(e), "teapot");
    async fn _shape(c: &one_get::Client, _e: &empty::Client) {
        let _: vook_runtime::Result<bool, one_get::HealthError> = c.health().await;
    }
}

#[test]
fn the_schema_and_the_runtime_classify_statuses_alike() {
    // The spec crate uses the rule for a code without `retry:`, the runtime for
    // codes the spec does not know; they must agree.
    for status in 100..=599u16 {
        assert_eq!(
            vook_schema::model::RetryClass::for_status(status).as_str(),
            vook_runtime::RetryClass::for_status(status).as_str(),
            "status {status}"
        );
    }
}

#[test]
fn error_codes_round_trip_through_the_wire_string() {
    for row in &vook::ERROR_TABLE {
        let code = vook::ErrorCode::from(row.code);
        assert_eq!(code.as_str(), row.code);
        assert_eq!(code.status(), row.status);
        assert_eq!(code.retry_class(), row.retry);
        assert!(!matches!(code, vook::ErrorCode::Unknown(_)));
    }
    let unknown: vook::ErrorCode = "brand_new_code".parse().expect("infallible");
    assert_eq!(unknown, vook::ErrorCode::Unknown("brand_new_code".into()));
    assert_eq!(vook::ErrorCode::NotFound.status(), 404);
    assert_eq!(
        vook::ErrorCode::RateLimitExceeded.retry_class(),
        vook_runtime::RetryClass::Throttle
    );
    assert_eq!(vook::ERROR_TABLE.len(), 6);
}

#[test]
fn op_errors_hold_exactly_their_codes() {
    use vook_runtime::OpError;
    let err = vook_runtime::ApiError::new(404, "not_found", "gone");
    let e = vook::GetItemError::from_api_error(err);
    assert!(matches!(e, vook::GetItemError::NotFound(_)));
    assert_eq!(describe(&e), "gone");
    // create_item does not list not_found: it lands in Unknown, keeping the error.
    let e = vook::CreateItemError::from_api_error(vook_runtime::ApiError::new(
        404,
        "not_found",
        "gone",
    ));
    match &e {
        vook::CreateItemError::Unknown(inner) => assert_eq!(inner.code(), "not_found"),
        other => panic!("expected Unknown, got {other:?}"),
    }
    assert!(e.to_string().contains("not_found"));
}

#[test]
fn keywords_and_mangled_names_keep_their_wire_names() {
    let node = tricky::Node {
        r#type: "leaf".into(),
        r#match: Some("m".into()),
        self_: Some(true),
        crate_: None,
        children: vec![],
        parent: None,
        attrs: Default::default(),
    };
    let json = serde_json::to_value(&node).expect("serializes");
    assert_eq!(json["type"], "leaf");
    assert_eq!(json["match"], "m");
    assert_eq!(json["self"], true);
    assert!(json.get("crate").is_none(), "None fields are omitted");
    let back: tricky::Node = serde_json::from_value(json).expect("deserializes");
    assert_eq!(back, node);

    let modes: Vec<tricky::Mode> = serde_json::from_str(
        r#"["read-only","readWrite","2fast","ADMIN_ONLY","élan","brand-new"]"#,
    )
    .expect("modes");
    assert_eq!(
        modes,
        vec![
            tricky::Mode::ReadOnly,
            tricky::Mode::ReadWrite,
            tricky::Mode::V2fast,
            tricky::Mode::AdminOnly,
            tricky::Mode::Lan,
            tricky::Mode::Unknown("brand-new".into()),
        ]
    );
    assert_eq!(
        serde_json::to_string(&modes[0]).expect("ser"),
        "\"read-only\""
    );
    assert_eq!(
        serde_json::to_string(&modes[5]).expect("ser"),
        "\"brand-new\""
    );
}

#[test]
fn path_parameters_named_like_keywords_are_arguments() {
    // `self`, `super`, `crate` get a trailing `_`; other keywords are raw.
    async fn _shape(c: &keyword_params::Client) {
        let crate_ = "vook";
        let self_ = 7;
        let _: vook_runtime::Result<String, keyword_params::GetMemberError> =
            c.get_member(crate_, self_).await;
        let (super_, r#type, r#fn) = ("root", "leaf", 2);
        let _: vook_runtime::Result<(), keyword_params::ReplaceChildError> =
            c.replace_child(super_, r#type, r#fn, "new").await;
    }
    // The spec's names stay the model's: only the arguments are renamed.
    let api = vook_schema::load_path(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/golden/keyword_params.yaml"
    ))
    .expect("valid spec");
    let names: Vec<Vec<&str>> = api
        .endpoints
        .iter()
        .map(|e| e.path_params.iter().map(|p| p.name.as_str()).collect())
        .collect();
    assert_eq!(names, [vec!["crate", "self"], vec!["super", "type", "fn"]]);
}

#[test]
fn recursive_types_are_boxed_and_decode() {
    let json = r#"{"type":"root","children":[{"type":"leaf","children":[],"attrs":{}}],"parent":{"type":"up","children":[],"attrs":{"k":["v"]}},"attrs":{}}"#;
    let node: tricky::Node = serde_json::from_str(json).expect("decodes");
    assert_eq!(node.children[0].r#type, "leaf");
    assert_eq!(
        node.parent.as_ref().map(|p| p.attrs["k"][0].as_str()),
        Some("v")
    );
}

#[test]
fn clients_have_the_promised_shape() {
    // Only type-checks the signatures (each call's result type is spelled out, so a
    // changed return type fails to compile); the end-to-end tests run them.
    use std::collections::BTreeMap;
    use vook_runtime::{Error, Response};
    type Call<T, E> = Result<Response<T>, Error<E>>;
    async fn _shape(c: &vook::Client, b: &bare::Client, t: &tricky::Client, o: &one_get::Client) {
        let _: Call<vook::Item, vook::GetItemError> = c.get_item("itm_1").await;
        let _: Call<vook::Item, vook::CreateItemError> = c
            .create_item(&vook::NewItem {
                name: "n".into(),
                ..Default::default()
            })
            .await;
        let _: Call<vook::ItemList, vook::ListItemsError> = c
            .list_items(&vook::ListItemsQuery {
                limit: Some(10),
                cursor: None,
            })
            .await;
        let _: Call<vook::Item, vook::UpdateItemError> =
            c.update_item("itm_1", &vook::ItemPatch::default()).await;
        let _: Call<(), vook::DeleteItemError> = c.delete_item("itm_1").await;
        let _: Call<(), bare::PutNoteError> = b.put_note(7, "text").await;
        let _: Call<String, bare::PingError> = b.ping().await;
        let _: Call<Vec<f64>, bare::ListNumbersError> = b.list_numbers().await;
        let _: Call<tricky::Wrapper, tricky::GetNodeError> = t
            .get_node(
                "a",
                1,
                &tricky::GetNodeQuery {
                    mode: None,
                    limit: 1,
                    tags: None,
                },
            )
            .await;
        let _: Call<BTreeMap<String, tricky::Node>, tricky::TypeError> = t.r#type(&[]).await;
        let _: Call<bool, one_get::HealthError> = o.health().await;
    }
    fn _is_client<C: Clone + Send + Sync + std::fmt::Debug>() {}
    _is_client::<vook::Client>();
    assert_eq!(vook::API_SPEC.name, "vook");
    assert_eq!(bare::API_SPEC.envelope_data, None);
    assert_eq!(tricky::API_SPEC.retry.max_attempts, 5);
}

#[test]
fn paginated_endpoints_read_their_pages() {
    use paginated::*;
    use vook_runtime::Paginated;
    fn _is_paginated<E: Paginated>() {}
    _is_paginated::<ListItemsError>();
    assert_eq!(<ListItemsError as Paginated>::CURSOR, "cursor");
    assert_eq!(<ListChargesError as Paginated>::CURSOR, "starting_after");
    assert_eq!(<ListEventsError as Paginated>::CURSOR, "after");
    let item = |id: &str| Item {
        id: id.into(),
        name: "n".into(),
    };
    let page = ItemList {
        items: vec![item("a")],
        next_cursor: Some("c2".into()),
    };
    assert_eq!(ListItemsError::next_cursor(&page).as_deref(), Some("c2"));
    assert_eq!(ListItemsError::into_items(page).len(), 1);
    let charge = |id: &str| Charge {
        id: id.into(),
        amount: 1,
    };
    let more = ChargeList {
        data: vec![charge("ch_1"), charge("ch_2")],
        has_more: true,
    };
    assert_eq!(
        ListChargesError::next_cursor(&more).as_deref(),
        Some("ch_2")
    );
    let last = ChargeList {
        data: vec![charge("ch_3")],
        has_more: false,
    };
    assert_eq!(ListChargesError::next_cursor(&last), None);
    let empty = ChargeList {
        data: vec![],
        has_more: true,
    };
    assert_eq!(ListChargesError::next_cursor(&empty), None);
    let events = EventList {
        events: Some(vec![Event { seq: 7 }]),
    };
    assert_eq!(ListEventsError::next_cursor(&events).as_deref(), Some("7"));
    assert_eq!(
        ListEventsError::next_cursor(&EventList { events: None }),
        None
    );
    assert!(ListEventsError::into_items(EventList { events: None }).is_empty());
}

#[test]
fn json_fields_hold_any_json_value() {
    use json_any::*;
    use serde_json::json;
    use vook_runtime::{Error, JsonValue, Response};
    type Call<T, E> = Result<Response<T>, Error<E>>;
    async fn _shape(c: &Client, e: &Event) {
        let _: Call<Event, RecordEventError> = c.record_event(e).await;
        let _: Call<JsonValue, QueryError> = c.query(&json!({"q": [1, {"a": null}]})).await;
        let _: Call<Vec<JsonValue>, SamplesError> = c.samples().await;
    }
    let wire = json!({
        "kind": "k",
        "data": {"nested": [1, 2.5, "three", null, {"deep": true}]},
        "trail": [null, [], {}],
        "labels": {"a": 1, "b": {"c": [false]}},
    });
    let event: Event = serde_json::from_value(wire.clone()).expect("decodes");
    assert_eq!(event.data["nested"][4]["deep"], json!(true));
    assert_eq!(event.context, None, "absent `json?` is None");
    assert_eq!(
        event.trail[0],
        JsonValue::Null,
        "a null list item is a value"
    );
    assert_eq!(serde_json::to_value(&event).expect("encodes"), wire);
    // A required `json` field takes `null` as its value; a missing one is an error.
    let null_data: Event =
        serde_json::from_value(json!({"kind": "k", "data": null, "trail": [], "labels": {}}))
            .expect("null is a JSON value");
    assert_eq!(null_data.data, JsonValue::Null);
    assert!(
        serde_json::from_value::<Event>(json!({"kind": "k", "trail": [], "labels": {}})).is_err()
    );
    assert_eq!(Event::default().data, JsonValue::Null);
}

/// `wire_form`: the wire names are serde renames (JSON and form bodies alike) and
/// `Debug` keeps the Rust names; the form endpoint's descriptor says so.
#[test]
fn wire_form_renames_on_the_wire_only() {
    use wire_form::*;
    let message = Message {
        to: "+15551234567".into(),
        from: "+15557654321".into(),
        body: "Hi & bye".into(),
        status_callback: None,
    };
    assert_eq!(
        serde_json::to_value(&message).unwrap(),
        serde_json::json!({"To": "+15551234567", "From": "+15557654321", "Body": "Hi & bye"})
    );
    assert_eq!(
        vook_runtime::form::encode(&message).unwrap(),
        "Body=Hi+%26+bye&From=%2B15557654321&To=%2B15551234567"
    );
    let debug = format!("{message:?}");
    assert!(
        debug.contains("to: \"+15551234567\"") && debug.contains("status_callback: None"),
        "{debug}"
    );
    let order: Order = serde_json::from_value(serde_json::json!({
        "orderId": "o_1", "createdAt": "2024-01-01T00:00:00Z", "lineItems": [{"unitPrice": 5, "skuCode": "s"}],
        "totalCents": 5, "memo": "gift", "type": "retail",
    }))
    .unwrap();
    assert_eq!(order.note.as_deref(), Some("gift"));
    assert_eq!(order.r#type.as_deref(), Some("retail"));
    assert_eq!(order.line_items[0].unit_price, 5);
    let query = GetOrderQuery {
        include_lines: Some(true),
        expand: Some("lines".into()),
    };
    assert_eq!(
        serde_json::to_value(&query).unwrap(),
        serde_json::json!({"includeLines": true, "expand[]": "lines"})
    );
    // Calls are lazy: nothing is sent, the descriptor is only read.
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .api_key("user:secret")
        .build()
        .unwrap();
    let form = vook_runtime::BodyEncoding::Form;
    let json = vook_runtime::BodyEncoding::Json;
    assert_eq!(client.send_message(&message).endpoint().body_encoding, form);
    let new_order = NewOrder {
        line_items: Vec::new(),
        metadata: None,
        gift_wrap: None,
    };
    assert_eq!(
        client.create_order(&new_order).endpoint().body_encoding,
        json
    );
}
