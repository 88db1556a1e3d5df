//! Stage 2g, schemas: JSON Schemas (OpenAPI's dialect, 3.0 and 3.1) to vook
//! type expressions and named types. Objects become structs, string enums
//! become enums, everything else an expression (`[T]`, `map<T>`, scalars);
//! what has no exact vook type becomes `json` with a warning.

use std::collections::{HashMap, HashSet};

use vook_schema::names::enum_variant;

use crate::document::{Node, Resolved, child, resolve};
use crate::names::{CamelNames, SnakeNames, camel, snake};
use crate::spec::{Field, TypeBody, TypeDef};
use crate::warnings::Warnings;

/// Expressions longer or deeper than this become `json` (the format's limits
/// are 256 characters and 16 levels).
const MAX_EXPR_LEN: usize = 200;
const MAX_EXPR_DEPTH: usize = 12;
/// The deepest `allOf` merging followed.
const MAX_ALLOF_DEPTH: usize = 16;
/// The deepest schema-in-schema conversion (through `$ref`s, `items`,
/// properties, ...) before the value is `json`: a long chain of distinct
/// schemas must not exhaust the stack.
const MAX_SCHEMA_DEPTH: usize = 48;

/// A type expression without its `?`, and whether the value may be `null`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ty {
    /// `string`, `[Item]`, `map<json>`, `Item`, ...
    pub expr: String,
    /// `nullable`, `type: [T, "null"]`, `oneOf: [T, {type: null}]`.
    pub nullable: bool,
}

impl Ty {
    fn of(expr: impl Into<String>) -> Ty {
        Ty {
            expr: expr.into(),
            nullable: false,
        }
    }

    /// `json`, for what has no exact type.
    pub fn json() -> Ty {
        Ty::of("json")
    }

    /// The expression as a field type: `T?` when optional or nullable.
    pub fn field(&self, required: bool) -> String {
        if required && !self.nullable {
            self.expr.clone()
        } else {
            format!("{}?", self.expr)
        }
    }

    fn depth(&self) -> usize {
        self.expr.chars().filter(|c| *c == '[' || *c == '<').count()
    }
}

/// What a `$ref` target became.
#[derive(Clone)]
enum Slot {
    /// A named type (defined, or being defined).
    Named(String),
    /// An expression (an alias such as an array), `None` while being worked out.
    Alias(Option<Ty>),
}

/// The schema converter: named types in the order they were made.
pub struct Schemas<'d> {
    root: &'d Node,
    type_names: CamelNames,
    slots: HashMap<String, Slot>,
    /// How many [`Schemas::expr`] calls are under way (bounded by `MAX_SCHEMA_DEPTH`).
    depth: usize,
    /// The types made so far.
    pub types: Vec<TypeDef>,
}

impl<'d> Schemas<'d> {
    /// A converter over `root`; `reserved` are type names it must not use.
    pub fn new(root: &'d Node, reserved: impl IntoIterator<Item = String>) -> Self {
        let mut type_names = CamelNames::default();
        for r in reserved {
            type_names.reserve(r);
        }
        Schemas {
            root,
            type_names,
            slots: HashMap::new(),
            depth: 0,
            types: Vec::new(),
        }
    }

    /// Marks the type `name` as the component schema at `at` (when it is one).
    fn mark_component(&mut self, name: &str, at: &str) {
        let component = at
            .strip_prefix("#/components/schemas/")
            .is_some_and(|rest| !rest.contains('/'));
        if let Some(t) = self.types.iter_mut().rev().find(|t| t.name == name) {
            t.component = component;
        }
    }

    /// Whether `name` is a string enum made here.
    pub fn is_enum(&self, name: &str) -> bool {
        self.types
            .iter()
            .any(|t| t.name == name && matches!(t.body, TypeBody::Enum(_)))
    }

    /// Whether `name` is a struct made here.
    pub fn is_struct(&self, name: &str) -> bool {
        self.types
            .iter()
            .any(|t| t.name == name && matches!(t.body, TypeBody::Struct { .. }))
    }

    /// Defines every schema under `#/components/schemas`, in document order.
    pub fn components(&mut self, w: &mut Warnings) {
        let Some(schemas) = self.root.pointer("#/components/schemas") else {
            return;
        };
        for (name, schema) in schemas.entries() {
            let at = child("#/components/schemas", name);
            self.named(schema, &at, w);
        }
    }

    /// The type expression of `schema` at pointer `at`; inline types are named
    /// `place` (UpperCamelCase).
    pub fn expr(&mut self, schema: &'d Node, at: &str, place: &str, w: &mut Warnings) -> Ty {
        if self.depth >= MAX_SCHEMA_DEPTH {
            w.warn(
                at,
                format!("schemas nest more than {MAX_SCHEMA_DEPTH} levels deep here; the value is `json`"),
            );
            return Ty::json();
        }
        self.depth += 1;
        let ty = self.expr_within_depth(schema, at, place, w);
        self.depth -= 1;
        ty
    }

    fn expr_within_depth(
        &mut self,
        schema: &'d Node,
        at: &str,
        place: &str,
        w: &mut Warnings,
    ) -> Ty {
        let mut ty = if schema.get("$ref").is_some() {
            match resolve(self.root, schema, at) {
                Resolved::Found(target, target_at) => self.named(target, &target_at, w),
                Resolved::Broken(why) => {
                    w.warn(at, format!("{why}; the value is `json`"));
                    Ty::json()
                }
            }
        } else {
            self.inline(schema, at, place, w)
        };
        // 3.1 allows siblings of `$ref`; 3.0 documents write them too.
        ty.nullable |= schema.flag("nullable");
        if ty.depth() > MAX_EXPR_DEPTH || ty.expr.len() > MAX_EXPR_LEN {
            w.warn(
                at,
                format!(
                    "the type `{}` nests too deeply for a spec expression; it is `json`",
                    ty.expr
                ),
            );
            ty = Ty {
                expr: "json".into(),
                nullable: ty.nullable,
            };
        }
        ty
    }

    /// The expression of the schema defined at `at` (a `$ref` target), making
    /// its named type the first time.
    fn named(&mut self, schema: &'d Node, at: &str, w: &mut Warnings) -> Ty {
        match self.slots.get(at) {
            Some(Slot::Named(n)) => return Ty::of(n.clone()),
            Some(Slot::Alias(Some(t))) => return t.clone(),
            Some(Slot::Alias(None)) => {
                w.warn(at, "this schema is defined through itself without an object in between; it is `json`");
                return Ty::json();
            }
            None => {}
        }
        let base = camel(at.rsplit('/').next().unwrap_or("Type"), "Type");
        match classify(schema) {
            Shape::Struct => {
                if let Some((key, _)) = one_of(schema) {
                    w.warn(at, format!("`{key}` beside `properties` is not represented; the properties are kept"));
                }
                let name = self.type_names.take(&base);
                self.slots.insert(at.to_owned(), Slot::Named(name.clone()));
                self.define_struct(&name, schema, at, w);
                self.mark_component(&name, at);
                let mut t = Ty::of(name);
                t.nullable = nullable(schema);
                t
            }
            Shape::Enum(values) => {
                let name = self.type_names.take(&base);
                self.slots.insert(at.to_owned(), Slot::Named(name.clone()));
                self.define_enum(&name, schema, values, at, w);
                self.mark_component(&name, at);
                let mut t = Ty::of(name);
                t.nullable = nullable(schema);
                t
            }
            Shape::Other => {
                self.slots.insert(at.to_owned(), Slot::Alias(None));
                let t = self.inline(schema, at, &base, w);
                self.slots
                    .insert(at.to_owned(), Slot::Alias(Some(t.clone())));
                t
            }
        }
    }

    /// The expression of a schema written in place.
    fn inline(&mut self, schema: &'d Node, at: &str, place: &str, w: &mut Warnings) -> Ty {
        if !schema.is_object() {
            if !matches!(schema, Node::Bool(true)) {
                w.warn(at, "a schema that is not an object; the value is `json`");
            }
            return Ty::json();
        }
        let null = nullable(schema);
        let mut ty = self.inline_shape(schema, at, place, w);
        ty.nullable |= null;
        ty
    }

    fn inline_shape(&mut self, schema: &'d Node, at: &str, place: &str, w: &mut Warnings) -> Ty {
        if let Some(members) = one_of(schema) {
            let (key, list) = members;
            let real: Vec<(usize, &Node)> = list
                .iter()
                .enumerate()
                .filter(|(_, m)| !is_null_schema(m))
                .collect();
            let has_null = real.len() < list.len();
            // Members that are each a string `const` or `enum` (3.0 writes
            // `{type: string, enum: [a]}` per value) make one enum.
            let consts: Option<Vec<String>> = real
                .iter()
                .map(|(_, m)| m.get("$ref").is_none().then(|| string_enum(m)).flatten())
                .collect::<Option<Vec<_>>>()
                .map(|lists| {
                    let mut out: Vec<String> = Vec::new();
                    for v in lists.into_iter().flatten() {
                        if !out.contains(&v) {
                            out.push(v);
                        }
                    }
                    out
                });
            let mut ty = match (real.as_slice(), consts) {
                ([(i, only)], _) => {
                    self.expr(only, &child(&child(at, key), &i.to_string()), place, w)
                }
                (_, Some(values)) if !values.is_empty() && enum_ok(&values) => {
                    let name = self.type_names.take(place);
                    self.define_enum(&name, schema, values, at, w);
                    Ty::of(name)
                }
                _ if schema.get("properties").is_none()
                    && real.iter().all(|(_, m)| plain_string(self.root, m, 0)) =>
                {
                    // `oneOf: [uuid, Name]`, `anyOf: [string, an enum]`: every value is a JSON string.
                    Ty::of("string")
                }
                _ if schema.get("properties").is_some() => {
                    w.warn(at, format!("`{key}` beside `properties` is not represented; the properties are kept"));
                    return self.struct_expr(schema, at, place, w);
                }
                _ => {
                    w.warn(
                        at,
                        format!(
                            "`{key}` of {} schemas has no exact vook type; the value is `json`",
                            real.len()
                        ),
                    );
                    Ty::json()
                }
            };
            ty.nullable |= has_null;
            return ty;
        }
        if let Some(all) = schema.get("allOf").map(Node::items) {
            let informative: Vec<(usize, &Node)> = all
                .iter()
                .enumerate()
                .filter(|(_, m)| carries_type(m))
                .collect();
            if let ([(i, only)], None) = (informative.as_slice(), schema.get("properties")) {
                return self.expr(only, &child(&child(at, "allOf"), &i.to_string()), place, w);
            }
            return self.struct_expr(schema, at, place, w);
        }
        match classify(schema) {
            Shape::Struct => return self.struct_expr(schema, at, place, w),
            Shape::Enum(values) => {
                let name = self.type_names.take(place);
                self.define_enum(&name, schema, values, at, w);
                return Ty::of(name);
            }
            Shape::Other => {}
        }
        if let Some(values) = string_enum(schema) {
            w.warn(at, format!("the enum values {} do not each make a distinct Rust variant (or one is `unknown`); the value is `string`", list(&values)));
            return Ty::of("string");
        }
        let types = type_names(schema);
        match types.as_slice() {
            [] => {
                if let Some(items) = schema.get("items") {
                    return self.array(items, at, place, w);
                }
                let values = schema.get("enum").map(Node::items).unwrap_or(&[]);
                if !values.is_empty()
                    && values
                        .iter()
                        .all(|v| matches!(v, Node::Number(_, Some(_)) | Node::Null))
                {
                    return Ty::of("integer");
                }
                if schema.get("properties").is_some()
                    || schema.get("additionalProperties").is_some()
                {
                    return self.map_expr(schema, at, place, w);
                }
                Ty::json()
            }
            [one] => match one.as_str() {
                "string" => match schema.str_at("format") {
                    Some("date-time") => Ty::of("datetime"),
                    _ => Ty::of("string"),
                },
                "integer" => Ty::of("integer"),
                "number" => Ty::of("number"),
                "boolean" => Ty::of("boolean"),
                "array" => match schema.get("items") {
                    Some(items) => self.array(items, at, place, w),
                    None => Ty::of("[json]"),
                },
                "object" => self.map_expr(schema, at, place, w),
                other => {
                    w.warn(at, format!("unknown type `{other}`; the value is `json`"));
                    Ty::json()
                }
            },
            many => {
                w.warn(
                    at,
                    format!(
                        "a value of several types ({}) has no exact vook type; it is `json`",
                        many.join(", ")
                    ),
                );
                Ty::json()
            }
        }
    }

    fn array(&mut self, items: &'d Node, at: &str, place: &str, w: &mut Warnings) -> Ty {
        let item = self.expr(items, &child(at, "items"), &format!("{place}Item"), w);
        // `[T?]` is not a type: a list of nullable items keeps `T`.
        Ty::of(format!("[{}]", item.expr))
    }

    /// An object without properties: `map<T>` of its `additionalProperties`.
    fn map_expr(&mut self, schema: &'d Node, at: &str, place: &str, w: &mut Warnings) -> Ty {
        match schema.get("additionalProperties") {
            Some(extra) if extra.is_object() && !extra.entries().is_empty() => {
                let v = self.expr(
                    extra,
                    &child(at, "additionalProperties"),
                    &format!("{place}Value"),
                    w,
                );
                Ty::of(format!("map<{}>", v.expr))
            }
            _ => Ty::of("map<json>"),
        }
    }

    /// A struct written in place, named `place`.
    fn struct_expr(&mut self, schema: &'d Node, at: &str, place: &str, w: &mut Warnings) -> Ty {
        let name = self.type_names.take(place);
        self.define_struct(&name, schema, at, w);
        Ty::of(name)
    }

    fn define_enum(
        &mut self,
        name: &str,
        schema: &Node,
        values: Vec<String>,
        at: &str,
        w: &mut Warnings,
    ) {
        let (values, dropped) = split_variants(&values);
        let odd: Vec<String> = dropped
            .into_iter()
            .filter(|v| enum_variant(v).as_deref() != Some("Unknown"))
            .collect();
        if !odd.is_empty() {
            w.warn(at, format!("the enum values {} have no Rust variant of their own (no letter or digit, or the variant of an earlier value); they are read and sent as `{name}::Unknown(\"...\")`", list(&odd)));
        }
        self.types.push(TypeDef {
            name: name.to_owned(),
            description: text(schema),
            body: TypeBody::Enum(values),
            component: false,
        });
    }

    fn define_struct(&mut self, name: &str, schema: &'d Node, at: &str, w: &mut Warnings) {
        // Reserve the slot in the output order before the fields make more types.
        let index = self.types.len();
        self.types.push(TypeDef {
            name: name.to_owned(),
            description: text(schema),
            body: TypeBody::Struct {
                field_case: None,
                fields: Vec::new(),
            },
            component: false,
        });
        let mut props: Vec<(String, &'d Node, String)> = Vec::new();
        let mut required: HashSet<String> = HashSet::new();
        let mut seen = HashSet::new();
        self.collect(schema, at, &mut props, &mut required, &mut seen, 0, w);
        let mut field_names = SnakeNames::default();
        let mut fields = Vec::with_capacity(props.len());
        let mut wire_seen = HashSet::new();
        for (prop, prop_schema, prop_at) in props {
            if !wire_seen.insert(prop.clone()) {
                continue;
            }
            if prop.trim().is_empty() {
                w.warn(&prop_at, "a property with an empty name is left out");
                continue;
            }
            let field = field_names.take(&snake(&prop, "field"));
            let place = format!("{name}{}", camel(&prop, "Field"));
            let ty = self.expr(prop_schema, &prop_at, &place, w);
            fields.push(Field {
                ty: ty.field(required.contains(&prop)),
                description: text(prop_schema),
                name: field,
                original: prop,
                wire: None,
            });
        }
        if let Some(TypeDef {
            body: TypeBody::Struct { fields: slot, .. },
            ..
        }) = self.types.get_mut(index)
        {
            *slot = fields;
        }
    }

    /// The properties of an object, `allOf` members merged (later ones win).
    #[allow(clippy::too_many_arguments)]
    fn collect(
        &mut self,
        schema: &'d Node,
        at: &str,
        props: &mut Vec<(String, &'d Node, String)>,
        required: &mut HashSet<String>,
        seen: &mut HashSet<String>,
        depth: usize,
        w: &mut Warnings,
    ) {
        if depth > MAX_ALLOF_DEPTH || !seen.insert(at.to_owned()) {
            w.warn(
                at,
                "`allOf` nests too deeply or includes itself; the rest is not merged",
            );
            return;
        }
        for (i, member) in schema
            .get("allOf")
            .map(Node::items)
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            let member_at = child(&child(at, "allOf"), &i.to_string());
            let (node, node_at) = match resolve(self.root, member, &member_at) {
                Resolved::Found(n, a) => (n, a),
                Resolved::Broken(why) => {
                    w.warn(
                        &member_at,
                        format!("{why}; this `allOf` member is left out"),
                    );
                    continue;
                }
            };
            if one_of(node).is_some() && node.get("properties").is_none() {
                w.warn(&node_at, "a `oneOf`/`anyOf` inside `allOf` is not represented; its properties are left out");
                continue;
            }
            if !matches!(classify(node), Shape::Struct)
                && !node.entries().iter().all(|(k, _)| is_annotation(k))
            {
                w.warn(
                    &node_at,
                    "an `allOf` member that is not an object is not merged",
                );
                continue;
            }
            self.collect(node, &node_at, props, required, seen, depth + 1, w);
        }
        for r in schema.get("required").map(Node::items).unwrap_or(&[]) {
            if let Some(r) = r.as_str() {
                required.insert(r.to_owned());
            }
        }
        let props_at = child(at, "properties");
        for (name, prop) in schema.get("properties").map(Node::entries).unwrap_or(&[]) {
            let prop_at = child(&props_at, name);
            if let Some(existing) = props.iter_mut().find(|(n, _, _)| n == name) {
                existing.1 = prop;
                existing.2 = prop_at;
            } else {
                props.push((name.clone(), prop, prop_at));
            }
        }
    }
}

/// What a named schema becomes.
enum Shape {
    Struct,
    Enum(Vec<String>),
    Other,
}

fn classify(schema: &Node) -> Shape {
    if !schema.is_object() {
        return Shape::Other;
    }
    if let Some(values) = string_enum(schema) {
        return if enum_ok(&values) {
            Shape::Enum(values)
        } else {
            Shape::Other
        };
    }
    let types = type_names(schema);
    let objectish = types.is_empty() || types.iter().any(|t| t == "object");
    if !objectish || one_of(schema).is_some() && schema.get("properties").is_none() {
        return Shape::Other;
    }
    let has_props = schema
        .get("properties")
        .is_some_and(|p| !p.entries().is_empty());
    let merges = schema
        .get("allOf")
        .is_some_and(|a| a.items().iter().filter(|m| carries_type(m)).count() > 1);
    if has_props || merges {
        Shape::Struct
    } else {
        Shape::Other
    }
}

/// The `type`s of a schema (a 3.1 list or a 3.0 string), `null` left out.
fn type_names(schema: &Node) -> Vec<String> {
    match schema.get("type") {
        Some(Node::Str(s)) if s != "null" => vec![s.clone()],
        Some(Node::Array(list)) => list
            .iter()
            .filter_map(Node::as_str)
            .filter(|s| *s != "null")
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether the value may be `null`.
fn nullable(schema: &Node) -> bool {
    schema.flag("nullable")
        || schema
            .get("type")
            .is_some_and(|t| t.items().iter().any(|t| t.as_str() == Some("null")))
        || schema
            .get("enum")
            .is_some_and(|e| e.items().contains(&Node::Null))
}

fn is_null_schema(schema: &Node) -> bool {
    schema.str_at("type") == Some("null")
        || schema
            .get("enum")
            .is_some_and(|e| e.items() == [Node::Null])
}

/// Whether every value of `schema` is a JSON string (through `$ref`s and
/// single-member `allOf`s): a `oneOf` of such schemas is a `string`
/// (`anyOf: [{type: string}, {type: string, enum: [gpt-4o]}]` too).
fn plain_string(root: &Node, schema: &Node, depth: usize) -> bool {
    if depth > MAX_ALLOF_DEPTH {
        return false;
    }
    let Resolved::Found(schema, _) = resolve(root, schema, "#") else {
        return false;
    };
    if let Some(all) = schema.get("allOf").map(Node::items) {
        let informative: Vec<&Node> = all.iter().filter(|m| carries_type(m)).collect();
        return match informative.as_slice() {
            [only] if schema.get("properties").is_none() && one_of(schema).is_none() => {
                plain_string(root, only, depth + 1)
            }
            _ => false,
        };
    }
    (type_names(schema) == ["string"] || string_enum(schema).is_some())
        && !nullable(schema)
        && one_of(schema).is_none()
}

/// `oneOf` or `anyOf`, with its key.
fn one_of(schema: &Node) -> Option<(&'static str, &[Node])> {
    ["oneOf", "anyOf"]
        .into_iter()
        .find_map(|k| schema.get(k).map(|v| (k, v.items())))
}

/// The values of a string enum (`enum` or a string `const`), `null` left out.
fn string_enum(schema: &Node) -> Option<Vec<String>> {
    let types = type_names(schema);
    if !(types.is_empty() || types == ["string"]) {
        return None;
    }
    if let Some(Node::Str(c)) = schema.get("const") {
        return Some(vec![c.clone()]);
    }
    let values = schema.get("enum")?.items();
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for v in values {
        match v {
            Node::Str(s) => {
                if !out.contains(s) {
                    out.push(s.clone());
                }
            }
            Node::Null => {}
            _ => return None,
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Whether every value makes a distinct variant other than `Unknown`.
fn enum_ok(values: &[String]) -> bool {
    !split_variants(values).0.is_empty()
}

/// The values that make a Rust variant of their own (in order), and the rest:
/// values without a letter or digit, `unknown`, and values whose variant an
/// earlier value has (`-1` after `+1`). The rest arrive as `Unknown("...")`.
fn split_variants(values: &[String]) -> (Vec<String>, Vec<String>) {
    let mut variants = HashSet::new();
    let (mut kept, mut dropped) = (Vec::new(), Vec::new());
    for v in values {
        match enum_variant(v) {
            Some(var) if var != "Unknown" && variants.insert(var.clone()) => kept.push(v.clone()),
            _ => dropped.push(v.clone()),
        }
    }
    (kept, dropped)
}

/// Values for a message: at most five, then how many more.
fn list(values: &[String]) -> String {
    let shown: Vec<String> = values.iter().take(5).map(|v| format!("`{v}`")).collect();
    match values.len() {
        n if n > 5 => format!("{} and {} more", shown.join(", "), n - 5),
        _ => shown.join(", "),
    }
}

/// Keys that say something about a value without giving it a type.
fn is_annotation(key: &str) -> bool {
    matches!(
        key,
        "description"
            | "title"
            | "example"
            | "examples"
            | "deprecated"
            | "readOnly"
            | "writeOnly"
            | "nullable"
            | "default"
            | "externalDocs"
            | "xml"
    ) || key.starts_with("x-")
}

/// Whether an `allOf` member adds type information (not only a description).
fn carries_type(schema: &Node) -> bool {
    !schema.entries().iter().all(|(k, _)| is_annotation(k))
}

/// The description of a schema (or its title).
pub fn text(schema: &Node) -> Option<String> {
    schema
        .str_at("description")
        .or_else(|| schema.str_at("title"))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The fields a struct type has (for the error body and envelope checks).
pub fn property_names<'n>(root: &'n Node, schema: &'n Node) -> Vec<(&'n str, &'n Node)> {
    let mut out = Vec::new();
    let mut budget = MAX_GATHER_VISITS;
    gather(root, schema, &mut out, 0, &mut budget);
    out
}

/// The most schemas [`property_names`] visits (an `allOf` diamond repeated at
/// every level is otherwise exponential in the depth).
const MAX_GATHER_VISITS: usize = 1024;

fn gather<'n>(
    root: &'n Node,
    schema: &'n Node,
    out: &mut Vec<(&'n str, &'n Node)>,
    depth: usize,
    budget: &mut usize,
) {
    if depth > MAX_ALLOF_DEPTH || *budget == 0 {
        return;
    }
    *budget -= 1;
    let Resolved::Found(schema, _) = resolve(root, schema, "#") else {
        return;
    };
    for m in schema.get("allOf").map(Node::items).unwrap_or(&[]) {
        gather(root, m, out, depth + 1, budget);
    }
    for (k, v) in schema.get("properties").map(Node::entries).unwrap_or(&[]) {
        let v = match resolve(root, v, "#") {
            Resolved::Found(n, _) => n,
            Resolved::Broken(_) => v,
        };
        out.push((k.as_str(), v));
    }
}
