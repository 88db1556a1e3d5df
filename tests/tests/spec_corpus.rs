//! The spec corpus (`tests/specs/`): every valid spec (and `schema/vook.yaml`)
//! loads, and every invalid spec produces exactly the headlines in its
//! `.stderr` file, paths relative to the repository root.
//!
//! After an intended change of messages or positions, rewrite the golden files
//! with `VOOK_BLESS=1 cargo test -p vook-tests --test spec_corpus` and review
//! the diff.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failure

use std::path::{Path, PathBuf};

use vook_schema::model::{Method, RetryClass, TypeKind, TypeRef};
use vook_schema::{Api, Diagnostics};

fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .expect("tests/ is inside the workspace")
        .to_path_buf()
}

/// The `.yaml` files of `dir` (relative to the root), sorted, as (absolute, shown) paths.
fn specs(dir: &str) -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| {
            let shown = format!(
                "{dir}/{}",
                p.file_name().expect("file name").to_string_lossy()
            );
            (p, shown)
        })
        .collect();
    out.sort();
    out
}

fn load(shown: &str) -> Result<Api, Diagnostics> {
    vook_schema::load_file(root().join(shown), shown)
}

fn valid(shown: &str) -> Api {
    load(shown).unwrap_or_else(|d| panic!("{shown} must be valid:\n{d}"))
}

fn bless() -> bool {
    std::env::var_os("VOOK_BLESS").is_some_and(|v| v == "1")
}

#[test]
fn valid_specs_and_the_bundled_spec_load() {
    let mut all = specs("tests/specs/valid");
    assert!(
        all.len() >= 6,
        "at least six valid specs, found {}",
        all.len()
    );
    all.extend(specs("tests/specs/real"));
    all.push((
        root().join("schema/vook.yaml"),
        "schema/vook.yaml".to_owned(),
    ));
    let failures: Vec<String> = all
        .iter()
        .filter_map(|(_, shown)| load(shown).err().map(|d| d.to_string()))
        .collect();
    assert!(
        failures.is_empty(),
        "valid specs were rejected:\n{}",
        failures.join("\n")
    );
}

#[test]
fn invalid_specs_produce_exactly_their_golden_headlines() {
    let all = specs("tests/specs/invalid");
    assert!(
        all.len() >= 35,
        "at least 35 invalid specs, found {}",
        all.len()
    );
    let mut mismatches = Vec::new();
    for (path, shown) in &all {
        let got = match load(shown) {
            Ok(_) => {
                mismatches.push(format!(
                    "{shown}: accepted, but it is in the invalid corpus"
                ));
                continue;
            }
            Err(d) => {
                let mut s = d.headlines().join("\n");
                s.push('\n');
                s
            }
        };
        let golden = path.with_extension("stderr");
        if bless() {
            std::fs::write(&golden, &got).unwrap_or_else(|e| panic!("{}: {e}", golden.display()));
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(want) if want == got => {}
            Ok(want) => mismatches.push(format!(
                "{shown}:\n--- expected ({})\n{want}+++ got\n{got}",
                golden.display()
            )),
            Err(e) => mismatches.push(format!(
                "{shown}: no golden file {} ({e}); run with VOOK_BLESS=1",
                golden.display()
            )),
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} invalid specs differ from their .stderr (VOOK_BLESS=1 rewrites them):\n\n{}",
        mismatches.len(),
        all.len(),
        mismatches.join("\n")
    );
}

#[test]
fn every_golden_file_has_its_spec() {
    let dir = root().join("tests/specs/invalid");
    let orphans: Vec<String> = std::fs::read_dir(&dir)
        .expect("invalid dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "stderr") && !p.with_extension("yaml").exists()
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        orphans.is_empty(),
        "golden files without a spec: {orphans:?}"
    );
}

#[test]
fn golden_headlines_are_rustc_style_with_the_relative_path() {
    for (path, shown) in specs("tests/specs/invalid") {
        let Ok(golden) = std::fs::read_to_string(path.with_extension("stderr")) else {
            continue;
        };
        for line in golden.lines() {
            let rest = line.strip_prefix(&format!("{shown}:")).unwrap_or_else(|| {
                panic!("{shown}: headline does not start with the path: {line}")
            });
            let mut parts = rest.splitn(3, ':');
            let l: u32 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
            let c: u32 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
            assert!(l >= 1 && c >= 1, "{shown}: no LINE:COL in {line}");
            let msg = parts.next().unwrap_or("");
            assert!(
                msg.starts_with(" error: ") && msg.len() > 10,
                "{shown}: no message in {line}"
            );
        }
    }
}

/// One mistake, one diagnostic: no cascades of follow-on errors.
#[test]
fn single_mistake_specs_report_exactly_one_problem() {
    let mut wrong = Vec::new();
    for (_, shown) in specs("tests/specs/invalid") {
        if shown.contains("/multi_") {
            continue;
        }
        match load(&shown) {
            Ok(_) => wrong.push(format!("{shown}: accepted")),
            Err(d) if d.len() != 1 => wrong.push(format!(
                "{shown}: {} problems:\n{}",
                d.len(),
                d.headlines().join("\n")
            )),
            Err(_) => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every problem is reported at once, each on its own line.
#[test]
fn multi_mistake_specs_report_every_problem() {
    let multi: Vec<_> = specs("tests/specs/invalid")
        .into_iter()
        .filter(|(_, s)| s.contains("/multi_"))
        .collect();
    assert!(multi.len() >= 3, "at least three multi-mistake specs");
    for (_, shown) in multi {
        let d = load(&shown).expect_err("invalid");
        assert!(
            d.len() >= 3,
            "{shown}: expected several problems, got:\n{}",
            d.headlines().join("\n")
        );
        let mut lines: Vec<u32> = d.items().iter().map(|i| i.pos.line).collect();
        lines.dedup();
        assert_eq!(
            lines.len(),
            d.len(),
            "{shown}: one problem per line expected:\n{}",
            d.headlines().join("\n")
        );
    }
    let d = load("tests/specs/invalid/multi_several_sections.yaml").expect_err("invalid");
    assert_eq!(d.len(), 6, "{}", d.headlines().join("\n"));
}

#[test]
fn positions_are_inside_the_file() {
    for (path, shown) in specs("tests/specs/invalid") {
        let bytes = std::fs::read(&path).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        let lines = text.lines().count().max(1) as u32;
        let d = load(&shown).expect_err("invalid");
        for item in d.items() {
            assert!(
                item.pos.line >= 1 && item.pos.line <= lines + 1,
                "{shown}: {:?} beyond {lines} lines",
                item.pos
            );
            let line_len = text
                .lines()
                .nth(item.pos.line as usize - 1)
                .map_or(0, |l| l.chars().count()) as u32;
            assert!(
                item.pos.col >= 1 && item.pos.col <= line_len + 1,
                "{shown}: {:?} beyond the line ({line_len} chars)",
                item.pos
            );
        }
    }
}

#[test]
fn rendering_shows_a_caret_under_the_column() {
    let d = load("tests/specs/invalid/wrong_type_status_string.yaml").expect_err("invalid");
    let out = d.to_string();
    assert!(out.contains("13 |     status: \"404\"\n"), "{out}");
    assert!(out.contains("   |             ^\n"), "{out}");
    assert!(
        out.ends_with("error: tests/specs/invalid/wrong_type_status_string.yaml has 1 problem\n"),
        "{out}"
    );
}

// --- what the valid specs resolve to -----------------------------------------

#[test]
fn minimal_spec_gets_every_default() {
    let api = valid("tests/specs/valid/minimal.yaml");
    assert_eq!(api.title, "ping");
    assert_eq!(api.auth_env(), None);
    assert_eq!(api.envelope_data.as_deref(), Some("data"));
    assert_eq!(api.envelope_error.as_deref(), Some("error"));
    assert_eq!(api.retry, vook_schema::model::RetryDefaults::default());
    assert!(api.errors.is_empty() && api.types.is_empty());
    let ping = &api.endpoints[0];
    assert_eq!(
        (ping.method, ping.response.as_ref(), ping.status),
        (Method::Get, None, 204)
    );
    assert!(ping.errors.is_empty() && ping.idempotent);
}

#[test]
fn both_paging_styles_resolve() {
    use vook_schema::model::{PageNext, Paginate, TypeRef};
    let api = valid("tests/specs/valid/paginated.yaml");
    let paging: Vec<_> = api
        .endpoints
        .iter()
        .map(|e| (e.name.as_str(), e.paginate.clone()))
        .collect();
    let named = |n: &str| TypeRef::Named(n.to_owned());
    assert_eq!(
        paging,
        vec![
            (
                "list_items",
                Some(Paginate {
                    cursor: "cursor".into(),
                    items: "items".into(),
                    item: named("Item"),
                    next: PageNext::Cursor {
                        field: "next_cursor".into()
                    },
                })
            ),
            (
                "list_charges",
                Some(Paginate {
                    cursor: "starting_after".into(),
                    items: "data".into(),
                    item: named("Charge"),
                    next: PageNext::FromLast {
                        field: "id".into(),
                        has_more: Some("has_more".into()),
                    },
                })
            ),
            (
                "list_events",
                Some(Paginate {
                    cursor: "after".into(),
                    items: "events".into(),
                    item: named("Event"),
                    next: PageNext::FromLast {
                        field: "seq".into(),
                        has_more: None
                    },
                })
            ),
        ]
    );
}

#[test]
fn defaults_and_long_forms_resolve() {
    let api = valid("tests/specs/valid/defaults_and_long_forms.yaml");
    assert_eq!(api.title, "2024");
    assert_eq!(api.base_url, "https://defaults.example.com");
    assert_eq!(api.auth_env(), Some("DEFAULTS_KEY"));
    let rl = api.rate_limit_headers.as_ref().expect("rate limit headers");
    assert_eq!(
        (rl.limit.as_str(), rl.remaining.as_str(), rl.reset.as_str()),
        ("X-Quota", "X-RateLimit-Remaining", "X-RateLimit-Reset")
    );
    assert_eq!(api.envelope_data.as_deref(), Some("result"));
    assert_eq!(api.envelope_error.as_deref(), Some("error"));
    let retry = |c: &str| api.error(c).expect(c).retry;
    assert_eq!(
        [retry("slow_down"), retry("flaky"), retry("teapot")],
        [RetryClass::Throttle, RetryClass::Backoff, RetryClass::Never]
    );
    assert_eq!(api.error("slow_down").expect("code").summary, "Slow down.");
    assert_eq!(api.error("teapot").expect("code").summary, "418");
    assert!(api.error("teapot").expect("code").details);
    let entry = api.type_def("Entry").expect("Entry");
    let TypeKind::Struct(fields) = &entry.kind else {
        panic!("struct")
    };
    let ty = |n: &str| &fields.iter().find(|f| f.name == n).expect(n).ty;
    assert_eq!(ty("labels"), &TypeRef::List(Box::new(TypeRef::String)));
    assert_eq!(
        ty("grid"),
        &TypeRef::List(Box::new(TypeRef::List(Box::new(TypeRef::Integer))))
    );
    assert_eq!(fields[0].description.as_deref(), Some("The id."));
    assert_eq!(
        api.type_def("Empty").map(|t| &t.kind),
        Some(&TypeKind::Struct(Vec::new()))
    );
    let TypeKind::Enum(flags) = &api.type_def("Flag").expect("Flag").kind else {
        panic!("enum")
    };
    assert_eq!(
        flags.iter().map(|v| v.wire.as_str()).collect::<Vec<_>>(),
        ["on", "off", "yes", "no"]
    );
    let ep = |n: &str| api.endpoints.iter().find(|e| e.name == n).expect(n);
    assert_eq!(
        ep("list_entries").response,
        Some(TypeRef::List(Box::new(TypeRef::Named("Entry".into()))))
    );
    assert_eq!(ep("list_entries").errors, ["slow_down", "flaky", "teapot"]);
    assert!(ep("touch").errors.is_empty());
    assert_eq!(
        (
            ep("fire_and_forget").response.as_ref(),
            ep("fire_and_forget").status
        ),
        (None, 204)
    );
    assert!(!ep("fire_and_forget").idempotent);
    assert_eq!(ep("status_only").status, 200);
    assert_eq!(
        ep("list_entries").query[0].ty,
        TypeRef::List(Box::new(TypeRef::Integer))
    );
    assert!(ep("list_entries").query[1].optional);
}

#[test]
fn anchors_and_merges_resolve_with_overrides() {
    let api = valid("tests/specs/valid/anchors_merges.yaml");
    let gone = api.error("gone").expect("gone");
    assert_eq!(
        (gone.status, gone.retry, gone.summary.as_str()),
        (410, RetryClass::Never, "Gone for good.")
    );
    let TypeKind::Struct(fields) = &api.type_def("Edition").expect("Edition").kind else {
        panic!("struct")
    };
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    assert!(
        names.contains(&"isbn") && names.contains(&"year") && names.contains(&"authors"),
        "{names:?}"
    );
    let title = fields.iter().find(|f| f.name == "title").expect("title");
    assert!(
        title.optional,
        "the explicit `title: string?` overrides the merged one"
    );
    let ep = |n: &str| api.endpoints.iter().find(|e| e.name == n).expect(n);
    assert_eq!(ep("get_edition").method, Method::Get);
    assert_eq!(ep("get_edition").path_params.len(), 2);
    assert_eq!(ep("delete_book").method, Method::Delete);
    assert_eq!(ep("delete_book").response, None);
    assert_eq!(ep("delete_book").errors, ["not_found", "gone", "busy"]);
}

#[test]
fn keywords_and_enum_values_get_rust_names() {
    let api = valid("tests/specs/valid/keyword_names.yaml");
    let TypeKind::Enum(kinds) = &api.type_def("Kind").expect("Kind").kind else {
        panic!("enum")
    };
    let variants: Vec<&str> = kinds.iter().map(|v| v.variant.as_str()).collect();
    assert_eq!(
        variants,
        ["Type", "Self_", "Match", "Fn", "Crate", "UnknownValue"]
    );
    assert_eq!(vook_schema::names::rust_field("type"), "r#type");
    assert_eq!(vook_schema::names::rust_field("self"), "self_");
    let names: Vec<&str> = api.endpoints.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["match", "type", "move"]);
    assert_eq!(
        api.endpoints[2]
            .path_params
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["ref", "as"]
    );

    let api = valid("tests/specs/valid/enum_mangling.yaml");
    let TypeKind::Enum(status) = &api.type_def("Status").expect("Status").kind else {
        panic!("enum")
    };
    let variants: Vec<&str> = status.iter().map(|v| v.variant.as_str()).collect();
    assert_eq!(
        variants,
        [
            "InProgress",
            "Done",
            "OnHold",
            "ReallyLongCamelCase",
            "WithSpace",
            "V2x",
            "V3dModel",
            "Ber"
        ]
    );
}

#[test]
fn sets_nest_and_expand_in_order() {
    let api = valid("tests/specs/valid/many_endpoints.yaml");
    assert_eq!(api.endpoints.len(), 56);
    let create = api
        .endpoints
        .iter()
        .find(|e| e.name == "create_deal")
        .expect("create_deal");
    assert_eq!(
        create.errors.first().map(String::as_str),
        Some("unauthorized")
    );
    assert_eq!(create.errors.len(), 12, "{:?}", create.errors);
    assert!(!create.idempotent);
    assert!(
        api.endpoints
            .iter()
            .find(|e| e.name == "update_deal")
            .expect("update")
            .idempotent
    );
    assert_eq!(api.retry.max_attempts, 5);

    let api = valid("tests/specs/valid/bare_envelopes.yaml");
    assert_eq!(
        (api.envelope_data.as_ref(), api.envelope_error.as_ref()),
        (None, None)
    );
    assert_eq!(api.endpoints[0].path_params[0].ty, TypeRef::Integer);

    let api = valid("tests/specs/valid/recursive_types.yaml");
    assert_eq!(api.types.len(), 3);
    let api = valid("tests/specs/valid/no_auth.yaml");
    assert_eq!(api.base_url, "http://127.0.0.1:8080/api");
}

#[test]
fn auth_schemes_resolve() {
    use vook_schema::model::{AuthScheme, ResetFormat};
    let api = valid("tests/specs/valid/auth_header.yaml");
    let auth = api.auth.as_ref().expect("auth");
    assert_eq!(
        (auth.scheme, auth.name.as_deref(), auth.env.as_str()),
        (AuthScheme::Header, Some("X-Api-Key"), "KEYED_API_KEY")
    );
    let rl = api.rate_limit_headers.as_ref().expect("rate limits");
    assert_eq!(
        (rl.reset.as_str(), rl.reset_format),
        ("RateLimit-Reset", ResetFormat::Delta)
    );
    let api = valid("tests/specs/valid/auth_query.yaml");
    let auth = api.auth.as_ref().expect("auth");
    assert_eq!(
        (auth.scheme, auth.name.as_deref()),
        (AuthScheme::Query, Some("access_token"))
    );
    assert_eq!(
        api.rate_limit_headers.unwrap().reset_format,
        ResetFormat::Duration
    );
    let api = valid("tests/specs/valid/auth_basic.yaml");
    assert_eq!(
        api.auth.as_ref().map(|a| (a.scheme, a.name.clone())),
        Some((AuthScheme::Basic, None))
    );
    // `rate_limit_headers: {}` keeps every default.
    assert_eq!(
        api.rate_limit_headers.unwrap().reset_format,
        ResetFormat::Epoch
    );
    // No auth: `{ scheme: none }`, the short `auth: none`, or no `auth` at all.
    assert_eq!(valid("tests/specs/valid/auth_none.yaml").auth, None);
    let short = "vook: 1\napi: { name: x, base_url: 'https://x.test', auth: none }\n";
    let api = vook_schema::load_str("short.yaml", short).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!((api.auth_env(), &api.auth), (None, &None));
    let typo = "vook: 1\napi: { name: x, base_url: 'https://x.test', auth: bearer }\n";
    assert!(
        vook_schema::load_str("typo.yaml", typo).is_err(),
        "only `none` is a scalar auth"
    );
}
