// expect: behavior
// the API moves to v2
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
