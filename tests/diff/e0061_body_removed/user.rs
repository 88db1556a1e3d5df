// expect: breaking[E0061]
// create_item takes no body any more
use super::api;

async fn create(c: &api::Client) -> bool {
    let new = api::NewItem { name: "n".to_owned(), kind: api::ItemKind::Book };
    c.create_item(&new).await.is_ok()
}
