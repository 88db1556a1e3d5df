//! Stage 2c, responses: the success status and body of each operation, and
//! the data envelope shared by all of them.

use crate::document::{Node, Resolved, child, resolve};
use crate::paths::Operation;
use crate::schemas::{Schemas, property_names};
use crate::warnings::Warnings;

/// Whether a media type is JSON (`application/json`, `application/problem+json`, `text/json`).
pub fn is_json(media: &str) -> bool {
    let base = media
        .split(';')
        .next()
        .unwrap_or(media)
        .trim()
        .to_ascii_lowercase();
    base == "application/json" || base == "text/json" || base.ends_with("+json") || base == "*/*"
}

/// The JSON schema of a response object (after `$ref`s), with its pointer.
pub fn json_schema<'d>(root: &'d Node, response: &'d Node, at: &str) -> Option<(&'d Node, String)> {
    let Resolved::Found(response, response_at) = resolve(root, response, at) else {
        return None;
    };
    let content_at = child(&response_at, "content");
    response
        .get("content")
        .map(Node::entries)
        .unwrap_or(&[])
        .iter()
        .find(|(m, _)| is_json(m))
        .and_then(|(m, media)| {
            media
                .get("schema")
                .map(|s| (s, child(&child(&content_at, m), "schema")))
        })
}

/// The success statuses of an operation (`200`..=`299`), lowest first, and
/// the response of the first; `2XX` counts as 200.
fn success_response<'d>(op: &Operation<'d>) -> Option<(u16, &'d Node, String)> {
    let responses_at = child(&op.at, "responses");
    let mut best: Option<(u16, &'d Node, String)> = None;
    for (key, response) in op.node.get("responses").map(Node::entries).unwrap_or(&[]) {
        let status = match key.parse::<u16>() {
            Ok(s) if (200..=299).contains(&s) => s,
            _ if key.eq_ignore_ascii_case("2XX") => 200,
            _ => continue,
        };
        if best.as_ref().is_none_or(|(b, _, _)| status < *b) {
            best = Some((status, response, child(&responses_at, key)));
        }
    }
    best
}

/// The single required property every success body is wrapped in
/// (`{"data": ...}`), when every operation's JSON success body is an inline
/// object with exactly that one property, and there are at least two such
/// bodies (one body with one property is a shape, not a convention).
pub fn data_envelope(root: &Node, ops: &[Operation<'_>]) -> Option<String> {
    let mut name: Option<String> = None;
    let mut bodies = 0_usize;
    for op in ops {
        let Some((_, response, at)) = success_response(op) else {
            continue;
        };
        let Some((schema, _)) = json_schema(root, response, &at) else {
            continue;
        };
        if schema.get("$ref").is_some() {
            return None;
        }
        let props = property_names(root, schema);
        let [(only, _)] = props.as_slice() else {
            return None;
        };
        let required = schema.get("required").map(Node::items).unwrap_or(&[]);
        if !required.iter().any(|r| r.as_str() == Some(only)) {
            return None;
        }
        match &name {
            Some(n) if n != only => return None,
            Some(_) => {}
            None => name = Some((*only).to_owned()),
        }
        bodies += 1;
    }
    name.filter(|_| bodies >= 2)
}

/// The success status and the response type (`None`: no body) of an operation.
pub fn success<'d>(
    root: &'d Node,
    op: &Operation<'d>,
    schemas: &mut Schemas<'d>,
    op_camel: &str,
    data_envelope: Option<&str>,
    w: &mut Warnings,
) -> (u16, Option<String>) {
    let responses_at = child(&op.at, "responses");
    for (key, _) in op.node.get("responses").map(Node::entries).unwrap_or(&[]) {
        let at = child(&responses_at, key);
        match key.parse::<u16>() {
            Ok(s) if (300..=399).contains(&s) => w.warn(&at, format!("a {s} response is not a success or an error to vook: the client follows redirects, and a {s} it cannot follow arrives as `Error::Decode`")),
            Ok(s) if s < 200 => w.warn(&at, format!("informational status {s} is not represented")),
            _ if key == "default" => w.warn(&at, "a `default` response is not represented: statuses the operation does not list arrive as `Unknown` errors (4xx, 5xx) or as `Error::Decode`"),
            _ => {}
        }
    }
    let Some((status, response, at)) = success_response(op) else {
        w.warn(
            &responses_at,
            "no success (2xx) response is declared; the endpoint expects 200 with no body",
        );
        return (200, None);
    };
    let resolved = match resolve(root, response, &at) {
        Resolved::Found(n, _) => n,
        Resolved::Broken(why) => {
            w.warn(&at, format!("{why}; the endpoint reads no body"));
            return (status, None);
        }
    };
    let content = resolved.get("content").map(Node::entries).unwrap_or(&[]);
    let Some((schema, schema_at)) = json_schema(root, response, &at) else {
        if let Some((media, _)) = content.iter().find(|(m, _)| is_json(m)) {
            // JSON without a schema: any JSON.
            let _ = media;
            return (status, json_unless_empty(status, &at, w));
        }
        if !content.is_empty() {
            let medias: Vec<String> = content.iter().map(|(m, _)| format!("`{m}`")).collect();
            w.warn(&child(&at, "content"), format!("a success body of media type {} is not read (vook reads JSON); the endpoint's response is `none`", medias.join(", ")));
        }
        return (status, None);
    };
    if matches!(status, 204 | 205) {
        w.warn(
            &at,
            format!("a {status} response cannot carry a body; the body described is not read"),
        );
        return (status, None);
    }
    let (schema, schema_at) =
        match data_envelope.and_then(|d| envelope_property(root, schema, &schema_at, d)) {
            Some(inner) => inner,
            None => (schema, schema_at),
        };
    let ty = schemas.expr(schema, &schema_at, &format!("{op_camel}Response"), w);
    (status, Some(ty.expr))
}

/// The envelope's property `d` of a success schema, as written (a `$ref`
/// stays a `$ref`, so it names its type).
fn envelope_property<'d>(
    root: &'d Node,
    schema: &'d Node,
    at: &str,
    d: &str,
) -> Option<(&'d Node, String)> {
    let Resolved::Found(outer, outer_at) = resolve(root, schema, at) else {
        return None;
    };
    let props_at = child(&outer_at, "properties");
    outer
        .get("properties")
        .and_then(|p| p.get(d))
        .map(|inner| (inner, child(&props_at, d)))
}

fn json_unless_empty(status: u16, at: &str, w: &mut Warnings) -> Option<String> {
    if matches!(status, 204 | 205) {
        w.warn(
            at,
            format!("a {status} response cannot carry a body; the body described is not read"),
        );
        None
    } else {
        Some("json".to_owned())
    }
}

/// vook's own `x-vook-paginate` (written by `cargo xtask openapi`), kept.
pub fn paginate(op: &Operation<'_>, w: &mut Warnings) -> Vec<(String, String)> {
    let Some(p) = op.node.get("x-vook-paginate") else {
        return Vec::new();
    };
    let keys = ["cursor", "items", "next", "next_from_last", "has_more"];
    let mut out = Vec::new();
    for (k, v) in p.entries() {
        match (keys.contains(&k.as_str()), v.as_str()) {
            (true, Some(v)) => out.push((k.clone(), crate::names::snake(v, "field"))),
            _ => {
                w.warn(
                    &child(&op.at, "x-vook-paginate"),
                    format!("`{k}` of `x-vook-paginate` is not read"),
                );
            }
        }
    }
    out
}
