//! Auth, per the spec's scheme: when the spec has `auth`, every request to an
//! endpoint must carry the server's key exactly where the scheme puts it
//! (`Authorization: Bearer <key>`, the named header, the named query parameter, or
//! `Authorization: Basic base64(<key>)`); otherwise it gets the spec's 401.

use base64::Engine as _;
use http::HeaderMap;
use http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use vook_schema::model::{Auth, AuthScheme};

use crate::reply::{Replies, Reply};

/// True when the request carries `key` the way `auth` says. `query` is the parsed
/// query string; a `query` key must be given exactly once.
pub(crate) fn authorized(
    auth: &Auth,
    headers: &HeaderMap,
    query: &[(String, String)],
    key: &str,
) -> bool {
    let header = |name: &str| {
        let mut all = headers.get_all(name).iter();
        match (all.next(), all.next()) {
            (Some(v), None) => v.to_str().ok(),
            _ => None,
        }
    };
    let name = auth.name.as_deref().unwrap_or_default();
    match auth.scheme {
        AuthScheme::Bearer => header(AUTHORIZATION.as_str())
            .and_then(|v| credentials(v, "bearer"))
            .is_some_and(|given| given == key),
        AuthScheme::Basic => {
            let encoded = base64::engine::general_purpose::STANDARD.encode(key);
            header(AUTHORIZATION.as_str())
                .and_then(|v| credentials(v, "basic"))
                .is_some_and(|given| given == encoded)
        }
        AuthScheme::Header => header(name).is_some_and(|given| given == key),
        AuthScheme::Query => {
            let mut given = query.iter().filter(|(k, _)| k == name);
            matches!((given.next(), given.next()), (Some((_, v)), None) if v == key)
        }
        AuthScheme::None => true,
    }
}

/// `<scheme> <credentials>`: the scheme in any case, one space.
fn credentials<'v>(value: &'v str, scheme: &str) -> Option<&'v str> {
    let (given_scheme, given) = value.split_once(' ')?;
    given_scheme.eq_ignore_ascii_case(scheme).then_some(given)
}

/// The query without the `query` scheme's key parameter, so that the endpoint's
/// query checks see only the endpoint's own parameters.
pub(crate) fn strip_key_parameter(auth: Option<&Auth>, query: &mut Vec<(String, String)>) {
    if let Some(Auth {
        scheme: AuthScheme::Query,
        name: Some(name),
        ..
    }) = auth
    {
        query.retain(|(k, _)| k != name);
    }
}

/// The answer to a request without the key: the endpoint's first 401 code
/// (else the spec's, else `unauthorized`), with `WWW-Authenticate` for the
/// `bearer` and `basic` schemes.
pub(crate) fn refused(auth: &Auth, replies: &Replies<'_>) -> Reply {
    let reply = replies.status_error(401, "unauthorized", "Missing or invalid API key.", None);
    match auth.scheme {
        AuthScheme::Bearer => reply.with_header(WWW_AUTHENTICATE, "Bearer"),
        AuthScheme::Basic => reply.with_header(WWW_AUTHENTICATE, "Basic"),
        AuthScheme::Header | AuthScheme::Query | AuthScheme::None => reply,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn auth(scheme: AuthScheme, name: Option<&str>) -> Auth {
        Auth {
            scheme,
            name: name.map(str::to_owned),
            env: "K".to_owned(),
        }
    }

    fn with(name: &'static str, value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, HeaderValue::from_static(value));
        h
    }

    #[test]
    fn bearer_exactly() {
        let a = auth(AuthScheme::Bearer, None);
        let ok = |h: &HeaderMap| authorized(&a, h, &[], "k");
        assert!(ok(&with("authorization", "Bearer k")));
        assert!(ok(&with("authorization", "bEARER k")));
        assert!(!ok(&with("authorization", "Bearer  k")));
        assert!(!ok(&with("authorization", "Bearer k ")));
        assert!(!ok(&with("authorization", "Basic k")));
        assert!(!ok(&with("authorization", "Bearer")));
        assert!(!ok(&HeaderMap::new()));
    }

    #[test]
    fn basic_header_and_query() {
        let basic = auth(AuthScheme::Basic, None);
        // base64("u:p") = "dTpw"
        assert!(authorized(
            &basic,
            &with("authorization", "Basic dTpw"),
            &[],
            "u:p"
        ));
        assert!(!authorized(
            &basic,
            &with("authorization", "Basic dTpx"),
            &[],
            "u:p"
        ));
        assert!(!authorized(
            &basic,
            &with("authorization", "Bearer u:p"),
            &[],
            "u:p"
        ));

        let header = auth(AuthScheme::Header, Some("x-api-key"));
        assert!(authorized(&header, &with("x-api-key", "k"), &[], "k"));
        assert!(!authorized(&header, &with("x-api-key", "k2"), &[], "k"));
        assert!(!authorized(
            &header,
            &with("authorization", "Bearer k"),
            &[],
            "k"
        ));

        let query = auth(AuthScheme::Query, Some("api_key"));
        let q = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect()
        };
        let none = HeaderMap::new();
        assert!(authorized(
            &query,
            &none,
            &q(&[("a", "1"), ("api_key", "k")]),
            "k"
        ));
        assert!(!authorized(&query, &none, &q(&[("api_key", "x")]), "k"));
        assert!(!authorized(
            &query,
            &none,
            &q(&[("api_key", "k"), ("api_key", "k")]),
            "k"
        ));
        assert!(!authorized(
            &query,
            &with("authorization", "Bearer k"),
            &[],
            "k"
        ));

        let mut pairs = q(&[("a", "1"), ("api_key", "k")]);
        strip_key_parameter(Some(&query), &mut pairs);
        assert_eq!(pairs, q(&[("a", "1")]));
    }
}
