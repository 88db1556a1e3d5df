// expect: breaking[E0061] behavior
// get_item moves under a shop
use super::api;

async fn get(c: &api::Client) -> bool {
    c.get_item("itm_1", &api::GetItemQuery { expand: None }).await.is_ok()
}
