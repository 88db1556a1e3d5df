//! Second stage: the located YAML tree to a [`Document`], with the simple checks
//! done while reading (shape, types, unknown and duplicate keys, required keys).
//! Every problem is collected; a section with a problem is skipped so the rest
//! of the file is still read and checked.

use crate::diagnostic::{Diagnostic, Pos};
use crate::document::*;
use crate::located::{Entries, Located};
use crate::node::{Node, Value};

/// Reads `root` as a spec document. On problems returns `None` for the document
/// (when a required part is unusable) and pushes every diagnostic to `diags`.
pub fn document(root: &Node, diags: &mut Vec<Diagnostic>) -> Option<Document> {
    let mut r = Reader { diags, broken: Vec::new() };
    r.document(root)
}

struct Reader<'d> {
    diags: &'d mut Vec<Diagnostic>,
    broken: Vec<String>,
}

/// A mapping's entries after the key checks, looked up by key.
struct Obj<'n> {
    pos: Pos,
    what: String,
    entries: Vec<(Located<String>, &'n Node)>,
}

impl<'n> Obj<'n> {
    /// Where `key` was written, if present.
    fn key_pos(&self, key: &str) -> Option<Pos> {
        self.entries.iter().find(|(k, _)| k.value == key).map(|(k, _)| k.pos)
    }

    /// Reports missing keys at `pos` (the key this mapping sits under) from now on.
    fn at(mut self, pos: Option<Pos>) -> Self {
        if let Some(p) = pos {
            self.pos = p;
        }
        self
    }

    fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries.iter().find(|(k, _)| k.value == key).map(|(_, v)| *v)
    }
}

impl Reader<'_> {
    fn err(&mut self, pos: Pos, msg: impl Into<String>) {
        self.diags.push(Diagnostic::new(pos, msg));
    }

    /// The entries of a mapping with string keys; reports a non-mapping, non-string
    /// keys and duplicate keys (keeping the first).
    fn entries<'n>(&mut self, node: &'n Node, what: &str) -> Option<Vec<(Located<String>, &'n Node)>> {
        let Value::Map(items) = &node.value else {
            if node.value != Value::Null {
                self.err(node.pos, format!("{what} must be a mapping, found {}", node.value.kind()));
            } else {
                self.err(node.pos, format!("{what} must be a mapping, found nothing"));
            }
            return None;
        };
        let mut out: Vec<(Located<String>, &'n Node)> = Vec::with_capacity(items.len());
        for (k, v) in items {
            let Value::Str(name) = &k.value else {
                self.err(k.pos, format!("keys in {what} must be strings, found {}", k.value.kind()));
                continue;
            };
            if let Some((first, _)) = out.iter().find(|(f, _)| f.value == *name) {
                let line = first.pos.line;
                self.err(k.pos, format!("duplicate key `{name}` in {what} (first defined on line {line})"));
                continue;
            }
            out.push((Located::new(name.clone(), k.pos), v));
        }
        Some(out)
    }

    /// A mapping with a fixed set of keys: unknown keys are reported with a suggestion.
    fn object<'n>(&mut self, node: &'n Node, what: &str, allowed: &[&str]) -> Option<Obj<'n>> {
        let entries = self.entries(node, what)?;
        let mut kept = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            if allowed.contains(&k.value.as_str()) {
                kept.push((k, v));
            } else {
                let hint = suggest(&k.value, allowed)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_else(|| format!("; expected one of {}", list(allowed)));
                self.err(k.pos, format!("unknown key `{}` in {what}{hint}", k.value));
            }
        }
        Some(Obj { pos: node.pos, what: what.to_owned(), entries: kept })
    }

    fn required<'n>(&mut self, obj: &Obj<'n>, key: &str) -> Option<&'n Node> {
        let found = obj.get(key);
        if found.is_none() {
            self.err(obj.pos, format!("missing required key `{key}` in {}", obj.what));
        }
        found
    }

    fn string(&mut self, node: &Node, what: &str) -> Option<Located<String>> {
        match &node.value {
            Value::Str(s) => Some(Located::new(s.clone(), node.pos)),
            other => {
                self.err(node.pos, format!("{what} must be a string, found {}", other.kind()));
                None
            }
        }
    }

    fn opt_string(&mut self, obj: &Obj<'_>, key: &str) -> Option<Located<String>> {
        let node = obj.get(key)?;
        let what = format!("`{key}` in {}", obj.what);
        self.string(node, &what)
    }

    fn req_string(&mut self, obj: &Obj<'_>, key: &str) -> Option<Located<String>> {
        let node = self.required(obj, key)?;
        let what = format!("`{key}` in {}", obj.what);
        self.string(node, &what)
    }

    fn uint(&mut self, node: &Node, what: &str) -> Option<Located<u64>> {
        match &node.value {
            Value::Int(i) if *i >= 0 => Some(Located::new(*i as u64, node.pos)),
            Value::UInt(u) => Some(Located::new(*u, node.pos)),
            Value::Int(i) => {
                self.err(node.pos, format!("{what} must be a non-negative integer, found {i}"));
                None
            }
            other => {
                self.err(node.pos, format!("{what} must be an integer, found {}", other.kind()));
                None
            }
        }
    }

    fn opt_uint(&mut self, obj: &Obj<'_>, key: &str) -> Option<Located<u64>> {
        let node = obj.get(key)?;
        let what = format!("`{key}` in {}", obj.what);
        self.uint(node, &what)
    }

    fn opt_bool(&mut self, obj: &Obj<'_>, key: &str) -> Option<Located<bool>> {
        let node = obj.get(key)?;
        match &node.value {
            Value::Bool(b) => Some(Located::new(*b, node.pos)),
            other => {
                let what = format!("`{key}` in {}", obj.what);
                self.err(node.pos, format!("{what} must be true or false, found {}", other.kind()));
                None
            }
        }
    }

    fn string_list(&mut self, node: &Node, what: &str) -> Option<Vec<Located<String>>> {
        let Value::Seq(items) = &node.value else {
            self.err(node.pos, format!("{what} must be a list, found {}", node.value.kind()));
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            if let Some(s) = self.string(item, &format!("an item of {what}")) {
                out.push(s);
            }
        }
        Some(out)
    }

    fn document(&mut self, root: &Node) -> Option<Document> {
        const KEYS: &[&str] = &["vook", "api", "retry", "errors", "error_sets", "types", "endpoints"];
        let obj = self.object(root, "the spec", KEYS)?;

        let vook = self.required(&obj, "vook").and_then(|n| self.uint(n, "`vook`"));
        if let Some(v) = vook.as_ref().filter(|v| v.value != 1) {
            self.err(v.pos, format!("unsupported format version `vook: {}`; this vook reads `vook: 1`", v.value));
        }
        let api_at = obj.key_pos("api").unwrap_or(obj.pos);
        let api = self.required(&obj, "api").and_then(|n| self.api(n, api_at));
        let retry = obj.get("retry").and_then(|n| self.retry(n));
        let errors = self
            .required(&obj, "errors")
            .and_then(|n| self.map_of(n, "`errors`", |r, key, n| r.error(key, n)));
        let error_sets = obj.get("error_sets").and_then(|n| {
            self.map_of(n, "`error_sets`", |r, key, n| {
                r.string_list(n, &format!("error set `{}`", key.value))
            })
        });
        let types = obj
            .get("types")
            .and_then(|n| self.map_of(n, "`types`", |r, key, n| r.type_def(key, n)));
        let endpoints = self
            .required(&obj, "endpoints")
            .and_then(|n| self.map_of(n, "`endpoints`", |r, key, n| r.endpoint(key, n)));

        Some(Document {
            vook: vook?,
            api: api?,
            retry,
            errors: errors?,
            error_sets,
            types,
            endpoints: endpoints?,
            broken: std::mem::take(&mut self.broken),
        })
    }

    /// A mapping of names to sections; a broken section is dropped (its problems reported).
    fn map_of<T>(
        &mut self,
        node: &Node,
        what: &str,
        mut item: impl FnMut(&mut Self, &Located<String>, &Node) -> Option<T>,
    ) -> Option<Entries<T>> {
        if node.value == Value::Null {
            return Some(Entries::default());
        }
        let entries = self.entries(node, what)?;
        let mut out = Vec::with_capacity(entries.len());
        let section = what.trim_matches('`');
        for (k, v) in entries {
            match item(self, &k, v) {
                Some(t) => out.push((k, t)),
                None => self.broken.push(format!("{section}.{}", k.value)),
            }
        }
        Some(Entries(out))
    }

    fn api(&mut self, node: &Node, at: Pos) -> Option<ApiSection> {
        const KEYS: &[&str] = &[
            "name",
            "title",
            "description",
            "base_url",
            "auth",
            "request_id_header",
            "rate_limit_headers",
            "envelope",
        ];
        let obj = self.object(node, "`api`", KEYS)?.at(Some(at));
        let name = self.req_string(&obj, "name");
        let title = self.opt_string(&obj, "title");
        let description = self.opt_string(&obj, "description");
        let base_url = self.req_string(&obj, "base_url");
        let auth = obj.get("auth").and_then(|n| {
            let o = self.object(n, "`api.auth`", &["scheme", "env"])?.at(obj.key_pos("auth"));
            let scheme = self.req_string(&o, "scheme");
            let env = self.req_string(&o, "env");
            Some(AuthSection { scheme: scheme?, env: env? })
        });
        let request_id_header = self.opt_string(&obj, "request_id_header");
        let rate_limit_headers = obj.get("rate_limit_headers").and_then(|n| {
            let o = self
                .object(n, "`api.rate_limit_headers`", &["limit", "remaining", "reset"])?
                .at(obj.key_pos("rate_limit_headers"));
            let limit = self.req_string(&o, "limit");
            let remaining = self.req_string(&o, "remaining");
            let reset = self.req_string(&o, "reset");
            Some(RateLimitSection { limit: limit?, remaining: remaining?, reset: reset? })
        });
        let envelope = obj.get("envelope").and_then(|n| {
            let o = self.object(n, "`api.envelope`", &["data", "error"])?;
            let data = self.opt_nullable_string(&o, "data");
            let error = self.opt_nullable_string(&o, "error");
            Some(EnvelopeSection { data, error })
        });
        Some(ApiSection {
            name: name?,
            title,
            description,
            base_url: base_url?,
            auth,
            request_id_header,
            rate_limit_headers,
            envelope,
        })
    }

    fn opt_nullable_string(&mut self, obj: &Obj<'_>, key: &str) -> Option<Located<String>> {
        match obj.get(key) {
            Some(n) if n.value == Value::Null => None,
            _ => self.opt_string(obj, key),
        }
    }

    fn retry(&mut self, node: &Node) -> Option<RetrySection> {
        const KEYS: &[&str] = &["max_attempts", "base_delay_ms", "max_delay_ms", "max_retry_after_s"];
        if node.value == Value::Null {
            return None;
        }
        let obj = self.object(node, "`retry`", KEYS)?;
        Some(RetrySection {
            max_attempts: self.opt_uint(&obj, "max_attempts"),
            base_delay_ms: self.opt_uint(&obj, "base_delay_ms"),
            max_delay_ms: self.opt_uint(&obj, "max_delay_ms"),
            max_retry_after_s: self.opt_uint(&obj, "max_retry_after_s"),
        })
    }

    fn error(&mut self, key: &Located<String>, node: &Node) -> Option<ErrorSection> {
        const KEYS: &[&str] = &["status", "retry", "summary", "fix", "message", "details"];
        let what = format!("error `{}`", key.value);
        let obj = self.object(node, &what, KEYS)?.at(Some(key.pos));
        let status = self
            .required(&obj, "status")
            .and_then(|n| self.uint(n, &format!("`status` in {what}")));
        let retry = self.opt_string(&obj, "retry");
        let summary = self.req_string(&obj, "summary");
        let fix = self.opt_string(&obj, "fix");
        let message = self.opt_string(&obj, "message");
        let details = self.opt_bool(&obj, "details");
        Some(ErrorSection { status: status?, retry, summary: summary?, fix, message, details })
    }

    fn type_def(&mut self, key: &Located<String>, node: &Node) -> Option<TypeSection> {
        let what = format!("type `{}`", key.value);
        let obj = self.object(node, &what, &["description", "fields", "enum"])?.at(Some(key.pos));
        let description = self.opt_string(&obj, "description");
        let fields = obj.get("fields").and_then(|n| {
            self.map_of(n, &format!("the fields of {what}"), |r, k, n| {
                r.field(n, &format!("field `{}` of {what}", k.value))
            })
        });
        let enum_values = obj.get("enum").and_then(|n| self.string_list(n, &format!("`enum` of {what}")));
        match (obj.get("fields"), obj.get("enum")) {
            (Some(_), Some(e)) => {
                self.err(e.pos, format!("{what} has both `fields` and `enum`; a type is a struct or an enum"));
                return None;
            }
            (None, None) => {
                self.err(obj.pos, format!("{what} needs `fields` (a struct) or `enum` (a string enum)"));
                return None;
            }
            _ => {}
        }
        Some(TypeSection { description, fields, enum_values })
    }

    fn field(&mut self, node: &Node, what: &str) -> Option<FieldSection> {
        match &node.value {
            Value::Str(s) => Some(FieldSection::Short(Located::new(s.clone(), node.pos))),
            Value::Map(_) => {
                let obj = self.object(node, what, &["type", "description"])?;
                let ty = self.req_string(&obj, "type");
                let description = self.opt_string(&obj, "description");
                Some(FieldSection::Long(LongField { ty: ty?, description }))
            }
            other => {
                self.err(
                    node.pos,
                    format!("{what} must be a type such as `string` or `[Item]`, found {}", other.kind()),
                );
                None
            }
        }
    }

    fn endpoint(&mut self, key: &Located<String>, node: &Node) -> Option<EndpointSection> {
        const KEYS: &[&str] = &[
            "method",
            "path",
            "summary",
            "description",
            "path_params",
            "query",
            "body",
            "response",
            "status",
            "errors",
            "idempotent",
        ];
        let what = format!("endpoint `{}`", key.value);
        let obj = self.object(node, &what, KEYS)?.at(Some(key.pos));
        let method = self.req_string(&obj, "method");
        let path = self.req_string(&obj, "path");
        let summary = self.opt_string(&obj, "summary");
        let description = self.opt_string(&obj, "description");
        let path_params = obj.get("path_params").and_then(|n| {
            self.map_of(n, &format!("`path_params` of {what}"), |r, k, n| {
                r.string(n, &format!("path parameter `{}` of {what}", k.value))
            })
        });
        let query = obj.get("query").and_then(|n| {
            self.map_of(n, &format!("`query` of {what}"), |r, k, n| {
                r.field(n, &format!("query parameter `{}` of {what}", k.value))
            })
        });
        let body = self.opt_string(&obj, "body");
        let response = self.req_string(&obj, "response");
        let status = self.opt_uint(&obj, "status");
        let errors = obj
            .get("errors")
            .and_then(|n| self.string_list(n, &format!("`errors` of {what}")));
        let idempotent = self.opt_bool(&obj, "idempotent");
        Some(EndpointSection {
            method: method?,
            path: path?,
            summary,
            description,
            path_params,
            query,
            body,
            response: response?,
            status,
            errors,
            idempotent,
        })
    }
}

fn list(items: &[&str]) -> String {
    items.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
}

/// The closest allowed name, if it is close enough to be a likely typo.
pub(crate) fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
