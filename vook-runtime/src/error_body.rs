//! Parsing of error bodies into code, message, request id and details.
//!
//! The body is decoded in one streaming pass with serde visitors that keep only
//! the fields an error object has (no `serde_json::Value` tree is built), and
//! that are lenient per field: a wrongly typed `message` or a malformed
//! `details` entry is dropped, not fatal.

use std::borrow::Cow;
use std::fmt;

use serde::Deserializer as _;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::api_error::FieldIssue;
use crate::json_key::JsonKey;

/// The fields of an error object, trimmed, borrowed from the body where it has no escapes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ErrorObject<'b> {
    pub(crate) code: Cow<'b, str>,
    pub(crate) message: Cow<'b, str>,
    pub(crate) request_id: Option<Cow<'b, str>>,
    pub(crate) details: Vec<FieldIssue>,
}

/// Parse an error body. With an envelope key, the object is `body[key]`; if the key is
/// absent but the body itself has a `code`, the body is taken as the object (some
/// gateways drop the envelope). `None` when the body is not JSON or has no string `code`.
///
/// Lenient in what it keeps: a missing or non-string `message` is empty, and malformed
/// `details` entries are skipped rather than failing the whole error.
pub(crate) fn parse_error_body<'b>(
    body: &'b [u8],
    envelope: Option<&str>,
) -> Option<ErrorObject<'b>> {
    // Filled in place by the visitors: returning these structs by value through serde's
    // layers cost more memcpy than the parse itself.
    let mut top = Top::default();
    let mut de = serde_json::Deserializer::from_slice(body);
    de.deserialize_any(TopVisitor {
        envelope,
        top: &mut top,
    })
    .ok()?;
    de.end().ok()?;
    let fields = match top.envelope {
        Some(true) => &mut top.enveloped,
        Some(false) => return None, // the envelope key holds something other than an object
        None => &mut top.bare,
    };
    let code = trim(fields.code.take()?);
    if code.is_empty() {
        return None;
    }
    Some(ErrorObject {
        code,
        message: fields.message.take().map(trim).unwrap_or_default(),
        request_id: fields.request_id.take().map(trim).filter(|s| !s.is_empty()),
        details: std::mem::take(&mut fields.details),
    })
}

/// `s` without surrounding whitespace, copying only when it is owned and has some.
fn trim(s: Cow<'_, str>) -> Cow<'_, str> {
    match s {
        Cow::Borrowed(b) => Cow::Borrowed(trim_str(b)),
        Cow::Owned(o) if trim_str(&o).len() == o.len() => Cow::Owned(o),
        Cow::Owned(o) => Cow::Owned(trim_str(&o).to_owned()),
    }
}

/// `str::trim`, with a shortcut for the usual case of nothing to trim: a string that
/// starts and ends with visible ASCII has no whitespace at either end.
fn trim_str(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// Visitor methods that consume a scalar (or `null`) and answer `$value`.
macro_rules! ignore_scalars {
    ($value:expr) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok($value)
        }
    };
}

/// A visitor method that consumes a string and answers `$value`.
macro_rules! ignore_str {
    ($value:expr) => {
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok($value)
        }
    };
}

/// A visitor method that consumes a list and answers `$value`.
macro_rules! ignore_seq {
    ($value:expr) => {
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok($value)
        }
    };
}

/// A visitor method that consumes an object and answers `$value`.
macro_rules! ignore_map {
    ($value:expr) => {
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok($value)
        }
    };
}

/// The error-object fields found in one JSON object.
#[derive(Default)]
struct Fields<'de> {
    code: Option<Cow<'de, str>>,
    message: Option<Cow<'de, str>>,
    request_id: Option<Cow<'de, str>>,
    details: Vec<FieldIssue>,
}

impl<'de> Fields<'de> {
    /// Reads one entry's value if `key` is an error-object field; otherwise skips it.
    fn read<A: MapAccess<'de>>(&mut self, key: &[u8], map: &mut A) -> Result<(), A::Error> {
        match key {
            b"code" => self.code = map.next_value_seed(LenientStr)?,
            b"message" => self.message = map.next_value_seed(LenientStr)?,
            b"request_id" => self.request_id = map.next_value_seed(LenientStr)?,
            b"details" => self.details = map.next_value_seed(LenientDetails)?,
            _ => {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// The top level: the bare fields, and the envelope's object if the key is there.
#[derive(Default)]
struct Top<'de> {
    bare: Fields<'de>,
    enveloped: Fields<'de>,
    /// Whether the envelope key was seen, and held an object.
    envelope: Option<bool>,
}

struct TopVisitor<'k, 't, 'de> {
    envelope: Option<&'k str>,
    top: &'t mut Top<'de>,
}

impl<'de> Visitor<'de> for TopVisitor<'_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let top = self.top;
        while let Some(key) = map.next_key::<JsonKey<'de>>()? {
            if self
                .envelope
                .is_some_and(|e| e.as_bytes() == key.as_bytes())
            {
                // A repeated envelope key: the last one counts.
                top.enveloped = Fields::default();
                top.envelope = Some(map.next_value_seed(ObjectInto(&mut top.enveloped))?);
            } else {
                top.bare.read(key.as_bytes(), &mut map)?;
            }
        }
        Ok(())
    }
}

/// Reads an object's fields into the target and answers `true`; any other JSON value is
/// consumed and answers `false`.
struct ObjectInto<'f, 'de>(&'f mut Fields<'de>);

impl<'de> DeserializeSeed<'de> for ObjectInto<'_, 'de> {
    type Value = bool;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ObjectInto<'_, 'de> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while let Some(key) = map.next_key::<JsonKey<'de>>()? {
            self.0.read(key.as_bytes(), &mut map)?;
        }
        Ok(true)
    }
    ignore_seq!(false);
    ignore_scalars!(false);
    ignore_str!(false);
}

/// A string value kept as a string (borrowed when it has no escapes); any other JSON
/// value consumed and dropped.
struct LenientStr;

impl<'de> DeserializeSeed<'de> for LenientStr {
    type Value = Option<Cow<'de, str>>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LenientStr {
    type Value = Option<Cow<'de, str>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v)))
    }
    ignore_map!(None);
    ignore_seq!(None);
    ignore_scalars!(None);
}

/// `details`: a list of `{field, issue}` (or `{field, message}`); anything else, and
/// any malformed entry, is skipped.
struct LenientDetails;

impl<'de> DeserializeSeed<'de> for LenientDetails {
    type Value = Vec<FieldIssue>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LenientDetails {
    type Value = Vec<FieldIssue>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(entry) = seq.next_element_seed(ObjectOrNothingIssue)? {
            out.extend(entry);
        }
        Ok(out)
    }
    ignore_map!(Vec::new());
    ignore_scalars!(Vec::new());
    ignore_str!(Vec::new());
}

/// One `details` entry, or `None` when it is not an object with string `field` and
/// string `issue` (or `message`).
struct ObjectOrNothingIssue;

impl<'de> DeserializeSeed<'de> for ObjectOrNothingIssue {
    type Value = Option<FieldIssue>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        match ObjectOrNothingEntry.deserialize(d)? {
            Some((Some(field), issue, message)) => Ok(issue.or(message).map(|issue| FieldIssue {
                field: field.into_owned(),
                issue: issue.into_owned(),
            })),
            _ => Ok(None),
        }
    }
}

/// The `field`, `issue` and `message` strings of an object entry.
struct ObjectOrNothingEntry;

type Entry<'de> = (
    Option<Cow<'de, str>>,
    Option<Cow<'de, str>>,
    Option<Cow<'de, str>>,
);

impl<'de> DeserializeSeed<'de> for ObjectOrNothingEntry {
    type Value = Option<Entry<'de>>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ObjectOrNothingEntry {
    type Value = Option<Entry<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut field, mut issue, mut message) = (None, None, None);
        while let Some(key) = map.next_key::<JsonKey<'de>>()? {
            match key.as_bytes() {
                b"field" => field = map.next_value_seed(LenientStr)?,
                b"issue" => issue = map.next_value_seed(LenientStr)?,
                b"message" => message = map.next_value_seed(LenientStr)?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Some((field, issue, message)))
    }
    ignore_seq!(None);
    ignore_scalars!(None);
    ignore_str!(None);
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENV: Option<&str> = Some("error");

    #[test]
    fn parses_the_documented_envelope() {
        let body = br#"{"error":{"code":"invalid_api_key","message":"The API key provided is invalid or has been revoked.","request_id":"req_abc123"}}"#;
        let e = parse_error_body(body, ENV).unwrap();
        assert_eq!(e.code, "invalid_api_key");
        assert_eq!(
            e.message,
            "The API key provided is invalid or has been revoked."
        );
        assert_eq!(e.request_id.as_deref(), Some("req_abc123"));
        assert!(e.details.is_empty());
    }

    #[test]
    fn parses_validation_details() {
        let body = br#"{"error":{"code":"validation_error","message":"The request body contains invalid fields.","request_id":"req_def456","details":[{"field":"name","issue":"required field is missing"},{"field":"tags","issue":"must be an array of strings"},{"oops":1},"junk"]}}"#;
        let e = parse_error_body(body, ENV).unwrap();
        assert_eq!(
            e.details,
            vec![
                FieldIssue {
                    field: "name".into(),
                    issue: "required field is missing".into()
                },
                FieldIssue {
                    field: "tags".into(),
                    issue: "must be an array of strings".into()
                },
            ]
        );
    }

    #[test]
    fn bare_object_without_envelope() {
        let body = br#"{"code":"not_found","message":"nope"}"#;
        assert_eq!(parse_error_body(body, None).unwrap().code, "not_found");
        // Envelope configured but missing: the body itself is accepted when it has a code.
        assert_eq!(parse_error_body(body, ENV).unwrap().code, "not_found");
        // No envelope configured: an enveloped body has no top-level code.
        assert_eq!(parse_error_body(br#"{"error":{"code":"x"}}"#, None), None);
    }

    #[test]
    fn keys_are_compared_as_bytes() {
        // A key that is not UTF-8 matches no field and is skipped, like any unknown key;
        // escaped spellings of the known keys still match.
        let body = b"{\"\xff\":1,\"error\":{\"c\\u006fde\":\"x\",\"\xfe\":[]}}";
        assert_eq!(parse_error_body(body, ENV).unwrap().code, "x");
    }

    #[test]
    fn lenient_fields() {
        let e = parse_error_body(
            br#"{"error":{"code":"x","message":5,"request_id":"","details":{}}}"#,
            ENV,
        )
        .unwrap();
        assert_eq!(e.message, "");
        assert_eq!(e.request_id, None);
        assert!(e.details.is_empty());
    }

    #[test]
    fn rejects_undecodable_bodies() {
        for body in [
            &b"<html><body><h1>502 Bad Gateway</h1></body></html>"[..],
            b"",
            b"null",
            b"[]",
            b"\"error\"",
            br#"{"error":"Not Found"}"#,
            br#"{"error":{"message":"no code"}}"#,
            br#"{"error":{"code":""}}"#,
            br#"{"error":{"code":42}}"#,
            br#"{"error":{"code":"trunc"#,
            b"\xff\xfe\x00",
        ] {
            assert_eq!(
                parse_error_body(body, ENV),
                None,
                "{:?}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn hostile_bodies_do_not_panic() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse_error_body(deep.as_bytes(), ENV), None);
        let huge = format!(
            r#"{{"error":{{"code":"x","message":"{}"}}}}"#,
            "m".repeat(1 << 20)
        );
        assert_eq!(
            parse_error_body(huge.as_bytes(), ENV)
                .unwrap()
                .message
                .len(),
            1 << 20
        );
    }
}
