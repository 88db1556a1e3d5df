//! The `retry` section: the client's retry policy.

use crate::diagnostic::Pos;
use crate::document::RetrySection;
use crate::node::Node;

use super::keys;
use super::reader::Reader;

impl Reader<'_> {
    /// The `retry` section; `at` is the `retry` key.
    pub(super) fn retry(&mut self, node: &Node, at: Pos) -> Option<RetrySection> {
        let mapping = self.object(node, "`retry`", "retry", keys::RETRY, at)?;
        Some(RetrySection {
            max_attempts: self.opt_uint(&mapping, "max_attempts"),
            base_delay_ms: self.opt_uint(&mapping, "base_delay_ms"),
            max_delay_ms: self.opt_uint(&mapping, "max_delay_ms"),
            max_retry_after_s: self.opt_uint(&mapping, "max_retry_after_s"),
        })
    }
}
