//! Small helpers for showing server-supplied text safely on one line.

use std::fmt;
use std::sync::OnceLock;

use bytes::Bytes;

/// Write `s` with control characters (newlines included) replaced by spaces and at most
/// `max_chars` characters, adding `…` when cut. Keeps error messages on one line and
/// stops a hostile server from forging log lines.
pub(crate) fn write_one_line(f: &mut fmt::Formatter<'_>, s: &str, max_chars: usize) -> fmt::Result {
    let mut chars = s.trim().chars();
    for c in chars.by_ref().take(max_chars) {
        if c.is_control() {
            f.write_str(" ")?;
        } else {
            fmt::Write::write_char(f, c)?;
        }
    }
    if chars.next().is_some() {
        f.write_str("…")?;
    }
    Ok(())
}

/// Lossy UTF-8 text of at most `max_bytes` bytes (cut at a character boundary).
pub(crate) fn lossy_capped(bytes: &[u8], max_bytes: usize) -> String {
    let kept = bytes.get(..max_bytes).unwrap_or(bytes);
    let mut text = String::from_utf8_lossy(kept).into_owned();
    if text.len() > max_bytes {
        // Replacement characters can grow the text; cut back to a boundary.
        let mut end = max_bytes;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text
}

/// A response body as UTF-8 text of at most a cap of bytes.
///
/// Keeps the received bytes, shared, not copied. Checking them for UTF-8 waits until the
/// text is asked for (rarely: most callers read the code and message); a body that is
/// not UTF-8 is then converted lossily, once.
#[derive(Clone, Default)]
pub(crate) struct BodyText {
    bytes: Bytes,
    max_bytes: usize,
    repaired: OnceLock<String>,
}

impl BodyText {
    /// The text of `body`'s first `max_bytes` bytes (lossy, cut at a character boundary).
    pub(crate) fn new(body: Bytes, max_bytes: usize) -> Self {
        BodyText {
            bytes: body.slice(..body.len().min(max_bytes)),
            max_bytes,
            repaired: OnceLock::new(),
        }
    }

    /// The text of a byte range of the body, when the range holds UTF-8 on its own.
    pub(crate) fn get(&self, range: std::ops::Range<usize>) -> Option<&str> {
        std::str::from_utf8(self.bytes.get(range)?).ok()
    }

    /// The text.
    pub(crate) fn as_str(&self) -> &str {
        match std::str::from_utf8(&self.bytes) {
            Ok(text) => text,
            Err(_) => self
                .repaired
                .get_or_init(|| lossy_capped(&self.bytes, self.max_bytes)),
        }
    }
}

impl PartialEq for BodyText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for BodyText {}

#[cfg(test)]
mod tests {
    use super::*;

    struct Show<'a>(&'a str, usize);
    impl fmt::Display for Show<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write_one_line(f, self.0, self.1)
        }
    }

    #[test]
    fn one_line_and_capped() {
        assert_eq!(Show("a\nb\r\nc\u{1b}[31m", 100).to_string(), "a b  c [31m");
        assert_eq!(Show("  héllo world ", 5).to_string(), "héllo…");
        assert_eq!(Show("abc", 3).to_string(), "abc");
    }

    #[test]
    fn lossy_capping() {
        assert_eq!(lossy_capped(b"hello", 3), "hel");
        // "é" is two bytes; cutting in the middle yields a replacement char, then fits.
        let t = lossy_capped("aé".as_bytes(), 2);
        assert!(t.len() <= 2, "{t:?}");
        let t = lossy_capped(&[0xff; 10], 10);
        assert!(t.len() <= 10 && t.starts_with('\u{fffd}'));
    }

    #[test]
    fn body_text_shares_valid_utf8_and_repairs_the_rest() {
        let body = Bytes::from_static("{\"a\": \"é\"}".as_bytes());
        let t = BodyText::new(body.clone(), 100);
        assert_eq!(t.as_str(), "{\"a\": \"é\"}");
        assert_eq!(
            t.as_str().as_ptr(),
            body.as_ptr(),
            "no copy of a valid body"
        );
        assert_eq!(BodyText::new(body, 3).as_str(), "{\"a");
        // Cut inside "é": the half character becomes a replacement, within the cap.
        let t = BodyText::new(Bytes::from_static("aé".as_bytes()), 2);
        assert!(t.as_str().len() <= 2, "{:?}", t.as_str());
        let t = BodyText::new(Bytes::from_static(&[b'x', 0xff, b'y']), 10);
        assert_eq!(t.as_str(), "x\u{fffd}y");
        assert_eq!(BodyText::default().as_str(), "");
    }
}
