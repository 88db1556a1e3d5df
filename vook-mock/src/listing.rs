//! List endpoints: a page of a stored collection, newest first, with the
//! mock's paging conventions (see the crate docs, "Paging").

use serde_json::{Map, Value};
use vook_schema::model::{Api, Endpoint};
use vook_vocab::paging::{
    CURSOR_PARAMS, CURSOR_PREFIX, DEFAULT_PAGE_SIZE, LIMIT_PARAMS, MAX_PAGE_SIZE, MIN_PAGE_SIZE,
};

use crate::example::example;
use crate::routes::{ListShape, Position};
use crate::spec_types::struct_fields;
use crate::store::Store;
use crate::type_check::Issue;

/// The first of `names` present in `query`, with its value.
fn param<'q>(query: &'q [(String, String)], names: &[&str]) -> Option<(&'q str, &'q str)> {
    names
        .iter()
        .find_map(|n| query.iter().find(|(k, _)| k == n))
        .map(|(k, v)| (k.as_str(), v.as_str()))
}

/// Where a page starts and how long it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PageRequest {
    offset: usize,
    limit: usize,
}

/// Reads the limit and position parameters of a list shaped `shape` over
/// `newest_first`; every problem is an issue.
fn page_request(
    query: &[(String, String)],
    position: &Position,
    newest_first: &[&Value],
) -> Result<PageRequest, Vec<Issue>> {
    let mut issues = Vec::new();
    let limit = match param(query, &LIMIT_PARAMS) {
        None => DEFAULT_PAGE_SIZE,
        Some((name, v)) => match v.parse::<i64>() {
            Ok(n) if i64::try_from(MIN_PAGE_SIZE).is_ok_and(|min| n >= min) => usize::try_from(n)
                .unwrap_or(MAX_PAGE_SIZE)
                .min(MAX_PAGE_SIZE),
            _ => {
                issues.push(Issue::new(name, "must be an integer of at least 1"));
                0
            }
        },
    };
    let issued = |name: &str, v: &str, issues: &mut Vec<Issue>| match v
        .strip_prefix(CURSOR_PREFIX)
        .and_then(|n| n.parse::<usize>().ok())
    {
        Some(n) => n,
        None => {
            issues.push(Issue::new(name, "is not a cursor this server issued"));
            0
        }
    };
    let offset = match position {
        Position::Conventions => match param(query, &CURSOR_PARAMS) {
            None | Some((_, "")) => 0,
            Some((name, v)) => issued(name, v, &mut issues),
        },
        Position::Cursor(name) => match param(query, &[name.as_str()]) {
            None | Some((_, "")) => 0,
            Some((name, v)) => issued(name, v, &mut issues),
        },
        Position::After { param: name, field } => match param(query, &[name.as_str()]) {
            None | Some((_, "")) => 0,
            Some((name, v)) => match newest_first
                .iter()
                .position(|o| o.get(field).is_some_and(|f| same_text(f, v)))
            {
                Some(i) => i.saturating_add(1),
                None => {
                    issues.push(Issue::new(
                        name,
                        format!("is not the `{field}` of a listed object"),
                    ));
                    0
                }
            },
        },
    };
    if issues.is_empty() {
        Ok(PageRequest { offset, limit })
    } else {
        Err(issues)
    }
}

/// A string or number field written as `text` in a query.
fn same_text(field: &Value, text: &str) -> bool {
    match field {
        Value::String(s) => s == text,
        Value::Number(n) => n.to_string() == text,
        _ => false,
    }
}

/// One page of `collection`, newest first, shaped as the endpoint's response.
pub(crate) fn list(
    api: &Api,
    ep: &Endpoint,
    shape: &ListShape,
    collection: &str,
    query: &[(String, String)],
    store: &Store,
) -> Result<Value, Vec<Issue>> {
    let all = store.all(collection);
    let newest_first: Vec<&Value> = all.iter().rev().copied().collect();
    let PageRequest { offset, limit } = page_request(query, &shape.position, &newest_first)?;
    let page: Vec<Value> = newest_first
        .iter()
        .skip(offset)
        .take(limit)
        .map(|v| (*v).clone())
        .collect();
    let end = offset.saturating_add(limit);
    let next = (end < all.len()).then(|| format!("{CURSOR_PREFIX}{end}"));
    let Some((_, fields)) = ep.response.as_ref().and_then(|t| struct_fields(api, t)) else {
        return Ok(Value::Object(Map::new()));
    };
    let mut out = Map::new();
    for f in fields {
        let value = if f.name == shape.items {
            Some(Value::Array(page.clone()))
        } else if shape.cursor.as_ref() == Some(&f.name) {
            next.clone().map(Value::from)
        } else if shape.has_more.as_ref() == Some(&f.name) {
            Some(Value::Bool(next.is_some()))
        } else if shape.total.as_ref() == Some(&f.name) {
            Some(Value::from(all.len()))
        } else if f.optional {
            None
        } else {
            Some(example(api, &f.ty))
        };
        if let Some(v) = value {
            out.insert(f.name.clone(), v);
        }
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn paging_conventions() {
        let page = |pairs: &[(&str, &str)]| page_request(&q(pairs), &Position::Conventions, &[]);
        let ok = |offset, limit| Ok(PageRequest { offset, limit });
        assert_eq!(page(&[]), ok(0, DEFAULT_PAGE_SIZE));
        assert_eq!(page(&[("limit", "5"), ("cursor", "cur_10")]), ok(10, 5));
        assert_eq!(page(&[("per_page", "5000")]), ok(0, MAX_PAGE_SIZE));
        assert_eq!(
            page(&[("limit", "99999999999999999999")]),
            Err(vec![Issue::new(
                "limit",
                "must be an integer of at least 1"
            )])
        );
        assert_eq!(page(&[("page_token", "")]), ok(0, DEFAULT_PAGE_SIZE));
        assert_eq!(page(&[("limit", "2"), ("page_size", "9")]), ok(0, 2));
        assert_eq!(
            page(&[("limit", "0"), ("after", "x")]),
            Err(vec![
                Issue::new("limit", "must be an integer of at least 1"),
                Issue::new("after", "is not a cursor this server issued"),
            ])
        );
    }

    #[test]
    fn declared_positions_read_only_their_parameter() {
        let cursor = Position::Cursor("token".into());
        let page = |pairs: &[(&str, &str)]| page_request(&q(pairs), &cursor, &[]);
        let ok = |offset, limit| Ok(PageRequest { offset, limit });
        assert_eq!(
            page(&[("token", "cur_4"), ("cursor", "junk")]),
            ok(4, DEFAULT_PAGE_SIZE)
        );
        assert_eq!(page(&[("cursor", "cur_4")]), ok(0, DEFAULT_PAGE_SIZE));
        let objects = [
            serde_json::json!({"id": "b", "seq": 2}),
            serde_json::json!({"id": "a", "seq": 1}),
        ];
        let listed: Vec<&Value> = objects.iter().collect();
        let after = |field: &str, pairs: &[(&str, &str)]| {
            let position = Position::After {
                param: "starting_after".into(),
                field: field.into(),
            };
            page_request(&q(pairs), &position, &listed)
        };
        assert_eq!(
            after("id", &[("starting_after", "b")]),
            ok(1, DEFAULT_PAGE_SIZE)
        );
        assert_eq!(
            after("id", &[("starting_after", "a")]),
            ok(2, DEFAULT_PAGE_SIZE)
        );
        assert_eq!(
            after("seq", &[("starting_after", "2")]),
            ok(1, DEFAULT_PAGE_SIZE)
        );
        assert_eq!(
            after("id", &[("starting_after", "zzz")]),
            Err(vec![Issue::new(
                "starting_after",
                "is not the `id` of a listed object"
            )])
        );
    }
}
