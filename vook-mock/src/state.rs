//! The state every connection shares: the spec and its route table, the
//! settings, and (behind one lock) the fault queues, the record, the store and
//! the idempotency answers.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use http::HeaderName;
use vook_schema::Api;

use crate::clock::unix_secs;
use crate::fault::Fault;
use crate::idempotency::IdempotencyStore;
use crate::record::{Answer, RecordedRequest};
use crate::routes::{self, Route};
use crate::store::Store;

/// The settings a [`crate::MockServerBuilder`] collects.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// The bearer key the server accepts.
    pub(crate) api_key: String,
    /// The port to bind (0: ephemeral).
    pub(crate) port: u16,
    /// The request body cap in bytes.
    pub(crate) max_body: usize,
    /// The quota the rate-limit headers report.
    pub(crate) rate_limit: u64,
    /// The window of that quota.
    pub(crate) rate_window: Duration,
    /// How many requests the record keeps.
    pub(crate) max_recorded: usize,
}

/// Header names from the spec, parsed once.
#[derive(Debug, Default)]
pub(crate) struct SpecHeaders {
    pub(crate) request_id: Option<HeaderName>,
    pub(crate) rate_limit: Option<RateLimitHeaders>,
}

/// The spec's three rate-limit header names.
#[derive(Debug)]
pub(crate) struct RateLimitHeaders {
    pub(crate) limit: HeaderName,
    pub(crate) remaining: HeaderName,
    pub(crate) reset: HeaderName,
    /// How the reset header spells the reset (the spec's `reset_format`).
    pub(crate) reset_format: vook_schema::model::ResetFormat,
}

/// Where a request falls in the rate-limit window, for the rate-limit headers.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RateWindow {
    /// Requests left in the window (never below 0).
    pub(crate) remaining: u64,
    /// When the window ends, Unix seconds.
    pub(crate) reset: u64,
}

/// The mutable state behind one lock (never held across an await).
#[derive(Debug, Default)]
pub(crate) struct LockedState {
    /// Fault queues by operation id.
    pub(crate) scripts: HashMap<String, VecDeque<Fault>>,
    /// The any-operation fault queue.
    pub(crate) any: VecDeque<Fault>,
    /// The record, oldest first.
    pub(crate) records: VecDeque<RecordedRequest>,
    /// The CRUD store.
    pub(crate) store: Store,
    /// First answers to requests with an `Idempotency-Key`.
    pub(crate) idempotency: IdempotencyStore,
    /// (window index, requests in it)
    window: (u64, u64),
}

/// Everything the connections share.
#[derive(Debug)]
pub(crate) struct ServerState {
    pub(crate) api: Api,
    pub(crate) routes: Vec<Route>,
    pub(crate) api_key: String,
    pub(crate) max_body: usize,
    pub(crate) rate_limit: u64,
    rate_window_secs: u64,
    max_recorded: usize,
    started: Instant,
    started_unix: u64,
    seq: AtomicU64,
    pub(crate) headers: SpecHeaders,
    locked: Mutex<LockedState>,
}

impl ServerState {
    /// The state of a server for `api` with `settings`, starting now.
    pub(crate) fn new(api: Api, settings: &Settings) -> Self {
        let name = |h: &str| HeaderName::from_bytes(h.as_bytes()).ok();
        let headers = SpecHeaders {
            request_id: api.request_id_header.as_deref().and_then(name),
            rate_limit: api.rate_limit_headers.as_ref().and_then(|r| {
                Some(RateLimitHeaders {
                    limit: name(&r.limit)?,
                    remaining: name(&r.remaining)?,
                    reset: name(&r.reset)?,
                    reset_format: r.reset_format,
                })
            }),
        };
        let window = settings.rate_window;
        let window_secs = window.as_secs() + u64::from(window.subsec_nanos() > 0);
        ServerState {
            routes: routes::build(&api),
            api,
            api_key: settings.api_key.clone(),
            max_body: settings.max_body,
            rate_limit: settings.rate_limit,
            rate_window_secs: window_secs.max(1),
            max_recorded: settings.max_recorded,
            started: Instant::now(),
            started_unix: unix_secs(SystemTime::now()),
            seq: AtomicU64::new(0),
            headers,
            locked: Mutex::new(LockedState::default()),
        }
    }

    /// The mutable state (a poisoned lock is taken over: every update is complete).
    pub(crate) fn lock(&self) -> MutexGuard<'_, LockedState> {
        self.locked.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next request's number, from 1.
    pub(crate) fn next_seq(&self) -> u64 {
        self.seq.fetch_add(1, Ordering::SeqCst).saturating_add(1)
    }

    /// Counts a request in the current rate-limit window.
    pub(crate) fn tick_rate_window(&self) -> RateWindow {
        let index = self.started.elapsed().as_secs() / self.rate_window_secs;
        let mut locked = self.lock();
        if locked.window.0 != index {
            locked.window = (index, 0);
        }
        locked.window.1 = locked.window.1.saturating_add(1);
        RateWindow {
            remaining: self.rate_limit.saturating_sub(locked.window.1),
            reset: self.started_unix.saturating_add(
                index
                    .saturating_add(1)
                    .saturating_mul(self.rate_window_secs),
            ),
        }
    }

    /// The next scripted fault for `operation`, else for any operation.
    pub(crate) fn take_fault(&self, operation: Option<&str>) -> Option<Fault> {
        let mut locked = self.lock();
        if let Some(f) = operation
            .and_then(|op| locked.scripts.get_mut(op))
            .and_then(VecDeque::pop_front)
        {
            return Some(f);
        }
        locked.any.pop_front()
    }

    /// Adds `r` to the record, dropping the oldest past the cap.
    pub(crate) fn record(&self, r: RecordedRequest) {
        let mut locked = self.lock();
        while locked.records.len() >= self.max_recorded.max(1) {
            locked.records.pop_front();
        }
        locked.records.push_back(r);
    }

    /// Notes how request `seq` was answered.
    pub(crate) fn finish(&self, seq: u64, status: u16, code: Option<String>, replayed: bool) {
        let mut locked = self.lock();
        if let Some(r) = locked.records.iter_mut().rev().find(|r| r.seq == seq) {
            r.status = Some(status);
            r.error_code = if status >= 400 { code } else { None };
            if replayed && r.answer == Answer::Default {
                r.answer = Answer::IdempotentReplay;
            }
        }
    }
}
