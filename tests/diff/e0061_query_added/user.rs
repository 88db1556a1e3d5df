// expect: breaking[E0061]
// list_items gains its first query parameter
use super::api;

async fn list(c: &api::Client) -> usize {
    c.list_items().await.map_or(0, |items| items.len())
}
