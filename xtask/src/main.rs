//! Project tasks: `cargo xtask <task>`.
fn main() {
    let path = std::env::args().nth(2).unwrap_or_else(|| "schema/vook.yaml".into());
    match vook_schema::load_path(&path) {
        Ok(api) => println!("{path}: ok, {} endpoints, {} codes, {} types", api.endpoints.len(), api.errors.len(), api.types.len()),
        Err(d) => { eprint!("{d}"); std::process::exit(1) }
    }
}
