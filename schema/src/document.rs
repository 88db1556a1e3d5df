//! The spec document as written: one struct per YAML mapping of the format,
//! every value located. This is the model the JSON Schema (`cargo xtask schema`)
//! is derived from; `docs/spec.md` documents the same keys.
//!
//! Produced by [`crate::parse`]; checked and resolved into [`crate::model`] by
//! [`crate::validate`].

#[cfg(feature = "json-schema")]
use std::borrow::Cow;
#[cfg(feature = "json-schema")]
use std::collections::BTreeMap;

#[cfg(feature = "json-schema")]
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::located::{Entries, Located};

/// The JSON Schema pattern of snake_case names ([`crate::names::is_snake_case`]).
pub const SNAKE_CASE_PATTERN: &str = "^[a-z][a-z0-9]*(_[a-z0-9]+)*$";
/// The JSON Schema pattern of a dotted path of `api.error_fields`
/// ([`vook_vocab::error_fields::is_valid_path`]).
pub const DOTTED_PATH_PATTERN: &str = "^[^.\\s]+(\\.[^.\\s]+){0,7}$";
/// The JSON Schema pattern of UpperCamelCase names ([`crate::names::is_upper_camel_case`]).
pub const UPPER_CAMEL_CASE_PATTERN: &str = "^[A-Z][A-Za-z0-9]*$";

/// A vook spec file: one HTTP API's endpoints, types and error codes.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json-schema", derive(JsonSchema))]
#[cfg_attr(
    feature = "json-schema",
    schemars(deny_unknown_fields, title = "vook spec")
)]
pub struct Document {
    /// Format version; must be `1`.
    #[cfg_attr(feature = "json-schema", schemars(extend("const" = 1)))]
    pub vook: Located<u64>,
    /// The API as a whole: name, base URL, auth and the headers the client reads.
    pub api: ApiSection,
    /// Defaults of the generated client's retry loop.
    #[cfg_attr(feature = "json-schema", schemars(default))]
    pub retry: Option<RetrySection>,
    /// Error codes by wire name (`error.code`), snake_case. Absent: no codes.
    #[cfg_attr(feature = "json-schema", schemars(default, extend("propertyNames" = {"pattern": SNAKE_CASE_PATTERN}, "type" = ["object", "null"])))]
    pub errors: Entries<ErrorSection>,
    /// Named lists of codes (and other sets) that endpoints can refer to.
    #[cfg_attr(feature = "json-schema", schemars(default, extend("propertyNames" = {"pattern": SNAKE_CASE_PATTERN})))]
    pub error_sets: Option<Entries<Vec<Located<String>>>>,
    /// Named types (UpperCamelCase): structs with `fields`, or string enums with `enum`.
    #[cfg_attr(feature = "json-schema", schemars(default, extend("propertyNames" = {"pattern": UPPER_CAMEL_CASE_PATTERN})))]
    pub types: Option<Entries<TypeSection>>,
    /// Endpoints by operation id (snake_case). Absent: no endpoints.
    #[cfg_attr(feature = "json-schema", schemars(default, extend("propertyNames" = {"pattern": SNAKE_CASE_PATTERN}, "type" = ["object", "null"])))]
    pub endpoints: Entries<EndpointSection>,
    /// Parts that had problems and were left out or replaced by a placeholder,
    /// as dotted paths: whole sections (`errors`, `types`), entries
    /// (`errors.x`, `error_sets.x`, `types.X`, `endpoints.x`) and required
    /// values (`api.name`, `endpoints.x.method`, ...). The validator skips
    /// checks that would only repeat those problems.
    #[cfg_attr(feature = "json-schema", schemars(skip))]
    pub broken: Vec<String>,
}

impl Document {
    /// True when the entry `kind.name` was left out because it had problems,
    /// or the whole section `kind` was unusable.
    pub fn is_broken(&self, kind: &str, name: &str) -> bool {
        self.broken.iter().any(|b| {
            b == kind || b.strip_prefix(kind).and_then(|r| r.strip_prefix('.')) == Some(name)
        })
    }

    /// True when exactly the part at the dotted `path` had problems.
    pub fn is_broken_path(&self, path: &str) -> bool {
        self.broken.iter().any(|b| b == path)
    }
}

/// The `api` section.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json-schema", derive(JsonSchema))]
#[cfg_attr(feature = "json-schema", schemars(deny_unknown_fields))]
pub struct ApiSection {
    /// The API's name, snake_case (used in the User-Agent and docs).
    #[cfg_attr(feature = "json-schema", schemars(pattern(SNAKE_CASE_PATTERN)))]
    pub name: Located<String>,
    /// Human-readable title. Default: the name.
    #[cfg_attr(feature = "json-schema", schemars(default, with = "Option<Text>"))]
    pub title: Option<Located<String>>,
    /// Longer description, rendered into the generated crate docs.
    #[cfg_attr(feature = "json-schema", schemars(default, with = "Option<Text>"))]
    pub description: Option<Located<String>>,
    /// Absolute `http(s)` URL that endpoint paths are appended to.
    #[cfg_attr(
        feature = "json-schema",
        schemars(pattern("^https?://[^/?#\\s]+[^?#\\s]*$"))
    )]
    pub base_url: Located<String>,
    /// How requests authenticate; absent (or `none`, short for `{scheme: none}`)
    /// means no authentication.
    #[cfg_attr(
        feature = "json-schema",
        schemars(default, schema_with = "auth_schema")
    )]
    pub auth: Option<AuthSection>,
    /// Response header carrying the request id (used when the error body has none).
    #[cfg_attr(feature = "json-schema", schemars(default))]
    pub request_id_header: Option<Located<String>>,
    /// Response headers carrying the rate-limit state.
    #[cfg_attr(feature = "json-schema", schemars(default))]
    pub rate_limit_headers: Option<RateLimitSection>,
    /// Keys of the success and failure envelopes. Default `{data: data, error: error}`.
    #[cfg_attr(feature = "json-schema", schemars(default))]
    pub envelope: Option<EnvelopeSection>,
    /// Where the error object (after the `envelope.error` unwrapping) keeps its code,
    /// message, request id and details, as dotted paths. Default: `code`, `message`,
    /// `request_id`, `details`.
    #[cfg_attr(feature = "json-schema", schemars(default))]
    pub error_fields: Option<ErrorFieldsSection>,
    /// How field and query-parameter keys are spelled on the wire: `snake_case` (the
    /// key itself, the default), `camelCase`, `PascalCase` or `kebab-case`. A type's
    /// `field_case` and a field's `wire` override it.
    #[cfg_attr(
        feature = "json-schema",
        schemars(default, schema_with = "field_case_schema")
    )]
    pub field_case: Option<Located<String>>,
    /// How request bodies are encoded: `json` (the default) or `form`
    /// (`application/x-www-form-urlencoded`, nested values in bracket notation). An
    /// endpoint's `body_encoding` overrides it; responses are JSON either way.
    #[cfg_attr(
        feature = "json-schema",
        schemars(default, schema_with = "body_encoding_schema")
    )]
    pub body_encoding: Option<Located<String>>,
}

/// The `api.error_fields` section. A key left out keeps its default; a key set to
/// `null` means the body has no such field (`code: null`: the API is status-keyed).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json-schema", derive(JsonSchema))]
#[cfg_attr(feature = "json-schema", schemars(deny_unknown_fields))]
pub struct ErrorFieldsSection {
    /// Dotted path of the error code (a string, or an integer for integer `wire` codes);
    /// `null`: the body carries no code and the status names it. Default `code`.
    // `None`: not written; `Some(None)`: written as `null`.
    #[cfg_attr(
        feature = "json-schema",
        schemars(default, with = "Option<DottedPath>")
    )]
    pub code: Option<Option<Located<String>>>,
    /// Dotted path of the human-readable message; `null`: none. Default `message`.
    #[cfg_attr(
        feature = "json-schema",
        schemars(default, with = "Option<DottedPath>")
    )]
    pub message: Option<Option<Located<String>>>,
    /// Dotted path of the request id (the request-id header is the fallback); `null`:
    /// none. Default `request_id`.
    #[cfg_attr(
        feature = "json-schema",
        schemars(default, with = "Option<DottedPath>")
    )]
    pub request_id: Option<Option<Located<String>>>,
    /// The list of field issues: a dotted path to a list of `{field, issue}`, or
    /// `{at, field, issue}` naming the list and the keys of its entries; `null`: none.
    /// Default `details`.
    #[cfg_attr(
        feature = "json-schema",
        schemars(default, schema_with = "details_schema")
    )]
    pub details: Option<Option<DetailsSection>>,
}

/// `api.error_fields.details`.
#[derive(Clone, Debug, PartialEq)]
pub enum DetailsSection {
    /// `details: errors`: a list of `{field, issue}` at this dotted path.
    Path(Located<String>),
    /// `details: { at: errors, field: field, issue: code }`.
    Shape(DetailsShapeSection),
}

/// The long form of `api.error_fields.details`.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json-schema", derive(JsonSchema))]
#[cfg_attr(feature = "json-schema", schemars(deny_unknown_fields))]
pub struct DetailsShapeSection {
    /// Dotted path of the list.
    #[cfg_attr(feature = "json-schema", schemars(with = "DottedPath"))]
    pub at: Located<String>,
    /// Key of the offending field's name in each entry. Default `field`.
    #[cfg_attr(feature = "json-schema", schemars(default))]
    pub field: Option<Located<String>>,
    /// Key of what is wrong in each entry. Default `issue` (`message` is read when it
    /// is absent).
    #[cfg_attr(feature = "json-schema", schemars(default))]
    pub issue: Option<Located<String>>,
}

/// An error code's `wire` value: a string or an integer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WireValue {
    /// `wire: "card-declined"`.
    Str(String),
    /// `wire: 20404`.
    Int(i64),
}

/// A dotted path inside the error object, such as `error.type`.
#[cfg(feature = "json-schema")]
struct DottedPath;

#[cfg(feature = "json-schema")]
impl JsonSchema for DottedPath {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "DottedPath".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "pattern": DOTTED_PATH_PATTERN })
    }
}

/// The JSON Schema of `api.error_fields.details`: a path, the long form or `null`.
#[cfg(feature = "json-schema")]
fn details_schema(generator: &mut SchemaGenerator) -> Schema {
    let path = generator.subschema_for::<DottedPath>();
    let shape = generator.subschema_for::<DetailsShapeSection>();
    json_schema!({ "anyOf": [path, shape, { "type": "null" }] })
}

/// The JSON Schema of `wire`: a string or an integer.
#[cfg(feature = "json-schema")]
fn wire_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": ["string", "integer"], "minLength": 1 })
}

/// The `api.auth` section.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json-schema", derive(JsonSchema))]
#[cfg_attr(feature = "json-schema", schemars(deny_unknown_fields))]
#[cfg_attr(
    feature = "json-schema",
    schemars(extend("allOf" = [
        {
            "if": { "properties": { "scheme": { "enum": ["header", "query"] } }, "required": ["scheme"] },
            "then": { "required": ["name", "env"] },
            "else": { "not": { "required": ["name"] } }
        },
        {
            "if": { "properties": { "scheme": { "const": "none" } }, "required": ["scheme"] },
            "then": { "not": { "required": ["env"] } },
            "else": { "required": ["env"] }
        }
    ]))
)]
pub struct AuthSection {
    /// Where the key goes: `bearer` (`Authorization: Bearer KEY`, the default),
    /// `header` (`NAME: KEY`), `query` (`?NAME=KEY`), `basic`
    /// (`Authorization: Basic base64(KEY)`, the key being `user:password`) or `none`.
    #[cfg_attr(
        feature = "json-schema",
        schemars(default, schema_with = "auth_scheme_schema")
    )]
    pub scheme: Option<Located<String>>,
    /// The header (`header` scheme) or query parameter (`query` scheme) carrying the
    /// key; required by those two schemes, refused by the others.
    #[cfg_attr(
        feature = "json-schema",
        schemars(default, pattern("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"))
    )]
    pub name: Option<Located<String>>,
    /// Environment variable `Client::from_env()` reads the key from (UPPER_SNAKE_CASE);
    /// required by every scheme but `none`, which refuses it.
    #[cfg_attr(
        feature = "json-schema",
        schemars(default, pattern("^[A-Z_][A-Z0-9_]*$"))
    )]
    pub env: Option<Located<String>>,
}

/// The `api.rate_limit_headers` section. Each header defaults to the
/// `X-RateLimit-*` name.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json-schema", derive(JsonSchema))]
#[cfg_attr(feature = "json-schema", schemars(deny_unknown_fields))]
pub struct RateLimitSection {
    /// Header with the request quota. Default `X-RateLimit-Limit`.
    #[cfg_attr(feature = "json-schema", schemars(default))]
    pub limit: Option<Located<String>>,
    /// Header with the requests left. Default `X-RateLimit-Remaining`.
    #[cfg_attr(feature = "json-schema", schemars(default))]
    pub remaining: Option<Located<String>>,
    /// Header with the reset time, spelled as `reset_format` says. Default `X-RateLimit-Reset`.
    #[cfg_attr(feature = "json-schema", schemars(default))]
    pub reset: Option<Located<String>>,
    /// How the reset header spells the reset: `epoch` (Unix seconds, the default),
    /// `delta` (seconds from now) or `duration` (`6m0s`, `1.5s`, `20ms`).
    #[cfg_attr(
        feature = "json-schema",
        schemars(default, schema_with = "reset_format_schema")
    )]
    pub reset_format: Option<Located<String>>,
}

/// The `api.envelope` section. A key left out keeps its default (`data`,
/// `error`); a key set to `null` means bare bodies.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json-schema", derive(JsonSchema))]
#[cfg_attr(feature = "json-schema", schemars(deny_unknown_fields))]
pub struct EnvelopeSection {
    /// Key wrapping success bodies (`{"data": ...}`); `null` for bare bodies. Default `data`.
    // `None`: not written; `Some(None)`: written as `null`.
    #[cfg_attr(feature = "json-schema", schemars(default, with = "Option<String>"))]
    pub data: Option<Option<Located<String>>>,
    /// Key wrapping error objects (`{"error": {...}}`); `null` for bare error objects. Default `error`.
    // `None`: not written; `Some(None)`: written as `null`.
    #[cfg_attr(feature = "json-schema", schemars(default, with = "Option<String>"))]
    pub error: Option<Option<Located<String>>>,
}

/// The `retry` section: defaults of the generated client.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json-schema", derive(JsonSchema))]
#[cfg_attr(feature = "json-schema", schemars(deny_unknown_fields))]
pub struct RetrySection {
    /// Attempts per call, counting the first; 1..=100. Default 3.
    #[cfg_attr(feature = "json-schema", schemars(default, range(min = 1, max = 100)))]
    pub max_attempts: Option<Located<u64>>,
    /// First backoff delay in milliseconds, at most 3600000. Default 500.
    #[cfg_attr(feature = "json-schema", schemars(default, range(max = 3_600_000)))]
    pub base_delay_ms: Option<Located<u64>>,
    /// Cap of one backoff delay in milliseconds, at most 3600000. Default 8000.
    #[cfg_attr(feature = "json-schema", schemars(default, range(max = 3_600_000)))]
    pub max_delay_ms: Option<Located<u64>>,
    /// A longer Retry-After means: give up and return the error. At most 86400. Default 60.
    #[cfg_attr(feature = "json-schema", schemars(default, range(max = 86_400)))]
    pub max_retry_after_s: Option<Located<u64>>,
}

/// One error code.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json-schema", derive(JsonSchema))]
#[cfg_attr(feature = "json-schema", schemars(deny_unknown_fields))]
pub struct ErrorSection {
    /// HTTP status, 400..=599.
    #[cfg_attr(feature = "json-schema", schemars(range(min = 400, max = 599)))]
    pub status: Located<u64>,
    /// `never`, `backoff` or `throttle`. Default: from the status
    /// (429 throttle, 408 and 5xx backoff, other 4xx never).
    #[cfg_attr(
        feature = "json-schema",
        schemars(default, schema_with = "retry_class_schema")
    )]
    pub retry: Option<Located<String>>,
    /// One-line meaning of the code. Default: the `message`, else empty.
    #[cfg_attr(feature = "json-schema", schemars(default, with = "Option<Text>"))]
    pub summary: Option<Located<String>>,
    /// How to fix it.
    #[cfg_attr(feature = "json-schema", schemars(default, with = "Option<Text>"))]
    pub fix: Option<Located<String>>,
    /// The message the API sends with this code (used by the test server and docs).
    #[cfg_attr(feature = "json-schema", schemars(default, with = "Option<Text>"))]
    pub message: Option<Located<String>>,
    /// True when the error body carries `details: [{field, issue}]`. Default false.
    #[cfg_attr(feature = "json-schema", schemars(default))]
    pub details: Option<Located<bool>>,
    /// The code as the body carries it when it is not the key: a string
    /// (`"card-declined"`) or an integer (`20404`). The Rust variant and
    /// `ApiError::code()` stay the key.
    #[cfg_attr(
        feature = "json-schema",
        schemars(default, schema_with = "wire_schema")
    )]
    pub wire: Option<Located<WireValue>>,
}

/// One named type: a struct (`fields`) or a string enum (`enum`), exactly one of them.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json-schema", derive(JsonSchema))]
#[cfg_attr(feature = "json-schema", schemars(deny_unknown_fields, extend("oneOf" = [{"required": ["fields"]}, {"required": ["enum"]}])))]
pub struct TypeSection {
    /// Doc text for the generated type.
    #[cfg_attr(feature = "json-schema", schemars(default, with = "Option<Text>"))]
    pub description: Option<Located<String>>,
    /// Struct fields by wire name (snake_case), each a type expression.
    /// An empty value (`fields:`) is a struct without fields.
    #[cfg_attr(feature = "json-schema", schemars(default, extend("propertyNames" = {"pattern": SNAKE_CASE_PATTERN})))]
    pub fields: Option<Entries<FieldSection>>,
    /// Enum values as sent on the wire; at least one.
    #[cfg_attr(feature = "json-schema", schemars(default, rename = "enum", length(min = 1), extend("type" = "array")))]
    pub enum_values: Option<Vec<Located<String>>>,
    /// How this struct's field keys are spelled on the wire (overrides `api.field_case`).
    #[cfg_attr(
        feature = "json-schema",
        schemars(default, schema_with = "field_case_schema")
    )]
    pub field_case: Option<Located<String>>,
}

/// Free text (`summary`, `description`, ...): a string; a number or boolean
/// is read as its text (`summary: 404` is the text "404").
#[cfg(feature = "json-schema")]
struct Text;

#[cfg(feature = "json-schema")]
impl JsonSchema for Text {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "number", "boolean"] })
    }
}

/// A type expression: `string`, `integer`, `number`, `boolean`, `datetime`, `json`,
/// `[T]`, `map<T>` or a type name, with a trailing `?` on fields for optional.
/// A one-item YAML list `[T]` (unquoted) is the same as the string `"[T]"`.
#[cfg(feature = "json-schema")]
struct TypeExpr;

#[cfg(feature = "json-schema")]
impl JsonSchema for TypeExpr {
    fn schema_name() -> Cow<'static, str> {
        "TypeExpr".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let inner = generator.subschema_for::<TypeExpr>();
        json_schema!({
            "description": "A type expression: `string`, `integer`, `number`, `boolean`, `datetime`, `json`, `[T]`, `map<T>` or a type name; a trailing `?` marks an optional field. An unquoted one-item YAML list `[T]` means the same as `\"[T]\"`.",
            "anyOf": [
                { "type": "string", "minLength": 1 },
                { "type": "array", "minItems": 1, "maxItems": 1, "items": inner }
            ]
        })
    }
}

/// A field: a type expression such as `string`, `[Item]`, `map<integer>`, `Item?`,
/// or a mapping with that expression under `type` and a `description`.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldSection {
    /// `name: string?`
    Short(Located<String>),
    /// `name: { type: string?, description: ... }`
    Long(LongField),
}

#[cfg(feature = "json-schema")]
impl JsonSchema for FieldSection {
    fn schema_name() -> Cow<'static, str> {
        "FieldSection".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let short = generator.subschema_for::<TypeExpr>();
        let long = generator.subschema_for::<LongField>();
        json_schema!({
            "description": "A field: a type expression such as `string`, `[Item]`, `map<integer>`, `Item?`, or a mapping with that expression under `type` and a `description`.",
            "anyOf": [short, long]
        })
    }
}

/// The long form of a field.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json-schema", derive(JsonSchema))]
#[cfg_attr(feature = "json-schema", schemars(deny_unknown_fields))]
pub struct LongField {
    /// The type expression.
    #[cfg_attr(feature = "json-schema", schemars(rename = "type", with = "TypeExpr"))]
    pub ty: Located<String>,
    /// Doc text for the generated field.
    #[cfg_attr(feature = "json-schema", schemars(default, with = "Option<Text>"))]
    pub description: Option<Located<String>>,
    /// The name on the wire (`createdAt`), when it is not what the key and
    /// `field_case` give. The Rust name stays the key.
    #[cfg_attr(feature = "json-schema", schemars(default, length(min = 1)))]
    pub wire: Option<Located<String>>,
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
    /// The explicit wire name (`wire:` of the long form), if any.
    pub fn wire(&self) -> Option<&Located<String>> {
        match self {
            FieldSection::Short(_) => None,
            FieldSection::Long(l) => l.wire.as_ref(),
        }
    }
}

/// One endpoint.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json-schema", derive(JsonSchema))]
#[cfg_attr(feature = "json-schema", schemars(deny_unknown_fields))]
pub struct EndpointSection {
    /// `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    #[cfg_attr(feature = "json-schema", schemars(schema_with = "method_schema"))]
    pub method: Located<String>,
    /// Path template starting with `/`, parameters as `{name}`.
    #[cfg_attr(feature = "json-schema", schemars(pattern("^/[^?#\\s]*$")))]
    pub path: Located<String>,
    /// One-line description.
    #[cfg_attr(feature = "json-schema", schemars(default, with = "Option<Text>"))]
    pub summary: Option<Located<String>>,
    /// Longer description.
    #[cfg_attr(feature = "json-schema", schemars(default, with = "Option<Text>"))]
    pub description: Option<Located<String>>,
    /// Path parameters by name: `string` or `integer`; exactly the `{name}`s of the path.
    #[cfg_attr(feature = "json-schema", schemars(
        default,
        with = "Option<BTreeMap<String, PathParamType>>",
        extend("propertyNames" = {"pattern": SNAKE_CASE_PATTERN})
    ))]
    pub path_params: Option<Entries<Located<String>>>,
    /// Query parameters by name (generated as `<Op>Query`): scalars, string
    /// enums or lists of those.
    #[cfg_attr(feature = "json-schema", schemars(default, extend("propertyNames" = {"pattern": SNAKE_CASE_PATTERN})))]
    pub query: Option<Entries<FieldSection>>,
    /// Request body type, for POST, PUT and PATCH. Absent: no body.
    #[cfg_attr(feature = "json-schema", schemars(default, with = "Option<TypeExpr>"))]
    pub body: Option<Located<String>>,
    /// Response type inside the data envelope, or `none` (no body). Absent: `none`.
    #[cfg_attr(feature = "json-schema", schemars(default, with = "Option<TypeExpr>"))]
    pub response: Option<Located<String>>,
    /// Success status, 200..=299. Default 200, or 204 when there is no response body.
    #[cfg_attr(
        feature = "json-schema",
        schemars(default, range(min = 200, max = 299))
    )]
    pub status: Option<Located<u64>>,
    /// Codes and set names this endpoint can return; their union is `<Op>Error`.
    #[cfg_attr(feature = "json-schema", schemars(default))]
    pub errors: Option<Vec<Located<String>>>,
    /// Safe to repeat. Default: true for GET, PUT and DELETE, false for POST and PATCH.
    #[cfg_attr(feature = "json-schema", schemars(default))]
    pub idempotent: Option<Located<bool>>,
    /// How the list this endpoint returns pages: `.pages()` and `.items()` on its calls.
    #[cfg_attr(feature = "json-schema", schemars(default))]
    pub paginate: Option<PaginateSection>,
    /// How this endpoint's request body is encoded: `json` or `form` (overrides
    /// `api.body_encoding`).
    #[cfg_attr(
        feature = "json-schema",
        schemars(default, schema_with = "body_encoding_schema")
    )]
    pub body_encoding: Option<Located<String>>,
}

/// The `paginate` key of an endpoint: which query parameter carries the
/// position, where the response says what comes next, and which list field
/// holds the items. Exactly one of `next` (the next cursor is a field of the
/// response) and `next_from_last` (the next position is a field of the page's
/// last item, Stripe style).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "json-schema", derive(JsonSchema))]
#[cfg_attr(feature = "json-schema", schemars(deny_unknown_fields, extend(
    "oneOf" = [{"required": ["next"]}, {"required": ["next_from_last"]}]
)))]
pub struct PaginateSection {
    /// Where `paginate` is written (the key).
    #[cfg_attr(feature = "json-schema", schemars(skip))]
    pub pos: crate::diagnostic::Pos,
    /// The query parameter (an optional string) that carries the position.
    pub cursor: Located<String>,
    /// The list field of the response type that holds the page's items.
    pub items: Located<String>,
    /// The optional string field of the response type with the next page's
    /// cursor; absent, null or "" on the last page.
    #[cfg_attr(feature = "json-schema", schemars(default))]
    pub next: Option<Located<String>>,
    /// The field (string or integer) of the item type whose value on the
    /// page's last item is the next position (Stripe's `starting_after=<id>`).
    #[cfg_attr(feature = "json-schema", schemars(default))]
    pub next_from_last: Option<Located<String>>,
    /// With `next_from_last`: the boolean field of the response type that is
    /// `false` on the last page.
    #[cfg_attr(feature = "json-schema", schemars(default))]
    pub has_more: Option<Located<String>>,
}

/// The type of a path parameter: `string` or `integer`.
#[cfg(feature = "json-schema")]
struct PathParamType;

#[cfg(feature = "json-schema")]
impl JsonSchema for PathParamType {
    fn schema_name() -> Cow<'static, str> {
        "PathParamType".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The type of a path parameter: `string` or `integer`.",
            "enum": ["string", "integer"]
        })
    }
}

/// The JSON Schema of an optional `retry:`: one of the vocabulary's spellings.
#[cfg(feature = "json-schema")]
fn retry_class_schema(_: &mut SchemaGenerator) -> Schema {
    optional_spelling(vook_vocab::RetryClass::ALL.iter().map(|c| c.as_str()))
}

/// The JSON Schema of `api.auth`: the mapping, `none`, or nothing.
#[cfg(feature = "json-schema")]
fn auth_schema(generator: &mut SchemaGenerator) -> Schema {
    let section = generator.subschema_for::<AuthSection>();
    json_schema!({ "anyOf": [section, { "const": "none" }, { "type": "null" }] })
}

/// The JSON Schema of an optional key whose value is one of `spellings`, or `null`.
#[cfg(feature = "json-schema")]
fn optional_spelling(spellings: impl Iterator<Item = &'static str>) -> Schema {
    let mut spellings: Vec<serde_json::Value> = spellings.map(serde_json::Value::from).collect();
    spellings.push(serde_json::Value::Null);
    json_schema!({ "type": ["string", "null"], "enum": spellings })
}

/// The JSON Schema of an optional `api.auth.scheme`: one of the vocabulary's spellings.
#[cfg(feature = "json-schema")]
fn auth_scheme_schema(_: &mut SchemaGenerator) -> Schema {
    optional_spelling(vook_vocab::auth::AuthScheme::ALL.iter().map(|s| s.as_str()))
}

/// The JSON Schema of an optional `reset_format`: one of the vocabulary's spellings.
#[cfg(feature = "json-schema")]
fn reset_format_schema(_: &mut SchemaGenerator) -> Schema {
    optional_spelling(
        vook_vocab::rate_limit::ResetFormat::ALL
            .iter()
            .map(|s| s.as_str()),
    )
}

/// The JSON Schema of an optional `field_case`: one of the vocabulary's spellings.
#[cfg(feature = "json-schema")]
fn field_case_schema(_: &mut SchemaGenerator) -> Schema {
    optional_spelling(vook_vocab::wire::FieldCase::ALL.iter().map(|s| s.as_str()))
}

/// The JSON Schema of an optional `body_encoding`: one of the vocabulary's spellings.
#[cfg(feature = "json-schema")]
fn body_encoding_schema(_: &mut SchemaGenerator) -> Schema {
    optional_spelling(
        vook_vocab::wire::BodyEncoding::ALL
            .iter()
            .map(|s| s.as_str()),
    )
}

/// The JSON Schema of `method:`: one of the vocabulary's spellings.
#[cfg(feature = "json-schema")]
fn method_schema(_: &mut SchemaGenerator) -> Schema {
    let spellings: Vec<&str> = vook_vocab::Method::ALL.iter().map(|m| m.as_str()).collect();
    json_schema!({ "type": "string", "enum": spellings })
}
