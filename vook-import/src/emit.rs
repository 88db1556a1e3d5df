//! Stage 4, emit: the [`Spec`] as a YAML file, keys in the order docs/spec.md
//! lists them, strings quoted wherever YAML could read them otherwise.

use std::fmt::Write as _;

use vook_vocab::wire::FieldCase;

use crate::spec::{Auth, Code, Endpoint, Field, Spec, TypeBody, TypeDef};

/// The spec as YAML text; `source` is named in the header comment.
pub fn yaml(spec: &Spec, source: &str) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = writeln!(out, "# yaml-language-server: $schema=vook.schema.json");
    let _ = writeln!(
        out,
        "# Imported from {} by `cargo xtask import`; edit freely.",
        one_line(source)
    );
    out.push_str("vook: 1\n");
    api(&mut out, spec);
    if !spec.codes.is_empty() {
        out.push_str("errors:\n");
        for c in &spec.codes {
            code(&mut out, c);
        }
    }
    if !spec.types.is_empty() {
        out.push_str("types:\n");
        for t in &spec.types {
            type_def(&mut out, t);
        }
    }
    if !spec.endpoints.is_empty() {
        out.push_str("endpoints:\n");
        for e in &spec.endpoints {
            endpoint(&mut out, e);
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn api(out: &mut String, spec: &Spec) {
    let a = &spec.api;
    out.push_str("api:\n");
    kv(out, 2, "name", &a.name);
    if let Some(t) = &a.title {
        text(out, 2, "title", t);
    }
    if let Some(d) = &a.description {
        text(out, 2, "description", d);
    }
    kv(out, 2, "base_url", &a.base_url);
    match &a.auth {
        Auth::None => out.push_str("  auth: none\n"),
        Auth::Bearer { env } => {
            let _ = writeln!(out, "  auth: {{ scheme: bearer, env: {} }}", scalar(env));
        }
        Auth::Basic { env } => {
            let _ = writeln!(out, "  auth: {{ scheme: basic, env: {} }}", scalar(env));
        }
        Auth::Header { name, env } => {
            let _ = writeln!(
                out,
                "  auth: {{ scheme: header, name: {}, env: {} }}",
                scalar(name),
                scalar(env)
            );
        }
        Auth::Query { name, env } => {
            let _ = writeln!(
                out,
                "  auth: {{ scheme: query, name: {}, env: {} }}",
                scalar(name),
                scalar(env)
            );
        }
    }
    if let Some(h) = &a.request_id_header {
        kv(out, 2, "request_id_header", h);
    }
    if let Some(r) = &a.rate_limit {
        let format = if r.delta { ", reset_format: delta" } else { "" };
        let _ = writeln!(
            out,
            "  rate_limit_headers: {{ limit: {}, remaining: {}, reset: {}{format} }}",
            scalar(&r.limit),
            scalar(&r.remaining),
            scalar(&r.reset)
        );
    }
    let _ = writeln!(
        out,
        "  envelope: {{ data: {}, error: {} }}",
        opt(a.envelope_data.as_deref()),
        opt(a.envelope_error.as_deref())
    );
    let f = &a.error_fields;
    let details = match &f.details {
        None => "null".to_owned(),
        Some((at, field, issue)) => format!(
            "{{ at: {}, field: {}, issue: {} }}",
            scalar(at),
            scalar(field),
            scalar(issue)
        ),
    };
    let _ = writeln!(
        out,
        "  error_fields: {{ code: {}, message: {}, request_id: {}, details: {details} }}",
        opt(f.code.as_deref()),
        opt(f.message.as_deref()),
        opt(f.request_id.as_deref())
    );
    if a.field_case != FieldCase::Snake {
        kv(out, 2, "field_case", a.field_case.as_str());
    }
}

fn code(out: &mut String, c: &Code) {
    let _ = writeln!(out, "  {}:", scalar(&c.name));
    let _ = writeln!(out, "    status: {}", c.status);
    if let Some(w) = &c.wire {
        kv(out, 4, "wire", w);
    }
    if let Some(r) = c.retry {
        kv(out, 4, "retry", r);
    }
    if let Some(s) = &c.summary {
        text(out, 4, "summary", s);
    }
    if let Some(f) = &c.fix {
        text(out, 4, "fix", f);
    }
    if c.details {
        out.push_str("    details: true\n");
    }
}

fn type_def(out: &mut String, t: &TypeDef) {
    let _ = writeln!(out, "  {}:", scalar(&t.name));
    if let Some(d) = &t.description {
        text(out, 4, "description", d);
    }
    match &t.body {
        TypeBody::Enum(values) => {
            out.push_str("    enum:\n");
            for v in values {
                let _ = writeln!(out, "      - {}", scalar(v));
            }
        }
        TypeBody::Struct { field_case, fields } => {
            if let Some(c) = field_case {
                kv(out, 4, "field_case", c.as_str());
            }
            if fields.is_empty() {
                out.push_str("    fields: {}\n");
            } else {
                out.push_str("    fields:\n");
                for f in fields {
                    field(out, 6, f);
                }
            }
        }
    }
}

fn field(out: &mut String, indent: usize, f: &Field) {
    let pad = " ".repeat(indent);
    if f.description.is_none() && f.wire.is_none() {
        let _ = writeln!(out, "{pad}{}: {}", scalar(&f.name), scalar(&f.ty));
        return;
    }
    let _ = writeln!(out, "{pad}{}:", scalar(&f.name));
    kv(out, indent + 2, "type", &f.ty);
    if let Some(w) = &f.wire {
        kv(out, indent + 2, "wire", w);
    }
    if let Some(d) = &f.description {
        text(out, indent + 2, "description", d);
    }
}

fn endpoint(out: &mut String, e: &Endpoint) {
    let _ = writeln!(out, "  {}:", scalar(&e.name));
    kv(out, 4, "method", e.method);
    kv(out, 4, "path", &e.path);
    if let Some(s) = &e.summary {
        text(out, 4, "summary", s);
    }
    if let Some(d) = &e.description {
        text(out, 4, "description", d);
    }
    if !e.path_params.is_empty() {
        out.push_str("    path_params:\n");
        for (n, t) in &e.path_params {
            let _ = writeln!(out, "      {}: {t}", scalar(n));
        }
    }
    if !e.query.is_empty() {
        out.push_str("    query:\n");
        for f in &e.query {
            field(out, 6, f);
        }
    }
    if let Some(b) = &e.body {
        kv(out, 4, "body", b);
        if e.form {
            out.push_str("    body_encoding: form\n");
        }
    }
    kv(out, 4, "response", e.response.as_deref().unwrap_or("none"));
    let _ = writeln!(out, "    status: {}", e.status);
    if !e.errors.is_empty() {
        let list: Vec<String> = e.errors.iter().map(|c| scalar(c)).collect();
        let _ = writeln!(out, "    errors: [{}]", list.join(", "));
    }
    if !e.paginate.is_empty() {
        let pairs: Vec<String> = e
            .paginate
            .iter()
            .map(|(k, v)| format!("{k}: {}", scalar(v)))
            .collect();
        let _ = writeln!(out, "    paginate: {{ {} }}", pairs.join(", "));
    }
}

fn opt(v: Option<&str>) -> String {
    v.map_or_else(|| "null".to_owned(), scalar)
}

fn kv(out: &mut String, indent: usize, key: &str, value: &str) {
    let _ = writeln!(out, "{}{key}: {}", " ".repeat(indent), scalar(value));
}

/// Free text: a literal block when it spans lines and YAML keeps it exactly,
/// else a scalar.
fn text(out: &mut String, indent: usize, key: &str, value: &str) {
    let pad = " ".repeat(indent);
    let blockable = value.contains('\n')
        && !value.starts_with([' ', '\t', '\n'])
        && value
            .chars()
            .all(|c| c == '\n' || c == '\t' || yaml_printable(c))
        && !value.contains('\r');
    if !blockable {
        let _ = writeln!(out, "{pad}{key}: {}", scalar(value));
        return;
    }
    let trailing = value.len() - value.trim_end_matches('\n').len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let _ = writeln!(out, "{pad}{key}: |{chomp}");
    let body = if trailing == 1 {
        value.strip_suffix('\n').unwrap_or(value)
    } else {
        value
    };
    let body = if trailing > 1 {
        body.strip_suffix('\n').unwrap_or(body)
    } else {
        body
    };
    for line in body.split('\n') {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{pad}  {line}");
        }
    }
}

/// Characters YAML allows in a document as they are.
fn yaml_printable(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{7e}' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}')
        && c != '\u{feff}'
}

/// A plain scalar when YAML reads it back as the same string, else a
/// double-quoted one.
pub fn scalar(s: &str) -> String {
    let plain = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '/')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./{}".contains(c))
        && !s.contains('{')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain {
        return s.to_owned();
    }
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\t' => q.push_str("\\t"),
            c if yaml_printable(c) => q.push(c),
            c => {
                let _ = write!(q, "\\u{:04x}", u32::from(c) & 0xffff);
            }
        }
    }
    q.push('"');
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_that_yaml_would_misread_are_quoted() {
        assert_eq!(scalar("get_item"), "get_item");
        assert_eq!(scalar("/items/x"), "/items/x");
        for s in [
            "null",
            "No",
            "[Item]",
            "string?",
            "map<json>",
            "1.5",
            "",
            " a",
            "a: b",
            "#x",
            "/items/{id}",
            "é",
        ] {
            assert!(scalar(s).starts_with('"'), "{s}");
        }
        assert_eq!(scalar("a\"b\\c\u{1}"), "\"a\\\"b\\\\c\\u0001\"");
    }
}
