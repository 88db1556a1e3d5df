// expect: docs
// not_found's summary is reworded
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
