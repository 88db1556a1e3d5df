// expect: behavior
// not_found is now sent with 410
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
