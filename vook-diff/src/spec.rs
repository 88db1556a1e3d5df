//! One side of a diff: a spec loaded both as the resolved [`Api`] (what the
//! generator reads) and as the located [`Document`] (where each part is
//! written), so that every change can point at both files.

use vook_schema::document::{Document, FieldSection};
use vook_schema::located::{Entries, Located};
use vook_schema::{Api, Diagnostic, Diagnostics, Pos};

/// A loaded, valid spec: its name as shown, its model and its located document.
#[derive(Clone, Debug)]
pub struct Spec {
    /// The path shown in locations (as given, or `REV:path` for a git revision).
    pub shown: String,
    /// The resolved model.
    pub api: Api,
    /// The document as written, with positions.
    pub doc: Document,
}

impl Spec {
    /// Loads and validates spec text; a bad spec gives the validator's
    /// located diagnostics.
    pub fn load_str(shown: &str, text: &str) -> Result<Spec, Diagnostics> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let root = vook_schema::node::parse_str(text)
            .map_err(|d| Diagnostics::new(shown, text, vec![d]))?;
        let mut diags = Vec::new();
        let doc = vook_schema::parse::document(&root, &mut diags);
        let api = doc
            .as_ref()
            .and_then(|d| vook_schema::validate::validate(d, &mut diags));
        match (doc, api) {
            (Some(doc), Some(api)) if diags.is_empty() => Ok(Spec {
                shown: shown.to_owned(),
                api,
                doc,
            }),
            _ => {
                if diags.is_empty() {
                    diags.push(Diagnostic::new(Pos::START, "spec could not be read"));
                }
                Err(Diagnostics::new(shown, text, diags))
            }
        }
    }

    /// Loads spec bytes (at most [`vook_schema::node::MAX_SPEC_BYTES`]).
    pub fn load_bytes(shown: &str, bytes: &[u8]) -> Result<Spec, Diagnostics> {
        if bytes.len() > vook_schema::node::MAX_SPEC_BYTES {
            // The validator's own message and limit.
            return vook_schema::load_bytes(shown, bytes).and_then(|_| {
                Err(Diagnostics::new(
                    shown,
                    "",
                    vec![Diagnostic::new(Pos::START, "spec file is too large")],
                ))
            });
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Spec::load_str(shown, text),
            // Let the validator report the encoding problem where it is.
            Err(_) => match vook_schema::load_bytes(shown, bytes) {
                Err(d) => Err(d),
                Ok(_) => Spec::load_str(shown, &String::from_utf8_lossy(bytes)),
            },
        }
    }

    /// Loads the spec file at `path`, shown as `shown`; reads at most the
    /// size limit plus one byte.
    pub fn load_file(path: &std::path::Path, shown: &str) -> Result<Spec, Diagnostics> {
        use std::io::Read;
        let mut bytes = Vec::new();
        let read = std::fs::File::open(path).and_then(|f| {
            f.take(vook_schema::node::MAX_SPEC_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
        });
        match read {
            Ok(_) => Spec::load_bytes(shown, &bytes),
            // The validator words the unreadable file (and a too large one) itself.
            Err(_) => vook_schema::load_file(path, shown).and_then(|_| {
                Err(Diagnostics::new(
                    shown,
                    "",
                    vec![Diagnostic::new(Pos::START, "cannot read spec")],
                ))
            }),
        }
    }

    /// A position in this spec as a [`crate::Location`].
    pub(crate) fn at(&self, pos: Pos) -> crate::Location {
        crate::Location {
            path: self.shown.clone(),
            line: pos.line,
            col: pos.col,
        }
    }

    /// Where the `api` section key `key` is written; else the API's name.
    pub(crate) fn api_pos(&self, key: &str) -> Pos {
        let a = &self.doc.api;
        let found = match key {
            "name" => Some(a.name.pos),
            "title" => a.title.as_ref().map(|l| l.pos),
            "description" => a.description.as_ref().map(|l| l.pos),
            "base_url" => Some(a.base_url.pos),
            "auth" => a.auth.as_ref().and_then(|s| {
                [&s.scheme, &s.name, &s.env]
                    .into_iter()
                    .flatten()
                    .map(|l| l.pos)
                    .min()
            }),
            "request_id_header" => a.request_id_header.as_ref().map(|l| l.pos),
            "rate_limit_headers" => a.rate_limit_headers.as_ref().and_then(|r| {
                [&r.limit, &r.remaining, &r.reset, &r.reset_format]
                    .into_iter()
                    .flatten()
                    .map(|l| l.pos)
                    .min()
            }),
            "envelope" => a.envelope.as_ref().and_then(|e| {
                [&e.data, &e.error]
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|l| l.pos)
                    .min()
            }),
            _ => None,
        };
        found.unwrap_or(a.name.pos)
    }

    /// Where the `retry` key `key` is written; else the API's name.
    pub(crate) fn retry_pos(&self, key: &str) -> Pos {
        let r = self.doc.retry.as_ref();
        let found = r.and_then(|r| match key {
            "max_attempts" => r.max_attempts.as_ref(),
            "base_delay_ms" => r.base_delay_ms.as_ref(),
            "max_delay_ms" => r.max_delay_ms.as_ref(),
            _ => r.max_retry_after_s.as_ref(),
        });
        found.map_or(self.doc.api.name.pos, |l| l.pos)
    }

    /// Where error code `code` is defined; else the start of the `errors` section.
    pub(crate) fn error_pos(&self, code: &str) -> Pos {
        key_or_first(&self.doc.errors, code)
    }

    /// Where `key` of error code `code` is written; else the code.
    pub(crate) fn error_key_pos(&self, code: &str, key: &str) -> Pos {
        let found = self.doc.errors.get(code).and_then(|e| match key {
            "status" => Some(e.status.pos),
            "retry" => e.retry.as_ref().map(|l| l.pos),
            "summary" => e.summary.as_ref().map(|l| l.pos),
            "fix" => e.fix.as_ref().map(|l| l.pos),
            "message" => e.message.as_ref().map(|l| l.pos),
            "details" => e.details.as_ref().map(|l| l.pos),
            _ => None,
        });
        found.unwrap_or_else(|| self.error_pos(code))
    }

    fn types(&self) -> Option<&Entries<vook_schema::document::TypeSection>> {
        self.doc.types.as_ref()
    }

    /// Where type `name` is defined; else the start of the `types` section.
    pub(crate) fn type_pos(&self, name: &str) -> Pos {
        self.types().map_or(Pos::START, |t| key_or_first(t, name))
    }

    /// Where the type's `description` is; else the type.
    pub(crate) fn type_description_pos(&self, name: &str) -> Pos {
        self.types()
            .and_then(|t| t.get(name))
            .and_then(|t| t.description.as_ref())
            .map_or_else(|| self.type_pos(name), |l| l.pos)
    }

    /// Where field `field` of type `name` is; else the type.
    pub(crate) fn field_pos(&self, name: &str, field: &str) -> Pos {
        self.types()
            .and_then(|t| t.get(name))
            .and_then(|t| t.fields.as_ref())
            .and_then(|f| f.key(field))
            .map_or_else(|| self.type_pos(name), |k| k.pos)
    }

    /// Where enum value `wire` of type `name` is; else the type.
    pub(crate) fn enum_value_pos(&self, name: &str, wire: &str) -> Pos {
        self.types()
            .and_then(|t| t.get(name))
            .and_then(|t| t.enum_values.as_ref())
            .and_then(|vs| vs.iter().find(|v| v.value == wire))
            .map_or_else(|| self.type_pos(name), |l| l.pos)
    }

    /// Where endpoint `name` is defined; else the start of the `endpoints` section.
    pub(crate) fn endpoint_pos(&self, name: &str) -> Pos {
        key_or_first(&self.doc.endpoints, name)
    }

    /// Where `key` of endpoint `name` is written; else the endpoint.
    pub(crate) fn endpoint_key_pos(&self, name: &str, key: &str) -> Pos {
        let found = self.doc.endpoints.get(name).and_then(|e| match key {
            "method" => Some(e.method.pos),
            "path" => Some(e.path.pos),
            "summary" => e.summary.as_ref().map(|l| l.pos),
            "description" => e.description.as_ref().map(|l| l.pos),
            "path_params" => e.path_params.as_ref().and_then(first_key),
            "query" => e.query.as_ref().and_then(first_key),
            "body" => e.body.as_ref().map(|l| l.pos),
            "response" => e.response.as_ref().map(|l| l.pos),
            "status" => e.status.as_ref().map(|l| l.pos),
            "errors" => e.errors.as_ref().and_then(|v| v.first()).map(|l| l.pos),
            "idempotent" => e.idempotent.as_ref().map(|l| l.pos),
            "paginate" => e.paginate.as_ref().map(|p| p.pos),
            "body_encoding" => e.body_encoding.as_ref().map(|l| l.pos),
            _ => None,
        });
        found.unwrap_or_else(|| self.endpoint_pos(name))
    }

    /// Where path parameter `param` of endpoint `name` is; else its path.
    pub(crate) fn path_param_pos(&self, name: &str, param: &str) -> Pos {
        self.doc
            .endpoints
            .get(name)
            .and_then(|e| e.path_params.as_ref())
            .and_then(|p| p.key(param))
            .map_or_else(|| self.endpoint_key_pos(name, "path"), |k| k.pos)
    }

    /// Where query parameter `param` of endpoint `name` is; else the endpoint.
    pub(crate) fn query_pos(&self, name: &str, param: &str) -> Pos {
        self.doc
            .endpoints
            .get(name)
            .and_then(|e| e.query.as_ref())
            .and_then(|q| q.key(param))
            .map_or_else(|| self.endpoint_key_pos(name, "query"), |k| k.pos)
    }

    /// Where endpoint `name` names `code` (directly, else its `errors` list).
    pub(crate) fn endpoint_error_pos(&self, name: &str, code: &str) -> Pos {
        self.doc
            .endpoints
            .get(name)
            .and_then(|e| e.errors.as_ref())
            .and_then(|v| v.iter().find(|l| l.value == code))
            .map_or_else(|| self.endpoint_key_pos(name, "errors"), |l| l.pos)
    }

    /// Where a field's description is (type field or query parameter); else the field.
    pub(crate) fn field_description_pos(&self, owner: FieldOwner<'_>, field: &str) -> Pos {
        let section: Option<&FieldSection> = match owner {
            FieldOwner::Type(t) => self
                .types()
                .and_then(|ts| ts.get(t))
                .and_then(|t| t.fields.as_ref())
                .and_then(|f| f.get(field)),
            FieldOwner::Query(ep) => self
                .doc
                .endpoints
                .get(ep)
                .and_then(|e| e.query.as_ref())
                .and_then(|q| q.get(field)),
        };
        section
            .and_then(|s| s.description().map(|l| l.pos))
            .unwrap_or_else(|| self.owner_field_pos(owner, field))
    }

    /// Where a field of a type or a query parameter is.
    pub(crate) fn owner_field_pos(&self, owner: FieldOwner<'_>, field: &str) -> Pos {
        match owner {
            FieldOwner::Type(t) => self.field_pos(t, field),
            FieldOwner::Query(ep) => self.query_pos(ep, field),
        }
    }
}

/// What a field belongs to: a named type or an endpoint's query.
#[derive(Clone, Copy, Debug)]
pub(crate) enum FieldOwner<'a> {
    /// A struct type of the spec.
    Type(&'a str),
    /// The `<Op>Query` of an endpoint.
    Query(&'a str),
}

fn first_key<T>(e: &Entries<T>) -> Option<Pos> {
    e.0.first().map(|(k, _)| k.pos)
}

fn key_or_first<T>(e: &Entries<T>, name: &str) -> Pos {
    e.key(name)
        .map(|k: &Located<String>| k.pos)
        .or_else(|| first_key(e))
        .unwrap_or(Pos::START)
}
