//! Where an error body keeps its fields: the defaults of `api.error_fields`, the
//! entry keys of `details`, and the code name of a status-keyed error that no code
//! of the endpoint has.
//!
//! A path is dotted (`error.type`, `meta.request_id`): each segment is one object key,
//! read inside the error object (after the `envelope.error` unwrapping).

/// Default of `api.error_fields.code`: the key of the machine-readable error code.
pub const CODE: &str = "code";
/// Default of `api.error_fields.message`: the key of the human-readable message.
pub const MESSAGE: &str = "message";
/// Default of `api.error_fields.request_id`: the key of the request id (the spec's
/// request-id header is the fallback).
pub const REQUEST_ID: &str = "request_id";
/// Default of `api.error_fields.details`: the key of the list of field issues.
pub const DETAILS: &str = "details";
/// Default key of an issue's field name inside one `details` entry.
pub const DETAIL_FIELD: &str = "field";
/// Default key of an issue's text inside one `details` entry.
pub const DETAIL_ISSUE: &str = "issue";
/// The keys `api.error_fields` accepts, in the order the docs list them.
pub const KEYS: [&str; 4] = [CODE, MESSAGE, REQUEST_ID, DETAILS];
/// The keys of the long form of `api.error_fields.details`.
pub const DETAILS_KEYS: [&str; 3] = ["at", "field", "issue"];
/// What separates the segments of a dotted path.
pub const PATH_SEPARATOR: char = '.';
/// The most segments a dotted path may have (the decoder's nesting bound).
pub const MAX_PATH_SEGMENTS: usize = 8;
/// Prefix of the code of a status-keyed error whose status none of the endpoint's
/// codes has: `http_418`.
pub const STATUS_CODE_PREFIX: &str = "http_";

/// Whether `path` is a well-formed dotted path: 1 to [`MAX_PATH_SEGMENTS`] segments,
/// none empty, none with whitespace or control characters.
///
/// ```
/// use vook_vocab::error_fields::is_valid_path;
/// assert!(is_valid_path("error.type"));
/// assert!(!is_valid_path("error..type"));
/// assert!(!is_valid_path(".code"));
/// assert!(!is_valid_path(""));
/// ```
pub fn is_valid_path(path: &str) -> bool {
    let mut n = 0;
    for segment in path.split(PATH_SEPARATOR) {
        n += 1;
        if segment.is_empty() || segment.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return false;
        }
    }
    n <= MAX_PATH_SEGMENTS
}
