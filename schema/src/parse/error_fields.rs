//! `api.error_fields` (where the error object keeps its fields) and the `wire` of an
//! error code.

use crate::document::{DetailsSection, DetailsShapeSection, ErrorFieldsSection, WireValue};
use crate::located::Located;
use crate::node::{Node, Value};

use super::keys;
use super::reader::{CheckedMapping, Reader, found};

impl Reader<'_> {
    /// `api.error_fields`, if written.
    pub(super) fn error_fields(&mut self, api: &CheckedMapping<'_>) -> Option<ErrorFieldsSection> {
        let node = api.opt("error_fields")?;
        let at = api.key_pos("error_fields").unwrap_or(node.pos);
        let what = "`api.error_fields`";
        let path = "api.error_fields";
        let Some(mapping) = self.object(node, what, path, keys::ERROR_FIELDS, at) else {
            self.broke(path);
            return None;
        };
        let code = self.nullable_path(&mapping, "code");
        let message = self.nullable_path(&mapping, "message");
        let request_id = self.nullable_path(&mapping, "request_id");
        let details = mapping.get("details").map(|n| match &n.value {
            Value::Null => None,
            Value::Map(_) => {
                let at = mapping.key_pos("details").unwrap_or(n.pos);
                let shape = self.object(
                    n,
                    "`api.error_fields.details`",
                    "api.error_fields.details",
                    keys::DETAILS_SHAPE,
                    at,
                )?;
                let list = self.req_string(&shape, "at");
                let field = self.opt_string(&shape, "field");
                let issue = self.opt_string(&shape, "issue");
                Some(DetailsSection::Shape(DetailsShapeSection {
                    at: list,
                    field,
                    issue,
                }))
            }
            _ => {
                let what = format!(
                    "{} (a dotted path, or `{{at, field, issue}}`)",
                    mapping.what_key("details")
                );
                let p = self.string(n, &what);
                if p.is_none() {
                    self.broke("api.error_fields.details");
                }
                p.map(DetailsSection::Path)
            }
        });
        Some(ErrorFieldsSection {
            code,
            message,
            request_id,
            details,
        })
    }

    /// `None`: not written; `Some(None)`: `null`; `Some(Some(path))`. A wrong type is
    /// reported, and the key marked broken.
    fn nullable_path(
        &mut self,
        mapping: &CheckedMapping<'_>,
        key: &str,
    ) -> Option<Option<Located<String>>> {
        let node = mapping.get(key)?;
        if node.value == Value::Null {
            return Some(None);
        }
        let s = self.string(node, &mapping.what_key(key));
        if s.is_none() {
            self.broke(format!("{}.{key}", mapping.path));
        }
        s.map(Some)
    }

    /// The `wire` of an error code: a string or an integer.
    pub(super) fn wire(
        &mut self,
        mapping: &CheckedMapping<'_>,
        path: &str,
    ) -> Option<Located<WireValue>> {
        let node: &Node = mapping.opt("wire")?;
        let value = match &node.value {
            Value::Str(s) => WireValue::Str(s.clone()),
            Value::Int(i) => WireValue::Int(*i),
            _ => {
                self.err(
                    node.pos,
                    format!(
                        "{} must be a string or an integer within 64 bits, found {}",
                        mapping.what_key("wire"),
                        found(node)
                    ),
                );
                self.broke(format!("{path}.wire"));
                return None;
            }
        };
        Some(Located::new(value, node.pos))
    }
}
