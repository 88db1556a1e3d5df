//! Generator benchmarks: the whole `cargo xtask regen` pipeline (load, validate,
//! generate, format with prettyplease) on synthetic specs of 10, 100 and 1,000
//! endpoints with 100 error codes, and the single stages at 1,000 endpoints.
//!
//! Before measuring, the bench prints the size of the generated code for each spec
//! (lines of `render_file` per endpoint, with and without the spec's own type
//! definitions); those numbers are exact and deterministic.
//!
//! Run: `cargo bench -p vook-codegen --bench regen -- --warm-up-time 1 --measurement-time 3`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // test code: a panic is a failure

use std::collections::HashSet;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput};

/// Error codes of every synthetic spec.
const CODES: usize = 100;
/// Endpoint counts of the scaling curve.
const SIZES: [usize; 3] = [10, 100, 1_000];
/// The size the single stages are measured at.
const STAGE_SIZE: usize = 1_000;
/// Name shown in diagnostics and in the generated header.
const SPEC_NAME: &str = "synth.yaml";

/// The whole regen of one spec text: what `cargo xtask regen --spec` does minus file I/O.
fn regen(yaml: &str) -> String {
    let api = vook_schema::load_str(SPEC_NAME, yaml).expect("the synthetic spec is valid");
    vook_codegen::render_file(&api, SPEC_NAME)
}

/// What a top-level item of the generated file is, for the size breakdown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A struct or enum from the spec's `types:`, or an impl of one.
    SpecType,
    /// An `<Op>Error` enum written out (older generators; now inside `op_error!`).
    OpError,
    /// An `op_error!` invocation (defines the `<Op>Error` enum and its impls).
    OpErrorMacro,
    /// An `<Op>Query` struct.
    Query,
    /// The `impl Client` block with one method per endpoint.
    ClientImpl,
    /// The `mod __vook` of endpoint descriptors.
    Descriptors,
    /// Everything once per file: `API_SPEC`, `ErrorCode`, `ERROR_TABLE`, `Client`.
    Fixed,
}

impl Kind {
    const ALL: [(Kind, &'static str); 7] = [
        (Kind::SpecType, "spec types (structs/enums from `types:`)"),
        (Kind::OpError, "<Op>Error enums written out"),
        (
            Kind::OpErrorMacro,
            "op_error! invocations (<Op>Error enums and impls)",
        ),
        (Kind::Query, "<Op>Query structs and their Serialize impls"),
        (
            Kind::ClientImpl,
            "impl Client (one fn per endpoint, returning a Call)",
        ),
        (Kind::Descriptors, "mod __vook (endpoint descriptors)"),
        (
            Kind::Fixed,
            "once per file (API_SPEC, ErrorCode, ERROR_TABLE, Client, header)",
        ),
    ];
}

/// Line counts of one generated file.
struct Size {
    endpoints: usize,
    types: usize,
    total_lines: usize,
    /// Lines per [`Kind`], in the order of [`Kind::ALL`].
    by_kind: [usize; 7],
}

impl Size {
    fn lines(&self, kind: Kind) -> usize {
        let i = Kind::ALL.iter().position(|(k, _)| *k == kind).unwrap_or(0);
        self.by_kind[i]
    }

    fn without_types(&self) -> usize {
        self.total_lines - self.lines(Kind::SpecType)
    }

    fn per_endpoint(&self) -> f64 {
        self.total_lines as f64 / self.endpoints as f64
    }

    fn per_endpoint_without_types(&self) -> f64 {
        self.without_types() as f64 / self.endpoints as f64
    }
}

fn last_ident(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// Count the lines of `render_file` for a synthetic spec, split by [`Kind`]: each
/// top-level item is formatted alone by prettyplease, exactly as it is in the file
/// (the generated file has no blank lines between items). Lines not in any item
/// (the header comment) count as [`Kind::Fixed`].
fn measure_size(endpoints: usize) -> Size {
    let api = vook_schema::load_str(SPEC_NAME, &vook_codegen::synth::spec(endpoints, CODES))
        .expect("the synthetic spec is valid");
    let source = vook_codegen::render_file(&api, SPEC_NAME);
    let names: HashSet<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    let spec_type = |name: &str| names.contains(name);
    let kind = |item: &syn::Item| match item {
        syn::Item::Struct(s) if spec_type(&s.ident.to_string()) => Kind::SpecType,
        syn::Item::Enum(e) if spec_type(&e.ident.to_string()) => Kind::SpecType,
        syn::Item::Impl(i) => match last_ident(&i.self_ty) {
            Some(n) if spec_type(&n) => Kind::SpecType,
            Some(n) if n == "Client" && i.trait_.is_none() => Kind::ClientImpl,
            // `<Op>Query`'s `Serialize` impl.
            Some(n) if n.ends_with("Query") => Kind::Query,
            _ => Kind::Fixed,
        },
        syn::Item::Enum(e) if e.ident != "ErrorCode" && e.ident.to_string().ends_with("Error") => {
            Kind::OpError
        }
        syn::Item::Struct(s) if s.ident.to_string().ends_with("Query") => Kind::Query,
        // `wire_struct!` / `wire_enum!`: the serde impls of a spec type or a query.
        syn::Item::Macro(m)
            if m.mac
                .path
                .segments
                .last()
                .is_some_and(|s| s.ident.to_string().starts_with("wire_")) =>
        {
            let named = m.mac.tokens.clone().into_iter().find_map(|t| match t {
                proc_macro2::TokenTree::Ident(i) if i != "serialize" => Some(i.to_string()),
                _ => None,
            });
            match named {
                Some(n) if spec_type(&n) => Kind::SpecType,
                _ => Kind::Query,
            }
        }
        syn::Item::Macro(_) => Kind::OpErrorMacro,
        syn::Item::Mod(m) if m.ident == "__vook" => Kind::Descriptors,
        _ => Kind::Fixed,
    };
    let mut file = syn::parse_file(&source).expect("generated code parses");
    // Format each item alone (syn's items are not `Clone`: reuse the file).
    let items = std::mem::take(&mut file.items);
    file.attrs.clear();
    let mut by_kind = [0; 7];
    for item in items {
        let k = kind(&item);
        file.items = vec![item];
        let i = Kind::ALL.iter().position(|(x, _)| *x == k).unwrap_or(0);
        by_kind[i] += prettyplease::unparse(&file).lines().count();
    }
    let total_lines = source.lines().count();
    let counted: usize = by_kind.iter().sum();
    let fixed = Kind::ALL
        .iter()
        .position(|(x, _)| *x == Kind::Fixed)
        .unwrap_or(0);
    by_kind[fixed] += total_lines.saturating_sub(counted);
    Size {
        endpoints: api.endpoints.len(),
        types: api.types.len(),
        total_lines,
        by_kind,
    }
}

fn print_sizes() {
    println!("generated code size (synthetic specs, {CODES} codes):");
    println!(
        "{:>9} {:>6} {:>11} {:>10} {:>10} {:>18}",
        "endpoints", "types", "total lines", "type lines", "lines/ep", "lines/ep w/o types"
    );
    let sizes: Vec<Size> = SIZES.iter().map(|&n| measure_size(n)).collect();
    for s in &sizes {
        println!(
            "{:>9} {:>6} {:>11} {:>10} {:>10.1} {:>18.1}",
            s.endpoints,
            s.types,
            s.total_lines,
            s.lines(Kind::SpecType),
            s.per_endpoint(),
            s.per_endpoint_without_types()
        );
    }
    if let [.., a, b] = sizes.as_slice() {
        let d = (b.endpoints - a.endpoints) as f64;
        println!(
            "marginal, {} -> {} endpoints: {:.1} lines/ep, {:.1} without types",
            a.endpoints,
            b.endpoints,
            (b.total_lines - a.total_lines) as f64 / d,
            (b.without_types() - a.without_types()) as f64 / d
        );
        println!("lines by kind at {} endpoints (per endpoint):", b.endpoints);
        for (i, (_, label)) in Kind::ALL.iter().enumerate() {
            println!(
                "  {:>6} ({:>5.1})  {label}",
                b.by_kind[i],
                b.by_kind[i] as f64 / b.endpoints as f64
            );
        }
    }
    println!();
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("regen");
    group.sample_size(10);
    for n in SIZES {
        let yaml = vook_codegen::synth::spec(n, CODES);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("whole", n), &yaml, |b, yaml| {
            b.iter(|| regen(black_box(yaml)));
        });
    }
    group.finish();
}

fn stages(c: &mut Criterion) {
    let yaml = vook_codegen::synth::spec(STAGE_SIZE, CODES);
    let root = vook_schema::node::parse_str(&yaml).expect("valid YAML");
    let mut diags = Vec::new();
    let doc = vook_schema::parse::document(&root, &mut diags).expect("well-formed spec");
    assert!(diags.is_empty());
    let api = vook_schema::validate::validate(&doc, &mut diags).expect("valid spec");
    assert!(diags.is_empty());

    let mut group = c.benchmark_group(format!("stages_{STAGE_SIZE}"));
    group.sample_size(10);
    group.bench_function("load (yaml + shape + validate)", |b| {
        b.iter(|| vook_schema::load_str(SPEC_NAME, black_box(&yaml)).expect("valid"));
    });
    group.bench_function("validate only", |b| {
        b.iter(|| {
            let mut diags = Vec::new();
            vook_schema::validate::validate(black_box(&doc), &mut diags).expect("valid")
        });
    });
    group.bench_function("generate only (tokens)", |b| {
        b.iter(|| vook_codegen::generate(black_box(&api)));
    });
    group.bench_function("render_file (generate + syn + prettyplease)", |b| {
        b.iter(|| vook_codegen::render_file(black_box(&api), SPEC_NAME));
    });
    group.finish();
}

fn main() {
    print_sizes();
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    scaling(&mut c);
    stages(&mut c);
    c.final_summary();
}
