// expect: breaking[E0061]
// archive_item now takes a body
use super::api;

async fn archive(c: &api::Client) -> bool {
    c.archive_item("itm_1").await.is_ok()
}
