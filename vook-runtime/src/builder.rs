//! [`ClientBuilder`] and [`BuildError`]: configuration, checked once at `build()`.

use std::fmt;
use std::marker::PhantomData;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;

use crate::auth::AuthPlacement;
use crate::budget::{RetryBudget, RetryBudgetConfig};
use crate::client::Client;
use crate::client_state::ClientState;
use crate::key::{ApiKey, KeyProblem};
use crate::request_headers::DefaultHeaders;
use crate::retry::{Backoff, RetryPolicy};
use crate::spec::ApiSpec;

/// Default per-attempt timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default whole-call deadline (retries and waits included).
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(300);
/// Default cap on a success body, in bytes (32 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;
/// Connect timeout of the HTTP client the builder creates (when none is supplied).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Redirects the builder's own HTTP client follows.
const MAX_REDIRECTS: usize = 5;

/// Where the key comes from.
#[derive(Clone)]
enum KeySource {
    None,
    Given(String),
    Env,
}

/// Builder of a [`Client`], generic over what [`ClientBuilder::build`] returns so a
/// generated newtype client (`impl From<vook_runtime::Client>`) can use it directly.
///
/// Defaults come from the spec's `retry:` section; the per-attempt timeout is
/// [`DEFAULT_TIMEOUT`], the whole-call deadline [`DEFAULT_DEADLINE`].
pub struct ClientBuilder<C = Client> {
    spec: &'static ApiSpec,
    base_url: Option<String>,
    key: KeySource,
    max_attempts: u32,
    timeout: Duration,
    deadline: Option<Duration>,
    http_client: Option<reqwest::Client>,
    base_delay: Duration,
    max_delay: Duration,
    max_retry_after: Duration,
    allow_insecure_http: bool,
    retry_budget: RetryBudgetConfig,
    max_response_bytes: usize,
    idempotency_keys: bool,
    default_headers: DefaultHeaders,
    user_agent: Option<String>,
    _out: PhantomData<fn() -> C>,
}

impl<C> Clone for ClientBuilder<C> {
    fn clone(&self) -> Self {
        ClientBuilder {
            spec: self.spec,
            base_url: self.base_url.clone(),
            key: self.key.clone(),
            max_attempts: self.max_attempts,
            timeout: self.timeout,
            deadline: self.deadline,
            http_client: self.http_client.clone(),
            base_delay: self.base_delay,
            max_delay: self.max_delay,
            max_retry_after: self.max_retry_after,
            allow_insecure_http: self.allow_insecure_http,
            retry_budget: self.retry_budget,
            max_response_bytes: self.max_response_bytes,
            idempotency_keys: self.idempotency_keys,
            default_headers: self.default_headers.clone(),
            user_agent: self.user_agent.clone(),
            _out: PhantomData,
        }
    }
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let key = match &self.key {
            KeySource::None => "none",
            KeySource::Given(_) => "<redacted>",
            KeySource::Env => "from environment",
        };
        f.debug_struct("ClientBuilder")
            .field("api", &self.spec.name)
            .field(
                "base_url",
                &self.base_url.as_deref().unwrap_or(self.spec.base_url),
            )
            .field("api_key", &key)
            .field("max_attempts", &self.max_attempts)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("http_client", &self.http_client.as_ref().map(|_| "custom"))
            .field("base_delay", &self.base_delay)
            .field("max_delay", &self.max_delay)
            .field("max_retry_after", &self.max_retry_after)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("retry_budget", &self.retry_budget)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("idempotency_keys", &self.idempotency_keys)
            .field("default_headers", &self.default_headers.names())
            .field("user_agent", &self.user_agent)
            .finish()
    }
}

impl Client {
    /// A builder with the spec's defaults.
    pub fn builder(spec: &'static ApiSpec) -> ClientBuilder<Client> {
        ClientBuilder::new(spec)
    }
}

impl<C: From<Client>> ClientBuilder<C> {
    /// A builder with the spec's defaults.
    pub fn new(spec: &'static ApiSpec) -> Self {
        let r = spec.retry;
        ClientBuilder {
            spec,
            base_url: None,
            key: KeySource::None,
            max_attempts: r.max_attempts,
            timeout: DEFAULT_TIMEOUT,
            deadline: Some(DEFAULT_DEADLINE),
            http_client: None,
            base_delay: Duration::from_millis(r.base_delay_ms),
            max_delay: Duration::from_millis(r.max_delay_ms),
            max_retry_after: Duration::from_secs(r.max_retry_after_s),
            allow_insecure_http: false,
            retry_budget: RetryBudgetConfig::STANDARD,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            idempotency_keys: true,
            default_headers: DefaultHeaders::default(),
            user_agent: None,
            _out: PhantomData,
        }
    }

    /// Use another base URL (e.g. a mock server); endpoint paths are appended to it.
    #[must_use]
    pub fn base_url(mut self, url: impl AsRef<str>) -> Self {
        self.base_url = Some(url.as_ref().to_owned());
        self
    }

    /// Use this bearer key (trimmed; checked at `build()`).
    #[must_use]
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.key = KeySource::Given(key.into());
        self
    }

    /// Read the key from the spec's `auth.env` variable at `build()` (an error there if it
    /// is unset or empty).
    #[must_use]
    pub fn api_key_from_env(mut self) -> Self {
        self.key = KeySource::Env;
        self
    }

    /// Maximum attempts per call, counting the first (>= 1; 1 disables retries).
    #[must_use]
    pub fn max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = n;
        self
    }

    /// Timeout of one attempt: sending, waiting and reading the body.
    #[must_use]
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }

    /// Deadline of a whole call, retries and waits included.
    #[must_use]
    pub fn deadline(mut self, d: Duration) -> Self {
        self.deadline = Some(d);
        self
    }

    /// No whole-call deadline: calls are bounded by attempts, timeouts and waits only.
    #[must_use]
    pub fn no_deadline(mut self) -> Self {
        self.deadline = None;
        self
    }

    /// Use this HTTP client (proxies, TLS settings, middleware). Its own timeouts,
    /// redirect and proxy settings apply; the builder's redirect guard does not.
    #[must_use]
    pub fn http_client(mut self, c: reqwest::Client) -> Self {
        self.http_client = Some(c);
        self
    }

    /// Base delay of the exponential backoff.
    #[must_use]
    pub fn base_delay(mut self, d: Duration) -> Self {
        self.base_delay = d;
        self
    }

    /// Cap of one backoff delay.
    #[must_use]
    pub fn max_delay(mut self, d: Duration) -> Self {
        self.max_delay = d;
        self
    }

    /// Longest server-requested wait (`Retry-After`, rate-limit reset) the client honours;
    /// a longer one makes the call give up with the error.
    #[must_use]
    pub fn max_retry_after(mut self, d: Duration) -> Self {
        self.max_retry_after = d;
        self
    }

    /// Allow `http://` base URLs on non-loopback hosts (the key then travels in clear text).
    #[must_use]
    pub fn allow_insecure_http(mut self, yes: bool) -> Self {
        self.allow_insecure_http = yes;
        self
    }

    /// The retry token bucket shared by all clones of the client.
    #[must_use]
    pub fn retry_budget(mut self, b: RetryBudgetConfig) -> Self {
        self.retry_budget = b;
        self
    }

    /// Cap on a success body in bytes (default [`DEFAULT_MAX_RESPONSE_BYTES`]); a larger
    /// body fails the call with [`crate::DecodeErrorKind::BodyTooLarge`]. Error bodies are
    /// always capped at [`crate::MAX_ERROR_BODY_BYTES`].
    #[must_use]
    pub fn max_response_bytes(mut self, n: usize) -> Self {
        self.max_response_bytes = n;
        self
    }

    /// Send an `Idempotency-Key` on non-idempotent requests that may be retried (default
    /// `true`). When off, such requests are not retried once they may have reached the server.
    #[must_use]
    pub fn idempotency_keys(mut self, yes: bool) -> Self {
        self.idempotency_keys = yes;
        self
    }

    /// A header sent on every call (an API version, a tenant id). Checked like a call's
    /// `.header(..)`: a bad name or value, `Authorization` (use [`Self::api_key`]) or a
    /// header the HTTP client owns makes [`Self::build`] fail with
    /// [`BuildError::InvalidHeader`]. A call's own `.header(..)` of the same name wins.
    #[must_use]
    pub fn default_header<K, V>(mut self, name: K, value: V) -> Self
    where
        reqwest::header::HeaderName: TryFrom<K>,
        HeaderValue: TryFrom<V>,
    {
        self.default_headers.add(self.spec, name, value);
        self
    }

    /// The `User-Agent` of every request, exactly as given (default
    /// `vook-runtime/<version> (<api name>)`); one with control characters makes
    /// [`Self::build`] fail with [`BuildError::InvalidHeader`].
    #[must_use]
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = Some(agent.into());
        self
    }

    /// Check the configuration and create the client.
    pub fn build(self) -> Result<C, BuildError> {
        if let Some(reason) = self.default_headers.problem {
            return Err(BuildError::InvalidHeader { reason });
        }
        if self.max_attempts == 0 {
            return Err(BuildError::ZeroMaxAttempts);
        }
        if self.timeout.is_zero() {
            return Err(BuildError::ZeroDuration { setting: "timeout" });
        }
        if self.deadline.is_some_and(|d| d.is_zero()) {
            return Err(BuildError::ZeroDuration {
                setting: "deadline",
            });
        }
        let raw_url = self.base_url.as_deref().unwrap_or(self.spec.base_url);
        let base_url = check_base_url(raw_url, self.allow_insecure_http)?;
        let base = reqwest::Url::parse(&base_url).map_err(|e| BuildError::InvalidBaseUrl {
            url: base_url.clone(),
            reason: e.to_string(),
        })?;
        let auth_place = AuthPlacement::of(&self.spec.auth)
            .map_err(|reason| BuildError::InvalidAuthSpec { reason })?;
        let auth = self.resolve_key(&auth_place, |name| std::env::var(name))?;
        let http = match self.http_client {
            Some(c) => c,
            None => default_http_client(self.timeout, self.allow_insecure_http)
                .map_err(BuildError::HttpClient)?,
        };
        let user_agent = match self.user_agent {
            Some(agent) => HeaderValue::try_from(agent).map_err(|_| BuildError::InvalidHeader {
                reason: "the user agent is not a valid header value (control characters?)"
                    .to_owned(),
            })?,
            None => HeaderValue::try_from(format!(
                "vook-runtime/{} ({})",
                env!("CARGO_PKG_VERSION"),
                self.spec.name
            ))
            .unwrap_or_else(|_| {
                HeaderValue::from_static(concat!("vook-runtime/", env!("CARGO_PKG_VERSION")))
            }),
        };
        let state = ClientState {
            spec: self.spec,
            http,
            base_url,
            base,
            request_id_name: self
                .spec
                .request_id_header
                .and_then(|name| reqwest::header::HeaderName::from_bytes(name.as_bytes()).ok()),
            auth_place,
            auth,
            user_agent,
            default_headers: self.default_headers.map,
            policy: RetryPolicy {
                max_attempts: self.max_attempts,
                backoff: Backoff {
                    base: self.base_delay,
                    max: self.max_delay,
                },
                max_retry_after: self.max_retry_after,
            },
            timeout: self.timeout,
            deadline: self.deadline,
            budget: RetryBudget::new(self.retry_budget),
            max_response_bytes: self.max_response_bytes,
            idempotency_keys: self.idempotency_keys,
        };
        Ok(C::from(Client::from_state(Arc::new(state))))
    }

    fn resolve_key(
        &self,
        place: &AuthPlacement,
        env: impl Fn(&str) -> Result<String, std::env::VarError>,
    ) -> Result<Option<ApiKey>, BuildError> {
        let invalid = |problem: KeyProblem, env| BuildError::InvalidApiKey {
            reason: problem.describe(),
            env,
        };
        let auth = &self.spec.auth;
        match &self.key {
            KeySource::Given(raw) => place.key(raw).map_err(|p| invalid(p, None)),
            KeySource::Env => {
                let name = auth.env.ok_or(BuildError::NoAuthEnv)?;
                match env(name) {
                    Ok(raw) if raw.trim().is_empty() => {
                        Err(BuildError::MissingApiKey { env: name })
                    }
                    Ok(raw) => place.key(&raw).map_err(|p| invalid(p, Some(name))),
                    Err(std::env::VarError::NotPresent) => {
                        Err(BuildError::MissingApiKey { env: name })
                    }
                    Err(std::env::VarError::NotUnicode(_)) => Err(BuildError::InvalidApiKey {
                        reason: "it is not valid Unicode",
                        env: Some(name),
                    }),
                }
            }
            KeySource::None if *place == AuthPlacement::None => Ok(None),
            KeySource::None => Err(BuildError::MissingApiKey {
                env: auth.env.unwrap_or_default(),
            }),
        }
    }
}

fn default_http_client(
    timeout: Duration,
    allow_insecure_http: bool,
) -> Result<reqwest::Client, reqwest::Error> {
    let redirect = reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() >= MAX_REDIRECTS {
            attempt.error("too many redirects")
        } else if !allow_insecure_http
            && attempt.url().scheme() == "http"
            && !attempt.url().host_str().is_some_and(is_loopback_host)
        {
            attempt.error("refusing a redirect to plain http://")
        } else {
            attempt.follow()
        }
    });
    crate::tls::install_crypto_provider();
    reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT.min(timeout))
        .redirect(redirect)
        .build()
}

/// `localhost`, 127.0.0.0/8 or `::1` (a URL's host, IPv6 in brackets).
pub(crate) fn is_loopback_host(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let ip = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    ip.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Validate a base URL; returns it without a trailing `/`.
pub(crate) fn check_base_url(raw: &str, allow_insecure_http: bool) -> Result<String, BuildError> {
    let shown = || {
        if raw.contains('@') {
            "<redacted: contains credentials>".to_owned()
        } else {
            raw.to_owned()
        }
    };
    let bad = |reason: &str| BuildError::InvalidBaseUrl {
        url: shown(),
        reason: reason.to_owned(),
    };
    let url = reqwest::Url::parse(raw.trim()).map_err(|e| bad(&e.to_string()))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad("it must not contain credentials"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("it must not have a query or fragment"));
    }
    let host = match url.host_str() {
        Some(h) if !h.is_empty() => h,
        _ => return Err(bad("it has no host")),
    };
    match url.scheme() {
        "https" => {}
        "http" if allow_insecure_http || is_loopback_host(host) => {}
        "http" => {
            return Err(BuildError::InsecureHttp {
                host: host.to_owned(),
            });
        }
        _ => return Err(bad("the scheme must be http or https")),
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

pub use crate::build_error::BuildError;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::TEST_SPEC;

    static SPEC: ApiSpec = ApiSpec {
        name: "vook",
        base_url: "https://api.vook.ai/v1",
        auth: crate::AuthSpec::bearer("VOOK_TEST_KEY_UNUSED"),
        ..TEST_SPEC
    };

    static NO_AUTH: ApiSpec = ApiSpec {
        auth: crate::AuthSpec::NONE,
        ..SPEC
    };

    fn resolve(
        b: &ClientBuilder<Client>,
        env: impl Fn(&str) -> Result<String, std::env::VarError>,
    ) -> Result<Option<ApiKey>, BuildError> {
        let place = AuthPlacement::of(&b.spec.auth).unwrap();
        b.resolve_key(&place, env)
    }

    fn bearer_value(key: &ApiKey) -> &str {
        match key {
            ApiKey::Header { value, .. } => value.to_str().unwrap(),
            ApiKey::Query { .. } => panic!("not a header"),
        }
    }

    const SECRET: &str = "sk_live_TOPSECRET_42";

    fn b() -> ClientBuilder<Client> {
        ClientBuilder::new(&SPEC)
    }

    fn env_with(
        value: Option<&'static str>,
    ) -> impl Fn(&str) -> Result<String, std::env::VarError> {
        move |_| {
            value
                .map(str::to_owned)
                .ok_or(std::env::VarError::NotPresent)
        }
    }

    #[test]
    fn base_urls() {
        assert_eq!(
            check_base_url("https://api.vook.ai/v1/", false).unwrap(),
            "https://api.vook.ai/v1"
        );
        assert_eq!(
            check_base_url("https://api.vook.ai", false).unwrap(),
            "https://api.vook.ai"
        );
        assert_eq!(
            check_base_url("http://127.0.0.1:8080", false).unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            check_base_url("http://127.3.4.5/x", false).unwrap(),
            "http://127.3.4.5/x"
        );
        assert_eq!(
            check_base_url("http://localhost:1/", false).unwrap(),
            "http://localhost:1"
        );
        assert_eq!(
            check_base_url("http://[::1]:9/", false).unwrap(),
            "http://[::1]:9"
        );
        assert!(matches!(
            check_base_url("http://api.vook.ai", false),
            Err(BuildError::InsecureHttp { host }) if host == "api.vook.ai"
        ));
        assert!(matches!(
            check_base_url("http://10.0.0.1", false),
            Err(BuildError::InsecureHttp { .. })
        ));
        assert!(matches!(
            check_base_url("http://localhost.evil.com", false),
            Err(BuildError::InsecureHttp { .. })
        ));
        assert!(check_base_url("http://api.vook.ai", true).is_ok());
        for bad in [
            "",
            "api.vook.ai",
            "/v1",
            "ftp://x.y",
            "https://x.y/?a=1",
            "https://x.y/#f",
            "file:///etc",
        ] {
            assert!(
                matches!(
                    check_base_url(bad, true),
                    Err(BuildError::InvalidBaseUrl { .. })
                ),
                "{bad}"
            );
        }
        let err = check_base_url("https://user:hunter2@x.y", true).unwrap_err();
        assert!(!err.to_string().contains("hunter2"), "{err}");
        assert!(!format!("{err:?}").contains("hunter2"));
    }

    #[test]
    fn loopback_hosts() {
        for yes in [
            "localhost",
            "LOCALHOST",
            "127.0.0.1",
            "127.255.0.9",
            "[::1]",
            "::1",
        ] {
            assert!(is_loopback_host(yes), "{yes}");
        }
        for no in [
            "example.com",
            "10.1.1.1",
            "[::2]",
            "128.0.0.1",
            "localhost.",
            "0.0.0.0",
        ] {
            assert!(!is_loopback_host(no), "{no}");
        }
    }

    #[test]
    fn key_resolution() {
        // No key at all for an authenticated API.
        assert!(matches!(
            resolve(&b(), env_with(None)),
            Err(BuildError::MissingApiKey {
                env: "VOOK_TEST_KEY_UNUSED"
            })
        ));
        // From the environment: unset, empty, good, bad.
        let from_env = b().api_key_from_env();
        assert!(matches!(
            resolve(&from_env, env_with(None)),
            Err(BuildError::MissingApiKey { .. })
        ));
        assert!(matches!(
            resolve(&from_env, env_with(Some("  "))),
            Err(BuildError::MissingApiKey { .. })
        ));
        let key = resolve(&from_env, env_with(Some(" sk_env \n")))
            .unwrap()
            .unwrap();
        assert_eq!(bearer_value(&key), "Bearer sk_env");
        let err = resolve(&from_env, env_with(Some("sk_\u{7}bell"))).unwrap_err();
        assert!(matches!(
            err,
            BuildError::InvalidApiKey {
                env: Some("VOOK_TEST_KEY_UNUSED"),
                ..
            }
        ));
        // No auth in the spec: nothing needed, and a key given is not sent.
        let no_auth = ClientBuilder::<Client>::new(&NO_AUTH);
        assert!(resolve(&no_auth, env_with(None)).unwrap().is_none());
        assert!(
            resolve(&no_auth.clone().api_key(SECRET), env_with(None))
                .unwrap()
                .is_none()
        );
        assert!(matches!(
            resolve(&no_auth.api_key_from_env(), env_with(None)),
            Err(BuildError::NoAuthEnv)
        ));
        // Explicit key wins over nothing.
        assert!(
            resolve(&b().api_key(SECRET), env_with(None))
                .unwrap()
                .is_some()
        );
    }

    #[test]
    fn build_errors() {
        assert!(matches!(
            b().api_key(SECRET).max_attempts(0).build(),
            Err(BuildError::ZeroMaxAttempts)
        ));
        assert!(matches!(
            b().api_key(SECRET).timeout(Duration::ZERO).build(),
            Err(BuildError::ZeroDuration { setting: "timeout" })
        ));
        assert!(matches!(
            b().api_key(SECRET).deadline(Duration::ZERO).build(),
            Err(BuildError::ZeroDuration {
                setting: "deadline"
            })
        ));
        assert!(matches!(
            b().api_key(SECRET)
                .base_url("http://api.example.com")
                .build(),
            Err(BuildError::InsecureHttp { .. })
        ));
        let bad_key = format!("{SECRET}\r\nX-Injected: 1");
        let err = b().api_key(bad_key).build().unwrap_err();
        assert!(matches!(err, BuildError::InvalidApiKey { env: None, .. }));
        assert!(!err.to_string().contains(SECRET) && !format!("{err:?}").contains(SECRET));
        assert_eq!(
            err.to_string(),
            "invalid API key: it contains a control character"
        );
    }

    #[test]
    fn builds_and_redacts() {
        let builder = b().api_key(SECRET).base_url("http://127.0.0.1:9/v1/");
        let dbg = format!("{builder:?} {builder:#?}");
        assert!(!dbg.contains(SECRET), "{dbg}");
        assert!(dbg.contains("<redacted>"));
        let client = builder.build().unwrap();
        assert_eq!(client.base_url(), "http://127.0.0.1:9/v1");
        let dbg = format!("{client:?} {client:#?}");
        assert!(!dbg.contains(SECRET), "{dbg}");
        assert!(dbg.contains("bearer (redacted)"), "{dbg}");
    }

    #[test]
    fn build_error_messages_name_the_variable() {
        let e = BuildError::MissingApiKey {
            env: "VOOK_API_KEY",
        };
        assert!(e.to_string().contains("VOOK_API_KEY"));
    }
}
