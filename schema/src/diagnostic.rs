//! Located diagnostics, rendered rustc-style: `PATH:LINE:COL: error: MESSAGE`.

use std::fmt;

use crate::source_lines::split_lines;

/// A 1-based position in the spec source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub col: u32,
}

impl Pos {
    /// The start of the file; used for problems that have no better place.
    pub const START: Pos = Pos { line: 1, col: 1 };

    /// A position from 1-based line and column (0 is clamped to 1).
    pub fn new(line: u32, col: u32) -> Self {
        Pos {
            line: line.max(1),
            col: col.max(1),
        }
    }

    /// A position from 1-based counts, saturating at `u32::MAX` (0 is clamped to 1).
    pub(crate) fn clamped(line: impl TryInto<u32>, col: impl TryInto<u32>) -> Self {
        Pos::new(
            line.try_into().unwrap_or(u32::MAX),
            col.try_into().unwrap_or(u32::MAX),
        )
    }
}

/// One problem found in a spec, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is.
    pub pos: Pos,
    /// What is wrong, one line, lowercase start, no trailing period.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at `pos`.
    pub fn new(pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            pos,
            message: message.into(),
        }
    }
}

/// Every problem found in one spec file, sorted by position, with the source kept
/// so that each can be rendered with a snippet.
#[derive(Clone, Debug)]
pub struct Diagnostics {
    path: String,
    source: String,
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Collects `items` for the file at `path` whose text is `source`.
    ///
    /// Items are sorted by position and exact duplicates dropped.
    pub fn new(
        path: impl Into<String>,
        source: impl Into<String>,
        mut items: Vec<Diagnostic>,
    ) -> Self {
        items.sort_by(|a, b| a.pos.cmp(&b.pos).then_with(|| a.message.cmp(&b.message)));
        items.dedup();
        Diagnostics {
            path: path.into(),
            source: source.into(),
            items,
        }
    }

    /// The path the diagnostics refer to, as given to the loader.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The problems, sorted by position.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when there is no problem (never the case for a returned error).
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// One `PATH:LINE:COL: error: MESSAGE` line per problem, without snippets.
    pub fn headlines(&self) -> Vec<String> {
        self.items.iter().map(|d| self.headline(d)).collect()
    }

    fn headline(&self, d: &Diagnostic) -> String {
        format!(
            "{}:{}:{}: error: {}",
            self.path, d.pos.line, d.pos.col, d.message
        )
    }

    /// Renders every problem: the headline, then the source line with a caret.
    pub fn render(&self) -> String {
        let mut out = String::new();
        // Lines are found once, so rendering many problems of a big file stays linear.
        let lines: Vec<&str> = if self.items.is_empty() {
            Vec::new()
        } else {
            split_lines(&self.source).collect()
        };
        for d in &self.items {
            out.push_str(&self.headline(d));
            out.push('\n');
            let line = (d.pos.line as usize)
                .checked_sub(1)
                .and_then(|i| lines.get(i));
            if let Some(snippet) = line.map(|l| snippet(l, d.pos)) {
                out.push_str(&snippet);
            }
        }
        let n = self.items.len();
        out.push_str(&format!(
            "error: {} has {} problem{}\n",
            self.path,
            n,
            if n == 1 { "" } else { "s" }
        ));
        out
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for Diagnostics {}

/// The source line of `pos` with a caret under the column, rustc-style.
/// Lines are cut to 120 characters around the column so a minified file stays readable.
fn snippet(line_text: &str, pos: Pos) -> String {
    let chars: Vec<char> = line_text.chars().collect();
    let col0 = (pos.col as usize).saturating_sub(1).min(chars.len());
    let start = col0.saturating_sub(60);
    let end = (start + 120).min(chars.len());
    let shown: String = chars
        .get(start..end)
        .unwrap_or_default()
        .iter()
        .map(|&c| {
            if c == '\t' {
                ' '
            } else if c.is_control() {
                '?'
            } else {
                c
            }
        })
        .collect();
    let gutter = pos.line.to_string();
    let pad = " ".repeat(gutter.len());
    format!(
        "{pad} |\n{gutter} | {shown}\n{pad} | {caret}^\n",
        caret = " ".repeat(col0 - start)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_headline_and_caret() {
        let d = Diagnostics::new(
            "a.yaml",
            "x: 1\nfoo: bar\n",
            vec![Diagnostic::new(Pos::new(2, 6), "bad")],
        );
        assert_eq!(
            d.render(),
            "a.yaml:2:6: error: bad\n  |\n2 | foo: bar\n  |      ^\nerror: a.yaml has 1 problem\n"
        );
    }

    #[test]
    fn sorts_and_dedups() {
        let d = Diagnostics::new(
            "a",
            "",
            vec![
                Diagnostic::new(Pos::new(3, 1), "b"),
                Diagnostic::new(Pos::new(1, 1), "a"),
                Diagnostic::new(Pos::new(3, 1), "b"),
            ],
        );
        assert_eq!(d.headlines(), vec!["a:1:1: error: a", "a:3:1: error: b"]);
    }
}
