//! The error side of the document: the codes of each endpoint grouped by
//! status, one body schema per distinct group (or one generic body for every
//! error), and the error object with its `FieldIssue` details.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde_json::{Map, Value, json};
use vook_schema::Api;
use vook_schema::model::{Endpoint, ErrorCode, RetryClass};
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
            (self.field_issue.clone(), field_issue_schema()),
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

    /// The error object. `None`: the generic one (any code, optional details);
    /// `Some(codes)`: `code` is an enum of exactly `codes`, and `details` is there
    /// only for codes with `details: true` (a `oneOf` when the codes differ in that).
    fn error_object(&self, codes: Option<&[&ErrorCode]>) -> Value {
        let Some(codes) = codes else {
            let code = json!({ "type": "string", "description": "Machine-readable error code." });
            let obj = self.error_fields(code, true);
            return with_description(
                obj,
                "An error object: a stable code, a readable message, the request id and, for validation errors, details.",
            );
        };
        let object = |codes: &[&ErrorCode], details: bool| {
            let wire: Vec<&str> = codes.iter().map(|c| c.code.as_str()).collect();
            self.error_fields(json!({ "type": "string", "enum": wire }), details)
        };
        let (detailed, plain): (Vec<&ErrorCode>, Vec<&ErrorCode>) =
            codes.iter().partition(|c| c.details);
        match (detailed.is_empty(), plain.is_empty()) {
            (true, _) => object(&plain, false),
            (false, true) => object(&detailed, true),
            (false, false) => json!({ "oneOf": [object(&detailed, true), object(&plain, false)] }),
        }
    }

    fn error_fields(&self, code: Value, details: bool) -> Value {
        let mut props = Map::new();
        props.insert("code".into(), code);
        props.insert(
            "message".into(),
            json!({ "type": "string", "description": "Human-readable message." }),
        );
        props.insert(
            "request_id".into(),
            json!({ "type": "string", "description": "Identifies the request; quote it to support." }),
        );
        if details {
            props.insert(
                "details".into(),
                json!({ "type": "array", "items": schema_ref(&self.field_issue), "description": "The fields that failed validation." }),
            );
        }
        json!({ "type": "object", "required": ["code", "message"], "properties": props })
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

fn field_issue_schema() -> Value {
    json!({
        "type": "object",
        "description": "One entry of a validation error's `details`.",
        "required": ["field", "issue"],
        "properties": {
            "field": { "type": "string", "description": "The offending field." },
            "issue": { "type": "string", "description": "What is wrong with it." },
        },
    })
}
