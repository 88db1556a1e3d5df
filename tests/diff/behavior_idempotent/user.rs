// expect: behavior
// create_item is declared safe to repeat
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
