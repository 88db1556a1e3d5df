//! Fields of a struct: a spec type's or an endpoint's `<Op>Query`. Generated
//! structs have public fields and no `#[non_exhaustive]`, so code that builds
//! one with a struct literal names every field: any added field, optional or
//! not, is E0063 there, and a removed one E0560. Code that only reads a type
//! (a response) is hit by a removed field (E0609) and by a changed type
//! (E0308), never by an added one.

use std::collections::HashMap;

use vook_schema::model::Field;

use crate::spec::FieldOwner;
use crate::{Changes, Class, renames};

/// The struct whose fields are compared.
pub(crate) struct Owner<'a> {
    /// Where its fields are written.
    pub(crate) at: FieldOwner<'a>,
    /// The generated struct's name (`Item`, `GetItemQuery`).
    pub(crate) item: &'a str,
    /// True when users build it (a request body, reachable from one, or a query).
    pub(crate) built: bool,
}

/// Compares `old` and `new`, the fields of `owner`.
pub(crate) fn compare(c: &mut Changes<'_>, owner: &Owner<'_>, old: &[Field], new: &[Field]) {
    let (os, ns) = (c.old, c.new);
    let item = owner.item;
    let new_by: HashMap<&str, &Field> = new.iter().map(|f| (f.name.as_str(), f)).collect();
    let old_by: HashMap<&str, &Field> = old.iter().map(|f| (f.name.as_str(), f)).collect();
    let mut removed = Vec::new();
    for o in old {
        let name = o.name.as_str();
        // Looked up only for a change: a lookup scans the section.
        let pos = || {
            (
                os.owner_field_pos(owner.at, name),
                ns.owner_field_pos(owner.at, name),
            )
        };
        let Some(n) = new_by.get(name) else {
            removed.push((name, o));
            let (code, how) = if owner.built {
                (
                    "E0560",
                    format!("struct literals of `{item}` name a field it no longer has"),
                )
            } else {
                (
                    "E0609",
                    format!("reading `{item}.{name}` finds no such field"),
                )
            };
            let msg = format!("field `{name}` removed from `{item}`: {how}");
            let (op, np) = pos();
            c.push(Class::Breaking, Some(code), item, msg, op, np);
            continue;
        };
        if (&o.ty, o.optional) != (&n.ty, n.optional) {
            let msg = format!(
                "field `{name}` of `{item}` changed type from `{}` to `{}`",
                spelled(o),
                spelled(n)
            );
            let (op, np) = pos();
            c.push(Class::Breaking, Some("E0308"), item, msg, op, np);
        }
        if o.wire != n.wire {
            // Same Rust field, another key on the wire (`field_case`, `wire`).
            let msg = format!(
                "field `{name}` of `{item}` is sent and read as `{}` on the wire, was `{}`",
                n.wire, o.wire
            );
            let (op, np) = pos();
            c.push(Class::Behavior, None, item, msg, op, np);
        }
        if o.description != n.description {
            let msg = format!("field `{name}` of `{item}`: description changed");
            let (op, np) = (
                os.field_description_pos(owner.at, name),
                ns.field_description_pos(owner.at, name),
            );
            c.push(Class::Docs, None, item, msg, op, np);
        }
    }
    let start = c.list.len();
    let mut added = Vec::new();
    for n in new {
        let name = n.name.as_str();
        if old_by.contains_key(name) {
            continue;
        }
        added.push((name, n));
        let pos = (
            os.owner_field_pos(owner.at, name),
            ns.owner_field_pos(owner.at, name),
        );
        if owner.built {
            let msg = format!(
                "field `{name}: {}` added to `{item}`, which users build: struct literals of it lack the field",
                spelled(n)
            );
            c.push(Class::Breaking, Some("E0063"), item, msg, pos.0, pos.1);
        } else {
            let msg = format!("field `{name}: {}` added to `{item}`", spelled(n));
            c.push(Class::Additive, None, item, msg, pos.0, pos.1);
        }
    }
    let same = |a: &Field, b: &Field| (&a.ty, a.optional) == (&b.ty, b.optional);
    for (was, now) in renames::pairs(&removed, &added, same) {
        let prefix = format!("field `{now}: ");
        renames::note(&mut c.list, start, &prefix, was);
    }
}

/// The field's type as written in the spec (`string?`).
pub(crate) fn spelled(f: &Field) -> String {
    format!("{}{}", f.ty, if f.optional { "?" } else { "" })
}
