//! `paginate` of an endpoint: the query parameter and the fields it names
//! exist and have the types paging needs, and exactly one of `next` /
//! `next_from_last` is given.

use super::Validator;
use crate::diagnostic::Pos;
use crate::document::PaginateSection;
use crate::located::Located;
use crate::model::{self, PageNext, TypeKind, TypeRef};
use crate::suggest::suggest;

/// What the validator knows of the endpoint whose `paginate` it checks.
pub(super) struct PagedEndpoint<'e> {
    /// Operation id.
    pub(super) op: &'e str,
    /// Its resolved query parameters.
    pub(super) query: &'e [model::Field],
    /// Its resolved response type; `None` for no response (or one already reported).
    pub(super) response: Option<&'e TypeRef>,
    /// Where `response` is written, if it is.
    pub(super) response_pos: Option<Pos>,
    /// The response was written but could not be resolved (already reported).
    pub(super) response_broken: bool,
}

impl Validator<'_, '_> {
    /// The checked `paginate` of `e`; `None` when anything is wrong (reported).
    pub(super) fn paginate(
        &mut self,
        p: &PaginateSection,
        e: &PagedEndpoint<'_>,
        types: &[model::TypeDef],
    ) -> Option<model::Paginate> {
        let op = e.op;
        let before = self.diags.len();
        self.cursor_param(p, e);
        let next_style = match (&p.next, &p.next_from_last) {
            (Some(_), Some(both)) => {
                self.err(both.pos, format!("`paginate` of endpoint `{op}` has both `next` and `next_from_last`; keep `next` when the response carries the next cursor, `next_from_last` when the next position is a field of the last item"));
                None
            }
            (None, None) => {
                let misspelled = ["next", "next_from_last"]
                    .iter()
                    .any(|k| self.ix.broken(&format!("endpoints.{op}.paginate.{k}")));
                if !misspelled {
                    self.err(p.pos, format!("`paginate` of endpoint `{op}` needs `next` (the response field with the next cursor) or `next_from_last` (the field of the last item that the next page starts after)"));
                }
                None
            }
            (Some(n), None) => Some(Ok(n)),
            (None, Some(n)) => Some(Err(n)),
        };
        if let (Some(_), Some(h)) = (&p.next, &p.has_more) {
            self.err(h.pos, format!("`has_more` in `paginate` of endpoint `{op}` goes with `next_from_last`; with `next`, an absent cursor ends the listing"));
        }
        let fields = self.response_fields(p, e, types)?;
        let items = self.items_field(p, op, fields)?;
        let next = match next_style? {
            Ok(next) => {
                let f = self.field_of(
                    next,
                    fields,
                    &format!("the response type of endpoint `{op}`"),
                )?;
                if f.ty != TypeRef::String || !f.optional {
                    self.err(next.pos, format!("`next` in `paginate` of endpoint `{op}` must name an optional string field (`string?`); `{}` is `{}`", f.name, shown(f)));
                    return None;
                }
                PageNext::Cursor {
                    field: f.name.clone(),
                }
            }
            Err(from_last) => {
                let has_more = p.has_more.as_ref().and_then(|h| {
                    let f = self.field_of(h, fields, &format!("the response type of endpoint `{op}`"))?;
                    if f.ty != TypeRef::Boolean {
                        self.err(h.pos, format!("`has_more` in `paginate` of endpoint `{op}` must name a boolean field; `{}` is `{}`", f.name, shown(f)));
                        return None;
                    }
                    Some(f.name.clone())
                });
                let field = self.last_item_field(from_last, op, &items, types)?;
                PageNext::FromLast { field, has_more }
            }
        };
        (self.diags.len() == before).then(|| model::Paginate {
            cursor: p.cursor.value.clone(),
            items: p.items.value.clone(),
            item: items,
            next,
        })
    }

    /// The cursor is an optional string query parameter of the endpoint.
    fn cursor_param(&mut self, p: &PaginateSection, e: &PagedEndpoint<'_>) {
        let c = &p.cursor;
        let op = e.op;
        if self.ix.broken(&format!("endpoints.{op}.query")) {
            return;
        }
        match e.query.iter().find(|q| q.name == c.value) {
            Some(q) if q.ty == TypeRef::String && q.optional => {}
            Some(q) => self.err(c.pos, format!("`cursor` in `paginate` of endpoint `{op}` must name an optional string query parameter (`string?`); `{}` is `{}`", q.name, shown(q))),
            None => {
                let names: Vec<&str> = e.query.iter().map(|q| q.name.as_str()).collect();
                let hint = match suggest(&c.value, &names) {
                    Some(s) => format!("; did you mean `{s}`?"),
                    None => format!("; add `{}: string?` to its `query`", c.value),
                };
                self.err(c.pos, format!("`cursor` in `paginate` of endpoint `{op}` names `{}`, which is not a query parameter of the endpoint{hint}", c.value));
            }
        }
    }

    /// The fields of the response type; reports a missing or non-object response.
    fn response_fields<'t>(
        &mut self,
        p: &PaginateSection,
        e: &PagedEndpoint<'_>,
        types: &'t [model::TypeDef],
    ) -> Option<&'t [model::Field]> {
        let op = e.op;
        let Some(response) = e.response else {
            if !e.response_broken {
                self.err(p.pos, format!("endpoint `{op}` has `paginate` but no response; a paginated endpoint responds with an object type that holds the items"));
            }
            return None;
        };
        let at = e.response_pos.unwrap_or(p.pos);
        let not_object = |v: &mut Self| {
            v.err(at, format!("endpoint `{op}` has `paginate`, so its response must be an object type (one with `fields`), not `{response}`"));
            None
        };
        let TypeRef::Named(name) = response else {
            return not_object(self);
        };
        // An unknown type was reported where the response names it.
        let def = types.iter().find(|t| &t.name == name)?;
        match &def.kind {
            TypeKind::Struct(fields) => Some(fields),
            TypeKind::Enum(_) => not_object(self),
        }
    }

    /// The element type of the list field `items`.
    fn items_field(
        &mut self,
        p: &PaginateSection,
        op: &str,
        fields: &[model::Field],
    ) -> Option<TypeRef> {
        let f = self.field_of(
            &p.items,
            fields,
            &format!("the response type of endpoint `{op}`"),
        )?;
        match &f.ty {
            TypeRef::List(inner) => Some((**inner).clone()),
            _ => {
                self.err(p.items.pos, format!("`items` in `paginate` of endpoint `{op}` must name a list field (`[T]`); `{}` is `{}`", f.name, shown(f)));
                None
            }
        }
    }

    /// The `next_from_last` field of the item type: a required string or integer.
    fn last_item_field(
        &mut self,
        n: &Located<String>,
        op: &str,
        item: &TypeRef,
        types: &[model::TypeDef],
    ) -> Option<String> {
        let not_object = |v: &mut Self| {
            v.err(n.pos, format!("`next_from_last` in `paginate` of endpoint `{op}` needs items of an object type, not `{item}`; use `next` when the response carries the next cursor"));
            None
        };
        let TypeRef::Named(name) = item else {
            return not_object(self);
        };
        // An unknown type was reported where it is named.
        let def = types.iter().find(|t| &t.name == name)?;
        let TypeKind::Struct(fields) = &def.kind else {
            return not_object(self);
        };
        let f = self.field_of(
            n,
            fields,
            &format!("`{}` (the item type of endpoint `{op}`)", def.name),
        )?;
        if !matches!(f.ty, TypeRef::String | TypeRef::Integer) || f.optional {
            self.err(n.pos, format!("`next_from_last` in `paginate` of endpoint `{op}` must name a required string or integer field of `{}`; `{}` is `{}`", def.name, f.name, shown(f)));
            return None;
        }
        Some(f.name.clone())
    }

    /// The field `name` of `fields` (in `owner`), or a report with "did you mean".
    fn field_of<'f>(
        &mut self,
        name: &Located<String>,
        fields: &'f [model::Field],
        owner: &str,
    ) -> Option<&'f model::Field> {
        let found = fields.iter().find(|f| f.name == name.value);
        if found.is_none() {
            let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
            let hint = match suggest(&name.value, &names) {
                Some(s) => format!("; did you mean `{s}`?"),
                None if names.is_empty() => String::new(),
                None => format!(
                    "; its fields are {}",
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            self.err(
                name.pos,
                format!("{owner} has no field `{}`{hint}", name.value),
            );
        }
        found
    }
}

/// A field's type as written: `string?`, `[Item]`.
fn shown(f: &model::Field) -> String {
    format!("{}{}", f.ty, if f.optional { "?" } else { "" })
}
