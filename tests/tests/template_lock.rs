//! The user workspace template (`examples/workspace/`) is built in this
//! repository's `target/` by `.ci/run`, which reuses the registry crates already
//! built only if both lock files pin the same versions: every registry package
//! the template locks must be locked at the same version here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failure

use std::collections::BTreeSet;
use std::path::Path;

/// `(name, version)` of every registry package in a Cargo.lock.
fn registry_packages(lock: &str) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for block in lock.split("[[package]]").skip(1) {
        let field = |key: &str| {
            block.lines().find_map(|l| {
                l.strip_prefix(key)
                    .and_then(|rest| rest.strip_prefix(" = \""))
                    .and_then(|rest| rest.strip_suffix('"'))
                    .map(str::to_owned)
            })
        };
        if field("source").is_some_and(|s| s.starts_with("registry+")) {
            out.insert((
                field("name").expect("name"),
                field("version").expect("version"),
            ));
        }
    }
    out
}

#[test]
fn the_template_locks_the_versions_this_workspace_locks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let ours =
        registry_packages(&std::fs::read_to_string(root.join("Cargo.lock")).expect("Cargo.lock"));
    let template = registry_packages(
        &std::fs::read_to_string(root.join("examples/workspace/Cargo.lock"))
            .expect("examples/workspace/Cargo.lock"),
    );
    assert!(
        template.len() > 50,
        "the template locks its registry crates: {}",
        template.len()
    );
    let differing: Vec<_> = template.difference(&ours).collect();
    assert!(
        differing.is_empty(),
        "examples/workspace/Cargo.lock pins versions this workspace does not: {differing:?}\n\
         fix: cp Cargo.lock examples/workspace/ && (cd examples/workspace && cargo update -w --offline)"
    );
}
