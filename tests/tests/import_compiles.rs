//! The imported published APIs (tests/specs/imported/, kept fresh by
//! `import_real.rs`) compile through `#[vook_api]` as they are, under the
//! workspace lints, and their clients have the methods the documents name.

#![allow(dead_code, unreachable_pub, missing_docs)]

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
        .api_key("Bot token")
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
