//! The spec document as written: one struct per YAML mapping of the format,
//! every value located. This is the model the JSON Schema (`cargo xtask schema`)
//! is derived from; `docs/spec.md` documents the same keys.
//!
//! Produced by [`crate::parse`]; checked and resolved into [`crate::model`] by
//! [`crate::validate`].

use schemars::JsonSchema;

use crate::located::{Entries, Located};

/// A vook spec file: one HTTP API's endpoints, types and error codes.
#[derive(Clone, Debug, PartialEq, JsonSchema)]
#[schemars(deny_unknown_fields, title = "vook spec")]
pub struct Document {
    /// Format version; must be `1`.
    pub vook: Located<u64>,
    /// The API as a whole: name, base URL, auth and the headers the client reads.
    pub api: ApiSection,
    /// Defaults of the generated client's retry loop.
    #[schemars(default)]
    pub retry: Option<RetrySection>,
    /// Error codes by wire name (`error.code`), snake_case.
    pub errors: Entries<ErrorSection>,
    /// Named lists of codes (and other sets) that endpoints can refer to.
    #[schemars(default)]
    pub error_sets: Option<Entries<Vec<Located<String>>>>,
    /// Named types (UpperCamelCase): structs with `fields`, or string enums with `enum`.
    #[schemars(default)]
    pub types: Option<Entries<TypeSection>>,
    /// Endpoints by operation id (snake_case).
    pub endpoints: Entries<EndpointSection>,
    /// Names of sections that had problems and were left out (`errors.x`,
    /// `error_sets.x`, `types.X`, `endpoints.x`), so that references to them are
    /// not reported a second time as unknown.
    #[schemars(skip)]
    pub broken: Vec<String>,
}

impl Document {
    /// True when the section `kind.name` was left out because it had problems.
    pub fn is_broken(&self, kind: &str, name: &str) -> bool {
        self.broken.iter().any(|b| b.strip_prefix(kind).and_then(|r| r.strip_prefix('.')) == Some(name))
    }
}

/// The `api` section.
#[derive(Clone, Debug, PartialEq, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ApiSection {
    /// The API's name, snake_case (used in the User-Agent and docs).
    pub name: Located<String>,
    /// Human-readable title.
    #[schemars(default)]
    pub title: Option<Located<String>>,
    /// Longer description, rendered into the generated crate docs.
    #[schemars(default)]
    pub description: Option<Located<String>>,
    /// Absolute `http(s)` URL that endpoint paths are appended to.
    pub base_url: Located<String>,
    /// How requests authenticate; absent means no authentication.
    #[schemars(default)]
    pub auth: Option<AuthSection>,
    /// Response header carrying the request id (used when the error body has none).
    #[schemars(default)]
    pub request_id_header: Option<Located<String>>,
    /// Response headers carrying the rate-limit state.
    #[schemars(default)]
    pub rate_limit_headers: Option<RateLimitSection>,
    /// Keys of the success and failure envelopes.
    #[schemars(default)]
    pub envelope: Option<EnvelopeSection>,
}

/// The `api.auth` section.
#[derive(Clone, Debug, PartialEq, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AuthSection {
    /// Only `bearer` (`Authorization: Bearer KEY`).
    pub scheme: Located<String>,
    /// Environment variable `Client::from_env()` reads the key from.
    pub env: Located<String>,
}

/// The `api.rate_limit_headers` section.
#[derive(Clone, Debug, PartialEq, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RateLimitSection {
    /// Header with the request quota.
    pub limit: Located<String>,
    /// Header with the requests left.
    pub remaining: Located<String>,
    /// Header with the reset time (Unix seconds).
    pub reset: Located<String>,
}

/// The `api.envelope` section.
#[derive(Clone, Debug, PartialEq, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct EnvelopeSection {
    /// Key wrapping success bodies (`{"data": ...}`); `null` for bare bodies.
    #[schemars(default)]
    pub data: Option<Located<String>>,
    /// Key wrapping error objects (`{"error": {...}}`); `null` for bare error objects.
    #[schemars(default)]
    pub error: Option<Located<String>>,
}

/// The `retry` section: defaults of the generated client.
#[derive(Clone, Debug, PartialEq, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RetrySection {
    /// Attempts per call, counting the first; at least 1. Default 3.
    #[schemars(default)]
    pub max_attempts: Option<Located<u64>>,
    /// First backoff delay in milliseconds. Default 500.
    #[schemars(default)]
    pub base_delay_ms: Option<Located<u64>>,
    /// Cap of one backoff delay in milliseconds. Default 8000.
    #[schemars(default)]
    pub max_delay_ms: Option<Located<u64>>,
    /// A longer Retry-After means: give up and return the error. Default 60.
    #[schemars(default)]
    pub max_retry_after_s: Option<Located<u64>>,
}

/// One error code.
#[derive(Clone, Debug, PartialEq, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ErrorSection {
    /// HTTP status, 400..=599.
    pub status: Located<u64>,
    /// `never`, `backoff` or `throttle`. Default: from the status
    /// (429 throttle, 408 and 5xx backoff, other 4xx never).
    #[schemars(default)]
    pub retry: Option<Located<String>>,
    /// One-line meaning of the code.
    pub summary: Located<String>,
    /// How to fix it.
    #[schemars(default)]
    pub fix: Option<Located<String>>,
    /// The message the API sends with this code (used by the test server and docs).
    #[schemars(default)]
    pub message: Option<Located<String>>,
    /// True when the error body carries `details: [{field, issue}]`.
    #[schemars(default)]
    pub details: Option<Located<bool>>,
}

/// One named type: a struct (`fields`) or a string enum (`enum`).
#[derive(Clone, Debug, PartialEq, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TypeSection {
    /// Doc text for the generated type.
    #[schemars(default)]
    pub description: Option<Located<String>>,
    /// Struct fields by wire name (snake_case), each a type expression.
    #[schemars(default)]
    pub fields: Option<Entries<FieldSection>>,
    /// Enum values as sent on the wire.
    #[schemars(default, rename = "enum")]
    pub enum_values: Option<Vec<Located<String>>>,
}

/// A field: a type expression such as `string`, `[Item]`, `map<integer>`, `Item?`,
/// or a mapping with that expression under `type` and a `description`.
#[derive(Clone, Debug, PartialEq, JsonSchema)]
#[schemars(untagged)]
pub enum FieldSection {
    /// `name: string?`
    Short(Located<String>),
    /// `name: { type: string?, description: ... }`
    Long(LongField),
}

/// The long form of a field.
#[derive(Clone, Debug, PartialEq, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct LongField {
    /// The type expression.
    #[schemars(rename = "type")]
    pub ty: Located<String>,
    /// Doc text for the generated field.
    #[schemars(default)]
    pub description: Option<Located<String>>,
}

impl FieldSection {
    /// The type expression.
    pub fn ty(&self) -> &Located<String> {
        match self {
            FieldSection::Short(t) => t,
            FieldSection::Long(l) => &l.ty,
        }
    }
    /// The description, if any.
    pub fn description(&self) -> Option<&Located<String>> {
        match self {
            FieldSection::Short(_) => None,
            FieldSection::Long(l) => l.description.as_ref(),
        }
    }
}

/// One endpoint.
#[derive(Clone, Debug, PartialEq, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct EndpointSection {
    /// `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    pub method: Located<String>,
    /// Path template starting with `/`, parameters as `{name}`.
    pub path: Located<String>,
    /// One-line description.
    #[schemars(default)]
    pub summary: Option<Located<String>>,
    /// Longer description.
    #[schemars(default)]
    pub description: Option<Located<String>>,
    /// Path parameters by name: `string` or `integer`; exactly the `{name}`s of the path.
    #[schemars(default)]
    pub path_params: Option<Entries<Located<String>>>,
    /// Query parameters by name (generated as `<Op>Query`).
    #[schemars(default)]
    pub query: Option<Entries<FieldSection>>,
    /// Request body type, for POST, PUT and PATCH.
    #[schemars(default)]
    pub body: Option<Located<String>>,
    /// Response type inside the data envelope, or `none` (no body).
    pub response: Located<String>,
    /// Success status, 200..=299. Default 200, or 204 when `response: none`.
    #[schemars(default)]
    pub status: Option<Located<u64>>,
    /// Codes and set names this endpoint can return; their union is `<Op>Error`.
    #[schemars(default)]
    pub errors: Option<Vec<Located<String>>>,
    /// Safe to repeat. Default: true for GET, PUT and DELETE, false for POST and PATCH.
    #[schemars(default)]
    pub idempotent: Option<Located<bool>>,
}
