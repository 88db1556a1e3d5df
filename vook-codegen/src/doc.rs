//! Rustdoc attributes from spec text. Spec text is data: it goes into
//! `#[doc = "..."]` string literals (so quotes, `*/` and non-ASCII are inert),
//! with the characters rustdoc would read as links or HTML escaped, and no line
//! able to open a code block (rustdoc would run it as a doctest of the user's crate).

use proc_macro2::TokenStream;
use quote::quote;

/// The most leading columns a line keeps: four would make an indented code block.
const MAX_INDENT: usize = 3;

/// Escapes `[`, `]`, `<` and `>` so spec text cannot form intra-doc links or HTML,
/// and keeps every line from opening a code block: a leading run of backticks or
/// tildes (a fence) is backslash-escaped, and indentation of four columns or more
/// (an indented code block) is cut to three spaces.
pub(crate) fn inert(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start();
        let indent = line.strip_suffix(body).unwrap_or_default();
        push_indent(&mut out, indent);
        // A fence is three or more of the same backtick or tilde.
        let fence = body.chars().next().filter(|&c| {
            matches!(c, '`' | '~') && body.chars().take_while(|&b| b == c).count() >= 3
        });
        let rest = match fence {
            Some(c) => {
                let rest = body.trim_start_matches(c);
                for _ in body.chars().take_while(|&b| b == c) {
                    out.push('\\');
                    out.push(c);
                }
                rest
            }
            None => body,
        };
        push_escaped(&mut out, rest);
    }
    out
}

/// Leading whitespace as written (without `\r`), or three spaces when it spans
/// four columns or more (a tab counts four, as in CommonMark).
fn push_indent(out: &mut String, indent: &str) {
    let indent: String = indent.chars().filter(|&c| c != '\r').collect();
    let columns: usize = indent.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum();
    if columns > MAX_INDENT {
        out.extend(std::iter::repeat_n(' ', MAX_INDENT));
    } else {
        out.push_str(&indent);
    }
}

/// `text` with link and HTML characters escaped and `\r` dropped.
fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => {}
            c => out.push(c),
        }
    }
}

/// `#[doc = " line"]` for each line of `text` (already escaped where needed).
pub(crate) fn lines(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| format!(" {l}"));
    quote! { #(#[doc = #lines])* }
}

/// Doc lines from spec text, escaped.
pub(crate) fn spec_text(text: &str) -> TokenStream {
    lines(&inert(text))
}

#[cfg(test)]
mod tests {
    use super::inert;

    /// True when some line of `doc` could open a code block in rustdoc.
    fn opens_code_block(doc: &str) -> bool {
        doc.lines().any(|l| {
            let body = l.trim_start();
            body.starts_with("```") || body.starts_with("~~~") || l.starts_with("    ")
        })
    }

    #[test]
    fn link_and_html_characters_are_escaped() {
        assert_eq!(inert("[a](b) <b>\r"), "\\[a\\](b) &lt;b&gt;");
    }

    #[test]
    fn a_line_starting_with_a_fence_is_escaped() {
        let text = "Example:\n```\nassert!(false);\n```\n  ~~~~rust\npanic!();\n~~~~";
        let out = inert(text);
        assert_eq!(
            out,
            "Example:\n\\`\\`\\`\nassert!(false);\n\\`\\`\\`\n  \\~\\~\\~\\~rust\npanic!();\n\\~\\~\\~\\~"
        );
        assert!(opens_code_block(text));
        assert!(!opens_code_block(&out));
    }

    #[test]
    fn a_fence_in_the_middle_of_a_line_stays() {
        assert_eq!(inert("It's gone ``` here"), "It's gone ``` here");
    }

    #[test]
    fn code_spans_and_short_runs_at_a_line_start_stay() {
        assert_eq!(
            inert("`code`: x\n``a``\n~~strike~~"),
            "`code`: x\n``a``\n~~strike~~"
        );
    }

    #[test]
    fn indentation_of_four_columns_or_more_is_cut_to_three() {
        let text = "Text:\n\n    let x = 1;\n\tlet y = 2;\n   - nested\r\n \r";
        let out = inert(text);
        assert_eq!(out, "Text:\n\n   let x = 1;\n   let y = 2;\n   - nested\n ");
        assert!(!opens_code_block(&out));
    }
}
