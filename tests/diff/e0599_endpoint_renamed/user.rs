// expect: breaking[E0599] additive
// delete_item becomes remove_item (same definition)
use super::api;

async fn delete(c: &api::Client) -> bool {
    c.delete_item("itm_1").await.is_ok()
}
