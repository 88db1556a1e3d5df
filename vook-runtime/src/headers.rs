//! Parsing of the response headers the runtime understands: `Retry-After`,
//! the rate-limit triple and the request-id header. All parsers are total:
//! garbage yields `None`, never a panic.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};

use crate::spec::ApiSpec;

/// Typed rate-limit state from the `X-RateLimit-*` headers (names come from the spec).
///
/// Each field is `None` when its header is missing or not a non-negative integer.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RateLimit {
    /// Request quota of the current window.
    pub limit: Option<u64>,
    /// Requests left in the current window.
    pub remaining: Option<u64>,
    /// When the window resets, as the server sent it: normally Unix epoch seconds.
    pub reset: Option<u64>,
}

/// A reset value below this is taken as a delay in seconds rather than an epoch time
/// (1e9 seconds after the epoch is September 2001).
const RESET_DELTA_THRESHOLD: u64 = 1_000_000_000;

impl RateLimit {
    /// How long until the window resets, seen from `now`.
    ///
    /// `reset` is read as epoch seconds; a value below 1e9 is read as a delay in seconds
    /// (some servers send that). `None` when there is no reset value or it lies in the past.
    pub fn reset_after(&self, now: SystemTime) -> Option<Duration> {
        reset_wait(self.reset?, now)
    }
}

pub(crate) fn reset_wait(reset: u64, now: SystemTime) -> Option<Duration> {
    if reset < RESET_DELTA_THRESHOLD {
        return Some(Duration::from_secs(reset));
    }
    let at = SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(reset))?;
    match at.duration_since(now) {
        Ok(d) if !d.is_zero() => Some(d),
        _ => None,
    }
}

/// Parse a `Retry-After` value: delta-seconds (`"30"`, also a fractional `"1.5"`) or an
/// HTTP-date (`"Wed, 21 Oct 2015 07:28:00 GMT"`, relative to `now`; a past date means 0).
///
/// Negative numbers, garbage and empty values yield `None`. Values too big to represent
/// saturate to a huge duration, so they compare as "too long" against any limit.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    if v.bytes().all(|b| b.is_ascii_digit()) {
        // All digits but too big for a u64: absurdly long.
        return Some(parse_u64(v.as_bytes()).map_or(Duration::MAX, Duration::from_secs));
    }
    if let Some((int, frac)) = v.split_once('.') {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if digits(int) && digits(frac) {
            return Some(match v.parse::<f64>() {
                Ok(secs) => Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX),
                Err(_) => Duration::MAX,
            });
        }
        return None;
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A non-negative integer header value; garbage is `None`.
pub(crate) fn parse_u64(value: &[u8]) -> Option<u64> {
    let v = value.trim_ascii();
    if v.is_empty() {
        return None;
    }
    let mut n: u64 = 0;
    for &b in v {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u64::from(digit))?;
    }
    Some(n)
}

/// Longest request id kept from a header (anything longer is not an id).
const MAX_REQUEST_ID_LEN: usize = 256;

/// The request id from the spec's request-id header, found with one lookup (when the
/// other headers [`ScannedHeaders`] reads are not wanted).
pub(crate) fn request_id<'h>(headers: &'h HeaderMap, spec: &ApiSpec) -> Option<&'h str> {
    request_id_text(headers.get(spec.request_id_header?)?)
}

/// A request-id header's value as text: trimmed, printable, not empty, not absurdly long.
pub(crate) fn request_id_text(value: &HeaderValue) -> Option<&str> {
    let v = value.to_str().ok()?.trim();
    (!v.is_empty() && v.len() <= MAX_REQUEST_ID_LEN).then_some(v)
}

/// The headers of one response that the runtime reads, found in one pass over the map.
///
/// One pass comparing the map's (already lowercase) names beats a `HeaderMap::get` per
/// header: each `get` by `&str` re-parses and re-hashes the name. Only the first value
/// of a repeated header counts, as with `get`.
#[derive(Default)]
pub(crate) struct ScannedHeaders<'h> {
    retry_after: Option<&'h HeaderValue>,
    /// The spec's request-id header.
    request_id: Option<&'h HeaderValue>,
    /// The spec's rate-limit headers.
    limit: Option<&'h HeaderValue>,
    remaining: Option<&'h HeaderValue>,
    reset: Option<&'h HeaderValue>,
}

/// Whether a spec's header name (any case) is a header map's name (always lowercase).
///
/// Generated specs hold lowercase names, which the plain comparison settles. Names of
/// one API share prefixes (`x-ratelimit-limit` / `x-ratelimit-reset`), so the
/// case-folding comparison runs from the end, where they differ.
fn same_name(spec_name: &str, lowercase: &str) -> bool {
    let (s, l) = (spec_name.as_bytes(), lowercase.as_bytes());
    s.len() == l.len()
        && (s == l
            || s.iter()
                .rev()
                .zip(l.iter().rev())
                .all(|(a, b)| a.to_ascii_lowercase() == *b))
}

impl<'h> ScannedHeaders<'h> {
    /// Find the spec's request-id and rate-limit headers and `Retry-After`.
    pub(crate) fn scan(headers: &'h HeaderMap, spec: &ApiSpec) -> Self {
        let mut found = ScannedHeaders::default();
        let is = |name: &str, wanted: Option<&str>| wanted.is_some_and(|w| same_name(w, name));
        let rl = spec.rate_limit_headers.as_ref();
        for (name, value) in headers {
            if *name == RETRY_AFTER {
                found.retry_after.get_or_insert(value);
                continue;
            }
            let name = name.as_str();
            let slot = if is(name, spec.request_id_header) {
                &mut found.request_id
            } else if is(name, rl.map(|n| n.limit)) {
                &mut found.limit
            } else if is(name, rl.map(|n| n.remaining)) {
                &mut found.remaining
            } else if is(name, rl.map(|n| n.reset)) {
                &mut found.reset
            } else {
                continue;
            };
            slot.get_or_insert(value);
        }
        found
    }

    /// `Retry-After`, relative to `now` for an HTTP-date.
    pub(crate) fn retry_after(&self, now: SystemTime) -> Option<Duration> {
        parse_retry_after(self.retry_after?.to_str().ok()?, now)
    }

    /// The request id from the spec's request-id header, if present and printable.
    pub(crate) fn request_id(&self) -> Option<&'h str> {
        request_id_text(self.request_id?)
    }

    /// The rate-limit triple, or `None` when the spec names no headers or none parsed.
    pub(crate) fn rate_limit(&self) -> Option<RateLimit> {
        let num = |v: Option<&HeaderValue>| parse_u64(v?.as_bytes());
        let rl = RateLimit {
            limit: num(self.limit),
            remaining: num(self.remaining),
            reset: num(self.reset),
        };
        (rl != RateLimit::default()).then_some(rl)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{RateLimitHeaders, TEST_SPEC};

    const NAMES: RateLimitHeaders = RateLimitHeaders {
        limit: "X-RateLimit-Limit",
        remaining: "X-RateLimit-Remaining",
        reset: "X-RateLimit-Reset",
    };

    /// Mixed-case names, as a hand-written spec may have: matching folds case.
    const SPEC: ApiSpec = ApiSpec {
        request_id_header: Some("X-Request-ID"),
        rate_limit_headers: Some(NAMES),
        ..TEST_SPEC
    };

    /// The spec without request-id or rate-limit headers.
    const BARE: ApiSpec = ApiSpec {
        request_id_header: None,
        rate_limit_headers: None,
        ..SPEC
    };

    fn rate_limit(h: &HeaderMap, spec: &ApiSpec) -> Option<RateLimit> {
        ScannedHeaders::scan(h, spec).rate_limit()
    }

    fn request_id<'h>(h: &'h HeaderMap, spec: &ApiSpec) -> Option<&'h str> {
        ScannedHeaders::scan(h, spec).request_id()
    }

    fn now() -> SystemTime {
        // 2024-11-01T12:00:00Z
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_730_462_400)
    }

    #[test]
    fn retry_after_delta_seconds() {
        assert_eq!(
            parse_retry_after("30", now()),
            Some(Duration::from_secs(30))
        );
        assert_eq!(parse_retry_after(" 0 ", now()), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("1.5", now()),
            Some(Duration::from_millis(1500))
        );
    }

    #[test]
    fn retry_after_http_date() {
        // One minute after now().
        let d = parse_retry_after("Fri, 01 Nov 2024 12:01:00 GMT", now());
        assert_eq!(d, Some(Duration::from_secs(60)));
        // In the past: retry now.
        let d = parse_retry_after("Fri, 01 Nov 2024 11:00:00 GMT", now());
        assert_eq!(d, Some(Duration::ZERO));
        // Obsolete formats httpdate accepts (RFC 850).
        let d = parse_retry_after("Friday, 01-Nov-24 12:00:10 GMT", now());
        assert_eq!(d, Some(Duration::from_secs(10)));
    }

    #[test]
    fn retry_after_garbage_is_ignored() {
        for bad in [
            "", "  ", "-5", "-0.5", "soon", "1e3", "1.", ".5", "0x10", "30s", "+30", "NaN", "inf",
        ] {
            assert_eq!(parse_retry_after(bad, now()), None, "{bad:?}");
        }
    }

    #[test]
    fn retry_after_absurd_is_huge() {
        let d = parse_retry_after("99999999999999999999999999", now()).unwrap();
        assert!(d > Duration::from_secs(100 * 365 * 24 * 3600));
        let d = parse_retry_after("18446744073709551615", now()).unwrap();
        assert_eq!(d, Duration::from_secs(u64::MAX));
        let d = parse_retry_after(&format!("{}.5", "9".repeat(400)), now()).unwrap();
        assert_eq!(d, Duration::MAX);
    }

    #[test]
    fn retry_after_from_headers() {
        let retry_after = |h: &HeaderMap| ScannedHeaders::scan(h, &BARE).retry_after(now());
        let mut h = HeaderMap::new();
        assert_eq!(retry_after(&h), None);
        h.insert("retry-after", HeaderValue::from_static("7"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        // Only the first of repeated values counts.
        h.append("retry-after", HeaderValue::from_static("9"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        h.insert("retry-after", HeaderValue::from_bytes(b"\xff\xfe").unwrap());
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn rate_limit_parsing() {
        let mut h = HeaderMap::new();
        assert_eq!(rate_limit(&h, &SPEC), None);
        h.insert("x-ratelimit-limit", HeaderValue::from_static("1000"));
        h.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
        h.insert("x-ratelimit-reset", HeaderValue::from_static("1730462400"));
        assert_eq!(
            rate_limit(&h, &SPEC),
            Some(RateLimit {
                limit: Some(1000),
                remaining: Some(0),
                reset: Some(1_730_462_400)
            })
        );
        // No header names in the spec: nothing, whatever the headers say.
        assert_eq!(rate_limit(&h, &BARE), None);
        // Garbage fields are None individually.
        h.insert("x-ratelimit-limit", HeaderValue::from_static("lots"));
        h.insert("x-ratelimit-remaining", HeaderValue::from_static("-1"));
        h.insert(
            "x-ratelimit-reset",
            HeaderValue::from_static("99999999999999999999999"),
        );
        assert_eq!(rate_limit(&h, &SPEC), None);
        h.insert("x-ratelimit-remaining", HeaderValue::from_static(" 12 "));
        assert_eq!(
            rate_limit(&h, &SPEC),
            Some(RateLimit {
                limit: None,
                remaining: Some(12),
                reset: None
            })
        );
    }

    #[test]
    fn reset_wait_epoch_and_delta() {
        let rl = RateLimit {
            reset: Some(1_730_462_430),
            ..RateLimit::default()
        };
        assert_eq!(rl.reset_after(now()), Some(Duration::from_secs(30)));
        // Small values are a delay in seconds.
        let rl = RateLimit {
            reset: Some(12),
            ..RateLimit::default()
        };
        assert_eq!(rl.reset_after(now()), Some(Duration::from_secs(12)));
        // In the past: no information.
        let rl = RateLimit {
            reset: Some(1_730_000_000),
            ..RateLimit::default()
        };
        assert_eq!(rl.reset_after(now()), None);
        assert_eq!(RateLimit::default().reset_after(now()), None);
        // Far-future values do not overflow.
        assert!(reset_wait(u64::MAX, now()).is_none_or(|d| d > Duration::from_secs(1 << 40)));
    }

    #[test]
    fn request_id_header() {
        let mut h = HeaderMap::new();
        h.insert("x-request-id", HeaderValue::from_static("req_abc"));
        assert_eq!(request_id(&h, &SPEC), Some("req_abc"));
        assert_eq!(request_id(&h, &BARE), None);
        // Generated specs hold lowercase names.
        let lower = ApiSpec {
            request_id_header: Some("x-request-id"),
            ..SPEC
        };
        assert_eq!(request_id(&h, &lower), Some("req_abc"));
        let other = ApiSpec {
            request_id_header: Some("X-Other"),
            ..SPEC
        };
        assert_eq!(request_id(&h, &other), None);
        h.insert("x-request-id", HeaderValue::from_static("  "));
        assert_eq!(request_id(&h, &SPEC), None);
        let long = "a".repeat(1000);
        h.insert("x-request-id", HeaderValue::from_str(&long).unwrap());
        assert_eq!(request_id(&h, &SPEC), None);
    }

    #[test]
    fn u64_values() {
        assert_eq!(parse_u64(b"42"), Some(42));
        assert_eq!(parse_u64(b""), None);
        assert_eq!(parse_u64(b"4 2"), None);
        assert_eq!(parse_u64(b"+42"), None);
        assert_eq!(parse_u64(b"18446744073709551616"), None);
        assert_eq!(parse_u64(b"18446744073709551615"), Some(u64::MAX));
        assert_eq!(
            parse_u64(b"9999999999999999999"),
            Some(9_999_999_999_999_999_999)
        );
        assert_eq!(parse_u64(b"00000000000000000000042"), Some(42));
        assert_eq!(parse_u64(b"99999999999999999999"), None);
        assert_eq!(parse_u64(b" 7\t"), Some(7));
        assert_eq!(parse_u64(b"\xff"), None);
    }
}
