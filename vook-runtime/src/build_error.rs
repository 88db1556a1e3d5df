//! [`BuildError`]: why a client could not be built.

use std::fmt;

/// Why a client could not be built. Never contains the API key.
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// The API needs a key and none was given: the variable is unset or empty, or
    /// neither `api_key` nor `api_key_from_env` was called.
    MissingApiKey {
        /// The environment variable the spec names for the key (`""` if it names none).
        env: &'static str,
    },
    /// The spec's [`AuthSpec`](crate::AuthSpec) cannot work: a `header` or `query`
    /// scheme without a (valid) name. Generated specs are validated, so only a
    /// hand-written `ApiSpec` gets this.
    InvalidAuthSpec {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// `api_key_from_env` was called but the spec names no environment variable.
    NoAuthEnv,
    /// The key cannot be sent (control characters, whitespace, non-ASCII, empty).
    InvalidApiKey {
        /// What is wrong with it.
        reason: &'static str,
        /// The variable it came from, if any.
        env: Option<&'static str>,
    },
    /// The base URL is not an absolute http(s) URL without credentials, query or fragment.
    InvalidBaseUrl {
        /// The URL as given (redacted if it contains credentials).
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// `http://` on a non-loopback host without `allow_insecure_http(true)`.
    InsecureHttp {
        /// The host.
        host: String,
    },
    /// `max_attempts(0)`: at least one attempt is needed.
    ZeroMaxAttempts,
    /// A zero timeout or deadline.
    ZeroDuration {
        /// `"timeout"` or `"deadline"`.
        setting: &'static str,
    },
    /// A default header or the user agent cannot be sent (`default_header`, `user_agent`).
    InvalidHeader {
        /// What is wrong with it (never the value).
        reason: String,
    },
    /// The HTTP client could not be created.
    HttpClient(reqwest::Error),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::MissingApiKey { env: "" } => {
                f.write_str("missing API key: pass one with .api_key()")
            }
            BuildError::MissingApiKey { env } => {
                write!(
                    f,
                    "missing API key: set {env} (and use from_env) or pass one with .api_key()"
                )
            }
            BuildError::InvalidAuthSpec { reason } => {
                write!(f, "invalid auth in the API spec: {reason}")
            }
            BuildError::NoAuthEnv => {
                f.write_str("this API names no environment variable for its key")
            }
            BuildError::InvalidApiKey {
                reason,
                env: Some(env),
            } => {
                write!(f, "invalid API key in {env}: {reason}")
            }
            BuildError::InvalidApiKey { reason, env: None } => {
                write!(f, "invalid API key: {reason}")
            }
            BuildError::InvalidBaseUrl { url, reason } => {
                write!(f, "invalid base URL {url:?}: {reason}")
            }
            BuildError::InsecureHttp { host } => write!(
                f,
                "refusing plain http:// to {host}: use https, a loopback host, or allow_insecure_http(true)"
            ),
            BuildError::ZeroMaxAttempts => f.write_str("max_attempts must be at least 1"),
            BuildError::ZeroDuration { setting } => {
                write!(f, "{setting} must be greater than zero")
            }
            BuildError::InvalidHeader { reason } => write!(f, "invalid header: {reason}"),
            BuildError::HttpClient(_) => f.write_str("could not create the HTTP client"),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::HttpClient(e) => Some(e),
            _ => None,
        }
    }
}
