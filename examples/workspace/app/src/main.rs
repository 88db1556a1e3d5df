//! `app BOOK_ID`: prints what the Shelf API says about a book
//! (`SHELF_API_KEY` in the environment).

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let Some(id) = std::env::args().nth(1) else {
        eprintln!("usage: app BOOK_ID");
        return ExitCode::from(2);
    };
    let client = match shelf_client::Client::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match app::look_up(&client, &id).await {
        Ok(app::Lookup::Found(book)) => println!("{book}"),
        Ok(app::Lookup::Missing) => println!("no book {id}"),
        Ok(app::Lookup::Throttled) => println!("rate limited; try again later"),
        Ok(app::Lookup::Failed(code)) => {
            eprintln!("error: the API answered {code}");
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
