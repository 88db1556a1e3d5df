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
use crate::limits::saphyr_options;
pub use crate::limits::{MAX_ALIAS_REPLAY, MAX_DEPTH, MAX_NODES, MAX_SPEC_BYTES};
use crate::yaml_message::yaml_error;

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
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

fn pos_of<T>(s: &Spanned<T>) -> Pos {
    let loc = s.referenced;
    Pos::clamped(loc.line(), loc.column())
}

impl From<Spanned<Value>> for Node {
    fn from(s: Spanned<Value>) -> Self {
        let pos = pos_of(&s);
        Node {
            value: s.value,
            pos,
        }
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
                "spec file is too large: {} bytes; the limit is {} bytes ({} MiB)",
                bytes.len(),
                MAX_SPEC_BYTES,
                MAX_SPEC_BYTES / (1024 * 1024)
            ),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (good, bad) = bytes.split_at(e.valid_up_to());
            // `good` is the valid prefix, so this is exact.
            let prefix = String::from_utf8_lossy(good);
            let pos = end_pos(&prefix);
            // An error means there is an invalid byte right after the prefix.
            let byte = bad.first().copied().unwrap_or_default();
            return Err(Diagnostic::new(
                pos,
                format!(
                    "spec is not valid UTF-8 (invalid byte 0x{byte:02x}); save the file as UTF-8"
                ),
            ));
        }
    };
    parse_str(text)
}

/// The position just after `prefix`, counting lines the way YAML does
/// (`\n`, `\r\n` and a lone `\r` each end a line).
fn end_pos(prefix: &str) -> Pos {
    let mut line = 1usize;
    let mut col = 1usize;
    let mut chars = prefix.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                line += 1;
                col = 1;
            }
            '\n' => {
                line += 1;
                col = 1;
            }
            _ => col += 1,
        }
    }
    Pos::clamped(line, col)
}

/// Parses spec text into a located tree, or the one diagnostic that stops it.
pub fn parse_str(text: &str) -> Result<Node, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_SPEC_BYTES {
        return Err(Diagnostic::new(
            Pos::START,
            format!(
                "spec is too large: {} bytes; the limit is {} bytes",
                text.len(),
                MAX_SPEC_BYTES
            ),
        ));
    }
    if text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    }) {
        return Err(Diagnostic::new(
            Pos::START,
            "spec is empty: expected a mapping with at least `vook: 1` and `api`",
        ));
    }
    match serde_saphyr::from_str_with_options::<Spanned<Value>>(text, saphyr_options()) {
        Ok(root) => Ok(Node::from(root)),
        Err(err) => Err(yaml_error(text, &err)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_positions_and_duplicates() {
        let n = parse_str("a: 1\nb:\n  c: x\na: 2\n").expect("parses");
        let Value::Map(entries) = &n.value else {
            panic!("map")
        };
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[2].0.pos, Pos::new(4, 1));
        assert_eq!(entries[2].1.pos, Pos::new(4, 4));
        let Value::Map(inner) = &entries[1].1.value else {
            panic!("inner map")
        };
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

    #[test]
    fn positions_count_lines_like_yaml() {
        assert_eq!(end_pos("a\r\nbc"), Pos::new(2, 3));
        assert_eq!(end_pos("a\rb\n"), Pos::new(3, 1));
    }

    fn err(text: &str) -> Diagnostic {
        parse_str(text).expect_err("invalid YAML")
    }

    #[test]
    fn syntax_errors_point_where_the_fix_goes() {
        let d = err("a: {b: 1,\n  c: 2\nd: 3\n");
        assert_eq!(
            (d.pos, d.message.as_str()),
            (
                Pos::new(1, 4),
                "invalid YAML: this `{` is never closed with `}`"
            )
        );
        let d = err("a: [1, 2\nb: 3\n");
        assert_eq!(d.pos, Pos::new(1, 4));
        let d = err("a: \"x\nb: 1\nc: \"y\"\n");
        assert_eq!(d.pos, Pos::new(1, 4), "{}", d.message);
        let d = err("a:\n  b: 1\n\tc: 2\n");
        assert_eq!((d.pos.line, d.pos.col), (3, 1), "{}", d.message);
        let d = err("a: 1\n---\nb: 2\n");
        assert_eq!(d.pos, Pos::new(2, 1));
        let d = err("a: *nope\n");
        assert!(d.message.contains("`*nope`"), "{}", d.message);
        let d = err("a: [string]?\n");
        assert!(d.message.contains("must be quoted"), "{}", d.message);
        let d = err("a: !thing x\n");
        assert_eq!(d.pos, Pos::new(1, 4), "{}", d.message);
    }

    #[test]
    fn valid_multi_line_flows_and_quotes_are_fine() {
        assert!(parse_str("a: [\n  1,\n  2\n]\nb: \"x\n  y\"\n").is_ok());
        assert!(parse_str("---\na: 1\n...\n").is_ok());
        assert!(parse_str("a: &x {b: 1}\nc:\n  <<: *x\n  d: 2\n").is_ok());
    }
}
