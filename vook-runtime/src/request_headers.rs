//! Checks of the request headers a caller sets: per call (`Call::header`,
//! `Call::idempotency_key`) and per client (`ClientBuilder::default_header`,
//! `ClientBuilder::user_agent`). Errors never show a header's value (it may be a secret).

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};

use crate::spec::{ApiSpec, AuthScheme};

/// Longest `Idempotency-Key` a caller may choose, in bytes.
pub(crate) const MAX_IDEMPOTENCY_KEY_BYTES: usize = 255;

/// Whether a caller may not set header `name` himself: `Authorization` and the spec's
/// own auth header carry the API key, which `.api_key(..)` sets (with its hygiene).
///
/// The one place that decides it, for `.header(..)` and `.default_header(..)` alike.
pub(crate) fn refused_header(spec: &ApiSpec, name: &HeaderName) -> bool {
    *name == AUTHORIZATION
        || (spec.auth.scheme == AuthScheme::Header
            && spec
                .auth
                .name
                .is_some_and(|own| own.eq_ignore_ascii_case(name.as_str())))
}

/// Headers the runtime or the HTTP stack own: setting them by hand would break the
/// request's framing or bypass a checked option.
fn reserved_header(name: &HeaderName) -> Option<&'static str> {
    match name.as_str() {
        "host" | "content-length" | "transfer-encoding" | "connection" | "te" | "upgrade" => {
            Some("it is set by the HTTP client")
        }
        "idempotency-key" => Some("use .idempotency_key(..)"),
        _ => None,
    }
}

/// Check an extra header (per call or per client): a valid name and value, and not one
/// the caller may not set. The error never shows the value (it may be a secret).
pub(crate) fn check_header<K, V>(
    spec: &ApiSpec,
    name: K,
    value: V,
) -> Result<(HeaderName, HeaderValue), String>
where
    HeaderName: TryFrom<K>,
    HeaderValue: TryFrom<V>,
{
    let name = HeaderName::try_from(name).map_err(|_| "not a valid header name".to_owned())?;
    if refused_header(spec, &name) {
        return Err(format!(
            "header `{name}` carries the API key and cannot be set by hand: use .api_key(..)"
        ));
    }
    if let Some(why) = reserved_header(&name) {
        return Err(format!("header `{name}` cannot be set by hand: {why}"));
    }
    let value = HeaderValue::try_from(value).map_err(|_| {
        format!("the value of header `{name}` is not a valid header value (control characters?)")
    })?;
    Ok((name, value))
}

/// Check a caller-chosen `Idempotency-Key`: 1 to 255 bytes, no control characters, no
/// leading or trailing whitespace (which would not arrive as sent). The error never
/// shows the key.
pub(crate) fn check_idempotency_key(key: &str) -> Result<HeaderValue, String> {
    if key.is_empty() {
        return Err("the idempotency key is empty".to_owned());
    }
    if key.len() > MAX_IDEMPOTENCY_KEY_BYTES {
        return Err(format!(
            "the idempotency key is {} bytes long; at most {MAX_IDEMPOTENCY_KEY_BYTES} are allowed",
            key.len()
        ));
    }
    if key.chars().any(char::is_control) {
        return Err("the idempotency key contains a control character".to_owned());
    }
    if key.trim() != key {
        return Err("the idempotency key starts or ends with whitespace".to_owned());
    }
    HeaderValue::try_from(key)
        .map_err(|_| "the idempotency key is not a valid header value".to_owned())
}

/// The client builder's default headers: collected as given, the first problem kept
/// for `build()` to report.
#[derive(Clone, Default)]
pub(crate) struct DefaultHeaders {
    pub(crate) map: HeaderMap,
    pub(crate) problem: Option<String>,
}

impl DefaultHeaders {
    /// The names set (for `Debug`: values are never shown).
    pub(crate) fn names(&self) -> Vec<&str> {
        self.map.keys().map(HeaderName::as_str).collect()
    }

    /// Add one (checked); a later header of the same name replaces an earlier one.
    pub(crate) fn add<K, V>(&mut self, spec: &ApiSpec, name: K, value: V)
    where
        HeaderName: TryFrom<K>,
        HeaderValue: TryFrom<V>,
    {
        match check_header(spec, name, value) {
            Ok((name, value)) => {
                self.map.insert(name, value);
            }
            Err(problem) => {
                self.problem.get_or_insert(problem);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::TEST_SPEC;

    #[test]
    fn headers_are_checked() {
        let ok = check_header(&TEST_SPEC, "X-Api-Version", "2024-01-01").unwrap();
        assert_eq!(ok.0.as_str(), "x-api-version");
        assert!(check_header(&TEST_SPEC, "bad name", "v").is_err());
        assert!(check_header(&TEST_SPEC, "x-ok", "a\r\nb").is_err());
        let e = check_header(&TEST_SPEC, "authorization", "Bearer sk_x").unwrap_err();
        assert!(e.contains(".api_key"), "{e}");
        assert!(!e.contains("sk_x"), "{e}");
        assert!(check_header(&TEST_SPEC, "AUTHORIZATION", "x").is_err());
        assert!(check_header(&TEST_SPEC, "content-length", "3").is_err());
        assert!(check_header(&TEST_SPEC, "idempotency-key", "k").is_err());
        let e = check_header(&TEST_SPEC, "x-secret", "top\nsecret").unwrap_err();
        assert!(!e.contains("secret\n") && !e.contains("top"), "{e}");
    }

    #[test]
    fn idempotency_keys_are_checked() {
        assert_eq!(check_idempotency_key("job-42").unwrap(), "job-42");
        assert!(check_idempotency_key(&"k".repeat(255)).is_ok());
        assert!(check_idempotency_key(&"k".repeat(256)).is_err());
        assert!(check_idempotency_key("").is_err());
        assert!(check_idempotency_key("a\tb").is_err());
        assert!(check_idempotency_key("a\u{7f}").is_err());
        assert!(check_idempotency_key(" a").is_err());
    }
}
