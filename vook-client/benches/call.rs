//! Per-call overhead of the generated client: `vook_client::Client::get_item` against a
//! hand-written reqwest call (same headers, decode `{"data": Item}`), on the same
//! loopback server, one call at a time and with 8 calls in flight; and the same with
//! per-call options (`vook_option`: `.header(..).timeout(..)` on each call, against
//! `reqwest_option`: reqwest with the same extra header and per-request timeout).
//!
//! Two servers, each on its own one-worker Tokio runtime (the client runs on another,
//! current-thread runtime, so on a 2-core machine each side has a core):
//! - `mock`: the spec-driven `vook-mock` server (routing, auth, store, request record);
//! - `fixed`: a minimal hyper server answering every request with the same recorded
//!   response bytes; with less server time per call it shows client overhead undiluted.
//!
//! Throughput is calls per second; the overhead is `1 - vook / reqwest`.
//!
//! Run: `cargo bench -p vook-client --bench call -- --warm-up-time 1 --measurement-time 3`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // a benchmark: a panic is a failed run

mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use tokio::runtime::Runtime;
use vook_mock::MockServer;

use support::{
    Side, fixed_body, item_json, option_sides, server_runtime, sides, start_fixed_server,
};

/// Calls made by `run`, printed at the end (to turn a profiler's totals into per-call figures).
static CALLS_MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Calls in flight in the concurrent runs.
const IN_FLIGHT: usize = 8;
/// `iters` calls, `in_flight` at a time, on the client runtime; the wall time.
fn run(rt: &Runtime, side: &Side, iters: u64, in_flight: usize) -> Duration {
    CALLS_MADE.fetch_add(iters, std::sync::atomic::Ordering::Relaxed);
    rt.block_on(async {
        let start = Instant::now();
        if in_flight == 1 {
            for _ in 0..iters {
                black_box(side.get_item().await);
            }
        } else {
            let mut tasks = tokio::task::JoinSet::new();
            for t in 0..in_flight as u64 {
                let n = iters / in_flight as u64 + u64::from(t < iters % in_flight as u64);
                let side = side.clone();
                tasks.spawn(async move {
                    for _ in 0..n {
                        black_box(side.get_item().await);
                    }
                });
            }
            while let Some(done) = tasks.join_next().await {
                done.expect("task");
            }
        }
        start.elapsed()
    })
}

/// CPU time this thread has run so far (Linux: `/proc/thread-self/schedstat`); the
/// client runtime is current-thread, so this is the client's own work, kernel included.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Wall time and client CPU time of `calls` calls.
fn run_measured(
    rt: &Runtime,
    side: &Side,
    calls: u64,
    in_flight: usize,
) -> (Duration, Option<Duration>) {
    let cpu = thread_cpu();
    let wall = run(rt, side, calls, in_flight);
    let cpu = thread_cpu()
        .zip(cpu)
        .map(|(end, start)| end.saturating_sub(start));
    (wall, cpu)
}

/// The median of some values.
fn median(values: Vec<f64>) -> f64 {
    median_interval(values).1
}

/// The median of some values and a distribution-free 95 % confidence interval for it:
/// the order statistics `k` and `n + 1 - k` (1-based), with `k` the largest for which
/// `P(Binomial(n, 1/2) < k) <= 2.5 %`. Nothing is assumed of the rounds' distribution
/// (the VM's noise is not normal), only that the rounds are independent.
fn median_interval(mut values: Vec<f64>) -> (f64, f64, f64) {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let mid = values.get(n / 2).copied().unwrap_or(f64::NAN);
    // P(X <= j) for X ~ Binomial(n, 1/2), in log space (2^-n underflows for large n).
    let mut log_pmf = -(n as f64) * std::f64::consts::LN_2;
    let mut below = 0.0; // P(X < k) for the k being tried
    let mut k = 0;
    while k < n / 2 {
        let next = below + log_pmf.exp(); // P(X < k + 1)
        if next > 0.025 {
            break;
        }
        below = next;
        log_pmf += ((n - k) as f64 / (k + 1) as f64).ln();
        k += 1;
    }
    if k == 0 {
        return (f64::NAN, mid, f64::NAN); // too few rounds for a 95 % interval
    }
    (values[k - 1], mid, values[n - k])
}

/// vook's throughput overhead against each hand-written side, `1 - t_by_hand / t_vook`,
/// from interleaved rounds: on a shared machine the speed drifts over seconds, and
/// criterion measures one side after the other; alternating short rounds and taking
/// the median cancels the drift. Also the client thread's CPU time per call on each
/// side, which the machine's noise disturbs far less than wall time.
///
/// `sides` are `[vook, reqwest, reqwest_timeout, vook_option, reqwest_option]`; the
/// pairs compared are vook against the first two, and vook_option against the last.
fn interleaved_overhead(client_rt: &Runtime, server: &str, sides: &[Side; 5]) {
    // `VOOK_BENCH_ROUNDS=N` for a shorter run on a shared machine (default 41).
    let rounds: usize = std::env::var("VOOK_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(41);
    const CALLS: u64 = 500;
    const PAIRS: [(usize, usize); 3] = [(0, 1), (0, 2), (3, 4)];
    let per_call = |d: Duration| d.as_secs_f64() * 1e6 / CALLS as f64;
    for (mode, in_flight) in [("serial", 1), ("concurrent8", IN_FLIGHT)] {
        let mut overheads = [Vec::new(), Vec::new(), Vec::new()];
        let mut cpu: [Vec<f64>; 5] = Default::default();
        for round in 0..rounds {
            // Each round starts with the next side, so no side always runs first.
            let mut runs = [(Duration::ZERO, None); 5];
            for k in 0..sides.len() {
                let n = (round + k) % sides.len();
                runs[n] = run_measured(client_rt, &sides[n], CALLS, in_flight);
            }
            for (overhead, (vook, by_hand)) in overheads.iter_mut().zip(PAIRS) {
                overhead.push(1.0 - runs[by_hand].0.as_secs_f64() / runs[vook].0.as_secs_f64());
            }
            for (n, (_, side_cpu)) in runs.iter().enumerate() {
                cpu[n].extend(side_cpu.map(per_call));
            }
        }
        let [vs_bare, vs_timeout, vs_option] = overheads.map(median_interval);
        let [cpu_vook, cpu_bare, cpu_timeout, cpu_vook_option, cpu_option] = cpu.map(median);
        let shown = |(lo, mid, hi): (f64, f64, f64)| {
            format!(
                "{:+.1}% [{:+.1}%, {:+.1}%]",
                mid * 100.0,
                lo * 100.0,
                hi * 100.0
            )
        };
        println!(
            "call overhead {server}/{mode} (median of {rounds} interleaved rounds of {CALLS} calls \
             [95% interval of the median]): vs reqwest {}, vs reqwest_timeout {}, \
             with a per-call option vs reqwest_option {}; \
             client CPU per call: vook {cpu_vook:.1} us, reqwest {cpu_bare:.1} us, \
             reqwest_timeout {cpu_timeout:.1} us, vook_option {cpu_vook_option:.1} us, \
             reqwest_option {cpu_option:.1} us",
            shown(vs_bare),
            shown(vs_timeout),
            shown(vs_option),
        );
    }
}

fn bench_server(c: &mut Criterion, client_rt: &Runtime, server: &str, base_url: &str, key: &str) {
    let [a, b, c2] = sides(base_url, key);
    let [d, e] = option_sides(base_url, key);
    let sides = [a, b, c2, d, e];
    // Every side sees the same item before anything is measured.
    let items = client_rt.block_on(async {
        let mut items = Vec::new();
        for side in &sides {
            items.push(side.get_item().await);
        }
        items
    });
    assert!(
        items.windows(2).all(|w| w[0] == w[1]),
        "all sides decode the same item"
    );
    // `VOOK_BENCH_NO_RATIOS=1` skips them, for profiling one criterion case alone.
    if std::env::var_os("VOOK_BENCH_NO_RATIOS").is_none() {
        interleaved_overhead(client_rt, server, &sides);
    }

    let mut group = c.benchmark_group(format!("call_{server}"));
    group.throughput(Throughput::Elements(1));
    for (mode, in_flight) in [("serial", 1), ("concurrent8", IN_FLIGHT)] {
        for side in &sides {
            group.bench_function(BenchmarkId::new(mode, side.name()), |bench| {
                bench.iter_custom(|iters| run(client_rt, side, iters, in_flight));
            });
        }
    }
    group.finish();
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let client_rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");

    let mock_rt = server_runtime();
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/vook.yaml");
    let mock = mock_rt.block_on(async {
        let server = MockServer::builder(vook_schema_api(spec))
            // The record is bounded; keep it small so it costs the same all run long.
            .max_recorded(64)
            .start()
            .await
            .expect("mock starts");
        server.insert_object("/items", item_json());
        server
    });
    bench_server(&mut c, &client_rt, "mock", &mock.base_url(), mock.api_key());

    let fixed_rt = server_runtime();
    let addr = start_fixed_server(&fixed_rt, fixed_body());
    bench_server(
        &mut c,
        &client_rt,
        "fixed",
        &format!("http://{addr}"),
        "bench-key",
    );

    c.final_summary();
    println!(
        "calls made: {}",
        CALLS_MADE.load(std::sync::atomic::Ordering::Relaxed)
    );
}

/// The spec the mock serves.
fn vook_schema_api(path: &str) -> vook_mock::Api {
    let text = std::fs::read_to_string(path).expect("spec readable");
    match vook_schema::load_str("schema/vook.yaml", &text) {
        Ok(api) => api,
        Err(d) => panic!("{d}"),
    }
}
