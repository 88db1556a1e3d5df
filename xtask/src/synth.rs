//! `cargo xtask synth [--endpoints N] [--codes M] [--out FILE]`: a synthetic spec
//! for benchmarks (stdout unless `--out`).

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let mut endpoints = 1000;
    let mut codes = 100;
    let mut out: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--endpoints" => {
                endpoints = value()?.parse().map_err(|e| format!("--endpoints: {e}"))?
            }
            "--codes" => codes = value()?.parse().map_err(|e| format!("--codes: {e}"))?,
            "--out" => out = Some(value()?),
            other => {
                return Err(format!(
                    "unknown argument `{other}`\nusage: cargo xtask synth [--endpoints N] [--codes M] [--out FILE]"
                ));
            }
        }
    }
    let yaml = vook_codegen::synth::spec(endpoints, codes);
    match out {
        Some(path) => std::fs::write(&path, yaml).map_err(|e| format!("{path}: {e}")),
        None => {
            print!("{yaml}");
            Ok(())
        }
    }
}
