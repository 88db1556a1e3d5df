//! Stage 1, load: the OpenAPI text (JSON or YAML) as a [`Node`] tree that keeps
//! the document's key order, bounded in size and depth, with JSON-pointer
//! navigation and bounded `$ref` resolution.

use core::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// The largest document read, in bytes (GitHub's description is 13 MB).
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;
/// The deepest nesting of arrays and objects read.
pub const MAX_DEPTH: usize = 96;
/// The most `$ref` hops followed from one place before giving up (a cycle or a
/// chain this long is reported, never followed forever).
pub const MAX_REF_HOPS: usize = 32;

/// One JSON value, objects in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as an `f64` and, when it is an integer, as an `i64`.
    Number(f64, Option<i64>),
    /// A string.
    Str(String),
    /// An array.
    Array(Vec<Node>),
    /// An object: its entries in document order (duplicate keys kept, the first wins).
    Object(Vec<(String, Node)>),
}

/// Why a document could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError(pub String);

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Node {
    /// The value at `key` of an object (the first, for a duplicate key).
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string at `key`.
    pub fn str_at(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Node::as_str)
    }

    /// This value as a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean at `key`, `false` when absent or not a boolean.
    pub fn flag(&self, key: &str) -> bool {
        matches!(self.get(key), Some(Node::Bool(true)))
    }

    /// An object's entries; empty for anything else.
    pub fn entries(&self) -> &[(String, Node)] {
        match self {
            Node::Object(e) => e,
            _ => &[],
        }
    }

    /// An array's items; empty for anything else.
    pub fn items(&self) -> &[Node] {
        match self {
            Node::Array(a) => a,
            _ => &[],
        }
    }

    /// Whether this is an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Node::Object(_))
    }

    /// The node at a JSON pointer (`#/components/schemas/Item`), if any.
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        let rest = pointer.strip_prefix('#')?;
        if rest.is_empty() {
            return Some(self);
        }
        let rest = rest.strip_prefix('/')?;
        let mut node = self;
        for raw in rest.split('/') {
            let seg = unescape_segment(raw);
            node = match node {
                Node::Object(_) => node.get(&seg)?,
                Node::Array(items) => items.get(seg.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }
}

/// A JSON-pointer segment with `~1` and `~0` undone and `%XX` decoded (as a
/// `$ref` URI fragment may carry it).
fn unescape_segment(raw: &str) -> String {
    let decoded = percent_decode(raw);
    decoded.replace("~1", "/").replace("~0", "~")
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| core::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `segment` escaped for a JSON pointer (`/` as `~1`, `~` as `~0`).
pub fn escape_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// `base/segment`, the segment escaped.
pub fn child(base: &str, segment: &str) -> String {
    format!("{base}/{}", escape_segment(segment))
}

/// The stack the reader runs on. A nested value costs the YAML reader tens of
/// KiB of stack in a debug build, so [`MAX_DEPTH`] levels do not fit in a
/// 2 MiB thread (Rust's default for spawned threads and tests).
const PARSE_STACK_BYTES: usize = 32 * 1024 * 1024;

/// Reads a document: JSON when it starts with `{` (after whitespace), YAML
/// otherwise. It runs on a thread of its own with a stack sized for
/// [`MAX_DEPTH`], whatever the caller's stack.
pub fn parse(text: &str) -> Result<Node, LoadError> {
    std::thread::scope(|scope| {
        let reader = std::thread::Builder::new()
            .name("vook-import-reader".to_owned())
            .stack_size(PARSE_STACK_BYTES)
            .spawn_scoped(scope, || parse_here(text))
            .map_err(|e| LoadError(format!("cannot start the document reader: {e}")))?;
        reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

fn parse_here(text: &str) -> Result<Node, LoadError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(LoadError(format!(
            "the document is {} bytes; the limit is {} MiB",
            text.len(),
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        )));
    }
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let node = if trimmed.starts_with('{') {
        let mut de = serde_json::Deserializer::from_str(trimmed);
        let node = Bounded::deserialize_node(&mut de, 0)
            .map_err(|e| LoadError(format!("not valid JSON: {e}")))?;
        de.end()
            .map_err(|e| LoadError(format!("not valid JSON: {e}")))?;
        node
    } else {
        let node: Bounded = serde_saphyr::from_str_with_options(trimmed, yaml_options())
            .map_err(|e| LoadError(format!("not valid YAML: {}", first_line(&e.to_string()))))?;
        node.0
    };
    if !node.is_object() {
        return Err(LoadError(
            "the document is not a JSON object (an OpenAPI document is one)".to_owned(),
        ));
    }
    Ok(node)
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

fn yaml_options() -> serde_saphyr::Options {
    let bytes = MAX_DOCUMENT_BYTES;
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_reader_input_bytes: Some(bytes),
            flow_nesting_limit: MAX_DEPTH,
            max_depth: MAX_DEPTH,
            max_events: 20_000_000,
            max_nodes: 10_000_000,
            max_aliases: 100_000,
            max_anchors: 100_000,
            max_recorded_anchor_events: 1_000_000,
            max_recorded_anchor_bytes: bytes,
            max_documents: 1,
            max_total_scalar_bytes: bytes,
            max_merge_keys: 100_000,
            enforce_alias_anchor_ratio: false,
        },
        alias_limits: serde_saphyr::alias_limits! {
            // An alias bomb costs time per replayed event (about 9 us in a
            // debug build): 1,000,000 took 9 s to refuse.
            max_total_replayed_events: 200_000,
            max_replay_stack_depth: MAX_DEPTH,
        },
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::FirstWins,
        // YAML 1.2 booleans only: `y`, `n`, `on`, `off`, `yes` and `no` are
        // strings (property names and enum values), not `true`/`false`.
        strict_booleans: true,
        with_snippet: false,
    }
}

/// A [`Node`] read with a depth bound (serde_json's own limit is 128; the YAML
/// reader's budget is [`MAX_DEPTH`]; this one holds for both).
struct Bounded(Node);

impl Bounded {
    fn deserialize_node<'de, D: Deserializer<'de>>(d: D, depth: usize) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor { depth })
    }
}

impl<'de> Deserialize<'de> for Bounded {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Bounded::deserialize_node(d, 0).map(Bounded)
    }
}

struct NodeVisitor {
    depth: usize,
}

/// One nested value, read one level deeper.
struct Nested {
    depth: usize,
}

impl<'de> de::DeserializeSeed<'de> for Nested {
    type Value = Node;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Bounded::deserialize_node(d, self.depth)
    }
}

impl NodeVisitor {
    fn deeper<E: de::Error>(&self) -> Result<usize, E> {
        if self.depth >= MAX_DEPTH {
            Err(E::custom(format!("nested deeper than {MAX_DEPTH} levels")))
        } else {
            Ok(self.depth + 1)
        }
    }
}

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Bounded::deserialize_node(d, self.depth)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Number(v as f64, Some(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Number(v as f64, i64::try_from(v).ok()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Number(v, None))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let depth = self.deeper()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Nested { depth })? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let depth = self.deeper()?;
        let mut entries: Vec<(String, Node)> = Vec::new();
        while let Some(key) = map.next_key::<KeyText>()? {
            let value = map.next_value_seed(Nested { depth })?;
            entries.push((key.0, value));
        }
        Ok(Node::Object(entries))
    }
}

/// An object key: a string, or a YAML scalar key read as its text (`200:`).
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a scalar key")
            }
            fn visit_str<E>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<KeyText, E> {
                Ok(KeyText(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<KeyText, E> {
                Ok(KeyText("null".to_owned()))
            }
        }
        d.deserialize_any(KeyVisitor)
    }
}

/// Where a `$ref` chain ends.
pub enum Resolved<'d> {
    /// The node reached, and the pointer of the place it is defined
    /// (`#/components/schemas/Item`, or the starting place when no `$ref`).
    Found(&'d Node, String),
    /// A `$ref` that does not lead to a node: the message says why.
    Broken(String),
}

/// Follows `$ref`s from `node` (at pointer `at`) to the node they name, at
/// most [`MAX_REF_HOPS`] hops. Only local references (`#/...`) are followed.
pub fn resolve<'d>(root: &'d Node, node: &'d Node, at: &str) -> Resolved<'d> {
    let mut node = node;
    let mut place = at.to_owned();
    for _ in 0..=MAX_REF_HOPS {
        let Some(target) = node.get("$ref") else {
            return Resolved::Found(node, place);
        };
        let Some(target) = target.as_str() else {
            return Resolved::Broken("`$ref` is not a string".to_owned());
        };
        if !target.starts_with('#') {
            return Resolved::Broken(format!(
                "`$ref` `{target}` points into another document, which is not read"
            ));
        }
        match root.pointer(target) {
            Some(next) => {
                node = next;
                place = target.to_owned();
            }
            None => {
                return Resolved::Broken(format!("`$ref` `{target}` points to nothing"));
            }
        }
    }
    Resolved::Broken(format!(
        "`$ref` chain longer than {MAX_REF_HOPS} hops (a cycle?)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_yaml_keep_key_order() {
        let j = parse(r#"{"b": 1, "a": {"z": [true, null], "y": "s"}}"#).unwrap();
        let keys: Vec<&str> = j.entries().iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["b", "a"]);
        let y = parse("b: 1\na:\n  z: [true, null]\n  y: s\n200: ok\n").unwrap();
        assert_eq!(y.pointer("#/a/y"), Some(&Node::Str("s".into())));
        assert_eq!(y.str_at("200"), Some("ok"));
        assert_eq!(j.pointer("#/a/z/0"), Some(&Node::Bool(true)));
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = format!("{}{}", "{\"a\":".repeat(5000), "}".repeat(5000));
        assert!(parse(&deep).is_err());
        let deep_yaml = format!("a: {}1{}", "[".repeat(5000), "]".repeat(5000));
        assert!(parse(&deep_yaml).is_err());
    }

    #[test]
    fn refs_follow_chains_and_stop_on_cycles() {
        let doc = parse(
            r##"{"a": {"$ref": "#/b"}, "b": {"$ref": "#/c~1d"}, "c/d": {"x": 1},
            "loop": {"$ref": "#/loop"}, "gone": {"$ref": "#/nowhere"}}"##,
        )
        .unwrap();
        let a = doc.get("a").unwrap();
        match resolve(&doc, a, "#/a") {
            Resolved::Found(n, at) => {
                assert!(n.get("x").is_some());
                assert_eq!(at, "#/c~1d");
            }
            Resolved::Broken(m) => panic!("{m}"),
        }
        assert!(
            matches!(resolve(&doc, doc.get("loop").unwrap(), "#/loop"), Resolved::Broken(m) if m.contains("cycle"))
        );
        assert!(
            matches!(resolve(&doc, doc.get("gone").unwrap(), "#/gone"), Resolved::Broken(m) if m.contains("nothing"))
        );
    }
}
