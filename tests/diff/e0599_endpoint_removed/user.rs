// expect: breaking[E0599]
// list_items is gone
use super::api;

async fn list(c: &api::Client) -> usize {
    c.list_items().await.map_or(0, |items| items.len())
}
