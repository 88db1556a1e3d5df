// expect: breaking[E0609]
// Item loses note
use super::api;

fn note(item: &api::Item) -> Option<&str> {
    item.note.as_deref()
}
