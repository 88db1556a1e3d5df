//! URL building: path templates with percent-encoded segments, and query strings
//! from a serialized query struct.

use std::fmt::{self, Display, Write as _};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Map, Value};

/// Why a URL could not be built; becomes [`crate::InvalidRequestError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EncodeError {
    /// The template has a different number of `{name}` segments than parameters given.
    ParamCount { expected: usize, got: usize },
    /// The template has an unclosed `{`.
    BadTemplate,
    /// A path parameter is empty, `.` or `..`, which would change the path's meaning.
    UnsafeSegment { index: usize },
    /// The query did not serialize to a JSON object (or null).
    QueryNotObject,
    /// A query field holds an object, or an array inside an array.
    QueryNested { key: String },
}

impl Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::ParamCount { expected, got } => {
                write!(
                    f,
                    "path template takes {expected} parameter(s), {got} given"
                )
            }
            EncodeError::BadTemplate => f.write_str("path template has an unclosed `{`"),
            EncodeError::UnsafeSegment { index } => write!(
                f,
                "path parameter #{} is empty, `.` or `..`, which cannot be sent as a path segment",
                index + 1
            ),
            EncodeError::QueryNotObject => f.write_str("query must serialize to a JSON object"),
            EncodeError::QueryNested { key } => {
                write!(
                    f,
                    "query field `{key}` is a nested object or array, which has no query-string form"
                )
            }
        }
    }
}

/// What is percent-encoded in a path segment and in a query key or value alike:
/// everything but the RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`). A path
/// segment could keep some sub-delimiters and a query value some more, but encoding
/// them too is always correct, and means no character of a value (`/`, `?`, `#`, `&`,
/// `=`, `+`, ...) can ever mean anything in the URL. A space is `%20`, not `+`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encode everything but the RFC 3986 unreserved characters.
pub(crate) fn percent_encode_into(out: &mut String, s: &str) {
    out.extend(utf8_percent_encode(s, COMPONENT));
}

/// Append `template` to `out`, replacing each `{name}` with the next parameter, encoded
/// as exactly one path segment. A doubled `/` at the join of `out` and the template is
/// collapsed.
pub(crate) fn push_path(
    out: &mut String,
    template: &str,
    params: &[&(dyn Display + Sync)],
) -> Result<(), EncodeError> {
    let expected = count_placeholders(template)?;
    let count_error = EncodeError::ParamCount {
        expected,
        got: params.len(),
    };
    if expected != params.len() {
        return Err(count_error);
    }
    let mut rest = template;
    if out.ends_with('/') {
        rest = rest.strip_prefix('/').unwrap_or(rest);
    } else if !rest.is_empty() && !rest.starts_with('/') {
        out.push('/');
    }
    let mut buf = String::new();
    let mut params = params.iter().enumerate();
    while let Some((literal, placeholder)) = rest.split_once('{') {
        out.push_str(literal);
        let (_name, after) = placeholder
            .split_once('}')
            .ok_or(EncodeError::BadTemplate)?;
        let (index, param) = params.next().ok_or_else(|| count_error.clone())?;
        buf.clear();
        // Formatting into a String cannot fail unless the Display impl itself errors.
        if write!(buf, "{param}").is_err() || matches!(buf.as_str(), "" | "." | "..") {
            return Err(EncodeError::UnsafeSegment { index });
        }
        percent_encode_into(out, &buf);
        rest = after;
    }
    out.push_str(rest);
    Ok(())
}

fn count_placeholders(template: &str) -> Result<usize, EncodeError> {
    let mut n = 0;
    let mut rest = template;
    while let Some((_, placeholder)) = rest.split_once('{') {
        let (_name, after) = placeholder
            .split_once('}')
            .ok_or(EncodeError::BadTemplate)?;
        n += 1;
        rest = after;
    }
    Ok(n)
}

/// A serialized query as the map of its fields: `None` for `null` (no query), an error
/// for anything but an object.
pub(crate) fn query_map(query: Value) -> Result<Option<Map<String, Value>>, EncodeError> {
    match query {
        Value::Null => Ok(None),
        Value::Object(map) => Ok(Some(map)),
        _ => Err(EncodeError::QueryNotObject),
    }
}

/// Append `?k=v&...` for a serialized query (nothing when it has no non-null field).
///
/// `null` fields are skipped, arrays become repeated keys, scalars use their plain text
/// (strings unquoted), and keys and values are percent-encoded.
pub(crate) fn push_query(out: &mut String, map: &Map<String, Value>) -> Result<(), EncodeError> {
    let mut first = true;
    let mut pair = |out: &mut String, key: &str, v: &Value| -> Result<(), EncodeError> {
        let text = match v {
            Value::Null => return Ok(()),
            Value::String(s) => std::borrow::Cow::Borrowed(s.as_str()),
            Value::Bool(b) => std::borrow::Cow::Borrowed(if *b { "true" } else { "false" }),
            Value::Number(n) => std::borrow::Cow::Owned(n.to_string()),
            Value::Array(_) | Value::Object(_) => {
                return Err(EncodeError::QueryNested {
                    key: key.to_owned(),
                });
            }
        };
        out.push(if first { '?' } else { '&' });
        first = false;
        percent_encode_into(out, key);
        out.push('=');
        percent_encode_into(out, &text);
        Ok(())
    };
    for (key, value) in map {
        match value {
            Value::Array(items) => {
                for item in items {
                    pair(out, key, item)?;
                }
            }
            other => pair(out, key, other)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn path(
        base: &str,
        template: &str,
        params: &[&(dyn Display + Sync)],
    ) -> Result<String, EncodeError> {
        let mut s = base.to_owned();
        push_path(&mut s, template, params).map(|()| s)
    }

    #[test]
    fn encodes_segments() {
        let mut s = String::new();
        percent_encode_into(&mut s, "a b/c?d#e%f~g.h_i-j+é");
        assert_eq!(s, "a%20b%2Fc%3Fd%23e%25f~g.h_i-j%2B%C3%A9");
    }

    /// The hand-written encoder `percent_encode_into` replaced: the crate's output must be
    /// byte for byte the same.
    fn unreserved_only_by_hand(s: &str) -> String {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let mut out = String::new();
        for &b in s.as_bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                out.push(char::from(b));
            } else {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0x0f)]));
            }
        }
        out
    }

    #[test]
    fn encodes_as_the_hand_written_encoder_did() {
        let samples = (0..0x800)
            .chain([0xFFFD, 0x1F600, 0x10FFFF])
            .filter_map(char::from_u32)
            .map(String::from)
            .chain(["a b/c?d#e%f~g.h_i-j+é".to_owned(), String::new()]);
        for sample in samples {
            let mut s = String::new();
            percent_encode_into(&mut s, &sample);
            assert_eq!(s, unreserved_only_by_hand(&sample), "{sample:?}");
        }
    }

    #[test]
    fn substitutes_in_order() {
        assert_eq!(
            path("https://h/v1", "/items/{item_id}", &[&"itm_123"]).unwrap(),
            "https://h/v1/items/itm_123"
        );
        assert_eq!(
            path("https://h/v1", "/a/{x}/b/{y}", &[&"1/2", &42]).unwrap(),
            "https://h/v1/a/1%2F2/b/42"
        );
        assert_eq!(path("https://h", "/items", &[]).unwrap(), "https://h/items");
        // Placeholders inside a segment also work.
        assert_eq!(
            path("https://h", "/f/{name}.json", &[&"a b"]).unwrap(),
            "https://h/f/a%20b.json"
        );
    }

    #[test]
    fn no_double_slashes() {
        assert_eq!(
            path("https://h/v1/", "/items", &[]).unwrap(),
            "https://h/v1/items"
        );
        assert_eq!(
            path("https://h/v1", "items", &[]).unwrap(),
            "https://h/v1/items"
        );
        assert_eq!(
            path("https://h/v1/", "items", &[]).unwrap(),
            "https://h/v1/items"
        );
    }

    #[test]
    fn rejects_bad_params() {
        assert_eq!(
            path("https://h", "/a/{x}", &[]),
            Err(EncodeError::ParamCount {
                expected: 1,
                got: 0
            })
        );
        assert_eq!(
            path("https://h", "/a", &[&1]),
            Err(EncodeError::ParamCount {
                expected: 0,
                got: 1
            })
        );
        assert_eq!(
            path("https://h", "/a/{x", &[&1]),
            Err(EncodeError::BadTemplate)
        );
        for bad in ["", ".", ".."] {
            assert_eq!(
                path("https://h", "/a/{x}", &[&bad]),
                Err(EncodeError::UnsafeSegment { index: 0 })
            );
        }
        // Dots inside a longer value are fine.
        assert_eq!(
            path("https://h", "/a/{x}", &[&"..."]).unwrap(),
            "https://h/a/..."
        );
    }

    fn query(v: Value) -> Result<String, EncodeError> {
        let mut s = String::new();
        match query_map(v)? {
            Some(map) => push_query(&mut s, &map).map(|()| s),
            None => Ok(s),
        }
    }

    #[test]
    fn query_strings() {
        assert_eq!(query(Value::Null).unwrap(), "");
        assert_eq!(query(json!({})).unwrap(), "");
        assert_eq!(query(json!({"a": null})).unwrap(), "");
        // Field order follows serde_json's map order; compare as a set.
        let q = query(json!({"expand": "owner tags", "limit": 10, "deep": true, "skip": null}))
            .unwrap();
        let rest = q.strip_prefix('?').unwrap();
        let mut pairs: Vec<&str> = rest.split('&').collect();
        pairs.sort_unstable();
        assert_eq!(pairs, ["deep=true", "expand=owner%20tags", "limit=10"]);
        assert_eq!(
            query(json!({"tag": ["a", "b&c", null, 1.5]})).unwrap(),
            "?tag=a&tag=b%26c&tag=1.5"
        );
        assert_eq!(query(json!({"k y": "=&"})).unwrap(), "?k%20y=%3D%26");
    }

    #[test]
    fn query_rejects_non_objects_and_nesting() {
        assert_eq!(query(json!([1])), Err(EncodeError::QueryNotObject));
        assert_eq!(query(json!("x")), Err(EncodeError::QueryNotObject));
        assert_eq!(
            query(json!({"a": {"b": 1}})),
            Err(EncodeError::QueryNested { key: "a".into() })
        );
        assert_eq!(
            query(json!({"a": [[1]]})),
            Err(EncodeError::QueryNested { key: "a".into() })
        );
    }
}
