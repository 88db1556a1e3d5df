//! The `api` section: name, base URL, auth, request-id and rate-limit
//! headers, envelope.

use crate::diagnostic::Pos;
use crate::document::{ApiSection, AuthSection, EnvelopeSection, RateLimitSection};
use crate::located::Located;
use crate::node::{Node, Value};

use super::keys;
use super::reader::{CheckedMapping, Reader};

impl Reader<'_> {
    /// The `api` section; `at` is the `api` key, where missing keys are reported.
    pub(super) fn api(&mut self, node: &Node, at: Pos) -> Option<ApiSection> {
        let obj = self.object(node, "`api`", "api", keys::API, at)?;
        let name = self.req_string(&obj, "name");
        let title = self.opt_text(&obj, "title");
        let description = self.opt_text(&obj, "description");
        let base_url = self.req_string(&obj, "base_url");
        let auth = obj.opt("auth").and_then(|n| {
            let at = obj.key_pos("auth").unwrap_or(n.pos);
            let o = self.object(n, "`api.auth`", "api.auth", keys::AUTH, at)?;
            let scheme = o
                .opt("scheme")
                .and_then(|_| self.choice(&o, "scheme", &["bearer"]));
            let env = self.req_string(&o, "env");
            Some(AuthSection { scheme, env })
        });
        let request_id_header = self.opt_string(&obj, "request_id_header");
        let rate_limit_headers = obj.opt("rate_limit_headers").and_then(|n| {
            let at = obj.key_pos("rate_limit_headers").unwrap_or(n.pos);
            let o = self.object(
                n,
                "`api.rate_limit_headers`",
                "api.rate_limit_headers",
                keys::RATE_LIMIT_HEADERS,
                at,
            )?;
            let limit = self.opt_string(&o, "limit");
            let remaining = self.opt_string(&o, "remaining");
            let reset = self.opt_string(&o, "reset");
            Some(RateLimitSection {
                limit,
                remaining,
                reset,
            })
        });
        let envelope = obj.opt("envelope").and_then(|n| {
            let at = obj.key_pos("envelope").unwrap_or(n.pos);
            let o = self.object(n, "`api.envelope`", "api.envelope", keys::ENVELOPE, at)?;
            let data = self.envelope_key(&o, "data");
            let error = self.envelope_key(&o, "error");
            Some(EnvelopeSection { data, error })
        });
        Some(ApiSection {
            name,
            title,
            description,
            base_url,
            auth,
            request_id_header,
            rate_limit_headers,
            envelope,
        })
    }

    /// `None`: not written; `Some(None)`: `null`; `Some(Some(key))`.
    fn envelope_key(
        &mut self,
        obj: &CheckedMapping<'_>,
        key: &str,
    ) -> Option<Option<Located<String>>> {
        let node = obj.get(key)?;
        if node.value == Value::Null {
            return Some(None);
        }
        // A wrong type is reported; the default is kept.
        self.string(node, &obj.what_key(key)).map(Some)
    }
}

/// The `api` section that stands in for one that cannot be read.
pub(super) fn placeholder_api() -> ApiSection {
    let none = || Located::new(String::new(), Pos::START);
    ApiSection {
        name: none(),
        title: None,
        description: None,
        base_url: none(),
        auth: None,
        request_id_header: None,
        rate_limit_headers: None,
        envelope: None,
    }
}
