//! The `types` section. A struct is built by users (struct literals name every
//! field) when it is a request body or reachable from one; otherwise it is only
//! read. A string enum is matched: a new value is a variant exhaustive matches
//! lack (E0004), a removed one is no longer found (E0599).

use std::collections::{HashMap, HashSet};

use vook_schema::model::{Api, EnumValue, TypeDef, TypeKind};

use crate::fields::{self, Owner};
use crate::spec::FieldOwner;
use crate::{Changes, Class, renames};

/// Compares the named types.
pub(crate) fn compare(c: &mut Changes<'_>) {
    let (old, new) = (c.old, c.new);
    let built = built_types(&old.api);
    let new_by: HashMap<&str, &TypeDef> =
        new.api.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let old_by: HashMap<&str, &TypeDef> =
        old.api.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut removed = Vec::new();
    for o in &old.api.types {
        let name = o.name.as_str();
        let Some(n) = new_by.get(name) else {
            removed.push((name, o));
            let msg = format!("type `{name}` removed: code naming it no longer finds it");
            let (op, np) = (old.type_pos(name), new.type_pos(name));
            c.push(Class::Breaking, Some("E0425"), name, msg, op, np);
            continue;
        };
        changed(c, o, n, built.contains(name));
    }
    let start = c.list.len();
    let mut added = Vec::new();
    for n in &new.api.types {
        let name = n.name.as_str();
        if old_by.contains_key(name) {
            continue;
        }
        added.push((name, n));
        let kind = match n.kind {
            TypeKind::Struct(_) => "struct",
            TypeKind::Enum(_) => "enum",
        };
        let msg = format!("type `{name}` added ({kind})");
        let (op, np) = (old.type_pos(name), new.type_pos(name));
        c.push(Class::Additive, None, name, msg, op, np);
    }
    let same = |a: &TypeDef, b: &TypeDef| a.kind == b.kind;
    for (was, now) in renames::pairs(&removed, &added, same) {
        renames::note(&mut c.list, start, &format!("type `{now}` added"), was);
    }
}

fn changed(c: &mut Changes<'_>, o: &TypeDef, n: &TypeDef, built: bool) {
    let (old, new) = (c.old, c.new);
    let name = o.name.as_str();
    if o.description != n.description {
        let msg = format!("type `{name}`: description changed");
        let (op, np) = (
            old.type_description_pos(name),
            new.type_description_pos(name),
        );
        c.push(Class::Docs, None, name, msg, op, np);
    }
    let pos = || (old.type_pos(name), new.type_pos(name));
    match (&o.kind, &n.kind) {
        (TypeKind::Struct(of), TypeKind::Struct(nf)) => {
            let owner = Owner {
                at: FieldOwner::Type(name),
                item: name,
                built,
            };
            fields::compare(c, &owner, of, nf);
        }
        (TypeKind::Enum(ov), TypeKind::Enum(nv)) => values(c, name, ov, nv),
        (TypeKind::Struct(_), TypeKind::Enum(_)) => {
            let (code, how) = if built {
                ("E0574", "struct literals of it find an enum")
            } else {
                ("E0609", "reading its fields finds an enum")
            };
            let msg = format!("type `{name}` changed from a struct to an enum: {how}");
            let (op, np) = pos();
            c.push(Class::Breaking, Some(code), name, msg, op, np);
        }
        (TypeKind::Enum(_), TypeKind::Struct(_)) => {
            let msg = format!(
                "type `{name}` changed from an enum to a struct: its variants are no longer found"
            );
            let (op, np) = pos();
            c.push(Class::Breaking, Some("E0599"), name, msg, op, np);
        }
    }
}

/// Enum values, by the Rust variant they generate.
fn values(c: &mut Changes<'_>, name: &str, old: &[EnumValue], new: &[EnumValue]) {
    let (os, ns) = (c.old, c.new);
    let new_by: HashMap<&str, &EnumValue> = new.iter().map(|v| (v.variant.as_str(), v)).collect();
    let old_by: HashMap<&str, &EnumValue> = old.iter().map(|v| (v.variant.as_str(), v)).collect();
    for o in old {
        let pos = || (os.enum_value_pos(name, &o.wire), ns.type_pos(name));
        match new_by.get(o.variant.as_str()) {
            None => {
                let pos = pos();
                let msg = format!(
                    "value `{}` removed from enum `{name}`: variant `{name}::{}` no longer exists",
                    o.wire, o.variant
                );
                let item = format!("{name}::{}", o.variant);
                c.push(Class::Breaking, Some("E0599"), item, msg, pos.0, pos.1);
            }
            Some(n) if n.wire != o.wire => {
                let msg = format!(
                    "enum `{name}`: variant `{}` is now sent as `{}` (was `{}`)",
                    o.variant, n.wire, o.wire
                );
                let (op, np) = (pos().0, ns.enum_value_pos(name, &n.wire));
                let item = format!("{name}::{}", o.variant);
                c.push(Class::Behavior, None, item, msg, op, np);
            }
            Some(_) => {}
        }
    }
    for n in new {
        if old_by.contains_key(n.variant.as_str()) {
            continue;
        }
        let msg = format!(
            "value `{}` added to enum `{name}`: new variant `{name}::{}`, which exhaustive matches on `{name}` lack",
            n.wire, n.variant
        );
        let (op, np) = (os.type_pos(name), ns.enum_value_pos(name, &n.wire));
        c.push(Class::Breaking, Some("E0004"), name, msg, op, np);
    }
}

/// The struct types users build: request bodies and every type reachable
/// from one through fields.
pub(crate) fn built_types(api: &Api) -> HashSet<String> {
    let by: HashMap<&str, &TypeDef> = api.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut out = HashSet::new();
    let mut stack: Vec<&str> = api
        .endpoints
        .iter()
        .filter_map(|e| e.body.as_ref())
        .flat_map(|t| t.names())
        .collect();
    while let Some(name) = stack.pop() {
        if !out.insert(name.to_owned()) {
            continue;
        }
        if let Some(TypeKind::Struct(fs)) = by.get(name).map(|t| &t.kind) {
            stack.extend(fs.iter().flat_map(|f| f.ty.names()));
        }
    }
    out
}
