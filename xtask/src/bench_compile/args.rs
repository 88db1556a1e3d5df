//! The command line of `cargo xtask bench-compile`.

/// The usage line, shown with every argument error.
pub(super) const USAGE: &str =
    "usage: cargo xtask bench-compile [--sizes 50,200,1000] [--codes M] [--runs N]";
const DEFAULT_SIZES: [usize; 3] = [50, 200, 1000];
const DEFAULT_CODES: usize = 100;

/// What to measure.
#[derive(Debug)]
pub(super) struct BenchArgs {
    /// Endpoint counts, ascending, without duplicates or zeros.
    pub(super) sizes: Vec<usize>,
    /// Error codes of the synthetic spec.
    pub(super) codes: usize,
    /// Measurements per client crate.
    pub(super) runs: usize,
}

/// Parses the arguments after `bench-compile`.
pub(super) fn parse(args: &[String]) -> Result<BenchArgs, String> {
    let mut opts = BenchArgs {
        sizes: DEFAULT_SIZES.to_vec(),
        codes: DEFAULT_CODES,
        runs: 1,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or(format!("{a} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--sizes" => {
                opts.sizes = value()?
                    .split(',')
                    .map(|s| {
                        s.trim()
                            .parse::<usize>()
                            .map_err(|e| format!("--sizes: `{s}`: {e}"))
                    })
                    .collect::<Result<_, _>>()?;
            }
            "--codes" => opts.codes = value()?.parse().map_err(|e| format!("--codes: {e}"))?,
            "--runs" => opts.runs = value()?.parse().map_err(|e| format!("--runs: {e}"))?,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    opts.sizes.retain(|&n| n > 0);
    opts.sizes.sort_unstable();
    opts.sizes.dedup();
    if opts.sizes.is_empty() || opts.runs == 0 {
        return Err(format!("need at least one size and one run\n{USAGE}"));
    }
    Ok(opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn sizes_are_sorted_and_deduplicated() {
        let a = parse(&args(&["--sizes", "200, 50,200,0", "--runs", "2"])).unwrap();
        assert_eq!(a.sizes, [50, 200]);
        assert_eq!((a.codes, a.runs), (DEFAULT_CODES, 2));
        let d = parse(&[]).unwrap();
        assert_eq!(d.sizes, DEFAULT_SIZES);
    }

    #[test]
    fn bad_arguments_are_reported() {
        assert!(
            parse(&args(&["--nope"]))
                .unwrap_err()
                .contains("unknown argument")
        );
        assert!(
            parse(&args(&["--runs"]))
                .unwrap_err()
                .contains("needs a value")
        );
        assert!(
            parse(&args(&["--runs", "0"]))
                .unwrap_err()
                .contains("at least one")
        );
        assert!(
            parse(&args(&["--sizes", "x"]))
                .unwrap_err()
                .contains("--sizes: `x`")
        );
    }
}
