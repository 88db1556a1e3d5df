//! Decoding a success body into the endpoint's `T`: the whole body, the envelope's
//! data field, or `null` for a 204 or an empty body.
//!
//! The envelope is decoded in one pass: a visitor walks the top-level object and hands
//! the data field's value straight to `T`'s deserializer, skipping the other fields.
//! (Finding the field first and decoding it second read the data twice.)

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, Visitor};

use crate::json_key::JsonKey;

/// Where in a success body the data is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DataLocation {
    /// The whole body.
    Body,
    /// `null`: a 204 or a body of only whitespace.
    Null,
    /// The field of this name of the body's top-level object.
    Field(&'static str),
}

impl DataLocation {
    /// Where the data of a response with this status and body is, for an API whose
    /// success envelope is `envelope`.
    pub(crate) fn locate(status: u16, body: &[u8], envelope: Option<&'static str>) -> Self {
        if status == 204 || body.iter().all(u8::is_ascii_whitespace) {
            return DataLocation::Null;
        }
        envelope.map_or(DataLocation::Body, DataLocation::Field)
    }
}

/// Decode `T` from `body` as `data` says. A missing envelope field decodes `T` from
/// `null` (so `Option<_>` and `()` work) and, when that fails, says the field is missing.
pub(crate) fn decode<T: DeserializeOwned>(
    body: &[u8],
    data: DataLocation,
) -> Result<T, serde_json::Error> {
    match data {
        DataLocation::Null => serde_json::from_slice(b"null"),
        DataLocation::Body => serde_json::from_slice(body),
        DataLocation::Field(key) => {
            let mut de = serde_json::Deserializer::from_slice(body);
            let found = de::Deserializer::deserialize_map(
                &mut de,
                DataField {
                    key,
                    data: PhantomData::<T>,
                },
            )?;
            de.end()?;
            match found {
                Some(value) => Ok(value),
                None => serde_json::from_slice(b"null").map_err(|_| {
                    de::Error::custom(format_args!("the success body has no `{key}` field"))
                }),
            }
        }
    }
}

/// Decodes the value of one key of a JSON object (escaped spellings included) as `T`;
/// the first occurrence counts.
struct DataField<T> {
    key: &'static str,
    data: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> Visitor<'de> for DataField<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object with `{}`", self.key)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<JsonKey<'de>>()? {
            if found.is_none() && key.as_bytes() == self.key.as_bytes() {
                found = Some(map.next_value::<T>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Item {
        id: String,
    }

    fn field(body: &[u8]) -> DataLocation {
        DataLocation::locate(200, body, Some("data"))
    }

    #[test]
    fn locates_the_data() {
        assert_eq!(
            DataLocation::locate(204, b"garbage", Some("data")),
            DataLocation::Null
        );
        assert_eq!(
            DataLocation::locate(200, b" \n", Some("data")),
            DataLocation::Null
        );
        assert_eq!(DataLocation::locate(200, b"{}", None), DataLocation::Body);
        assert_eq!(
            DataLocation::locate(201, b"{}", Some("data")),
            DataLocation::Field("data")
        );
    }

    #[test]
    fn decodes_the_envelope_field_in_one_pass() {
        let body = br#"{"meta": {"x": [1, {"data": 0}]}, "data": {"id": "itm_1"}, "more": "s"}"#;
        let item: Item = decode(body, field(body)).unwrap();
        assert_eq!(item.id, "itm_1");
        // Escaped keys still match; a repeated key: the first counts.
        let body = br#"{"d\u0061ta": {"id": "a"}, "data": {"id": "b"}}"#;
        assert_eq!(decode::<Item>(body, field(body)).unwrap().id, "a");
        // The whole body, and null.
        assert_eq!(
            decode::<Item>(br#"{"id": "x"}"#, DataLocation::Body)
                .unwrap()
                .id,
            "x"
        );
        decode::<()>(b"", DataLocation::Null).unwrap();
    }

    #[test]
    fn missing_field_is_null_or_named() {
        let body = br#"{"other": 1}"#;
        assert_eq!(decode::<Option<u32>>(body, field(body)).unwrap(), None);
        decode::<()>(body, field(body)).unwrap();
        let e = decode::<u32>(body, field(body)).unwrap_err();
        assert!(e.to_string().contains("no `data` field"), "{e}");
    }

    #[test]
    fn malformed_bodies_are_errors() {
        for body in [
            &b"<html>"[..],
            b"[1,2]",
            br#"{"data": 1"#,
            br#"{"data": 1} x"#,
        ] {
            assert!(decode::<u32>(body, field(body)).is_err(), "{body:?}");
        }
        // The field's value has the wrong type.
        let body = br#"{"data": "text"}"#;
        assert!(decode::<u32>(body, field(body)).is_err());
    }
}
