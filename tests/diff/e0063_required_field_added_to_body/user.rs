// expect: breaking[E0063]
// NewItem gains a required price
use super::api;

fn new_item() -> api::NewItem {
    api::NewItem { name: "n".to_owned(), kind: api::ItemKind::Book }
}
