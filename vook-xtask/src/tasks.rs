//! [`Tasks`]: a user's whole xtask in a few lines: the list of (spec,
//! generated client) pairs, and `regen [--check]`, `validate`, `diff` and
//! `openapi` over it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::regen::{self, Output};

/// The vook tasks of one workspace.
///
/// ```no_run
/// // xtask/src/main.rs of a user's workspace
/// fn main() -> std::process::ExitCode {
///     let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
///     vook_xtask::Tasks::new(root)
///         .facade()
///         .client("shop.yaml", "shop-client/src/lib.rs")
///         .main()
/// }
/// ```
#[derive(Clone, Debug)]
pub struct Tasks {
    root: PathBuf,
    clients: Vec<(String, PathBuf)>,
    options: vook_codegen::Options,
}

impl Tasks {
    /// Tasks of the workspace at `root` (spec and output paths are relative to it).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Tasks {
            root: root.into(),
            clients: Vec::new(),
            // Generated files are prettyplease output: `cargo fmt` must leave them alone.
            options: vook_codegen::Options {
                rustfmt_skip: true,
                ..vook_codegen::Options::default()
            },
        }
    }

    /// Generated clients reach the runtime through the `vook` facade
    /// (`::vook::runtime::...`), so their crates depend on `vook` alone. Without
    /// this they name `::vook_runtime::...` and depend on `vook-runtime`.
    pub fn facade(mut self) -> Self {
        self.options.runtime = vook_codegen::RuntimePath::facade();
        self
    }

    /// Adds a spec and the file its generated client is checked in as (a module
    /// file or a crate's whole `src/lib.rs`: it starts with
    /// `#![cfg_attr(rustfmt, rustfmt::skip)]`, so `cargo fmt` keeps it as generated).
    pub fn client(mut self, spec: impl Into<String>, out: impl Into<PathBuf>) -> Self {
        self.clients.push((spec.into(), out.into()));
        self
    }

    /// The usage text.
    pub fn usage(&self) -> String {
        format!(
            "usage: cargo xtask <task> [args]\n\ntasks:\n  \
             regen [--check]     write (or check) the generated client of every spec\n  \
             validate [PATH...]  check specs (default: every spec); every problem as PATH:LINE:COL\n  \
             diff OLD NEW [--json] | diff --git REV [SPEC] [--json]\n                      \
             what a spec change does to the clients (default SPEC: every spec);\n                      \
             exit 0, 1 when something is breaking, 2 on a bad spec\n  \
             openapi [--spec PATH] [--out FILE]\n                      \
             the OpenAPI 3.1 document of a spec (default: the first), JSON on stdout\n\nspecs: {}\n",
            self.specs().join(", ")
        )
    }

    fn specs(&self) -> Vec<String> {
        self.clients.iter().map(|(s, _)| s.clone()).collect()
    }

    /// Every generated file, from the specs as they are now.
    pub fn outputs(&self) -> Result<Vec<Output>, String> {
        self.clients
            .iter()
            .map(|(spec, out)| {
                regen::client_with(&self.root, spec, self.root.join(out), &self.options)
            })
            .collect()
    }

    /// Runs the process's command line (`std::env::args`) and returns its exit status.
    pub fn main(&self) -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        ExitCode::from(self.run(&args))
    }

    /// Runs `args` (task name first); problems go to stderr. Exit status 0 on
    /// success, 1 on failure (for `diff`: 1 breaking, 2 bad spec or usage).
    pub fn run(&self, args: &[String]) -> u8 {
        let (task, rest) = match args.split_first() {
            Some((t, r)) => (t.as_str(), r),
            None => ("help", &[][..]),
        };
        let result = match task {
            "regen" => regen::parse_check(rest)
                .and_then(|check| regen::write_or_check(&self.root, &self.outputs()?, check)),
            "validate" => crate::validate::run(
                rest,
                &self.root,
                &self.specs(),
                "usage: cargo xtask validate [PATH...]",
            ),
            "openapi" => match self.clients.first() {
                Some((spec, _)) => crate::openapi::run(
                    rest,
                    &self.root,
                    spec,
                    "usage: cargo xtask openapi [--spec PATH] [--out FILE]",
                ),
                None => Err("no spec: add one with Tasks::client".into()),
            },
            "diff" => return self.diff(rest),
            "help" | "-h" | "--help" => {
                print!("{}", self.usage());
                Ok(())
            }
            other => Err(format!("unknown task `{other}`\n\n{}", self.usage())),
        };
        finish(result)
    }

    /// `diff`, where `--git REV` without a spec compares every spec.
    fn diff(&self, args: &[String]) -> u8 {
        let has_git = args.iter().any(|a| a == "--git");
        let positional = positional_count(args);
        if !has_git || positional > 0 {
            return crate::diff::run(args);
        }
        let mut worst = 0;
        for spec in self.specs() {
            let mut one = args.to_vec();
            one.push(self.root.join(&spec).display().to_string());
            worst = worst.max(crate::diff::run(&one));
        }
        worst
    }

    /// The workspace root.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

/// Positional arguments of `diff` (not options, not `--git`'s revision).
fn positional_count(args: &[String]) -> usize {
    let mut n = 0;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--git" {
            it.next();
        } else if !a.starts_with('-') {
            n += 1;
        }
    }
    n
}

/// Prints a failure's message and turns the result into an exit status.
pub fn finish(result: Result<(), String>) -> u8 {
    match result {
        Ok(()) => 0,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("{}", msg.trim_end());
            }
            1
        }
    }
}
