//! The `endpoints` section. Each endpoint is a method of `Client` (arguments:
//! path parameters in order, then `&Body`, then `&<Op>Query`; the response
//! type is in its return type), an `<Op>Error` enum of its codes, and a row of
//! the endpoint table (method, path, status, idempotency: behavior). Its
//! `paginate` decides the streams of its calls (behavior).

use std::collections::HashMap;

use vook_schema::model::{Api, Endpoint, PageNext, Paginate, TypeRef};

use crate::fields::{self, Owner};
use crate::spec::FieldOwner;
use crate::{Changes, Class, renames};

/// Compares the endpoints.
pub(crate) fn compare(c: &mut Changes<'_>) {
    let (old, new) = (c.old, c.new);
    let new_by: HashMap<&str, &Endpoint> = new
        .api
        .endpoints
        .iter()
        .map(|e| (e.name.as_str(), e))
        .collect();
    let old_by: HashMap<&str, &Endpoint> = old
        .api
        .endpoints
        .iter()
        .map(|e| (e.name.as_str(), e))
        .collect();
    let mut removed = Vec::new();
    for o in &old.api.endpoints {
        let name = o.name.as_str();
        let Some(n) = new_by.get(name) else {
            removed.push((name, o));
            let msg = format!(
                "endpoint `{name}` removed: method `Client::{name}` and `{}` no longer exist",
                o.error_enum()
            );
            let (op, np) = (old.endpoint_pos(name), new.endpoint_pos(name));
            c.push(
                Class::Breaking,
                Some("E0599"),
                format!("Client::{name}"),
                msg,
                op,
                np,
            );
            continue;
        };
        changed(c, o, n);
    }
    let start = c.list.len();
    let mut added = Vec::new();
    for n in &new.api.endpoints {
        let name = n.name.as_str();
        if old_by.contains_key(name) {
            continue;
        }
        added.push((name, n));
        let msg = format!(
            "endpoint `{name}` added ({} {}): method `Client::{name}`, `{}`",
            n.method.as_str(),
            n.path,
            n.error_enum()
        );
        let (op, np) = (old.endpoint_pos(name), new.endpoint_pos(name));
        c.push(
            Class::Additive,
            None,
            format!("Client::{name}"),
            msg,
            op,
            np,
        );
    }
    let same = |a: &Endpoint, b: &Endpoint| {
        let mut a = a.clone();
        a.name.clone_from(&b.name);
        a == *b
    };
    for (was, now) in renames::pairs(&removed, &added, same) {
        renames::note(&mut c.list, start, &format!("endpoint `{now}` added"), was);
    }
}

fn changed(c: &mut Changes<'_>, o: &Endpoint, n: &Endpoint) {
    let (os, ns) = (c.old, c.new);
    let name = o.name.as_str();
    let method = format!("Client::{name}");
    let pos = |key: &str| {
        (
            os.endpoint_key_pos(name, key),
            ns.endpoint_key_pos(name, key),
        )
    };
    let behavior = |c: &mut Changes<'_>, key: &str, what: &str, was: String, now: String| {
        if was != now {
            let msg = format!("endpoint `{name}`: {what} changed from {was} to {now}");
            let (op, np) = pos(key);
            c.push(Class::Behavior, None, method.clone(), msg, op, np);
        }
    };
    behavior(
        c,
        "method",
        "method",
        o.method.as_str().into(),
        n.method.as_str().into(),
    );
    behavior(
        c,
        "path",
        "path",
        format!("`{}`", o.path),
        format!("`{}`", n.path),
    );
    behavior(
        c,
        "status",
        "success status",
        o.status.to_string(),
        n.status.to_string(),
    );
    behavior(
        c,
        "idempotent",
        "idempotency (retried when safe to repeat)",
        o.idempotent.to_string(),
        n.idempotent.to_string(),
    );
    if o.body.is_some() || n.body.is_some() {
        // Same Rust call, other bytes on the wire (JSON or a form).
        behavior(
            c,
            "body_encoding",
            "request body encoding",
            format!("`{}`", o.body_encoding),
            format!("`{}`", n.body_encoding),
        );
    }
    if o.paginate != n.paginate {
        let msg = match (&o.paginate, &n.paginate) {
            (None, Some(p)) => format!(
                "endpoint `{name}` now pages ({}): its calls gain `.pages()` and `.items()`",
                paging(p)
            ),
            (Some(p), None) => format!(
                "endpoint `{name}` no longer pages (was {}): `.pages()` and `.items()` are gone from its calls",
                paging(p)
            ),
            (Some(a), Some(b)) => format!(
                "endpoint `{name}`: paging changed from {} to {}",
                paging(a),
                paging(b)
            ),
            (None, None) => String::new(),
        };
        let (op, np) = pos("paginate");
        c.push(Class::Behavior, None, method.clone(), msg, op, np);
    }
    signature(c, o, n);
    codes(c, o, n);
    let texts = [
        ("summary", &o.summary, &n.summary),
        ("description", &o.description, &n.description),
    ];
    for (key, was, now) in texts {
        if was != now {
            let msg = format!("endpoint `{name}`: {key} changed");
            let (op, np) = pos(key);
            c.push(Class::Docs, None, format!("Client::{name}"), msg, op, np);
        }
    }
}

/// The method's arguments and return type.
fn signature(c: &mut Changes<'_>, o: &Endpoint, n: &Endpoint) {
    let (os, ns) = (c.old, c.new);
    let name = o.name.as_str();
    let method = format!("Client::{name}");
    let pos = |key: &str| {
        (
            os.endpoint_key_pos(name, key),
            ns.endpoint_key_pos(name, key),
        )
    };
    if o.path_params.len() != n.path_params.len() {
        let (op, np) = pos("path_params");
        let list = |e: &Endpoint| {
            e.path_params
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let msg = format!(
            "endpoint `{name}`: path parameters changed from ({}) to ({}): calls pass {} argument(s) where {} are taken",
            list(o),
            list(n),
            o.path_params.len(),
            n.path_params.len()
        );
        c.push(Class::Breaking, Some("E0061"), method.clone(), msg, op, np);
    } else {
        for (i, (a, b)) in o.path_params.iter().zip(&n.path_params).enumerate() {
            if a.ty != b.ty {
                let msg = format!(
                    "endpoint `{name}`: path parameter {} (`{}`) changed type from `{}` to `{}`",
                    i + 1,
                    b.name,
                    a.ty,
                    b.ty
                );
                let (op, np) = (
                    os.path_param_pos(name, &a.name),
                    ns.path_param_pos(name, &b.name),
                );
                c.push(Class::Breaking, Some("E0308"), method.clone(), msg, op, np);
            }
        }
    }
    // Positions are looked up only for a change: a lookup is a scan of the section.
    match (&o.body, &n.body) {
        (None, Some(t)) => {
            let (op, np) = pos("body");
            let msg =
                format!("endpoint `{name}` now takes a body (`{t}`): calls lack the argument");
            c.push(Class::Breaking, Some("E0061"), method.clone(), msg, op, np);
        }
        (Some(t), None) => {
            let msg = format!(
                "endpoint `{name}` no longer takes a body (was `{t}`): calls pass one argument too many"
            );
            let (op, np) = pos("body");
            c.push(Class::Breaking, Some("E0061"), method.clone(), msg, op, np);
        }
        (Some(a), Some(b)) if a != b => {
            let (op, np) = pos("body");
            let msg = format!("endpoint `{name}`: body type changed from `{a}` to `{b}`");
            c.push(Class::Breaking, Some("E0308"), method.clone(), msg, op, np);
        }
        _ => {}
    }
    query(c, o, n);
    if o.response != n.response {
        let shown = |t: &Option<TypeRef>| {
            t.as_ref()
                .map_or_else(|| "none".to_owned(), ToString::to_string)
        };
        let msg = format!(
            "endpoint `{name}`: response type changed from `{}` to `{}`",
            shown(&o.response),
            shown(&n.response)
        );
        let (op, np) = pos("response");
        c.push(Class::Breaking, Some("E0308"), method, msg, op, np);
    }
}

/// The `&<Op>Query` argument and the query struct's fields.
fn query(c: &mut Changes<'_>, o: &Endpoint, n: &Endpoint) {
    let (os, ns) = (c.old, c.new);
    let name = o.name.as_str();
    let method = format!("Client::{name}");
    let query = o.query_struct();
    let pos = || {
        (
            os.endpoint_key_pos(name, "query"),
            ns.endpoint_key_pos(name, "query"),
        )
    };
    match (o.query.is_empty(), n.query.is_empty()) {
        (true, false) => {
            let (op, np) = pos();
            let msg = format!(
                "endpoint `{name}` now takes query parameters (`&{query}`): calls lack the argument"
            );
            c.push(Class::Breaking, Some("E0061"), method, msg, op, np);
        }
        (false, true) => {
            let (op, np) = pos();
            let msg = format!(
                "endpoint `{name}` no longer takes query parameters: calls pass one argument too many"
            );
            c.push(Class::Breaking, Some("E0061"), method, msg, op, np);
            let msg = format!(
                "`{query}` removed with the last query parameter of `{name}`: code building it no longer finds it"
            );
            c.push(Class::Breaking, Some("E0422"), query, msg, op, np);
        }
        (false, false) => {
            let owner = Owner {
                at: FieldOwner::Query(name),
                item: &query,
                built: true,
            };
            fields::compare(c, &owner, &o.query, &n.query);
        }
        (true, true) => {}
    }
}

/// The codes of `<Op>Error`.
fn codes(c: &mut Changes<'_>, o: &Endpoint, n: &Endpoint) {
    let (os, ns) = (c.old, c.new);
    let name = o.name.as_str();
    let enum_name = o.error_enum();
    for code in &o.errors {
        if !n.errors.contains(code) {
            let variant = variant(&os.api, code);
            let msg = format!(
                "endpoint `{name}` no longer returns `{code}`: variant `{enum_name}::{variant}` no longer exists"
            );
            let (op, np) = (
                os.endpoint_error_pos(name, code),
                ns.endpoint_key_pos(name, "errors"),
            );
            c.push(
                Class::Breaking,
                Some("E0599"),
                format!("{enum_name}::{variant}"),
                msg,
                op,
                np,
            );
        }
    }
    for code in &n.errors {
        if !o.errors.contains(code) {
            let variant = variant(&ns.api, code);
            let msg = format!(
                "endpoint `{name}` can now return `{code}`: new variant `{enum_name}::{variant}`, which exhaustive matches on `{enum_name}` lack"
            );
            let (op, np) = (
                os.endpoint_key_pos(name, "errors"),
                ns.endpoint_error_pos(name, code),
            );
            c.push(
                Class::Breaking,
                Some("E0004"),
                enum_name.clone(),
                msg,
                op,
                np,
            );
        }
    }
}

/// `paginate` in words: "cursor `cursor`, next `next_cursor`, items `items`".
fn paging(p: &Paginate) -> String {
    let next = match &p.next {
        PageNext::Cursor { field } => format!("next `{field}`"),
        PageNext::FromLast { field, has_more } => match has_more {
            Some(h) => format!("next from the last item's `{field}`, has_more `{h}`"),
            None => format!("next from the last item's `{field}`"),
        },
    };
    format!("cursor `{}`, {next}, items `{}`", p.cursor, p.items)
}

fn variant(api: &Api, code: &str) -> String {
    api.error(code).map_or_else(
        || vook_schema::names::error_variant(code),
        |e| e.variant.clone(),
    )
}
