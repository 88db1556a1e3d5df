//! Instructions per call, counted exactly (no timing noise): run one side's calls
//! against the fixed loopback server under callgrind, at two call counts, and take the
//! difference. The whole process is counted, the server included; the server's work is
//! the same for both sides, so the difference between sides is the clients' own.
//!
//! ```text
//! cargo bench -p vook-client --bench call_instructions --no-run
//! B=$(ls -t target/release/deps/call_instructions-* | grep -v '\.d$' | head -1)
//! for side in vook reqwest reqwest_timeout vook_option reqwest_option; do for n in 200 1200; do
//!   valgrind --tool=callgrind --callgrind-out-file=/dev/null $B $side $n 2>&1 | grep Collected
//! done; done
//! ```
//!
//! Instructions per call = (Collected at 1200 − Collected at 200) / 1000. Without
//! valgrind it just makes the calls (`cargo bench` runs it with `vook 1000`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // a benchmark: a panic is a failed run

mod support;

use support::{Side, fixed_body, option_sides, server_runtime, sides, start_fixed_server};

fn main() {
    // `cargo bench` passes `--bench`; anything that is not a side or a count is ignored.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let side = args
        .iter()
        .find(|a| {
            matches!(
                a.as_str(),
                "vook" | "reqwest" | "reqwest_timeout" | "vook_option" | "reqwest_option"
            )
        })
        .map_or("vook", String::as_str);
    let calls: u64 = args.iter().find_map(|a| a.parse().ok()).unwrap_or(1000);

    let server_rt = server_runtime();
    let addr = start_fixed_server(&server_rt, fixed_body());
    let client_rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let base_url = format!("http://{addr}");
    let [a, b, c] = sides(&base_url, "bench-key");
    let [d, e] = option_sides(&base_url, "bench-key");
    let all = [a, b, c, d, e];
    let chosen: &Side = all.iter().find(|s| s.name() == side).expect("a known side");
    client_rt.block_on(async {
        for _ in 0..calls {
            std::hint::black_box(chosen.get_item().await);
        }
    });
    println!("{calls} calls made by {side}");
}
