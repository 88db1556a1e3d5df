//! Path checks: an endpoint's path template (a `/`-rooted path with `{name}`
//! parameters, no query, fragment or whitespace) against its `path_params`,
//! and the route shape two endpoints must not share.

use std::collections::{HashMap, HashSet};

use super::Validator;
use crate::document::EndpointSection;
use crate::located::{Entries, Located};
use crate::model::{self, TypeRef};
use crate::names::is_snake_case;

impl Validator<'_, '_> {
    /// Checks the path template of endpoint `op` against its `path_params`;
    /// returns the params in path order. A path parameter may have any
    /// snake_case name, Rust keywords included: its name is never on the
    /// wire, and the generator makes it an argument (`self_`, `r#type`).
    pub(super) fn path(&mut self, op: &str, e: &EndpointSection) -> Vec<model::PathParam> {
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
        let in_path = self.template_params(op, p);
        let in_path_set: HashSet<&str> = in_path.iter().map(String::as_str).collect();
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
                None if renamed
                    || params_broken
                    || self.ix.broken(&format!("{params_path}.{name}")) => {}
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
                    out.push(model::PathParam {
                        name: name.clone(),
                        ty: t,
                    });
                }
            }
        }
        if !renamed {
            for k in unused {
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

    /// The `{name}`s of path `p`, in order, each once; reports braces that do
    /// not pair, names that are not snake_case and names given twice.
    fn template_params(&mut self, op: &str, p: &Located<String>) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        let mut unique: HashSet<&str> = HashSet::new();
        let mut rest = p.value.as_str();
        while let Some(brace) = rest.find(['{', '}']).and_then(|i| rest.get(i..)) {
            let Some(after) = brace.strip_prefix('{') else {
                self.err(
                    p.pos,
                    format!(
                        "path `{}` of endpoint `{op}` has a `}}` without `{{`",
                        p.value
                    ),
                );
                break;
            };
            let Some((name, tail)) = after.split_once('}') else {
                self.err(
                    p.pos,
                    format!("path `{}` of endpoint `{op}` has an unclosed `{{`", p.value),
                );
                break;
            };
            if !is_snake_case(name) {
                self.err(
                    p.pos,
                    format!(
                        "path parameter `{{{name}}}` of endpoint `{op}` must be a snake_case name"
                    ),
                );
            } else if !unique.insert(name) {
                self.err(
                    p.pos,
                    format!(
                        "path parameter `{{{name}}}` appears twice in the path of endpoint `{op}`"
                    ),
                );
            } else {
                names.push(name.to_owned());
            }
            rest = tail;
        }
        names
    }
}

/// `/items/{item_id}` and `/items/{id}` are the same route: the path with
/// parameter names dropped and no trailing `/`.
///
/// ```
/// use vook_schema::validate::route_shape;
/// assert_eq!(route_shape("/items/{id}/"), route_shape("/items/{item_id}"));
/// ```
pub fn route_shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    // Signed: a stray `}` (reported by the path check) must not underflow.
    // Spec size bounds the depth far below `i64::MAX`.
    let mut depth = 0_i64;
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
