//! Type expressions of the format: `string`, `integer`, `number`, `boolean`,
//! `datetime`, `[T]`, `map<T>`, a type name, and a trailing `?` for optional.

use std::fmt;

/// A parsed type expression (without the optional marker).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// `string`
    String,
    /// `integer` (i64)
    Integer,
    /// `number` (f64)
    Number,
    /// `boolean`
    Boolean,
    /// `datetime`: an RFC 3339 string.
    Datetime,
    /// `[T]`
    List(Box<TypeRef>),
    /// `map<T>`: string keys.
    Map(Box<TypeRef>),
    /// A type from `types`.
    Named(String),
}

impl TypeRef {
    /// True for the built-in scalars.
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            TypeRef::String | TypeRef::Integer | TypeRef::Number | TypeRef::Boolean | TypeRef::Datetime
        )
    }

    /// Every type name this expression mentions.
    pub fn names(&self) -> Vec<&str> {
        match self {
            TypeRef::Named(n) => vec![n.as_str()],
            TypeRef::List(t) | TypeRef::Map(t) => t.names(),
            _ => Vec::new(),
        }
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeRef::String => f.write_str("string"),
            TypeRef::Integer => f.write_str("integer"),
            TypeRef::Number => f.write_str("number"),
            TypeRef::Boolean => f.write_str("boolean"),
            TypeRef::Datetime => f.write_str("datetime"),
            TypeRef::List(t) => write!(f, "[{t}]"),
            TypeRef::Map(t) => write!(f, "map<{t}>"),
            TypeRef::Named(n) => f.write_str(n),
        }
    }
}

/// Parses a field type: an expression with an optional trailing `?`.
/// Returns the type and whether it is optional.
///
/// ```
/// use vook_schema::types::{parse_field_type, TypeRef};
/// assert_eq!(parse_field_type("[string]?"), Ok((TypeRef::List(Box::new(TypeRef::String)), true)));
/// assert!(parse_field_type("[string?]").is_err());
/// ```
pub fn parse_field_type(text: &str) -> Result<(TypeRef, bool), String> {
    let t = text.trim();
    match t.strip_suffix('?') {
        Some(inner) => parse_type(inner).map(|ty| (ty, true)),
        None => parse_type(t).map(|ty| (ty, false)),
    }
}

/// Parses a type expression without `?`.
pub fn parse_type(text: &str) -> Result<TypeRef, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("empty type expression".into());
    }
    if t.len() > 256 {
        return Err("type expression is too long".into());
    }
    parse_inner(t, 0)
}

fn parse_inner(t: &str, depth: usize) -> Result<TypeRef, String> {
    if depth > 16 {
        return Err(format!("type expression `{t}` nests too deeply"));
    }
    if t.ends_with('?') {
        return Err(format!("`?` marks an optional field and is only allowed at the end of a field's type, not in `{t}`"));
    }
    if let Some(inner) = t.strip_prefix('[') {
        let inner = inner
            .strip_suffix(']')
            .ok_or_else(|| format!("unclosed `[` in type `{t}`"))?;
        return Ok(TypeRef::List(Box::new(parse_inner(inner.trim(), depth + 1)?)));
    }
    if let Some(inner) = t.strip_prefix("map<") {
        let inner = inner
            .strip_suffix('>')
            .ok_or_else(|| format!("unclosed `map<` in type `{t}`"))?;
        return Ok(TypeRef::Map(Box::new(parse_inner(inner.trim(), depth + 1)?)));
    }
    Ok(match t {
        "string" => TypeRef::String,
        "integer" => TypeRef::Integer,
        "number" => TypeRef::Number,
        "boolean" => TypeRef::Boolean,
        "datetime" => TypeRef::Datetime,
        name if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => TypeRef::Named(name.to_owned()),
        other => {
            return Err(format!(
                "`{other}` is not a type: use `string`, `integer`, `number`, `boolean`, `datetime`, `[T]`, `map<T>` or a type name"
            ));
        }
    })
}
