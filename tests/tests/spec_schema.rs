//! The JSON Schema of the format (`schema/vook.schema.json`) agrees with the
//! parser: it is up to date, it has exactly the keys the parser accepts at
//! each level, every valid spec validates against it, and specs with shape
//! mistakes do not.
//!
//! The validator here is a small interpreter of the keywords the schema uses;
//! an unknown keyword fails the test, so the schema cannot silently grow
//! something this check ignores.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failure

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value as Json};
use vook_schema::document::{DOTTED_PATH_PATTERN, SNAKE_CASE_PATTERN, UPPER_CAMEL_CASE_PATTERN};
use vook_schema::node::{self, Node, Value};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .to_path_buf()
}

fn schema() -> Json {
    vook_schema::json_schema()
}

#[test]
fn checked_in_schema_is_up_to_date() {
    let path = root().join("schema/vook.schema.json");
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == vook_schema::json_schema_text(),
        "schema/vook.schema.json is stale; run `cargo xtask schema` and commit the result"
    );
}

#[test]
fn checked_in_schema_says_it_is_generated_and_how() {
    let path = root().join("schema/vook.schema.json");
    let on_disk: Json =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("schema file")).expect("JSON");
    let comment = on_disk["$comment"]
        .as_str()
        .expect("a `$comment` at the top");
    assert_eq!(comment, vook_schema::JSON_SCHEMA_COMMENT);
    assert!(comment.contains("Generated"), "{comment}");
    assert!(comment.contains("`cargo xtask schema`"), "{comment}");
    assert!(comment.contains("`cargo xtask regen`"), "{comment}");
}

#[test]
fn bundled_spec_points_editors_at_the_schema() {
    let spec = std::fs::read_to_string(root().join("schema/vook.yaml")).expect("spec");
    assert!(spec.starts_with("# yaml-language-server: $schema=vook.schema.json\n"));
}

/// The object schema a `SECTIONS` name refers to (`""`: the root).
fn section<'a>(schema: &'a Json, name: &str) -> &'a Json {
    if name.is_empty() {
        schema
    } else {
        &schema["$defs"][name]
    }
}

#[test]
fn parser_keys_equal_schema_properties() {
    let schema = schema();
    for (name, keys) in vook_schema::parse::keys::SECTIONS {
        let def = section(&schema, name);
        let props: BTreeSet<&str> = def["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("schema section `{name}` has no properties"))
            .keys()
            .map(String::as_str)
            .collect();
        let parsed: BTreeSet<&str> = keys.iter().copied().collect();
        assert_eq!(
            parsed, props,
            "keys of `{name}`: parser (left) and JSON Schema (right) differ"
        );
        assert_eq!(
            def["additionalProperties"],
            Json::Bool(false),
            "`{name}` must deny unknown keys"
        );
    }
    // Every closed object of the schema is covered by a parser key list.
    let covered: BTreeSet<&str> = vook_schema::parse::keys::SECTIONS
        .iter()
        .map(|(n, _)| *n)
        .collect();
    for (name, def) in schema["$defs"].as_object().expect("$defs") {
        if def["additionalProperties"] == Json::Bool(false) {
            assert!(
                covered.contains(name.as_str()),
                "schema definition `{name}` has no parser key list"
            );
        }
    }
}

#[test]
fn schema_keeps_format_details() {
    let s = schema();
    let d = &s["$defs"];
    assert_eq!(s["properties"]["vook"]["const"], 1);
    assert!(
        d["TypeSection"]["properties"].get("enum").is_some(),
        "`enum_values` is renamed `enum`"
    );
    assert!(
        s["properties"].get("broken").is_none(),
        "`broken` is not part of the format"
    );
    assert!(
        d["FieldSection"]["anyOf"]
            .as_array()
            .is_some_and(|a| a.len() == 2),
        "a field is a string or an object"
    );
    assert_eq!(d["ErrorSection"]["properties"]["status"]["minimum"], 400);
    assert_eq!(d["ErrorSection"]["properties"]["status"]["maximum"], 599);
    assert_eq!(
        d["RetrySection"]["properties"]["max_attempts"]["minimum"],
        1
    );
    assert_eq!(s["required"], serde_json::json!(["vook", "api"]));
    assert_eq!(
        d["EndpointSection"]["required"],
        serde_json::json!(["method", "path"])
    );
}

// --- a small JSON Schema interpreter ----------------------------------------

fn to_json(n: &Node) -> Json {
    match &n.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::from(*i),
        Value::UInt(u) => Json::from(*u),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Value::Str(s) => Json::String(s.clone()),
        Value::Seq(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => {
            let mut m = Map::new();
            for (k, v) in entries {
                let key = match &k.value {
                    Value::Str(s) => s.clone(),
                    Value::Int(i) => i.to_string(),
                    other => format!("{other:?}"),
                };
                m.entry(key).or_insert_with(|| to_json(v));
            }
            Json::Object(m)
        }
    }
}

fn pattern_matches(pattern: &str, s: &str) -> bool {
    let upper_snake = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_uppercase() || c == '_')
            && s.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    };
    let no_space = |s: &str| !s.contains(['?', '#']) && !s.chars().any(char::is_whitespace);
    match pattern {
        p if p == SNAKE_CASE_PATTERN => vook_schema::names::is_snake_case(s),
        p if p == UPPER_CAMEL_CASE_PATTERN => vook_schema::names::is_upper_camel_case(s),
        p if p == DOTTED_PATH_PATTERN => vook_vocab::error_fields::is_valid_path(s),
        "^[A-Z_][A-Z0-9_]*$" => upper_snake(s),
        // An HTTP token (a header name; query parameter names are a subset).
        "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" => {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+.^_`|~-".contains(c))
        }
        "^/[^?#\\s]*$" => s.starts_with('/') && no_space(s),
        "^https?://[^/?#\\s]+[^?#\\s]*$" => {
            let rest = s
                .strip_prefix("https://")
                .or_else(|| s.strip_prefix("http://"));
            rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/') && no_space(r))
        }
        other => panic!("the schema uses pattern {other:?}; teach this test what it means"),
    }
}

fn type_ok(t: &str, v: &Json) -> bool {
    match t {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        other => panic!("unknown JSON type {other}"),
    }
}

/// Problems of `v` against `schema`, as `path: problem` lines.
fn check(root: &Json, schema: &Json, v: &Json, path: &str, out: &mut Vec<String>) {
    let Some(obj) = schema.as_object() else {
        if schema == &Json::Bool(false) {
            out.push(format!("{path}: not allowed"));
        }
        return;
    };
    for (kw, arg) in obj {
        match kw.as_str() {
            "$schema" | "$comment" | "title" | "description" | "format" | "$defs" | "default" => {}
            "$ref" => {
                let name = arg
                    .as_str()
                    .and_then(|r| r.strip_prefix("#/$defs/"))
                    .expect("local $ref");
                check(root, &root["$defs"][name], v, path, out);
            }
            "type" => {
                let ok = match arg {
                    Json::String(t) => type_ok(t, v),
                    Json::Array(ts) => ts
                        .iter()
                        .any(|t| type_ok(t.as_str().expect("type name"), v)),
                    _ => panic!("bad type"),
                };
                if !ok {
                    out.push(format!("{path}: {v} is not of type {arg}"));
                }
            }
            "enum" => {
                if !arg.as_array().expect("enum list").contains(v) {
                    out.push(format!("{path}: {v} is not one of {arg}"));
                }
            }
            "const" => {
                if arg != v {
                    out.push(format!("{path}: {v} is not {arg}"));
                }
            }
            "minimum" | "maximum" => {
                if let Some(n) = v.as_f64() {
                    let bound = arg.as_f64().expect("number");
                    if (kw == "minimum" && n < bound) || (kw == "maximum" && n > bound) {
                        out.push(format!("{path}: {v} is out of range ({kw} {arg})"));
                    }
                }
            }
            "minLength" => {
                if let Some(s) = v.as_str()
                    && (s.chars().count() as u64) < arg.as_u64().expect("length")
                {
                    out.push(format!("{path}: string too short"));
                }
            }
            "minItems" | "maxItems" => {
                if let Some(a) = v.as_array() {
                    let n = arg.as_u64().expect("count") as usize;
                    if (kw == "minItems" && a.len() < n) || (kw == "maxItems" && a.len() > n) {
                        out.push(format!("{path}: {} items ({kw} {n})", a.len()));
                    }
                }
            }
            "pattern" => {
                if let Some(s) = v.as_str()
                    && !pattern_matches(arg.as_str().expect("pattern"), s)
                {
                    out.push(format!("{path}: {s:?} does not match {arg}"));
                }
            }
            "items" => {
                if let Some(a) = v.as_array() {
                    for (i, item) in a.iter().enumerate() {
                        check(root, arg, item, &format!("{path}[{i}]"), out);
                    }
                }
            }
            "properties" | "additionalProperties" | "required" | "propertyNames" => {
                let Some(m) = v.as_object() else { continue };
                let props = obj.get("properties").and_then(Json::as_object);
                match kw.as_str() {
                    "properties" => {
                        for (k, s) in arg.as_object().expect("properties") {
                            if let Some(x) = m.get(k) {
                                check(root, s, x, &format!("{path}.{k}"), out);
                            }
                        }
                    }
                    "additionalProperties" => {
                        for (k, x) in m {
                            if props.is_none_or(|p| !p.contains_key(k)) {
                                if arg == &Json::Bool(false) {
                                    out.push(format!("{path}: unknown key `{k}`"));
                                } else {
                                    check(root, arg, x, &format!("{path}.{k}"), out);
                                }
                            }
                        }
                    }
                    "required" => {
                        for k in arg.as_array().expect("required") {
                            if !m.contains_key(k.as_str().expect("key")) {
                                out.push(format!("{path}: missing required `{k}`"));
                            }
                        }
                    }
                    _ => {
                        for k in m.keys() {
                            check(
                                root,
                                arg,
                                &Json::String(k.clone()),
                                &format!("{path} key {k:?}"),
                                out,
                            );
                        }
                    }
                }
            }
            "anyOf" | "oneOf" => {
                let matching = arg
                    .as_array()
                    .expect("alternatives")
                    .iter()
                    .filter(|s| {
                        let mut sub = Vec::new();
                        check(root, s, v, path, &mut sub);
                        sub.is_empty()
                    })
                    .count();
                let ok = if kw == "anyOf" {
                    matching >= 1
                } else {
                    matching == 1
                };
                if !ok {
                    out.push(format!("{path}: {matching} alternatives of {kw} match"));
                }
            }
            "allOf" => {
                for sub in arg.as_array().expect("allOf list") {
                    check(root, sub, v, path, out);
                }
            }
            "not" => {
                let mut sub = Vec::new();
                check(root, arg, v, path, &mut sub);
                if sub.is_empty() {
                    out.push(format!("{path}: matches the schema it must not ({arg})"));
                }
            }
            "if" => {
                let mut sub = Vec::new();
                check(root, arg, v, path, &mut sub);
                let branch = if sub.is_empty() { "then" } else { "else" };
                if let Some(s) = obj.get(branch) {
                    check(root, s, v, &format!("{path} ({branch})"), out);
                }
            }
            "then" | "else" => {} // applied by "if"
            other => panic!("the schema uses keyword `{other}`; teach this test what it means"),
        }
    }
}

fn schema_problems(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let tree = node::parse_str(&text).unwrap_or_else(|d| panic!("{file}: not YAML: {}", d.message));
    let schema = schema();
    let mut out = Vec::new();
    check(&schema, &schema, &to_json(&tree), "$", &mut out);
    out
}

fn corpus(dir: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join(dir))
        .expect("corpus dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .map(|n| format!("{dir}/{n}"))
        .collect();
    files.sort();
    files
}

#[test]
fn valid_specs_validate_against_the_json_schema() {
    let mut files = corpus("tests/specs/valid");
    files.extend(corpus("tests/specs/real"));
    files.push("schema/vook.yaml".into());
    let mut failures = Vec::new();
    for f in &files {
        let problems = schema_problems(f);
        if !problems.is_empty() {
            failures.push(format!("{f}:\n  {}", problems.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "valid specs rejected by the JSON Schema:\n{}",
        failures.join("\n")
    );
}

/// Shape mistakes the schema can see must fail it too (it is not just `{}`).
#[test]
fn shape_mistakes_fail_the_json_schema() {
    let expected_to_fail = [
        "api_key_misspelled",
        "auth_header_name_invalid",
        "auth_header_without_name",
        "auth_name_on_bearer",
        "auth_none_with_env",
        "auth_query_name_invalid",
        "auth_scheme_unknown",
        "base_url_not_absolute",
        "empty_enum",
        "enum_value_not_string",
        "env_var_name",
        "list_type_two_items",
        "lowercase_method",
        "max_attempts_over_100",
        "max_attempts_zero",
        "misspelled_required_key",
        "missing_api",
        "missing_error_status",
        "missing_method",
        "naming_endpoint_not_snake_case",
        "naming_error_code_not_snake_case",
        "naming_field_not_snake_case",
        "naming_type_not_upper_camel_case",
        "path_param_bad_type",
        "path_with_query",
        "path_without_slash",
        "reset_format_unknown",
        "status_error_out_of_range",
        "status_success_out_of_range",
        "type_fields_and_enum",
        "type_neither_fields_nor_enum",
        "unknown_endpoint_key",
        "unknown_error_key",
        "unknown_long_field_key",
        "unknown_method",
        "unknown_retry_class",
        "unknown_top_level_key",
        "version_missing",
        "version_unsupported",
        "wrong_type_api_string",
        "wrong_type_details_yes",
        "wrong_type_endpoints_list",
        "wrong_type_errors_string",
        "wrong_type_idempotent_string",
        "wrong_type_key_not_a_name",
        "wrong_type_max_attempts_string",
        "wrong_type_path_params_list",
        "wrong_type_status_string",
    ];
    let passed: Vec<&str> = expected_to_fail
        .iter()
        .copied()
        .filter(|name| schema_problems(&format!("tests/specs/invalid/{name}.yaml")).is_empty())
        .collect();
    assert!(
        passed.is_empty(),
        "the JSON Schema accepts these invalid specs: {passed:?}"
    );
}
