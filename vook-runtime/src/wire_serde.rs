//! What the generated serde impls call (`vook_runtime::__private::wire`), and the two
//! macros that write them, [`wire_struct!`](crate::wire_struct) and
//! [`wire_enum!`](crate::wire_enum). Not a stable API.
//!
//! Generated code implements serde's traits through these macros instead of
//! `#[derive]`: a derive expands every struct into a field enum with its own visitors
//! (by string, by bytes, by index), a sequence visitor and a map visitor, and every
//! enum with an `untagged` fallback into content buffering; most of that is never used
//! by a JSON client, and all of it is type-checked in every user crate. The macros
//! keep only the map visitor and do the per-field work here, in code compiled once:
//! looking a key up among the wire names, refusing a duplicate, skipping an unknown
//! field, naming a missing one. The wire behaviour is the derive's with `rename`,
//! `default` and `skip_serializing_if = "Option::is_none"`: unknown fields are
//! ignored, a duplicate field or a missing required one is an error with serde's own
//! message (`missing field `id``), an optional field may be absent or `null` and is
//! left out when `None`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize};

/// A struct's key, read as its wire name among the struct's (`None` for a key the
/// struct does not have), so the generated `match` compares with `'static` names.
#[derive(Clone, Copy, Debug)]
pub struct Key(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<&'static str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Key {
    type Value = Option<&'static str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().find(|w| **w == key).copied())
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        Ok(self.0.iter().find(|w| w.as_bytes() == key).copied())
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<Self::Value, E> {
        // Formats that send fields by position: an index out of range is unknown.
        Ok(usize::try_from(index)
            .ok()
            .and_then(|i| self.0.get(i))
            .copied())
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

/// A field's value once the map is read: what was sent, else what serde gives a
/// missing field: `None` for an optional one (an `Option`), `missing field `name``
/// for any other.
pub fn take<'de, T: Deserialize<'de>, E: de::Error>(
    slot: Option<T>,
    name: &'static str,
) -> Result<T, E> {
    match slot {
        Some(value) => Ok(value),
        None => T::deserialize(Missing(name, PhantomData)),
    }
}

/// What a missing field reads as: `None` to an `Option`, else `missing field`.
struct Missing<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.0))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// Whether a field's value goes on the wire: `false` only for an absent optional
/// field's `None`. [`wire_struct!`](crate::wire_struct) and
/// [`wire_enum!`](crate::wire_enum) implement it for every spec type.
pub trait Present {
    /// `true` unless this is an optional field's `None`.
    fn present(&self) -> bool {
        true
    }
}

impl<T> Present for Option<T> {
    fn present(&self) -> bool {
        self.is_some()
    }
}

impl Present for String {}
impl Present for i64 {}
impl Present for f64 {}
impl Present for bool {}
impl Present for serde_json::Value {}
impl<T> Present for Vec<T> {}
impl<K, V> Present for std::collections::BTreeMap<K, V> {}
impl<T: ?Sized> Present for Box<T> {}

/// Serialize one field by its wire name when it is [`Present`], else skip it.
pub fn field<S, T>(st: &mut S, name: &'static str, value: &T) -> Result<(), S::Error>
where
    S: SerializeStruct,
    T: Serialize + Present + ?Sized,
{
    if value.present() {
        st.serialize_field(name, value)
    } else {
        st.skip_field(name)
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

    #[derive(Clone, Debug, PartialEq)]
    enum Kind {
        Document,
        Image,
        Unknown(String),
    }

    impl Kind {
        fn as_str(&self) -> &str {
            match self {
                Kind::Document => "document",
                Kind::Image => "image",
                Kind::Unknown(v) => v,
            }
        }
    }

    crate::wire_enum! { Kind { Document = "document", Image = "image" } }

    #[derive(Debug, PartialEq)]
    struct Doc {
        id: String,
        kind: Kind,
        note: Option<String>,
        parent: Option<Box<Doc>>,
    }

    crate::wire_struct! { Doc { id = "id", kind = "kind", note = "note", parent = "up" } }

    #[derive(Debug, PartialEq)]
    struct Empty {}

    crate::wire_struct! { Empty {} }

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
                note: None,
                parent: None,
            })
        );
        let nested =
            doc(r#"{"id":"d\u0031","kind":"new","note":"n","up":{"id":"p","kind":"image"}}"#)
                .unwrap();
        assert_eq!(nested.kind, Kind::Unknown("new".into()));
        assert_eq!(nested.parent.map(|p| p.id), Some("p".into()));
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
        // The Rust name is not the wire name.
        let by_rust_name = doc(r#"{"id":"a","kind":"image","parent":{}}"#).unwrap();
        assert_eq!(by_rust_name.parent, None);
        assert_eq!(
            serde_json::from_str::<Empty>(r#"{"x":1}"#).unwrap(),
            Empty {}
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
            parent: None,
        };
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"id":"a","kind":"zip"}"#
        );
        let d = Doc {
            note: Some("n".into()),
            parent: Some(Box::new(Doc {
                parent: None,
                ..d.clone_shallow()
            })),
            ..d
        };
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"id":"a","kind":"zip","note":"n","up":{"id":"a","kind":"zip"}}"#
        );
        assert_eq!(serde_json::to_string(&Empty {}).unwrap(), "{}");
    }

    impl Doc {
        fn clone_shallow(&self) -> Doc {
            Doc {
                id: self.id.clone(),
                kind: self.kind.clone(),
                note: self.note.clone(),
                parent: None,
            }
        }
    }

    #[test]
    fn keys_by_position_out_of_range_are_unknown() {
        let key = Key(&["id", "note"]);
        assert_eq!(
            Visitor::visit_u64::<de::value::Error>(key, 1),
            Ok(Some("note"))
        );
        assert_eq!(Visitor::visit_u64::<de::value::Error>(key, 2), Ok(None));
        assert_eq!(
            Visitor::visit_bytes::<de::value::Error>(key, b"id"),
            Ok(Some("id"))
        );
    }
}
