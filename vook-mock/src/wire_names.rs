//! Wire names (`field_case`, `wire`) at the mock's edges. Inside, the mock works
//! with spec keys: stored objects, generated fields (`id`, `created_at`), the
//! paging conventions and `paginate` all name fields as the spec does. A request
//! body is checked as sent (wire names, so issues name what the client sent) and
//! then renamed to spec keys; a success body is renamed back to wire names on its
//! way out; query parameters declared with another wire name are read under their
//! spec key.

use serde_json::{Map, Value};
use vook_schema::model::{Api, Endpoint, Field, TypeRef};

use crate::spec_types::struct_fields;

/// Which way a value is renamed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// Wire names to spec keys (request bodies).
    ToSpec,
    /// Spec keys to wire names (success bodies).
    ToWire,
}

/// `value` of `ty` as sent (wire names), with spec keys.
pub(crate) fn to_spec(api: &Api, ty: &TypeRef, value: Value) -> Value {
    rename(api, ty, value, Direction::ToSpec, 0)
}

/// `value` of `ty` with spec keys, with wire names.
pub(crate) fn to_wire(api: &Api, ty: &TypeRef, value: Value) -> Value {
    rename(api, ty, value, Direction::ToWire, 0)
}

/// Past this depth values are left as they are (bodies are capped in size, so this
/// only bounds recursion on hostile nesting).
const MAX_DEPTH: usize = 64;

fn rename(api: &Api, ty: &TypeRef, value: Value, dir: Direction, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return value;
    }
    match (ty, value) {
        (TypeRef::List(inner), Value::Array(items)) => Value::Array(
            items
                .into_iter()
                .map(|v| rename(api, inner, v, dir, depth + 1))
                .collect(),
        ),
        // Map keys are data, not field names.
        (TypeRef::Map(inner), Value::Object(m)) => Value::Object(
            m.into_iter()
                .map(|(k, v)| (k, rename(api, inner, v, dir, depth + 1)))
                .collect(),
        ),
        (TypeRef::Named(_), Value::Object(m)) => match struct_fields(api, ty) {
            Some((_, fields)) => Value::Object(rename_fields(api, fields, m, dir, depth)),
            None => Value::Object(m),
        },
        // Scalars, enums (and any JSON value) are the same on both sides.
        (_, value) => value,
    }
}

fn rename_fields(
    api: &Api,
    fields: &[Field],
    m: Map<String, Value>,
    dir: Direction,
    depth: usize,
) -> Map<String, Value> {
    m.into_iter()
        .map(|(key, v)| {
            let field = fields.iter().find(|f| match dir {
                Direction::ToSpec => f.wire == key,
                Direction::ToWire => f.name == key,
            });
            match field {
                Some(f) => {
                    let key = match dir {
                        Direction::ToSpec => f.name.clone(),
                        Direction::ToWire => f.wire.clone(),
                    };
                    (key, rename(api, &f.ty, v, dir, depth + 1))
                }
                // Not a field of the type (validation refuses those in requests).
                None => (key, v),
            }
        })
        .collect()
}

/// The query with each parameter `ep` declares under another wire name renamed to
/// its spec key (others stay as sent).
pub(crate) fn query_by_spec_key(
    ep: &Endpoint,
    query: &[(String, String)],
) -> Vec<(String, String)> {
    query
        .iter()
        .map(|(k, v)| {
            let key = ep
                .query
                .iter()
                .find(|f| &f.wire == k)
                .map_or_else(|| k.clone(), |f| f.name.clone());
            (key, v.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn api() -> Api {
        vook_schema::load_str(
            "t.yaml",
            concat!(
                "vook: 1\napi: { name: t, base_url: 'https://x.example', field_case: camelCase }\n",
                "types:\n  Order:\n    fields:\n      order_id: string\n      line_items: \"[Line]\"\n",
                "      by_sku: map<Line>\n      note: { type: string?, wire: memo }\n",
                "  Line:\n    field_case: PascalCase\n    fields:\n      unit_price: integer\n",
                "endpoints:\n  list:\n    method: GET\n    path: /orders\n    query: { page_size: integer? }\n    response: Order\n",
            ),
        )
        .expect("valid spec")
    }

    #[test]
    fn renames_nested_fields_both_ways_but_not_map_keys() {
        let api = api();
        let ty = TypeRef::Named("Order".into());
        let wire = json!({
            "orderId": "o1",
            "lineItems": [{"UnitPrice": 3}],
            "bySku": {"sku_1": {"UnitPrice": 4}},
            "memo": "hi",
        });
        let spec = to_spec(&api, &ty, wire.clone());
        assert_eq!(
            spec,
            json!({
                "order_id": "o1",
                "line_items": [{"unit_price": 3}],
                "by_sku": {"sku_1": {"unit_price": 4}},
                "note": "hi",
            })
        );
        assert_eq!(to_wire(&api, &ty, spec), wire);
    }

    #[test]
    fn query_parameters_are_read_under_their_spec_key() {
        let api = api();
        let ep = &api.endpoints[0];
        let q = vec![
            ("pageSize".to_owned(), "5".to_owned()),
            ("cursor".to_owned(), "c".to_owned()),
        ];
        assert_eq!(
            query_by_spec_key(ep, &q),
            vec![
                ("page_size".to_owned(), "5".to_owned()),
                ("cursor".to_owned(), "c".to_owned()),
            ]
        );
    }
}
