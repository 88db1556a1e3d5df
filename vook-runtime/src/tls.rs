//! The TLS choice made by the crate's features (`rustls`, `rustls-ring`,
//! `native-tls`): reqwest does the work; with `rustls-ring` the runtime has to
//! name rustls's crypto provider, since reqwest's own default is aws-lc-rs.

/// With `rustls-ring`, installs ring as the process's default rustls crypto
/// provider, unless one is installed already (the caller's choice wins). Called
/// before the runtime builds its reqwest client; without the feature, nothing.
pub(crate) fn install_crypto_provider() {
    #[cfg(feature = "rustls-ring")]
    {
        // Err only means a provider is installed already, which is what we need.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}
