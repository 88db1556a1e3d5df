use vook_macros::vook_api;

#[vook_api(spec = "specs/vook.yaml", strict = true)]
pub mod demo {}

fn main() {}
