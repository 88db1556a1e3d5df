//! The response body type: a full buffer, a streamed padding (huge bodies without
//! allocating them), or a body that breaks off mid-stream.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use hyper::body::{Body, Frame, SizeHint};

/// Chunk size of streamed padding.
const PAD_CHUNK: usize = 64 * 1024;
static PAD: [u8; PAD_CHUNK] = [b'x'; PAD_CHUNK];

/// The error a [`MockBody::Cut`] body ends with: hyper aborts the connection.
#[derive(Debug)]
pub(crate) struct BodyCut;

impl fmt::Display for BodyCut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("response body cut off by a scripted fault")
    }
}

impl std::error::Error for BodyCut {}

/// A response body.
#[derive(Debug)]
pub(crate) enum MockBody {
    /// Whole body in one frame (`None` once sent, or for an empty body).
    Full(Option<Bytes>),
    /// `prefix`, then `pad` bytes of `x`, then `suffix`, streamed in chunks.
    Padded {
        prefix: Option<Bytes>,
        pad: u64,
        suffix: Option<Bytes>,
    },
    /// Announces `total` bytes, sends `first`, waits `pause` (so the bytes are
    /// flushed to the socket), then fails.
    Cut {
        first: Option<Bytes>,
        total: u64,
        pause: Option<Pin<Box<tokio::time::Sleep>>>,
        sent: bool,
    },
}

impl MockBody {
    /// An empty body.
    pub(crate) fn empty() -> Self {
        MockBody::Full(None)
    }

    /// A body of these bytes.
    pub(crate) fn full(bytes: impl Into<Bytes>) -> Self {
        let b: Bytes = bytes.into();
        if b.is_empty() {
            MockBody::Full(None)
        } else {
            MockBody::Full(Some(b))
        }
    }

    /// The bytes of a [`MockBody::Full`] body that has not been polled yet.
    pub(crate) fn as_full(&self) -> Option<Bytes> {
        match self {
            MockBody::Full(b) => Some(b.clone().unwrap_or_default()),
            _ => None,
        }
    }
}

fn len_of(b: &Option<Bytes>) -> u64 {
    b.as_ref().map_or(0, |b| b.len() as u64)
}

impl Body for MockBody {
    type Data = Bytes;
    type Error = BodyCut;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BodyCut>>> {
        let this = self.get_mut();
        let frame = match this {
            MockBody::Full(b) => b.take().map(|b| Ok(Frame::data(b))),
            MockBody::Padded {
                prefix,
                pad,
                suffix,
            } => {
                if let Some(p) = prefix.take() {
                    Some(Ok(Frame::data(p)))
                } else if *pad > 0 {
                    let n = usize::try_from(*pad).unwrap_or(PAD_CHUNK).min(PAD_CHUNK);
                    *pad -= n as u64;
                    Some(Ok(Frame::data(Bytes::from_static(
                        PAD.get(..n).unwrap_or(&PAD),
                    ))))
                } else {
                    suffix.take().map(|s| Ok(Frame::data(s)))
                }
            }
            MockBody::Cut {
                first, pause, sent, ..
            } => {
                if let Some(f) = first.take() {
                    Some(Ok(Frame::data(f)))
                } else if *sent {
                    None
                } else {
                    if let Some(p) = pause {
                        if p.as_mut().poll(cx).is_pending() {
                            return Poll::Pending;
                        }
                        *pause = None;
                    }
                    *sent = true;
                    Some(Err(BodyCut))
                }
            }
        };
        Poll::Ready(frame)
    }

    fn is_end_stream(&self) -> bool {
        match self {
            MockBody::Full(b) => b.is_none(),
            MockBody::Padded {
                prefix,
                pad,
                suffix,
            } => prefix.is_none() && *pad == 0 && suffix.is_none(),
            MockBody::Cut { sent, .. } => *sent,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            MockBody::Full(b) => SizeHint::with_exact(len_of(b)),
            MockBody::Padded {
                prefix,
                pad,
                suffix,
            } => SizeHint::with_exact(
                len_of(prefix)
                    .saturating_add(*pad)
                    .saturating_add(len_of(suffix)),
            ),
            MockBody::Cut { total, .. } => SizeHint::with_exact(*total),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    #[tokio::test]
    async fn padded_body_streams_exact_length() {
        let body = MockBody::Padded {
            prefix: Some(Bytes::from_static(b"[\"")),
            pad: 200_000,
            suffix: Some(Bytes::from_static(b"\"]")),
        };
        assert_eq!(body.size_hint().exact(), Some(200_004));
        let bytes = body.collect().await.expect("infallible").to_bytes();
        assert_eq!(bytes.len(), 200_004);
        assert!(bytes.starts_with(b"[\"xx") && bytes.ends_with(b"x\"]"));
    }

    #[tokio::test]
    async fn cut_body_fails_after_first_chunk() {
        let pause = Some(Box::pin(tokio::time::sleep(
            std::time::Duration::from_millis(5),
        )));
        let body = MockBody::Cut {
            first: Some(Bytes::from_static(b"{\"da")),
            total: 100,
            pause,
            sent: false,
        };
        assert_eq!(body.size_hint().exact(), Some(100));
        assert!(body.collect().await.is_err());
    }
}
