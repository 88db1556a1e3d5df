//! Deterministic example values of spec types: what the default behaviour
//! answers for endpoints it does not store for, and what fills required fields.

use serde_json::{Map, Value};
use vook_schema::model::{Api, TypeKind, TypeRef};

/// How deep examples of nested and recursive types go.
const MAX_EXAMPLE_DEPTH: usize = 6;
/// How many values one example may contain; past it, lists, maps and structs stay empty.
const MAX_EXAMPLE_NODES: usize = 2000;
/// The timestamp used in synthesized examples (deterministic).
pub(crate) const EXAMPLE_DATETIME: &str = "2024-01-01T00:00:00Z";

/// A deterministic example value of `ty`: required fields only, one element per
/// list and map, the first value of enums, depth-bounded for recursive types.
pub(crate) fn example(api: &Api, ty: &TypeRef) -> Value {
    let mut budget = MAX_EXAMPLE_NODES;
    example_at(api, ty, 0, &mut budget)
}

fn example_at(api: &Api, ty: &TypeRef, depth: usize, budget: &mut usize) -> Value {
    *budget = budget.saturating_sub(1);
    let depth = if *budget == 0 {
        MAX_EXAMPLE_DEPTH
    } else {
        depth
    };
    match ty {
        TypeRef::String => Value::from("example"),
        TypeRef::Integer => Value::from(1),
        TypeRef::Number => Value::from(1.5),
        TypeRef::Boolean => Value::Bool(true),
        TypeRef::Datetime => Value::from(EXAMPLE_DATETIME),
        TypeRef::List(inner) => {
            if depth >= MAX_EXAMPLE_DEPTH {
                Value::Array(Vec::new())
            } else {
                Value::Array(vec![example_at(api, inner, depth + 1, budget)])
            }
        }
        TypeRef::Map(inner) => {
            let mut m = Map::new();
            if depth < MAX_EXAMPLE_DEPTH {
                m.insert("key".to_owned(), example_at(api, inner, depth + 1, budget));
            }
            Value::Object(m)
        }
        TypeRef::Named(n) => match api.type_def(n).map(|d| &d.kind) {
            Some(TypeKind::Enum(values)) => values
                .first()
                .map_or(Value::from(""), |v| Value::from(v.wire.as_str())),
            Some(TypeKind::Struct(fields)) => {
                let mut m = Map::new();
                if depth < MAX_EXAMPLE_DEPTH {
                    for f in fields.iter().filter(|f| !f.optional) {
                        m.insert(f.name.clone(), example_at(api, &f.ty, depth + 1, budget));
                    }
                }
                Value::Object(m)
            }
            None => Value::Null,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(v: &Value) -> usize {
        1 + match v {
            Value::Array(a) => a.iter().map(count).sum(),
            Value::Object(o) => o.values().map(count).sum(),
            _ => 0,
        }
    }

    #[test]
    fn examples_of_wide_deep_types_are_bounded() {
        let mut spec = String::from(
            "vook: 1\napi: { name: wide, base_url: 'https://x.example' }\nerrors: {}\nendpoints: {}\ntypes:\n",
        );
        for level in 0..8 {
            spec.push_str(&format!("  T{level}:\n    fields:\n"));
            for f in 0..10 {
                let ty = if level == 7 {
                    "string".to_owned()
                } else {
                    format!("T{}", level + 1)
                };
                spec.push_str(&format!("      f{f}: {ty}\n"));
            }
        }
        let api = vook_schema::load_str("wide.yaml", &spec).expect("valid spec");
        let v = example(&api, &TypeRef::Named("T0".into()));
        assert!(v["f0"]["f0"].is_object());
        assert!(count(&v) <= MAX_EXAMPLE_NODES + 100, "{}", count(&v));
        assert_eq!(
            v,
            example(&api, &TypeRef::Named("T0".into())),
            "deterministic"
        );
    }
}
