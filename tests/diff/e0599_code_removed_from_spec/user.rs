// expect: breaking[E0599]
// conflict (returned by no endpoint) is removed
use super::api;

fn is_conflict(c: &api::ErrorCode) -> bool {
    *c == api::ErrorCode::Conflict
}
