//! `import OPENAPI [--out SPEC] [--name NAME] [--all-schemas]`: a vook spec from an OpenAPI 3.0
//! or 3.1 document (JSON or YAML). Warnings go to stderr, all at once, each
//! `OPENAPI#/json/pointer: warning: ...`, then the one-line summary; the spec
//! goes to `--out` (or stdout) and is validated before the task succeeds.

use std::path::{Path, PathBuf};

use vook_import::{Options, import_path};

/// Runs `import` with `args`; relative paths are taken from the current directory.
pub fn run(args: &[String], usage: &str) -> Result<(), String> {
    let mut input: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    let mut options = Options::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => {
                out = Some(
                    it.next()
                        .ok_or(format!("--out needs a file\n{usage}"))?
                        .into(),
                )
            }
            "--name" => {
                options.name = Some(
                    it.next()
                        .ok_or(format!("--name needs a snake_case name\n{usage}"))?
                        .clone(),
                )
            }
            "--all-schemas" => options.all_schemas = true,
            "-h" | "--help" => {
                println!("{usage}");
                return Ok(());
            }
            other if other.starts_with('-') => {
                return Err(format!("unknown option `{other}`\n{usage}"));
            }
            path if input.is_none() => input = Some(path.into()),
            extra => return Err(format!("unexpected argument `{extra}`\n{usage}")),
        }
    }
    let input = input.ok_or(format!("import needs an OpenAPI document\n{usage}"))?;
    let shown = input.display().to_string();
    let import = import_path(&input, &options).map_err(|e| format!("{shown}: error: {e}"))?;
    let mut report = String::new();
    for w in &import.warnings {
        report.push_str(&w.render(&shown));
        report.push('\n');
    }
    eprint!("{report}");
    let spec_name = out
        .as_deref()
        .map_or_else(|| "<stdout>".to_owned(), |p| p.display().to_string());
    match &out {
        Some(path) => write(path, &import.spec)?,
        None => print!("{}", import.spec),
    }
    eprintln!("{}", import.summary);
    import.validate(&spec_name).map(|_| ()).map_err(|d| {
        format!("{d}\nthe imported spec does not validate: this is a bug in `vook-import`; please report it with the document")
    })
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
