//! The keys each mapping of the format accepts. [`SECTIONS`] names each list by
//! the JSON Schema definition it must match (`""` is the root), so a test can
//! check that the parser and [`crate::json_schema`] agree.

/// The top level.
pub const DOCUMENT: &[&str] = &[
    "vook",
    "api",
    "retry",
    "errors",
    "error_sets",
    "types",
    "endpoints",
];
/// `api`.
pub const API: &[&str] = &[
    "name",
    "title",
    "description",
    "base_url",
    "auth",
    "request_id_header",
    "rate_limit_headers",
    "envelope",
    "error_fields",
    "field_case",
    "body_encoding",
];
/// `api.auth`.
pub const AUTH: &[&str] = &["scheme", "name", "env"];
/// `api.rate_limit_headers`.
pub const RATE_LIMIT_HEADERS: &[&str] = &["limit", "remaining", "reset", "reset_format"];
/// `api.envelope`.
pub const ENVELOPE: &[&str] = &["data", "error"];
/// `api.error_fields`.
pub const ERROR_FIELDS: &[&str] = &vook_vocab::error_fields::KEYS;
/// The long form of `api.error_fields.details`.
pub const DETAILS_SHAPE: &[&str] = &vook_vocab::error_fields::DETAILS_KEYS;
/// `retry`.
pub const RETRY: &[&str] = &[
    "max_attempts",
    "base_delay_ms",
    "max_delay_ms",
    "max_retry_after_s",
];
/// One entry of `errors`.
pub const ERROR: &[&str] = &[
    "status", "retry", "summary", "fix", "message", "details", "wire",
];
/// One entry of `types`.
pub const TYPE: &[&str] = &["description", "fields", "enum", "field_case"];
/// The long form of a field or query parameter.
pub const LONG_FIELD: &[&str] = &["type", "description", "wire"];
/// One entry of `endpoints`.
pub const ENDPOINT: &[&str] = &[
    "method",
    "path",
    "summary",
    "description",
    "path_params",
    "query",
    "body",
    "response",
    "status",
    "errors",
    "idempotent",
    "paginate",
    "body_encoding",
];
/// `paginate` of an endpoint.
pub const PAGINATE: &[&str] = &["cursor", "items", "next", "next_from_last", "has_more"];
/// Every key list, by JSON Schema definition name (`""`: the root schema).
pub const SECTIONS: &[(&str, &[&str])] = &[
    ("", DOCUMENT),
    ("ApiSection", API),
    ("AuthSection", AUTH),
    ("RateLimitSection", RATE_LIMIT_HEADERS),
    ("EnvelopeSection", ENVELOPE),
    ("ErrorFieldsSection", ERROR_FIELDS),
    ("DetailsShapeSection", DETAILS_SHAPE),
    ("RetrySection", RETRY),
    ("ErrorSection", ERROR),
    ("TypeSection", TYPE),
    ("LongField", LONG_FIELD),
    ("EndpointSection", ENDPOINT),
    ("PaginateSection", PAGINATE),
];
