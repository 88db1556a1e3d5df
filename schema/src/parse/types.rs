//! The `types` section: structs (`fields`) and string enums (`enum`), and
//! the fields they are made of (also the form of query parameters).

use crate::document::{FieldSection, LongField, TypeSection};
use crate::located::Located;
use crate::node::{Node, Value};
use vook_vocab::wire::FieldCase;

use super::keys;
use super::reader::Reader;

impl Reader<'_> {
    /// One entry of `types`, named by `key`: a struct or a string enum.
    pub(super) fn type_def(&mut self, key: &Located<String>, node: &Node) -> Option<TypeSection> {
        let what = format!("type `{}`", key.value);
        let path = format!("types.{}", key.value);
        let mapping = self.object(node, &what, &path, keys::TYPE, key.pos)?;
        let description = self.opt_text(&mapping, "description");
        match (mapping.key_pos("fields"), mapping.key_pos("enum")) {
            (Some(_), Some(e)) => {
                self.err(
                    e,
                    format!("{what} has both `fields` and `enum`; a type is a struct or an enum"),
                );
                return None;
            }
            (None, None) => {
                self.err(
                    key.pos,
                    format!("{what} needs `fields` (a struct) or `enum` (a string enum)"),
                );
                return None;
            }
            _ => {}
        }
        let fields = mapping.get("fields").map(|n| {
            self.map_of(
                n,
                &format!("the fields of {what}"),
                &format!("{path}.fields"),
                Some("field"),
                |r, k, n| r.field(k, n, &format!("field `{}` of {what}", k.value)),
            )
        });
        let enum_values = mapping.get("enum").map(|n| {
            let at = mapping.key_pos("enum").unwrap_or(n.pos);
            match &n.value {
                Value::Null => {
                    self.err(
                        at,
                        format!("`enum` of {what} is empty; list at least one value"),
                    );
                    Vec::new()
                }
                Value::Seq(items) if items.is_empty() => {
                    self.err(
                        at,
                        format!("`enum` of {what} is empty; list at least one value"),
                    );
                    Vec::new()
                }
                // Bad items are reported one by one; the type stays an enum.
                _ => self
                    .string_list(n, &format!("`enum` of {what}"))
                    .unwrap_or_default(),
            }
        });
        let field_case = self.opt_choice(
            &mapping,
            "field_case",
            &FieldCase::ALL.map(FieldCase::as_str),
        );
        Some(TypeSection {
            description,
            fields,
            enum_values,
            field_case,
        })
    }

    /// A field or query parameter named by `key`: a type (`string?`) or the
    /// long form `{type, description}`. `what` names it in messages.
    pub(super) fn field(
        &mut self,
        key: &Located<String>,
        node: &Node,
        what: &str,
    ) -> Option<FieldSection> {
        match &node.value {
            Value::Map(_) => {
                let mapping = self.object(node, what, "field", keys::LONG_FIELD, key.pos)?;
                let ty = match self.required(&mapping, "type") {
                    Some(n) => self.type_expr(n, &format!("`type` of {what}"))?,
                    None => return None,
                };
                let description = self.opt_text(&mapping, "description");
                // `wire:` with no value is an empty wire name, which the validator reports.
                let wire = match mapping.get("wire") {
                    Some(n) if n.value == Value::Null => Some(Located::new(String::new(), n.pos)),
                    Some(_) => self.opt_string(&mapping, "wire"),
                    None => None,
                };
                Some(FieldSection::Long(LongField {
                    ty,
                    description,
                    wire,
                }))
            }
            _ => self.type_expr(node, what).map(FieldSection::Short),
        }
    }
}
