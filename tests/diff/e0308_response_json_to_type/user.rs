// expect: breaking[E0308]
// get_item returns an Item instead of any JSON value
use super::api;

async fn get(c: &api::Client) -> Option<String> {
    let got = c.get_item("itm_1", &api::GetItemQuery { expand: None }).await;
    let value: vook_runtime::JsonValue = got.ok()?.into_inner();
    value["name"].as_str().map(str::to_owned)
}
