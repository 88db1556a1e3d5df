//! The base URL check. Whether the host and port are valid is decided by the
//! `url` crate, the parser the runtime builds its client with (reqwest's
//! `Url`), so a base URL the spec accepts is one the runtime can parse. The
//! format is stricter than a URL parser in what it may contain: a literal
//! `https://` or `http://`, no whitespace, query, fragment, credentials or
//! `{}`, and a port in 1..=65535.

use url::{ParseError, Url};

/// What is wrong with `raw` as a base URL, phrased to follow "an absolute
/// URL" (`has an invalid port `99999``); `None` when it is a good one.
pub(super) fn problem(raw: &str) -> Option<String> {
    let u = raw.trim_end_matches('/');
    // The scheme as written: `url` would also read `https:host` and `https:/host`.
    let rest = ["https://", "http://"].iter().find_map(|scheme| {
        u.get(..scheme.len())
            .filter(|s| s.eq_ignore_ascii_case(scheme))
            .and_then(|_| u.get(scheme.len()..))
    });
    let Some(rest) = rest else {
        return Some(if u.contains("://") {
            "must use `https://` or `http://`".to_owned()
        } else {
            "must start with `https://` or `http://`".to_owned()
        });
    };
    // `url` removes tabs and newlines and encodes spaces; the format refuses them.
    if rest.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("must not contain whitespace".to_owned());
    }
    if rest.contains(['?', '#']) {
        return Some("must not have a query or fragment".to_owned());
    }
    let authority = rest.split(['/', '\\']).next().unwrap_or_default();
    // `url` drops an empty `@` and reads `https:///x` as the host `x`.
    if authority.contains('@') {
        return Some("must not carry credentials".to_owned());
    }
    let (host, port) = split_port(authority);
    if host.is_empty() {
        return Some("has no host".to_owned());
    }
    match Url::parse(u) {
        Err(ParseError::EmptyHost) => Some("has no host".to_owned()),
        Err(ParseError::InvalidPort) => Some(format!(
            "has an invalid port `{}`",
            port.unwrap_or_default()
        )),
        Err(
            ParseError::IdnaError
            | ParseError::InvalidDomainCharacter
            | ParseError::InvalidIpv4Address
            | ParseError::InvalidIpv6Address,
        ) => Some(format!("has an invalid host `{host}`")),
        Err(e) => Some(format!("cannot be parsed: {e}")),
        Ok(url) => {
            if !url.username().is_empty() || url.password().is_some() {
                Some("must not carry credentials".to_owned())
            } else if url.query().is_some() || url.fragment().is_some() {
                Some("must not have a query or fragment".to_owned())
            } else if url.host_str().is_none_or(str::is_empty) {
                Some("has no host".to_owned())
            } else if url.port() == Some(0) {
                Some("has an invalid port `0`".to_owned())
            } else if rest.contains(['{', '}']) {
                Some(
                    "must not contain `{` or `}`; path parameters belong in endpoint paths"
                        .to_owned(),
                )
            } else {
                None
            }
        }
    }
}

/// Splits the text of `host:port` (and `[v6]:port`, giving the host without
/// brackets), for the messages: whether they are valid is for `url` to say.
fn split_port(authority: &str) -> (&str, Option<&str>) {
    if let Some(rest) = authority.strip_prefix('[') {
        return match rest.split_once(']') {
            Some((h, tail)) => (h, tail.strip_prefix(':')),
            None => (authority, None),
        };
    }
    match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn good_base_urls() {
        for ok in [
            "https://api.example.com",
            "https://api.example.com/",
            "https://api.example.com/v1/",
            "HTTPS://API.example.com/v1",
            "http://127.0.0.1:8080/api",
            "http://localhost:1",
            "http://[::1]:9/x",
            "https://x_y.example.com",
            "https://bücher.example/v1",
            "https://api.example.com:65535",
            "https://api.example.com:443",
        ] {
            assert_eq!(problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn each_problem_has_its_message() {
        let cases = [
            (
                "api.example.com/v1",
                "must start with `https://` or `http://`",
            ),
            ("ftp://api.example.com", "must use `https://` or `http://`"),
            (
                "https:api.example.com",
                "must start with `https://` or `http://`",
            ),
            (
                "https:/api.example.com",
                "must start with `https://` or `http://`",
            ),
            ("", "must start with `https://` or `http://`"),
            ("https://api.example .com", "must not contain whitespace"),
            (
                "https://api.example.com/v\t1",
                "must not contain whitespace",
            ),
            (
                "https://api.example.com/?a=1",
                "must not have a query or fragment",
            ),
            (
                "https://api.example.com/#top",
                "must not have a query or fragment",
            ),
            (
                "https://user:pw@api.example.com",
                "must not carry credentials",
            ),
            ("https://@api.example.com", "must not carry credentials"),
            // The trailing `/`s go first, as they always have.
            ("https://", "must start with `https://` or `http://`"),
            ("https:///v1", "has no host"),
            ("https://:8080/v1", "has no host"),
            (
                "https://api.example.com:99999/v1",
                "has an invalid port `99999`",
            ),
            ("https://api.example.com:http", "has an invalid port `http`"),
            ("https://api.example.com:0", "has an invalid port `0`"),
            (
                "https://a<b.example.com",
                "has an invalid host `a<b.example.com`",
            ),
            ("https://1.2.3.999", "has an invalid host `1.2.3.999`"),
            ("https://[::1/v1", "has an invalid host `[::1`"),
            ("https://[::g]/v1", "has an invalid host `::g`"),
            (
                "https://api.example.com/{tenant}",
                "must not contain `{` or `}`; path parameters belong in endpoint paths",
            ),
        ];
        let wrong: Vec<_> = cases
            .iter()
            .filter(|(url, want)| problem(url).as_deref() != Some(*want))
            .map(|(url, want)| (url, want, problem(url)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
}
