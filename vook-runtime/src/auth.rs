//! Auth schemes: where a client puts its key ([`AuthPlacement`], decided once from the
//! spec's [`AuthSpec`]), and [`apply_auth`], the one function that puts a key on a
//! request (the client's key and a per-call key alike).

use base64::Engine as _;
use reqwest::header::{AUTHORIZATION, HeaderName};

use crate::key::{self, ApiKey, KeyProblem};
use crate::spec::{AuthScheme, AuthSpec};

/// Where the spec's scheme puts a key, with the header or parameter name checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum AuthPlacement {
    /// No credentials: keys are not sent.
    None,
    /// `Authorization: Bearer <key>`.
    Bearer,
    /// `Authorization: Basic base64(<user:password>)`.
    Basic,
    /// `<name>: <key>`.
    Header(HeaderName),
    /// `?<name>=<key>` on every request.
    Query(&'static str),
}

impl AuthPlacement {
    /// The placement of `spec`, or why it cannot work (a hand-written [`AuthSpec`] with a
    /// missing or invalid name; generated specs are validated).
    pub(crate) fn of(spec: &AuthSpec) -> Result<Self, &'static str> {
        let name = || spec.name.filter(|n| !n.is_empty());
        Ok(match spec.scheme {
            AuthScheme::None => AuthPlacement::None,
            AuthScheme::Bearer => AuthPlacement::Bearer,
            AuthScheme::Basic => AuthPlacement::Basic,
            AuthScheme::Header => {
                let name = name().ok_or("the header scheme needs the header's name")?;
                let name = HeaderName::from_bytes(name.as_bytes())
                    .map_err(|_| "the auth header name is not a valid HTTP header name")?;
                AuthPlacement::Header(name)
            }
            AuthScheme::Query => {
                let name = name().ok_or("the query scheme needs the parameter's name")?;
                if !vook_vocab::auth::is_query_name(name) {
                    return Err("the auth query parameter name is not a valid parameter name");
                }
                AuthPlacement::Query(name)
            }
        })
    }

    /// The spec spelling of the scheme, for `Debug` output.
    pub(crate) fn scheme_name(&self) -> &'static str {
        match self {
            AuthPlacement::None => AuthScheme::None.as_str(),
            AuthPlacement::Bearer => AuthScheme::Bearer.as_str(),
            AuthPlacement::Basic => AuthScheme::Basic.as_str(),
            AuthPlacement::Header(_) => AuthScheme::Header.as_str(),
            AuthPlacement::Query(_) => AuthScheme::Query.as_str(),
        }
    }

    /// Check `raw` (trimmed) and make the credential this placement sends; `None` for
    /// the `none` scheme, which sends no key whatever is given.
    pub(crate) fn key(&self, raw: &str) -> Result<Option<ApiKey>, KeyProblem> {
        let key = key::checked(raw)?;
        let made = match self {
            AuthPlacement::None => return Ok(None),
            AuthPlacement::Bearer => ApiKey::header(AUTHORIZATION, &format!("Bearer {key}"))?,
            AuthPlacement::Basic => {
                if !key.contains(':') {
                    return Err(KeyProblem::NotUserPassword);
                }
                let encoded = base64::engine::general_purpose::STANDARD.encode(key);
                ApiKey::header(AUTHORIZATION, &format!("Basic {encoded}"))?
            }
            AuthPlacement::Header(name) => ApiKey::header(name.clone(), key)?,
            AuthPlacement::Query(name) => ApiKey::Query {
                name,
                value: key.to_owned(),
            },
        };
        Ok(Some(made))
    }
}

/// One attempt's request with `key` on it: a (sensitive) header, or the query
/// parameter appended to this request's copy of `url` (the call's own URL, shown in
/// tracing, never holds the key).
pub(crate) fn apply_auth(
    http: &reqwest::Client,
    method: reqwest::Method,
    mut url: reqwest::Url,
    key: Option<&ApiKey>,
) -> reqwest::RequestBuilder {
    if let Some(ApiKey::Query { name, value }) = key {
        url.query_pairs_mut().append_pair(name, value);
    }
    let req = http.request(method, url);
    match key {
        Some(ApiKey::Header { name, value }) => req.header(name.clone(), value.clone()),
        Some(ApiKey::Query { .. }) | None => req,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(scheme: AuthScheme, name: Option<&'static str>) -> AuthSpec {
        AuthSpec {
            scheme,
            name,
            env: Some("K"),
        }
    }

    fn built(scheme: AuthScheme, name: Option<&'static str>, key: &str) -> reqwest::Request {
        let place = AuthPlacement::of(&spec(scheme, name)).unwrap();
        let url = reqwest::Url::parse("http://127.0.0.1:9/items?limit=2").unwrap();
        let key = place.key(key).unwrap();
        let http = reqwest::Client::new();
        apply_auth(&http, reqwest::Method::GET, url, key.as_ref())
            .build()
            .unwrap()
    }

    #[test]
    fn each_scheme_places_the_key() {
        let r = built(AuthScheme::Bearer, None, " sk_1 ");
        assert_eq!(r.headers()[AUTHORIZATION], "Bearer sk_1");
        assert!(r.headers()[AUTHORIZATION].is_sensitive());

        let r = built(AuthScheme::Basic, None, "ACxx:tok");
        // base64("ACxx:tok")
        assert_eq!(r.headers()[AUTHORIZATION], "Basic QUN4eDp0b2s=");
        assert!(r.headers()[AUTHORIZATION].is_sensitive());

        let r = built(AuthScheme::Header, Some("X-Api-Key"), "sk_2");
        assert_eq!(r.headers()["x-api-key"], "sk_2");
        assert!(r.headers()["x-api-key"].is_sensitive());
        assert!(r.headers().get(AUTHORIZATION).is_none());

        let r = built(AuthScheme::Query, Some("api_key"), "sk+3/=&");
        assert_eq!(r.url().query(), Some("limit=2&api_key=sk%2B3%2F%3D%26"));
        assert!(r.headers().is_empty());

        let r = built(AuthScheme::None, None, "sk_4");
        assert!(r.headers().is_empty());
        assert_eq!(r.url().query(), Some("limit=2"));
    }

    #[test]
    fn bad_specs_and_keys() {
        for (scheme, name) in [
            (AuthScheme::Header, None),
            (AuthScheme::Header, Some("")),
            (AuthScheme::Header, Some("X Api Key")),
            (AuthScheme::Query, None),
            (AuthScheme::Query, Some("a&b")),
        ] {
            assert!(
                AuthPlacement::of(&spec(scheme, name)).is_err(),
                "{scheme} {name:?}"
            );
        }
        let basic = AuthPlacement::of(&spec(AuthScheme::Basic, None)).unwrap();
        assert_eq!(
            basic.key("no_colon").unwrap_err(),
            KeyProblem::NotUserPassword
        );
        assert!(basic.key("user:").is_ok());
        let query = AuthPlacement::of(&spec(AuthScheme::Query, Some("k"))).unwrap();
        assert_eq!(
            query.key("a\u{0}b").unwrap_err(),
            KeyProblem::ControlCharacter
        );
        assert_eq!(query.key("a b").unwrap_err(), KeyProblem::Whitespace);
    }

    #[test]
    fn names() {
        let header = AuthPlacement::of(&spec(AuthScheme::Header, Some("X-Api-Key"))).unwrap();
        assert_eq!(
            header,
            AuthPlacement::Header(HeaderName::from_static("x-api-key"))
        );
        assert_eq!(header.scheme_name(), "header");
        assert_eq!(AuthPlacement::Query("k").scheme_name(), "query");
    }
}
