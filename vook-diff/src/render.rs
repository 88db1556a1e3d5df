//! The report as text (one line per change and a summary) and as JSON.

use std::fmt::Write;

use crate::{Class, Report};

const CLASSES: [Class; 4] = [
    Class::Breaking,
    Class::Behavior,
    Class::Additive,
    Class::Docs,
];

/// `CLASS[CODE] ITEM: MESSAGE (OLD:L:C -> NEW:L:C)` per change, then the summary line.
pub(crate) fn text(report: &Report) -> String {
    let mut out = String::new();
    for c in &report.changes {
        let code = c.rustc.map(|r| format!("[{r}]")).unwrap_or_default();
        let _ = writeln!(
            out,
            "{}{code} {}: {} ({} -> {})",
            c.class.as_str(),
            c.item,
            c.message,
            c.old,
            c.new
        );
    }
    let _ = writeln!(out, "{}", summary(report));
    out
}

/// `diff: N changes: B breaking, ...` or `diff: no changes`.
pub(crate) fn summary(report: &Report) -> String {
    if report.changes.is_empty() {
        return "diff: no changes".to_owned();
    }
    let counts: Vec<String> = CLASSES
        .iter()
        .map(|k| format!("{} {}", report.count(*k), k.as_str()))
        .collect();
    let n = report.changes.len();
    let verdict = if report.is_breaking() {
        "code written against the old client may not compile"
    } else {
        "code written against the old client still compiles"
    };
    format!(
        "diff: {n} change{}: {}; {verdict}",
        if n == 1 { "" } else { "s" },
        counts.join(", ")
    )
}

/// `{"changes": [...], "summary": {...}}`, pretty, with a trailing newline.
pub(crate) fn json(report: &Report) -> String {
    let mut counts = serde_json::Map::new();
    for k in CLASSES {
        counts.insert(k.as_str().to_owned(), report.count(k).into());
    }
    let value = serde_json::json!({
        "changes": report.changes,
        "summary": {
            "changes": report.changes.len(),
            "counts": counts,
            "breaking": report.is_breaking(),
            "text": summary(report),
        },
    });
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}
