//! Running the measurements: cargo in the scratch workspace, progenitor's
//! generator, and the timed checks of each client crate.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Instant, SystemTime};

use super::args::BenchArgs;
use super::workspace::{GENERATORS, Generator, Scratch, write};

/// One client crate's measurements, in seconds.
#[derive(Default)]
pub(super) struct Measured {
    /// Lines of the generated `src/lib.rs`.
    pub(super) lines: usize,
    /// Clean checks (after `cargo clean -p`).
    pub(super) clean: Vec<f64>,
    /// Incremental re-checks (after touching the source).
    pub(super) incremental: Vec<f64>,
    /// Checks with nothing changed: cargo's own overhead.
    pub(super) noop: Vec<f64>,
    /// Why it could not be measured.
    pub(super) error: Option<String>,
}

impl Measured {
    fn failed(error: String) -> Self {
        Measured {
            error: Some(error),
            ..Measured::default()
        }
    }

    /// The fastest clean check.
    pub(super) fn clean_min(&self) -> Option<f64> {
        min(&self.clean)
    }

    /// The fastest incremental re-check.
    pub(super) fn incremental_min(&self) -> Option<f64> {
        min(&self.incremental)
    }

    /// The fastest no-op check.
    pub(super) fn noop_min(&self) -> Option<f64> {
        min(&self.noop)
    }
}

fn min(xs: &[f64]) -> Option<f64> {
    xs.iter().copied().reduce(f64::min)
}

/// Both clients of one size.
pub(super) struct SizeResult {
    /// Endpoints of the synthetic API.
    pub(super) endpoints: usize,
    /// The vook client.
    pub(super) vook: Measured,
    /// The progenitor client.
    pub(super) progenitor: Measured,
}

impl SizeResult {
    /// The measurements of `generator`'s client.
    pub(super) fn of(&self, generator: Generator) -> &Measured {
        match generator {
            Generator::Vook => &self.vook,
            Generator::Progenitor => &self.progenitor,
        }
    }

    fn of_mut(&mut self, generator: Generator) -> &mut Measured {
        match generator {
            Generator::Vook => &mut self.vook,
            Generator::Progenitor => &mut self.progenitor,
        }
    }
}

/// `a / b`, when both are there.
pub(super) fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a? / b?)
}

/// `cargo` in the scratch workspace, with its own target directory.
pub(super) struct Cargo {
    dir: PathBuf,
    program: OsString,
}

impl Cargo {
    /// cargo (`$CARGO`, else `cargo` on the path) run in `dir`.
    pub(super) fn new(dir: &Path) -> Self {
        Cargo {
            dir: dir.to_path_buf(),
            program: std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()),
        }
    }

    /// Runs `cargo ARGS`; on failure, the last 30 lines of its stderr.
    pub(super) fn run(&self, args: &[&str]) -> Result<(), String> {
        let out = Command::new(&self.program)
            .args(args)
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", self.dir.join("target"))
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let tail: Vec<&str> = stderr.lines().rev().take(30).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            Err(format!(
                "`cargo {}` failed ({}):\n{}",
                args.join(" "),
                out.status,
                tail.join("\n")
            ))
        }
    }

    /// Wall-clock seconds of a successful command.
    fn timed(&self, args: &[&str]) -> Result<f64, String> {
        let start = Instant::now();
        self.run(args)?;
        Ok(start.elapsed().as_secs_f64())
    }
}

/// Builds `progenitor-gen` and generates the progenitor client of every size
/// from its OpenAPI document. A client that could not be generated keeps a
/// placeholder `src/lib.rs` (so the workspace still resolves) and is returned
/// with the reason, by size. `Err` is the build failure of the helper itself,
/// also recorded for every size.
pub(super) fn generate_progenitor_clients(
    cargo: &Cargo,
    scratch: &Scratch,
    opts: &BenchArgs,
) -> (Result<(), String>, Vec<(usize, String)>) {
    let generator = cargo
        .run(&["build", "--release", "-q", "-p", "progenitor-gen"])
        .map_err(|e| format!("progenitor-gen did not build: {e}"));
    if let Err(e) = &generator {
        println!("{e}");
    }
    let mut failed = Vec::new();
    for &n in &opts.sizes {
        let out = scratch.lib(Generator::Progenitor, n);
        let result = match &generator {
            Ok(()) => run_generator(&scratch.progenitor_gen(), &scratch.openapi(n), &out),
            Err(e) => Err(e.clone()),
        };
        if let Err(e) = result {
            let placeholder = write(
                &out,
                "//! progenitor failed to generate this client; see results.json.\n",
            );
            let e = match placeholder {
                Ok(()) => e,
                Err(w) => format!("{e}\n(and the placeholder: {w})"),
            };
            failed.push((n, e));
        }
    }
    (generator, failed)
}

fn run_generator(exe: &Path, input: &Path, output: &Path) -> Result<(), String> {
    let out = Command::new(exe)
        .arg(input)
        .arg(output)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    if out.status.success() {
        Ok(())
    } else {
        let stderr = String::from_utf8_lossy(&out.stderr);
        Err(stderr.lines().take(12).collect::<Vec<_>>().join("\n"))
    }
}

/// Checks every client once, untimed, so the timed checks find their
/// dependencies built.
pub(super) fn check_dependencies(cargo: &Cargo, opts: &BenchArgs) {
    println!("bench-compile: checking dependencies (untimed) ...");
    let crates: Vec<String> = opts
        .sizes
        .iter()
        .flat_map(|&n| GENERATORS.map(|g| g.krate(n)))
        .collect();
    let mut prebuild = vec!["check", "-q"];
    for c in &crates {
        prebuild.extend(["-p", c.as_str()]);
    }
    if let Err(e) = cargo.run(&prebuild) {
        println!("note: the first check failed; each client is measured on its own:\n{e}");
    }
}

/// Measures every client of every size, `opts.runs` times, the generators'
/// runs alternating. `progenitor_failed`: sizes whose progenitor client could
/// not be generated, with the reason.
pub(super) fn measure_all(
    cargo: &Cargo,
    scratch: &Scratch,
    opts: &BenchArgs,
    progenitor_failed: &[(usize, String)],
) -> Result<Vec<SizeResult>, String> {
    let mut results = Vec::new();
    for &n in &opts.sizes {
        let mut m = SizeResult {
            endpoints: n,
            vook: Measured::default(),
            progenitor: Measured::default(),
        };
        for g in GENERATORS {
            let failed = progenitor_failed
                .iter()
                .find(|(size, _)| *size == n && g == Generator::Progenitor);
            if let Some((_, e)) = failed {
                *m.of_mut(g) = Measured::failed(format!("generation failed: {e}"));
            } else {
                let lib = scratch.lib(g, n);
                let text =
                    std::fs::read_to_string(&lib).map_err(|e| format!("{}: {e}", lib.display()))?;
                m.of_mut(g).lines = text.lines().count();
            }
        }
        for run in 0..opts.runs {
            for g in GENERATORS {
                let measured = m.of_mut(g);
                if measured.error.is_some() {
                    continue;
                }
                let krate = g.krate(n);
                print!("bench-compile: {krate} run {}/{} ...", run + 1, opts.runs);
                match measure_once(cargo, &krate, &scratch.lib(g, n)) {
                    Ok(Timings {
                        clean,
                        noop,
                        incremental,
                    }) => {
                        println!(
                            " clean {clean:.2} s, no-op {noop:.2} s, incremental {incremental:.2} s"
                        );
                        measured.clean.push(clean);
                        measured.noop.push(noop);
                        measured.incremental.push(incremental);
                    }
                    Err(e) => {
                        println!(" failed");
                        measured.error = Some(e);
                    }
                }
            }
        }
        results.push(m);
    }
    Ok(results)
}

/// One run's check times of one crate, in seconds.
struct Timings {
    clean: f64,
    noop: f64,
    incremental: f64,
}

/// One clean check (after `cargo clean -p`), a no-op check (nothing changed: cargo's
/// own overhead) and an incremental re-check (after bumping the source's mtime).
fn measure_once(cargo: &Cargo, krate: &str, lib: &Path) -> Result<Timings, String> {
    cargo.run(&["clean", "-q", "-p", krate])?;
    let clean = cargo.timed(&["check", "-q", "-p", krate])?;
    let noop = cargo.timed(&["check", "-q", "-p", krate])?;
    touch(lib)?;
    let incremental = cargo.timed(&["check", "-q", "-p", krate])?;
    Ok(Timings {
        clean,
        noop,
        incremental,
    })
}

fn touch(path: &Path) -> Result<(), String> {
    let file = std::fs::File::options()
        .append(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    // Now, not later: cargo stamps its outputs with the build's start time, so a
    // future mtime would leave the crate dirty for the next check as well.
    file.set_modified(SystemTime::now())
        .map_err(|e| format!("{}: {e}", path.display()))
}
