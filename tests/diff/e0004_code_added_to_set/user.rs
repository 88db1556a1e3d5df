// expect: breaking[E0004]
// not_found joins the common set: every endpoint without it gains a variant
use super::api;

fn handle(e: api::ListItemsError) -> u8 {
    match e {
        api::ListItemsError::InvalidApiKey(_) => 1,
        api::ListItemsError::RateLimited(_) => 2,
        api::ListItemsError::ServerError(_) => 3,
        api::ListItemsError::Unknown(_) => 0,
    }
}
