//! The export describes error bodies and rate-limit headers as vook-mock writes
//! them: error fields at their `api.error_fields` paths (nested, integer wire codes,
//! status-keyed, renamed details entries) and the reset header in its
//! `reset_format`. Schemathesis found each of these (ST108) when the export still
//! assumed the default flat `{code, message, request_id, details}` object and epoch
//! resets.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use serde_json::{Value, json};
use vook_codegen::openapi::{ErrorSchemas, OpenApiVersion, Options, document};
use vook_schema::Api;

fn corpus(name: &str) -> Api {
    let path = format!(
        "{}/../tests/specs/valid/{name}.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    vook_schema::load_path(&path).unwrap_or_else(|d| panic!("{d}"))
}

fn load(yaml: &str) -> Api {
    vook_schema::load_str("test.yaml", yaml).unwrap_or_else(|d| panic!("{d}"))
}

/// The component schema `name`.
fn schema<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["components"]["schemas"]
        .get(name)
        .unwrap_or_else(|| panic!("no schema {name}"))
}

/// The body schema of `status` on `path`/`method`, its `$ref` followed.
fn error_body<'a>(doc: &'a Value, path: &str, method: &str, status: &str) -> &'a Value {
    let content = &doc["paths"][path][method]["responses"][status]["content"];
    let r = content["application/json"]["schema"]["$ref"]
        .as_str()
        .unwrap_or_else(|| panic!("{method} {path} {status}: no $ref in {content}"));
    schema(doc, r.rsplit('/').next().unwrap())
}

const OPTIONS: [Options; 2] = [
    Options {
        version: OpenApiVersion::V3_1,
        error_schemas: ErrorSchemas::PerStatus,
    },
    Options {
        version: OpenApiVersion::V3_0,
        error_schemas: ErrorSchemas::PerStatus,
    },
];

#[test]
fn nested_paths_are_nested_objects() {
    // error_fields: code detail.code, message detail.message, request_id null,
    // details { at: detail.params, field: param, issue: reason }; envelope `error`.
    let api = corpus("errors_nested_paths");
    for options in OPTIONS {
        let doc = document(&api, options);
        let body = error_body(&doc, "/charges", "post", "402");
        assert_eq!(body["required"], json!(["error"]));
        let error = &body["properties"]["error"];
        assert_eq!(error["required"], json!(["detail"]), "{error}");
        assert_eq!(
            error["properties"].as_object().unwrap().len(),
            1,
            "only `detail`: {error}"
        );
        let detail = &error["properties"]["detail"];
        assert_eq!(detail["required"], json!(["code", "message"]));
        assert_eq!(
            detail["properties"]["code"],
            json!({ "type": "string", "enum": ["card-declined"] }),
            "the wire value, not the key"
        );
        assert!(
            detail["properties"].get("request_id").is_none(),
            "request_id: null"
        );
        assert!(
            detail["properties"].get("params").is_none(),
            "no details on a code without them"
        );

        let body = error_body(&doc, "/charges", "post", "400");
        let detail = &body["properties"]["error"]["properties"]["detail"];
        assert_eq!(
            detail["properties"]["code"]["enum"],
            json!(["parameter_invalid_integer"])
        );
        assert_eq!(detail["properties"]["params"]["type"], "array");
        let issue = schema(&doc, "FieldIssue");
        assert_eq!(issue["required"], json!(["param", "reason"]));
        assert!(issue["properties"].get("field").is_none(), "{issue}");
    }
}

#[test]
fn integer_wire_codes_are_integers() {
    let api = corpus("errors_integer_wire");
    for options in OPTIONS {
        let doc = document(&api, options);
        let body = error_body(&doc, "/Messages/{sid}", "get", "404");
        assert_eq!(
            body["properties"]["code"],
            json!({ "type": "integer", "enum": [20404] })
        );
        assert_eq!(body["required"], json!(["code", "message"]));
        assert!(body["properties"].get("request_id").is_none());
        // The generic body (the `default` response) takes any code, integer too.
        let generic = &schema(&doc, "Error")["properties"]["code"];
        assert_eq!(
            generic["anyOf"],
            json!([{ "type": "string" }, { "type": "integer" }])
        );
        // The mock's own refusal of a reused key keeps its string code.
        let body = error_body(&doc, "/Messages", "post", "409");
        assert_eq!(
            body["properties"]["code"],
            json!({ "type": "string", "enum": ["idempotency_key_reused"] })
        );
    }
}

#[test]
fn status_keyed_errors_have_no_code() {
    let api = corpus("errors_status_keyed");
    for options in OPTIONS {
        let doc = document(&api, options);
        for (path, method, status) in [
            ("/repos/{repo}/issues/{number}", "get", "404"),
            ("/repos/{repo}/issues", "post", "422"),
            ("/repos/{repo}/issues", "post", "409"),
        ] {
            let body = error_body(&doc, path, method, status);
            assert!(body.get("oneOf").is_none(), "{status}: {body}");
            assert!(body["properties"].get("code").is_none(), "{status}: {body}");
            assert_eq!(body["required"], json!(["message"]), "{status}");
        }
        let body = error_body(&doc, "/repos/{repo}/issues", "post", "422");
        assert_eq!(body["properties"]["errors"]["type"], "array");
        assert_eq!(
            schema(&doc, "FieldIssue")["required"],
            json!(["field", "code"])
        );
        assert!(schema(&doc, "Error")["properties"].get("code").is_none());
    }
}

/// Without a details list (`details: null`) the mock writes no details, so a group
/// of a `details: true` code and a plain one is one object, the code an enum of both.
#[test]
fn no_details_list_means_one_object_per_group() {
    let api = load(
        r#"
vook: 1
api:
  name: t
  base_url: https://x.test
  envelope: { data: null, error: null }
  error_fields: { details: null }
errors:
  invalid: { status: 422, summary: Invalid., details: true }
  unprocessable: { status: 422, summary: Cannot. }
types:
  T: { fields: { a: string } }
endpoints:
  put_t: { method: PUT, path: /t, body: T, response: T, errors: [invalid, unprocessable] }
"#,
    );
    let doc = document(&api, OPTIONS[0]);
    let body = error_body(&doc, "/t", "put", "422");
    assert!(body.get("oneOf").is_none(), "{body}");
    assert_eq!(
        body["properties"]["code"]["enum"],
        json!(["invalid", "unprocessable"])
    );
    assert!(body["properties"].get("details").is_none(), "{body}");
}

#[test]
fn reset_header_follows_reset_format() {
    let reset = |name: &str| {
        let doc = document(&corpus(name), OPTIONS[0]);
        doc["components"]["headers"]["RateLimitReset"]["schema"].clone()
    };
    assert_eq!(reset("auth_basic")["type"], "integer"); // epoch
    assert_eq!(reset("auth_header")["type"], "integer"); // delta
    let duration = reset("auth_query");
    assert_eq!(duration["type"], "string", "{duration}");
    let pattern = duration["pattern"].as_str().unwrap();
    assert!(
        pattern.contains("ms") && pattern.starts_with('^') && pattern.ends_with('$'),
        "{pattern}"
    );
}
