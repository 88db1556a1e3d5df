//! [`ErrorFields`]: where an API's error object keeps its code, message, request id
//! and details (the spec's `api.error_fields`), and [`ErrorWire`], a code's wire value
//! when it is not its snake_case key.

use vook_vocab::error_fields as words;

/// A dotted path inside the error object, one object key per segment:
/// `error.type` is `&["error", "type"]`.
pub type FieldPath = &'static [&'static str];

/// Where the fields of an error object are (`api.error_fields`), after the
/// `envelope.error` unwrapping. `None` means the body carries no such field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorFields {
    /// The machine-readable code (a string, or an integer for integer wire codes).
    /// `None`: the API is status-keyed, the status names the code.
    pub code: Option<FieldPath>,
    /// The human-readable message.
    pub message: Option<FieldPath>,
    /// The request id; the spec's request-id header is the fallback.
    pub request_id: Option<FieldPath>,
    /// The list of field issues.
    pub details: Option<DetailsShape>,
}

impl ErrorFields {
    /// The defaults: `code`, `message`, `request_id`, and `details` as a list of
    /// `{field, issue}`.
    pub const DEFAULT: ErrorFields = ErrorFields {
        code: Some(&[words::CODE]),
        message: Some(&[words::MESSAGE]),
        request_id: Some(&[words::REQUEST_ID]),
        details: Some(DetailsShape::DEFAULT),
    };

    /// Whether errors are identified by their status alone (`code: null`).
    pub const fn status_keyed(&self) -> bool {
        self.code.is_none()
    }
}

impl Default for ErrorFields {
    fn default() -> Self {
        ErrorFields::DEFAULT
    }
}

/// Where the details list is and what its entries call the field and the issue:
/// `{ at: errors, field: field, issue: code }` in the spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DetailsShape {
    /// The path of the list.
    pub at: FieldPath,
    /// The key of the offending field's name in each entry.
    pub field: &'static str,
    /// The key of what is wrong with it in each entry (`message` is read when it is
    /// absent, as before).
    pub issue: &'static str,
}

impl DetailsShape {
    /// `details: [{field, issue}]`.
    pub const DEFAULT: DetailsShape = DetailsShape {
        at: &[words::DETAILS],
        field: words::DETAIL_FIELD,
        issue: words::DETAIL_ISSUE,
    };
}

/// The wire value of an error code (the spec's `wire:`), when it is not the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorWire {
    /// A string such as `"card-declined"`.
    Str(&'static str),
    /// An integer such as `20404`: the body's code may be a JSON number.
    Int(i64),
}

impl ErrorWire {
    /// Whether a code read from a body (a string, or an integer's decimal text) is
    /// this wire value.
    pub fn matches(&self, code: &BodyCode<'_>) -> bool {
        match (self, code) {
            (ErrorWire::Str(w), BodyCode::Str(s)) => w == s,
            (ErrorWire::Int(w), BodyCode::Int(n)) => w == n,
            // A string body code `"20404"` is the integer wire 20404, and the other way.
            (ErrorWire::Int(w), BodyCode::Str(s)) => s.parse::<i64>().is_ok_and(|n| n == *w),
            (ErrorWire::Str(w), BodyCode::Int(n)) => w.parse::<i64>().is_ok_and(|v| v == *n),
        }
    }
}

/// A code as an error body holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyCode<'a> {
    /// A JSON string.
    Str(&'a str),
    /// A JSON integer that fits `i64`.
    Int(i64),
}
