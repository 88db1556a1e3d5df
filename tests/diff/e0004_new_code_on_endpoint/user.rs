// expect: breaking[E0004]
// a new code, returned by get_item
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
