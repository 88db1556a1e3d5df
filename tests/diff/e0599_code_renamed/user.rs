// expect: breaking[E0599] breaking[E0004]
// conflict becomes edit_conflict (same definition): removal plus addition
use super::api;

fn is_conflict(c: &api::ErrorCode) -> bool {
    *c == api::ErrorCode::Conflict
}
