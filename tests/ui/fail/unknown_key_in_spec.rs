// A spec problem is a compile error at the `spec = ...` literal, PATH:LINE:COL.
use vook_macros::vook_api;

#[vook_api(spec = "specs/unknown_key.yaml")]
pub mod demo {}

fn main() {}
