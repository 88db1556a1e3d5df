// expect: additive
// Item, only read by users, gains an optional field
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
