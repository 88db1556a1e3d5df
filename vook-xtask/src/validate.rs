//! `validate [PATH...]`: check specs; a one-line summary for each, or every
//! problem (`PATH:LINE:COL: error: MESSAGE` with a snippet) and a failure.

use std::path::{Path, PathBuf};

/// Validates `args` (spec paths) or, with none, `defaults` (paths relative to
/// `root`). `usage` is printed for `-h`.
pub fn run(args: &[String], root: &Path, defaults: &[String], usage: &str) -> Result<(), String> {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{usage}");
        return Ok(());
    }
    if let Some(flag) = args.iter().find(|a| a.starts_with('-') && a.len() > 1) {
        return Err(format!("unknown option `{flag}`\n{usage}"));
    }
    let specs: Vec<(PathBuf, String)> = if args.is_empty() {
        defaults.iter().map(|s| (root.join(s), s.clone())).collect()
    } else {
        args.iter()
            .map(|a| (PathBuf::from(a), shown(root, Path::new(a))))
            .collect()
    };
    let mut failed = 0;
    for (path, shown) in &specs {
        match vook_schema::load_file(path, shown) {
            Ok(api) => println!(
                "{shown}: ok: {} endpoints, {} error codes, {} types",
                api.endpoints.len(),
                api.errors.len(),
                api.types.len()
            ),
            Err(diags) => {
                eprint!("{diags}");
                failed += 1;
            }
        }
    }
    if failed == 0 {
        Ok(())
    } else if specs.len() > 1 {
        Err(format!(
            "error: {failed} of {} specs have problems",
            specs.len()
        ))
    } else {
        Err(String::new())
    }
}

/// The path as the user wrote it, made relative to the workspace root when it
/// is an absolute path inside it.
pub fn shown(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(rel) if path.is_absolute() => rel.display().to_string(),
        _ => path.display().to_string(),
    }
}
