//! Stage 2b, operations: each operation to its endpoint (path and query
//! parameters, the request body; the response and the codes from
//! [`crate::responses`] and [`crate::errors`]).

use crate::document::{Node, Resolved, child, resolve};
use crate::errors::Codes;
use crate::names::{SnakeNames, camel, snake};
use crate::paths::Operation;
use crate::responses::is_json;
use crate::schemas::{Schemas, text};
use crate::spec::{Endpoint, Field};
use crate::warnings::Warnings;

/// A parameter after `$ref` resolution.
struct Param<'d> {
    name: &'d str,
    location: &'d str,
    node: &'d Node,
    at: String,
}

/// The operation's parameters: the path item's, overridden by the operation's.
fn parameters<'d>(root: &'d Node, op: &Operation<'d>, w: &mut Warnings) -> Vec<Param<'d>> {
    let mut out: Vec<Param<'d>> = Vec::new();
    let item_at = op.at.rsplit_once('/').map_or("#", |(p, _)| p).to_owned();
    for (owner, owner_at) in [(op.item, item_at), (op.node, op.at.clone())] {
        let list_at = child(&owner_at, "parameters");
        for (i, raw) in owner
            .get("parameters")
            .map(Node::items)
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            let at = child(&list_at, &i.to_string());
            let node = match resolve(root, raw, &at) {
                Resolved::Found(n, _) => n,
                Resolved::Broken(why) => {
                    w.warn(&at, format!("{why}; the parameter is left out"));
                    continue;
                }
            };
            let (Some(name), Some(location)) = (node.str_at("name"), node.str_at("in")) else {
                w.warn(&at, "a parameter without `name` or `in` is left out");
                continue;
            };
            out.retain(|p| !(p.name == name && p.location == location));
            out.push(Param {
                name,
                location,
                node,
                at,
            });
        }
    }
    out
}

/// Builds the endpoint of one operation.
pub fn endpoint<'d>(
    root: &'d Node,
    op: &Operation<'d>,
    schemas: &mut Schemas<'d>,
    codes: &mut Codes,
    data_envelope: Option<&str>,
    w: &mut Warnings,
) -> Endpoint {
    let op_camel = camel(&op.name, "Operation");
    let params = parameters(root, op, w);
    let (path, path_params) = path_and_params(op, &params, w);
    let mut query = Vec::new();
    let mut query_names = SnakeNames::default();
    for p in &params {
        match p.location {
            "path" => {}
            "query" => {
                if let Some(f) = query_field(p, schemas, &mut query_names, &op_camel, w) {
                    query.push(f);
                }
            }
            // The client sends it itself, on the requests it may retry.
            "header" if p.name.eq_ignore_ascii_case("idempotency-key") => {}
            "header" => w.warn(&p.at, format!("header parameter `{}` is not generated; send it per call with `.header(\"{}\", ...)`", p.name, p.name)),
            other => w.warn(&p.at, format!("`{other}` parameter `{}` is not generated", p.name)),
        }
    }
    let (body, form) = request_body(root, op, schemas, &op_camel, w);
    let (status, response) =
        crate::responses::success(root, op, schemas, &op_camel, data_envelope, w);
    let errors = codes.for_operation(root, op, w);
    let mut description = op
        .node
        .str_at("description")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    if op.node.flag("deprecated") {
        description = Some(match description {
            Some(d) => format!("Deprecated.\n\n{d}"),
            None => "Deprecated.".to_owned(),
        });
    }
    let paginate = crate::responses::paginate(op, w);
    Endpoint {
        name: op.name.clone(),
        method: op.method,
        path,
        summary: op
            .node
            .str_at("summary")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned),
        description,
        path_params,
        query,
        body,
        form,
        response,
        status,
        errors,
        paginate,
    }
}

/// The path with snake_case parameter names, and the parameters' types.
fn path_and_params(
    op: &Operation<'_>,
    params: &[Param<'_>],
    w: &mut Warnings,
) -> (String, Vec<(String, &'static str)>) {
    let mut names = SnakeNames::default();
    let mut out = String::with_capacity(op.path.len() + 1);
    let mut declared = Vec::new();
    if !op.path.starts_with('/') {
        out.push('/');
    }
    let mut rest = op.path;
    while let Some(open) = rest.find('{') {
        let (lit, tail) = rest.split_at(open);
        push_literal(&mut out, lit);
        let Some(close) = tail.find('}') else {
            push_literal(&mut out, tail);
            rest = "";
            break;
        };
        let raw = tail.get(1..close).unwrap_or_default();
        rest = tail.get(close + 1..).unwrap_or_default();
        let name = names.take(&snake(raw, "param"));
        let param = params
            .iter()
            .find(|p| p.location == "path" && p.name == raw);
        let ty = match param {
            None => {
                w.warn(
                    &op.at,
                    format!("path parameter `{{{raw}}}` is not declared; it is a `string`"),
                );
                "string"
            }
            Some(p) => {
                let schema = p.node.get("schema");
                match schema.and_then(|s| s.str_at("type")) {
                    Some("integer") => "integer",
                    Some("string" | "number" | "boolean") | None => "string",
                    Some(other) => {
                        w.warn(
                            &p.at,
                            format!(
                                "path parameter `{raw}` of type `{other}` is sent as a `string`"
                            ),
                        );
                        "string"
                    }
                }
            }
        };
        out.push('{');
        out.push_str(&name);
        out.push('}');
        declared.push((name, ty));
    }
    push_literal(&mut out, rest);
    for p in params.iter().filter(|p| p.location == "path") {
        if !op.path.contains(&format!("{{{}}}", p.name)) {
            w.warn(
                &p.at,
                format!(
                    "path parameter `{}` does not appear in the path `{}`; it is left out",
                    p.name, op.path
                ),
            );
        }
    }
    (out, declared)
}

/// Literal path text: whitespace, `?`, `#`, `{` (of an unclosed parameter) and
/// `}` percent-encoded (a path holds none of them as such).
fn push_literal(out: &mut String, lit: &str) {
    for c in lit.chars() {
        match c {
            '{' => out.push_str("%7B"),
            '?' => out.push_str("%3F"),
            '#' => out.push_str("%23"),
            '}' => out.push_str("%7D"),
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0_u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
}

/// A query parameter as a field, if it has a query-string form.
fn query_field<'d>(
    p: &Param<'d>,
    schemas: &mut Schemas<'d>,
    names: &mut SnakeNames,
    op_camel: &str,
    w: &mut Warnings,
) -> Option<Field> {
    if p.name.trim().is_empty() {
        w.warn(&p.at, "a query parameter with an empty name is left out");
        return None;
    }
    let Some(schema) = p.node.get("schema") else {
        w.warn(
            &p.at,
            format!(
                "query parameter `{}` has no `schema` (a `content` parameter); it is left out",
                p.name
            ),
        );
        return None;
    };
    if p.node.str_at("style").is_some_and(|s| s != "form")
        || matches!(p.node.get("explode"), Some(Node::Bool(false)))
    {
        w.warn(&p.at, format!("query parameter `{}` is serialised with its own `style`/`explode`; vook sends lists as repeated `{}=` pairs", p.name, p.name));
    }
    let place = format!("{op_camel}{}", camel(p.name, "Param"));
    let ty = schemas.expr(schema, &child(&p.at, "schema"), &place, w);
    if !query_expressible(&ty.expr, schemas) {
        w.warn(&p.at, format!("query parameter `{}` of type `{}` has no query-string form in vook; it is left out", p.name, ty.expr));
        return None;
    }
    Some(Field {
        name: names.take(&snake(p.name, "param")),
        original: p.name.to_owned(),
        ty: ty.field(p.node.flag("required")),
        description: p
            .node
            .str_at("description")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .or_else(|| text(schema)),
        wire: None,
    })
}

/// A scalar, a string enum, or a list of those.
fn query_expressible(expr: &str, schemas: &Schemas<'_>) -> bool {
    let inner = expr
        .strip_prefix('[')
        .and_then(|e| e.strip_suffix(']'))
        .unwrap_or(expr);
    match inner {
        "string" | "integer" | "number" | "boolean" | "datetime" => true,
        name => schemas.is_enum(name),
    }
}

/// The request body: its type expression and whether it is form-encoded.
fn request_body<'d>(
    root: &'d Node,
    op: &Operation<'d>,
    schemas: &mut Schemas<'d>,
    op_camel: &str,
    w: &mut Warnings,
) -> (Option<String>, bool) {
    let Some(raw) = op.node.get("requestBody") else {
        return (None, false);
    };
    let at = child(&op.at, "requestBody");
    let body = match resolve(root, raw, &at) {
        Resolved::Found(n, _) => n,
        Resolved::Broken(why) => {
            w.warn(&at, format!("{why}; the endpoint sends no body"));
            return (None, false);
        }
    };
    if !matches!(op.method, "POST" | "PUT" | "PATCH") {
        w.warn(
            &at,
            format!(
                "a {} request body is not sent (vook sends bodies with POST, PUT and PATCH)",
                op.method
            ),
        );
        return (None, false);
    }
    let content = body.get("content").map(Node::entries).unwrap_or(&[]);
    let content_at = child(&at, "content");
    let json = content.iter().find(|(m, _)| is_json(m));
    let form = content.iter().find(|(m, _)| {
        m.split(';').next().is_some_and(|b| {
            b.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
    });
    let place = format!("{op_camel}Body");
    if let Some((media, media_node)) = json {
        let Some(schema) = media_node.get("schema") else {
            return (Some("json".to_owned()), false);
        };
        let ty = schemas.expr(
            schema,
            &child(&child(&content_at, media), "schema"),
            &place,
            w,
        );
        return (Some(ty.expr), false);
    }
    if let Some((media, media_node)) = form {
        let Some(schema) = media_node.get("schema") else {
            w.warn(
                &child(&content_at, media),
                "a form body without a schema is sent as `map<string>`",
            );
            return (Some("map<string>".to_owned()), true);
        };
        let ty = schemas.expr(
            schema,
            &child(&child(&content_at, media), "schema"),
            &place,
            w,
        );
        if ty.expr.starts_with("map<") || schemas.is_struct(&ty.expr) {
            return (Some(ty.expr), true);
        }
        w.warn(
            &child(&content_at, media),
            format!(
                "a form body of type `{}` is not a struct or map; it is sent as `map<string>`",
                ty.expr
            ),
        );
        return (Some("map<string>".to_owned()), true);
    }
    let medias: Vec<&str> = content.iter().map(|(m, _)| m.as_str()).collect();
    if medias.is_empty() {
        (None, false)
    } else {
        w.warn(&content_at, format!("request bodies of media type {} are not generated (vook sends JSON and form bodies); the endpoint sends no body", medias.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")));
        (None, false)
    }
}
