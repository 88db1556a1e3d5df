// Every <Op>Error has an Unknown variant for codes the spec does not list yet;
// leaving it out of a match is an error.
use vook_macros::vook_api;

#[vook_api(spec = "specs/vook.yaml")]
pub mod vook {}

fn handle(e: vook::DeleteItemError) -> &'static str {
    match e {
        vook::DeleteItemError::NotFound(_) => "gone",
        vook::DeleteItemError::InvalidApiKey(_) => "key",
        vook::DeleteItemError::InsufficientPermissions(_) => "scope",
        vook::DeleteItemError::RateLimitExceeded(_) => "slow",
        vook::DeleteItemError::InternalError(_) => "server",
    }
}

fn main() {
    let _ = handle;
}
