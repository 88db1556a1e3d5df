//! `application/x-www-form-urlencoded` bodies (`body_encoding: form`), as Stripe and
//! Twilio take them: nested objects and lists in bracket notation
//! (`metadata[order_id]=42`, `items[0][price]=p`), `null` (a `None` field) omitted,
//! booleans as `true`/`false`, numbers as written, strings as they are.
//!
//! Keys and values are percent-encoded by [`form_urlencoded::byte_serialize`] (a
//! space is `+`; `&`, `=`, `+`, `%`, `[`, `]` and non-ASCII are `%XX`); only the
//! brackets of the notation itself stay literal, so a key that contains a bracket
//! (`a[b]` in a map) cannot be mistaken for nesting.
//!
//! ```
//! use serde_json::json;
//!
//! let body = json!({
//!     "amount": 42,
//!     "metadata": {"order_id": "6735"},
//!     "items": [{"price": "p_1", "quantity": 2}],
//!     "capture": true,
//!     "note": null,
//! });
//! assert_eq!(
//!     vook_runtime::form::encode(&body).unwrap(),
//!     "amount=42&capture=true&items[0][price]=p_1&items[0][quantity]=2&metadata[order_id]=6735"
//! );
//! ```

use std::fmt::{self, Display};

use serde::Serialize;
use serde_json::Value;

/// Why a value has no form encoding.
#[derive(Debug)]
pub enum FormError {
    /// The value did not serialize (a `Serialize` impl failed, or a map key is not a string).
    Serialize(serde_json::Error),
    /// The value is not an object: a form body is a list of `key=value` pairs, so
    /// its top level needs keys (a struct or a map).
    NotObject,
}

impl Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormError::Serialize(e) => write!(f, "the form body failed to serialize: {e}"),
            FormError::NotObject => f.write_str(
                "a form body must be an object (a struct or a map): its fields are the keys",
            ),
        }
    }
}

impl std::error::Error for FormError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FormError::Serialize(e) => Some(e),
            FormError::NotObject => None,
        }
    }
}

/// The form encoding of `value`, serialized through [`serde_json::Value`] (so serde
/// renames, `skip_serializing_if` and JSON values held in fields work as in JSON
/// bodies).
pub fn encode<T: Serialize + ?Sized>(value: &T) -> Result<String, FormError> {
    let value = serde_json::to_value(value).map_err(FormError::Serialize)?;
    encode_value(&value)
}

/// The form encoding of a JSON object. Pairs come in the object's order (serde_json's
/// map order: by key), list items in index order.
pub fn encode_value(value: &Value) -> Result<String, FormError> {
    let Value::Object(fields) = value else {
        return Err(FormError::NotObject);
    };
    let mut out = String::new();
    let mut key = String::new();
    for (name, v) in fields {
        key.clear();
        key.extend(form_urlencoded::byte_serialize(name.as_bytes()));
        pairs(&mut out, &mut key, v);
    }
    Ok(out)
}

/// Appends the pairs of `value` under the (encoded) `key`; `key` is restored after.
fn pairs(out: &mut String, key: &mut String, value: &Value) {
    let text = match value {
        Value::Null => return,
        Value::Bool(b) => std::borrow::Cow::Borrowed(if *b { "true" } else { "false" }),
        Value::Number(n) => std::borrow::Cow::Owned(n.to_string()),
        Value::String(s) => std::borrow::Cow::Borrowed(s.as_str()),
        Value::Array(items) => {
            let len = key.len();
            for (i, item) in items.iter().enumerate() {
                key.push('[');
                key.push_str(&i.to_string());
                key.push(']');
                pairs(out, key, item);
                key.truncate(len);
            }
            return;
        }
        Value::Object(fields) => {
            let len = key.len();
            for (name, item) in fields {
                key.push('[');
                key.extend(form_urlencoded::byte_serialize(name.as_bytes()));
                key.push(']');
                pairs(out, key, item);
                key.truncate(len);
            }
            return;
        }
    };
    if !out.is_empty() {
        out.push('&');
    }
    out.push_str(key);
    out.push('=');
    out.extend(form_urlencoded::byte_serialize(text.as_bytes()));
}

/// A request body as its endpoint's encoding says: JSON, or a form. A form error
/// becomes a `serde_json::Error` so both encodings report through one path.
pub(crate) fn body_bytes<B: Serialize + ?Sized>(
    encoding: crate::BodyEncoding,
    body: &B,
) -> Result<Vec<u8>, serde_json::Error> {
    match encoding {
        crate::BodyEncoding::Json => serde_json::to_vec(body),
        crate::BodyEncoding::Form => match encode(body) {
            Ok(text) => Ok(text.into_bytes()),
            Err(FormError::Serialize(e)) => Err(e),
            Err(e @ FormError::NotObject) => Err(serde::ser::Error::custom(e)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn form(v: Value) -> String {
        encode_value(&v).expect("an object")
    }

    #[test]
    fn nests_objects_and_lists_in_bracket_notation() {
        assert_eq!(
            form(json!({"metadata": {"order_id": "42", "deep": {"a": 1}}})),
            "metadata[deep][a]=1&metadata[order_id]=42"
        );
        assert_eq!(
            form(json!({"tags": ["a", "b"], "items": [{"price": "p", "qty": 2}, {"price": "q"}]})),
            "items[0][price]=p&items[0][qty]=2&items[1][price]=q&tags[0]=a&tags[1]=b"
        );
        assert_eq!(
            form(json!({"grid": [[1, 2], [3]]})),
            "grid[0][0]=1&grid[0][1]=2&grid[1][0]=3"
        );
    }

    #[test]
    fn escapes_reserved_and_non_ascii_characters_in_keys_and_values() {
        assert_eq!(
            form(json!({"q": "a&b=c[d]%e+f g"})),
            "q=a%26b%3Dc%5Bd%5D%25e%2Bf+g"
        );
        assert_eq!(form(json!({"name": "Zoë ☃"})), "name=Zo%C3%AB+%E2%98%83");
        // A bracket in a key is data: encoded, unlike the notation's own brackets.
        assert_eq!(
            form(json!({"metadata": {"a[b]&c=": "x"}})),
            "metadata[a%5Bb%5D%26c%3D]=x"
        );
        assert_eq!(form(json!({"To": "+15551234567"})), "To=%2B15551234567");
    }

    #[test]
    fn omits_nulls_and_writes_booleans_and_numbers_as_json_does() {
        assert_eq!(
            form(json!({"a": null, "b": true, "c": false, "d": [null, 1], "e": {"f": null}})),
            "b=true&c=false&d[1]=1"
        );
        assert_eq!(
            form(json!({"i": -7, "u": 18446744073709551615_u64, "f": 1.5, "g": 0.1, "h": 1e21})),
            "f=1.5&g=0.1&h=1e%2B21&i=-7&u=18446744073709551615"
        );
        assert_eq!(form(json!({"empty": "", "list": [], "obj": {}})), "empty=");
        assert_eq!(form(json!({})), "");
    }

    #[test]
    fn serializes_structs_with_their_renames_and_skips() {
        #[derive(Serialize)]
        struct Message<'a> {
            #[serde(rename = "To")]
            to: &'a str,
            #[serde(rename = "Body")]
            body: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            media: Option<&'a str>,
        }
        let m = Message {
            to: "+1 555",
            body: "hi & bye",
            media: None,
        };
        assert_eq!(encode(&m).expect("encodes"), "Body=hi+%26+bye&To=%2B1+555");
    }

    #[test]
    fn refuses_values_that_are_not_objects() {
        for v in [json!([1]), json!("x"), json!(3), Value::Null] {
            assert!(matches!(encode_value(&v), Err(FormError::NotObject)), "{v}");
        }
        let e = body_bytes(crate::BodyEncoding::Form, &[1, 2]).expect_err("a list");
        assert!(e.to_string().contains("must be an object"), "{e}");
        assert_eq!(
            body_bytes(crate::BodyEncoding::Json, &[1, 2]).expect("JSON"),
            b"[1,2]"
        );
    }
}
