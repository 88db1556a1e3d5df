//! Soak: 100,000 `get_item` calls through one client against `vook-mock` answering a
//! fault mix, 48 calls in flight.
//!
//! The mock runs in a child process (this binary again, with `VOOK_SOAK_ROLE=server`),
//! so the resident memory (`VmRSS` in `/proc/self/status`) and open file descriptors
//! (`/proc/self/fd`) measured here are the client's alone. The child keeps the mock's
//! fault queue for `get_item` topped up with a seeded random mix, per request:
//!
//! | share | fault |
//! |---|---|
//! | 79 % | none (the item) |
//! | 3 % | connection reset |
//! | 2 % | 429 `rate_limit_exceeded`, `Retry-After: 0` |
//! | 2 % | 429 `rate_limit_exceeded`, `Retry-After: 1` |
//! | 3 % | 200 with the JSON cut in half |
//! | 2 % | body cut off mid-stream (full `Content-Length`, half sent) |
//! | 2 % | 1 MiB error body (500) |
//! | 2 % | hang (the client's 300 ms per-attempt timeout fires) |
//! | 5 % | 30 ms delay, then the item |
//!
//! and the client drops 5 % of calls (their futures) after 1-20 ms, so some are dropped
//! mid-call. Checked (non-zero exit otherwise): no task panicked; every outcome is a
//! success, a drop, or an error the runtime documents for these faults (`Api` with
//! `RateLimitExceeded` or `InternalError`, `Transport`, `Timeout`, `Decode`); after
//! warm-up (the first 10,000 calls) resident memory grows by at most 8 MiB and the
//! descriptor count by at most the calls in flight (pooled connections come and go).
//!
//! Run: `cargo bench -p vook-client --bench soak` (add `-- --calls N` for another count).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Read as _};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::task::JoinSet;
use vook_client::{Client, GetItemError};
use vook_mock::{Fault, MockServer};
use vook_runtime::{DecodeErrorKind, Error, TimeoutKind};

const ROLE_VAR: &str = "VOOK_SOAK_ROLE";
const ITEM: &str = "itm_soak";
const OP: &str = "get_item";
const DEFAULT_CALLS: u64 = 100_000;
const IN_FLIGHT: u64 = 48;
/// Calls between two samples of memory and descriptors (taken with nothing in flight).
const BATCH: u64 = 10_000;
/// Allowed resident-memory growth after warm-up.
const RSS_SLACK_KB: u64 = 8 * 1024;

fn main() -> ExitCode {
    if std::env::var(ROLE_VAR).is_ok_and(|r| r == "server") {
        serve();
        return ExitCode::SUCCESS;
    }
    let calls = std::env::args()
        .skip_while(|a| a != "--calls")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_CALLS);
    if soak(calls) {
        println!("soak: all checks passed");
        ExitCode::SUCCESS
    } else {
        println!("soak: FAILED");
        ExitCode::FAILURE
    }
}

/// One fault (or none) drawn from the mix in the module docs.
fn draw_fault(rng: &mut fastrand::Rng) -> Fault {
    match rng.u32(0..100) {
        0..79 => Fault::pass(),
        79..82 => Fault::reset(),
        82..84 => Fault::error("rate_limit_exceeded").retry_after_secs(0),
        84..86 => Fault::error("rate_limit_exceeded").retry_after_secs(1),
        86..89 => Fault::truncated_json(),
        89..91 => Fault::incomplete_body(),
        91..93 => Fault::huge_body(1024 * 1024),
        93..95 => Fault::hang(),
        _ => Fault::delay(Duration::from_millis(30)),
    }
}

/// The child: the mock, its fault queue kept full; prints `URL KEY`, runs until stdin closes.
fn serve() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/vook.yaml");
        let api = vook_schema::load_path(spec).expect("spec loads");
        let server = MockServer::builder(api)
            .max_recorded(1000)
            .start()
            .await
            .expect("mock starts");
        server.insert_object(
            "/items",
            serde_json::json!({
                "id": ITEM, "name": "soak", "kind": "document", "tags": ["a"],
                "metadata": {}, "created_at": "2024-11-01T12:00:00Z",
                "updated_at": "2024-11-01T12:00:00Z"
            }),
        );
        println!("{} {}", server.base_url(), server.api_key());
        let refill = {
            let server = server.clone();
            tokio::spawn(async move {
                let mut rng = fastrand::Rng::with_seed(12);
                loop {
                    if server.pending_faults(OP) < 2000 {
                        server.script(OP, (0..2000).map(|_| draw_fault(&mut rng)));
                    }
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
            })
        };
        // Stdin closing (the parent exiting) stops the server.
        tokio::task::spawn_blocking(|| {
            let _ = std::io::stdin().read_to_end(&mut Vec::new());
        })
        .await
        .expect("stdin reader");
        refill.abort();
        server.shutdown().await;
    });
}

/// Resident memory in KiB (`VmRSS` of `/proc/<pid>/status`).
fn rss_kb(pid: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Open file descriptors (entries of `/proc/<pid>/fd`).
fn fds(pid: &str) -> u64 {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, |d| d.count() as u64)
}

/// The name of an outcome, and whether it is one the runtime documents for these faults.
fn classify(result: Result<(), Error<GetItemError>>) -> (String, bool) {
    match result {
        Ok(()) => ("ok".into(), true),
        Err(Error::Api(e)) => match e {
            GetItemError::RateLimitExceeded(_) => ("api: rate_limit_exceeded".into(), true),
            GetItemError::InternalError(_) => ("api: internal_error".into(), true),
            GetItemError::NotFound(_)
            | GetItemError::InvalidApiKey(_)
            | GetItemError::InsufficientPermissions(_)
            | GetItemError::Unknown(_) => (format!("api (unexpected): {}", e.api_error()), false),
        },
        Err(Error::Transport(e)) => (
            format!(
                "transport (may have been sent: {})",
                e.request_may_have_been_sent()
            ),
            true,
        ),
        Err(Error::Timeout(e)) => match e.kind() {
            TimeoutKind::Attempt => ("timeout: attempt".into(), true),
            TimeoutKind::Deadline => ("timeout: deadline".into(), true),
            _ => (format!("timeout (unexpected): {e}"), false),
        },
        Err(Error::Decode(e)) => {
            let name = match e.kind() {
                DecodeErrorKind::ErrorBody if e.body_truncated() => "decode: error body (capped)",
                DecodeErrorKind::ErrorBody => "decode: error body",
                DecodeErrorKind::SuccessBody => "decode: success body",
                DecodeErrorKind::BodyTooLarge { .. } => "decode: body too large",
                _ => return (format!("decode (unexpected): {e}"), false),
            };
            (name.into(), true)
        }
        Err(Error::InvalidRequest(e)) => (format!("invalid request (unexpected): {e}"), false),
    }
}

/// Runs the soak; `true` when every check held.
fn soak(calls: u64) -> bool {
    let exe = std::env::current_exe().expect("own path");
    let mut child = Command::new(exe)
        .env(ROLE_VAR, "server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("server process starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("child stdout"))
        .read_line(&mut line)
        .expect("server prints its address");
    let (url, key) = line.trim().split_once(' ').expect("URL KEY");
    let server_pid = child.id().to_string();

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let client = Client::builder()
        .base_url(url)
        .api_key(key)
        .timeout(Duration::from_millis(300))
        .deadline(Duration::from_secs(3))
        .base_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(50))
        .max_retry_after(Duration::from_secs(2))
        .build()
        .expect("client builds");
    let client = Arc::new(client);
    let counts: Arc<std::sync::Mutex<BTreeMap<String, u64>>> = Arc::default();
    let undocumented = Arc::new(AtomicU64::new(0));
    let mut panics = 0u64;
    let mut samples = Vec::new();
    let started = Instant::now();
    let mut done = 0u64;
    let mut call_seed = 7u64;
    println!(
        "soak: {calls} calls, {IN_FLIGHT} in flight, client pid {}, server pid {server_pid}",
        std::process::id()
    );
    samples.push((
        0,
        rss_kb("self"),
        fds("self"),
        rss_kb(&server_pid),
        fds(&server_pid),
    ));
    while done < calls {
        let batch = BATCH.min(calls - done);
        rt.block_on(async {
            let mut tasks = JoinSet::new();
            for w in 0..IN_FLIGHT {
                let n = batch / IN_FLIGHT + u64::from(w < batch % IN_FLIGHT);
                let client = Arc::clone(&client);
                let counts = Arc::clone(&counts);
                let undocumented = Arc::clone(&undocumented);
                call_seed += 1;
                let mut rng = fastrand::Rng::with_seed(call_seed);
                tasks.spawn(async move {
                    for _ in 0..n {
                        let call = async { client.get_item(ITEM).await.map(drop) };
                        let (name, documented) = if rng.u32(0..100) < 5 {
                            let after = Duration::from_millis(rng.u64(1..=20));
                            match tokio::time::timeout(after, call).await {
                                Ok(r) => classify(r),
                                Err(_) => ("dropped mid-call".into(), true),
                            }
                        } else {
                            classify(call.await)
                        };
                        if !documented {
                            undocumented.fetch_add(1, Ordering::Relaxed);
                        }
                        *counts.lock().unwrap().entry(name).or_default() += 1;
                    }
                });
            }
            while let Some(joined) = tasks.join_next().await {
                if joined.is_err() {
                    panics += 1;
                }
            }
        });
        done += batch;
        samples.push((
            done,
            rss_kb("self"),
            fds("self"),
            rss_kb(&server_pid),
            fds(&server_pid),
        ));
    }
    let wall = started.elapsed();
    drop(child.stdin.take());
    let _ = child.wait();

    println!("calls  client RSS kB  client fds  server RSS kB  server fds");
    for (n, rss, fd, srss, sfd) in &samples {
        println!("{n:>6}  {rss:>13}  {fd:>10}  {srss:>13}  {sfd:>10}");
    }
    let counts = counts.lock().unwrap();
    println!("outcomes:");
    for (name, n) in counts.iter() {
        println!("  {n:>7}  {name}");
    }
    let total: u64 = counts.values().sum();
    println!(
        "{total} outcomes in {:.1} s ({:.0} calls/s); {panics} panicked tasks; \
         {} undocumented outcomes",
        wall.as_secs_f64(),
        total as f64 / wall.as_secs_f64(),
        undocumented.load(Ordering::Relaxed)
    );

    let mut pass = panics == 0 && undocumented.load(Ordering::Relaxed) == 0 && total == calls;
    let warm = samples
        .get(1)
        .or(samples.first())
        .copied()
        .unwrap_or_default();
    let end = samples.last().copied().unwrap_or_default();
    println!(
        "client after warm-up ({} calls) -> end: RSS {} -> {} kB, fds {} -> {}",
        warm.0, warm.1, end.1, warm.2, end.2
    );
    if end.1 > warm.1 + RSS_SLACK_KB {
        println!("FAIL: resident memory grew by {} kB", end.1 - warm.1);
        pass = false;
    }
    if end.2 > warm.2 + IN_FLIGHT {
        println!("FAIL: descriptors grew from {} to {}", warm.2, end.2);
        pass = false;
    }
    pass
}
