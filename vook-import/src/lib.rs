//! OpenAPI 3.0 and 3.1 documents (JSON or YAML) to vook specs: the library
//! behind `cargo xtask import OPENAPI [--out SPEC]`.
//!
//! The pipeline, one module per stage: [`document`] (text to a bounded
//! [`document::Node`] tree, `$ref` resolution) -> [`api`], [`paths`], [`operations`],
//! [`responses`], [`errors`], [`headers`] and [`schemas`] (the mapping, each section of the
//! spec from its part of the document) -> [`reach`], [`wire`] and [`dedupe`] (the types endpoints use, field
//! cases and wire names, duplicates merged) -> [`emit`] (the YAML text). What cannot be represented exactly is a
//! [`Warning`] at its JSON pointer and a safe stand-in in the spec (`json`
//! for a `oneOf`); the spec always validates as written (`docs/import.md`
//! lists every rule).
//!
//! ```
//! let doc = r##"{"openapi": "3.0.3", "info": {"title": "Pets", "version": "1"},
//!   "servers": [{"url": "https://pets.example.com/v1"}],
//!   "paths": {"/pets/{petId}": {"get": {"operationId": "getPet",
//!     "parameters": [{"name": "petId", "in": "path", "required": true, "schema": {"type": "integer"}}],
//!     "responses": {"200": {"description": "A pet", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
//!                   "404": {"description": "No such pet"}}}}},
//!   "components": {"schemas": {"Pet": {"type": "object", "required": ["id"],
//!     "properties": {"id": {"type": "integer"}, "petName": {"type": "string"}}}}}}"##;
//! let import = vook_import::import_str(doc, &vook_import::Options::default()).expect("an OpenAPI document");
//! assert!(import.spec.contains("get_pet:"));
//! let api = import.validate("pets.yaml").expect("the spec validates");
//! assert_eq!(api.endpoints.len(), 1);
//! assert_eq!(import.summary.to_string(), "imported 1 operation, 1 type, 1 error code; 0 warnings");
//! ```

pub mod api;
pub mod dedupe;
pub mod document;
pub mod emit;
pub mod errors;
pub mod headers;
pub mod names;
pub mod operations;
pub mod paths;
pub mod reach;
pub mod responses;
pub mod schemas;
pub mod spec;
pub mod warnings;
pub mod wire;

use core::fmt;
use std::path::Path;

pub use document::LoadError;
pub use warnings::Warning;

use vook_schema::names::upper_camel;

/// Choices of the import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `api.name` (snake_case); default: `info.title` in snake_case.
    pub name: Option<String>,
    /// How the document is named in the spec's header comment.
    pub source: Option<String>,
    /// Keep every component schema, also those no endpoint uses (default:
    /// only the types the endpoints reach).
    pub all_schemas: bool,
}

/// An imported spec.
#[derive(Debug)]
pub struct Import {
    /// The spec, as YAML text.
    pub spec: String,
    /// Everything not represented exactly, in document order.
    pub warnings: Vec<Warning>,
    /// The counts.
    pub summary: Summary,
}

/// What an import made: the one-line summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Endpoints.
    pub operations: usize,
    /// Named types.
    pub types: usize,
    /// Error codes.
    pub codes: usize,
    /// Warnings.
    pub warnings: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(
            f,
            "imported {}, {}, {}; {}",
            plural(self.operations, "operation", "operations"),
            plural(self.types, "type", "types"),
            plural(self.codes, "error code", "error codes"),
            plural(self.warnings, "warning", "warnings"),
        )
    }
}

impl Import {
    /// Loads the spec as vook would (every check), naming it `path` in diagnostics.
    pub fn validate(&self, path: &str) -> Result<vook_schema::Api, vook_schema::Diagnostics> {
        vook_schema::load_str(path, &self.spec)
    }
}

/// Reads the OpenAPI document at `path` (at most [`document::MAX_DOCUMENT_BYTES`]).
pub fn import_path(path: &Path, options: &Options) -> Result<Import, LoadError> {
    use std::io::Read as _;
    let file = std::fs::File::open(path)
        .map_err(|e| LoadError(format!("cannot read {}: {e}", path.display())))?;
    // A regular file's size says it is too large without reading it; the
    // capped read below holds for pipes and files that grow.
    if let Ok(meta) = file.metadata()
        && meta.is_file()
        && meta.len() > document::MAX_DOCUMENT_BYTES as u64
    {
        return Err(LoadError(format!(
            "{} is {} bytes; the limit is {} MiB",
            path.display(),
            meta.len(),
            document::MAX_DOCUMENT_BYTES / (1024 * 1024)
        )));
    }
    let mut bytes = Vec::new();
    file.take(document::MAX_DOCUMENT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError(format!("cannot read {}: {e}", path.display())))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| LoadError(format!("{} is not UTF-8 text", path.display())))?;
    let mut options = options.clone();
    if options.source.is_none() {
        options.source = path.file_name().map(|n| n.to_string_lossy().into_owned());
    }
    import_str(&text, &options)
}

/// Imports an OpenAPI document given as text (JSON or YAML).
pub fn import_str(text: &str, options: &Options) -> Result<Import, LoadError> {
    let root = document::parse(text)?;
    check_version(&root)?;
    let mut w = warnings::Warnings::default();
    let mut spec = spec::Spec::default();
    spec.api.name = api::name(&root, options.name.as_deref());
    spec.api.title = root
        .pointer("#/info/title")
        .and_then(document::Node::as_str)
        .map(str::to_owned);
    spec.api.description = root
        .pointer("#/info/description")
        .and_then(document::Node::as_str)
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_owned);
    spec.api.base_url = api::base_url(&root, &mut w);
    spec.api.auth = api::auth(&root, &spec.api.name, &mut w);

    let ops = paths::list(&root, &mut w);
    spec.api.request_id_header = headers::request_id(&root, &ops);
    spec.api.rate_limit = headers::rate_limit(&root, &ops);
    let conventions = errors::detect(&root, &ops);
    spec.api.envelope_error = conventions.envelope.clone();
    spec.api.error_fields = conventions.fields.clone();
    let data = responses::data_envelope(&root, &ops);
    spec.api.envelope_data = data.clone();

    let mut reserved: Vec<String> = ["Client", "ClientBuilder", "ErrorCode", "Self"]
        .map(str::to_owned)
        .to_vec();
    for op in &ops {
        let c = upper_camel(&op.name);
        reserved.push(format!("{c}Error"));
        reserved.push(format!("{c}Query"));
    }
    let mut schemas = schemas::Schemas::new(&root, reserved);
    schemas.components(&mut w);
    let mut codes = errors::Codes::new(&conventions);
    for op in &ops {
        let e = operations::endpoint(&root, op, &mut schemas, &mut codes, data.as_deref(), &mut w);
        spec.endpoints.push(e);
    }
    spec.types = std::mem::take(&mut schemas.types);
    spec.codes = codes.list;
    if !options.all_schemas {
        let dropped = reach::prune(&mut spec);
        if dropped > 0 {
            let (noun, verb) = if dropped == 1 {
                ("schema", "is")
            } else {
                ("schemas", "are")
            };
            w.warn("#/components/schemas", format!("{dropped} {noun} no endpoint uses as a type (merged into others, inside a `oneOf`, or only in error responses, callbacks or webhooks) {verb} left out; `--all-schemas` keeps them"));
        }
    }
    wire::assign(&mut spec);
    dedupe::merge(&mut spec);
    let source = options.source.as_deref().unwrap_or("an OpenAPI document");
    let yaml = emit::yaml(&spec, source);
    let summary = Summary {
        operations: spec.endpoints.len(),
        types: spec.types.len(),
        codes: spec.codes.len(),
        warnings: w.list.len(),
    };
    Ok(Import {
        spec: yaml,
        warnings: w.list,
        summary,
    })
}

fn check_version(root: &document::Node) -> Result<(), LoadError> {
    if root.get("swagger").is_some() {
        return Err(LoadError(
            "this is a Swagger 2.0 document; convert it to OpenAPI 3 first (for example with swagger2openapi)".to_owned(),
        ));
    }
    match root.str_at("openapi") {
        Some(v) if v.starts_with("3.") => Ok(()),
        Some(v) => Err(LoadError(format!(
            "OpenAPI version `{v}` is not read; vook imports 3.0 and 3.1"
        ))),
        None => Err(LoadError(
            "not an OpenAPI document: no `openapi` version key".to_owned(),
        )),
    }
}
