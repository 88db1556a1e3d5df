// expect: behavior
// list_tags no longer declares how it pages
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
