//! Property tests of the spec loader, with the spec fuzz target's properties
//! (`fuzz/fuzz_targets/spec_loader.rs`): whatever bytes come in, the loader never
//! panics; a rejected spec has at least one diagnostic, positioned inside the file, and
//! every headline is `fuzz.yaml:LINE:COL: error: ...` with 1-based positions; an
//! accepted spec is resolved (every error code, body and response type an endpoint
//! names exists) and its OpenAPI document builds (in this crate, which has the
//! generator). Inputs are the bundled spec and the corpus, mutated by random edits
//! (bytes, YAML punctuation, lines deleted, duplicated, swapped, truncated), and
//! strings made of random YAML-ish tokens. Failures proptest finds are kept in
//! `spec_mutations.proptest-regressions`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;

/// The bundled spec and every corpus spec.
fn seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out =
            vec![std::fs::read(manifest.join("../schema/vook.yaml")).expect("schema/vook.yaml")];
        for dir in ["specs/valid", "specs/invalid"] {
            let Ok(entries) = std::fs::read_dir(manifest.join(dir)) else {
                continue;
            };
            let mut paths: Vec<_> = entries
                .map(|e| e.expect("entry").path())
                .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
                .collect();
            paths.sort();
            out.extend(paths.iter().map(|p| std::fs::read(p).expect("corpus file")));
        }
        out
    })
}

/// Tokens that matter to YAML and to the format.
const TOKENS: &[&str] = &[
    ":",
    ": ",
    "- ",
    "-",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "<<: *a",
    "!!str ",
    "!x ",
    "|",
    ">",
    "'",
    "\"",
    "#",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "  ",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "\u{feff}",
    "\u{0}",
    "é",
    "\u{2028}",
    "vook: 1\n",
    "api:\n",
    "errors:\n",
    "endpoints:\n",
    "types:\n",
    "error_sets:\n",
    "retry:\n",
    "status: 404",
    "method: GET",
    "path: /x/{id}",
    "path_params: {id: string}",
    "response: none",
    "fields:",
    "enum: []",
    "[string]?",
    "map<",
    "Item",
    "null",
    "~",
    "true",
    "yes",
    "0x1F",
    "1e999",
    ".nan",
    "-1",
    "18446744073709551616",
    "\\",
    "\\u",
    "@",
    "`",
    "%",
];

/// One random edit of a spec.
#[derive(Clone, Debug)]
enum Edit {
    DeleteBytes { at: usize, len: usize },
    InsertByte { at: usize, byte: u8 },
    InsertToken { at: usize, token: usize },
    DeleteLine { line: usize },
    DuplicateLine { line: usize },
    SwapLines { a: usize, b: usize },
    IndentLine { line: usize, by: usize },
    Truncate { at: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Edit::DeleteBytes { at, len }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Edit::InsertByte { at, byte }),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, token)| Edit::InsertToken { at, token }),
        any::<usize>().prop_map(|line| Edit::DeleteLine { line }),
        any::<usize>().prop_map(|line| Edit::DuplicateLine { line }),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapLines { a, b }),
        (any::<usize>(), 1usize..6).prop_map(|(line, by)| Edit::IndentLine { line, by }),
        any::<usize>().prop_map(|at| Edit::Truncate { at }),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let len = bytes.len();
        match *e {
            Edit::DeleteBytes { at, len: n } if len > 0 => {
                let at = at % len;
                bytes.drain(at..(at + n).min(len));
            }
            Edit::InsertByte { at, byte } => bytes.insert(at % (len + 1), byte),
            Edit::InsertToken { at, token } => {
                let at = at % (len + 1);
                bytes.splice(at..at, TOKENS[token].bytes());
            }
            Edit::Truncate { at } => bytes.truncate(at % (len + 1)),
            Edit::DeleteLine { line }
            | Edit::DuplicateLine { line }
            | Edit::IndentLine { line, .. } => {
                let mut lines: Vec<Vec<u8>> =
                    bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                let i = line % lines.len();
                match *e {
                    Edit::DeleteLine { .. } => {
                        lines.remove(i);
                    }
                    Edit::DuplicateLine { .. } => {
                        let copy = lines[i].clone();
                        lines.insert(i, copy);
                    }
                    Edit::IndentLine { by, .. } => lines[i]
                        .splice(0..0, std::iter::repeat_n(b' ', by))
                        .for_each(drop),
                    _ => {}
                }
                bytes = lines.join(&b'\n');
            }
            Edit::SwapLines { a, b } => {
                let mut lines: Vec<Vec<u8>> =
                    bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                let n = lines.len();
                lines.swap(a % n, b % n);
                bytes = lines.join(&b'\n');
            }
            _ => {}
        }
    }
    bytes
}

/// Lines as YAML counts them: `\n`, `\r\n` and a lone `\r` each end one.
fn yaml_lines(bytes: &[u8]) -> u32 {
    let mut n = 1u32;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => n += 1,
            b'\r' => {
                n += 1;
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    n
}

/// The property: `Ok`, or located diagnostics inside the file.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    match vook_schema::load_bytes("fuzz.yaml", bytes) {
        Ok(api) => {
            // A spec that loads is usable: names the generator relies on hold.
            prop_assert!(vook_schema::names::is_snake_case(&api.name));
            for e in &api.endpoints {
                prop_assert!(e.path.starts_with('/'));
                // Resolved: every code and type it names exists.
                for code in &e.errors {
                    prop_assert!(
                        api.error(code).is_some(),
                        "{}: unknown code {}",
                        e.name,
                        code
                    );
                }
                for name in e.body.iter().chain(&e.response).flat_map(|t| t.names()) {
                    prop_assert!(
                        api.type_def(name).is_some(),
                        "{}: unknown type {}",
                        e.name,
                        name
                    );
                }
            }
            // The OpenAPI document builds, and is an object with the endpoints' paths.
            let doc = vook_codegen::openapi::openapi(&api);
            for e in &api.endpoints {
                prop_assert!(
                    doc.pointer("/paths").and_then(|p| p.get(&e.path)).is_some(),
                    "{} missing from the OpenAPI paths",
                    e.path
                );
            }
        }
        Err(d) => {
            prop_assert!(!d.is_empty(), "an error without diagnostics");
            let lines = yaml_lines(bytes);
            for item in d.items() {
                prop_assert!(
                    item.pos.line >= 1 && item.pos.line <= lines + 1,
                    "{:?} outside {} lines: {}",
                    item.pos,
                    lines,
                    item.message
                );
                prop_assert!(item.pos.col >= 1);
                prop_assert!(
                    !item.message.is_empty() && !item.message.contains('\n'),
                    "one-line message: {:?}",
                    item.message
                );
            }
            let rendered = d.render();
            let headlines = d.headlines();
            prop_assert!(!headlines.is_empty(), "a rejected spec says why");
            for h in headlines {
                prop_assert!(rendered.contains(&h));
                // rustc style: `fuzz.yaml:LINE:COL: error: ...`, 1-based.
                let rest = h.strip_prefix("fuzz.yaml:");
                prop_assert!(rest.is_some(), "headline without the path: {}", h);
                let mut parts = rest.unwrap_or_default().splitn(3, ':');
                let line = parts.next().and_then(|l| l.parse::<usize>().ok());
                let col = parts.next().and_then(|c| c.parse::<usize>().ok());
                prop_assert!(line.is_some_and(|l| l >= 1), "no 1-based line: {}", h);
                prop_assert!(col.is_some_and(|c| c >= 1), "no 1-based column: {}", h);
                prop_assert!(
                    parts.next().is_some_and(|m| m.starts_with(" error: ")),
                    "rustc-style: {}",
                    h
                );
            }
        }
    }
    Ok(())
}

proptest! {
    // `PROPTEST_CASES=100000` for a long hunt; 512 cases per property by default.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_specs_never_panic(seed in any::<usize>(), edits in prop::collection::vec(edit(), 1..10)) {
        let seeds = seeds();
        let bytes = apply(seeds[seed % seeds.len()].clone(), &edits);
        check(&bytes)?;
    }

    #[test]
    fn yamlish_strings_never_panic(tokens in prop::collection::vec(0..TOKENS.len(), 0..80)) {
        let text: String = tokens.iter().map(|&t| TOKENS[t]).collect();
        check(text.as_bytes())?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check(&bytes)?;
    }
}

#[test]
fn seeds_include_the_corpus() {
    assert!(
        seeds().len() >= 40,
        "the bundled spec and the corpus: {}",
        seeds().len()
    );
    // The unmutated seeds satisfy the property too.
    for s in seeds() {
        check(s).expect("seed");
    }
}
