// expect: breaking[E0308]
// Item.note is now always there
use super::api;

fn note(item: &api::Item) -> Option<String> {
    let note: Option<String> = item.note.clone();
    note
}
