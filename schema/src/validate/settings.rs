//! The API-wide settings: the `api:` section (name, base URL, auth, headers,
//! envelope) and the `retry:` defaults.

use super::Validator;
use super::base_url;
use super::naming::snake_hint;
use crate::diagnostic::Pos;
use crate::document::{ApiSection, RetrySection};
use crate::located::Located;
use crate::model::{self, Api};
use crate::names::is_snake_case;
use vook_vocab::header;

/// The longest delay a spec may configure, in milliseconds (one hour).
const MAX_DELAY_MS: u64 = 3_600_000;

/// The longest `Retry-After` a spec may accept, in seconds (one day).
const MAX_RETRY_AFTER_S: u64 = 86_400;

/// The most attempts a spec may configure.
const MAX_ATTEMPTS: u64 = 100;

impl Validator<'_, '_> {
    /// The model's API-level settings from `api:`; its retry defaults, errors,
    /// types and endpoints are left empty for the other stages to fill.
    pub(super) fn settings(&mut self, a: &ApiSection) -> Api {
        let api_ok = !self.ix.broken("api");
        if api_ok && !self.ix.broken("api.name") && !is_snake_case(&a.name.value) {
            let hint = snake_hint(&a.name.value);
            self.err(
                a.name.pos,
                format!("api name `{}` must be snake_case{hint}", a.name.value),
            );
        }
        let base_url = if api_ok && !self.ix.broken("api.base_url") {
            self.base_url(&a.base_url)
        } else {
            a.base_url.value.trim_end_matches('/').to_owned()
        };
        let auth = a.auth.as_ref().and_then(|auth| self.auth(auth));
        if let Some(h) = &a.request_id_header {
            self.header(h);
        }
        let rate_limit_headers = a.rate_limit_headers.as_ref().map(|r| {
            let mut pick = |h: &Option<Located<String>>, default: &str| match h {
                Some(h) => {
                    self.header(h);
                    h.value.clone()
                }
                None => default.to_owned(),
            };
            model::RateLimitHeaders {
                limit: pick(&r.limit, header::RATE_LIMIT_LIMIT),
                remaining: pick(&r.remaining, header::RATE_LIMIT_REMAINING),
                reset: pick(&r.reset, header::RATE_LIMIT_RESET),
                reset_format: self.reset_format(r.reset_format.as_ref()),
            }
        });
        let envelope_key = |k: Option<&Option<Located<String>>>, default: &str| match k {
            None => Some(default.to_owned()),
            Some(None) => None,
            Some(Some(k)) => Some(k.value.clone()),
        };
        let envelope_data = envelope_key(a.envelope.as_ref().and_then(|e| e.data.as_ref()), "data");
        let envelope_error =
            envelope_key(a.envelope.as_ref().and_then(|e| e.error.as_ref()), "error");
        for key in a
            .envelope
            .iter()
            .flat_map(|e| [&e.data, &e.error])
            .flatten()
            .flatten()
        {
            if key.value.trim().is_empty() {
                self.err(
                    key.pos,
                    "envelope key must not be empty; use `null` for a bare body",
                );
            }
        }
        Api {
            name: a.name.value.clone(),
            title: a
                .title
                .as_ref()
                .map_or_else(|| a.name.value.clone(), |t| t.value.trim().to_owned()),
            description: a.description.as_ref().map(|d| d.value.trim().to_owned()),
            base_url,
            auth,
            request_id_header: a.request_id_header.as_ref().map(|h| h.value.clone()),
            rate_limit_headers,
            envelope_data,
            envelope_error,
            error_fields: model::ErrorFields::default(),
            retry: model::RetryDefaults::default(),
            errors: Vec::new(),
            types: Vec::new(),
            endpoints: Vec::new(),
        }
    }

    /// Checks the base URL; returns it without a trailing `/`, as written.
    fn base_url(&mut self, url: &Located<String>) -> String {
        if let Some(problem) = base_url::problem(&url.value) {
            self.err(
                url.pos,
                format!("bad base_url `{}`: an absolute URL {problem}", url.value),
            );
        }
        url.value.trim_end_matches('/').to_owned()
    }

    pub(super) fn header(&mut self, h: &Located<String>) {
        if !is_header_name(&h.value) {
            self.err(
                h.pos,
                format!("`{}` is not a valid HTTP header name", h.value),
            );
        }
    }

    /// The retry defaults: the model's, overridden by `retry:`.
    pub(super) fn retry(&mut self, r: Option<&RetrySection>) -> model::RetryDefaults {
        let mut out = model::RetryDefaults::default();
        let Some(r) = r else { return out };
        if let Some(m) = &r.max_attempts {
            if m.value == 0 {
                self.err(
                    m.pos,
                    "`max_attempts` must be at least 1 (it counts the first attempt)",
                );
            } else if m.value > MAX_ATTEMPTS {
                self.err(
                    m.pos,
                    format!(
                        "`max_attempts: {}` is more than 100; that is a retry storm, not a policy",
                        m.value
                    ),
                );
            }
            out.max_attempts = u32::try_from(m.value).unwrap_or(u32::MAX);
        }
        if let Some(b) = &r.base_delay_ms {
            if b.value > MAX_DELAY_MS {
                self.err(b.pos, "`base_delay_ms` must be at most 3600000 (one hour)");
            }
            out.base_delay_ms = b.value;
        }
        if let Some(m) = &r.max_delay_ms {
            if m.value > MAX_DELAY_MS {
                self.err(m.pos, "`max_delay_ms` must be at most 3600000 (one hour)");
            }
            out.max_delay_ms = m.value;
        }
        if out.base_delay_ms > out.max_delay_ms {
            let pos = r
                .base_delay_ms
                .as_ref()
                .or(r.max_delay_ms.as_ref())
                .map_or(Pos::START, |l| l.pos);
            self.err(
                pos,
                format!(
                    "`base_delay_ms` ({}) is larger than `max_delay_ms` ({}{})",
                    out.base_delay_ms,
                    out.max_delay_ms,
                    if r.max_delay_ms.is_none() {
                        ", the default"
                    } else {
                        ""
                    }
                ),
            );
        }
        if let Some(m) = &r.max_retry_after_s {
            if m.value > MAX_RETRY_AFTER_S {
                self.err(m.pos, "`max_retry_after_s` must be at most 86400 (one day)");
            }
            out.max_retry_after_s = m.value;
        }
        out
    }
}

use crate::names::is_header_name;
