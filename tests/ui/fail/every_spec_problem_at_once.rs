// Every problem of the spec is reported, not only the first.
use vook_macros::vook_api;

#[vook_api(spec = "specs/many_problems.yaml")]
pub mod demo {}

fn main() {}
