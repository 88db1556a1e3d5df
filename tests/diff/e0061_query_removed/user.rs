// expect: breaking[E0061] breaking[E0422]
// get_item loses its only query parameter (and GetItemQuery with it)
use super::api;

async fn get(c: &api::Client) -> bool {
    c.get_item("itm_1", &api::GetItemQuery { expand: None }).await.is_ok()
}
