//! `cargo xtask bench-compile [--sizes 50,200,1000] [--codes M] [--runs N]`: how long
//! `cargo check` takes on a vook-generated client against a progenitor-generated client
//! of the same synthetic API, on this machine, in one run.
//!
//! In a scratch workspace under `target/bench-compile/` (its own `Cargo.toml`,
//! `Cargo.lock` and `target/`; progenitor never enters a vook crate's dependencies):
//! - `vook-client-N`: `vook_codegen::render_file` of `vook_codegen::synth::spec(N, M)`
//!   as `src/lib.rs`, depending on `vook-runtime` by path;
//! - `progenitor-client-N`: progenitor's client of the same API, described as an
//!   OpenAPI 3.0.3 document written here ([`openapi_30`]; progenitor reads 3.0.x only,
//!   and takes one error body type per operation), generated ahead of time by the
//!   `progenitor-gen` helper (progenitor's `build.rs` recipe: `Generator::generate_tokens`,
//!   then prettyplease) into `src/lib.rs`, so both sides check checked-in code;
//! - `progenitor-gen`: that helper, built once in release.
//!
//! Measured, wall clock, per client crate: dependencies are checked first (not timed);
//! then, `--runs` times, `cargo clean -p <crate>` and a timed `cargo check -p <crate>`
//! (**clean**), a check with nothing changed (**no-op**: cargo's own overhead), then
//! the source's mtime is bumped and it is checked again (**incremental**: rustc reruns
//! on unchanged code, with its incremental cache). vook and progenitor runs alternate,
//! so load from other processes hits both. The table shows the minimum over the runs; `results.json` keeps every run.
//! `docs/bench-compile.svg` charts check time against endpoints.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Instant, SystemTime};

use serde_json::{Map, Value, json};
use vook_schema::Api;
use vook_schema::model::{Endpoint, Field, TypeKind};
use vook_schema::types::TypeRef;

use crate::workspace_root;

const USAGE: &str = "usage: cargo xtask bench-compile [--sizes 50,200,1000] [--codes M] [--runs N]";
/// The progenitor release measured (exact, so reruns compare like with like).
const PROGENITOR_VERSION: &str = "0.15.1";
const DEFAULT_SIZES: [usize; 3] = [50, 200, 1000];
const DEFAULT_CODES: usize = 100;
/// The generators, in the order their runs alternate.
const GENERATORS: [Gen; 2] = [Gen::Vook, Gen::Progenitor];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Gen {
    Vook,
    Progenitor,
}

impl Gen {
    fn name(self) -> &'static str {
        match self {
            Gen::Vook => "vook",
            Gen::Progenitor => "progenitor",
        }
    }

    fn krate(self, endpoints: usize) -> String {
        format!("{}-client-{endpoints}", self.name())
    }
}

/// One client crate's measurements.
#[derive(Default)]
struct Measured {
    lines: usize,
    clean: Vec<f64>,
    incremental: Vec<f64>,
    noop: Vec<f64>,
    error: Option<String>,
}

impl Measured {
    fn failed(error: String) -> Self {
        Measured {
            error: Some(error),
            ..Measured::default()
        }
    }

    fn clean_min(&self) -> Option<f64> {
        min(&self.clean)
    }

    fn incremental_min(&self) -> Option<f64> {
        min(&self.incremental)
    }

    fn json(&self) -> Value {
        match &self.error {
            Some(e) => json!({ "error": e }),
            None => json!({
                "generated_lines": self.lines,
                "clean_check_s": self.clean,
                "clean_check_min_s": self.clean_min(),
                "incremental_check_s": self.incremental,
                "incremental_check_min_s": self.incremental_min(),
                "noop_check_s": self.noop,
                "noop_check_min_s": min(&self.noop),
            }),
        }
    }
}

fn min(xs: &[f64]) -> Option<f64> {
    xs.iter().copied().reduce(f64::min)
}

struct Options {
    sizes: Vec<usize>,
    codes: usize,
    runs: usize,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut opts = Options {
        sizes: DEFAULT_SIZES.to_vec(),
        codes: DEFAULT_CODES,
        runs: 1,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or(format!("{a} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--sizes" => {
                opts.sizes = value()?
                    .split(',')
                    .map(|s| {
                        s.trim()
                            .parse::<usize>()
                            .map_err(|e| format!("--sizes: `{s}`: {e}"))
                    })
                    .collect::<Result<_, _>>()?;
            }
            "--codes" => opts.codes = value()?.parse().map_err(|e| format!("--codes: {e}"))?,
            "--runs" => opts.runs = value()?.parse().map_err(|e| format!("--runs: {e}"))?,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    opts.sizes.retain(|&n| n > 0);
    opts.sizes.sort_unstable();
    opts.sizes.dedup();
    if opts.sizes.is_empty() || opts.runs == 0 {
        return Err(format!("need at least one size and one run\n{USAGE}"));
    }
    Ok(opts)
}

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let opts = parse_args(args)?;
    let root = workspace_root();
    let scratch = root.join("target/bench-compile");
    let cargo = Cargo::new(&scratch);
    let load_start = loadavg();
    println!("bench-compile: scratch workspace {}", scratch.display());

    write_workspace(&root, &scratch, &opts)?;

    // Generate both clients of every size.
    let generator = cargo.run(&["build", "--release", "-q", "-p", "progenitor-gen"]);
    let generator = generator.map_err(|e| format!("progenitor-gen did not build: {e}"));
    if let Err(e) = &generator {
        println!("{e}");
    }
    let mut gen_errors: Vec<(usize, Gen, String)> = Vec::new();
    for &n in &opts.sizes {
        let api = synth_api(n, opts.codes)?;
        let dir = scratch.join(Gen::Vook.krate(n));
        write(
            &dir.join("src/lib.rs"),
            &vook_codegen::render_file(&api, &format!("synth-{n}.yaml")),
        )?;
        let doc = openapi_30(&api);
        let doc_path = scratch.join(format!("openapi/synth-{n}.json"));
        let text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
        write(&doc_path, &text)?;
        let out = scratch.join(Gen::Progenitor.krate(n)).join("src/lib.rs");
        let result = match &generator {
            Ok(_) => {
                let exe = scratch.join("target/release/progenitor-gen");
                run_generator(&exe, &doc_path, &out)
            }
            Err(e) => Err(e.clone()),
        };
        if let Err(e) = result {
            // Keep the crate compilable so the workspace still resolves.
            write(
                &out,
                "//! progenitor failed to generate this client; see results.json.\n",
            )?;
            gen_errors.push((n, Gen::Progenitor, e));
        }
    }

    // Dependencies once, untimed (this also checks every client once).
    println!("bench-compile: checking dependencies (untimed) ...");
    let crates: Vec<String> = opts
        .sizes
        .iter()
        .flat_map(|&n| GENERATORS.map(|g| g.krate(n)))
        .collect();
    let mut prebuild = vec!["check", "-q"];
    for c in &crates {
        prebuild.extend(["-p", c.as_str()]);
    }
    if let Err(e) = cargo.run(&prebuild) {
        println!("note: the first check failed; each client is measured on its own:\n{e}");
    }

    let mut results: Vec<(usize, [Measured; 2])> = Vec::new();
    for &n in &opts.sizes {
        let mut m: [Measured; 2] = Default::default();
        for (i, g) in GENERATORS.iter().enumerate() {
            if let Some((_, _, e)) = gen_errors.iter().find(|(s, x, _)| *s == n && x == g) {
                m[i] = Measured::failed(format!("generation failed: {e}"));
            } else {
                let lib = scratch.join(g.krate(n)).join("src/lib.rs");
                let text =
                    std::fs::read_to_string(&lib).map_err(|e| format!("{}: {e}", lib.display()))?;
                m[i].lines = text.lines().count();
            }
        }
        for run in 0..opts.runs {
            for (i, g) in GENERATORS.iter().enumerate() {
                if m[i].error.is_some() {
                    continue;
                }
                let krate = g.krate(n);
                print!("bench-compile: {krate} run {}/{} ...", run + 1, opts.runs);
                let lib = scratch.join(&krate).join("src/lib.rs");
                match measure_once(&cargo, &krate, &lib) {
                    Ok([clean, noop, incr]) => {
                        println!(" clean {clean:.2} s, no-op {noop:.2} s, incremental {incr:.2} s");
                        m[i].clean.push(clean);
                        m[i].noop.push(noop);
                        m[i].incremental.push(incr);
                    }
                    Err(e) => {
                        println!(" failed");
                        m[i].error = Some(e);
                    }
                }
            }
        }
        results.push((n, m));
    }
    let load_end = loadavg();

    print_table(&results, opts.runs);
    let machine = json!({
        "nproc": std::thread::available_parallelism().map(usize::from).unwrap_or(0),
        "rustc": command_line("rustc", &["-V"]),
        "cargo": command_line("cargo", &["-V"]),
        "loadavg_start": load_start,
        "loadavg_end": load_end,
    });
    let doc = json!({
        "tool": "cargo xtask bench-compile",
        "args": args,
        "codes": opts.codes,
        "runs": opts.runs,
        "progenitor_version": PROGENITOR_VERSION,
        "progenitor_generator": generator.as_ref().map(|_| "ok".to_owned()).unwrap_or_else(|e| e.clone()),
        "machine": machine,
        "sizes": results.iter().map(|(n, m)| json!({
            "endpoints": n,
            "vook": m[0].json(),
            "progenitor": m[1].json(),
            "clean_ratio_progenitor_over_vook": ratio(m[1].clean_min(), m[0].clean_min()),
            "incremental_ratio_progenitor_over_vook": ratio(m[1].incremental_min(), m[0].incremental_min()),
        })).collect::<Vec<_>>(),
    });
    let json_path = scratch.join("results.json");
    let text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n";
    write(&json_path, &text)?;
    let svg_path = root.join("docs/bench-compile.svg");
    write(&svg_path, &svg_chart(&results, opts.codes))?;
    println!("wrote {}", json_path.display());
    println!("wrote {}", svg_path.display());
    Ok(())
}

fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a? / b?)
}

/// One clean check (after `cargo clean -p`), a no-op check (nothing changed: cargo's
/// own overhead) and an incremental re-check (after bumping the source's mtime), in
/// seconds.
fn measure_once(cargo: &Cargo, krate: &str, lib: &Path) -> Result<[f64; 3], String> {
    cargo.run(&["clean", "-q", "-p", krate])?;
    let clean = cargo.timed(&["check", "-q", "-p", krate])?;
    let noop = cargo.timed(&["check", "-q", "-p", krate])?;
    touch(lib)?;
    let incr = cargo.timed(&["check", "-q", "-p", krate])?;
    Ok([clean, noop, incr])
}

fn touch(path: &Path) -> Result<(), String> {
    let file = std::fs::File::options()
        .append(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    // Now, not later: cargo stamps its outputs with the build's start time, so a
    // future mtime would leave the crate dirty for the next check as well.
    file.set_modified(SystemTime::now())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// `cargo` in the scratch workspace, with its own target directory.
struct Cargo {
    dir: PathBuf,
    program: std::ffi::OsString,
}

impl Cargo {
    fn new(dir: &Path) -> Self {
        Cargo {
            dir: dir.to_path_buf(),
            program: std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()),
        }
    }

    fn run(&self, args: &[&str]) -> Result<(), String> {
        let out = Command::new(&self.program)
            .args(args)
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", self.dir.join("target"))
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let tail: Vec<&str> = stderr.lines().rev().take(30).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            Err(format!(
                "`cargo {}` failed ({}):\n{}",
                args.join(" "),
                out.status,
                tail.join("\n")
            ))
        }
    }

    /// Wall-clock seconds of a successful command.
    fn timed(&self, args: &[&str]) -> Result<f64, String> {
        let start = Instant::now();
        self.run(args)?;
        Ok(start.elapsed().as_secs_f64())
    }
}

fn run_generator(exe: &Path, input: &Path, output: &Path) -> Result<(), String> {
    let out = Command::new(exe)
        .arg(input)
        .arg(output)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    if out.status.success() {
        Ok(())
    } else {
        let stderr = String::from_utf8_lossy(&out.stderr);
        Err(stderr.lines().take(12).collect::<Vec<_>>().join("\n"))
    }
}

fn synth_api(endpoints: usize, codes: usize) -> Result<Api, String> {
    let name = format!("synth-{endpoints}.yaml");
    vook_schema::load_str(&name, &vook_codegen::synth::spec(endpoints, codes))
        .map_err(|d| d.to_string())
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    if std::fs::read_to_string(path).ok().as_deref() == Some(contents) {
        return Ok(()); // unchanged: keep the mtime, so cargo keeps what it built
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

/// The scratch workspace's manifests and the generator's source.
fn write_workspace(root: &Path, scratch: &Path, opts: &Options) -> Result<(), String> {
    let mut members = vec!["\"progenitor-gen\"".to_owned()];
    for &n in &opts.sizes {
        for g in GENERATORS {
            members.push(format!("\"{}\"", g.krate(n)));
        }
    }
    write(
        &scratch.join("Cargo.toml"),
        &format!(
            "# Written by `cargo xtask bench-compile`; not part of the vook workspace.\n\
             [workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )?;
    // Start from the vook workspace's lock, so vook-runtime's dependencies are the same.
    let lock = scratch.join("Cargo.lock");
    if !lock.exists()
        && let Ok(text) = std::fs::read_to_string(root.join("Cargo.lock"))
    {
        write(&lock, &text)?;
    }
    let runtime = root.join("vook-runtime");
    for &n in &opts.sizes {
        // Every member needs a target before cargo loads the workspace at all.
        for g in GENERATORS {
            let lib = scratch.join(g.krate(n)).join("src/lib.rs");
            if !lib.exists() {
                write(&lib, "//! Not generated yet.\n")?;
            }
        }
        write(
            &scratch.join(Gen::Vook.krate(n)).join("Cargo.toml"),
            &format!(
                "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
                 [dependencies]\nvook-runtime = {{ path = {:?} }}\n",
                Gen::Vook.krate(n),
                runtime.display().to_string()
            ),
        )?;
        write(
            &scratch.join(Gen::Progenitor.krate(n)).join("Cargo.toml"),
            &format!(
                "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
                 # What progenitor's README lists for generated code.\n\
                 [dependencies]\n\
                 bytes = \"1\"\n\
                 chrono = {{ version = \"0.4\", default-features = false, features = [\"serde\"] }}\n\
                 futures-core = \"0.3\"\n\
                 progenitor-client = \"={PROGENITOR_VERSION}\"\n\
                 reqwest = {{ version = \"0.13\", default-features = false, features = [\"json\", \"query\", \"stream\"] }}\n\
                 serde = {{ version = \"1\", features = [\"derive\"] }}\n\
                 serde_json = \"1\"\n\
                 serde_urlencoded = \"0.7\"\n",
                Gen::Progenitor.krate(n)
            ),
        )?;
    }
    let generator = scratch.join("progenitor-gen");
    write(
        &generator.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"progenitor-gen\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\n\
             progenitor = {{ version = \"={PROGENITOR_VERSION}\", default-features = false }}\n\
             openapiv3 = \"2\"\n\
             serde_json = \"1\"\n\
             syn = {{ version = \"3\", features = [\"full\"] }}\n\
             prettyplease = \"0.3\"\n"
        ),
    )?;
    write(&generator.join("src/main.rs"), GENERATOR_MAIN)
}

/// progenitor's `build.rs` recipe as a program: OpenAPI JSON in, formatted Rust out.
const GENERATOR_MAIN: &str = r#"//! progenitor-gen OPENAPI.json OUT.rs (written by `cargo xtask bench-compile`).
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output] = args.as_slice() else {
        eprintln!("usage: progenitor-gen OPENAPI.json OUT.rs");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(input).expect("read the OpenAPI document");
    let spec: openapiv3::OpenAPI = serde_json::from_str(&text).expect("an OpenAPI 3.0 document");
    let mut generator = progenitor::Generator::default();
    let tokens = match generator.generate_tokens(&spec) {
        Ok(tokens) => tokens,
        Err(e) => {
            eprintln!("progenitor: {e}");
            std::process::exit(1);
        }
    };
    let file: syn::File = syn::parse2(tokens).expect("progenitor's output parses");
    std::fs::write(output, prettyplease::unparse(&file)).expect("write the client");
}
"#;

/// The API as an OpenAPI 3.0.3 document progenitor accepts: the same operations,
/// parameters, bodies and types; successes inside the data envelope; every error
/// status answered with one shared error-body schema (progenitor takes one error
/// type per operation).
pub(crate) fn openapi_30(api: &Api) -> Value {
    let mut schemas = Map::new();
    let mut taken: Vec<String> = api.types.iter().map(|t| t.name.clone()).collect();
    let mut fresh = |want: &str| {
        let mut name = want.to_owned();
        while taken.contains(&name) {
            name.push('X');
        }
        taken.push(name.clone());
        name
    };
    let issue = fresh("FieldIssue");
    let object = fresh("ErrorObject");
    let error_body = fresh("ErrorBody");
    for t in &api.types {
        let mut s = match &t.kind {
            TypeKind::Struct(fields) => object_schema(fields),
            TypeKind::Enum(values) => json!({
                "type": "string",
                "enum": values.iter().map(|v| v.wire.clone()).collect::<Vec<_>>(),
            }),
        };
        if let Some(d) = &t.description {
            s["description"] = json!(d);
        }
        schemas.insert(t.name.clone(), s);
    }
    schemas.insert(
        issue.clone(),
        json!({ "type": "object", "required": ["field", "issue"], "properties": {
            "field": { "type": "string" }, "issue": { "type": "string" } } }),
    );
    schemas.insert(
        object.clone(),
        json!({ "type": "object", "required": ["code", "message"], "properties": {
            "code": { "type": "string" },
            "message": { "type": "string" },
            "request_id": { "type": "string" },
            "details": { "type": "array", "items": reference(&issue) } } }),
    );
    let error_schema = match &api.envelope_error {
        Some(key) => {
            schemas.insert(
                error_body.clone(),
                json!({ "type": "object", "required": [key], "properties": { key.as_str(): reference(&object) } }),
            );
            reference(&error_body)
        }
        None => reference(&object),
    };

    let mut paths = Map::new();
    for ep in &api.endpoints {
        let success = success_schema(api, ep, &mut schemas, &mut fresh);
        let mut responses = Map::new();
        let description = ep.summary.clone().unwrap_or_else(|| ep.name.clone());
        responses.insert(
            ep.status.to_string(),
            match success {
                Some(schema) => json!({ "description": description, "content": { "application/json": { "schema": schema } } }),
                None => json!({ "description": description }),
            },
        );
        let mut statuses: Vec<u16> = ep
            .errors
            .iter()
            .filter_map(|code| {
                api.errors
                    .iter()
                    .find(|e| &e.code == code)
                    .map(|e| e.status)
            })
            .collect();
        statuses.sort_unstable();
        statuses.dedup();
        for status in statuses {
            let codes: Vec<&str> = ep
                .errors
                .iter()
                .filter(|c| {
                    api.errors
                        .iter()
                        .any(|e| &e.code == *c && e.status == status)
                })
                .map(String::as_str)
                .collect();
            responses.insert(
                status.to_string(),
                json!({ "description": codes.join(", "), "content": { "application/json": { "schema": error_schema } } }),
            );
        }
        let mut parameters: Vec<Value> = ep
            .path_params
            .iter()
            .map(|p| json!({ "name": p.name, "in": "path", "required": true, "schema": type_schema(&p.ty) }))
            .collect();
        parameters.extend(ep.query.iter().map(|f| {
            json!({ "name": f.name, "in": "query", "required": !f.optional, "schema": type_schema(&f.ty) })
        }));
        let mut op = json!({ "operationId": ep.name, "responses": responses });
        if let Some(s) = &ep.summary {
            op["summary"] = json!(s);
        }
        if !parameters.is_empty() {
            op["parameters"] = json!(parameters);
        }
        if let Some(body) = &ep.body {
            op["requestBody"] = json!({ "required": true, "content": { "application/json": { "schema": type_schema(body) } } });
        }
        let item = paths.entry(ep.path.clone()).or_insert_with(|| json!({}));
        item[ep.method.as_str().to_ascii_lowercase()] = op;
    }

    let mut doc = json!({
        "openapi": "3.0.3",
        "info": { "title": api.title, "version": "1.0.0" },
        "servers": [{ "url": api.base_url }],
        "paths": paths,
        "components": { "schemas": schemas },
    });
    if api.auth_env.is_some() {
        doc["components"]["securitySchemes"] =
            json!({ "bearerAuth": { "type": "http", "scheme": "bearer" } });
        doc["security"] = json!([{ "bearerAuth": [] }]);
    }
    doc
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn type_schema(t: &TypeRef) -> Value {
    match t {
        TypeRef::String => json!({ "type": "string" }),
        TypeRef::Integer => json!({ "type": "integer", "format": "int64" }),
        TypeRef::Number => json!({ "type": "number", "format": "double" }),
        TypeRef::Boolean => json!({ "type": "boolean" }),
        TypeRef::Datetime => json!({ "type": "string", "format": "date-time" }),
        TypeRef::List(inner) => json!({ "type": "array", "items": type_schema(inner) }),
        TypeRef::Map(inner) => {
            json!({ "type": "object", "additionalProperties": type_schema(inner) })
        }
        TypeRef::Named(n) => reference(n),
    }
}

fn object_schema(fields: &[Field]) -> Value {
    let mut props = Map::new();
    for f in fields {
        let mut s = type_schema(&f.ty);
        if let Some(d) = &f.description {
            // A `$ref` takes no siblings in 3.0: describe only inline schemas.
            if s.get("$ref").is_none() {
                s["description"] = json!(d);
            }
        }
        props.insert(f.name.clone(), s);
    }
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| !f.optional)
        .map(|f| f.name.as_str())
        .collect();
    let mut s = json!({ "type": "object", "properties": props });
    if !required.is_empty() {
        s["required"] = json!(required);
    }
    s
}

/// The success body's schema: the data envelope around the response type (one shared
/// `<Type>Data` component per named type), or the type itself without an envelope;
/// `None` for `response: none`.
fn success_schema(
    api: &Api,
    ep: &Endpoint,
    schemas: &mut Map<String, Value>,
    fresh: &mut impl FnMut(&str) -> String,
) -> Option<Value> {
    let response = ep.response.as_ref()?;
    let Some(key) = &api.envelope_data else {
        return Some(type_schema(response));
    };
    let envelope = |inner: Value| json!({ "type": "object", "required": [key], "properties": { key.as_str(): inner } });
    Some(match response {
        TypeRef::Named(n) => {
            let wanted = format!("{n}Data");
            let existing = schemas
                .get(&wanted)
                .is_some_and(|s| s["properties"][key.as_str()] == reference(n));
            let name = if existing { wanted } else { fresh(&wanted) };
            schemas
                .entry(name.clone())
                .or_insert_with(|| envelope(reference(n)));
            reference(&name)
        }
        other => envelope(type_schema(other)),
    })
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}

fn command_line(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

fn secs(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |s| format!("{s:.2}"))
}

fn print_table(results: &[(usize, [Measured; 2])], runs: usize) {
    println!();
    println!(
        "cargo check wall time, seconds (min of {runs} run(s)); lines of the generated lib.rs"
    );
    println!(
        "{:>9} | {:>10} {:>10} {:>7} | {:>10} {:>10} {:>7} | {:>8} {:>8} | {:>8} {:>8}",
        "endpoints",
        "vook",
        "progen.",
        "p/v",
        "vook inc",
        "prog inc",
        "p/v",
        "vook nop",
        "prog nop",
        "vook L",
        "prog L"
    );
    for (n, [v, p]) in results {
        let r = |a: Option<f64>, b: Option<f64>| {
            ratio(a, b).map_or_else(|| "-".to_owned(), |x| format!("{x:.1}x"))
        };
        println!(
            "{:>9} | {:>10} {:>10} {:>7} | {:>10} {:>10} {:>7} | {:>8} {:>8} | {:>8} {:>8}",
            n,
            secs(v.clean_min()),
            secs(p.clean_min()),
            r(p.clean_min(), v.clean_min()),
            secs(v.incremental_min()),
            secs(p.incremental_min()),
            r(p.incremental_min(), v.incremental_min()),
            secs(min(&v.noop)),
            secs(min(&p.noop)),
            v.lines,
            p.lines
        );
    }
    for (n, m) in results {
        for (g, x) in GENERATORS.iter().zip(m) {
            if let Some(e) = &x.error {
                println!("{} at {n} endpoints: {e}", g.name());
            }
        }
    }
    println!();
}

/// A "nice" axis step: 1, 2 or 5 times a power of ten, about `max / 5`.
fn nice_step(max: f64) -> f64 {
    let raw = (max / 5.0).max(f64::MIN_POSITIVE);
    let pow = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * pow)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * pow)
}

/// Check time against endpoints, both generators, clean (solid) and incremental (dashed).
fn svg_chart(results: &[(usize, [Measured; 2])], codes: usize) -> String {
    const W: f64 = 720.0;
    const H: f64 = 440.0;
    const L: f64 = 70.0;
    const R: f64 = 200.0;
    const T: f64 = 50.0;
    const B: f64 = 60.0;
    let colors = ["#1f6fb4", "#d1452f"];
    let max_n = results.iter().map(|(n, _)| *n).max().unwrap_or(1) as f64;
    let max_t = results
        .iter()
        .flat_map(|(_, m)| m.iter().flat_map(|x| [x.clean_min(), x.incremental_min()]))
        .flatten()
        .fold(0.0, f64::max)
        .max(0.1);
    let (xstep, ystep) = (nice_step(max_n), nice_step(max_t));
    let (xmax, ymax) = (
        (max_n / xstep).ceil() * xstep,
        (max_t / ystep).ceil() * ystep,
    );
    let x = |n: f64| L + n / xmax * (W - L - R);
    let y = |t: f64| H - B - t / ymax * (H - T - B);
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="{W}" height="{H}" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text x="{}" y="24" font-size="15" text-anchor="middle">cargo check of a generated client ({codes} error codes; written by cargo xtask bench-compile)</text>"#,
        W / 2.0
    );
    let mut v = 0.0;
    while v <= ymax + ystep / 2.0 {
        let _ = writeln!(
            s,
            r##"<line x1="{L}" y1="{0:.1}" x2="{1:.1}" y2="{0:.1}" stroke="#ddd"/><text x="{2}" y="{3:.1}" text-anchor="end">{v}</text>"##,
            y(v),
            W - R,
            L - 6.0,
            y(v) + 4.0
        );
        v += ystep;
    }
    let mut n = 0.0;
    while n <= xmax + xstep / 2.0 {
        let _ = writeln!(
            s,
            r##"<line x1="{0:.1}" y1="{1}" x2="{0:.1}" y2="{2}" stroke="#eee"/><text x="{0:.1}" y="{3}" text-anchor="middle">{n}</text>"##,
            x(n),
            T,
            H - B,
            H - B + 18.0
        );
        n += xstep;
    }
    let _ = writeln!(
        s,
        r#"<line x1="{L}" y1="{0}" x2="{1}" y2="{0}" stroke="black"/><line x1="{L}" y1="{T}" x2="{L}" y2="{0}" stroke="black"/>"#,
        H - B,
        W - R
    );
    let _ = writeln!(
        s,
        r#"<text x="{}" y="{}" text-anchor="middle">endpoints</text>"#,
        L + (W - L - R) / 2.0,
        H - 18.0
    );
    let _ = writeln!(
        s,
        r#"<text transform="translate(20 {}) rotate(-90)" text-anchor="middle">seconds (wall clock)</text>"#,
        T + (H - T - B) / 2.0
    );
    let mut legend_y = T + 10.0;
    for (i, g) in GENERATORS.iter().enumerate() {
        for (label, dash, pick) in [
            ("clean check", "", 0usize),
            ("incremental re-check", r#" stroke-dasharray="6 4""#, 1),
        ] {
            let points: Vec<(f64, f64)> = results
                .iter()
                .filter_map(|(n, m)| {
                    let t = if pick == 0 {
                        m[i].clean_min()
                    } else {
                        m[i].incremental_min()
                    };
                    Some((x(*n as f64), y(t?)))
                })
                .collect();
            if points.is_empty() {
                continue;
            }
            let path: Vec<String> = points
                .iter()
                .map(|(a, b)| format!("{a:.1},{b:.1}"))
                .collect();
            let _ = writeln!(
                s,
                r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="2"{dash}/>"#,
                path.join(" "),
                colors[i]
            );
            for (a, b) in &points {
                let _ = writeln!(
                    s,
                    r#"<circle cx="{a:.1}" cy="{b:.1}" r="3.5" fill="{}"/>"#,
                    colors[i]
                );
            }
            let lx = W - R + 16.0;
            let _ = writeln!(
                s,
                r#"<line x1="{lx}" y1="{legend_y}" x2="{}" y2="{legend_y}" stroke="{}" stroke-width="2"{dash}/><text x="{}" y="{}">{}, {label}</text>"#,
                lx + 24.0,
                colors[i],
                lx + 30.0,
                legend_y + 4.0,
                g.name()
            );
            legend_y += 20.0;
        }
    }
    s.push_str("</svg>\n");
    s
}
