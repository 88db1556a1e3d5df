// expect: behavior
// delete_item's {item_id} becomes {id}: same position, same type
// No user.rs code of its own: the test compiles ../common_user.rs against the new client.
