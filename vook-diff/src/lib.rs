//! What a spec change does to the generated clients.
//!
//! [`diff`] compares two valid specs and lists every change between their
//! models, each with its [`Class`]:
//! - [`Class::Breaking`]: code written against the old client may stop
//!   compiling; the change names the rustc error a user will see
//!   ([`Change::rustc`]) and the generated item it hits ([`Change::item`]);
//! - [`Class::Behavior`]: still compiles, behaves differently (retry class,
//!   status, method, path, base URL, idempotency, headers, retry defaults);
//! - [`Class::Additive`]: new endpoints, types, fields of types users only read;
//! - [`Class::Docs`]: summary, fix, message and description text only.
//!
//! Each change carries both specs' `PATH:LINE:COL` (for an addition, the old
//! side points at where it would go; for a removal, the new side does).
//! Renames are a removal plus an addition; where the definitions are equal the
//! addition says "looks like a rename of ...".
//!
//! Which rustc error each rule names is not a guess: `tests/diff/` holds spec
//! pairs whose user crates are compiled against both generated clients, and a
//! test checks that rustc reports exactly the predicted codes.
//!
//! ```
//! use vook_diff::{diff, Class, Spec};
//! let base = "vook: 1\napi: { name: demo, base_url: 'https://x.test' }\nerrors:\n  gone: { status: 404 }\nendpoints:\n  ping: { method: GET, path: /ping }\n";
//! let grown = base.replace("path: /ping }", "path: /ping, errors: [gone] }");
//! let old = Spec::load_str("old.yaml", base).expect("valid");
//! let new = Spec::load_str("new.yaml", &grown).expect("valid");
//! let report = diff(&old, &new);
//! assert!(report.is_breaking());
//! let change = &report.changes[0];
//! assert_eq!((change.class, change.rustc, change.item.as_str()), (Class::Breaking, Some("E0004"), "PingError"));
//! ```

mod api_level;
mod endpoints;
mod errors;
mod fields;
mod renames;
mod render;
mod spec;
mod types;

use serde::Serialize;

pub use spec::Spec;

/// How a change affects code written against the old client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// May stop compiling: [`Change::rustc`] names the error.
    Breaking,
    /// Compiles, behaves differently.
    Behavior,
    /// New things; existing code is unaffected.
    Additive,
    /// Text only (rustdoc, the error catalog, the test server's messages).
    Docs,
}

impl Class {
    /// The lowercase name used in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Behavior => "behavior",
            Class::Additive => "additive",
            Class::Docs => "docs",
        }
    }
}

/// A position in one of the two specs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The spec as shown.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub col: u32,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.col)
    }
}

/// One change between the two specs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Its class.
    pub class: Class,
    /// For breaking changes, the rustc error code a user will see (`E0004`, ...).
    pub rustc: Option<&'static str>,
    /// The generated item hit, as a user names it (`GetItemError`, `Client::get_item`, `Item`).
    pub item: String,
    /// What changed, one line.
    pub message: String,
    /// Where, in the old spec.
    pub old: Location,
    /// Where, in the new spec.
    pub new: Location,
}

/// Every change between two specs, breaking ones first, then in spec order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The changes.
    pub changes: Vec<Change>,
}

impl Report {
    /// True when some change is breaking.
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.class == Class::Breaking)
    }

    /// How many changes of `class` there are.
    pub fn count(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }

    /// The exit status `cargo xtask diff` gives: 1 when something is breaking, else 0.
    pub fn exit_code(&self) -> u8 {
        u8::from(self.is_breaking())
    }

    /// One line per change and a summary line, for people.
    pub fn to_text(&self) -> String {
        render::text(self)
    }

    /// The report as pretty JSON, for tools.
    pub fn to_json(&self) -> String {
        render::json(self)
    }
}

/// Every change from `old` to `new`.
pub fn diff(old: &Spec, new: &Spec) -> Report {
    let mut out = Changes {
        old,
        new,
        list: Vec::new(),
    };
    api_level::compare(&mut out);
    errors::compare(&mut out);
    types::compare(&mut out);
    endpoints::compare(&mut out);
    let mut changes = out.list;
    changes.sort_by_key(|c| c.class);
    Report { changes }
}

/// The changes found so far, and the two specs they are found in.
pub(crate) struct Changes<'a> {
    pub(crate) old: &'a Spec,
    pub(crate) new: &'a Spec,
    pub(crate) list: Vec<Change>,
}

impl Changes<'_> {
    /// Records a change at `old_pos` in the old spec and `new_pos` in the new one.
    pub(crate) fn push(
        &mut self,
        class: Class,
        rustc: Option<&'static str>,
        item: impl Into<String>,
        message: impl Into<String>,
        old_pos: vook_schema::Pos,
        new_pos: vook_schema::Pos,
    ) {
        self.list.push(Change {
            class,
            rustc,
            item: item.into(),
            message: message.into(),
            old: self.old.at(old_pos),
            new: self.new.at(new_pos),
        });
    }
}
