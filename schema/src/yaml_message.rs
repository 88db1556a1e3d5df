//! serde-saphyr's errors as one readable diagnostic each: budgets and the
//! common syntax mistakes get their own wording and, where the parser reports
//! a later place than the mistake, the position a human would point at.
//!
//! Syntax errors are recognised by their text ([`serde_saphyr::Error`] has one
//! variant for all of them): the `RAW_*` constants below are the pieces of
//! text relied on, and each has a test that makes serde-saphyr produce it, so
//! an upgrade that changes a message fails a test instead of silently
//! degrading a diagnostic.

use crate::diagnostic::{Diagnostic, Pos};
use crate::limits::{MAX_ALIAS_REPLAY, MAX_DEPTH, MAX_NODES, MAX_SPEC_BYTES};
use crate::source_lines::{line_text, split_lines};

/// Ends the first line of a syntax error: `... at line 3, column 5`.
const RAW_LOCATION_SUFFIX: &str = " at line ";
/// A quoted scalar that does not end well (a missing closing quote, seen later).
const RAW_QUOTED_SCALAR: &str = "quoted scalar";
/// A quoted scalar still open at the end of the input.
const RAW_UNCLOSED_QUOTE: &str = "unclosed quote";
/// Flow or block nesting over [`MAX_DEPTH`].
const RAW_RECURSION_LIMIT: &str = "recursion limit exceeded";
/// A tab where YAML does not allow one (indentation).
const RAW_TAB: &str = "tab";
/// A key without its `:`.
const RAW_SIMPLE_KEY_EXPECTED: &str = "simple key expected ':'";
/// A `: ` inside a plain value.
const RAW_MAPPING_VALUES: &str = "mapping values are not allowed";
/// A line indented differently from the keys of its mapping.
const RAW_NO_EXPECTED_KEY: &str = "did not find expected key";
/// A line indented differently from the items of its list.
const RAW_NO_EXPECTED_DASH: &str = "did not find expected '-' indicator";

/// A serde-saphyr location as a position; `None` when it is unknown (line 0).
fn location_pos(loc: serde_saphyr::Location) -> Option<Pos> {
    (loc.line() > 0).then(|| Pos::clamped(loc.line(), loc.column()))
}

/// One readable diagnostic for a serde-saphyr error: budgets and common
/// syntax mistakes get their own wording and, where the parser reports a
/// later place, the position a human would point at.
pub(crate) fn yaml_error(text: &str, err: &serde_saphyr::Error) -> Diagnostic {
    use serde_saphyr::Error as E;
    let mut err = err.without_snippet();
    while let E::AliasError { error, .. } = err {
        err = error.without_snippet();
    }
    let pos = err.location().and_then(location_pos).unwrap_or(Pos::START);
    let msg = match err {
        E::Budget { breach, .. } => budget_message(breach),
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => format!(
            "aliases expand to more than {MAX_ALIAS_REPLAY} nodes (an alias bomb?); write the data out or use fewer nested aliases"
        ),
        E::AliasReplayStackDepthExceeded { .. } => {
            format!("aliases nest more than {MAX_DEPTH} levels deep")
        }
        E::MultipleDocuments { .. } => {
            let at = document_marker(text, pos).unwrap_or(pos);
            return Diagnostic::new(
                at,
                "a spec is a single YAML document, but this file has more than one (separated by `---`)",
            );
        }
        E::UnknownAnchor { .. } => match alias_name(text, pos) {
            Some(name) => format!(
                "alias `*{name}` refers to an anchor `&{name}` that is not defined before it"
            ),
            None => "alias refers to an anchor that is not defined before it".to_owned(),
        },
        E::UnsupportedTag { tag, .. } => {
            // The parser reports the node after the tag; point at the tag.
            let at = line_text(text, pos.line)
                .and_then(|l| {
                    let before: String =
                        l.chars().take(pos.col.saturating_sub(1) as usize).collect();
                    let bang = before.rfind('!')?;
                    before.get(..bang).map(|b| b.chars().count())
                })
                .map_or(pos, |i| Pos::clamped(pos.line as usize, i + 1));
            return Diagnostic::new(
                at,
                format!("invalid YAML: YAML tag `{tag}` is not supported in a spec; remove it"),
            );
        }
        E::MergeValueNotMapOrSeqOfMaps { .. } => {
            "the value of a merge key `<<` must be a mapping or a list of mappings".to_owned()
        }
        other => return syntax_error(text, pos, &other.to_string()),
    };
    Diagnostic::new(pos, format!("invalid YAML: {msg}"))
}

/// The wording of a blown serde-saphyr budget.
fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Depth { .. } => format!("nesting is deeper than {MAX_DEPTH} levels"),
        B::Nodes { .. } | B::Events { .. } => {
            format!(
                "spec has more than {MAX_NODES} YAML nodes (aliases expanded); is this really a spec?"
            )
        }
        B::Aliases { .. } | B::AliasAnchorRatio { .. } => "too many aliases (`*name`)".to_owned(),
        B::Anchors { .. } => "too many anchors (`&name`)".to_owned(),
        B::MergeKeys { .. } => "too many merge keys (`<<`)".to_owned(),
        B::Documents { .. } => {
            "a spec is a single YAML document, but this file has more than one (separated by `---`)"
                .to_owned()
        }
        B::ScalarBytes { .. } | B::InputBytes { .. } => {
            format!("spec is too large; the limit is {MAX_SPEC_BYTES} bytes")
        }
        B::RecordedAnchorEvents { .. } | B::RecordedAnchorBytes { .. } => format!(
            "aliases expand to more than {MAX_ALIAS_REPLAY} nodes (an alias bomb?); write the data out or use fewer nested aliases"
        ),
        other => format!("spec exceeds a safety limit of the YAML reader ({other:?})"),
    }
}

/// A YAML syntax error, reworded where the parser's text is cryptic.
fn syntax_error(text: &str, pos: Pos, raw: &str) -> Diagnostic {
    let first = raw.lines().next().unwrap_or("invalid YAML").trim();
    let first = first
        .split_once(RAW_LOCATION_SUFFIX)
        .map_or(first, |(head, _)| head);
    let line = line_text(text, pos.line).unwrap_or("");
    if (first.contains(RAW_QUOTED_SCALAR) || first.contains(RAW_UNCLOSED_QUOTE))
        && let Some(at) = runaway_quote(text, pos)
    {
        return Diagnostic::new(
            at,
            "invalid YAML: this quoted string is never closed (its closing quote is missing)",
        );
    }
    if first.contains(RAW_RECURSION_LIMIT) {
        return Diagnostic::new(
            pos,
            format!("invalid YAML: nesting is deeper than {MAX_DEPTH} levels"),
        );
    }
    // A `{` or `[` left open on an earlier line makes the parser stumble
    // later, often with an unrelated message: point at the opener.
    if !first.contains(RAW_TAB)
        && let Some((at, open)) = unclosed_flow(text, pos)
    {
        let close = if open == '{' { '}' } else { ']' };
        return Diagnostic::new(
            at,
            format!("invalid YAML: this `{open}` is never closed with `{close}`"),
        );
    }
    if first.contains(RAW_TAB) {
        // The parser may stop on the line before the tab (a plain scalar that
        // could continue): point at the first tab used as indentation.
        let at = split_lines(text)
            .enumerate()
            .skip(pos.line.saturating_sub(1) as usize)
            .take(3)
            .find_map(|(i, l)| {
                let indent = l
                    .chars()
                    .take_while(|c| c.is_whitespace())
                    .position(|c| c == '\t')?;
                Some(Pos::clamped(i + 1, indent + 1))
            })
            .or_else(|| {
                line.chars()
                    .position(|c| c == '\t')
                    .map(|i| Pos::clamped(pos.line as usize, i + 1))
            })
            .unwrap_or(pos);
        return Diagnostic::new(
            at,
            "invalid YAML: tab character in indentation; indent with spaces",
        );
    }
    if let Some(i) = bracket_then_question(line) {
        return Diagnostic::new(
            Pos::clamped(pos.line as usize, i + 1),
            "invalid YAML: a list type with `?` must be quoted, e.g. `tags: \"[string]?\"`",
        );
    }
    if first.contains(RAW_SIMPLE_KEY_EXPECTED) {
        if line.chars().count() > 1024 {
            return Diagnostic::new(
                pos,
                "invalid YAML: key is longer than 1024 characters, or is missing its `:`",
            );
        }
        return Diagnostic::new(pos, "invalid YAML: expected `:` after this key");
    }
    if first.contains(RAW_MAPPING_VALUES) {
        return Diagnostic::new(
            pos,
            "invalid YAML: unexpected `:` here; quote a value that contains `: `, or check the indentation",
        );
    }
    if first.contains(RAW_NO_EXPECTED_KEY) {
        return Diagnostic::new(
            pos,
            "invalid YAML: bad indentation: this line does not line up with the keys above it",
        );
    }
    if first.contains(RAW_NO_EXPECTED_DASH) {
        return Diagnostic::new(
            pos,
            "invalid YAML: bad indentation: this line does not line up with the list items above it",
        );
    }
    let first = first.strip_prefix("invalid YAML: ").unwrap_or(first);
    Diagnostic::new(pos, format!("invalid YAML: {first}"))
}

/// The `---` that starts the document containing `pos` (for "more than one document").
fn document_marker(text: &str, pos: Pos) -> Option<Pos> {
    let lines: Vec<&str> = split_lines(text).take(pos.line as usize).collect();
    let mut found = None;
    for (i, l) in lines.iter().enumerate().skip(1) {
        if l.starts_with("---") || l.starts_with("...") {
            found = Some(Pos::clamped(i + 1, 1));
        }
    }
    // Prefer a `---` after the first document's content (not a leading one).
    found
}

/// The name of the alias at `pos` (`*name`), if the text there is one.
fn alias_name(text: &str, pos: Pos) -> Option<String> {
    let line = line_text(text, pos.line)?;
    let rest: String = line
        .chars()
        .skip(pos.col.saturating_sub(1) as usize)
        .collect();
    let rest = rest.trim_start().strip_prefix('*')?;
    let name: String = rest
        .chars()
        .take_while(|c| !c.is_whitespace() && !",[]{}".contains(*c))
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The column (0-based, chars) of an unquoted `]?` on a line, e.g. `tags: [string]?`.
fn bracket_then_question(line: &str) -> Option<usize> {
    let chars: Vec<char> = line.chars().collect();
    let colon = chars.iter().position(|&c| c == ':')?;
    let value_start = chars
        .iter()
        .enumerate()
        .skip(colon + 1)
        .find(|(_, c)| !c.is_whitespace())
        .map(|(i, _)| i)?;
    let value = chars.get(value_start..)?;
    if value.first() != Some(&'[') {
        return None;
    }
    value
        .windows(2)
        .any(|pair| pair == [']', '?'])
        .then_some(value_start)
}

/// What a light scan of the text up to a position found: flow collections
/// still open, and the quoted scalar that was open or ended last.
#[derive(Default)]
struct DelimiterScan {
    open_flows: Vec<(Pos, char)>,
    /// Start of a quoted scalar still open at the position.
    open_quote: Option<Pos>,
    /// Start and end line of the last quoted scalar that closed before the position.
    last_quote: Option<(Pos, u32)>,
}

/// Scans `text` up to `pos`, tracking quotes, comments and flow brackets
/// (enough to point at the `{` or `"` a syntax error really comes from).
fn scan_to(text: &str, pos: Pos) -> DelimiterScan {
    let mut scan = DelimiterScan::default();
    let mut quote: Option<(char, Pos)> = None;
    for (li, line) in split_lines(text).enumerate() {
        let lnum = u32::try_from(li + 1).unwrap_or(u32::MAX);
        if lnum > pos.line {
            break;
        }
        let mut prev: Option<char> = None;
        let mut chars = line.chars().enumerate().peekable();
        while let Some((ci, c)) = chars.next() {
            let col = u32::try_from(ci + 1).unwrap_or(u32::MAX);
            if lnum == pos.line && col >= pos.col {
                break;
            }
            match quote {
                Some(('"', start)) => match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => {
                        quote = None;
                        scan.last_quote = Some((start, lnum));
                    }
                    _ => {}
                },
                Some((_, start)) => {
                    if c == '\'' {
                        if chars.peek().map(|&(_, n)| n) == Some('\'') {
                            chars.next();
                        } else {
                            quote = None;
                            scan.last_quote = Some((start, lnum));
                        }
                    }
                }
                None => match c {
                    '#' if prev.is_none_or(char::is_whitespace) => break,
                    '"' | '\''
                        if prev.is_none_or(|p| p.is_whitespace() || "[{,:-?".contains(p)) =>
                    {
                        quote = Some((c, Pos::new(lnum, col)));
                    }
                    '{' | '[' => scan.open_flows.push((Pos::new(lnum, col), c)),
                    '}' | ']' => {
                        scan.open_flows.pop();
                    }
                    _ => {}
                },
            }
            prev = Some(c);
        }
    }
    scan.open_quote = quote.map(|(_, p)| p);
    scan
}

/// The innermost `{` or `[` still open at `pos`, if it was opened on an
/// earlier line: the place a human points at for a missing `}` or `]`.
fn unclosed_flow(text: &str, pos: Pos) -> Option<(Pos, char)> {
    scan_to(text, pos)
        .open_flows
        .last()
        .copied()
        .filter(|(p, _)| p.line < pos.line)
}

/// The start of a quoted string that runs over more lines than it should
/// before the error at `pos`: the place of a missing closing quote.
fn runaway_quote(text: &str, pos: Pos) -> Option<Pos> {
    let scan = scan_to(text, pos);
    if let Some(open) = scan.open_quote.filter(|p| p.line < pos.line) {
        return Some(open);
    }
    scan.last_quote
        .filter(|(start, end)| *end == pos.line && start.line < pos.line)
        .map(|(start, _)| start)
}

#[cfg(test)]
mod tests {
    //! One test per piece of serde-saphyr text the rewording relies on: the
    //! YAML that makes serde-saphyr produce it, the raw text still holding the
    //! piece, and the reworded diagnostic.

    use super::*;
    use crate::limits::saphyr_options;

    /// serde-saphyr's error for `yaml` (read with the spec's options), its
    /// raw text and the diagnostic it becomes.
    fn read(yaml: &str) -> (String, Diagnostic) {
        let err =
            serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(yaml, saphyr_options())
                .expect_err("invalid YAML");
        (err.without_snippet().to_string(), yaml_error(yaml, &err))
    }

    /// Asserts serde-saphyr still says `piece` for `yaml`, and that the
    /// diagnostic is `want` at `at`.
    fn check(yaml: &str, piece: &str, at: (u32, u32), want: &str) {
        let (raw, d) = read(yaml);
        assert!(
            raw.contains(piece),
            "serde-saphyr's message for {yaml:?} changed: {raw:?} lacks {piece:?}"
        );
        assert_eq!(
            (d.pos, d.message.as_str()),
            (Pos::new(at.0, at.1), want),
            "raw: {raw:?}"
        );
    }

    #[test]
    fn location_suffix_is_cut() {
        let (raw, d) = read("key: value: other\n");
        let first = raw.lines().next().unwrap_or_default();
        assert!(first.contains(RAW_LOCATION_SUFFIX), "{raw:?}");
        let (raw, d2) = read("a: \"abc\n");
        assert!(raw.contains(RAW_LOCATION_SUFFIX), "{raw:?}");
        for d in [d, d2] {
            assert!(!d.message.contains(" at line "), "{}", d.message);
        }
    }

    #[test]
    fn quoted_scalar_with_trailing_content() {
        check(
            "a: \"x\nb: 1\nc: \"y\"\n",
            RAW_QUOTED_SCALAR,
            (1, 4),
            "invalid YAML: this quoted string is never closed (its closing quote is missing)",
        );
    }

    #[test]
    fn unclosed_quote() {
        // serde-saphyr 2.2 already points at the opening quote, so there is no
        // earlier line to point at and its own words are kept.
        check(
            "a: 'x\nb: 1\n",
            RAW_UNCLOSED_QUOTE,
            (1, 4),
            "invalid YAML: unclosed quote",
        );
    }

    #[test]
    fn recursion_limit() {
        let yaml = format!("a: {}1{}\n", "[".repeat(40), "]".repeat(40));
        check(
            &yaml,
            RAW_RECURSION_LIMIT,
            (1, 36),
            &format!("invalid YAML: nesting is deeper than {MAX_DEPTH} levels"),
        );
    }

    #[test]
    fn tab_in_indentation() {
        let want = "invalid YAML: tab character in indentation; indent with spaces";
        check("a:\n\tb: 1\n", RAW_TAB, (2, 1), want);
        // The parser stops on the line before the tab: the tab is pointed at.
        check("a:\n  b: 1\n\tc: 2\n", RAW_TAB, (3, 1), want);
    }

    #[test]
    fn key_without_colon() {
        check(
            "a: 1\nb\nc: 2\n",
            RAW_SIMPLE_KEY_EXPECTED,
            (2, 1),
            "invalid YAML: expected `:` after this key",
        );
        let long = format!("a: 1\n{}\n", "k".repeat(2000));
        let (raw, d) = read(&long);
        assert!(raw.contains(RAW_SIMPLE_KEY_EXPECTED), "{raw:?}");
        assert_eq!(
            d.message,
            "invalid YAML: key is longer than 1024 characters, or is missing its `:`"
        );
    }

    #[test]
    fn colon_in_a_plain_value() {
        check(
            "key: value: other\n",
            RAW_MAPPING_VALUES,
            (1, 11),
            "invalid YAML: unexpected `:` here; quote a value that contains `: `, or check the indentation",
        );
    }

    #[test]
    fn key_indented_differently() {
        check(
            "a:\n  b: 1\n c: 2\n",
            RAW_NO_EXPECTED_KEY,
            (3, 2),
            "invalid YAML: bad indentation: this line does not line up with the keys above it",
        );
    }

    #[test]
    fn list_item_indented_differently() {
        check(
            "- 1\n- 2\nc: 3\n",
            RAW_NO_EXPECTED_DASH,
            (3, 1),
            "invalid YAML: bad indentation: this line does not line up with the list items above it",
        );
    }

    #[test]
    fn unclosed_flow_is_found_by_position_not_text() {
        let (raw, d) = read("a: {b: 1,\n  c: 2\nd: 3\n");
        assert_eq!(
            (d.pos, d.message.as_str()),
            (
                Pos::new(1, 4),
                "invalid YAML: this `{` is never closed with `}`"
            ),
            "raw: {raw:?}"
        );
    }

    #[test]
    fn list_type_with_question_mark() {
        let (_, d) = read("a: [string]?\n");
        assert_eq!(
            (d.pos, d.message.as_str()),
            (
                Pos::new(1, 4),
                "invalid YAML: a list type with `?` must be quoted, e.g. `tags: \"[string]?\"`"
            )
        );
        assert_eq!(bracket_then_question("tags: [a, b]?"), Some(6));
        assert_eq!(bracket_then_question("tags: \"[a]?\""), None);
        assert_eq!(bracket_then_question("tags: [a]"), None);
        assert_eq!(bracket_then_question("no colon [a]?"), None);
    }
}
