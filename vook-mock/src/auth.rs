//! Auth: when the spec has `auth`, every request needs `Authorization:
//! Bearer <key>` with the server's key, exactly.

use http::HeaderMap;
use http::header::{AUTHORIZATION, WWW_AUTHENTICATE};

use crate::reply::{Replies, Reply};

/// True when `headers` carry `Authorization: Bearer <key>` (the scheme in any
/// case, one space, the key exactly).
pub(crate) fn authorized(headers: &HeaderMap, key: &str) -> bool {
    let Some(value) = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    match value.split_once(' ') {
        Some((scheme, given)) => scheme.eq_ignore_ascii_case("bearer") && given == key,
        None => false,
    }
}

/// The answer to a request without the key: the endpoint's first 401 code
/// (else the spec's, else `unauthorized`) with `WWW-Authenticate: Bearer`.
pub(crate) fn refused(replies: &Replies<'_>) -> Reply {
    replies
        .status_error(401, "unauthorized", "Missing or invalid API key.", None)
        .with_header(WWW_AUTHENTICATE, "Bearer")
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn with(value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(AUTHORIZATION, HeaderValue::from_static(value));
        h
    }

    #[test]
    fn bearer_exactly() {
        assert!(authorized(&with("Bearer k"), "k"));
        assert!(authorized(&with("bEARER k"), "k"));
        assert!(!authorized(&with("Bearer  k"), "k"));
        assert!(!authorized(&with("Bearer k "), "k"));
        assert!(!authorized(&with("Basic k"), "k"));
        assert!(!authorized(&with("Bearer"), "k"));
        assert!(!authorized(&HeaderMap::new(), "k"));
    }
}
