//! [`CallOptions`]: what one [`Call`](crate::Call) overrides of its client's settings.
//! (The checks of headers and keys are in `request_headers.rs`.)
//!
//! A problem found while a call is being built is kept as a [`Pending`] error and returned
//! when the call runs, before anything is sent.

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};

use crate::error::InvalidRequestError;
use crate::key::ApiKey;

/// What one call overrides. `None` / empty: the client's setting applies.
#[derive(Clone, Default)]
pub(crate) struct CallOptions {
    /// The caller's `Idempotency-Key`, sent on every attempt.
    pub(crate) idempotency_key: Option<HeaderValue>,
    /// Extra request headers, in the order given; a later one of the same name replaces.
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    /// Another key for this call.
    pub(crate) api_key: Option<ApiKey>,
    /// Per-attempt timeout.
    pub(crate) timeout: Option<Duration>,
    /// Whole-call deadline.
    pub(crate) deadline: Option<Duration>,
    /// Attempts at most (1: no retries).
    pub(crate) max_attempts: Option<u32>,
}

/// The options of a call that sets none.
pub(crate) static NO_OPTIONS: CallOptions = CallOptions {
    idempotency_key: None,
    headers: Vec::new(),
    api_key: None,
    timeout: None,
    deadline: None,
    max_attempts: None,
};

impl fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("CallOptions")
            .field("idempotency_key", &self.idempotency_key)
            .field("headers", &names)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("max_attempts", &self.max_attempts)
            .finish()
    }
}

/// A problem found while a call was built, returned as [`crate::Error::InvalidRequest`]
/// when the call runs. Cheap to clone (calls are `Clone`).
#[derive(Clone)]
pub(crate) struct Pending {
    message: String,
    source: Option<Arc<dyn StdError + Send + Sync + 'static>>,
}

impl Pending {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Pending {
            message: message.into(),
            source: None,
        }
    }

    pub(crate) fn with_source(
        message: impl Into<String>,
        source: impl StdError + Send + Sync + 'static,
    ) -> Self {
        Pending {
            message: message.into(),
            source: Some(Arc::new(source)),
        }
    }

    /// The error of operation `operation`.
    pub(crate) fn to_error(&self, operation: &'static str) -> InvalidRequestError {
        let source = self.source.clone().map(|s| {
            let shared: Box<dyn StdError + Send + Sync> = Box::new(SharedSource(s));
            shared
        });
        InvalidRequestError::new(operation, self.message.clone(), source)
    }
}

impl fmt::Debug for Pending {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Pending").field(&self.message).finish()
    }
}

/// A source error shared by the clones of a call: shows as the error itself.
struct SharedSource(Arc<dyn StdError + Send + Sync + 'static>);

impl fmt::Debug for SharedSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for SharedSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl StdError for SharedSource {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.0.source()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_errors_clone_with_their_source() {
        let json = serde_json::from_str::<u8>("x").unwrap_err();
        let p = Pending::with_source("the body failed to serialize", json);
        let e = p.clone().to_error("op");
        assert_eq!(e.operation(), "op");
        assert!(StdError::source(&e).is_some());
        assert!(p.to_error("op").to_string().contains("failed to serialize"));
    }
}
