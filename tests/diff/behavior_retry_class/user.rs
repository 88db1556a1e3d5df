// expect: behavior
// server_error is no longer retried
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
