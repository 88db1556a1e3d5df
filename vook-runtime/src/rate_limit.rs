//! [`RateLimit`]: the rate-limit state a response reports, with the reset normalised to
//! Unix seconds whatever the spec's `reset_format` (Unix seconds, seconds from now, or a
//! Go-style duration such as `6m0s`). All parsers are total: garbage, negative values,
//! overflow and resets more than [`MAX_RESET_AHEAD`] away yield `None`, never a panic.

use std::time::{Duration, SystemTime};

use crate::spec::ResetFormat;

/// Typed rate-limit state from the spec's rate-limit headers.
///
/// Each field is `None` when its header is missing or unusable.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RateLimit {
    /// Request quota of the current window.
    pub limit: Option<u64>,
    /// Requests left in the current window.
    pub remaining: Option<u64>,
    /// When the window resets, in Unix seconds, whatever the spec's `reset_format`
    /// (a delta or duration is added to the moment the response arrived, rounded down).
    pub reset: Option<u64>,
}

/// A reset value below this is taken as a delay in seconds rather than an epoch time
/// (1e9 seconds after the epoch is September 2001).
const RESET_DELTA_THRESHOLD: u64 = 1_000_000_000;

/// The furthest ahead a reset may lie (one year); a later one is a broken header and
/// is ignored.
pub const MAX_RESET_AHEAD: Duration = Duration::from_secs(365 * 24 * 3600);

impl RateLimit {
    /// How long until the window resets, seen from `now`.
    ///
    /// `reset` is read as epoch seconds; a value below 1e9 is read as a delay in seconds
    /// (for values built by hand). `None` when there is no reset value or it lies in the past.
    pub fn reset_after(&self, now: SystemTime) -> Option<Duration> {
        reset_wait(self.reset?, now)
    }

    /// How long until the window resets: from the moment the response arrived when
    /// asked right away (to the second: [`RateLimit::reset`] is whole Unix seconds),
    /// measured on the system clock. `Some(Duration::ZERO)` once the reset has passed;
    /// `None` when the response sent no usable reset.
    pub fn reset_in(&self) -> Option<Duration> {
        self.reset?;
        Some(
            self.reset_after(SystemTime::now())
                .unwrap_or(Duration::ZERO),
        )
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

/// One reset header, normalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Reset {
    /// Unix seconds (rounded down).
    pub(crate) unix: u64,
    /// The wait from `now` (exact for a delta or duration); `None` for an epoch time
    /// that has passed.
    pub(crate) wait: Option<Duration>,
}

/// Read a reset header value in `format`, relative to `now` (the moment the response
/// arrived). `None` for garbage, negative values, overflow and resets more than
/// [`MAX_RESET_AHEAD`] away.
pub(crate) fn parse_reset(value: &[u8], format: ResetFormat, now: SystemTime) -> Option<Reset> {
    let now_unix = now.duration_since(SystemTime::UNIX_EPOCH).ok()?;
    let ahead = |wait: Duration| -> Option<Reset> {
        if wait > MAX_RESET_AHEAD {
            return None;
        }
        let at = now_unix.checked_add(wait)?;
        Some(Reset {
            unix: at.as_secs(),
            wait: Some(wait),
        })
    };
    match format {
        ResetFormat::Epoch => {
            let v = parse_u64(value)?;
            if v < RESET_DELTA_THRESHOLD {
                // Servers that say `epoch` but send a delay (documented leniency).
                return ahead(Duration::from_secs(v));
            }
            let at = Duration::from_secs(v);
            if at.saturating_sub(now_unix) > MAX_RESET_AHEAD {
                return None;
            }
            let wait = at.checked_sub(now_unix).filter(|d| !d.is_zero());
            Some(Reset { unix: v, wait })
        }
        ResetFormat::Delta => ahead(Duration::from_secs(parse_u64(value)?)),
        ResetFormat::Duration => ahead(parse_go_duration(std::str::from_utf8(value).ok()?)?),
    }
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

/// Longest duration text read (`1h2m3.456789s` is 13 bytes); longer is garbage.
const MAX_DURATION_LEN: usize = 64;

/// Parse a Go `time.Duration` string as OpenAI sends it: one or more `<number><unit>`
/// parts, the number a decimal (`1.5`, `.5`, `5.`), the unit `h`, `m`, `s`, `ms`, `us`
/// (or `µs`/`μs`) or `ns`; a lone `0` is zero. A leading `+` is allowed. Negative values,
/// unknown units, empty input, over-long input and overflow are `None`.
pub(crate) fn parse_go_duration(text: &str) -> Option<Duration> {
    let s = text.trim();
    if s.is_empty() || s.len() > MAX_DURATION_LEN || s.starts_with('-') {
        return None;
    }
    let s = s.strip_prefix('+').unwrap_or(s);
    if s == "0" {
        return Some(Duration::ZERO);
    }
    let mut rest = s;
    let mut total: u128 = 0;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let int_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        let (int, after) = rest.split_at(int_len);
        let (frac, after) = match after.strip_prefix('.') {
            Some(f) => {
                let n = f.bytes().take_while(u8::is_ascii_digit).count();
                f.split_at(n)
            }
            None => ("", after),
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        let unit_len = after
            .char_indices()
            .find(|(_, c)| c.is_ascii_digit() || *c == '.')
            .map_or(after.len(), |(i, _)| i);
        let (unit, next) = after.split_at(unit_len);
        let nanos_per: u128 = match unit {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => return None,
        };
        let whole = digits_value(int)?.checked_mul(nanos_per)?;
        // The fraction: its first 18 digits are more than a nanosecond's worth.
        let frac = frac.get(..frac.len().min(18)).unwrap_or_default();
        let scale = 10u128.checked_pow(u32::try_from(frac.len()).ok()?)?;
        let part = digits_value(frac)?.checked_mul(nanos_per)? / scale;
        total = total.checked_add(whole)?.checked_add(part)?;
        rest = next;
    }
    let secs = u64::try_from(total / 1_000_000_000).ok()?;
    let nanos = u32::try_from(total % 1_000_000_000).ok()?;
    Some(Duration::new(secs, nanos))
}

/// The value of a run of ASCII digits (empty is 0); `None` on overflow.
fn digits_value(digits: &str) -> Option<u128> {
    digits.bytes().try_fold(0u128, |n, b| {
        n.checked_mul(10)?
            .checked_add(u128::from(b.wrapping_sub(b'0')))
    })
}

/// Parse `Retry-After-Ms`: non-negative milliseconds, an integer or a decimal (`"300"`,
/// `"1.5"`). Negative values and garbage are `None` (`Retry-After` then counts); values
/// too big to represent saturate to a huge duration, so they compare as "too long".
pub(crate) fn parse_retry_after_ms(value: &str) -> Option<Duration> {
    let v = value.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if !digits(int) || (v.contains('.') && !digits(frac)) {
        return None;
    }
    let ms: f64 = v.parse().ok()?;
    Some(Duration::try_from_secs_f64(ms / 1000.0).unwrap_or(Duration::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn now() -> SystemTime {
        // 2024-11-01T12:00:00.250Z
        SystemTime::UNIX_EPOCH + Duration::from_millis(1_730_462_400_250)
    }
    const NOW: u64 = 1_730_462_400;

    fn d(s: &str) -> Option<Duration> {
        parse_go_duration(s)
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

    #[test]
    fn go_durations() {
        assert_eq!(d("6m0s"), Some(Duration::from_secs(360)));
        assert_eq!(d("1.5s"), Some(Duration::from_millis(1500)));
        assert_eq!(d("20ms"), Some(Duration::from_millis(20)));
        assert_eq!(d("1h2m3.5s"), Some(Duration::from_millis(3_723_500)));
        assert_eq!(d("0"), Some(Duration::ZERO));
        assert_eq!(d("0s"), Some(Duration::ZERO));
        assert_eq!(d("+5s"), Some(Duration::from_secs(5)));
        assert_eq!(d(".5s"), Some(Duration::from_millis(500)));
        assert_eq!(d("5.s"), Some(Duration::from_secs(5)));
        assert_eq!(d("1us"), Some(Duration::from_micros(1)));
        assert_eq!(d("1µs"), Some(Duration::from_micros(1)));
        assert_eq!(d("7ns"), Some(Duration::from_nanos(7)));
        assert_eq!(d(" 2s "), Some(Duration::from_secs(2)));
        assert_eq!(
            d("1.0000000000000000000000001s"),
            Some(Duration::from_secs(1))
        );
    }

    #[test]
    fn malformed_durations_are_none() {
        for bad in [
            "", " ", "-1s", "-0s", "s", "1", "10", ".s", "1.2.3s", "1x", "1S", "1 s", "1s2", "1hh",
            "ms", "NaN", "inf", "1e3s", "٣s", "1s-2s", "+", "+-1s",
        ] {
            assert_eq!(d(bad), None, "{bad:?}");
        }
        // Overflow and over-long input.
        assert_eq!(d("99999999999999999999999999999999999999999h"), None);
        assert_eq!(d(&"1s".repeat(40)), None);
        assert_eq!(d("99999999999999999999h"), None);
    }

    #[test]
    fn resets_normalised_to_unix_seconds() {
        let reset = |v: &str, f| parse_reset(v.as_bytes(), f, now());
        let epoch = reset("1730462460", ResetFormat::Epoch).unwrap();
        assert_eq!(epoch.unix, NOW + 60);
        assert_eq!(epoch.wait, Some(Duration::from_millis(59_750)));
        // Past epoch: the time, no wait.
        let past = reset("1730462000", ResetFormat::Epoch).unwrap();
        assert_eq!((past.unix, past.wait), (1_730_462_000, None));
        // Small "epoch" values are delays.
        assert_eq!(reset("30", ResetFormat::Epoch).unwrap().unix, NOW + 30);
        let delta = reset("30", ResetFormat::Delta).unwrap();
        assert_eq!(
            (delta.unix, delta.wait),
            (NOW + 30, Some(Duration::from_secs(30)))
        );
        let dur = reset("6m0s", ResetFormat::Duration).unwrap();
        assert_eq!(
            (dur.unix, dur.wait),
            (NOW + 360, Some(Duration::from_secs(360)))
        );
        // 0.25 s + 1.5 s: rounded down to the second.
        let dur = reset("1.5s", ResetFormat::Duration).unwrap();
        assert_eq!(
            (dur.unix, dur.wait),
            (NOW + 1, Some(Duration::from_millis(1500)))
        );
        assert_eq!(
            reset("0", ResetFormat::Delta).unwrap().wait,
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn hostile_resets_are_ignored() {
        let reset = |v: &str, f| parse_reset(v.as_bytes(), f, now());
        for (v, f) in [
            ("-5", ResetFormat::Delta),
            ("-5", ResetFormat::Epoch),
            ("1.5", ResetFormat::Delta),
            ("6m0s", ResetFormat::Delta),
            ("60", ResetFormat::Duration),
            ("-1s", ResetFormat::Duration),
            ("soon", ResetFormat::Duration),
            ("18446744073709551615", ResetFormat::Epoch),
            ("18446744073709551615", ResetFormat::Delta),
            ("99999999999999999999999", ResetFormat::Delta),
            ("31536001", ResetFormat::Delta),
            ("8761h", ResetFormat::Duration),
            ("2000000000000", ResetFormat::Epoch),
        ] {
            assert_eq!(reset(v, f), None, "{v:?} as {f}");
        }
        // A year ahead is still fine.
        assert!(reset("8760h", ResetFormat::Duration).is_some());
        assert!(reset("31536000", ResetFormat::Delta).is_some());
        assert_eq!(parse_reset(b"\xff", ResetFormat::Duration, now()), None);
        // A clock before 1970 reads nothing rather than panicking.
        let before = SystemTime::UNIX_EPOCH.checked_sub(Duration::from_secs(5));
        if let Some(before) = before {
            assert_eq!(parse_reset(b"5", ResetFormat::Delta, before), None);
        }
    }

    #[test]
    fn retry_after_ms() {
        assert_eq!(
            parse_retry_after_ms("300"),
            Some(Duration::from_millis(300))
        );
        assert_eq!(parse_retry_after_ms(" 0 "), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after_ms("1.5"),
            Some(Duration::from_micros(1500))
        );
        for bad in [
            "", "-300", "-0.5", "soon", "1e3", ".5", "5.", "0x10", "300ms", "+3", "NaN",
        ] {
            assert_eq!(parse_retry_after_ms(bad), None, "{bad:?}");
        }
        let huge = parse_retry_after_ms(&"9".repeat(400)).unwrap();
        assert!(huge > MAX_RESET_AHEAD);
    }

    #[test]
    fn reset_in_counts_from_now() {
        let now_unix = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let rl = RateLimit {
            reset: Some(now_unix + 30),
            ..RateLimit::default()
        };
        let left = rl.reset_in().unwrap();
        assert!(
            left <= Duration::from_secs(30) && left > Duration::from_secs(28),
            "{left:?}"
        );
        let past = RateLimit {
            reset: Some(now_unix - 30),
            ..RateLimit::default()
        };
        assert_eq!(past.reset_in(), Some(Duration::ZERO));
        assert_eq!(RateLimit::default().reset_in(), None);
    }

    proptest! {
        /// Any text: no panic, and a parsed duration is what its parts add up to.
        #[test]
        fn go_duration_parser_is_total(s in "\\PC{0,40}") {
            let _ = parse_go_duration(&s);
        }

        /// Well-formed `XhYmZ.Ws` durations parse to their value.
        #[test]
        fn go_durations_round_trip(h in 0u64..1000, m in 0u64..60, s in 0u64..60, ms in 0u64..1000) {
            let text = format!("{h}h{m}m{s}.{ms:03}s");
            let want = Duration::from_millis(((h * 60 + m) * 60 + s) * 1000 + ms);
            prop_assert_eq!(parse_go_duration(&text), Some(want));
            let text = format!("{m}m{ms}ms");
            prop_assert_eq!(parse_go_duration(&text), Some(Duration::from_millis(m * 60_000 + ms)));
        }

        /// Whatever the header says in whatever format: no panic, and a reset is never
        /// more than a year ahead.
        #[test]
        fn resets_are_bounded(v in "\\PC{0,30}", f in 0usize..3) {
            let format = ResetFormat::ALL[f];
            if let Some(r) = parse_reset(v.as_bytes(), format, now()) {
                prop_assert!(r.unix <= NOW + MAX_RESET_AHEAD.as_secs() + 1);
                prop_assert!(r.wait.is_none_or(|w| w <= MAX_RESET_AHEAD));
            }
        }
    }
}
