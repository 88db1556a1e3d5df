// expect: breaking[E0308]
// Item.name becomes any JSON value
use super::api;

fn name(item: &api::Item) -> String {
    let name: String = item.name.clone();
    name
}
