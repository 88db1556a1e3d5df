//! Third stage: the cross-cutting checks on a [`Document`], and its resolution
//! into the [`model::Api`] the generator reads. Every problem is collected.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Diagnostic, Pos};
use crate::document::*;
use crate::located::{Entries, Located};
use crate::model::{self, Api, Method, RetryClass, TypeRef};
use crate::names::{enum_variant, is_snake_case, is_unrawable, is_upper_camel_case, upper_camel};
use crate::types::{parse_field_type, parse_type};

/// Names of items the generator emits itself; a spec type may not take them.
pub const RESERVED_TYPE_NAMES: &[&str] = &["Client", "ClientBuilder", "ErrorCode"];

/// Methods of the generated `Client` that are not endpoints.
pub const RESERVED_METHOD_NAMES: &[&str] = &[
    "builder",
    "from_env",
    "inner",
    "into_inner",
    "clone",
    "fmt",
    "from",
];

/// The most codes the endpoints' error lists may expand to in total (sets
/// included). A 1000-endpoint spec with 100 codes each stays far below; a
/// hostile spec of nested sets stops here instead of exhausting memory.
pub const MAX_EXPANDED_CODES: usize = 2_000_000;

/// Checks `doc` and resolves it. Problems go to `diags`; the model is returned
/// only when there were none.
pub fn validate(doc: &Document, diags: &mut Vec<Diagnostic>) -> Option<Api> {
    let before = diags.len();
    let ix = Index::new(doc);
    let mut v = Validator {
        diags,
        ix,
        expansion_left: MAX_EXPANDED_CODES,
        expansion_reported: false,
    };
    let api = v.api(doc);
    (diags.len() == before).then_some(api)
}

/// Lookups by name, built once, so that checks stay linear on huge specs.
struct Index<'a> {
    /// The names that badly named codes, sets and types would have under the
    /// naming rules (`NotFound` -> `not_found`): references written in the
    /// right form are not reported again as unknown.
    renamed: HashSet<String>,
    errors: HashSet<&'a str>,
    sets: HashMap<&'a str, &'a [Located<String>]>,
    types: HashMap<&'a str, &'a TypeSection>,
    broken: HashSet<&'a str>,
}

impl<'a> Index<'a> {
    fn new(doc: &'a Document) -> Self {
        Index {
            errors: doc.errors.iter().map(|(k, _)| k.value.as_str()).collect(),
            sets: doc
                .error_sets
                .iter()
                .flat_map(|s| s.iter())
                .map(|(k, v)| (k.value.as_str(), v.as_slice()))
                .collect(),
            types: doc
                .types
                .iter()
                .flat_map(|t| t.iter())
                .map(|(k, v)| (k.value.as_str(), v))
                .collect(),
            broken: doc.broken.iter().map(String::as_str).collect(),
            renamed: renamed(doc),
        }
    }

    /// The part at `path` had problems (already reported).
    fn broken(&self, path: &str) -> bool {
        self.broken.contains(path)
    }

    /// The entry `kind.name`, or all of `kind`, had problems (already reported).
    fn broken_entry(&self, kind: &str, name: &str) -> bool {
        let path = format!("{kind}.{name}");
        self.broken.contains(kind)
            || self.broken.contains(path.as_str())
            || self.renamed.contains(&path)
    }

    /// `name` may have been a code or set that was left out for its problems.
    fn broken_code(&self, name: &str) -> bool {
        self.broken_entry("errors", name) || self.broken_entry("error_sets", name)
    }
}

struct Validator<'d, 'a> {
    diags: &'d mut Vec<Diagnostic>,
    ix: Index<'a>,
    /// What is left of [`MAX_EXPANDED_CODES`].
    expansion_left: usize,
    /// The exhausted expansion budget was reported (once).
    expansion_reported: bool,
}

impl Validator<'_, '_> {
    fn err(&mut self, pos: Pos, msg: impl Into<String>) {
        self.diags.push(Diagnostic::new(pos, msg));
    }

    fn api(&mut self, doc: &Document) -> Api {
        let a = &doc.api;
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
        let auth_env = a.auth.as_ref().map(|auth| {
            if let Some(scheme) = auth.scheme.as_ref().filter(|s| s.value != "bearer") {
                let hint = if scheme.value.eq_ignore_ascii_case("bearer") { "; write it in lowercase: `bearer`" } else { "" };
                self.err(scheme.pos, format!("unknown auth scheme `{}`; the supported scheme is `bearer`{hint}", scheme.value));
            }
            let env = &auth.env.value;
            let ok = env.starts_with(|c: char| c.is_ascii_uppercase() || c == '_')
                && env.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
            if !ok && !self.ix.broken("api.auth.env") {
                self.err(auth.env.pos, format!("`{env}` is not an environment variable name; use UPPER_SNAKE_CASE such as `VOOK_API_KEY`"));
            }
            env.clone()
        });
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
                limit: pick(&r.limit, "X-RateLimit-Limit"),
                remaining: pick(&r.remaining, "X-RateLimit-Remaining"),
                reset: pick(&r.reset, "X-RateLimit-Reset"),
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
        let retry = self.retry(doc.retry.as_ref());
        let errors = self.errors(doc);
        self.sets(doc);
        let types = self.types(doc);
        let endpoints = self.endpoints(doc);
        Api {
            name: a.name.value.clone(),
            title: a
                .title
                .as_ref()
                .map_or_else(|| a.name.value.clone(), |t| t.value.trim().to_owned()),
            description: a.description.as_ref().map(|d| d.value.trim().to_owned()),
            base_url,
            auth_env,
            request_id_header: a.request_id_header.as_ref().map(|h| h.value.clone()),
            rate_limit_headers,
            envelope_data,
            envelope_error,
            retry,
            errors,
            types: types.into_iter().map(|(_, t)| t).collect(),
            endpoints,
        }
    }

    fn base_url(&mut self, url: &Located<String>) -> String {
        let u = url.value.trim_end_matches('/');
        let lower = u.to_ascii_lowercase();
        let rest = if lower.starts_with("https://") || lower.starts_with("http://") {
            u.split_once("://").map(|(_, r)| r)
        } else {
            None
        };
        let problem = match rest {
            None if u.contains("://") => Some("must use `https://` or `http://`".to_owned()),
            None => Some("must start with `https://` or `http://`".to_owned()),
            Some(r) => {
                let authority = r.split('/').next().unwrap_or("");
                let (host, port) = split_port(authority);
                if r.chars().any(|c| c.is_whitespace() || c.is_control()) {
                    Some("must not contain whitespace".to_owned())
                } else if r.contains(['?', '#']) {
                    Some("must not have a query or fragment".to_owned())
                } else if authority.contains('@') {
                    Some("must not carry credentials".to_owned())
                } else if host.is_empty() {
                    Some("has no host".to_owned())
                } else if !host_ok(host) {
                    Some(format!("has an invalid host `{host}`"))
                } else if let Some(p) = port.filter(|p| p.parse::<u16>().map_or(true, |n| n == 0)) {
                    Some(format!("has an invalid port `{p}`"))
                } else if r.contains(['{', '}']) {
                    Some(
                        "must not contain `{` or `}`; path parameters belong in endpoint paths"
                            .to_owned(),
                    )
                } else {
                    None
                }
            }
        };
        if let Some(p) = problem {
            self.err(
                url.pos,
                format!("bad base_url `{}`: an absolute URL {p}", url.value),
            );
        }
        u.to_owned()
    }

    fn header(&mut self, h: &Located<String>) {
        let ok = !h.value.is_empty()
            && h.value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_!#$%&'*+.^`|~".contains(c));
        if !ok {
            self.err(
                h.pos,
                format!("`{}` is not a valid HTTP header name", h.value),
            );
        }
    }

    fn retry(&mut self, r: Option<&RetrySection>) -> model::RetryDefaults {
        let mut out = model::RetryDefaults::default();
        let Some(r) = r else { return out };
        if let Some(m) = &r.max_attempts {
            if m.value == 0 {
                self.err(
                    m.pos,
                    "`max_attempts` must be at least 1 (it counts the first attempt)",
                );
            } else if m.value > 100 {
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
        let hour_ms = 3_600_000;
        if let Some(b) = &r.base_delay_ms {
            if b.value > hour_ms {
                self.err(b.pos, "`base_delay_ms` must be at most 3600000 (one hour)");
            }
            out.base_delay_ms = b.value;
        }
        if let Some(m) = &r.max_delay_ms {
            if m.value > hour_ms {
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
            if m.value > 86_400 {
                self.err(m.pos, "`max_retry_after_s` must be at most 86400 (one day)");
            }
            out.max_retry_after_s = m.value;
        }
        out
    }

    fn errors(&mut self, doc: &Document) -> Vec<model::ErrorCode> {
        let mut variants: HashMap<String, &Located<String>> = HashMap::new();
        let mut out = Vec::new();
        for (code, e) in doc.errors.iter() {
            if !is_snake_case(&code.value) {
                let hint = snake_hint(&code.value);
                self.err(
                    code.pos,
                    format!("error code `{}` must be snake_case{hint}", code.value),
                );
            }
            let variant = crate::names::error_variant(&code.value);
            if variant == "Unknown" {
                self.err(code.pos, "error code `unknown` is reserved: every error enum has an `Unknown` variant for codes the spec does not list");
            } else if let Some(first) = variants.get(&variant) {
                self.err(
                    code.pos,
                    format!(
                        "error codes `{}` and `{}` both become the variant `{variant}`",
                        first.value, code.value
                    ),
                );
            } else {
                variants.insert(variant.clone(), code);
            }
            let status_broken = self.ix.broken(&format!("errors.{}.status", code.value));
            if !status_broken && !(400..=599).contains(&e.status.value) {
                self.err(
                    e.status.pos,
                    format!(
                        "status {} of error `{}` is out of range; error statuses are 400..=599",
                        e.status.value, code.value
                    ),
                );
            }
            let status = u16::try_from(e.status.value).unwrap_or(0);
            let retry = match &e.retry {
                Some(r) => RetryClass::parse(&r.value).unwrap_or_else(|| {
                    let hint = match RetryClass::parse(&r.value.trim().to_ascii_lowercase()) {
                        Some(c) => format!("; write it in lowercase: `{}`", c.as_str()),
                        None => String::new(),
                    };
                    self.err(r.pos, format!("unknown retry class `{}`; expected `never`, `backoff` or `throttle`{hint}", r.value));
                    RetryClass::Never
                }),
                None => RetryClass::for_status(status),
            };
            let message = e
                .message
                .as_ref()
                .map(|m| m.value.trim().to_owned())
                .filter(|m| !m.is_empty());
            let summary = e
                .summary
                .as_ref()
                .map(|s| s.value.trim().to_owned())
                .filter(|s| !s.is_empty())
                .or_else(|| message.clone())
                .unwrap_or_default();
            out.push(model::ErrorCode {
                code: code.value.clone(),
                variant,
                status,
                retry,
                summary,
                fix: e
                    .fix
                    .as_ref()
                    .map(|f| f.value.trim().to_owned())
                    .filter(|f| !f.is_empty()),
                message,
                details: e.details.as_ref().is_some_and(|d| d.value),
            });
        }
        out
    }

    /// Checks error sets: names, members, cycles (each reported once, at the
    /// member that closes it).
    fn sets(&mut self, doc: &Document) {
        let empty = Entries::default();
        let sets = doc.error_sets.as_ref().unwrap_or(&empty);
        for (name, items) in sets.iter() {
            if !is_snake_case(&name.value) {
                let hint = snake_hint(&name.value);
                self.err(
                    name.pos,
                    format!("error set `{}` must be snake_case{hint}", name.value),
                );
            }
            if self.ix.errors.contains(name.value.as_str()) {
                self.err(name.pos, format!("error set `{}` has the name of an error code; a name in `errors:` lists must mean one thing", name.value));
            }
            for item in items {
                let v = item.value.as_str();
                if !self.ix.errors.contains(v)
                    && !self.ix.sets.contains_key(v)
                    && !self.ix.broken_code(v)
                {
                    let hint = self.code_hint(doc, v);
                    self.err(item.pos, format!("error set `{}` lists `{v}`, which is neither an error code nor an error set{hint}", name.value));
                }
            }
        }
        // Cycles: an iterative depth-first search with colours, linear in the
        // size of the sets; each back edge closes a cycle.
        #[derive(Clone, Copy, PartialEq)]
        enum Colour {
            New,
            Open,
            Done,
        }
        let mut colour: HashMap<&str, Colour> = sets
            .iter()
            .map(|(k, _)| (k.value.as_str(), Colour::New))
            .collect();
        for (start, _) in sets.iter() {
            if colour.get(start.value.as_str()) != Some(&Colour::New) {
                continue;
            }
            // (set, index of the next member to visit)
            let mut stack: Vec<(&str, usize)> = vec![(start.value.as_str(), 0)];
            colour.insert(start.value.as_str(), Colour::Open);
            while let Some(&mut (set, ref mut next)) = stack.last_mut() {
                let members = self.ix.sets.get(set).copied().unwrap_or(&[]);
                let Some(item) = members.get(*next) else {
                    colour.insert(set, Colour::Done);
                    stack.pop();
                    continue;
                };
                *next += 1;
                let target = item.value.as_str();
                match colour.get(target).copied() {
                    Some(Colour::New) => {
                        colour.insert(target, Colour::Open);
                        stack.push((target, 0));
                    }
                    Some(Colour::Open) => {
                        let from = stack.iter().position(|(s, _)| *s == target).unwrap_or(0);
                        let mut cycle: Vec<&str> = stack[from..].iter().map(|(s, _)| *s).collect();
                        cycle.push(target);
                        self.err(
                            item.pos,
                            format!("error sets form a cycle: {}", cycle.join(" -> ")),
                        );
                    }
                    _ => {}
                }
            }
        }
    }

    /// The codes of an endpoint's `errors` list: sets expanded depth-first,
    /// each code once, in order of first mention.
    fn expand(&mut self, items: &[Located<String>], op: &str) -> Vec<String> {
        let mut codes: Vec<String> = Vec::new();
        let mut have: HashSet<&str> = HashSet::new();
        let mut seen_sets: HashSet<&str> = HashSet::new();
        let ix = &self.ix;
        let mut stack: Vec<&str> = Vec::new();
        let mut exhausted = None;
        for item in items {
            stack.push(item.value.as_str());
            while let Some(name) = stack.pop() {
                if self.expansion_left == 0 {
                    exhausted = Some(item.pos);
                    break;
                }
                self.expansion_left -= 1;
                if let Some(members) = ix.sets.get(name) {
                    if seen_sets.insert(name) {
                        stack.extend(members.iter().rev().map(|m| m.value.as_str()));
                    }
                } else if ix.errors.contains(name) && have.insert(name) {
                    codes.push(name.to_owned());
                }
            }
            if exhausted.is_some() {
                break;
            }
        }
        if let Some(pos) = exhausted.filter(|_| !self.expansion_reported) {
            self.expansion_reported = true;
            self.diags.push(Diagnostic::new(
                pos,
                format!("the error lists of the endpoints expand to more than {MAX_EXPANDED_CODES} codes in total (at endpoint `{op}`); simplify the error sets"),
            ));
        }
        codes
    }

    fn code_hint(&self, doc: &Document, word: &str) -> String {
        if doc.errors.len() + doc.error_sets.as_ref().map_or(0, Entries::len)
            > MAX_SUGGESTION_CANDIDATES
        {
            return String::new();
        }
        let mut names: Vec<&str> = doc.errors.iter().map(|(k, _)| k.value.as_str()).collect();
        if let Some(sets) = &doc.error_sets {
            names.extend(sets.iter().map(|(k, _)| k.value.as_str()));
        }
        crate::parse::suggest(word, &names)
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default()
    }

    fn types(&mut self, doc: &Document) -> Vec<(Pos, model::TypeDef)> {
        let empty = Entries::default();
        let types = doc.types.as_ref().unwrap_or(&empty);
        let generated: HashMap<String, &str> = doc
            .endpoints
            .iter()
            .flat_map(|(k, _)| {
                let p = upper_camel(&k.value);
                [
                    (format!("{p}Error"), k.value.as_str()),
                    (format!("{p}Query"), k.value.as_str()),
                ]
            })
            .collect();
        let mut out = Vec::new();
        for (name, t) in types.iter() {
            if !is_upper_camel_case(&name.value) {
                let hint = match upper_camel_of(&name.value) {
                    Some(c) if c != name.value => format!(", such as `{c}`"),
                    _ => String::new(),
                };
                self.err(
                    name.pos,
                    format!("type name `{}` must be UpperCamelCase{hint}", name.value),
                );
            } else if RESERVED_TYPE_NAMES.contains(&name.value.as_str()) {
                self.err(
                    name.pos,
                    format!(
                        "type name `{}` collides with the generated `{}`; rename the type",
                        name.value, name.value
                    ),
                );
            } else if let Some(op) = generated.get(&name.value) {
                self.err(name.pos, format!("type name `{}` collides with the `{}` generated for endpoint `{op}`; rename the type", name.value, name.value));
            } else if name.value == "Self" {
                self.err(name.pos, "`Self` is a Rust keyword and cannot name a type");
            }
            let kind = if let Some(values) = &t.enum_values {
                model::TypeKind::Enum(self.enum_values(&name.value, values))
            } else {
                let fields = t
                    .fields
                    .as_ref()
                    .map(|f| self.fields(f, &format!("type `{}`", name.value), false));
                model::TypeKind::Struct(fields.unwrap_or_default())
            };
            out.push((
                name.pos,
                model::TypeDef {
                    name: name.value.clone(),
                    description: t.description.as_ref().map(|d| d.value.trim().to_owned()),
                    kind,
                },
            ));
        }
        out
    }

    fn enum_values(&mut self, ty: &str, values: &[Located<String>]) -> Vec<model::EnumValue> {
        let mut out: Vec<model::EnumValue> = Vec::new();
        let mut seen: HashMap<String, &str> = HashMap::new();
        for v in values {
            let Some(variant) = enum_variant(&v.value) else {
                self.err(v.pos, format!("enum value `{}` of type `{ty}` has no letter or digit to name a variant after", v.value));
                continue;
            };
            if variant == "Unknown" {
                self.err(v.pos, format!("enum value `{}` of type `{ty}` becomes `Unknown`, the variant reserved for values the spec does not list", v.value));
                continue;
            }
            if let Some(first) = seen.get(&variant) {
                let msg = if *first == v.value {
                    format!("enum value `{}` of type `{ty}` is listed twice", v.value)
                } else {
                    format!(
                        "enum values `{first}` and `{}` of type `{ty}` both become the variant `{variant}`",
                        v.value
                    )
                };
                self.err(v.pos, msg);
                continue;
            }
            seen.insert(variant.clone(), v.value.as_str());
            out.push(model::EnumValue {
                wire: v.value.clone(),
                variant,
            });
        }
        out
    }

    /// Struct fields or query parameters.
    fn fields(
        &mut self,
        fields: &Entries<FieldSection>,
        owner: &str,
        query: bool,
    ) -> Vec<model::Field> {
        let mut out = Vec::new();
        let mut rust_names: HashMap<String, &str> = HashMap::new();
        for (name, f) in fields.iter() {
            let what = if query { "query parameter" } else { "field" };
            if !is_snake_case(&name.value) {
                let hint = snake_hint(&name.value);
                self.err(
                    name.pos,
                    format!(
                        "{what} `{}` of {owner} must be snake_case{hint}",
                        name.value
                    ),
                );
            } else {
                let rust = crate::names::rust_field(&name.value);
                if let Some(first) = rust_names.get(&rust) {
                    self.err(name.pos, format!("{what}s `{first}` and `{}` of {owner} both become the Rust field `{rust}`", name.value));
                }
                rust_names.insert(rust, name.value.as_str());
            }
            let ty = f.ty();
            match parse_field_type(&ty.value) {
                Err(msg) => self.err(ty.pos, msg),
                Ok((t, optional)) => {
                    self.type_refs(&t, ty.pos);
                    if query && !query_type_ok(&t, &self.ix.types) {
                        self.err(ty.pos, format!("query parameter `{}` of {owner} has type `{}`; query parameters are scalars, string enums or lists of those", name.value, t));
                    }
                    out.push(model::Field {
                        name: name.value.clone(),
                        ty: t,
                        optional,
                        description: f.description().map(|d| d.value.trim().to_owned()),
                    });
                }
            }
        }
        out
    }

    fn type_refs(&mut self, t: &TypeRef, pos: Pos) {
        for n in t.names() {
            if !self.ix.types.contains_key(n) && !self.ix.broken_entry("types", n) {
                let hint = type_hint(n, &self.ix.types)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                self.err(pos, format!("unknown type `{n}`{hint}"));
            }
        }
    }

    fn endpoints(&mut self, doc: &Document) -> Vec<model::Endpoint> {
        let mut routes: HashMap<(Method, String), (&str, Pos)> = HashMap::new();
        let mut prefixes: HashMap<String, &str> = HashMap::new();
        let mut out = Vec::new();
        for (name, e) in doc.endpoints.iter() {
            let op = name.value.as_str();
            let method_broken = self.ix.broken(&format!("endpoints.{op}.method"));
            let path_broken = self.ix.broken(&format!("endpoints.{op}.path"));
            if !is_snake_case(op) {
                let hint = snake_hint(op);
                self.err(
                    name.pos,
                    format!("endpoint `{op}` must be snake_case (it is the method name){hint}"),
                );
            } else if is_unrawable(op) {
                self.err(name.pos, format!("endpoint `{op}` cannot be a Rust method name, not even as a raw identifier; rename it"));
            } else if RESERVED_METHOD_NAMES.contains(&op) {
                self.err(name.pos, format!("endpoint `{op}` collides with a method every generated `Client` has; rename it"));
            } else {
                let prefix = upper_camel(op);
                if let Some(first) = prefixes.get(&prefix) {
                    self.err(
                        name.pos,
                        format!("endpoints `{first}` and `{op}` both generate `{prefix}Error`"),
                    );
                }
                prefixes.insert(prefix, op);
            }
            let parsed = Method::parse(&e.method.value);
            if parsed.is_none() && !method_broken {
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
            let method = parsed.unwrap_or(Method::Get);
            let path_params = self.path(op, e);
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
                .map(|q| self.fields(q, &format!("endpoint `{op}`"), true))
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
            let response = match &e.response {
                Some(r) if r.value.trim() != "none" => self.plain_type(r, "response"),
                _ => None,
            };
            let default_status = if response.is_none() { 204 } else { 200 };
            let status = e.status.as_ref().map_or(default_status, |s| {
                if !(200..=299).contains(&s.value) {
                    self.err(s.pos, format!("success status {} of endpoint `{op}` is out of range; use 200..=299", s.value));
                } else if s.value == 204 && response.is_some() {
                    self.err(s.pos, format!("endpoint `{op}` answers 204 No Content but declares a response type; use `response: none`"));
                } else if s.value == 205 && response.is_some() {
                    self.err(s.pos, format!("endpoint `{op}` answers 205 Reset Content, which has no body, but declares a response type; use `response: none`"));
                }
                u16::try_from(s.value).unwrap_or(200)
            });
            for item in e.errors.iter().flatten() {
                let v = item.value.as_str();
                if !self.ix.sets.contains_key(v)
                    && !self.ix.errors.contains(v)
                    && !self.ix.broken_code(v)
                {
                    let hint = self.code_hint(doc, v);
                    self.err(item.pos, format!("endpoint `{op}` lists `{v}`, which is neither an error code nor an error set{hint}"));
                }
            }
            let errors = self.expand(e.errors.as_deref().unwrap_or(&[]), op);
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
            });
        }
        out
    }

    /// A body or response type: a type expression without `?`.
    fn plain_type(&mut self, t: &Located<String>, what: &str) -> Option<TypeRef> {
        if t.value.trim_end().ends_with('?') {
            self.err(t.pos, format!("a {what} type cannot be optional (`?`)"));
            return None;
        }
        match parse_type(&t.value) {
            Ok(ty) => {
                self.type_refs(&ty, t.pos);
                Some(ty)
            }
            Err(msg) => {
                self.err(t.pos, msg);
                None
            }
        }
    }

    /// Checks the path template against `path_params`; returns the params in path order.
    fn path(&mut self, op: &str, e: &EndpointSection) -> Vec<model::PathParam> {
        let p = &e.path;
        if self.ix.broken(&format!("endpoints.{op}.path")) {
            return Vec::new();
        }
        if !p.value.starts_with('/') {
            let hint = if p.value.starts_with("http://") || p.value.starts_with("https://") {
                "; it is appended to `base_url`, so write only the path".to_owned()
            } else {
                format!("; write `/{}`", p.value.trim_start_matches('/'))
            };
            self.err(
                p.pos,
                format!(
                    "path `{}` of endpoint `{op}` must start with `/`{hint}",
                    p.value
                ),
            );
        }
        if p.value.contains(['?', '#'])
            || p.value.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            self.err(p.pos, format!("path `{}` of endpoint `{op}` must not contain a query, fragment or whitespace; declare query parameters under `query`", p.value));
        }
        let mut in_path: Vec<String> = Vec::new();
        let mut in_path_set: HashSet<&str> = HashSet::new();
        let mut rest = p.value.as_str();
        while let Some(open) = rest.find(['{', '}']) {
            if rest[open..].starts_with('}') {
                self.err(
                    p.pos,
                    format!(
                        "path `{}` of endpoint `{op}` has a `}}` without `{{`",
                        p.value
                    ),
                );
                break;
            }
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                self.err(
                    p.pos,
                    format!("path `{}` of endpoint `{op}` has an unclosed `{{`", p.value),
                );
                break;
            };
            let name = &after[..close];
            if !is_snake_case(name) {
                self.err(
                    p.pos,
                    format!(
                        "path parameter `{{{name}}}` of endpoint `{op}` must be a snake_case name"
                    ),
                );
            } else if !in_path_set.insert(name) {
                self.err(
                    p.pos,
                    format!(
                        "path parameter `{{{name}}}` appears twice in the path of endpoint `{op}`"
                    ),
                );
            } else {
                in_path.push(name.to_owned());
            }
            rest = &after[close + 1..];
        }
        let params_path = format!("endpoints.{op}.path_params");
        let params_broken = self.ix.broken(&params_path);
        let empty = Entries::default();
        let declared_entries = e.path_params.as_ref().unwrap_or(&empty);
        let declared: HashMap<&str, &Located<String>> = declared_entries
            .iter()
            .map(|(k, v)| (k.value.as_str(), v))
            .collect();
        // One parameter renamed on one side only (`{id}` in the path,
        // `item_id` declared) is one mistake: report it once, at the path.
        let undeclared: Vec<&String> = in_path
            .iter()
            .filter(|n| !declared.contains_key(n.as_str()))
            .collect();
        let unused: Vec<&Located<String>> = declared_entries
            .iter()
            .map(|(k, _)| k)
            .filter(|k| !in_path_set.contains(k.value.as_str()))
            .collect();
        let renamed = match (undeclared.as_slice(), unused.as_slice()) {
            ([name], [decl]) if !params_broken => {
                self.err(
                    p.pos,
                    format!(
                        "path parameter `{{{name}}}` of endpoint `{op}` is not declared in `path_params`, which declares `{}` instead",
                        decl.value
                    ),
                );
                true
            }
            _ => false,
        };
        let mut out = Vec::new();
        for name in &in_path {
            match declared.get(name.as_str()) {
                None if renamed || params_broken || self.ix.broken(&format!("{params_path}.{name}")) => {}
                None => self.err(p.pos, format!("path parameter `{{{name}}}` of endpoint `{op}` is not declared in `path_params`; add `{name}: string` there")),
                Some(ty) => {
                    let t = match ty.value.trim() {
                        "string" => TypeRef::String,
                        "integer" => TypeRef::Integer,
                        other => {
                            self.err(ty.pos, format!("path parameter `{name}` of endpoint `{op}` has type `{other}`; path parameters are `string` or `integer`"));
                            TypeRef::String
                        }
                    };
                    if is_unrawable(name) {
                        self.err(ty.pos, format!("path parameter `{name}` cannot be a Rust argument name; rename it"));
                    }
                    out.push(model::PathParam { name: name.clone(), ty: t });
                }
            }
        }
        for k in unused {
            if !renamed {
                self.err(
                    k.pos,
                    format!(
                        "path parameter `{}` of endpoint `{op}` does not appear in its path `{}`",
                        k.value, p.value
                    ),
                );
            }
        }
        out
    }
}

/// `/items/{item_id}` and `/items/{id}` are the same route.
fn route_shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.trim_end_matches('/').chars() {
        match c {
            '{' => {
                depth += 1;
                out.push_str("{}");
            }
            '}' => depth -= 1,
            _ if depth > 0 => {}
            c => out.push(c),
        }
    }
    out
}

fn query_type_ok(t: &TypeRef, types: &HashMap<&str, &TypeSection>) -> bool {
    let scalar = |t: &TypeRef| match t {
        TypeRef::Named(n) => types
            .get(n.as_str())
            .is_none_or(|d| d.enum_values.is_some()),
        t => t.is_scalar(),
    };
    match t {
        TypeRef::List(inner) => scalar(inner),
        TypeRef::Map(_) => false,
        t => scalar(t),
    }
}

/// Splits `host:port` (and `[v6]:port`).
fn split_port(authority: &str) -> (&str, Option<&str>) {
    if let Some(rest) = authority.strip_prefix('[') {
        return match rest.split_once(']') {
            Some((h, tail)) => (h, tail.strip_prefix(':')),
            None => (authority, None),
        };
    }
    match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    }
}

fn host_ok(host: &str) -> bool {
    if host.contains(':') {
        // An IPv6 literal (from `[...]`).
        return host
            .chars()
            .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
    }
    !host.starts_with(['.', '-'])
        && !host.ends_with('-')
        && !host.contains("..")
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_' || !c.is_ascii())
}

/// `kind.form` for every code, set and type whose name breaks the naming rules
/// and has a well-formed `form`.
fn renamed(doc: &Document) -> HashSet<String> {
    let mut out = HashSet::new();
    let snake = doc.errors.iter().map(|(k, _)| ("errors", k)).chain(
        doc.error_sets
            .iter()
            .flat_map(|s| s.iter())
            .map(|(k, _)| ("error_sets", k)),
    );
    for (kind, k) in snake {
        if !is_snake_case(&k.value)
            && let Some(form) = snake_form(&k.value)
        {
            out.insert(format!("{kind}.{form}"));
        }
    }
    for (k, _) in doc.types.iter().flat_map(|t| t.iter()) {
        if !is_upper_camel_case(&k.value)
            && let Some(form) = upper_camel_of(&k.value)
        {
            out.insert(format!("types.{form}"));
        }
    }
    out
}

/// `; write `snake_case_form`` when one exists.
fn snake_hint(name: &str) -> String {
    match snake_form(name) {
        Some(s) if s != name => format!(", such as `{s}`"),
        _ => String::new(),
    }
}

/// The snake_case form of a name (`NotFound` -> `not_found`), if one can be made.
fn snake_form(name: &str) -> Option<String> {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with('_') {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    let out = out.trim_matches('_').to_owned();
    let mut collapsed = String::with_capacity(out.len());
    for c in out.chars() {
        if !(c == '_' && collapsed.ends_with('_')) {
            collapsed.push(c);
        }
    }
    is_snake_case(&collapsed).then_some(collapsed)
}

/// The UpperCamelCase form of a type name, if one can be made.
fn upper_camel_of(name: &str) -> Option<String> {
    let mut out = String::new();
    let mut new_word = true;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            new_word = true;
            continue;
        }
        if new_word {
            out.push(c.to_ascii_uppercase());
        } else {
            out.push(c);
        }
        new_word = false;
    }
    is_upper_camel_case(&out).then_some(out)
}

/// "Did you mean" hints compare against at most this many names.
const MAX_SUGGESTION_CANDIDATES: usize = 2000;

const BUILTIN_TYPES: &[&str] = &["string", "integer", "number", "boolean", "datetime"];

/// Names people write for the built-in types.
const TYPE_ALIASES: &[(&str, &str)] = &[
    ("str", "string"),
    ("text", "string"),
    ("int", "integer"),
    ("i32", "integer"),
    ("i64", "integer"),
    ("u32", "integer"),
    ("u64", "integer"),
    ("int32", "integer"),
    ("int64", "integer"),
    ("long", "integer"),
    ("uint", "integer"),
    ("float", "number"),
    ("double", "number"),
    ("f32", "number"),
    ("f64", "number"),
    ("decimal", "number"),
    ("bool", "boolean"),
    ("date_time", "datetime"),
    ("date-time", "datetime"),
    ("timestamp", "datetime"),
    ("date", "datetime"),
    ("time", "datetime"),
];

/// The built-in or declared type an unknown type name most likely means.
fn type_hint<'a>(name: &str, types: &HashMap<&'a str, &TypeSection>) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase();
    if let Some(b) = BUILTIN_TYPES.iter().find(|b| **b == lower) {
        return Some(b);
    }
    if let Some((_, b)) = TYPE_ALIASES.iter().find(|(a, _)| *a == lower) {
        return Some(b);
    }
    if types.len() > MAX_SUGGESTION_CANDIDATES {
        return None;
    }
    let mut names: Vec<&str> = types.keys().copied().collect();
    names.sort_unstable();
    // A capitalised name means a declared type: `Thing` is not a typo of `string`.
    if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        names.extend(BUILTIN_TYPES);
    }
    crate::parse::suggest(name, &names)
}
