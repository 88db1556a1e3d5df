//! ARCHITECTURE.md's invariants, where a test can check them: rooms of a readable
//! size, no two modules importing each other, and the dependency rules between
//! crates (the spec crate and the runtime never see syn; the vocabulary has no
//! dependencies at all).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failure

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The longest a hand-written source file may be.
const MAX_LINES: usize = 800;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Hand-written library and binary sources: every crate's `src/`, without generated files.
fn source_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut crates: Vec<PathBuf> = std::fs::read_dir(root())
        .expect("workspace root")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("Cargo.toml").is_file() && p.join("src").is_dir())
        .collect();
    crates.sort();
    assert!(crates.len() >= 9, "found only {crates:?}");
    for krate in crates {
        walk(&krate.join("src"), &mut out);
    }
    out.retain(|p| !p.ends_with("generated.rs"));
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_source_file_is_over_800_lines() {
    let long: Vec<String> = source_files()
        .into_iter()
        .filter_map(|p| {
            let n = std::fs::read_to_string(&p).ok()?.lines().count();
            (n > MAX_LINES).then(|| format!("{} ({n} lines)", p.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these files: {long:#?}");
}

/// The module path of a source file below its crate's `src/`: `validate/refs.rs` is
/// `["validate", "refs"]`, `validate/mod.rs` is `["validate"]`, `lib.rs` is `[]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("below src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// Every module path a file's code names: `crate::a::b` and `super::c` (resolved),
/// outside comments (a doc link is not an import) and its `#[cfg(test)]` part.
fn referenced_paths(me: &[String], text: &str) -> Vec<Vec<String>> {
    let before_tests = text.split("#[cfg(test)]").next().unwrap_or(text);
    let code: String = before_tests
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let code = code.as_str();
    let mut out = Vec::new();
    for (start, base) in [
        ("crate::", Vec::new()),
        ("super::", me[..me.len().saturating_sub(1)].to_vec()),
    ] {
        let mut rest = code;
        while let Some(i) = rest.find(start) {
            let before = rest[..i].chars().next_back();
            rest = &rest[i + start.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                continue; // `$crate::`, `my_crate::`
            }
            let mut path = base.clone();
            path.extend(
                rest.split("::")
                    .map(|seg| {
                        seg.chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect::<String>()
                    })
                    .take_while(|seg| {
                        !seg.is_empty() && seg.chars().next().is_some_and(char::is_lowercase)
                    }),
            );
            out.push(path);
        }
    }
    out
}

#[test]
fn no_two_modules_import_each_other() {
    let mut edges = BTreeSet::new();
    for file in source_files() {
        let src = file
            .ancestors()
            .find(|a| a.file_name().is_some_and(|n| n == "src"))
            .expect("in src")
            .to_path_buf();
        let krate = src.parent().expect("crate dir").to_path_buf();
        let me = module_path(&src, &file);
        let text = std::fs::read_to_string(&file).expect("readable");
        for target in referenced_paths(&me, &text) {
            // The siblings: the first place where the two module paths part.
            let common = me.iter().zip(&target).take_while(|(a, b)| a == b).count();
            if let (Some(from), Some(to)) = (me.get(common), target.get(common)) {
                edges.insert((
                    krate.clone(),
                    me[..common].to_vec(),
                    from.clone(),
                    to.clone(),
                ));
            }
        }
    }
    let circles: Vec<String> = edges
        .iter()
        .filter(|(k, parent, from, to)| {
            from < to && edges.contains(&(k.clone(), parent.clone(), to.clone(), from.clone()))
        })
        .map(|(k, parent, from, to)| {
            let name = k
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            format!(
                "{name}: {}{from} <-> {to}",
                parent.iter().map(|p| format!("{p}::")).collect::<String>()
            )
        })
        .collect();
    assert!(
        circles.is_empty(),
        "modules that import each other: {circles:#?}"
    );
}

/// `cargo tree` of the workspace for this machine's target: one `name vX.Y.Z` per line.
fn tree(args: &[&str]) -> Vec<String> {
    let out = Command::new(env!("CARGO"))
        .current_dir(root())
        .args(["tree", "--offline", "--locked", "--prefix", "none"])
        .args(args)
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// The crates `package` builds on, transitively, proc-macro crates (derives) left out:
/// what its own code can name and link.
fn dependencies(package: &str) -> BTreeSet<String> {
    tree(&["-e", "normal,build,no-proc-macro", "-p", package])
        .iter()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|name| name != package)
        .collect()
}

#[test]
fn the_spec_crate_and_the_runtime_never_see_syn() {
    for package in ["vook-schema", "vook-runtime"] {
        let deps = dependencies(package);
        for forbidden in [
            "syn",
            "quote",
            "proc-macro2",
            "vook-codegen",
            "prettyplease",
        ] {
            assert!(
                !deps.contains(forbidden),
                "{package} depends on {forbidden}"
            );
        }
    }
    assert!(
        !dependencies("vook-runtime").contains("vook-schema"),
        "the runtime depends on the spec crate"
    );
}

#[test]
fn the_vocabulary_has_no_dependencies() {
    assert_eq!(dependencies("vook-vocab"), BTreeSet::new());
}

#[test]
fn spec_crate_and_runtime_share_the_vocabulary() {
    assert!(dependencies("vook-schema").contains("vook-vocab"));
    assert!(dependencies("vook-runtime").contains("vook-vocab"));
    // One definition: the model's and the runtime's words are the same type.
    let class: vook_schema::model::RetryClass = vook_runtime::RetryClass::Throttle;
    let method: vook_schema::model::Method = vook_runtime::Method::Patch;
    assert_eq!((class.as_str(), method.as_str()), ("throttle", "PATCH"));
}

#[test]
fn one_syn_major_in_the_whole_tree() {
    let syns: BTreeSet<String> = tree(&["--workspace", "-e", "normal,build,dev"])
        .into_iter()
        .filter_map(|l| {
            l.strip_prefix("syn v")
                .map(|v| v.split('.').next().unwrap_or_default().to_string())
        })
        .collect();
    assert_eq!(syns.len(), 1, "syn majors built: {syns:?}");
}
