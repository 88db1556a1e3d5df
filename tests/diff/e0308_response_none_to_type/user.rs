// expect: breaking[E0308] behavior
// delete_item now returns the deleted Item
use super::api;

async fn delete(c: &api::Client) -> bool {
    match c.delete_item("itm_1").await {
        Ok(done) => {
            let (): () = done.into_inner();
            true
        }
        Err(_) => false,
    }
}
