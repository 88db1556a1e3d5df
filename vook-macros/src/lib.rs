//! `#[vook_api(spec = "path")]`: generates a typed client of the spec into the
//! module it is put on.
//!
//! ```ignore
//! #[vook_macros::vook_api(spec = "schema/vook.yaml")] // relative to CARGO_MANIFEST_DIR
//! pub mod vook {}
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let client = vook::Client::from_env()?;
//! match client.get_item("itm_123").await {
//!     Ok(item) => println!("{}", item.name),
//!     Err(vook_runtime::Error::Api(vook::GetItemError::NotFound(e))) => println!("gone: {e}"),
//!     Err(other) => return Err(other.into()),
//! }
//! # Ok(()) }
//! ```
//!
//! `#[vook::api(spec = "path")]`, re-exported by the `vook` facade, is the same
//! attribute for a crate that depends on `vook` alone: its expansion reaches the
//! runtime as `::vook::runtime::...` instead of `::vook_runtime::...`.
//!
//! This crate is a thin shell: it reads the attribute and hands everything to
//! `vook_codegen::attribute::expand`, which `cargo xtask regen` shares the
//! generator with. A bad spec becomes one `compile_error!` per problem, each
//! `PATH:LINE:COL: error: MESSAGE`, pointing at the `spec = "..."` literal.

use proc_macro::TokenStream;

/// Generates the client of the spec at `spec = "..."` (a path relative to the
/// crate's `Cargo.toml`) into the annotated module, keeping the items already in it.
#[proc_macro_attribute]
pub fn vook_api(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(args, item, &vook_codegen::Options::default())
}

/// `#[vook::api(spec = "...")]`: [`macro@vook_api`] for a crate that depends on
/// the `vook` facade alone (the generated code names `::vook::runtime::...`).
/// Use it through `vook`, which re-exports it.
#[proc_macro_attribute]
pub fn api(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(args, item, &vook_codegen::Options::facade())
}

fn expand(args: TokenStream, item: TokenStream, options: &vook_codegen::Options) -> TokenStream {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
    match vook_codegen::attribute::expand_with(
        args.into(),
        item.into(),
        std::path::Path::new(&manifest_dir),
        options,
    ) {
        Ok(tokens) => tokens.into(),
        Err(err) => err.to_compile_error().into(),
    }
}
