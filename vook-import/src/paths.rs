//! Stage 2a, paths: the operations of `paths` that vook can send, in
//! document order, each with its unique endpoint name.

use std::collections::HashSet;

use vook_schema::validate::{RESERVED_METHOD_NAMES, route_shape};

use crate::document::{Node, Resolved, child, resolve};
use crate::names::{SnakeNames, snake};
use crate::warnings::Warnings;

/// The methods vook sends, as OpenAPI spells them.
const METHODS: [(&str, &str); 5] = [
    ("get", "GET"),
    ("put", "PUT"),
    ("post", "POST"),
    ("delete", "DELETE"),
    ("patch", "PATCH"),
];
/// Methods OpenAPI has and vook does not send.
const OTHER_METHODS: [&str; 4] = ["head", "options", "trace", "query"];

/// One operation found in `paths`, named.
pub struct Operation<'d> {
    /// The endpoint name (snake_case, unique).
    pub name: String,
    /// `GET`, `POST`, ...
    pub method: &'static str,
    /// The path as written.
    pub path: &'d str,
    /// The operation object.
    pub node: &'d Node,
    /// The path item (for its shared `parameters`).
    pub item: &'d Node,
    /// The pointer of the operation object.
    pub at: String,
}

/// Every operation vook can send, in document order, with unique names.
pub fn list<'d>(root: &'d Node, w: &mut Warnings) -> Vec<Operation<'d>> {
    let mut names = SnakeNames::default();
    names.reserve(RESERVED_METHOD_NAMES.iter().copied());
    names.reserve(["self", "super", "crate"]);
    let mut routes: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for (path, raw_item) in root.get("paths").map(Node::entries).unwrap_or(&[]) {
        let item_at = child("#/paths", path);
        let item = match resolve(root, raw_item, &item_at) {
            Resolved::Found(n, _) => n,
            Resolved::Broken(why) => {
                w.warn(&item_at, format!("{why}; the path is skipped"));
                continue;
            }
        };
        for (key, node) in item.entries() {
            let at = child(&item_at, key);
            let Some((_, method)) = METHODS.iter().find(|(k, _)| k == key) else {
                if OTHER_METHODS.contains(&key.as_str()) {
                    w.warn(&at, format!("`{}` operations are not generated (vook sends GET, POST, PUT, PATCH and DELETE)", key.to_ascii_uppercase()));
                }
                continue;
            };
            if !node.is_object() {
                w.warn(&at, "an operation that is not an object is skipped");
                continue;
            }
            let route = format!("{method} {}", route_shape(path));
            if !routes.insert(route) {
                w.warn(&at, format!("`{method} {path}` is the same route as an earlier operation (parameter names aside); it is skipped"));
                continue;
            }
            let (want, from_id) = match node.str_at("operationId") {
                Some(id) if !id.trim().is_empty() => (snake(id, "operation"), true),
                _ => (derived_name(key, path), false),
            };
            let name = names.take(&want);
            if !from_id {
                w.warn(
                    &at,
                    format!(
                        "no `operationId`; the endpoint is named `{name}` after its method and path"
                    ),
                );
            } else if name != want {
                w.warn(&at, format!("operation id `{}` gives the name `{want}`, which is taken (or reserved); the endpoint is `{name}`", node.str_at("operationId").unwrap_or_default()));
            }
            out.push(Operation {
                name,
                method,
                path,
                node,
                item,
                at,
            });
        }
    }
    out
}

/// `get /repos/{owner}/{repo}` -> `get_repos_by_owner_by_repo`.
fn derived_name(method: &str, path: &str) -> String {
    let mut words = vec![method.to_owned()];
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if let Some(p) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            words.push(format!("by {p}"));
        } else {
            words.push(seg.to_owned());
        }
    }
    snake(&words.join(" "), method)
}
