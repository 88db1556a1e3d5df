//! Lookups in the spec's type table that several behaviours share.

use vook_schema::model::{Api, Field, TypeDef, TypeKind, TypeRef};

/// The struct fields of `ty`, when it names a struct.
pub(crate) fn struct_fields<'a>(api: &'a Api, ty: &TypeRef) -> Option<(&'a TypeDef, &'a [Field])> {
    match ty {
        TypeRef::Named(n) => match api.type_def(n) {
            Some(
                def @ TypeDef {
                    kind: TypeKind::Struct(fields),
                    ..
                },
            ) => Some((def, fields.as_slice())),
            _ => None,
        },
        _ => None,
    }
}
