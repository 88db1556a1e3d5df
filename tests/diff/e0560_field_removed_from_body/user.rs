// expect: breaking[E0560]
// NewItem loses kind
use super::api;

fn new_item() -> api::NewItem {
    api::NewItem { name: "n".to_owned(), kind: api::ItemKind::Book }
}
