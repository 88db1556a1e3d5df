//! The schemas of the spec's types, and of the type expressions that refer to
//! them.
//!
//! Optional fields (`T?`) accept `null`, as docs/spec.md, the generated client
//! and vook-mock do. Request bodies are closed (`additionalProperties: false`),
//! as vook-mock checks every request body against its type and refuses fields
//! the type does not declare, in every struct reachable from the body type
//! (through fields, list items and map values). Responses stay open: a client
//! must accept fields added later. A struct only bodies use is closed in place;
//! one that responses use too keeps its open schema and gets a closed copy,
//! `<Type>Request`, for the bodies.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};
use vook_schema::Api;
use vook_schema::model::{Field, TypeDef, TypeKind};
use vook_schema::types::TypeRef;

use super::components::{Names, schema_ref};
use super::version::OpenApiVersion;

/// Writes type schemas: which structs are closed, and the names of their closed copies.
pub(super) struct TypeSchemas<'a> {
    api: &'a Api,
    version: OpenApiVersion,
    /// Structs closed in their own component (reached only from request bodies).
    closed_in_place: BTreeSet<String>,
    /// Closed copies of structs also used open: type name -> copy's component name.
    closed_copies: BTreeMap<String, String>,
}

fn struct_fields<'a>(api: &'a Api, name: &str) -> Option<&'a [Field]> {
    match api.type_def(name).map(|t| &t.kind) {
        Some(TypeKind::Struct(fields)) => Some(fields),
        _ => None,
    }
}

/// Adds the structs reachable from `ty` to `out`.
fn reachable_structs(api: &Api, ty: &TypeRef, out: &mut BTreeSet<String>) {
    match ty {
        TypeRef::List(inner) | TypeRef::Map(inner) => reachable_structs(api, inner, out),
        TypeRef::Named(n) => {
            if let Some(fields) = struct_fields(api, n)
                && out.insert(n.clone())
            {
                for f in fields {
                    reachable_structs(api, &f.ty, out);
                }
            }
        }
        TypeRef::String
        | TypeRef::Integer
        | TypeRef::Number
        | TypeRef::Boolean
        | TypeRef::Datetime
        | TypeRef::Json => {}
    }
}

impl<'a> TypeSchemas<'a> {
    /// Decides the closed structs of `api` and claims the names of their copies.
    pub(super) fn new(api: &'a Api, version: OpenApiVersion, names: &mut Names) -> Self {
        let mut closed = BTreeSet::new();
        let mut open = BTreeSet::new();
        for ep in &api.endpoints {
            if let Some(body) = &ep.body {
                reachable_structs(api, body, &mut closed);
            }
            if let Some(response) = &ep.response {
                reachable_structs(api, response, &mut open);
            }
        }
        let mut closed_in_place = BTreeSet::new();
        let mut closed_copies = BTreeMap::new();
        // Spec order, so the claimed names do not depend on set order.
        for t in api.types.iter().filter(|t| closed.contains(&t.name)) {
            if open.contains(&t.name) {
                let copy = names.claim(&format!("{}Request", t.name));
                closed_copies.insert(t.name.clone(), copy);
            } else {
                closed_in_place.insert(t.name.clone());
            }
        }
        TypeSchemas {
            api,
            version,
            closed_in_place,
            closed_copies,
        }
    }

    /// The schema of a type expression; `closed`: inside a request body, so
    /// references go to the closed schemas.
    pub(super) fn of(&self, ty: &TypeRef, closed: bool) -> Value {
        match ty {
            TypeRef::String => json!({ "type": "string" }),
            TypeRef::Integer => json!({ "type": "integer", "format": "int64" }),
            TypeRef::Number => json!({ "type": "number", "format": "double" }),
            TypeRef::Boolean => json!({ "type": "boolean" }),
            TypeRef::Datetime => json!({ "type": "string", "format": "date-time" }),
            // Any JSON value: the empty schema. `json?` adds `nullable: true` (3.0) or
            // `anyOf` with `{type: null}` (3.1), as for any optional field.
            TypeRef::Json => json!({}),
            TypeRef::List(t) => json!({ "type": "array", "items": self.of(t, closed) }),
            TypeRef::Map(t) => {
                json!({ "type": "object", "additionalProperties": self.of(t, closed) })
            }
            TypeRef::Named(n) => match self.closed_copies.get(n).filter(|_| closed) {
                Some(copy) => schema_ref(copy),
                None => schema_ref(n),
            },
        }
    }

    /// The request body schema of the body type `ty`.
    pub(super) fn body(&self, ty: &TypeRef) -> Value {
        self.of(ty, true)
    }

    /// Every type's component schema, then the closed copies, by component name.
    pub(super) fn components(&self) -> Vec<(String, Value)> {
        let mut out: Vec<(String, Value)> = self
            .api
            .types
            .iter()
            .map(|t| {
                let closed = self.closed_in_place.contains(&t.name);
                (t.name.clone(), self.component(t, closed))
            })
            .collect();
        for t in &self.api.types {
            if let Some(copy) = self.closed_copies.get(&t.name) {
                out.push((copy.clone(), self.component(t, true)));
            }
        }
        out
    }

    fn component(&self, t: &TypeDef, closed: bool) -> Value {
        let schema = match &t.kind {
            TypeKind::Struct(fields) => self.struct_schema(fields, closed),
            TypeKind::Enum(values) => {
                let wire: Vec<&str> = values.iter().map(|v| v.wire.as_str()).collect();
                json!({ "type": "string", "enum": wire })
            }
        };
        match &t.description {
            Some(d) => self.version.described(schema, d),
            None => schema,
        }
    }

    fn struct_schema(&self, fields: &[Field], closed: bool) -> Value {
        let mut props = Map::new();
        let mut required = Vec::new();
        for f in fields {
            let mut s = self.of(&f.ty, closed);
            if f.optional {
                s = self.version.nullable(s);
            }
            if let Some(d) = &f.description {
                s = self.version.described(s, d);
            }
            // Properties are named as on the wire (`field_case`, `wire`).
            props.insert(f.wire.clone(), s);
            if !f.optional {
                required.push(Value::from(f.wire.as_str()));
            }
        }
        let mut schema = Map::new();
        schema.insert("type".into(), "object".into());
        schema.insert("properties".into(), Value::Object(props));
        if !required.is_empty() {
            schema.insert("required".into(), Value::Array(required));
        }
        if closed {
            schema.insert("additionalProperties".into(), false.into());
        }
        Value::Object(schema)
    }
}
