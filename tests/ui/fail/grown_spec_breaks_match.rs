// The spec grew a code on get_item: the match written for the old spec no
// longer covers every code, and that is a compile error (E0004).
use vook_macros::vook_api;

#[vook_api(spec = "specs/grown.yaml")]
pub mod vook {}

fn handle(e: vook::GetItemError) -> &'static str {
    match e {
        vook::GetItemError::NotFound(_) => "gone",
        vook::GetItemError::InvalidApiKey(_) => "key",
        vook::GetItemError::InsufficientPermissions(_) => "scope",
        vook::GetItemError::RateLimitExceeded(_) => "slow",
        vook::GetItemError::InternalError(_) => "server",
        vook::GetItemError::Unknown(_) => "new",
    }
}

fn main() {
    let _ = handle;
}
