//! `cargo xtask regen [--check] | validate | diff | openapi` for this workspace's
//! one spec and its generated client.

fn main() -> std::process::ExitCode {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    vook_xtask::Tasks::new(root)
        .facade() // the generated client names `::vook::runtime`: its crate depends on `vook` alone
        .client("spec/shelf.yaml", "shelf-client/src/lib.rs")
        .main()
}
