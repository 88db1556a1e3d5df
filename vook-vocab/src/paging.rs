//! The paging conventions of list endpoints, which the spec format does not state:
//! vook-mock applies them, and the OpenAPI export writes them on the parameters that
//! carry them.
//!
//! A list endpoint reads its page size from the first of [`LIMIT_PARAMS`] present in
//! the query: [`DEFAULT_PAGE_SIZE`] when absent, an integer of at least
//! [`MIN_PAGE_SIZE`], a larger value than [`MAX_PAGE_SIZE`] counting as
//! [`MAX_PAGE_SIZE`]. Its position comes from the first of [`CURSOR_PARAMS`]
//! present: absent or empty for the first page, else a cursor the server handed out
//! (vook-mock's are [`CURSOR_PREFIX`] followed by a decimal offset). The response
//! carries the next page's cursor in the first of [`CURSOR_FIELDS`] it has, whether
//! there is more in [`HAS_MORE_FIELD`] and the collection's size in the first of
//! [`TOTAL_FIELDS`].
//!
//! ```
//! use vook_vocab::paging;
//!
//! assert_eq!(paging::LIMIT_PARAMS.first(), Some(&"limit"));
//! assert!(paging::MIN_PAGE_SIZE <= paging::DEFAULT_PAGE_SIZE);
//! assert!(paging::DEFAULT_PAGE_SIZE <= paging::MAX_PAGE_SIZE);
//! ```

/// Query parameters read as the page size, in order: the first present wins.
pub const LIMIT_PARAMS: [&str; 3] = ["limit", "page_size", "per_page"];
/// Query parameters read as the cursor, in order: the first present wins.
pub const CURSOR_PARAMS: [&str; 4] = ["cursor", "page_token", "after", "starting_after"];
/// Response fields (optional strings) that carry the next page's cursor, in order.
pub const CURSOR_FIELDS: [&str; 6] = [
    "next_cursor",
    "cursor",
    "next",
    "next_page_token",
    "next_page",
    "after",
];
/// The response field (a boolean) that says whether another page follows.
pub const HAS_MORE_FIELD: &str = "has_more";
/// Response fields (integers) that carry the collection's size, in order.
pub const TOTAL_FIELDS: [&str; 3] = ["total", "total_count", "count"];
/// The page size when the request gives none.
pub const DEFAULT_PAGE_SIZE: usize = 20;
/// The smallest page size a request may ask for; smaller is a validation error.
pub const MIN_PAGE_SIZE: usize = 1;
/// The largest page size; a larger request counts as this one, without an error.
pub const MAX_PAGE_SIZE: usize = 1000;
/// Cursors vook-mock hands out are this prefix and a decimal offset (`cur_20`).
pub const CURSOR_PREFIX: &str = "cur_";
