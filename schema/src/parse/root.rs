//! The top level of a spec: the format version and each section, read by
//! the section modules.

use crate::diagnostic::Pos;
use crate::document::Document;
use crate::located::Located;
use crate::node::Node;

use super::api::placeholder_api;
use super::keys;
use super::reader::Reader;

impl Reader<'_> {
    /// Reads the whole spec; `None` only when the root is not a mapping.
    pub(super) fn document(&mut self, root: &Node) -> Option<Document> {
        let mapping = self.object(root, "the spec", "", keys::DOCUMENT, Pos::START)?;

        let vook = match self.required(&mapping, "vook") {
            Some(n) => self.uint(n, "`vook`"),
            None => None,
        };
        if let Some(v) = vook.as_ref().filter(|v| v.value != 1) {
            self.err(
                v.pos,
                format!(
                    "unsupported format version `vook: {}`; this vook reads `vook: 1`",
                    v.value
                ),
            );
        }
        let vook = vook.unwrap_or_else(|| {
            self.broke("vook");
            Located::new(1, Pos::START)
        });

        let api = match self.required(&mapping, "api") {
            Some(n) => self.api(n, mapping.key_pos("api").unwrap_or(Pos::START)),
            None => None,
        };
        let api = api.unwrap_or_else(|| {
            self.broke("api");
            placeholder_api()
        });
        let retry = mapping
            .opt("retry")
            .and_then(|n| self.retry(n, mapping.key_pos("retry").unwrap_or(n.pos)));
        let errors = self.section(&mapping, "errors", Some("error code"), |r, key, n| {
            r.error(key, n)
        });
        let error_sets = mapping.opt("error_sets").map(|_| {
            self.section(&mapping, "error_sets", Some("error set"), |r, key, n| {
                r.error_set(key, n)
            })
        });
        let types = mapping.opt("types").map(|_| {
            self.section(&mapping, "types", Some("type"), |r, key, n| {
                r.type_def(key, n)
            })
        });
        let endpoints = self.section(&mapping, "endpoints", Some("operation id"), |r, key, n| {
            r.endpoint(key, n)
        });

        Some(Document {
            vook,
            api,
            retry,
            errors,
            error_sets,
            types,
            endpoints,
            broken: std::mem::take(&mut self.broken),
        })
    }
}
