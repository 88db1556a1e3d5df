//! The first pipeline stage: YAML text to a tree of located nodes.
//!
//! serde-saphyr does the YAML (and its budgets against alias bombs and deep
//! nesting); we deserialize into a generic tree that keeps every node's position
//! and every mapping entry, duplicates included, so that the later stages can
//! report *all* problems, not only the first one serde would stop at.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Pos};

/// The largest spec file accepted, in bytes. Real specs are a few hundred KiB at most.
pub const MAX_SPEC_BYTES: usize = 16 * 1024 * 1024;

/// A YAML node with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The node's value.
    pub value: Value,
    /// Where the node starts.
    pub pos: Pos,
}

/// A YAML value; mappings keep their entries in order, duplicates included.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`, `~` or an empty value.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer that fits `i64`.
    Int(i64),
    /// A non-negative integer above `i64::MAX`.
    UInt(u64),
    /// A floating-point number.
    Float(f64),
    /// A string scalar.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, entries in source order.
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// The YAML kind, for messages such as "expected a mapping, found a string".
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::UInt(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a sequence",
            Value::Map(_) => "a mapping",
        }
    }
}

fn pos_of<T>(s: &Spanned<T>) -> Pos {
    let loc = s.referenced;
    Pos::new(
        u32::try_from(loc.line()).unwrap_or(u32::MAX),
        u32::try_from(loc.column()).unwrap_or(u32::MAX),
    )
}

impl From<Spanned<Value>> for Node {
    fn from(s: Spanned<Value>) -> Self {
        let pos = pos_of(&s);
        Node { value: s.value, pos }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::UInt(v), Value::Int))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(u64::try_from(v).map_or(Value::Float(v as f64), |v| {
            i64::try_from(v).map_or(Value::UInt(v), Value::Int)
        }))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Value>>()? {
            items.push(Node::from(item));
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = map.next_entry::<Spanned<Value>, Spanned<Value>>()? {
            entries.push((Node::from(k), Node::from(v)));
        }
        Ok(Value::Map(entries))
    }
}

/// Parses spec bytes into a located tree, or the one diagnostic that stops it
/// (bad UTF-8, an empty file, a YAML syntax error, a blown budget).
pub fn parse_bytes(bytes: &[u8]) -> Result<Node, Diagnostic> {
    if bytes.len() > MAX_SPEC_BYTES {
        return Err(Diagnostic::new(
            Pos::START,
            format!(
                "spec file is {} bytes; the limit is {} bytes",
                bytes.len(),
                MAX_SPEC_BYTES
            ),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // Safe: `good` is the valid prefix.
            let prefix = String::from_utf8_lossy(good);
            let line = prefix.matches('\n').count() + 1;
            let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(Diagnostic::new(
                Pos::new(clamp(line), clamp(col)),
                format!(
                    "spec is not valid UTF-8 (invalid byte 0x{:02x})",
                    bytes[e.valid_up_to()]
                ),
            ));
        }
    };
    parse_str(text)
}

fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Parses spec text into a located tree, or the one diagnostic that stops it.
pub fn parse_str(text: &str) -> Result<Node, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        return Err(Diagnostic::new(
            Pos::START,
            "spec is empty: expected a mapping with `vook`, `api`, `errors` and `endpoints`",
        ));
    }
    let options = serde_saphyr::options! {
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        with_snippet: false,
        strict_booleans: true,
    };
    match serde_saphyr::from_str_with_options::<Spanned<Value>>(text, options) {
        Ok(root) => Ok(Node::from(root)),
        Err(err) => {
            let pos = err
                .location()
                .filter(|l| l.line() > 0)
                .map_or(Pos::START, |l| {
                    Pos::new(
                        u32::try_from(l.line()).unwrap_or(u32::MAX),
                        u32::try_from(l.column()).unwrap_or(u32::MAX),
                    )
                });
            Err(Diagnostic::new(pos, yaml_message(&err)))
        }
    }
}

/// serde-saphyr's message without the location it appends (we print our own).
fn yaml_message(err: &serde_saphyr::Error) -> String {
    let text = err.without_snippet().to_string();
    let first = text.lines().next().unwrap_or("invalid YAML").trim();
    let first = match first.find(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    format!("invalid YAML: {first}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_positions_and_duplicates() {
        let n = parse_str("a: 1\nb:\n  c: x\na: 2\n").expect("parses");
        let Value::Map(entries) = &n.value else { panic!("map") };
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[2].0.pos, Pos::new(4, 1));
        assert_eq!(entries[2].1.pos, Pos::new(4, 4));
        let Value::Map(inner) = &entries[1].1.value else { panic!("inner map") };
        assert_eq!(inner[0].1.pos, Pos::new(3, 6));
        assert_eq!(inner[0].1.value, Value::Str("x".into()));
    }

    #[test]
    fn empty_and_binary_inputs_are_errors() {
        assert!(parse_str("").is_err());
        assert!(parse_str("# only a comment\n").is_err());
        let e = parse_bytes(b"a: 1\nb: \xff\n").expect_err("bad utf8");
        assert_eq!(e.pos, Pos::new(2, 4));
    }
}
