//! The spec's types (structs and string enums) and each endpoint's `<Op>Query`.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::quote;
use vook_schema::model::{Api, Field, TypeDef, TypeKind, TypeRef};

use crate::ident::{field, ident};
use crate::{doc, serde_impls};

/// The Rust type of a type expression.
pub(crate) fn rust_type(t: &TypeRef) -> TokenStream {
    match t {
        TypeRef::String | TypeRef::Datetime => quote!(::std::string::String),
        TypeRef::Integer => quote!(i64),
        TypeRef::Number => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Json => quote!(::vook_runtime::JsonValue),
        TypeRef::List(inner) => {
            let inner = rust_type(inner);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = rust_type(inner);
            quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
        }
        TypeRef::Named(n) => {
            let n = ident(n);
            quote!(#n)
        }
    }
}

/// Every type and query struct.
pub(crate) fn all(api: &Api) -> TokenStream {
    let recursive = recursive_edges(api);
    let types = api.types.iter().map(|t| type_def(api, t, &recursive));
    let queries = api
        .endpoints
        .iter()
        .filter(|ep| !ep.query.is_empty())
        .map(|ep| {
            let name = ident(&ep.query_struct());
            let head = format!(" Query parameters of [`Client::{}`].", ep.name);
            let derive_default = ep.query.iter().all(|f| f.optional || defaultable(&f.ty));
            let default = derive_default.then(|| quote!(Default,));
            let fields = fields(&ep.query, &HashSet::new(), &ep.name);
            let serialize = serde_impls::struct_impls(&ep.query_struct(), &ep.query, true);
            quote! {
                #[doc = #head]
                #[derive(Clone, Debug, #default PartialEq)]
                pub struct #name { #fields }
                // Serialize only: a client sends query parameters and never reads them back.
                #serialize
            }
        });
    quote! { #(#types)* #(#queries)* }
}

fn defaultable(t: &TypeRef) -> bool {
    !matches!(t, TypeRef::Named(_))
}

fn type_def(api: &Api, t: &TypeDef, recursive: &HashSet<(String, String)>) -> TokenStream {
    let name = ident(&t.name);
    let desc = match &t.description {
        Some(d) => doc::spec_text(d),
        None => {
            let line = format!(" The `{}` type of the {}.", t.name, doc::inert(&api.title));
            quote!(#[doc = #line])
        }
    };
    match &t.kind {
        TypeKind::Struct(fs) => {
            let boxed: HashSet<String> = fs
                .iter()
                .filter(|f| matches!(&f.ty, TypeRef::Named(n) if recursive.contains(&(t.name.clone(), n.clone()))))
                .map(|f| f.name.clone())
                .collect();
            let derive_default = fs.iter().all(|f| f.optional || defaultable(&f.ty));
            let default = derive_default.then(|| quote!(Default,));
            let fields = fields(fs, &boxed, &t.name);
            let serde_impls = serde_impls::struct_impls(&t.name, fs, false);
            quote! {
                #desc
                #[derive(Clone, Debug, #default PartialEq)]
                pub struct #name { #fields }
                #serde_impls
            }
        }
        TypeKind::Enum(values) => {
            let variants = values.iter().map(|v| {
                let var = ident(&v.variant);
                let wire = &v.wire;
                let line = format!(" `{}`", doc::inert(wire));
                quote!(#[doc = #line] #var,)
            });
            let as_str = values.iter().map(|v| {
                let var = ident(&v.variant);
                let wire = &v.wire;
                quote!(Self::#var => #wire,)
            });
            let serde_impls = serde_impls::enum_impls(&t.name, values);
            quote! {
                #desc
                #[derive(Clone, Debug, PartialEq, Eq, Hash)]
                pub enum #name {
                    #(#variants)*
                    /// A value the spec does not list yet, kept as sent.
                    Unknown(::std::string::String),
                }
                #serde_impls
                impl #name {
                    /// The wire string.
                    pub fn as_str(&self) -> &str {
                        match self {
                            #(#as_str)*
                            Self::Unknown(value) => value,
                        }
                    }
                }
                impl ::core::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }
            }
        }
    }
}

fn fields(fs: &[Field], boxed: &HashSet<String>, owner: &str) -> TokenStream {
    let items = fs.iter().map(|f| {
        let id = field(&f.name);
        let mut ty = rust_type(&f.ty);
        if boxed.contains(&f.name) {
            ty = quote!(::std::boxed::Box<#ty>);
        }
        let desc = match &f.description {
            Some(d) => doc::spec_text(d),
            None => {
                let line = format!(
                    " `{}` of `{owner}`{}.",
                    f.name,
                    match f.ty {
                        TypeRef::Datetime => " (RFC 3339)",
                        TypeRef::Json => " (any JSON value)",
                        _ => "",
                    }
                );
                quote!(#[doc = #line])
            }
        };
        // The wire name is `f.wire` (serde_impls), whatever the identifier.
        if f.optional {
            quote!(#desc pub #id: ::core::option::Option<#ty>,)
        } else {
            quote!(#desc pub #id: #ty,)
        }
    });
    quote!(#(#items)*)
}

/// Struct fields `(owner, target)` that must be boxed: a direct (not through a
/// list or map) named field whose type can reach back to its owner directly.
fn recursive_edges(api: &Api) -> HashSet<(String, String)> {
    let direct = |name: &str| -> Vec<String> {
        match api.type_def(name).map(|t| &t.kind) {
            Some(TypeKind::Struct(fs)) => fs
                .iter()
                .filter_map(|f| match &f.ty {
                    TypeRef::Named(n) => Some(n.clone()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    let reaches = |from: &str, to: &str| -> bool {
        let mut seen = HashSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n.clone()) {
                stack.extend(direct(&n));
            }
        }
        false
    };
    let mut out = HashSet::new();
    for t in &api.types {
        for target in direct(&t.name) {
            if reaches(&target, &t.name) {
                out.insert((t.name.clone(), target));
            }
        }
    }
    out
}
