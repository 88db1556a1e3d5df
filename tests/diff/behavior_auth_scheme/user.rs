// expect: behavior
// the key moves into an X-Api-Key header
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
