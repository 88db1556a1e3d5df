//! The named types of the model (structs and enums), and the fields of
//! structs and query parameters of endpoints.

use std::collections::HashMap;

use super::Validator;
use super::naming::generated_type_names;
use crate::document::{Document, FieldSection, TypeSection};
use crate::located::Entries;
use crate::model::{self, TypeRef};
use crate::types::parse_field_type;
use vook_vocab::wire::FieldCase;

impl Validator<'_, '_> {
    /// The named types, in spec order.
    pub(super) fn types(&mut self, doc: &Document, api_case: FieldCase) -> Vec<model::TypeDef> {
        let empty = Entries::default();
        let types = doc.types.as_ref().unwrap_or(&empty);
        let generated = generated_type_names(doc);
        let mut out = Vec::new();
        for (name, t) in types.iter() {
            self.type_name(name, &generated);
            let case = self.field_case(t.field_case.as_ref(), api_case);
            let kind = if let Some(values) = &t.enum_values {
                model::TypeKind::Enum(self.enum_values(&name.value, values))
            } else {
                let fields = t
                    .fields
                    .as_ref()
                    .map(|f| self.fields(f, &format!("type `{}`", name.value), false, case));
                model::TypeKind::Struct(fields.unwrap_or_default())
            };
            out.push(model::TypeDef {
                name: name.value.clone(),
                description: t.description.as_ref().map(|d| d.value.trim().to_owned()),
                kind,
            });
        }
        out
    }

    /// Struct fields of `owner`, or (`query`) its query parameters.
    pub(super) fn fields(
        &mut self,
        fields: &Entries<FieldSection>,
        owner: &str,
        query: bool,
        case: FieldCase,
    ) -> Vec<model::Field> {
        let what = if query { "query parameter" } else { "field" };
        let mut out = Vec::new();
        let mut rust_names: HashMap<String, &str> = HashMap::new();
        let wires = self.wire_names(fields, case, what, owner);
        for ((name, f), wire) in fields.iter().zip(wires) {
            self.field_name(name, what, owner, &mut rust_names);
            let ty = f.ty();
            match parse_field_type(&ty.value) {
                Err(msg) => self.err(ty.pos, msg),
                Ok((t, optional)) => {
                    self.type_refs(&t, ty.pos);
                    if query && !query_type_ok(&t, &self.ix.types) {
                        self.err(ty.pos, format!("query parameter `{}` of {owner} has type `{}`; query parameters are scalars, string enums or lists of those", name.value, t));
                    }
                    out.push(model::Field {
                        name: name.value.clone(),
                        wire,
                        ty: t,
                        optional,
                        description: f.description().map(|d| d.value.trim().to_owned()),
                    });
                }
            }
        }
        out
    }
}

/// A query parameter's type: a scalar, a string enum, or a list of those.
pub(super) fn query_type_ok(t: &TypeRef, types: &HashMap<&str, &TypeSection>) -> bool {
    let scalar = |t: &TypeRef| match t {
        TypeRef::Named(n) => types
            .get(n.as_str())
            .is_none_or(|d| d.enum_values.is_some()),
        t => t.is_scalar(),
    };
    match t {
        TypeRef::List(inner) => scalar(inner),
        TypeRef::Map(_) => false,
        t => scalar(t),
    }
}
