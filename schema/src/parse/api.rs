//! The `api` section: name, base URL, auth, request-id and rate-limit
//! headers, envelope.

use crate::diagnostic::Pos;
use crate::document::{ApiSection, AuthSection, EnvelopeSection, RateLimitSection};
use crate::located::Located;
use crate::node::{Node, Value};
use vook_vocab::auth::AuthScheme;
use vook_vocab::rate_limit::ResetFormat;
use vook_vocab::wire::{BodyEncoding, FieldCase};

use super::keys;
use super::reader::{CheckedMapping, Reader};

impl Reader<'_> {
    /// The `api` section; `at` is the `api` key, where missing keys are reported.
    pub(super) fn api(&mut self, node: &Node, at: Pos) -> Option<ApiSection> {
        let mapping = self.object(node, "`api`", "api", keys::API, at)?;
        let name = self.req_string(&mapping, "name");
        let title = self.opt_text(&mapping, "title");
        let description = self.opt_text(&mapping, "description");
        let base_url = self.req_string(&mapping, "base_url");
        let auth = mapping.opt("auth").and_then(|n| {
            let at = mapping.key_pos("auth").unwrap_or(n.pos);
            // `auth: none`, as design.md's table writes it: `{ scheme: none }`.
            if matches!(&n.value, Value::Str(s) if s == AuthScheme::None.as_str()) {
                return Some(AuthSection {
                    scheme: Some(Located::new(AuthScheme::None.as_str().to_owned(), n.pos)),
                    name: None,
                    env: None,
                });
            }
            let nested = self.object(n, "`api.auth`", "api.auth", keys::AUTH, at)?;
            let scheme = nested.opt("scheme").and_then(|_| {
                self.choice(&nested, "scheme", &AuthScheme::ALL.map(AuthScheme::as_str))
            });
            let name = self.opt_string(&nested, "name");
            // `none` sends no key, so it needs no variable (the validator refuses one).
            let keyless = scheme
                .as_ref()
                .is_some_and(|s| AuthScheme::parse(&s.value) == Some(AuthScheme::None));
            let env = if keyless {
                self.opt_string(&nested, "env")
            } else {
                Some(self.req_string(&nested, "env"))
            };
            Some(AuthSection { scheme, name, env })
        });
        let request_id_header = self.opt_string(&mapping, "request_id_header");
        let rate_limit_headers = mapping.opt("rate_limit_headers").and_then(|n| {
            let at = mapping.key_pos("rate_limit_headers").unwrap_or(n.pos);
            let nested = self.object(
                n,
                "`api.rate_limit_headers`",
                "api.rate_limit_headers",
                keys::RATE_LIMIT_HEADERS,
                at,
            )?;
            let limit = self.opt_string(&nested, "limit");
            let remaining = self.opt_string(&nested, "remaining");
            let reset = self.opt_string(&nested, "reset");
            let reset_format = nested.opt("reset_format").and_then(|_| {
                self.choice(
                    &nested,
                    "reset_format",
                    &ResetFormat::ALL.map(ResetFormat::as_str),
                )
            });
            Some(RateLimitSection {
                limit,
                remaining,
                reset,
                reset_format,
            })
        });
        let envelope = mapping.opt("envelope").and_then(|n| {
            let at = mapping.key_pos("envelope").unwrap_or(n.pos);
            let nested = self.object(n, "`api.envelope`", "api.envelope", keys::ENVELOPE, at)?;
            let data = self.envelope_key(&nested, "data");
            let error = self.envelope_key(&nested, "error");
            Some(EnvelopeSection { data, error })
        });
        let error_fields = self.error_fields(&mapping);
        let field_case = self.opt_choice(
            &mapping,
            "field_case",
            &FieldCase::ALL.map(FieldCase::as_str),
        );
        let body_encoding = self.opt_choice(
            &mapping,
            "body_encoding",
            &BodyEncoding::ALL.map(BodyEncoding::as_str),
        );
        Some(ApiSection {
            name,
            title,
            description,
            base_url,
            auth,
            request_id_header,
            rate_limit_headers,
            envelope,
            error_fields,
            field_case,
            body_encoding,
        })
    }

    /// `None`: not written; `Some(None)`: `null`; `Some(Some(key))`.
    fn envelope_key(
        &mut self,
        mapping: &CheckedMapping<'_>,
        key: &str,
    ) -> Option<Option<Located<String>>> {
        let node = mapping.get(key)?;
        if node.value == Value::Null {
            return Some(None);
        }
        // A wrong type is reported; the default is kept.
        self.string(node, &mapping.what_key(key)).map(Some)
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
        error_fields: None,
        field_case: None,
        body_encoding: None,
    }
}
