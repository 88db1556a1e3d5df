// expect: behavior
// film is now sent as Film (same variant)
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
