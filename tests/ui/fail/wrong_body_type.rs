// create_item takes a NewItem, not an ItemPatch.
use vook_macros::vook_api;

#[vook_api(spec = "specs/vook.yaml")]
pub mod vook {}

async fn create(c: &vook::Client) {
    let _ = c.create_item(&vook::ItemPatch::default()).await;
}

fn main() {
    let _ = create;
}
