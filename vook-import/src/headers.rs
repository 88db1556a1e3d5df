//! Stage 2f, headers: the request-id and rate-limit headers the responses
//! declare (`X-Request-ID`, `X-RateLimit-Limit` / `-Remaining` / `-Reset`).

use std::collections::HashMap;

use vook_schema::names::is_header_name;

use crate::document::{Node, Resolved, resolve};
use crate::paths::Operation;

/// `api.rate_limit_headers`: limit, remaining, reset, and whether the reset
/// is seconds from now (the IETF `RateLimit-Reset`) rather than epoch seconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimit {
    /// The quota header.
    pub limit: String,
    /// The requests-left header.
    pub remaining: String,
    /// The reset header.
    pub reset: String,
    /// `reset_format: delta`.
    pub delta: bool,
}

/// Every response header name the operations declare, with how often.
fn declared(root: &Node, ops: &[Operation<'_>]) -> Vec<(String, usize)> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for op in ops {
        for (_, response) in op.node.get("responses").map(Node::entries).unwrap_or(&[]) {
            let Resolved::Found(response, _) = resolve(root, response, "#") else {
                continue;
            };
            for (name, _) in response.get("headers").map(Node::entries).unwrap_or(&[]) {
                if !counts.contains_key(name) {
                    order.push(name.clone());
                }
                *counts.entry(name.clone()).or_default() += 1;
            }
        }
    }
    order
        .into_iter()
        .map(|n| {
            let c = counts.get(&n).copied().unwrap_or(0);
            (n, c)
        })
        .collect()
}

/// The request-id header most responses declare, if any.
pub fn request_id(root: &Node, ops: &[Operation<'_>]) -> Option<String> {
    declared(root, ops)
        .into_iter()
        .filter(|(n, _)| {
            let l = n.to_ascii_lowercase();
            is_header_name(n)
                && (l.ends_with("request-id")
                    || l.ends_with("request_id")
                    || l.ends_with("requestid"))
        })
        .max_by_key(|(_, c)| *c)
        .map(|(n, _)| n)
}

/// The rate-limit headers, when the responses declare all three of one family.
pub fn rate_limit(root: &Node, ops: &[Operation<'_>]) -> Option<RateLimit> {
    let names = declared(root, ops);
    let find = |suffix: &str| -> Option<String> {
        names
            .iter()
            .filter(|(n, _)| is_header_name(n) && n.to_ascii_lowercase().ends_with(suffix))
            .max_by_key(|(_, c)| *c)
            .map(|(n, _)| n.clone())
    };
    let limit = find("ratelimit-limit")?;
    let remaining = find("ratelimit-remaining")?;
    let reset = find("ratelimit-reset")?;
    let delta = reset.eq_ignore_ascii_case("ratelimit-reset");
    Some(RateLimit {
        limit,
        remaining,
        reset,
        delta,
    })
}
