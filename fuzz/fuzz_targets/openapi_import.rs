//! Fuzz target: arbitrary bytes (as UTF-8 text) as an OpenAPI document.
//!
//! Properties: `vook_import::import_str` never panics (nor overflows the stack,
//! nor runs away in time or memory: libFuzzer's `-timeout` and `-rss_limit_mb`
//! catch those); a refused document has a non-empty reason; an imported spec
//! always validates (`Import::validate`), as docs/design.md section 9 requires.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    match vook_import::import_str(text, &vook_import::Options::default()) {
        Err(e) => assert!(!e.0.is_empty(), "a refused document says why"),
        Ok(import) => {
            if let Err(diags) = import.validate("fuzz.yaml") {
                panic!(
                    "the imported spec does not validate:\n{diags}\n--- spec ---\n{}",
                    import.spec
                );
            }
        }
    }
});
