// expect: behavior
// every field and query parameter is now sent PascalCase (same Rust names)
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
