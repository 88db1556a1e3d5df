// expect: breaking[E0004]
// a new code no endpoint returns yet: ErrorCode gains a variant
use super::api;

fn handle(c: &api::ErrorCode) -> u8 {
    match c {
        api::ErrorCode::InvalidApiKey => 1,
        api::ErrorCode::RateLimited => 2,
        api::ErrorCode::NotFound => 3,
        api::ErrorCode::Conflict => 4,
        api::ErrorCode::ServerError => 5,
        api::ErrorCode::Unknown(_) => 0,
    }
}
