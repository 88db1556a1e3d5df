//! `API_SPEC.error_fields` and the `wire` of each `ERROR_TABLE` row.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use vook_schema::model::{ErrorFields, ErrorWire};

/// `::vook_runtime::ErrorFields::DEFAULT`, or the spec's paths.
pub(crate) fn error_fields(f: &ErrorFields) -> TokenStream {
    if *f == ErrorFields::default() {
        return quote!(::vook_runtime::ErrorFields::DEFAULT);
    }
    let path = |p: &Option<Vec<String>>| match p {
        Some(segments) => quote!(::core::option::Option::Some(&[#(#segments),*])),
        None => quote!(::core::option::Option::None),
    };
    let (code, message, request_id) = (path(&f.code), path(&f.message), path(&f.request_id));
    let details = match &f.details {
        Some(d) => {
            let (at, field, issue) = (&d.at, &d.field, &d.issue);
            quote!(::core::option::Option::Some(::vook_runtime::DetailsShape { at: &[#(#at),*], field: #field, issue: #issue }))
        }
        None => quote!(::core::option::Option::None),
    };
    quote! {
        ::vook_runtime::ErrorFields { code: #code, message: #message, request_id: #request_id, details: #details }
    }
}

/// The `wire` of one row.
pub(crate) fn wire(w: Option<&ErrorWire>) -> TokenStream {
    match w {
        None => quote!(::core::option::Option::None),
        Some(ErrorWire::Str(s)) => {
            quote!(::core::option::Option::Some(::vook_runtime::ErrorWire::Str(#s)))
        }
        Some(ErrorWire::Int(n)) => {
            // A negative literal is a minus and a literal.
            let lit = Literal::u64_unsuffixed(n.unsigned_abs());
            let sign = (*n < 0).then(|| quote!(-));
            quote!(::core::option::Option::Some(::vook_runtime::ErrorWire::Int(#sign #lit)))
        }
    }
}
