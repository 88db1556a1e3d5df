//! The `api` and `retry` sections: all behavior (what the client sends and
//! how it retries) or docs (title, description); nothing here changes a
//! generated signature.

use crate::{Changes, Class};

/// Compares the API-wide settings.
pub(crate) fn compare(c: &mut Changes<'_>) {
    let (o, n) = (&c.old.api, &c.new.api);
    let behavior = |c: &mut Changes<'_>, key: &str, what: &str, was: String, now: String| {
        if was != now {
            let msg = format!("{what} changed from {was} to {now}");
            let (op, np) = (c.old.api_pos(key), c.new.api_pos(key));
            c.push(Class::Behavior, None, "API_SPEC", msg, op, np);
        }
    };
    behavior(c, "name", "API name (User-Agent)", q(&o.name), q(&n.name));
    behavior(c, "base_url", "base URL", q(&o.base_url), q(&n.base_url));
    let auth = |a: &Option<vook_schema::model::Auth>| match a {
        Some(a) => match &a.name {
            Some(name) => format!("`{}` `{name}` from `{}`", a.scheme, a.env),
            None => format!("`{}` from `{}`", a.scheme, a.env),
        },
        None => "none".to_owned(),
    };
    behavior(c, "auth", "auth", auth(&o.auth), auth(&n.auth));
    behavior(
        c,
        "request_id_header",
        "request id header",
        opt(&o.request_id_header),
        opt(&n.request_id_header),
    );
    let rl = |r: &Option<vook_schema::model::RateLimitHeaders>| match r {
        Some(r) => format!(
            "`{}`/`{}`/`{}` ({})",
            r.limit, r.remaining, r.reset, r.reset_format
        ),
        None => "none".to_owned(),
    };
    behavior(
        c,
        "rate_limit_headers",
        "rate-limit headers",
        rl(&o.rate_limit_headers),
        rl(&n.rate_limit_headers),
    );
    behavior(
        c,
        "envelope",
        "success envelope key",
        opt(&o.envelope_data),
        opt(&n.envelope_data),
    );
    behavior(
        c,
        "envelope",
        "error envelope key",
        opt(&o.envelope_error),
        opt(&n.envelope_error),
    );
    let (or, nr) = (o.retry, n.retry);
    let retry = [
        (
            "max_attempts",
            u64::from(or.max_attempts),
            u64::from(nr.max_attempts),
        ),
        ("base_delay_ms", or.base_delay_ms, nr.base_delay_ms),
        ("max_delay_ms", or.max_delay_ms, nr.max_delay_ms),
        (
            "max_retry_after_s",
            or.max_retry_after_s,
            nr.max_retry_after_s,
        ),
    ];
    for (key, was, now) in retry {
        if was != now {
            let msg = format!("retry default `{key}` changed from {was} to {now}");
            let (op, np) = (c.old.retry_pos(key), c.new.retry_pos(key));
            c.push(Class::Behavior, None, "API_SPEC", msg, op, np);
        }
    }
    if o.title != n.title {
        let msg = format!("API title changed from {} to {}", q(&o.title), q(&n.title));
        let (op, np) = (c.old.api_pos("title"), c.new.api_pos("title"));
        c.push(Class::Docs, None, "API_SPEC", msg, op, np);
    }
    if o.description != n.description {
        let (op, np) = (c.old.api_pos("description"), c.new.api_pos("description"));
        c.push(
            Class::Docs,
            None,
            "API_SPEC",
            "API description changed",
            op,
            np,
        );
    }
}

fn q(s: &str) -> String {
    format!("`{s}`")
}

fn opt(s: &Option<String>) -> String {
    s.as_deref().map_or_else(|| "none".to_owned(), q)
}
