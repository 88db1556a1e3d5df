//! Stage 3c, dedupe: a type written in place that is field for field the same
//! as an earlier type (GitHub repeats `{url, html_url, ...}` objects hundreds
//! of times) becomes that type. Component schemas keep their names; only
//! inline types are merged, into the first type of the same shape, until
//! nothing changes. Descriptions do not count toward the shape.

use std::collections::HashMap;

use crate::spec::{Spec, TypeBody, TypeDef};

/// The shape of a type: everything but its name and descriptions.
fn shape(t: &TypeDef) -> String {
    match &t.body {
        TypeBody::Enum(values) => format!("enum {values:?}"),
        TypeBody::Struct { field_case, fields } => {
            let mut s = format!("struct {field_case:?}");
            for f in fields {
                s.push_str(&format!(" {}={}/{}/{:?}", f.name, f.ty, f.original, f.wire));
            }
            s
        }
    }
}

/// Rewrites the type names in a type expression by `map`.
fn rename(expr: &str, map: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(expr.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            out.push_str(map.get(word.as_str()).map_or(word.as_str(), String::as_str));
            word.clear();
        }
    };
    for c in expr.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Merges duplicate inline types; returns how many were merged.
pub fn merge(spec: &mut Spec) -> usize {
    let mut merged = 0;
    // Each round merges at least one type, so this ends; the bound is a guard.
    for _ in 0..=spec.types.len() {
        let mut first: HashMap<String, String> = HashMap::new();
        let mut map: HashMap<String, String> = HashMap::new();
        for t in &spec.types {
            let key = shape(t);
            match first.get(&key) {
                Some(earlier) if !t.component => {
                    map.insert(t.name.clone(), earlier.clone());
                }
                Some(_) => {}
                None => {
                    first.insert(key, t.name.clone());
                }
            }
        }
        if map.is_empty() {
            break;
        }
        merged += map.len();
        spec.types.retain(|t| !map.contains_key(&t.name));
        for t in &mut spec.types {
            if let TypeBody::Struct { fields, .. } = &mut t.body {
                for f in fields {
                    f.ty = rename(&f.ty, &map);
                }
            }
        }
        for e in &mut spec.endpoints {
            for expr in e.body.iter_mut().chain(e.response.iter_mut()) {
                *expr = rename(expr, &map);
            }
            for q in &mut e.query {
                q.ty = rename(&q.ty, &map);
            }
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_replaced_as_whole_words() {
        let map: HashMap<String, String> = [("Item2".to_owned(), "Item".to_owned())].into();
        assert_eq!(rename("map<[Item2]>?", &map), "map<[Item]>?");
        assert_eq!(rename("Item20", &map), "Item20");
    }
}
