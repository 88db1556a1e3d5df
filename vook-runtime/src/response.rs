//! [`Response`]: decoded success data plus what the response said about itself.

use std::ops::{Deref, DerefMut};

use reqwest::header::HeaderMap;

use crate::headers::RateLimit;

/// Metadata of a successful call.
#[derive(Clone, Debug)]
pub struct ResponseMeta {
    pub(crate) status: u16,
    pub(crate) request_id: Option<String>,
    pub(crate) rate_limit: Option<RateLimit>,
    pub(crate) attempts: u32,
    pub(crate) headers: HeaderMap,
}

impl ResponseMeta {
    /// HTTP status (any 2xx).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Request id from the spec's request-id response header.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Rate-limit state, if the spec names the headers and any was sent.
    pub fn rate_limit(&self) -> Option<&RateLimit> {
        self.rate_limit.as_ref()
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
        self.meta.status
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

    #[test]
    fn deref_and_parts() {
        let meta = ResponseMeta {
            status: 201,
            request_id: Some("req_1".into()),
            rate_limit: Some(RateLimit {
                limit: Some(10),
                remaining: Some(9),
                reset: None,
            }),
            attempts: 2,
            headers: HeaderMap::new(),
        };
        let mut r = Response::new(vec![1, 2], meta);
        assert_eq!(r.len(), 2);
        r.push(3);
        assert_eq!(r.status(), 201);
        assert_eq!(r.request_id(), Some("req_1"));
        assert_eq!(r.rate_limit().and_then(|rl| rl.remaining), Some(9));
        assert_eq!(r.attempts(), 2);
        let r = r.map(|v| v.len());
        assert_eq!(*r, 3);
        let (data, meta) = r.into_parts();
        assert_eq!(data, 3);
        assert_eq!(meta.attempts(), 2);
    }
}
