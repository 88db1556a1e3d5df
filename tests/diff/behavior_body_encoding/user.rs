// expect: behavior
// create_item now sends its body as a form (same call)
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
