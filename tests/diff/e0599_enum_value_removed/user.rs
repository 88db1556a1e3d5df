// expect: breaking[E0599]
// ItemKind loses film
use super::api;

fn film() -> api::ItemKind {
    api::ItemKind::Film
}
