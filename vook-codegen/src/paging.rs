//! `vook_runtime::Paginated` for the `<Op>Error` of every endpoint that declares
//! `paginate`: a few lines that name the page and item types, the cursor's wire
//! name, and read the next position and the items out of a page. The streams
//! themselves are the runtime's (`vook_runtime::Pages`, `vook_runtime::Items`).

use proc_macro2::TokenStream;
use quote::quote;
use vook_schema::Api;
use vook_schema::model::{Endpoint, Field, PageNext, TypeKind, TypeRef};

use crate::ident::{field, ident};
use crate::types::rust_type;

/// The fields of the named struct `ty`.
fn struct_fields<'a>(api: &'a Api, ty: &TypeRef) -> &'a [Field] {
    let TypeRef::Named(name) = ty else {
        return &[];
    };
    match api.type_def(name).map(|t| &t.kind) {
        Some(TypeKind::Struct(fields)) => fields,
        _ => &[],
    }
}

/// Whether field `name` of `fields` is optional (`?`).
fn optional(fields: &[Field], name: &str) -> bool {
    fields.iter().any(|f| f.name == name && f.optional)
}

/// The `Paginated` impl of `ep`, or nothing when it does not page.
pub(crate) fn paginated(api: &Api, ep: &Endpoint) -> TokenStream {
    let (Some(p), Some(response)) = (&ep.paginate, &ep.response) else {
        return TokenStream::new();
    };
    let fields = struct_fields(api, response);
    let error = ident(&ep.error_enum());
    let page = rust_type(response);
    let item = rust_type(&p.item);
    // The query map the runtime edits is keyed by wire names.
    let cursor = ep.query_param(&p.cursor).map_or(&p.cursor, |f| &f.wire);
    let items = field(&p.items);
    let (list, owned) = if optional(fields, &p.items) {
        (
            quote!(page.#items.as_deref().unwrap_or_default()),
            quote!(page.#items.unwrap_or_default()),
        )
    } else {
        (quote!(page.#items.as_slice()), quote!(page.#items))
    };
    let next = match &p.next {
        PageNext::Cursor { field: next } => {
            let next = field(next);
            quote!(page.#next.clone())
        }
        PageNext::FromLast {
            field: key,
            has_more,
        } => {
            let key = field(key);
            let more = match has_more {
                Some(h) if optional(fields, h) => {
                    let h = field(h);
                    quote!(page.#h)
                }
                Some(h) => {
                    let h = field(h);
                    quote!(::core::option::Option::Some(page.#h))
                }
                None => quote!(::core::option::Option::None),
            };
            quote!(::vook_runtime::after_last(#more, #list, |item| &item.#key))
        }
    };
    quote! {
        impl ::vook_runtime::Paginated for #error {
            type Page = #page;
            type Item = #item;
            const CURSOR: &'static str = #cursor;
            fn next_cursor(page: &#page) -> ::core::option::Option<::std::string::String> {
                #next
            }
            fn into_items(page: #page) -> ::std::vec::Vec<#item> {
                #owned
            }
        }
    }
}
