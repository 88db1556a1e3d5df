use vook_macros::vook_api;

#[vook_api(spec = "specs/does_not_exist.yaml")]
pub mod demo {}

fn main() {}
