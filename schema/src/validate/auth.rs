//! `api.auth` (the scheme and the `name` and `env` it needs or refuses) and the
//! rate-limit `reset_format`.

use super::Validator;
use crate::document::AuthSection;
use crate::located::Located;
use crate::model;
use vook_vocab::auth::{AuthScheme, is_query_name};
use vook_vocab::rate_limit::ResetFormat;

/// Headers the client or HTTP itself sets on every request: a `header` scheme's key
/// cannot travel in them (compare case-insensitively).
pub const CLIENT_HEADERS: &[&str] = &[
    "Accept",
    "Content-Type",
    "Content-Length",
    "User-Agent",
    "Host",
    "Idempotency-Key",
    "Transfer-Encoding",
    "Connection",
];

/// `` `a`, `b` or `c` `` of every spelling, for "expected ..." messages.
pub(super) fn one_of(spellings: &[&str]) -> String {
    let quoted: Vec<String> = spellings.iter().map(|s| format!("`{s}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// `; write it in lowercase: `x`` when `value` is a spelling in another case.
fn lowercase_hint<T>(
    value: &str,
    parse: impl Fn(&str) -> Option<T>,
    spell: fn(T) -> &'static str,
) -> String {
    match parse(&value.trim().to_ascii_lowercase()) {
        Some(v) => format!("; write it in lowercase: `{}`", spell(v)),
        None => String::new(),
    }
}

impl Validator<'_, '_> {
    /// The model's auth: `None` for no auth (`auth` absent or `scheme: none`).
    pub(super) fn auth(&mut self, auth: &AuthSection) -> Option<model::Auth> {
        let scheme = match &auth.scheme {
            None => AuthScheme::Bearer,
            Some(s) => match AuthScheme::parse(&s.value) {
                Some(scheme) => scheme,
                None => {
                    let hint = lowercase_hint(&s.value, AuthScheme::parse, AuthScheme::as_str);
                    let expected = one_of(&AuthScheme::ALL.map(AuthScheme::as_str));
                    self.err(
                        s.pos,
                        format!(
                            "unknown auth scheme `{}`; expected {expected}{hint}",
                            s.value
                        ),
                    );
                    AuthScheme::Bearer
                }
            },
        };
        let name = self.auth_name(scheme, auth);
        if let Some(env) = &auth.env {
            if !scheme.takes_key() {
                self.err(
                    env.pos,
                    "auth scheme `none` sends no key, so it reads no variable: remove `env`",
                );
            } else if !is_env_var_name(&env.value) && !self.ix.broken("api.auth.env") {
                self.err(env.pos, format!("`{}` is not an environment variable name; use UPPER_SNAKE_CASE such as `VOOK_API_KEY`", env.value));
            }
        }
        if !scheme.takes_key() {
            return None;
        }
        Some(model::Auth {
            scheme,
            name,
            env: auth
                .env
                .as_ref()
                .map(|e| e.value.clone())
                .unwrap_or_default(),
        })
    }

    /// The `name` of a `header` or `query` scheme (required there, refused elsewhere).
    fn auth_name(&mut self, scheme: AuthScheme, auth: &AuthSection) -> Option<String> {
        match (&auth.name, scheme.takes_name()) {
            (Some(name), true) => {
                let own = CLIENT_HEADERS
                    .iter()
                    .find(|h| h.eq_ignore_ascii_case(&name.value));
                if scheme == AuthScheme::Header
                    && let Some(own) = own
                {
                    self.err(
                        name.pos,
                        format!("`{}` is a header the client sets itself (`{own}`); the key needs a header of its own, such as `X-Api-Key`", name.value),
                    );
                } else if scheme == AuthScheme::Header {
                    self.header(name);
                } else if !is_query_name(&name.value) {
                    self.err(
                        name.pos,
                        format!(
                            "`{}` is not a valid query parameter name; use letters, digits, `-`, `.`, `_` and `~`",
                            name.value
                        ),
                    );
                }
                Some(name.value.clone())
            }
            (None, true) => {
                let (pos, example) = match scheme {
                    AuthScheme::Header => ("the header", "name: X-Api-Key"),
                    _ => ("the query parameter", "name: api_key"),
                };
                let at = auth
                    .scheme
                    .as_ref()
                    .map_or(crate::diagnostic::Pos::START, |s| s.pos);
                self.err(
                    at,
                    format!(
                        "auth scheme `{scheme}` needs `name`: {pos} that carries the key (e.g. `{example}`)"
                    ),
                );
                None
            }
            (Some(name), false) => {
                let sends = match scheme {
                    AuthScheme::Bearer => "sends `Authorization: Bearer KEY`",
                    AuthScheme::Basic => "sends `Authorization: Basic ...`",
                    _ => "sends no key",
                };
                self.err(
                    name.pos,
                    format!(
                        "auth scheme `{scheme}` takes no `name` (it {sends}); `name` is for the `header` and `query` schemes"
                    ),
                );
                None
            }
            (None, false) => None,
        }
    }

    /// `reset_format` of `api.rate_limit_headers` (default `epoch`).
    pub(super) fn reset_format(&mut self, f: Option<&Located<String>>) -> ResetFormat {
        let Some(f) = f else {
            return ResetFormat::Epoch;
        };
        ResetFormat::parse(&f.value).unwrap_or_else(|| {
            let hint = lowercase_hint(&f.value, ResetFormat::parse, ResetFormat::as_str);
            let expected = one_of(&ResetFormat::ALL.map(ResetFormat::as_str));
            self.err(
                f.pos,
                format!(
                    "unknown reset_format `{}`; expected {expected}{hint}",
                    f.value
                ),
            );
            ResetFormat::Epoch
        })
    }
}

/// UPPER_SNAKE_CASE: starts with an uppercase letter or `_`, then uppercase
/// letters, digits and `_`.
fn is_env_var_name(env: &str) -> bool {
    env.starts_with(|c: char| c.is_ascii_uppercase() || c == '_')
        && env
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}
