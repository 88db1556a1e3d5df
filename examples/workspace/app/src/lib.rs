//! What the app does with the Shelf API, as functions the binary and the tests
//! share.

use shelf_client::{Client, GetBookError, NewBook};

/// What happened when looking a book up: one case per outcome the app treats
/// differently.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The book, as "TITLE by AUTHOR".
    Found(String),
    /// No book has the id.
    Missing,
    /// Still rate limited after the client's retries.
    Throttled,
    /// The API refused the key, broke, or sent a code this client does not know:
    /// the code, for the log.
    Failed(String),
}

/// Looks book `id` up. The `match` on [`GetBookError`] has no `_` arm: when the
/// spec gives `get_book` a new code and `cargo xtask regen` runs, this stops
/// compiling (E0004) until the new code has an arm.
pub async fn look_up(client: &Client, id: &str) -> Result<Lookup, vook::Error<GetBookError>> {
    match client.get_book(id).await {
        Ok(book) => Ok(Lookup::Found(format!("{} by {}", book.title, book.author))),
        Err(vook::Error::Api(e)) => Ok(match e {
            GetBookError::BookNotFound(_) => Lookup::Missing,
            GetBookError::RateLimited(_) => Lookup::Throttled,
            GetBookError::Unauthorized(err) | GetBookError::ServerError(err) => {
                Lookup::Failed(err.code().to_owned())
            }
            GetBookError::Unknown(err) => Lookup::Failed(err.code().to_owned()),
        }),
        Err(other) => Err(other),
    }
}

/// Adds a book and returns its id.
pub async fn add(
    client: &Client,
    title: &str,
    author: &str,
) -> Result<String, vook::Error<shelf_client::AddBookError>> {
    let book = NewBook {
        title: title.into(),
        author: author.into(),
        pages: None,
    };
    Ok(client.add_book(&book).await?.into_inner().id)
}

/// Every title on the shelf, across pages.
pub async fn titles(
    client: &Client,
) -> Result<Vec<String>, vook::Error<shelf_client::ListBooksError>> {
    let mut out = Vec::new();
    let mut pages = client
        .list_books(&shelf_client::ListBooksQuery {
            limit: Some(2),
            cursor: None,
        })
        .pages();
    while let Some(page) = pages.next().await {
        out.extend(page?.into_inner().books.into_iter().map(|b| b.title));
    }
    Ok(out)
}
