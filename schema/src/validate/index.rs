//! Lookups by name, built once, so that the checks stay linear on huge specs.

use std::collections::{HashMap, HashSet};

use crate::document::{Document, TypeSection};
use crate::located::Located;
use crate::names::{is_snake_case, is_upper_camel_case, snake_case_form, upper_camel_case_form};

/// The spec's codes, sets and types by name, and what was already reported.
pub(super) struct Index<'a> {
    /// The names that badly named codes, sets and types would have under the
    /// naming rules (`NotFound` -> `not_found`): references written in the
    /// right form are not reported again as unknown.
    renamed: HashSet<String>,
    /// The error codes.
    pub(super) errors: HashSet<&'a str>,
    /// The error sets and their members.
    pub(super) sets: HashMap<&'a str, &'a [Located<String>]>,
    /// The named types.
    pub(super) types: HashMap<&'a str, &'a TypeSection>,
    /// The parts [`Document::broken`] marks as already reported.
    broken: HashSet<&'a str>,
}

impl<'a> Index<'a> {
    /// The index of `doc`.
    pub(super) fn new(doc: &'a Document) -> Self {
        Index {
            errors: doc.errors.iter().map(|(k, _)| k.value.as_str()).collect(),
            sets: doc
                .error_sets
                .iter()
                .flat_map(|s| s.iter())
                .map(|(k, v)| (k.value.as_str(), v.as_slice()))
                .collect(),
            types: doc
                .types
                .iter()
                .flat_map(|t| t.iter())
                .map(|(k, v)| (k.value.as_str(), v))
                .collect(),
            broken: doc.broken.iter().map(String::as_str).collect(),
            renamed: renamed(doc),
        }
    }

    /// The part at `path` had problems (already reported).
    pub(super) fn broken(&self, path: &str) -> bool {
        self.broken.contains(path)
    }

    /// The entry `kind.name`, or all of `kind`, had problems (already reported).
    pub(super) fn broken_entry(&self, kind: &str, name: &str) -> bool {
        let path = format!("{kind}.{name}");
        self.broken.contains(kind)
            || self.broken.contains(path.as_str())
            || self.renamed.contains(&path)
    }

    /// `name` may have been a code or set that was left out for its problems.
    pub(super) fn broken_code(&self, name: &str) -> bool {
        self.broken_entry("errors", name) || self.broken_entry("error_sets", name)
    }

    /// `name` is an error code or an error set.
    pub(super) fn is_code_or_set(&self, name: &str) -> bool {
        self.errors.contains(name) || self.sets.contains_key(name)
    }
}

/// `kind.form` for every code, set and type whose name breaks the naming rules
/// and has a well-formed `form`.
fn renamed(doc: &Document) -> HashSet<String> {
    let mut out = HashSet::new();
    let snake = doc.errors.iter().map(|(k, _)| ("errors", k)).chain(
        doc.error_sets
            .iter()
            .flat_map(|s| s.iter())
            .map(|(k, _)| ("error_sets", k)),
    );
    for (kind, k) in snake {
        if !is_snake_case(&k.value)
            && let Some(form) = snake_case_form(&k.value)
        {
            out.insert(format!("{kind}.{form}"));
        }
    }
    for (k, _) in doc.types.iter().flat_map(|t| t.iter()) {
        if !is_upper_camel_case(&k.value)
            && let Some(form) = upper_camel_case_form(&k.value)
        {
            out.insert(format!("types.{form}"));
        }
    }
    out
}
