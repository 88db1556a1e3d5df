// expect: breaking[E0308]
// get_item's expand becomes an integer
use super::api;

fn query() -> api::GetItemQuery {
    api::GetItemQuery { expand: Some("tags".to_owned()) }
}
