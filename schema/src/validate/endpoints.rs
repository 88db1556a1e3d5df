//! The endpoints of the model: method, route, parameters, body, response,
//! success status and error codes of each.

use std::collections::HashMap;

use super::paginate::PagedEndpoint;
use super::paths::route_shape;
use super::{Validator, WireDefaults};
use crate::diagnostic::Pos;
use crate::document::{Document, EndpointSection};
use crate::located::Located;
use crate::model::{self, Method};
use vook_vocab::wire::BodyEncoding;

/// The statuses a success may have.
const SUCCESS_STATUSES: std::ops::RangeInclusive<u64> = 200..=299;

impl Validator<'_, '_> {
    /// The endpoints, in spec order.
    pub(super) fn endpoints(
        &mut self,
        doc: &Document,
        types: &[model::TypeDef],
        wire: WireDefaults,
    ) -> Vec<model::Endpoint> {
        let mut routes: HashMap<(Method, String), (&str, Pos)> = HashMap::new();
        let mut prefixes: HashMap<String, &str> = HashMap::new();
        let mut out = Vec::new();
        for (name, e) in doc.endpoints.iter() {
            let op = name.value.as_str();
            self.endpoint_name(name, &mut prefixes);
            let parsed = self.method(op, e);
            let method = parsed.unwrap_or(Method::Get);
            let path_params = self.path(op, e);
            let path_broken = self.ix.broken(&format!("endpoints.{op}.path"));
            if let Some(m) = parsed.filter(|_| !path_broken) {
                let shape = route_shape(&e.path.value);
                if let Some((first, first_pos)) = routes.get(&(m, shape.clone())) {
                    self.err(
                        e.path.pos,
                        format!(
                            "endpoints `{first}` (line {}) and `{op}` are both `{} {}`",
                            first_pos.line,
                            m.as_str(),
                            e.path.value
                        ),
                    );
                } else {
                    routes.insert((m, shape), (op, e.path.pos));
                }
            }
            let query = e
                .query
                .as_ref()
                .map(|q| self.fields(q, &format!("endpoint `{op}`"), true, wire.case))
                .unwrap_or_default();
            let body = e.body.as_ref().and_then(|b| {
                if b.value.trim() == "none" {
                    self.err(b.pos, format!("`body: none` is not needed: leave `body` out of endpoint `{op}` for no request body"));
                    return None;
                }
                if let Some(m) = parsed.filter(|m| !m.takes_body()) {
                    self.err(b.pos, format!("endpoint `{op}` is a {} and cannot have a request body; bodies are for POST, PUT and PATCH", m.as_str()));
                }
                self.plain_type(b, "request body")
            });
            let body_encoding = self.body_encoding(e.body_encoding.as_ref(), wire.encoding);
            if let (Some(ty), Some(at), BodyEncoding::Form) = (&body, &e.body, body_encoding) {
                self.form_body(op, ty, at);
            }
            let response = match &e.response {
                Some(r) if r.value.trim() != "none" => self.plain_type(r, "response"),
                _ => None,
            };
            let status = self.success_status(op, e, response.is_some());
            let paginate = e.paginate.as_ref().and_then(|p| {
                let paged = PagedEndpoint {
                    op,
                    query: &query,
                    response: response.as_ref(),
                    response_pos: e.response.as_ref().map(|r| r.pos),
                    response_broken: (response.is_none()
                        && e.response
                            .as_ref()
                            .is_some_and(|r| r.value.trim() != "none"))
                        || self.ix.broken(&format!("endpoints.{op}.response")),
                };
                self.paginate(p, &paged, types)
            });
            let listed = e.errors.as_deref().unwrap_or(&[]);
            self.code_refs(doc, listed, &format!("endpoint `{op}`"));
            let located = self.expand_located(listed, op);
            if doc.api.error_fields.as_ref().and_then(|f| f.code.as_ref()) == Some(&None) {
                self.distinct_statuses(doc, op, &located);
            }
            let errors = located.into_iter().map(|c| c.value).collect();
            out.push(model::Endpoint {
                name: op.to_owned(),
                method,
                path: e.path.value.clone(),
                summary: e.summary.as_ref().map(|s| s.value.trim().to_owned()),
                description: e.description.as_ref().map(|s| s.value.trim().to_owned()),
                path_params,
                query,
                body,
                response,
                status,
                errors,
                idempotent: e
                    .idempotent
                    .as_ref()
                    .map_or(method.idempotent_by_default(), |i| i.value),
                paginate,
                body_encoding,
            });
        }
        out
    }

    /// A status-keyed API (`error_fields.code: null`) names an error by its status: no
    /// two codes of one endpoint may share one. Reported at the list item that brought
    /// in the second code.
    fn distinct_statuses(&mut self, doc: &Document, op: &str, codes: &[Located<String>]) {
        let mut by_status: HashMap<u64, &str> = HashMap::new();
        for code in codes {
            if self.ix.broken(&format!("errors.{}.status", code.value)) {
                continue;
            }
            let Some((_, e)) = doc.errors.iter().find(|(k, _)| k.value == code.value) else {
                continue;
            };
            let status = e.status.value;
            match by_status.get(&status) {
                Some(first) => {
                    self.err(
                        code.pos,
                        format!(
                            "endpoint `{op}` can return `{first}` and `{}`, both HTTP {status}; with `api.error_fields.code: null` the status alone names the error, so one endpoint's codes need distinct statuses",
                            code.value
                        ),
                    );
                }
                None => {
                    by_status.insert(status, code.value.as_str());
                }
            }
        }
    }

    /// The method of endpoint `op`; an unknown one is reported (unless its
    /// part was already).
    fn method(&mut self, op: &str, e: &EndpointSection) -> Option<Method> {
        let parsed = Method::parse(&e.method.value);
        if parsed.is_none() && !self.ix.broken(&format!("endpoints.{op}.method")) {
            let upper = e.method.value.trim().to_ascii_uppercase();
            let hint = if Method::parse(&upper).is_some() {
                format!("; write it in uppercase: `{upper}`")
            } else {
                String::new()
            };
            self.err(
                e.method.pos,
                format!(
                    "unknown method `{}`; expected GET, POST, PUT, PATCH or DELETE{hint}",
                    e.method.value
                ),
            );
        }
        parsed
    }

    /// The success status of endpoint `op`: as written, or 200 with a
    /// response and 204 without.
    fn success_status(&mut self, op: &str, e: &EndpointSection, has_response: bool) -> u16 {
        let default_status = if has_response { 200 } else { 204 };
        e.status.as_ref().map_or(default_status, |s| {
            if !SUCCESS_STATUSES.contains(&s.value) {
                self.err(s.pos, format!("success status {} of endpoint `{op}` is out of range; use 200..=299", s.value));
            } else if s.value == 204 && has_response {
                self.err(s.pos, format!("endpoint `{op}` answers 204 No Content but declares a response type; use `response: none`"));
            } else if s.value == 205 && has_response {
                self.err(s.pos, format!("endpoint `{op}` answers 205 Reset Content, which has no body, but declares a response type; use `response: none`"));
            }
            u16::try_from(s.value).unwrap_or(200)
        })
    }
}
