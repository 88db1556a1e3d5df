//! `prism_check BASE_URL`: the generated Vook client against Stoplight Prism serving
//! the exported OpenAPI document (`cargo xtask openapi`), an implementation of the API
//! that nobody here wrote.
//!
//! Every endpoint is called once for its success status and once for every error
//! status the spec documents for it (Prism answers the status asked for in a
//! `Prefer: code=N` header, with a body made from the document's schema). Each answer
//! must decode: a success into the response type, an error into the `<Op>Error`
//! variant of a code with that status, never into `Unknown`, a decode or a transport
//! error. Prism itself flags requests that break the document (the script that runs
//! this checks its log for violations). Exit status 0 when every check passed.
//!
//! Run by `.ci/conformance.sh`.

use std::process::ExitCode;

use vook_client::{
    Client, CreateItemError, DeleteItemError, ERROR_TABLE, GetItemError, ItemPatch, ListItemsError,
    ListItemsQuery, NewItem, UpdateItemError,
};
use vook_runtime::{Error, OpError};

/// What one call gave, in one line, and whether it is what was asked for.
struct Check {
    line: String,
    passed: bool,
}

/// A client whose every request asks Prism for `status`, with one attempt (no retry
/// hides a wrong answer).
fn client(base_url: &str, status: u16) -> Result<Client, String> {
    let mut headers = reqwest::header::HeaderMap::new();
    let prefer = format!("code={status}");
    let value = reqwest::header::HeaderValue::from_str(&prefer).map_err(|e| e.to_string())?;
    headers.insert("prefer", value);
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .map_err(|e| e.to_string())?;
    Client::builder()
        .base_url(base_url)
        .api_key("prism-check-key")
        .max_attempts(1)
        .http_client(http)
        .build()
        .map_err(|e| e.to_string())
}

/// The verdict on one call that asked for `status`.
fn judge<T, E: OpError>(
    endpoint: &str,
    status: u16,
    success: u16,
    result: vook_runtime::Result<T, E>,
    is_unknown: impl Fn(&E) -> bool,
) -> Check {
    let (passed, what) = match &result {
        Ok(_) => (status == success, "decoded the success body".to_string()),
        Err(Error::Api(e)) => {
            let api = e.api_error();
            let documented = ERROR_TABLE
                .iter()
                .any(|row| row.code == api.code() && row.status == status);
            (
                status != success && api.status() == status && documented && !is_unknown(e),
                format!("typed error `{}` (HTTP {})", api.code(), api.status()),
            )
        }
        Err(other) => (false, format!("not decoded: {other}")),
    };
    let mark = if passed { "ok  " } else { "FAIL" };
    Check {
        line: format!("{mark} {endpoint} asked for {status}: {what}"),
        passed,
    }
}

/// The statuses to ask one endpoint for: its success, then each documented error status once.
fn statuses(success: u16, codes: &[&str]) -> Vec<u16> {
    let mut out = vec![success];
    for row in ERROR_TABLE.iter().filter(|row| codes.contains(&row.code)) {
        if !out.contains(&row.status) {
            out.push(row.status);
        }
    }
    out
}

/// The spec's codes that sort into a variant of `E` other than `Unknown`: the
/// endpoint's documented codes, read off the generated enum itself.
fn codes_of<E: OpError>(is_unknown: impl Fn(&E) -> bool) -> Vec<&'static str> {
    ERROR_TABLE
        .iter()
        .map(|row| row.code)
        .filter(|code| {
            !is_unknown(&E::from_api_error(vook_runtime::ApiError::new(
                0, *code, "",
            )))
        })
        .collect()
}

/// Asks one endpoint for each of its statuses and judges every answer.
macro_rules! check_endpoint {
    ($checks:ident, $base:ident, $name:literal, $success:literal, $err:ident, |$client:ident| $call:expr) => {{
        let unknown = |e: &$err| matches!(e, $err::Unknown(_));
        for status in statuses($success, &codes_of::<$err>(unknown)) {
            let $client = client($base, status)?;
            let result = $call.await;
            $checks.push(judge($name, status, $success, result, unknown));
        }
    }};
}

async fn run(base_url: &str) -> Result<Vec<Check>, String> {
    let mut checks = Vec::new();
    let body = NewItem {
        name: "prism".into(),
        ..NewItem::default()
    };
    let patch = ItemPatch {
        note: Some("checked".into()),
        ..ItemPatch::default()
    };
    let query = ListItemsQuery {
        limit: Some(10),
        ..ListItemsQuery::default()
    };
    check_endpoint!(checks, base_url, "create_item", 201, CreateItemError, |c| c
        .create_item(&body));
    check_endpoint!(checks, base_url, "get_item", 200, GetItemError, |c| c
        .get_item("itm_1"));
    check_endpoint!(checks, base_url, "list_items", 200, ListItemsError, |c| c
        .list_items(&query));
    check_endpoint!(checks, base_url, "update_item", 200, UpdateItemError, |c| c
        .update_item("itm_1", &patch));
    check_endpoint!(checks, base_url, "delete_item", 204, DeleteItemError, |c| c
        .delete_item("itm_1"));
    Ok(checks)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let Some(base_url) = std::env::args().nth(1) else {
        eprintln!("usage: prism_check BASE_URL   (Prism serving `cargo xtask openapi`)");
        return ExitCode::from(2);
    };
    match run(&base_url).await {
        Ok(checks) => {
            for c in &checks {
                println!("{}", c.line);
            }
            let failed = checks.iter().filter(|c| !c.passed).count();
            println!("prism: {} passed, {failed} failed", checks.len() - failed);
            if failed == 0 && !checks.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("prism_check: {e}");
            ExitCode::FAILURE
        }
    }
}
