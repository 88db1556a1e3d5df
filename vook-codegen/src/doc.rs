//! Rustdoc attributes from spec text. Spec text is data: it goes into
//! `#[doc = "..."]` string literals (so quotes, `*/` and non-ASCII are inert),
//! with the characters rustdoc would read as links or HTML escaped.

use proc_macro2::TokenStream;
use quote::quote;

/// Escapes `[`, `]`, `<` and `>` so spec text cannot form intra-doc links or HTML.
pub(crate) fn inert(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// `#[doc = " line"]` for each line of `text` (already escaped where needed).
pub(crate) fn lines(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| format!(" {l}"));
    quote! { #(#[doc = #lines])* }
}

/// Doc lines from spec text, escaped.
pub(crate) fn spec_text(text: &str) -> TokenStream {
    lines(&inert(text))
}
