// Rust keywords as field, endpoint and parameter names work.
use vook_macros::vook_api;

#[vook_api(spec = "specs/keywords.yaml")]
mod kw {}

fn main() {
    let t = kw::Thing { r#type: "x".into(), r#match: None, self_: Some(true), crate_: None, r#fn: None };
    let _call = |c: &kw::Client| {
        let _ = c.r#match("a", &t);
    };
    match kw::ErrorCode::from("nope") {
        kw::ErrorCode::Nope => {}
        kw::ErrorCode::Unknown(_) => unreachable!(),
    }
}
