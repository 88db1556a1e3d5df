//! `docs/spec.md` stays in step with the format: every key the parser accepts
//! is documented, the complete example loads, and the example diagnostics
//! quoted from the corpus are what the corpus produces.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failure

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .to_path_buf()
}

fn docs() -> String {
    std::fs::read_to_string(root().join("docs/spec.md")).expect("docs/spec.md")
}

#[test]
fn every_key_is_documented_in_a_table_row() {
    let docs = docs();
    let mut missing = Vec::new();
    for (section, keys) in vook_schema::parse::keys::SECTIONS {
        for key in *keys {
            if !docs.contains(&format!("\n| `{key}` |")) {
                missing.push(format!(
                    "{key} ({})",
                    if section.is_empty() {
                        "top level"
                    } else {
                        section
                    }
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys without a row in docs/spec.md: {missing:?}"
    );
}

#[test]
fn the_complete_example_loads() {
    let docs = docs();
    let start = docs.find("## A complete example").expect("section");
    let block = &docs[start..];
    let yaml_start = block.find("```yaml\n").expect("yaml block") + "```yaml\n".len();
    let yaml_end = block[yaml_start..].find("```").expect("end of block") + yaml_start;
    let api = vook_schema::load_str("docs/spec.md", &block[yaml_start..yaml_end])
        .unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(api.endpoints.len(), 2);
    assert_eq!(
        api.error("rate_limited").map(|e| e.retry),
        Some(vook_schema::model::RetryClass::Throttle)
    );
}

#[test]
fn quoted_corpus_diagnostics_match_the_golden_files() {
    let docs = docs();
    let mut checked = 0;
    let mut wrong = Vec::new();
    for row in docs.lines() {
        let (Some(a), Some(b)) = (row.find("`` "), row.rfind(" ``")) else {
            continue;
        };
        if b <= a {
            continue;
        }
        let line = row[a + 3..b].replace("\\|", "|");
        let Some((file, _)) = line.split_once(':') else {
            continue;
        };
        let golden = root()
            .join("tests/specs/invalid")
            .join(file)
            .with_extension("stderr");
        let Ok(golden) = std::fs::read_to_string(&golden) else {
            continue;
        };
        checked += 1;
        if !golden
            .lines()
            .any(|l| l == format!("tests/specs/invalid/{line}"))
        {
            wrong.push(line);
        }
    }
    assert!(checked >= 60, "only {checked} quoted diagnostics found");
    assert!(
        wrong.is_empty(),
        "docs/spec.md quotes diagnostics the corpus does not produce:\n{}",
        wrong.join("\n")
    );
}
