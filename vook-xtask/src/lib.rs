//! The vook tasks, for a user's own `xtask` (and this repository's).
//!
//! - [`diff`]: `diff OLD NEW [--json]`, `diff --git REV SPEC`: what a spec
//!   change does to the generated clients (exit 0 / 1 breaking / 2 bad spec).

pub mod diff;
