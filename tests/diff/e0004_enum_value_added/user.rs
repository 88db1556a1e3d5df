// expect: breaking[E0004]
// ItemKind gains music
use super::api;

fn kind(k: &api::ItemKind) -> u8 {
    match k {
        api::ItemKind::Book => 1,
        api::ItemKind::Film => 2,
        api::ItemKind::Unknown(_) => 0,
    }
}
