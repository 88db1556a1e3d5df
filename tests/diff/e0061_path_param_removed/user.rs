// expect: breaking[E0061] behavior
// delete_item takes no id any more
use super::api;

async fn delete(c: &api::Client) -> bool {
    c.delete_item("itm_1").await.is_ok()
}
