//! Header names: the spec format's defaults, and the ones the runtime and the mock
//! send or read whatever the spec says.
//!
//! HTTP header names are case-insensitive. The spec defaults are spelled as the Vook
//! API documents them (generated code writes them lowercase); the fixed names are
//! lowercase, so `http::HeaderName::from_static` takes them as they are.

/// Default of `api.request_id_header`: the response header carrying the request id.
pub const REQUEST_ID: &str = "X-Request-ID";
/// Default of `api.rate_limit_headers.limit`: the request quota of the window.
pub const RATE_LIMIT_LIMIT: &str = "X-RateLimit-Limit";
/// Default of `api.rate_limit_headers.remaining`: requests left in the window.
pub const RATE_LIMIT_REMAINING: &str = "X-RateLimit-Remaining";
/// Default of `api.rate_limit_headers.reset`: when the window resets.
pub const RATE_LIMIT_RESET: &str = "X-RateLimit-Reset";
/// `Idempotency-Key`: the request header that makes a non-idempotent request safe to
/// retry; the same value on every attempt of one call.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";
/// `Idempotent-Replayed`: the response header a server sets (to `true`) when it
/// answers a used `Idempotency-Key` with the stored first answer.
pub const IDEMPOTENT_REPLAYED: &str = "idempotent-replayed";
/// `Retry-After-Ms`: the wait in milliseconds some APIs (OpenAI, Azure) send; it takes
/// precedence over `Retry-After`.
pub const RETRY_AFTER_MS: &str = "retry-after-ms";
