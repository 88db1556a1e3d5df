//! OpenAPI 3.1 export: the same validated spec as an OpenAPI document, for tools
//! that speak OpenAPI (validators, mock servers, contract testers, docs renderers).
//! `cargo xtask openapi` prints it.
//!
//! How the spec maps:
//! - `info` from the title and description, `servers` from `base_url`, a bearer
//!   `securityScheme` (and a top-level `security` requirement) when `auth.env` is set.
//! - One operation per endpoint: `operationId` is the endpoint name; path parameters
//!   and `query` fields become parameters; `body` the JSON request body; the success
//!   status carries the response type inside the data envelope (no content for
//!   `response: none`). Non-idempotent operations document the optional
//!   `Idempotency-Key` header the generated client sends when it may retry.
//! - One response per error status of the endpoint. Several codes can share a
//!   status: the description lists each (code, retry class, summary, fix), and the
//!   body schema (enveloped like the wire body; one per distinct group of codes,
//!   shared by the endpoints that return it) has a `code` that is an enum of
//!   exactly those codes; `details` appears only for codes with
//!   `details: true`. A `default` response covers codes the spec does not list yet.
//! - Response headers: the request-id header and the rate-limit headers on every
//!   response, `Retry-After` on 429, on statuses with a `throttle` code and on `default`.
//! - `components/schemas`: every spec type (structs with `required` = the
//!   non-optional fields, enums as string enums; `[T]` arrays, `map<T>` objects with
//!   `additionalProperties`, `datetime` a `date-time` string, `integer` int64,
//!   `number` double), plus `FieldIssue`, `Error` (the error object) and, with an
//!   error envelope, `ErrorBody`. Extra schema names never shadow a spec type: on a
//!   clash they get a `_2`, `_3`, ... suffix (spec type names have no `_`).
//!
//! The output is deterministic: objects are serde_json maps (sorted keys), arrays
//! follow spec order.
//!
//! ```
//! let yaml = "vook: 1\napi: { name: demo, base_url: 'https://x.test/v1' }\n\
//!             errors: { not_found: { status: 404, summary: Gone. } }\n\
//!             types: { Item: { fields: { id: string } } }\n\
//!             endpoints: { get_item: { method: GET, path: '/items/{id}', path_params: { id: string }, response: Item, errors: [not_found] } }\n";
//! let api = vook_schema::load_str("demo.yaml", yaml).expect("valid");
//! let doc = vook_codegen::openapi::openapi(&api);
//! assert_eq!(doc["openapi"], "3.1.0");
//! let op = &doc["paths"]["/items/{id}"]["get"];
//! assert_eq!(op["operationId"], "get_item");
//! assert_eq!(op["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["data"]["$ref"], "#/components/schemas/Item");
//! assert!(op["responses"]["404"]["description"].as_str().unwrap().contains("not_found"));
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};
use vook_schema::Api;
use vook_schema::model::{Endpoint, ErrorCode, Field, RetryClass, TypeDef, TypeKind};
use vook_schema::types::TypeRef;

/// The OpenAPI version of the document [`openapi`] builds.
const OPENAPI_VERSION: &str = "3.1.0";
/// The one media type of bodies.
const JSON: &str = "application/json";
/// The security scheme's name in `components/securitySchemes`.
const BEARER: &str = "bearerAuth";

/// Keys of `components/headers` (fixed: the wire names come from the spec).
const H_REQUEST_ID: &str = "RequestId";
const H_LIMIT: &str = "RateLimitLimit";
const H_REMAINING: &str = "RateLimitRemaining";
const H_RESET: &str = "RateLimitReset";
const H_RETRY_AFTER: &str = "RetryAfter";
/// Key of the `Idempotency-Key` parameter in `components/parameters`.
const P_IDEMPOTENCY_KEY: &str = "IdempotencyKey";

/// The OpenAPI 3.1 document of `api`.
pub fn openapi(api: &Api) -> Value {
    Builder::new(api).document()
}

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn header_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/headers/{name}") })
}

/// Schema names already taken, so extra schemas never shadow a spec type.
struct Names {
    taken: BTreeSet<String>,
}

impl Names {
    /// `want`, or `want_2`, `want_3`, ... if taken; the result is taken from now on.
    fn claim(&mut self, want: &str) -> String {
        let mut name = want.to_owned();
        let mut n = 2u32;
        while self.taken.contains(&name) {
            name = format!("{want}_{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }
}

/// One error response of one endpoint: a status and the codes sharing it.
struct ErrorGroup<'a> {
    status: u16,
    codes: Vec<&'a ErrorCode>,
    /// Component name of its body schema.
    schema: String,
}

struct Builder<'a> {
    api: &'a Api,
    names: Names,
    field_issue: String,
    error: String,
    /// `ErrorBody`, when the API has an error envelope.
    error_body: Option<String>,
    /// Body schema names of the error groups seen so far, by their codes.
    group_schemas: BTreeMap<Vec<String>, String>,
}

impl<'a> Builder<'a> {
    fn new(api: &'a Api) -> Self {
        let mut names = Names {
            taken: api.types.iter().map(|t| t.name.clone()).collect(),
        };
        let field_issue = names.claim("FieldIssue");
        let error = names.claim("Error");
        let error_body = api
            .envelope_error
            .as_ref()
            .map(|_| names.claim("ErrorBody"));
        Builder {
            api,
            names,
            field_issue,
            error,
            error_body,
            group_schemas: BTreeMap::new(),
        }
    }

    fn document(mut self) -> Value {
        let api = self.api;
        let mut schemas = Map::new();
        for t in &api.types {
            schemas.insert(t.name.clone(), type_schema(t));
        }
        schemas.insert(self.field_issue.clone(), field_issue_schema());
        schemas.insert(self.error.clone(), self.error_object(None));
        if let (Some(name), Some(key)) = (&self.error_body, &api.envelope_error) {
            let body = enveloped(key, schema_ref(&self.error));
            schemas.insert(
                name.clone(),
                with_description(body, "The body of an error response."),
            );
        }

        let mut paths: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
        for ep in &api.endpoints {
            let groups = self.error_groups(ep, &mut schemas);
            let op = self.operation(ep, &groups);
            paths
                .entry(ep.path.as_str())
                .or_default()
                .insert(ep.method.as_str().to_ascii_lowercase(), op);
        }
        let paths: Map<String, Value> = paths
            .into_iter()
            .map(|(p, item)| (p.to_owned(), Value::Object(item)))
            .collect();

        let mut info = Map::new();
        info.insert("title".into(), api.title.clone().into());
        info.insert("version".into(), "1".into());
        if let Some(d) = &api.description {
            info.insert("description".into(), d.trim_end().into());
        }

        let mut components = Map::new();
        components.insert("schemas".into(), Value::Object(schemas));
        components.insert("headers".into(), Value::Object(self.header_components()));
        if api.endpoints.iter().any(|ep| !ep.idempotent) {
            let mut params = Map::new();
            params.insert(P_IDEMPOTENCY_KEY.into(), idempotency_key_parameter());
            components.insert("parameters".into(), Value::Object(params));
        }

        let mut doc = Map::new();
        doc.insert("openapi".into(), OPENAPI_VERSION.into());
        doc.insert("info".into(), Value::Object(info));
        doc.insert("servers".into(), json!([{ "url": api.base_url }]));
        if let Some(env) = &api.auth_env {
            let scheme = json!({
                "type": "http",
                "scheme": "bearer",
                "description": format!(
                    "The API key as `Authorization: Bearer <key>`. The generated client's `Client::from_env()` reads it from `{env}`."
                ),
            });
            let mut schemes = Map::new();
            schemes.insert(BEARER.into(), scheme);
            components.insert("securitySchemes".into(), Value::Object(schemes));
            doc.insert("security".into(), json!([{ BEARER: [] }]));
        }
        doc.insert("paths".into(), Value::Object(paths));
        doc.insert("components".into(), Value::Object(components));
        Value::Object(doc)
    }

    /// The endpoint's codes grouped by status (ascending), codes in spec order. Each
    /// distinct group gets one body schema, added to `schemas` when first seen and
    /// shared by every endpoint with the same group: `<Variant>Error` for one code
    /// (`NotFoundError`; `InternalError` for a variant already ending in `Error`),
    /// `<Op>Error<status>` (first endpoint) for several.
    fn error_groups(
        &mut self,
        ep: &Endpoint,
        schemas: &mut Map<String, Value>,
    ) -> Vec<ErrorGroup<'a>> {
        let api = self.api;
        let mut by_status: BTreeMap<u16, Vec<&'a ErrorCode>> = BTreeMap::new();
        for code in api.errors.iter().filter(|e| ep.errors.contains(&e.code)) {
            by_status.entry(code.status).or_default().push(code);
        }
        let mut groups = Vec::with_capacity(by_status.len());
        for (status, codes) in by_status {
            let key: Vec<String> = codes.iter().map(|c| c.code.clone()).collect();
            let schema = match self.group_schemas.get(&key) {
                Some(name) => name.clone(),
                None => {
                    let want = match codes.as_slice() {
                        [one] if one.variant.ends_with("Error") => one.variant.clone(),
                        [one] => format!("{}Error", one.variant),
                        _ => format!("{}Error{status}", ep.type_prefix()),
                    };
                    let name = self.names.claim(&want);
                    let group = ErrorGroup {
                        status,
                        codes,
                        schema: name.clone(),
                    };
                    schemas.insert(name.clone(), self.group_body(&group));
                    self.group_schemas.insert(key, name.clone());
                    groups.push(group);
                    continue;
                }
            };
            groups.push(ErrorGroup {
                status,
                codes,
                schema,
            });
        }
        groups
    }

    fn operation(&self, ep: &Endpoint, groups: &[ErrorGroup<'_>]) -> Value {
        let mut op = Map::new();
        op.insert("operationId".into(), ep.name.clone().into());
        if let Some(s) = &ep.summary {
            op.insert("summary".into(), s.trim().into());
        }
        let retry = if ep.idempotent {
            "Idempotent: the generated client retries it by the error's retry class."
        } else {
            "Not idempotent: the generated client retries it only with an `Idempotency-Key`."
        };
        let description = match &ep.description {
            Some(d) => format!("{}\n\n{retry}", d.trim_end()),
            None => retry.to_owned(),
        };
        op.insert("description".into(), description.into());

        let mut params = Vec::new();
        for p in &ep.path_params {
            params.push(json!({ "name": p.name, "in": "path", "required": true, "schema": type_schema_of(&p.ty) }));
        }
        for q in &ep.query {
            let mut param = json!({ "name": q.name, "in": "query", "required": !q.optional, "schema": type_schema_of(&q.ty) });
            if let Some(d) = &q.description {
                param["description"] = d.trim_end().into();
            }
            params.push(param);
        }
        if !ep.idempotent {
            params.push(json!({ "$ref": format!("#/components/parameters/{P_IDEMPOTENCY_KEY}") }));
        }
        if !params.is_empty() {
            op.insert("parameters".into(), Value::Array(params));
        }

        if let Some(body) = &ep.body {
            let mut content = Map::new();
            content.insert(JSON.into(), json!({ "schema": type_schema_of(body) }));
            op.insert(
                "requestBody".into(),
                json!({ "required": true, "content": content }),
            );
        }

        let mut responses = Map::new();
        responses.insert(ep.status.to_string(), self.success(ep));
        for g in groups {
            responses.insert(g.status.to_string(), self.error_response(g));
        }
        responses.insert("default".into(), self.default_response());
        op.insert("responses".into(), Value::Object(responses));
        Value::Object(op)
    }

    fn success(&self, ep: &Endpoint) -> Value {
        let mut resp = Map::new();
        let description = ep.summary.as_deref().map_or_else(
            || "Success.".to_owned(),
            |s| format!("Success: {}", s.trim()),
        );
        resp.insert("description".into(), description.into());
        self.insert_headers(&mut resp, false);
        if let Some(ty) = &ep.response {
            let schema = match &self.api.envelope_data {
                Some(key) => enveloped(key, type_schema_of(ty)),
                None => type_schema_of(ty),
            };
            resp.insert("content".into(), json_content(schema));
        }
        Value::Object(resp)
    }

    fn error_response(&self, g: &ErrorGroup<'_>) -> Value {
        let mut lines = vec![format!("Error (HTTP {}), one of these codes:", g.status)];
        for c in &g.codes {
            let mut line = format!(
                "- `{}` (retry: {}): {}",
                c.code,
                c.retry.as_str(),
                one_line(&c.summary)
            );
            if let Some(fix) = &c.fix {
                line.push_str(&format!(" Fix: {}", one_line(fix)));
            }
            lines.push(line);
        }
        let mut resp = Map::new();
        resp.insert("description".into(), lines.join("\n").into());
        let throttled = g.status == 429 || g.codes.iter().any(|c| c.retry == RetryClass::Throttle);
        self.insert_headers(&mut resp, throttled);
        resp.insert("content".into(), json_content(schema_ref(&g.schema)));
        Value::Object(resp)
    }

    fn default_response(&self) -> Value {
        let mut resp = Map::new();
        resp.insert(
            "description".into(),
            "Any other error: a code this spec does not list yet (the generated client's `Unknown` variant, retried by status: 408 and 5xx back off, 429 throttles, other 4xx are terminal).".into(),
        );
        self.insert_headers(&mut resp, true);
        let body = self.error_body.as_deref().unwrap_or(&self.error);
        resp.insert("content".into(), json_content(schema_ref(body)));
        Value::Object(resp)
    }

    /// The request-id and rate-limit headers, and `Retry-After` when `retry_after`.
    fn insert_headers(&self, resp: &mut Map<String, Value>, retry_after: bool) {
        let mut headers = Map::new();
        if let Some(h) = &self.api.request_id_header {
            headers.insert(h.clone(), header_ref(H_REQUEST_ID));
        }
        if let Some(rl) = &self.api.rate_limit_headers {
            headers.insert(rl.limit.clone(), header_ref(H_LIMIT));
            headers.insert(rl.remaining.clone(), header_ref(H_REMAINING));
            headers.insert(rl.reset.clone(), header_ref(H_RESET));
        }
        if retry_after {
            headers.insert("Retry-After".into(), header_ref(H_RETRY_AFTER));
        }
        if !headers.is_empty() {
            resp.insert("headers".into(), Value::Object(headers));
        }
    }

    fn header_components(&self) -> Map<String, Value> {
        let api = self.api;
        let mut h = Map::new();
        if let Some(name) = &api.request_id_header {
            h.insert(
                H_REQUEST_ID.into(),
                json!({
                    "description": format!("`{name}`: identifies the request; quote it to support. Error bodies carry it as `request_id` too."),
                    "schema": { "type": "string" },
                }),
            );
        }
        if let Some(rl) = &api.rate_limit_headers {
            let int = |text: String| json!({ "description": text, "schema": { "type": "integer", "format": "int64", "minimum": 0 } });
            h.insert(
                H_LIMIT.into(),
                int(format!(
                    "`{}`: requests allowed in the current window.",
                    rl.limit
                )),
            );
            h.insert(
                H_REMAINING.into(),
                int(format!(
                    "`{}`: requests left in the current window.",
                    rl.remaining
                )),
            );
            h.insert(
                H_RESET.into(),
                int(format!(
                    "`{}`: when the window resets, in Unix epoch seconds.",
                    rl.reset
                )),
            );
        }
        h.insert(
            H_RETRY_AFTER.into(),
            json!({
                "description": format!(
                    "How long to wait before retrying: delta-seconds (`30`) or an HTTP-date. The generated client waits for it, and gives up when it is longer than {} s.",
                    api.retry.max_retry_after_s
                ),
                "schema": { "type": "string" },
                "example": "30",
            }),
        );
        h
    }

    /// The error object. `None`: the generic one (any code, optional details);
    /// `Some(codes)`: `code` is an enum of exactly `codes`, and `details` is there
    /// only for codes with `details: true` (a `oneOf` when the codes differ in that).
    fn error_object(&self, codes: Option<&[&ErrorCode]>) -> Value {
        let Some(codes) = codes else {
            let code = json!({ "type": "string", "description": "Machine-readable error code." });
            let obj = self.error_fields(code, true);
            return with_description(
                obj,
                "An error object: a stable code, a readable message, the request id and, for validation errors, details.",
            );
        };
        let object = |codes: &[&ErrorCode], details: bool| {
            let wire: Vec<&str> = codes.iter().map(|c| c.code.as_str()).collect();
            self.error_fields(json!({ "type": "string", "enum": wire }), details)
        };
        let (detailed, plain): (Vec<&ErrorCode>, Vec<&ErrorCode>) =
            codes.iter().partition(|c| c.details);
        match (detailed.is_empty(), plain.is_empty()) {
            (true, _) => object(&plain, false),
            (false, true) => object(&detailed, true),
            (false, false) => json!({ "oneOf": [object(&detailed, true), object(&plain, false)] }),
        }
    }

    fn error_fields(&self, code: Value, details: bool) -> Value {
        let mut props = Map::new();
        props.insert("code".into(), code);
        props.insert(
            "message".into(),
            json!({ "type": "string", "description": "Human-readable message." }),
        );
        props.insert(
            "request_id".into(),
            json!({ "type": "string", "description": "Identifies the request; quote it to support." }),
        );
        if details {
            props.insert(
                "details".into(),
                json!({ "type": "array", "items": schema_ref(&self.field_issue), "description": "The fields that failed validation." }),
            );
        }
        json!({ "type": "object", "required": ["code", "message"], "properties": props })
    }

    /// The wire body of one error response: the error object, enveloped when the API
    /// has an error envelope.
    fn group_body(&self, g: &ErrorGroup<'_>) -> Value {
        let obj = self.error_object(Some(&g.codes));
        let body = match &self.api.envelope_error {
            Some(key) => enveloped(key, obj),
            None => obj,
        };
        let codes: Vec<&str> = g.codes.iter().map(|c| c.code.as_str()).collect();
        with_description(
            body,
            &format!("Error body of HTTP {}: `{}`.", g.status, codes.join("`, `")),
        )
    }
}

/// `{"type": "object", "required": [key], "properties": {key: inner}}`.
fn enveloped(key: &str, inner: Value) -> Value {
    let mut props = Map::new();
    props.insert(key.to_owned(), inner);
    json!({ "type": "object", "required": [key], "properties": props })
}

fn json_content(schema: Value) -> Value {
    let mut content = Map::new();
    content.insert(JSON.into(), json!({ "schema": schema }));
    Value::Object(content)
}

/// `schema` with a `description` (OpenAPI 3.1 allows one beside a `$ref`).
fn with_description(mut schema: Value, text: &str) -> Value {
    if let Value::Object(map) = &mut schema {
        map.insert("description".into(), text.trim_end().into());
    }
    schema
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn field_issue_schema() -> Value {
    json!({
        "type": "object",
        "description": "One entry of a validation error's `details`.",
        "required": ["field", "issue"],
        "properties": {
            "field": { "type": "string", "description": "The offending field." },
            "issue": { "type": "string", "description": "What is wrong with it." },
        },
    })
}

fn idempotency_key_parameter() -> Value {
    json!({
        "name": "Idempotency-Key",
        "in": "header",
        "required": false,
        "schema": { "type": "string" },
        "description": "A unique key per logical request, the same on every retry, so a retried request takes effect once. The generated client sends one whenever it may retry this operation.",
    })
}

/// The schema of a type expression.
fn type_schema_of(ty: &TypeRef) -> Value {
    match ty {
        TypeRef::String => json!({ "type": "string" }),
        TypeRef::Integer => json!({ "type": "integer", "format": "int64" }),
        TypeRef::Number => json!({ "type": "number", "format": "double" }),
        TypeRef::Boolean => json!({ "type": "boolean" }),
        TypeRef::Datetime => json!({ "type": "string", "format": "date-time" }),
        TypeRef::List(t) => json!({ "type": "array", "items": type_schema_of(t) }),
        TypeRef::Map(t) => json!({ "type": "object", "additionalProperties": type_schema_of(t) }),
        TypeRef::Named(n) => schema_ref(n),
    }
}

/// The component schema of a spec type.
fn type_schema(t: &TypeDef) -> Value {
    let mut schema = match &t.kind {
        TypeKind::Struct(fields) => struct_schema(fields),
        TypeKind::Enum(values) => {
            let wire: Vec<&str> = values.iter().map(|v| v.wire.as_str()).collect();
            json!({ "type": "string", "enum": wire })
        }
    };
    if let Some(d) = &t.description {
        schema = with_description(schema, d);
    }
    schema
}

fn struct_schema(fields: &[Field]) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for f in fields {
        let mut s = type_schema_of(&f.ty);
        if let Some(d) = &f.description {
            s = with_description(s, d);
        }
        props.insert(f.name.clone(), s);
        if !f.optional {
            required.push(Value::from(f.name.as_str()));
        }
    }
    let mut schema = json!({ "type": "object", "properties": props });
    if !required.is_empty() {
        schema["required"] = Value::Array(required);
    }
    schema
}
