//! Which crate path generated code reaches the runtime through: the generator
//! option [`RuntimePath`].
//!
//! The generator writes every runtime item as `::vook_runtime::...`. A crate
//! that depends on `vook-runtime` directly (this repository's checked-in
//! clients, `#[vook_macros::vook_api]`) keeps those paths; a crate that names
//! only the `vook` facade gets them through `::vook::runtime::...` instead
//! ([`RuntimePath::facade`], used by `#[vook::api]`). The choice is applied to
//! the finished tokens ([`with_runtime_path`]), so the generator's modules stay
//! free of it: every `::vook_runtime` path prefix, and every string literal that
//! names one (serde's `crate = "..."`), is rewritten.

use proc_macro2::{Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

/// The crate name the generator's modules write runtime paths with.
const GENERATED_CRATE: &str = "vook_runtime";

/// The absolute path generated code names the runtime by, e.g. `::vook_runtime`
/// or `::vook::runtime`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimePath {
    /// The path's segments after the leading `::`, each a Rust identifier.
    segments: Vec<String>,
}

impl RuntimePath {
    /// `::vook_runtime`: for a crate that depends on `vook-runtime` (the default).
    pub fn vook_runtime() -> Self {
        RuntimePath {
            segments: vec![GENERATED_CRATE.to_string()],
        }
    }

    /// `::vook::runtime`: for a crate that depends on the `vook` facade alone.
    pub fn facade() -> Self {
        RuntimePath {
            segments: vec!["vook".to_string(), "runtime".to_string()],
        }
    }

    /// Parses an absolute path such as `::my_vook::runtime` (the leading `::`
    /// may be left out). Each segment must be a plain identifier.
    pub fn parse(path: &str) -> Result<Self, String> {
        let trimmed = path.trim();
        let body = trimmed.strip_prefix("::").unwrap_or(trimmed);
        let segments: Vec<String> = body.split("::").map(|s| s.trim().to_string()).collect();
        for s in &segments {
            if syn::parse_str::<syn::Ident>(s).is_err() {
                return Err(format!(
                    "runtime path `{path}`: `{s}` is not an identifier; write e.g. `::vook::runtime`"
                ));
            }
        }
        Ok(RuntimePath { segments })
    }

    /// The path as written in Rust source, e.g. `::vook::runtime`.
    pub fn as_source(&self) -> String {
        format!("::{}", self.segments.join("::"))
    }

    fn is_default(&self) -> bool {
        self.segments.len() == 1
            && self.segments.first().map(String::as_str) == Some(GENERATED_CRATE)
    }
}

impl Default for RuntimePath {
    fn default() -> Self {
        RuntimePath::vook_runtime()
    }
}

/// The generator's options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The path generated code names the runtime by.
    pub runtime: RuntimePath,
    /// `render_file` starts the file (after its header) with
    /// `#![cfg_attr(rustfmt, rustfmt::skip)]`, so `cargo fmt` leaves the
    /// prettyplease output (which `regen --check` compares) alone, also when the
    /// file is a crate's whole `src/lib.rs`. Off by default.
    pub rustfmt_skip: bool,
}

impl Options {
    /// Options for a crate that depends on the `vook` facade alone.
    pub fn facade() -> Self {
        Options {
            runtime: RuntimePath::facade(),
            ..Options::default()
        }
    }
}

/// `tokens` with every `::vook_runtime` path prefix (and string literal naming
/// one) replaced by `runtime`.
pub fn with_runtime_path(tokens: TokenStream, runtime: &RuntimePath) -> TokenStream {
    if runtime.is_default() {
        return tokens;
    }
    rewrite(tokens, runtime)
}

fn rewrite(tokens: TokenStream, runtime: &RuntimePath) -> TokenStream {
    let mut out: Vec<TokenTree> = Vec::new();
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) if ident == GENERATED_CRATE && ends_with_path_sep(&out) => {
                // `::` is already out; write the rest of the path in its place.
                out.truncate(out.len().saturating_sub(2));
                out.extend(path_tokens(runtime, ident.span()));
            }
            TokenTree::Group(group) => {
                let mut new = Group::new(group.delimiter(), rewrite(group.stream(), runtime));
                new.set_span(group.span());
                out.push(TokenTree::Group(new));
            }
            TokenTree::Literal(lit) => out.push(TokenTree::Literal(rewrite_literal(lit, runtime))),
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

/// Whether the last two tokens are a leading `::` (not a path's inner separator:
/// the token before them is no plain identifier, path keyword or `>`).
fn ends_with_path_sep(out: &[TokenTree]) -> bool {
    let n = out.len();
    let (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b))) = (
        n.checked_sub(2).and_then(|i| out.get(i)),
        n.checked_sub(1).and_then(|i| out.get(i)),
    ) else {
        return false;
    };
    let sep = a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':';
    let inner = match n.checked_sub(3).and_then(|i| out.get(i)) {
        // `a::vook_runtime` is inner; after a keyword (`impl ::x`, `as ::x`) it leads,
        // except after the path keywords.
        Some(TokenTree::Ident(prev)) => {
            let name = prev.to_string();
            matches!(name.as_str(), "self" | "Self" | "super" | "crate")
                || syn::parse_str::<syn::Ident>(&name).is_ok()
        }
        // `Vec::<T>::x` and `<T as U>::x` are inner; `-> ::x`, `=> ::x` and
        // `impl<'de> ::x` lead.
        Some(TokenTree::Punct(p)) if p.as_char() == '>' => {
            !is_arrow(out, n - 3) && !closes_impl_generics(out, n - 3)
        }
        _ => false,
    };
    sep && !inner
}

/// Whether the `>` at `at` is the second half of `->` or `=>`.
fn is_arrow(out: &[TokenTree], at: usize) -> bool {
    matches!(
        at.checked_sub(1).and_then(|i| out.get(i)),
        Some(TokenTree::Punct(q)) if matches!(q.as_char(), '-' | '=') && q.spacing() == Spacing::Joint
    )
}

/// Whether the `>` at `at` closes the generic parameters of an `impl` (`impl<'de>`).
fn closes_impl_generics(out: &[TokenTree], at: usize) -> bool {
    let mut depth = 0usize;
    for i in (0..=at).rev() {
        match out.get(i) {
            Some(TokenTree::Punct(p)) if p.as_char() == '>' && !is_arrow(out, i) => depth += 1,
            Some(TokenTree::Punct(p)) if p.as_char() == '<' => {
                depth -= 1;
                if depth == 0 {
                    return matches!(
                        i.checked_sub(1).and_then(|j| out.get(j)),
                        Some(TokenTree::Ident(kw)) if kw == "impl"
                    );
                }
            }
            _ => {}
        }
    }
    false
}

fn path_tokens(runtime: &RuntimePath, span: Span) -> Vec<TokenTree> {
    let mut out = Vec::new();
    for seg in &runtime.segments {
        let mut first = Punct::new(':', Spacing::Joint);
        first.set_span(span);
        let mut second = Punct::new(':', Spacing::Alone);
        second.set_span(span);
        out.push(TokenTree::Punct(first));
        out.push(TokenTree::Punct(second));
        out.push(TokenTree::Ident(Ident::new(seg, span)));
    }
    out
}

/// A string literal whose text names `::vook_runtime::...` (serde's
/// `crate = "..."`, doc text), with the path replaced; other literals unchanged.
fn rewrite_literal(lit: Literal, runtime: &RuntimePath) -> Literal {
    let needle = format!("::{GENERATED_CRATE}");
    let source = lit.to_string();
    if !source.starts_with('"') || !source.contains(&needle) {
        return lit;
    }
    let Ok(syn::Lit::Str(text)) = syn::parse_str::<syn::Lit>(&source) else {
        return lit;
    };
    let mut new = Literal::string(&text.value().replace(&needle, &runtime.as_source()));
    new.set_span(lit.span());
    new
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn facade_rewrites_path_prefixes_and_crate_strings() {
        let tokens = quote! {
            pub struct Client(::vook_runtime::Client);
            #[serde(crate = "::vook_runtime::__private::serde")]
            struct T;
            impl<'de, T: A<B<C>>> ::vook_runtime::__private::serde::Deserialize<'de> for Y<T> {}
            impl ::vook_runtime::Paginated for X { fn f() -> ::vook_runtime::RetryClass { match x { _ => ::vook_runtime::B } } fn g() -> ::core::option::Option<::vook_runtime::ErrorRow> { None } }
        };
        let out = with_runtime_path(tokens, &RuntimePath::facade()).to_string();
        assert!(!out.contains("vook_runtime"), "{out}");
        assert!(out.contains(":: vook :: runtime :: Client"), "{out}");
        assert!(
            out.contains("\"::vook::runtime::__private::serde\""),
            "{out}"
        );
        assert!(out.contains("< :: vook :: runtime :: ErrorRow >"), "{out}");
    }

    #[test]
    fn inner_segments_and_other_literals_stay() {
        let tokens = quote! { a::vook_runtime::B; self::vook_runtime::C; Vec::<u8>::vook_runtime; const S: &str = "vook_runtime"; };
        let out = with_runtime_path(tokens.clone(), &RuntimePath::facade()).to_string();
        assert_eq!(out, tokens.to_string());
    }

    #[test]
    fn default_is_untouched_and_parse_checks_segments() {
        let tokens = quote!(::vook_runtime::Client);
        let out = with_runtime_path(tokens.clone(), &RuntimePath::default());
        assert_eq!(out.to_string(), tokens.to_string());
        assert_eq!(
            RuntimePath::parse("::vook::runtime"),
            Ok(RuntimePath::facade())
        );
        assert_eq!(
            RuntimePath::parse("vook_runtime"),
            Ok(RuntimePath::vook_runtime())
        );
        assert!(RuntimePath::parse("::vook::1x").is_err());
        assert!(RuntimePath::parse("::").is_err());
    }
}
