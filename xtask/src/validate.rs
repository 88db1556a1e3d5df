//! `cargo xtask validate [PATH...]`: check specs and print a one-line summary
//! for each, or every problem (`PATH:LINE:COL: error: MESSAGE` with a snippet)
//! and exit 1. The logic is `vook_xtask::validate`, shared with users' xtasks.

use crate::workspace_root;

const USAGE: &str = "usage: cargo xtask validate [PATH...]   (default: schema/vook.yaml)";

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    vook_xtask::validate::run(
        args,
        &workspace_root(),
        &["schema/vook.yaml".to_owned()],
        USAGE,
    )
}
