// A spec type may not take a name the generator uses.
use vook_macros::vook_api;

#[vook_api(spec = "specs/type_named_client.yaml")]
pub mod demo {}

fn main() {}
