//! Published OpenAPI descriptions (tests/openapi/real/, provenance in its
//! README.md) import with no edits, validate, and generate: GitHub's REST
//! description (1,223 operations), Twilio (basic auth, form bodies, `.json`
//! routes), Discord (3.1, an API key in `Authorization`), Google Maps (YAML,
//! a query-parameter key) and Radarr (no `operationId` at all). The four
//! smaller ones are also checked in as imported specs
//! (tests/specs/imported/, rewritten with `VOOK_BLESS=1`), which
//! `import_compiles.rs` compiles through `#[vook_api]`; compiling GitHub's
//! client is a benchmark (BENCHMARKS.md), not a test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::io::Read as _;

use vook_import::{Import, Options};
use vook_schema::model::{Api, AuthScheme, BodyEncoding, TypeKind};

fn dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn document(file: &str) -> String {
    let bytes = std::fs::read(dir().join("openapi/real").join(file)).unwrap();
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes.as_slice())
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// Imports one document as `cargo xtask import` would, checks it validates
/// and that the generator turns it into Rust that parses.
fn import(file: &str) -> (Import, Api) {
    let options = Options {
        source: Some(file.trim_end_matches(".gz").to_owned()),
        ..Options::default()
    };
    let import = vook_import::import_str(&document(file), &options)
        .unwrap_or_else(|e| panic!("{file}: {e}"));
    let api = import
        .validate(file)
        .unwrap_or_else(|d| panic!("{file}: the imported spec does not validate:\n{d}"));
    let tokens = vook_codegen::generate(&api);
    syn::parse2::<syn::File>(tokens)
        .unwrap_or_else(|e| panic!("{file}: generated code does not parse: {e}"));
    for w in &import.warnings {
        assert!(w.pointer.starts_with('#'), "{file}: {w}");
    }
    assert_eq!(import.summary.warnings, import.warnings.len());
    (import, api)
}

fn endpoint<'a>(api: &'a Api, name: &str) -> &'a vook_schema::model::Endpoint {
    api.endpoints
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no endpoint `{name}`"))
}

#[test]
fn github_imports_every_operation_and_is_status_keyed() {
    let (import, api) = import("github.json.gz");
    assert_eq!(api.name, "github");
    assert_eq!(
        import.summary.operations, 1223,
        "every GET/POST/PUT/PATCH/DELETE"
    );
    assert_eq!(api.endpoints.len(), 1223);
    // GitHub's errors carry no `code`: the status names the code.
    assert_eq!(api.error_fields.code, None);
    assert_eq!(api.envelope_data, None);
    assert_eq!(api.envelope_error, None);
    assert!(
        api.errors
            .iter()
            .any(|c| c.code == "not_found" && c.status == 404)
    );
    assert!(
        api.errors
            .iter()
            .any(|c| c.code == "validation_failed" && c.status == 422)
    );
    // `repos/get` -> `repos_get`; `/repos/{owner}/{repo}`.
    let get = endpoint(&api, "repos_get");
    assert_eq!(get.path, "/repos/{owner}/{repo}");
    assert!(get.errors.contains(&"not_found".to_owned()));
    // Reactions' `+1` and `-1` keep their wire names.
    let rollup = api
        .types
        .iter()
        .find(|t| t.name == "ReactionRollup")
        .expect("reaction-rollup");
    let TypeKind::Struct(fields) = &rollup.kind else {
        panic!("a struct")
    };
    let plus = fields.iter().find(|f| f.wire == "+1").expect("+1");
    let minus = fields.iter().find(|f| f.wire == "-1").expect("-1");
    assert_eq!(
        (plus.name.as_str(), minus.name.as_str()),
        ("plus_1", "minus_1")
    );
    // The 304s and the `text/plain` `/zen` are warnings at their pointers.
    assert!(
        import
            .warnings
            .iter()
            .any(|w| w.message.contains("304") && w.pointer.ends_with("/responses/304"))
    );
    let zen = import
        .warnings
        .iter()
        .find(|w| w.pointer == "#/paths/~1zen/get/responses/200/content")
        .expect("zen");
    assert!(zen.message.contains("text/plain"), "{zen}");
}

#[test]
fn twilio_keeps_basic_auth_form_bodies_and_pascal_case_parameters() {
    let (_, api) = import("twilio_api_v2010.json.gz");
    assert_eq!(api.endpoints.len(), 197);
    assert_eq!(api.auth.as_ref().map(|a| a.scheme), Some(AuthScheme::Basic));
    let forms = api
        .endpoints
        .iter()
        .filter(|e| e.body_encoding == BodyEncoding::Form)
        .count();
    assert_eq!(forms, 62, "every form request body");
    let create = endpoint(&api, "create_message");
    assert_eq!(
        create.path,
        "/2010-04-01/Accounts/{account_sid}/Messages.json"
    );
    let Some(vook_schema::model::TypeRef::Named(body)) = &create.body else {
        panic!("a named body")
    };
    let body = api.types.iter().find(|t| &t.name == body).unwrap();
    let TypeKind::Struct(fields) = &body.kind else {
        panic!("a struct")
    };
    let to = fields.iter().find(|f| f.name == "to").expect("To");
    assert_eq!(to.wire, "To");
    // `DateCreated<` and `DateCreated>` are distinct parameters, wire names kept.
    let list = endpoint(&api, "list_call");
    let wires: Vec<&str> = list.query.iter().map(|q| q.wire.as_str()).collect();
    assert!(
        wires.contains(&"StartTime<") && wires.contains(&"StartTime>"),
        "{wires:?}"
    );
}

#[test]
fn discord_3_1_sends_its_key_in_authorization() {
    let (import, api) = import("discord.json.gz");
    assert_eq!(api.endpoints.len(), 242);
    let auth = api.auth.as_ref().expect("auth");
    assert_eq!(
        (auth.scheme, auth.name.as_deref()),
        (AuthScheme::Header, Some("Authorization"))
    );
    // 3.1 `type: [T, "null"]` fields are optional.
    let user = api
        .types
        .iter()
        .find(|t| t.name == "UserResponse")
        .expect("UserResponse");
    let TypeKind::Struct(fields) = &user.kind else {
        panic!("a struct")
    };
    assert!(
        fields
            .iter()
            .find(|f| f.name == "avatar")
            .expect("avatar")
            .optional
    );
    // `4XX` ranges are codes with a warning.
    assert!(
        import
            .warnings
            .iter()
            .any(|w| w.pointer.ends_with("/responses/4XX"))
    );
}

#[test]
fn google_maps_yaml_puts_its_key_in_the_query() {
    let (_, api) = import("google-maps-platform.yaml.gz");
    assert_eq!(api.endpoints.len(), 17);
    let auth = api.auth.as_ref().expect("auth");
    assert_eq!(
        (auth.scheme, auth.name.as_deref()),
        (AuthScheme::Query, Some("key"))
    );
    assert!(api.types.iter().any(|t| matches!(&t.kind, TypeKind::Struct(f) if f.iter().any(|f| f.wire == "formattedAddress" || f.wire == "formatted_address"))));
}

#[test]
fn radarr_without_operation_ids_names_endpoints_after_method_and_path() {
    let (import, api) = import("radarr.json.gz");
    // 238 operations, of which one is a HEAD (reported, not generated).
    assert_eq!(api.endpoints.len(), 237);
    assert!(
        import
            .warnings
            .iter()
            .any(|w| w.message.contains("`HEAD` operations are not generated"))
    );
    let by_id = endpoint(&api, "get_api_v3_movie_by_id");
    assert_eq!(by_id.path, "/api/v3/movie/{id}");
    assert!(import.warnings.iter().any(|w| {
        w.message
            .contains("no `operationId`; the endpoint is named `get_api_v3_movie_by_id`")
    }));
    let auth = api.auth.as_ref().expect("auth");
    assert_eq!(
        (auth.scheme, auth.name.as_deref()),
        (AuthScheme::Header, Some("X-Api-Key"))
    );
}

#[test]
fn imports_are_deterministic() {
    let a = import("discord.json.gz").0;
    let b = import("discord.json.gz").0;
    assert_eq!(a.spec, b.spec);
    assert_eq!(a.warnings, b.warnings);
}

#[test]
fn the_checked_in_imports_are_what_the_import_writes_now() {
    let bless = std::env::var_os("VOOK_BLESS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (doc, spec) in [
        ("twilio_api_v2010.json.gz", "twilio.yaml"),
        ("discord.json.gz", "discord.yaml"),
        ("google-maps-platform.yaml.gz", "google_maps.yaml"),
        ("radarr.json.gz", "radarr.yaml"),
    ] {
        let options = Options {
            name: Some(spec.trim_end_matches(".yaml").to_owned()),
            source: Some(doc.trim_end_matches(".gz").to_owned()),
            ..Options::default()
        };
        let fresh = vook_import::import_str(&document(doc), &options)
            .unwrap()
            .spec;
        let path = dir().join("specs/imported").join(spec);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(fresh.as_str()) {
            if bless {
                std::fs::write(&path, &fresh).unwrap();
            } else {
                stale.push(spec);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "imported specs differ from what the import writes (VOOK_BLESS=1 to rewrite): {stale:?}"
    );
}
