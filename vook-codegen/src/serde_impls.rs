//! serde's `Serialize` and `Deserialize` for the spec's types and `<Op>Query`,
//! through the runtime's `wire_struct!` and `wire_enum!` instead of `#[derive]`.
//!
//! A derive expands each struct into a field enum with three visitors, a sequence
//! visitor and a map visitor, and each enum's `untagged` fallback into content
//! buffering; every user crate type-checks all of it (most of a generated client's
//! `cargo check`, BENCHMARKS.md section 4). The macros keep what a JSON client uses, a
//! map visitor and a string visitor, with the per-field work in
//! `vook_runtime::__private::wire`, and take one line per field in the generated
//! file. On the wire they behave as the derive with `rename`, `default` and
//! `skip_serializing_if = "Option::is_none"` did: unknown fields ignored, optional
//! fields absent or `null` (and left out when `None`), serde's own messages for a
//! missing or duplicate field, an enum's unlisted value kept in `Unknown`.

use proc_macro2::TokenStream;
use quote::quote;
use vook_schema::model::{EnumValue, Field};

use crate::ident::{field, ident};

/// `wire_struct!` of a struct: `Serialize` and `Deserialize`, or (`serialize_only`,
/// for `<Op>Query`) `Serialize` alone.
pub(crate) fn struct_impls(name: &str, fields: &[Field], serialize_only: bool) -> TokenStream {
    let ty = ident(name);
    let only = serialize_only.then(|| quote!(serialize));
    let fields = fields.iter().map(|f| {
        let id = field(&f.name);
        let wire = &f.wire;
        quote!(#id = #wire)
    });
    quote! {
        ::vook_runtime::wire_struct! { #only #ty { #(#fields),* } }
    }
}

/// `wire_enum!` of a spec enum: `Serialize` (its wire string, `as_str`) and
/// `Deserialize` (a string: its variant, else `Unknown` of it).
pub(crate) fn enum_impls(name: &str, values: &[EnumValue]) -> TokenStream {
    let ty = ident(name);
    let values = values.iter().map(|v| {
        let var = ident(&v.variant);
        let wire = &v.wire;
        quote!(#var = #wire)
    });
    quote! {
        ::vook_runtime::wire_enum! { #ty { #(#values),* } }
    }
}
