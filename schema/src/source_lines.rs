//! The lines of a spec's text, split as YAML counts them (`\n`, `\r\n` and a
//! lone `\r` each end a line): for snippets and for pointing at a place.

/// Lines split at `\n`, `\r\n` and a lone `\r`, as YAML counts them.
pub(crate) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.find(['\n', '\r']) {
            Some(i) => {
                let (line, tail) = r.split_at(i);
                // `tail` starts with the one-byte break just found.
                let tail = tail
                    .strip_prefix("\r\n")
                    .or_else(|| tail.get(1..))
                    .unwrap_or_default();
                rest = Some(tail);
                Some(line)
            }
            None => {
                rest = None;
                (!r.is_empty()).then_some(r)
            }
        }
    })
}

/// The text of 1-based line `n`.
pub(crate) fn line_text(text: &str, n: u32) -> Option<&str> {
    split_lines(text).nth((n as usize).checked_sub(1)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_like_yaml() {
        let lines: Vec<&str> = split_lines("a\r\nb\rc\nd").collect();
        assert_eq!(lines, ["a", "b", "c", "d"]);
        assert_eq!(split_lines("a\n\nb\n").collect::<Vec<_>>(), ["a", "", "b"]);
        assert_eq!(split_lines("").count(), 0);
        assert_eq!(line_text("a\nb\n", 2), Some("b"));
        assert_eq!(line_text("a\nb\n", 0), None);
        assert_eq!(line_text("a\nb\n", 3), None);
    }
}
