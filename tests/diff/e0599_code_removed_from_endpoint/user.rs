// expect: breaking[E0599]
// get_item no longer returns not_found
use super::api;

fn handle(e: api::GetItemError) -> u8 {
    match e {
        api::GetItemError::InvalidApiKey(_) => 1,
        api::GetItemError::RateLimited(_) => 2,
        api::GetItemError::ServerError(_) => 3,
        api::GetItemError::NotFound(_) => 4,
        api::GetItemError::Unknown(_) => 0,
    }
}
