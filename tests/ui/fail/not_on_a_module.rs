use vook_macros::vook_api;

#[vook_api(spec = "specs/vook.yaml")]
pub struct Demo;

fn main() {}
