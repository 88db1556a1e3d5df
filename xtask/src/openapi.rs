//! `cargo xtask openapi [--spec PATH] [--out FILE] [--openapi-version 3.0|3.1]`: the
//! OpenAPI document of a spec (default `schema/vook.yaml`; version 3.1 unless
//! asked for 3.0), as pretty JSON on stdout unless `--out`.

use crate::workspace_root;

const USAGE: &str = "usage: cargo xtask openapi [--spec PATH] [--out FILE] [--openapi-version 3.0|3.1]   (defaults: schema/vook.yaml, 3.1)";

/// The logic is `vook_xtask::openapi`, shared with users' xtasks.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    vook_xtask::openapi::run(args, &workspace_root(), "schema/vook.yaml", USAGE)
}

#[cfg(test)]
use vook_codegen::openapi::OpenApiVersion;
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
