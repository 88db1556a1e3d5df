//! Generated files are products: the checked-in ones must be exactly what the
//! generator makes now (this is `cargo xtask regen --check`, as a test), and the
//! `#[vook_api]` expansion must be the same code as the checked-in client.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failure

use std::path::{Path, PathBuf};

use quote::quote;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn vook_api() -> vook_schema::Api {
    vook_schema::load_path(root().join("schema/vook.yaml")).unwrap_or_else(|d| panic!("{d}"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn checked_in_outputs_are_fresh() {
    let api = vook_api();
    let fix = "run `cargo xtask regen` and commit the result";
    assert!(
        read("vook-client/src/generated.rs") == vook_codegen::render_file(&api, "schema/vook.yaml"),
        "vook-client/src/generated.rs is stale: {fix}"
    );
    assert!(
        read("docs/errors.md") == vook_codegen::error_catalog(&api, "schema/vook.yaml"),
        "docs/errors.md is stale: {fix}"
    );
    let mut schema = serde_json::to_string_pretty(&vook_schema::json_schema()).expect("json");
    schema.push('\n');
    assert!(
        read("schema/vook.schema.json") == schema,
        "schema/vook.schema.json is stale: {fix}"
    );
}

#[test]
fn the_generated_file_says_it_is_generated_and_how_to_regenerate() {
    let src = read("vook-client/src/generated.rs");
    let first = src.lines().next().unwrap_or_default();
    assert!(
        first.contains("@generated")
            && first.contains("cargo xtask regen")
            && first.contains("do not edit"),
        "{first}"
    );
}

#[test]
fn macro_expansion_is_the_same_code_as_the_checked_in_client() {
    let expanded = vook_codegen::attribute::expand(
        quote!(spec = "schema/vook.yaml"),
        quote!(
            pub mod vook {}
        ),
        &root(),
    )
    .expect("expands");
    let module: syn::ItemMod = syn::parse2(expanded).expect("a module");
    let (_, mut items) = module.content.expect("inline module");
    // The expansion adds one item the checked-in file does not need: the
    // include_bytes! that makes cargo rebuild when the spec changes.
    let last = items.pop().expect("items");
    assert!(quote!(#last).to_string().contains("include_bytes"));
    let from_macro = prettyplease::unparse(&syn::File {
        shebang: None,
        frontmatter: None,
        attrs: vec![],
        items,
    });

    let checked_in = read("vook-client/src/generated.rs");
    let body = checked_in
        .split_once("\n\n")
        .map(|(_, b)| b)
        .expect("header, blank line, body");
    assert_eq!(from_macro, body);
}

#[test]
fn macro_keeps_user_items_and_tracks_the_spec_file() {
    let expanded = vook_codegen::attribute::expand(
        quote!(spec = "schema/vook.yaml"),
        quote!(
            /// Docs the user wrote.
            pub mod vook {
                pub fn mine() {}
            }
        ),
        &root(),
    )
    .expect("expands");
    let text = expanded.to_string();
    assert!(text.contains("fn mine"));
    assert!(text.contains("Docs the user wrote"));
    assert!(text.contains("include_bytes"));
    assert!(text.contains("vook.yaml"));
}

#[test]
fn a_bad_spec_is_one_error_per_problem_at_the_literal() {
    let dir = std::env::temp_dir().join(format!("vook-macro-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    std::fs::write(
        dir.join("bad.yaml"),
        "vook: 2\napi: { name: Bad, base_url: 'ftp://x' }\nerrors: {}\nendpoints: {}\n",
    )
    .expect("write");
    let err = vook_codegen::attribute::expand(
        quote!(spec = "bad.yaml"),
        quote!(
            mod m {}
        ),
        &dir,
    )
    .expect_err("invalid");
    let messages: Vec<String> = err.into_iter().map(|e| e.to_string()).collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(
        messages[0].starts_with("bad.yaml:1:7: error: unsupported format version"),
        "{}",
        messages[0]
    );
    assert!(messages.iter().all(|m| m.starts_with("bad.yaml:")));
    let _ = std::fs::remove_dir_all(&dir);
}
