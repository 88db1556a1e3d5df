//! Round trip: the OpenAPI document `cargo xtask openapi` writes for
//! `schema/vook.yaml` (3.1 and 3.0), imported back, is the same API: the same
//! endpoints, types, fields, wire names, codes with their statuses and retry
//! classes, auth, envelopes and error fields. Only prose and the order of
//! fields (the export writes JSON Schema properties in key order) may differ,
//! and one code: the export documents the 409 `idempotency_key_reused` that
//! vook servers answer on every POST and PATCH (`vook_vocab::idempotency`),
//! so the import lists it there.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use vook_codegen::openapi::{OpenApiVersion, Options, document};
use vook_schema::model::{Api, TypeKind};
use vook_vocab::idempotency::KEY_REUSED_CODE;

fn workspace() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The API without its prose, fields in name order, types by name.
fn shape(mut api: Api) -> Api {
    api.description = None;
    for e in &mut api.errors {
        e.summary = String::new();
        e.fix = None;
        e.message = None;
    }
    for t in &mut api.types {
        t.description = None;
        if let TypeKind::Struct(fields) = &mut t.kind {
            for f in fields.iter_mut() {
                f.description = None;
            }
            fields.sort_by(|a, b| a.name.cmp(&b.name));
        }
    }
    api.types.sort_by(|a, b| a.name.cmp(&b.name));
    api.errors.sort_by(|a, b| a.code.cmp(&b.code));
    for e in &mut api.endpoints {
        e.summary = None;
        e.description = None;
        for q in &mut e.query {
            q.description = None;
        }
        e.errors.sort();
    }
    api.endpoints.sort_by(|a, b| a.name.cmp(&b.name));
    api
}

#[test]
fn the_bundled_spec_survives_export_and_import() {
    let original = vook_schema::load_path(workspace().join("schema/vook.yaml")).expect("valid");
    for version in [OpenApiVersion::V3_1, OpenApiVersion::V3_0] {
        let options = Options {
            version,
            ..Options::default()
        };
        let doc = serde_json::to_string_pretty(&document(&original, options)).unwrap();
        let import =
            vook_import::import_str(&doc, &vook_import::Options::default()).expect("imports");
        let back = import.validate("vook.imported.yaml").unwrap_or_else(|d| {
            panic!(
                "{version:?}: the import does not validate:\n{d}\n{}",
                import.spec
            )
        });
        let mut back = back;
        for e in &mut back.endpoints {
            let had = e.errors.iter().any(|c| c == KEY_REUSED_CODE);
            assert_eq!(
                had, !e.idempotent,
                "{version:?}: {} and the key refusal",
                e.name
            );
            e.errors.retain(|c| c != KEY_REUSED_CODE);
        }
        if !original.errors.iter().any(|c| c.code == KEY_REUSED_CODE) {
            let code = back
                .errors
                .iter()
                .find(|c| c.code == KEY_REUSED_CODE)
                .expect("documented");
            assert_eq!(code.status, 409);
            back.errors.retain(|c| c.code != KEY_REUSED_CODE);
        }
        let (want, got) = (shape(original.clone()), shape(back));
        assert_eq!(got.endpoints, want.endpoints, "{version:?}: endpoints");
        assert_eq!(got.types, want.types, "{version:?}: types");
        assert_eq!(got.errors, want.errors, "{version:?}: codes");
        assert_eq!(got, want, "{version:?}: the whole API");
        // What the import reports is what it could not carry over: the
        // `default` responses, and the error-body schemas no endpoint uses.
        for w in &import.warnings {
            assert!(
                w.message.contains("`default` response")
                    || w.message.contains("schemas no endpoint uses"),
                "{version:?}: unexpected warning {w}"
            );
        }
    }
}
