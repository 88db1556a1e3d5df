//! The in-memory store: one list of JSON objects per concrete collection path.

use std::collections::HashMap;

use serde_json::Value;

/// Stored objects, by collection path (`/items`, `/users/u_1/keys`), in insertion order.
#[derive(Debug, Default)]
pub(crate) struct Store {
    collections: HashMap<String, Vec<(String, Value)>>,
    next_id: u64,
}

/// The key of a stored object: its `id` field as text.
fn key_of(object: &Value) -> Option<String> {
    match object.get("id")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl Store {
    /// A fresh number for generated ids, unique across collections.
    pub(crate) fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Stores `object`, replacing an object with the same key. Objects without an
    /// `id` get a generated key.
    pub(crate) fn insert(&mut self, collection: &str, object: Value) {
        let key = match key_of(&object) {
            Some(k) => k,
            None => format!("{}", self.next_id()),
        };
        let items = self.collections.entry(collection.to_owned()).or_default();
        match items.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = object,
            None => items.push((key, object)),
        }
    }

    /// The object with key `key`.
    pub(crate) fn get(&self, collection: &str, key: &str) -> Option<&Value> {
        self.collections
            .get(collection)?
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// The object with key `key`, mutable.
    pub(crate) fn get_mut(&mut self, collection: &str, key: &str) -> Option<&mut Value> {
        self.collections
            .get_mut(collection)?
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// Removes and returns the object with key `key`.
    pub(crate) fn remove(&mut self, collection: &str, key: &str) -> Option<Value> {
        let items = self.collections.get_mut(collection)?;
        let at = items.iter().position(|(k, _)| k == key)?;
        Some(items.remove(at).1)
    }

    /// Every object of `collection`, oldest first.
    pub(crate) fn all(&self, collection: &str) -> Vec<&Value> {
        self.collections
            .get(collection)
            .map(|v| v.iter().map(|(_, o)| o).collect())
            .unwrap_or_default()
    }

    /// Removes everything (ids keep counting up).
    pub(crate) fn clear(&mut self) {
        self.collections.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn crud() {
        let mut s = Store::default();
        s.insert("/items", json!({"id": "a", "n": 1}));
        s.insert("/items", json!({"id": 7}));
        s.insert("/items", json!({"no_id": true}));
        s.insert("/items", json!({"id": "a", "n": 2}));
        assert_eq!(s.all("/items").len(), 3);
        assert_eq!(s.get("/items", "a"), Some(&json!({"id": "a", "n": 2})));
        assert!(s.get("/items", "7").is_some());
        assert!(s.get("/other", "a").is_none());
        assert_eq!(s.remove("/items", "a"), Some(json!({"id": "a", "n": 2})));
        assert!(s.remove("/items", "a").is_none());
        if let Some(v) = s.get_mut("/items", "7") {
            v["x"] = json!(1);
        }
        assert_eq!(s.get("/items", "7"), Some(&json!({"id": 7, "x": 1})));
    }
}
