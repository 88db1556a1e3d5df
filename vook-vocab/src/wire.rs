//! How field names and bodies look on the wire: `api.field_case` (and a type's
//! `field_case`) and `api.body_encoding` (and an endpoint's `body_encoding`).

use core::fmt;

/// How a field's wire name is spelled from its snake_case spec key
/// (`field_case` on the API or on a type).
///
/// ```
/// use vook_vocab::wire::FieldCase;
///
/// assert_eq!(FieldCase::parse("camelCase"), Some(FieldCase::Camel));
/// assert_eq!(FieldCase::default(), FieldCase::Snake);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum FieldCase {
    /// `created_at`: the key itself, the default.
    #[default]
    Snake,
    /// `createdAt`.
    Camel,
    /// `CreatedAt`.
    Pascal,
    /// `created-at`.
    Kebab,
}

impl FieldCase {
    /// Every case, in the order the docs list them.
    pub const ALL: [FieldCase; 4] = [
        FieldCase::Snake,
        FieldCase::Camel,
        FieldCase::Pascal,
        FieldCase::Kebab,
    ];

    /// The spec spelling: `"snake_case"`, `"camelCase"`, `"PascalCase"` or `"kebab-case"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            FieldCase::Snake => "snake_case",
            FieldCase::Camel => "camelCase",
            FieldCase::Pascal => "PascalCase",
            FieldCase::Kebab => "kebab-case",
        }
    }

    /// Parses the spec spelling (exactly as [`FieldCase::as_str`] writes it).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for FieldCase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a request body is encoded (`body_encoding` on the API or an endpoint).
/// Responses are JSON either way.
///
/// ```
/// use vook_vocab::wire::BodyEncoding;
///
/// assert_eq!(BodyEncoding::parse("form"), Some(BodyEncoding::Form));
/// assert_eq!(BodyEncoding::Form.content_type(), "application/x-www-form-urlencoded");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum BodyEncoding {
    /// `application/json`, the default.
    #[default]
    Json,
    /// `application/x-www-form-urlencoded`, nested values in bracket notation
    /// (`metadata[order_id]=42`, `items[0][price]=p`), as Stripe and Twilio take.
    Form,
}

impl BodyEncoding {
    /// Every encoding, in the order the docs list them.
    pub const ALL: [BodyEncoding; 2] = [BodyEncoding::Json, BodyEncoding::Form];

    /// The spec spelling: `"json"` or `"form"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            BodyEncoding::Json => "json",
            BodyEncoding::Form => "form",
        }
    }

    /// The name of the Rust variant (`"Json"`), for code generators.
    pub const fn variant_name(self) -> &'static str {
        match self {
            BodyEncoding::Json => "Json",
            BodyEncoding::Form => "Form",
        }
    }

    /// The `Content-Type` of a body in this encoding.
    pub const fn content_type(self) -> &'static str {
        match self {
            BodyEncoding::Json => "application/json",
            BodyEncoding::Form => "application/x-www-form-urlencoded",
        }
    }

    /// Parses the spec spelling (exactly as [`BodyEncoding::as_str`] writes it).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

impl fmt::Display for BodyEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip() {
        for c in FieldCase::ALL {
            assert_eq!(FieldCase::parse(c.as_str()), Some(c));
        }
        for e in BodyEncoding::ALL {
            assert_eq!(BodyEncoding::parse(e.as_str()), Some(e));
        }
        assert_eq!(FieldCase::parse("camelcase"), None);
        assert_eq!(BodyEncoding::parse("JSON"), None);
    }
}
