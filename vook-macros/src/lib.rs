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
//! This crate is a thin shell: it reads the attribute and hands everything to
//! `vook_codegen::attribute::expand`, which `cargo xtask regen` shares the
//! generator with. A bad spec becomes one `compile_error!` per problem, each
//! `PATH:LINE:COL: error: MESSAGE`, pointing at the `spec = "..."` literal.

use proc_macro::TokenStream;

/// Generates the client of the spec at `spec = "..."` (a path relative to the
/// crate's `Cargo.toml`) into the annotated module, keeping the items already in it.
#[proc_macro_attribute]
pub fn vook_api(args: TokenStream, item: TokenStream) -> TokenStream {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
    match vook_codegen::attribute::expand(
        args.into(),
        item.into(),
        std::path::Path::new(&manifest_dir),
    ) {
        Ok(tokens) => tokens.into(),
        Err(err) => err.to_compile_error().into(),
    }
}
