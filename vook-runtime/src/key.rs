//! The API key: validated once, kept out of every `Debug`, `Display` and log line.

use std::fmt;

use reqwest::header::{HeaderName, HeaderValue};

/// Why a key was refused. Never contains the key itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyProblem {
    Empty,
    ControlCharacter,
    Whitespace,
    NonAscii,
    /// A `basic` key without the `:` of `user:password`.
    NotUserPassword,
}

impl KeyProblem {
    pub(crate) const fn describe(self) -> &'static str {
        match self {
            KeyProblem::Empty => "it is empty",
            KeyProblem::ControlCharacter => "it contains a control character",
            KeyProblem::Whitespace => "it contains whitespace",
            KeyProblem::NonAscii => "it contains a non-ASCII character",
            KeyProblem::NotUserPassword => {
                "the basic scheme takes `user:password`, and it has no `:`"
            }
        }
    }
}

/// Trim a key and check it can travel in a header or a query string: not empty, no
/// control characters, no whitespace, ASCII only.
pub(crate) fn checked(raw: &str) -> Result<&str, KeyProblem> {
    let key = raw.trim();
    if key.is_empty() {
        return Err(KeyProblem::Empty);
    }
    if key.chars().any(char::is_control) {
        return Err(KeyProblem::ControlCharacter);
    }
    if key.chars().any(char::is_whitespace) {
        return Err(KeyProblem::Whitespace);
    }
    if !key.is_ascii() {
        return Err(KeyProblem::NonAscii);
    }
    Ok(key)
}

/// A validated credential, placed as the spec's auth scheme says (see `auth.rs`).
#[derive(Clone)]
pub(crate) enum ApiKey {
    /// A request header (`Authorization: Bearer ...`, `Authorization: Basic ...` or the
    /// spec's own header), its value marked sensitive.
    Header {
        name: HeaderName,
        value: HeaderValue,
    },
    /// A query parameter, added to each attempt's request only: the URL a call keeps
    /// for tracing and errors never holds it.
    Query { name: &'static str, value: String },
}

impl ApiKey {
    /// A header credential; the value is marked sensitive.
    pub(crate) fn header(name: HeaderName, value: &str) -> Result<Self, KeyProblem> {
        let mut value = HeaderValue::try_from(value).map_err(|_| KeyProblem::ControlCharacter)?;
        value.set_sensitive(true);
        Ok(ApiKey::Header { name, value })
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims() {
        assert_eq!(checked("  sk_live_123\n"), Ok("sk_live_123"));
    }

    #[test]
    fn rejects_bad_keys() {
        assert_eq!(checked(""), Err(KeyProblem::Empty));
        assert_eq!(checked(" \t\n"), Err(KeyProblem::Empty));
        for control in ["sk\r\nX-Evil: 1", "sk\0x", "sk\u{7f}x", "sk\u{85}x"] {
            assert_eq!(checked(control), Err(KeyProblem::ControlCharacter));
        }
        assert_eq!(checked("sk x"), Err(KeyProblem::Whitespace));
        assert_eq!(checked("sk\u{a0}x"), Err(KeyProblem::Whitespace));
        assert_eq!(checked("skéx"), Err(KeyProblem::NonAscii));
    }

    #[test]
    fn debug_is_redacted() {
        let header = ApiKey::header(HeaderName::from_static("x-api-key"), "sk_secret_value");
        let query = ApiKey::Query {
            name: "api_key",
            value: "sk_secret_value".to_owned(),
        };
        for k in [header.unwrap(), query] {
            let s = format!("{k:?} {k:#?}");
            assert!(!s.contains("sk_secret_value"), "{s}");
            assert!(s.contains("redacted"));
        }
    }
}
