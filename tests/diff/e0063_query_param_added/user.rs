// expect: breaking[E0063]
// get_item gains a second query parameter
use super::api;

fn query() -> api::GetItemQuery {
    api::GetItemQuery { expand: None }
}
