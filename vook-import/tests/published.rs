//! Shapes from published OpenAPI documents that the import got wrong, each
//! cut down to a tiny document: it imports, the spec validates, and the shape
//! maps as it should.

use vook_import::{Import, Options, import_str};
use vook_schema::model::{Api, Endpoint, TypeKind};

fn import(text: &str) -> (Import, Api) {
    let import = match import_str(text, &Options::default()) {
        Ok(i) => i,
        Err(e) => panic!("{e}\n--- document:\n{text}"),
    };
    let api = match import.validate("published.yaml") {
        Ok(api) => api,
        Err(d) => panic!("{d}\n--- spec:\n{}", import.spec),
    };
    (import, api)
}

fn endpoint<'a>(api: &'a Api, name: &str) -> &'a Endpoint {
    api.endpoints
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no endpoint `{name}`"))
}

/// The query parameters of `name`: `(name, type)`.
fn query(api: &Api, name: &str) -> Vec<(String, String)> {
    endpoint(api, name)
        .query
        .iter()
        .map(|f| (f.name.clone(), f.ty.to_string()))
        .collect()
}

/// Dropshot (Oxide) writes a string enum as a `oneOf` of one-value `enum`s,
/// each with its own description (3.0 has no `const`).
#[test]
fn one_of_single_value_string_enums() {
    let doc = r##"{"openapi": "3.0.3", "info": {"title": "Racks", "version": "1"},
      "servers": [{"url": "https://racks.example.com"}],
      "paths": {"/racks": {"get": {"operationId": "rack_list",
        "parameters": [{"in": "query", "name": "sort_by", "schema": {"$ref": "#/components/schemas/IdSortMode"}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "array", "items": {"type": "string"}}}}}}}}},
      "components": {"schemas": {"IdSortMode": {"description": "Sort modes", "oneOf": [
        {"description": "Sort in increasing order of \"id\"", "type": "string", "enum": ["id_ascending"]},
        {"description": "Sort in decreasing order of \"id\"", "type": "string", "enum": ["id_descending"]}]}}}}"##;
    let (import, api) = import(doc);
    assert_eq!(
        query(&api, "rack_list"),
        [("sort_by".to_owned(), "IdSortMode".to_owned())]
    );
    let values = match &api.type_def("IdSortMode").expect("the enum").kind {
        TypeKind::Enum(v) => v.iter().map(|v| v.wire.clone()).collect::<Vec<_>>(),
        TypeKind::Struct(_) => panic!("a struct:\n{}", import.spec),
    };
    assert_eq!(values, ["id_ascending", "id_descending"]);
    assert!(import.warnings.is_empty(), "{:?}", import.warnings);
}

/// Dropshot's `NameOrId`: a `oneOf` of a uuid string and a named string type
/// (each wrapped in a one-member `allOf`) is a string, so the query parameter
/// it types is sent.
#[test]
fn one_of_strings_in_all_of_wrappers() {
    let doc = r##"{"openapi": "3.0.3", "info": {"title": "Racks", "version": "1"},
      "servers": [{"url": "https://racks.example.com"}],
      "paths": {"/racks": {"get": {"operationId": "rack_list",
        "parameters": [{"in": "query", "name": "project", "required": true, "schema": {"$ref": "#/components/schemas/NameOrId"}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Rack"}}}}}}}},
      "components": {"schemas": {
        "NameOrId": {"oneOf": [{"title": "id", "allOf": [{"type": "string", "format": "uuid"}]},
                               {"title": "name", "allOf": [{"$ref": "#/components/schemas/Name"}]}]},
        "Name": {"type": "string", "pattern": "^[a-z]+$", "maxLength": 63},
        "Rack": {"type": "object", "required": ["id", "project"], "properties": {
          "id": {"type": "string"}, "project": {"$ref": "#/components/schemas/NameOrId"}}}}}}"##;
    let (import, api) = import(doc);
    assert_eq!(
        query(&api, "rack_list"),
        [("project".to_owned(), "string".to_owned())]
    );
    assert!(import.spec.contains("project: string"), "{}", import.spec);
    assert!(import.warnings.is_empty(), "{:?}", import.warnings);
}

/// OpenAI's model ids: any string, or one of the known ones.
#[test]
fn any_of_string_or_string_enum() {
    let doc = r##"openapi: 3.1.0
info: {title: Models, version: "1"}
servers: [{url: "https://models.example.com/v1"}]
paths:
  /speech:
    post:
      operationId: createSpeech
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [model]
              properties:
                model:
                  anyOf:
                    - type: string
                    - type: string
                      enum: [tts-1, tts-1-hd]
      responses:
        "200": {description: ok}
"##;
    let (import, api) = import(doc);
    assert!(import.spec.contains("model: string"), "{}", import.spec);
    assert!(import.warnings.is_empty(), "{:?}", import.warnings);
    assert_eq!(endpoint(&api, "create_speech").status, 200);
}

/// The OAI callback example: one operation answering `{subscriptionId}`. One
/// body with one property is a shape, not an envelope convention; two or more
/// bodies wrapped alike are one.
#[test]
fn one_single_property_body_is_not_a_data_envelope() {
    let one = r##"{"openapi": "3.0.0", "info": {"title": "Callbacks", "version": "1"},
      "servers": [{"url": "https://cb.example.com"}],
      "paths": {"/streams": {"post": {"operationId": "subscribe",
        "responses": {"201": {"description": "ok", "content": {"application/json": {"schema":
          {"type": "object", "required": ["subscriptionId"], "properties": {"subscriptionId": {"type": "string"}}}}}}}}}}}"##;
    let (_, api) = import(one);
    assert_eq!(api.envelope_data, None);
    let two = one.replace(
        r#""paths": {"#,
        r#""paths": {"/other": {"get": {"operationId": "other", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object", "required": ["subscriptionId"], "properties": {"subscriptionId": {"type": "integer"}}}}}}}}},"#,
    );
    let (_, api) = import(&two);
    assert_eq!(api.envelope_data.as_deref(), Some("subscriptionId"));
    assert_eq!(
        endpoint(&api, "subscribe")
            .response
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("string")
    );
}
