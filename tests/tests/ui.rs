//! trybuild UI tests of `#[vook_api]`: `tests/ui/pass/*.rs` must compile and
//! `tests/ui/fail/<mistake>.rs` must fail with exactly `<mistake>.stderr`.
//! Run with `TRYBUILD=overwrite` to rewrite the `.stderr` files.
//!
//! trybuild builds the cases in its own project under the target directory,
//! and `spec = "..."` paths are relative to that project's manifest, so the
//! specs the cases use (`tests/ui/specs/`) are copied there first.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failure

use std::path::{Path, PathBuf};

fn trybuild_project_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is <target>/tmp; trybuild works in <target>/tests/trybuild/<crate>.
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let target = tmp.parent().unwrap_or(tmp);
    target
        .join("tests")
        .join("trybuild")
        .join(env!("CARGO_PKG_NAME"))
}

fn install_specs() {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("ui")
        .join("specs");
    let to = trybuild_project_dir().join("specs");
    std::fs::create_dir_all(&to).expect("create trybuild specs dir");
    for entry in std::fs::read_dir(&from).expect("tests/ui/specs exists") {
        let path = entry.expect("dir entry").path();
        if let Some(name) = path.file_name() {
            std::fs::copy(&path, to.join(name)).expect("copy spec");
        }
    }
    // The bundled spec, as the pass cases' baseline.
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/vook.yaml");
    std::fs::copy(bundled, to.join("vook.yaml")).expect("copy schema/vook.yaml");
}

#[test]
fn ui() {
    install_specs();
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
