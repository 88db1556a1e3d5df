//! The serde helpers that generated `Serialize` / `Deserialize` impls call
//! (`vook_runtime::__private::wire`). Not a stable API.
//!
//! Generated code implements serde's traits itself instead of deriving them: a
//! derive expands every struct into a field enum with its own visitor (by string, by
//! bytes, by index), a sequence visitor and a map visitor, and every enum with an
//! `untagged` fallback into content buffering; most of that is never used by a JSON
//! client and all of it is type-checked in every user crate. The generated impls keep
//! only the map visitor and do the per-field work here, in code compiled once:
//! looking a key up among the wire names, refusing a duplicate, skipping an unknown
//! field, naming a missing one. The wire behaviour is the derive's: unknown fields
//! are ignored, a duplicate field or a missing required one is an error with serde's
//! own message (`missing field `id``), an optional field may be absent or `null`.
//!
//! ```
//! use vook_runtime::__private::{serde, serde_json, wire};
//! use serde::de::{Deserializer, MapAccess, Visitor};
//!
//! struct Point { x: i64, label: Option<String> }
//!
//! impl<'de> serde::Deserialize<'de> for Point {
//!     fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
//!         const FIELDS: &[&str] = &["x", "label"];
//!         struct V;
//!         impl<'de> Visitor<'de> for V {
//!             type Value = Point;
//!             fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
//!                 f.write_str("struct Point")
//!             }
//!             fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Point, A::Error> {
//!                 let (mut x, mut label) = (None, None);
//!                 while let Some(i) = map.next_key_seed(wire::Key(FIELDS))? {
//!                     match i {
//!                         0 => wire::put(&mut map, &mut x, "x")?,
//!                         1 => wire::put(&mut map, &mut label, "label")?,
//!                         _ => wire::skip(&mut map)?,
//!                     }
//!                 }
//!                 Ok(Point { x: wire::required(x, "x")?, label: label.flatten() })
//!             }
//!         }
//!         d.deserialize_struct("Point", FIELDS, V)
//!     }
//! }
//!
//! let p: Point = serde_json::from_str(r#"{"x": 3, "other": [1], "label": null}"#).unwrap();
//! assert_eq!((p.x, p.label), (3, None));
//! let e = serde_json::from_str::<Point>(r#"{"label": "a"}"#).err().unwrap();
//! assert!(e.to_string().starts_with("missing field `x`"), "{e}");
//! ```

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize};

/// A struct's key, read as the index of its wire name in the slice (`usize::MAX` for a
/// key the struct does not have).
#[derive(Clone, Copy, Debug)]
pub struct Key(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Key {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        Ok(self.0.iter().position(|w| *w == key).unwrap_or(usize::MAX))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<usize, E> {
        Ok(self
            .0
            .iter()
            .position(|w| w.as_bytes() == key)
            .unwrap_or(usize::MAX))
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<usize, E> {
        // Formats that send fields by position: an index out of range is unknown.
        Ok(usize::try_from(index)
            .ok()
            .filter(|i| *i < self.0.len())
            .unwrap_or(usize::MAX))
    }
}

/// Read the value of field `name` into its slot; a second value for it is an error
/// (`duplicate field `name``).
pub fn put<'de, A, T>(map: &mut A, slot: &mut Option<T>, name: &'static str) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Read and drop the value of a key the struct does not have.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// A required field's value, or `missing field `name``.
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// Serialize an optional field: its value when present, else nothing (the field is
/// left out, as `skip_serializing_if = "Option::is_none"` does).
pub fn optional<S: SerializeStruct, T: Serialize>(
    st: &mut S,
    name: &'static str,
    value: Option<&T>,
) -> Result<(), S::Error> {
    match value {
        Some(v) => st.serialize_field(name, v),
        None => st.skip_field(name),
    }
}

/// Deserialize a spec enum from its wire string: the variant whose wire name it is
/// (`wires[i]` is `variants[i]`), else `unknown` of the string as sent.
pub fn enum_from_str<'de, D, T>(
    d: D,
    wires: &'static [&'static str],
    variants: &[T],
    unknown: fn(String) -> T,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Clone,
{
    let found = d.deserialize_str(EnumWire(wires))?;
    Ok(match found.map(|i| (i, variants.get(i))) {
        Ok((_, Some(variant))) => variant.clone(),
        // A variant list shorter than the wire names (not generated): keep the string.
        Ok((i, None)) => unknown(wires.get(i).copied().unwrap_or_default().to_owned()),
        Err(value) => unknown(value),
    })
}

/// The index of a wire string among an enum's, or the string itself.
struct EnumWire(&'static [&'static str]);

impl Visitor<'_> for EnumWire {
    type Value = Result<usize, String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self
            .0
            .iter()
            .position(|w| *w == v)
            .ok_or_else(|| v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|w| *w == v).ok_or(v))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        match std::str::from_utf8(v) {
            Ok(s) => self.visit_str(s),
            Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(v), &self)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::Visitor;
    use serde::ser::Serializer;

    #[derive(Clone, Debug, PartialEq)]
    enum Kind {
        Document,
        Image,
        Unknown(String),
    }

    impl<'de> Deserialize<'de> for Kind {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            enum_from_str(
                d,
                &["document", "image"],
                &[Kind::Document, Kind::Image],
                Kind::Unknown,
            )
        }
    }

    #[derive(Debug, PartialEq)]
    struct Doc {
        id: String,
        kind: Kind,
        note: Option<String>,
    }

    const FIELDS: &[&str] = &["id", "kind", "note"];

    impl<'de> Deserialize<'de> for Doc {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Doc;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("struct Doc")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Doc, A::Error> {
                    let (mut id, mut kind, mut note) = (None, None, None);
                    while let Some(i) = map.next_key_seed(Key(FIELDS))? {
                        match i {
                            0 => put(&mut map, &mut id, "id")?,
                            1 => put(&mut map, &mut kind, "kind")?,
                            2 => put(&mut map, &mut note, "note")?,
                            _ => skip(&mut map)?,
                        }
                    }
                    Ok(Doc {
                        id: required(id, "id")?,
                        kind: required(kind, "kind")?,
                        note: note.flatten(),
                    })
                }
            }
            d.deserialize_struct("Doc", FIELDS, V)
        }
    }

    impl Serialize for Doc {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut st = s.serialize_struct("Doc", 2 + usize::from(self.note.is_some()))?;
            st.serialize_field("id", &self.id)?;
            st.serialize_field(
                "kind",
                match &self.kind {
                    Kind::Document => "document",
                    Kind::Image => "image",
                    Kind::Unknown(v) => v,
                },
            )?;
            optional(&mut st, "note", self.note.as_ref())?;
            st.end()
        }
    }

    fn doc(json: &str) -> Result<Doc, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn structs_read_like_the_derive_unknown_ignored_duplicates_and_missing_refused() {
        assert_eq!(
            doc(r#"{"kind":"image","id":"d1","extra":{"a":[1,2]},"note":null}"#),
            Ok(Doc {
                id: "d1".into(),
                kind: Kind::Image,
                note: None
            })
        );
        assert_eq!(
            doc(r#"{"id":"d\u0031","kind":"new","note":"n"}"#).map(|d| (d.id, d.kind, d.note)),
            Ok(("d1".into(), Kind::Unknown("new".into()), Some("n".into())))
        );
        let missing = doc(r#"{"id":"d1"}"#).unwrap_err();
        assert!(missing.starts_with("missing field `kind`"), "{missing}");
        let twice = doc(r#"{"id":"a","id":"b","kind":"image"}"#).unwrap_err();
        assert!(twice.starts_with("duplicate field `id`"), "{twice}");
        let wrong = doc(r#"{"id":1,"kind":"image"}"#).unwrap_err();
        assert!(
            wrong.starts_with("invalid type: integer `1`, expected a string"),
            "{wrong}"
        );
        let not_object = doc("[1]").unwrap_err();
        assert!(not_object.contains("expected struct Doc"), "{not_object}");
        let kind_not_string = doc(r#"{"id":"a","kind":5}"#).unwrap_err();
        assert!(
            kind_not_string.contains("expected a string"),
            "{kind_not_string}"
        );
    }

    #[test]
    fn an_escaped_key_is_still_found_and_a_value_from_a_json_value_too() {
        assert_eq!(
            doc(r#"{"\u0069d":"x","kind":"document"}"#).map(|d| d.id),
            Ok("x".into())
        );
        let v = serde_json::json!({"id": "v", "kind": "image", "note": "n"});
        let d: Doc = serde_json::from_value(v).unwrap();
        assert_eq!(d.note.as_deref(), Some("n"));
    }

    #[test]
    fn optional_fields_are_left_out_when_absent() {
        let d = Doc {
            id: "a".into(),
            kind: Kind::Unknown("zip".into()),
            note: None,
        };
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"id":"a","kind":"zip"}"#
        );
        let d = Doc {
            note: Some("n".into()),
            ..d
        };
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"id":"a","kind":"zip","note":"n"}"#
        );
    }

    #[test]
    fn field_indexes_out_of_range_are_unknown() {
        let key = Key(FIELDS);
        assert_eq!(Visitor::visit_u64::<de::value::Error>(key, 2), Ok(2));
        assert_eq!(
            Visitor::visit_u64::<de::value::Error>(key, 3),
            Ok(usize::MAX)
        );
        assert_eq!(
            Visitor::visit_bytes::<de::value::Error>(key, b"note"),
            Ok(2)
        );
    }
}
