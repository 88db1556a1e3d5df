//! `diff` of two 1,000-endpoint synthetic specs (`vook_codegen::synth`, 100
//! codes) that differ in 50 places: 10 summaries reworded (docs), 10 endpoints
//! gaining a code (breaking E0004), 10 success statuses changed (behavior), 10
//! paths moved (behavior) and 10 endpoints removed (breaking E0599).
//!
//! Two measurements: `diff` alone on loaded specs, and what `cargo xtask diff
//! OLD NEW` does minus file I/O (load and validate both sides, diff, render).
//! The target is under 100 ms for the latter in release.
//!
//! Run: `cargo bench -p vook-diff --bench diff -- --warm-up-time 1 --measurement-time 3`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use vook_diff::Spec;

/// The synthetic spec and its copy with 50 changes.
fn pair() -> (String, String) {
    let old = vook_codegen::synth::spec(1_000, 100);
    let mut lines: Vec<String> = old.lines().map(str::to_owned).collect();
    let endpoint_lines: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.contains("summary: Synthetic operation"))
        .map(|(i, _)| i)
        .collect();
    let mut removed = Vec::new();
    for (k, &i) in endpoint_lines.iter().step_by(19).take(50).enumerate() {
        let line = &mut lines[i];
        match k % 5 {
            0 => *line = line.replace("Synthetic operation", "Reworded operation"),
            1 => *line = line.replace("errors: [common, ", "errors: [common, code_95, "),
            2 => {
                *line = format!(
                    "{}, status: 202 }}",
                    line.trim_end_matches(" }").trim_end_matches('}')
                )
            }
            3 => {
                *line = line.replacen("path: /res", "path: /v2/res", 1).replacen(
                    "path: \"/res",
                    "path: \"/v2/res",
                    1,
                )
            }
            _ => removed.push(i),
        }
    }
    for i in removed.into_iter().rev() {
        lines.remove(i);
    }
    let mut new = lines.join("\n");
    new.push('\n');
    (old, new)
}

fn main() {
    let (old_text, new_text) = pair();
    let old = Spec::load_str("old.yaml", &old_text).expect("valid");
    let new = Spec::load_str("new.yaml", &new_text).unwrap_or_else(|d| panic!("{d}"));
    let report = vook_diff::diff(&old, &new);
    println!(
        "{} endpoints; {}",
        old.api.endpoints.len(),
        report.to_text().lines().last().unwrap_or_default()
    );
    assert!(report.changes.len() >= 50, "{}", report.to_text());

    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    c.bench_function("diff/1000 endpoints, 50 changes", |b| {
        b.iter(|| vook_diff::diff(black_box(&old), black_box(&new)));
    });
    c.bench_function(
        "load both + diff + render/1000 endpoints, 50 changes",
        |b| {
            b.iter(|| {
                let old = Spec::load_str("old.yaml", black_box(&old_text)).expect("valid");
                let new = Spec::load_str("new.yaml", black_box(&new_text)).expect("valid");
                vook_diff::diff(&old, &new).to_text()
            });
        },
    );
    c.final_summary();
}
