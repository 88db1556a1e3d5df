//! Golden pairs: every `tests/golden/<case>.yaml` generates exactly
//! `tests/golden/<case>.rs`. Run with `VOOK_BLESS=1` to rewrite them after an
//! intended generator change (and review the diff). Every golden file is also
//! compiled, by `golden_compiles.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failure

use std::path::{Path, PathBuf};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("golden")
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("tests/golden exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_golden_spec_generates_its_golden_file() {
    let bless = std::env::var_os("VOOK_BLESS").is_some();
    let cases = cases();
    assert!(
        cases.len() >= 3,
        "expected golden cases, found {}",
        cases.len()
    );
    let mut stale = Vec::new();
    for spec in &cases {
        let name = spec
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("utf-8 name");
        let shown = format!("tests/golden/{name}.yaml");
        let api = vook_schema::load_path(spec).unwrap_or_else(|d| panic!("{d}"));
        let generated = vook_codegen::render_file(&api, &shown);
        let golden = spec.with_extension("rs");
        if bless {
            std::fs::write(&golden, &generated).expect("write golden");
        } else if std::fs::read_to_string(&golden).ok().as_deref() != Some(generated.as_str()) {
            stale.push(golden.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "golden files differ from the generator's output (VOOK_BLESS=1 to rewrite): {stale:#?}"
    );
}

#[test]
fn generation_is_deterministic() {
    for spec in cases() {
        let api = vook_schema::load_path(&spec).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(
            vook_codegen::render_file(&api, "x"),
            vook_codegen::render_file(&api, "x")
        );
    }
}

#[test]
fn every_golden_file_is_compiled() {
    let source = include_str!("golden_compiles.rs");
    for spec in cases() {
        let name = spec
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("utf-8 name");
        let line = format!("include!(\"../golden/{name}.rs\");");
        assert!(
            source.contains(&line),
            "tests/golden_compiles.rs must compile golden/{name}.rs: add `{line}`"
        );
    }
}
