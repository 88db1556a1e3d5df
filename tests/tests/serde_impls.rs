//! The generated `Serialize` / `Deserialize` impls (vook-codegen's `serde_impls`)
//! behave on JSON as the serde derives they replaced: the same values accepted and
//! refused, the same output, serde's own messages for missing and duplicate fields.
//! Each generated type of `tests/golden/tricky.yaml` (keyword fields, renamed fields,
//! recursion, maps, a mangled enum) is compared with a derived twin carrying the
//! attributes the generator used to emit, on generated JSON texts.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failure

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde::{Deserialize, Serialize};

#[allow(dead_code, unreachable_pub)]
#[vook_macros::vook_api(spec = "golden/tricky.yaml")]
mod tricky {}

#[derive(Debug, Serialize, Deserialize)]
enum ModeDerived {
    #[serde(rename = "read-only")]
    ReadOnly,
    #[serde(rename = "readWrite")]
    ReadWrite,
    #[serde(rename = "2fast")]
    V2fast,
    #[serde(rename = "ADMIN_ONLY")]
    AdminOnly,
    #[serde(rename = "élan")]
    Lan,
    #[serde(untagged)]
    Unknown(String),
}

#[derive(Debug, Serialize, Deserialize)]
struct NodeDerived {
    r#type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    r#match: Option<String>,
    #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
    self_: Option<bool>,
    #[serde(rename = "crate", default, skip_serializing_if = "Option::is_none")]
    crate_: Option<i64>,
    children: Vec<NodeDerived>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parent: Option<Box<NodeDerived>>,
    attrs: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WrapperDerived {
    mode: ModeDerived,
    node: NodeDerived,
    when: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scores: Option<BTreeMap<String, f64>>,
}

/// Decode `text` as both types: both fail, or both succeed and write the same JSON.
fn same<G, D>(text: &str) -> Result<(), TestCaseError>
where
    G: serde::de::DeserializeOwned + Serialize,
    D: serde::de::DeserializeOwned + Serialize,
{
    let generated = serde_json::from_str::<G>(text);
    let derived = serde_json::from_str::<D>(text);
    match (&generated, &derived) {
        (Ok(g), Ok(d)) => prop_assert_eq!(
            serde_json::to_value(g).unwrap(),
            serde_json::to_value(d).unwrap(),
            "{}",
            text
        ),
        (Err(g), Err(d)) => {
            // Field errors are worded by serde itself, so they read the same.
            let (g, d) = (g.to_string(), d.to_string());
            for kind in ["missing field", "duplicate field"] {
                if d.starts_with(kind) {
                    prop_assert_eq!(g, d, "{}", text);
                    break;
                }
            }
        }
        _ => prop_assert!(
            false,
            "{text}: generated {:?}, derived {:?}",
            generated.as_ref().err(),
            derived.as_ref().err()
        ),
    }
    Ok(())
}

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("3".to_owned()),
        Just("-1.5".to_owned()),
        Just(r#""read-only""#.to_owned()),
        Just(r#""élan""#.to_owned()),
        Just(r#""new-mode""#.to_owned()),
        Just(r#""x\u0041""#.to_owned()),
        Just("[]".to_owned()),
        Just(r#"["a","b"]"#.to_owned()),
        Just("{}".to_owned()),
        Just(r#"{"k":["v"]}"#.to_owned()),
        Just(r#"{"k":1.5}"#.to_owned()),
    ]
}

/// An object of some of `keys` (and a stray key), each value a scalar or `nested`,
/// keys possibly repeated.
fn object(
    keys: &'static [&'static str],
    nested: BoxedStrategy<String>,
) -> impl Strategy<Value = String> {
    let key = prop_oneof![
        8 => proptest::sample::select(keys),
        1 => Just("extra"),
        1 => Just("\\u0074ype"),
    ];
    let value = prop_oneof![3 => scalar(), 1 => nested];
    proptest::collection::vec((key, value), 0..9).prop_map(|pairs| {
        let body: Vec<String> = pairs.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
        format!("{{{}}}", body.join(","))
    })
}

const NODE_KEYS: &[&str] = &[
    "type", "match", "self", "crate", "children", "parent", "attrs",
];
const WRAPPER_KEYS: &[&str] = &["mode", "node", "when", "scores"];

fn node() -> BoxedStrategy<String> {
    let leaf = Just(r#"{"type":"t","children":[],"attrs":{}}"#.to_owned()).boxed();
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            object(NODE_KEYS, inner.clone()),
            inner.prop_map(|n| format!("[{n}]")),
        ]
        .boxed()
    })
    .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn nodes_decode_as_the_derive_did(text in object(NODE_KEYS, node())) {
        same::<tricky::Node, NodeDerived>(&text)?;
    }

    #[test]
    fn wrappers_decode_as_the_derive_did(text in object(WRAPPER_KEYS, node())) {
        same::<tricky::Wrapper, WrapperDerived>(&text)?;
    }

    #[test]
    fn enums_decode_as_the_derive_did(text in scalar()) {
        same::<tricky::Mode, ModeDerived>(&text)?;
    }
}

#[test]
fn a_whole_value_round_trips_and_reads_like_the_derive() {
    let text = r#"{"mode":"élan","when":"2026-12-02T00:00:00Z","scores":{"a":1.5},
        "node":{"type":"root","self":true,"crate":7,"attrs":{"k":["v"]},
                "children":[{"type":"leaf","children":[],"attrs":{},"match":"m"}],
                "parent":{"type":"up","children":[],"attrs":{}}}}"#;
    same::<tricky::Wrapper, WrapperDerived>(text).unwrap();
    let w: tricky::Wrapper = serde_json::from_str(text).unwrap();
    assert_eq!(w.mode, tricky::Mode::Lan);
    assert_eq!(w.node.self_, Some(true));
    assert_eq!(w.node.children[0].r#match.as_deref(), Some("m"));
    let back: tricky::Wrapper = serde_json::from_value(serde_json::to_value(&w).unwrap()).unwrap();
    assert_eq!(back, w);
    // Absent optional fields stay out of the output.
    let bare = serde_json::to_value(&w.node.children[0]).unwrap();
    assert_eq!(
        bare,
        serde_json::json!({"type": "leaf", "match": "m", "children": [], "attrs": {}})
    );
}

#[test]
fn a_query_writes_its_wire_names_and_leaves_out_what_is_unset() {
    let q = tricky::GetNodeQuery {
        mode: Some(tricky::Mode::Unknown("beta".into())),
        limit: 5,
        tags: None,
    };
    assert_eq!(
        serde_json::to_value(&q).unwrap(),
        serde_json::json!({"mode": "beta", "limit": 5})
    );
}
