//! Hostile input: each ends quickly in one clear, located error; never a
//! panic, a stack overflow or unbounded memory. Tests run on the default 2 MiB
//! test thread stack, so a recursion that the budgets did not bound would
//! overflow here.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::time::{Duration, Instant};

use vook_schema::node::MAX_ALIAS_REPLAY;
use vook_schema::{Diagnostics, load_bytes};

/// CPU time ([`Stopwatch`]); generous for an unoptimised build on a slow
/// machine; the point is "bounded", not a benchmark (release builds are ~10x
/// faster).
const QUICK: Duration = Duration::from_secs(30);

/// The CPU time this thread has used, where the OS tells (Linux).
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// Measures the work done on this thread: its CPU time where the OS tells,
/// so that other jobs on a shared machine do not count; wall time elsewhere.
struct Stopwatch {
    wall: Instant,
    cpu: Option<Duration>,
}

impl Stopwatch {
    fn start() -> Self {
        Stopwatch {
            wall: Instant::now(),
            cpu: thread_cpu_time(),
        }
    }

    fn elapsed(&self) -> Duration {
        match (self.cpu, thread_cpu_time()) {
            (Some(start), Some(now)) => now.saturating_sub(start),
            _ => self.wall.elapsed(),
        }
    }
}

/// Runs of each size in a linearity check; the fastest of them counts (the
/// run least disturbed by other work on a shared machine, which slows even
/// CPU time through caches).
const RUNS: usize = 3;

/// The most that 4x the input may multiply the time by: linear work grows
/// about 4x, quadratic work 16x.
const MAX_RATIO: f64 = 10.0;

/// Asserts that `load(4 * n)` takes less than [`MAX_RATIO`] times `load(n)`.
/// Sizes alternate, so a burst of load on the machine hits both alike.
fn assert_linear(name: &str, n: usize, load: impl Fn(usize)) {
    let mut small = Duration::MAX;
    let mut large = Duration::MAX;
    for _ in 0..RUNS {
        for (size, best) in [(n, &mut small), (4 * n, &mut large)] {
            let t = Stopwatch::start();
            load(size);
            *best = (*best).min(t.elapsed());
        }
    }
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
    eprintln!(
        "{name}: {n} in {small:?}, {} in {large:?} ({ratio:.1}x)",
        4 * n
    );
    assert!(
        ratio < MAX_RATIO,
        "{name}: {n} took {small:?}, {} took {large:?}: {ratio:.1}x for 4x the input (quadratic?)",
        4 * n
    );
}

fn reject(name: &str, bytes: &[u8]) -> (Diagnostics, Duration) {
    let t = Stopwatch::start();
    let result = load_bytes(name, bytes);
    let took = t.elapsed();
    let d = result
        .err()
        .unwrap_or_else(|| panic!("{name}: hostile input was accepted"));
    assert!(took < QUICK, "{name}: took {took:?}");
    (d, took)
}

/// Exactly one diagnostic whose message contains `needle`, within the file.
fn one_error(name: &str, bytes: &[u8], needle: &str) -> Diagnostics {
    let (d, _) = reject(name, bytes);
    let heads = d.headlines();
    assert_eq!(d.len(), 1, "{name}: expected one error, got {heads:#?}");
    assert!(
        heads[0].contains(needle),
        "{name}: {:?} lacks {needle:?}",
        heads[0]
    );
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    assert!(
        d.items()[0].pos.line <= lines,
        "{name}: position past the end: {:?}",
        d.items()[0].pos
    );
    d
}

/// How the alias budget's diagnostic starts (every YAML diagnostic starts
/// with "invalid YAML", so that alone would not say which limit was hit).
fn alias_budget() -> String {
    format!("invalid YAML: aliases expand to more than {MAX_ALIAS_REPLAY} nodes (an alias bomb?)")
}

#[test]
fn billion_laughs() {
    let mut y = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = 'a';
    for c in 'b'..='j' {
        let refs = vec![format!("*{prev}"); 9].join(",");
        y.push_str(&format!("{c}: &{c} [{refs}]\n"));
        prev = c;
    }
    one_error("laughs.yaml", y.as_bytes(), &alias_budget());
}

#[test]
fn one_big_anchor_aliased_many_times() {
    // Quadratic blow-up: a 20,000-item anchor used 5,000 times.
    let items = vec!["x"; 20_000].join(", ");
    let mut y = format!("vook: 1\nbig: &big [{items}]\nuses:\n");
    for _ in 0..5_000 {
        y.push_str("  - *big\n");
    }
    one_error("quadratic.yaml", y.as_bytes(), &alias_budget());
}

#[test]
fn deep_flow_nesting() {
    let depth = 200_000;
    let y = format!("vook: 1\napi: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let d = one_error("flow.yaml", y.as_bytes(), "nesting is deeper than");
    assert_eq!(d.items()[0].pos.line, 2);
}

#[test]
fn deep_flow_mappings() {
    let depth = 200_000;
    let y = format!(
        "vook: 1\napi: {}{}\n",
        "{a: ".repeat(depth),
        "}".repeat(depth)
    );
    one_error("flowmap.yaml", y.as_bytes(), "nesting is deeper than");
}

#[test]
fn deep_block_sequences() {
    let y = format!("{}x\n", "- ".repeat(200_000));
    one_error("block.yaml", y.as_bytes(), "nesting is deeper than");
}

#[test]
fn deep_block_mappings() {
    // Indentation grows with depth; 2,500 levels is already a 6 MB file.
    let mut y = String::new();
    for i in 0..2_500 {
        y.push_str(&" ".repeat(i));
        y.push_str("k:\n");
    }
    let d = one_error("indent.yaml", y.as_bytes(), "nesting is deeper than");
    assert!(d.items()[0].pos.line <= 40, "{:?}", d.items()[0].pos);
}

#[test]
fn not_utf8() {
    let d = one_error(
        "latin1.yaml",
        b"vook: 1\napi:\n  name: caf\xe9\n",
        "not valid UTF-8",
    );
    assert_eq!((d.items()[0].pos.line, d.items()[0].pos.col), (3, 12));
    one_error(
        "utf16.yaml",
        b"\xff\xfev\x00o\x00o\x00k\x00",
        "not valid UTF-8",
    );
    one_error("nul.yaml", b"vook: 1\x00\n", "invalid YAML");
}

#[test]
fn empty_inputs() {
    for (name, bytes) in [
        ("empty.yaml", &b""[..]),
        ("blank.yaml", b"\n\n   \n"),
        ("comments.yaml", b"# nothing\n  # here\n"),
        ("bom.yaml", b"\xef\xbb\xbf"),
    ] {
        one_error(name, bytes, "spec is empty");
    }
    one_error("dashes.yaml", b"---\n", "must be a mapping, found nothing");
}

#[test]
fn twenty_megabytes() {
    let mut y = b"vook: 1\ndescription: ".to_vec();
    y.resize(20 * 1024 * 1024, b'a');
    let (d, took) = reject("big.yaml", &y);
    assert_eq!(d.len(), 1);
    assert!(
        d.headlines()[0].contains("too large"),
        "{:?}",
        d.headlines()
    );
    assert!(
        took < Duration::from_secs(2),
        "size is checked first: {took:?}"
    );

    // From disk, the file is not even read whole.
    let dir = std::env::temp_dir().join(format!("vook-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("big.yaml");
    std::fs::write(&path, &y).expect("write");
    let d = vook_schema::load_file(&path, "big.yaml").expect_err("too large");
    assert!(
        d.headlines()[0].starts_with("big.yaml:1:1: error: spec file is too large"),
        "{:?}",
        d.headlines()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn huge_single_line_list() {
    let y = format!("vook: 1\napi: [{}]\n", vec!["1"; 1_000_000].join(","));
    let d = one_error("line.yaml", y.as_bytes(), "YAML nodes");
    assert_eq!(d.items()[0].pos.line, 2);
    // The snippet of a 2 MB line is cut to a readable width.
    assert!(d.render().lines().all(|l| l.chars().count() < 200));
}

#[test]
fn huge_scalar_is_fine_when_valid() {
    let y = format!(
        "vook: 1\napi:\n  name: big\n  base_url: https://x.test\n  description: {}\n",
        "word ".repeat(1_000_000)
    );
    let t = Stopwatch::start();
    let api = load_bytes("scalar.yaml", y.as_bytes()).expect("a long description is valid");
    assert!(t.elapsed() < QUICK);
    assert!(api.description.is_some_and(|d| d.len() > 4_000_000));
}

#[test]
fn very_long_keys() {
    let key = "k".repeat(100_000);
    one_error(
        "plain.yaml",
        format!("vook: 1\n{key}: 1\n").as_bytes(),
        "key is longer than 1024 characters",
    );
    one_error(
        "quoted.yaml",
        format!("vook: 1\n\"{key}\": 1\n").as_bytes(),
        "key is longer than 1024 characters",
    );
    // Long but within YAML's limit: an unknown key, named, with no costly suggestion.
    let key = "x".repeat(1000);
    let y = format!("vook: 1\napi: {{name: a, base_url: 'https://a.test'}}\n{key}: 1\n");
    one_error("long.yaml", y.as_bytes(), "unknown key");
}

/// `n` distinct error codes, all listed in one set with one unknown code.
fn many_codes(n: usize) -> String {
    let mut y = String::from("vook: 1\napi: {name: a, base_url: 'https://a.test'}\nerrors:\n");
    for i in 0..n {
        y.push_str(&format!("  e{i}: {{status: 400}}\n"));
    }
    y.push_str("error_sets:\n  all: [");
    y.push_str(
        &(0..n)
            .map(|i| format!("e{i}"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    y.push_str(", nope]\n");
    y
}

#[test]
fn many_keys_stay_linear() {
    // 40,000 distinct error codes, each referenced: no quadratic lookups.
    let d = load_bytes("many.yaml", many_codes(40_000).as_bytes()).expect_err("one unknown code");
    assert_eq!(d.len(), 1, "{:?}", d.headlines());
    assert!(
        d.headlines()[0].contains("lists `nope`"),
        "{:?}",
        d.headlines()
    );
    assert_linear("many codes", 5_000, |n| {
        let y = many_codes(n);
        assert!(load_bytes("many.yaml", y.as_bytes()).is_err());
    });
}

/// One error code written `n` times.
fn duplicate_codes(n: usize) -> String {
    let mut y = String::from("vook: 1\napi: {name: a, base_url: 'https://a.test'}\nerrors:\n");
    for _ in 0..n {
        y.push_str("  same: {status: 400}\n");
    }
    y
}

#[test]
fn many_duplicate_keys_are_each_reported() {
    let d = load_bytes("dups.yaml", duplicate_codes(20_000).as_bytes()).expect_err("duplicates");
    assert_eq!(d.len(), 19_999);
    assert!(d.render().len() > 19_999 * 40, "every duplicate rendered");
    assert_linear("duplicate codes, rendered", 5_000, |n| {
        let d = load_bytes("dups.yaml", duplicate_codes(n).as_bytes()).expect_err("duplicates");
        assert!(!d.render().is_empty());
    });
}

#[test]
fn nested_error_sets_expand_within_a_budget() {
    // Every set includes the previous one and a code: expansions grow
    // quadratically. They are bounded by MAX_EXPANDED_CODES, not by memory.
    let n = 3_000;
    let mut y = String::from("vook: 1\napi: {name: a, base_url: 'https://a.test'}\nerrors:\n");
    for i in 0..n {
        y.push_str(&format!("  c{i}: {{status: 400}}\n"));
    }
    y.push_str("error_sets:\n  s0: [c0]\n");
    for i in 1..n {
        y.push_str(&format!("  s{i}: [s{}, c{i}]\n", i - 1));
    }
    y.push_str("endpoints:\n");
    for i in 0..2_000 {
        y.push_str(&format!(
            "  e{i}: {{method: GET, path: /e{i}, errors: [s{}]}}\n",
            n - 1
        ));
    }
    let t = Stopwatch::start();
    let d = load_bytes("sets.yaml", y.as_bytes()).expect_err("too much expansion");
    assert!(t.elapsed() < QUICK, "took {:?}", t.elapsed());
    assert_eq!(d.len(), 1, "{:?}", &d.headlines()[..3.min(d.len())]);
    assert!(
        d.headlines()[0].contains("expand to more than"),
        "{:?}",
        d.headlines()
    );
}

/// `n` error sets, each including the next two (cyclically): exponentially
/// many paths over linearly many edges.
fn set_cycles(n: usize) -> String {
    let mut y = String::from(
        "vook: 1\napi: {name: a, base_url: 'https://a.test'}\nerrors: {c: {status: 400}}\nerror_sets:\n",
    );
    for i in 0..n {
        y.push_str(&format!(
            "  s{i}: [s{}, s{}, c]\n",
            (i + 1) % n,
            (i + 2) % n
        ));
    }
    y
}

#[test]
fn long_set_chains_and_cycles_are_linear() {
    let d = load_bytes("cycle.yaml", set_cycles(20_000).as_bytes()).expect_err("cycles");
    assert!(
        d.headlines().iter().all(|h| h.contains("cycle")),
        "{:?}",
        &d.headlines()[..3]
    );
    assert_linear("error set cycles", 5_000, |n| {
        assert!(load_bytes("cycle.yaml", set_cycles(n).as_bytes()).is_err());
    });
}

#[test]
fn a_thousand_endpoint_spec_is_quick() {
    let mut y = String::from("vook: 1\napi: {name: a, base_url: 'https://a.test'}\nerrors:\n");
    for i in 0..100 {
        y.push_str(&format!("  c{i}: {{status: {}}}\n", 400 + i));
    }
    y.push_str("error_sets:\n  all: [");
    y.push_str(
        &(0..100)
            .map(|i| format!("c{i}"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    y.push_str("]\ntypes:\n  T: {fields: {a: string, b: integer?}}\nendpoints:\n");
    for i in 0..1_000 {
        y.push_str(&format!("  e{i}:\n    method: POST\n    path: /e/{i}/{{id}}\n    path_params: {{id: string}}\n    body: T\n    response: T\n    errors: [all]\n"));
    }
    let t = Stopwatch::start();
    let api = load_bytes("thousand.yaml", y.as_bytes()).unwrap_or_else(|d| panic!("{d}"));
    assert!(t.elapsed() < QUICK);
    assert_eq!(api.endpoints.len(), 1_000);
    assert!(api.endpoints.iter().all(|e| e.errors.len() == 100));
}

#[test]
fn unknown_tags_and_anchors() {
    one_error("tag.yaml", b"vook: 1\napi: !custom {name: a}\n", "YAML tag");
    let d = one_error("anchor.yaml", b"vook: 1\napi: *nowhere\n", "`*nowhere`");
    assert_eq!((d.items()[0].pos.line, d.items()[0].pos.col), (2, 6));
}

#[test]
fn several_documents() {
    let d = one_error(
        "docs.yaml",
        b"vook: 1\n---\nvook: 1\n---\nvook: 1\n",
        "single YAML document",
    );
    assert_eq!(d.items()[0].pos.line, 2);
}
