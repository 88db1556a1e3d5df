//! vook: a YAML spec of an HTTP API in, a typed client the compiler holds you to
//! out. This is the one crate a user's `Cargo.toml` names:
//!
//! ```toml
//! [dependencies]
//! vook = "0.1"
//! tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
//! ```
//!
//! ```no_run
//! #[vook::api(spec = "../schema/vook.yaml")] // relative to your Cargo.toml
//! pub mod api {}
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let client = api::Client::from_env()?; // VOOK_API_KEY
//! match client.get_item("itm_123").await {
//!     Ok(item) => println!("{}", item.name),
//!     Err(vook::Error::Api(e)) => match e { // no `_` arm: exhaustive
//!         api::GetItemError::NotFound(err) => println!("gone: {err}"),
//!         api::GetItemError::RateLimitExceeded(err) => println!("limited: {:?}", err.retry_after()),
//!         api::GetItemError::InvalidApiKey(err)
//!         | api::GetItemError::InsufficientPermissions(err)
//!         | api::GetItemError::InternalError(err) => return Err(err.into()),
//!         api::GetItemError::Unknown(err) => println!("new code: {}", err.code()),
//!     },
//!     Err(other) => return Err(other.into()),
//! }
//! # Ok(()) }
//! ```
//!
//! - [`macro@api`] generates the client of a spec into the module it is put on
//!   (the same generator as `cargo xtask regen`); its code reaches the runtime
//!   as `::vook::runtime::...`, so the crate needs no other vook dependency. Keep
//!   the dependency's name `vook` (no `package = ...` rename).
//! - The runtime's public API is re-exported here ([`Client`], [`ClientBuilder`],
//!   [`Error`], [`ApiError`], [`Call`], [`Pages`], [`Items`], [`RateLimit`], ...),
//!   and the whole runtime is [`runtime`].
//! - A checked-in client (written by a user's own `cargo xtask regen` with
//!   `vook-xtask`'s facade option) names the same paths and depends on `vook` alone.
//!
//! Features pick the runtime's TLS: `rustls` (default), `rustls-ring`,
//! `native-tls` (with `default-features = false` for the last two).

/// Generates the typed client of the spec at `spec = "..."` (a path relative to
/// the crate's `Cargo.toml`) into the annotated module, keeping the items already
/// in it; a bad spec is one `PATH:LINE:COL: error: ...` per problem.
pub use vook_macros::api;

/// The runtime generated clients run on, as generated code names it
/// (`::vook::runtime::...`). Everything users name is also re-exported at the
/// crate root.
pub use vook_runtime as runtime;

pub use vook_runtime::*;
