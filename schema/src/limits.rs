//! The bounds on what a spec may be: size, nesting, YAML nodes and alias
//! expansion, and the serde-saphyr options that enforce them while reading.
//! Re-exported by [`crate::node`].

/// The largest spec file accepted, in bytes. Real specs are a few hundred KiB at most.
pub const MAX_SPEC_BYTES: usize = 8 * 1024 * 1024;

/// The deepest nesting of mappings and sequences a spec may use. Real specs
/// nest about six deep; the limit stops stack exhaustion on hostile input.
pub const MAX_DEPTH: usize = 32;

/// The most YAML nodes (scalars, mappings, sequences, alias expansions
/// included) a spec may have. A 1000-endpoint spec has about 20,000.
pub const MAX_NODES: usize = 250_000;

/// The most nodes that aliases (`*name`) may replay in total: generous for
/// `<<: *defaults` in every endpoint, far below an alias bomb.
pub const MAX_ALIAS_REPLAY: usize = 100_000;

/// The budgets serde-saphyr enforces while it reads a spec.
pub(crate) fn saphyr_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_reader_input_bytes: Some(MAX_SPEC_BYTES),
            simple_key_max_lookahead: 1024,
            flow_nesting_limit: MAX_DEPTH,
            max_depth: MAX_DEPTH,
            max_events: 4 * MAX_NODES,
            max_nodes: MAX_NODES,
            max_aliases: 50_000,
            max_anchors: 50_000,
            max_recorded_anchor_events: 2 * MAX_ALIAS_REPLAY,
            max_recorded_anchor_bytes: MAX_SPEC_BYTES,
            max_documents: 2,
            max_total_scalar_bytes: MAX_SPEC_BYTES,
            max_merge_keys: 50_000,
            // Many aliases of one anchor (`errors: *common` on every endpoint) are
            // legitimate; the replay limits below bound the expansion instead.
            enforce_alias_anchor_ratio: false,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_ALIAS_REPLAY,
            max_replay_stack_depth: MAX_DEPTH,
        },
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        with_snippet: false,
        strict_booleans: true,
        reject_unsupported_tags: true,
    }
}
