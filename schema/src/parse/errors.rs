//! The `errors` section (one entry per error code) and `error_sets`
//! (named lists of codes and other sets).

use crate::document::ErrorSection;
use crate::located::Located;
use crate::node::Node;
use vook_vocab::RetryClass;

use super::keys;
use super::reader::Reader;

impl Reader<'_> {
    /// One entry of `errors`, named by `key`.
    pub(super) fn error(&mut self, key: &Located<String>, node: &Node) -> Option<ErrorSection> {
        let what = format!("error `{}`", key.value);
        let path = format!("errors.{}", key.value);
        let mapping = self.object(node, &what, &path, keys::ERROR, key.pos)?;
        let status = self
            .required(&mapping, "status")
            .and_then(|n| {
                let s = self.uint(n, &format!("`status` in {what}"));
                if s.is_none() {
                    self.broke(format!("{path}.status"));
                }
                s
            })
            .unwrap_or_else(|| Located::new(0, key.pos));
        let retry = mapping
            .opt("retry")
            .and_then(|_| self.choice(&mapping, "retry", &RetryClass::ALL.map(RetryClass::as_str)));
        let summary = self.opt_text(&mapping, "summary");
        let fix = self.opt_text(&mapping, "fix");
        let message = self.opt_text(&mapping, "message");
        let details = self.opt_bool(&mapping, "details");
        let wire = self.wire(&mapping, &path);
        Some(ErrorSection {
            status,
            retry,
            summary,
            fix,
            message,
            details,
            wire,
        })
    }

    /// One entry of `error_sets`: a list of error codes and set names.
    pub(super) fn error_set(
        &mut self,
        key: &Located<String>,
        node: &Node,
    ) -> Option<Vec<Located<String>>> {
        self.string_list(node, &format!("error set `{}`", key.value))
    }
}
