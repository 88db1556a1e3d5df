//! Second stage: the located YAML tree to a [`Document`], with the simple checks
//! done while reading (shape, types, unknown and duplicate keys, required keys).
//!
//! Every problem is collected, and one mistake is reported once: a value of the
//! wrong type is reported where it is written and replaced by a placeholder (its
//! dotted path recorded in [`Document::broken`]), so that the rest of the file
//! is still read and checked and the validator does not report it again.
//!
//! One module per section of the format ([`keys`] lists the keys of each),
//! all sharing one reader: `reader` (mappings and their keys) and `scalars`
//! (strings, integers, lists, types).

mod api;
mod endpoints;
mod error_fields;
mod errors;
mod key_hint;
pub mod keys;
mod paginate;
mod reader;
mod retry;
mod root;
mod scalars;
mod types;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::node::Node;

// The validator's "did you mean" reads it from here.

/// Reads `root` as a spec document, pushing every problem to `diags`.
/// Returns `None` only when the root is not a mapping; otherwise a document
/// whose unusable parts are placeholders listed in [`Document::broken`].
pub fn document(root: &Node, diags: &mut Vec<Diagnostic>) -> Option<Document> {
    reader::Reader::new(diags).document(root)
}
