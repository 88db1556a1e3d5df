//! The refusal of a reused `Idempotency-Key`, as vook-mock answers it and the OpenAPI
//! export documents it.
//!
//! A server that honours idempotency keys answers a repeat of the same request under
//! the same key with the stored first answer. The same key sent with a *different*
//! request is refused: neither replayed nor executed. A spec may define its own code of
//! the name [`KEY_REUSED_CODE`] (its status then wins); otherwise the refusal is that
//! code with [`KEY_REUSED_STATUS`].

/// The error code of the refusal.
pub const KEY_REUSED_CODE: &str = "idempotency_key_reused";
/// The Rust variant name of [`KEY_REUSED_CODE`].
pub const KEY_REUSED_VARIANT: &str = "IdempotencyKeyReused";
/// The status of the refusal when the spec does not define the code: 409 Conflict.
/// The request conflicts with the one stored under the key; it is not malformed, so
/// it is kept apart from 422 validation errors (a client that answers 422 by fixing
/// its body must not be sent down that path).
pub const KEY_REUSED_STATUS: u16 = 409;
/// The message of the refusal when the spec does not define the code.
pub const KEY_REUSED_MESSAGE: &str =
    "This Idempotency-Key was already used with a different request (method, path, query or body).";
