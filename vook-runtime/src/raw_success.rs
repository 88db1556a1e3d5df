//! [`RawSuccess`]: a 2xx response, read and capped, before it is decoded into the
//! endpoint's `T` (the one generic step, done by the client).

use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::error::{DecodeError, DecodeErrorKind};
use crate::error_response::decode_error;
use crate::response::ResponseMeta;
use crate::success_body::{self, DataLocation};

/// A 2xx response, read and capped, before decoding into `T`.
pub(crate) struct RawSuccess {
    body: Bytes,
    data: DataLocation,
    meta: ResponseMeta,
}

impl RawSuccess {
    pub(crate) fn new(body: Bytes, data: DataLocation, meta: ResponseMeta) -> Self {
        RawSuccess { body, data, meta }
    }

    /// The response's status and headers.
    pub(crate) fn meta(&self) -> &ResponseMeta {
        &self.meta
    }

    /// Note how many attempts the call took.
    pub(crate) fn set_attempts(&mut self, attempts: u32) {
        self.meta.attempts = attempts;
    }

    /// The data, decoded as `T`.
    pub(crate) fn decode<T: DeserializeOwned>(&self) -> Result<T, DecodeError> {
        success_body::decode(&self.body, self.data).map_err(|e| self.decode_error(e))
    }

    /// A decode error for this response from `T`'s deserialization error.
    fn decode_error(&self, e: serde_json::Error) -> DecodeError {
        let mut err = decode_error(
            DecodeErrorKind::SuccessBody,
            self.meta.status(),
            self.meta.request_id().map(str::to_owned),
            &self.body,
            false,
            Some(e),
        );
        err.set_attempts(self.meta.attempts);
        err
    }

    pub(crate) fn into_meta(self) -> ResponseMeta {
        self.meta
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use reqwest::header::{HeaderMap, HeaderValue};

    use crate::spec::TEST_SPEC as SPEC;

    #[test]
    fn missing_field_error_names_the_field() {
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", HeaderValue::from_static("r"));
        let mut raw = RawSuccess::new(
            Bytes::from_static(br#"{"other":1}"#),
            DataLocation::Field("data"),
            ResponseMeta::new(200, headers, &SPEC),
        );
        raw.set_attempts(2);
        let d = raw.decode::<u32>().unwrap_err();
        assert_eq!(d.kind(), DecodeErrorKind::SuccessBody);
        assert_eq!(d.attempts(), 2);
        assert_eq!(d.request_id(), Some("r"));
        assert!(d.to_string().contains("no `data` field"), "{d}");
        // T = Option<_> or () decodes from the missing field's null.
        assert_eq!(raw.decode::<Option<u32>>().unwrap(), None);
        raw.decode::<()>().unwrap();
    }
}
