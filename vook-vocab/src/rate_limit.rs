//! Rate-limit dialects: how the spec's reset header spells the window's reset
//! (`api.rate_limit_headers.reset_format`).

use core::fmt;

/// How the reset header of `api.rate_limit_headers` says when the window resets.
///
/// ```
/// use vook_vocab::rate_limit::ResetFormat;
///
/// assert_eq!(ResetFormat::parse("duration"), Some(ResetFormat::Duration));
/// assert_eq!(ResetFormat::default(), ResetFormat::Epoch);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ResetFormat {
    /// Unix seconds (`1730462460`), the default.
    #[default]
    Epoch,
    /// Seconds from now (`60`), as the IETF `RateLimit-Reset` header.
    Delta,
    /// A Go-style duration from now (`6m0s`, `1.5s`, `20ms`, `1h2m3.5s`), as OpenAI sends.
    Duration,
}

impl ResetFormat {
    /// Every format, in the order the docs list them.
    pub const ALL: [ResetFormat; 3] = [
        ResetFormat::Epoch,
        ResetFormat::Delta,
        ResetFormat::Duration,
    ];

    /// The spec spelling: `"epoch"`, `"delta"` or `"duration"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ResetFormat::Epoch => "epoch",
            ResetFormat::Delta => "delta",
            ResetFormat::Duration => "duration",
        }
    }

    /// The name of the Rust variant (`"Epoch"`), for code generators.
    pub const fn variant_name(self) -> &'static str {
        match self {
            ResetFormat::Epoch => "Epoch",
            ResetFormat::Delta => "Delta",
            ResetFormat::Duration => "Duration",
        }
    }

    /// Parses the spec spelling (exactly as [`ResetFormat::as_str`] writes it).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

impl fmt::Display for ResetFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_parses_back() {
        for format in ResetFormat::ALL {
            assert_eq!(ResetFormat::parse(format.as_str()), Some(format));
        }
        assert_eq!(ResetFormat::parse("Epoch"), None);
        assert_eq!(ResetFormat::parse("seconds"), None);
    }
}
