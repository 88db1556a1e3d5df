//! "Did you mean": the closest known name to a misspelt one, by edit
//! distance ([`strsim::levenshtein`], ignoring case).

/// Words longer than this get no suggestion, so the cost stays bounded on
/// hostile input (a 1,000-character unknown key).
const MAX_WORD_CHARS: usize = 64;

/// The closest candidate, if it is close enough to be a likely typo: at most
/// two edits (a quarter of the candidate's length for long names) and fewer
/// edits than the candidate has characters. The first of equally close
/// candidates wins.
pub(crate) fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if word.chars().count() > MAX_WORD_CHARS {
        return None;
    }
    let word = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(&word, &c.to_lowercase()), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4) && *d < c.len().max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_only() {
        let names = ["get_item", "list_items", "Item"];
        assert_eq!(suggest("get_itme", &names), Some("get_item"));
        assert_eq!(suggest("ITEM", &names), Some("Item"));
        assert_eq!(suggest("list_item", &names), Some("list_items"));
        assert_eq!(suggest("delete_user", &names), None);
        // As many edits as the name has letters is not a suggestion.
        assert_eq!(suggest("ab", &["xy"]), None);
        assert_eq!(suggest(&"x".repeat(65), &["x"]), None);
    }

    #[test]
    fn ties_go_to_the_first_candidate() {
        assert_eq!(suggest("cat", &["bat", "hat"]), Some("bat"));
    }

    #[test]
    fn suggestions() {
        let names = ["not_found", "conflict", "rate_limited"];
        assert_eq!(suggest("not_fonud", &names), Some("not_found"));
        assert_eq!(suggest("NOT_FOUND", &names), Some("not_found"));
        assert_eq!(suggest("rate_limit", &names), Some("rate_limited"));
        assert_eq!(suggest("teapot", &names), None);
        assert_eq!(suggest(&"x".repeat(65), &names), None);
    }
}
