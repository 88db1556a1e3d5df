// expect: docs
// invalid_api_key's fix is reworded
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
