// expect: behavior
// list_items moves to /items/all
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
