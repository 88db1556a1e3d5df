//! Name checks: the naming rules of the format, the names it reserves, and
//! collisions between the Rust names generated from spec names (two codes
//! that become one variant, a type named like a generated item, ...).

use std::collections::HashMap;

use super::references::BUILTIN_TYPES;
use super::{RESERVED_METHOD_NAMES, RESERVED_TYPE_NAMES, Validator};
use crate::document::Document;
use crate::located::Located;
use crate::model;
use crate::names::{
    enum_variant, error_variant, is_snake_case, is_unrawable, is_upper_camel_case, rust_field,
    snake_case_form, upper_camel, upper_camel_case_form,
};

/// `, such as `snake_case_form`` when one exists and differs from `name`.
pub(super) fn snake_hint(name: &str) -> String {
    match snake_case_form(name) {
        Some(s) if s != name => format!(", such as `{s}`"),
        _ => String::new(),
    }
}

/// `, such as `UpperCamelCaseForm`` when one exists and differs from `name`.
fn upper_camel_hint(name: &str) -> String {
    match upper_camel_case_form(name) {
        Some(c) if c != name => format!(", such as `{c}`"),
        _ => String::new(),
    }
}

/// The type names generated for each endpoint (`<Op>Error`, `<Op>Query`),
/// each with its endpoint.
pub(super) fn generated_type_names(doc: &Document) -> HashMap<String, &str> {
    doc.endpoints
        .iter()
        .flat_map(|(k, _)| {
            let p = upper_camel(&k.value);
            [
                (format!("{p}Error"), k.value.as_str()),
                (format!("{p}Query"), k.value.as_str()),
            ]
        })
        .collect()
}

impl Validator<'_, '_> {
    /// Checks an error code's name and returns its variant; `variants` holds
    /// the codes seen so far by variant, to report two that become one.
    pub(super) fn error_code_name<'a>(
        &mut self,
        code: &'a Located<String>,
        variants: &mut HashMap<String, &'a Located<String>>,
    ) -> String {
        if !is_snake_case(&code.value) {
            let hint = snake_hint(&code.value);
            self.err(
                code.pos,
                format!("error code `{}` must be snake_case{hint}", code.value),
            );
        }
        let variant = error_variant(&code.value);
        if variant == "Unknown" {
            self.err(code.pos, "error code `unknown` is reserved: every error enum has an `Unknown` variant for codes the spec does not list");
        } else if let Some(first) = variants.get(&variant) {
            self.err(
                code.pos,
                format!(
                    "error codes `{}` and `{}` both become the variant `{variant}`",
                    first.value, code.value
                ),
            );
        } else {
            variants.insert(variant.clone(), code);
        }
        variant
    }

    /// Checks an error set's name: snake_case, and not also an error code's.
    pub(super) fn error_set_name(&mut self, name: &Located<String>) {
        if !is_snake_case(&name.value) {
            let hint = snake_hint(&name.value);
            self.err(
                name.pos,
                format!("error set `{}` must be snake_case{hint}", name.value),
            );
        }
        if self.ix.errors.contains(name.value.as_str()) {
            self.err(name.pos, format!("error set `{}` has the name of an error code; a name in `errors:` lists must mean one thing", name.value));
        }
    }

    /// Checks a type's name: UpperCamelCase, not reserved, not generated.
    pub(super) fn type_name(&mut self, name: &Located<String>, generated: &HashMap<String, &str>) {
        if BUILTIN_TYPES.contains(&name.value.as_str()) {
            self.err(
                name.pos,
                format!(
                    "type name `{}` is reserved for the built-in type `{}`; a declared type needs an UpperCamelCase name of its own",
                    name.value, name.value
                ),
            );
        } else if !is_upper_camel_case(&name.value) {
            let hint = upper_camel_hint(&name.value);
            self.err(
                name.pos,
                format!("type name `{}` must be UpperCamelCase{hint}", name.value),
            );
        } else if RESERVED_TYPE_NAMES.contains(&name.value.as_str()) {
            self.err(
                name.pos,
                format!(
                    "type name `{}` collides with the generated `{}`; rename the type",
                    name.value, name.value
                ),
            );
        } else if let Some(op) = generated.get(&name.value) {
            self.err(name.pos, format!("type name `{}` collides with the `{}` generated for endpoint `{op}`; rename the type", name.value, name.value));
        } else if name.value == "Self" {
            self.err(name.pos, "`Self` is a Rust keyword and cannot name a type");
        }
    }

    /// Checks an endpoint's name (the `Client` method); `prefixes` holds the
    /// endpoints seen so far by `<Op>`, to report two that generate one enum.
    pub(super) fn endpoint_name<'a>(
        &mut self,
        name: &'a Located<String>,
        prefixes: &mut HashMap<String, &'a str>,
    ) {
        let op = name.value.as_str();
        if !is_snake_case(op) {
            let hint = snake_hint(op);
            self.err(
                name.pos,
                format!("endpoint `{op}` must be snake_case (it is the method name){hint}"),
            );
        } else if is_unrawable(op) {
            self.err(name.pos, format!("endpoint `{op}` cannot be a Rust method name, not even as a raw identifier; rename it"));
        } else if RESERVED_METHOD_NAMES.contains(&op) {
            self.err(
                name.pos,
                format!(
                    "endpoint `{op}` collides with a method every generated `Client` has; rename it"
                ),
            );
        } else {
            let prefix = upper_camel(op);
            if let Some(first) = prefixes.get(&prefix) {
                self.err(
                    name.pos,
                    format!("endpoints `{first}` and `{op}` both generate `{prefix}Error`"),
                );
            }
            prefixes.insert(prefix, op);
        }
    }

    /// Checks a field's or query parameter's name (`what`) of `owner`;
    /// `rust_names` holds the names seen so far by Rust field, to report two
    /// that become one.
    pub(super) fn field_name<'a>(
        &mut self,
        name: &'a Located<String>,
        what: &str,
        owner: &str,
        rust_names: &mut HashMap<String, &'a str>,
    ) {
        if !is_snake_case(&name.value) {
            let hint = snake_hint(&name.value);
            self.err(
                name.pos,
                format!(
                    "{what} `{}` of {owner} must be snake_case{hint}",
                    name.value
                ),
            );
        } else {
            let rust = rust_field(&name.value);
            if let Some(first) = rust_names.get(&rust) {
                self.err(
                    name.pos,
                    format!(
                        "{what}s `{first}` and `{}` of {owner} both become the Rust field `{rust}`",
                        name.value
                    ),
                );
            }
            rust_names.insert(rust, name.value.as_str());
        }
    }

    /// The variants of enum type `ty`: each value's variant, reporting values
    /// without one, the reserved `Unknown`, and two values that become one.
    pub(super) fn enum_values(
        &mut self,
        ty: &str,
        values: &[Located<String>],
    ) -> Vec<model::EnumValue> {
        let mut out: Vec<model::EnumValue> = Vec::new();
        let mut wire_by_variant: HashMap<String, &str> = HashMap::new();
        for v in values {
            let Some(variant) = enum_variant(&v.value) else {
                self.err(v.pos, format!("enum value `{}` of type `{ty}` has no letter or digit to name a variant after", v.value));
                continue;
            };
            if variant == "Unknown" {
                self.err(v.pos, format!("enum value `{}` of type `{ty}` becomes `Unknown`, the variant reserved for values the spec does not list", v.value));
                continue;
            }
            if let Some(first) = wire_by_variant.get(&variant) {
                let msg = if *first == v.value {
                    format!("enum value `{}` of type `{ty}` is listed twice", v.value)
                } else {
                    format!(
                        "enum values `{first}` and `{}` of type `{ty}` both become the variant `{variant}`",
                        v.value
                    )
                };
                self.err(v.pos, msg);
                continue;
            }
            wire_by_variant.insert(variant.clone(), v.value.as_str());
            out.push(model::EnumValue {
                wire: v.value.clone(),
                variant,
            });
        }
        out
    }
}
