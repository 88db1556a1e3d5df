//! The scratch workspace under `target/bench-compile/`: its manifests, the
//! `progenitor-gen` helper's source, and the inputs of both generators (the
//! vook client's `src/lib.rs`, the OpenAPI document progenitor reads).

use std::path::{Path, PathBuf};

use serde_json::Value;
use vook_codegen::openapi::{ErrorSchemas, OpenApiVersion, Options};
use vook_schema::Api;

use super::args::BenchArgs;

/// The progenitor release measured (exact, so reruns compare like with like).
pub(super) const PROGENITOR_VERSION: &str = "0.15.1";
/// The generators, in the order their runs alternate.
pub(super) const GENERATORS: [Generator; 2] = [Generator::Vook, Generator::Progenitor];

/// A client generator being measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Generator {
    Vook,
    Progenitor,
}

impl Generator {
    /// Its name in crate names, the table and the chart.
    pub(super) fn name(self) -> &'static str {
        match self {
            Generator::Vook => "vook",
            Generator::Progenitor => "progenitor",
        }
    }

    /// The client crate of `endpoints` endpoints.
    pub(super) fn krate(self, endpoints: usize) -> String {
        format!("{}-client-{endpoints}", self.name())
    }
}

/// The scratch workspace's directory layout.
pub(super) struct Scratch {
    /// The workspace directory.
    pub(super) dir: PathBuf,
}

impl Scratch {
    /// The generated `src/lib.rs` of a client crate.
    pub(super) fn lib(&self, generator: Generator, endpoints: usize) -> PathBuf {
        self.dir.join(generator.krate(endpoints)).join("src/lib.rs")
    }

    /// The OpenAPI document progenitor reads for `endpoints` endpoints.
    pub(super) fn openapi(&self, endpoints: usize) -> PathBuf {
        self.dir.join(format!("openapi/synth-{endpoints}.json"))
    }

    /// The release build of the `progenitor-gen` helper.
    pub(super) fn progenitor_gen(&self) -> PathBuf {
        self.dir.join("target/release/progenitor-gen")
    }
}

/// The synthetic API of `endpoints` endpoints and `codes` codes.
pub(super) fn synth_api(endpoints: usize, codes: usize) -> Result<Api, String> {
    let name = format!("synth-{endpoints}.yaml");
    vook_schema::load_str(&name, &vook_codegen::synth::spec(endpoints, codes))
        .map_err(|d| d.to_string())
}

/// The API as progenitor reads it: vook-codegen's OpenAPI export in its 3.0
/// form (progenitor reads 3.0.x only) with the generic error body on every
/// error status (progenitor takes one error type per operation).
pub(super) fn progenitor_document(api: &Api) -> Value {
    vook_codegen::openapi::document(
        api,
        Options {
            version: OpenApiVersion::V3_0,
            error_schemas: ErrorSchemas::Generic,
        },
    )
}

/// Writes both generators' inputs for `api` of `endpoints` endpoints: the vook
/// client's source and progenitor's OpenAPI document.
pub(super) fn write_inputs(scratch: &Scratch, api: &Api, endpoints: usize) -> Result<(), String> {
    write(
        &scratch.lib(Generator::Vook, endpoints),
        &vook_codegen::render_file(api, &format!("synth-{endpoints}.yaml")),
    )?;
    let text =
        serde_json::to_string_pretty(&progenitor_document(api)).map_err(|e| e.to_string())?;
    write(&scratch.openapi(endpoints), &text)
}

/// Writes `contents` to `path` (creating its directory), leaving an unchanged
/// file alone so cargo keeps what it built.
pub(super) fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    if std::fs::read_to_string(path).ok().as_deref() == Some(contents) {
        return Ok(()); // unchanged: keep the mtime, so cargo keeps what it built
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

/// The scratch workspace's manifests and the generator's source.
pub(super) fn write_workspace(
    root: &Path,
    scratch: &Scratch,
    opts: &BenchArgs,
) -> Result<(), String> {
    let lib = |g: Generator, n: usize| scratch.lib(g, n);
    let scratch = &scratch.dir;
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
            let lib = lib(g, n);
            if !lib.exists() {
                write(&lib, "//! Not generated yet.\n")?;
            }
        }
        write(
            &scratch.join(Generator::Vook.krate(n)).join("Cargo.toml"),
            &format!(
                "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
                 [dependencies]\nvook-runtime = {{ path = {:?} }}\n",
                Generator::Vook.krate(n),
                runtime.display().to_string()
            ),
        )?;
        write(
            &scratch
                .join(Generator::Progenitor.krate(n))
                .join("Cargo.toml"),
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
                Generator::Progenitor.krate(n)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What progenitor needs: OpenAPI 3.0, and one error body type per operation.
    #[test]
    fn progenitor_reads_a_3_0_document_with_one_error_type_per_operation() {
        let api = synth_api(10, 12).unwrap();
        let doc = progenitor_document(&api);
        assert_eq!(doc["openapi"], "3.0.3");
        let mut ops = 0;
        for item in doc["paths"].as_object().unwrap().values() {
            for op in item.as_object().unwrap().values() {
                // progenitor counts `default` as a success too: there is none.
                assert!(op["responses"].get("default").is_none());
                let bodies: std::collections::BTreeSet<String> = op["responses"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .filter(|(status, _)| !status.starts_with('2'))
                    .map(|(_, r)| r["content"]["application/json"]["schema"].to_string())
                    .collect();
                assert_eq!(
                    bodies.into_iter().collect::<Vec<_>>(),
                    [r##"{"$ref":"#/components/schemas/ErrorBody"}"##]
                );
                ops += 1;
            }
        }
        assert_eq!(ops, 10);
    }
}
