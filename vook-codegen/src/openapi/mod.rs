//! OpenAPI export: the same validated spec as an OpenAPI 3.1 (or 3.0) document,
//! for tools that speak OpenAPI (validators, mock servers, contract testers, docs
//! renderers, other generators). `cargo xtask openapi [--openapi-version 3.0|3.1]`
//! prints it; `cargo xtask bench-compile` feeds the 3.0 form to progenitor.
//!
//! How the spec maps:
//! - `info` from the title and description, `servers` from `base_url`, a bearer
//!   `securityScheme` (and a top-level `security` requirement) when `auth.env` is set.
//! - One operation per endpoint: `operationId` is the endpoint name; path parameters
//!   and `query` fields become parameters; `body` the JSON request body; the success
//!   status carries the response type inside the data envelope (no content for
//!   `response: none`). Non-idempotent operations document the optional
//!   `Idempotency-Key` header the generated client sends when it may retry.
//! - Request bodies are closed (`additionalProperties: false`), as vook-mock
//!   refuses unknown body fields: every struct inside a body (a struct that
//!   responses use too keeps its open schema and gets a closed copy,
//!   `<Type>Request`).
//! - On the endpoints vook-mock answers as lists, the page-size and cursor query
//!   parameters state its conventions (a description; `minimum: 1` on an integer
//!   `limit`, `page_size` or `per_page`).
//! - One response per error status of the endpoint. Several codes can share a
//!   status: the description lists each (code, retry class, summary, fix), and the
//!   body schema (enveloped like the wire body; one per distinct group of codes,
//!   shared by the endpoints that return it) has a `code` that is an enum of
//!   exactly those codes; `details` appears only for codes with
//!   `details: true`. A `default` response covers codes the spec does not list yet.
//! - Response headers: the request-id header and the rate-limit headers on every
//!   response, `Retry-After` on 429, on statuses with a `throttle` code and on `default`.
//! - `components/schemas`: every spec type (structs with `required` = the
//!   non-optional fields, optional fields also accepting `null` (3.1:
//!   `type: [T, "null"]`, or `anyOf` with `{type: null}` for a reference; 3.0:
//!   `nullable: true`, with `allOf: [{$ref}]` for a reference), enums as string
//!   enums; `[T]` arrays, `map<T>` objects with `additionalProperties`, `datetime` a `date-time` string, `integer` int64,
//!   `number` double), plus `FieldIssue`, `Error` (the error object) and, with an
//!   error envelope, `ErrorBody`. Extra schema names never shadow a spec type: on a
//!   clash they get a `_2`, `_3`, ... suffix (spec type names have no `_`).
//! - [`ErrorSchemas::Generic`] gives every error response the generic error body
//!   instead, and leaves out `default`, for generators that take one error type
//!   per operation (and read `default` as a possible success too).
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
//!
//! use vook_codegen::openapi::{Options, OpenApiVersion, document};
//! let v30 = document(&api, Options { version: OpenApiVersion::V3_0, ..Options::default() });
//! assert_eq!(v30["openapi"], "3.0.3");
//! ```

mod components;
mod errors;
mod paging;
mod type_schemas;
mod version;

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};
use vook_schema::Api;
use vook_schema::model::{BodyEncoding, Endpoint, ResetFormat, RetryClass};
use vook_schema::types::TypeRef;

use components::{
    H_LIMIT, H_REMAINING, H_REQUEST_ID, H_RESET, H_RETRY_AFTER, Names, P_IDEMPOTENCY_KEY,
    header_ref, parameter_ref, schema_ref,
};
use errors::{ErrorBodies, ErrorGroup, enveloped};
use type_schemas::TypeSchemas;

pub use errors::ErrorSchemas;
pub use version::{OpenApiVersion, UnknownOpenApiVersion};

/// The one media type of bodies.
const JSON: &str = "application/json";
/// The security scheme's name in `components/securitySchemes`.
const BEARER: &str = "bearerAuth";
/// The security scheme of the `basic` auth scheme.
const BASIC: &str = "basicAuth";
/// The security scheme of the `header` and `query` auth schemes.
const API_KEY: &str = "apiKeyAuth";

/// The security scheme (its key in `components.securitySchemes`, and itself) of `auth`.
fn security_scheme(auth: &vook_schema::model::Auth) -> (&'static str, Value) {
    use vook_schema::model::AuthScheme;
    let env = &auth.env;
    let from_env = format!("The generated client's `Client::from_env()` reads it from `{env}`.");
    let name = auth.name.as_deref().unwrap_or_default();
    match auth.scheme {
        AuthScheme::Basic => (
            BASIC,
            json!({
                "type": "http",
                "scheme": "basic",
                "description": format!("The API key `user:password` as `Authorization: Basic <base64>`. {from_env}"),
            }),
        ),
        AuthScheme::Header | AuthScheme::Query => {
            let place = if auth.scheme == AuthScheme::Header {
                "header"
            } else {
                "query"
            };
            (
                API_KEY,
                json!({
                    "type": "apiKey",
                    "in": place,
                    "name": name,
                    "description": format!("The API key in the `{name}` {place}. {from_env}"),
                }),
            )
        }
        AuthScheme::Bearer | AuthScheme::None => (
            BEARER,
            json!({
                "type": "http",
                "scheme": "bearer",
                "description": format!("The API key as `Authorization: Bearer <key>`. {from_env}"),
            }),
        ),
    }
}

/// How [`document`] writes the document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Options {
    /// The OpenAPI version (default 3.1).
    pub version: OpenApiVersion,
    /// Error body schemas per status (default) or one generic body.
    pub error_schemas: ErrorSchemas,
}

/// The OpenAPI 3.1 document of `api` (the default [`Options`]).
pub fn openapi(api: &Api) -> Value {
    document(api, Options::default())
}

/// The OpenAPI document of `api`, written as `options` say.
pub fn document(api: &Api, options: Options) -> Value {
    Builder::new(api, options).document()
}

struct Builder<'a> {
    api: &'a Api,
    version: OpenApiVersion,
    names: Names,
    errors: ErrorBodies<'a>,
    types: TypeSchemas<'a>,
}

impl<'a> Builder<'a> {
    fn new(api: &'a Api, options: Options) -> Self {
        let mut names = Names::new(api.types.iter().map(|t| t.name.clone()));
        let errors = ErrorBodies::new(api, options.error_schemas, &mut names);
        let types = TypeSchemas::new(api, options.version, &mut names);
        Builder {
            api,
            version: options.version,
            names,
            errors,
            types,
        }
    }

    fn document(mut self) -> Value {
        let api = self.api;
        let mut schemas: Map<String, Value> = self.types.components().into_iter().collect();
        schemas.extend(self.errors.components());

        let mut paths: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
        for ep in &api.endpoints {
            let groups = self.errors.groups(ep, &mut self.names, &mut schemas);
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
        doc.insert("openapi".into(), self.version.as_str().into());
        doc.insert("info".into(), Value::Object(info));
        doc.insert("servers".into(), json!([{ "url": api.base_url }]));
        if let Some(auth) = &api.auth {
            let (key, scheme) = security_scheme(auth);
            let mut schemes = Map::new();
            schemes.insert(key.into(), scheme);
            components.insert("securitySchemes".into(), Value::Object(schemes));
            doc.insert("security".into(), json!([{ key: [] }]));
        }
        doc.insert("paths".into(), Value::Object(paths));
        doc.insert("components".into(), Value::Object(components));
        Value::Object(doc)
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
        if let Some(paging) = paging::extension(ep) {
            op.insert("x-vook-paginate".into(), paging);
        }

        let mut params = Vec::new();
        for p in &ep.path_params {
            let mut schema = self.types.of(&p.ty, false);
            // An empty segment is no value: `/things/` is not `/things/{id}` with id "".
            if let (TypeRef::String, Value::Object(map)) = (&p.ty, &mut schema) {
                map.insert("minLength".into(), 1.into());
            }
            params
                .push(json!({ "name": p.name, "in": "path", "required": true, "schema": schema }));
        }
        for q in &ep.query {
            let mut param = Map::new();
            param.insert("name".into(), q.wire.clone().into());
            param.insert("in".into(), "query".into());
            param.insert("required".into(), (!q.optional).into());
            param.insert("schema".into(), self.types.of(&q.ty, false));
            if let Some(d) = &q.description {
                param.insert("description".into(), d.trim_end().into());
            }
            paging::annotate(self.api, ep, q, &mut param);
            params.push(Value::Object(param));
        }
        if !ep.idempotent {
            params.push(parameter_ref(P_IDEMPOTENCY_KEY));
        }
        if !params.is_empty() {
            op.insert("parameters".into(), Value::Array(params));
        }

        if let Some(body) = &ep.body {
            let schema = self.types.body(body);
            let content = match ep.body_encoding {
                BodyEncoding::Json => json_content(schema),
                // Bracket notation: `metadata[order_id]=42`, `items[0][price]=p`.
                BodyEncoding::Form => {
                    let mut content = Map::new();
                    content.insert(
                        BodyEncoding::Form.content_type().into(),
                        json!({ "schema": schema }),
                    );
                    Value::Object(content)
                }
            };
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
        if self.errors.has_default_response() {
            responses.insert("default".into(), self.default_response());
        }
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
                Some(key) => enveloped(key, self.types.of(ty, false)),
                None => self.types.of(ty, false),
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
        resp.insert(
            "content".into(),
            json_content(schema_ref(self.errors.generic_body())),
        );
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
                    "description": request_id_text(name, api.error_fields.request_id.as_deref()),
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
            h.insert(H_RESET.into(), reset_header(&rl.reset, rl.reset_format));
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
}

/// The reset header in the spec's `reset_format`, as vook-mock writes it: Unix
/// seconds, seconds from now, or a Go-style duration from now (`6m0s`, `1.5s`, `20ms`).
fn reset_header(name: &str, format: ResetFormat) -> Value {
    let int = |text: String| json!({ "description": text, "schema": { "type": "integer", "format": "int64", "minimum": 0 } });
    match format {
        ResetFormat::Epoch => int(format!(
            "`{name}`: when the window resets, in Unix epoch seconds."
        )),
        ResetFormat::Delta => int(format!("`{name}`: seconds until the window resets.")),
        ResetFormat::Duration => json!({
            "description": format!("`{name}`: how long until the window resets, as a Go-style duration (`6m0s`, `1.5s`, `20ms`)."),
            "schema": { "type": "string", "pattern": GO_DURATION_PATTERN },
            "example": "6m0s",
        }),
    }
}

/// A Go-style duration: `0s`, or one or more numbers (with an optional fraction),
/// each with its unit.
const GO_DURATION_PATTERN: &str = r"^(0|([0-9]+(\.[0-9]+)?(h|m|s|ms|us|µs|ns))+)$";

/// The request-id header's description: where error bodies carry the id too, if
/// they do (`api.error_fields.request_id`).
fn request_id_text(name: &str, in_body: Option<&[String]>) -> String {
    let head = format!("`{name}`: identifies the request; quote it to support.");
    match in_body {
        Some(path) => format!("{head} Error bodies carry it as `{}` too.", path.join(".")),
        None => head,
    }
}

fn json_content(schema: Value) -> Value {
    let mut content = Map::new();
    content.insert(JSON.into(), json!({ "schema": schema }));
    Value::Object(content)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
