//! The vook spec being built: the sections of the output file, before
//! [`crate::emit`] writes them as YAML. Every name here is already valid.

use vook_vocab::wire::FieldCase;

/// The whole spec.
#[derive(Debug, Default)]
pub struct Spec {
    /// The `api` section.
    pub api: ApiSection,
    /// The `errors` section, in order of first use.
    pub codes: Vec<Code>,
    /// The `types` section: component schemas in document order, then inline schemas.
    pub types: Vec<TypeDef>,
    /// The `endpoints` section, in document order.
    pub endpoints: Vec<Endpoint>,
}

/// The `api` section.
#[derive(Debug, Default)]
pub struct ApiSection {
    /// `name`, snake_case.
    pub name: String,
    /// `title`.
    pub title: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `base_url`.
    pub base_url: String,
    /// `auth`.
    pub auth: Auth,
    /// `request_id_header`.
    pub request_id_header: Option<String>,
    /// `rate_limit_headers`.
    pub rate_limit: Option<crate::headers::RateLimit>,
    /// `envelope.data`: `None` for a bare body.
    pub envelope_data: Option<String>,
    /// `envelope.error`: `None` for a bare body.
    pub envelope_error: Option<String>,
    /// `error_fields`.
    pub error_fields: ErrorFields,
    /// `field_case`.
    pub field_case: FieldCase,
}

/// `api.auth`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub enum Auth {
    /// No credentials.
    #[default]
    None,
    /// `Authorization: Bearer KEY`.
    Bearer {
        /// The environment variable.
        env: String,
    },
    /// `NAME: KEY`.
    Header {
        /// The header.
        name: String,
        /// The environment variable.
        env: String,
    },
    /// `?NAME=KEY`.
    Query {
        /// The query parameter.
        name: String,
        /// The environment variable.
        env: String,
    },
    /// `Authorization: Basic base64(KEY)`.
    Basic {
        /// The environment variable.
        env: String,
    },
}

/// `api.error_fields`; `None` writes `null`.
#[derive(Debug, Default, Clone)]
pub struct ErrorFields {
    /// `code`: `None` for a status-keyed API.
    pub code: Option<String>,
    /// `message`.
    pub message: Option<String>,
    /// `request_id`.
    pub request_id: Option<String>,
    /// `details`: `(at, field, issue)`.
    pub details: Option<(String, String, String)>,
}

/// One entry of `errors`.
#[derive(Debug, Clone)]
pub struct Code {
    /// The code (snake_case).
    pub name: String,
    /// `status`.
    pub status: u16,
    /// `summary`.
    pub summary: Option<String>,
    /// `fix`.
    pub fix: Option<String>,
    /// `retry`: `never`, `backoff` or `throttle`, when the document says.
    pub retry: Option<&'static str>,
    /// `details: true`.
    pub details: bool,
    /// `wire`, when the body spells the code otherwise.
    pub wire: Option<String>,
}

/// One entry of `types`.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// The type name (UpperCamelCase).
    pub name: String,
    /// `description`.
    pub description: Option<String>,
    /// A struct or an enum.
    pub body: TypeBody,
    /// Defined in `#/components/schemas` (its name is the document's); else
    /// written in place and named after it.
    pub component: bool,
}

/// What a type is.
#[derive(Debug, Clone)]
pub enum TypeBody {
    /// `fields`, with the type's `field_case` when it differs from the API's.
    Struct {
        /// `field_case`, when set.
        field_case: Option<FieldCase>,
        /// The fields, in order.
        fields: Vec<Field>,
    },
    /// `enum`: the wire values.
    Enum(Vec<String>),
}

/// A struct field or a query parameter.
#[derive(Debug, Clone)]
pub struct Field {
    /// The snake_case key.
    pub name: String,
    /// The name as the API spells it.
    pub original: String,
    /// The type expression, `?` included.
    pub ty: String,
    /// `description`.
    pub description: Option<String>,
    /// `wire`, set by [`crate::wire`] when the case rules do not give `original`.
    pub wire: Option<String>,
}

/// One entry of `endpoints`.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// The operation id (snake_case).
    pub name: String,
    /// `method`.
    pub method: &'static str,
    /// `path`, with snake_case parameter names.
    pub path: String,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `path_params`: name and `string` / `integer`.
    pub path_params: Vec<(String, &'static str)>,
    /// `query`.
    pub query: Vec<Field>,
    /// `body`.
    pub body: Option<String>,
    /// `body_encoding: form`.
    pub form: bool,
    /// `response`; `None` writes `none`.
    pub response: Option<String>,
    /// `status`.
    pub status: u16,
    /// `errors`: code names.
    pub errors: Vec<String>,
    /// `paginate`, as key/value pairs.
    pub paginate: Vec<(String, String)>,
}
