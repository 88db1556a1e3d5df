//! Names: every OpenAPI name normalised to the spec's naming rules, and
//! allocators that suffix collisions deterministically (first come, first
//! served, in document order).

use std::collections::{HashMap, HashSet};

use heck::{ToSnakeCase, ToUpperCamelCase};
use vook_schema::names::{is_snake_case, is_upper_camel_case, upper_camel};

/// Words kept for the signs that start some wire names (`+1`, `-1`).
fn sign_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    for (i, c) in name.chars().enumerate() {
        match c {
            '+' if i == 0 => out.push_str("plus "),
            '-' if i == 0 => out.push_str("minus "),
            // Twilio's `DateCreated<` / `DateCreated>`.
            '<' => out.push_str(" before "),
            '>' => out.push_str(" after "),
            c => out.push(c),
        }
    }
    out
}

/// The ASCII letters and digits of `name`, everything else a word break.
fn ascii_words(name: &str) -> String {
    sign_words(name)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// `name` as a snake_case spec name (`operationId`s, fields, parameters,
/// codes): ASCII words only, a leading digit prefixed with `n`, never empty
/// (`fallback` when nothing is left).
///
/// ```
/// use vook_import::names::snake;
/// assert_eq!(snake("repos/get-content", "op"), "repos_get_content");
/// assert_eq!(snake("+1", "field"), "plus_1");
/// assert_eq!(snake("2fa", "field"), "n2fa");
/// assert_eq!(snake("über", "field"), "ber");
/// assert_eq!(snake("$$", "field"), "field");
/// ```
pub fn snake(name: &str, fallback: &str) -> String {
    let mut s = ascii_words(name).to_snake_case();
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'n');
    }
    if is_snake_case(&s) {
        s
    } else {
        fallback.to_owned()
    }
}

/// `name` as an UpperCamelCase type name; a leading digit gets `T`.
///
/// ```
/// use vook_import::names::camel;
/// assert_eq!(camel("full-repository", "Type"), "FullRepository");
/// assert_eq!(camel("2fa", "Type"), "T2fa");
/// assert_eq!(camel("Self", "Type"), "SelfType");
/// ```
pub fn camel(name: &str, fallback: &str) -> String {
    let mut s = ascii_words(name).to_upper_camel_case();
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'T');
    }
    if s == "Self" {
        s.push_str("Type");
    }
    if is_upper_camel_case(&s) {
        s
    } else {
        fallback.to_owned()
    }
}

/// Hands out unique snake_case names: a name whose UpperCamelCase form (the
/// Rust name of a code or an operation) is taken gets `_2`, `_3`, ...
#[derive(Default)]
pub struct SnakeNames {
    taken: HashSet<String>,
    taken_camel: HashSet<String>,
    /// The next suffix to try per wanted name (names are never given back, so
    /// the search resumes there: linear, not quadratic, in the collisions).
    next: HashMap<String, usize>,
}

impl SnakeNames {
    /// Marks `names` as unavailable.
    pub fn reserve<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        for n in names {
            self.taken.insert(n.to_owned());
            self.taken_camel.insert(upper_camel(n));
        }
    }

    /// `want`, or the first free `want_N` (N from 2).
    pub fn take(&mut self, want: &str) -> String {
        let mut n = self.next.get(want).copied().unwrap_or(2);
        let mut candidate = if n > 2 {
            format!("{want}_{n}")
        } else {
            want.to_owned()
        };
        while self.taken.contains(&candidate) || self.taken_camel.contains(&upper_camel(&candidate))
        {
            candidate = format!("{want}_{n}");
            n += 1;
        }
        self.next.insert(want.to_owned(), n);
        self.taken.insert(candidate.clone());
        self.taken_camel.insert(upper_camel(&candidate));
        candidate
    }

    /// Whether `name` (or a name with its Rust form) is taken.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name) || self.taken_camel.contains(&upper_camel(name))
    }
}

/// Hands out unique UpperCamelCase names: `Want`, `Want2`, `Want3`, ...
#[derive(Default)]
pub struct CamelNames {
    taken: HashSet<String>,
    /// The next suffix to try per wanted name (as in [`SnakeNames`]).
    next: HashMap<String, usize>,
}

impl CamelNames {
    /// Marks `name` as unavailable.
    pub fn reserve(&mut self, name: impl Into<String>) {
        self.taken.insert(name.into());
    }

    /// `want`, or the first free `wantN` (N from 2).
    pub fn take(&mut self, want: &str) -> String {
        let mut n = self.next.get(want).copied().unwrap_or(2);
        let mut candidate = if n > 2 {
            format!("{want}{n}")
        } else {
            want.to_owned()
        };
        while self.taken.contains(&candidate) {
            candidate = format!("{want}{n}");
            n += 1;
        }
        self.next.insert(want.to_owned(), n);
        self.taken.insert(candidate.clone());
        candidate
    }
}

/// The upper-snake environment variable of an API name (`github` -> `GITHUB_TOKEN`).
pub fn env_var(api_name: &str, suffix: &str) -> String {
    format!("{}_{suffix}", api_name.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_names_suffix_rust_collisions() {
        let mut n = SnakeNames::default();
        n.reserve(["builder"]);
        assert_eq!(n.take("builder"), "builder_2");
        assert_eq!(n.take("get_item2"), "get_item2");
        // `get_item_2` is `GetItem2` too.
        assert_eq!(n.take("get_item_2"), "get_item_2_2");
    }

    #[test]
    fn odd_names_become_valid() {
        for raw in [
            "DateCreated<",
            "DateCreated>",
            "enterprise-team",
            "x.y",
            "a[]",
            "_private",
            "ÅÄÖ",
            "",
            "1",
            "self",
            "type",
        ] {
            let s = snake(raw, "field");
            assert!(is_snake_case(&s), "{raw} -> {s}");
            let c = camel(raw, "Type");
            assert!(is_upper_camel_case(&c), "{raw} -> {c}");
        }
        assert_ne!(snake("DateCreated<", "f"), snake("DateCreated>", "f"));
    }
}
