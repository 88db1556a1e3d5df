//! Identifiers from validated spec names.

use proc_macro2::{Ident, Span};

/// An identifier that is known to be valid (UpperCamelCase types and variants).
pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// A field, parameter or method identifier: `type` becomes `r#type`, `self` becomes `self_`.
pub(crate) fn field(name: &str) -> Ident {
    let rust = vook_schema::names::rust_field(name);
    match rust.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(&rust, Span::call_site()),
    }
}
