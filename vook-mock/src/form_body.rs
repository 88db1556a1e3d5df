//! Form bodies (`body_encoding: form`), decoded the way the client encodes them
//! (`vook_runtime::form`): `a=1&metadata[order_id]=42&items[0][price]=p`, `+` a
//! space, `%XX` a byte. The brackets of the notation are read before decoding, so
//! an encoded bracket (`%5B`) is part of a name. `[]` appends to a list.
//!
//! [`decode`] builds a tree of objects and strings; [`coerce`] then reads it as the
//! body type says (lists from their indices, integers, numbers and booleans from
//! their text), so the result is checked exactly like a JSON body. What does not
//! fit the type is left as it is, for the check to report.

use percent_encoding::percent_decode;
use serde_json::{Map, Value};
use vook_schema::model::{Api, TypeRef};

use crate::spec_types::struct_fields;

/// At most this many bracket segments in one key.
const MAX_KEY_DEPTH: usize = 32;

/// The pairs of a form body as a tree: every name an object key, every list index a
/// key too (`"0"`), every value a string. A problem is described for the client.
pub(crate) fn decode(body: &[u8]) -> Result<Value, String> {
    let mut root = Map::new();
    for piece in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = match piece.iter().position(|b| *b == b'=') {
            Some(i) => (
                piece.get(..i).unwrap_or_default(),
                piece.get(i + 1..).unwrap_or_default(),
            ),
            None => (piece, &[][..]),
        };
        let path = key_path(raw_key)?;
        let value = component(raw_value)?;
        insert(&mut root, &path, value)?;
    }
    Ok(Value::Object(root))
}

/// One decoded name or value: `+` is a space, `%XX` a byte, the whole UTF-8.
fn component(raw: &[u8]) -> Result<String, String> {
    let plus_as_space: Vec<u8> = raw
        .iter()
        .map(|b| if *b == b'+' { b' ' } else { *b })
        .collect();
    percent_decode(&plus_as_space)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| "form body is not UTF-8 after percent-decoding".to_owned())
}

/// `a[b][0]` as its decoded segments `["a", "b", "0"]`; `[]` is an empty segment.
fn key_path(raw: &[u8]) -> Result<Vec<String>, String> {
    let shown = || String::from_utf8_lossy(raw).into_owned();
    let malformed = || format!("malformed form key `{}`", shown());
    let open = raw.iter().position(|b| *b == b'[').unwrap_or(raw.len());
    let (head, mut rest) = raw.split_at(open);
    if head.is_empty() {
        return Err(malformed());
    }
    let mut path = vec![component(head)?];
    while let Some(after) = rest.strip_prefix(b"[") {
        let close = after
            .iter()
            .position(|b| *b == b']')
            .ok_or_else(malformed)?;
        let (segment, tail) = after.split_at(close);
        path.push(component(segment)?);
        rest = tail.get(1..).unwrap_or_default();
        if path.len() > MAX_KEY_DEPTH {
            return Err(format!(
                "form key `{}` nests deeper than {MAX_KEY_DEPTH} levels",
                shown()
            ));
        }
    }
    if rest.is_empty() {
        Ok(path)
    } else {
        Err(malformed())
    }
}

/// Puts `value` at `path` under `root`.
fn insert(root: &mut Map<String, Value>, path: &[String], value: String) -> Result<(), String> {
    let shown = || path.join(".");
    let mut node = root;
    let Some((last, parents)) = path.split_last() else {
        return Ok(());
    };
    for segment in parents {
        let key = appended(node, segment);
        let child = node.entry(key).or_insert_with(|| Value::Object(Map::new()));
        node = match child {
            Value::Object(m) => m,
            _ => {
                return Err(format!(
                    "form key `{}` is both a value and a nested object",
                    shown()
                ));
            }
        };
    }
    let key = appended(node, last);
    match node.get(&key) {
        None => {
            node.insert(key, Value::String(value));
            Ok(())
        }
        Some(Value::Object(_)) => Err(format!(
            "form key `{}` is both a value and a nested object",
            shown()
        )),
        Some(_) => Err(format!("form key `{}` is sent twice", shown())),
    }
}

/// The key a segment stands for: `[]` appends (the next index), others are themselves.
fn appended(node: &Map<String, Value>, segment: &str) -> String {
    if segment.is_empty() {
        node.len().to_string()
    } else {
        segment.to_owned()
    }
}

/// `value` (a [`decode`]d tree) read as `ty`.
pub(crate) fn coerce(api: &Api, ty: &TypeRef, value: Value) -> Value {
    match (ty, value) {
        (TypeRef::Integer, Value::String(s)) => match s.parse::<i64>() {
            Ok(n) => Value::from(n),
            Err(_) => Value::String(s),
        },
        (TypeRef::Number, Value::String(s)) => number(&s).unwrap_or(Value::String(s)),
        (TypeRef::Boolean, Value::String(s)) => match s.as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(s),
        },
        (TypeRef::List(inner), Value::Object(m)) => match indexed(m) {
            Ok(items) => Value::Array(items.into_iter().map(|v| coerce(api, inner, v)).collect()),
            Err(m) => Value::Object(m),
        },
        (TypeRef::Map(inner), Value::Object(m)) => Value::Object(
            m.into_iter()
                .map(|(k, v)| (k, coerce(api, inner, v)))
                .collect(),
        ),
        (TypeRef::Named(_), Value::Object(m)) => match struct_fields(api, ty) {
            Some((_, fields)) => {
                let mut out: Map<String, Value> = m
                    .into_iter()
                    .map(|(k, v)| match fields.iter().find(|f| f.wire == k) {
                        // The text `null` of an optional field that is not a string: how
                        // form serializers of OpenAPI tools write a null (the export says
                        // `T?` takes `null`); the field is then absent.
                        Some(f) if f.optional && v == "null" && null_is_not_text(&f.ty) => {
                            (k, Value::Null)
                        }
                        Some(f) => {
                            let v = coerce(api, &f.ty, v);
                            (k, v)
                        }
                        None => (k, v),
                    })
                    .collect();
                // An empty list or map sends no pairs at all: absent is empty.
                for f in fields.iter().filter(|f| !f.optional) {
                    let empty = match f.ty {
                        TypeRef::List(_) => Value::Array(Vec::new()),
                        TypeRef::Map(_) => Value::Object(Map::new()),
                        _ => continue,
                    };
                    out.entry(f.wire.clone()).or_insert(empty);
                }
                Value::Object(out)
            }
            None => Value::Object(m),
        },
        // Strings, date-times, enums (and any JSON value) stay as sent.
        (_, value) => value,
    }
}

/// Whether the text `null` cannot be a value of `ty` (only strings and JSON values
/// can hold it as text).
fn null_is_not_text(ty: &TypeRef) -> bool {
    !matches!(ty, TypeRef::String | TypeRef::Json)
}

/// A number as written: an integer when it is one.
fn number(s: &str) -> Option<Value> {
    if let Ok(n) = s.parse::<i64>() {
        return Some(Value::from(n));
    }
    let f = s.parse::<f64>().ok().filter(|f| f.is_finite())?;
    serde_json::Number::from_f64(f).map(Value::Number)
}

/// An object keyed `0`, `1`, ... as the list of its values in index order; the
/// object itself when a key is not an index.
fn indexed(m: Map<String, Value>) -> Result<Vec<Value>, Map<String, Value>> {
    if !m.keys().all(|k| k.parse::<usize>().is_ok()) {
        return Err(m);
    }
    let mut items: Vec<(usize, Value)> = m
        .into_iter()
        .filter_map(|(k, v)| k.parse::<usize>().ok().map(|i| (i, v)))
        .collect();
    items.sort_by_key(|(i, _)| *i);
    Ok(items.into_iter().map(|(_, v)| v).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tree(body: &str) -> Value {
        decode(body.as_bytes()).expect("decodes")
    }

    #[test]
    fn decodes_bracket_notation_and_percent_encoding() {
        assert_eq!(
            tree("amount=42&metadata[order_id]=6735&items[0][price]=p_1&items[1][price]=p+2"),
            json!({
                "amount": "42",
                "metadata": {"order_id": "6735"},
                "items": {"0": {"price": "p_1"}, "1": {"price": "p 2"}},
            })
        );
        assert_eq!(
            tree("q=a%26b%3Dc%5Bd%5D%25e%2Bf+g&name=Zo%C3%AB"),
            json!({"q": "a&b=c[d]%e+f g", "name": "Zoë"})
        );
        // An encoded bracket is part of a name, not nesting.
        assert_eq!(
            tree("metadata[a%5Bb%5D]=x"),
            json!({"metadata": {"a[b]": "x"}})
        );
        assert_eq!(
            tree("tags[]=a&tags[]=b&flag"),
            json!({"tags": {"0": "a", "1": "b"}, "flag": ""})
        );
        assert_eq!(tree(""), json!({}));
    }

    #[test]
    fn refuses_malformed_keys_and_conflicts() {
        for (body, problem) in [
            ("a[b=1", "malformed form key `a[b`"),
            ("a[b]c=1", "malformed form key `a[b]c`"),
            ("=1", "malformed form key ``"),
            (
                "a=1&a[b]=2",
                "form key `a.b` is both a value and a nested object",
            ),
            (
                "a[b]=2&a=1",
                "form key `a` is both a value and a nested object",
            ),
            ("a=1&a=2", "form key `a` is sent twice"),
            ("a=%FF", "form body is not UTF-8 after percent-decoding"),
        ] {
            assert_eq!(decode(body.as_bytes()), Err(problem.to_owned()), "{body}");
        }
        let deep = format!("a{}=1", "[x]".repeat(MAX_KEY_DEPTH));
        assert!(decode(deep.as_bytes()).is_err());
    }

    #[test]
    fn coerces_to_the_declared_types() {
        let api = vook_schema::load_str(
            "t.yaml",
            concat!(
                "vook: 1\napi: { name: t, base_url: 'https://x.example', body_encoding: form }\n",
                "types:\n  Charge:\n    fields:\n      amount: integer\n      rate: number\n",
                "      capture: boolean\n      tags: \"[string]\"\n      lines: \"[Line]\"\n",
                "      metadata: map<string>\n      note: string?\n",
                "  Line:\n    fields:\n      qty: integer\n",
            ),
        )
        .expect("valid spec");
        let ty = TypeRef::Named("Charge".into());
        let got = coerce(
            &api,
            &ty,
            tree("amount=42&rate=1.5&capture=true&lines[10][qty]=3&lines[2][qty]=x&note=7"),
        );
        assert_eq!(
            got,
            json!({
                "amount": 42, "rate": 1.5, "capture": true,
                "lines": [{"qty": "x"}, {"qty": 3}],
                "tags": [], "metadata": {}, "note": "7",
            })
        );
        // `null` as text: null for an optional non-string field, text for a string.
        let optional = vook_schema::load_str(
            "t.yaml",
            concat!(
                "vook: 1\napi: { name: t, base_url: 'https://x.example', body_encoding: form }\n",
                "types:\n  Charge:\n    fields:\n      capture: boolean?\n",
                "      amount: integer?\n      note: string?\n      flag: boolean\n",
            ),
        )
        .expect("valid spec");
        let got = coerce(
            &optional,
            &ty,
            tree("capture=null&amount=null&note=null&flag=null"),
        );
        assert_eq!(
            got,
            json!({"capture": null, "amount": null, "note": "null", "flag": "null"})
        );
        // What does not fit stays as sent, for the check to report.
        let got = coerce(&api, &ty, tree("amount=4.5&capture=yes&tags[a]=1"));
        assert_eq!(got["amount"], "4.5");
        assert_eq!(got["capture"], "yes");
        assert_eq!(got["tags"], json!({"a": "1"}));
    }
}
