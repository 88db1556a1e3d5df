//! The checked, resolved API: what the code generator, the test server and
//! the docs read. Everything here has passed [`crate::validate`]: names follow
//! the rules, references resolve, error sets are expanded.

pub use crate::types::TypeRef;
pub use vook_vocab::auth::AuthScheme;
pub use vook_vocab::rate_limit::ResetFormat;
pub use vook_vocab::wire::{BodyEncoding, FieldCase};
pub use vook_vocab::{Method, RetryClass, RetryDefaults};

/// A validated API spec.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    /// snake_case name.
    pub name: String,
    /// Human-readable title (defaults to the name).
    pub title: String,
    /// Longer description.
    pub description: Option<String>,
    /// Absolute base URL, without a trailing slash.
    pub base_url: String,
    /// How requests authenticate; `None` when the API has no auth (`auth` absent or
    /// `scheme: none`).
    pub auth: Option<Auth>,
    /// Response header carrying the request id.
    pub request_id_header: Option<String>,
    /// Response headers carrying the rate-limit state.
    pub rate_limit_headers: Option<RateLimitHeaders>,
    /// Key wrapping success bodies, or `None` for bare bodies.
    pub envelope_data: Option<String>,
    /// Key wrapping error objects, or `None` for bare error objects.
    pub envelope_error: Option<String>,
    /// Where the error object keeps its fields (`api.error_fields`).
    pub error_fields: ErrorFields,
    /// Retry defaults of the generated client.
    pub retry: RetryDefaults,
    /// Every error code, in spec order.
    pub errors: Vec<ErrorCode>,
    /// Every named type, in spec order.
    pub types: Vec<TypeDef>,
    /// Every endpoint, in spec order.
    pub endpoints: Vec<Endpoint>,
}

impl Api {
    /// The error code named `code`.
    pub fn error(&self, code: &str) -> Option<&ErrorCode> {
        self.errors.iter().find(|e| e.code == code)
    }

    /// The environment variable holding the key, when the API takes one.
    pub fn auth_env(&self) -> Option<&str> {
        self.auth.as_ref().map(|a| a.env.as_str())
    }

    /// The type named `name`.
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name == name)
    }

    /// The endpoints that can return `code`, in spec order.
    pub fn endpoints_returning<'a>(
        &'a self,
        code: &'a str,
    ) -> impl Iterator<Item = &'a Endpoint> + 'a {
        self.endpoints
            .iter()
            .filter(move |e| e.errors.iter().any(|c| c == code))
    }
}

/// Names of the rate-limit headers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateLimitHeaders {
    /// Quota header.
    pub limit: String,
    /// Remaining-requests header.
    pub remaining: String,
    /// Reset-time header.
    pub reset: String,
    /// How the reset header spells the reset (Unix seconds, seconds from now, a duration).
    pub reset_format: ResetFormat,
}

/// How requests carry the key (every scheme but `none`, which is `Api::auth == None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Auth {
    /// `bearer`, `header`, `query` or `basic`.
    pub scheme: AuthScheme,
    /// The header (`header`) or query parameter (`query`) carrying the key, as written.
    pub name: Option<String>,
    /// Environment variable `Client::from_env()` reads the key from.
    pub env: String,
}

/// Where the error object (after the envelope unwrapping) keeps its fields, each a
/// dotted path split into its segments; `None`: the body has no such field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorFields {
    /// The code; `None`: status-keyed (the status names the code).
    pub code: Option<Vec<String>>,
    /// The message.
    pub message: Option<Vec<String>>,
    /// The request id.
    pub request_id: Option<Vec<String>>,
    /// The list of field issues.
    pub details: Option<DetailsShape>,
}

impl Default for ErrorFields {
    /// `code`, `message`, `request_id`, `details: [{field, issue}]`.
    fn default() -> Self {
        use vook_vocab::error_fields as words;
        let one = |k: &str| Some(vec![k.to_owned()]);
        ErrorFields {
            code: one(words::CODE),
            message: one(words::MESSAGE),
            request_id: one(words::REQUEST_ID),
            details: Some(DetailsShape {
                at: vec![words::DETAILS.to_owned()],
                field: words::DETAIL_FIELD.to_owned(),
                issue: words::DETAIL_ISSUE.to_owned(),
            }),
        }
    }
}

impl ErrorFields {
    /// Whether the API's errors are named by their status alone (`code: null`).
    pub fn status_keyed(&self) -> bool {
        self.code.is_none()
    }
}

/// Where the details list is, and the keys of its entries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DetailsShape {
    /// Path of the list.
    pub at: Vec<String>,
    /// Key of the field name in each entry.
    pub field: String,
    /// Key of the issue in each entry.
    pub issue: String,
}

/// An error code's wire value, when it is not the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorWire {
    /// A string such as `card-declined`.
    Str(String),
    /// An integer such as `20404`.
    Int(i64),
}

impl ErrorWire {
    /// The value as text (an integer in decimal): what collisions are checked on.
    pub fn text(&self) -> String {
        match self {
            ErrorWire::Str(s) => s.clone(),
            ErrorWire::Int(n) => n.to_string(),
        }
    }
}

/// One error code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorCode {
    /// Wire name, snake_case.
    pub code: String,
    /// The Rust variant name, UpperCamelCase.
    pub variant: String,
    /// HTTP status.
    pub status: u16,
    /// Retry class.
    pub retry: RetryClass,
    /// One-line meaning.
    pub summary: String,
    /// How to fix it.
    pub fix: Option<String>,
    /// The message the API sends.
    pub message: Option<String>,
    /// Whether the body carries `details`.
    pub details: bool,
    /// The code as the body carries it, when it is not [`ErrorCode::code`].
    pub wire: Option<ErrorWire>,
}

impl ErrorCode {
    /// The code as it appears in a body: the wire value, else the key.
    pub fn wire_text(&self) -> String {
        self.wire
            .as_ref()
            .map_or_else(|| self.code.clone(), ErrorWire::text)
    }
}

/// A named type.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// UpperCamelCase name.
    pub name: String,
    /// Doc text.
    pub description: Option<String>,
    /// Struct or enum.
    pub kind: TypeKind,
}

/// The body of a named type.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// A struct with fields in spec order.
    Struct(Vec<Field>),
    /// A string enum with values in spec order.
    Enum(Vec<EnumValue>),
}

/// A struct field or query parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The spec key, snake_case: the Rust name.
    pub name: String,
    /// The name on the wire: the `wire:` of the long form, else the key in the
    /// type's (or the API's) `field_case`.
    pub wire: String,
    /// Type.
    pub ty: TypeRef,
    /// `?`: may be absent.
    pub optional: bool,
    /// Doc text.
    pub description: Option<String>,
}

/// One value of a string enum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumValue {
    /// As sent on the wire.
    pub wire: String,
    /// The Rust variant name.
    pub variant: String,
}

/// A path parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathParam {
    /// Name as in `{name}`.
    pub name: String,
    /// `string` or `integer`.
    pub ty: TypeRef,
}

/// One endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    /// Operation id, snake_case: the method name.
    pub name: String,
    /// HTTP method.
    pub method: Method,
    /// Path template.
    pub path: String,
    /// One-line description.
    pub summary: Option<String>,
    /// Longer description.
    pub description: Option<String>,
    /// Path parameters in path order.
    pub path_params: Vec<PathParam>,
    /// Query parameters.
    pub query: Vec<Field>,
    /// Request body type.
    pub body: Option<TypeRef>,
    /// Response type; `None` for `response: none`.
    pub response: Option<TypeRef>,
    /// Success status.
    pub status: u16,
    /// Codes this endpoint can return (sets expanded, de-duplicated, in order of first mention).
    pub errors: Vec<String>,
    /// Safe to repeat.
    pub idempotent: bool,
    /// How its list pages, when the spec says (`paginate`).
    pub paginate: Option<Paginate>,
    /// How its request body is encoded (the endpoint's `body_encoding`, else the API's).
    pub body_encoding: BodyEncoding,
}

/// How a list endpoint pages (`paginate`), checked: every name exists with the
/// right type.
#[derive(Clone, Debug, PartialEq)]
pub struct Paginate {
    /// The query parameter (its spec key, an optional string) that carries the position.
    pub cursor: String,
    /// The list field of the response type that holds the items.
    pub items: String,
    /// The element type of that list.
    pub item: TypeRef,
    /// Where the next position comes from.
    pub next: PageNext,
}

/// Where the next page's position comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageNext {
    /// An optional string field of the response type: the next cursor;
    /// absent, null or "" on the last page.
    Cursor {
        /// The response field's spec key (its wire name is the field's [`Field::wire`]).
        field: String,
    },
    /// A field (string or integer) of the item type: its value on the page's
    /// last item is the next position (Stripe's `starting_after`). An empty
    /// page ends, and so does `has_more: false`.
    FromLast {
        /// The item field's spec key.
        field: String,
        /// The boolean response field that is `false` on the last page.
        has_more: Option<String>,
    },
}

impl Endpoint {
    /// `GetItem`.
    pub fn type_prefix(&self) -> String {
        crate::names::upper_camel(&self.name)
    }
    /// `GetItemError`.
    pub fn error_enum(&self) -> String {
        format!("{}Error", self.type_prefix())
    }
    /// `GetItemQuery`.
    pub fn query_struct(&self) -> String {
        format!("{}Query", self.type_prefix())
    }
    /// The query parameter with spec key `name`.
    pub fn query_param(&self, name: &str) -> Option<&Field> {
        self.query.iter().find(|f| f.name == name)
    }
}
