//! Retry decisions: full-jitter exponential backoff, `Retry-After` / rate-limit waits,
//! and the give-up rules. Pure functions of their inputs (plus a seedable RNG), so they
//! are tested without sockets or clocks.

use std::fmt;
use std::time::Duration;

use crate::spec::RetryClass;

/// Full-jitter exponential backoff: attempt `n` (1-based, the attempt that failed) waits a
/// uniformly random time in `[0, min(max, base * 2^(n-1))]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Backoff {
    pub(crate) base: Duration,
    pub(crate) max: Duration,
}

impl Backoff {
    /// The upper bound of the wait after failed attempt `n`.
    pub(crate) fn cap(&self, n: u32) -> Duration {
        let shift = n.saturating_sub(1);
        let factor = if shift >= 32 { u32::MAX } else { 1u32 << shift };
        self.base.saturating_mul(factor).min(self.max)
    }

    /// A random wait in `[0, cap(n)]`.
    pub(crate) fn delay(&self, n: u32, rng: &mut fastrand::Rng) -> Duration {
        let cap = self.cap(n);
        let cap_ms = u64::try_from(cap.as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(rng.u64(0..=cap_ms))
    }
}

/// What the retry loop knows about one failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FailureInfo {
    pub(crate) class: RetryClass,
    /// `Retry-After`, if the response sent a parseable one.
    pub(crate) retry_after: Option<Duration>,
    /// Time until the rate-limit window resets, if known.
    pub(crate) reset_wait: Option<Duration>,
}

/// Why the loop stopped retrying.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GiveUp {
    /// The failure is terminal (class `never`, or a non-replayable transport failure).
    Terminal,
    /// `max_attempts` reached.
    MaxAttempts,
    /// The server asked for a wait longer than `max_retry_after`.
    WaitTooLong(Duration),
    /// Waiting would pass the whole-call deadline.
    PastDeadline(Duration),
    /// The client's retry budget is empty.
    BudgetExhausted,
}

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GiveUp::Terminal => f.write_str("terminal error"),
            GiveUp::MaxAttempts => f.write_str("max attempts reached"),
            GiveUp::WaitTooLong(d) => {
                write!(f, "server asked to wait {}s, over the limit", d.as_secs())
            }
            GiveUp::PastDeadline(d) => {
                write!(f, "a {} ms wait would pass the deadline", d.as_millis())
            }
            GiveUp::BudgetExhausted => f.write_str("retry budget exhausted"),
        }
    }
}

/// Retry settings of a client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RetryPolicy {
    pub(crate) max_attempts: u32,
    pub(crate) backoff: Backoff,
    pub(crate) max_retry_after: Duration,
}

impl RetryPolicy {
    /// Decide what to do after failed attempt `attempt` (1-based). `remaining` is the time
    /// left before the call's deadline, if it has one. The budget is checked by the caller.
    pub(crate) fn decide(
        &self,
        attempt: u32,
        info: &FailureInfo,
        remaining: Option<Duration>,
        rng: &mut fastrand::Rng,
    ) -> Result<Duration, GiveUp> {
        if info.class == RetryClass::Never {
            return Err(GiveUp::Terminal);
        }
        if attempt >= self.max_attempts {
            return Err(GiveUp::MaxAttempts);
        }
        let server_wait = match info.class {
            RetryClass::Throttle => info.retry_after.or(info.reset_wait),
            _ => info.retry_after,
        };
        let delay = match server_wait {
            Some(wait) if wait > self.max_retry_after => return Err(GiveUp::WaitTooLong(wait)),
            Some(wait) => wait,
            None => self.backoff.delay(attempt, rng),
        };
        if remaining.is_some_and(|left| delay >= left) {
            return Err(GiveUp::PastDeadline(delay));
        }
        Ok(delay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: RetryPolicy = RetryPolicy {
        max_attempts: 5,
        backoff: Backoff {
            base: Duration::from_millis(500),
            max: Duration::from_secs(8),
        },
        max_retry_after: Duration::from_secs(60),
    };

    fn info(class: RetryClass, retry_after: Option<u64>, reset: Option<u64>) -> FailureInfo {
        FailureInfo {
            class,
            retry_after: retry_after.map(Duration::from_secs),
            reset_wait: reset.map(Duration::from_secs),
        }
    }

    #[test]
    fn backoff_caps_grow_then_saturate() {
        let b = POLICY.backoff;
        assert_eq!(b.cap(1), Duration::from_millis(500));
        assert_eq!(b.cap(2), Duration::from_millis(1000));
        assert_eq!(b.cap(4), Duration::from_millis(4000));
        assert_eq!(b.cap(5), Duration::from_secs(8));
        assert_eq!(b.cap(6), Duration::from_secs(8));
        assert_eq!(b.cap(u32::MAX), Duration::from_secs(8));
        assert_eq!(b.cap(0), Duration::from_millis(500));
        let huge = Backoff {
            base: Duration::MAX,
            max: Duration::MAX,
        };
        assert_eq!(
            huge.cap(40),
            Duration::MAX,
            "saturates instead of overflowing"
        );
    }

    #[test]
    fn backoff_delays_stay_in_bounds_and_vary() {
        let b = POLICY.backoff;
        let mut rng = fastrand::Rng::with_seed(7);
        for n in 1..=8 {
            let samples: Vec<Duration> = (0..500).map(|_| b.delay(n, &mut rng)).collect();
            assert!(samples.iter().all(|d| *d <= b.cap(n)), "attempt {n}");
            let distinct: std::collections::HashSet<_> = samples.iter().collect();
            assert!(
                distinct.len() > 50,
                "full jitter should spread delays (attempt {n})"
            );
            // Full jitter: some delays fall in the lower half of the window.
            assert!(samples.iter().any(|d| *d < b.cap(n) / 2));
        }
        let zero = Backoff {
            base: Duration::ZERO,
            max: Duration::from_secs(1),
        };
        assert_eq!(zero.delay(3, &mut rng), Duration::ZERO);
    }

    #[test]
    fn never_and_max_attempts_give_up() {
        let mut rng = fastrand::Rng::with_seed(1);
        let never = info(RetryClass::Never, Some(1), None);
        assert_eq!(
            POLICY.decide(1, &never, None, &mut rng),
            Err(GiveUp::Terminal)
        );
        let backoff = info(RetryClass::Backoff, None, None);
        assert!(POLICY.decide(4, &backoff, None, &mut rng).is_ok());
        assert_eq!(
            POLICY.decide(5, &backoff, None, &mut rng),
            Err(GiveUp::MaxAttempts)
        );
        let one = RetryPolicy {
            max_attempts: 1,
            ..POLICY
        };
        assert_eq!(
            one.decide(1, &backoff, None, &mut rng),
            Err(GiveUp::MaxAttempts)
        );
    }

    #[test]
    fn backoff_honours_retry_after() {
        let mut rng = fastrand::Rng::with_seed(1);
        let i = info(RetryClass::Backoff, Some(3), Some(50));
        assert_eq!(
            POLICY.decide(1, &i, None, &mut rng),
            Ok(Duration::from_secs(3))
        );
        // The rate-limit reset does not drive a backoff-class wait.
        let i = info(RetryClass::Backoff, None, Some(50));
        assert!(POLICY.decide(1, &i, None, &mut rng).unwrap() <= Duration::from_millis(500));
        let i = info(RetryClass::Backoff, Some(61), None);
        assert_eq!(
            POLICY.decide(1, &i, None, &mut rng),
            Err(GiveUp::WaitTooLong(Duration::from_secs(61)))
        );
    }

    #[test]
    fn throttle_prefers_retry_after_then_reset_then_backoff() {
        let mut rng = fastrand::Rng::with_seed(1);
        let i = info(RetryClass::Throttle, Some(30), Some(10));
        assert_eq!(
            POLICY.decide(1, &i, None, &mut rng),
            Ok(Duration::from_secs(30))
        );
        let i = info(RetryClass::Throttle, None, Some(10));
        assert_eq!(
            POLICY.decide(1, &i, None, &mut rng),
            Ok(Duration::from_secs(10))
        );
        let i = info(RetryClass::Throttle, None, None);
        let d = POLICY.decide(2, &i, None, &mut rng).unwrap();
        assert!(d <= Duration::from_secs(1));
        // Retry-After 0 means "now".
        let i = info(RetryClass::Throttle, Some(0), Some(10));
        assert_eq!(POLICY.decide(1, &i, None, &mut rng), Ok(Duration::ZERO));
    }

    #[test]
    fn throttle_gives_up_on_long_waits() {
        let mut rng = fastrand::Rng::with_seed(1);
        let i = info(RetryClass::Throttle, Some(60), None);
        assert_eq!(
            POLICY.decide(1, &i, None, &mut rng),
            Ok(Duration::from_secs(60))
        );
        let i = info(RetryClass::Throttle, Some(120), None);
        assert_eq!(
            POLICY.decide(1, &i, None, &mut rng),
            Err(GiveUp::WaitTooLong(Duration::from_secs(120)))
        );
        let i = info(RetryClass::Throttle, None, Some(3600));
        assert!(matches!(
            POLICY.decide(1, &i, None, &mut rng),
            Err(GiveUp::WaitTooLong(_))
        ));
        let i = FailureInfo {
            retry_after: Some(Duration::MAX),
            ..info(RetryClass::Throttle, None, None)
        };
        assert!(matches!(
            POLICY.decide(1, &i, None, &mut rng),
            Err(GiveUp::WaitTooLong(_))
        ));
    }

    #[test]
    fn deadline_bounds_waits() {
        let mut rng = fastrand::Rng::with_seed(1);
        let i = info(RetryClass::Throttle, Some(30), None);
        assert_eq!(
            POLICY.decide(1, &i, Some(Duration::from_secs(10)), &mut rng),
            Err(GiveUp::PastDeadline(Duration::from_secs(30)))
        );
        assert_eq!(
            POLICY.decide(1, &i, Some(Duration::from_secs(31)), &mut rng),
            Ok(Duration::from_secs(30))
        );
        // No time left at all: give up even on a zero wait.
        let i = info(RetryClass::Backoff, Some(0), None);
        assert!(matches!(
            POLICY.decide(1, &i, Some(Duration::ZERO), &mut rng),
            Err(GiveUp::PastDeadline(_))
        ));
    }

    #[test]
    fn give_up_reasons_read_well() {
        assert_eq!(
            GiveUp::WaitTooLong(Duration::from_secs(120)).to_string(),
            "server asked to wait 120s, over the limit"
        );
        assert_eq!(
            GiveUp::BudgetExhausted.to_string(),
            "retry budget exhausted"
        );
    }
}
