//! Names and references of `components` entries: the fixed keys of the headers
//! and parameters, `$ref` values, and the claiming of schema names so extra
//! schemas never shadow a spec type.

use std::collections::BTreeSet;

use serde_json::{Value, json};

/// Keys of `components/headers` (fixed: the wire names come from the spec).
pub(super) const H_REQUEST_ID: &str = "RequestId";
pub(super) const H_LIMIT: &str = "RateLimitLimit";
pub(super) const H_REMAINING: &str = "RateLimitRemaining";
pub(super) const H_RESET: &str = "RateLimitReset";
pub(super) const H_RETRY_AFTER: &str = "RetryAfter";
/// Key of the `Idempotency-Key` parameter in `components/parameters`.
pub(super) const P_IDEMPOTENCY_KEY: &str = "IdempotencyKey";

/// `{"$ref": "#/components/schemas/<name>"}`.
pub(super) fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// `{"$ref": "#/components/headers/<name>"}`.
pub(super) fn header_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/headers/{name}") })
}

/// `{"$ref": "#/components/parameters/<name>"}`.
pub(super) fn parameter_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/parameters/{name}") })
}

/// Schema names already taken, so extra schemas never shadow a spec type.
pub(super) struct Names {
    taken: BTreeSet<String>,
}

impl Names {
    /// The names in `taken`, taken.
    pub(super) fn new(taken: impl IntoIterator<Item = String>) -> Self {
        Names {
            taken: taken.into_iter().collect(),
        }
    }

    /// `want`, or `want_2`, `want_3`, ... if taken; the result is taken from now on.
    pub(super) fn claim(&mut self, want: &str) -> String {
        let mut name = want.to_owned();
        let mut n = 2u32;
        while self.taken.contains(&name) {
            name = format!("{want}_{n}");
            n = n.saturating_add(1);
        }
        self.taken.insert(name.clone());
        name
    }
}
