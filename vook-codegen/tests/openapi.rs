//! The OpenAPI export: structural checks of the documents of the bundled spec, a
//! synthetic spec and small specs aimed at the corner cases, in both OpenAPI
//! versions and both error-schema modes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};
use vook_codegen::openapi::{ErrorSchemas, OpenApiVersion, Options, document, openapi};
use vook_schema::Api;
use vook_schema::model::{Field, RetryClass, TypeKind};
use vook_schema::types::TypeRef;
use vook_vocab::idempotency::{KEY_REUSED_CODE, KEY_REUSED_STATUS};

/// The spec's code `c`, or the mock's refusal of a reused key (a 409 without details).
fn code_row(api: &Api, c: &str) -> vook_schema::model::ErrorCode {
    match api.error(c) {
        Some(e) => e.clone(),
        None => {
            assert_eq!(c, KEY_REUSED_CODE, "unknown code {c}");
            vook_schema::model::ErrorCode {
                code: c.to_owned(),
                variant: "IdempotencyKeyReused".to_owned(),
                status: KEY_REUSED_STATUS,
                retry: RetryClass::Never,
                summary: "The Idempotency-Key was already used".to_owned(),
                fix: None,
                message: None,
                details: false,
                wire: None,
            }
        }
    }
}

/// Every combination of version and error-schema mode.
const ALL_OPTIONS: [Options; 4] = [
    Options {
        version: OpenApiVersion::V3_1,
        error_schemas: ErrorSchemas::PerStatus,
    },
    Options {
        version: OpenApiVersion::V3_0,
        error_schemas: ErrorSchemas::PerStatus,
    },
    Options {
        version: OpenApiVersion::V3_1,
        error_schemas: ErrorSchemas::Generic,
    },
    Options {
        version: OpenApiVersion::V3_0,
        error_schemas: ErrorSchemas::Generic,
    },
];

const V3_0: Options = Options {
    version: OpenApiVersion::V3_0,
    error_schemas: ErrorSchemas::PerStatus,
};

fn bundled() -> Api {
    vook_schema::load_path(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/vook.yaml"))
        .expect("bundled spec is valid")
}

fn load(yaml: &str) -> Api {
    vook_schema::load_str("test.yaml", yaml).unwrap_or_else(|d| panic!("{d}"))
}

/// Follows `$ref`s (only local ones are allowed) to the schema they name.
fn resolve<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    let mut v = v;
    for _ in 0..16 {
        match v.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let ptr = r
                    .strip_prefix('#')
                    .unwrap_or_else(|| panic!("non-local $ref {r}"));
                v = doc
                    .pointer(ptr)
                    .unwrap_or_else(|| panic!("dangling $ref {r}"));
            }
            None => return v,
        }
    }
    panic!("$ref chain too long")
}

/// Every `$ref` in `v`, with the JSON path where it sits.
fn refs(v: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k == "$ref" {
                    out.push((at.to_owned(), x.as_str().unwrap_or_default().to_owned()));
                } else {
                    refs(x, &format!("{at}/{k}"), out);
                }
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                refs(x, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The error objects inside an error body: the body itself or its envelope field,
/// split at a `oneOf`.
fn error_objects<'a>(doc: &'a Value, api: &Api, body: &'a Value) -> Vec<&'a Value> {
    let body = resolve(doc, body);
    let obj = match &api.envelope_error {
        Some(key) => {
            assert_eq!(
                body["required"],
                serde_json::json!([key]),
                "envelope key is required"
            );
            resolve(doc, &body["properties"][key])
        }
        None => body,
    };
    match obj.get("oneOf").and_then(Value::as_array) {
        Some(alts) => alts.iter().map(|a| resolve(doc, a)).collect(),
        None => vec![obj],
    }
}

fn schemas_of(doc: &Value) -> &serde_json::Map<String, Value> {
    doc["components"]["schemas"].as_object().expect("schemas")
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn type_check(schema: &Value, ty: &TypeRef) {
    let s = schema;
    match ty {
        TypeRef::String => assert_eq!(s["type"], "string"),
        TypeRef::Integer => assert_eq!(
            (&s["type"], &s["format"]),
            (&"integer".into(), &"int64".into())
        ),
        TypeRef::Number => assert_eq!(
            (&s["type"], &s["format"]),
            (&"number".into(), &"double".into())
        ),
        TypeRef::Boolean => assert_eq!(s["type"], "boolean"),
        TypeRef::Datetime => assert_eq!(
            (&s["type"], &s["format"]),
            (&"string".into(), &"date-time".into())
        ),
        TypeRef::Json => assert_eq!(s, &json!({}), "any JSON value: the empty schema"),
        TypeRef::List(t) => {
            assert_eq!(s["type"], "array");
            type_check(&s["items"], t);
        }
        TypeRef::Map(t) => {
            assert_eq!(s["type"], "object");
            type_check(&s["additionalProperties"], t);
        }
        TypeRef::Named(n) => {
            let r = s["$ref"]
                .as_str()
                .unwrap_or_else(|| panic!("no $ref in {s}"));
            let name = r.strip_prefix("#/components/schemas/").expect("a schema");
            assert!(
                name == n || name.starts_with(&format!("{n}Request")),
                "{r} for {n}"
            );
        }
    }
}

/// The schema of field `f` with its version's "or null" and description
/// wrappers taken off, checked on the way.
fn field_schema(schema: &Value, f: &Field, version: OpenApiVersion) -> Value {
    let mut s = schema.as_object().expect("a schema object").clone();
    match &f.description {
        Some(d) => assert_eq!(
            s.remove("description"),
            Some(d.trim_end().into()),
            "{}",
            f.name
        ),
        None => assert!(s.get("description").is_none(), "{}", f.name),
    }
    let is_named = matches!(f.ty, TypeRef::Named(_));
    match version {
        OpenApiVersion::V3_1 => {
            assert!(s.get("nullable").is_none(), "3.1 has no `nullable`");
            // `{}` has no `type` to add "null" to: an optional `json` is an `anyOf` too.
            if f.optional && (is_named || f.ty == TypeRef::Json) {
                let alts = s.remove("anyOf").expect("anyOf for an optional reference");
                assert_eq!(alts[1], json!({ "type": "null" }), "{}", f.name);
                assert!(s.is_empty(), "{}: only anyOf: {s:?}", f.name);
                return alts[0].clone();
            }
            if f.optional {
                let ty = s.remove("type").expect("type");
                assert_eq!(ty[1], "null", "{}: {ty}", f.name);
                s.insert("type".into(), ty[0].clone());
            }
            Value::Object(s)
        }
        OpenApiVersion::V3_0 => {
            if f.optional {
                assert_eq!(s.remove("nullable"), Some(true.into()), "{}", f.name);
            }
            if let Some(all) = s.remove("allOf") {
                assert!(is_named, "{}: allOf only around a $ref", f.name);
                assert!(s.is_empty(), "{}: only allOf: {s:?}", f.name);
                assert_eq!(all.as_array().map(Vec::len), Some(1));
                return all[0].clone();
            }
            assert!(
                !(is_named && (f.optional || f.description.is_some())),
                "{}: a $ref with siblings in 3.0",
                f.name
            );
            Value::Object(s)
        }
    }
}

/// Every object schema reachable from `v` (through `$ref`s, once each), with its
/// `additionalProperties`.
fn reachable_objects<'a>(
    doc: &'a Value,
    v: &'a Value,
    seen: &mut BTreeSet<String>,
    out: &mut Vec<&'a Value>,
) {
    match v {
        Value::Object(m) => {
            if let Some(r) = m.get("$ref").and_then(Value::as_str) {
                if seen.insert(r.to_owned()) {
                    reachable_objects(doc, resolve(doc, v), seen, out);
                }
                return;
            }
            if m.get("type") == Some(&"object".into()) && m.contains_key("properties") {
                out.push(v);
            }
            for x in m.values() {
                reachable_objects(doc, x, seen, out);
            }
        }
        Value::Array(a) => {
            for x in a {
                reachable_objects(doc, x, seen, out);
            }
        }
        _ => {}
    }
}

/// Walks every value of `v`, calling `f` on each object.
fn each_object(v: &Value, f: &mut impl FnMut(&serde_json::Map<String, Value>)) {
    match v {
        Value::Object(m) => {
            f(m);
            for x in m.values() {
                each_object(x, f);
            }
        }
        Value::Array(a) => {
            for x in a {
                each_object(x, f);
            }
        }
        _ => {}
    }
}

/// The checks every document must pass, whatever the spec and options.
fn check_document(api: &Api, options: Options) -> Value {
    let doc = document(api, options);
    let version = options.version;
    assert_eq!(doc["openapi"], version.as_str());
    if options == Options::default() {
        assert_eq!(doc, openapi(api), "openapi() is the default document");
    }
    // The version's own spelling, everywhere.
    each_object(&doc, &mut |m| match version {
        OpenApiVersion::V3_1 => assert!(!m.contains_key("nullable"), "{m:?}"),
        OpenApiVersion::V3_0 => {
            assert!(
                !m.contains_key("$ref") || m.len() == 1,
                "3.0: a $ref has no siblings: {m:?}"
            );
            assert!(
                m.get("type").is_none_or(Value::is_string),
                "3.0: `type` is one string: {m:?}"
            );
        }
    });
    assert_eq!(doc["info"]["title"], api.title.as_str());
    assert!(
        doc["info"]["version"].is_string(),
        "info.version is required"
    );
    assert_eq!(doc["servers"][0]["url"], api.base_url.as_str());
    match &api.auth {
        Some(auth) => {
            let (key, want) = match auth.scheme {
                vook_schema::model::AuthScheme::Basic => (
                    "basicAuth",
                    serde_json::json!({ "type": "http", "scheme": "basic" }),
                ),
                vook_schema::model::AuthScheme::Header => (
                    "apiKeyAuth",
                    serde_json::json!({ "type": "apiKey", "in": "header", "name": auth.name }),
                ),
                vook_schema::model::AuthScheme::Query => (
                    "apiKeyAuth",
                    serde_json::json!({ "type": "apiKey", "in": "query", "name": auth.name }),
                ),
                _ => (
                    "bearerAuth",
                    serde_json::json!({ "type": "http", "scheme": "bearer" }),
                ),
            };
            let got = &doc["components"]["securitySchemes"][key];
            for (k, v) in want.as_object().unwrap() {
                assert_eq!(&got[k], v, "{key}.{k}");
            }
            assert_eq!(doc["security"], serde_json::json!([{ key: [] }]));
        }
        None => assert!(
            doc.get("security").is_none() && doc["components"].get("securitySchemes").is_none()
        ),
    }

    // Every $ref resolves within the document.
    let mut all = Vec::new();
    refs(&doc, "", &mut all);
    assert!(!all.is_empty());
    for (at, r) in &all {
        let ptr = r
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{at}: non-local $ref {r}"));
        assert!(doc.pointer(ptr).is_some(), "{at}: dangling $ref {r}");
    }

    // Schemas for every type.
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    for t in &api.types {
        let s = &schemas
            .get(&t.name)
            .unwrap_or_else(|| panic!("no schema for type {}", t.name));
        match &t.kind {
            TypeKind::Struct(fields) => {
                assert_eq!(s["type"], "object", "{}", t.name);
                let props = s["properties"].as_object().expect("properties");
                assert_eq!(props.len(), fields.len(), "{}", t.name);
                for f in fields {
                    type_check(&field_schema(&props[&f.wire], f, version), &f.ty);
                }
                let required: Vec<&str> = fields
                    .iter()
                    .filter(|f| !f.optional)
                    .map(|f| f.wire.as_str())
                    .collect();
                assert_eq!(strs(&s["required"]), required, "{}", t.name);
            }
            TypeKind::Enum(values) => {
                assert_eq!(s["type"], "string");
                let wire: Vec<&str> = values.iter().map(|v| v.wire.as_str()).collect();
                assert_eq!(strs(&s["enum"]), wire);
            }
        }
    }

    // Every operation, once, with its operation id.
    let mut seen = BTreeSet::new();
    let mut op_count = 0;
    for (_, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            assert!(
                ["get", "post", "put", "patch", "delete"].contains(&method.as_str()),
                "{method}"
            );
            assert!(
                seen.insert(op["operationId"].as_str().expect("operationId").to_owned()),
                "duplicate operationId"
            );
            op_count += 1;
        }
    }
    assert_eq!(op_count, api.endpoints.len());

    for ep in &api.endpoints {
        let op = &doc["paths"][&ep.path][ep.method.as_str().to_ascii_lowercase()];
        assert_eq!(
            op["operationId"],
            ep.name.as_str(),
            "{} {}",
            ep.method.as_str(),
            ep.path
        );
        if let Some(s) = &ep.summary {
            assert_eq!(op["summary"], s.trim());
        }
        let params: Vec<&Value> = op["parameters"]
            .as_array()
            .map(|a| a.iter().map(|p| resolve(&doc, p)).collect())
            .unwrap_or_default();
        let param = |name: &str, place: &str| {
            params
                .iter()
                .copied()
                .find(|p| p["name"] == name && p["in"] == place)
                .unwrap_or_else(|| panic!("{}: no {place} parameter {name}", ep.name))
        };
        for p in &ep.path_params {
            let v = param(&p.name, "path");
            assert_eq!(v["required"], true);
            type_check(&v["schema"], &p.ty);
        }
        for q in &ep.query {
            let v = param(&q.wire, "query");
            assert_eq!(v["required"], !q.optional);
            type_check(&v["schema"], &q.ty);
        }
        assert_eq!(
            params.iter().filter(|p| p["in"] == "path").count(),
            ep.path_params.len()
        );
        assert_eq!(
            params.iter().filter(|p| p["in"] == "query").count(),
            ep.query.len()
        );
        if !ep.idempotent {
            assert_eq!(param("Idempotency-Key", "header")["required"], false);
        }
        match &ep.body {
            Some(ty) => {
                let content = op["requestBody"]["content"].as_object().expect("content");
                let media = ep.body_encoding.content_type();
                assert_eq!(content.keys().collect::<Vec<_>>(), [media], "{}", ep.name);
                let schema = &content[media]["schema"];
                type_check(schema, ty);
                // vook-mock refuses unknown fields in every body: every struct of
                // a body is closed.
                let mut objects = Vec::new();
                reachable_objects(&doc, schema, &mut BTreeSet::new(), &mut objects);
                for obj in objects {
                    assert!(
                        obj.get("additionalProperties") == Some(&false.into()),
                        "{}: body struct {obj}",
                        ep.name
                    );
                }
            }
            None => assert!(op.get("requestBody").is_none()),
        }

        // The success response, in the data envelope.
        let responses = op["responses"].as_object().expect("responses");
        let ok = &responses[&ep.status.to_string()];
        assert!(ok["description"].is_string());
        match &ep.response {
            Some(ty) => {
                let schema = &ok["content"]["application/json"]["schema"];
                let data = match &api.envelope_data {
                    Some(key) => {
                        assert_eq!(schema["required"], serde_json::json!([key]));
                        &schema["properties"][key]
                    }
                    None => schema,
                };
                type_check(data, ty);
            }
            None => assert!(ok.get("content").is_none(), "{}: no content", ep.name),
        }

        // Every error code under its status, each status's enum exactly its codes.
        let mut by_status: BTreeMap<u16, Vec<&str>> = BTreeMap::new();
        for code in &ep.errors {
            let e = api.error(code).expect("known code");
            by_status.entry(e.status).or_default().push(&e.code);
        }
        // A POST or PATCH also documents the refusal of a reused Idempotency-Key.
        if !ep.method.idempotent_by_default() && !ep.errors.iter().any(|c| c == KEY_REUSED_CODE) {
            let status = api
                .error(KEY_REUSED_CODE)
                .map_or(KEY_REUSED_STATUS, |e| e.status);
            by_status.entry(status).or_default().push(KEY_REUSED_CODE);
        }
        let mut want_keys: BTreeSet<String> = by_status.keys().map(u16::to_string).collect();
        want_keys.insert(ep.status.to_string());
        if options.error_schemas == ErrorSchemas::PerStatus {
            want_keys.insert("default".into());
        }
        assert_eq!(
            responses.keys().cloned().collect::<BTreeSet<_>>(),
            want_keys,
            "{}",
            ep.name
        );
        for (status, codes) in &by_status {
            let resp = &responses[&status.to_string()];
            let desc = resp["description"].as_str().expect("description");
            let objects = error_objects(&doc, api, &resp["content"]["application/json"]["schema"]);
            let mut enum_codes = Vec::new();
            for obj in &objects {
                assert_eq!(obj["type"], "object");
                assert_eq!(obj["properties"]["code"]["type"], "string");
                for c in strs(&obj["properties"]["code"]["enum"]) {
                    let e = code_row(api, c);
                    assert_eq!(
                        obj["properties"].get("details").is_some(),
                        e.details,
                        "{}: details of {c}",
                        ep.name
                    );
                    enum_codes.push(c);
                }
            }
            enum_codes.sort_unstable();
            let mut want = codes.clone();
            want.sort_unstable();
            if options.error_schemas == ErrorSchemas::Generic {
                // The generic error object: any code, optional details.
                assert_eq!(objects.len(), 1);
                assert!(objects[0]["properties"]["code"].get("enum").is_none());
                assert!(objects[0]["properties"].get("details").is_some());
            } else {
                assert_eq!(enum_codes, want, "{} HTTP {status}", ep.name);
            }
            for c in codes {
                let e = code_row(api, c);
                assert!(
                    desc.contains(&format!("`{c}`")),
                    "{}: {status} description names {c}: {desc}",
                    ep.name
                );
                assert!(
                    desc.contains(e.summary.split_whitespace().next().unwrap_or("")),
                    "summary in {desc}"
                );
            }
            let throttled = *status == 429
                || codes.iter().any(|c| {
                    api.error(c)
                        .is_some_and(|e| e.retry == RetryClass::Throttle)
                });
            assert_eq!(
                resp["headers"].get("Retry-After").is_some(),
                throttled,
                "{} {status}: Retry-After",
                ep.name
            );
        }

        // Responses are never closed.
        for (key, resp) in responses {
            let mut objects = Vec::new();
            reachable_objects(&doc, &resp["content"], &mut BTreeSet::new(), &mut objects);
            for obj in objects {
                assert!(
                    obj.get("additionalProperties") != Some(&false.into()),
                    "{} {key}: open response {obj}",
                    ep.name
                );
            }
        }

        // Generic error schemas: one error type per operation.
        if options.error_schemas == ErrorSchemas::Generic {
            let bodies: BTreeSet<String> = responses
                .iter()
                .filter(|(k, _)| **k != ep.status.to_string())
                .map(|(_, r)| r["content"]["application/json"]["schema"].to_string())
                .collect();
            // ... the generic body (no `default`: progenitor would read it as a
            // second success type).
            assert!(bodies.len() <= 1, "{}: {bodies:?}", ep.name);
            assert!(!responses.contains_key("default"), "{}", ep.name);
        }

        // Headers on every response.
        for (key, resp) in responses {
            let headers = &resp["headers"];
            if let Some(h) = &api.request_id_header {
                assert!(headers.get(h).is_some(), "{} {key}: {h}", ep.name);
            }
            if let Some(rl) = &api.rate_limit_headers {
                for h in [&rl.limit, &rl.remaining, &rl.reset] {
                    let schema = &resolve(&doc, &headers[h])["schema"];
                    assert_eq!(schema["type"], "integer", "{} {key}: {h}", ep.name);
                }
            }
        }
    }

    // Deterministic, down to the bytes.
    let again = document(api, options);
    assert_eq!(doc, again);
    assert_eq!(
        serde_json::to_string_pretty(&doc).ok(),
        serde_json::to_string_pretty(&again).ok()
    );
    doc
}

#[test]
fn bundled_spec_document() {
    let api = bundled();
    for options in ALL_OPTIONS {
        check_document(&api, options);
    }
    let doc = openapi(&api);
    assert_eq!(
        doc["info"]["description"]
            .as_str()
            .map(|d| d.contains("request_id")),
        Some(true)
    );
    assert_eq!(doc["servers"][0]["url"], "https://api.vook.ai/v1");
    assert!(
        doc["components"]["securitySchemes"]["bearerAuth"]["description"]
            .as_str()
            .unwrap()
            .contains("VOOK_API_KEY")
    );

    let get = &doc["paths"]["/items/{item_id}"]["get"];
    assert_eq!(get["operationId"], "get_item");
    let not_found = &get["responses"]["404"];
    assert!(
        not_found["description"]
            .as_str()
            .unwrap()
            .contains("`not_found` (retry: never)")
    );
    assert_eq!(
        resolve(&doc, &not_found["content"]["application/json"]["schema"])["properties"]["error"]["properties"]
            ["code"]["enum"],
        serde_json::json!(["not_found"])
    );
    let limited = &get["responses"]["429"];
    assert_eq!(
        limited["headers"]["Retry-After"]["$ref"],
        "#/components/headers/RetryAfter"
    );
    assert_eq!(
        limited["headers"]["X-Request-ID"]["$ref"],
        "#/components/headers/RequestId"
    );
    assert_eq!(
        limited["headers"]["X-RateLimit-Reset"]["$ref"],
        "#/components/headers/RateLimitReset"
    );
    assert!(
        get["responses"]["404"]["headers"]
            .get("Retry-After")
            .is_none()
    );
    // One body schema per distinct group of codes, shared across endpoints.
    assert_eq!(
        not_found["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/NotFoundError"
    );
    assert_eq!(
        get["responses"]["500"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/InternalError"
    );
    let names: Vec<&str> = doc["components"]["schemas"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        names,
        [
            "Error",
            "ErrorBody",
            "FieldIssue",
            "IdempotencyKeyReusedError",
            "InsufficientPermissionsError",
            "InternalError",
            "InvalidApiKeyError",
            "Item",
            "ItemKind",
            "ItemList",
            "ItemPatch",
            "NewItem",
            "NotFoundError",
            "RateLimitExceededError",
            "ValidationError"
        ]
    );

    // validation_error carries details; its schema says so, through FieldIssue.
    let create = &doc["paths"]["/items"]["post"];
    let body = resolve(
        &doc,
        &create["responses"]["422"]["content"]["application/json"]["schema"],
    );
    let details = &body["properties"]["error"]["properties"]["details"];
    assert_eq!(details["items"]["$ref"], "#/components/schemas/FieldIssue");
    assert_eq!(
        create["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/NewItem"
    );
    assert_eq!(
        create["responses"]["201"]["content"]["application/json"]["schema"]["properties"]["data"]["$ref"],
        "#/components/schemas/Item"
    );

    let delete = &doc["paths"]["/items/{item_id}"]["delete"];
    assert_eq!(
        delete["responses"]["204"]["description"],
        "Success: Delete an item."
    );
    assert!(delete["responses"]["204"].get("content").is_none());

    // list_items is a list to vook-mock: its paging conventions are stated.
    let list = &doc["paths"]["/items"]["get"];
    assert_eq!(
        list["parameters"][0],
        json!({
            "name": "limit", "in": "query", "required": false,
            "schema": { "type": "integer", "format": "int64", "minimum": 1 },
            "description": "Page size: an integer of at least 1. vook-mock answers 20 items when it is absent and counts a larger value than 1000 as 1000.",
        })
    );
    assert_eq!(
        list["parameters"][1],
        json!({
            "name": "cursor", "in": "query", "required": false,
            "schema": { "type": "string" },
            "description": "Opaque cursor: the `next_cursor` of the previous page; absent or empty for the first page. The last page has no `next_cursor` (absent, null or empty).",
        })
    );
    assert_eq!(
        list["x-vook-paginate"],
        json!({ "cursor": "cursor", "next": "next_cursor", "items": "items" })
    );

    // Optional fields accept null; the two body types are closed (vook-mock
    // refuses unknown body fields), Item (a response) is not.
    assert_eq!(
        schemas_of(&doc)["Item"]["properties"]["note"],
        json!({ "type": ["string", "null"] })
    );
    for body in ["NewItem", "ItemPatch"] {
        assert_eq!(
            schemas_of(&doc)[body]["additionalProperties"],
            false,
            "{body}"
        );
    }
    assert!(
        schemas_of(&doc)["Item"]
            .get("additionalProperties")
            .is_none()
    );
    assert_eq!(
        schemas_of(&doc)["NewItem"]["properties"]["kind"],
        json!({ "anyOf": [{ "$ref": "#/components/schemas/ItemKind" }, { "type": "null" }] })
    );
    let v30 = document(&api, V3_0);
    assert_eq!(
        schemas_of(&v30)["NewItem"]["properties"]["kind"],
        json!({ "allOf": [{ "$ref": "#/components/schemas/ItemKind" }], "nullable": true })
    );
    assert_eq!(
        schemas_of(&v30)["Item"]["properties"]["note"]["nullable"],
        true
    );
    assert_eq!(
        v30["paths"]["/items"]["get"]["parameters"],
        list["parameters"]
    );

    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["Item"]["properties"]["created_at"],
        serde_json::json!({ "type": "string", "format": "date-time" })
    );
    assert_eq!(
        schemas["Item"]["properties"]["metadata"],
        serde_json::json!({ "type": ["object", "null"], "additionalProperties": { "type": "string" } })
    );
    assert_eq!(
        schemas["ItemKind"]["enum"],
        serde_json::json!(["document", "image"])
    );
    assert_eq!(
        schemas["ItemList"]["properties"]["next_cursor"]["description"],
        "Pass as `cursor` to get the next page; absent on the last page."
    );
    assert_eq!(
        schemas["ErrorBody"]["properties"]["error"]["$ref"],
        "#/components/schemas/Error"
    );
    assert_eq!(
        schemas["Error"]["required"],
        serde_json::json!(["code", "message"])
    );
    assert_eq!(
        get["responses"]["default"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ErrorBody"
    );
}

#[test]
fn synthetic_spec_document() {
    let api = load(&vook_codegen::synth::spec(50, 20));
    assert_eq!(api.endpoints.len(), 50);
    for options in ALL_OPTIONS {
        check_document(&api, options);
    }
    let doc = openapi(&api);
    let n: usize = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|i| i.as_object().unwrap().len())
        .sum();
    assert_eq!(n, 50);
}

/// Codes sharing a status (one with details, one without), no envelopes, no auth,
/// no rate-limit headers, every scalar type, and spec types named like the extra
/// schemas.
const CORNERS: &str = r#"
vook: 1
api:
  name: corners
  base_url: http://localhost:8080
  envelope: { data: null, error: null }
errors:
  bad_input: { status: 400, summary: Bad input., details: true }
  bad_state: { status: 400, summary: Bad state., fix: Reset it. }
  slow_down: { status: 400, retry: throttle, summary: Too fast. }
  gone: { status: 410, summary: Gone. }
types:
  Error:
    description: A spec type named like the error schema.
    fields: { id: integer, ratio: number, ok: boolean, at: datetime?, nested: "[map<[Kind]>]" }
  FieldIssue:
    fields: { x: string }
  ThingError400:
    fields: { y: string }
  Kind:
    enum: [a, b-c]
endpoints:
  thing:
    method: PUT
    path: /things/{id}/{n}
    path_params: { id: string, n: integer }
    query: { kinds: "[Kind]?", flag: boolean }
    body: "[Error]"
    response: map<Error>
    errors: [bad_input, bad_state, slow_down, gone]
  poke:
    method: POST
    path: /poke
    response: none
    status: 202
    errors: [bad_state]
"#;

#[test]
fn corner_cases() {
    let api = load(CORNERS);
    for options in ALL_OPTIONS {
        check_document(&api, options);
    }
    let doc = openapi(&api);
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    // The spec's types keep their names; the extra schemas step aside.
    assert_eq!(
        schemas["Error"]["description"],
        "A spec type named like the error schema."
    );
    assert_eq!(schemas["FieldIssue"]["properties"]["x"]["type"], "string");
    assert_eq!(
        schemas["ThingError400"]["properties"]["y"]["type"],
        "string"
    );
    assert_eq!(
        schemas["FieldIssue_2"]["required"],
        serde_json::json!(["field", "issue"])
    );
    assert_eq!(
        schemas["Error_2"]["properties"]["details"]["items"]["$ref"],
        "#/components/schemas/FieldIssue_2"
    );
    assert!(!schemas.contains_key("ErrorBody"), "no error envelope");

    let thing = &doc["paths"]["/things/{id}/{n}"]["put"];
    let r400 = &thing["responses"]["400"];
    assert_eq!(
        r400["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ThingError400_2"
    );
    let desc = r400["description"].as_str().unwrap();
    for want in [
        "`bad_input` (retry: never): Bad input.",
        "`bad_state` (retry: never): Bad state. Fix: Reset it.",
        "`slow_down` (retry: throttle): Too fast.",
    ] {
        assert!(desc.contains(want), "{desc}");
    }
    // Mixed details: a oneOf, details only on the detailed code's branch.
    let body = &schemas["ThingError400_2"];
    let alts = body["oneOf"].as_array().expect("oneOf");
    assert_eq!(
        alts[0]["properties"]["code"]["enum"],
        serde_json::json!(["bad_input"])
    );
    assert!(alts[0]["properties"].get("details").is_some());
    assert_eq!(
        alts[1]["properties"]["code"]["enum"],
        serde_json::json!(["bad_state", "slow_down"])
    );
    assert!(alts[1]["properties"].get("details").is_none());
    // A throttle code on a 400 still documents Retry-After; the 410 does not.
    assert!(r400["headers"].get("Retry-After").is_some());
    assert!(
        thing["responses"]["410"].get("headers").is_none(),
        "no request-id or rate-limit headers in this spec"
    );
    // No data envelope: the response is the type itself.
    assert_eq!(
        thing["responses"]["200"]["content"]["application/json"]["schema"]["additionalProperties"]
            ["$ref"],
        "#/components/schemas/Error"
    );
    assert_eq!(thing["requestBody"]["required"], true);
    // vook-mock rejects unknown fields in thing's body; `Error` is also a response
    // type, so the body gets a closed copy.
    assert_eq!(
        thing["requestBody"]["content"]["application/json"]["schema"]["items"]["$ref"],
        "#/components/schemas/ErrorRequest"
    );
    assert_eq!(schemas["ErrorRequest"]["additionalProperties"], false);
    assert!(schemas["Error"].get("additionalProperties").is_none());
    assert_eq!(
        schemas["ErrorRequest"]["description"],
        "A spec type named like the error schema."
    );
    assert_eq!(
        thing["parameters"][1]["schema"],
        serde_json::json!({ "type": "integer", "format": "int64" })
    );
    assert!(
        thing["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["name"] != "Idempotency-Key"),
        "PUT is idempotent"
    );

    let poke = &doc["paths"]["/poke"]["post"];
    assert_eq!(
        poke["responses"]["400"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/BadStateError"
    );
    assert_eq!(
        thing["responses"]["410"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/GoneError"
    );
    assert_eq!(
        schemas["GoneError"]["description"],
        "Error body of HTTP 410: `gone`."
    );
    assert!(poke["responses"]["202"].get("content").is_none());
    assert_eq!(
        poke["parameters"][0]["$ref"],
        "#/components/parameters/IdempotencyKey"
    );
    assert!(poke.get("requestBody").is_none());
    assert_eq!(schemas["Kind"]["enum"], serde_json::json!(["a", "b-c"]));
}

#[test]
fn json_is_the_any_value_schema_in_both_versions() {
    let api = vook_schema::load_path(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/specs/valid/json_values.yaml"
    ))
    .expect("valid spec");
    for options in ALL_OPTIONS {
        check_document(&api, options);
    }
    for (version, optional) in [
        (OpenApiVersion::V3_0, json!({ "nullable": true })),
        (
            OpenApiVersion::V3_1,
            json!({ "anyOf": [{}, { "type": "null" }] }),
        ),
    ] {
        let doc = document(
            &api,
            Options {
                version,
                ..Options::default()
            },
        );
        let schemas = schemas_of(&doc);
        for name in ["Document", "DocumentRequest", "NewDocument"] {
            let Some(props) = schemas.get(name).map(|s| &s["properties"]) else {
                continue;
            };
            assert_eq!(props["payload"], json!({}), "{name}");
            assert_eq!(props["meta"], optional, "{name}: json? in {version:?}");
            assert_eq!(props["history"], json!({ "type": "array", "items": {} }));
            assert_eq!(
                props["attrs"],
                json!({ "type": "object", "additionalProperties": {} })
            );
        }
        assert_eq!(
            schemas["Note"]["properties"]["extra"], optional,
            "json? in a list item's type"
        );
        let transform = &doc["paths"]["/transform"]["post"];
        assert_eq!(
            transform["requestBody"]["content"]["application/json"]["schema"],
            json!({}),
            "a json body"
        );
        let ok = &transform["responses"]["200"]["content"]["application/json"]["schema"];
        assert_eq!(ok["properties"]["data"], json!({}), "a json response: {ok}");
        let batch = &doc["paths"]["/batch"]["post"];
        assert_eq!(
            batch["requestBody"]["content"]["application/json"]["schema"],
            json!({ "type": "array", "items": {} })
        );
    }
}

#[test]
fn security_schemes_follow_the_auth_scheme() {
    for (auth, key) in [
        ("{ env: K }", "bearerAuth"),
        ("{ scheme: header, name: X-Api-Key, env: K }", "apiKeyAuth"),
        ("{ scheme: query, name: api_key, env: K }", "apiKeyAuth"),
        ("{ scheme: basic, env: K }", "basicAuth"),
        ("{ scheme: none }", ""),
    ] {
        let api = load(&format!(
            "vook: 1\napi: {{ name: demo, base_url: 'https://x.test', auth: {auth} }}\nendpoints: {{}}\n"
        ));
        for options in ALL_OPTIONS {
            let doc = check_document(&api, options);
            assert_eq!(doc.get("security").is_some(), !key.is_empty(), "{auth}");
        }
    }
}

#[test]
fn empty_spec_document() {
    let api = load(
        "vook: 1\napi: { name: demo, base_url: 'https://x.test' }\nerrors: {}\nendpoints: {}\n",
    );
    for options in ALL_OPTIONS {
        check_document(&api, options);
    }
    let doc = openapi(&api);
    assert_eq!(doc["paths"], serde_json::json!({}));
    assert!(doc["components"].get("parameters").is_none());
    assert_eq!(doc["info"]["title"], "demo");
}

/// Bodies of an endpoint with a `details: true` code and of one without (vook-mock
/// checks both), structs shared with responses, nested lists and maps, a
/// spec type named like a closed copy, and paging parameters on a list and on
/// endpoints vook-mock does not treat as lists.
const BODIES: &str = r#"
vook: 1
api: { name: bodies, base_url: 'https://x.test' }
errors:
  invalid: { status: 422, summary: Invalid., details: true }
  nope: { status: 400, summary: Nope. }
types:
  NewUser:
    fields:
      name: string
      address: { type: Address, description: Where they live. }
      tags: "[Tag]?"
      notes: map<Note>?
  Tag: { fields: { label: string } }
  Note: { fields: { text: string? } }
  Address: { fields: { line: string, geo: Geo? } }
  Geo: { fields: { lat: number } }
  GeoRequest: { fields: { x: string } }
  User: { fields: { name: string, address: Address } }
  Legacy: { fields: { address: Address } }
  UserPage: { fields: { users: "[User]", after: string? } }
endpoints:
  create_user: { method: POST, path: /users, body: NewUser, response: User, status: 201, errors: [invalid] }
  legacy_create: { method: POST, path: /legacy, body: Legacy, response: none, errors: [nope] }
  list_users:
    method: GET
    path: /users
    query:
      per_page: { type: integer?, description: How many. }
      page_token: string?
    response: UserPage
  search_users:
    method: GET
    path: /users/{id}
    path_params: { id: string }
    query: { limit: integer? }
    response: UserPage
  count_users: { method: GET, path: /count, query: { limit: integer? }, response: User }
"#;

#[test]
fn request_bodies_are_closed_where_the_mock_rejects_unknown_fields() {
    let api = load(BODIES);
    for options in ALL_OPTIONS {
        check_document(&api, options);
    }
    let doc = openapi(&api);
    let schemas = schemas_of(&doc);
    // Reached only from bodies (with or without a `details: true` code): closed in place.
    for name in ["NewUser", "Tag", "Note", "Legacy"] {
        assert_eq!(schemas[name]["additionalProperties"], false, "{name}");
    }
    // Also in responses: open, with a closed copy; the spec's own `GeoRequest`
    // (in no body) keeps its name and stays open.
    for name in ["Address", "Geo", "User", "UserPage", "GeoRequest"] {
        assert!(
            schemas[name].get("additionalProperties").is_none(),
            "{name}"
        );
    }
    assert_eq!(schemas["GeoRequest"]["properties"]["x"]["type"], "string");
    assert_eq!(schemas["AddressRequest"]["additionalProperties"], false);
    assert_eq!(schemas["GeoRequest_2"]["additionalProperties"], false);
    assert_eq!(
        schemas["GeoRequest_2"]["properties"],
        schemas["Geo"]["properties"]
    );
    assert_eq!(
        schemas["AddressRequest"]["properties"]["geo"],
        json!({ "anyOf": [{ "$ref": "#/components/schemas/GeoRequest_2" }, { "type": "null" }] })
    );
    assert_eq!(
        schemas["Address"]["properties"]["geo"],
        json!({ "anyOf": [{ "$ref": "#/components/schemas/Geo" }, { "type": "null" }] })
    );
    assert_eq!(
        schemas["NewUser"]["properties"]["address"],
        json!({ "$ref": "#/components/schemas/AddressRequest", "description": "Where they live." })
    );
    assert_eq!(
        schemas["NewUser"]["properties"]["tags"],
        json!({ "type": ["array", "null"], "items": { "$ref": "#/components/schemas/Tag" } })
    );
    assert_eq!(
        schemas["NewUser"]["properties"]["notes"],
        json!({ "type": ["object", "null"], "additionalProperties": { "$ref": "#/components/schemas/Note" } })
    );
    assert_eq!(
        schemas["Legacy"]["properties"]["address"]["$ref"],
        "#/components/schemas/AddressRequest"
    );
    let create = &doc["paths"]["/users"]["post"];
    assert_eq!(
        create["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/NewUser"
    );
    assert_eq!(
        create["responses"]["201"]["content"]["application/json"]["schema"]["properties"]["data"]["$ref"],
        "#/components/schemas/User"
    );

    // The same in 3.0: `nullable`, and `allOf` where a reference needs siblings.
    let v30 = document(&api, V3_0);
    let schemas = schemas_of(&v30);
    assert_eq!(
        schemas["NewUser"]["properties"]["address"],
        json!({ "allOf": [{ "$ref": "#/components/schemas/AddressRequest" }], "description": "Where they live." })
    );
    assert_eq!(
        schemas["AddressRequest"]["properties"]["geo"],
        json!({ "allOf": [{ "$ref": "#/components/schemas/GeoRequest_2" }], "nullable": true })
    );
    assert_eq!(
        schemas["NewUser"]["properties"]["tags"],
        json!({ "type": "array", "nullable": true, "items": { "$ref": "#/components/schemas/Tag" } })
    );
    assert_eq!(
        schemas["Note"]["properties"]["text"],
        json!({ "type": "string", "nullable": true })
    );
    assert_eq!(schemas["NewUser"]["additionalProperties"], false);
}

#[test]
fn declared_paging_is_stated_in_both_styles() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/specs/valid/paginated.yaml"
    );
    let api = vook_schema::load_path(std::path::Path::new(path)).unwrap();
    for options in [Options::default(), V3_0] {
        let doc = document(&api, options);
        let charges = &doc["paths"]["/charges"]["get"];
        assert_eq!(
            charges["x-vook-paginate"],
            json!({ "cursor": "starting_after", "next_from_last": "id", "has_more": "has_more", "items": "data" })
        );
        assert_eq!(charges["parameters"][0]["schema"]["minimum"], 1);
        assert_eq!(
            charges["parameters"][1]["description"],
            "Position: the `id` of the previous page's last item in `data`; absent for the first page. The listing ends when `has_more` is false or a page is empty."
        );
        let events = &doc["paths"]["/events"]["get"];
        assert_eq!(
            events["parameters"][0]["description"],
            "Position: the `seq` of the previous page's last item in `events`; absent for the first page. The listing ends when a page is empty."
        );
        assert_eq!(events["x-vook-paginate"].get("has_more"), None);
        let items = &doc["paths"]["/items"]["get"];
        assert_eq!(
            items["parameters"][1]["description"],
            "Opaque cursor: the `next_cursor` of the previous page; absent or empty for the first page. The last page has no `next_cursor` (absent, null or empty)."
        );
        // Operations without `paginate` carry no extension.
        assert!(doc["paths"].as_object().unwrap().values().all(|p| {
            p.as_object().unwrap().values().all(|op| {
                op.get("x-vook-paginate").is_none()
                    || op["operationId"].as_str().unwrap().starts_with("list_")
            })
        }));
    }
}

#[test]
fn paging_conventions_only_on_list_endpoints() {
    let api = load(BODIES);
    for options in [Options::default(), V3_0] {
        let doc = document(&api, options);
        let list = &doc["paths"]["/users"]["get"]["parameters"];
        assert_eq!(list[0]["name"], "per_page");
        assert_eq!(
            list[0]["schema"],
            json!({ "type": "integer", "format": "int64", "minimum": 1 })
        );
        assert_eq!(
            list[0]["description"],
            "How many.\n\nPage size: an integer of at least 1. vook-mock answers 20 items when it is absent and counts a larger value than 1000 as 1000."
        );
        assert_eq!(list[1]["name"], "page_token");
        assert_eq!(
            list[1]["description"],
            "Opaque cursor: the `after` of the previous page; absent or empty for the first page. vook-mock rejects a cursor it did not issue."
        );
        // An item path and a response without a list of structs: no convention.
        for path in ["/users/{id}", "/count"] {
            let limit = doc["paths"][path]["get"]["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["name"] == "limit")
                .unwrap();
            assert_eq!(
                limit,
                &json!({ "name": "limit", "in": "query", "required": false, "schema": { "type": "integer", "format": "int64" } }),
                "{path}"
            );
        }
    }
}

#[test]
fn generic_error_schemas_give_one_error_type_per_operation() {
    let api = bundled();
    let doc = document(
        &api,
        Options {
            version: OpenApiVersion::V3_0,
            error_schemas: ErrorSchemas::Generic,
        },
    );
    let names: Vec<&str> = schemas_of(&doc).keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "Error",
            "ErrorBody",
            "FieldIssue",
            "Item",
            "ItemKind",
            "ItemList",
            "ItemPatch",
            "NewItem"
        ],
        "no per-status error schemas"
    );
    let get = &doc["paths"]["/items/{item_id}"]["get"];
    assert_eq!(
        get["responses"]["404"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ErrorBody"
    );
    assert!(
        get["responses"]["404"]["description"]
            .as_str()
            .unwrap()
            .contains("`not_found` (retry: never)"),
        "the description still lists the codes"
    );
}

#[test]
fn versions_parse_and_print() {
    for v in OpenApiVersion::ALL {
        assert_eq!(v.as_str().parse::<OpenApiVersion>(), Ok(v));
        assert_eq!(v.to_string(), v.as_str());
    }
    assert_eq!("3.1".parse::<OpenApiVersion>(), Ok(OpenApiVersion::V3_1));
    assert_eq!("3.0".parse::<OpenApiVersion>(), Ok(OpenApiVersion::V3_0));
    let err = "2.0".parse::<OpenApiVersion>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown OpenAPI version `2.0`; expected one of: 3.0, 3.1"
    );
    assert_eq!(OpenApiVersion::default(), OpenApiVersion::V3_1);
}

#[test]
fn wire_names_and_form_bodies() {
    let api = load(concat!(
        "vook: 1\napi: { name: demo, base_url: 'https://x.test', field_case: camelCase }\n",
        "types:\n  Order:\n    fields:\n      order_id: string\n      line_items: \"[Line]\"\n",
        "      note: { type: string?, wire: memo }\n",
        "  Line:\n    field_case: PascalCase\n    fields:\n      unit_price: integer\n",
        "endpoints:\n",
        "  get_order:\n    method: GET\n    path: /orders/{order_id}\n    path_params: { order_id: string }\n",
        "    query: { include_lines: boolean?, expand: { type: string?, wire: \"expand[]\" } }\n    response: Order\n",
        "  create_order:\n    method: POST\n    path: /orders\n    body: Order\n    response: Order\n",
        "  charge:\n    method: POST\n    path: /charges\n    body_encoding: form\n    body: Order\n    response: Order\n",
    ));
    for options in ALL_OPTIONS {
        let doc = check_document(&api, options);
        let schemas = schemas_of(&doc);
        let order = resolve(&doc, &schemas["Order"]);
        let props: Vec<&String> = order["properties"].as_object().unwrap().keys().collect();
        assert_eq!(props, ["lineItems", "memo", "orderId"], "{options:?}");
        assert_eq!(strs(&order["required"]), ["orderId", "lineItems"]);
        let line = resolve(&doc, &schemas["Line"]);
        assert_eq!(strs(&line["required"]), ["UnitPrice"]);
        let get = &doc["paths"]["/orders/{order_id}"]["get"];
        let names: Vec<&str> = get["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["in"] == "query")
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["includeLines", "expand[]"]);
        let post = &doc["paths"]["/orders"]["post"]["requestBody"]["content"];
        assert!(post.get("application/json").is_some(), "{post}");
        let form = &doc["paths"]["/charges"]["post"]["requestBody"]["content"];
        assert!(form.get("application/json").is_none(), "{form}");
        assert!(
            form["application/x-www-form-urlencoded"]["schema"].is_object(),
            "{form}"
        );
        // Responses stay JSON.
        let ok = &doc["paths"]["/charges"]["post"]["responses"]["200"]["content"];
        assert!(ok.get("application/json").is_some(), "{ok}");
    }
}
