// expect: breaking[E0308]
// get_item returns a Tag instead of an Item
use super::api;

async fn get(c: &api::Client) -> Option<api::Item> {
    let got = c.get_item("itm_1", &api::GetItemQuery { expand: None }).await;
    let item: api::Item = got.ok()?.into_inner();
    Some(item)
}
