//! Warnings: what the import could not represent exactly, each at the JSON
//! pointer of the place in the OpenAPI document.

use core::fmt;

/// One warning: `OPENAPI#/json/pointer: warning: MESSAGE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The JSON pointer, `#` included (`#/paths/~1items/get`).
    pub pointer: String,
    /// What was not represented, and what the spec has instead.
    pub message: String,
}

impl Warning {
    /// The warning as printed, the document named `source`.
    ///
    /// ```
    /// let w = vook_import::Warning { pointer: "#/paths/~1a/head".into(), message: "skipped".into() };
    /// assert_eq!(w.render("api.json"), "api.json#/paths/~1a/head: warning: skipped");
    /// ```
    pub fn render(&self, source: &str) -> String {
        format!("{source}{}: warning: {}", self.pointer, self.message)
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: warning: {}", self.pointer, self.message)
    }
}

/// The warnings collected so far, in the order found.
#[derive(Debug, Default)]
pub struct Warnings {
    /// Every warning.
    pub list: Vec<Warning>,
}

impl Warnings {
    /// Adds one.
    pub fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.list.push(Warning {
            pointer: pointer.to_owned(),
            message: message.into(),
        });
    }
}
