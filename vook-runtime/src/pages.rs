//! Page streams of list endpoints that declare `paginate`: [`Pages`] (one item per
//! page) and [`Items`] (item by item across pages), from [`Call::pages`] and
//! [`Call::items`].
//!
//! Each page is a full call: a clone of the call the stream was made from, with
//! the cursor parameter set to the position the previous page gave, so retries,
//! the retry budget, the deadline and every per-call option apply to each page.
//! One page is in flight or buffered at a time: the next is requested only when
//! the stream is polled past the current one.
//!
//! The stream ends:
//! - after a page without a next position ([`Paginated::next_cursor`] is `None`
//!   or empty: the cursor style's absent, `null` or `""` field; the Stripe
//!   style's `has_more: false` or empty page);
//! - after an error (the page's call failed: the error is the last item);
//! - with [`Error::Decode`] ([`DecodeErrorKind::RepeatedCursor`]) when the server
//!   hands back a cursor it already gave in this stream (the listing would loop;
//!   only 64-bit hashes of the cursors are kept, never the strings);
//! - with [`Error::Decode`] ([`DecodeErrorKind::TooManyPages`]) before requesting
//!   page [`MAX_PAGES`] + 1 (or the limit of [`Pages::max_pages`]).

use std::collections::HashSet;
use std::future::{Future, IntoFuture};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::api_error::OpError;
use crate::call_builder::{Call, CallFuture};
use crate::error::{DecodeError, DecodeErrorKind, Error};
use crate::response::Response;

/// The most pages a stream requests unless [`Pages::max_pages`] says otherwise.
pub const MAX_PAGES: u32 = 100_000;

/// How the list of one endpoint pages; generated for the `<Op>Error` of every
/// endpoint that declares `paginate` (keyed on the error type, which is unique to
/// the endpoint), so `.pages()` and `.items()` exist only on its calls.
pub trait Paginated: OpError {
    /// The response type: one page.
    type Page;
    /// The element type of the page's list.
    type Item;
    /// Wire name of the query parameter that carries the position.
    const CURSOR: &'static str;
    /// The position of the page after `page`; `None` (or an empty string) on the last page.
    fn next_cursor(page: &Self::Page) -> Option<String>;
    /// The page's items, in order.
    fn into_items(page: Self::Page) -> Vec<Self::Item>;
}

/// The next position of the Stripe style: the key of the last item, unless
/// `has_more` is `Some(false)` or there is no item. For generated
/// [`Paginated::next_cursor`] implementations.
pub fn after_last<T, K: ToString>(
    has_more: Option<bool>,
    items: &[T],
    key: impl FnOnce(&T) -> &K,
) -> Option<String> {
    if has_more == Some(false) {
        return None;
    }
    items.last().map(|last| key(last).to_string())
}

impl<'a, P, E: Paginated<Page = P>> Call<'a, P, E> {
    /// The pages of this listing, starting from the query the call was given: a
    /// [`Stream`] of `vook_runtime::Result<Page, E>`. See [`Pages`].
    pub fn pages(self) -> Pages<'a, P, E> {
        Pages {
            next: Some(self),
            in_flight: None,
            ending: None,
            seen: HashSet::new(),
            requested: 0,
            max_pages: MAX_PAGES,
        }
    }

    /// The items of this listing across pages, starting from the query the call was
    /// given: a [`Stream`] of `Result<Item, Error<E>>`. See [`Items`].
    pub fn items(self) -> Items<'a, P, E> {
        Items {
            pages: self.pages(),
            buffer: Vec::new().into_iter(),
        }
    }
}

/// The pages of a listing, one full call each: a `Send` [`Stream`] of
/// `vook_runtime::Result<Page, E>` (each page with its [`Response`] metadata).
///
/// The stream ends after a page without a next position ([`Paginated::next_cursor`]
/// `None` or empty), after an error (the last item), with [`Error::Decode`] of kind
/// [`DecodeErrorKind::RepeatedCursor`] when the server hands back a cursor it already
/// gave in this stream (only 64-bit hashes of cursors are kept), and with kind
/// [`DecodeErrorKind::TooManyPages`] instead of requesting page [`MAX_PAGES`] + 1 (or
/// past [`Pages::max_pages`]).
#[must_use = "streams do nothing unless polled"]
pub struct Pages<'a, P, E> {
    /// The call of the next page; `None` once the last page was requested.
    next: Option<Call<'a, P, E>>,
    in_flight: Option<CallFuture<'a, P, E>>,
    /// Yielded after the current page: the stream's final error.
    ending: Option<Error<E>>,
    /// Hashes of the cursors the server handed out in this stream.
    seen: HashSet<u64>,
    requested: u32,
    max_pages: u32,
}

impl<P, E> Pages<'_, P, E> {
    /// Request at most `n` pages (default [`MAX_PAGES`]); the stream ends with
    /// [`DecodeErrorKind::TooManyPages`] instead of requesting more.
    pub fn max_pages(mut self, n: u32) -> Self {
        self.max_pages = n;
        self
    }

    /// Pages requested so far.
    pub fn requested(&self) -> u32 {
        self.requested
    }
}

impl<P, E: Paginated<Page = P>> Pages<'_, P, E> {
    /// The next page, or `None` at the end: [`Stream::poll_next`] as an `async fn`,
    /// for callers without a stream combinator crate.
    pub async fn next(&mut self) -> Option<crate::Result<P, E>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

fn hash_of(cursor: &str) -> u64 {
    let mut h = DefaultHasher::new();
    cursor.hash(&mut h);
    h.finish()
}

impl<P, E: Paginated<Page = P>> Pages<'_, P, E> {
    /// Where the stream goes after `page`: the next call, or the end.
    fn advance(&mut self, page: &Response<P>) {
        let cursor = E::next_cursor(page).filter(|c| !c.is_empty());
        let Some(cursor) = cursor else {
            self.next = None;
            return;
        };
        if !self.seen.insert(hash_of(&cursor)) {
            self.next = None;
            let request_id = page.request_id().map(str::to_owned);
            let e = DecodeError::paging(DecodeErrorKind::RepeatedCursor, page.status(), request_id);
            self.ending = Some(Error::Decode(e));
            return;
        }
        if let Some(call) = &mut self.next {
            call.set_query_param(E::CURSOR, Some(cursor));
        }
    }
}

impl<P, E: Paginated<Page = P>> Stream for Pages<'_, P, E> {
    type Item = crate::Result<P, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.in_flight.is_none() {
            if let Some(e) = this.ending.take() {
                return Poll::Ready(Some(Err(e)));
            }
            let Some(call) = &this.next else {
                return Poll::Ready(None);
            };
            if this.requested >= this.max_pages {
                this.next = None;
                let kind = DecodeErrorKind::TooManyPages {
                    limit: this.max_pages,
                };
                return Poll::Ready(Some(Err(Error::Decode(DecodeError::paging(kind, 0, None)))));
            }
            this.requested = this.requested.saturating_add(1);
            this.in_flight = Some(call.clone().into_future());
        }
        let Some(fut) = &mut this.in_flight else {
            return Poll::Ready(None);
        };
        let result = match Pin::new(fut).poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(r) => r,
        };
        this.in_flight = None;
        match &result {
            Ok(page) => this.advance(page),
            Err(_) => this.next = None,
        }
        Poll::Ready(Some(result))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let more = self.in_flight.is_some() || self.ending.is_some() || self.next.is_some();
        (usize::from(self.in_flight.is_some()), (!more).then_some(0))
    }
}

// No field is pinned: the call, the boxed future and the buffers move freely.
impl<P, E> Unpin for Pages<'_, P, E> {}

/// The items of a listing across pages: a `Send` [`Stream`] of
/// `Result<Item, Error<E>>`. Holds at most one page's items
/// ([`Items::buffered`]); the next page is requested when they are consumed.
/// Ends like [`Pages`]; an error is the last item.
#[must_use = "streams do nothing unless polled"]
pub struct Items<'a, P, E: Paginated<Page = P>> {
    pages: Pages<'a, P, E>,
    buffer: std::vec::IntoIter<E::Item>,
}

impl<P, E: Paginated<Page = P>> Items<'_, P, E> {
    /// Request at most `n` pages (default [`MAX_PAGES`]); see [`Pages::max_pages`].
    pub fn max_pages(mut self, n: u32) -> Self {
        self.pages = self.pages.max_pages(n);
        self
    }

    /// Items of the current page not yet yielded: never more than one page holds.
    pub fn buffered(&self) -> usize {
        self.buffer.len()
    }

    /// Pages requested so far.
    pub fn pages_requested(&self) -> u32 {
        self.pages.requested()
    }

    /// The next item, or `None` at the end: [`Stream::poll_next`] as an `async fn`,
    /// for callers without a stream combinator crate.
    pub async fn next(&mut self) -> Option<Result<E::Item, Error<E>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<P, E: Paginated<Page = P>> Stream for Items<'_, P, E> {
    type Item = Result<E::Item, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                // An empty page with a next position: on to the next page.
                Poll::Ready(Some(Ok(page))) => {
                    this.buffer = E::into_items(page.into_inner()).into_iter();
                }
            }
        }
    }
}

impl<P, E: Paginated<Page = P>> Unpin for Items<'_, P, E> {}

impl<P, E> std::fmt::Debug for Pages<'_, P, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("next", &self.next)
            .field("in_flight", &self.in_flight.is_some())
            .field("requested", &self.requested)
            .field("max_pages", &self.max_pages)
            .finish_non_exhaustive()
    }
}

impl<P, E: Paginated<Page = P>> std::fmt::Debug for Items<'_, P, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("buffered", &self.buffer.len())
            .finish()
    }
}
