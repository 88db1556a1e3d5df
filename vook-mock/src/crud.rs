//! The default behaviour of routed endpoints: create, read, update, replace,
//! delete and list objects in the store, or answer an example.

use std::time::SystemTime;

use serde_json::{Map, Value, json};
use vook_schema::model::{Api, Endpoint, Field, TypeRef};

use crate::clock::rfc3339;
use crate::example::example;
use crate::listing;
use crate::reply::{Replies, Reply};
use crate::routes::Behaviour;
use crate::spec_types::struct_fields;
use crate::store::Store;
use crate::type_check::validate_body;
use crate::wire_names::to_wire;

/// A validated request to a routed endpoint.
#[derive(Clone, Copy, Debug)]
pub(crate) struct StoreRequest<'a> {
    /// The endpoint.
    pub(crate) ep: &'a Endpoint,
    /// What the endpoint does by default.
    pub(crate) behaviour: &'a Behaviour,
    /// The concrete collection path (`/items`).
    pub(crate) collection: &'a str,
    /// The trailing `{param}` of an item path, decoded.
    pub(crate) item: Option<&'a str>,
    /// The parsed body, for endpoints with a body type.
    pub(crate) body: Option<&'a Value>,
    /// The decoded query pairs.
    pub(crate) query: &'a [(String, String)],
}

/// Answers `req` from (and into) `store`.
pub(crate) fn answer(replies: &Replies<'_>, req: &StoreRequest<'_>, store: &mut Store) -> Reply {
    let api = replies.api;
    let ep = req.ep;
    let empty = Map::new();
    let body_fields = req.body.and_then(Value::as_object).unwrap_or(&empty);
    let now = rfc3339(SystemTime::now());
    let collection = req.collection;
    let response_struct = ep.response.as_ref().and_then(|t| struct_fields(api, t));
    match (req.behaviour, req.item) {
        (Behaviour::Create, _) => {
            let object = match response_struct {
                Some((def, fields)) => Value::Object(fill(
                    api,
                    fields,
                    &id_prefix(&def.name),
                    body_fields.clone(),
                    store,
                    &now,
                )),
                None => req.body.cloned().unwrap_or_else(|| json!({})),
            };
            store.insert(collection, object.clone());
            replies.success(ep, Some(object))
        }
        (Behaviour::Read, Some(id)) => match store.get(collection, id) {
            Some(object) => replies.success(ep, Some(object.clone())),
            None => replies.not_found(),
        },
        (Behaviour::Update, Some(id)) => {
            let fields = response_struct.map(|(_, f)| f);
            match store.get_mut(collection, id) {
                Some(Value::Object(object)) => {
                    merge(object, body_fields, fields, &now);
                    replies.success(ep, Some(Value::Object(object.clone())))
                }
                Some(_) | None => replies.not_found(),
            }
        }
        (Behaviour::Replace, Some(id)) => match store.get(collection, id).cloned() {
            Some(old) => {
                let mut base = body_fields.clone();
                for keep in ["id", "created_at"] {
                    if let Some(v) = old.get(keep) {
                        base.insert(keep.into(), v.clone());
                    }
                }
                base.remove("updated_at");
                let object = match response_struct {
                    Some((def, fields)) => {
                        Value::Object(fill(api, fields, &id_prefix(&def.name), base, store, &now))
                    }
                    None => Value::Object(base),
                };
                store.insert(collection, object.clone());
                replies.success(ep, Some(object))
            }
            None => replies.not_found(),
        },
        (Behaviour::Delete, Some(id)) => match store.remove(collection, id) {
            // The answer is of the endpoint's response type, which may be another than
            // the stored one (Stripe's `DeletedCustomer`): the removed object's fields
            // that fit it, and made-up ones for the rest.
            Some(old) => {
                let answer = response_struct.map(|(def, fields)| {
                    let old = match old {
                        Value::Object(map) => map,
                        _ => Map::new(),
                    };
                    Value::Object(fill(api, fields, &id_prefix(&def.name), old, store, &now))
                });
                replies.success(ep, answer)
            }
            None => replies.not_found(),
        },
        (Behaviour::List(shape), _) => {
            match listing::list(api, ep, shape, collection, req.query, store) {
                Ok(page) => replies.success(ep, Some(page)),
                Err(issues) => replies.invalid(ep, &issues),
            }
        }
        _ => replies.success(ep, None),
    }
}

/// PATCH: the body's non-null fields the type has (never `id`) over `object`, and
/// a datetime `updated_at` set to now.
fn merge(
    object: &mut Map<String, Value>,
    body: &Map<String, Value>,
    fields: Option<&[Field]>,
    now: &str,
) {
    for (k, v) in body {
        if !v.is_null() && fields.is_none_or(|fs| fs.iter().any(|f| &f.name == k)) && k != "id" {
            object.insert(k.clone(), v.clone());
        }
    }
    if fields.is_some_and(|fs| {
        fs.iter()
            .any(|f| f.name == "updated_at" && f.ty == TypeRef::Datetime)
    }) {
        object.insert("updated_at".into(), now.into());
    }
}

/// `itm` for `Item`, `usr` for `User`: the first letter and the next consonants.
fn id_prefix(type_name: &str) -> String {
    let lower = type_name.to_ascii_lowercase();
    let mut chars = lower.chars().filter(char::is_ascii_alphanumeric);
    let mut out: String = chars.next().into_iter().collect();
    out.extend(chars.filter(|c| !"aeiou".contains(*c)).take(2));
    if out.is_empty() { "obj".into() } else { out }
}

/// Builds a stored object of a struct type: the body's non-null fields the type
/// has, plus generated ones (`id`, datetimes as now, empty lists and maps, examples
/// for other required fields).
fn fill(
    api: &Api,
    fields: &[Field],
    prefix: &str,
    body: Map<String, Value>,
    store: &mut Store,
    now: &str,
) -> Map<String, Value> {
    let mut out = Map::new();
    for f in fields {
        // A required `json` field's `null` is its value, kept as sent.
        let kept = |v: &&Value| !v.is_null() || (f.ty == TypeRef::Json && !f.optional);
        // A body field of another type than the stored one (GitHub's issue takes label
        // names and answers label objects) is not copied: the stored field is made up.
        // (Stored values have spec keys; the check reads wire names.)
        let fits = |v: &&Value| {
            let mut issues = Vec::new();
            validate_body(api, &f.ty, &to_wire(api, &f.ty, (*v).clone()), &mut issues);
            issues.is_empty()
        };
        if let Some(v) = body.get(&f.name).filter(kept).filter(fits) {
            out.insert(f.name.clone(), v.clone());
            continue;
        }
        let generated = if f.name == "id" && f.ty == TypeRef::String {
            Some(Value::from(format!("{prefix}_{}", store.next_id())))
        } else if f.name == "id" && f.ty == TypeRef::Integer {
            Some(Value::from(store.next_id()))
        } else if f.ty == TypeRef::Datetime
            && (!f.optional || f.name == "created_at" || f.name == "updated_at")
        {
            Some(Value::from(now))
        } else if f.optional {
            None
        } else {
            Some(match &f.ty {
                TypeRef::List(_) => json!([]),
                TypeRef::Map(_) => json!({}),
                other => example(api, other),
            })
        };
        if let Some(v) = generated {
            out.insert(f.name.clone(), v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_prefixes() {
        assert_eq!(id_prefix("Item"), "itm");
        assert_eq!(id_prefix("User"), "usr");
        assert_eq!(id_prefix("Order"), "ord");
        assert_eq!(id_prefix("A"), "a");
    }

    #[test]
    fn body_fields_of_another_type_are_not_stored() {
        let api = vook_schema::load_str(
            "t.yaml",
            concat!(
                "vook: 1\napi: { name: t, base_url: 'https://x.example' }\n",
                "types:\n  Issue:\n    fields:\n      id: integer\n      title: string\n",
                "      labels: \"[Label]\"\n      milestone: integer?\n",
                "  Label:\n    fields:\n      name: string\n",
            ),
        )
        .expect("valid spec");
        let Some((_, fields)) = struct_fields(&api, &TypeRef::Named("Issue".into())) else {
            panic!("Issue is a struct");
        };
        let body = json!({"title": "t", "labels": ["bug"], "milestone": "soon"});
        let Value::Object(body) = body else {
            unreachable!()
        };
        let stored = fill(&api, fields, "iss", body, &mut Store::default(), "now");
        assert_eq!(stored["title"], "t");
        assert_eq!(stored["labels"], json!([]), "names are not label objects");
        assert!(
            !stored.contains_key("milestone"),
            "a string is not an integer"
        );
        let labels = json!({"title": "t", "labels": [{"name": "bug"}]});
        let Value::Object(labels) = labels else {
            unreachable!()
        };
        let stored = fill(&api, fields, "iss", labels, &mut Store::default(), "now");
        assert_eq!(stored["labels"], json!([{"name": "bug"}]));
    }
}
