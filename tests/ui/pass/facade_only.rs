// A crate that names only the `vook` facade: the attribute, the runtime's types
// and the README's calls, all through `vook::` paths (the expansion reaches the
// runtime as `::vook::runtime::...`).
use std::time::Duration;

#[vook::api(spec = "specs/vook.yaml")] // relative to the crate's Cargo.toml
pub mod api {}

async fn readme(client: &api::Client) -> Result<(), Box<dyn std::error::Error>> {
    match client.get_item("itm_123").await {
        Ok(item) => println!("{} (request {:?})", item.name, item.request_id()),
        Err(vook::Error::Api(e)) => match e { // no `_` arm: exhaustive
            api::GetItemError::NotFound(err) => println!("gone: {err}"),
            api::GetItemError::InvalidApiKey(err) => return Err(err.into()),
            api::GetItemError::InsufficientPermissions(err) => return Err(err.into()),
            api::GetItemError::RateLimitExceeded(err) => println!("still limited: {:?}", err.retry_after()),
            api::GetItemError::InternalError(err) => println!("server trouble, request {:?}", err.request_id()),
            api::GetItemError::Unknown(err) => println!("a code the spec does not know yet: {}", err.code()),
        },
        Err(other) => return Err(other.into()),
    }
    let created: vook::Response<api::Item> = client
        .create_item(&api::NewItem { name: "Invoice 7421".into(), ..Default::default() })
        .idempotency_key("job-7421-create-invoice")
        .header("x-trace-id", "t-42")
        .timeout(Duration::from_secs(5))
        .max_attempts(5)
        .await?;
    let _limit: Option<&vook::RateLimit> = created.rate_limit();
    let call: vook::Call<'_, _, api::ListItemsError> =
        client.list_items(&api::ListItemsQuery { limit: Some(50), ..Default::default() });
    let _items: vook::Items<'_, _, api::ListItemsError> = call.items();
    Ok(())
}

fn build() -> Result<api::Client, vook::BuildError> {
    let builder: vook::ClientBuilder<api::Client> = api::Client::builder();
    builder.api_key("k").base_url("http://127.0.0.1:1").user_agent("facade-test").build()
}

fn classify(e: &vook::ApiError) -> vook::RetryClass {
    let code: api::ErrorCode = e.code().parse().unwrap_or(api::ErrorCode::InternalError);
    code.retry_class()
}

fn main() {
    let _ = readme;
    let _ = classify;
    let _ = build;
    let _inner: fn(&api::Client) -> &vook::Client = api::Client::inner;
    assert_eq!(api::ErrorCode::NotFound.retry_class(), vook::RetryClass::Never);
}
