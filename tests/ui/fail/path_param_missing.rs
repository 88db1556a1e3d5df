// get_item takes the item id.
use vook_macros::vook_api;

#[vook_api(spec = "specs/vook.yaml")]
pub mod vook {}

async fn get(c: &vook::Client) {
    let _ = c.get_item().await;
}

fn main() {
    let _ = get;
}
