// expect: breaking[E0004]
// create_item can now return conflict
use super::api;

fn handle(e: api::CreateItemError) -> u8 {
    match e {
        api::CreateItemError::InvalidApiKey(_) => 1,
        api::CreateItemError::RateLimited(_) => 2,
        api::CreateItemError::ServerError(_) => 3,
        api::CreateItemError::Unknown(_) => 0,
    }
}
