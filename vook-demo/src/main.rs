//! The vook demo, run by `cargo xtask demo` (the README's first command).
//! Starts the spec-driven test
//! server for `schema/vook.yaml` on 127.0.0.1, then runs the generated client
//! through a realistic session, printing one line per attempt (from the
//! runtime's own tracing spans) and a closing summary. Each step checks its
//! outcome, so the demo doubles as a smoke test: it exits 1 if anything is off.

use std::time::{Duration, Instant};

use vook_client::{Client, GetItemError, ListItemsError, ListItemsQuery, NewItem};
use vook_mock::{Fault, MockServer};
use vook_runtime::Error;

mod trace;

use trace::AttemptPrinter;

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("{msg}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("tokio runtime: {e}"))?;
    let subscriber = tracing_subscriber::layer::SubscriberExt::with(
        tracing_subscriber::registry(),
        AttemptPrinter,
    );
    tracing::subscriber::with_default(subscriber, || runtime.block_on(session()))
}

struct Tally {
    steps: u32,
    started: Instant,
}

impl Tally {
    fn step(&mut self, title: &str) {
        self.steps += 1;
        println!("\n{}. {title}", self.steps);
    }
}

fn check(ok: bool, what: &str) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(format!("demo: unexpected outcome: {what}"))
    }
}

async fn session() -> Result<(), String> {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/vook.yaml");
    let server = MockServer::from_spec_path(&spec)
        .await
        .map_err(|e| format!("test server: {e}"))?;
    println!("vook demo: the generated Vook client (vook-client, from schema/vook.yaml)");
    println!(
        "against the spec-driven test server at {} (loopback only)",
        server.base_url()
    );
    println!(
        "columns: operation, attempt, status, error code, request id, what the client does next"
    );

    // The spec's own retry policy (3 attempts, 500 ms base, 8 s cap, 60 s max Retry-After).
    let client = Client::builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .build()
        .map_err(|e| format!("client: {e}"))?;
    let mut t = Tally {
        steps: 0,
        started: Instant::now(),
    };

    t.step("create an item, then fetch it");
    let created = client
        .create_item(&NewItem {
            name: "Quarterly report".into(),
            tags: Some(vec!["finance".into()]),
            ..Default::default()
        })
        .await
        .map_err(|e| format!("create_item: {e}"))?;
    let id = created.id.clone();
    println!(
        "   created {id} ({:?}), status {}",
        created.kind,
        created.status()
    );
    let got = client
        .get_item(&id)
        .await
        .map_err(|e| format!("get_item: {e}"))?;
    check(
        got.name == "Quarterly report",
        "get_item returns the created item",
    )?;
    println!(
        "   fetched {:?}; rate limit {:?}",
        got.name,
        got.rate_limit()
    );

    t.step("page through the listing with `.items()`, two per page");
    for name in ["Invoice", "Photo"] {
        client
            .create_item(&NewItem {
                name: name.into(),
                ..Default::default()
            })
            .await
            .map_err(|e| format!("create_item: {e}"))?;
    }
    let mut items = client
        .list_items(&ListItemsQuery {
            limit: Some(2),
            cursor: None,
        })
        .items();
    let mut names = Vec::new();
    while let Some(item) = items.next().await {
        let item = item.map_err(|e| format!("list_items: {e}"))?;
        println!(
            "   {:?} (page {}, {} more on it)",
            item.name,
            items.pages_requested(),
            items.buffered()
        );
        names.push(item.name);
    }
    check(
        items.pages_requested() == 2 && names.len() == 3,
        "`.items()` pages through three items two at a time: two pages",
    )?;

    t.step("a validation error, with its typed details");
    match client
        .list_items(&ListItemsQuery {
            limit: Some(-1),
            cursor: Some("not-a-cursor".into()),
        })
        .await
    {
        Err(Error::Api(ListItemsError::ValidationError(e))) => {
            println!("   {e}");
            for d in e.details() {
                println!("     - {}: {}", d.field, d.issue);
            }
            check(!e.details().is_empty(), "details are present")?;
        }
        other => return Err(format!("expected ValidationError, got {other:?}")),
    }

    t.step("a 404, terminal: returned at once, no retry");
    match client.get_item("itm_does_not_exist").await {
        Err(Error::Api(GetItemError::NotFound(e))) => println!("   {e}"),
        other => return Err(format!("expected NotFound, got {other:?}")),
    }

    t.step("a 429 whose Retry-After (1 s) is waited out");
    server.script(
        "get_item",
        [Fault::error("rate_limit_exceeded").retry_after_secs(1)],
    );
    let waited = Instant::now();
    let got = client
        .get_item(&id)
        .await
        .map_err(|e| format!("get_item after 429: {e}"))?;
    println!(
        "   succeeded after {} attempts and {:.1} s",
        got.attempts(),
        waited.elapsed().as_secs_f64()
    );
    check(got.attempts() == 2, "one retry after the 429")?;

    t.step("a 500 retried to success, the same Idempotency-Key on every attempt");
    let mut requests = server.requests().len();
    server.clear_requests();
    server.script("create_item", [Fault::error("internal_error")]);
    let before = server.objects("/items").len();
    let created = client
        .create_item(&NewItem {
            name: "Retried once".into(),
            ..Default::default()
        })
        .await
        .map_err(|e| format!("create_item after 500: {e}"))?;
    let keys: Vec<String> = server
        .requests_for("create_item")
        .iter()
        .filter_map(|r| r.idempotency_key().map(str::to_owned))
        .collect();
    println!(
        "   {} attempts, Idempotency-Key {:?}",
        created.attempts(),
        keys
    );
    check(
        created.attempts() == 2 && matches!(keys.as_slice(), [first, second] if first == second),
        "same key on both attempts",
    )?;
    check(
        server.objects("/items").len() == before + 1,
        "exactly one item was created",
    )?;

    t.step("a caller-chosen Idempotency-Key (a job queue's own) survives a retried POST");
    requests += server.requests().len();
    server.clear_requests();
    server.script("create_item", [Fault::error("internal_error")]);
    let before = server.objects("/items").len();
    let job_key = "job-7421-create-invoice";
    let created = client
        .create_item(&NewItem {
            name: "Invoice 7421".into(),
            ..Default::default()
        })
        .idempotency_key(job_key)
        .timeout(Duration::from_secs(10))
        .await
        .map_err(|e| format!("create_item with a caller key: {e}"))?;
    requests += server.requests().len();
    let keys: Vec<String> = server
        .requests_for("create_item")
        .iter()
        .filter_map(|r| r.idempotency_key().map(str::to_owned))
        .collect();
    println!(
        "   {} attempts, Idempotency-Key seen by the server {:?}",
        created.attempts(),
        keys
    );
    check(
        created.attempts() == 2 && keys.iter().filter(|k| *k == job_key).count() == 2,
        "the caller's key on both attempts",
    )?;
    check(
        server.objects("/items").len() == before + 1,
        "exactly one item was created",
    )?;

    t.step("a 429 with Retry-After: 120 s, longer than the spec's 60 s limit: given up at once");
    server.script(
        "list_items",
        [Fault::error("rate_limit_exceeded").retry_after_secs(120)],
    );
    let gave_up = Instant::now();
    match client.list_items(&ListItemsQuery::default()).await {
        Err(Error::Api(ListItemsError::RateLimitExceeded(e))) => {
            println!("   {e}");
            println!(
                "   retry_after {:?}, gave up after {:?}",
                e.retry_after(),
                gave_up.elapsed()
            );
            check(gave_up.elapsed() < Duration::from_secs(5), "no long wait")?;
        }
        other => return Err(format!("expected RateLimitExceeded, got {other:?}")),
    }

    requests += server.requests().len();
    println!(
        "\nsummary: {} steps passed, {} requests to {}, {:.1} s in all; every retry decision came from the spec's error table.",
        t.steps,
        requests,
        server.base_url(),
        t.started.elapsed().as_secs_f64()
    );
    server.shutdown().await;
    Ok(())
}
