// expect: breaking[E0308]
// delete_item's id becomes an integer
use super::api;

async fn delete(c: &api::Client) -> bool {
    c.delete_item("itm_1").await.is_ok()
}
