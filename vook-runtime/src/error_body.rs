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
use crate::error_fields::ErrorFields;
use crate::json_key::JsonKey;
use vook_vocab::error_fields as words;

/// A code as the body holds it: a string (borrowed where it has no escapes), or an
/// integer that fits `i64`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RawCode<'b> {
    Str(Cow<'b, str>),
    Int(i64),
}

/// The fields of an error object, trimmed, borrowed from the body where it has no escapes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ErrorObject<'b> {
    /// `None` only for a status-keyed API (no code path).
    pub(crate) code: Option<RawCode<'b>>,
    pub(crate) message: Cow<'b, str>,
    pub(crate) request_id: Option<Cow<'b, str>>,
    pub(crate) details: Vec<FieldIssue>,
}

/// Where the decoder looks: the four paths of [`ErrorFields`] (an absent one is empty
/// and matches nothing) and the keys of a details entry.
#[derive(Clone, Copy)]
struct Layout<'l> {
    /// Code, message, request id, details list, by the `FIELD_*` indexes.
    paths: [&'l [&'l str]; 4],
    detail_field: &'l [u8],
    detail_issue: &'l [u8],
    /// The bits of the paths that are present.
    all: u8,
    /// The layout is [`ErrorFields::DEFAULT`]: keys are matched against literals, which
    /// the compiler turns into a length switch (the common case stays as fast as before
    /// paths were configurable).
    standard: bool,
}

const FIELD_CODE: usize = 0;
const FIELD_MESSAGE: usize = 1;
const FIELD_REQUEST_ID: usize = 2;
const FIELD_DETAILS: usize = 3;

/// The layout of [`ErrorFields::DEFAULT`].
const STANDARD: Layout<'static> = Layout {
    paths: [
        &[words::CODE],
        &[words::MESSAGE],
        &[words::REQUEST_ID],
        &[words::DETAILS],
    ],
    detail_field: words::DETAIL_FIELD.as_bytes(),
    detail_issue: words::DETAIL_ISSUE.as_bytes(),
    all: 0b1111,
    standard: true,
};

/// Whether `fields` are the defaults, compared against literals (so the comparisons
/// compile to a few loads, not calls to `memcmp`).
fn is_standard(fields: &ErrorFields) -> bool {
    fn one(path: Option<&[&str]>, key: &str) -> bool {
        matches!(path, Some([k]) if k.as_bytes() == key.as_bytes())
    }
    one(fields.code, words::CODE)
        && one(fields.message, words::MESSAGE)
        && one(fields.request_id, words::REQUEST_ID)
        && fields.details.is_some_and(|d| {
            one(Some(d.at), words::DETAILS)
                && d.field.as_bytes() == words::DETAIL_FIELD.as_bytes()
                && d.issue.as_bytes() == words::DETAIL_ISSUE.as_bytes()
        })
}

impl<'l> Layout<'l> {
    #[inline]
    fn new(fields: &'l ErrorFields) -> Self {
        if is_standard(fields) {
            return STANDARD;
        }
        let details = fields.details.as_ref();
        let paths = [
            fields.code.unwrap_or(&[]),
            fields.message.unwrap_or(&[]),
            fields.request_id.unwrap_or(&[]),
            details.map_or(&[][..], |d| d.at),
        ];
        let mut all = 0;
        for (i, p) in paths.iter().enumerate() {
            if !p.is_empty() {
                all |= 1 << i;
            }
        }
        Layout {
            paths,
            detail_field: details.map_or(&b""[..], |d| d.field.as_bytes()),
            detail_issue: details.map_or(&b""[..], |d| d.issue.as_bytes()),
            all,
            standard: false,
        }
    }
}

/// Parse an error body. With an envelope key, the object is `body[key]`; if the key is
/// absent (or holds no object), the body itself is the object. The fields are read at
/// the paths of `fields`.
///
/// `None` when the body is not a JSON object, or, unless the API is status-keyed
/// (`fields.code` is `None`), has no code: a code that is not a non-empty string or an
/// integer within `i64` (a float, a huge number, an object, ...) counts as none.
///
/// Lenient in what it keeps: a missing or non-string `message` is empty, and malformed
/// `details` entries are skipped rather than failing the whole error.
pub(crate) fn parse_error_body<'b>(
    body: &'b [u8],
    envelope: Option<&str>,
    fields: &ErrorFields,
) -> Option<ErrorObject<'b>> {
    let layout = Layout::new(fields);
    // Filled in place by the visitors: returning these structs by value through serde's
    // layers cost more memcpy than the parse itself.
    let mut top = Top::default();
    let mut de = serde_json::Deserializer::from_slice(body);
    de.deserialize_any(TopVisitor {
        envelope,
        layout: &layout,
        top: &mut top,
    })
    .ok()?;
    de.end().ok()?;
    let found = match top.envelope {
        Some(true) => &mut top.enveloped,
        _ => &mut top.bare,
    };
    let code = match found.code.take() {
        Some(RawCode::Str(s)) => Some(RawCode::Str(trim(s)).filter_empty()?),
        Some(int) => Some(int),
        None if fields.code.is_none() => None,
        None => return None,
    };
    Some(ErrorObject {
        code,
        message: found.message.take().map(trim).unwrap_or_default(),
        request_id: found.request_id.take().map(trim).filter(|s| !s.is_empty()),
        details: std::mem::take(&mut found.details),
    })
}

impl RawCode<'_> {
    /// `None` for an empty string code.
    fn filter_empty(self) -> Option<Self> {
        match &self {
            RawCode::Str(s) if s.is_empty() => None,
            _ => Some(self),
        }
    }
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
    code: Option<RawCode<'de>>,
    message: Option<Cow<'de, str>>,
    request_id: Option<Cow<'de, str>>,
    details: Vec<FieldIssue>,
}

impl<'de> Fields<'de> {
    /// Reads one entry's value of an object at `depth` below the error object, where the
    /// paths in `mask` still match: a path ending at `key` reads the value, paths going
    /// on below `key` descend into it, anything else is skipped.
    fn read<A: MapAccess<'de>>(
        &mut self,
        layout: &Layout<'_>,
        depth: usize,
        mask: u8,
        key: &[u8],
        map: &mut A,
    ) -> Result<(), A::Error> {
        if layout.standard {
            // Every default path is one key, read at the error object's own level.
            match key {
                b"code" => self.code = map.next_value_seed(LenientCode)?,
                b"message" => self.message = map.next_value_seed(LenientStr)?,
                b"request_id" => self.request_id = map.next_value_seed(LenientStr)?,
                b"details" => self.details = map.next_value_seed(LenientDetails(layout))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            return Ok(());
        }
        let mut below = 0u8;
        for (i, path) in layout.paths.iter().enumerate() {
            if mask & (1 << i) == 0 {
                continue;
            }
            // Lengths first: most keys differ from every segment in length.
            match path.get(depth) {
                Some(segment) if segment.len() == key.len() && segment.as_bytes() == key => {}
                _ => continue,
            }
            if path.len() > depth + 1 {
                below |= 1 << i;
                continue;
            }
            return match i {
                FIELD_CODE => {
                    self.code = map.next_value_seed(LenientCode)?;
                    Ok(())
                }
                FIELD_MESSAGE => {
                    self.message = map.next_value_seed(LenientStr)?;
                    Ok(())
                }
                FIELD_REQUEST_ID => {
                    self.request_id = map.next_value_seed(LenientStr)?;
                    Ok(())
                }
                FIELD_DETAILS => {
                    self.details = map.next_value_seed(LenientDetails(layout))?;
                    Ok(())
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    Ok(())
                }
            };
        }
        if below == 0 {
            map.next_value::<IgnoredAny>()?;
        } else {
            map.next_value_seed(ObjectInto {
                fields: self,
                layout,
                depth: depth + 1,
                mask: below,
            })?;
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
    layout: &'k Layout<'k>,
    top: &'t mut Top<'de>,
}

impl<'de> Visitor<'de> for TopVisitor<'_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let top = self.top;
        let layout = self.layout;
        while let Some(key) = map.next_key::<JsonKey<'de>>()? {
            if self
                .envelope
                .is_some_and(|e| e.as_bytes() == key.as_bytes())
            {
                // A repeated envelope key: the last one counts.
                top.enveloped = Fields::default();
                top.envelope = Some(map.next_value_seed(ObjectInto {
                    fields: &mut top.enveloped,
                    layout,
                    depth: 0,
                    mask: layout.all,
                })?);
            } else {
                top.bare
                    .read(layout, 0, layout.all, key.as_bytes(), &mut map)?;
            }
        }
        Ok(())
    }
}

/// Reads an object's fields (at `depth`, for the paths in `mask`) into the target and
/// answers `true`; any other JSON value is consumed and answers `false`.
struct ObjectInto<'f, 'l, 'de> {
    fields: &'f mut Fields<'de>,
    layout: &'l Layout<'l>,
    depth: usize,
    mask: u8,
}

impl<'de> DeserializeSeed<'de> for ObjectInto<'_, '_, 'de> {
    type Value = bool;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ObjectInto<'_, '_, 'de> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while let Some(key) = map.next_key::<JsonKey<'de>>()? {
            self.fields
                .read(self.layout, self.depth, self.mask, key.as_bytes(), &mut map)?;
        }
        Ok(true)
    }
    ignore_seq!(false);
    ignore_scalars!(false);
    ignore_str!(false);
}

/// A code: a string kept as a string, an integer within `i64` kept as one; any other JSON
/// value consumed and dropped.
struct LenientCode;

impl<'de> DeserializeSeed<'de> for LenientCode {
    type Value = Option<RawCode<'de>>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LenientCode {
    type Value = Option<RawCode<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(RawCode::Str(Cow::Borrowed(v))))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(RawCode::Str(Cow::Owned(v.to_owned()))))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(RawCode::Str(Cow::Owned(v))))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(RawCode::Int(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(i64::try_from(v).ok().map(RawCode::Int))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    ignore_map!(None);
    ignore_seq!(None);
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

/// `details`: a list of `{field, issue}` (or `{field, message}`), under the keys of the
/// layout; anything else, and any malformed entry, is skipped.
struct LenientDetails<'l>(&'l Layout<'l>);

impl<'de> DeserializeSeed<'de> for LenientDetails<'_> {
    type Value = Vec<FieldIssue>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LenientDetails<'_> {
    type Value = Vec<FieldIssue>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(entry) = seq.next_element_seed(ObjectOrNothingIssue(self.0))? {
            out.extend(entry);
        }
        Ok(out)
    }
    ignore_map!(Vec::new());
    ignore_scalars!(Vec::new());
    ignore_str!(Vec::new());
}

/// One `details` entry, or `None` when it is not an object with a string field name and
/// a string issue (or `message`).
struct ObjectOrNothingIssue<'l>(&'l Layout<'l>);

impl<'de> DeserializeSeed<'de> for ObjectOrNothingIssue<'_> {
    type Value = Option<FieldIssue>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        match ObjectOrNothingEntry(self.0).deserialize(d)? {
            Some((Some(field), issue, message)) => Ok(issue.or(message).map(|issue| FieldIssue {
                field: field.into_owned(),
                issue: issue.into_owned(),
            })),
            _ => Ok(None),
        }
    }
}

/// The field, issue and `message` strings of an object entry.
struct ObjectOrNothingEntry<'l>(&'l Layout<'l>);

type Entry<'de> = (
    Option<Cow<'de, str>>,
    Option<Cow<'de, str>>,
    Option<Cow<'de, str>>,
);

impl<'de> DeserializeSeed<'de> for ObjectOrNothingEntry<'_> {
    type Value = Option<Entry<'de>>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ObjectOrNothingEntry<'_> {
    type Value = Option<Entry<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut field, mut issue, mut message) = (None, None, None);
        while let Some(key) = map.next_key::<JsonKey<'de>>()? {
            let key = key.as_bytes();
            if self.0.standard {
                match key {
                    b"field" => field = map.next_value_seed(LenientStr)?,
                    b"issue" => issue = map.next_value_seed(LenientStr)?,
                    b"message" => message = map.next_value_seed(LenientStr)?,
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            } else if key == self.0.detail_field {
                field = map.next_value_seed(LenientStr)?;
            } else if key == self.0.detail_issue {
                issue = map.next_value_seed(LenientStr)?;
            } else if key == b"message" {
                message = map.next_value_seed(LenientStr)?;
            } else {
                map.next_value::<IgnoredAny>()?;
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

    fn parse<'b>(body: &'b [u8], envelope: Option<&str>) -> Option<ErrorObject<'b>> {
        parse_error_body(body, envelope, &ErrorFields::DEFAULT)
    }

    /// The code of a parsed body, as text.
    fn code(e: &ErrorObject<'_>) -> String {
        match &e.code {
            Some(RawCode::Str(s)) => s.to_string(),
            Some(RawCode::Int(n)) => n.to_string(),
            None => String::new(),
        }
    }

    #[test]
    fn parses_the_documented_envelope() {
        let body = br#"{"error":{"code":"invalid_api_key","message":"The API key provided is invalid or has been revoked.","request_id":"req_abc123"}}"#;
        let e = parse(body, ENV).unwrap();
        assert_eq!(code(&e), "invalid_api_key");
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
        let e = parse(body, ENV).unwrap();
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
        assert_eq!(code(&parse(body, None).unwrap()), "not_found");
        // Envelope configured but missing: the body itself is accepted when it has a code.
        assert_eq!(code(&parse(body, ENV).unwrap()), "not_found");
        // No envelope configured: an enveloped body has no top-level code.
        assert_eq!(parse(br#"{"error":{"code":"x"}}"#, None), None);
    }

    #[test]
    fn keys_are_compared_as_bytes() {
        // A key that is not UTF-8 matches no field and is skipped, like any unknown key;
        // escaped spellings of the known keys still match.
        let body = b"{\"\xff\":1,\"error\":{\"c\\u006fde\":\"x\",\"\xfe\":[]}}";
        assert_eq!(code(&parse(body, ENV).unwrap()), "x");
    }

    #[test]
    fn lenient_fields() {
        let e = parse(
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
            br#"{"error":{"code":4.5}}"#,
            br#"{"error":{"code":99999999999999999999}}"#,
            br#"{"error":{"code":-99999999999999999999}}"#,
            br#"{"error":{"code":true}}"#,
            br#"{"error":{"code":{"nested":"x"}}}"#,
            br#"{"error":{"code":"trunc"#,
            b"\xff\xfe\x00",
        ] {
            assert_eq!(
                parse(body, ENV),
                None,
                "{:?}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn hostile_bodies_do_not_panic() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse(deep.as_bytes(), ENV), None);
        let huge = format!(
            r#"{{"error":{{"code":"x","message":"{}"}}}}"#,
            "m".repeat(1 << 20)
        );
        assert_eq!(parse(huge.as_bytes(), ENV).unwrap().message.len(), 1 << 20);
    }
}
