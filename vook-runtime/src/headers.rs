//! Parsing of the response headers the runtime understands: `Retry-After` and
//! `Retry-After-Ms`, the rate-limit triple (read by `rate_limit.rs` in the spec's
//! `reset_format`) and the request-id header. All parsers are total: garbage yields
//! `None`, never a panic.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};

use crate::rate_limit::{RateLimit, Reset, parse_reset, parse_retry_after_ms, parse_u64};
use crate::spec::{ApiSpec, ResetFormat};

static RETRY_AFTER_MS: HeaderName = HeaderName::from_static(vook_vocab::header::RETRY_AFTER_MS);

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

/// Longest request id kept from a header (anything longer is not an id).
const MAX_REQUEST_ID_LEN: usize = 256;

/// The request id from the spec's request-id header, found with one lookup (when the
/// other headers [`ScannedHeaders`] reads are not wanted).
pub(crate) fn request_id<'h>(headers: &'h HeaderMap, spec: &ApiSpec) -> Option<&'h str> {
    request_id_text(headers.get(spec.request_id_header?)?)
}

/// A request-id header's value as text: trimmed, printable, not empty, not absurdly long.
pub(crate) fn request_id_text(value: &HeaderValue) -> Option<&str> {
    // `to_str` admits visible ASCII only, so the ASCII trim is the whole trim.
    let v = value.to_str().ok()?.trim_ascii();
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
    retry_after_ms: Option<&'h HeaderValue>,
    /// The spec's request-id header.
    request_id: Option<&'h HeaderValue>,
    /// The spec's rate-limit headers.
    limit: Option<&'h HeaderValue>,
    remaining: Option<&'h HeaderValue>,
    reset: Option<&'h HeaderValue>,
    /// How the reset header is spelled (the spec's `reset_format`).
    reset_format: ResetFormat,
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
        if let Some(rl) = rl {
            found.reset_format = rl.reset_format;
        }
        for (name, value) in headers {
            if *name == RETRY_AFTER {
                found.retry_after.get_or_insert(value);
                continue;
            }
            if *name == RETRY_AFTER_MS {
                found.retry_after_ms.get_or_insert(value);
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

    /// The server's wait: `Retry-After-Ms` (milliseconds) when it is usable, else
    /// `Retry-After` (relative to `now` for an HTTP-date).
    pub(crate) fn retry_after(&self, now: SystemTime) -> Option<Duration> {
        self.retry_after_ms
            .and_then(|v| parse_retry_after_ms(v.to_str().ok()?))
            .or_else(|| parse_retry_after(self.retry_after?.to_str().ok()?, now))
    }

    /// The spec's request-id header, when it holds a request id ([`request_id_text`]
    /// reads it): kept as the header, which costs no copy.
    pub(crate) fn request_id_header(&self) -> Option<&'h HeaderValue> {
        self.request_id.filter(|v| request_id_text(v).is_some())
    }

    /// The rate-limit triple (its reset normalised to Unix seconds, `now` being the
    /// moment the response arrived), or `None` when the spec names no headers or none
    /// parsed; and the wait until the reset, exact for a delta or a duration.
    pub(crate) fn rate_limit(&self, now: SystemTime) -> (Option<RateLimit>, Option<Duration>) {
        let num = |v: Option<&HeaderValue>| parse_u64(v?.as_bytes());
        let format = self.reset_format;
        let reset: Option<Reset> = self
            .reset
            .and_then(|v| parse_reset(v.as_bytes(), format, now));
        let rl = RateLimit {
            limit: num(self.limit),
            remaining: num(self.remaining),
            reset: reset.map(|r| r.unix),
        };
        let wait = reset.and_then(|r| r.wait);
        ((rl != RateLimit::default()).then_some(rl), wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rate_limit::reset_wait;
    use crate::spec::{RateLimitHeaders, TEST_SPEC};

    const NAMES: RateLimitHeaders = RateLimitHeaders {
        limit: "X-RateLimit-Limit",
        remaining: "X-RateLimit-Remaining",
        reset: "X-RateLimit-Reset",
        reset_format: ResetFormat::Epoch,
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
        ScannedHeaders::scan(h, spec).rate_limit(now()).0
    }

    fn request_id<'h>(h: &'h HeaderMap, spec: &ApiSpec) -> Option<&'h str> {
        ScannedHeaders::scan(h, spec)
            .request_id_header()
            .and_then(request_id_text)
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
    fn retry_after_ms_wins() {
        let retry_after = |h: &HeaderMap| ScannedHeaders::scan(h, &BARE).retry_after(now());
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("7"));
        h.insert("retry-after-ms", HeaderValue::from_static("300"));
        assert_eq!(retry_after(&h), Some(Duration::from_millis(300)));
        // Unusable milliseconds: Retry-After counts.
        for bad in ["-300", "soon", ""] {
            h.insert("retry-after-ms", HeaderValue::from_static(bad));
            assert_eq!(retry_after(&h), Some(Duration::from_secs(7)), "{bad:?}");
        }
        h.remove("retry-after");
        assert_eq!(retry_after(&h), None);
        h.insert("retry-after-ms", HeaderValue::from_static("1500"));
        assert_eq!(retry_after(&h), Some(Duration::from_millis(1500)));
    }

    #[test]
    fn reset_formats() {
        let spec = |reset_format| ApiSpec {
            rate_limit_headers: Some(RateLimitHeaders {
                reset_format,
                ..NAMES
            }),
            ..SPEC
        };
        let (delta, duration) = (spec(ResetFormat::Delta), spec(ResetFormat::Duration));
        let mut h = HeaderMap::new();
        h.insert("x-ratelimit-reset", HeaderValue::from_static("30"));
        let (rl, wait) = ScannedHeaders::scan(&h, &delta).rate_limit(now());
        assert_eq!(rl.and_then(|r| r.reset), Some(1_730_462_430));
        assert_eq!(wait, Some(Duration::from_secs(30)));
        h.insert("x-ratelimit-reset", HeaderValue::from_static("1m30.5s"));
        let (rl, wait) = ScannedHeaders::scan(&h, &duration).rate_limit(now());
        assert_eq!(rl.and_then(|r| r.reset), Some(1_730_462_490));
        assert_eq!(wait, Some(Duration::from_millis(90_500)));
        // A duration where seconds are expected, and the reverse: ignored.
        let (rl, wait) = ScannedHeaders::scan(&h, &delta).rate_limit(now());
        assert_eq!((rl, wait), (None, None));
        h.insert("x-ratelimit-reset", HeaderValue::from_static("90"));
        let (rl, _) = ScannedHeaders::scan(&h, &duration).rate_limit(now());
        assert_eq!(rl, None);
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
}
