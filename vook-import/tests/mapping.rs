//! The mapping rules of `cargo xtask import`, one test per rule and per
//! warning kind: a small OpenAPI document in, assertions on the resolved
//! model (`Import::validate`) and on the warnings (pointer and message).

use vook_import::{Import, Options, import_str};
use vook_schema::model::{
    Api, AuthScheme, BodyEncoding, Endpoint, Field, FieldCase, Method, TypeDef, TypeKind,
};

/// Removes the indentation every non-empty line shares.
fn dedent(s: &str) -> String {
    let indent = s
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out = String::new();
    for l in s.lines() {
        out.push_str(l.get(indent..).unwrap_or("").trim_end());
        out.push('\n');
    }
    out
}

/// A full OpenAPI 3.0 document around `body` (YAML: `paths:`, `components:`
/// ...); `openapi`, `info` and `servers` are added unless `body` has them.
fn doc(body: &str) -> String {
    let body = dedent(body);
    let has = |key: &str| body.lines().any(|l| l.starts_with(&format!("{key}:")));
    let mut out = String::new();
    if !has("openapi") {
        out.push_str("openapi: 3.0.3\n");
    }
    if !has("info") {
        out.push_str("info:\n  title: Pets API\n  version: \"1\"\n");
    }
    if !has("servers") {
        out.push_str("servers:\n  - url: https://pets.example.com/v1\n");
    }
    if !has("paths") {
        out.push_str("paths: {}\n");
    }
    out.push_str(&body);
    out
}

fn import_with(body: &str, options: &Options) -> Import {
    let text = doc(body);
    match import_str(&text, options) {
        Ok(i) => i,
        Err(e) => panic!("{e}\n--- document:\n{text}"),
    }
}

fn import(body: &str) -> Import {
    import_with(body, &Options::default())
}

/// The resolved model; the spec must validate.
fn model(i: &Import) -> Api {
    match i.validate("mapping.yaml") {
        Ok(api) => api,
        Err(d) => panic!("{d}\n--- spec:\n{}", i.spec),
    }
}

fn endpoint<'a>(api: &'a Api, name: &str) -> &'a Endpoint {
    api.endpoints
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| {
            let names: Vec<&str> = api.endpoints.iter().map(|e| e.name.as_str()).collect();
            panic!("no endpoint `{name}`; there are {names:?}")
        })
}

fn type_def<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.type_def(name).unwrap_or_else(|| {
        let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
        panic!("no type `{name}`; there are {names:?}")
    })
}

fn fields<'a>(api: &'a Api, name: &str) -> &'a [Field] {
    match &type_def(api, name).kind {
        TypeKind::Struct(f) => f,
        TypeKind::Enum(_) => panic!("`{name}` is an enum"),
    }
}

fn field<'a>(api: &'a Api, ty: &str, name: &str) -> &'a Field {
    fields(api, ty)
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no field `{name}` in `{ty}`: {:?}", fields(api, ty)))
}

/// `(name, wire, type with `?` when optional)` of each field.
fn shape(fs: &[Field]) -> Vec<(String, String, String)> {
    fs.iter()
        .map(|f| {
            (
                f.name.clone(),
                f.wire.clone(),
                format!("{}{}", f.ty, if f.optional { "?" } else { "" }),
            )
        })
        .collect()
}

fn enum_values(api: &Api, name: &str) -> Vec<(String, String)> {
    match &type_def(api, name).kind {
        TypeKind::Enum(v) => v
            .iter()
            .map(|v| (v.wire.clone(), v.variant.clone()))
            .collect(),
        TypeKind::Struct(_) => panic!("`{name}` is a struct"),
    }
}

fn type_names(api: &Api) -> Vec<&str> {
    api.types.iter().map(|t| t.name.as_str()).collect()
}

fn expr(t: Option<&vook_schema::model::TypeRef>) -> String {
    t.map_or_else(|| "none".to_owned(), ToString::to_string)
}

/// Asserts a warning at `pointer` whose message contains `fragment`.
#[track_caller]
fn warned(i: &Import, pointer: &str, fragment: &str) {
    assert!(
        i.warnings
            .iter()
            .any(|w| w.pointer == pointer && w.message.contains(fragment)),
        "no warning at `{pointer}` containing `{fragment}`; the warnings are:\n{}",
        list(i)
    );
}

#[track_caller]
fn no_warnings(i: &Import) {
    assert!(i.warnings.is_empty(), "unexpected warnings:\n{}", list(i));
}

fn list(i: &Import) -> String {
    i.warnings
        .iter()
        .map(|w| format!("  {w}\n"))
        .collect::<String>()
}

/// A GET operation at `path` answering `200` with a `$ref` to `schema`.
fn get_ref(path: &str, id: &str, schema: &str) -> String {
    format!(
        "
          {path}:
            get:
              operationId: {id}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {{$ref: '#/components/schemas/{schema}'}}
"
    )
}

// ---------------------------------------------------------------- operations

#[test]
fn operation_ids_become_snake_case() {
    let i = import(
        "
        paths:
          /pets:
            get:
              operationId: listPets
              responses: {'204': {description: none}}
          /repos/{owner}/contents:
            post:
              operationId: repos/get-content.v2
              parameters:
                - {name: owner, in: path, required: true, schema: {type: string}}
              responses: {'204': {description: none}}
        ",
    );
    no_warnings(&i);
    let api = model(&i);
    let names: Vec<&str> = api.endpoints.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["list_pets", "repos_get_content_v2"]);
    assert_eq!(endpoint(&api, "list_pets").method, Method::Get);
    assert_eq!(endpoint(&api, "list_pets").path, "/pets");
    assert_eq!(endpoint(&api, "list_pets").status, 204);
    assert_eq!(endpoint(&api, "repos_get_content_v2").method, Method::Post);
}

#[test]
fn a_missing_operation_id_is_named_after_method_and_path() {
    let i = import(
        "
        paths:
          /repos/{owner}/{repo}:
            get:
              parameters:
                - {name: owner, in: path, required: true, schema: {type: string}}
                - {name: repo, in: path, required: true, schema: {type: string}}
              responses: {'204': {description: none}}
            delete:
              operationId: '  '
              parameters:
                - {name: owner, in: path, required: true, schema: {type: string}}
                - {name: repo, in: path, required: true, schema: {type: string}}
              responses: {'204': {description: none}}
        ",
    );
    let api = model(&i);
    assert_eq!(
        endpoint(&api, "get_repos_by_owner_by_repo").path,
        "/repos/{owner}/{repo}"
    );
    endpoint(&api, "delete_repos_by_owner_by_repo");
    warned(
        &i,
        "#/paths/~1repos~1{owner}~1{repo}/get",
        "no `operationId`; the endpoint is named `get_repos_by_owner_by_repo` after its method and path",
    );
    warned(
        &i,
        "#/paths/~1repos~1{owner}~1{repo}/delete",
        "no `operationId`",
    );
}

#[test]
fn operation_name_collisions_are_suffixed_in_document_order_and_reported() {
    let i = import(
        "
        paths:
          /a:
            get:
              operationId: listPets
              responses: {'204': {description: none}}
          /b:
            get:
              operationId: list_pets
              responses: {'204': {description: none}}
          /c:
            get:
              operationId: ListPets
              responses: {'204': {description: none}}
          /d:
            get:
              operationId: builder
              responses: {'204': {description: none}}
        ",
    );
    let api = model(&i);
    let routes: Vec<(&str, &str)> = api
        .endpoints
        .iter()
        .map(|e| (e.name.as_str(), e.path.as_str()))
        .collect();
    assert_eq!(
        routes,
        [
            ("list_pets", "/a"),
            ("list_pets_2", "/b"),
            ("list_pets_3", "/c"),
            ("builder_2", "/d")
        ]
    );
    warned(
        &i,
        "#/paths/~1b/get",
        "operation id `list_pets` gives the name `list_pets`, which is taken (or reserved); the endpoint is `list_pets_2`",
    );
    warned(&i, "#/paths/~1c/get", "the endpoint is `list_pets_3`");
    warned(&i, "#/paths/~1d/get", "the endpoint is `builder_2`");
    assert_eq!(i.warnings.len(), 3, "{}", list(&i));
}

#[test]
fn path_parameters_are_snake_case_and_typed() {
    let i = import(
        "
        paths:
          /pets/{petId}/toys/{toy-id}/{when}:
            parameters:
              - {name: petId, in: path, required: true, schema: {type: integer}}
            get:
              operationId: getToy
              parameters:
                - {name: toy-id, in: path, required: true, schema: {type: string}}
                - {name: when, in: path, required: true, schema: {type: number}}
              responses: {'204': {description: none}}
        ",
    );
    no_warnings(&i);
    let api = model(&i);
    let e = endpoint(&api, "get_toy");
    assert_eq!(e.path, "/pets/{pet_id}/toys/{toy_id}/{when}");
    let params: Vec<(String, String)> = e
        .path_params
        .iter()
        .map(|p| (p.name.clone(), p.ty.to_string()))
        .collect();
    assert_eq!(
        params,
        [
            ("pet_id".to_owned(), "integer".to_owned()),
            ("toy_id".to_owned(), "string".to_owned()),
            ("when".to_owned(), "string".to_owned()),
        ]
    );
}

#[test]
fn path_parameter_warnings() {
    let i = import(
        "
        paths:
          /pets/{petId}/{tags}:
            get:
              operationId: getPet
              parameters:
                - {name: tags, in: path, required: true, schema: {type: array, items: {type: string}}}
                - {name: extra, in: path, required: true, schema: {type: string}}
              responses: {'204': {description: none}}
        ",
    );
    let api = model(&i);
    let e = endpoint(&api, "get_pet");
    assert_eq!(e.path, "/pets/{pet_id}/{tags}");
    assert!(e.path_params.iter().all(|p| p.ty.to_string() == "string"));
    assert_eq!(e.path_params.len(), 2);
    warned(
        &i,
        "#/paths/~1pets~1{petId}~1{tags}/get",
        "path parameter `{petId}` is not declared; it is a `string`",
    );
    warned(
        &i,
        "#/paths/~1pets~1{petId}~1{tags}/get/parameters/0",
        "path parameter `tags` of type `array` is sent as a `string`",
    );
    warned(
        &i,
        "#/paths/~1pets~1{petId}~1{tags}/get/parameters/1",
        "path parameter `extra` does not appear in the path `/pets/{petId}/{tags}`; it is left out",
    );
}

#[test]
fn query_parameters_scalars_enums_and_arrays_keep_their_wire_names() {
    let i = import(
        "
        paths:
          /pets:
            get:
              operationId: listPets
              parameters:
                - {name: limit, in: query, required: true, schema: {type: integer}, description: At most this many.}
                - {name: pageToken, in: query, schema: {type: string}}
                - {name: min_weight, in: query, schema: {type: number}}
                - {name: vaccinated, in: query, schema: {type: boolean}}
                - {name: since, in: query, schema: {type: string, format: date-time}}
                - {name: status, in: query, schema: {type: string, enum: [available, sold]}}
                - {name: 'tags[]', in: query, schema: {type: array, items: {type: string}}}
                - {name: kind, in: query, schema: {$ref: '#/components/schemas/Kind'}}
              responses: {'204': {description: none}}
        components:
          schemas:
            Kind: {type: string, enum: [cat, dog]}
        ",
    );
    no_warnings(&i);
    let api = model(&i);
    let e = endpoint(&api, "list_pets");
    assert_eq!(
        shape(&e.query),
        [
            ("limit", "limit", "integer"),
            ("page_token", "pageToken", "string?"),
            ("min_weight", "min_weight", "number?"),
            ("vaccinated", "vaccinated", "boolean?"),
            ("since", "since", "datetime?"),
            ("status", "status", "ListPetsStatus?"),
            ("tags", "tags[]", "[string]?"),
            ("kind", "kind", "Kind?"),
        ]
        .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()))
    );
    assert_eq!(
        e.query[0].description.as_deref(),
        Some("At most this many.")
    );
    assert_eq!(
        enum_values(&api, "ListPetsStatus"),
        [
            ("available".to_owned(), "Available".to_owned()),
            ("sold".to_owned(), "Sold".to_owned())
        ]
    );
    // Query parameters follow the API's case (snake here), the rest get `wire`.
    assert!(i.spec.contains("wire: pageToken"), "{}", i.spec);
}

#[test]
fn query_parameters_without_a_query_string_form_are_warnings() {
    let i = import(
        "
        paths:
          /pets:
            get:
              operationId: listPets
              parameters:
                - {name: filter, in: query, schema: {type: object, properties: {a: {type: string}}}}
                - {name: q, in: query, content: {application/json: {schema: {type: object}}}}
                - {name: ids, in: query, style: spaceDelimited, schema: {type: array, items: {type: integer}}}
                - {name: nested, in: query, schema: {type: array, items: {type: array, items: {type: string}}}}
              responses: {'204': {description: none}}
        ",
    );
    let api = model(&i);
    let e = endpoint(&api, "list_pets");
    assert_eq!(
        shape(&e.query),
        [("ids".to_owned(), "ids".to_owned(), "[integer]?".to_owned())]
    );
    let at = "#/paths/~1pets/get/parameters";
    warned(
        &i,
        &format!("{at}/0"),
        "query parameter `filter` of type `ListPetsFilter` has no query-string form in vook; it is left out",
    );
    warned(
        &i,
        &format!("{at}/1"),
        "query parameter `q` has no `schema` (a `content` parameter); it is left out",
    );
    warned(
        &i,
        &format!("{at}/2"),
        "query parameter `ids` is serialised with its own `style`/`explode`; vook sends lists as repeated `ids=` pairs",
    );
    warned(
        &i,
        &format!("{at}/3"),
        "query parameter `nested` of type `[[string]]` has no query-string form",
    );
}

#[test]
fn header_and_cookie_parameters_are_warnings_and_idempotency_key_is_silent() {
    let i = import(
        "
        paths:
          /pets:
            post:
              operationId: createPet
              parameters:
                - {name: X-Trace, in: header, schema: {type: string}}
                - {name: Idempotency-Key, in: header, schema: {type: string}}
                - {name: session, in: cookie, schema: {type: string}}
                - {in: query}
                - {$ref: '#/components/parameters/Missing'}
              responses: {'204': {description: none}}
        ",
    );
    let api = model(&i);
    assert!(endpoint(&api, "create_pet").query.is_empty());
    let at = "#/paths/~1pets/post/parameters";
    warned(
        &i,
        &format!("{at}/0"),
        "header parameter `X-Trace` is not generated; send it per call with `.header(\"X-Trace\", ...)`",
    );
    warned(
        &i,
        &format!("{at}/2"),
        "`cookie` parameter `session` is not generated",
    );
    warned(
        &i,
        &format!("{at}/3"),
        "a parameter without `name` or `in` is left out",
    );
    warned(&i, &format!("{at}/4"), "the parameter is left out");
    assert!(
        !i.warnings.iter().any(|w| w.pointer == format!("{at}/1")),
        "{}",
        list(&i)
    );
    assert_eq!(i.warnings.len(), 4, "{}", list(&i));
}

#[test]
fn operation_parameters_override_path_item_parameters() {
    let i = import(
        "
        paths:
          /pets:
            parameters:
              - {name: limit, in: query, schema: {type: string}}
              - {name: page, in: query, schema: {type: integer}}
            get:
              operationId: listPets
              parameters:
                - {name: limit, in: query, required: true, schema: {type: integer}}
              responses: {'204': {description: none}}
        ",
    );
    let api = model(&i);
    let q = shape(&endpoint(&api, "list_pets").query);
    assert_eq!(
        q,
        [("page", "page", "integer?"), ("limit", "limit", "integer")].map(|(a, b, c)| (
            a.to_owned(),
            b.to_owned(),
            c.to_owned()
        ))
    );
}

#[test]
fn json_request_bodies_ref_and_inline() {
    let i = import(
        "
        paths:
          /pets:
            post:
              operationId: createPet
              requestBody:
                content:
                  application/json; charset=utf-8:
                    schema: {$ref: '#/components/schemas/NewPet'}
              responses: {'204': {description: none}}
            put:
              operationId: replacePets
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      required: [name]
                      properties:
                        name: {type: string}
              responses: {'204': {description: none}}
            patch:
              operationId: patchPets
              requestBody:
                content:
                  application/json: {}
              responses: {'204': {description: none}}
        components:
          schemas:
            NewPet:
              type: object
              properties:
                name: {type: string}
        ",
    );
    no_warnings(&i);
    let api = model(&i);
    assert_eq!(expr(endpoint(&api, "create_pet").body.as_ref()), "NewPet");
    assert_eq!(
        endpoint(&api, "create_pet").body_encoding,
        BodyEncoding::Json
    );
    assert_eq!(
        expr(endpoint(&api, "replace_pets").body.as_ref()),
        "ReplacePetsBody"
    );
    assert_eq!(
        shape(fields(&api, "ReplacePetsBody")),
        [("name".to_owned(), "name".to_owned(), "string".to_owned())]
    );
    assert_eq!(expr(endpoint(&api, "patch_pets").body.as_ref()), "json");
}

#[test]
fn request_bodies_vook_does_not_send_are_warnings() {
    let i = import(
        "
        paths:
          /upload:
            post:
              operationId: upload
              requestBody:
                content:
                  multipart/form-data: {schema: {type: object}}
                  application/octet-stream: {}
              responses: {'204': {description: none}}
            get:
              operationId: search
              requestBody:
                content:
                  application/json: {schema: {type: object}}
              responses: {'204': {description: none}}
            put:
              operationId: put
              requestBody: {$ref: '#/components/requestBodies/Missing'}
              responses: {'204': {description: none}}
        ",
    );
    let api = model(&i);
    assert!(endpoint(&api, "upload").body.is_none());
    assert!(endpoint(&api, "search").body.is_none());
    assert!(endpoint(&api, "put").body.is_none());
    warned(
        &i,
        "#/paths/~1upload/post/requestBody/content",
        "request bodies of media type `multipart/form-data`, `application/octet-stream` are not generated (vook sends JSON and form bodies); the endpoint sends no body",
    );
    warned(
        &i,
        "#/paths/~1upload/get/requestBody",
        "a GET request body is not sent (vook sends bodies with POST, PUT and PATCH)",
    );
    warned(
        &i,
        "#/paths/~1upload/put/requestBody",
        "; the endpoint sends no body",
    );
}

#[test]
fn form_request_bodies_become_body_encoding_form() {
    let i = import(
        "
        paths:
          /messages:
            post:
              operationId: createMessage
              requestBody:
                content:
                  application/x-www-form-urlencoded:
                    schema:
                      type: object
                      required: [To]
                      properties:
                        To: {type: string}
                        StatusCallback: {type: string}
              responses: {'204': {description: none}}
          /raw:
            post:
              operationId: raw
              requestBody:
                content:
                  application/x-www-form-urlencoded: {}
              responses: {'204': {description: none}}
          /list:
            post:
              operationId: list
              requestBody:
                content:
                  application/x-www-form-urlencoded:
                    schema: {type: array, items: {type: string}}
              responses: {'204': {description: none}}
        ",
    );
    let api = model(&i);
    let e = endpoint(&api, "create_message");
    assert_eq!(e.body_encoding, BodyEncoding::Form);
    assert_eq!(expr(e.body.as_ref()), "CreateMessageBody");
    assert_eq!(
        shape(fields(&api, "CreateMessageBody")),
        [
            ("to", "To", "string"),
            ("status_callback", "StatusCallback", "string?")
        ]
        .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()))
    );
    assert!(i.spec.contains("body_encoding: form"));
    for name in ["raw", "list"] {
        let e = endpoint(&api, name);
        assert_eq!(e.body_encoding, BodyEncoding::Form);
        assert_eq!(expr(e.body.as_ref()), "map<string>");
    }
    warned(
        &i,
        "#/paths/~1raw/post/requestBody/content/application~1x-www-form-urlencoded",
        "a form body without a schema is sent as `map<string>`",
    );
    warned(
        &i,
        "#/paths/~1list/post/requestBody/content/application~1x-www-form-urlencoded",
        "a form body of type `[string]` is not a struct or map; it is sent as `map<string>`",
    );
}

#[test]
fn the_json_body_of_the_lowest_success_status_is_the_response() {
    let i = import(
        "
        paths:
          /pets:
            post:
              operationId: createPet
              responses:
                '202':
                  description: later
                '201':
                  description: created
                  content:
                    application/problem+json:
                      schema: {$ref: '#/components/schemas/Pet'}
            get:
              operationId: listPets
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
            delete:
              operationId: clear
              responses:
                '204': {description: gone}
          /any:
            get:
              operationId: any
              responses:
                2XX:
                  description: ok
                  content:
                    application/json: {}
        components:
          schemas:
            Pet: {type: object, properties: {id: {type: integer}}}
        ",
    );
    no_warnings(&i);
    let api = model(&i);
    let c = endpoint(&api, "create_pet");
    assert_eq!((c.status, expr(c.response.as_ref())), (201, "Pet".into()));
    let l = endpoint(&api, "list_pets");
    assert_eq!((l.status, expr(l.response.as_ref())), (200, "[Pet]".into()));
    let d = endpoint(&api, "clear");
    assert_eq!((d.status, expr(d.response.as_ref())), (204, "none".into()));
    let a = endpoint(&api, "any");
    assert_eq!((a.status, expr(a.response.as_ref())), (200, "json".into()));
}

#[test]
fn success_bodies_vook_does_not_read_are_warnings() {
    let i = import(
        "
        paths:
          /file:
            get:
              operationId: download
              responses:
                '200':
                  description: a file
                  content:
                    application/octet-stream: {schema: {type: string, format: binary}}
                    text/csv: {}
            delete:
              operationId: remove
              responses:
                '204':
                  description: gone
                  content:
                    application/json: {schema: {type: object}}
            put:
              operationId: nothing
              responses:
                '404': {description: missing}
            post:
              operationId: broken
              responses:
                '200': {$ref: '#/components/responses/Missing'}
        ",
    );
    let api = model(&i);
    let e = endpoint(&api, "download");
    assert_eq!((e.status, expr(e.response.as_ref())), (200, "none".into()));
    assert_eq!(expr(endpoint(&api, "remove").response.as_ref()), "none");
    let n = endpoint(&api, "nothing");
    assert_eq!((n.status, expr(n.response.as_ref())), (200, "none".into()));
    assert_eq!(expr(endpoint(&api, "broken").response.as_ref()), "none");
    warned(
        &i,
        "#/paths/~1file/get/responses/200/content",
        "a success body of media type `application/octet-stream`, `text/csv` is not read (vook reads JSON); the endpoint's response is `none`",
    );
    warned(
        &i,
        "#/paths/~1file/delete/responses/204",
        "a 204 response cannot carry a body; the body described is not read",
    );
    warned(
        &i,
        "#/paths/~1file/put/responses",
        "no success (2xx) response is declared; the endpoint expects 200 with no body",
    );
    warned(
        &i,
        "#/paths/~1file/post/responses/200",
        "; the endpoint reads no body",
    );
}

#[test]
fn other_methods_duplicate_routes_and_non_objects_are_skipped_with_warnings() {
    let i = import(
        "
        paths:
          /pets/{id}:
            parameters:
              - {name: id, in: path, required: true, schema: {type: string}}
            head:
              operationId: headPet
              responses: {'204': {description: none}}
            options:
              responses: {'204': {description: none}}
            get:
              operationId: getPet
              responses: {'204': {description: none}}
            put: 7
          /pets/{petId}/:
            get:
              operationId: getPetAgain
              parameters:
                - {name: petId, in: path, required: true, schema: {type: string}}
              responses: {'204': {description: none}}
          /gone: {$ref: '#/components/pathItems/Missing'}
        ",
    );
    let api = model(&i);
    let names: Vec<&str> = api.endpoints.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["get_pet"]);
    warned(
        &i,
        "#/paths/~1pets~1{id}/head",
        "`HEAD` operations are not generated (vook sends GET, POST, PUT, PATCH and DELETE)",
    );
    warned(&i, "#/paths/~1pets~1{id}/options", "`OPTIONS` operations");
    warned(
        &i,
        "#/paths/~1pets~1{id}/put",
        "an operation that is not an object is skipped",
    );
    warned(
        &i,
        "#/paths/~1pets~1{petId}~1/get",
        "`GET /pets/{petId}/` is the same route as an earlier operation (parameter names aside); it is skipped",
    );
    warned(&i, "#/paths/~1gone", "; the path is skipped");
}

#[test]
fn docs_summaries_and_deprecation_are_kept() {
    let i = import(
        "
        paths:
          /pets:
            get:
              operationId: listPets
              summary: '  List pets.  '
              description: Every pet, oldest first.
              deprecated: true
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Pet'}
        components:
          schemas:
            Pet:
              description: A pet.
              type: object
              properties:
                name: {type: string, description: What it answers to.}
                tag: {type: string, title: A tag}
        ",
    );
    let api = model(&i);
    let e = endpoint(&api, "list_pets");
    assert_eq!(e.summary.as_deref(), Some("List pets."));
    assert_eq!(
        e.description.as_deref(),
        Some("Deprecated.\n\nEvery pet, oldest first.")
    );
    assert_eq!(type_def(&api, "Pet").description.as_deref(), Some("A pet."));
    assert_eq!(
        field(&api, "Pet", "name").description.as_deref(),
        Some("What it answers to.")
    );
    assert_eq!(
        field(&api, "Pet", "tag").description.as_deref(),
        Some("A tag")
    );
}

#[test]
fn x_vook_paginate_is_kept_and_unknown_keys_are_warnings() {
    let i = import(
        "
        paths:
          /pets:
            get:
              operationId: listPets
              parameters:
                - {name: cursor, in: query, schema: {type: string}}
              x-vook-paginate: {cursor: cursor, items: items, next: next_cursor, pages: 3}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [items]
                        properties:
                          items: {type: array, items: {type: string}}
                          next_cursor: {type: string, nullable: true}
        ",
    );
    let api = model(&i);
    let p = endpoint(&api, "list_pets")
        .paginate
        .as_ref()
        .expect("paginated");
    assert_eq!((p.cursor.as_str(), p.items.as_str()), ("cursor", "items"));
    warned(
        &i,
        "#/paths/~1pets/get/x-vook-paginate",
        "`pages` of `x-vook-paginate` is not read",
    );
}

// -------------------------------------------------------------------- errors

#[test]
fn ref_responses_name_codes_and_inline_ones_are_http_status() {
    let i = import(
        "
        paths:
          /pets/{id}:
            get:
              operationId: getPet
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                '204': {description: none}
                '404': {$ref: '#/components/responses/NotFound'}
                '422':
                  description: |

                    The pet is invalid.
                    More text.
                '500': {description: Server error}
            delete:
              operationId: deletePet
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                '204': {description: none}
                '404': {$ref: '#/components/responses/NotFound'}
                '409': {$ref: '#/components/responses/Gone-Away.v2'}
        components:
          responses:
            NotFound:
              description: No such pet.
            Gone-Away.v2:
              description: Taken.
        ",
    );
    no_warnings(&i);
    let api = model(&i);
    assert!(api.error_fields.status_keyed());
    assert_eq!(
        endpoint(&api, "get_pet").errors,
        ["not_found", "http_422", "http_500"]
    );
    assert_eq!(
        endpoint(&api, "delete_pet").errors,
        ["not_found", "gone_away_v2"]
    );
    let codes: Vec<(&str, u16, &str)> = api
        .errors
        .iter()
        .map(|c| (c.code.as_str(), c.status, c.summary.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("not_found", 404, "No such pet."),
            ("http_422", 422, "The pet is invalid."),
            ("http_500", 500, "Server error"),
            ("gone_away_v2", 409, "Taken."),
        ]
    );
    assert_eq!(i.summary.codes, 4);
}

#[test]
fn one_code_name_with_two_statuses_is_suffixed_with_the_status() {
    let i = import(
        "
        paths:
          /a:
            get:
              operationId: a
              responses:
                '204': {description: none}
                '400': {$ref: '#/components/responses/Bad'}
                '422': {$ref: '#/components/responses/Bad'}
        components:
          responses:
            Bad: {description: Bad input.}
        ",
    );
    let api = model(&i);
    assert_eq!(endpoint(&api, "a").errors, ["bad", "bad_422"]);
    assert_eq!(api.error("bad_422").map(|c| c.status), Some(422));
}

#[test]
fn a_code_property_makes_the_api_code_keyed() {
    let i = import(
        "
        paths:
          /pets/{id}:
            get:
              operationId: getPet
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                '204': {description: none}
                '404':
                  description: |
                    Not found:
                    - `pet_not_found` (retry: never): No such pet. Fix: Check the id.
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          code: {type: string, enum: [pet_not_found, owner-not-found]}
                          message: {type: string}
                          request_id: {type: string}
                '429':
                  description: Slow down.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Error'}
        components:
          schemas:
            Error:
              type: object
              properties:
                code: {type: string, const: RateLimited}
                message: {type: string}
                request_id: {type: string}
        ",
    );
    // `Error` (and the enum of its `code`) describe error bodies: no endpoint uses them as types.
    warned(&i, "#/components/schemas", "2 schemas no endpoint uses");
    assert_eq!(i.warnings.len(), 1, "{}", list(&i));
    let api = model(&i);
    assert!(!api.error_fields.status_keyed());
    assert_eq!(api.error_fields.code, Some(vec!["code".to_owned()]));
    assert_eq!(api.error_fields.message, Some(vec!["message".to_owned()]));
    assert_eq!(
        api.error_fields.request_id,
        Some(vec!["request_id".to_owned()])
    );
    assert_eq!(
        endpoint(&api, "get_pet").errors,
        ["pet_not_found", "owner_not_found", "rate_limited"]
    );
    let c = api.error("pet_not_found").expect("a code");
    assert_eq!((c.status, c.summary.as_str()), (404, "No such pet."));
    assert_eq!(c.fix.as_deref(), Some("Check the id."));
    assert_eq!(c.retry, vook_schema::model::RetryClass::Never);
    assert_eq!(c.wire_text(), "pet_not_found");
    let o = api.error("owner_not_found").expect("a code");
    assert_eq!(o.wire_text(), "owner-not-found");
    assert_eq!(o.summary, "Not found:");
    let r = api.error("rate_limited").expect("a code");
    assert_eq!((r.status, r.wire_text().as_str()), (429, "RateLimited"));
    // The `Error` schema is an error body, not a type.
    assert!(api.type_def("Error").is_none(), "{:?}", type_names(&api));
}

#[test]
fn an_error_envelope_and_details_are_detected() {
    let i = import(
        "
        paths:
          /pets:
            post:
              operationId: createPet
              responses:
                '204': {description: none}
                '400': {$ref: '#/components/responses/Invalid'}
        components:
          responses:
            Invalid:
              description: Invalid.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      error:
                        type: object
                        properties:
                          message: {type: string}
                          requestId: {type: string}
                          errors:
                            type: array
                            items:
                              type: object
                              properties:
                                field: {type: string}
                                reason: {type: string}
        ",
    );
    no_warnings(&i);
    let api = model(&i);
    assert_eq!(api.envelope_error.as_deref(), Some("error"));
    assert!(api.error_fields.status_keyed());
    assert_eq!(
        api.error_fields.request_id,
        Some(vec!["requestId".to_owned()])
    );
    let d = api.error_fields.details.as_ref().expect("details");
    assert_eq!(
        (d.at.clone(), d.field.as_str(), d.issue.as_str()),
        (vec!["errors".to_owned()], "field", "reason")
    );
    assert_eq!(endpoint(&api, "create_pet").errors, ["invalid"]);
}

#[test]
fn default_redirect_informational_and_range_responses_are_warnings() {
    let i = import(
        "
        paths:
          /pets:
            get:
              operationId: listPets
              responses:
                '100': {description: continue}
                '200': {description: ok}
                '302': {description: moved}
                4XX: {description: client error}
                5XX: {description: server error}
                '500': {description: boom}
                default: {description: anything}
                '503': {$ref: '#/components/responses/Missing'}
        ",
    );
    let api = model(&i);
    assert_eq!(
        endpoint(&api, "list_pets").errors,
        ["http_400", "http_500", "missing"]
    );
    let at = "#/paths/~1pets/get/responses";
    warned(
        &i,
        &format!("{at}/100"),
        "informational status 100 is not represented",
    );
    warned(
        &i,
        &format!("{at}/302"),
        "a 302 response is not a success or an error to vook: the client follows redirects, and a 302 it cannot follow arrives as `Error::Decode`",
    );
    warned(
        &i,
        &format!("{at}/default"),
        "a `default` response is not represented: statuses the operation does not list arrive as `Unknown` errors (4xx, 5xx) or as `Error::Decode`",
    );
    warned(
        &i,
        &format!("{at}/4XX"),
        "the range `4XX` becomes a code with status 400; the range's other statuses arrive as `Unknown`",
    );
    warned(
        &i,
        &format!("{at}/5XX"),
        "the range `5XX` is not a code of its own (the operation lists 500 already); its other statuses arrive as `Unknown`",
    );
    warned(&i, &format!("{at}/503"), "; the code has no summary");
}

// ------------------------------------------------------------------- schemas

#[test]
fn objects_become_types_with_required_and_optional_fields() {
    let i = import(&format!(
        "
        paths:{}
        components:
          schemas:
            Pet:
              type: object
              required: [id, name, owner]
              properties:
                id: {{type: integer}}
                name: {{type: string}}
                weight: {{type: number}}
                alive: {{type: boolean}}
                born: {{type: string, format: date-time}}
                birthday: {{type: string, format: date}}
                owner: {{type: string, nullable: true}}
                extra: {{}}
        ",
        get_ref("/pets", "getPet", "Pet")
    ));
    no_warnings(&i);
    let api = model(&i);
    assert_eq!(
        shape(fields(&api, "Pet")),
        [
            ("id", "integer"),
            ("name", "string"),
            ("weight", "number?"),
            ("alive", "boolean?"),
            ("born", "datetime?"),
            ("birthday", "string?"),
            ("owner", "string?"),
            ("extra", "json?"),
        ]
        .map(|(a, c)| (a.to_owned(), a.to_owned(), c.to_owned()))
    );
}

#[test]
fn openapi_3_1_null_types_are_optional() {
    let i = import(&format!(
        "
        openapi: 3.1.0
        paths:{}
        components:
          schemas:
            Pet:
              type: object
              required: [a, b, c, d]
              properties:
                a: {{type: [string, 'null']}}
                b: {{oneOf: [{{type: integer}}, {{type: 'null'}}]}}
                c: {{anyOf: [{{$ref: '#/components/schemas/Tag'}}, {{type: 'null'}}]}}
                d: {{type: [integer]}}
            Tag: {{type: object, properties: {{x: {{type: string}}}}}}
        ",
        get_ref("/pets", "getPet", "Pet")
    ));
    no_warnings(&i);
    let api = model(&i);
    assert_eq!(
        shape(fields(&api, "Pet")),
        [
            ("a", "string?"),
            ("b", "integer?"),
            ("c", "Tag?"),
            ("d", "integer")
        ]
        .map(|(a, c)| (a.to_owned(), a.to_owned(), c.to_owned()))
    );
}

#[test]
fn string_enums_become_enums() {
    let i = import(&format!(
        "
        paths:{}
        components:
          schemas:
            Pet:
              type: object
              properties:
                status: {{$ref: '#/components/schemas/Status'}}
                size: {{type: string, enum: [small, large, null], nullable: true}}
                level: {{type: integer, enum: [1, 2, 3]}}
            Status:
              description: Where the pet is.
              type: string
              enum: [available, on-hold, sold]
        ",
        get_ref("/pets", "getPet", "Pet")
    ));
    no_warnings(&i);
    let api = model(&i);
    assert_eq!(
        enum_values(&api, "Status"),
        [
            ("available", "Available"),
            ("on-hold", "OnHold"),
            ("sold", "Sold")
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(
        type_def(&api, "Status").description.as_deref(),
        Some("Where the pet is.")
    );
    assert_eq!(
        shape(fields(&api, "Pet")),
        [
            ("status", "Status?"),
            ("size", "PetSize?"),
            ("level", "integer?")
        ]
        .map(|(a, c)| (a.to_owned(), a.to_owned(), c.to_owned()))
    );
    assert_eq!(
        enum_values(&api, "PetSize"),
        [("small", "Small"), ("large", "Large")].map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
}

#[test]
fn enum_values_without_a_variant_are_warnings() {
    let i = import(&format!(
        "
        paths:{}
        components:
          schemas:
            Pet:
              type: object
              properties:
                vote: {{type: string, enum: ['+1', '-1', '', '***', unknown]}}
                odd: {{type: string, enum: ['!', '?']}}
        ",
        get_ref("/pets", "getPet", "Pet")
    ));
    let api = model(&i);
    assert_eq!(
        enum_values(&api, "PetVote"),
        // Variants are vook's (`enum_variant`): `+1` and `-1` are both `V1`.
        [("+1", "V1")].map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(field(&api, "Pet", "odd").ty.to_string(), "string");
    warned(
        &i,
        "#/components/schemas/Pet/properties/vote",
        "the enum values `-1`, ``, `***` have no Rust variant of their own (no letter or digit, or the variant of an earlier value); they are read and sent as `PetVote::Unknown(\"...\")`",
    );
    warned(
        &i,
        "#/components/schemas/Pet/properties/odd",
        "the enum values `!`, `?` do not each make a distinct Rust variant (or one is `unknown`); the value is `string`",
    );
}

#[test]
fn arrays_maps_and_inline_schemas_named_after_their_place() {
    let i = import(
        "
        paths:
          /pets/{id}:
            get:
              operationId: getPet
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          tags: {type: array, items: {type: string}}
                          toys:
                            type: array
                            items:
                              type: object
                              properties: {name: {type: string}}
                          owner:
                            type: object
                            properties: {name: {type: string}, since: {type: string}}
                          twin:
                            type: object
                            properties: {name: {type: string}}
                          labels: {type: object, additionalProperties: {type: string}}
                          scores:
                            type: object
                            additionalProperties:
                              type: object
                              properties: {value: {type: number}}
                          meta: {type: object}
                          anything: {type: object, additionalProperties: true}
                          bare: {type: array}
        ",
    );
    no_warnings(&i);
    let api = model(&i);
    assert_eq!(
        expr(endpoint(&api, "get_pet").response.as_ref()),
        "GetPetResponse"
    );
    assert_eq!(
        shape(fields(&api, "GetPetResponse")),
        [
            ("tags", "[string]?"),
            ("toys", "[GetPetResponseToysItem]?"),
            ("owner", "GetPetResponseOwner?"),
            // The same shape as a toy: one type (dedupe.rs).
            ("twin", "GetPetResponseToysItem?"),
            ("labels", "map<string>?"),
            ("scores", "map<GetPetResponseScoresValue>?"),
            ("meta", "map<json>?"),
            ("anything", "map<json>?"),
            ("bare", "[json]?"),
        ]
        .map(|(a, c)| (a.to_owned(), a.to_owned(), c.to_owned()))
    );
    for t in [
        "GetPetResponseToysItem",
        "GetPetResponseOwner",
        "GetPetResponseScoresValue",
    ] {
        type_def(&api, t);
    }
}

#[test]
fn all_of_objects_are_merged() {
    let i = import(&format!(
        "
        paths:{}
        components:
          schemas:
            Base:
              type: object
              required: [id]
              properties:
                id: {{type: integer}}
                name: {{type: string}}
            Dog:
              allOf:
                - $ref: '#/components/schemas/Base'
                - type: object
                  required: [name]
                  properties:
                    name: {{type: string, description: Overrides Base.}}
                    bark: {{type: boolean}}
                - description: only a note
            Alias:
              allOf:
                - $ref: '#/components/schemas/Base'
                - description: Just Base.
        ",
        get_ref("/dogs", "getDog", "Dog") + &get_ref("/alias", "getAlias", "Alias")
    ));
    no_warnings(&i);
    let api = model(&i);
    assert_eq!(
        shape(fields(&api, "Dog")),
        [("id", "integer"), ("name", "string"), ("bark", "boolean?")].map(|(a, c)| (
            a.to_owned(),
            a.to_owned(),
            c.to_owned()
        ))
    );
    assert_eq!(
        field(&api, "Dog", "name").description.as_deref(),
        Some("Overrides Base.")
    );
    // A single informative member is that member.
    assert_eq!(expr(endpoint(&api, "get_alias").response.as_ref()), "Base");
    assert!(api.type_def("Alias").is_none(), "{:?}", type_names(&api));
}

#[test]
fn all_of_members_that_cannot_be_merged_are_warnings() {
    let i = import(&format!(
        "
        paths:{}
        components:
          schemas:
            Dog:
              allOf:
                - type: object
                  properties: {{a: {{type: string}}}}
                - oneOf: [{{type: object}}, {{type: string}}]
                - type: string
                - $ref: '#/components/schemas/Missing'
                - $ref: '#/components/schemas/Dog'
        ",
        get_ref("/dogs", "getDog", "Dog")
    ));
    let api = model(&i);
    assert_eq!(
        shape(fields(&api, "Dog")),
        [("a".to_owned(), "a".to_owned(), "string?".to_owned())]
    );
    let at = "#/components/schemas/Dog/allOf";
    warned(
        &i,
        &format!("{at}/1"),
        "a `oneOf`/`anyOf` inside `allOf` is not represented; its properties are left out",
    );
    warned(
        &i,
        &format!("{at}/2"),
        "an `allOf` member that is not an object is not merged",
    );
    warned(&i, &format!("{at}/3"), "; this `allOf` member is left out");
    warned(
        &i,
        "#/components/schemas/Dog",
        "`allOf` nests too deeply or includes itself; the rest is not merged",
    );
}

#[test]
fn recursive_refs_are_named_types() {
    let i = import(&format!(
        "
        paths:{}
        components:
          schemas:
            Node:
              type: object
              required: [children]
              properties:
                children: {{type: array, items: {{$ref: '#/components/schemas/Node'}}}}
                parent: {{$ref: '#/components/schemas/Node'}}
                next: {{$ref: '#/components/schemas/Link'}}
            Link:
              type: object
              properties:
                node: {{$ref: '#/components/schemas/Node'}}
        ",
        get_ref("/tree", "getTree", "Node")
    ));
    no_warnings(&i);
    let api = model(&i);
    assert_eq!(
        shape(fields(&api, "Node")),
        [
            ("children", "[Node]"),
            ("parent", "Node?"),
            ("next", "Link?")
        ]
        .map(|(a, c)| (a.to_owned(), a.to_owned(), c.to_owned()))
    );
    assert_eq!(field(&api, "Link", "node").ty.to_string(), "Node");
}

#[test]
fn one_of_any_of_and_other_shapes_are_json_with_warnings() {
    let i = import(&format!(
        "
        openapi: 3.1.0
        paths:{}
        components:
          schemas:
            Pet:
              type: object
              properties:
                either: {{oneOf: [{{type: string}}, {{type: integer}}]}}
                any: {{anyOf: [{{$ref: '#/components/schemas/A'}}, {{$ref: '#/components/schemas/B'}}]}}
                several: {{type: [string, integer]}}
                weird: {{type: file}}
                notschema: 5
                broken: {{$ref: '#/components/schemas/Missing'}}
                loop: {{$ref: '#/components/schemas/Loop'}}
                list: {{$ref: '#/components/schemas/List'}}
                kind: {{oneOf: [{{const: cat}}, {{const: dog}}]}}
            A: {{type: object, properties: {{a: {{type: string}}}}}}
            B: {{type: object, properties: {{b: {{type: string}}}}}}
            Loop: {{$ref: '#/components/schemas/Loop2'}}
            Loop2: {{$ref: '#/components/schemas/Loop'}}
            List: {{type: array, items: {{$ref: '#/components/schemas/List'}}}}
            Mixed:
              type: object
              oneOf: [{{required: [a]}}, {{required: [b]}}]
              properties: {{a: {{type: string}}, b: {{type: string}}}}
        ",
        get_ref("/pets", "getPet", "Pet") + &get_ref("/mixed", "getMixed", "Mixed")
    ));
    let api = model(&i);
    assert_eq!(
        shape(fields(&api, "Pet")),
        [
            ("either", "json?"),
            ("any", "json?"),
            ("several", "json?"),
            ("weird", "json?"),
            ("notschema", "json?"),
            ("broken", "json?"),
            ("loop", "json?"),
            ("list", "[json]?"),
            ("kind", "PetKind?"),
        ]
        .map(|(a, c)| (a.to_owned(), a.to_owned(), c.to_owned()))
    );
    assert_eq!(
        enum_values(&api, "PetKind"),
        [("cat", "Cat"), ("dog", "Dog")].map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(
        shape(fields(&api, "Mixed")),
        [("a", "string?"), ("b", "string?")].map(|(a, c)| (
            a.to_owned(),
            a.to_owned(),
            c.to_owned()
        ))
    );
    let at = "#/components/schemas/Pet/properties";
    warned(
        &i,
        &format!("{at}/either"),
        "`oneOf` of 2 schemas has no exact vook type; the value is `json`",
    );
    warned(
        &i,
        &format!("{at}/any"),
        "`anyOf` of 2 schemas has no exact vook type",
    );
    warned(
        &i,
        &format!("{at}/several"),
        "a value of several types (string, integer) has no exact vook type; it is `json`",
    );
    warned(
        &i,
        &format!("{at}/weird"),
        "unknown type `file`; the value is `json`",
    );
    warned(
        &i,
        &format!("{at}/notschema"),
        "a schema that is not an object; the value is `json`",
    );
    warned(&i, &format!("{at}/broken"), "; the value is `json`");
    warned(
        &i,
        &format!("{at}/loop"),
        "chain longer than 32 hops (a cycle?); the value is `json`",
    );
    warned(
        &i,
        "#/components/schemas/List",
        "this schema is defined through itself without an object in between; it is `json`",
    );
    warned(
        &i,
        "#/components/schemas/Mixed",
        "`oneOf` beside `properties` is not represented; the properties are kept",
    );
}

#[test]
fn expressions_too_deep_for_the_format_are_json() {
    let mut schema = "{type: string}".to_owned();
    for _ in 0..14 {
        schema = format!("{{type: array, items: {schema}}}");
    }
    let i = import(&format!(
        "
        paths:{}
        components:
          schemas:
            Pet:
              type: object
              properties:
                deep: {schema}
        ",
        get_ref("/pets", "getPet", "Pet")
    ));
    let api = model(&i);
    // The level past the limit is `json`, the levels around it stay lists.
    assert_eq!(field(&api, "Pet", "deep").ty.to_string(), "[json]");
    warned(
        &i,
        "#/components/schemas/Pet/properties/deep/items",
        "nests too deeply for a spec expression; it is `json`",
    );
}

// --------------------------------------------------------------------- names

#[test]
fn odd_names_are_normalised_and_keep_their_wire_names() {
    let i = import(&format!(
        "
        paths:{}
        components:
          schemas:
            Self:
              type: object
              properties:
                type: {{type: string}}
                self: {{type: string}}
                '+1': {{type: integer}}
                '-1': {{type: integer}}
                2fa: {{type: boolean}}
                DateCreated<: {{type: string}}
                DateCreated>: {{type: string}}
                über: {{type: string}}
                x-rate.limit: {{type: string}}
                '': {{type: string}}
            2fa-settings:
              type: object
              properties: {{on: {{type: boolean}}}}
        ",
        get_ref("/self", "getSelf", "Self") + &get_ref("/2fa", "get2fa", "2fa-settings")
    ));
    let api = model(&i);
    let names: Vec<(String, String)> = fields(&api, "SelfType")
        .iter()
        .map(|f| (f.name.clone(), f.wire.clone()))
        .collect();
    assert_eq!(
        names,
        [
            ("type", "type"),
            ("self", "self"),
            ("plus_1", "+1"),
            ("minus_1", "-1"),
            ("n2fa", "2fa"),
            ("date_created_before", "DateCreated<"),
            ("date_created_after", "DateCreated>"),
            ("ber", "über"),
            ("x_rate_limit", "x-rate.limit"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(
        expr(endpoint(&api, "get2fa").response.as_ref()),
        "T2faSettings"
    );
    warned(
        &i,
        "#/components/schemas/Self/properties/",
        "a property with an empty name is left out",
    );
}

#[test]
fn name_collisions_are_suffixed_deterministically() {
    let i = import(&format!(
        "
        paths:{}
        components:
          schemas:
            pet:
              type: object
              properties:
                fooBar: {{type: string}}
                foo_bar: {{type: string}}
                FooBar: {{type: string}}
                nested: {{$ref: '#/components/schemas/Pet'}}
            Pet:
              type: object
              properties: {{a: {{type: string}}}}
            Client:
              type: object
              properties: {{a: {{$ref: '#/components/schemas/GetPetError'}}}}
            GetPetError:
              type: object
              properties: {{a: {{type: string}}}}
        ",
        get_ref("/pets", "getPet", "pet") + &get_ref("/client", "getClient", "Client")
    ));
    let api = model(&i);
    let names: Vec<(String, String)> = fields(&api, "Pet")
        .iter()
        .map(|f| (f.name.clone(), f.wire.clone()))
        .collect();
    assert_eq!(
        names,
        [
            ("foo_bar", "fooBar"),
            ("foo_bar_2", "foo_bar"),
            ("foo_bar_3", "FooBar"),
            ("nested", "nested")
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(field(&api, "Pet", "nested").ty.to_string(), "Pet2");
    assert_eq!(
        expr(endpoint(&api, "get_client").response.as_ref()),
        "Client2"
    );
    assert_eq!(field(&api, "Client2", "a").ty.to_string(), "GetPetError2");
}

#[test]
fn field_case_where_a_type_or_the_api_follows_one_and_wire_for_the_rest() {
    let i = import(&format!(
        "
        paths:{}
        components:
          schemas:
            Order:
              type: object
              properties:
                createdAt: {{type: string}}
                totalCount: {{type: integer}}
                id: {{type: string}}
                expand[]: {{type: string}}
                message: {{$ref: '#/components/schemas/Message'}}
                page: {{$ref: '#/components/schemas/Page'}}
            Message:
              type: object
              properties:
                DateCreated: {{type: string}}
                AccountSid: {{type: string}}
                To: {{type: string}}
            Page:
              type: object
              properties:
                nextPage: {{type: string}}
                pageSize: {{type: integer}}
        ",
        get_ref("/orders", "getOrder", "Order")
    ));
    no_warnings(&i);
    let api = model(&i);
    let wires =
        |t: &str| -> Vec<String> { fields(&api, t).iter().map(|f| f.wire.clone()).collect() };
    assert_eq!(
        wires("Order"),
        [
            "createdAt",
            "totalCount",
            "id",
            "expand[]",
            "message",
            "page"
        ]
    );
    assert_eq!(wires("Message"), ["DateCreated", "AccountSid", "To"]);
    assert_eq!(wires("Page"), ["nextPage", "pageSize"]);
    assert_eq!(field(&api, "Message", "date_created").name, "date_created");
    // The spec says it with cases, and `wire` only where no case fits.
    assert!(i.spec.contains("  field_case: camelCase\n"), "{}", i.spec);
    assert!(
        i.spec.contains("    field_case: PascalCase\n"),
        "{}",
        i.spec
    );
    assert_eq!(i.spec.matches("wire: ").count(), 1, "{}", i.spec);
    assert!(i.spec.contains("wire: \"expand[]\""), "{}", i.spec);
    let _ = FieldCase::Camel;
}

// ------------------------------------------------------------------ api part

#[test]
fn servers_0_is_the_base_url_with_variables_filled() {
    let i = import(
        "
        servers:
          - url: 'https://{region}.pets.example.com/v1/'
            variables: {region: {default: eu}}
          - url: https://backup.example.com
        ",
    );
    let api = model(&i);
    assert_eq!(api.base_url, "https://eu.pets.example.com/v1");
    warned(
        &i,
        "#/servers",
        "only the first server (`https://eu.pets.example.com/v1/`) becomes the base URL",
    );
    assert_eq!(i.warnings.len(), 1, "{}", list(&i));
}

#[test]
fn missing_and_relative_servers_give_a_placeholder_with_a_warning() {
    let none = import("servers: []");
    assert_eq!(model(&none).base_url, "https://api.example.invalid");
    warned(
        &none,
        "#",
        "no `servers`; the base URL is `https://api.example.invalid`",
    );
    let relative = import("servers: [{url: /api/v3}]");
    assert_eq!(
        model(&relative).base_url,
        "https://api.example.invalid/api/v3"
    );
    warned(
        &relative,
        "#/servers/0",
        "the server URL `/api/v3` is not an absolute http(s) URL; the base URL is `https://api.example.invalid/api/v3`",
    );
}

#[test]
fn the_api_name_comes_from_the_title_or_name_and_sets_the_env_var() {
    let bearer = "
        info: {title: \"GitHub's official REST API v3\", version: '1', description: '  The API.  '}
        components:
          securitySchemes:
            token: {type: http, scheme: bearer}
        ";
    let i = import(bearer);
    no_warnings(&i);
    let api = model(&i);
    assert_eq!(api.name, "github");
    assert_eq!(api.title, "GitHub's official REST API v3");
    assert_eq!(api.description.as_deref(), Some("The API."));
    let auth = api.auth.as_ref().expect("auth");
    assert_eq!(
        (auth.scheme, auth.env.as_str()),
        (AuthScheme::Bearer, "GITHUB_API_KEY")
    );
    let named = import_with(
        bearer,
        &Options {
            name: Some("My Hub".into()),
            ..Options::default()
        },
    );
    let api = model(&named);
    assert_eq!(api.name, "my_hub");
    assert_eq!(api.auth_env(), Some("MY_HUB_API_KEY"));
    let untitled = import("info: {title: The API, version: '1'}");
    assert_eq!(model(&untitled).name, "api");
}

#[test]
fn security_schemes_become_auth() {
    let cases = [
        (
            "{type: http, scheme: basic}",
            AuthScheme::Basic,
            None,
            "PETS_CREDENTIALS",
        ),
        (
            "{type: http, scheme: Bearer}",
            AuthScheme::Bearer,
            None,
            "PETS_API_KEY",
        ),
        (
            "{type: apiKey, in: header, name: X-Api-Key}",
            AuthScheme::Header,
            Some("X-Api-Key"),
            "PETS_API_KEY",
        ),
        (
            "{type: apiKey, in: query, name: api_key}",
            AuthScheme::Query,
            Some("api_key"),
            "PETS_API_KEY",
        ),
    ];
    for (scheme, want, name, env) in cases {
        let i = import(&format!(
            "components: {{securitySchemes: {{key: {scheme}}}}}"
        ));
        no_warnings(&i);
        let api = model(&i);
        let auth = api.auth.as_ref().expect("auth");
        assert_eq!(
            (auth.scheme, auth.name.as_deref(), auth.env.as_str()),
            (want, name, env),
            "{scheme}"
        );
    }
    let none = import("paths: {}");
    assert!(model(&none).auth.is_none());
}

#[test]
fn security_schemes_vook_cannot_send_are_warnings() {
    let at = "#/components/securitySchemes/key";
    let cases = [
        (
            "{type: http, scheme: digest}",
            Some(AuthScheme::Bearer),
            "HTTP auth scheme `digest` is sent as `Authorization: Bearer KEY`",
        ),
        (
            "{type: apiKey, in: cookie, name: sid}",
            None,
            "an API key in cookie `sid` cannot be sent by vook's auth schemes; the client sends no credentials",
        ),
        (
            "{type: apiKey, in: header, name: Content-Type}",
            None,
            "an API key in header `Content-Type` cannot be sent",
        ),
        (
            "{type: apiKey, name: k}",
            None,
            "an `apiKey` scheme without `in`; the client sends no credentials",
        ),
        (
            "{type: oauth2, flows: {}}",
            Some(AuthScheme::Bearer),
            "`oauth2`: the client sends an access token you obtain as `Authorization: Bearer TOKEN`; vook does not run the oauth2 flow",
        ),
        (
            "{type: openIdConnect, openIdConnectUrl: 'https://x.example'}",
            Some(AuthScheme::Bearer),
            "vook does not run the openIdConnect flow",
        ),
        (
            "{type: mutualTLS}",
            None,
            "security scheme type `mutualTLS` is not represented; the client sends no credentials",
        ),
        (
            "{$ref: '#/components/securitySchemes/Missing'}",
            None,
            "; the client sends no credentials",
        ),
    ];
    for (scheme, want, message) in cases {
        let i = import(&format!(
            "components: {{securitySchemes: {{key: {scheme}}}}}"
        ));
        let api = model(&i);
        assert_eq!(api.auth.as_ref().map(|a| a.scheme), want, "{scheme}");
        warned(&i, at, message);
    }
}

#[test]
fn the_required_scheme_is_used_and_the_others_are_a_warning() {
    let i = import(
        "
        paths:
          /pets:
            get:
              operationId: listPets
              security: [{token: []}]
              responses: {'204': {description: none}}
        components:
          securitySchemes:
            basic: {type: http, scheme: basic}
            token: {type: apiKey, in: header, name: X-Token}
            other: {type: http, scheme: bearer}
        ",
    );
    let api = model(&i);
    assert_eq!(
        api.auth.as_ref().map(|a| a.scheme),
        Some(AuthScheme::Header)
    );
    warned(
        &i,
        "#/components/securitySchemes",
        "the client authenticates with `token` only; `basic`, `other` are not used",
    );
}

// ------------------------------------------------- reach, output, warnings

#[test]
fn only_types_endpoints_use_are_kept_unless_all_schemas() {
    let body = format!(
        "
        paths:{}
        components:
          schemas:
            Pet: {{type: object, properties: {{id: {{type: integer}}}}}}
            Unused: {{type: object, properties: {{id: {{type: integer}}}}}}
            AlsoUnused: {{type: string, enum: [a, b]}}
        ",
        get_ref("/pets", "getPet", "Pet")
    );
    let i = import(&body);
    assert_eq!(type_names(&model(&i)), ["Pet"]);
    warned(
        &i,
        "#/components/schemas",
        "2 schemas no endpoint uses as a type (merged into others, inside a `oneOf`, or only in error responses, callbacks or webhooks) are left out; `--all-schemas` keeps them",
    );
    let all = import_with(
        &body,
        &Options {
            all_schemas: true,
            ..Options::default()
        },
    );
    no_warnings(&all);
    assert_eq!(type_names(&model(&all)), ["Pet", "Unused", "AlsoUnused"]);
    assert_eq!(all.summary.types, 3);
}

#[test]
fn the_summary_line_and_the_warning_format() {
    let i = import(
        "
        paths:
          /pets:
            get:
              operationId: listPets
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {type: array, items: {type: object, properties: {id: {type: integer}}}}
                '404': {description: missing}
                default: {description: other}
        ",
    );
    assert_eq!(
        i.summary.to_string(),
        "imported 1 operation, 1 type, 1 error code; 1 warning"
    );
    assert_eq!(
        i.warnings[0].render("pets.yaml"),
        "pets.yaml#/paths/~1pets/get/responses/default: warning: a `default` response is not represented: statuses the operation does not list arrive as `Unknown` errors (4xx, 5xx) or as `Error::Decode`"
    );
    let none = import("paths: {}");
    assert_eq!(
        none.summary.to_string(),
        "imported 0 operations, 0 types, 0 error codes; 0 warnings"
    );
}

const BUSY: &str = "
    servers:
      - url: https://a.example.com
      - url: https://b.example.com
    paths:
      /b:
        get:
          responses:
            '200':
              description: ok
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      x: {oneOf: [{type: string}, {type: integer}]}
            default: {description: other}
        head:
          responses: {'200': {description: ok}}
      /a:
        post:
          operationId: make
          parameters:
            - {name: X-Trace, in: header, schema: {type: string}}
          requestBody:
            content:
              multipart/form-data: {schema: {type: object}}
          responses:
            '302': {description: moved}
    components:
      schemas:
        Unused: {type: object, properties: {id: {type: integer}}}
      securitySchemes:
        a: {type: oauth2, flows: {}}
        b: {type: http, scheme: basic}
    ";

#[test]
fn warnings_come_in_document_order_all_at_once() {
    let i = import(BUSY);
    model(&i);
    let pointers: Vec<&str> = i.warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "#/servers",
            "#/components/securitySchemes",
            "#/components/securitySchemes/a",
            "#/paths/~1b/get",
            "#/paths/~1b/head",
            "#/paths/~1b/get/responses/default",
            "#/paths/~1b/get/responses/200/content/application~1json/schema/properties/x",
            "#/paths/~1a/post/parameters/0",
            "#/paths/~1a/post/requestBody/content",
            "#/paths/~1a/post/responses/302",
            "#/paths/~1a/post/responses",
            "#/components/schemas",
        ],
        "{}",
        list(&i)
    );
    assert_eq!(i.summary.warnings, i.warnings.len());
}

#[test]
fn the_same_document_gives_the_same_output() {
    let a = import(BUSY);
    let b = import(BUSY);
    assert_eq!(a.spec, b.spec);
    assert_eq!(a.warnings, b.warnings);
    assert_eq!(a.summary, b.summary);
    // JSON and YAML spellings of one document import alike.
    let text = doc(BUSY);
    let value: serde_json::Value = serde_saphyr::from_str(&text).expect("YAML");
    let json = serde_json::to_string(&value).expect("JSON");
    let c = import_str(&json, &Options::default()).expect("JSON document");
    assert_eq!(c.warnings.len(), a.warnings.len());
    assert_eq!(c.summary, a.summary);
}

#[test]
fn documents_that_are_not_openapi_3_are_errors() {
    let swagger = import_str("{\"swagger\": \"2.0\", \"info\": {}}", &Options::default());
    let e = swagger.expect_err("swagger").to_string();
    assert!(e.contains("Swagger 2.0"), "{e}");
    let old = import_str("openapi: 4.0.0\ninfo: {title: a}\n", &Options::default());
    let e = old.expect_err("4.0").to_string();
    assert!(e.contains("OpenAPI version `4.0.0` is not read"), "{e}");
    let none = import_str("info: {title: a}\n", &Options::default());
    let e = none.expect_err("no version").to_string();
    assert!(e.contains("no `openapi` version key"), "{e}");
}

#[test]
fn yaml_documents_read_y_on_and_no_as_strings() {
    let i = import(&format!(
        "
        paths:{}
        components:
          schemas:
            Point:
              type: object
              required: [y]
              properties:
                x: {{type: number}}
                y: {{type: number}}
                on: {{type: string, enum: [yes, no, on, off]}}
        ",
        get_ref("/point", "getPoint", "Point")
    ));
    no_warnings(&i);
    let api = model(&i);
    assert_eq!(
        shape(fields(&api, "Point")),
        [("x", "number?"), ("y", "number"), ("on", "PointOn?")].map(|(a, c)| (
            a.to_owned(),
            a.to_owned(),
            c.to_owned()
        ))
    );
    let values: Vec<String> = enum_values(&api, "PointOn")
        .into_iter()
        .map(|v| v.0)
        .collect();
    assert_eq!(values, ["yes", "no", "on", "off"]);
}
