//! What differs between the OpenAPI versions the export writes: the version
//! string, how a schema says "or null", and where a description beside a
//! `$ref` goes.

use std::fmt;
use std::str::FromStr;

use serde_json::{Map, Value, json};

/// The OpenAPI version of an exported document.
///
/// ```
/// use vook_codegen::openapi::OpenApiVersion;
/// assert_eq!("3.0".parse::<OpenApiVersion>(), Ok(OpenApiVersion::V3_0));
/// assert_eq!(OpenApiVersion::default().as_str(), "3.1.0");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum OpenApiVersion {
    /// OpenAPI 3.0.3, for tools that read only 3.0 (progenitor, openapiv3):
    /// `nullable: true`, and `allOf: [{$ref}]` where a `$ref` needs siblings.
    V3_0,
    /// OpenAPI 3.1.0 (JSON Schema 2020-12): `type: [T, "null"]`, `anyOf` with
    /// `{type: null}` for references.
    #[default]
    V3_1,
}

impl OpenApiVersion {
    /// Every version, in the order [`OpenApiVersion::SPELLINGS`] names them.
    pub const ALL: [OpenApiVersion; 2] = [OpenApiVersion::V3_0, OpenApiVersion::V3_1];
    /// The short spellings [`FromStr`] accepts (the full `3.0.3`/`3.1.0` work too).
    pub const SPELLINGS: [&'static str; 2] = ["3.0", "3.1"];

    /// The document's `openapi` field: `3.0.3` or `3.1.0`.
    pub fn as_str(self) -> &'static str {
        match self {
            OpenApiVersion::V3_0 => "3.0.3",
            OpenApiVersion::V3_1 => "3.1.0",
        }
    }

    /// `schema` that also accepts `null`. Expects a schema without a description
    /// (add one after, with [`OpenApiVersion::described`]).
    pub(super) fn nullable(self, schema: Value) -> Value {
        let Value::Object(mut map) = schema else {
            return schema;
        };
        let is_ref = map.contains_key("$ref");
        match self {
            OpenApiVersion::V3_0 if is_ref => json!({ "allOf": [map], "nullable": true }),
            OpenApiVersion::V3_0 => {
                map.insert("nullable".into(), true.into());
                Value::Object(map)
            }
            OpenApiVersion::V3_1 => match map.get("type").and_then(Value::as_str) {
                Some(ty) if !is_ref => {
                    let ty = ty.to_owned();
                    map.insert("type".into(), json!([ty, "null"]));
                    Value::Object(map)
                }
                _ => json!({ "anyOf": [map, { "type": "null" }] }),
            },
        }
    }

    /// `schema` with a `description`. 3.1 allows one beside a `$ref`; in 3.0 a
    /// `$ref`'s siblings are ignored, so the reference moves into an `allOf`.
    pub(super) fn described(self, schema: Value, text: &str) -> Value {
        let Value::Object(map) = schema else {
            return schema;
        };
        let mut map = match self {
            OpenApiVersion::V3_0 if map.contains_key("$ref") => {
                let mut wrapper = Map::new();
                wrapper.insert("allOf".into(), json!([map]));
                wrapper
            }
            _ => map,
        };
        map.insert("description".into(), text.trim_end().into());
        Value::Object(map)
    }
}

impl fmt::Display for OpenApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing an [`OpenApiVersion`]: the text was none of its spellings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownOpenApiVersion(pub String);

impl fmt::Display for UnknownOpenApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown OpenAPI version `{}`; expected one of: {}",
            self.0,
            OpenApiVersion::SPELLINGS.join(", ")
        )
    }
}

impl std::error::Error for UnknownOpenApiVersion {}

impl FromStr for OpenApiVersion {
    type Err = UnknownOpenApiVersion;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OpenApiVersion::ALL
            .into_iter()
            .zip(OpenApiVersion::SPELLINGS)
            .find(|(v, short)| s == *short || s == v.as_str())
            .map(|(v, _)| v)
            .ok_or_else(|| UnknownOpenApiVersion(s.to_owned()))
    }
}
