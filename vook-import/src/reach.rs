//! Stage 3a, reach: keep the types the endpoints use (through bodies,
//! responses, query parameters and other types' fields). Schemas only error
//! responses or webhooks use are left out: error bodies are decoded into
//! `ApiError`, and an unused type only costs compile time.

use std::collections::{HashMap, HashSet};

use crate::spec::{Spec, TypeBody};

/// The type names in a type expression (`map<[Item]>?` -> `Item`).
fn names_in(expr: &str) -> impl Iterator<Item = &str> {
    expr.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// Drops the types no endpoint reaches; returns how many were dropped.
pub fn prune(spec: &mut Spec) -> usize {
    let index: HashMap<&str, usize> = spec
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    let mut keep: HashSet<usize> = HashSet::new();
    let mut stack: Vec<usize> = Vec::new();
    let visit = |expr: &str, keep: &mut HashSet<usize>, stack: &mut Vec<usize>| {
        for n in names_in(expr) {
            if let Some(&i) = index.get(n)
                && keep.insert(i)
            {
                stack.push(i);
            }
        }
    };
    for e in &spec.endpoints {
        for expr in e
            .body
            .iter()
            .chain(e.response.iter())
            .chain(e.query.iter().map(|f| &f.ty))
        {
            visit(expr, &mut keep, &mut stack);
        }
    }
    while let Some(i) = stack.pop() {
        if let Some(TypeBody::Struct { fields, .. }) = spec.types.get(i).map(|t| &t.body) {
            for f in fields {
                visit(&f.ty, &mut keep, &mut stack);
            }
        }
    }
    let before = spec.types.len();
    let mut i = 0;
    spec.types.retain(|_| {
        let k = keep.contains(&i);
        i += 1;
        k
    });
    before - spec.types.len()
}
