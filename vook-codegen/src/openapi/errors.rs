//! The error side of the document: the codes of each endpoint grouped by
//! status, one body schema per distinct group (or one generic body for every
//! error), and the error object with its `FieldIssue` details.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde_json::{Map, Value, json};
use vook_schema::Api;
use vook_schema::model::{Endpoint, ErrorCode, ErrorWire, RetryClass};
use vook_vocab::idempotency::{
    KEY_REUSED_CODE, KEY_REUSED_MESSAGE, KEY_REUSED_STATUS, KEY_REUSED_VARIANT,
};

use super::components::{Names, schema_ref};

/// How error responses are described.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ErrorSchemas {
    /// Each distinct group of codes sharing a status gets its own body schema,
    /// whose `code` is an enum of exactly those codes (shared by the endpoints
    /// returning the same group).
    #[default]
    PerStatus,
    /// Every error response has the generic error body, and there is no
    /// `default` response: one error type per operation, for generators that
    /// take only one (progenitor 0.15, which also counts `default` as a possible
    /// success, so a `default` would give an operation a second success type).
    /// The descriptions still list each status's codes.
    Generic,
}

/// One error response of one endpoint: a status and the codes sharing it.
pub(super) struct ErrorGroup<'a> {
    /// The HTTP status.
    pub(super) status: u16,
    /// The codes with that status, in spec order.
    pub(super) codes: Vec<&'a ErrorCode>,
    /// Component name of its body schema.
    pub(super) schema: String,
}

/// Writes the error schemas and remembers the group schemas already written.
pub(super) struct ErrorBodies<'a> {
    api: &'a Api,
    mode: ErrorSchemas,
    field_issue: String,
    error: String,
    /// `ErrorBody`, when the API has an error envelope.
    error_body: Option<String>,
    /// Body schema names of the error groups seen so far, by their codes.
    group_schemas: BTreeMap<Vec<String>, String>,
}

impl<'a> ErrorBodies<'a> {
    /// Claims `FieldIssue`, `Error` and (with an error envelope) `ErrorBody`.
    pub(super) fn new(api: &'a Api, mode: ErrorSchemas, names: &mut Names) -> Self {
        let field_issue = names.claim("FieldIssue");
        let error = names.claim("Error");
        let error_body = api
            .envelope_error
            .as_ref()
            .map(|_| names.claim("ErrorBody"));
        ErrorBodies {
            api,
            mode,
            field_issue,
            error,
            error_body,
            group_schemas: BTreeMap::new(),
        }
    }

    /// The component name of the generic error body: `ErrorBody`, or `Error`
    /// without an error envelope.
    pub(super) fn generic_body(&self) -> &str {
        self.error_body.as_deref().unwrap_or(&self.error)
    }

    /// Whether operations get a `default` response (not with [`ErrorSchemas::Generic`]).
    pub(super) fn has_default_response(&self) -> bool {
        self.mode == ErrorSchemas::PerStatus
    }

    /// `FieldIssue`, `Error` and `ErrorBody`, by component name.
    pub(super) fn components(&self) -> Vec<(String, Value)> {
        let mut out = vec![
            (self.field_issue.clone(), self.field_issue_schema()),
            (self.error.clone(), self.error_object(None)),
        ];
        if let (Some(name), Some(key)) = (&self.error_body, &self.api.envelope_error) {
            let body = enveloped(key, schema_ref(&self.error));
            out.push((
                name.clone(),
                with_description(body, "The body of an error response."),
            ));
        }
        out
    }

    /// The endpoint's codes grouped by status (ascending), codes in spec order.
    /// Per status, each distinct group gets one body schema, added to `schemas`
    /// when first seen and shared by every endpoint with the same group:
    /// `<Variant>Error` for one code (`NotFoundError`; `InternalError` for a
    /// variant already ending in `Error`), `<Op>Error<status>` (first endpoint)
    /// for several. [`ErrorSchemas::Generic`]: the generic body for all.
    pub(super) fn groups(
        &mut self,
        ep: &Endpoint,
        names: &mut Names,
        schemas: &mut Map<String, Value>,
    ) -> Vec<ErrorGroup<'a>> {
        let api = self.api;
        let mut by_status: BTreeMap<u16, Vec<&'a ErrorCode>> = BTreeMap::new();
        for code in api.errors.iter().filter(|e| ep.errors.contains(&e.code)) {
            by_status.entry(code.status).or_default().push(code);
        }
        if let Some(code) = key_refusal(api, ep) {
            by_status.entry(code.status).or_default().push(code);
        }
        let mut groups = Vec::with_capacity(by_status.len());
        for (status, codes) in by_status {
            let schema = match self.mode {
                ErrorSchemas::Generic => self.generic_body().to_owned(),
                ErrorSchemas::PerStatus => self.group_schema(ep, status, &codes, names, schemas),
            };
            groups.push(ErrorGroup {
                status,
                codes,
                schema,
            });
        }
        groups
    }

    /// The body schema's name of one group, written into `schemas` when new.
    fn group_schema(
        &mut self,
        ep: &Endpoint,
        status: u16,
        codes: &[&ErrorCode],
        names: &mut Names,
        schemas: &mut Map<String, Value>,
    ) -> String {
        let key: Vec<String> = codes.iter().map(|c| c.code.clone()).collect();
        if let Some(name) = self.group_schemas.get(&key) {
            return name.clone();
        }
        let want = match codes {
            [one] if one.variant.ends_with("Error") => one.variant.clone(),
            [one] => format!("{}Error", one.variant),
            _ => format!("{}Error{status}", ep.type_prefix()),
        };
        let name = names.claim(&want);
        schemas.insert(name.clone(), self.group_body(status, codes));
        self.group_schemas.insert(key, name.clone());
        name
    }

    /// The error object, each field at its `api.error_fields` path (as vook-mock
    /// writes it). `None`: the generic one (any code, optional details);
    /// `Some(codes)`: the code is an enum of exactly the codes' wire values, and
    /// details are there only for codes with `details: true` (a `oneOf` when the
    /// codes differ in that and the code tells them apart).
    fn error_object(&self, codes: Option<&[&ErrorCode]>) -> Value {
        let Some(codes) = codes else {
            let obj = self.error_fields(self.generic_code(), true);
            return with_description(
                obj,
                "An error object: a stable code, a readable message, the request id and, for validation errors, details.",
            );
        };
        let object =
            |codes: &[&ErrorCode], details: bool| self.error_fields(code_enum(codes), details);
        let (detailed, plain): (Vec<&ErrorCode>, Vec<&ErrorCode>) =
            codes.iter().partition(|c| c.details);
        let fields = &self.api.error_fields;
        if fields.code.is_none() || fields.details.is_none() {
            // Nothing tells the two kinds apart: one object, details optional.
            return object(codes, !detailed.is_empty());
        }
        match (detailed.is_empty(), plain.is_empty()) {
            (true, _) => object(&plain, false),
            (false, true) => object(&detailed, true),
            (false, false) => json!({ "oneOf": [object(&detailed, true), object(&plain, false)] }),
        }
    }

    /// The generic error object's code: a string, or a string or an integer when
    /// some code's `wire` is an integer.
    fn generic_code(&self) -> Value {
        let text = "Machine-readable error code.";
        if self
            .api
            .errors
            .iter()
            .any(|c| matches!(c.wire, Some(ErrorWire::Int(_))))
        {
            json!({ "anyOf": [{ "type": "string" }, { "type": "integer" }], "description": text })
        } else {
            json!({ "type": "string", "description": text })
        }
    }

    /// The error object's schema: code, message, request id and (with `details`)
    /// the details list, each at its `api.error_fields` path; the code and the
    /// message are required where the API has them.
    fn error_fields(&self, code: Value, details: bool) -> Value {
        let fields = &self.api.error_fields;
        let mut leaves: Vec<Leaf<'_>> = Vec::with_capacity(4);
        if let Some(path) = &fields.code {
            leaves.push((path, code, true));
        }
        if let Some(path) = &fields.message {
            leaves.push((
                path,
                json!({ "type": "string", "description": "Human-readable message." }),
                true,
            ));
        }
        if let Some(path) = &fields.request_id {
            leaves.push((
                path,
                json!({ "type": "string", "description": "Identifies the request; quote it to support." }),
                false,
            ));
        }
        if let (true, Some(shape)) = (details, &fields.details) {
            leaves.push((
                &shape.at,
                json!({ "type": "array", "items": schema_ref(&self.field_issue), "description": "The fields that failed validation." }),
                false,
            ));
        }
        nest(&leaves)
    }

    /// One entry of `details`, with the entry keys of `api.error_fields.details`.
    fn field_issue_schema(&self) -> Value {
        use vook_vocab::error_fields::{DETAIL_FIELD, DETAIL_ISSUE};
        let (field, issue) = self
            .api
            .error_fields
            .details
            .as_ref()
            .map_or((DETAIL_FIELD, DETAIL_ISSUE), |d| {
                (d.field.as_str(), d.issue.as_str())
            });
        let mut props = Map::new();
        props.insert(
            field.to_owned(),
            json!({ "type": "string", "description": "The offending field." }),
        );
        props.insert(
            issue.to_owned(),
            json!({ "type": "string", "description": "What is wrong with it." }),
        );
        json!({
            "type": "object",
            "description": "One entry of a validation error's `details`.",
            "required": [field, issue],
            "properties": props,
        })
    }

    /// The wire body of one error response: the error object, enveloped when the API
    /// has an error envelope.
    fn group_body(&self, status: u16, codes: &[&ErrorCode]) -> Value {
        let obj = self.error_object(Some(codes));
        let body = match &self.api.envelope_error {
            Some(key) => enveloped(key, obj),
            None => obj,
        };
        let wire: Vec<&str> = codes.iter().map(|c| c.code.as_str()).collect();
        with_description(
            body,
            &format!("Error body of HTTP {status}: `{}`.", wire.join("`, `")),
        )
    }
}

/// The refusal of a reused `Idempotency-Key` (see `vook_vocab::idempotency`), when
/// `ep` honours keys (a POST or PATCH, as vook-mock) and does not list the code:
/// the spec's own code of that name, else the vocabulary's 409 code.
fn key_refusal<'a>(api: &'a Api, ep: &Endpoint) -> Option<&'a ErrorCode> {
    if ep.method.idempotent_by_default() || ep.errors.iter().any(|c| c == KEY_REUSED_CODE) {
        return None;
    }
    Some(
        api.errors
            .iter()
            .find(|e| e.code == KEY_REUSED_CODE)
            .unwrap_or_else(|| &KEY_REUSED),
    )
}

/// [`key_refusal`]'s code when the spec has none of that name.
static KEY_REUSED: LazyLock<ErrorCode> = LazyLock::new(|| ErrorCode {
    code: KEY_REUSED_CODE.to_owned(),
    variant: KEY_REUSED_VARIANT.to_owned(),
    status: KEY_REUSED_STATUS,
    retry: RetryClass::Never,
    summary: "The Idempotency-Key was already used with a different request.".to_owned(),
    fix: Some(
        "Send a new key for a new request; resend the same request to get the stored answer."
            .to_owned(),
    ),
    message: Some(KEY_REUSED_MESSAGE.to_owned()),
    details: false,
    wire: None,
});

/// `{"type": "object", "required": [key], "properties": {key: inner}}`.
pub(super) fn enveloped(key: &str, inner: Value) -> Value {
    let mut props = Map::new();
    props.insert(key.to_owned(), inner);
    json!({ "type": "object", "required": [key], "properties": props })
}

/// An object schema with a `description` (never a bare `$ref`, so the same in
/// every OpenAPI version).
fn with_description(mut schema: Value, text: &str) -> Value {
    if let Value::Object(map) = &mut schema {
        map.insert("description".into(), text.trim_end().into());
    }
    schema
}

/// One field of an error object: its path, its schema, whether it is required.
type Leaf<'p> = (&'p [String], Value, bool);

/// An object schema with each leaf at its dotted path, the objects on the way made
/// (in first-seen order); an object on the way is required when a leaf under it is.
fn nest(leaves: &[Leaf<'_>]) -> Value {
    let mut keys: Vec<&str> = Vec::new();
    for (path, _, _) in leaves {
        if let Some(first) = path.first()
            && !keys.contains(&first.as_str())
        {
            keys.push(first);
        }
    }
    let mut props = Map::new();
    let mut required: Vec<&str> = Vec::new();
    for key in keys {
        let under: Vec<&Leaf<'_>> = leaves
            .iter()
            .filter(|(path, _, _)| path.first().map(String::as_str) == Some(key))
            .collect();
        if under.iter().any(|(_, _, req)| *req) {
            required.push(key);
        }
        let schema = match under.as_slice() {
            [(path, schema, _)] if path.len() == 1 => schema.clone(),
            _ => {
                let inner: Vec<Leaf<'_>> = under
                    .iter()
                    .filter_map(|(path, schema, req)| Some((path.get(1..)?, schema.clone(), *req)))
                    .filter(|(rest, _, _)| !rest.is_empty())
                    .collect();
                nest(&inner)
            }
        };
        props.insert(key.to_owned(), schema);
    }
    let mut obj = Map::new();
    obj.insert("type".into(), "object".into());
    if !required.is_empty() {
        obj.insert("required".into(), json!(required));
    }
    obj.insert("properties".into(), Value::Object(props));
    Value::Object(obj)
}

/// The code of a group of codes: an enum of their wire values (integers for an
/// integer `wire`), typed `string` or `integer` when all are of one kind.
fn code_enum(codes: &[&ErrorCode]) -> Value {
    let wire: Vec<Value> = codes
        .iter()
        .map(|c| match &c.wire {
            Some(ErrorWire::Int(n)) => Value::from(*n),
            Some(ErrorWire::Str(s)) => Value::from(s.as_str()),
            None => Value::from(c.code.as_str()),
        })
        .collect();
    if wire.iter().all(Value::is_string) {
        json!({ "type": "string", "enum": wire })
    } else if wire.iter().all(Value::is_i64) {
        json!({ "type": "integer", "enum": wire })
    } else {
        json!({ "enum": wire })
    }
}
