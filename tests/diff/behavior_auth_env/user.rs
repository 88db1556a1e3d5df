// expect: behavior
// the key comes from another variable
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
