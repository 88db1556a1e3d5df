//! The non-generic part of a call: the request is prepared once, then the retry loop
//! runs attempts until one succeeds or the policy, the deadline or the budget says stop.
//! Everything here takes bytes and JSON values, so it is compiled once, not once per
//! endpoint.

use std::fmt::Display;
use std::time::Duration;

use serde_json::Value;
use tokio::time::Instant;
use tracing::field::Empty;
use tracing::{Instrument as _, Span};

use crate::api_error::ApiError;
use crate::attempt::{self, AttemptLimit, AttemptResult, Failed};
use crate::budget::CallTab;
use crate::client_state::ClientState;
use crate::error::{Error, LastResponse};
use crate::prepared::Prepared;
use crate::raw_success::RawSuccess;
use crate::retry::{GiveUp, RetryPolicy};
use crate::spec::Endpoint;

/// Build the request, then run the retry loop in a `vook.call` span.
pub(crate) async fn execute(
    state: &ClientState,
    ep: &'static Endpoint,
    codes: &'static [&'static str],
    path_params: &[&(dyn Display + Sync)],
    query: Option<&Value>,
    body: Option<Vec<u8>>,
) -> Result<RawSuccess, Error<ApiError>> {
    let mut prepared =
        Prepared::new(state, ep, path_params, query, body).map_err(Error::InvalidRequest)?;
    prepared.codes = codes;
    let span = tracing::info_span!(
        "vook.call",
        api = state.spec.name,
        operation = ep.operation,
        method = ep.method.as_str(),
        path = ep.path,
        attempts = Empty,
        status = Empty,
    );
    run(state, &prepared).instrument(span).await
}

/// The retry loop: attempt, then return the success, wait and go again, or give up.
async fn run(state: &ClientState, prep: &Prepared) -> Result<RawSuccess, Error<ApiError>> {
    let clock = CallClock::start(state);
    let mut retries = Retries::new(state);
    let call_span = Span::current();
    let mut attempt: u32 = 0;
    loop {
        attempt = attempt.saturating_add(1);
        let trace = AttemptTrace::open(&call_span, attempt);
        let result = attempt::run(state, prep, clock.attempt_limit())
            .instrument(trace.span.clone())
            .await;
        let mut failed = match result {
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
                tokio::time::sleep(delay).await;
            }
            Err(reason) => {
                retries.give_up(&mut failed.error, attempt);
                trace.giving_up(&failed, reason);
                return Err(failed.error);
            }
        }
    }
}

/// The call's time: the per-attempt timeout, cut short by what is left of the deadline.
struct CallClock {
    timeout: Duration,
    deadline_at: Option<Instant>,
}

impl CallClock {
    fn start(state: &ClientState) -> Self {
        CallClock {
            timeout: state.timeout,
            deadline_at: state.deadline.and_then(|d| Instant::now().checked_add(d)),
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
            },
            _ => AttemptLimit {
                limit: self.timeout,
                by_deadline: false,
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
    fn new(state: &'s ClientState) -> Self {
        Retries {
            policy: &state.policy,
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
