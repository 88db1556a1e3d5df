use vook_macros::vook_api;

#[vook_api(spec = "specs/vook.yaml", spec = "specs/vook.yaml")]
pub mod demo {}

fn main() {}
