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

/// The checked-in files were rendered by another process, so this is also the
/// determinism check: output that depended on hash order or the like would differ.
#[test]
fn every_golden_spec_generates_its_golden_file() {
    // As in `spec_corpus.rs`: only `VOOK_BLESS=1` rewrites, not any value (`VOOK_BLESS=0`).
    let bless = std::env::var_os("VOOK_BLESS").is_some_and(|v| v == "1");
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

/// `(module, path)` of every `include!("path")` item that sits directly in a `mod` item
/// of `source`, read from its syntax tree (comments and strings do not count).
fn included_in_modules(source: &str) -> Vec<(String, String)> {
    let file = syn::parse_file(source).expect("the source parses");
    let mut found = Vec::new();
    for item in &file.items {
        let syn::Item::Mod(module) = item else {
            continue;
        };
        let Some((_, items)) = &module.content else {
            continue;
        };
        for inner in items {
            if let syn::Item::Macro(m) = inner
                && m.mac.path.is_ident("include")
            {
                let path: syn::LitStr = m.mac.parse_body().expect("include! takes a string");
                found.push((module.ident.to_string(), path.value()));
            }
        }
    }
    found
}

#[test]
fn every_golden_file_is_compiled() {
    let included = included_in_modules(include_str!("golden_compiles.rs"));
    for spec in cases() {
        let name = spec
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("utf-8 name");
        let path = format!("../golden/{name}.rs");
        assert!(
            included
                .iter()
                .any(|(module, p)| *p == path && module == name),
            "tests/golden_compiles.rs must compile golden/{name}.rs: add \
             `mod {name} {{ include!(\"{path}\"); }}` (found: {included:?})"
        );
    }
}

#[test]
fn the_include_check_reads_code_not_text() {
    let fake = concat!(
        "// mod x { include!(\"../golden/x.rs\"); }\n",
        "const S: &str = \"include!(\\\"../golden/x.rs\\\");\";\n",
        "mod y {}\n",
        "mod z { include!(\"../golden/z.rs\"); }\n",
    );
    assert_eq!(
        included_in_modules(fake),
        vec![("z".to_owned(), "../golden/z.rs".to_owned())]
    );
}
