//! How requests authenticate: the spec's `api.auth.scheme`.

use core::fmt;

/// Where a request carries the API key (`api.auth.scheme`).
///
/// ```
/// use vook_vocab::auth::AuthScheme;
///
/// assert_eq!(AuthScheme::parse("query"), Some(AuthScheme::Query));
/// assert!(AuthScheme::Header.takes_name());
/// assert!(!AuthScheme::Basic.takes_name());
/// assert!(!AuthScheme::None.takes_key());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum AuthScheme {
    /// `Authorization: Bearer <key>` (the default scheme).
    #[default]
    Bearer,
    /// `<name>: <key>`, a header the spec names (e.g. `X-Api-Key`).
    Header,
    /// `?<name>=<key>` on every request, a query parameter the spec names.
    Query,
    /// `Authorization: Basic base64(<key>)`; the key is `user:password`.
    Basic,
    /// No credentials at all.
    None,
}

impl AuthScheme {
    /// Every scheme, in the order the docs list them.
    pub const ALL: [AuthScheme; 5] = [
        AuthScheme::Bearer,
        AuthScheme::Header,
        AuthScheme::Query,
        AuthScheme::Basic,
        AuthScheme::None,
    ];

    /// The spec spelling: `"bearer"`, `"header"`, `"query"`, `"basic"` or `"none"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            AuthScheme::Bearer => "bearer",
            AuthScheme::Header => "header",
            AuthScheme::Query => "query",
            AuthScheme::Basic => "basic",
            AuthScheme::None => "none",
        }
    }

    /// The name of the Rust variant (`"Bearer"`), for code generators.
    pub const fn variant_name(self) -> &'static str {
        match self {
            AuthScheme::Bearer => "Bearer",
            AuthScheme::Header => "Header",
            AuthScheme::Query => "Query",
            AuthScheme::Basic => "Basic",
            AuthScheme::None => "None",
        }
    }

    /// Parses the spec spelling (exactly as [`AuthScheme::as_str`] writes it).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|scheme| scheme.as_str() == s)
    }

    /// Whether the scheme needs `name:` (the header or query parameter carrying the
    /// key): `header` and `query` do; the others refuse one.
    pub const fn takes_name(self) -> bool {
        matches!(self, AuthScheme::Header | AuthScheme::Query)
    }

    /// Whether requests carry a key at all (every scheme but `none`), so that `env:`
    /// is required.
    pub const fn takes_key(self) -> bool {
        !matches!(self, AuthScheme::None)
    }
}

/// Whether `name` can be the query parameter of the `query` scheme: one or more
/// characters a URL carries unencoded in a query key (RFC 3986 "unreserved": ASCII
/// letters, digits, `-`, `.`, `_`, `~`).
///
/// ```
/// use vook_vocab::auth::is_query_name;
///
/// assert!(is_query_name("api_key"));
/// assert!(!is_query_name("api key"));
/// assert!(!is_query_name("a&b"));
/// ```
pub fn is_query_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

impl fmt::Display for AuthScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_parses_back() {
        for scheme in AuthScheme::ALL {
            assert_eq!(AuthScheme::parse(scheme.as_str()), Some(scheme));
        }
        assert_eq!(AuthScheme::parse("Bearer"), None);
        assert_eq!(AuthScheme::parse("apikey"), None);
        assert_eq!(AuthScheme::default(), AuthScheme::Bearer);
    }

    #[test]
    fn query_names() {
        for good in ["api_key", "access_token", "key", "api-key", "k.v~1"] {
            assert!(is_query_name(good), "{good}");
        }
        for bad in ["", "api key", "a&b", "a=b", "a#", "a?", "é", "a[0]", "a+b"] {
            assert!(!is_query_name(bad), "{bad}");
        }
    }

    #[test]
    fn names_and_keys() {
        let named: [bool; 5] = AuthScheme::ALL.map(AuthScheme::takes_name);
        assert_eq!(named, [false, true, true, false, false]);
        let keyed: [bool; 5] = AuthScheme::ALL.map(AuthScheme::takes_key);
        assert_eq!(keyed, [true, true, true, true, false]);
    }
}
