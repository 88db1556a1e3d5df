//! The reader every section shares: reading a mapping, checking its keys
//! (unknown, duplicate, missing), and reading a mapping of named sections.
//! The scalar readers (strings, integers, lists, types) are in
//! [`super::scalars`].

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Pos};
use crate::located::{Entries, Located};
use crate::node::{Node, Value};

use super::key_hint::key_hint;

/// Reads the YAML tree, collecting every problem and the dotted paths of the
/// parts that could not be read.
pub(super) struct Reader<'d> {
    diags: &'d mut Vec<Diagnostic>,
    /// Dotted paths of the parts replaced by placeholders ([`crate::document::Document::broken`]).
    pub(super) broken: Vec<String>,
    /// The last mapping read by `entries` had a key that is not a name.
    unreadable_key: bool,
}

/// A mapping of the format after its keys were checked: the allowed keys
/// only, looked up by key.
pub(super) struct CheckedMapping<'n> {
    /// Where missing keys are reported: the key this mapping sits under.
    pub(super) pos: Pos,
    /// How messages name this mapping: "`api`", "endpoint `get_item`".
    pub(super) what: String,
    /// Dotted path for [`crate::document::Document::broken`]: "api", "endpoints.get_item".
    pub(super) path: String,
    entries: Vec<(Located<String>, &'n Node)>,
    /// Allowed keys that an unknown key was reported as a likely misspelling of:
    /// their absence is not reported again.
    misspelled: Vec<&'static str>,
}

impl<'n> CheckedMapping<'n> {
    /// Where `key` is written, if it is.
    pub(super) fn key_pos(&self, key: &str) -> Option<Pos> {
        self.entries
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(k, _)| k.pos)
    }

    /// The value of `key`, if written (an empty value is `Null`).
    pub(super) fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(_, v)| *v)
    }

    /// The value of an optional key; an empty value (`key:`) counts as absent.
    pub(super) fn opt(&self, key: &str) -> Option<&'n Node> {
        self.get(key).filter(|n| n.value != Value::Null)
    }

    /// How messages name `key` of this mapping: "`name` in `api`".
    pub(super) fn what_key(&self, key: &str) -> String {
        format!("`{key}` in {}", self.what)
    }
}

/// Describes a value for "must be X, found Y" messages.
pub(super) fn found(node: &Node) -> String {
    match &node.value {
        Value::Null => "nothing".to_owned(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Int(i) => format!("the integer `{i}`"),
        Value::UInt(u) => format!("the integer `{u}`"),
        Value::Float(f) => format!("the number `{f:?}`"),
        Value::Str(s) => {
            let shown: String = s.chars().take(40).collect();
            let more = if s.chars().count() > 40 { "..." } else { "" };
            format!("the string \"{}{more}\"", shown.escape_debug())
        }
        Value::Seq(_) => "a list".to_owned(),
        Value::Map(_) => "a mapping".to_owned(),
    }
}

/// `a`, `b`, `c`: names quoted for a message.
pub(super) fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl<'d> Reader<'d> {
    /// A reader that pushes its problems to `diags`.
    pub(super) fn new(diags: &'d mut Vec<Diagnostic>) -> Self {
        Reader {
            diags,
            broken: Vec::new(),
            unreadable_key: false,
        }
    }
}

impl Reader<'_> {
    /// Reports a problem at `pos`.
    pub(super) fn err(&mut self, pos: Pos, msg: impl Into<String>) {
        self.diags.push(Diagnostic::new(pos, msg));
    }

    /// Records that the part at dotted `path` could not be read.
    pub(super) fn broke(&mut self, path: impl Into<String>) {
        self.broken.push(path.into());
    }

    /// The entries of a mapping with string keys; reports a non-mapping, non-string
    /// keys and duplicate keys (keeping the first). `noun` names an entry in
    /// duplicate messages ("operation id", "field"); `None` for plain keys.
    fn entries<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        noun: Option<&str>,
    ) -> Option<Vec<(Located<String>, &'n Node)>> {
        let Value::Map(items) = &node.value else {
            let hint = match &node.value {
                Value::Seq(_) => "; write `name: value` pairs, not a `- ` list",
                _ => "",
            };
            self.err(
                node.pos,
                format!("{what} must be a mapping, found {}{hint}", found(node)),
            );
            return None;
        };
        let mut out: Vec<(Located<String>, &'n Node)> = Vec::with_capacity(items.len());
        let mut first_line: HashMap<String, u32> = HashMap::with_capacity(items.len());
        let mut unreadable = false;
        for (k, v) in items {
            let name = match &k.value {
                Value::Str(name) => name.clone(),
                // A number or boolean key is still a name (`404:`), reported later if it breaks a rule.
                Value::Int(i) => i.to_string(),
                Value::UInt(u) => u.to_string(),
                Value::Bool(b) => b.to_string(),
                other => {
                    let shown = if *other == Value::Null {
                        "nothing".to_owned()
                    } else {
                        other.kind().to_owned()
                    };
                    self.err(
                        k.pos,
                        format!("keys in {what} must be names, found {shown}"),
                    );
                    unreadable = true;
                    continue;
                }
            };
            if let Some(&line) = first_line.get(&name) {
                let msg = match noun {
                    Some(noun) => {
                        format!("duplicate {noun} `{name}` (first defined on line {line})")
                    }
                    None => {
                        format!("duplicate key `{name}` in {what} (first defined on line {line})")
                    }
                };
                self.err(k.pos, msg);
                continue;
            }
            first_line.insert(name.clone(), k.pos.line);
            out.push((Located::new(name, k.pos), v));
        }
        self.unreadable_key = unreadable;
        Some(out)
    }

    /// A mapping with a fixed set of keys: unknown keys are reported with a suggestion.
    /// `at` is where missing keys are reported (the key this mapping sits under).
    pub(super) fn object<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        path: &str,
        allowed: &[&'static str],
        at: Pos,
    ) -> Option<CheckedMapping<'n>> {
        let entries = self.entries(node, what, None)?;
        let mut kept = Vec::with_capacity(entries.len());
        let mut misspelled = Vec::new();
        for (k, v) in entries {
            if allowed.contains(&k.value.as_str()) {
                kept.push((k, v));
                continue;
            }
            let hint = if matches!(k.value.as_str(), "required" | "optional" | "nullable")
                && allowed.contains(&"type")
            {
                "; a field is optional when its type ends in `?`, as in `string?`".to_owned()
            } else if let Some(s) = key_hint(&k.value, allowed) {
                misspelled.push(s);
                format!("; did you mean `{s}`?")
            } else {
                format!("; expected one of {}", list(allowed))
            };
            self.err(k.pos, format!("unknown key `{}` in {what}{hint}", k.value));
        }
        for key in &misspelled {
            // `path_params` written as `params`: do not also report each `{param}` as undeclared.
            self.broke(format!("{path}.{key}"));
        }
        Some(CheckedMapping {
            pos: at,
            what: what.to_owned(),
            path: path.to_owned(),
            entries: kept,
            misspelled,
        })
    }

    /// A required key's node, or a report at the parent key and a broken mark.
    pub(super) fn required<'n>(
        &mut self,
        mapping: &CheckedMapping<'n>,
        key: &str,
    ) -> Option<&'n Node> {
        let found = mapping.get(key);
        if found.is_none() {
            if !mapping.misspelled.contains(&key) {
                self.err(
                    mapping.pos,
                    format!("missing required key `{key}` in {}", mapping.what),
                );
            }
            self.broke(format!("{}.{key}", mapping.path));
        }
        found
    }

    /// A top-level mapping of names to sections; absent or empty is no entries.
    pub(super) fn section<T>(
        &mut self,
        mapping: &CheckedMapping<'_>,
        key: &str,
        noun: Option<&str>,
        item: impl FnMut(&mut Self, &Located<String>, &Node) -> Option<T>,
    ) -> Entries<T> {
        match mapping.opt(key) {
            None => Entries::default(),
            Some(n) => self.map_of(n, &format!("`{key}`"), key, noun, item),
        }
    }

    /// A mapping of names to sections; a broken section is dropped (its problems
    /// reported) and its path `path.name` recorded; a non-mapping records `path`.
    pub(super) fn map_of<T>(
        &mut self,
        node: &Node,
        what: &str,
        path: &str,
        noun: Option<&str>,
        mut item: impl FnMut(&mut Self, &Located<String>, &Node) -> Option<T>,
    ) -> Entries<T> {
        if node.value == Value::Null {
            return Entries::default();
        }
        let Some(entries) = self.entries(node, what, noun) else {
            self.broke(path);
            return Entries::default();
        };
        if self.unreadable_key {
            // An entry whose name could not be read: references to names of
            // this section cannot be called unknown.
            self.broke(path);
        }
        let mut out = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            match item(self, &k, v) {
                Some(t) => out.push((k, t)),
                None => self.broke(format!("{path}.{}", k.value)),
            }
        }
        Entries(out)
    }
}
