//! Type expressions of the format: `string`, `integer`, `number`, `boolean`,
//! `datetime`, `json`, `[T]`, `map<T>`, a type name, and a trailing `?` for optional.

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
    /// `json`: any JSON value (`vook_runtime::JsonValue`).
    Json,
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
            TypeRef::String
                | TypeRef::Integer
                | TypeRef::Number
                | TypeRef::Boolean
                | TypeRef::Datetime
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
            TypeRef::Json => f.write_str("json"),
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
///
/// A name is anything without brackets, `<`, `>`, `?`, `,` or whitespace;
/// whether it names a declared type is the validator's business, so a
/// badly named type (`Item-Kind`) is reported once, where it is declared.
pub fn parse_type(text: &str) -> Result<TypeRef, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("empty type expression; write a type such as `string`".into());
    }
    if t.len() > 256 {
        return Err("type expression is longer than 256 characters".into());
    }
    parse_inner(t, t, 0)
}

fn parse_inner(t: &str, whole: &str, depth: usize) -> Result<TypeRef, String> {
    if depth > 16 {
        return Err(format!(
            "type expression `{whole}` nests more than 16 levels deep"
        ));
    }
    if t.is_empty() {
        return Err(format!(
            "`{whole}` is missing a type inside its brackets, as in `[string]` or `map<string>`"
        ));
    }
    if t.ends_with('?') {
        return Err(format!(
            "`?` marks an optional field and is only allowed at the end of a field's type, not in `{whole}`"
        ));
    }
    if let Some(inner) = t.strip_prefix('[') {
        let inner = inner
            .strip_suffix(']')
            .ok_or_else(|| format!("unclosed `[` in type `{whole}`"))?;
        return Ok(TypeRef::List(Box::new(parse_inner(
            inner.trim(),
            whole,
            depth + 1,
        )?)));
    }
    if let Some(inner) = t.strip_prefix("map<") {
        let inner = inner
            .strip_suffix('>')
            .ok_or_else(|| format!("unclosed `map<` in type `{whole}`"))?;
        if inner.contains(',') {
            return Err(format!(
                "map keys are always strings: write `map<{}>`, not `{whole}`",
                inner.rsplit(',').next().unwrap_or("").trim()
            ));
        }
        return Ok(TypeRef::Map(Box::new(parse_inner(
            inner.trim(),
            whole,
            depth + 1,
        )?)));
    }
    Ok(match t {
        "string" => TypeRef::String,
        "integer" => TypeRef::Integer,
        "number" => TypeRef::Number,
        "boolean" => TypeRef::Boolean,
        "datetime" => TypeRef::Datetime,
        "json" => TypeRef::Json,
        name if !name.contains(|c: char| "[]<>?,{}()".contains(c) || c.is_whitespace()) => {
            TypeRef::Named(name.to_owned())
        }
        other => {
            let hint = match other.split_once('<') {
                Some((outer, _))
                    if matches!(
                        outer.to_ascii_lowercase().as_str(),
                        "list" | "vec" | "array" | "set"
                    ) =>
                {
                    "; a list is written `[T]`"
                }
                Some((outer, _))
                    if matches!(outer.to_ascii_lowercase().as_str(), "option" | "optional") =>
                {
                    "; an optional field is written `T?`"
                }
                Some((outer, _))
                    if matches!(
                        outer.to_ascii_lowercase().as_str(),
                        "map" | "hashmap" | "dict" | "object"
                    ) =>
                {
                    "; a map is written `map<T>` (keys are strings)"
                }
                _ => "",
            };
            return Err(format!(
                "`{other}` is not a type: use `string`, `integer`, `number`, `boolean`, `datetime`, `json`, `[T]`, `map<T>` or a type name{hint}"
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_grammar() {
        assert_eq!(
            parse_type("[map<Item>]"),
            Ok(TypeRef::List(Box::new(TypeRef::Map(Box::new(
                TypeRef::Named("Item".into())
            )))))
        );
        assert_eq!(
            parse_field_type(" datetime? "),
            Ok((TypeRef::Datetime, true))
        );
        assert_eq!(
            parse_type("map<[json]>"),
            Ok(TypeRef::Map(Box::new(TypeRef::List(Box::new(
                TypeRef::Json
            )))))
        );
        assert_eq!(parse_field_type("json?"), Ok((TypeRef::Json, true)));
        assert_eq!(parse_type("Json"), Ok(TypeRef::Named("Json".into())));
        assert_eq!(
            parse_type("Item-Kind"),
            Ok(TypeRef::Named("Item-Kind".into()))
        );
    }

    #[test]
    fn rejects_with_hints() {
        assert!(parse_type("[]").unwrap_err().contains("missing a type"));
        assert!(parse_type("map<>").unwrap_err().contains("missing a type"));
        assert!(
            parse_type("map<string, Item>")
                .unwrap_err()
                .contains("map<Item>")
        );
        assert!(parse_type("Vec<string>").unwrap_err().contains("`[T]`"));
        assert!(parse_type("Option<string>").unwrap_err().contains("`T?`"));
        assert!(parse_type("[string").unwrap_err().contains("unclosed"));
        assert!(parse_type("[string?]").is_err());
        assert!(parse_type(&"[".repeat(20)).is_err());
        assert!(parse_type(&"x".repeat(300)).is_err());
    }
}
