//! The per-client retry budget: a token bucket shared by all clones of a client,
//! so a failing API sees a bounded number of retries instead of a retry storm.

use std::sync::atomic::{AtomicU32, Ordering};

/// Settings of the per-client retry token bucket (smithy-style).
///
/// Every retry takes tokens from a bucket shared by all clones of a client;
/// when the bucket cannot pay for a retry, the call returns its last error instead.
/// A call that succeeds on its first attempt puts `success_refund` tokens back; one
/// that succeeds after retrying puts back what its last retry cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryBudgetConfig {
    /// Tokens in a full bucket (the bucket starts full).
    pub capacity: u32,
    /// Cost of retrying after an error response or a transport failure.
    pub retry_cost: u32,
    /// Cost of retrying after a timeout.
    pub timeout_retry_cost: u32,
    /// Tokens returned by a call that succeeds on its first attempt.
    pub success_refund: u32,
}

impl RetryBudgetConfig {
    /// 500 tokens, 5 per retry, 10 per timeout retry, 1 back per first-try success.
    pub const STANDARD: RetryBudgetConfig = RetryBudgetConfig {
        capacity: 500,
        retry_cost: 5,
        timeout_retry_cost: 10,
        success_refund: 1,
    };

    /// No budget: retries are bounded only by `max_attempts` and the deadline.
    pub const UNLIMITED: RetryBudgetConfig = RetryBudgetConfig {
        capacity: 0,
        retry_cost: 0,
        timeout_retry_cost: 0,
        success_refund: 0,
    };
}

impl Default for RetryBudgetConfig {
    fn default() -> Self {
        Self::STANDARD
    }
}

/// The shared bucket.
#[derive(Debug)]
pub(crate) struct RetryBudget {
    config: RetryBudgetConfig,
    tokens: AtomicU32,
}

impl RetryBudget {
    pub(crate) fn new(config: RetryBudgetConfig) -> Self {
        RetryBudget {
            config,
            tokens: AtomicU32::new(config.capacity),
        }
    }

    /// The cost of a retry after a timeout (`true`) or any other failure.
    pub(crate) fn cost(&self, timeout: bool) -> u32 {
        if timeout {
            self.config.timeout_retry_cost
        } else {
            self.config.retry_cost
        }
    }

    /// Take `cost` tokens if the bucket holds that many.
    pub(crate) fn try_acquire(&self, cost: u32) -> bool {
        cost == 0
            || self
                .tokens
                .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost))
                .is_ok()
    }

    /// A call succeeded; `last_retry_cost` is what its last retry paid (`None`: no retry).
    pub(crate) fn on_success(&self, last_retry_cost: Option<u32>) {
        let refund = last_retry_cost.unwrap_or(self.config.success_refund);
        if refund == 0 {
            return;
        }
        let cap = self.config.capacity;
        // The closure always returns Some, so this cannot fail.
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                Some(t.saturating_add(refund).min(cap))
            });
    }

    /// Tokens currently in the bucket.
    pub(crate) fn available(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }

    pub(crate) fn config(&self) -> RetryBudgetConfig {
        self.config
    }

    /// A tab for one call's spending.
    pub(crate) fn tab(&self) -> CallTab<'_> {
        CallTab {
            budget: self,
            last_retry_cost: None,
        }
    }
}

/// What one call has taken from the [`RetryBudget`]: its retries pay as they go, and
/// its success refunds what the last retry paid (or the first-try refund).
pub(crate) struct CallTab<'b> {
    budget: &'b RetryBudget,
    /// What the call's last retry paid (`None`: no retry yet).
    last_retry_cost: Option<u32>,
}

impl CallTab<'_> {
    /// Pay for a retry after a timeout (`true`) or any other failure; `false` when the
    /// bucket cannot pay.
    pub(crate) fn pay_for_retry(&mut self, timeout: bool) -> bool {
        let cost = self.budget.cost(timeout);
        let paid = self.budget.try_acquire(cost);
        if paid {
            self.last_retry_cost = Some(cost);
        }
        paid
    }

    /// The call succeeded: settle the refund.
    pub(crate) fn on_success(self) {
        self.budget.on_success(self.last_retry_cost);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drains_and_refills() {
        let b = RetryBudget::new(RetryBudgetConfig {
            capacity: 12,
            ..RetryBudgetConfig::STANDARD
        });
        assert_eq!(b.cost(false), 5);
        assert_eq!(b.cost(true), 10);
        assert!(b.try_acquire(5));
        assert!(b.try_acquire(5));
        assert_eq!(b.available(), 2);
        assert!(!b.try_acquire(5), "only 2 tokens left");
        assert_eq!(b.available(), 2, "a refused acquire takes nothing");
        b.on_success(None);
        assert_eq!(b.available(), 3);
        b.on_success(Some(5));
        assert_eq!(b.available(), 8);
        b.on_success(Some(10));
        assert_eq!(b.available(), 12, "refunds never exceed capacity");
        assert!(!b.try_acquire(13));
    }

    #[test]
    fn a_call_tab_refunds_what_its_last_retry_paid() {
        let b = RetryBudget::new(RetryBudgetConfig {
            capacity: 30,
            ..RetryBudgetConfig::STANDARD
        });
        // First-try success: the success refund (the bucket is full, so it stays full).
        b.tab().on_success();
        assert_eq!(b.available(), 30);
        let mut tab = b.tab();
        assert!(tab.pay_for_retry(false));
        assert!(tab.pay_for_retry(true));
        assert_eq!(b.available(), 15);
        tab.on_success();
        assert_eq!(
            b.available(),
            25,
            "refunds the last retry's 10, not the first's 5"
        );
        let mut tab = b.tab();
        assert!(tab.pay_for_retry(true));
        assert!(tab.pay_for_retry(true));
        assert_eq!(b.available(), 5);
        assert!(
            !tab.pay_for_retry(true),
            "5 tokens cannot pay for a timeout retry"
        );
        assert_eq!(b.available(), 5, "a refused payment takes nothing");
        tab.on_success();
        assert_eq!(
            b.available(),
            15,
            "the refused payment is not what is refunded"
        );
    }

    #[test]
    fn unlimited_never_runs_out() {
        let b = RetryBudget::new(RetryBudgetConfig::UNLIMITED);
        for _ in 0..10_000 {
            assert!(b.try_acquire(b.cost(true)));
        }
        b.on_success(None);
        assert_eq!(b.available(), 0);
    }

    #[test]
    fn standard_allows_a_hundred_retries_then_stops() {
        let b = RetryBudget::new(RetryBudgetConfig::default());
        let granted = (0..1000)
            .take_while(|_| b.try_acquire(b.cost(false)))
            .count();
        assert_eq!(granted, 100);
    }

    #[test]
    fn concurrent_acquires_never_overdraw() {
        let b = std::sync::Arc::new(RetryBudget::new(RetryBudgetConfig {
            capacity: 1000,
            retry_cost: 7,
            ..RetryBudgetConfig::STANDARD
        }));
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let b = b.clone();
                std::thread::spawn(move || (0..1000).filter(|_| b.try_acquire(7)).count())
            })
            .collect();
        let total: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
        assert_eq!(total, 1000 / 7);
        assert_eq!(b.available(), 1000 % 7);
    }
}
