//! The results: the table on stdout and `results.json` (every run, the machine
//! and the load around the runs).

use std::process::Command;

use serde_json::{Value, json};

use super::args::BenchArgs;
use super::runner::{Measured, SizeResult, ratio};
use super::workspace::{GENERATORS, PROGENITOR_VERSION};

/// The 1-, 5- and 15-minute load averages (empty where /proc has none).
pub(super) fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}

fn command_line(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

fn measured_json(m: &Measured) -> Value {
    match &m.error {
        Some(e) => json!({ "error": e }),
        None => json!({
            "generated_lines": m.lines,
            "clean_check_s": m.clean,
            "clean_check_min_s": m.clean_min(),
            "incremental_check_s": m.incremental,
            "incremental_check_min_s": m.incremental_min(),
            "noop_check_s": m.noop,
            "noop_check_min_s": m.noop_min(),
        }),
    }
}

/// What `results.json` holds.
pub(super) struct Run<'a> {
    /// The command's arguments.
    pub(super) args: &'a [String],
    /// The parsed arguments.
    pub(super) opts: &'a BenchArgs,
    /// `Ok` or why progenitor-gen did not build.
    pub(super) generator: &'a Result<(), String>,
    /// The load averages before and after.
    pub(super) load: (String, String),
    /// The measurements.
    pub(super) results: &'a [SizeResult],
}

/// `results.json`, pretty, with a trailing newline.
pub(super) fn results_json(run: &Run<'_>) -> Result<String, String> {
    let machine = json!({
        "nproc": std::thread::available_parallelism().map(usize::from).unwrap_or(0),
        "rustc": command_line("rustc", &["-V"]),
        "cargo": command_line("cargo", &["-V"]),
        "loadavg_start": run.load.0,
        "loadavg_end": run.load.1,
    });
    let doc = json!({
        "tool": "cargo xtask bench-compile",
        "args": run.args,
        "codes": run.opts.codes,
        "runs": run.opts.runs,
        "progenitor_version": PROGENITOR_VERSION,
        "progenitor_generator": run.generator.as_ref().map(|()| "ok".to_owned()).unwrap_or_else(Clone::clone),
        "machine": machine,
        "sizes": run.results.iter().map(|r| json!({
            "endpoints": r.endpoints,
            "vook": measured_json(&r.vook),
            "progenitor": measured_json(&r.progenitor),
            "clean_ratio_progenitor_over_vook": ratio(r.progenitor.clean_min(), r.vook.clean_min()),
            "incremental_ratio_progenitor_over_vook": ratio(r.progenitor.incremental_min(), r.vook.incremental_min()),
        })).collect::<Vec<_>>(),
    });
    Ok(serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n")
}

fn secs(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |s| format!("{s:.2}"))
}

/// Prints the table: minimum check times, ratios and generated lines per size,
/// then the failures.
pub(super) fn print_table(results: &[SizeResult], runs: usize) {
    println!();
    println!(
        "cargo check wall time, seconds (min of {runs} run(s)); lines of the generated lib.rs"
    );
    println!(
        "{:>9} | {:>10} {:>10} {:>7} | {:>10} {:>10} {:>7} | {:>8} {:>8} | {:>8} {:>8}",
        "endpoints",
        "vook",
        "progen.",
        "p/v",
        "vook inc",
        "prog inc",
        "p/v",
        "vook nop",
        "prog nop",
        "vook L",
        "prog L"
    );
    let r = |a: Option<f64>, b: Option<f64>| {
        ratio(a, b).map_or_else(|| "-".to_owned(), |x| format!("{x:.1}x"))
    };
    for SizeResult {
        endpoints,
        vook: v,
        progenitor: p,
    } in results
    {
        println!(
            "{:>9} | {:>10} {:>10} {:>7} | {:>10} {:>10} {:>7} | {:>8} {:>8} | {:>8} {:>8}",
            endpoints,
            secs(v.clean_min()),
            secs(p.clean_min()),
            r(p.clean_min(), v.clean_min()),
            secs(v.incremental_min()),
            secs(p.incremental_min()),
            r(p.incremental_min(), v.incremental_min()),
            secs(v.noop_min()),
            secs(p.noop_min()),
            v.lines,
            p.lines
        );
    }
    for result in results {
        for g in GENERATORS {
            if let Some(e) = &result.of(g).error {
                println!("{} at {} endpoints: {e}", g.name(), result.endpoints);
            }
        }
    }
    println!();
}
