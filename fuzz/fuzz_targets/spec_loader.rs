//! Fuzz target: arbitrary bytes as a spec.
//!
//! Properties: `vook_schema::load_bytes` never panics (nor overflows the stack, nor
//! runs away in time or memory: libFuzzer's `-timeout` and `-rss_limit_mb` catch those);
//! a rejected spec has at least one diagnostic and every headline is
//! `fuzz.yaml:LINE:COL: error: ...` with 1-based positions; an accepted spec is
//! resolved (every code, set and type reference points at something) and its OpenAPI
//! document builds without a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match vook_schema::load_bytes("fuzz.yaml", data) {
        Err(diags) => {
            let headlines = diags.headlines();
            assert!(!headlines.is_empty(), "a rejected spec says why");
            for h in &headlines {
                let rest = h
                    .strip_prefix("fuzz.yaml:")
                    .unwrap_or_else(|| panic!("headline without the path: {h}"));
                let mut parts = rest.splitn(3, ':');
                let line: usize = parts
                    .next()
                    .and_then(|l| l.parse().ok())
                    .unwrap_or_else(|| panic!("no line: {h}"));
                let col: usize = parts
                    .next()
                    .and_then(|c| c.parse().ok())
                    .unwrap_or_else(|| panic!("no column: {h}"));
                assert!(line >= 1 && col >= 1, "positions are 1-based: {h}");
                assert!(
                    parts.next().is_some_and(|m| m.starts_with(" error: ")),
                    "rustc-style: {h}"
                );
            }
            let _ = diags.to_string();
        }
        Ok(api) => {
            for ep in &api.endpoints {
                for code in &ep.errors {
                    assert!(
                        api.error(code).is_some(),
                        "{}: unknown code {code}",
                        ep.name
                    );
                }
                let named = ep.body.iter().chain(&ep.response).flat_map(|t| t.names());
                for name in named {
                    assert!(
                        api.type_def(name).is_some(),
                        "{}: unknown type {name}",
                        ep.name
                    );
                }
            }
            let _ = vook_codegen::openapi::openapi(&api);
        }
    }
});
