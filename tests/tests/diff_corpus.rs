//! The classification of `vook-diff` proven against rustc.
//!
//! Every pair under `tests/diff/<case>/` (`old.yaml`, `new.yaml`, `user.rs`)
//! makes one change. For each, this test
//! 1. checks that `diff` reports what the pair's `// expect:` line says
//!    (the set of `class[code]` of its changes);
//! 2. generates OLD's and NEW's client with vook-codegen;
//! 3. compiles the pair's user code (its `user.rs`, or `common_user.rs`, which
//!    uses the whole base client wildcard-free) against OLD's client, where it
//!    must compile, and against NEW's, where it must fail with exactly the
//!    rustc error codes `diff` predicted when `diff` says breaking, and compile
//!    when it says anything else.
//!
//! One scratch cargo workspace under `target/diff-corpus/` holds one crate per
//! pair plus one baseline crate (every pair's user code against OLD); one
//! `cargo check --keep-going --message-format=json` checks them all, sharing
//! one target dir, so vook-runtime is built once.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use vook_diff::{Class, Report, Spec};

struct Case {
    name: String,
    user: PathBuf,
    expect: BTreeSet<String>,
    report: Report,
    old_client: String,
    new_client: String,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn tokens(report: &Report) -> BTreeSet<String> {
    report
        .changes
        .iter()
        .map(|c| match c.rustc {
            Some(code) => format!("{}[{code}]", c.class.as_str()),
            None => c.class.as_str().to_owned(),
        })
        .collect()
}

fn predicted(report: &Report) -> BTreeSet<String> {
    report
        .changes
        .iter()
        .filter(|c| c.class == Class::Breaking)
        .filter_map(|c| c.rustc.map(str::to_owned))
        .collect()
}

fn load_cases() -> Vec<Case> {
    let corpus = root().join("tests/diff");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let shown = |f: &str| format!("tests/diff/{name}/{f}");
            let old = Spec::load_file(&dir.join("old.yaml"), &shown("old.yaml"))
                .unwrap_or_else(|d| panic!("{d}"));
            let new = Spec::load_file(&dir.join("new.yaml"), &shown("new.yaml"))
                .unwrap_or_else(|d| panic!("{d}"));
            let user_rs = std::fs::read_to_string(dir.join("user.rs")).unwrap();
            let expect = user_rs
                .lines()
                .next()
                .and_then(|l| l.strip_prefix("// expect:"))
                .unwrap_or_else(|| panic!("{name}/user.rs: first line is `// expect: ...`"))
                .split_whitespace()
                .map(str::to_owned)
                .collect();
            // A user.rs with nothing but comments: the whole base client is the user code.
            let has_code = user_rs
                .lines()
                .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with("//"));
            let user = if has_code {
                dir.join("user.rs")
            } else {
                corpus.join("common_user.rs")
            };
            Case {
                report: vook_diff::diff(&old, &new),
                old_client: vook_codegen::render_file(&old.api, &shown("old.yaml")),
                new_client: vook_codegen::render_file(&new.api, &shown("new.yaml")),
                name,
                user,
                expect,
            }
        })
        .collect()
}

/// Writes `contents` to `path` unless it already holds exactly that (keeps the
/// scratch build incremental).
fn put(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).ok().as_deref() == Some(contents) {
        return;
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// A pair's crate. The runtime comes without a TLS stack: the check is about the
/// generated client's types, and a clean CI run is spared building one (aws-lc-sys)
/// a second time.
fn manifest(name: &str, runtime: &Path) -> String {
    format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nvook-runtime = {{ path = {:?}, default-features = false }}\n",
        runtime.display().to_string()
    )
}

fn crate_name(case: &str) -> String {
    format!("pair_{case}")
}

/// Lays out the scratch workspace and returns its directory.
fn scratch(cases: &[Case]) -> PathBuf {
    let root = root();
    let dir = root.join("target/diff-corpus");
    let runtime = root.join("vook-runtime");
    let mut members = vec!["\"baseline\"".to_owned()];
    let mut baseline = String::from("#![allow(warnings)]\n");
    for c in cases {
        let krate = crate_name(&c.name);
        members.push(format!("\"{krate}\""));
        put(
            &dir.join(&krate).join("Cargo.toml"),
            &manifest(&krate, &runtime),
        );
        put(&dir.join(&krate).join("src/client.rs"), &c.new_client);
        put(
            &dir.join(&krate).join("src/lib.rs"),
            &format!(
                "#![allow(warnings)]\nmod api {{\n    include!(\"client.rs\");\n}}\nmod user {{\n    include!({:?});\n}}\n",
                c.user.display().to_string()
            ),
        );
        put(
            &dir.join("baseline/src").join(format!("{}.rs", c.name)),
            &c.old_client,
        );
        baseline.push_str(&format!(
            "mod {} {{\n    mod api {{\n        include!(\"{}.rs\");\n    }}\n    mod user {{\n        include!({:?});\n    }}\n}}\n",
            c.name,
            c.name,
            c.user.display().to_string()
        ));
    }
    put(
        &dir.join("baseline/Cargo.toml"),
        &manifest("baseline", &runtime),
    );
    put(&dir.join("baseline/src/lib.rs"), &baseline);
    put(
        &dir.join("Cargo.toml"),
        &format!(
            "# Scratch workspace of tests/tests/diff_corpus.rs; rewritten by each run.\n\
             [workspace]\nresolver = \"3\"\nmembers = [{}]\n\n[profile.dev]\ndebug = false\n",
            members.join(", ")
        ),
    );
    // The main lock file pins the same versions, so the check needs no network.
    if !dir.join("Cargo.lock").exists() {
        std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    }
    dir
}

/// `cargo check` of the scratch workspace: per crate, its error messages (code or "").
fn check(dir: &Path) -> BTreeMap<String, Vec<(String, String)>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .args([
            "check",
            "--workspace",
            "--keep-going",
            "--offline",
            "--message-format=json",
        ])
        .output()
        .expect("cargo runs");
    let mut errors: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if v["reason"] != "compiler-message" || v["message"]["level"] != "error" {
            continue;
        }
        let krate = v["target"]["name"].as_str().unwrap_or_default().to_owned();
        let code = v["message"]["code"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let text = v["message"]["rendered"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        errors.entry(krate).or_default().push((code, text));
    }
    if !out.status.success() && errors.is_empty() {
        panic!(
            "cargo check failed without compiler errors:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    errors
}

#[test]
fn rustc_agrees_with_every_classification() {
    let cases = load_cases();
    assert!(
        cases.len() >= 30,
        "at least 30 pairs, found {}",
        cases.len()
    );
    let mut problems = Vec::new();
    // Every class and every promised rustc code is covered by some pair.
    let all: BTreeSet<String> = cases.iter().flat_map(|c| tokens(&c.report)).collect();
    for want in [
        "breaking[E0004]",
        "breaking[E0599]",
        "breaking[E0061]",
        "breaking[E0308]",
        "breaking[E0063]",
        "behavior",
        "additive",
        "docs",
    ] {
        if !all.contains(want) {
            problems.push(format!("no pair covers {want}"));
        }
    }
    for c in &cases {
        let got = tokens(&c.report);
        if got != c.expect {
            problems.push(format!(
                "{}: diff reports {got:?}, the pair expects {:?}\n{}",
                c.name,
                c.expect,
                c.report.to_text()
            ));
        }
    }
    let dir = scratch(&cases);
    let errors = check(&dir);
    if let Some(base) = errors.get("baseline") {
        let shown: Vec<&str> = base.iter().map(|(_, t)| t.as_str()).collect();
        problems.push(format!(
            "user code does not compile against its OLD client:\n{}",
            shown.join("\n")
        ));
    }
    for c in &cases {
        let got = errors
            .get(&crate_name(&c.name))
            .cloned()
            .unwrap_or_default();
        let codes: BTreeSet<String> = got
            .iter()
            .map(|(code, _)| code.clone())
            .filter(|code| !code.is_empty())
            .collect();
        let want = predicted(&c.report);
        let rendered = || {
            got.iter()
                .map(|(_, t)| t.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        };
        if c.report.is_breaking() {
            // One rustc error may hide another (a name that does not resolve
            // stops the match check), so with several predicted codes rustc
            // must report some of them and nothing else; with one, exactly it.
            let exact = if want.len() == 1 {
                codes == want
            } else {
                !codes.is_empty() && codes.is_subset(&want)
            };
            if !exact {
                problems.push(format!(
                    "{}: diff predicts {want:?}, rustc reports {codes:?}\n{}",
                    c.name,
                    rendered()
                ));
            }
        } else if !got.is_empty() {
            problems.push(format!(
                "{}: diff says nothing breaks, but rustc reports {codes:?}\n{}",
                c.name,
                rendered()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
