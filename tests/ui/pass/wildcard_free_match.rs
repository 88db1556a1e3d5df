// A match over every variant of an <Op>Error, with no `_` arm, compiles.
use vook_macros::vook_api;

#[vook_api(spec = "specs/vook.yaml")]
pub mod vook {}

fn handle(r: Result<vook_runtime::Response<vook::Item>, vook_runtime::Error<vook::GetItemError>>) -> String {
    match r {
        Ok(item) => item.name.clone(),
        Err(vook_runtime::Error::Api(e)) => match e {
            vook::GetItemError::NotFound(err) => format!("404 {}", err.code()),
            vook::GetItemError::InvalidApiKey(err) => err.message().to_owned(),
            vook::GetItemError::InsufficientPermissions(err) => err.message().to_owned(),
            vook::GetItemError::RateLimitExceeded(err) => format!("{:?}", err.retry_after()),
            vook::GetItemError::InternalError(err) => err.request_id().unwrap_or("-").to_owned(),
            vook::GetItemError::Unknown(err) => err.code().to_owned(),
        },
        Err(other) => other.to_string(),
    }
}

fn main() {
    let _ = handle;
    let code: vook::ErrorCode = "not_found".parse().unwrap();
    assert_eq!(code, vook::ErrorCode::NotFound);
}
