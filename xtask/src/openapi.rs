//! `cargo xtask openapi [--spec PATH] [--out FILE]`: the OpenAPI 3.1 document of a
//! spec (default `schema/vook.yaml`), as pretty JSON on stdout unless `--out`.

use std::path::PathBuf;

use crate::workspace_root;

const USAGE: &str =
    "usage: cargo xtask openapi [--spec PATH] [--out FILE]   (default spec: schema/vook.yaml)";

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let mut spec: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
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
    let text = document_text(&api);
    match out {
        Some(file) => std::fs::write(&file, text)
            .map_err(|e| format!("error: cannot write {}: {e}", file.display())),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

/// The document as pretty JSON with a trailing newline.
fn document_text(api: &vook_schema::Api) -> String {
    let mut text =
        serde_json::to_string_pretty(&vook_codegen::openapi::openapi(api)).unwrap_or_default();
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
        let text = document_text(&api);
        assert!(text.starts_with("{\n  \"") && text.ends_with("}\n"));
        let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(v["openapi"], "3.1.0");
        assert_eq!(text, document_text(&api), "deterministic");
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
    }
}
