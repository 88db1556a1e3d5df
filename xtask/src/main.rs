//! Project tasks, run as `cargo xtask <task>` (alias in `.cargo/config.toml`).
//!
//! Each task lives in its own module; `main` only dispatches.

mod bench_compile;
mod bench_import;
mod demo;
mod openapi;
mod regen;
mod schema;
mod synth;
mod validate;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <task> [args]

tasks:
  demo                run the generated client against the spec-driven test server (loopback)
  validate [PATH...]  check specs (default schema/vook.yaml); every problem as PATH:LINE:COL
  schema [--check]    write (or check) schema/vook.schema.json, the JSON Schema of the spec format
  regen [--check]     write (or check) every generated file of schema/vook.yaml
        [--spec PATH --out DIR]   ... or of any spec, into DIR
  synth [--endpoints N] [--codes M] [--out FILE]
                      a synthetic spec for benchmarks (default 1000 endpoints, 100 codes)
  diff OLD NEW [--json] | diff --git REV SPEC [--json]
                      what a spec change does to the clients: breaking (with the rustc error),
                      behavior, additive, docs; exit 0, 1 when breaking, 2 on a bad spec
  openapi [--spec PATH] [--out FILE] [--openapi-version 3.0|3.1]
                      the OpenAPI document of a spec (default schema/vook.yaml, 3.1), JSON on stdout
  import OPENAPI [--out SPEC] [--name NAME] [--all-schemas]
                      a vook spec from an OpenAPI 3.0/3.1 document (JSON or YAML); warnings
                      to stderr as OPENAPI#/pointer: warning: ..., the spec to --out or stdout
  bench-import [--doc FILE.gz] [--runs N] [--skip-check]
                      import, regen and a clean `cargo check` of GitHub's REST description
                      (run it in release: cargo run --release -p xtask -- bench-import)
  bench-compile [--sizes 50,200,1000] [--codes M] [--runs N]
                      time `cargo check` of vook- vs progenitor-generated clients (target/bench-compile/)
";

const IMPORT_USAGE: &str =
    "usage: cargo xtask import OPENAPI [--out SPEC] [--name NAME] [--all-schemas]";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let task = args.next();
    let rest: Vec<String> = args.collect();
    let result = match task.as_deref() {
        Some("demo") => demo::run(&rest),
        Some("validate") => validate::run(&rest),
        Some("schema") => schema::run(&rest),
        Some("regen") => regen::run(&rest),
        Some("synth") => synth::run(&rest),
        Some("openapi") => openapi::run(&rest),
        Some("diff") => return ExitCode::from(vook_xtask::diff::run(&rest)),
        Some("import") => vook_xtask::import::run(&rest, IMPORT_USAGE),
        Some("bench-import") => bench_import::run(&rest),
        Some("bench-compile") => bench_compile::run(&rest),
        Some("-h" | "--help" | "help") | None => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown task `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("{}", msg.trim_end());
            }
            ExitCode::FAILURE
        }
    }
}

/// The workspace root, so tasks work from any directory.
pub(crate) fn workspace_root() -> std::path::PathBuf {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}
