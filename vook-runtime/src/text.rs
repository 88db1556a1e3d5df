//! Small helpers for showing server-supplied text safely on one line.

use std::fmt;

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
    let mut text = String::from_utf8_lossy(&bytes[..bytes.len().min(max_bytes)]).into_owned();
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
}
