use vook_macros::vook_api;

#[vook_api]
pub mod demo {}

fn main() {}
