// expect: breaking[E0308]
// create_item takes a Tag instead of a NewItem
use super::api;

async fn create(c: &api::Client) -> bool {
    let new = api::NewItem { name: "n".to_owned(), kind: api::ItemKind::Book };
    c.create_item(&new).await.is_ok()
}
