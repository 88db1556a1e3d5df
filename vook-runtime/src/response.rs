//! [`Response`]: decoded success data plus what the response said about itself.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;
use std::time::SystemTime;

use reqwest::header::HeaderMap;

use crate::headers::{self, ScannedHeaders};
use crate::rate_limit::RateLimit;
use crate::spec::ApiSpec;

/// Metadata of a successful call.
///
/// The request id and rate-limit state are read from the headers when asked for, not
/// on every call: most callers never look.
#[derive(Clone)]
pub struct ResponseMeta {
    status: u16,
    pub(crate) attempts: u32,
    headers: HeaderMap,
    /// Where the request-id and rate-limit header names come from.
    spec: &'static ApiSpec,
    rate_limit: OnceLock<Option<RateLimit>>,
    /// When the response arrived: a reset sent as a delta or duration counts from here.
    received: SystemTime,
}

impl ResponseMeta {
    pub(crate) fn new(status: u16, headers: HeaderMap, spec: &'static ApiSpec) -> Self {
        ResponseMeta {
            status,
            attempts: 1,
            headers,
            spec,
            rate_limit: OnceLock::new(),
            received: SystemTime::now(),
        }
    }

    /// HTTP status (any 2xx).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Request id from the spec's request-id response header.
    pub fn request_id(&self) -> Option<&str> {
        headers::request_id(&self.headers, self.spec)
    }

    /// Rate-limit state, if the spec names the headers and any was sent.
    pub fn rate_limit(&self) -> Option<&RateLimit> {
        self.rate_limit
            .get_or_init(|| {
                ScannedHeaders::scan(&self.headers, self.spec)
                    .rate_limit(self.received)
                    .0
            })
            .as_ref()
    }

    /// Attempts the call took (1 = no retry).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// All response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }
}

impl fmt::Debug for ResponseMeta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseMeta")
            .field("status", &self.status)
            .field("request_id", &self.request_id())
            .field("rate_limit", &self.rate_limit())
            .field("attempts", &self.attempts)
            .field("headers", &self.headers)
            .finish()
    }
}

/// A successful call: the decoded data (`Deref<Target = T>`) and its [`ResponseMeta`].
#[derive(Clone, Debug)]
pub struct Response<T> {
    data: T,
    meta: ResponseMeta,
}

impl<T> Response<T> {
    pub(crate) fn new(data: T, meta: ResponseMeta) -> Self {
        Response { data, meta }
    }

    /// The decoded data.
    pub fn into_inner(self) -> T {
        self.data
    }

    /// The decoded data and the metadata.
    pub fn into_parts(self) -> (T, ResponseMeta) {
        (self.data, self.meta)
    }

    /// Transform the data, keeping the metadata.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            data: f(self.data),
            meta: self.meta,
        }
    }

    /// The metadata.
    pub fn meta(&self) -> &ResponseMeta {
        &self.meta
    }

    /// HTTP status (any 2xx).
    pub fn status(&self) -> u16 {
        self.meta.status()
    }

    /// Request id from the spec's request-id response header.
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id()
    }

    /// Rate-limit state, if the spec names the headers and any was sent.
    pub fn rate_limit(&self) -> Option<&RateLimit> {
        self.meta.rate_limit()
    }

    /// Attempts the call took (1 = no retry).
    pub fn attempts(&self) -> u32 {
        self.meta.attempts
    }
}

impl<T> Deref for Response<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.data
    }
}

impl<T> DerefMut for Response<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.data
    }
}

impl<T> AsRef<T> for Response<T> {
    fn as_ref(&self) -> &T {
        &self.data
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    use crate::spec::TEST_SPEC as SPEC;

    #[test]
    fn deref_and_parts() {
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", HeaderValue::from_static(" req_1 "));
        headers.insert("x-ratelimit-limit", HeaderValue::from_static("10"));
        headers.insert("x-ratelimit-remaining", HeaderValue::from_static("9"));
        let mut meta = ResponseMeta::new(201, headers, &SPEC);
        meta.attempts = 2;
        let mut r = Response::new(vec![1, 2], meta);
        assert_eq!(r.len(), 2);
        r.push(3);
        assert_eq!(r.status(), 201);
        assert_eq!(r.request_id(), Some("req_1"));
        assert_eq!(r.rate_limit().and_then(|rl| rl.remaining), Some(9));
        assert_eq!(r.rate_limit().and_then(|rl| rl.reset), None);
        assert_eq!(r.attempts(), 2);
        let shown = format!("{:?}", r.meta());
        assert!(shown.contains("request_id: Some(\"req_1\")"), "{shown}");
        let r = r.map(|v| v.len());
        assert_eq!(*r, 3);
        let (data, meta) = r.into_parts();
        assert_eq!(data, 3);
        assert_eq!(meta.attempts(), 2);
        // No headers: nothing, whatever the spec names.
        let bare = ResponseMeta::new(200, HeaderMap::new(), &SPEC);
        assert_eq!((bare.request_id(), bare.rate_limit()), (None, None));
    }
}
