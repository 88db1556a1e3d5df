// get_item declares no `paginate`: its calls have no `.items()` (nor `.pages()`),
// while list_items, which declares one, has both.
use vook_macros::vook_api;

#[vook_api(spec = "specs/vook.yaml")]
pub mod vook {}

static GET_ITEM: vook_runtime::Endpoint =
    vook_runtime::Endpoint::new("get_item", vook_runtime::Method::Get, "/items/{item_id}", 200, true);
static LIST_ITEMS: vook_runtime::Endpoint =
    vook_runtime::Endpoint::new("list_items", vook_runtime::Method::Get, "/items", 200, true);

fn calls(client: &vook::Client) {
    let list: vook_runtime::Call<'_, vook::ItemList, vook::ListItemsError> =
        client.inner().call(&LIST_ITEMS, &[], None::<&()>, None::<&()>);
    let _ = list.items();
    let get: vook_runtime::Call<'_, vook::Item, vook::GetItemError> =
        client.inner().call(&GET_ITEM, &[&"itm_1"], None::<&()>, None::<&()>);
    let _ = get.items();
}

fn main() {
    let _ = calls;
}
