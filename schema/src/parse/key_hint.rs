//! The key an unknown key most likely means: a near spelling, a name other
//! formats use for it (OpenAPI's `parameters`, `requestBody`, ...), or a long
//! common prefix.

use crate::suggest::suggest;

/// Keys people write for the format's keys (from OpenAPI and other formats).
const KEY_ALIASES: &[(&str, &str)] = &[
    ("params", "path_params"),
    ("path_parameters", "path_params"),
    ("parameters", "path_params"),
    ("query_params", "query"),
    ("query_parameters", "query"),
    ("request", "body"),
    ("request_body", "body"),
    ("requestBody", "body"),
    ("input", "body"),
    ("returns", "response"),
    ("output", "response"),
    ("response_type", "response"),
    ("responses", "response"),
    ("status_code", "status"),
    ("http_status", "status"),
    ("code", "status"),
    ("verb", "method"),
    ("http_method", "method"),
    ("url", "path"),
    ("uri", "path"),
    ("route", "path"),
    ("desc", "description"),
    ("doc", "description"),
    ("docs", "description"),
    ("properties", "fields"),
    ("members", "fields"),
    ("values", "enum"),
    ("variants", "enum"),
    ("enum_values", "enum"),
    ("retry_class", "retry"),
    ("retryable", "retry"),
    ("max_retries", "max_attempts"),
    ("retries", "max_attempts"),
    ("attempts", "max_attempts"),
    ("baseUrl", "base_url"),
    ("base_uri", "base_url"),
    ("url_base", "base_url"),
    ("server", "base_url"),
    ("version", "vook"),
    ("operations", "endpoints"),
    ("routes", "endpoints"),
    ("error_codes", "errors"),
    ("schemas", "types"),
    ("models", "types"),
    ("sets", "error_sets"),
    ("errorSets", "error_sets"),
    ("idempotency", "idempotent"),
];

/// The allowed key an unknown key most likely means.
pub(super) fn key_hint<'a>(word: &str, allowed: &[&'a str]) -> Option<&'a str> {
    if let Some(s) = suggest(word, allowed) {
        return Some(s);
    }
    let alias = KEY_ALIASES
        .iter()
        .filter(|(alias, _)| alias.eq_ignore_ascii_case(word))
        .find_map(|(_, key)| allowed.iter().find(|a| *a == key).copied());
    if alias.is_some() {
        return alias;
    }
    // `retries` for `retry`, `descr` for `description`: a long common prefix.
    let lower = word.to_ascii_lowercase();
    allowed.iter().copied().find(|a| {
        let common = lower
            .chars()
            .zip(a.chars())
            .take_while(|(x, y)| x == y)
            .count();
        common >= 4 && common * 2 >= a.len().min(lower.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENDPOINT: &[&str] = &["method", "path", "path_params", "response", "description"];

    #[test]
    fn near_spellings_aliases_and_prefixes() {
        assert_eq!(key_hint("methd", ENDPOINT), Some("method"));
        assert_eq!(key_hint("requestBody", &["body"]), Some("body"));
        assert_eq!(key_hint("PARAMS", ENDPOINT), Some("path_params"));
        assert_eq!(key_hint("descr", ENDPOINT), Some("description"));
        assert_eq!(key_hint("colour", ENDPOINT), None);
        // An alias for a key this mapping does not have is no hint.
        assert_eq!(key_hint("requestBody", ENDPOINT), None);
    }
}
