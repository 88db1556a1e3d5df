//! `cargo xtask demo`: runs the `vook-demo` binary. It is a separate crate so
//! that xtask never depends on the generated client it regenerates (a stale
//! client must not stop `cargo xtask regen` from building).

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    if !args.is_empty() {
        return Err("usage: cargo xtask demo".into());
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(cargo)
        .current_dir(crate::workspace_root())
        .args(["run", "--quiet", "--package", "vook-demo"])
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(String::new())
    }
}
