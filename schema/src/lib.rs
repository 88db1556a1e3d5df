//! The vook spec format: load a YAML spec, check it, and resolve it into the
//! [`model::Api`] that the code generator, the test server and the docs read.
//!
//! The pipeline, one module per stage:
//! [`node`] (YAML text to a located tree) -> [`parse`] (tree to [`document::Document`],
//! shape checks) -> [`validate`] (cross-cutting checks, resolution) -> [`model`].
//! Every stage collects all problems; [`load_path`], [`load_file`],
//! [`load_bytes`] and [`load_str`] return them together as [`Diagnostics`],
//! rendered `PATH:LINE:COL: error: MESSAGE`. One mistake gives one diagnostic:
//! a part that cannot be read is reported where it is written and the checks
//! that depend on it are skipped ([`document::Document::broken`]).
//!
//! Loading never panics and is bounded on hostile input: the file size
//! ([`node::MAX_SPEC_BYTES`]), nesting ([`node::MAX_DEPTH`]), YAML nodes
//! ([`node::MAX_NODES`]), alias expansion ([`node::MAX_ALIAS_REPLAY`]) and
//! error-set expansion ([`validate::MAX_EXPANDED_CODES`]) are all capped, and
//! every check is linear in the size of the spec. The format is documented in
//! `docs/spec.md`; [`json_schema`] is its JSON Schema.
//!
//! ```
//! let spec = "vook: 1\napi: { name: demo, base_url: 'https://api.example.com' }\nerrors: {}\nendpoints: {}\n";
//! let api = vook_schema::load_str("demo.yaml", spec).expect("valid");
//! assert_eq!(api.name, "demo");
//!
//! let err = vook_schema::load_str("bad.yaml", "vook: 2\n").expect_err("invalid");
//! assert!(err.headlines().iter().any(|h| h.starts_with("bad.yaml:1:7: error: unsupported format version")));
//! ```
//!
//! This crate never depends on syn: it is the format, not the Rust it becomes.

pub mod diagnostic;
pub mod document;
mod limits;
pub mod located;
pub mod model;
pub mod names;
pub mod node;
pub mod parse;
mod source_lines;
mod suggest;
pub mod types;
pub mod validate;
mod yaml_message;

use std::path::Path;

pub use diagnostic::{Diagnostic, Diagnostics, Pos};
pub use model::Api;

/// Loads and validates the spec at `path`. `path` is printed in diagnostics as given.
pub fn load_path(path: impl AsRef<Path>) -> Result<Api, Diagnostics> {
    let path = path.as_ref();
    load_file(path, &path.display().to_string())
}

/// Loads and validates the spec at `path`, naming it `shown` in diagnostics
/// (e.g. a path relative to the workspace root). Reads at most
/// [`node::MAX_SPEC_BYTES`] + 1 bytes, so a huge file is refused without
/// being read whole.
pub fn load_file(path: impl AsRef<Path>, shown: &str) -> Result<Api, Diagnostics> {
    let bytes = match read_capped(path.as_ref()) {
        Ok(b) if b.len() > node::MAX_SPEC_BYTES => {
            let size = std::fs::metadata(path.as_ref()).map_or(b.len() as u64, |m| m.len());
            let msg = format!(
                "spec file is too large: {size} bytes; the limit is {} bytes ({} MiB)",
                node::MAX_SPEC_BYTES,
                node::MAX_SPEC_BYTES / (1024 * 1024)
            );
            let head = b.get(..4096).unwrap_or(&b);
            return Err(Diagnostics::new(
                shown,
                String::from_utf8_lossy(head),
                vec![Diagnostic::new(Pos::START, msg)],
            ));
        }
        Ok(b) => b,
        Err(e) => {
            return Err(Diagnostics::new(
                shown,
                "",
                vec![Diagnostic::new(
                    Pos::START,
                    format!("cannot read spec: {e}"),
                )],
            ));
        }
    };
    load_bytes(shown, &bytes)
}

fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(node::MAX_SPEC_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Loads and validates spec bytes; `name` is the path shown in diagnostics.
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<Api, Diagnostics> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    match node::parse_bytes(bytes) {
        Ok(root) => {
            let text = String::from_utf8_lossy(bytes);
            from_tree(name, &text, &root)
        }
        Err(d) => {
            // Keep at most the limit for snippets: a 20 MB file is not copied whole.
            let shown = bytes.get(..node::MAX_SPEC_BYTES).unwrap_or(bytes);
            Err(Diagnostics::new(
                name,
                String::from_utf8_lossy(shown),
                vec![d],
            ))
        }
    }
}

/// Loads and validates spec text; `name` is the path shown in diagnostics.
pub fn load_str(name: &str, text: &str) -> Result<Api, Diagnostics> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match node::parse_str(text) {
        Ok(root) => from_tree(name, text, &root),
        Err(d) => Err(Diagnostics::new(name, text, vec![d])),
    }
}

fn from_tree(name: &str, text: &str, root: &node::Node) -> Result<Api, Diagnostics> {
    let mut diags = Vec::new();
    let doc = parse::document(root, &mut diags);
    // `parse` returns a document (with placeholders) whenever the root is a
    // mapping, so the validator checks everything that was readable.
    let api = doc.as_ref().and_then(|d| validate::validate(d, &mut diags));
    match api {
        Some(api) if diags.is_empty() => Ok(api),
        _ => {
            if diags.is_empty() {
                diags.push(Diagnostic::new(Pos::START, "spec could not be read"));
            }
            Err(Diagnostics::new(name, text, diags))
        }
    }
}

/// [`json_schema`] as the text of `schema/vook.schema.json`: pretty JSON and a
/// trailing newline (what `cargo xtask schema` writes).
#[cfg(feature = "json-schema")]
pub fn json_schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&json_schema()).unwrap_or_default();
    s.push('\n');
    s
}

/// The `$comment` of the JSON Schema: the file is generated, and by what.
pub const JSON_SCHEMA_COMMENT: &str = "Generated from the vook_schema crate (src/document.rs) by `cargo xtask schema` (also run by `cargo xtask regen`); do not edit by hand.";

/// The JSON Schema of the format (draft 2020-12), from [`document::Document`],
/// with [`JSON_SCHEMA_COMMENT`] as its `$comment`.
#[cfg(feature = "json-schema")]
pub fn json_schema() -> serde_json::Value {
    let mut schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<document::Document>();
    schema.insert("$comment".to_owned(), JSON_SCHEMA_COMMENT.into());
    schema.to_value()
}
