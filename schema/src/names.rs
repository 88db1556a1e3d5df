//! Naming rules of the format and the Rust names generated from spec names.
//! The validator and the code generator both use these, so a name the
//! validator accepted is exactly the name the generator emits.

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

/// `UpperCamelCase`: an uppercase letter, then ASCII letters and digits.
pub fn is_upper_camel_case(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('A'..='Z')) && chars.all(|c| c.is_ascii_alphanumeric())
}

/// `get_item` -> `GetItem`.
///
/// ```
/// assert_eq!(vook_schema::names::upper_camel("get_item_v2"), "GetItemV2");
/// ```
pub fn upper_camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    for part in snake.split('_').filter(|p| !p.is_empty()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

/// The Rust variant for an enum's wire value: words split at anything that is
/// not a letter or digit and at lower-to-upper case changes, each capitalised.
/// A leading digit gets a `V` prefix. `None` when the value has no letter or digit.
///
/// ```
/// use vook_schema::names::enum_variant;
/// assert_eq!(enum_variant("in-progress").as_deref(), Some("InProgress"));
/// assert_eq!(enum_variant("image/png").as_deref(), Some("ImagePng"));
/// assert_eq!(enum_variant("2x").as_deref(), Some("V2x"));
/// assert_eq!(enum_variant("--"), None);
/// ```
pub fn enum_variant(wire: &str) -> Option<String> {
    let mut out = String::new();
    let mut new_word = true;
    let mut prev_lower = false;
    for c in wire.chars() {
        // Only ASCII identifiers are emitted: other letters would compile but are
        // hard to type at a match arm, so they separate words like punctuation.
        if !c.is_ascii_alphanumeric() {
            new_word = true;
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower {
            new_word = true;
        }
        if new_word {
            out.push(c.to_ascii_uppercase());
        } else {
            out.push(c.to_ascii_lowercase());
        }
        new_word = false;
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    if out.is_empty() {
        return None;
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    Some(variant_safe(out))
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
    fn fields() {
        assert_eq!(rust_field("type"), "r#type");
        assert_eq!(rust_field("self"), "self_");
        assert_eq!(rust_field("name"), "name");
    }
}
