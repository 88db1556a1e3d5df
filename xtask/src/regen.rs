//! `cargo xtask regen [--check] [--spec PATH --out DIR]`: write (or check) every
//! generated file for a spec. For the bundled spec: the checked-in client
//! (`vook-client/src/generated.rs`), the JSON Schema of the format
//! (`schema/vook.schema.json`) and the error catalog (`docs/errors.md`).

use std::path::{Path, PathBuf};

use crate::workspace_root;

/// One generated file: where it goes and what it must contain.
struct Output {
    path: PathBuf,
    contents: String,
}

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
    let mut stale = Vec::new();
    for o in &outputs {
        let current = std::fs::read_to_string(&o.path).ok();
        if current.as_deref() == Some(o.contents.as_str()) {
            continue;
        }
        if check {
            stale.push(display(&root, &o.path));
        } else {
            if let Some(parent) = o.path.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            std::fs::write(&o.path, &o.contents)
                .map_err(|e| format!("{}: {e}", o.path.display()))?;
            println!("wrote {}", display(&root, &o.path));
        }
    }
    if !stale.is_empty() {
        let mut msg = String::new();
        for s in &stale {
            msg.push_str(&format!(
                "error: {s} is stale: it differs from what the spec generates\n"
            ));
        }
        msg.push_str("fix: run `cargo xtask regen` and commit the result");
        return Err(msg);
    }
    if check {
        println!(
            "regen --check: {} generated files are up to date",
            outputs.len()
        );
    }
    Ok(())
}

fn display(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).display().to_string()
}

fn load(path: &Path, shown: &str) -> Result<vook_schema::Api, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("{shown}: error: cannot read spec: {e}"))?;
    vook_schema::load_bytes(shown, &bytes).map_err(|d| d.to_string())
}

/// The bundled spec's outputs, at their checked-in places.
fn bundled_outputs(root: &Path) -> Result<Vec<Output>, String> {
    let shown = "schema/vook.yaml";
    let api = load(&root.join(shown), shown)?;
    Ok(vec![
        Output {
            path: root.join("vook-client/src/generated.rs"),
            contents: vook_codegen::render_file(&api, shown),
        },
        Output {
            path: root.join("docs/errors.md"),
            contents: vook_codegen::error_catalog(&api, shown),
        },
        Output {
            path: root.join("schema/vook.schema.json"),
            contents: crate::schema::schema_json(),
        },
    ])
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
