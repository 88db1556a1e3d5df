//! `Located<T>` and `Entries<T>`: values and ordered mappings that remember where
//! they were written, so that every later stage can point at the source.

#[cfg(feature = "json-schema")]
use std::borrow::Cow;
#[cfg(feature = "json-schema")]
use std::collections::BTreeMap;

#[cfg(feature = "json-schema")]
use schemars::{JsonSchema, Schema, SchemaGenerator};

use crate::diagnostic::Pos;

/// A value and the position it was written at.
#[derive(Clone, Debug, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where the value starts in the spec.
    pub pos: Pos,
}

impl<T> Located<T> {
    /// Pairs `value` with `pos`.
    pub fn new(value: T, pos: Pos) -> Self {
        Located { value, pos }
    }
}

impl Located<String> {
    /// The string value.
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

// In the JSON Schema a located value is just the value.
#[cfg(feature = "json-schema")]
impl<T: JsonSchema> JsonSchema for Located<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// A YAML mapping from names to `T`, in source order, each name located.
/// Duplicate names never get here: the parser reports them.
#[derive(Clone, Debug, PartialEq)]
pub struct Entries<T>(pub Vec<(Located<String>, T)>);

impl<T> Default for Entries<T> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<T> Entries<T> {
    /// The entries in source order.
    pub fn iter(&self) -> impl Iterator<Item = (&Located<String>, &T)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
    /// The value for `name`, if present.
    pub fn get(&self, name: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k.value == name).map(|(_, v)| v)
    }
    /// The located key for `name`, if present.
    pub fn key(&self, name: &str) -> Option<&Located<String>> {
        self.0.iter().find(|(k, _)| k.value == name).map(|(k, _)| k)
    }
    /// How many entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

// In the JSON Schema an ordered mapping is an object with values of `T`.
#[cfg(feature = "json-schema")]
impl<T: JsonSchema> JsonSchema for Entries<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        <BTreeMap<String, T>>::schema_name()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        <BTreeMap<String, T>>::json_schema(generator)
    }
}
