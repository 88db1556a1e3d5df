//! [`ApiError`]: an error the API answered with, and the [`OpError`] trait that the
//! generated per-operation error enums implement.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::time::Duration;

use reqwest::header::HeaderValue;

use crate::headers::request_id_text;
use crate::rate_limit::RateLimit;
use crate::spec::RetryClass;
use crate::text::{BodyText, write_one_line};

/// One entry of a validation error's `details` array.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct FieldIssue {
    /// The offending field, e.g. `"name"`.
    pub field: String,
    /// What is wrong with it, e.g. `"required field is missing"`.
    pub issue: String,
}

/// An error response of the API: a decoded error object plus what the headers said.
///
/// Every generated `<Op>Error` variant holds one. `Display` gives one line with the code,
/// status, message, validation details and request id.
#[derive(Clone)]
pub struct ApiError {
    fields: Box<ApiErrorFields>,
}

/// What an [`ApiError`] holds, boxed so that `Result<_, Error<_>>` stays small.
#[derive(Clone)]
struct ApiErrorFields {
    status: u16,
    /// The spec's own `&'static` string when the code is in the table.
    code: Cow<'static, str>,
    message: BodyStr,
    request_id: Option<BodyStr>,
    details: Vec<FieldIssue>,
    retry_after: Option<Duration>,
    rate_limit: Option<RateLimit>,
    attempts: u32,
    retry_class: RetryClass,
    raw_body: BodyText,
}

/// A string of the error object: where it sits in the raw body when the body holds it
/// verbatim (no escapes, the common case: then it costs no allocation), else its own text.
#[derive(Clone)]
pub(crate) enum BodyStr {
    /// This byte range of the raw body.
    InBody(Range<usize>),
    /// Text that is not in the body as is (it had escapes or surrounding space, or the
    /// error was built by hand).
    Own(String),
    /// A request-id header's value (its text as [`request_id_text`] reads it): kept as
    /// the header, which shares the response's buffer, so it costs no allocation.
    Header(HeaderValue),
}

impl BodyStr {
    /// `s`, parsed from `body`: a range when it borrows from `body`, else owned.
    pub(crate) fn of(body: &[u8], s: Cow<'_, str>) -> Self {
        match s {
            Cow::Borrowed(b) => {
                let start = (b.as_ptr() as usize).wrapping_sub(body.as_ptr() as usize);
                match start.checked_add(b.len()) {
                    Some(end) if end <= body.len() => BodyStr::InBody(start..end),
                    _ => BodyStr::Own(b.to_owned()),
                }
            }
            Cow::Owned(o) => BodyStr::Own(o),
        }
    }

    /// The same text, owned: no longer tied to `body`.
    fn to_owned_in(&self, body: &BodyText) -> BodyStr {
        BodyStr::Own(self.resolve(body).to_owned())
    }

    fn resolve<'a>(&'a self, body: &'a BodyText) -> &'a str {
        match self {
            BodyStr::InBody(range) => body.get(range.clone()).unwrap_or_default(),
            BodyStr::Own(s) => s,
            BodyStr::Header(value) => request_id_text(value).unwrap_or_default(),
        }
    }
}

impl PartialEq for ApiError {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&*self.fields, &*other.fields);
        a.status == b.status
            && a.code == b.code
            && self.message() == other.message()
            && self.request_id() == other.request_id()
            && a.details == b.details
            && a.retry_after == b.retry_after
            && a.rate_limit == b.rate_limit
            && a.attempts == b.attempts
            && a.retry_class == b.retry_class
            && a.raw_body == b.raw_body
    }
}

impl Eq for ApiError {}

/// Longest error body kept (and read): 64 KiB.
pub const MAX_ERROR_BODY_BYTES: usize = 64 * 1024;

impl ApiError {
    /// An error with the given status, code and message, as one attempt's answer
    /// (classified by status). Meant for tests of code that handles errors; the client
    /// builds these from responses.
    pub fn new(status: u16, code: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError {
            fields: Box::new(ApiErrorFields {
                status,
                code: Cow::Owned(code.into()),
                message: BodyStr::Own(message.into()),
                request_id: None,
                details: Vec::new(),
                retry_after: None,
                rate_limit: None,
                attempts: 1,
                retry_class: RetryClass::for_status(status),
                raw_body: BodyText::default(),
            }),
        }
    }

    /// Set the request id.
    #[must_use]
    pub fn with_request_id(mut self, id: impl Into<String>) -> Self {
        self.fields.request_id = Some(BodyStr::Own(id.into()));
        self
    }

    /// Set the validation details.
    #[must_use]
    pub fn with_details(mut self, details: Vec<FieldIssue>) -> Self {
        self.fields.details = details;
        self
    }

    /// Set the `Retry-After` wait.
    #[must_use]
    pub fn with_retry_after(mut self, wait: Duration) -> Self {
        self.fields.retry_after = Some(wait);
        self
    }

    /// Set the rate-limit state.
    #[must_use]
    pub fn with_rate_limit(mut self, rate_limit: RateLimit) -> Self {
        self.fields.rate_limit = Some(rate_limit);
        self
    }

    /// Set the retry class.
    #[must_use]
    pub fn with_retry_class(mut self, class: RetryClass) -> Self {
        self.fields.retry_class = class;
        self
    }

    /// Set the raw body (capped at [`MAX_ERROR_BODY_BYTES`]).
    #[must_use]
    pub fn with_raw_body(mut self, body: &str) -> Self {
        // The message and request id may be ranges of the old body: own them first.
        let i = &mut *self.fields;
        i.message = i.message.to_owned_in(&i.raw_body);
        i.request_id = i.request_id.take().map(|id| id.to_owned_in(&i.raw_body));
        i.raw_body = BodyText::new(
            bytes::Bytes::copy_from_slice(body.as_bytes()),
            MAX_ERROR_BODY_BYTES,
        );
        self
    }

    pub(crate) fn set_attempts(&mut self, attempts: u32) {
        self.fields.attempts = attempts;
    }

    /// HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.fields.status
    }

    /// Machine-readable error code (`error.code`), e.g. `"not_found"`.
    pub fn code(&self) -> &str {
        &self.fields.code
    }

    /// Human-readable message (`error.message`; empty if the body had none).
    pub fn message(&self) -> &str {
        self.fields.message.resolve(&self.fields.raw_body)
    }

    /// Request id: the body's `request_id`, else the spec's request-id response header.
    pub fn request_id(&self) -> Option<&str> {
        let i = &*self.fields;
        i.request_id.as_ref().map(|id| id.resolve(&i.raw_body))
    }

    /// Validation details (`error.details`), empty when absent.
    pub fn details(&self) -> &[FieldIssue] {
        &self.fields.details
    }

    /// The `Retry-After` wait the response asked for (delta-seconds or HTTP-date).
    pub fn retry_after(&self) -> Option<Duration> {
        self.fields.retry_after
    }

    /// Rate-limit headers of the response, if the spec names them and any was sent.
    pub fn rate_limit(&self) -> Option<&RateLimit> {
        self.fields.rate_limit.as_ref()
    }

    /// Attempts made by the call that returned this error (1 = no retry).
    pub fn attempts(&self) -> u32 {
        self.fields.attempts
    }

    /// How the error was classified for retrying.
    pub fn retry_class(&self) -> RetryClass {
        self.fields.retry_class
    }

    /// The response body as text, capped at [`MAX_ERROR_BODY_BYTES`].
    pub fn raw_body(&self) -> &str {
        self.fields.raw_body.as_str()
    }
}

/// Parts of an [`ApiError`] taken from one response (crate-internal constructor).
pub(crate) struct ApiErrorParts {
    pub(crate) status: u16,
    pub(crate) code: Cow<'static, str>,
    pub(crate) message: BodyStr,
    pub(crate) request_id: Option<BodyStr>,
    pub(crate) details: Vec<FieldIssue>,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) rate_limit: Option<RateLimit>,
    pub(crate) retry_class: RetryClass,
    pub(crate) raw_body: BodyText,
}

impl From<ApiErrorParts> for ApiError {
    fn from(p: ApiErrorParts) -> Self {
        ApiError {
            fields: Box::new(ApiErrorFields {
                status: p.status,
                code: p.code,
                message: p.message,
                request_id: p.request_id,
                details: p.details,
                retry_after: p.retry_after,
                rate_limit: p.rate_limit,
                attempts: 1,
                retry_class: p.retry_class,
                raw_body: p.raw_body,
            }),
        }
    }
}

/// Most details shown by `Display`.
const DISPLAY_DETAILS: usize = 5;

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &*self.fields;
        write_one_line(f, &i.code, 100)?;
        write!(f, " (HTTP {})", i.status)?;
        let message = self.message();
        if !message.trim().is_empty() {
            f.write_str(": ")?;
            write_one_line(f, message, 500)?;
        }
        if !i.details.is_empty() {
            f.write_str(" [")?;
            for (n, d) in i.details.iter().take(DISPLAY_DETAILS).enumerate() {
                if n > 0 {
                    f.write_str("; ")?;
                }
                write_one_line(f, &d.field, 100)?;
                f.write_str(": ")?;
                write_one_line(f, &d.issue, 200)?;
            }
            if i.details.len() > DISPLAY_DETAILS {
                write!(f, "; and {} more", i.details.len() - DISPLAY_DETAILS)?;
            }
            f.write_str("]")?;
        }
        if let Some(id) = self.request_id() {
            f.write_str(" (request id ")?;
            write_one_line(f, id, 200)?;
            f.write_str(")")?;
        }
        if i.attempts > 1 {
            write!(f, " after {} attempts", i.attempts)?;
        }
        Ok(())
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &*self.fields;
        let raw_body = i.raw_body.as_str();
        let body: String = raw_body.chars().take(256).collect();
        f.debug_struct("ApiError")
            .field("status", &i.status)
            .field("code", &i.code)
            .field("message", &self.message())
            .field("request_id", &self.request_id())
            .field("details", &i.details)
            .field("retry_after", &i.retry_after)
            .field("rate_limit", &i.rate_limit)
            .field("attempts", &i.attempts)
            .field("retry_class", &i.retry_class)
            .field("raw_body", &body)
            .field("raw_body_len", &raw_body.len())
            .finish()
    }
}

impl std::error::Error for ApiError {}

/// Implemented by every generated `<Op>Error` enum: one variant per error code the
/// operation can return, each holding an [`ApiError`], plus `Unknown` for codes the spec
/// does not list. Use [`op_error_impls!`](crate::op_error_impls) for `Display`,
/// `std::error::Error` and `AsRef<ApiError>`.
pub trait OpError: Sized + fmt::Debug + Send + Sync + 'static {
    /// The keys of the codes the operation can return (its variants but `Unknown`). A
    /// status-keyed API's error is named by the one of them with the response's status;
    /// [`op_error!`](crate::op_error) fills it in.
    const CODES: &'static [&'static str] = &[];
    /// Sort an API error into its variant by [`ApiError::code`].
    fn from_api_error(err: ApiError) -> Self;
    /// The API error held by the variant.
    fn api_error(&self) -> &ApiError;
}

/// The untyped form: `Error<ApiError>` is what a caller without a generated enum gets.
impl OpError for ApiError {
    fn from_api_error(err: ApiError) -> Self {
        err
    }
    fn api_error(&self) -> &ApiError {
        self
    }
}

impl AsRef<ApiError> for ApiError {
    fn as_ref(&self) -> &ApiError {
        self
    }
}

/// Implement `Display` (the [`ApiError`]'s one line), `std::error::Error` (no source: the
/// display already says everything) and `AsRef<ApiError>` for types implementing
/// [`OpError`]. Generated code invokes it once per `<Op>Error` enum:
///
/// ```
/// use vook_runtime::{ApiError, OpError};
///
/// #[derive(Debug)]
/// pub enum GetItemError {
///     NotFound(ApiError),
///     Unknown(ApiError),
/// }
/// impl OpError for GetItemError {
///     fn from_api_error(err: ApiError) -> Self {
///         match err.code() {
///             "not_found" => Self::NotFound(err),
///             _ => Self::Unknown(err),
///         }
///     }
///     fn api_error(&self) -> &ApiError {
///         match self {
///             Self::NotFound(e) | Self::Unknown(e) => e,
///         }
///     }
/// }
/// vook_runtime::op_error_impls!(GetItemError);
///
/// let e = GetItemError::from_api_error(ApiError::new(404, "not_found", "No such item."));
/// assert!(matches!(e, GetItemError::NotFound(_)));
/// assert_eq!(e.to_string(), "not_found (HTTP 404): No such item.");
/// let _: &dyn std::error::Error = &e;
/// assert_eq!(AsRef::<ApiError>::as_ref(&e).status(), 404);
/// assert_eq!(e.api_error().code(), "not_found"); // inherent: no trait import needed
/// ```
#[macro_export]
macro_rules! op_error_impls {
    ($($ty:ty),+ $(,)?) => {$(
        impl ::core::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt($crate::OpError::api_error(self), f)
            }
        }
        impl ::std::error::Error for $ty {}
        impl ::core::convert::AsRef<$crate::ApiError> for $ty {
            fn as_ref(&self) -> &$crate::ApiError {
                $crate::OpError::api_error(self)
            }
        }
        impl $ty {
            /// The error as the API sent it: status, code, message, request id,
            /// details, `Retry-After`, rate-limit state, attempts.
            #[allow(dead_code, unreachable_pub)] // both fire only where the enum itself is private
            pub fn api_error(&self) -> &$crate::ApiError {
                $crate::OpError::api_error(self)
            }
        }
    )+};
}

/// Implement [`OpError`] (and, through [`op_error_impls!`](crate::op_error_impls),
/// `Display`, `std::error::Error` and `AsRef<ApiError>`) for a generated `<Op>Error` enum
/// from its variant-to-code pairs. The enum must also have an `Unknown(ApiError)` variant,
/// which receives every code not listed.
///
/// ```
/// use vook_runtime::{ApiError, OpError};
///
/// #[derive(Debug)]
/// pub enum GetItemError {
///     NotFound(ApiError),
///     RateLimitExceeded(ApiError),
///     Unknown(ApiError),
/// }
/// vook_runtime::op_error!(GetItemError { NotFound = "not_found", RateLimitExceeded = "rate_limit_exceeded" });
///
/// let e = GetItemError::from_api_error(ApiError::new(429, "rate_limit_exceeded", "Slow down."));
/// assert!(matches!(e, GetItemError::RateLimitExceeded(_)));
/// let e = GetItemError::from_api_error(ApiError::new(418, "teapot", ""));
/// assert!(matches!(&e, GetItemError::Unknown(inner) if inner.code() == "teapot"));
/// assert_eq!(e.to_string(), "teapot (HTTP 418)");
/// ```
///
/// The second form, which generated code uses, also defines the enum: `pub`, `Debug`,
/// one variant per code with a doc line naming the code, its status and retry class and
/// the `ErrorCode` variant that documents it (summary and fix), and `Unknown`. Its input
/// is the enum's name with its operation and route, then one entry per code:
///
/// ```
/// # #[derive(Debug)] pub enum ErrorCode { NotFound, RateLimitExceeded }
/// # pub struct Client;
/// # impl Client { pub fn get_item(&self) {} }
/// vook_runtime::op_error! {
///     GetItemError("get_item", "GET /items/{item_id}") {
///         NotFound("not_found", 404, never),
///         RateLimitExceeded("rate_limit_exceeded", 429, throttle),
///     }
/// }
/// # use vook_runtime::{ApiError, OpError};
/// let e = GetItemError::from_api_error(ApiError::new(404, "not_found", "Gone."));
/// assert!(matches!(e, GetItemError::NotFound(_)));
/// ```
#[macro_export]
macro_rules! op_error {
    ($ty:ident { $($variant:ident = $code:literal),* $(,)? }) => {
        impl $crate::OpError for $ty {
            const CODES: &'static [&'static str] = &[$($code),*];
            fn from_api_error(err: $crate::ApiError) -> Self {
                match $crate::ApiError::code(&err) {
                    $($code => Self::$variant(err),)*
                    _ => Self::Unknown(err),
                }
            }
            fn api_error(&self) -> &$crate::ApiError {
                match self {
                    $(Self::$variant(e) => e,)*
                    Self::Unknown(e) => e,
                }
            }
        }
        $crate::op_error_impls!($ty);
    };
    (
        $ty:ident($op:literal, $route:literal) {
            $($variant:ident($code:literal, $status:literal, $retry:ident)),* $(,)?
        }
    ) => {
        #[doc = concat!(
            " Errors of [`Client::", $op, "`] (`", $route, "`): its codes, plus `Unknown`."
        )]
        #[derive(Debug)]
        pub enum $ty {
            $(
                #[doc = concat!(
                    " `", $code, "` (", stringify!($status), ", retry: ", stringify!($retry),
                    "): see [`ErrorCode::", stringify!($variant),
                    "`] for what it means and how to fix it."
                )]
                $variant($crate::ApiError),
            )*
            /// A code this endpoint is not documented to return.
            Unknown($crate::ApiError),
        }
        $crate::op_error!($ty { $($variant = $code),* });
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_one_line_with_code_message_and_request_id() {
        let e = ApiError::new(
            404,
            "not_found",
            "The requested resource could not be found.",
        )
        .with_request_id("req_cde345");
        assert_eq!(
            e.to_string(),
            "not_found (HTTP 404): The requested resource could not be found. (request id req_cde345)"
        );
    }

    #[test]
    fn display_lists_details_and_attempts() {
        let mut e = ApiError::new(422, "validation_error", "Invalid.\nfields").with_details(vec![
            FieldIssue {
                field: "name".into(),
                issue: "required field is missing".into(),
            },
            FieldIssue {
                field: "tags".into(),
                issue: "must be an array of strings".into(),
            },
        ]);
        e.set_attempts(3);
        let s = e.to_string();
        assert_eq!(
            s,
            "validation_error (HTTP 422): Invalid. fields [name: required field is missing; tags: must be an array of strings] after 3 attempts"
        );
        let many = ApiError::new(422, "v", "").with_details(
            (0..8)
                .map(|n| FieldIssue {
                    field: n.to_string(),
                    issue: "x".into(),
                })
                .collect(),
        );
        assert!(many.to_string().ends_with("; and 3 more]"), "{many}");
        assert!(
            !many.to_string().contains("):"),
            "empty message is omitted: {many}"
        );
    }

    #[test]
    fn accessors_and_defaults() {
        let e = ApiError::new(429, "rate_limit_exceeded", "slow down")
            .with_retry_after(Duration::from_secs(30))
            .with_rate_limit(RateLimit {
                limit: Some(1000),
                remaining: Some(0),
                reset: None,
            })
            .with_raw_body(&"x".repeat(MAX_ERROR_BODY_BYTES + 10));
        assert_eq!(e.status(), 429);
        assert_eq!(e.code(), "rate_limit_exceeded");
        assert_eq!(e.message(), "slow down");
        assert_eq!(e.retry_after(), Some(Duration::from_secs(30)));
        assert_eq!(e.rate_limit().and_then(|r| r.limit), Some(1000));
        assert_eq!(e.retry_class(), RetryClass::Throttle);
        assert_eq!(e.attempts(), 1);
        assert_eq!(e.raw_body().len(), MAX_ERROR_BODY_BYTES);
        assert!(e.details().is_empty());
        assert_eq!(e.request_id(), None);
        let dbg = format!("{e:?}");
        assert!(dbg.len() < 2000, "Debug does not dump the whole body");
        assert!(dbg.contains("raw_body_len: 65536"));
        assert_eq!(ApiError::from_api_error(e.clone()), e);
    }

    #[derive(Debug)]
    enum NoCodes {
        Unknown(ApiError),
    }
    crate::op_error!(NoCodes {});

    #[test]
    fn op_error_with_no_listed_codes() {
        let e = NoCodes::from_api_error(ApiError::new(500, "internal_error", "boom"));
        let NoCodes::Unknown(inner) = &e;
        assert_eq!(inner.code(), "internal_error");
        assert_eq!(e.api_error().status(), 500);
        assert_eq!(AsRef::<ApiError>::as_ref(&e).message(), "boom");
        assert!(std::error::Error::source(&e).is_none());
    }

    #[test]
    fn field_issue_serde() {
        let f: FieldIssue = serde_json::from_str(r#"{"field":"name","issue":"missing"}"#).unwrap();
        assert_eq!(
            f,
            FieldIssue {
                field: "name".into(),
                issue: "missing".into()
            }
        );
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            r#"{"field":"name","issue":"missing"}"#
        );
    }
}
