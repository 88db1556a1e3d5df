//! The imported published APIs (tests/specs/imported/, kept fresh by
//! `import_real.rs`) compile through `#[vook_api]` as they are, under the
//! workspace lints, their clients have the methods the documents name, and
//! they talk to vook-mock serving the same imported spec over loopback.

#![allow(dead_code, unreachable_pub, missing_docs)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[vook_macros::vook_api(spec = "specs/imported/twilio.yaml")]
mod twilio {}

#[vook_macros::vook_api(spec = "specs/imported/discord.yaml")]
mod discord {}

#[vook_macros::vook_api(spec = "specs/imported/google_maps.yaml")]
mod google_maps {}

#[vook_macros::vook_api(spec = "specs/imported/radarr.yaml")]
mod radarr {}

#[test]
fn the_clients_have_the_documents_operations() {
    let twilio = twilio::Client::builder()
        .api_key("AC123:token")
        .build()
        .expect("client");
    let call = twilio.fetch_account("AC123");
    drop(call);
    let discord = discord::Client::builder()
        .api_key("discord-token")
        .build()
        .expect("client");
    drop(discord.get_my_user());
    let maps = google_maps::Client::builder()
        .api_key("key")
        .build()
        .expect("client");
    drop(maps.geolocate(&Default::default()));
    let radarr = radarr::Client::builder()
        .api_key("key")
        .build()
        .expect("client");
    drop(radarr.get_api_v3_movie_by_id(1));
}

async fn mock(spec: &str) -> vook_mock::MockServer {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("specs/imported")
        .join(spec);
    vook_mock::MockServer::from_spec_path(path)
        .await
        .expect("mock starts")
}

#[tokio::test]
async fn imported_clients_round_trip_through_the_mock() {
    let server = mock("discord.yaml").await;
    let client = discord::Client::builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .build()
        .unwrap();
    let me = client
        .get_my_user()
        .await
        .expect("the mock answers in the imported types");
    assert_eq!(me.status(), 200);

    let server = mock("twilio.yaml").await;
    let client = twilio::Client::builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .build()
        .unwrap();
    let accounts = client
        .list_account(&Default::default())
        .await
        .expect("basic auth and a `.json` route");
    assert_eq!(accounts.status(), 200);
    // `{sid}.json`: a parameter inside a segment routes (the mock stores
    // nothing yet, so the account is not found, rather than no route matching).
    let err = client
        .fetch_account("AC123")
        .await
        .expect_err("no such account");
    let Some(twilio::FetchAccountError::Unknown(api)) = err.api() else {
        panic!("{err:?}")
    };
    assert_eq!((api.status(), api.code()), (404, "not_found"), "{err:?}");

    let server = mock("radarr.yaml").await;
    let client = radarr::Client::builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .build()
        .unwrap();
    let movies = client
        .get_api_v3_movie(&Default::default())
        .await
        .expect("the X-Api-Key header");
    assert_eq!(movies.status(), 200);
}
