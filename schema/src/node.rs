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
pub const MAX_SPEC_BYTES: usize = 8 * 1024 * 1024;

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
    Pos::new(
        u32::try_from(loc.line()).unwrap_or(u32::MAX),
        u32::try_from(loc.column()).unwrap_or(u32::MAX),
    )
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
            let good = &bytes[..e.valid_up_to()];
            // `good` is the valid prefix, so this is exact.
            let prefix = String::from_utf8_lossy(good);
            let pos = end_pos(&prefix);
            return Err(Diagnostic::new(
                pos,
                format!(
                    "spec is not valid UTF-8 (invalid byte 0x{:02x}); save the file as UTF-8",
                    bytes[e.valid_up_to()]
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
    Pos::new(clamp(line), clamp(col))
}

fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The deepest nesting of mappings and sequences a spec may use. Real specs
/// nest about six deep; the limit stops stack exhaustion on hostile input.
pub const MAX_DEPTH: usize = 32;

/// The most YAML nodes (scalars, mappings, sequences, alias expansions
/// included) a spec may have. A 1000-endpoint spec has about 20,000.
pub const MAX_NODES: usize = 250_000;

/// The most nodes that aliases (`*name`) may replay in total: generous for
/// `<<: *defaults` in every endpoint, far below an alias bomb.
pub const MAX_ALIAS_REPLAY: usize = 100_000;

/// The budgets serde-saphyr enforces while it reads a spec.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_reader_input_bytes: Some(MAX_SPEC_BYTES),
            simple_key_max_lookahead: 1024,
            flow_nesting_limit: MAX_DEPTH,
            max_depth: MAX_DEPTH,
            max_events: 4 * MAX_NODES,
            max_nodes: MAX_NODES,
            max_aliases: 50_000,
            max_anchors: 50_000,
            max_recorded_anchor_events: 2 * MAX_ALIAS_REPLAY,
            max_recorded_anchor_bytes: MAX_SPEC_BYTES,
            max_documents: 2,
            max_total_scalar_bytes: MAX_SPEC_BYTES,
            max_merge_keys: 50_000,
            // Many aliases of one anchor (`errors: *common` on every endpoint) are
            // legitimate; the replay limits below bound the expansion instead.
            enforce_alias_anchor_ratio: false,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_ALIAS_REPLAY,
            max_replay_stack_depth: MAX_DEPTH,
        },
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        with_snippet: false,
        strict_booleans: true,
        reject_unsupported_tags: true,
    }
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
    match serde_saphyr::from_str_with_options::<Spanned<Value>>(text, options()) {
        Ok(root) => Ok(Node::from(root)),
        Err(err) => Err(yaml_error(text, &err)),
    }
}

fn location_pos(loc: serde_saphyr::Location) -> Option<Pos> {
    (loc.line() > 0).then(|| {
        Pos::new(
            u32::try_from(loc.line()).unwrap_or(u32::MAX),
            u32::try_from(loc.column()).unwrap_or(u32::MAX),
        )
    })
}

/// One readable diagnostic for a serde-saphyr error: budgets and common
/// syntax mistakes get their own wording and, where the parser reports a
/// later place, the position a human would point at.
fn yaml_error(text: &str, err: &serde_saphyr::Error) -> Diagnostic {
    use serde_saphyr::Error as E;
    let mut err = err.without_snippet();
    while let E::AliasError { error, .. } = err {
        err = error.without_snippet();
    }
    let pos = err.location().and_then(location_pos).unwrap_or(Pos::START);
    let msg = match err {
        E::Budget { breach, .. } => budget_message(breach),
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => format!(
            "aliases expand to more than {MAX_ALIAS_REPLAY} nodes (an alias bomb?); write the data out or use fewer nested aliases"
        ),
        E::AliasReplayStackDepthExceeded { .. } => {
            format!("aliases nest more than {MAX_DEPTH} levels deep")
        }
        E::MultipleDocuments { .. } => {
            let at = document_marker(text, pos).unwrap_or(pos);
            return Diagnostic::new(
                at,
                "a spec is a single YAML document, but this file has more than one (separated by `---`)",
            );
        }
        E::UnknownAnchor { .. } => match alias_name(text, pos) {
            Some(name) => format!(
                "alias `*{name}` refers to an anchor `&{name}` that is not defined before it"
            ),
            None => "alias refers to an anchor that is not defined before it".to_owned(),
        },
        E::UnsupportedTag { tag, .. } => {
            // The parser reports the node after the tag; point at the tag.
            let at = line_text(text, pos.line)
                .and_then(|l| {
                    let before: String =
                        l.chars().take(pos.col.saturating_sub(1) as usize).collect();
                    before.rfind('!').map(|i| before[..i].chars().count())
                })
                .map_or(pos, |i| Pos::new(pos.line, clamp(i + 1)));
            return Diagnostic::new(
                at,
                format!("invalid YAML: YAML tag `{tag}` is not supported in a spec; remove it"),
            );
        }
        E::MergeValueNotMapOrSeqOfMaps { .. } => {
            "the value of a merge key `<<` must be a mapping or a list of mappings".to_owned()
        }
        other => return syntax_error(text, pos, &other.to_string()),
    };
    Diagnostic::new(pos, format!("invalid YAML: {msg}"))
}

fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Depth { .. } => format!("nesting is deeper than {MAX_DEPTH} levels"),
        B::Nodes { .. } | B::Events { .. } => {
            format!(
                "spec has more than {MAX_NODES} YAML nodes (aliases expanded); is this really a spec?"
            )
        }
        B::Aliases { .. } | B::AliasAnchorRatio { .. } => "too many aliases (`*name`)".to_owned(),
        B::Anchors { .. } => "too many anchors (`&name`)".to_owned(),
        B::MergeKeys { .. } => "too many merge keys (`<<`)".to_owned(),
        B::Documents { .. } => {
            "a spec is a single YAML document, but this file has more than one (separated by `---`)"
                .to_owned()
        }
        B::ScalarBytes { .. } | B::InputBytes { .. } => {
            format!("spec is too large; the limit is {MAX_SPEC_BYTES} bytes")
        }
        B::RecordedAnchorEvents { .. } | B::RecordedAnchorBytes { .. } => format!(
            "aliases expand to more than {MAX_ALIAS_REPLAY} nodes (an alias bomb?); write the data out or use fewer nested aliases"
        ),
        other => format!("spec exceeds a safety limit of the YAML reader ({other:?})"),
    }
}

/// A YAML syntax error, reworded where the parser's text is cryptic.
fn syntax_error(text: &str, pos: Pos, raw: &str) -> Diagnostic {
    let first = raw.lines().next().unwrap_or("invalid YAML").trim();
    let first = match first.find(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    let line = line_text(text, pos.line).unwrap_or("");
    if (first.contains("quoted scalar") || first.contains("unclosed quote"))
        && let Some(at) = runaway_quote(text, pos)
    {
        return Diagnostic::new(
            at,
            "invalid YAML: this quoted string is never closed (its closing quote is missing)",
        );
    }
    if first.contains("recursion limit exceeded") {
        return Diagnostic::new(
            pos,
            format!("invalid YAML: nesting is deeper than {MAX_DEPTH} levels"),
        );
    }
    // A `{` or `[` left open on an earlier line makes the parser stumble
    // later, often with an unrelated message: point at the opener.
    if !first.contains("tab")
        && let Some((at, open)) = unclosed_flow(text, pos)
    {
        let close = if open == '{' { '}' } else { ']' };
        return Diagnostic::new(
            at,
            format!("invalid YAML: this `{open}` is never closed with `{close}`"),
        );
    }
    if first.contains("tab") {
        // The parser may stop on the line before the tab (a plain scalar that
        // could continue): point at the first tab used as indentation.
        let at = split_lines(text)
            .enumerate()
            .skip(pos.line.saturating_sub(1) as usize)
            .take(3)
            .find_map(|(i, l)| {
                let indent = l
                    .chars()
                    .take_while(|c| c.is_whitespace())
                    .position(|c| c == '\t')?;
                Some(Pos::new(clamp(i + 1), clamp(indent + 1)))
            })
            .or_else(|| {
                line.chars()
                    .position(|c| c == '\t')
                    .map(|i| Pos::new(pos.line, clamp(i + 1)))
            })
            .unwrap_or(pos);
        return Diagnostic::new(
            at,
            "invalid YAML: tab character in indentation; indent with spaces",
        );
    }
    if let Some(i) = bracket_then_question(line) {
        return Diagnostic::new(
            Pos::new(pos.line, clamp(i + 1)),
            "invalid YAML: a list type with `?` must be quoted, e.g. `tags: \"[string]?\"`",
        );
    }
    if first.contains("simple key expected ':'") || first.contains("could not find expected ':'") {
        if line.chars().count() > 1024 {
            return Diagnostic::new(
                pos,
                "invalid YAML: key is longer than 1024 characters, or is missing its `:`",
            );
        }
        return Diagnostic::new(pos, "invalid YAML: expected `:` after this key");
    }
    if first.contains("mapping values are not allowed") {
        return Diagnostic::new(
            pos,
            "invalid YAML: unexpected `:` here; quote a value that contains `: `, or check the indentation",
        );
    }
    if first.contains("did not find expected key") {
        return Diagnostic::new(
            pos,
            "invalid YAML: bad indentation: this line does not line up with the keys above it",
        );
    }
    if first.contains("did not find expected '-' indicator") {
        return Diagnostic::new(
            pos,
            "invalid YAML: bad indentation: this line does not line up with the list items above it",
        );
    }
    let first = first.strip_prefix("invalid YAML: ").unwrap_or(first);
    Diagnostic::new(pos, format!("invalid YAML: {first}"))
}

/// The text of 1-based line `n`, YAML line breaks.
fn line_text(text: &str, n: u32) -> Option<&str> {
    split_lines(text).nth((n as usize).checked_sub(1)?)
}

/// Lines split at `\n`, `\r\n` and a lone `\r`, as YAML counts them.
pub(crate) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.find(['\n', '\r']) {
            Some(i) => {
                let skip = if r[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&r[i + skip..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                if r.is_empty() { None } else { Some(r) }
            }
        }
    })
}

/// The `---` that starts the document containing `pos` (for "more than one document").
fn document_marker(text: &str, pos: Pos) -> Option<Pos> {
    let lines: Vec<&str> = split_lines(text).take(pos.line as usize).collect();
    let mut found = None;
    for (i, l) in lines.iter().enumerate().skip(1) {
        if l.starts_with("---") || l.starts_with("...") {
            found = Some(Pos::new(clamp(i + 1), 1));
        }
    }
    // Prefer a `---` after the first document's content (not a leading one).
    found
}

/// The name of the alias at `pos` (`*name`), if the text there is one.
fn alias_name(text: &str, pos: Pos) -> Option<String> {
    let line = line_text(text, pos.line)?;
    let rest: String = line
        .chars()
        .skip(pos.col.saturating_sub(1) as usize)
        .collect();
    let rest = rest.trim_start().strip_prefix('*')?;
    let name: String = rest
        .chars()
        .take_while(|c| !c.is_whitespace() && !",[]{}".contains(*c))
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The column (0-based, chars) of an unquoted `]?` on a line, e.g. `tags: [string]?`.
fn bracket_then_question(line: &str) -> Option<usize> {
    let chars: Vec<char> = line.chars().collect();
    let colon = chars.iter().position(|&c| c == ':')?;
    let value_start = (colon + 1..chars.len()).find(|&i| !chars[i].is_whitespace())?;
    if chars[value_start] != '[' {
        return None;
    }
    (value_start..chars.len().saturating_sub(1))
        .find(|&i| chars[i] == ']' && chars[i + 1] == '?')
        .map(|_| value_start)
}

/// What a light scan of the text up to a position found: flow collections
/// still open, and the quoted scalar that was open or ended last.
#[derive(Default)]
struct Scan {
    open_flows: Vec<(Pos, char)>,
    /// Start of a quoted scalar still open at the position.
    open_quote: Option<Pos>,
    /// Start and end line of the last quoted scalar that closed before the position.
    last_quote: Option<(Pos, u32)>,
}

/// Scans `text` up to `pos`, tracking quotes, comments and flow brackets
/// (enough to point at the `{` or `"` a syntax error really comes from).
fn scan_to(text: &str, pos: Pos) -> Scan {
    let mut scan = Scan::default();
    let mut quote: Option<(char, Pos)> = None;
    for (li, line) in split_lines(text).enumerate() {
        let lnum = clamp(li + 1);
        if lnum > pos.line {
            break;
        }
        let mut prev: Option<char> = None;
        let mut chars = line.chars().enumerate().peekable();
        while let Some((ci, c)) = chars.next() {
            let col = clamp(ci + 1);
            if lnum == pos.line && col >= pos.col {
                break;
            }
            match quote {
                Some(('"', start)) => match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => {
                        quote = None;
                        scan.last_quote = Some((start, lnum));
                    }
                    _ => {}
                },
                Some((_, start)) => {
                    if c == '\'' {
                        if chars.peek().map(|&(_, n)| n) == Some('\'') {
                            chars.next();
                        } else {
                            quote = None;
                            scan.last_quote = Some((start, lnum));
                        }
                    }
                }
                None => match c {
                    '#' if prev.is_none_or(char::is_whitespace) => break,
                    '"' | '\''
                        if prev.is_none_or(|p| p.is_whitespace() || "[{,:-?".contains(p)) =>
                    {
                        quote = Some((c, Pos::new(lnum, col)));
                    }
                    '{' | '[' => scan.open_flows.push((Pos::new(lnum, col), c)),
                    '}' | ']' => {
                        scan.open_flows.pop();
                    }
                    _ => {}
                },
            }
            prev = Some(c);
        }
    }
    scan.open_quote = quote.map(|(_, p)| p);
    scan
}

/// The innermost `{` or `[` still open at `pos`, if it was opened on an
/// earlier line: the place a human points at for a missing `}` or `]`.
fn unclosed_flow(text: &str, pos: Pos) -> Option<(Pos, char)> {
    scan_to(text, pos)
        .open_flows
        .last()
        .copied()
        .filter(|(p, _)| p.line < pos.line)
}

/// The start of a quoted string that runs over more lines than it should
/// before the error at `pos`: the place of a missing closing quote.
fn runaway_quote(text: &str, pos: Pos) -> Option<Pos> {
    let scan = scan_to(text, pos);
    if let Some(open) = scan.open_quote.filter(|p| p.line < pos.line) {
        return Some(open);
    }
    scan.last_quote
        .filter(|(start, end)| *end == pos.line && start.line < pos.line)
        .map(|(start, _)| start)
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
    fn lines_split_like_yaml() {
        let lines: Vec<&str> = split_lines("a\r\nb\rc\nd").collect();
        assert_eq!(lines, ["a", "b", "c", "d"]);
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
