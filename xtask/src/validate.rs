//! `cargo xtask validate [PATH]`: check a spec and print a one-line summary,
//! or every problem and exit 1.

use crate::workspace_root;

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let path = match args {
        [] => workspace_root().join("schema/vook.yaml"),
        [p] => std::path::PathBuf::from(p),
        _ => return Err("usage: cargo xtask validate [PATH]".into()),
    };
    let shown = if args.is_empty() { "schema/vook.yaml".to_owned() } else { path.display().to_string() };
    match vook_schema::load_bytes(&shown, &std::fs::read(&path).map_err(|e| format!("{shown}: error: cannot read spec: {e}"))?) {
        Ok(api) => {
            println!(
                "{shown}: ok: {} endpoints, {} error codes, {} types",
                api.endpoints.len(),
                api.errors.len(),
                api.types.len()
            );
            Ok(())
        }
        Err(diags) => {
            eprint!("{diags}");
            Err(String::new())
        }
    }
}
