//! `Idempotency-Key` values: random UUIDs (version 4).

/// A fresh random UUID v4 in its hyphenated lowercase form
/// (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`). Its 122 random bits come from the
/// operating system's generator (through `getrandom`), so keys of different clients and
/// processes do not collide.
pub(crate) fn new_key() -> String {
    uuid::Uuid::new_v4().hyphenated().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape() {
        let k = new_key();
        assert_eq!(k.len(), 36);
        let parts: Vec<&str> = k.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('4'));
        assert!(matches!(parts[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'));
        assert!(
            k.bytes()
                .all(|b| b == b'-' || b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
            "lowercase hex: {k}"
        );
        let parsed = uuid::Uuid::parse_str(&k).unwrap();
        assert_eq!(parsed.get_version(), Some(uuid::Version::Random));
        assert_eq!(parsed.get_variant(), uuid::Variant::RFC4122);
    }

    #[test]
    fn unique() {
        let keys: std::collections::HashSet<String> = (0..1000).map(|_| new_key()).collect();
        assert_eq!(keys.len(), 1000);
    }
}
