// Items written inside the annotated module stay, next to the generated ones.
use vook_macros::vook_api;

#[vook_api(spec = "specs/vook.yaml")]
pub mod vook {
    /// A helper the user keeps beside the generated client.
    pub fn default_page() -> ListItemsQuery {
        ListItemsQuery { limit: Some(50), cursor: None }
    }
}

fn main() {
    assert_eq!(vook::default_page().limit, Some(50));
    assert_eq!(vook::ERROR_TABLE.len(), 6);
}
