// Code written against base.yaml's client that uses all of it, wildcard-free:
// every method called with all its arguments, every struct users build written
// as a literal, every enum matched exhaustively, every field read with its type.
// A pair without a user.rs of its own compiles this against its new client.
use super::api;

fn kind(k: &api::ItemKind) -> &'static str {
    match k {
        api::ItemKind::Book => "book",
        api::ItemKind::Film => "film",
        api::ItemKind::Unknown(_) => "new kind",
    }
}

fn code(c: &api::ErrorCode) -> u8 {
    match c {
        api::ErrorCode::InvalidApiKey => 1,
        api::ErrorCode::RateLimited => 2,
        api::ErrorCode::NotFound => 3,
        api::ErrorCode::Conflict => 4,
        api::ErrorCode::ServerError => 5,
        api::ErrorCode::Unknown(_) => 0,
    }
}

fn read(item: &api::Item) -> usize {
    let id: &String = &item.id;
    let name: &String = &item.name;
    let note: &Option<String> = &item.note;
    id.len() + name.len() + note.as_ref().map_or(0, String::len) + kind(&item.kind).len()
}

fn tag(t: &api::Tag) -> &str {
    &t.label
}

async fn all(c: &api::Client) -> usize {
    let mut n = 0;
    match c.get_item("itm_1", &api::GetItemQuery { expand: None }).await {
        Ok(item) => n += read(&item.into_inner()),
        Err(vook_runtime::Error::Api(e)) => match e {
            api::GetItemError::InvalidApiKey(_) => n += 1,
            api::GetItemError::RateLimited(_) => n += 2,
            api::GetItemError::ServerError(_) => n += 3,
            api::GetItemError::NotFound(_) => n += 4,
            api::GetItemError::Unknown(_) => n += 5,
        },
        Err(_) => {}
    }
    let new = api::NewItem {
        name: "n".to_owned(),
        kind: api::ItemKind::Book,
    };
    match c.create_item(&new).await {
        Ok(item) => n += read(&item.into_inner()),
        Err(vook_runtime::Error::Api(e)) => match e {
            api::CreateItemError::InvalidApiKey(_) => n += 1,
            api::CreateItemError::RateLimited(_) => n += 2,
            api::CreateItemError::ServerError(_) => n += 3,
            api::CreateItemError::Unknown(_) => n += 5,
        },
        Err(_) => {}
    }
    if let Ok(done) = c.archive_item("itm_1").await {
        let (): () = done.into_inner();
        n += 1;
    }
    if let Err(vook_runtime::Error::Api(e)) = c.delete_item("itm_1").await {
        match e {
            api::DeleteItemError::InvalidApiKey(_) => n += 1,
            api::DeleteItemError::RateLimited(_) => n += 2,
            api::DeleteItemError::ServerError(_) => n += 3,
            api::DeleteItemError::NotFound(_) => n += 4,
            api::DeleteItemError::Unknown(_) => n += 5,
        }
    }
    if let Ok(items) = c.list_items().await {
        let items: Vec<api::Item> = items.into_inner();
        n += items.iter().map(read).sum::<usize>();
    }
    n + usize::from(code(&api::ErrorCode::from("conflict")))
}
