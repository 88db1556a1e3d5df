//! The typed client of the Vook API, generated from `schema/vook.yaml` by
//! `cargo xtask regen` and checked in, for users who prefer not to run a
//! proc-macro. The code is in `generated.rs`; it is the same code the
//! `#[vook_api(spec = "schema/vook.yaml")]` attribute expands to.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use vook_client::{Client, GetItemError};
//!
//! let client = Client::from_env()?; // VOOK_API_KEY
//! match client.get_item("itm_123").await {
//!     Ok(item) => println!("{} ({})", item.name, item.request_id().unwrap_or("-")),
//!     Err(vook_runtime::Error::Api(e)) => match e {
//!         GetItemError::NotFound(_) => println!("no such item"),
//!         GetItemError::InvalidApiKey(e) | GetItemError::InsufficientPermissions(e) => return Err(e.into()),
//!         GetItemError::RateLimitExceeded(e) => println!("still limited after retries: {e}"),
//!         GetItemError::InternalError(e) | GetItemError::Unknown(e) => return Err(e.into()),
//!     },
//!     Err(other) => return Err(other.into()),
//! }
//! # Ok(()) }
//! ```

#[rustfmt::skip] // prettyplease output, checked by `cargo xtask regen --check`
mod generated;

pub use generated::*;
