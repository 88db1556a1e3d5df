//! Routing: path templates to endpoints, and what the default behaviour of
//! each endpoint is (store operation or synthesized example).

use vook_schema::model::{Api, Endpoint, Method, PageNext, TypeRef};
use vook_vocab::paging::{CURSOR_FIELDS, HAS_MORE_FIELD, TOTAL_FIELDS};

use crate::spec_types::struct_fields;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Seg {
    Lit(String),
    Param,
    /// Parameters inside a segment (`{sid}.json`, `{base}...{head}`): the
    /// literal pieces around them, in order (`["", ".json"]`).
    Mixed(Vec<String>),
}

impl Seg {
    /// Whether the request segment `s` fits this template segment.
    fn fits(&self, s: &str) -> bool {
        match self {
            Seg::Lit(l) => l == s,
            Seg::Param => !s.is_empty(),
            Seg::Mixed(pieces) => fits_pieces(pieces, s),
        }
    }

    /// A parameter, alone or inside a segment.
    fn is_param(&self) -> bool {
        !matches!(self, Seg::Lit(_))
    }
}

/// `s` is the pieces in order with a non-empty parameter value between each two.
fn fits_pieces(pieces: &[String], s: &str) -> bool {
    let Some((first, rest)) = pieces.split_first() else {
        return false;
    };
    let Some(mut tail) = s.strip_prefix(first.as_str()) else {
        return false;
    };
    let Some((last, middle)) = rest.split_last() else {
        return false;
    };
    for piece in middle {
        // A non-empty value, then the piece.
        let Some(at) = tail.get(1..).and_then(|t| t.find(piece.as_str())) else {
            return false;
        };
        tail = tail.get(at + 1 + piece.len()..).unwrap_or_default();
    }
    tail.len() > last.len() && tail.ends_with(last.as_str())
}

/// The literal pieces of a segment with parameters inside it.
fn pieces(segment: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = segment;
    while let Some(open) = rest.find('{') {
        out.push(rest.get(..open).unwrap_or_default().to_owned());
        rest = rest
            .get(open..)
            .and_then(|r| r.find('}').and_then(|c| r.get(c + 1..)))
            .unwrap_or_default();
    }
    out.push(rest.to_owned());
    out
}

/// What a list response looks like.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ListShape {
    /// The field holding the page of stored objects.
    pub(crate) items: String,
    /// An optional string field for the next cursor.
    pub(crate) cursor: Option<String>,
    /// A boolean `has_more` field.
    pub(crate) has_more: Option<String>,
    /// An integer field for the collection's size.
    pub(crate) total: Option<String>,
    /// Where a request says which page it wants.
    pub(crate) position: Position,
}

/// The query parameter a list reads its position from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Position {
    /// The conventions: the first of `CURSOR_PARAMS`, a cursor the mock issued.
    Conventions,
    /// Declared `paginate` with `next`: this parameter, a cursor the mock issued.
    Cursor(String),
    /// Declared `paginate` with `next_from_last`: this parameter holds the `field`
    /// of the item the page starts after.
    After {
        /// The query parameter.
        param: String,
        /// The item field.
        field: String,
    },
}

/// The default behaviour of an endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Behaviour {
    /// POST on a collection: store the body plus generated fields.
    Create,
    /// GET on `collection/{id}`.
    Read,
    /// PATCH on `collection/{id}`: merge non-null fields.
    Update,
    /// PUT on `collection/{id}`: replace.
    Replace,
    /// DELETE on `collection/{id}`.
    Delete,
    /// GET on a collection whose response is a page of stored objects.
    List(ListShape),
    /// Anything else: a synthesized example of the response type.
    Example,
}

/// One endpoint, ready to match.
#[derive(Clone, Debug)]
pub(crate) struct Route {
    /// Index into `api.endpoints`.
    pub(crate) endpoint: usize,
    segs: Vec<Seg>,
    /// Default behaviour.
    pub(crate) behaviour: Behaviour,
}

/// The outcome of routing one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Matched {
    /// An endpoint matched.
    Route {
        /// Index into the route table.
        route: usize,
        /// The concrete collection path (the request path without a trailing `{param}` segment).
        collection: String,
        /// The value of a trailing `{param}`, decoded.
        item: Option<String>,
    },
    /// An endpoint matches only with a path parameter left empty (`/things//x`,
    /// or `/things/` for `/things/{id}`): there is no such resource.
    EmptyParam {
        /// Index into the route table.
        route: usize,
    },
    /// No endpoint has this path.
    NotFound,
    /// Endpoints have this path, with these methods.
    MethodNotAllowed(Vec<&'static str>),
}

fn template_segs(path: &str) -> Vec<Seg> {
    split(path)
        .into_iter()
        .map(|s| {
            if s.starts_with('{') && s.ends_with('}') && s.matches('{').count() == 1 {
                Seg::Param
            } else if s.contains('{') {
                Seg::Mixed(pieces(s))
            } else {
                Seg::Lit(s.to_owned())
            }
        })
        .collect()
}

/// Segments of a path: without the leading `/`, and without one trailing `/`.
fn split(path: &str) -> Vec<&str> {
    let trimmed = path.strip_prefix('/').unwrap_or(path);
    let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
    if trimmed.is_empty() {
        Vec::new()
    } else {
        trimmed.split('/').collect()
    }
}

fn is_item(segs: &[Seg]) -> bool {
    segs.last().is_some_and(Seg::is_param)
}

fn collection_of(segs: &[Seg]) -> &[Seg] {
    match segs.split_last() {
        Some((last, collection)) if last.is_param() => collection,
        _ => segs,
    }
}

/// Builds the route table of `api`.
pub(crate) fn build(api: &Api) -> Vec<Route> {
    let all: Vec<Vec<Seg>> = api
        .endpoints
        .iter()
        .map(|e| template_segs(&e.path))
        .collect();
    api.endpoints
        .iter()
        .zip(&all)
        .enumerate()
        .map(|(i, (ep, segs))| Route {
            endpoint: i,
            segs: segs.clone(),
            behaviour: classify(api, ep, i, &all),
        })
        .collect()
}

/// The default behaviour of endpoint `index` (`all`: every endpoint's template).
fn classify(api: &Api, ep: &Endpoint, index: usize, all: &[Vec<Seg>]) -> Behaviour {
    let Some(segs) = all.get(index) else {
        return Behaviour::Example;
    };
    if ep.paginate.is_some() {
        return declared_shape(api, ep).map_or(Behaviour::Example, Behaviour::List);
    }
    match (ep.method, is_item(segs)) {
        (Method::Get, true) => Behaviour::Read,
        (Method::Patch, true) => Behaviour::Update,
        (Method::Put, true) => Behaviour::Replace,
        (Method::Delete, true) => Behaviour::Delete,
        (Method::Post, false) if is_create(api, ep, index, all) => Behaviour::Create,
        (Method::Get, false) => list_shape(api, ep).map_or(Behaviour::Example, Behaviour::List),
        _ => Behaviour::Example,
    }
}

/// A POST on a collection creates when it returns a struct (or nothing) and the
/// collection is a resource: its objects have an `id`, or other endpoints read,
/// change or list it.
fn is_create(api: &Api, ep: &Endpoint, index: usize, all: &[Vec<Seg>]) -> bool {
    let has_id = match &ep.response {
        None => false,
        Some(ty) => match struct_fields(api, ty) {
            Some((_, fields)) => fields.iter().any(|f| f.name == "id"),
            None => return false,
        },
    };
    let Some(mine) = all.get(index) else {
        return false;
    };
    let siblings = api
        .endpoints
        .iter()
        .zip(all)
        .enumerate()
        .any(|(j, (other, segs))| {
            j != index
                && collection_of(segs) == mine.as_slice()
                && (is_item(segs) || other.method == Method::Get)
        });
    has_id || siblings
}

fn list_shape(api: &Api, ep: &Endpoint) -> Option<ListShape> {
    let (_, fields) = struct_fields(api, ep.response.as_ref()?)?;
    let mut lists = fields.iter().filter(|f| match &f.ty {
        TypeRef::List(inner) => struct_fields(api, inner).is_some(),
        _ => false,
    });
    let items = lists.next()?;
    if lists.next().is_some() {
        return None;
    }
    let named = |names: &[&str], ty: &TypeRef| {
        names
            .iter()
            .find_map(|n| fields.iter().find(|f| f.name == *n && &f.ty == ty))
            .map(|f| f.name.clone())
    };
    Some(ListShape {
        items: items.name.clone(),
        cursor: named(&CURSOR_FIELDS, &TypeRef::String),
        has_more: named(&[HAS_MORE_FIELD], &TypeRef::Boolean),
        total: named(&TOTAL_FIELDS, &TypeRef::Integer),
        position: Position::Conventions,
    })
}

/// The list an endpoint that declares `paginate` answers: exactly its names; the
/// conventions only for what the declaration does not say (`has_more` of the
/// cursor style, the total).
fn declared_shape(api: &Api, ep: &Endpoint) -> Option<ListShape> {
    let p = ep.paginate.as_ref()?;
    let (_, fields) = struct_fields(api, ep.response.as_ref()?)?;
    let named = |names: &[&str], ty: &TypeRef| {
        names
            .iter()
            .find_map(|n| fields.iter().find(|f| f.name == *n && &f.ty == ty))
            .map(|f| f.name.clone())
    };
    let (cursor, has_more, position) = match &p.next {
        PageNext::Cursor { field } => (
            Some(field.clone()),
            named(&[HAS_MORE_FIELD], &TypeRef::Boolean),
            Position::Cursor(p.cursor.clone()),
        ),
        PageNext::FromLast { field, has_more } => (
            None,
            has_more
                .clone()
                .or_else(|| named(&[HAS_MORE_FIELD], &TypeRef::Boolean)),
            Position::After {
                param: p.cursor.clone(),
                field: field.clone(),
            },
        ),
    };
    Some(ListShape {
        items: p.items.clone(),
        cursor,
        has_more,
        total: named(&TOTAL_FIELDS, &TypeRef::Integer),
        position,
    })
}

/// Routes `method path` (path without the query string, percent-encoded).
/// The endpoint with the most literal segments wins among several matches.
pub(crate) fn route(routes: &[Route], api: &Api, method: &str, path: &str) -> Matched {
    let raw = split(path);
    let decoded: Vec<String> = raw.iter().copied().map(decode_segment).collect();
    // (route index, the route, its literal segments)
    let mut best: Option<(usize, &Route, usize)> = None;
    let mut allowed: Vec<&'static str> = Vec::new();
    for (i, r) in routes.iter().enumerate() {
        if r.segs.len() != decoded.len() {
            continue;
        }
        let fits = r.segs.iter().zip(&decoded).all(|(t, s)| t.fits(s));
        if !fits {
            continue;
        }
        let Some(ep) = api.endpoints.get(r.endpoint) else {
            continue;
        };
        let ep_method = ep.method.as_str();
        if ep_method != method {
            if !allowed.contains(&ep_method) {
                allowed.push(ep_method);
            }
            continue;
        }
        let literals = r.segs.iter().filter(|s| matches!(s, Seg::Lit(_))).count();
        if best.is_none_or(|(_, _, l)| literals > l) {
            best = Some((i, r, literals));
        }
    }
    match best {
        Some((i, r, _)) => {
            let item_route = is_item(&r.segs);
            let (coll, item) = if item_route {
                let (last, rest) = decoded
                    .split_last()
                    .map_or((None, &[][..]), |(l, r)| (Some(l.clone()), r));
                (rest, last)
            } else {
                (decoded.as_slice(), None)
            };
            Matched::Route {
                route: i,
                collection: format!("/{}", coll.join("/")),
                item,
            }
        }
        None => match empty_param_route(routes, api, method, path, &decoded) {
            Some(route) => Matched::EmptyParam { route },
            None if allowed.is_empty() => Matched::NotFound,
            None => Matched::MethodNotAllowed(allowed),
        },
    }
}

/// The route of `method` that the path fits when one of its path parameters is
/// empty: a client that fills a parameter with "" sends `/things/` for
/// `/things/{id}`, or `/things//x` for `/things/{a}/{b}` (which many HTTP clients
/// collapse to `/things/x`).
fn empty_param_route(
    routes: &[Route],
    api: &Api,
    method: &str,
    path: &str,
    segs: &[String],
) -> Option<usize> {
    let mut with_trailing = segs.to_vec();
    if path.ends_with('/') {
        with_trailing.push(String::new());
    }
    routes.iter().position(|r| {
        let same_method = api
            .endpoints
            .get(r.endpoint)
            .is_some_and(|ep| ep.method.as_str() == method);
        same_method
            && (fits_leniently(&r.segs, segs)
                || fits_leniently(&r.segs, &with_trailing)
                || fits_without_one_param(&r.segs, segs))
    })
}

/// `segs` fits `template`, a parameter matching any segment, the empty one too.
fn fits_leniently(template: &[Seg], segs: &[String]) -> bool {
    template.len() == segs.len()
        && template.iter().zip(segs).all(|(t, s)| match t {
            Seg::Param => true,
            t => t.fits(s),
        })
}

/// `segs` fits `template` with one of its parameter segments left out, not the
/// last (`/things` is the collection, not `/things/{id}` with an empty id).
fn fits_without_one_param(template: &[Seg], segs: &[String]) -> bool {
    template.len() == segs.len() + 1
        && template.iter().enumerate().any(|(skip, t)| {
            matches!(t, Seg::Param) && skip + 1 < template.len() && {
                let rest = template
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != skip)
                    .map(|(_, t)| t);
                rest.zip(segs).all(|(t, s)| t.fits(s))
            }
        })
}

/// Decodes `%XX` escapes of a path segment (invalid escapes stay as they are;
/// invalid UTF-8 is replaced).
fn decode_segment(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Parses a query string (`application/x-www-form-urlencoded`: `+` is a space)
/// into decoded `(name, value)` pairs, in order.
pub(crate) fn parse_query(query: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .into_owned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vook() -> Api {
        vook_schema::load_path(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/vook.yaml"))
            .expect("bundled spec")
    }

    #[test]
    fn classifies_the_bundled_spec() {
        let api = vook();
        let routes = build(&api);
        let by_name = |n: &str| {
            let i = api
                .endpoints
                .iter()
                .position(|e| e.name == n)
                .expect("endpoint");
            routes[i].behaviour.clone()
        };
        assert_eq!(by_name("create_item"), Behaviour::Create);
        assert_eq!(by_name("get_item"), Behaviour::Read);
        assert_eq!(by_name("update_item"), Behaviour::Update);
        assert_eq!(by_name("delete_item"), Behaviour::Delete);
        assert_eq!(
            by_name("list_items"),
            Behaviour::List(ListShape {
                items: "items".into(),
                cursor: Some("next_cursor".into()),
                has_more: None,
                total: None,
                position: Position::Cursor("cursor".into()),
            })
        );
    }

    #[test]
    fn parameters_inside_a_segment() {
        let sid = template_segs("/Accounts/{sid}.json");
        assert!(sid[1].fits("AC1.json"));
        assert!(!sid[1].fits(".json"));
        assert!(!sid[1].fits("AC1.xml"));
        let compare = template_segs("/compare/{base}...{head}");
        assert!(compare[1].fits("main...feature"));
        assert!(!compare[1].fits("...feature"));
        assert!(!compare[1].fits("main..."));
        assert!(!compare[1].fits("main"));
        assert!(is_item(&sid));
    }

    #[test]
    fn routes_paths() {
        let api = vook();
        let routes = build(&api);
        let name = |m: Matched| match m {
            Matched::Route {
                route,
                collection,
                item,
            } => (
                api.endpoints[routes[route].endpoint].name.clone(),
                collection,
                item,
            ),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            name(route(&routes, &api, "GET", "/items")),
            ("list_items".into(), "/items".into(), None)
        );
        assert_eq!(
            name(route(&routes, &api, "GET", "/items/itm%201/")),
            ("get_item".into(), "/items".into(), Some("itm 1".into()))
        );
        assert_eq!(route(&routes, &api, "GET", "/nope"), Matched::NotFound);
        assert_eq!(route(&routes, &api, "GET", "/items//x"), Matched::NotFound);
        assert_eq!(
            route(&routes, &api, "PUT", "/items"),
            Matched::MethodNotAllowed(vec!["POST", "GET"])
        );
        // An empty path parameter names no resource: the item route, answered 404.
        let get_item = routes
            .iter()
            .position(|r| api.endpoints[r.endpoint].name == "get_item");
        for path in ["/items/", "/items//"] {
            match route(&routes, &api, "DELETE", path) {
                Matched::EmptyParam { route } => {
                    assert_eq!(api.endpoints[routes[route].endpoint].name, "delete_item");
                }
                other => panic!("{path}: {other:?}"),
            }
        }
        assert!(get_item.is_some());
        // Without a trailing `/`, the collection's own answer.
        assert_eq!(
            route(&routes, &api, "DELETE", "/items"),
            Matched::MethodNotAllowed(vec!["POST", "GET"])
        );
        assert_eq!(
            name(route(&routes, &api, "GET", "/items/")),
            ("list_items".into(), "/items".into(), None)
        );
    }

    #[test]
    fn decodes() {
        assert_eq!(decode_segment("a%2Fb%zz%4"), "a/b%zz%4");
        assert_eq!(decode_segment("a+b%20c%FF"), "a+b c\u{FFFD}");
        assert_eq!(
            parse_query(Some("a+b%20c=%2B&&=v&x=1=2")),
            vec![
                ("a b c".into(), "+".into()),
                (String::new(), "v".into()),
                ("x".into(), "1=2".into())
            ]
        );
        assert_eq!(
            parse_query(Some("limit=2&cursor=c%3D1&flag")),
            vec![
                ("limit".into(), "2".into()),
                ("cursor".into(), "c=1".into()),
                ("flag".into(), String::new())
            ]
        );
    }
}
