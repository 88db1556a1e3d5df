// expect: behavior
// create_item answers 200
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
