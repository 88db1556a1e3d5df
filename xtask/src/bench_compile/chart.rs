//! `docs/bench-compile.svg`: check time against endpoints, both generators,
//! clean checks solid and incremental re-checks dashed.

use std::fmt::Write as _;

use super::runner::SizeResult;
use super::workspace::{GENERATORS, Generator};

impl Generator {
    /// Its line colour in the chart.
    fn color(self) -> &'static str {
        match self {
            Generator::Vook => "#1f6fb4",
            Generator::Progenitor => "#d1452f",
        }
    }
}

/// A "nice" axis step: 1, 2 or 5 times a power of ten, about `max / 5`.
fn nice_step(max: f64) -> f64 {
    let raw = (max / 5.0).max(f64::MIN_POSITIVE);
    let pow = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * pow)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * pow)
}

/// The chart of `results`, for a spec of `codes` error codes, as an SVG document.
pub(super) fn svg_chart(results: &[SizeResult], codes: usize) -> String {
    const W: f64 = 720.0;
    const H: f64 = 440.0;
    const L: f64 = 70.0;
    const R: f64 = 200.0;
    const T: f64 = 50.0;
    const B: f64 = 60.0;
    let max_n = results.iter().map(|r| r.endpoints).max().unwrap_or(1) as f64;
    let max_t = results
        .iter()
        .flat_map(|r| GENERATORS.map(|g| r.of(g)))
        .flat_map(|x| [x.clean_min(), x.incremental_min()])
        .flatten()
        .fold(0.0, f64::max)
        .max(0.1);
    let (xstep, ystep) = (nice_step(max_n), nice_step(max_t));
    let (xmax, ymax) = (
        (max_n / xstep).ceil() * xstep,
        (max_t / ystep).ceil() * ystep,
    );
    let x = |n: f64| L + n / xmax * (W - L - R);
    let y = |t: f64| H - B - t / ymax * (H - T - B);
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="{W}" height="{H}" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text x="{}" y="24" font-size="15" text-anchor="middle">cargo check of a generated client ({codes} error codes; written by cargo xtask bench-compile)</text>"#,
        W / 2.0
    );
    let mut v = 0.0;
    while v <= ymax + ystep / 2.0 {
        let _ = writeln!(
            s,
            r##"<line x1="{L}" y1="{0:.1}" x2="{1:.1}" y2="{0:.1}" stroke="#ddd"/><text x="{2}" y="{3:.1}" text-anchor="end">{v}</text>"##,
            y(v),
            W - R,
            L - 6.0,
            y(v) + 4.0
        );
        v += ystep;
    }
    let mut n = 0.0;
    while n <= xmax + xstep / 2.0 {
        let _ = writeln!(
            s,
            r##"<line x1="{0:.1}" y1="{1}" x2="{0:.1}" y2="{2}" stroke="#eee"/><text x="{0:.1}" y="{3}" text-anchor="middle">{n}</text>"##,
            x(n),
            T,
            H - B,
            H - B + 18.0
        );
        n += xstep;
    }
    let _ = writeln!(
        s,
        r#"<line x1="{L}" y1="{0}" x2="{1}" y2="{0}" stroke="black"/><line x1="{L}" y1="{T}" x2="{L}" y2="{0}" stroke="black"/>"#,
        H - B,
        W - R
    );
    let _ = writeln!(
        s,
        r#"<text x="{}" y="{}" text-anchor="middle">endpoints</text>"#,
        L + (W - L - R) / 2.0,
        H - 18.0
    );
    let _ = writeln!(
        s,
        r#"<text transform="translate(20 {}) rotate(-90)" text-anchor="middle">seconds (wall clock)</text>"#,
        T + (H - T - B) / 2.0
    );
    let mut legend_y = T + 10.0;
    for g in GENERATORS {
        for (label, dash, pick) in [
            ("clean check", "", 0usize),
            ("incremental re-check", r#" stroke-dasharray="6 4""#, 1),
        ] {
            let points: Vec<(f64, f64)> = results
                .iter()
                .filter_map(|r| {
                    let m = r.of(g);
                    let t = if pick == 0 {
                        m.clean_min()
                    } else {
                        m.incremental_min()
                    };
                    Some((x(r.endpoints as f64), y(t?)))
                })
                .collect();
            if points.is_empty() {
                continue;
            }
            let path: Vec<String> = points
                .iter()
                .map(|(a, b)| format!("{a:.1},{b:.1}"))
                .collect();
            let _ = writeln!(
                s,
                r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="2"{dash}/>"#,
                path.join(" "),
                g.color()
            );
            for (a, b) in &points {
                let _ = writeln!(
                    s,
                    r#"<circle cx="{a:.1}" cy="{b:.1}" r="3.5" fill="{}"/>"#,
                    g.color()
                );
            }
            let lx = W - R + 16.0;
            let _ = writeln!(
                s,
                r#"<line x1="{lx}" y1="{legend_y}" x2="{}" y2="{legend_y}" stroke="{}" stroke-width="2"{dash}/><text x="{}" y="{}">{}, {label}</text>"#,
                lx + 24.0,
                g.color(),
                lx + 30.0,
                legend_y + 4.0,
                g.name()
            );
            legend_y += 20.0;
        }
    }
    s.push_str("</svg>\n");
    s
}
