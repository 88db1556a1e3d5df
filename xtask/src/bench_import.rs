//! `cargo xtask bench-import [--doc FILE.gz] [--runs N] [--skip-check]`: the
//! import at GitHub's scale. Times `vook_import` on the published document
//! (tests/openapi/real/github.json.gz by default), the generator on its spec,
//! counts the generated lines, then times a clean `cargo check` of the
//! generated client (its dependencies built first, `cargo clean -p` of the
//! client before each run) with the peak memory of the build (GNU time's
//! maximum resident set, which is rustc's). Run it in release
//! (`cargo run --release -p xtask -- bench-import`): the import's target is a
//! release figure. progenitor's run on the same document is in
//! tests/openapi/real/PROGENITOR.md. Scratch files go to target/bench-import/.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::workspace_root;

const USAGE: &str =
    "usage: cargo run --release -p xtask -- bench-import [--doc FILE.gz] [--runs N] [--skip-check]";

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let root = workspace_root();
    let mut doc = root.join("tests/openapi/real/github.json.gz");
    let mut runs = 3_usize;
    let mut check = true;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--doc" => doc = it.next().ok_or(USAGE)?.into(),
            "--runs" => {
                runs = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or(USAGE)?
            }
            "--skip-check" => check = false,
            _ => return Err(USAGE.to_owned()),
        }
    }
    let text = gunzip(&doc)?;
    let name = doc.file_name().map_or_else(
        || "document".to_owned(),
        |n| n.to_string_lossy().trim_end_matches(".gz").to_owned(),
    );
    let options = vook_import::Options {
        source: Some(name.clone()),
        ..vook_import::Options::default()
    };
    let mut import_s = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let import =
            vook_import::import_str(&text, &options).map_err(|e| format!("{name}: {e}"))?;
        import_s.push(t.elapsed().as_secs_f64());
        last = Some(import);
    }
    let import = last.ok_or("no run")?;
    let t = Instant::now();
    let api = import.validate("github.yaml").map_err(|d| d.to_string())?;
    let validate_s = t.elapsed().as_secs_f64();
    let mut regen_s = Vec::new();
    let mut file = String::new();
    for _ in 0..runs {
        let t = Instant::now();
        file = vook_codegen::render_file(&api, "github.yaml");
        regen_s.push(t.elapsed().as_secs_f64());
    }
    let lines = file.lines().count();
    let min = |xs: &[f64]| xs.iter().copied().fold(f64::INFINITY, f64::min);
    println!("document: {name}, {} bytes", text.len());
    println!("{}", import.summary);
    println!(
        "import (load, map, emit), best of {runs}: {:.3} s",
        min(&import_s)
    );
    println!("validate the imported spec: {validate_s:.3} s");
    println!(
        "regen (generate + prettyplease), best of {runs}: {:.3} s",
        min(&regen_s)
    );
    println!(
        "spec: {} lines; generated client: {lines} lines, {} bytes",
        import.spec.lines().count(),
        file.len()
    );
    if check {
        let (secs, kb) = cargo_check(&root, &file)?;
        println!(
            "clean cargo check of the client: {secs:.1} s, peak RSS {:.2} GiB",
            kb as f64 / (1024.0 * 1024.0)
        );
    }
    Ok(())
}

fn gunzip(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes.as_slice())
        .read_to_string(&mut text)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text)
}

/// A scratch crate with the client as its `src/lib.rs`; its dependencies
/// are built first, then the client is checked from clean under GNU time.
fn cargo_check(root: &Path, lib: &str) -> Result<(f64, u64), String> {
    let dir = root.join("target/bench-import");
    let krate = dir.join("github-client");
    std::fs::create_dir_all(krate.join("src")).map_err(|e| e.to_string())?;
    let runtime = root.join("vook-runtime");
    let manifest = format!(
        "[package]\nname = \"github-client\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\nvook-runtime = {{ path = {:?} }}\n\n[workspace]\n",
        runtime.display().to_string()
    );
    std::fs::write(krate.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock")).map_err(|e| e.to_string())?;
    let lib_path = krate.join("src/lib.rs");
    // Dependencies first, with an empty client.
    std::fs::write(&lib_path, "").map_err(|e| e.to_string())?;
    cargo(&krate, &["check", "-q"])?;
    std::fs::write(&lib_path, lib).map_err(|e| e.to_string())?;
    cargo(&krate, &["clean", "-q", "-p", "github-client"])?;
    let report = dir.join("time.txt");
    let t = Instant::now();
    let status = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&report)
        .arg("cargo")
        .args(["check", "-q"])
        .current_dir(&krate)
        .status()
        .map_err(|e| format!("cannot run /usr/bin/time cargo: {e}"))?;
    let secs = t.elapsed().as_secs_f64();
    if !status.success() {
        return Err(format!(
            "cargo check of the GitHub client failed ({status})"
        ));
    }
    let kb = std::fs::read_to_string(&report)
        .ok()
        .and_then(|s| s.lines().last().and_then(|l| l.trim().parse().ok()))
        .ok_or("no peak memory from /usr/bin/time")?;
    Ok((secs, kb))
}

fn cargo(dir: &PathBuf, args: &[&str]) -> Result<(), String> {
    let status = Command::new("cargo")
        .args(args)
        .current_dir(dir)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "cargo {} failed in {}",
            args.join(" "),
            dir.display()
        ))
    }
}
