//! Shared helpers for the cross-crate tests in `tests/tests/`.

use std::path::PathBuf;
use std::time::Duration;

/// The bundled spec, `schema/vook.yaml`.
pub fn vook_spec_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema/vook.yaml")
}

/// A spec-driven test server for `schema/vook.yaml` on 127.0.0.1.
pub async fn vook_server() -> vook_mock::MockServer {
    match vook_mock::MockServer::from_spec_path(vook_spec_path()).await {
        Ok(server) => server,
        Err(e) => panic!("test server did not start: {e}"),
    }
}

/// A client of the checked-in Vook client for `server`, with short backoff so
/// retry tests stay fast (Retry-After waits are real).
pub fn vook_client(server: &vook_mock::MockServer) -> vook_client::Client {
    vook_client::Client::builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .base_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(50))
        .build()
        .unwrap_or_else(|e| panic!("client builds: {e}"))
}
