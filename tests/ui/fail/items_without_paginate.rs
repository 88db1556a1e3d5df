// get_item declares no `paginate`: its calls have no `.items()` (nor `.pages()`),
// while list_items, which declares one, has both.
use vook_macros::vook_api;

#[vook_api(spec = "specs/vook.yaml")]
pub mod vook {}

fn calls(client: &vook::Client) {
    let _ = client.list_items(&vook::ListItemsQuery::default()).items();
    let _ = client.list_items(&vook::ListItemsQuery::default()).pages();
    let _ = client.get_item("itm_1").items();
}

fn main() {
    let _ = calls;
}
