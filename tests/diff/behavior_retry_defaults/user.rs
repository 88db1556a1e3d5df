// expect: behavior
// five attempts instead of three
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
