//! Naming rules of the format and the Rust names generated from spec names.
//! The validator and the code generator both use these, so a name the
//! validator accepted is exactly the name the generator emits. Case
//! conversion is heck's.

use heck::{ToKebabCase, ToLowerCamelCase, ToSnakeCase, ToUpperCamelCase};
use vook_vocab::wire::FieldCase;

/// `snake_case`: a lowercase letter, then lowercase letters, digits and single
/// underscores, not ending in an underscore.
pub fn is_snake_case(s: &str) -> bool {
    let mut prev_underscore = false;
    for (i, c) in s.chars().enumerate() {
        match c {
            'a'..='z' => prev_underscore = false,
            '0'..='9' if i > 0 => prev_underscore = false,
            '_' if i > 0 && !prev_underscore => prev_underscore = true,
            _ => return false,
        }
    }
    !s.is_empty() && !prev_underscore
}

/// An HTTP header name: one or more token characters (RFC 9110).
///
/// ```
/// assert!(vook_schema::names::is_header_name("X-Request-ID"));
/// assert!(!vook_schema::names::is_header_name("X Request"));
/// ```
pub fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_!#$%&'*+.^`|~".contains(c))
}

/// `UpperCamelCase`: an uppercase letter, then ASCII letters and digits.
pub fn is_upper_camel_case(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('A'..='Z')) && chars.all(|c| c.is_ascii_alphanumeric())
}

/// `get_item` -> `GetItem` (heck's UpperCamelCase, which for a snake_case
/// name is: each part between underscores capitalised, then joined).
///
/// ```
/// assert_eq!(vook_schema::names::upper_camel("get_item_v2"), "GetItemV2");
/// ```
pub fn upper_camel(snake: &str) -> String {
    snake.to_upper_camel_case()
}

/// The wire name of the snake_case field key `key` under `case` (heck's conversions).
///
/// ```
/// use vook_schema::names::wire_name;
/// use vook_vocab::wire::FieldCase;
/// assert_eq!(wire_name("created_at", FieldCase::Camel), "createdAt");
/// assert_eq!(wire_name("created_at", FieldCase::Pascal), "CreatedAt");
/// assert_eq!(wire_name("created_at", FieldCase::Kebab), "created-at");
/// assert_eq!(wire_name("created_at", FieldCase::Snake), "created_at");
/// ```
pub fn wire_name(key: &str, case: FieldCase) -> String {
    match case {
        // The key itself: snake_case keys are checked elsewhere, and heck would
        // rewrite a name that breaks the rule.
        FieldCase::Snake => key.to_owned(),
        FieldCase::Camel => key.to_lower_camel_case(),
        FieldCase::Pascal => key.to_upper_camel_case(),
        FieldCase::Kebab => key.to_kebab_case(),
    }
}

/// The Rust variant for an enum's wire value: words split at anything that is
/// not an ASCII letter or digit and at lower-to-upper case changes (a digit
/// counts as lowercase), each capitalised and the rest lowercased.
/// A leading digit gets a `V` prefix. `None` when the value has no letter or digit.
///
/// The word split is the format's rule, not heck's: heck also splits
/// acronyms (`HTTPServer` -> `HttpServer`, here `Httpserver`), does not split
/// `2X` at the start of a value (here `V2X`) and keeps non-ASCII letters
/// (here they separate words, `élan` -> `Lan`). Generated variant names must
/// not change, so the words are split here and heck only capitalises them.
///
/// ```
/// use vook_schema::names::enum_variant;
/// assert_eq!(enum_variant("in-progress").as_deref(), Some("InProgress"));
/// assert_eq!(enum_variant("image/png").as_deref(), Some("ImagePng"));
/// assert_eq!(enum_variant("2x").as_deref(), Some("V2x"));
/// assert_eq!(enum_variant("--"), None);
/// ```
pub fn enum_variant(wire: &str) -> Option<String> {
    // Lowercase words joined by `_`: heck then finds exactly these words.
    let mut words = String::with_capacity(wire.len() + 4);
    let mut prev_lower = false;
    for c in wire.chars() {
        // Only ASCII identifiers are emitted: other letters would compile but are
        // hard to type at a match arm, so they separate words like punctuation.
        if !c.is_ascii_alphanumeric() {
            words.push('_');
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower {
            words.push('_');
        }
        words.push(c.to_ascii_lowercase());
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    let mut out = words.to_upper_camel_case();
    if out.is_empty() {
        return None;
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    Some(variant_safe(out))
}

/// The snake_case form of a name (`NotFound` -> `not_found`, by heck), if
/// it is a valid snake_case name: the hint a badly named code or field gets.
pub fn snake_case_form(name: &str) -> Option<String> {
    let form = name.to_snake_case();
    is_snake_case(&form).then_some(form)
}

/// The UpperCamelCase form of a name (`item_kind` -> `ItemKind`, by heck),
/// if it is a valid type name: the hint a badly named type gets.
pub fn upper_camel_case_form(name: &str) -> Option<String> {
    let form = name.to_upper_camel_case();
    is_upper_camel_case(&form).then_some(form)
}

/// `Self` is the one UpperCamelCase keyword and cannot name a variant (not
/// even as a raw identifier): it becomes `Self_`. Every other name is kept.
///
/// ```
/// assert_eq!(vook_schema::names::variant_safe("Self".into()), "Self_");
/// assert_eq!(vook_schema::names::variant_safe("NotFound".into()), "NotFound");
/// ```
pub fn variant_safe(name: String) -> String {
    if name == "Self" {
        "Self_".to_owned()
    } else {
        name
    }
}

/// The Rust variant of an error code: `rate_limit_exceeded` -> `RateLimitExceeded`
/// (`self` -> `Self_`).
pub fn error_variant(code: &str) -> String {
    variant_safe(upper_camel(code))
}

/// Rust keywords (strict and reserved, all editions). A field or parameter with
/// one of these names is emitted as a raw identifier (`r#type`).
pub const RUST_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// True for a Rust keyword.
pub fn is_keyword(s: &str) -> bool {
    RUST_KEYWORDS.contains(&s)
}

/// Keywords that cannot be raw identifiers; a field with one of these names is
/// emitted with a trailing underscore and `#[serde(rename = "...")]`.
pub fn is_unrawable(s: &str) -> bool {
    matches!(s, "self" | "Self" | "super" | "crate" | "_")
}

/// The Rust identifier text for a snake_case spec name used as a field,
/// parameter or method: `type` -> `r#type`, `self` -> `self_`, else unchanged.
pub fn rust_field(name: &str) -> String {
    if is_unrawable(name) {
        format!("{name}_")
    } else if is_keyword(name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake() {
        for ok in ["a", "get_item", "v2", "item_2"] {
            assert!(is_snake_case(ok), "{ok}");
        }
        for bad in ["", "_a", "a_", "a__b", "GetItem", "get-item", "2a", "é"] {
            assert!(!is_snake_case(bad), "{bad}");
        }
    }

    #[test]
    fn camel() {
        assert!(is_upper_camel_case("Item"));
        assert!(is_upper_camel_case("ItemV2"));
        assert!(!is_upper_camel_case("item"));
        assert!(!is_upper_camel_case("Item_Kind"));
        assert_eq!(upper_camel("rate_limit_exceeded"), "RateLimitExceeded");
    }

    #[test]
    fn variants() {
        assert_eq!(enum_variant("document").as_deref(), Some("Document"));
        assert_eq!(enum_variant("camelCase").as_deref(), Some("CamelCase"));
        assert_eq!(
            enum_variant("SCREAMING_CASE").as_deref(),
            Some("ScreamingCase")
        );
        assert_eq!(enum_variant("élan").as_deref(), Some("Lan"));
        assert_eq!(enum_variant("self").as_deref(), Some("Self_"));
        assert_eq!(error_variant("self"), "Self_");
        assert_eq!(error_variant("not_found"), "NotFound");
    }

    #[test]
    fn variants_keep_the_format_word_rule_where_heck_differs() {
        // heck alone would give `HttpServer`, `V2x` and `Élan`.
        assert_eq!(enum_variant("HTTPServer").as_deref(), Some("Httpserver"));
        assert_eq!(enum_variant("2X").as_deref(), Some("V2X"));
        assert_eq!(enum_variant("v2X").as_deref(), Some("V2X"));
        assert_eq!(enum_variant("ABc").as_deref(), Some("Abc"));
        assert_eq!(enum_variant("über-cool").as_deref(), Some("BerCool"));
        assert_eq!(upper_camel("item_2_v3"), "Item2V3");
    }

    #[test]
    fn hints() {
        assert_eq!(snake_case_form("NotFound").as_deref(), Some("not_found"));
        assert_eq!(snake_case_form("HTTPError").as_deref(), Some("http_error"));
        assert_eq!(snake_case_form("get-item").as_deref(), Some("get_item"));
        assert_eq!(snake_case_form("Item2Name").as_deref(), Some("item2_name"));
        assert_eq!(snake_case_form("2fa"), None);
        assert_eq!(snake_case_form("élan"), None);
        assert_eq!(
            upper_camel_case_form("item_kind").as_deref(),
            Some("ItemKind")
        );
        assert_eq!(
            upper_camel_case_form("HTTP_server").as_deref(),
            Some("HttpServer")
        );
        assert_eq!(upper_camel_case_form("9lives"), None);
    }

    #[test]
    fn fields() {
        assert_eq!(rust_field("type"), "r#type");
        assert_eq!(rust_field("self"), "self_");
        assert_eq!(rust_field("name"), "name");
    }
}
