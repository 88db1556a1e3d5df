//! serde's `Serialize` and `Deserialize` for the spec's types and `<Op>Query`,
//! written out instead of derived.
//!
//! A derive expands each struct into a field enum with three visitors, a sequence
//! visitor and a map visitor, and each enum's `untagged` fallback into content
//! buffering; every user crate type-checks all of it (about half of a generated
//! client's `cargo check`, BENCHMARKS.md section 4). These impls keep what a JSON
//! client uses, a map visitor and a string visitor, and leave the per-field work to
//! `vook_runtime::__private::wire`. On the wire they behave as the derive with
//! `rename`, `default` and `skip_serializing_if = "Option::is_none"` did: unknown
//! fields ignored, optional fields absent or `null`, serde's own messages for a
//! missing or duplicate field, an enum's unlisted value kept in `Unknown`.

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens as _, quote};
use vook_schema::model::{EnumValue, Field};

use crate::ident::{field, ident};

fn serde() -> TokenStream {
    quote!(::vook_runtime::__private::serde)
}

/// `Serialize` for a struct: every required field, and each optional one when present.
pub(crate) fn serialize_struct(name: &str, fields: &[Field]) -> TokenStream {
    let serde = serde();
    let ty = ident(name);
    let required = fields.iter().filter(|f| !f.optional).count();
    let mut len: Vec<TokenStream> = fields
        .iter()
        .filter(|f| f.optional)
        .map(|f| {
            let id = field(&f.name);
            quote!(usize::from(self.#id.is_some()))
        })
        .collect();
    if required > 0 || len.is_empty() {
        len.insert(0, Literal::usize_unsuffixed(required).into_token_stream());
    }
    let mutable = (!fields.is_empty()).then(|| quote!(mut));
    let writes = fields.iter().map(|f| {
        let id = field(&f.name);
        let wire = &f.wire;
        if f.optional {
            quote!(::vook_runtime::__private::wire::optional(&mut st, #wire, self.#id.as_ref())?;)
        } else {
            quote!(st.serialize_field(#wire, &self.#id)?;)
        }
    });
    quote! {
        impl #serde::Serialize for #ty {
            fn serialize<__S: #serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                use #serde::ser::SerializeStruct as _;
                let #mutable st = serializer.serialize_struct(#name, #(#len)+*)?;
                #(#writes)*
                st.end()
            }
        }
    }
}

/// `Deserialize` for a struct, from a map (a JSON object).
pub(crate) fn deserialize_struct(name: &str, fields: &[Field]) -> TokenStream {
    let serde = serde();
    let ty = ident(name);
    let expecting = format!("struct {name}");
    let wires = fields.iter().map(|f| &f.wire);
    let slot = |i: usize| quote::format_ident!("__f{}", i);
    let slots = (0..fields.len()).map(|i| {
        let s = slot(i);
        quote!(let mut #s = ::core::option::Option::None;)
    });
    let body = if fields.is_empty() {
        quote! {
            while map.next_key_seed(__wire::Key(FIELDS))?.is_some() {
                __wire::skip(&mut map)?;
            }
        }
    } else {
        let arms = fields.iter().enumerate().map(|(i, f)| {
            let s = slot(i);
            let wire = &f.wire;
            let i = Literal::usize_unsuffixed(i);
            quote!(#i => __wire::put(&mut map, &mut #s, #wire)?,)
        });
        quote! {
            while let ::core::option::Option::Some(key) = map.next_key_seed(__wire::Key(FIELDS))? {
                match key {
                    #(#arms)*
                    _ => __wire::skip(&mut map)?,
                }
            }
        }
    };
    let inits = fields.iter().enumerate().map(|(i, f)| {
        let id = field(&f.name);
        let s = slot(i);
        let wire = &f.wire;
        if f.optional {
            quote!(#id: #s.flatten(),)
        } else {
            quote!(#id: __wire::required(#s, #wire)?,)
        }
    });
    quote! {
        impl<'de> #serde::Deserialize<'de> for #ty {
            fn deserialize<__D: #serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                use ::vook_runtime::__private::wire as __wire;
                const FIELDS: &[&str] = &[#(#wires),*];
                struct __Visitor;
                impl<'de> #serde::de::Visitor<'de> for __Visitor {
                    type Value = #ty;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<__A: #serde::de::MapAccess<'de>>(self, mut map: __A) -> ::core::result::Result<Self::Value, __A::Error> {
                        #(#slots)*
                        #body
                        ::core::result::Result::Ok(#ty { #(#inits)* })
                    }
                }
                deserializer.deserialize_struct(#name, FIELDS, __Visitor)
            }
        }
    }
}

/// `Serialize` (its wire string, `as_str`) and `Deserialize` (a string: its variant,
/// else `Unknown` of it) for a spec enum.
pub(crate) fn enum_impls(name: &str, values: &[EnumValue]) -> TokenStream {
    let serde = serde();
    let ty = ident(name);
    let wires = values.iter().map(|v| &v.wire);
    let variants = values.iter().map(|v| {
        let var = ident(&v.variant);
        quote!(Self::#var)
    });
    quote! {
        impl #serde::Serialize for #ty {
            fn serialize<__S: #serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> #serde::Deserialize<'de> for #ty {
            fn deserialize<__D: #serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                ::vook_runtime::__private::wire::enum_from_str(
                    deserializer,
                    &[#(#wires),*],
                    &[#(#variants),*],
                    Self::Unknown,
                )
            }
        }
    }
}
