//! Hostile documents: each test is named after the shape it feeds the importer.
//! The contract (docs/design.md section 9): no panic, bounded time and memory,
//! and any `Ok(import)` validates as a vook spec.

// Test helpers outside `#[test]` functions fail loudly too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use vook_import::{Import, LoadError, Options, import_str};

/// Imports `text`; an `Ok` must validate (the diagnostics and spec are printed if not).
fn import(what: &str, text: &str) -> Result<Import, LoadError> {
    let r = import_str(text, &Options::default());
    if let Ok(import) = &r
        && let Err(diags) = import.validate("hostile.yaml")
    {
        panic!(
            "{what}: the imported spec does not validate:\n{diags}\n--- spec ---\n{}",
            import.spec
        );
    }
    r
}

/// Imports `doc` (as JSON text) and expects `Ok` (a valid spec).
fn ok(what: &str, doc: &Value) -> Import {
    match import(what, &doc.to_string()) {
        Ok(i) => i,
        Err(e) => panic!("{what}: refused: {e}"),
    }
}

/// Imports `doc` and checks only the contract (either outcome is fine).
fn survives(what: &str, doc: &Value) -> Result<Import, LoadError> {
    import(what, &doc.to_string())
}

fn doc_with(paths: Value, schemas: Value) -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Hostile", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": paths,
        "components": {"schemas": schemas}
    })
}

/// One `GET /x` operation answering the schema at `#/components/schemas/{name}`.
fn returning(name: &str, schemas: Value) -> Value {
    doc_with(
        json!({"/x": {"get": {"operationId": "getX", "responses": {"200": {"description": "ok",
            "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{name}")}}}}}}}}),
        schemas,
    )
}

fn has_warning(import: &Import, needle: &str) -> bool {
    import
        .warnings
        .iter()
        .any(|w| w.to_string().contains(needle))
}

fn timed<T>(what: &str, limit: Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < limit, "{what} took {took:?} (limit {limit:?})");
    out
}

// ---- cyclic `$ref`s ----

#[test]
fn ref_cycle_schema_is_its_own_alias() {
    let i = ok(
        "self alias",
        &returning("A", json!({"A": {"$ref": "#/components/schemas/A"}})),
    );
    assert!(!i.warnings.is_empty());
}

#[test]
fn ref_cycle_two_aliases_a_b_a() {
    ok(
        "A->B->A",
        &returning(
            "A",
            json!({"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}),
        ),
    );
}

#[test]
fn ref_cycle_alias_through_array_of_itself() {
    ok(
        "A = [A]",
        &returning(
            "A",
            json!({"A": {"type": "array", "items": {"$ref": "#/components/schemas/A"}}}),
        ),
    );
    ok(
        "A = map<A>",
        &returning(
            "A",
            json!({"A": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/A"}}}),
        ),
    );
    ok(
        "A = [B], B = [A]",
        &returning(
            "A",
            json!({"A": {"type": "array", "items": {"$ref": "#/components/schemas/B"}},
                   "B": {"type": "array", "items": {"$ref": "#/components/schemas/A"}}}),
        ),
    );
}

#[test]
fn ref_cycle_objects_recurse_through_properties() {
    let i = ok(
        "Node.children: [Node]",
        &returning(
            "Node",
            json!({
                "Node": {"type": "object", "properties": {
                    "self": {"$ref": "#/components/schemas/Node"},
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                    "other": {"$ref": "#/components/schemas/Other"}}},
                "Other": {"type": "object", "properties": {"back": {"$ref": "#/components/schemas/Node"}}}
            }),
        ),
    );
    assert!(i.spec.contains("Node"));
}

#[test]
fn ref_cycle_all_of_includes_itself() {
    ok(
        "allOf self",
        &returning(
            "A",
            json!({"A": {"allOf": [{"$ref": "#/components/schemas/A"},
                {"type": "object", "properties": {"x": {"type": "string"}}}]}}),
        ),
    );
    ok(
        "allOf A->B->A",
        &returning(
            "A",
            json!({
                "A": {"allOf": [{"$ref": "#/components/schemas/B"}, {"properties": {"a": {"type": "string"}}}]},
                "B": {"allOf": [{"$ref": "#/components/schemas/A"}, {"properties": {"b": {"type": "string"}}}]}
            }),
        ),
    );
}

#[test]
fn ref_cycle_all_of_diamond_fan_out_is_bounded() {
    // A0 = allOf [A1 x 8], A1 = allOf [A2 x 8], ... : 8^16 paths if walked naively.
    let mut schemas = serde_json::Map::new();
    for level in 0..20 {
        let next = format!("#/components/schemas/A{}", level + 1);
        let members: Vec<Value> = (0..8)
            .map(|_| json!({"$ref": next}))
            .chain([
                json!({"type": "object", "properties": {format!("p{level}"): {"type": "string"}}}),
            ])
            .collect();
        schemas.insert(
            format!("A{level}"),
            json!({"type": "object", "allOf": members, "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}),
        );
    }
    schemas.insert(
        "A20".into(),
        json!({"type": "object", "properties": {"end": {"type": "string"}}}),
    );
    let mut doc = returning("A0", Value::Object(schemas));
    doc["paths"]["/x"]["get"]["responses"]["400"] = json!({"description": "bad",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/A0"}}}});
    timed("allOf diamond", Duration::from_secs(5), || {
        ok("allOf diamond", &doc)
    });
}

#[test]
fn ref_cycle_in_path_items_parameters_and_responses() {
    let doc = json!({
        "openapi": "3.0.3", "info": {"title": "t", "version": "1"},
        "paths": {
            "/a": {"$ref": "#/paths/~1a"},
            "/b": {"get": {"operationId": "b",
                "parameters": [{"$ref": "#/components/parameters/P"}],
                "requestBody": {"$ref": "#/components/requestBodies/R"},
                "responses": {"200": {"$ref": "#/components/responses/S"},
                              "400": {"$ref": "#/components/responses/E"}}}}
        },
        "components": {
            "parameters": {"P": {"$ref": "#/components/parameters/P"}},
            "requestBodies": {"R": {"$ref": "#/components/requestBodies/R"}},
            "responses": {"S": {"$ref": "#/components/responses/S"}, "E": {"$ref": "#/components/responses/S"}}
        }
    });
    ok("cycles everywhere", &doc);
}

// ---- broken `$ref`s ----

#[test]
fn ref_to_nowhere_into_another_file_and_not_a_string() {
    for target in [
        json!("#/components/schemas/Missing"),
        json!("#/nowhere/at/all"),
        json!("#"),
        json!(""),
        json!("other.yaml#/components/schemas/A"),
        json!("https://example.com/schema.json"),
        json!("#/paths/~1x/get/responses/200/content/application~1json/schema"),
        json!("#/components/schemas/A/properties/%ZZ"),
        json!("#/components/schemas/~2"),
        json!(42),
        json!(null),
        json!(["#/a"]),
        json!({"$ref": "#/a"}),
    ] {
        let doc = returning(
            "A",
            json!({"A": {"type": "object", "properties": {"b": {"$ref": target.clone()}}},
                   "B": {"$ref": target.clone()}}),
        );
        ok(&format!("$ref {target}"), &doc);
        let doc = doc_with(
            json!({"/x": {"$ref": target.clone(), "get": {"operationId": "x",
                "parameters": [{"$ref": target.clone()}],
                "responses": {"200": {"$ref": target.clone()}, "404": {"$ref": target.clone()}}}}}),
            json!({}),
        );
        survives(&format!("$ref {target} (path item)"), &doc).ok();
    }
}

#[test]
fn ref_chain_ten_thousand_long() {
    let mut schemas = serde_json::Map::new();
    for i in 0..10_000 {
        schemas.insert(
            format!("S{i}"),
            json!({"$ref": format!("#/components/schemas/S{}", i + 1)}),
        );
    }
    schemas.insert(
        "S10000".into(),
        json!({"type": "object", "properties": {"x": {"type": "string"}}}),
    );
    let doc = returning("S0", Value::Object(schemas));
    let i = timed("10,000 $ref chain", Duration::from_secs(10), || {
        ok("chain", &doc)
    });
    assert!(i.warnings.len() < 20_000);
}

#[test]
fn ref_chain_of_arrays_ten_thousand_long() {
    // Each alias is an array of the next: the expression grows until it is `json`.
    let mut schemas = serde_json::Map::new();
    for i in 0..10_000 {
        schemas.insert(
            format!("S{i}"),
            json!({"type": "array", "items": {"$ref": format!("#/components/schemas/S{}", i + 1)}}),
        );
    }
    schemas.insert("S10000".into(), json!({"type": "string"}));
    let doc = returning("S0", Value::Object(schemas));
    timed("10,000 array aliases", Duration::from_secs(10), || {
        ok("array chain", &doc)
    });
}

#[test]
fn ref_chain_of_objects_ten_thousand_deep() {
    // S0.next: S1, S1.next: S2, ...: named types recurse through properties.
    let mut schemas = serde_json::Map::new();
    for i in 0..10_000 {
        schemas.insert(
            format!("S{i}"),
            json!({"type": "object", "properties": {"next": {"$ref": format!("#/components/schemas/S{}", i + 1)}}}),
        );
    }
    schemas.insert("S10000".into(), json!({"type": "string"}));
    // Reverse order so `components` does not define them leaf-first.
    let doc = returning("S0", Value::Object(schemas));
    timed("10,000 nested structs", Duration::from_secs(15), || {
        ok("struct chain", &doc)
    });
}

// ---- nesting, size, aliases ----

#[test]
fn nesting_depth_5000_json_is_refused() {
    let deep = format!(
        r#"{{"openapi": "3.0.0", "info": {{"title": "t", "version": "1"}}, "x": {}{}}}"#,
        "[".repeat(5000),
        "]".repeat(5000)
    );
    assert!(import("deep json", &deep).is_err());
    let deep_obj = format!("{}{}", "{\"a\":".repeat(5000), "}".repeat(5000));
    assert!(import("deep json objects", &deep_obj).is_err());
}

#[test]
fn nesting_depth_5000_yaml_flow_is_refused() {
    let flow = format!(
        "openapi: 3.0.0\ninfo: {{title: t, version: '1'}}\nx: {}1{}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    assert!(import("deep yaml flow", &flow).is_err());
}

#[test]
fn nesting_depth_5000_yaml_block_maps_is_refused() {
    let mut block = String::from("openapi: 3.0.0\ninfo: {title: t, version: '1'}\nx:\n");
    for d in 1..5000 {
        block.push_str(&" ".repeat(d));
        block.push_str("a:\n");
    }
    assert!(import("deep yaml block", &block).is_err());
}

#[test]
fn nesting_depth_5000_yaml_block_sequences_is_refused() {
    let seqs = format!(
        "openapi: 3.0.0\ninfo: {{title: t, version: '1'}}\nx: {}1\n",
        "- ".repeat(5000)
    );
    assert!(import("deep yaml sequences", &seqs).is_err());
}

#[test]
fn nesting_just_under_the_limit_in_schemas() {
    // Inline schemas nested as deep as the reader allows: no overflow, and valid.
    let mut schema = json!({"type": "string"});
    for i in 0..40 {
        schema = if i % 2 == 0 {
            json!({"type": "array", "items": schema})
        } else {
            json!({"type": "object", "properties": {"p": schema}})
        };
    }
    ok("deep inline", &returning("A", json!({"A": schema})));
}

#[test]
fn yaml_alias_bomb_billion_laughs() {
    let mut bomb = String::from("openapi: 3.0.0\ninfo: {title: t, version: '1'}\n");
    bomb.push_str("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        let list = [prev.as_str(); 10].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{list}]\n"));
    }
    bomb.push_str("paths: {}\n");
    let r = timed("billion laughs", Duration::from_secs(10), || {
        import("billion laughs", &bomb)
    });
    assert!(r.is_err(), "an alias bomb is refused");
}

#[test]
fn yaml_1_1_boolean_words_stay_strings() {
    // `y`, `n`, `on`, `off`, `yes`, `no` are YAML 1.1 booleans; as keys they
    // were read as `true`/`false` (a property `y` became `true`).
    let text = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    get:\n      operationId: getP\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Point'}\ncomponents:\n  schemas:\n    Point:\n      type: object\n      properties:\n        x: {type: number}\n        y: {type: number}\n        n: {type: integer}\n        on: {type: boolean}\n        off: {type: string, enum: [yes, no, on, off, y, n]}\n";
    let i = import("yaml 1.1 booleans", text).unwrap();
    for field in [
        r#"x: "number?""#,
        r#""y": "number?""#,
        r#""n": "integer?""#,
        r#""on": "boolean?""#,
        r#"- "yes""#,
    ] {
        assert!(i.spec.contains(field), "{field} missing:\n{}", i.spec);
    }
    assert!(!i.spec.contains("true:"), "{}", i.spec);
}

#[test]
fn yaml_aliases_into_schemas_are_fine_when_small() {
    let text = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: &op\n      operationId: a\n      responses: {'200': {description: ok}}\n  /b:\n    get: *op\n";
    import("small aliases", text).ok();
    let text =
        "openapi: 3.0.0\ninfo: &i {title: t, version: '1'}\nx: &x {<<: *i, more: *i}\npaths: {}\n";
    import("merge keys", text).ok();
}

#[test]
fn huge_document_70_mb_is_refused() {
    let mut big =
        String::from(r#"{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "x": ""#);
    big.push_str(&"a".repeat(70 * 1024 * 1024));
    big.push_str("\"}");
    let r = timed("70 MB in memory", Duration::from_secs(5), || {
        import_str(&big, &Options::default())
    });
    assert!(r.is_err_and(|e| e.0.contains("limit")));
}

#[test]
fn huge_document_70_mb_file_is_refused_without_reading_it() {
    let dir = std::env::temp_dir().join(format!("vook-import-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.json");
    let file = std::fs::File::create(&path).unwrap();
    // Sparse: 70 MB long, nothing written (the importer must not read it all).
    file.set_len(70 * 1024 * 1024).unwrap();
    let r = timed("70 MB file", Duration::from_secs(5), || {
        vook_import::import_path(&path, &Options::default())
    });
    std::fs::remove_dir_all(&dir).ok();
    let e = r.expect_err("a 70 MB file is refused");
    assert!(e.0.contains("limit"), "{e}");
}

#[test]
fn documents_that_are_not_objects() {
    for text in [
        "",
        " ",
        "\u{feff}",
        "null",
        "~",
        "42",
        "-1.5e999",
        "true",
        "\"openapi\"",
        "[]",
        "[{\"openapi\": \"3.0.0\"}]",
        "- openapi: 3.0.0",
        "openapi",
        "{",
        "}",
        "{]",
        "---\n---\n",
        "\u{0}",
        "{\"openapi\": \"3.0.0\"} trailing",
        "{} {}",
        "openapi: [3]",
        "openapi: 3.0",
        "openapi: 3.1.0",
        "{\"openapi\": 3.1}",
        "{\"openapi\": \"2.0\"}",
        "swagger: '2.0'",
        "openapi: 3.0.0\ninfo: 5\npaths: 7",
        "openapi: 3.0.0\n\t- tab",
        "!!binary aGVsbG8=",
        "openapi: !!int 3",
        "? [a, b]\n: c\nopenapi: 3.0.0",
    ] {
        import(&format!("{text:?}"), text).ok();
    }
}

// ---- wrong types everywhere ----

#[test]
fn wrong_types_top_level() {
    for (key, value) in [
        ("paths", json!(["/a", "/b"])),
        ("paths", json!("/a")),
        ("paths", json!(null)),
        ("paths", json!({"/a": "get"})),
        ("paths", json!({"/a": ["get"]})),
        ("paths", json!({"/a": null})),
        ("components", json!([1, 2])),
        ("components", json!({"schemas": [1, 2]})),
        ("components", json!({"schemas": {"A": "string"}})),
        (
            "components",
            json!({"schemas": {"A": 5, "B": null, "C": true, "D": false}}),
        ),
        ("components", json!({"securitySchemes": [1]})),
        ("components", json!({"securitySchemes": {"a": "bearer"}})),
        ("components", json!({"securitySchemes": {"a": {"type": 5}}})),
        ("components", json!({"responses": "x"})),
        ("info", json!("title")),
        ("info", json!({"title": 5, "version": 1})),
        ("info", json!({"title": ["a"], "description": {"a": 1}})),
        ("security", json!("x")),
        ("security", json!([5, "a", null])),
        ("security", json!([{"a": "b"}])),
        ("tags", json!(7)),
    ] {
        let mut doc = returning("A", json!({"A": {"type": "string"}}));
        doc[key] = value.clone();
        survives(&format!("{key}: {value}"), &doc).ok();
    }
}

#[test]
fn wrong_types_in_operations() {
    let bad_ops = [
        json!("GET"),
        json!(5),
        json!(["a"]),
        json!(null),
        json!({"operationId": 5, "responses": {"200": {"description": "ok"}}}),
        json!({"operationId": ["a"], "responses": []}),
        json!({"operationId": "a", "responses": "ok"}),
        json!({"operationId": "a", "responses": {"200": "ok"}}),
        json!({"operationId": "a", "responses": {"200": {"content": "json"}}}),
        json!({"operationId": "a", "responses": {"200": {"content": {"application/json": "x"}}}}),
        json!({"operationId": "a", "responses": {"200": {"content": {"application/json": {"schema": "x"}}}}}),
        json!({"operationId": "a", "responses": {"200": {"content": {"application/json": {"schema": 5}}}}}),
        json!({"operationId": "a", "responses": {"banana": {"description": "?"}, "999": {}, "-1": {}, "2XX": {}, "1e3": {}}}),
        json!({"operationId": "a", "parameters": 5, "responses": {}}),
        json!({"operationId": "a", "parameters": "id", "responses": {}}),
        json!({"operationId": "a", "parameters": [5, "x", null, [], {}], "responses": {}}),
        json!({"operationId": "a", "parameters": [{"name": 5, "in": "query"}], "responses": {}}),
        json!({"operationId": "a", "parameters": [{"name": "q", "in": "nowhere"}], "responses": {}}),
        json!({"operationId": "a", "parameters": [{"name": "q", "in": "query", "schema": "int"}], "responses": {}}),
        json!({"operationId": "a", "parameters": [{"name": "q", "in": "query", "schema": {"type": 5}}], "responses": {}}),
        json!({"operationId": "a", "parameters": [{"name": "q", "in": "query", "schema": {"type": "object", "properties": {"a": {"type": "string"}}}}], "responses": {}}),
        json!({"operationId": "a", "parameters": [{"name": "q", "in": "query", "content": {"application/json": {"schema": {"type": "object"}}}}], "responses": {}}),
        json!({"operationId": "a", "parameters": [{"name": "id", "in": "path", "schema": {"type": "array"}}], "responses": {}}),
        json!({"operationId": "a", "requestBody": "json", "responses": {}}),
        json!({"operationId": "a", "requestBody": {"content": []}, "responses": {}}),
        json!({"operationId": "a", "requestBody": {"content": {"application/json": {"schema": {"type": "string"}}}}, "responses": {}}),
        json!({"operationId": "a", "requestBody": {"content": {"application/json": {"schema": {"type": "array", "items": {"type": "integer"}}}}}, "responses": {}}),
        json!({"operationId": "a", "security": "x", "x-vook": 5, "deprecated": "yes", "responses": {}}),
    ];
    for op in bad_ops {
        for method in ["get", "post"] {
            let doc = doc_with(json!({"/a/{id}": {method: op.clone()}}), json!({}));
            survives(&format!("{method}: {op}"), &doc).ok();
        }
    }
}

#[test]
fn wrong_types_in_schemas() {
    for schema in [
        json!({"type": "object", "required": "id", "properties": {"id": {"type": "string"}}}),
        json!({"type": "object", "required": [5, null, {"a": 1}], "properties": {"id": {"type": "string"}}}),
        json!({"type": "object", "required": ["missing"], "properties": {"id": {"type": "string"}}}),
        json!({"type": "string", "enum": [{"a": 1}, {"b": 2}]}),
        json!({"enum": [{"a": 1}, "b"]}),
        json!({"enum": [[1], [2]]}),
        json!({"enum": "a"}),
        json!({"enum": []}),
        json!({"enum": [null]}),
        json!({"enum": [1.5, 2]}),
        json!({"enum": [true, false]}),
        json!({"type": "integer", "enum": ["a", "b"]}),
        json!({"type": "object", "properties": ["a", "b"]}),
        json!({"type": "object", "properties": "a"}),
        json!({"type": "object", "properties": {"a": "string", "b": 5, "c": null, "d": [1]}}),
        json!({"type": "object", "properties": {}}),
        json!({"type": "object", "additionalProperties": "yes"}),
        json!({"type": "object", "additionalProperties": false}),
        json!({"type": "object", "additionalProperties": {"$ref": "#/components/schemas/A"}}),
        json!({"type": "array"}),
        json!({"type": "array", "items": "string"}),
        json!({"type": "array", "items": [{"type": "string"}]}),
        json!({"type": "array", "items": {"type": "array", "items": {"type": "array"}}}),
        json!({"type": "bogus"}),
        json!({"type": ""}),
        json!({"type": []}),
        json!({"type": ["null"]}),
        json!({"type": [5, {"a": 1}]}),
        json!({"allOf": "x"}),
        json!({"allOf": [5, "a", null]}),
        json!({"allOf": []}),
        json!({"allOf": [{"type": "string"}, {"type": "integer"}]}),
        json!({"allOf": [{"type": "object", "properties": {"a": {"type": "string"}}}, {"type": "string"}]}),
        json!({"oneOf": "x"}),
        json!({"oneOf": []}),
        json!({"oneOf": [{"type": "null"}]}),
        json!({"anyOf": [5, null]}),
        json!({"oneOf": [{"const": "a"}, {"const": "a"}]}),
        json!({"oneOf": [{"const": "a"}, {"const": 5}]}),
        json!({"oneOf": [{"const": "unknown"}, {"const": "x"}]}),
        json!({"oneOf": [{"const": ""}, {"const": "x"}]}),
        json!({"nullable": "yes", "type": "string"}),
        json!({"description": 5, "title": ["x"], "type": "string"}),
        json!({"format": 5, "type": "string"}),
        json!({"not": {"type": "string"}}),
        json!({"if": {}, "then": {}, "else": {}}),
        json!({"$ref": "#/components/schemas/A", "type": "string", "nullable": true}),
        json!(true),
        json!(false),
        json!([]),
    ] {
        let doc = doc_with(
            json!({"/x": {"post": {"operationId": "postX",
                "parameters": [{"name": "q", "in": "query", "schema": schema.clone()},
                               {"name": "h", "in": "path", "required": true, "schema": schema.clone()}],
                "requestBody": {"content": {"application/json": {"schema": schema.clone()}}},
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": schema.clone()}}},
                              "400": {"description": "bad", "content": {"application/json": {"schema": schema.clone()}}}}}}}),
            json!({"A": schema.clone(), "B": {"type": "object", "properties": {"a": schema.clone()}},
                   "C": {"type": "array", "items": schema.clone()}}),
        );
        ok(&format!("schema {schema}"), &doc);
    }
}

// ---- names ----

fn names_doc(names: &[&str]) -> Value {
    let mut props = serde_json::Map::new();
    let mut schemas = serde_json::Map::new();
    let mut paths = serde_json::Map::new();
    let mut enum_values = Vec::new();
    for (i, n) in names.iter().enumerate() {
        props.insert((*n).to_owned(), json!({"type": "string"}));
        schemas.insert(
            (*n).to_owned(),
            json!({"type": "object", "properties": {"x": {"type": "string"}}}),
        );
        enum_values.push(json!(n));
        paths.insert(
            format!("/p{i}/{{{n}}}"),
            json!({"get": {"operationId": n,
                "parameters": [{"name": n, "in": "path", "required": true, "schema": {"type": "string"}},
                               {"name": n, "in": "query", "schema": {"type": "string"}},
                               {"name": n, "in": "header", "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{}", n.replace('~', "~0").replace('/', "~1"))}}}},
                              "400": {"$ref": format!("#/components/responses/{}", n.replace('~', "~0").replace('/', "~1"))}}}}),
        );
    }
    schemas.insert(
        "Props".into(),
        json!({"type": "object", "properties": props}),
    );
    schemas.insert(
        "Values".into(),
        json!({"type": "string", "enum": enum_values}),
    );
    let responses: serde_json::Map<String, Value> = names
        .iter()
        .map(|n| ((*n).to_owned(), json!({"description": "e", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Props"}}}})))
        .collect();
    let mut doc = doc_with(Value::Object(paths), Value::Object(schemas));
    doc["components"]["responses"] = Value::Object(responses);
    doc["info"]["title"] = json!(names.join(""));
    doc
}

#[test]
fn names_empty_and_only_punctuation() {
    ok(
        "empty and punctuation",
        &names_doc(&[
            "", " ", "$", "$$", "-", "_", "__", "...", "/", "~", "{}", "?", "#", "😀", "ü", "0",
            "1", "-1", "+1",
        ]),
    );
}

#[test]
fn names_rust_keywords_and_self() {
    ok(
        "keywords",
        &names_doc(&[
            "self",
            "Self",
            "super",
            "crate",
            "type",
            "fn",
            "match",
            "async",
            "await",
            "dyn",
            "r#type",
            "struct",
            "enum",
            "impl",
            "mod",
            "use",
            "ref",
            "move",
            "box",
            "yield",
            "try",
            "abstract",
            "Client",
            "ClientBuilder",
            "ErrorCode",
            "Error",
            "Result",
            "Option",
            "String",
            "Vec",
            "new",
            "builder",
            "json",
            "string",
            "integer",
            "map",
            "datetime",
            "Unknown",
            "unknown",
            "default",
        ]),
    );
}

#[test]
fn names_that_collide_after_normalisation() {
    ok(
        "collisions",
        &names_doc(&[
            "fooBar",
            "foo_bar",
            "FooBar",
            "foo-bar",
            "FOO_BAR",
            "foo bar",
            "foo__bar",
            "get-item",
            "get_item",
            "getItem",
            "GetItem",
            "Item",
            "item",
            "ITEM",
            "item_2",
            "Item2",
            "item2",
            "getItemError",
            "GetItemQuery",
            "get_item_2",
        ]),
    );
}

#[test]
fn names_operation_ids_colliding_with_derived_and_error_types() {
    let doc = doc_with(
        json!({
            "/item": {"get": {"responses": {"200": {"description": "ok"}}},
                      "post": {"operationId": "get_item", "responses": {"200": {"description": "ok"}}}},
            "/items/{id}": {"get": {"operationId": "get-item", "parameters": [{"name": "id", "in": "path", "required": true}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/GetItemError"}}}}}},
                "put": {"operationId": "getItem", "responses": {"200": {"description": "ok"}}}}
        }),
        json!({"GetItemError": {"type": "object", "properties": {"a": {"type": "string"}}},
               "GetItemQuery": {"type": "string", "enum": ["a"]},
               "GetItem2Error": {"type": "object", "properties": {"a": {"type": "string"}}}}),
    );
    ok("op id collisions", &doc);
}

#[test]
fn names_many_colliding_operations_are_fast() {
    // 20,000 operations all called `op`: suffix allocation must not be quadratic.
    let mut paths = serde_json::Map::new();
    for i in 0..20_000 {
        paths.insert(
            format!("/r{i}"),
            json!({"get": {"operationId": "op", "responses": {"200": {"description": "ok"}}}}),
        );
    }
    let doc = doc_with(Value::Object(paths), json!({}));
    let text = doc.to_string();
    timed(
        "20,000 colliding operations",
        Duration::from_secs(15),
        || import("20k ops", &text).ok(),
    );
}

#[test]
fn names_wide_struct_and_enum() {
    let props: serde_json::Map<String, Value> = (0..5_000)
        .map(|i| {
            (
                format!("f{}", i % 2500) + if i >= 2500 { "_" } else { "" },
                json!({"type": "string"}),
            )
        })
        .collect();
    let values: Vec<Value> = (0..5_000).map(|i| json!(format!("v{i}"))).collect();
    let doc = returning(
        "A",
        json!({"A": {"type": "object", "properties": props}, "E": {"type": "string", "enum": values}}),
    );
    timed("wide", Duration::from_secs(10), || ok("wide", &doc));
}

#[test]
fn enum_values_signs_empty_and_unknown() {
    for values in [
        json!(["+1", "-1"]),
        json!(["+1", "-1", ""]),
        json!(["", "a"]),
        json!(["unknown", "a"]),
        json!(["Unknown", "a"]),
        json!(["unknown", "Unknown"]),
        json!(["a", "A", "a_", "A_"]),
        json!(["1", "01", "1.0"]),
        json!(["self", "Self", "type"]),
        json!(["😀", "ü"]),
        json!([" ", "  "]),
        json!([
            "a\nb", "c\"d", "e: f", "#g", "&h", "*i", "!j", "%k", "@l", "`m", "|n", ">o", "'p",
            "{q}", "[r]"
        ]),
        json!([
            "null", "true", "~", "yes", "no", "on", "0x1F", "1e3", ".inf", ".nan"
        ]),
        json!([null, "a"]),
        json!(["a", null, 1]),
    ] {
        let doc = doc_with(
            json!({"/x": {"get": {"operationId": "getX",
                "parameters": [{"name": "v", "in": "query", "schema": {"type": "string", "enum": values.clone()}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/E"}}}},
                              "400": {"description": "bad", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Err"}}}}}}}}),
            json!({"E": {"type": "string", "enum": values.clone()},
                   "Err": {"type": "object", "properties": {"code": {"type": "string", "enum": values.clone()}, "message": {"type": "string"}}},
                   "S": {"type": "object", "properties": {"e": {"enum": values.clone()}}}}),
        );
        ok(&format!("enum {values}"), &doc);
    }
}

// ---- paths ----

#[test]
fn paths_with_spaces_query_fragment_and_unbalanced_braces() {
    for path in [
        "/a b",
        "/a?b=1",
        "/a#frag",
        "/a/{id",
        "/a/id}",
        "/a/{{id}}",
        "/a/{}",
        "/a/{id}{id}",
        "/a/{ id }",
        "/{id}/{id}",
        "a/no/slash",
        "",
        "/",
        "//",
        "/a//b",
        "/%",
        "/%zz",
        "/a\tb",
        "/a\nb",
        "/ü/😀",
        "/{😀}",
        "/a/{id}/",
        "/{a}{b}",
        "/{-}",
        "/{}}",
        "/{{",
        "/}}",
        "/:id",
        "/a;b",
        "/*",
        "/a\\b",
        "/a\u{0}b",
        "/{id}.json",
        "/a/{b}?c={d}",
    ] {
        let doc = doc_with(
            json!({path: {"get": {"operationId": "getA",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
                               {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                               {"name": "b", "in": "path", "required": true},
                               {"name": "", "in": "path", "required": true},
                               {"name": "id", "in": "query"}],
                "responses": {"200": {"description": "ok"}}},
                "post": {"responses": {"200": {"description": "ok"}}}}}),
            json!({}),
        );
        ok(&format!("path {path:?}"), &doc);
    }
}

#[test]
fn paths_same_route_twice_and_same_param_twice() {
    let doc = doc_with(
        json!({
            "/a/{x}": {"parameters": [{"name": "x", "in": "path", "required": true, "schema": {"type": "string"}}],
                       "get": {"operationId": "one", "parameters": [
                           {"name": "x", "in": "path", "required": true, "schema": {"type": "integer"}},
                           {"name": "q", "in": "query"}, {"name": "q", "in": "query", "schema": {"type": "integer"}},
                           {"name": "Q", "in": "query"}, {"name": "q-", "in": "query"}]}},
            "/a/{y}": {"get": {"operationId": "two"}},
            "/a/{x}/": {"get": {"operationId": "three"}},
            "/A/{x}": {"get": {"operationId": "four"}}
        }),
        json!({}),
    );
    ok("same route", &doc);
}

// ---- 3.1 ----

#[test]
fn openapi_31_type_arrays_and_const() {
    let doc = json!({
        "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
        "webhooks": {"x": {"post": {"responses": {}}}},
        "paths": {"/x": {"get": {"operationId": "x", "responses": {"200": {"description": "ok",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}}}}},
        "components": {"schemas": {
            "A": {"type": ["object", "null"], "properties": {
                "a": {"type": ["string", "null"]},
                "b": {"type": ["string", "integer"]},
                "c": {"type": ["null"]},
                "d": {"type": ["array", "null"], "items": {"type": ["integer", "null"]}},
                "e": {"const": "fixed"},
                "f": {"const": 5},
                "g": {"const": null},
                "h": {"const": {"a": 1}},
                "i": {"type": "string", "const": ""},
                "j": {"const": "unknown"},
                "k": {"type": ["object", "array"]},
                "l": {"$ref": "#/components/schemas/B", "description": "sibling"},
                "m": {"oneOf": [{"$ref": "#/components/schemas/B"}, {"type": "null"}]},
                "n": {"anyOf": [{"const": "x"}, {"const": "y"}, {"type": "null"}]},
                "o": {"type": "array", "prefixItems": [{"type": "string"}]},
                "p": {"$defs": {"q": {}}, "$ref": "#/components/schemas/A/properties/p/$defs/q"},
                "r": {"examples": ["a"], "contentMediaType": "image/png", "type": "string", "contentEncoding": "base64"}
            }},
            "B": {"type": ["string", "null"], "enum": ["x", "y", null]}
        }}
    });
    ok("3.1", &doc);
}

// ---- servers ----

#[test]
fn servers_every_oddity() {
    for servers in [
        json!(null),
        json!([]),
        json!({}),
        json!("https://a.example.com"),
        json!([5]),
        json!([null]),
        json!([{}]),
        json!([{"url": 5}]),
        json!([{"url": ""}]),
        json!([{"url": "/"}]),
        json!([{"url": "/v1"}]),
        json!([{"url": "v1"}]),
        json!([{"url": "."}]),
        json!([{"url": "//cdn.example.com/v1"}]),
        json!([{"url": "ftp://a.example.com"}]),
        json!([{"url": "file:///etc/passwd"}]),
        json!([{"url": "https://"}]),
        json!([{"url": "https://user:pw@a.example.com"}]),
        json!([{"url": "https://a.example.com?x=1"}]),
        json!([{"url": "https://a.example.com#f"}]),
        json!([{"url": "https://a.example.com/a b"}]),
        json!([{"url": " https://a.example.com/ "}]),
        json!([{"url": "https://a.example.com////"}]),
        json!([{"url": "https://a.example.com:99999"}]),
        json!([{"url": "https://[::1]:8080/v1"}]),
        json!([{"url": "https://ü.example.com/ü"}]),
        json!([{"url": "https://a.example.com/%zz"}]),
        json!([{"url": "https://a.example.com/\n"}]),
        json!([{"url": "https://a.example.com/'\"`"}]),
        json!([{"url": "{scheme}://{host}/{base}"}]),
        json!([{"url": "{scheme}://{host}/{base}", "variables": {"scheme": {"default": "https"}, "host": {"default": "h.example.com"}, "base": {"default": "v1"}}}]),
        json!([{"url": "https://{host}", "variables": {"host": {"default": 5}}}]),
        json!([{"url": "https://{host}", "variables": {"host": {"enum": ["a"]}}}]),
        json!([{"url": "https://{host}", "variables": {"host": {"default": "{host}"}}}]),
        json!([{"url": "https://{a}", "variables": {"a": {"default": "{b}"}, "b": {"default": "{a}"}}}]),
        json!([{"url": "https://{a}", "variables": {"a": {"default": "x.example.com/{a}"}}}]),
        json!([{"url": "https://{a}", "variables": "x"}]),
        json!([{"url": "https://{a}", "variables": {"a": "x"}}]),
        json!([{"url": "https://{a", "variables": {"a": {"default": "x"}}}]),
        json!([{"url": "https://a.example.com"}, {"url": "https://b.example.com"}]),
        // Found by the fuzzer: `url` reads these as `https://s/...`; the spec does not.
        json!([{"url": "https:/s/tore.example.com/api/"}]),
        json!([{"url": "https:store.example.com"}]),
        json!([{"url": "https:///store.example.com"}]),
        json!([{"url": "https:\\\\store.example.com"}]),
        json!([{"url": "HTTPS://store.example.com"}]),
        json!([{"url": "https://a.example.com:0"}]),
        json!([{"url": "https://@a.example.com"}]),
    ] {
        let mut doc = returning("A", json!({"A": {"type": "string"}}));
        doc["servers"] = servers.clone();
        ok(&format!("servers {servers}"), &doc);
    }
}

#[test]
fn servers_variable_expansion_is_bounded() {
    // Each variable's default repeats the next one: naive expansion is 1000^3 bytes.
    let many = |v: &str| format!("{{{v}}}").repeat(1000);
    let doc = json!({
        "openapi": "3.0.0", "info": {"title": "t", "version": "1"},
        "servers": [{"url": format!("https://{}", many("a")), "variables": {
            "a": {"default": many("b")}, "b": {"default": many("c")}, "c": {"default": "xxxxxxxxxx"}}}],
        "paths": {}
    });
    timed("server variable bomb", Duration::from_secs(5), || {
        ok("server variable bomb", &doc)
    });
}

// ---- security ----

#[test]
fn security_scheme_oddities() {
    for scheme in [
        json!({"type": "apiKey"}),
        json!({"type": "apiKey", "in": "query", "name": "api key"}),
        json!({"type": "apiKey", "in": "cookie", "name": "sid"}),
        json!({"type": "apiKey", "in": "header", "name": ""}),
        json!({"type": "apiKey", "in": "header", "name": "X: Y\n"}),
        json!({"type": "http"}),
        json!({"type": "http", "scheme": "basic"}),
        json!({"type": "http", "scheme": "digest"}),
        json!({"type": "http", "scheme": "Bearer", "bearerFormat": 5}),
        json!({"type": "oauth2"}),
        json!({"type": "oauth2", "flows": "x"}),
        json!({"type": "openIdConnect", "openIdConnectUrl": 5}),
        json!({"type": "mutualTLS"}),
        json!({"$ref": "#/components/securitySchemes/s"}),
        json!({"$ref": "#/nowhere"}),
    ] {
        let mut doc = returning("A", json!({"A": {"type": "string"}}));
        doc["components"]["securitySchemes"] =
            json!({"s": scheme.clone(), "": scheme.clone(), "Self": scheme.clone()});
        doc["security"] = json!([{"s": []}, {"": []}, {"missing": []}]);
        ok(&format!("scheme {scheme}"), &doc);
    }
}

// ---- errors ----

#[test]
fn error_responses_oddities() {
    let doc = doc_with(
        json!({"/x": {"get": {"operationId": "getX", "responses": {
            "200": {"description": "ok"},
            "400": {"$ref": "#/components/responses/bad request"},
            "401": {"$ref": "#/components/responses/Self"},
            "402": {"$ref": "#/components/responses/"},
            "403": {"$ref": "#/components/responses/%24%24"},
            "404": {"$ref": "#/components/responses/unknown"},
            "409": {"description": "c", "content": {"application/json": {"schema": {"type": "object",
                "properties": {"code": {"type": "integer", "enum": [1, 2, -3]}, "message": {"type": "string"}}}}}},
            "422": {"description": "c", "content": {"application/json": {"schema": {"type": "object",
                "properties": {"code": {"type": "string", "enum": ["+1", "-1", "", "Unknown", "unknown", "a b"]}}}}}},
            "429": {"description": "c", "content": {"application/problem+json": {"schema": {"type": "string"}}}},
            "4XX": {"description": "x"}, "5XX": {"$ref": "#/components/responses/bad request"},
            "default": {"$ref": "#/components/responses/unknown"}}}}}),
        json!({}),
    );
    let mut doc = doc;
    doc["components"]["responses"] = json!({
        "bad request": {"description": "b"}, "Self": {"description": "s"}, "": {"description": "e"},
        "$$": {"description": "d"}, "unknown": {"description": "u"}
    });
    ok("error responses", &doc);
}

#[test]
fn error_responses_with_the_same_status_twice() {
    // Found by the fuzzer: a duplicate `400` key (JSON keeps both) gave two
    // codes with status 400 in a status-keyed API, which does not validate.
    let text = r##"{"openapi": "3.0.0", "info": {"title": "t", "version": "1"},
      "paths": {"/a": {"post": {"operationId": "a", "responses": {
        "400": {"description": "Made"}, "400": {"$ref": "#/components/responses/Error"},
        "0404": {"description": "x"}, "404": {"$ref": "#/components/responses/Gone"},
        "4XX": {"$ref": "#/components/responses/Error"}, "4xx": {"$ref": "#/components/responses/Gone"},
        "5XX": {"$ref": "#/components/responses/Error"}, "5xx": {"$ref": "#/components/responses/Gone"}}}}},
      "components": {"responses": {"Error": {"description": "e"}, "Gone": {"description": "g"}}}}"##;
    import("same status twice", text).unwrap();
}

#[test]
fn the_seed_corpus_imports_cleanly() {
    for (name, text) in [
        (
            "seed-pets.json",
            include_str!("../../fuzz/corpus/openapi_import/seed-pets.json"),
        ),
        (
            "seed-store.yaml",
            include_str!("../../fuzz/corpus/openapi_import/seed-store.yaml"),
        ),
        (
            "seed-minimal.json",
            include_str!("../../fuzz/corpus/openapi_import/seed-minimal.json"),
        ),
        (
            "seed-errors.yaml",
            include_str!("../../fuzz/corpus/openapi_import/seed-errors.yaml"),
        ),
    ] {
        let i = import(name, text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(i.summary.operations > 0, "{name}");
        let _ = has_warning(&i, "");
    }
}
