use vook_macros::vook_api;

#[vook_api(spec = "specs/bad_yaml.yaml")]
pub mod demo {}

fn main() {}
