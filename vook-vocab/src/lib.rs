//! The words a vook spec and the vook runtime both speak, defined once.
//!
//! The spec crate (`vook-schema`) parses these words out of YAML; the runtime
//! (`vook-runtime`) acts on them; the generator (`vook-codegen`) writes them into
//! generated code as paths to the runtime's re-exports of these very types. None of
//! them is written twice in the workspace (ARCHITECTURE.md, "One vocabulary").
//!
//! Each word has one spelling in the spec (`as_str`), one parser (`parse`) and an
//! `ALL` list that parse errors, the JSON Schema of the spec format and the docs read.
//!
//! ```
//! use vook_vocab::{Method, RetryClass, RetryDefaults};
//!
//! assert_eq!(RetryClass::parse("throttle"), Some(RetryClass::Throttle));
//! assert_eq!(RetryClass::for_status(503), RetryClass::Backoff);
//! assert_eq!(Method::Post.as_str(), "POST");
//! assert!(!Method::Post.idempotent_by_default());
//! assert_eq!(RetryDefaults::STANDARD.max_attempts, 3);
//! ```
#![no_std]

use core::fmt;

pub mod auth;
pub mod error_fields;
pub mod header;
pub mod idempotency;
pub mod paging;
pub mod rate_limit;
pub mod wire;

/// How a client treats a failed attempt: the spec's `retry:` of an error code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetryClass {
    /// Terminal: return the error at once.
    Never,
    /// Transient fault: full-jitter exponential backoff (honouring `Retry-After` if sent).
    Backoff,
    /// Rate limited: wait `Retry-After`, else the rate-limit reset, else back off.
    Throttle,
}

impl RetryClass {
    /// Every class, in the order the docs list them.
    pub const ALL: [RetryClass; 3] = [RetryClass::Never, RetryClass::Backoff, RetryClass::Throttle];

    /// The spec spelling: `"never"`, `"backoff"` or `"throttle"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RetryClass::Never => "never",
            RetryClass::Backoff => "backoff",
            RetryClass::Throttle => "throttle",
        }
    }

    /// The name of the Rust variant (`"Never"`), for code generators.
    pub const fn variant_name(self) -> &'static str {
        match self {
            RetryClass::Never => "Never",
            RetryClass::Backoff => "Backoff",
            RetryClass::Throttle => "Throttle",
        }
    }

    /// Parses the spec spelling (exactly as [`RetryClass::as_str`] writes it).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|class| class.as_str() == s)
    }

    /// The status rule, for a status whose code is not in the table (and the spec's
    /// default `retry:` of a code): 408 and 5xx back off, 429 throttles, everything
    /// else is terminal.
    ///
    /// ```
    /// use vook_vocab::RetryClass;
    /// assert_eq!(RetryClass::for_status(408), RetryClass::Backoff);
    /// assert_eq!(RetryClass::for_status(429), RetryClass::Throttle);
    /// assert_eq!(RetryClass::for_status(404), RetryClass::Never);
    /// ```
    pub const fn for_status(status: u16) -> RetryClass {
        match status {
            408 | 500..=599 => RetryClass::Backoff,
            429 => RetryClass::Throttle,
            _ => RetryClass::Never,
        }
    }
}

impl fmt::Display for RetryClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The HTTP method of an endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// Every method the spec format accepts, in the order the docs list them.
    pub const ALL: [Method; 5] = [
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
    ];

    /// The upper-case spelling, e.g. `"GET"` (the spec's and the wire's).
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// The name of the Rust variant (`"Get"`), for code generators.
    pub const fn variant_name(self) -> &'static str {
        match self {
            Method::Get => "Get",
            Method::Post => "Post",
            Method::Put => "Put",
            Method::Patch => "Patch",
            Method::Delete => "Delete",
        }
    }

    /// Parses the upper-case spelling (exactly as [`Method::as_str`] writes it).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|method| method.as_str() == s)
    }

    /// The spec's default of `idempotent:`: GET, PUT and DELETE yes, POST and PATCH no.
    pub const fn idempotent_by_default(self) -> bool {
        matches!(self, Method::Get | Method::Put | Method::Delete)
    }

    /// Whether an endpoint of this method may declare a request `body`: POST, PUT, PATCH.
    pub const fn takes_body(self) -> bool {
        matches!(self, Method::Post | Method::Put | Method::Patch)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Retry defaults of a generated client: the spec's `retry:` section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryDefaults {
    /// Maximum number of attempts, counting the first one (>= 1).
    pub max_attempts: u32,
    /// Base delay of the exponential backoff, in milliseconds.
    pub base_delay_ms: u64,
    /// Cap of one backoff delay, in milliseconds.
    pub max_delay_ms: u64,
    /// A longer `Retry-After` (in seconds) means: give up and return the error.
    pub max_retry_after_s: u64,
}

impl RetryDefaults {
    /// The spec format's defaults, for every key the spec leaves out: 3 attempts,
    /// 500 ms base delay, 8 s cap, 60 s longest `Retry-After`.
    pub const STANDARD: RetryDefaults = RetryDefaults {
        max_attempts: 3,
        base_delay_ms: 500,
        max_delay_ms: 8_000,
        max_retry_after_s: 60,
    };
}

impl Default for RetryDefaults {
    fn default() -> Self {
        Self::STANDARD
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_parses_back() {
        for class in RetryClass::ALL {
            assert_eq!(RetryClass::parse(class.as_str()), Some(class));
        }
        for method in Method::ALL {
            assert_eq!(Method::parse(method.as_str()), Some(method));
        }
        assert_eq!(RetryClass::parse("Never"), None);
        assert_eq!(Method::parse("get"), None);
    }

    #[test]
    fn status_rule() {
        for (status, class) in [
            (408, RetryClass::Backoff),
            (500, RetryClass::Backoff),
            (503, RetryClass::Backoff),
            (599, RetryClass::Backoff),
            (429, RetryClass::Throttle),
            (400, RetryClass::Never),
            (404, RetryClass::Never),
            (422, RetryClass::Never),
            (302, RetryClass::Never),
            (600, RetryClass::Never),
        ] {
            assert_eq!(RetryClass::for_status(status), class, "{status}");
        }
    }

    #[test]
    fn method_defaults() {
        let idempotent: [bool; 5] = Method::ALL.map(Method::idempotent_by_default);
        assert_eq!(idempotent, [true, false, true, false, true]);
        let body: [bool; 5] = Method::ALL.map(Method::takes_body);
        assert_eq!(body, [false, true, true, true, false]);
    }
}
