//! Stage 2e, the `api` section: name, title and description from `info`,
//! `base_url` from `servers[0]`, `auth` from the security schemes.

use vook_schema::names::is_header_name;
use vook_schema::validate::CLIENT_HEADERS;

use crate::document::{Node, Resolved, child, resolve};
use crate::names::{env_var, snake};
use crate::spec::Auth;
use crate::warnings::Warnings;

/// Where a base URL is unknown: an address that names no host on purpose.
pub const PLACEHOLDER_BASE_URL: &str = "https://api.example.invalid";

/// Words of a title that do not name the API.
const TITLE_NOISE: [&str; 14] = [
    "the",
    "api",
    "apis",
    "rest",
    "http",
    "https",
    "openapi",
    "official",
    "public",
    "web",
    "service",
    "spec",
    "specification",
    "preview",
];

/// The API name: `given`, or the first words of `info.title` that name it
/// (`"GitHub's official REST API"` -> `github`, `"Vook API"` -> `vook`), or `api`.
pub fn name(root: &Node, given: Option<&str>) -> String {
    if let Some(g) = given {
        return snake(g, "api");
    }
    let title = root
        .pointer("#/info/title")
        .and_then(Node::as_str)
        .unwrap_or("api");
    // "GitHub's official OpenAPI spec + Octokit extension": the part before a
    // separator names the API.
    let title = [" - ", " \u{2013} ", " \u{2014} ", " + ", "(", ":", "|"]
        .iter()
        .filter_map(|sep| title.find(sep))
        .min()
        .and_then(|i| title.get(..i))
        .filter(|head| head.chars().any(|c| c.is_ascii_alphanumeric()))
        .unwrap_or(title);
    let title = title.replace("'s ", " ").replace("\u{2019}s ", " ");
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .map(str::to_ascii_lowercase)
        .filter(|w| !w.is_empty() && !TITLE_NOISE.contains(&w.as_str()))
        .filter(|w| {
            !(w.starts_with('v')
                && w.len() > 1
                && w[1..].chars().all(|c| c.is_ascii_digit() || c == '.'))
        })
        .take(3)
        .collect();
    snake(&words.join(" "), "api")
}

/// The longest server URL built from `servers[0]` and its variables.
const MAX_SERVER_URL_BYTES: usize = 4096;

/// `servers[0].url`, variables filled with their defaults, as an absolute URL.
pub fn base_url(root: &Node, w: &mut Warnings) -> String {
    let Some(server) = root.pointer("#/servers/0") else {
        w.warn("#", format!("no `servers`; the base URL is `{PLACEHOLDER_BASE_URL}`: set the real one with `Client::builder().base_url(...)` or edit `api.base_url`"));
        return PLACEHOLDER_BASE_URL.to_owned();
    };
    let at = "#/servers/0";
    let mut url = server.str_at("url").unwrap_or_default().to_owned();
    for (var, def) in server.get("variables").map(Node::entries).unwrap_or(&[]) {
        let value = def.str_at("default").unwrap_or_default();
        let filled = url.replace(&format!("{{{var}}}"), value);
        if filled.len() > MAX_SERVER_URL_BYTES {
            // Defaults that repeat other variables grow the URL geometrically;
            // stop here (the `{` left makes it the placeholder, with a warning).
            break;
        }
        url = filled;
    }
    if root.get("servers").is_some_and(|s| s.items().len() > 1) {
        w.warn(
            "#/servers",
            format!("only the first server (`{url}`) becomes the base URL"),
        );
    }
    let cleaned = url.trim().trim_end_matches('/').to_owned();
    match url::Url::parse(&cleaned) {
        Ok(u)
            if matches!(u.scheme(), "http" | "https")
                && u.host_str().is_some_and(|h| !h.is_empty())
                && u.query().is_none()
                && u.fragment().is_none()
                && u.username().is_empty()
                && u.password().is_none()
                && !cleaned.contains(['{', '}'])
                && !cleaned.chars().any(char::is_whitespace)
                && u.port() != Some(0)
                && literal_http_scheme(&cleaned) =>
        {
            cleaned
        }
        _ => {
            let path = if cleaned.starts_with('/') && !cleaned.contains(['{', '}', '?', '#', ' ']) {
                cleaned.clone()
            } else {
                String::new()
            };
            let out = format!("{PLACEHOLDER_BASE_URL}{path}");
            w.warn(at, format!("the server URL `{url}` is not an absolute http(s) URL; the base URL is `{out}`: set the real one with `Client::builder().base_url(...)` or edit `api.base_url`"));
            out
        }
    }
}

/// Whether `url` starts with `https://` or `http://` as written, then a
/// non-empty authority without credentials, as the spec's `base_url` check
/// wants (`url` also reads `https:/host`, `https:host` and `https:///host`).
fn literal_http_scheme(url: &str) -> bool {
    ["https://", "http://"].iter().any(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
            && url.get(scheme.len()..).is_some_and(|rest| {
                let authority = rest.split(['/', '\\']).next().unwrap_or_default();
                !authority.is_empty() && !authority.contains('@')
            })
    })
}

/// The security scheme used: the first of the top-level `security`
/// requirement, else of the first operation that has one, else the first
/// scheme declared.
pub fn auth(root: &Node, api_name: &str, w: &mut Warnings) -> Auth {
    let schemes_at = "#/components/securitySchemes";
    let Some(schemes) = root.pointer(schemes_at) else {
        return Auth::None;
    };
    if schemes.entries().is_empty() {
        return Auth::None;
    }
    let required = first_requirement(root);
    let chosen = required
        .as_deref()
        .and_then(|r| schemes.entries().iter().find(|(k, _)| k == r))
        .or_else(|| schemes.entries().first());
    let Some((name, raw)) = chosen else {
        return Auth::None;
    };
    let at = child(schemes_at, name);
    let scheme = match resolve(root, raw, &at) {
        Resolved::Found(n, _) => n,
        Resolved::Broken(why) => {
            w.warn(&at, format!("{why}; the client sends no credentials"));
            return Auth::None;
        }
    };
    if schemes.entries().len() > 1 {
        let others: Vec<String> = schemes
            .entries()
            .iter()
            .filter(|(k, _)| k != name)
            .map(|(k, _)| format!("`{k}`"))
            .collect();
        w.warn(
            schemes_at,
            format!(
                "the client authenticates with `{name}` only; {} {} not used",
                others.join(", "),
                if others.len() == 1 { "is" } else { "are" }
            ),
        );
    }
    map_scheme(scheme, &at, api_name, w)
}

fn first_requirement(root: &Node) -> Option<String> {
    let from = |security: &Node| {
        security
            .items()
            .iter()
            .find_map(|req| req.entries().first().map(|(k, _)| k.clone()))
    };
    if let Some(s) = root.get("security") {
        return from(s);
    }
    root.get("paths")?
        .entries()
        .iter()
        .flat_map(|(_, item)| item.entries())
        .find_map(|(_, op)| op.get("security").and_then(from))
}

fn map_scheme(scheme: &Node, at: &str, api_name: &str, w: &mut Warnings) -> Auth {
    let kind = scheme.str_at("type").unwrap_or_default();
    match kind {
        "http" => match scheme
            .str_at("scheme")
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("basic") => Auth::Basic {
                env: env_var(api_name, "CREDENTIALS"),
            },
            Some("bearer") => Auth::Bearer {
                env: env_var(api_name, "API_KEY"),
            },
            other => {
                w.warn(
                    at,
                    format!(
                        "HTTP auth scheme `{}` is sent as `Authorization: Bearer KEY`",
                        other.unwrap_or("")
                    ),
                );
                Auth::Bearer {
                    env: env_var(api_name, "API_KEY"),
                }
            }
        },
        "apiKey" => {
            let name = scheme.str_at("name").unwrap_or_default();
            match scheme.str_at("in") {
                Some("header")
                    if is_header_name(name)
                        && !CLIENT_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name)) =>
                {
                    Auth::Header {
                        name: name.to_owned(),
                        env: env_var(api_name, "API_KEY"),
                    }
                }
                Some("query")
                    if !name.is_empty()
                        && name
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c)) =>
                {
                    Auth::Query {
                        name: name.to_owned(),
                        env: env_var(api_name, "API_KEY"),
                    }
                }
                Some(place) => {
                    w.warn(at, format!("an API key in {place} `{name}` cannot be sent by vook's auth schemes; the client sends no credentials (set them per call with `.header(...)`)"));
                    Auth::None
                }
                None => {
                    w.warn(
                        at,
                        "an `apiKey` scheme without `in`; the client sends no credentials",
                    );
                    Auth::None
                }
            }
        }
        "oauth2" | "openIdConnect" => {
            w.warn(at, format!("`{kind}`: the client sends an access token you obtain as `Authorization: Bearer TOKEN`; vook does not run the {kind} flow"));
            Auth::Bearer {
                env: env_var(api_name, "API_KEY"),
            }
        }
        other => {
            w.warn(at, format!("security scheme type `{other}` is not represented; the client sends no credentials"));
            Auth::None
        }
    }
}
