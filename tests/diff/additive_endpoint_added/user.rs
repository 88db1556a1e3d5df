// expect: additive
// a new endpoint
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
