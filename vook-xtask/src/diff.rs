//! `diff OLD NEW [--json]` and `diff --git REV SPEC [--json]`: what a spec
//! change does to the generated clients ([`vook_diff`]). Exit status 0 when
//! nothing is breaking, 1 when something is, 2 on a bad spec or bad usage.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use vook_diff::Spec;

/// The usage line of `diff`.
pub const USAGE: &str = "\
usage: cargo xtask diff OLD NEW [--json]
       cargo xtask diff --git REV SPEC [--json]   (SPEC as of git revision REV vs. SPEC now)
exit status: 0 nothing breaking, 1 something breaking, 2 a bad spec or bad usage";

/// Exit status for a bad spec or bad usage.
pub const EXIT_BAD_SPEC: u8 = 2;

/// Runs `diff` with `args` (after the task name), printing the report on
/// stdout and problems on stderr; returns the exit status.
pub fn run(args: &[String]) -> u8 {
    match parse(args) {
        Ok(Some(cmd)) => cmd.run(),
        Ok(None) => {
            println!("{USAGE}");
            0
        }
        Err(msg) => {
            eprintln!("error: {msg}\n{USAGE}");
            EXIT_BAD_SPEC
        }
    }
}

/// A parsed `diff` invocation.
#[derive(Debug, PartialEq, Eq)]
struct DiffCommand {
    /// The old spec: a path, or `(rev, path)` for `--git`.
    old: Side,
    /// The new spec's path.
    new: String,
    json: bool,
}

#[derive(Debug, PartialEq, Eq)]
enum Side {
    File(String),
    Git { rev: String, path: String },
}

fn parse(args: &[String]) -> Result<Option<DiffCommand>, String> {
    let mut json = false;
    let mut rev = None;
    let mut paths = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => json = true,
            "--git" => rev = Some(it.next().ok_or("--git needs a revision")?.clone()),
            "-h" | "--help" => return Ok(None),
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option `{flag}`"));
            }
            path => paths.push(path.to_owned()),
        }
    }
    let (old, new) = match (rev, paths.as_slice()) {
        (None, [old, new]) => (Side::File(old.clone()), new.clone()),
        (Some(rev), [spec]) => (
            Side::Git {
                rev,
                path: spec.clone(),
            },
            spec.clone(),
        ),
        (None, _) => return Err("diff takes two specs, OLD and NEW".into()),
        (Some(_), _) => return Err("diff --git REV takes one spec".into()),
    };
    Ok(Some(DiffCommand { old, new, json }))
}

impl DiffCommand {
    fn run(&self) -> u8 {
        let old = match &self.old {
            Side::File(p) => Spec::load_file(Path::new(p), p),
            Side::Git { rev, path } => match git_show(rev, path) {
                Ok(bytes) => Spec::load_bytes(&format!("{rev}:{path}"), &bytes),
                Err(msg) => {
                    eprintln!("{path}: error: {msg}");
                    return EXIT_BAD_SPEC;
                }
            },
        };
        let new = Spec::load_file(Path::new(&self.new), &self.new);
        let (old, new) = match (old, new) {
            (Ok(o), Ok(n)) => (o, n),
            (o, n) => {
                for d in [o.err(), n.err()].into_iter().flatten() {
                    eprint!("{d}");
                }
                return EXIT_BAD_SPEC;
            }
        };
        let report = vook_diff::diff(&old, &new);
        if self.json {
            print!("{}", report.to_json());
        } else {
            print!("{}", report.to_text());
        }
        report.exit_code()
    }
}

/// The bytes of `path` at git revision `rev` (`git show REV:./FILE`, run in
/// the file's directory so any path works), at most the spec size limit + 1.
fn git_show(rev: &str, path: &str) -> Result<Vec<u8>, String> {
    let p = Path::new(path);
    let dir = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let file = p
        .file_name()
        .ok_or_else(|| format!("`{path}` names no file"))?
        .to_string_lossy();
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .arg("show")
        .arg(format!("{rev}:./{file}"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let mut bytes = Vec::new();
    if let Some(out) = child.stdout.take() {
        out.take(vook_schema::node::MAX_SPEC_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read git's output: {e}"))?;
    }
    let mut err = String::new();
    if let Some(e) = child.stderr.take() {
        let _ = e.take(4096).read_to_string(&mut err);
    }
    let status = child.wait().map_err(|e| format!("git: {e}"))?;
    if status.success() || bytes.len() > vook_schema::node::MAX_SPEC_BYTES {
        Ok(bytes)
    } else {
        Err(format!(
            "no version at git revision `{rev}`: {}",
            err.trim()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|a| (*a).to_owned()).collect()
    }

    #[test]
    fn both_forms_parse() {
        let cmd = parse(&args(&["a.yaml", "b.yaml", "--json"]))
            .unwrap()
            .unwrap();
        assert_eq!(cmd.old, Side::File("a.yaml".into()));
        assert!(cmd.json);
        let cmd = parse(&args(&["--git", "HEAD~1", "s.yaml"]))
            .unwrap()
            .unwrap();
        assert_eq!(
            cmd.old,
            Side::Git {
                rev: "HEAD~1".into(),
                path: "s.yaml".into()
            }
        );
        assert_eq!(cmd.new, "s.yaml");
    }

    #[test]
    fn bad_usage_is_exit_2() {
        assert!(parse(&args(&["only.yaml"])).is_err());
        assert!(parse(&args(&["--git"])).is_err());
        assert!(parse(&args(&["--git", "HEAD", "a", "b"])).is_err());
        assert!(parse(&args(&["--nope", "a", "b"])).is_err());
        assert_eq!(run(&args(&["only.yaml"])), EXIT_BAD_SPEC);
        assert_eq!(
            run(&args(&["/no/such/a.yaml", "/no/such/b.yaml"])),
            EXIT_BAD_SPEC
        );
    }
}
