//! Idempotency keys: the first 2xx answer to a POST or PATCH that carries an
//! `Idempotency-Key` is stored under (operation, key) with a fingerprint of
//! the request (method, concrete path, raw query, body bytes). A repeat with
//! the same fingerprint gets the stored answer again; the same key with
//! another fingerprint is refused, neither replayed nor executed.

use std::collections::{HashMap, VecDeque};

use bytes::Bytes;
use http::HeaderName;
use http::request::Parts;
use vook_schema::model::Endpoint;

use crate::body::MockBody;
use crate::reply::{Replies, Reply};

/// The request header carrying the key.
pub(crate) const KEY_HEADER: &str = vook_vocab::header::IDEMPOTENCY_KEY;
/// The response header marking a replayed answer (`true`).
pub(crate) const REPLAYED_HEADER: &str = vook_vocab::header::IDEMPOTENT_REPLAYED;
/// The code refusing a key reused for another request (the spec's own code
/// of this name when it has one), its default status and message.
pub(crate) use vook_vocab::idempotency::{KEY_REUSED_CODE, KEY_REUSED_MESSAGE, KEY_REUSED_STATUS};

/// What makes a repeated request "the same": method, concrete path and raw
/// query as sent, and the body bytes. Compared exactly (no hash to collide).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fingerprint {
    method: String,
    path: String,
    query: Option<String>,
    body: Bytes,
}

/// A request that carries an idempotency key its endpoint honours.
#[derive(Clone, Debug)]
pub(crate) struct KeyedRequest {
    operation: String,
    key: String,
    fingerprint: Fingerprint,
}

impl KeyedRequest {
    /// The keyed request, when `ep` is a POST or PATCH and the request has a
    /// non-empty `Idempotency-Key` (other methods are idempotent already).
    pub(crate) fn of(ep: &Endpoint, parts: &Parts, body: &Bytes) -> Option<KeyedRequest> {
        if ep.method.idempotent_by_default() {
            return None;
        }
        let key = parts
            .headers
            .get(KEY_HEADER)
            .and_then(|v| v.to_str().ok())
            .filter(|k| !k.is_empty())?;
        Some(KeyedRequest {
            operation: ep.name.clone(),
            key: key.to_owned(),
            fingerprint: Fingerprint {
                method: parts.method.as_str().to_owned(),
                path: parts.uri.path().to_owned(),
                query: parts.uri.query().map(str::to_owned),
                body: body.clone(),
            },
        })
    }
}

/// A stored first answer.
#[derive(Clone, Debug)]
struct StoredAnswer {
    fingerprint: Fingerprint,
    status: u16,
    content_type: Option<String>,
    body: Bytes,
}

/// What the store says about a keyed request.
#[derive(Debug)]
pub(crate) enum KeyUse {
    /// The key has no stored answer for this operation: execute.
    Fresh,
    /// The same request was answered before: this reply replays it.
    Replay(Box<Reply>),
    /// The key was used for another request: this reply refuses it.
    Reused(Box<Reply>),
}

/// How many keys the store keeps; past that the oldest is forgotten (as real
/// APIs expire keys, Stripe's after 24 hours), so a long run's memory stays bounded.
pub(crate) const MAX_KEYS: usize = 10_000;

/// The stored first answers, by (operation, key), at most [`MAX_KEYS`].
#[derive(Debug, Default)]
pub(crate) struct IdempotencyStore {
    answers: HashMap<(String, String), StoredAnswer>,
    /// Keys in the order they were stored, oldest first.
    order: VecDeque<(String, String)>,
}

impl IdempotencyStore {
    /// Looks `request` up; `replies` builds the refusal.
    pub(crate) fn check(&self, request: &KeyedRequest, replies: &Replies<'_>) -> KeyUse {
        let slot = (request.operation.clone(), request.key.clone());
        match self.answers.get(&slot) {
            None => KeyUse::Fresh,
            Some(stored) if stored.fingerprint == request.fingerprint => {
                let mut r = Reply::new(stored.status);
                r.content_type = stored.content_type.clone();
                r.body = MockBody::full(stored.body.clone());
                r.replayed = true;
                KeyUse::Replay(Box::new(
                    r.with_header(HeaderName::from_static(REPLAYED_HEADER), "true"),
                ))
            }
            Some(_) => KeyUse::Reused(Box::new(refusal(replies))),
        }
    }

    /// Stores `reply` as the answer to `request` when it is a 2xx with a full body.
    pub(crate) fn remember(&mut self, request: KeyedRequest, reply: &Reply) {
        if !(200..300).contains(&reply.status) {
            return;
        }
        let Some(body) = reply.body.as_full() else {
            return;
        };
        let slot = (request.operation, request.key);
        if !self.answers.contains_key(&slot) {
            while self.order.len() >= MAX_KEYS {
                match self.order.pop_front() {
                    Some(oldest) => self.answers.remove(&oldest),
                    None => break,
                };
            }
            self.order.push_back(slot.clone());
        }
        self.answers.insert(
            slot,
            StoredAnswer {
                fingerprint: request.fingerprint,
                status: reply.status,
                content_type: reply.content_type.clone(),
                body,
            },
        );
    }

    /// Forgets every key.
    pub(crate) fn clear(&mut self) {
        self.answers.clear();
        self.order.clear();
    }

    /// How many keys are stored.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.answers.len()
    }
}

/// The refusal of a reused key: the spec's `idempotency_key_reused` code when
/// it has one, else that code with status 409.
fn refusal(replies: &Replies<'_>) -> Reply {
    match replies.api.error(KEY_REUSED_CODE) {
        Some(code) => replies.spec_error(code, None),
        None => replies.own_error(KEY_REUSED_STATUS, KEY_REUSED_CODE, KEY_REUSED_MESSAGE, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyed(key: usize) -> KeyedRequest {
        KeyedRequest {
            operation: "create_item".to_owned(),
            key: format!("k{key}"),
            fingerprint: Fingerprint {
                method: "POST".to_owned(),
                path: "/items".to_owned(),
                query: None,
                body: Bytes::from_static(b"{}"),
            },
        }
    }

    #[test]
    fn the_store_forgets_the_oldest_keys_past_its_bound() {
        let mut store = IdempotencyStore::default();
        let reply = Reply::new(201);
        for k in 0..MAX_KEYS + 5 {
            store.remember(keyed(k), &reply);
        }
        assert_eq!(store.len(), MAX_KEYS);
        let slot = |k: usize| ("create_item".to_owned(), format!("k{k}"));
        assert!(!store.answers.contains_key(&slot(4)));
        assert!(store.answers.contains_key(&slot(5)));
        assert!(store.answers.contains_key(&slot(MAX_KEYS + 4)));
        // Storing a key again does not count it twice.
        store.remember(keyed(MAX_KEYS + 4), &reply);
        assert_eq!(store.len(), MAX_KEYS);
        assert_eq!(store.order.len(), MAX_KEYS);
    }
}
