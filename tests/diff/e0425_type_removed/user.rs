// expect: breaking[E0425]
// Tag (used by no endpoint) is removed
use super::api;

fn label(t: &api::Tag) -> &str {
    &t.label
}
