//! Mutated OpenAPI documents: valid seeds (the fuzz corpus's small documents and
//! two real ones, Discord 3.1 and Radarr) with random edits (keys deleted,
//! values replaced, subtrees duplicated, `$ref`s retargeted, keys renamed, types
//! changed). Properties: `import_str` never panics, and an `Ok` validates.

// Test helpers outside `#[test]` functions fail loudly too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::io::Read as _;
use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::{Map, Value, json};
use vook_import::{Options, import_str};

const SMALL_SEEDS: [&str; 4] = [
    include_str!("../../fuzz/corpus/openapi_import/seed-pets.json"),
    include_str!("../../fuzz/corpus/openapi_import/seed-store.yaml"),
    include_str!("../../fuzz/corpus/openapi_import/seed-minimal.json"),
    include_str!("../../fuzz/corpus/openapi_import/seed-errors.yaml"),
];

/// A seed as JSON (YAML seeds read with serde_saphyr).
fn seed_value(text: &str) -> Value {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).unwrap()
    } else {
        serde_saphyr::from_str(text).unwrap()
    }
}

fn small_seeds() -> &'static [Value] {
    static SEEDS: OnceLock<Vec<Value>> = OnceLock::new();
    SEEDS.get_or_init(|| SMALL_SEEDS.iter().map(|t| seed_value(t)).collect())
}

fn gunzip(name: &str) -> Value {
    let path = format!(
        "{}/../tests/openapi/real/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let file = std::fs::File::open(&path).unwrap();
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn real_seeds() -> &'static [Value] {
    static SEEDS: OnceLock<Vec<Value>> = OnceLock::new();
    SEEDS.get_or_init(|| vec![gunzip("discord.json.gz"), gunzip("radarr.json.gz")])
}

#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    Index(usize),
}

/// Every place in `v` (the root is the empty path), depth-first, at most `cap`.
fn places(v: &Value, cap: usize) -> Vec<Vec<Seg>> {
    let mut out = Vec::new();
    let mut stack: Vec<(Vec<Seg>, &Value)> = vec![(Vec::new(), v)];
    while let Some((path, node)) = stack.pop() {
        if out.len() >= cap {
            break;
        }
        match node {
            Value::Object(m) => {
                for (k, child) in m {
                    let mut p = path.clone();
                    p.push(Seg::Key(k.clone()));
                    stack.push((p, child));
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    let mut p = path.clone();
                    p.push(Seg::Index(i));
                    stack.push((p, child));
                }
            }
            _ => {}
        }
        out.push(path);
    }
    out
}

fn at_mut<'v>(v: &'v mut Value, path: &[Seg]) -> Option<&'v mut Value> {
    let mut node = v;
    for seg in path {
        node = match (seg, node) {
            (Seg::Key(k), Value::Object(m)) => m.get_mut(k)?,
            (Seg::Index(i), Value::Array(a)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

fn at<'v>(v: &'v Value, path: &[Seg]) -> Option<&'v Value> {
    let mut node = v;
    for seg in path {
        node = match (seg, node) {
            (Seg::Key(k), Value::Object(m)) => m.get(k)?,
            (Seg::Index(i), Value::Array(a)) => a.get(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

fn pointer(path: &[Seg]) -> String {
    let mut s = String::from("#");
    for seg in path {
        s.push('/');
        match seg {
            Seg::Key(k) => s.push_str(&k.replace('~', "~0").replace('/', "~1")),
            Seg::Index(i) => s.push_str(&i.to_string()),
        }
    }
    s
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize),
    Replace(usize, Value),
    Duplicate(usize, usize),
    Retarget(usize, usize, Option<String>),
    Rename(usize, String),
    ChangeType(usize, u8),
}

/// Names that normalise badly, collide, or are reserved.
fn odd_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" ".to_owned()),
        Just("$ref".to_owned()),
        Just("Self".to_owned()),
        Just("self".to_owned()),
        Just("type".to_owned()),
        Just("+1".to_owned()),
        Just("-1".to_owned()),
        Just("unknown".to_owned()),
        Just("Unknown".to_owned()),
        Just("fooBar".to_owned()),
        Just("foo_bar".to_owned()),
        Just("Client".to_owned()),
        Just("{id}".to_owned()),
        Just("/a/{id".to_owned()),
        Just("a b?c#d".to_owned()),
        Just("get".to_owned()),
        Just("items".to_owned()),
        Just("allOf".to_owned()),
        Just("properties".to_owned()),
        "[a-zA-Z_$/{}~ -]{0,8}",
        any::<String>(),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        odd_name().prop_map(Value::String),
        Just(json!("#/components/schemas")),
        Just(json!({"$ref": "#/components/schemas/Pet"})),
        Just(json!({"type": "object", "properties": {"a": {"type": "string"}}})),
        Just(json!({"type": ["string", "null"], "enum": ["a", "+1", "-1", "", null]})),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((odd_name(), inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), json_value()).prop_map(|(a, v)| Mutation::Replace(a, v)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Duplicate(a, b)),
        (
            any::<usize>(),
            any::<usize>(),
            prop::option::of(prop_oneof![
                Just("#".to_owned()),
                Just("#/".to_owned()),
                Just("#/nowhere".to_owned()),
                Just("other.yaml#/a".to_owned()),
                "#/[a-z/~%0-9]{0,12}",
            ])
        )
            .prop_map(|(a, b, s)| Mutation::Retarget(a, b, s)),
        (any::<usize>(), odd_name()).prop_map(|(a, n)| Mutation::Rename(a, n)),
        (any::<usize>(), any::<u8>()).prop_map(|(a, t)| Mutation::ChangeType(a, t)),
    ]
}

/// Applies `m` to `doc` (places chosen modulo the number there are).
fn apply(doc: &mut Value, m: &Mutation) {
    let all = places(doc, 200_000);
    let pick = |i: usize| all.get(i % all.len().max(1)).cloned().unwrap_or_default();
    match m {
        Mutation::Delete(a) => {
            let p = pick(*a);
            if let Some((last, parent)) = p.split_last() {
                match (last, at_mut(doc, parent)) {
                    (Seg::Key(k), Some(Value::Object(m))) => {
                        m.remove(k);
                    }
                    (Seg::Index(i), Some(Value::Array(a))) if *i < a.len() => {
                        a.remove(*i);
                    }
                    _ => {}
                }
            }
        }
        Mutation::Replace(a, v) => {
            if let Some(n) = at_mut(doc, &pick(*a)) {
                *n = v.clone();
            }
        }
        Mutation::Duplicate(a, b) => {
            let from = at(doc, &pick(*a)).cloned();
            let to = pick(*b);
            if let (Some(from), Some(n)) = (from, at_mut(doc, &to)) {
                match n {
                    Value::Object(m) => {
                        m.insert(format!("copy{}", m.len()), from);
                    }
                    Value::Array(items) => items.push(from),
                    other => *other = from,
                }
            }
        }
        Mutation::Retarget(a, b, s) => {
            let refs: Vec<&Vec<Seg>> = all
                .iter()
                .filter(|p| at(doc, p).is_some_and(|n| n.get("$ref").is_some()))
                .collect();
            let target = s.clone().unwrap_or_else(|| pointer(&pick(*b)));
            if let Some(p) = refs.get(*a % refs.len().max(1)).map(|p| (*p).clone())
                && let Some(Value::Object(m)) = at_mut(doc, &p)
            {
                m.insert("$ref".into(), Value::String(target));
            }
        }
        Mutation::Rename(a, name) => {
            let p = pick(*a);
            if let Some((Seg::Key(k), parent)) = p.split_last()
                && let Some(Value::Object(m)) = at_mut(doc, parent)
                && let Some(v) = m.remove(k)
            {
                m.insert(name.clone(), v);
            }
        }
        Mutation::ChangeType(a, t) => {
            if let Some(n) = at_mut(doc, &pick(*a)) {
                let old = n.take();
                *n = match t % 6 {
                    0 => Value::String(old.to_string()),
                    1 => Value::Array(vec![old]),
                    2 => json!({ "x": old }),
                    3 => json!(7),
                    4 => Value::Null,
                    _ => match old {
                        Value::Object(m) => Value::Array(m.into_iter().map(|(_, v)| v).collect()),
                        Value::Array(a) => Value::Object(
                            a.into_iter()
                                .enumerate()
                                .map(|(i, v)| (i.to_string(), v))
                                .collect(),
                        ),
                        other => other,
                    },
                };
            }
        }
    }
}

fn check(doc: &Value, pretty: bool) -> Result<(), TestCaseError> {
    let text = if pretty {
        serde_json::to_string_pretty(doc).unwrap()
    } else {
        doc.to_string()
    };
    if let Ok(import) = import_str(&text, &Options::default())
        && let Err(diags) = import.validate("mutated.yaml")
    {
        return Err(TestCaseError::fail(format!(
            "the imported spec does not validate:\n{diags}\n--- spec ---\n{}",
            import.spec
        )));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn mutated_small_documents_import_or_refuse_cleanly(
        seed in 0..SMALL_SEEDS.len(),
        mutations in prop::collection::vec(mutation(), 1..6),
        pretty in any::<bool>(),
    ) {
        let mut doc = small_seeds().get(seed).cloned().unwrap();
        for m in &mutations {
            apply(&mut doc, m);
        }
        check(&doc, pretty)?;
    }
}

proptest! {
    // Each case imports a whole real document (Discord: 200 operations) in a
    // debug build: few cases.
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn mutated_real_documents_import_or_refuse_cleanly(
        seed in 0..2_usize,
        mutations in prop::collection::vec(mutation(), 1..12),
    ) {
        let mut doc = real_seeds().get(seed).cloned().unwrap();
        for m in &mutations {
            apply(&mut doc, m);
        }
        check(&doc, false)?;
    }
}
