//! `Idempotency-Key` values: random, UUIDv4-shaped.

/// A fresh random key shaped like a UUIDv4 (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`).
///
/// Uses `fastrand` (not a CSPRNG): the key only has to be unique, not secret.
pub(crate) fn new_key() -> String {
    format_uuid_v4(fastrand::u128(..))
}

fn format_uuid_v4(random: u128) -> String {
    // Version 4 in bits 76..80, variant 0b10 in bits 62..64.
    let v = (random & !(0xF_u128 << 76)) | (0x4_u128 << 76);
    let v = (v & !(0x3_u128 << 62)) | (0x2_u128 << 62);
    let hex = format!("{v:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape() {
        assert_eq!(format_uuid_v4(0), "00000000-0000-4000-8000-000000000000");
        assert_eq!(
            format_uuid_v4(u128::MAX),
            "ffffffff-ffff-4fff-bfff-ffffffffffff"
        );
        let k = new_key();
        assert_eq!(k.len(), 36);
        let parts: Vec<&str> = k.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('4'));
        assert!(matches!(parts[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'));
        assert!(k.bytes().all(|b| b == b'-' || b.is_ascii_hexdigit()));
    }

    #[test]
    fn unique() {
        let keys: std::collections::HashSet<String> = (0..1000).map(|_| new_key()).collect();
        assert_eq!(keys.len(), 1000);
    }
}
