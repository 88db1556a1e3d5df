// expect: behavior
// archive_item becomes a PUT (and so idempotent by default)
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
