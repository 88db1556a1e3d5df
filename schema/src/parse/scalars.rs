//! The value readers every section shares: strings, free text, choices,
//! integers, booleans, lists of names and type expressions. Each reports a
//! value of the wrong type where it is written, with a hint where one helps.

use crate::located::Located;
use crate::node::{Node, Value};

use super::reader::{CheckedMapping, Reader, found, list};

/// The hint for a value of the wrong type that was likely meant as `want`.
fn quoted_hint(node: &Node, want: &str) -> &'static str {
    match (&node.value, want) {
        (Value::Str(s), "integer") if s.trim().parse::<i64>().is_ok() => {
            "; write the number without quotes"
        }
        (Value::Str(s), "boolean") if matches!(s.trim(), "true" | "false") => {
            "; write it without quotes"
        }
        (Value::Str(s), "boolean")
            if matches!(
                s.trim().to_ascii_lowercase().as_str(),
                "yes" | "no" | "on" | "off" | "y" | "n"
            ) =>
        {
            "; write `true` or `false`"
        }
        _ => "",
    }
}

/// A type expression flattened to its text: a string, or an unquoted
/// one-item YAML list `[T]` (read as the string `"[T]"`). `None` for anything else.
fn flatten_type(node: &Node) -> Option<String> {
    match &node.value {
        Value::Str(s) => Some(s.clone()),
        Value::Seq(items) => match items.as_slice() {
            [item] => Some(format!("[{}]", flatten_type(item)?)),
            _ => None,
        },
        _ => None,
    }
}

impl Reader<'_> {
    /// A string; any other value is reported (scalars with "quote it").
    pub(super) fn string(&mut self, node: &Node, what: &str) -> Option<Located<String>> {
        match &node.value {
            Value::Str(s) => Some(Located::new(s.clone(), node.pos)),
            _ => {
                let hint = match &node.value {
                    Value::Seq(_) | Value::Map(_) => "",
                    Value::Null => "",
                    _ => "; quote it",
                };
                self.err(
                    node.pos,
                    format!("{what} must be a string, found {}{hint}", found(node)),
                );
                None
            }
        }
    }

    /// A string from a fixed set (`retry`, `method`, `scheme`): a value of
    /// another type is reported with the choices, not with "quote it".
    pub(super) fn choice(
        &mut self,
        mapping: &CheckedMapping<'_>,
        key: &str,
        choices: &[&str],
    ) -> Option<Located<String>> {
        // A required key (checked by the caller) with an empty value is reported here.
        let node = mapping.get(key)?;
        if let Value::Str(s) = &node.value {
            return Some(Located::new(s.clone(), node.pos));
        }
        self.err(
            node.pos,
            format!(
                "{} must be one of {}, found {}",
                mapping.what_key(key),
                list(choices),
                found(node)
            ),
        );
        None
    }

    /// An optional [`Reader::choice`]: absent or empty is `None`.
    pub(super) fn opt_choice(
        &mut self,
        mapping: &CheckedMapping<'_>,
        key: &str,
        choices: &[&str],
    ) -> Option<Located<String>> {
        mapping.opt(key)?;
        self.choice(mapping, key, choices)
    }

    /// A free-text value (`summary`, `title`, ...): any scalar reads as its text.
    fn text(&mut self, node: &Node, what: &str) -> Option<Located<String>> {
        let s = match &node.value {
            Value::Str(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::UInt(u) => u.to_string(),
            Value::Float(f) => f.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => return self.string(node, what),
        };
        Some(Located::new(s, node.pos))
    }

    /// An optional free-text value.
    pub(super) fn opt_text(
        &mut self,
        mapping: &CheckedMapping<'_>,
        key: &str,
    ) -> Option<Located<String>> {
        let node = mapping.opt(key)?;
        self.text(node, &mapping.what_key(key))
    }

    /// An optional string.
    pub(super) fn opt_string(
        &mut self,
        mapping: &CheckedMapping<'_>,
        key: &str,
    ) -> Option<Located<String>> {
        let node = mapping.opt(key)?;
        self.string(node, &mapping.what_key(key))
    }

    /// A required string; a placeholder (empty, at the parent key) when missing or wrong.
    pub(super) fn req_string(
        &mut self,
        mapping: &CheckedMapping<'_>,
        key: &str,
    ) -> Located<String> {
        let got = self.required(mapping, key).and_then(|node| {
            let s = self.string(node, &mapping.what_key(key));
            if s.is_none() {
                self.broke(format!("{}.{key}", mapping.path));
            }
            s
        });
        got.unwrap_or_else(|| Located::new(String::new(), mapping.pos))
    }

    /// A non-negative integer.
    pub(super) fn uint(&mut self, node: &Node, what: &str) -> Option<Located<u64>> {
        match &node.value {
            Value::Int(i) => match u64::try_from(*i) {
                Ok(u) => Some(Located::new(u, node.pos)),
                Err(_) => {
                    self.err(
                        node.pos,
                        format!("{what} must be a non-negative integer, found `{i}`"),
                    );
                    None
                }
            },
            Value::UInt(u) => Some(Located::new(*u, node.pos)),
            _ => {
                let hint = quoted_hint(node, "integer");
                self.err(
                    node.pos,
                    format!("{what} must be an integer, found {}{hint}", found(node)),
                );
                None
            }
        }
    }

    /// An optional non-negative integer.
    pub(super) fn opt_uint(
        &mut self,
        mapping: &CheckedMapping<'_>,
        key: &str,
    ) -> Option<Located<u64>> {
        let node = mapping.opt(key)?;
        self.uint(node, &mapping.what_key(key))
    }

    /// An optional boolean.
    pub(super) fn opt_bool(
        &mut self,
        mapping: &CheckedMapping<'_>,
        key: &str,
    ) -> Option<Located<bool>> {
        let node = mapping.opt(key)?;
        match &node.value {
            Value::Bool(b) => Some(Located::new(*b, node.pos)),
            _ => {
                let hint = quoted_hint(node, "boolean");
                self.err(
                    node.pos,
                    format!(
                        "{} must be `true` or `false`, found {}{hint}",
                        mapping.what_key(key),
                        found(node)
                    ),
                );
                None
            }
        }
    }

    /// A list of names. A single string gets a hint to write a list.
    pub(super) fn string_list(&mut self, node: &Node, what: &str) -> Option<Vec<Located<String>>> {
        let Value::Seq(items) = &node.value else {
            let hint = match &node.value {
                Value::Str(s) => format!("; write a list such as `[{}]`", s.trim()),
                _ => String::new(),
            };
            self.err(
                node.pos,
                format!("{what} must be a list, found {}{hint}", found(node)),
            );
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            if let Some(s) = self.string(item, &format!("an item of {what}")) {
                out.push(s);
            }
        }
        Some(out)
    }

    /// A type expression: a string, or an unquoted one-item YAML list `[T]`
    /// (read as the string `"[T]"`).
    pub(super) fn type_expr(&mut self, node: &Node, what: &str) -> Option<Located<String>> {
        match (&node.value, flatten_type(node)) {
            (_, Some(s)) => Some(Located::new(s, node.pos)),
            (Value::Seq(items), None) if items.len() != 1 => {
                self.err(
                    node.pos,
                    format!("{what} must be a type; a list type has exactly one item type, as in `[string]`"),
                );
                None
            }
            _ => {
                self.err(
                    node.pos,
                    format!(
                        "{what} must be a type such as `string` or `[Item]`, found {}",
                        found(node)
                    ),
                );
                None
            }
        }
    }
}
