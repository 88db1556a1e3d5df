//! Retry storm: 500 concurrent calls through one client against an endpoint of
//! `vook-mock` that always answers 503, then the same through 500 clones of one client.
//!
//! Checked (the process exits non-zero when one fails):
//! - the requests the server sees stay within the retry budget's bound:
//!   `calls + capacity / retry_cost` (no call succeeds during the storm, so nothing
//!   refills the bucket);
//! - every call ends within its deadline (the maximum is printed);
//! - once the endpoint recovers, every call succeeds, the budget refills to capacity,
//!   and calls run at the healthy rate (at least half of the rate measured before the
//!   storm; the machine is shared, so the margin absorbs noise).
//!
//! The clones share the budget: with one bucket per clone, 500 clones would see up to
//! `calls * max_attempts` requests, far over the bound.
//!
//! Run: `cargo bench -p vook-client --bench storm`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::task::JoinSet;
use vook_client::{Client, GetItemError};
use vook_mock::{Fault, MockServer};
use vook_runtime::{Error, RetryBudgetConfig};

/// Calls in flight at once.
const CALLS: usize = 500;
/// Faults queued for the storm: far more than any client may send.
const QUEUED_503: usize = 50_000;
/// Whole-call deadline of every call.
const DEADLINE: Duration = Duration::from_secs(15);
/// Per-attempt timeout.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Attempts per call: high, so the budget (not the attempt limit) is what stops retries.
const MAX_ATTEMPTS: u32 = 10;
/// Scheduling slack allowed past the deadline (the timer fires, the task still has to run).
const DEADLINE_SLACK: Duration = Duration::from_millis(100);
const ITEM: &str = "itm_storm";
const OP: &str = "get_item";

/// How a call is shared by the concurrent tasks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sharing {
    /// One `Arc<Client>`: every task uses the same client value.
    OneClient,
    /// Each task gets its own `client.clone()`.
    Clones,
}

impl Sharing {
    fn name(self) -> &'static str {
        match self {
            Sharing::OneClient => "one client",
            Sharing::Clones => "500 clones",
        }
    }
}

/// What one call did.
struct CallResult {
    elapsed: Duration,
    ok: bool,
    status: Option<u16>,
    /// The error, for the report.
    error: Option<String>,
}

/// `CALLS` calls at once; the results and the wall time.
async fn wave(client: &Arc<Client>, sharing: Sharing) -> (Vec<CallResult>, Duration) {
    let start = Instant::now();
    let mut tasks = JoinSet::new();
    for _ in 0..CALLS {
        let shared = Arc::clone(client);
        let own = (sharing == Sharing::Clones).then(|| (**client).clone());
        tasks.spawn(async move {
            let client = own.as_ref().unwrap_or(&shared);
            let t = Instant::now();
            let r = client.get_item(ITEM).await;
            let err: Option<Error<GetItemError>> = r.err();
            CallResult {
                elapsed: t.elapsed(),
                ok: err.is_none(),
                status: err.as_ref().and_then(Error::status),
                error: err.map(|e| e.to_string()),
            }
        });
    }
    let mut results = Vec::with_capacity(CALLS);
    while let Some(done) = tasks.join_next().await {
        results.push(done.expect("call task"));
    }
    (results, start.elapsed())
}

/// Calls per second of `calls` calls in `wall`.
fn rate(calls: usize, wall: Duration) -> f64 {
    calls as f64 / wall.as_secs_f64()
}

/// Prints how many calls of a healthy wave failed, and the first error.
fn report_failures(results: &[CallResult]) {
    let failed: Vec<&CallResult> = results.iter().filter(|r| !r.ok).collect();
    if let Some(first) = failed.first() {
        println!(
            "  {} of {} calls failed; first: {}",
            failed.len(),
            results.len(),
            first.error.as_deref().unwrap_or("-")
        );
    }
}

/// Healthy waves until `n` calls are done; the rate and whether all succeeded.
async fn healthy_rate(client: &Arc<Client>, sharing: Sharing, waves: usize) -> (f64, bool) {
    let mut wall = Duration::ZERO;
    let mut all_ok = true;
    for _ in 0..waves {
        let (results, w) = wave(client, sharing).await;
        wall += w;
        all_ok &= results.iter().all(|r| r.ok);
        report_failures(&results);
    }
    (rate(waves * CALLS, wall), all_ok)
}

/// One storm and recovery; `true` when every check held.
async fn storm(server: &MockServer, client: &Arc<Client>, sharing: Sharing) -> bool {
    let budget = RetryBudgetConfig::STANDARD;
    let mut pass = true;
    println!("== {} ==", sharing.name());
    let (before, ok) = healthy_rate(client, sharing, 4).await;
    println!(
        "healthy: {before:.0} calls/s ({} calls, all ok: {ok})",
        4 * CALLS
    );
    pass &= ok;
    println!(
        "budget before the storm: {} tokens",
        client.inner().retry_budget_available()
    );

    server.clear_scripts();
    server.script(
        OP,
        (0..QUEUED_503).map(|_| Fault::status(503).text("service unavailable")),
    );
    let (results, wall) = wave(client, sharing).await;
    let seen = QUEUED_503 - server.pending_faults(OP);
    let bound = CALLS + (budget.capacity / budget.retry_cost) as usize;
    let max = results.iter().map(|r| r.elapsed).max().unwrap_or_default();
    let failed_503 = results.iter().filter(|r| r.status == Some(503)).count();
    println!(
        "storm: {CALLS} calls, {seen} requests seen by the server, bound {bound} \
         ({CALLS} + {} / {}); {failed_503} calls ended with the 503; wall {} ms",
        budget.capacity,
        budget.retry_cost,
        wall.as_millis()
    );
    println!(
        "storm: slowest call {} ms, deadline {} ms",
        max.as_millis(),
        DEADLINE.as_millis()
    );
    println!(
        "budget after the storm: {} tokens",
        client.inner().retry_budget_available()
    );
    if seen > bound {
        println!("FAIL: {seen} requests exceed the bound {bound}");
        pass = false;
    }
    if failed_503 != CALLS {
        println!(
            "FAIL: {} calls did not end with the 503",
            CALLS - failed_503
        );
        pass = false;
    }
    if max > DEADLINE + DEADLINE_SLACK {
        println!("FAIL: a call took {} ms", max.as_millis());
        pass = false;
    }

    // Recovery: the endpoint answers normally again.
    server.clear_scripts();
    let mut refill_calls = 0;
    let start = Instant::now();
    let mut recovered_ok = true;
    while client.inner().retry_budget_available() < budget.capacity && refill_calls < 20 * CALLS {
        let (results, _) = wave(client, sharing).await;
        refill_calls += CALLS;
        recovered_ok &= results.iter().all(|r| r.ok);
        report_failures(&results);
    }
    let refilled = client.inner().retry_budget_available();
    println!(
        "recovery: budget back to {refilled}/{} tokens after {refill_calls} calls \
         ({} ms), all ok: {recovered_ok}",
        budget.capacity,
        start.elapsed().as_millis()
    );
    let (after, ok) = healthy_rate(client, sharing, 4).await;
    println!(
        "recovered: {after:.0} calls/s ({} calls, all ok: {ok}); {:.0} % of the healthy rate",
        4 * CALLS,
        100.0 * after / before
    );
    if refilled < budget.capacity || !recovered_ok || !ok {
        println!("FAIL: the budget did not refill or a call failed after recovery");
        pass = false;
    }
    if after < before / 2.0 {
        println!("FAIL: the recovered rate is under half the healthy rate");
        pass = false;
    }
    pass
}

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; a filter argument selects nothing here.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let pass = rt.block_on(async {
        let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/vook.yaml");
        let server = MockServer::from_spec_path(spec).await.expect("mock starts");
        server.insert_object(
            "/items",
            serde_json::json!({
                "id": ITEM, "name": "storm", "kind": "document", "tags": [],
                "metadata": {}, "created_at": "2024-11-01T12:00:00Z",
                "updated_at": "2024-11-01T12:00:00Z"
            }),
        );
        let client = Client::builder()
            .base_url(server.base_url())
            .api_key(server.api_key())
            .max_attempts(MAX_ATTEMPTS)
            .timeout(TIMEOUT)
            .deadline(DEADLINE)
            .base_delay(Duration::from_millis(20))
            .max_delay(Duration::from_millis(400))
            .retry_budget(RetryBudgetConfig::STANDARD)
            .build()
            .expect("client builds");
        let client = Arc::new(client);
        let one = storm(&server, &client, Sharing::OneClient).await;
        let clones = storm(&server, &client, Sharing::Clones).await;
        one && clones
    });
    if pass {
        println!("storm: all checks passed");
        ExitCode::SUCCESS
    } else {
        println!("storm: FAILED");
        ExitCode::FAILURE
    }
}
