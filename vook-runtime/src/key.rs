//! The API key: validated once, kept out of every `Debug`, `Display` and log line.

use std::fmt;

use reqwest::header::HeaderValue;

/// Why a key was refused. Never contains the key itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyProblem {
    Empty,
    ControlCharacter,
    Whitespace,
    NonAscii,
}

impl KeyProblem {
    pub(crate) const fn describe(self) -> &'static str {
        match self {
            KeyProblem::Empty => "it is empty",
            KeyProblem::ControlCharacter => "it contains a control character",
            KeyProblem::Whitespace => "it contains whitespace",
            KeyProblem::NonAscii => "it contains a non-ASCII character",
        }
    }
}

/// A validated bearer credential, stored only as a sensitive `Authorization` value.
#[derive(Clone)]
pub(crate) struct ApiKey {
    header: HeaderValue,
}

impl ApiKey {
    /// Trim the key and check it can be sent as `Authorization: Bearer <key>`.
    pub(crate) fn new(raw: &str) -> Result<Self, KeyProblem> {
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
        let mut header = HeaderValue::try_from(format!("Bearer {key}"))
            .map_err(|_| KeyProblem::ControlCharacter)?;
        header.set_sensitive(true);
        Ok(ApiKey { header })
    }

    /// The `Authorization` header value (marked sensitive).
    pub(crate) fn header(&self) -> &HeaderValue {
        &self.header
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
    fn trims_and_builds_sensitive_header() {
        let k = ApiKey::new("  sk_live_123\n").unwrap();
        assert_eq!(k.header().to_str().unwrap(), "Bearer sk_live_123");
        assert!(k.header().is_sensitive());
    }

    #[test]
    fn rejects_bad_keys() {
        assert_eq!(ApiKey::new("").unwrap_err(), KeyProblem::Empty);
        assert_eq!(ApiKey::new(" \t\n").unwrap_err(), KeyProblem::Empty);
        assert_eq!(
            ApiKey::new("sk\r\nX-Evil: 1").unwrap_err(),
            KeyProblem::ControlCharacter
        );
        assert_eq!(
            ApiKey::new("sk\0x").unwrap_err(),
            KeyProblem::ControlCharacter
        );
        assert_eq!(
            ApiKey::new("sk\u{7f}x").unwrap_err(),
            KeyProblem::ControlCharacter
        );
        assert_eq!(
            ApiKey::new("sk\u{85}x").unwrap_err(),
            KeyProblem::ControlCharacter
        );
        assert_eq!(ApiKey::new("sk x").unwrap_err(), KeyProblem::Whitespace);
        assert_eq!(
            ApiKey::new("sk\u{a0}x").unwrap_err(),
            KeyProblem::Whitespace
        );
        assert_eq!(ApiKey::new("skéx").unwrap_err(), KeyProblem::NonAscii);
    }

    #[test]
    fn debug_is_redacted() {
        let k = ApiKey::new("sk_secret_value").unwrap();
        let s = format!("{k:?} {k:#?}");
        assert!(!s.contains("sk_secret_value"), "{s}");
        assert!(s.contains("redacted"));
    }
}
