//! `cargo xtask openapi [--spec PATH] [--out FILE]`: the OpenAPI 3.1 document of a
//! spec (default `schema/vook.yaml`), as pretty JSON on stdout unless `--out`.

use crate::workspace_root;

const USAGE: &str =
    "usage: cargo xtask openapi [--spec PATH] [--out FILE]   (default spec: schema/vook.yaml)";

/// The logic is `vook_xtask::openapi`, shared with users' xtasks.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    vook_xtask::openapi::run(args, &workspace_root(), "schema/vook.yaml", USAGE)
}

#[cfg(test)]
use vook_xtask::openapi::document_text;

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
