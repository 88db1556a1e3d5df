//! `cargo xtask bench-compile [--sizes 50,200,1000] [--codes M] [--runs N]`: how long
//! `cargo check` takes on a vook-generated client against a progenitor-generated client
//! of the same synthetic API, on this machine, in one run.
//!
//! In a scratch workspace under `target/bench-compile/` (its own `Cargo.toml`,
//! `Cargo.lock` and `target/`; progenitor never enters a vook crate's dependencies):
//! - `vook-client-N`: `vook_codegen::render_file` of `vook_codegen::synth::spec(N, M)`
//!   as `src/lib.rs`, depending on `vook-runtime` by path;
//! - `progenitor-client-N`: progenitor's client of the same API, described by
//!   vook-codegen's OpenAPI export in its 3.0 form with one generic error body
//!   (progenitor reads 3.0.x only, and takes one error body type per operation;
//!   [`workspace::progenitor_document`]), generated ahead of time by the
//!   `progenitor-gen` helper (progenitor's `build.rs` recipe: `Generator::generate_tokens`,
//!   then prettyplease) into `src/lib.rs`, so both sides check checked-in code;
//! - `progenitor-gen`: that helper, built once in release.
//!
//! Measured, wall clock, per client crate: dependencies are checked first (not timed);
//! then, `--runs` times, `cargo clean -p <crate>` and a timed `cargo check -p <crate>`
//! (**clean**), a check with nothing changed (**no-op**: cargo's own overhead), then
//! the source's mtime is bumped and it is checked again (**incremental**: rustc reruns
//! on unchanged code, with its incremental cache). vook and progenitor runs alternate,
//! so load from other processes hits both. The table shows the minimum over the runs; `results.json` keeps every run.
//! `docs/bench-compile.svg` charts check time against endpoints.
//!
//! Modules: [`args`] (the command line), [`workspace`] (the scratch workspace and
//! the generators' inputs), [`runner`] (cargo, progenitor-gen and the timed
//! checks), [`report`] (table and `results.json`), [`chart`] (the SVG).

mod args;
mod chart;
mod report;
mod runner;
mod workspace;

use crate::workspace_root;

/// Runs the benchmark with the arguments after `bench-compile`.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let opts = args::parse(args)?;
    let root = workspace_root();
    let scratch = workspace::Scratch {
        dir: root.join("target/bench-compile"),
    };
    let cargo = runner::Cargo::new(&scratch.dir);
    let load_start = report::loadavg();
    println!("bench-compile: scratch workspace {}", scratch.dir.display());

    workspace::write_workspace(&root, &scratch, &opts)?;
    for &n in &opts.sizes {
        let api = workspace::synth_api(n, opts.codes)?;
        workspace::write_inputs(&scratch, &api, n)?;
    }
    let (generator, progenitor_failed) =
        runner::generate_progenitor_clients(&cargo, &scratch, &opts);
    runner::check_dependencies(&cargo, &opts);
    let results = runner::measure_all(&cargo, &scratch, &opts, &progenitor_failed)?;
    let load_end = report::loadavg();

    report::print_table(&results, opts.runs);
    let json = report::results_json(&report::Run {
        args,
        opts: &opts,
        generator: &generator,
        load: (load_start, load_end),
        results: &results,
    })?;
    let json_path = scratch.dir.join("results.json");
    workspace::write(&json_path, &json)?;
    let svg_path = root.join("docs/bench-compile.svg");
    workspace::write(&svg_path, &chart::svg_chart(&results, opts.codes))?;
    println!("wrote {}", json_path.display());
    println!("wrote {}", svg_path.display());
    Ok(())
}
