//! [`JsonKey`]: a JSON object key read as bytes, for the hand-written visitors of the
//! error-body and success-body decoders.

use std::fmt;

use serde::de::{self, Visitor};

/// An object key as bytes, borrowed from the body when it has no escapes.
///
/// Read with `deserialize_bytes`, which skips the UTF-8 check a `str` key pays: keys
/// are only compared against known ASCII names, and a key that is not UTF-8 simply
/// matches none of them.
pub(crate) enum JsonKey<'de> {
    Borrowed(&'de [u8]),
    Owned(Vec<u8>),
}

impl JsonKey<'_> {
    pub(crate) fn as_bytes(&self) -> &[u8] {
        match self {
            JsonKey::Borrowed(s) => s,
            JsonKey::Owned(s) => s,
        }
    }
}

impl<'de> de::Deserialize<'de> for JsonKey<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = JsonKey<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_bytes<E>(self, v: &'de [u8]) -> Result<JsonKey<'de>, E> {
                Ok(JsonKey::Borrowed(v))
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<JsonKey<'de>, E> {
                Ok(JsonKey::Owned(v.to_vec()))
            }
            fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<JsonKey<'de>, E> {
                Ok(JsonKey::Owned(v))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<JsonKey<'de>, E> {
                Ok(JsonKey::Borrowed(v.as_bytes()))
            }
            fn visit_str<E>(self, v: &str) -> Result<JsonKey<'de>, E> {
                Ok(JsonKey::Owned(v.as_bytes().to_vec()))
            }
        }
        d.deserialize_bytes(KeyVisitor)
    }
}
