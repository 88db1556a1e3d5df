//! Reference resolution: every type named in a type expression and every
//! code or set named in an `errors` list must exist; an unknown one gets a
//! "did you mean" when a close name exists.

use std::collections::HashMap;

use super::Validator;
use crate::diagnostic::Pos;
use crate::document::{Document, TypeSection};
use crate::located::{Entries, Located};
use crate::model::TypeRef;
use crate::suggest::suggest;
use crate::types::parse_type;

/// "Did you mean" hints compare against at most this many names.
const MAX_SUGGESTION_CANDIDATES: usize = 2000;

/// The built-in types of the format; a declared type may not take one of these names.
pub(super) const BUILTIN_TYPES: &[&str] =
    &["string", "integer", "number", "boolean", "datetime", "json"];

/// Names people write for the built-in types.
const TYPE_ALIASES: &[(&str, &str)] = &[
    ("str", "string"),
    ("text", "string"),
    ("int", "integer"),
    ("i32", "integer"),
    ("i64", "integer"),
    ("u32", "integer"),
    ("u64", "integer"),
    ("int32", "integer"),
    ("int64", "integer"),
    ("long", "integer"),
    ("uint", "integer"),
    ("float", "number"),
    ("double", "number"),
    ("f32", "number"),
    ("f64", "number"),
    ("decimal", "number"),
    ("bool", "boolean"),
    ("date_time", "datetime"),
    ("date-time", "datetime"),
    ("timestamp", "datetime"),
    ("date", "datetime"),
    ("time", "datetime"),
    ("any", "json"),
    ("value", "json"),
    ("json_value", "json"),
    ("jsonvalue", "json"),
];

impl Validator<'_, '_> {
    /// Reports every type `t` names that the spec does not declare.
    pub(super) fn type_refs(&mut self, t: &TypeRef, pos: Pos) {
        for n in t.names() {
            if !self.ix.types.contains_key(n) && !self.ix.broken_entry("types", n) {
                let hint = type_hint(n, &self.ix.types)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                self.err(pos, format!("unknown type `{n}`{hint}"));
            }
        }
    }

    /// A body or response type (`what`): a type expression without `?`.
    pub(super) fn plain_type(&mut self, t: &Located<String>, what: &str) -> Option<TypeRef> {
        if t.value.trim_end().ends_with('?') {
            self.err(t.pos, format!("a {what} type cannot be optional (`?`)"));
            return None;
        }
        match parse_type(&t.value) {
            Ok(ty) => {
                self.type_refs(&ty, t.pos);
                Some(ty)
            }
            Err(msg) => {
                self.err(t.pos, msg);
                None
            }
        }
    }

    /// Reports every member of `owner`'s `errors` list (an endpoint's or a
    /// set's) that is neither an error code nor an error set.
    pub(super) fn code_refs(&mut self, doc: &Document, items: &[Located<String>], owner: &str) {
        for item in items {
            let v = item.value.as_str();
            if !self.ix.is_code_or_set(v) && !self.ix.broken_code(v) {
                let hint = code_hint(doc, v);
                self.err(
                    item.pos,
                    format!(
                        "{owner} lists `{v}`, which is neither an error code nor an error set{hint}"
                    ),
                );
            }
        }
    }
}

/// `; did you mean `code`?` for the code or set `word` most likely means.
fn code_hint(doc: &Document, word: &str) -> String {
    if doc.errors.len() + doc.error_sets.as_ref().map_or(0, Entries::len)
        > MAX_SUGGESTION_CANDIDATES
    {
        return String::new();
    }
    let mut names: Vec<&str> = doc.errors.iter().map(|(k, _)| k.value.as_str()).collect();
    if let Some(sets) = &doc.error_sets {
        names.extend(sets.iter().map(|(k, _)| k.value.as_str()));
    }
    suggest(word, &names)
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default()
}

/// The built-in or declared type an unknown type name most likely means.
fn type_hint<'a>(name: &str, types: &HashMap<&'a str, &TypeSection>) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase();
    if let Some(b) = BUILTIN_TYPES.iter().find(|b| **b == lower) {
        return Some(b);
    }
    if let Some((_, b)) = TYPE_ALIASES.iter().find(|(a, _)| *a == lower) {
        return Some(b);
    }
    if types.len() > MAX_SUGGESTION_CANDIDATES {
        return None;
    }
    let mut names: Vec<&str> = types.keys().copied().collect();
    names.sort_unstable();
    // A capitalised name means a declared type: `Thing` is not a typo of `string`.
    if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        names.extend(BUILTIN_TYPES);
    }
    suggest(name, &names)
}
