//! The `paginate` key of an endpoint: names only (the query parameter, the
//! response fields); the validator checks that they exist and have the right
//! types.

use crate::diagnostic::Pos;
use crate::document::PaginateSection;
use crate::node::Node;

use super::keys;
use super::reader::Reader;

impl Reader<'_> {
    /// `paginate` of endpoint `op`, written at `at`. `None` (problems
    /// reported) when a required name is missing or not a string.
    pub(super) fn paginate(&mut self, op: &str, node: &Node, at: Pos) -> Option<PaginateSection> {
        let what = format!("`paginate` of endpoint `{op}`");
        let path = format!("endpoints.{op}.paginate");
        let mapping = self.object(node, &what, &path, keys::PAGINATE, at)?;
        let required = |r: &mut Self, key: &str| {
            let node = r.required(&mapping, key)?;
            r.string(node, &mapping.what_key(key))
        };
        let cursor = required(self, "cursor");
        let items = required(self, "items");
        let next = self.opt_string(&mapping, "next");
        let next_from_last = self.opt_string(&mapping, "next_from_last");
        let has_more = self.opt_string(&mapping, "has_more");
        Some(PaginateSection {
            pos: at,
            cursor: cursor?,
            items: items?,
            next,
            next_from_last,
            has_more,
        })
    }
}
