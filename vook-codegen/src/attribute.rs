//! The `#[vook_api(spec = "...")]` expansion, kept here (not in the proc-macro
//! crate) so that it is plain library code: testable, and shared with nothing
//! else only because nothing else needs it.

use std::path::Path;

use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;

/// Expands `#[vook_api(args)] item` for a crate whose manifest directory is
/// `manifest_dir`. Errors are `syn::Error`s spanned at the offending tokens
/// (for spec problems: the `spec = "..."` literal), one per problem.
pub fn expand(
    args: TokenStream,
    item: TokenStream,
    manifest_dir: &Path,
) -> syn::Result<TokenStream> {
    expand_with(args, item, manifest_dir, &crate::Options::default())
}

/// [`expand`] with the generator's `options`: `#[vook::api]` passes
/// [`crate::Options::facade`], so the expansion reaches the runtime through the
/// `vook` facade.
pub fn expand_with(
    args: TokenStream,
    item: TokenStream,
    manifest_dir: &Path,
    options: &crate::Options,
) -> syn::Result<TokenStream> {
    let spec = parse_args(args)?;
    let module: syn::ItemMod = syn::parse2(item).map_err(|e| {
        syn::Error::new(e.span(), "#[vook_api] goes on a module: `#[vook_api(spec = \"schema/api.yaml\")] pub mod api {}`")
    })?;
    let Some((_, user_items)) = &module.content else {
        return Err(syn::Error::new(
            module.span(),
            "#[vook_api] needs an inline module body: write `mod name {}`, not `mod name;`",
        ));
    };
    let shown = spec.value();
    let full = manifest_dir.join(&shown);
    let bytes = std::fs::read(&full).map_err(|e| {
        syn::Error::new(
            spec.span(),
            format!("{shown}: error: cannot read spec ({}): {e}", full.display()),
        )
    })?;
    let api = vook_schema::load_bytes(&shown, &bytes).map_err(|diags| {
        let mut errors = diags.items().iter().map(|d| {
            syn::Error::new(
                spec.span(),
                format!("{shown}:{}:{}: error: {}", d.pos.line, d.pos.col, d.message),
            )
        });
        let mut first = errors
            .next()
            .unwrap_or_else(|| syn::Error::new(spec.span(), format!("{shown}: invalid spec")));
        for e in errors {
            first.combine(e);
        }
        first
    })?;
    let generated = crate::generate_with(&api, options);
    let full_str = full.to_string_lossy().into_owned();
    let syn::ItemMod {
        attrs,
        vis,
        unsafety,
        mod_token,
        ident,
        ..
    } = &module;
    Ok(quote! {
        #(#attrs)*
        #vis #unsafety #mod_token #ident {
            #(#user_items)*
            #generated
            // Makes cargo rebuild this crate when the spec changes.
            const _: &[u8] = ::core::include_bytes!(#full_str);
        }
    })
}

/// `spec = "path"`, nothing else.
fn parse_args(args: TokenStream) -> syn::Result<syn::LitStr> {
    let mut spec: Option<syn::LitStr> = None;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("spec") {
            if spec.is_some() {
                return Err(meta.error("`spec` is given twice"));
            }
            spec = Some(meta.value()?.parse()?);
            Ok(())
        } else {
            Err(meta.error("unknown argument; #[vook_api] takes `spec = \"path/to/spec.yaml\"` (relative to the crate's Cargo.toml)"))
        }
    });
    syn::parse::Parser::parse2(parser, args.clone())?;
    spec.ok_or_else(|| {
        syn::Error::new(
            args.span(),
            "missing `spec`: write #[vook_api(spec = \"path/to/spec.yaml\")], the path relative to the crate's Cargo.toml",
        )
    })
}
