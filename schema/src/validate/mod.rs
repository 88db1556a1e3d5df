//! Third stage: the cross-cutting checks on a [`Document`], and its resolution
//! into the [`model::Api`] the generator reads. Every problem is collected;
//! the model is returned only when there were none.
//!
//! One module per stage, each adding methods to one `Validator` that holds
//! the diagnostics and an index of the spec's names (`index`):
//! `settings` (the `api:` and `retry:` sections; base URLs are checked by
//! `base_url` with the `url` crate, auth and the reset format by `auth`), `naming` (naming rules and collisions
//! of generated names), `references` (type, code and set references, with
//! "did you mean"), `error_sets` (set checks, cycles, and expansion into each
//! endpoint's codes), `paths` (path templates against `path_params`), `paginate` (the
//! names `paginate` gives exist with the types paging needs), and the
//! resolution into the model: `error_fields` (where the error object keeps its
//! fields), `error_codes` (with their `wire` values), `type_defs` and `endpoints`
//! (with the distinct-status rule of status-keyed APIs), whose fields' wire names
//! and bodies' encodings `wire_names` resolves and checks.
//! This module runs them in order and assembles the [`Api`].

mod auth;
pub use auth::CLIENT_HEADERS;
mod base_url;
mod endpoints;
mod error_codes;
mod error_fields;
mod error_sets;
mod index;
mod naming;
mod paginate;
mod paths;
pub use paths::route_shape;
mod references;
mod settings;
mod type_defs;
mod wire_names;

use crate::diagnostic::{Diagnostic, Pos};
use crate::document::Document;
use crate::model::Api;

use index::Index;
use vook_vocab::wire::{BodyEncoding, FieldCase};

/// The API-wide `field_case` and `body_encoding`, which types and endpoints override.
#[derive(Clone, Copy)]
struct WireDefaults {
    case: FieldCase,
    encoding: BodyEncoding,
}

/// Names of items the generator emits itself; a spec type may not take them.
pub const RESERVED_TYPE_NAMES: &[&str] = &["Client", "ClientBuilder", "ErrorCode"];

/// Methods of the generated `Client` that are not endpoints.
pub const RESERVED_METHOD_NAMES: &[&str] = &[
    "builder",
    "from_env",
    "inner",
    "into_inner",
    "clone",
    "fmt",
    "from",
];

/// The most codes the endpoints' error lists may expand to in total (sets
/// included). A 1000-endpoint spec with 100 codes each stays far below; a
/// hostile spec of nested sets stops here instead of exhausting memory.
pub const MAX_EXPANDED_CODES: usize = 2_000_000;

/// Checks `doc` and resolves it. Problems go to `diags`; the model is returned
/// only when there were none.
pub fn validate(doc: &Document, diags: &mut Vec<Diagnostic>) -> Option<Api> {
    let before = diags.len();
    let mut v = Validator {
        diags,
        ix: Index::new(doc),
        expansion_left: MAX_EXPANDED_CODES,
        expansion_reported: false,
    };
    let api = v.api(doc);
    (diags.len() == before).then_some(api)
}

/// The state every stage shares: where problems go, and the lookups.
struct Validator<'d, 'a> {
    diags: &'d mut Vec<Diagnostic>,
    ix: Index<'a>,
    /// What is left of [`MAX_EXPANDED_CODES`].
    expansion_left: usize,
    /// The exhausted expansion budget was reported (once).
    expansion_reported: bool,
}

impl Validator<'_, '_> {
    fn err(&mut self, pos: Pos, msg: impl Into<String>) {
        self.diags.push(Diagnostic::new(pos, msg));
    }

    /// Every stage, in the order of the spec's sections (so diagnostics come
    /// out in the order they always have).
    fn api(&mut self, doc: &Document) -> Api {
        let settings = self.settings(&doc.api);
        let error_fields = self.error_fields(&doc.api);
        let retry = self.retry(doc.retry.as_ref());
        let errors = self.errors(doc);
        self.sets(doc);
        let wire = WireDefaults {
            case: self.field_case(doc.api.field_case.as_ref(), FieldCase::Snake),
            encoding: self.body_encoding(doc.api.body_encoding.as_ref(), BodyEncoding::Json),
        };
        let types = self.types(doc, wire.case);
        let endpoints = self.endpoints(doc, &types, wire);
        Api {
            error_fields,
            retry,
            errors,
            types,
            endpoints,
            ..settings
        }
    }
}
