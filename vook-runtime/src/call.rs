//! The non-generic part of a call: the request is prepared once, then the retry loop
//! runs attempts until one succeeds or the policy, the deadline or the budget says stop.
//! Everything here takes bytes and JSON values, so it is compiled once, not once per
//! endpoint. The call's own options (timeout, deadline, attempts) override the client's.

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::task::Poll;
use std::time::Duration;

use tokio::time::Instant;
use tracing::Span;
use tracing::field::Empty;

use crate::api_error::ApiError;
use crate::attempt::{self, AttemptLimit, AttemptResult, Failed};
use crate::budget::CallTab;
use crate::client_state::ClientState;
use crate::error::{Error, LastResponse};
use crate::prepared::{CallParts, Prepared};
use crate::raw_success::RawSuccess;
use crate::retry::{GiveUp, RetryPolicy};

/// The call's `vook.call` span. The call's future runs inside it: [`crate::CallFuture`]
/// enters it on every poll (rather than wrapping the loop's future in another layer).
pub(crate) fn call_span(state: &ClientState, parts: &CallParts) -> Span {
    let ep = parts.ep;
    tracing::info_span!(
        "vook.call",
        api = state.spec.name,
        operation = ep.operation,
        method = ep.method.as_str(),
        path = ep.path,
        attempts = Empty,
        status = Empty,
    )
}

/// Run a call (built without a problem): build the request, then run the retry loop
/// until an attempt succeeds or the policy, the deadline or the budget says stop.
///
/// One future for the whole call, with one timer: it limits each attempt (reset for
/// each) and is the wait between attempts. The attempt's own future is polled beside
/// the timer, inside the attempt's span; nothing is wrapped and moved into another
/// layer (each layer was a copy of a large future per call). A plain `fn` returning an
/// `async move` block, see the `expect` below.
#[expect(
    clippy::manual_async_fn,
    reason = "an async fn keeps a second copy of its arguments in its future"
)]
pub(crate) fn execute(
    state: &ClientState,
    parts: CallParts,
) -> impl Future<Output = Result<RawSuccess, Error<ApiError>>> + Send + '_ {
    async move {
        let options = parts.options();
        let mut policy = state.policy;
        if let Some(n) = options.max_attempts {
            policy.max_attempts = n;
        }
        let clock = CallClock::start(
            options.timeout.unwrap_or(state.timeout),
            options.deadline.or(state.deadline),
        );
        let prep =
            Prepared::new(state, &parts, policy.max_attempts).map_err(Error::InvalidRequest)?;
        let mut retries = Retries::new(state, &policy);
        let call_span = Span::current();
        let mut limit = clock.attempt_limit();
        let mut timer = pin!(tokio::time::sleep(limit.limit));
        let mut attempt: u32 = 0;
        loop {
            attempt = attempt.saturating_add(1);
            let trace = AttemptTrace::open(&call_span, attempt);
            let mut head = None;
            let sent = {
                // In its own block: the attempt's future borrows `head`. Boxed apart, it
                // keeps the call's future small enough for the allocator's thread cache.
                let mut send = Box::pin(attempt::send_and_read(state, &prep, &mut head));
                poll_fn(|cx| {
                    let _entered = trace.span.enter();
                    if let Poll::Ready(result) = send.as_mut().poll(cx) {
                        return Poll::Ready(Some(result));
                    }
                    timer.as_mut().poll(cx).map(|()| None)
                })
                .await
            };
            let mut failed = match attempt::finish(sent, head, limit, &prep) {
                AttemptResult::Success(mut raw) => {
                    raw.set_attempts(attempt);
                    trace.succeeded(&raw);
                    retries.succeeded();
                    return Ok(raw);
                }
                AttemptResult::Failed(failed) => failed,
            };
            trace.failed(&failed.error);
            retries.note_response(failed.response.take());
            match retries.decide(attempt, &failed, clock.remaining()) {
                Ok(delay) => {
                    trace.retrying(&failed, delay);
                    timer.as_mut().reset(after(delay));
                    timer.as_mut().await;
                    limit = clock.attempt_limit();
                    timer.as_mut().reset(after(limit.limit));
                }
                Err(reason) => {
                    retries.give_up(&mut failed.error, attempt);
                    trace.giving_up(&failed, reason);
                    return Err(failed.error);
                }
            }
        }
    }
}

/// The instant `d` from now (far in the future if that cannot be told).
fn after(d: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(d)
        .or_else(|| now.checked_add(Duration::from_secs(30 * 365 * 86_400)))
        .unwrap_or(now)
}

/// The call's time: the per-attempt timeout, cut short by what is left of the deadline.
struct CallClock {
    timeout: Duration,
    deadline: Option<Duration>,
    deadline_at: Option<Instant>,
}

impl CallClock {
    fn start(timeout: Duration, deadline: Option<Duration>) -> Self {
        CallClock {
            timeout,
            deadline,
            deadline_at: deadline.and_then(|d| Instant::now().checked_add(d)),
        }
    }

    /// Time left before the deadline (`None`: no deadline).
    fn remaining(&self) -> Option<Duration> {
        self.deadline_at
            .map(|at| at.saturating_duration_since(Instant::now()))
    }

    /// The time limit of the next attempt.
    fn attempt_limit(&self) -> AttemptLimit {
        match self.remaining() {
            Some(left) if left < self.timeout => AttemptLimit {
                limit: left,
                by_deadline: true,
                deadline: self.deadline,
            },
            _ => AttemptLimit {
                limit: self.timeout,
                by_deadline: false,
                deadline: self.deadline,
            },
        }
    }
}

/// What the retry loop carries from one attempt to the next: the policy's jitter, the
/// call's spending from the retry budget, and the newest response an attempt got (for
/// a later transport error or timeout to report).
struct Retries<'s> {
    policy: &'s RetryPolicy,
    rng: fastrand::Rng,
    tab: CallTab<'s>,
    last_response: Option<LastResponse>,
}

impl<'s> Retries<'s> {
    fn new(state: &'s ClientState, policy: &'s RetryPolicy) -> Self {
        Retries {
            policy,
            rng: fastrand::Rng::new(),
            tab: state.budget.tab(),
            last_response: None,
        }
    }

    /// Keep the response a failed attempt got, if it got one.
    fn note_response(&mut self, response: Option<LastResponse>) {
        if response.is_some() {
            self.last_response = response;
        }
    }

    /// The wait before the next attempt, if the policy allows one and the budget pays.
    fn decide(
        &mut self,
        attempt: u32,
        failed: &Failed,
        remaining: Option<Duration>,
    ) -> Result<Duration, GiveUp> {
        let delay = self
            .policy
            .decide(attempt, &failed.info, remaining, &mut self.rng)?;
        if self.tab.pay_for_retry(failed.timeout) {
            Ok(delay)
        } else {
            Err(GiveUp::BudgetExhausted)
        }
    }

    /// The call succeeded: settle with the budget.
    fn succeeded(self) {
        self.tab.on_success();
    }

    /// The call fails with `error`: note on it the attempts made and the last response.
    fn give_up(&mut self, error: &mut Error<ApiError>, attempts: u32) {
        error.set_attempts(attempts);
        error.set_last_response(self.last_response.take());
    }
}

/// The `vook.attempt` span of one attempt, and the events and fields it and the call's
/// span get as the attempt ends.
struct AttemptTrace<'c> {
    call: &'c Span,
    span: Span,
    attempt: u32,
}

impl<'c> AttemptTrace<'c> {
    fn open(call: &'c Span, attempt: u32) -> Self {
        let span = tracing::debug_span!(
            "vook.attempt",
            attempt,
            status = Empty,
            code = Empty,
            request_id = Empty,
            delay_ms = Empty,
        );
        AttemptTrace {
            call,
            span,
            attempt,
        }
    }

    fn succeeded(&self, raw: &RawSuccess) {
        let status = raw.meta().status();
        self.call.record("attempts", self.attempt);
        if !self.span.is_disabled() {
            self.span.record("status", status);
            if let Some(id) = raw.meta().request_id() {
                self.span.record("request_id", id);
            }
        }
        self.call.record("status", status);
        tracing::debug!(parent: &self.span, status, "attempt succeeded");
    }

    fn failed(&self, error: &Error<ApiError>) {
        self.call.record("attempts", self.attempt);
        if let Some(status) = error.status() {
            self.span.record("status", status);
            self.call.record("status", status);
        }
        if let Some(api) = error.api_error() {
            self.span.record("code", api.code());
        }
        if let Some(id) = error.request_id() {
            self.span.record("request_id", id);
        }
    }

    fn retrying(&self, failed: &Failed, delay: Duration) {
        let delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
        self.span.record("delay_ms", delay_ms);
        tracing::info!(
            parent: &self.span,
            class = failed.info.class.as_str(),
            delay_ms,
            error = %failed.error,
            "attempt failed; retrying",
        );
    }

    fn giving_up(&self, failed: &Failed, reason: GiveUp) {
        tracing::debug!(
            parent: &self.span,
            class = failed.info.class.as_str(),
            reason = %reason,
            error = %failed.error,
            "attempt failed; giving up",
        );
    }
}
