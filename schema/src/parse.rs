//! Second stage: the located YAML tree to a [`Document`], with the simple checks
//! done while reading (shape, types, unknown and duplicate keys, required keys).
//!
//! Every problem is collected, and one mistake is reported once: a value of the
//! wrong type is reported where it is written and replaced by a placeholder (its
//! dotted path recorded in [`Document::broken`]), so that the rest of the file
//! is still read and checked and the validator does not report it again.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Pos};
use crate::document::*;
use crate::located::{Entries, Located};
use crate::node::{Node, Value};

/// The keys each mapping of the format accepts. `SECTIONS` names each list by
/// the JSON Schema definition it must match (`""` is the root), so a test can
/// check that the parser and [`crate::json_schema`] agree.
pub mod keys {
    /// The top level.
    pub const DOCUMENT: &[&str] = &[
        "vook",
        "api",
        "retry",
        "errors",
        "error_sets",
        "types",
        "endpoints",
    ];
    /// `api`.
    pub const API: &[&str] = &[
        "name",
        "title",
        "description",
        "base_url",
        "auth",
        "request_id_header",
        "rate_limit_headers",
        "envelope",
    ];
    /// `api.auth`.
    pub const AUTH: &[&str] = &["scheme", "env"];
    /// `api.rate_limit_headers`.
    pub const RATE_LIMIT_HEADERS: &[&str] = &["limit", "remaining", "reset"];
    /// `api.envelope`.
    pub const ENVELOPE: &[&str] = &["data", "error"];
    /// `retry`.
    pub const RETRY: &[&str] = &[
        "max_attempts",
        "base_delay_ms",
        "max_delay_ms",
        "max_retry_after_s",
    ];
    /// One entry of `errors`.
    pub const ERROR: &[&str] = &["status", "retry", "summary", "fix", "message", "details"];
    /// One entry of `types`.
    pub const TYPE: &[&str] = &["description", "fields", "enum"];
    /// The long form of a field or query parameter.
    pub const LONG_FIELD: &[&str] = &["type", "description"];
    /// One entry of `endpoints`.
    pub const ENDPOINT: &[&str] = &[
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
    /// Every key list, by JSON Schema definition name (`""`: the root schema).
    pub const SECTIONS: &[(&str, &[&str])] = &[
        ("", DOCUMENT),
        ("ApiSection", API),
        ("AuthSection", AUTH),
        ("RateLimitSection", RATE_LIMIT_HEADERS),
        ("EnvelopeSection", ENVELOPE),
        ("RetrySection", RETRY),
        ("ErrorSection", ERROR),
        ("TypeSection", TYPE),
        ("LongField", LONG_FIELD),
        ("EndpointSection", ENDPOINT),
    ];
}

/// Reads `root` as a spec document, pushing every problem to `diags`.
/// Returns `None` only when the root is not a mapping; otherwise a document
/// whose unusable parts are placeholders listed in [`Document::broken`].
pub fn document(root: &Node, diags: &mut Vec<Diagnostic>) -> Option<Document> {
    let mut r = Reader {
        diags,
        broken: Vec::new(),
        unreadable_key: false,
    };
    r.document(root)
}

struct Reader<'d> {
    diags: &'d mut Vec<Diagnostic>,
    broken: Vec<String>,
    /// The last mapping read by `entries` had a key that is not a name.
    unreadable_key: bool,
}

/// A mapping's entries after the key checks, looked up by key.
struct Obj<'n> {
    /// Where missing keys are reported: the key this mapping sits under.
    pos: Pos,
    /// How messages name this mapping: "`api`", "endpoint `get_item`".
    what: String,
    /// Dotted path for [`Document::broken`]: "api", "endpoints.get_item".
    path: String,
    entries: Vec<(Located<String>, &'n Node)>,
    /// Allowed keys that an unknown key was reported as a likely misspelling of:
    /// their absence is not reported again.
    misspelled: Vec<&'static str>,
}

impl<'n> Obj<'n> {
    fn key_pos(&self, key: &str) -> Option<Pos> {
        self.entries
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(k, _)| k.pos)
    }

    fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(_, v)| *v)
    }

    /// The value of an optional key; an empty value (`key:`) counts as absent.
    fn opt(&self, key: &str) -> Option<&'n Node> {
        self.get(key).filter(|n| n.value != Value::Null)
    }
}

/// Describes a value for "must be X, found Y" messages.
fn found(node: &Node) -> String {
    match &node.value {
        Value::Null => "nothing".to_owned(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Int(i) => format!("the integer `{i}`"),
        Value::UInt(u) => format!("the integer `{u}`"),
        Value::Float(f) => format!("the number `{f:?}`"),
        Value::Str(s) => {
            let shown: String = s.chars().take(40).collect();
            let more = if s.chars().count() > 40 { "..." } else { "" };
            format!("the string \"{}{more}\"", shown.escape_debug())
        }
        Value::Seq(_) => "a list".to_owned(),
        Value::Map(_) => "a mapping".to_owned(),
    }
}

/// The names a value of the wrong type could be meant as, for hints.
fn quoted_hint(node: &Node, want: &str) -> &'static str {
    match (&node.value, want) {
        (Value::Str(s), "integer") if s.trim().parse::<i64>().is_ok() => {
            "; write the number without quotes"
        }
        (Value::Str(s), "boolean") if matches!(s.trim(), "true" | "false") => {
            "; write it without quotes"
        }
        (Value::Str(s), "boolean")
            if matches!(
                s.trim().to_ascii_lowercase().as_str(),
                "yes" | "no" | "on" | "off" | "y" | "n"
            ) =>
        {
            "; write `true` or `false`"
        }
        _ => "",
    }
}

impl Reader<'_> {
    fn err(&mut self, pos: Pos, msg: impl Into<String>) {
        self.diags.push(Diagnostic::new(pos, msg));
    }

    fn broke(&mut self, path: impl Into<String>) {
        self.broken.push(path.into());
    }

    /// The entries of a mapping with string keys; reports a non-mapping, non-string
    /// keys and duplicate keys (keeping the first). `noun` names an entry in
    /// duplicate messages ("operation id", "field"); `None` for plain keys.
    fn entries<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        noun: Option<&str>,
    ) -> Option<Vec<(Located<String>, &'n Node)>> {
        let Value::Map(items) = &node.value else {
            let hint = match &node.value {
                Value::Seq(_) => "; write `name: value` pairs, not a `- ` list",
                _ => "",
            };
            self.err(
                node.pos,
                format!("{what} must be a mapping, found {}{hint}", found(node)),
            );
            return None;
        };
        let mut out: Vec<(Located<String>, &'n Node)> = Vec::with_capacity(items.len());
        let mut first_line: HashMap<String, u32> = HashMap::with_capacity(items.len());
        let mut unreadable = false;
        for (k, v) in items {
            let name = match &k.value {
                Value::Str(name) => name.clone(),
                // A number or boolean key is still a name (`404:`), reported later if it breaks a rule.
                Value::Int(i) => i.to_string(),
                Value::UInt(u) => u.to_string(),
                Value::Bool(b) => b.to_string(),
                other => {
                    let shown = if *other == Value::Null {
                        "nothing".to_owned()
                    } else {
                        other.kind().to_owned()
                    };
                    self.err(
                        k.pos,
                        format!("keys in {what} must be names, found {shown}"),
                    );
                    unreadable = true;
                    continue;
                }
            };
            if let Some(&line) = first_line.get(&name) {
                let msg = match noun {
                    Some(noun) => {
                        format!("duplicate {noun} `{name}` (first defined on line {line})")
                    }
                    None => {
                        format!("duplicate key `{name}` in {what} (first defined on line {line})")
                    }
                };
                self.err(k.pos, msg);
                continue;
            }
            first_line.insert(name.clone(), k.pos.line);
            out.push((Located::new(name, k.pos), v));
        }
        self.unreadable_key = unreadable;
        Some(out)
    }

    /// A mapping with a fixed set of keys: unknown keys are reported with a suggestion.
    /// `at` is where missing keys are reported (the key this mapping sits under).
    fn object<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        path: &str,
        allowed: &[&'static str],
        at: Pos,
    ) -> Option<Obj<'n>> {
        let entries = self.entries(node, what, None)?;
        let mut kept = Vec::with_capacity(entries.len());
        let mut misspelled = Vec::new();
        for (k, v) in entries {
            if allowed.contains(&k.value.as_str()) {
                kept.push((k, v));
                continue;
            }
            let hint = if matches!(k.value.as_str(), "required" | "optional" | "nullable")
                && allowed.contains(&"type")
            {
                "; a field is optional when its type ends in `?`, as in `string?`".to_owned()
            } else if let Some(s) = key_hint(&k.value, allowed) {
                misspelled.push(s);
                format!("; did you mean `{s}`?")
            } else {
                format!("; expected one of {}", list(allowed))
            };
            self.err(k.pos, format!("unknown key `{}` in {what}{hint}", k.value));
        }
        for key in &misspelled {
            // `path_params` written as `params`: do not also report each `{param}` as undeclared.
            self.broke(format!("{path}.{key}"));
        }
        Some(Obj {
            pos: at,
            what: what.to_owned(),
            path: path.to_owned(),
            entries: kept,
            misspelled,
        })
    }

    /// A required key's node, or a report at the parent key and a broken mark.
    fn required<'n>(&mut self, obj: &Obj<'n>, key: &str) -> Option<&'n Node> {
        let found = obj.get(key);
        if found.is_none() {
            if !obj.misspelled.contains(&key) {
                self.err(
                    obj.pos,
                    format!("missing required key `{key}` in {}", obj.what),
                );
            }
            self.broke(format!("{}.{key}", obj.path));
        }
        found
    }

    fn string(&mut self, node: &Node, what: &str) -> Option<Located<String>> {
        match &node.value {
            Value::Str(s) => Some(Located::new(s.clone(), node.pos)),
            _ => {
                let hint = match &node.value {
                    Value::Seq(_) | Value::Map(_) => "",
                    Value::Null => "",
                    _ => "; quote it",
                };
                self.err(
                    node.pos,
                    format!("{what} must be a string, found {}{hint}", found(node)),
                );
                None
            }
        }
    }

    /// A string from a fixed set (`retry`, `method`, `scheme`): a value of
    /// another type is reported with the choices, not with "quote it".
    fn choice(&mut self, obj: &Obj<'_>, key: &str, choices: &[&str]) -> Option<Located<String>> {
        // A required key (checked by the caller) with an empty value is reported here.
        let node = obj.get(key)?;
        if let Value::Str(s) = &node.value {
            return Some(Located::new(s.clone(), node.pos));
        }
        self.err(
            node.pos,
            format!(
                "`{key}` in {} must be one of {}, found {}",
                obj.what,
                list(choices),
                found(node)
            ),
        );
        None
    }

    /// A free-text value (`summary`, `title`, ...): any scalar reads as its text.
    fn text(&mut self, node: &Node, what: &str) -> Option<Located<String>> {
        let s = match &node.value {
            Value::Str(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::UInt(u) => u.to_string(),
            Value::Float(f) => f.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => return self.string(node, what),
        };
        Some(Located::new(s, node.pos))
    }

    fn opt_text(&mut self, obj: &Obj<'_>, key: &str) -> Option<Located<String>> {
        let node = obj.opt(key)?;
        let what = format!("`{key}` in {}", obj.what);
        self.text(node, &what)
    }

    fn opt_string(&mut self, obj: &Obj<'_>, key: &str) -> Option<Located<String>> {
        let node = obj.opt(key)?;
        let what = format!("`{key}` in {}", obj.what);
        self.string(node, &what)
    }

    /// A required string; a placeholder (empty, at the parent key) when missing or wrong.
    fn req_string(&mut self, obj: &Obj<'_>, key: &str) -> Located<String> {
        let got = self.required(obj, key).and_then(|node| {
            let what = format!("`{key}` in {}", obj.what);
            let s = self.string(node, &what);
            if s.is_none() {
                self.broke(format!("{}.{key}", obj.path));
            }
            s
        });
        got.unwrap_or_else(|| Located::new(String::new(), obj.pos))
    }

    fn uint(&mut self, node: &Node, what: &str) -> Option<Located<u64>> {
        match &node.value {
            Value::Int(i) if *i >= 0 => Some(Located::new(*i as u64, node.pos)),
            Value::UInt(u) => Some(Located::new(*u, node.pos)),
            Value::Int(i) => {
                self.err(
                    node.pos,
                    format!("{what} must be a non-negative integer, found `{i}`"),
                );
                None
            }
            _ => {
                let hint = quoted_hint(node, "integer");
                self.err(
                    node.pos,
                    format!("{what} must be an integer, found {}{hint}", found(node)),
                );
                None
            }
        }
    }

    fn opt_uint(&mut self, obj: &Obj<'_>, key: &str) -> Option<Located<u64>> {
        let node = obj.opt(key)?;
        let what = format!("`{key}` in {}", obj.what);
        self.uint(node, &what)
    }

    fn opt_bool(&mut self, obj: &Obj<'_>, key: &str) -> Option<Located<bool>> {
        let node = obj.opt(key)?;
        match &node.value {
            Value::Bool(b) => Some(Located::new(*b, node.pos)),
            _ => {
                let what = format!("`{key}` in {}", obj.what);
                let hint = quoted_hint(node, "boolean");
                self.err(
                    node.pos,
                    format!(
                        "{what} must be `true` or `false`, found {}{hint}",
                        found(node)
                    ),
                );
                None
            }
        }
    }

    /// A list of names. A single string gets a hint to write a list.
    fn string_list(&mut self, node: &Node, what: &str) -> Option<Vec<Located<String>>> {
        let Value::Seq(items) = &node.value else {
            let hint = match &node.value {
                Value::Str(s) => format!("; write a list such as `[{}]`", s.trim()),
                _ => String::new(),
            };
            self.err(
                node.pos,
                format!("{what} must be a list, found {}{hint}", found(node)),
            );
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

    /// A type expression: a string, or an unquoted one-item YAML list `[T]`
    /// (read as the string `"[T]"`).
    fn type_expr(&mut self, node: &Node, what: &str) -> Option<Located<String>> {
        fn flatten(node: &Node) -> Result<String, ()> {
            match &node.value {
                Value::Str(s) => Ok(s.clone()),
                Value::Seq(items) if items.len() == 1 => Ok(format!("[{}]", flatten(&items[0])?)),
                _ => Err(()),
            }
        }
        match (&node.value, flatten(node)) {
            (_, Ok(s)) => Some(Located::new(s, node.pos)),
            (Value::Seq(items), Err(())) if items.len() != 1 => {
                self.err(
                    node.pos,
                    format!("{what} must be a type; a list type has exactly one item type, as in `[string]`"),
                );
                None
            }
            _ => {
                self.err(
                    node.pos,
                    format!(
                        "{what} must be a type such as `string` or `[Item]`, found {}",
                        found(node)
                    ),
                );
                None
            }
        }
    }

    fn document(&mut self, root: &Node) -> Option<Document> {
        let obj = self.object(root, "the spec", "", keys::DOCUMENT, Pos::START)?;

        let vook = match self.required(&obj, "vook") {
            Some(n) => self.uint(n, "`vook`"),
            None => None,
        };
        if let Some(v) = vook.as_ref().filter(|v| v.value != 1) {
            self.err(
                v.pos,
                format!(
                    "unsupported format version `vook: {}`; this vook reads `vook: 1`",
                    v.value
                ),
            );
        }
        let vook = vook.unwrap_or_else(|| {
            self.broke("vook");
            Located::new(1, Pos::START)
        });

        let api = match self.required(&obj, "api") {
            Some(n) => self.api(n, obj.key_pos("api").unwrap_or(Pos::START)),
            None => None,
        };
        let api = api.unwrap_or_else(|| {
            self.broke("api");
            placeholder_api()
        });
        let retry = obj
            .opt("retry")
            .and_then(|n| self.retry(n, obj.key_pos("retry").unwrap_or(n.pos)));
        let errors = self.section(&obj, "errors", Some("error code"), |r, key, n| {
            r.error(key, n)
        });
        let error_sets = obj.opt("error_sets").map(|_| {
            self.section(&obj, "error_sets", Some("error set"), |r, key, n| {
                r.string_list(n, &format!("error set `{}`", key.value))
            })
        });
        let types = obj
            .opt("types")
            .map(|_| self.section(&obj, "types", Some("type"), |r, key, n| r.type_def(key, n)));
        let endpoints = self.section(&obj, "endpoints", Some("operation id"), |r, key, n| {
            r.endpoint(key, n)
        });

        Some(Document {
            vook,
            api,
            retry,
            errors,
            error_sets,
            types,
            endpoints,
            broken: std::mem::take(&mut self.broken),
        })
    }

    /// A top-level mapping of names to sections; absent or empty is no entries.
    fn section<T>(
        &mut self,
        obj: &Obj<'_>,
        key: &str,
        noun: Option<&str>,
        item: impl FnMut(&mut Self, &Located<String>, &Node) -> Option<T>,
    ) -> Entries<T> {
        match obj.opt(key) {
            None => Entries::default(),
            Some(n) => self.map_of(n, &format!("`{key}`"), key, noun, item),
        }
    }

    /// A mapping of names to sections; a broken section is dropped (its problems
    /// reported) and its path `path.name` recorded; a non-mapping records `path`.
    fn map_of<T>(
        &mut self,
        node: &Node,
        what: &str,
        path: &str,
        noun: Option<&str>,
        mut item: impl FnMut(&mut Self, &Located<String>, &Node) -> Option<T>,
    ) -> Entries<T> {
        if node.value == Value::Null {
            return Entries::default();
        }
        let Some(entries) = self.entries(node, what, noun) else {
            self.broke(path);
            return Entries::default();
        };
        if self.unreadable_key {
            // An entry whose name could not be read: references to names of
            // this section cannot be called unknown.
            self.broke(path);
        }
        let mut out = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            match item(self, &k, v) {
                Some(t) => out.push((k, t)),
                None => self.broke(format!("{path}.{}", k.value)),
            }
        }
        Entries(out)
    }

    fn api(&mut self, node: &Node, at: Pos) -> Option<ApiSection> {
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
    fn envelope_key(&mut self, obj: &Obj<'_>, key: &str) -> Option<Option<Located<String>>> {
        let node = obj.get(key)?;
        if node.value == Value::Null {
            return Some(None);
        }
        let what = format!("`{key}` in {}", obj.what);
        // A wrong type is reported; the default is kept.
        self.string(node, &what).map(Some)
    }

    fn retry(&mut self, node: &Node, at: Pos) -> Option<RetrySection> {
        let obj = self.object(node, "`retry`", "retry", keys::RETRY, at)?;
        Some(RetrySection {
            max_attempts: self.opt_uint(&obj, "max_attempts"),
            base_delay_ms: self.opt_uint(&obj, "base_delay_ms"),
            max_delay_ms: self.opt_uint(&obj, "max_delay_ms"),
            max_retry_after_s: self.opt_uint(&obj, "max_retry_after_s"),
        })
    }

    fn error(&mut self, key: &Located<String>, node: &Node) -> Option<ErrorSection> {
        let what = format!("error `{}`", key.value);
        let path = format!("errors.{}", key.value);
        let obj = self.object(node, &what, &path, keys::ERROR, key.pos)?;
        let status = self
            .required(&obj, "status")
            .and_then(|n| {
                let s = self.uint(n, &format!("`status` in {what}"));
                if s.is_none() {
                    self.broke(format!("{path}.status"));
                }
                s
            })
            .unwrap_or_else(|| Located::new(0, key.pos));
        let retry = obj
            .opt("retry")
            .and_then(|_| self.choice(&obj, "retry", &["never", "backoff", "throttle"]));
        let summary = self.opt_text(&obj, "summary");
        let fix = self.opt_text(&obj, "fix");
        let message = self.opt_text(&obj, "message");
        let details = self.opt_bool(&obj, "details");
        Some(ErrorSection {
            status,
            retry,
            summary,
            fix,
            message,
            details,
        })
    }

    fn type_def(&mut self, key: &Located<String>, node: &Node) -> Option<TypeSection> {
        let what = format!("type `{}`", key.value);
        let path = format!("types.{}", key.value);
        let obj = self.object(node, &what, &path, keys::TYPE, key.pos)?;
        let description = self.opt_text(&obj, "description");
        match (obj.key_pos("fields"), obj.key_pos("enum")) {
            (Some(_), Some(e)) => {
                self.err(
                    e,
                    format!("{what} has both `fields` and `enum`; a type is a struct or an enum"),
                );
                return None;
            }
            (None, None) => {
                self.err(
                    key.pos,
                    format!("{what} needs `fields` (a struct) or `enum` (a string enum)"),
                );
                return None;
            }
            _ => {}
        }
        let fields = obj.get("fields").map(|n| {
            self.map_of(
                n,
                &format!("the fields of {what}"),
                &format!("{path}.fields"),
                Some("field"),
                |r, k, n| r.field(k, n, &format!("field `{}` of {what}", k.value)),
            )
        });
        let enum_values = obj.get("enum").map(|n| {
            let at = obj.key_pos("enum").unwrap_or(n.pos);
            match &n.value {
                Value::Null => {
                    self.err(
                        at,
                        format!("`enum` of {what} is empty; list at least one value"),
                    );
                    Vec::new()
                }
                Value::Seq(items) if items.is_empty() => {
                    self.err(
                        at,
                        format!("`enum` of {what} is empty; list at least one value"),
                    );
                    Vec::new()
                }
                // Bad items are reported one by one; the type stays an enum.
                _ => self
                    .string_list(n, &format!("`enum` of {what}"))
                    .unwrap_or_default(),
            }
        });
        Some(TypeSection {
            description,
            fields,
            enum_values,
        })
    }

    fn field(&mut self, key: &Located<String>, node: &Node, what: &str) -> Option<FieldSection> {
        match &node.value {
            Value::Map(_) => {
                let obj = self.object(node, what, "field", keys::LONG_FIELD, key.pos)?;
                let ty = match self.required(&obj, "type") {
                    Some(n) => self.type_expr(n, &format!("`type` of {what}"))?,
                    None => return None,
                };
                let description = self.opt_text(&obj, "description");
                Some(FieldSection::Long(LongField { ty, description }))
            }
            _ => self.type_expr(node, what).map(FieldSection::Short),
        }
    }

    fn endpoint(&mut self, key: &Located<String>, node: &Node) -> Option<EndpointSection> {
        let what = format!("endpoint `{}`", key.value);
        let path = format!("endpoints.{}", key.value);
        let obj = self.object(node, &what, &path, keys::ENDPOINT, key.pos)?;
        let method = match self.required(&obj, "method") {
            Some(_) => self.choice(&obj, "method", &["GET", "POST", "PUT", "PATCH", "DELETE"]),
            None => None,
        };
        let method = method.unwrap_or_else(|| {
            self.broke(format!("{path}.method"));
            Located::new(String::new(), key.pos)
        });
        let route = self.req_string(&obj, "path");
        let summary = self.opt_text(&obj, "summary");
        let description = self.opt_text(&obj, "description");
        let path_params = obj.opt("path_params").map(|n| {
            self.map_of(
                n,
                &format!("`path_params` of {what}"),
                &format!("{path}.path_params"),
                Some("path parameter"),
                |r, k, n| r.type_expr(n, &format!("path parameter `{}` of {what}", k.value)),
            )
        });
        let query = obj.opt("query").map(|n| {
            self.map_of(
                n,
                &format!("`query` of {what}"),
                &format!("{path}.query"),
                Some("query parameter"),
                |r, k, n| r.field(k, n, &format!("query parameter `{}` of {what}", k.value)),
            )
        });
        let body = obj
            .opt("body")
            .and_then(|n| self.type_expr(n, &format!("`body` of {what}")));
        let response = obj.opt("response").and_then(|n| {
            let r = self.type_expr(n, &format!("`response` of {what}"));
            if r.is_none() {
                self.broke(format!("{path}.response"));
            }
            r
        });
        let status = self.opt_uint(&obj, "status");
        let errors = obj
            .opt("errors")
            .and_then(|n| self.string_list(n, &format!("`errors` of {what}")));
        let idempotent = self.opt_bool(&obj, "idempotent");
        Some(EndpointSection {
            method,
            path: route,
            summary,
            description,
            path_params,
            query,
            body,
            response,
            status,
            errors,
            idempotent,
        })
    }
}

fn placeholder_api() -> ApiSection {
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

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Keys people write for the format's keys (from OpenAPI and other formats).
const KEY_ALIASES: &[(&str, &str)] = &[
    ("params", "path_params"),
    ("path_parameters", "path_params"),
    ("parameters", "path_params"),
    ("query_params", "query"),
    ("query_parameters", "query"),
    ("request", "body"),
    ("request_body", "body"),
    ("requestBody", "body"),
    ("input", "body"),
    ("returns", "response"),
    ("output", "response"),
    ("response_type", "response"),
    ("responses", "response"),
    ("status_code", "status"),
    ("http_status", "status"),
    ("code", "status"),
    ("verb", "method"),
    ("http_method", "method"),
    ("url", "path"),
    ("uri", "path"),
    ("route", "path"),
    ("desc", "description"),
    ("doc", "description"),
    ("docs", "description"),
    ("properties", "fields"),
    ("members", "fields"),
    ("values", "enum"),
    ("variants", "enum"),
    ("enum_values", "enum"),
    ("retry_class", "retry"),
    ("retryable", "retry"),
    ("max_retries", "max_attempts"),
    ("retries", "max_attempts"),
    ("attempts", "max_attempts"),
    ("baseUrl", "base_url"),
    ("base_uri", "base_url"),
    ("url_base", "base_url"),
    ("server", "base_url"),
    ("version", "vook"),
    ("operations", "endpoints"),
    ("routes", "endpoints"),
    ("error_codes", "errors"),
    ("schemas", "types"),
    ("models", "types"),
    ("sets", "error_sets"),
    ("errorSets", "error_sets"),
    ("idempotency", "idempotent"),
];

/// The allowed key an unknown key most likely means.
fn key_hint<'a>(word: &str, allowed: &[&'a str]) -> Option<&'a str> {
    if let Some(s) = suggest(word, allowed) {
        return Some(s);
    }
    let alias = KEY_ALIASES
        .iter()
        .filter(|(alias, _)| alias.eq_ignore_ascii_case(word))
        .find_map(|(_, key)| allowed.iter().find(|a| *a == key).copied());
    if alias.is_some() {
        return alias;
    }
    // `retries` for `retry`, `descr` for `description`: a long common prefix.
    let lower = word.to_ascii_lowercase();
    allowed.iter().copied().find(|a| {
        let common = lower
            .chars()
            .zip(a.chars())
            .take_while(|(x, y)| x == y)
            .count();
        common >= 4 && common * 2 >= a.len().min(lower.len())
    })
}

/// The closest allowed name, if it is close enough to be a likely typo.
pub(crate) fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if word.chars().count() > 64 {
        return None;
    }
    candidates
        .iter()
        .map(|c| (levenshtein(&word.to_lowercase(), &c.to_lowercase()), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4) && *d < c.len().max(2))
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
