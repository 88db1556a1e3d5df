//! Parsing of the response headers the runtime understands: `Retry-After`,
//! the rate-limit triple and the request-id header. All parsers are total:
//! garbage yields `None`, never a panic.

use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;

use crate::spec::RateLimitHeaders;

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
        return Some(match v.parse::<u64>() {
            Ok(secs) => Duration::from_secs(secs),
            // All digits but it does not fit: absurdly long.
            Err(_) => Duration::MAX,
        });
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

/// `Retry-After` from a header map (the first value only).
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    parse_retry_after(value, now)
}

/// A non-negative integer header value; garbage is `None`.
pub(crate) fn parse_u64(value: &str) -> Option<u64> {
    let v = value.trim();
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse().ok()
}

fn header_u64(headers: &HeaderMap, name: &str) -> Option<u64> {
    parse_u64(headers.get(name)?.to_str().ok()?)
}

/// The rate-limit triple, or `None` when the spec names no headers or none parsed.
pub(crate) fn rate_limit(
    headers: &HeaderMap,
    names: Option<&RateLimitHeaders>,
) -> Option<RateLimit> {
    let names = names?;
    let rl = RateLimit {
        limit: header_u64(headers, names.limit),
        remaining: header_u64(headers, names.remaining),
        reset: header_u64(headers, names.reset),
    };
    (rl != RateLimit::default()).then_some(rl)
}

/// Longest request id kept from a header (anything longer is not an id).
const MAX_REQUEST_ID_LEN: usize = 256;

/// The request id from the spec's request-id header, if present and printable.
pub(crate) fn request_id(headers: &HeaderMap, name: Option<&str>) -> Option<String> {
    let v = headers.get(name?)?.to_str().ok()?.trim();
    (!v.is_empty() && v.len() <= MAX_REQUEST_ID_LEN).then(|| v.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

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
        let mut h = HeaderMap::new();
        assert_eq!(retry_after(&h, now()), None);
        h.insert("retry-after", HeaderValue::from_static("7"));
        assert_eq!(retry_after(&h, now()), Some(Duration::from_secs(7)));
        h.insert("retry-after", HeaderValue::from_bytes(b"\xff\xfe").unwrap());
        assert_eq!(retry_after(&h, now()), None);
    }

    const NAMES: RateLimitHeaders = RateLimitHeaders {
        limit: "X-RateLimit-Limit",
        remaining: "X-RateLimit-Remaining",
        reset: "X-RateLimit-Reset",
    };

    #[test]
    fn rate_limit_parsing() {
        let mut h = HeaderMap::new();
        assert_eq!(rate_limit(&h, Some(&NAMES)), None);
        h.insert("x-ratelimit-limit", HeaderValue::from_static("1000"));
        h.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
        h.insert("x-ratelimit-reset", HeaderValue::from_static("1730462400"));
        assert_eq!(
            rate_limit(&h, Some(&NAMES)),
            Some(RateLimit {
                limit: Some(1000),
                remaining: Some(0),
                reset: Some(1_730_462_400)
            })
        );
        // No header names in the spec: nothing, whatever the headers say.
        assert_eq!(rate_limit(&h, None), None);
        // Garbage fields are None individually.
        h.insert("x-ratelimit-limit", HeaderValue::from_static("lots"));
        h.insert("x-ratelimit-remaining", HeaderValue::from_static("-1"));
        h.insert(
            "x-ratelimit-reset",
            HeaderValue::from_static("99999999999999999999999"),
        );
        assert_eq!(rate_limit(&h, Some(&NAMES)), None);
        h.insert("x-ratelimit-remaining", HeaderValue::from_static(" 12 "));
        assert_eq!(
            rate_limit(&h, Some(&NAMES)),
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
        assert_eq!(
            request_id(&h, Some("X-Request-ID")).as_deref(),
            Some("req_abc")
        );
        assert_eq!(request_id(&h, None), None);
        assert_eq!(request_id(&h, Some("X-Other")), None);
        h.insert("x-request-id", HeaderValue::from_static("  "));
        assert_eq!(request_id(&h, Some("X-Request-ID")), None);
        let long = "a".repeat(1000);
        h.insert("x-request-id", HeaderValue::from_str(&long).unwrap());
        assert_eq!(request_id(&h, Some("X-Request-ID")), None);
    }

    #[test]
    fn u64_values() {
        assert_eq!(parse_u64("42"), Some(42));
        assert_eq!(parse_u64(""), None);
        assert_eq!(parse_u64("4 2"), None);
        assert_eq!(parse_u64("+42"), None);
        assert_eq!(parse_u64("18446744073709551616"), None);
    }
}
