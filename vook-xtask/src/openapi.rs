//! `openapi [--spec PATH] [--out FILE] [--openapi-version 3.0|3.1]`: the OpenAPI
//! document of a spec (3.1 unless asked for 3.0), as pretty JSON on stdout unless
//! `--out`.

use std::path::{Path, PathBuf};

use vook_codegen::openapi::{OpenApiVersion, Options};

/// Runs `openapi` with `args`; without `--spec`, the spec at `root/default_spec`.
pub fn run(args: &[String], root: &Path, default_spec: &str, usage: &str) -> Result<(), String> {
    let mut spec: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    let mut version = OpenApiVersion::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--spec" => {
                spec = Some(
                    it.next()
                        .ok_or(format!("--spec needs a path\n{usage}"))?
                        .into(),
                )
            }
            "--out" => {
                out = Some(
                    it.next()
                        .ok_or(format!("--out needs a file\n{usage}"))?
                        .into(),
                )
            }
            "--openapi-version" => {
                version = it
                    .next()
                    .ok_or(format!("--openapi-version needs a version\n{usage}"))?
                    .parse()
                    .map_err(|e| format!("--openapi-version: {e}\n{usage}"))?;
            }
            "-h" | "--help" => {
                println!("{usage}");
                return Ok(());
            }
            other => return Err(format!("unknown argument `{other}`\n{usage}")),
        }
    }
    let (path, shown) = match spec {
        Some(p) => {
            let shown = p.display().to_string();
            (p, shown)
        }
        None => (root.join(default_spec), default_spec.to_owned()),
    };
    let api = vook_schema::load_file(&path, &shown).map_err(|d| d.to_string())?;
    let text = document_text(&api, version);
    match out {
        Some(file) => std::fs::write(&file, text)
            .map_err(|e| format!("error: cannot write {}: {e}", file.display())),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

/// The document of `version` as pretty JSON with a trailing newline.
pub fn document_text(api: &vook_schema::Api, version: OpenApiVersion) -> String {
    let options = Options {
        version,
        ..Options::default()
    };
    let doc = vook_codegen::openapi::document(api, options);
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
