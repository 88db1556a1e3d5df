//! Time on the wire: Unix seconds, RFC 3339 date-times (through `time`) and
//! HTTP-dates (through `httpdate`).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The latest time an HTTP-date or a four-digit-year RFC 3339 date-time can
/// carry (9999-12-31T23:59:59Z), as Unix seconds.
const MAX_WIRE_SECS: u64 = 253_402_300_799;
/// [`MAX_WIRE_SECS`] as RFC 3339.
const MAX_WIRE_RFC3339: &str = "9999-12-31T23:59:59Z";

/// Seconds since the Unix epoch (0 before it).
pub(crate) fn unix_secs(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// `t` as an RFC 3339 UTC timestamp with second precision, e.g.
/// `2024-11-01T12:00:00Z` (clamped to 9999-12-31T23:59:59Z).
pub(crate) fn rfc3339(t: SystemTime) -> String {
    let secs = i64::try_from(unix_secs(t).min(MAX_WIRE_SECS)).unwrap_or(0);
    OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|dt| dt.format(&Rfc3339).ok())
        .unwrap_or_else(|| MAX_WIRE_RFC3339.to_owned())
}

/// True for an RFC 3339 date-time such as `2024-05-01T12:00:00Z` or
/// `2024-05-01 12:00:00.5+02:00`.
///
/// The grammar of RFC 3339 section 5.6 as `time` parses it (real calendar
/// dates, offsets up to 23:59, a leap second only as the last second of a UTC
/// month), with the date and time separated by `T`, `t` or a space (the
/// separators the RFC names; `time` would take any character there).
pub(crate) fn is_rfc3339(s: &str) -> bool {
    matches!(s.as_bytes().get(10), Some(b'T' | b't' | b' '))
        && OffsetDateTime::parse(s, &Rfc3339).is_ok()
}

/// `t` as an HTTP-date (clamped to the latest one there is).
pub(crate) fn http_date(t: SystemTime) -> String {
    let secs = unix_secs(t).min(MAX_WIRE_SECS);
    httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(secs))
}

/// `d` as Go's `time.Duration` prints it, as OpenAI's rate-limit headers carry it:
/// `6m0s`, `1.5s`, `1h2m3.5s`, `20ms`, `0s` (at millisecond precision below a second).
pub(crate) fn go_duration(d: Duration) -> String {
    if d.is_zero() {
        return "0s".to_owned();
    }
    if d < Duration::from_secs(1) {
        let micros = d.as_micros();
        return match micros % 1000 {
            0 => format!("{}ms", micros / 1000),
            _ => trim_fraction(format!("{}.{:03}", micros / 1000, micros % 1000)) + "ms",
        };
    }
    let secs = d.as_secs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let millis = d.subsec_millis();
    let s = if millis == 0 {
        s.to_string()
    } else {
        trim_fraction(format!("{s}.{millis:03}"))
    };
    match (h, m) {
        (0, 0) => format!("{s}s"),
        (0, m) => format!("{m}m{s}s"),
        (h, m) => format!("{h}h{m}m{s}s"),
    }
}

/// `1.500` -> `1.5`.
fn trim_fraction(s: String) -> String {
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        let ms = Duration::from_millis;
        assert_eq!(go_duration(Duration::ZERO), "0s");
        assert_eq!(go_duration(ms(360_000)), "6m0s");
        assert_eq!(go_duration(ms(1500)), "1.5s");
        assert_eq!(go_duration(ms(20)), "20ms");
        assert_eq!(go_duration(Duration::from_micros(1500)), "1.5ms");
        assert_eq!(go_duration(ms(3_723_500)), "1h2m3.5s");
        assert_eq!(go_duration(ms(3_600_000)), "1h0m0s");
        assert_eq!(go_duration(ms(59_999)), "59.999s");
    }

    #[test]
    fn formats_rfc3339() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        assert_eq!(
            rfc3339(UNIX_EPOCH + Duration::from_secs(1_730_462_400)),
            "2024-11-01T12:00:00Z"
        );
        assert_eq!(
            rfc3339(UNIX_EPOCH + Duration::from_secs(951_782_400)),
            "2000-02-29T00:00:00Z"
        );
        assert_eq!(
            rfc3339(UNIX_EPOCH + Duration::from_millis(1_730_462_400_999)),
            "2024-11-01T12:00:00Z",
            "second precision"
        );
        assert_eq!(
            rfc3339(UNIX_EPOCH + Duration::from_secs(MAX_WIRE_SECS + 86_400 * 400)),
            MAX_WIRE_RFC3339
        );
        assert!(is_rfc3339(&rfc3339(SystemTime::now())));
    }

    #[test]
    fn checks_rfc3339() {
        for ok in [
            "2024-05-01T12:00:00Z",
            "2024-05-01t12:00:00.123+02:00",
            "2024-05-01 12:00:00-00:30",
            "2016-12-31T23:59:60Z",
            "2016-12-31 18:59:60-05:00",
            "2024-02-29T00:00:00z",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "",
            "2024-05-01",
            "2024-13-01T12:00:00Z",
            "2023-02-29T12:00:00Z",
            "2024-05-01T12:00:00",
            "2024-05-01T12:00:00.Z",
            "2024-05-01T12:00:00+0200",
            "2024-05-01T12:00:00+02:60",
            "2024-05-01X12:00:00Z",
            "2024-05-01 12:00:60-00:30",
            "2024-05-01T12:00:00Z ",
            "yesterday at noon!!",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }

    #[test]
    fn formats_http_dates() {
        assert_eq!(
            http_date(UNIX_EPOCH + Duration::from_secs(1_730_462_400)),
            "Fri, 01 Nov 2024 12:00:00 GMT"
        );
        assert_eq!(
            http_date(UNIX_EPOCH + Duration::from_secs(u64::MAX / 4)),
            "Fri, 31 Dec 9999 23:59:59 GMT"
        );
    }
}
