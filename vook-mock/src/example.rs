//! Deterministic example values of spec types: what the default behaviour
//! answers for endpoints it does not store for, and what fills required fields.

use serde_json::{Map, Value};
use vook_schema::model::{Api, TypeKind, TypeRef};

/// How deep examples of nested and recursive types go: past it, lists and maps are
/// empty, and structs carry their required fields only as far as those end.
const MAX_EXAMPLE_DEPTH: usize = 6;
/// How many values one example may contain; past it, lists and maps stay empty and
/// structs become `{}`.
const MAX_EXAMPLE_NODES: usize = 2000;
/// The timestamp used in synthesized examples (deterministic).
pub(crate) const EXAMPLE_DATETIME: &str = "2024-01-01T00:00:00Z";

/// A deterministic example value of `ty`: required fields only, one element per
/// list and map, the first value of enums.
///
/// Recursion is bounded and the value stays valid for the type: past
/// [`MAX_EXAMPLE_DEPTH`] lists and maps are empty and optional fields omitted, so a
/// recursive type ends at the first level where it can. Two cases have no valid
/// value the mock can give, and there a struct is `{}` (its required fields
/// missing): a struct that requires itself again through required struct fields
/// only (`Node { next: Node }`: no finite value exists), and a type whose smallest
/// value is over [`MAX_EXAMPLE_NODES`] values.
pub(crate) fn example(api: &Api, ty: &TypeRef) -> Value {
    let mut builder = ExampleBuilder {
        api,
        budget: MAX_EXAMPLE_NODES,
        closing: Vec::new(),
    };
    builder.value(ty, 0)
}

/// The state of one example being built.
struct ExampleBuilder<'a> {
    api: &'a Api,
    /// Values left before the example is cut short.
    budget: usize,
    /// Structs being built past the depth limit, outermost first: meeting one of
    /// them again means a required cycle that never ends.
    closing: Vec<&'a str>,
}

impl<'a> ExampleBuilder<'a> {
    fn value(&mut self, ty: &'a TypeRef, depth: usize) -> Value {
        self.budget = self.budget.saturating_sub(1);
        let cut = depth >= MAX_EXAMPLE_DEPTH || self.budget == 0;
        match ty {
            TypeRef::String => Value::from("example"),
            TypeRef::Integer => Value::from(1),
            TypeRef::Number => Value::from(1.5),
            TypeRef::Boolean => Value::Bool(true),
            TypeRef::Datetime => Value::from(EXAMPLE_DATETIME),
            TypeRef::Json => Value::Object(Map::new()),
            TypeRef::List(inner) => {
                if cut {
                    Value::Array(Vec::new())
                } else {
                    Value::Array(vec![self.value(inner, depth + 1)])
                }
            }
            TypeRef::Map(inner) => {
                let mut m = Map::new();
                if !cut {
                    m.insert("key".to_owned(), self.value(inner, depth + 1));
                }
                Value::Object(m)
            }
            TypeRef::Named(n) => match self.api.type_def(n).map(|d| &d.kind) {
                Some(TypeKind::Enum(values)) => values
                    .first()
                    .map_or(Value::from(""), |v| Value::from(v.wire.as_str())),
                Some(TypeKind::Struct(fields)) => {
                    let mut m = Map::new();
                    let endless = cut && self.closing.contains(&n.as_str());
                    if self.budget == 0 || endless {
                        return Value::Object(m);
                    }
                    if cut {
                        self.closing.push(n);
                    }
                    for f in fields.iter().filter(|f| !f.optional) {
                        m.insert(f.name.clone(), self.value(&f.ty, depth + 1));
                    }
                    if cut {
                        self.closing.pop();
                    }
                    Value::Object(m)
                }
                None => Value::Null,
            },
        }
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

    fn api_of(types: &str) -> Api {
        let spec = format!(
            "vook: 1\napi: {{ name: rec, base_url: 'https://x.example' }}\nerrors: {{}}\nendpoints: {{}}\ntypes:\n{types}"
        );
        vook_schema::load_str("rec.yaml", &spec).expect("valid spec")
    }

    /// How many levels of first children `v` has.
    fn depth_of(v: &Value) -> usize {
        match v
            .get("children")
            .and_then(Value::as_array)
            .and_then(|c| c.first())
        {
            Some(child) => 1 + depth_of(child),
            None => 0,
        }
    }

    #[test]
    fn recursion_ends_in_values_of_the_type() {
        let api = api_of(concat!(
            "  Tree:\n    fields:\n      name: string\n      children: \"[Tree]\"\n",
            "      parent: Tree?\n      by_label: map<Tree>\n      leaf: Leaf\n",
            "  Leaf:\n    fields:\n      label: string\n      tree: Tree?\n",
        ));
        let v = example(&api, &TypeRef::Named("Tree".into()));
        fn check(v: &Value) {
            assert_eq!(v["name"], "example", "{v}");
            assert_eq!(v["leaf"], serde_json::json!({"label": "example"}), "{v}");
            assert!(v.get("parent").is_none(), "{v}");
            let children = v["children"].as_array().expect("a list");
            let labels = v["by_label"].as_object().expect("a map");
            children.iter().for_each(check);
            labels.values().for_each(check);
        }
        check(&v);
        assert!((2..=MAX_EXAMPLE_DEPTH).contains(&depth_of(&v)), "{v}");
    }

    #[test]
    fn a_required_cycle_is_cut_where_it_repeats() {
        let api = api_of(concat!(
            "  Chain:\n    fields:\n      name: string\n      next: Link\n",
            "  Link:\n    fields:\n      back: Chain\n      tags: \"[string]\"\n",
        ));
        let v = example(&api, &TypeRef::Named("Chain".into()));
        // Down to the depth limit, then once more around the cycle, then `{}`.
        let mut node = &v;
        let mut levels = 0;
        while node.get("name").is_some() {
            node = &node["next"]["back"];
            levels += 1;
        }
        assert_eq!(node, &serde_json::json!({}));
        assert_eq!(levels, MAX_EXAMPLE_DEPTH / 2 + 1, "{v}");
    }
}
