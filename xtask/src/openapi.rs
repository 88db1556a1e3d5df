//! `cargo xtask openapi [--spec PATH] [--out FILE] [--openapi-version 3.0|3.1]`: the
//! OpenAPI document of a spec (default `schema/vook.yaml`; version 3.1 unless
//! asked for 3.0), as pretty JSON on stdout unless `--out`.

use std::path::PathBuf;

use vook_codegen::openapi::{OpenApiVersion, Options};

use crate::workspace_root;

const USAGE: &str = "usage: cargo xtask openapi [--spec PATH] [--out FILE] [--openapi-version 3.0|3.1]   (defaults: schema/vook.yaml, 3.1)";

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let mut spec: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    let mut version = OpenApiVersion::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--spec" => {
                spec = Some(
                    it.next()
                        .ok_or(format!("--spec needs a path\n{USAGE}"))?
                        .into(),
                )
            }
            "--out" => {
                out = Some(
                    it.next()
                        .ok_or(format!("--out needs a file\n{USAGE}"))?
                        .into(),
                )
            }
            "--openapi-version" => {
                version = it
                    .next()
                    .ok_or(format!("--openapi-version needs a version\n{USAGE}"))?
                    .parse()
                    .map_err(|e| format!("--openapi-version: {e}\n{USAGE}"))?;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let (path, shown) = match spec {
        Some(p) => {
            let shown = p.display().to_string();
            (p, shown)
        }
        None => (
            workspace_root().join("schema/vook.yaml"),
            "schema/vook.yaml".to_owned(),
        ),
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
fn document_text(api: &vook_schema::Api, version: OpenApiVersion) -> String {
    let options = Options {
        version,
        ..Options::default()
    };
    let doc = vook_codegen::openapi::document(api, options);
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_spec_document_is_pretty_json() {
        let api = vook_schema::load_file(
            workspace_root().join("schema/vook.yaml"),
            "schema/vook.yaml",
        )
        .expect("valid");
        for (version, want) in [
            (OpenApiVersion::V3_1, "3.1.0"),
            (OpenApiVersion::V3_0, "3.0.3"),
        ] {
            let text = document_text(&api, version);
            assert!(text.starts_with("{\n  \"") && text.ends_with("}\n"));
            let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
            assert_eq!(v["openapi"], want);
            assert_eq!(text, document_text(&api, version), "deterministic");
        }
        assert_eq!(
            document_text(&api, OpenApiVersion::V3_1),
            format!(
                "{}\n",
                serde_json::to_string_pretty(&vook_codegen::openapi::openapi(&api)).unwrap()
            ),
            "3.1 is the default document"
        );
    }

    #[test]
    fn bad_arguments_are_reported() {
        assert!(
            run(&["--nope".to_owned()])
                .unwrap_err()
                .contains("unknown argument")
        );
        assert!(
            run(&["--spec".to_owned()])
                .unwrap_err()
                .contains("needs a path")
        );
        assert!(
            run(&["--openapi-version".to_owned(), "2.0".to_owned()])
                .unwrap_err()
                .contains("unknown OpenAPI version `2.0`; expected one of: 3.0, 3.1")
        );
        assert!(
            run(&["--openapi-version".to_owned()])
                .unwrap_err()
                .contains("needs a version")
        );
    }
}
