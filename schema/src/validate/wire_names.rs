//! What goes on the wire: `field_case` (of the API and of a type), a field's or
//! query parameter's `wire`, with the rule that two fields of one type (or two
//! parameters of one query) have distinct wire names, and `body_encoding` (of the
//! API and of an endpoint), with the rule that a form body is an object.

use std::collections::HashMap;

use super::Validator;
use super::auth::one_of;
use crate::document::FieldSection;
use crate::located::{Entries, Located};
use crate::model::TypeRef;
use crate::names::wire_name;
use vook_vocab::wire::{BodyEncoding, FieldCase};

/// `; did you mean `camelCase`?` when `value` is a spelling written in another
/// case or with other separators (`camel_case`, `CamelCase`, `camel`).
fn spelling_hint<T: Copy>(value: &str, all: &[T], spell: fn(T) -> &'static str) -> String {
    let squash = |s: &str| {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase()
    };
    let written = squash(value);
    all.iter()
        .map(|t| spell(*t))
        .find(|s| {
            let s = squash(s);
            !written.is_empty() && (s == written || s.strip_suffix("case") == Some(&written))
        })
        .map_or_else(String::new, |s| format!("; did you mean `{s}`?"))
}

impl Validator<'_, '_> {
    /// A `field_case`, else `default`; an unknown spelling is reported.
    pub(super) fn field_case(
        &mut self,
        case: Option<&Located<String>>,
        default: FieldCase,
    ) -> FieldCase {
        let Some(case) = case else { return default };
        FieldCase::parse(&case.value).unwrap_or_else(|| {
            let expected = one_of(&FieldCase::ALL.map(FieldCase::as_str));
            let hint = spelling_hint(&case.value, &FieldCase::ALL, FieldCase::as_str);
            self.err(
                case.pos,
                format!(
                    "unknown field_case `{}`; expected {expected}{hint}",
                    case.value
                ),
            );
            default
        })
    }

    /// A `body_encoding`, else `default`; an unknown spelling is reported.
    pub(super) fn body_encoding(
        &mut self,
        encoding: Option<&Located<String>>,
        default: BodyEncoding,
    ) -> BodyEncoding {
        let Some(encoding) = encoding else {
            return default;
        };
        BodyEncoding::parse(&encoding.value).unwrap_or_else(|| {
            let expected = one_of(&BodyEncoding::ALL.map(BodyEncoding::as_str));
            let hint = spelling_hint(&encoding.value, &BodyEncoding::ALL, BodyEncoding::as_str);
            self.err(
                encoding.pos,
                format!(
                    "unknown body_encoding `{}`; expected {expected}{hint}",
                    encoding.value
                ),
            );
            default
        })
    }

    /// The wire name of each of `fields` (in order): its `wire`, else its key in
    /// `case`. An empty `wire` is reported, and so is a wire name another of the
    /// fields already has. `what` is "field" or "query parameter", `owner` names
    /// their type or endpoint.
    pub(super) fn wire_names(
        &mut self,
        fields: &Entries<FieldSection>,
        case: FieldCase,
        what: &str,
        owner: &str,
    ) -> Vec<String> {
        let mut taken: HashMap<String, &str> = HashMap::with_capacity(fields.len());
        let mut out = Vec::with_capacity(fields.len());
        for (key, f) in fields.iter() {
            let (wire, at) = match f.wire() {
                Some(w) => {
                    if w.value.trim().is_empty() {
                        self.err(
                            w.pos,
                            format!(
                                "`wire` of {what} `{}` of {owner} is empty; write the name the API uses, or leave `wire` out",
                                key.value
                            ),
                        );
                        out.push(key.value.clone());
                        continue;
                    }
                    (w.value.clone(), w.pos)
                }
                None => (wire_name(&key.value, case), key.pos),
            };
            match taken.get(&wire) {
                Some(first) => self.err(
                    at,
                    format!(
                        "{what}s `{first}` and `{}` of {owner} both have the wire name `{wire}`; give one of them another `wire`",
                        key.value
                    ),
                ),
                None => {
                    taken.insert(wire.clone(), key.value.as_str());
                }
            }
            out.push(wire);
        }
        out
    }

    /// A `form` body must be an object: a struct type or `map<T>`.
    pub(super) fn form_body(&mut self, op: &str, body: &TypeRef, at: &Located<String>) {
        let object = match body {
            TypeRef::Map(_) => true,
            // An unknown name is reported elsewhere.
            TypeRef::Named(n) => self
                .ix
                .types
                .get(n.as_str())
                .is_none_or(|d| d.enum_values.is_none()),
            _ => false,
        };
        if !object {
            self.err(
                at.pos,
                format!(
                    "endpoint `{op}` sends a form body (`body_encoding: form`), which is a list of `key=value` pairs: its body type must be a struct or `map<T>`, found `{body}`"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_name_the_spelling_meant() {
        let hint = |v| spelling_hint(v, &FieldCase::ALL, FieldCase::as_str);
        assert_eq!(hint("camel"), "; did you mean `camelCase`?");
        assert_eq!(hint("camel_case"), "; did you mean `camelCase`?");
        assert_eq!(hint("KEBAB"), "; did you mean `kebab-case`?");
        assert_eq!(hint("title"), "");
        let enc = |v| spelling_hint(v, &BodyEncoding::ALL, BodyEncoding::as_str);
        assert_eq!(enc("JSON"), "; did you mean `json`?");
        assert_eq!(enc("multipart"), "");
    }
}
