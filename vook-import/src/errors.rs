//! Stage 2d, errors: error responses to codes, and the API's error
//! conventions (status-keyed or a `code` property, the error envelope,
//! where message, request id and details are).

use std::collections::{HashMap, HashSet};

use crate::document::{Node, Resolved, child, resolve};
use crate::names::{SnakeNames, snake};
use crate::paths::Operation;
use crate::responses::json_schema;
use crate::schemas::property_names;
use crate::spec::{Code, ErrorFields};
use crate::warnings::Warnings;

/// How the API's error bodies look.
#[derive(Debug, Clone, Default)]
pub struct Conventions {
    /// `envelope.error`: the one property error bodies are wrapped in.
    pub envelope: Option<String>,
    /// `error_fields`.
    pub fields: ErrorFields,
}

/// The status of an error response key: `404`, or `4XX` as 400.
fn error_status(key: &str) -> Option<(u16, bool)> {
    match key.parse::<u16>() {
        Ok(s) if (400..=599).contains(&s) => Some((s, false)),
        _ => match key.to_ascii_uppercase().as_str() {
            "4XX" => Some((400, true)),
            "5XX" => Some((500, true)),
            _ => None,
        },
    }
}

/// The error objects' properties: `(envelope, properties)` of one error body.
fn shape<'d>(root: &'d Node, schema: &'d Node) -> (Option<String>, Vec<(&'d str, &'d Node)>) {
    let props = property_names(root, schema);
    if props.iter().any(|(k, _)| *k == "code") {
        return (None, props);
    }
    if let [(only, inner)] = props.as_slice() {
        let inner_props = property_names(root, inner);
        if inner_props
            .iter()
            .any(|(k, _)| matches!(*k, "code" | "message"))
        {
            return (Some((*only).to_owned()), inner_props);
        }
    }
    (None, props)
}

/// Reads the conventions off every error response of `ops`: the shape most
/// error bodies have wins.
pub fn detect(root: &Node, ops: &[Operation<'_>]) -> Conventions {
    let mut votes: HashMap<(Option<String>, bool), usize> = HashMap::new();
    let mut order: Vec<(Option<String>, bool)> = Vec::new();
    let mut bodies = Vec::new();
    for op in ops {
        let responses_at = child(&op.at, "responses");
        for (key, response) in op.node.get("responses").map(Node::entries).unwrap_or(&[]) {
            if error_status(key).is_none() {
                continue;
            }
            let Some((schema, _)) = json_schema(root, response, &child(&responses_at, key)) else {
                continue;
            };
            let (envelope, props) = shape(root, schema);
            let has_code = props.iter().any(|(k, _)| *k == "code");
            let key = (envelope, has_code);
            if !votes.contains_key(&key) {
                order.push(key.clone());
            }
            *votes.entry(key.clone()).or_default() += 1;
            bodies.push((key, props));
        }
    }
    let Some(winner) = order
        .iter()
        .max_by_key(|k| {
            (
                votes.get(*k).copied().unwrap_or(0),
                std::cmp::Reverse(order.iter().position(|o| o == *k)),
            )
        })
        .cloned()
    else {
        return Conventions {
            envelope: None,
            fields: ErrorFields {
                code: None,
                message: Some("message".to_owned()),
                request_id: None,
                details: None,
            },
        };
    };
    let props: Vec<(&str, &Node)> = bodies
        .iter()
        .filter(|(k, _)| *k == winner)
        .flat_map(|(_, p)| p.iter().copied())
        .collect();
    let has = |name: &str| props.iter().any(|(k, _)| *k == name);
    let first = |names: &[&str]| names.iter().find(|n| has(n)).map(|n| (*n).to_owned());
    let message = first(&[
        "message",
        "detail",
        "title",
        "error_description",
        "error_message",
        "errorMessage",
        "msg",
    ])
    .or_else(|| {
        props
            .iter()
            .find(|(k, v)| *k == "error" && v.str_at("type") == Some("string"))
            .map(|(k, _)| (*k).to_owned())
    });
    let request_id = first(&["request_id", "requestId", "request-id", "RequestId"]);
    let details = ["details", "errors", "invalid_params", "violations"]
        .iter()
        .find_map(|list| {
            let (_, schema) = props.iter().find(|(k, _)| k == list)?;
            let items = schema.get("items")?;
            let item_props = property_names(root, items);
            let item_has = |n: &str| item_props.iter().any(|(k, _)| *k == n);
            let field = ["field", "name", "param", "path"]
                .into_iter()
                .find(|n| item_has(n))?;
            let issue = ["issue", "code", "message", "reason"]
                .into_iter()
                .find(|n| item_has(n) && *n != field)?;
            Some(((*list).to_owned(), field.to_owned(), issue.to_owned()))
        });
    Conventions {
        envelope: winner.0.clone(),
        fields: ErrorFields {
            code: winner.1.then(|| "code".to_owned()),
            message,
            request_id,
            details,
        },
    }
}

/// The codes of the spec, made as operations name them.
pub struct Codes {
    /// Every code, in order of first use.
    pub list: Vec<Code>,
    by_name: HashMap<String, usize>,
    by_value: HashMap<String, String>,
    names: SnakeNames,
    code_keyed: bool,
    envelope: Option<String>,
    details_key: Option<String>,
}

impl Codes {
    /// No codes yet, for an API with these conventions.
    pub fn new(conventions: &Conventions) -> Self {
        let mut names = SnakeNames::default();
        names.reserve(["unknown"]);
        Codes {
            list: Vec::new(),
            by_name: HashMap::new(),
            by_value: HashMap::new(),
            names,
            code_keyed: conventions.fields.code.is_some(),
            envelope: conventions.envelope.clone(),
            details_key: conventions
                .fields
                .details
                .as_ref()
                .map(|(at, _, _)| at.clone()),
        }
    }

    /// The code named `want` with `status`: an existing one, or a new one.
    fn code(&mut self, want: &str, status: u16, doc: CodeDoc, wire: Option<String>) -> String {
        for candidate in [want.to_owned(), format!("{want}_{status}")] {
            if let Some(&i) = self.by_name.get(&candidate)
                && self
                    .list
                    .get(i)
                    .is_some_and(|c| c.status == status && c.wire == wire)
            {
                return candidate;
            }
        }
        let want = if self.by_name.contains_key(want) {
            format!("{want}_{status}")
        } else {
            want.to_owned()
        };
        let name = self.names.take(&want);
        self.by_name.insert(name.clone(), self.list.len());
        self.list.push(Code {
            name: name.clone(),
            status,
            summary: doc.summary,
            fix: doc.fix,
            retry: doc.retry,
            details: doc.details,
            wire,
        });
        name
    }

    /// The codes one operation's error responses give, in document order.
    pub fn for_operation(
        &mut self,
        root: &Node,
        op: &Operation<'_>,
        w: &mut Warnings,
    ) -> Vec<String> {
        let responses_at = child(&op.at, "responses");
        let entries = op.node.get("responses").map(Node::entries).unwrap_or(&[]);
        let explicit: Vec<u16> = entries
            .iter()
            .filter_map(|(k, _)| k.parse::<u16>().ok())
            .collect();
        let mut out: Vec<String> = Vec::new();
        // A duplicate key, `0400` beside `400`, `4XX` beside `4xx`: one code per status.
        let mut statuses: HashSet<u16> = HashSet::new();
        for (key, response) in entries {
            let Some((status, range)) = error_status(key) else {
                continue;
            };
            let at = child(&responses_at, key);
            if range && explicit.contains(&status) {
                w.warn(&at, format!("the range `{key}` is not a code of its own (the operation lists {status} already); its other statuses arrive as `Unknown`"));
                continue;
            }
            if !statuses.insert(status) {
                w.warn(&at, format!("an earlier response of this operation has status {status} already; this one is left out"));
                continue;
            }
            if range {
                w.warn(&at, format!("the range `{key}` becomes a code with status {status}; the range's other statuses arrive as `Unknown`"));
            }
            let description = match resolve(root, response, &at) {
                Resolved::Found(n, _) => n.str_at("description").unwrap_or_default(),
                Resolved::Broken(why) => {
                    w.warn(&at, format!("{why}; the code has no summary"));
                    ""
                }
            };
            let (values, details) = if self.code_keyed {
                self.code_values(root, response, &at)
            } else {
                (Vec::new(), false)
            };
            if values.is_empty() {
                let want = response
                    .str_at("$ref")
                    .and_then(|r| r.strip_prefix("#/components/responses/"))
                    .map(|n| snake(&n.replace("~1", "/").replace("~0", "~"), "error"))
                    .unwrap_or_else(|| format!("http_{status}"));
                let name = self.code(&want, status, CodeDoc::first_line(description), None);
                if !out.contains(&name) {
                    out.push(name);
                }
            }
            for value in values {
                let name = match self.by_value.get(&value) {
                    Some(name) => name.clone(),
                    None => {
                        let want = snake(&value, "error");
                        let wire = (want != value).then(|| value.clone());
                        let mut doc = CodeDoc::bullet(description, &value)
                            .unwrap_or_else(|| CodeDoc::first_line(description));
                        doc.details = details;
                        let name = self.code(&want, status, doc, wire);
                        self.by_value.insert(value, name.clone());
                        name
                    }
                };
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        out
    }

    /// The string values the error body's `code` is declared to take (`enum`
    /// or `const`), in a code-keyed API.
    fn code_values(&self, root: &Node, response: &Node, at: &str) -> (Vec<String>, bool) {
        let Some((schema, _)) = json_schema(root, response, at) else {
            return (Vec::new(), false);
        };
        let mut props = property_names(root, schema);
        if let Some(env) = &self.envelope
            && let Some((_, inner)) = props.iter().find(|(k, _)| k == env)
        {
            props = property_names(root, inner);
        }
        let details = self
            .details_key
            .as_ref()
            .is_some_and(|d| props.iter().any(|(k, _)| k == d));
        let Some((_, code)) = props.iter().find(|(k, _)| *k == "code") else {
            return (Vec::new(), details);
        };
        let mut out: Vec<String> = code
            .get("enum")
            .map(Node::items)
            .unwrap_or(&[])
            .iter()
            .filter_map(Node::as_str)
            .map(str::to_owned)
            .collect();
        if let Some(c) = code.str_at("const") {
            out.push(c.to_owned());
        }
        out.retain(|v| !v.trim().is_empty());
        (out, details)
    }
}

/// What a response's description says about one code.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CodeDoc {
    /// `summary`.
    pub summary: Option<String>,
    /// `fix`.
    pub fix: Option<String>,
    /// `retry`.
    pub retry: Option<&'static str>,
    /// `details: true`: the error body of this code carries the details list.
    pub details: bool,
}

impl CodeDoc {
    /// The description's first non-empty line as the summary.
    fn first_line(description: &str) -> CodeDoc {
        CodeDoc {
            summary: description
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .map(str::to_owned),
            ..CodeDoc::default()
        }
    }

    /// A Markdown bullet naming the code, as `cargo xtask openapi` writes it
    /// (and people do): ``- `code` (retry: never): Summary. Fix: what to do.``
    ///
    /// ```
    /// use vook_import::errors::CodeDoc;
    /// let d = "Error (HTTP 404):\n- `not_found` (retry: never): No such item. Fix: Check the id.";
    /// let doc = CodeDoc::bullet(d, "not_found").unwrap();
    /// assert_eq!(doc.summary.as_deref(), Some("No such item."));
    /// assert_eq!(doc.fix.as_deref(), Some("Check the id."));
    /// assert_eq!(doc.retry, Some("never"));
    /// ```
    pub fn bullet(description: &str, code: &str) -> Option<CodeDoc> {
        let head = format!("`{code}`");
        let line = description.lines().map(str::trim).find_map(|l| {
            l.strip_prefix("- ")
                .or_else(|| l.strip_prefix("* "))?
                .strip_prefix(head.as_str())
        })?;
        let mut rest = line.trim_start();
        let mut retry = None;
        if let Some(r) = rest.strip_prefix("(retry: ") {
            let (class, after) = r.split_once(')')?;
            retry = ["never", "backoff", "throttle"]
                .into_iter()
                .find(|c| *c == class.trim());
            rest = after;
        }
        let rest = rest.trim_start().strip_prefix(':').unwrap_or(rest).trim();
        let (summary, fix) = match rest.split_once(" Fix: ") {
            Some((s, f)) => (s.trim(), Some(f.trim().to_owned())),
            None => (rest, None),
        };
        Some(CodeDoc {
            summary: (!summary.is_empty()).then(|| summary.to_owned()),
            fix: fix.filter(|f| !f.is_empty()),
            retry,
            details: false,
        })
    }
}
