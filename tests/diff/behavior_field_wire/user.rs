// expect: behavior
// Item.note is now sent as memo (same Rust field)
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
