//! `cargo xtask regen [--check] [--spec PATH --out DIR]`: write (or check) every
//! generated file for a spec. For the bundled spec: the checked-in client
//! (`vook-client/src/generated.rs`), the JSON Schema of the format
//! (`schema/vook.schema.json`) and the error catalog (`docs/errors.md`); and the
//! user workspace template's client (`examples/workspace/shelf-client/src/lib.rs`).
//! The write-or-check logic is `vook_xtask::regen`, the one users' xtasks share.

use std::path::{Path, PathBuf};

use vook_xtask::Output;
use vook_xtask::regen::{load, write_or_check};

use crate::workspace_root;

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let mut check = false;
    let mut spec: Option<PathBuf> = None;
    let mut out_dir: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--check" => check = true,
            "--spec" => spec = Some(it.next().ok_or("--spec needs a path")?.into()),
            "--out" => out_dir = Some(it.next().ok_or("--out needs a directory")?.into()),
            other => {
                return Err(format!(
                    "unknown argument `{other}`\nusage: cargo xtask regen [--check] [--spec PATH --out DIR]"
                ));
            }
        }
    }
    let root = workspace_root();
    let outputs = match (spec, out_dir) {
        (None, None) => bundled_outputs(&root)?,
        (Some(spec), Some(dir)) => spec_outputs(&spec, &dir)?,
        _ => return Err("--spec and --out go together".into()),
    };
    write_or_check(&root, &outputs, check)
}

/// The bundled spec's outputs, at their checked-in places.
fn bundled_outputs(root: &Path) -> Result<Vec<Output>, String> {
    let shown = "schema/vook.yaml";
    Ok(vec![
        vook_xtask::regen::client(root, shown, root.join("vook-client/src/generated.rs"))?,
        vook_xtask::regen::error_catalog(root, shown, root.join("docs/errors.md"))?,
        Output {
            path: root.join("schema/vook.schema.json"),
            contents: crate::schema::schema_json(),
        },
        template_client(root)?,
    ])
}

/// The user workspace template's generated client, as its own `cargo xtask regen`
/// (`examples/workspace/xtask/src/main.rs`, the same `Tasks`) writes it, so a
/// generator change regenerates it here too.
fn template_client(root: &Path) -> Result<Output, String> {
    let template = root.join("examples/workspace");
    let mut outputs = vook_xtask::Tasks::new(&template)
        .facade()
        .client("spec/shelf.yaml", "shelf-client/src/lib.rs")
        .outputs()?;
    outputs
        .pop()
        .ok_or_else(|| "examples/workspace: no generated client".to_string())
}

/// Any spec's outputs into `dir`: `<name>.rs` and `<name>-errors.md`.
fn spec_outputs(spec: &Path, dir: &Path) -> Result<Vec<Output>, String> {
    let shown = spec.display().to_string();
    let api = load(spec, &shown)?;
    Ok(vec![
        Output {
            path: dir.join(format!("{}.rs", api.name)),
            contents: vook_codegen::render_file(&api, &shown),
        },
        Output {
            path: dir.join(format!("{}-errors.md", api.name)),
            contents: vook_codegen::error_catalog(&api, &shown),
        },
    ])
}
