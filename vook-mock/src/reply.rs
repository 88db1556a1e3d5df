//! A response before the common headers are added ([`Reply`]), and the
//! builder of one request's default replies ([`Replies`]): successes and
//! errors in the spec's shapes.

use http::{HeaderName, HeaderValue};
use serde_json::Value;
use vook_schema::model::{Api, Endpoint, ErrorCode, RetryClass};

use crate::body::MockBody;
use crate::envelope::{code_for_status, details_code, envelope_data, error_json, spec_message};
use crate::example::example;
use crate::type_check::Issue;

/// A response before the common headers (request id, rate limits,
/// Retry-After) are added.
#[derive(Debug)]
pub(crate) struct Reply {
    /// The HTTP status.
    pub(crate) status: u16,
    /// The `Content-Type`, when there is a body.
    pub(crate) content_type: Option<String>,
    /// The body.
    pub(crate) body: MockBody,
    /// The error code, for the record.
    pub(crate) code: Option<String>,
    /// Rate limited: the rate-limit headers report 0 remaining.
    pub(crate) throttled: bool,
    /// A stored answer replayed for a repeated `Idempotency-Key`.
    pub(crate) replayed: bool,
    /// Headers of this reply (applied after the common ones).
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
}

impl Reply {
    /// An empty reply with `status`.
    pub(crate) fn new(status: u16) -> Self {
        Reply {
            status,
            content_type: None,
            body: MockBody::empty(),
            code: None,
            throttled: false,
            replayed: false,
            headers: Vec::new(),
        }
    }

    /// `value` as an `application/json` body.
    pub(crate) fn json(status: u16, value: &Value) -> Self {
        let mut r = Reply::new(status);
        r.content_type = Some("application/json".into());
        r.body = MockBody::full(value.to_string());
        r
    }

    /// Adds a header (dropped when HTTP cannot carry the value).
    pub(crate) fn with_header(mut self, name: HeaderName, value: &str) -> Self {
        if let Ok(v) = HeaderValue::from_str(value) {
            self.headers.push((name, v));
        }
        self
    }
}

/// Builds the default replies of one request: the spec, the routed endpoint
/// (if any) and the request id that error bodies quote.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Replies<'a> {
    pub(crate) api: &'a Api,
    pub(crate) endpoint: Option<&'a Endpoint>,
    pub(crate) request_id: &'a str,
}

impl Replies<'_> {
    /// A success: `data` (else an example of the response type; spec keys, sent as
    /// wire names) in the data envelope with the endpoint's status; an empty body
    /// for `response: none`.
    pub(crate) fn success(&self, ep: &Endpoint, data: Option<Value>) -> Reply {
        match &ep.response {
            None => Reply::new(ep.status),
            Some(ty) => {
                let data = data.unwrap_or_else(|| example(self.api, ty));
                let data = crate::wire_names::to_wire(self.api, ty, data);
                Reply::json(ep.status, &envelope_data(self.api, data))
            }
        }
    }

    /// An error with a code the server chose (not from the spec).
    pub(crate) fn own_error(
        &self,
        status: u16,
        code: &str,
        message: &str,
        issues: Option<&[Issue]>,
    ) -> Reply {
        let body = error_json(self.api, code, message, Some(self.request_id), issues);
        let mut r = Reply::json(status, &body);
        r.code = Some(code.to_owned());
        r
    }

    /// An error with a spec code: the code's status, message and (when it has
    /// `details: true`) the details.
    pub(crate) fn spec_error(&self, code: &ErrorCode, issues: Option<&[Issue]>) -> Reply {
        let details = code.details.then(|| issues.unwrap_or(&[]));
        let body = error_json(
            self.api,
            &code.code,
            spec_message(code),
            Some(self.request_id),
            details,
        );
        let mut r = Reply::json(code.status, &body);
        r.code = Some(code.code.clone());
        r.throttled = code.status == 429 || code.retry == RetryClass::Throttle;
        r
    }

    /// An error for `status`: the spec's code for it, else a generic `fallback` code.
    pub(crate) fn status_error(
        &self,
        status: u16,
        fallback: &str,
        message: &str,
        issues: Option<&[Issue]>,
    ) -> Reply {
        match code_for_status(self.api, self.endpoint, status) {
            Some(code) => self.spec_error(code, issues),
            None => self.own_error(status, fallback, message, issues),
        }
    }

    /// Invalid input (query or body): the endpoint's `details: true` code, else
    /// the first code the endpoint lists with status 422, else with 400, else a 400
    /// (the spec's first 400 code, else `invalid_request` with the details).
    pub(crate) fn invalid(&self, ep: &Endpoint, issues: &[Issue]) -> Reply {
        let listed = |status: u16| {
            ep.errors
                .iter()
                .filter_map(|c| self.api.error(c))
                .find(|c| c.status == status)
        };
        let code = details_code(self.api, ep)
            .or_else(|| listed(422))
            .or_else(|| listed(400));
        match code {
            Some(code) => self.spec_error(code, Some(issues)),
            None => self.status_error(
                400,
                "invalid_request",
                "The request is invalid.",
                Some(issues),
            ),
        }
    }

    /// The endpoint's 404 (else the spec's, else `not_found`).
    pub(crate) fn not_found(&self) -> Reply {
        self.status_error(
            404,
            "not_found",
            "The requested resource could not be found.",
            None,
        )
    }
}
