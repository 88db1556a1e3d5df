// get_item cannot return validation_error, so its enum has no such variant.
use vook_macros::vook_api;

#[vook_api(spec = "specs/vook.yaml")]
pub mod vook {}

fn is_validation(e: &vook::GetItemError) -> bool {
    matches!(e, vook::GetItemError::ValidationError(_))
}

fn main() {
    let _ = is_validation;
}
