//! The paging conventions vook-mock applies on list endpoints, stated on the
//! query parameters that carry them.
//!
//! vook-mock treats an endpoint as a list when it is a `GET` on a collection
//! path (the last segment is not a `{parameter}`) whose response is a struct
//! with exactly one list-of-structs field. There it reads the page size from
//! `limit`, `page_size` or `per_page` (an integer of at least 1, else a
//! validation error; 20 when absent; above 1000 counts as 1000) and the
//! position from `cursor`, `page_token`, `after` or `starting_after` (empty, or
//! a cursor it issued, else a validation error). The names and numbers are
//! [`vook_vocab::paging`]'s, which vook-mock reads too.
//!
//! An endpoint that declares `paginate` says itself which parameter is the
//! cursor and where the next position comes from: that is stated on the cursor
//! parameter, and the whole declaration as the operation's `x-vook-paginate`.

use serde_json::{Map, Value};
use vook_schema::Api;
use vook_schema::model::{Endpoint, Field, Method, PageNext, Paginate, TypeKind};
use vook_schema::types::TypeRef;
use vook_vocab::paging::{
    CURSOR_FIELDS, CURSOR_PARAMS, DEFAULT_PAGE_SIZE, LIMIT_PARAMS, MAX_PAGE_SIZE, MIN_PAGE_SIZE,
};

fn struct_fields<'a>(api: &'a Api, ty: &TypeRef) -> Option<&'a [Field]> {
    let TypeRef::Named(n) = ty else {
        return None;
    };
    match api.type_def(n).map(|t| &t.kind) {
        Some(TypeKind::Struct(fields)) => Some(fields),
        _ => None,
    }
}

/// The response fields of `ep` when vook-mock answers it as a page of a list.
fn list_fields<'a>(api: &'a Api, ep: &Endpoint) -> Option<&'a [Field]> {
    if ep.paginate.is_some() {
        return struct_fields(api, ep.response.as_ref()?);
    }
    if ep.method != Method::Get {
        return None;
    }
    let last = ep.path.trim_end_matches('/').rsplit('/').next()?;
    if last.starts_with('{') && last.ends_with('}') {
        return None;
    }
    let fields = struct_fields(api, ep.response.as_ref()?)?;
    let lists = fields
        .iter()
        .filter(|f| matches!(&f.ty, TypeRef::List(inner) if struct_fields(api, inner).is_some()))
        .count();
    (lists == 1).then_some(fields)
}

/// Adds the paging convention to the query parameter `param` of `ep` when
/// vook-mock applies one to it: a `description` (after the spec's own) and,
/// for an integer page size, `minimum: 1` on its schema.
pub(super) fn annotate(api: &Api, ep: &Endpoint, field: &Field, param: &mut Map<String, Value>) {
    let name = field.name.as_str();
    let Some(fields) = list_fields(api, ep) else {
        return;
    };
    let convention = if let Some(p) = &ep.paginate {
        if name == p.cursor {
            declared_cursor(p)
        } else if LIMIT_PARAMS.contains(&name) {
            page_size(field, param)
        } else {
            return;
        }
    } else if LIMIT_PARAMS.contains(&name) {
        page_size(field, param)
    } else if CURSOR_PARAMS.contains(&name) {
        let from = CURSOR_FIELDS
            .iter()
            .find(|n| {
                fields
                    .iter()
                    .any(|f| f.name == **n && f.ty == TypeRef::String)
            })
            .map_or_else(
                || "the cursor of the previous page".to_owned(),
                |n| format!("the `{n}` of the previous page"),
            );
        format!(
            "Opaque cursor: {from}; absent or empty for the first page. vook-mock rejects a cursor it did not issue."
        )
    } else {
        return;
    };
    let description = match param.get("description").and_then(Value::as_str) {
        Some(own) => format!("{own}\n\n{convention}"),
        None => convention,
    };
    param.insert("description".into(), description.into());
}

/// The page-size convention; `minimum: 1` on an integer's schema.
fn page_size(field: &Field, param: &mut Map<String, Value>) -> String {
    if field.ty == TypeRef::Integer
        && let Some(Value::Object(schema)) = param.get_mut("schema")
    {
        schema.insert("minimum".into(), MIN_PAGE_SIZE.into());
    }
    format!(
        "Page size: an integer of at least {MIN_PAGE_SIZE}. vook-mock answers {DEFAULT_PAGE_SIZE} items when it is absent and counts a larger value than {MAX_PAGE_SIZE} as {MAX_PAGE_SIZE}."
    )
}

/// The description of a declared cursor parameter.
fn declared_cursor(p: &Paginate) -> String {
    match &p.next {
        PageNext::Cursor { field } => format!(
            "Opaque cursor: the `{field}` of the previous page; absent or empty for the first page. The last page has no `{field}` (absent, null or empty)."
        ),
        PageNext::FromLast { field, has_more } => {
            let end = match has_more {
                Some(h) => format!("`{h}` is false or a page is empty"),
                None => "a page is empty".to_owned(),
            };
            format!(
                "Position: the `{field}` of the previous page's last item in `{}`; absent for the first page. The listing ends when {end}.",
                p.items
            )
        }
    }
}

/// `x-vook-paginate` of an operation that declares `paginate`: the declaration
/// as the spec writes it.
pub(super) fn extension(ep: &Endpoint) -> Option<Value> {
    let p = ep.paginate.as_ref()?;
    let mut out = Map::new();
    out.insert("cursor".into(), p.cursor.clone().into());
    match &p.next {
        PageNext::Cursor { field } => {
            out.insert("next".into(), field.clone().into());
        }
        PageNext::FromLast { field, has_more } => {
            out.insert("next_from_last".into(), field.clone().into());
            if let Some(h) = has_more {
                out.insert("has_more".into(), h.clone().into());
            }
        }
    }
    out.insert("items".into(), p.items.clone().into());
    Some(Value::Object(out))
}
