//! A spec-driven HTTP/1.1 test server for vook clients.
//!
//! [`MockServer`] serves the endpoints of any [`vook_schema::Api`] from memory
//! on `127.0.0.1` with an ephemeral port, answers like the described API would,
//! can be scripted to misbehave ([`Fault`]), and records every request
//! ([`RecordedRequest`]).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use vook_mock::{Fault, MockServer};
//!
//! let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/vook.yaml");
//! let server = MockServer::from_spec_path(spec).await?;
//! server.script("create_item", [Fault::error("internal_error")]);
//!
//! let http = reqwest::Client::new();
//! let post = || {
//!     http.post(server.url("/items"))
//!         .bearer_auth(server.api_key())
//!         .header("Idempotency-Key", "k1")
//!         .json(&serde_json::json!({"name": "report"}))
//!         .send()
//! };
//! assert_eq!(post().await?.status(), 500); // the scripted fault
//! let created = post().await?; // the queue is empty: the default behaviour
//! assert_eq!(created.status(), 201);
//! assert_eq!(post().await?.headers()["idempotent-replayed"], "true");
//! assert_eq!(server.objects("/items").len(), 1);
//! assert_eq!(server.requests_for("create_item").len(), 3);
//! # Ok(()) }
//! ```
//!
//! # Default behaviour
//!
//! Generic over specs; nothing is specific to the Vook API.
//!
//! * **Every response** carries the spec's request-id header (`req_<n>`, `n`
//!   counting requests from 1) and, when the spec has rate-limit headers, limit
//!   (default 1000), remaining (counting down per window, never enforced) and
//!   reset (end of the current 60 s window, written in the spec's `reset_format`:
//!   Unix seconds, seconds from now rounded up, or a Go-style duration such as
//!   `6m0s` / `1.5s`); see [`MockServerBuilder::rate_limit`].
//! * **Bodies**: successes are `{<envelope.data>: T}` (or bare `T`) with the
//!   endpoint's `status`, or an empty body for `response: none`. Errors are
//!   `{<envelope.error>: {code, message, request_id, details?}}` (or the bare
//!   object); the message is the code's `message`, else its `summary`.
//! * **Order of checks**: body cap (413; the spec's 413 code, else
//!   `payload_too_large`; no fault is consumed) -> routing -> the next scripted
//!   fault of the routed operation, else of the any-operation queue (a fault
//!   answers instead of everything below) -> 404/405 for unrouted requests ->
//!   auth -> query and body validation -> idempotency (replay or refusal) ->
//!   the endpoint's behaviour (paging parameters are checked there).
//! * **Routing**: an unknown path gets 404 with the code `route_not_found`, a
//!   known path with another method 405 `method_not_allowed` with `Allow`
//!   (both in the spec's error envelope). One trailing `/` is tolerated; path
//!   segments are percent-decoded; the template with the most literal segments wins.
//!   A parameter may sit inside a segment (`/Accounts/{sid}.json`,
//!   `/compare/{base}...{head}`): the segment fits when its literal pieces are
//!   there in order, each parameter non-empty; such a last segment is an item.
//!   A path that fits an endpoint only with a path parameter left empty
//!   (`/items/` for `DELETE /items/{id}`, or `/a//b`, which many clients collapse
//!   to `/a/b`) names no resource: 404, with the endpoint's 404 code (after auth).
//! * **Auth**: when the spec has `auth`, the server's key is required exactly
//!   where the scheme puts it: `Authorization: Bearer <key>` (`bearer`; the scheme
//!   word is case-insensitive, no extra whitespace), `Authorization: Basic
//!   base64(<key>)` (`basic`; the default key is then [`DEFAULT_BASIC_KEY`]), the
//!   named header with the key as its whole value, given once (`header`), or the
//!   named query parameter, given once (`query`; it is removed before the
//!   endpoint's query checks). Otherwise: the first 401 code the endpoint lists
//!   (else the spec's first 401 code, else `unauthorized`), with
//!   `WWW-Authenticate: Bearer` or `Basic` for those two schemes.
//! * **Validation**: declared query parameters are checked (required, integer,
//!   number, boolean, datetime, enum), and when the endpoint has a body type, the
//!   body: present, JSON (or, for `body_encoding: form`, a form in bracket
//!   notation, each value read as its field's type), and of the type. Fields and
//!   query parameters are read and answered under their wire names (`field_case`,
//!   `wire`). Every problem is listed as
//!   `details: [{field, issue}]` (missing required fields, wrong JSON types,
//!   unknown enum values, unknown fields; `null` is fine for optional fields;
//!   nested paths like `tags[1]` or `meta.key`; whole-body problems on the field
//!   `body`). The answer is one rule for query and body: the endpoint's first
//!   `details: true` code; else the first code it lists with status 422, else
//!   with 400 (a code without `details: true` answers without the list); else a
//!   400 with the spec's first 400 code, else with the code `invalid_request`
//!   and the list. [Rules beyond the spec](#rules-beyond-the-spec) lists exactly
//!   what is checked.
//! * **Idempotency**: a POST or PATCH with a non-empty `Idempotency-Key` whose
//!   answer is a 2xx stores that answer (status, content type, body) under
//!   (operation, key) together with the request's fingerprint: method,
//!   concrete path and raw query string as sent, and the body bytes (compared
//!   exactly: `{"a":1}` and `{ "a": 1 }` differ). A later request to the same
//!   operation with the same key, **after** it has passed auth and validation:
//!   - with the same fingerprint gets the stored status and body again, with
//!     `Idempotent-Replayed: true`, without executing;
//!   - with another fingerprint (another item's path, another body or query)
//!     is refused, neither replayed nor executed: the error code
//!     `idempotency_key_reused` in the spec's error envelope, status **409**
//!     (the request conflicts with the one stored under the key; it is not
//!     malformed, so it stays apart from 422 validation errors). When the spec defines a code named `idempotency_key_reused`,
//!     that code answers with its own status and message; no other code is
//!     used for it (a spec's `validation_error` or a 409 `conflict` mean other
//!     things).
//!   - The store keeps the newest 10,000 keys; older ones are forgotten, as real
//!     APIs expire keys.
//!
//!   A request that fails validation gets the validation error whether or not
//!   its key was used. Errors and faults are not stored, so a retry after a
//!   scripted 500 executes once, and a key whose first request failed can be
//!   used again. Keys are per operation; GET, PUT and DELETE ignore them.
//!   [`MockServer::clear_store`] forgets every key.
//! * **Store**: an endpoint's collection is its path with a trailing `/{param}`
//!   removed; objects are kept per concrete collection path.
//!   - POST on a collection path (when the response is a struct with an `id`,
//!     or other endpoints read or list that collection) creates: the body's
//!     non-null fields the response type has, plus generated ones the body
//!     lacks: `id` (`<prefix>_<n>` such as `itm_1` for a string, `n` for an
//!     integer), required datetime fields and `created_at`/`updated_at` as
//!     RFC 3339 now, required lists and maps empty, other required fields as
//!     examples (enums: the first value).
//!   - GET / PATCH / PUT / DELETE on `collection/{id}` find the object whose
//!     `id` equals the segment, else the endpoint's first 404 code. PATCH
//!     merges non-null fields the type has (and bumps a datetime `updated_at`),
//!     PUT replaces (keeping `id` and `created_at`), DELETE removes and answers
//!     the endpoint's status (with the removed object when the response is a struct).
//!   - GET on a collection whose response struct has one list field of a struct
//!     type answers a page of the stored objects, **newest first**, under the
//!     [paging conventions](#paging). An optional string field named
//!     `next_cursor`, `cursor`, `next`, `next_page_token`, `next_page` or `after`
//!     gets the next cursor and is omitted on the last page; a boolean
//!     `has_more` and an integer `total`/`total_count`/`count` are filled too.
//!   - Every other endpoint answers a deterministic example of its response
//!     type: required fields only, one element per list or map, enums' first
//!     value, `"example"`, `1`, `1.5`, `true`, `2024-01-01T00:00:00Z`.
//!     Recursion is bounded and ends in a value of the type: from the sixth
//!     level down lists and maps are empty, so a recursive type stops at the
//!     first level where it can. Where no finite value exists (a struct that
//!     requires itself through required struct fields only, `Node { next: Node }`)
//!     the struct is `{}` where the cycle first repeats past that level; so it is
//!     for a type whose smallest value has over 2000 values.
//!
//! # Paging
//!
//! List endpoints (above) follow these conventions, which the spec format does
//! not state; they apply whether or not the endpoint declares the parameters
//! under `query` (a declared parameter is first checked against its declared
//! type, e.g. `limit: integer?` answers `limit=abc` with "must be an integer").
//!
//! * **Page size**: the first of `limit`, `page_size`, `per_page` present in
//!   the query (in that order; the first occurrence of a repeated name). Absent:
//!   **20**. A decimal integer of at least **1** (a 64-bit signed value) is
//!   required; larger than **1000** is clamped to 1000 without an error. `0`,
//!   a negative number, a non-integer or an integer past 64 bits is a
//!   validation error on that parameter: `must be an integer of at least 1`.
//! * **Cursor**: the first of `cursor`, `page_token`, `after`,
//!   `starting_after` present. Absent or empty: the first page. Otherwise it
//!   must be a cursor this server issued, `cur_<n>` with `n` a decimal offset
//!   into the newest-first order; anything else is a validation error on that
//!   parameter: `is not a cursor this server issued`. A cursor past the end
//!   gives an empty page. Cursors are offsets, not snapshots: objects created
//!   between two pages shift the pages.
//! * **Declared paging**: an endpoint whose spec declares `paginate` is a list
//!   whatever its method and path, with exactly the declared names: its
//!   `items` field holds the page, and the position is read from the declared
//!   `cursor` parameter only (no other name of the list above). With `next`,
//!   the cursor is one the server issued (`cur_<n>`) and the declared field
//!   carries the next one, omitted on the last page. With `next_from_last`, the
//!   parameter holds the declared field of the item the page starts after
//!   (Stripe's `starting_after=<id>`; a number compares as its decimal text);
//!   a value no stored object has is a validation error on that parameter:
//!   ``is not the `id` of a listed object``; after the last object the page is
//!   empty; the declared `has_more` (else a boolean `has_more`) says whether
//!   objects follow. The page size, `has_more` of the cursor style and the total
//!   follow the conventions.
//! * **Errors**: a bad page size and a bad cursor are reported together, as
//!   any validation problem is (above): e.g. 422 `validation_error` with
//!   `details: [{field, issue}]`.
//!
//! The names and numbers are [`vook_vocab::paging`]'s; the OpenAPI export
//! states them on the parameters from the same place.
//!
//! # Rules beyond the spec
//!
//! What the mock refuses that a spec does not say in so many words (each is
//! answered as described above):
//!
//! * request bodies over the cap (default 1 MiB, [`MockServerBuilder::max_body_bytes`]): 413;
//! * with `auth`: exactly `Authorization: Bearer <key>` (scheme in any case,
//!   one space, the key exactly): 401;
//! * declared query parameters: required ones present; `integer` a decimal
//!   64-bit signed integer; `number` a finite number (`1.5`, `-2`, `1e3`;
//!   `NaN` and `inf` refused); `boolean` exactly `true` or `false`; `datetime` RFC 3339 (a real
//!   calendar date, `T`, `t` or a space between date and time, `Z` or
//!   `±hh:mm`, a leap second only as the last second of a UTC month); enums
//!   one of the wire values, exactly. A list parameter (`[integer]`) is the name repeated, each
//!   occurrence an item of the item type; otherwise the first of repeated names is checked;
//!   undeclared parameters are ignored;
//! * endpoints with a body type, whatever their error codes: a non-blank body
//!   that is JSON (whatever the `Content-Type`, except a form's, which is refused)
//!   and of the type; on a `body_encoding: form` endpoint, a body with the form
//!   `Content-Type` (JSON is refused), decoded from `a[b][0]=v` notation (`+` a
//!   space, `[]` appends; a malformed or conflicting key is one issue on `body`),
//!   absent required lists and maps read as empty. Either way: an object for
//!   a struct, required fields present, **unknown fields refused** (request
//!   bodies are closed; the OpenAPI export says `additionalProperties: false`),
//!   `null` only for optional fields, `integer` a JSON integer within 64 bits
//!   signed, or a number without a fraction strictly between -2^63 and 2^63
//!   (`3.0` counts, as in JSON Schema, and is stored as `3`), `datetime` an
//!   RFC 3339 string, enums exact; at most 100 issues are listed;
//! * list endpoints: the [paging conventions](#paging);
//! * idempotency keys: a key reused for another request: 409 `idempotency_key_reused`;
//! * routing: unknown paths 404 `route_not_found`, other methods 405
//!   `method_not_allowed`; an empty segment never matches a path parameter.
//!   Path parameters are not checked against their type: `/orders/abc` for an
//!   `integer` id finds no object (404).
//!
//! # Faults
//!
//! [`MockServer::script`] queues [`Fault`]s per operation id and
//! [`MockServer::script_any`] for any request; each request consumes at most one,
//! falling back to the default behaviour when the queues are empty. Kinds:
//! errors from the spec (or unknown codes) with Retry-After (delta-seconds,
//! HTTP-date, raw) and `Retry-After-Ms` (milliseconds or raw), rate-limit overrides, details and a request id left out of
//! the body; raw statuses with any body (an HTML 502); truncated JSON; bodies cut
//! off mid-stream; huge bodies; delays; connection resets; hangs; pass-through.
//!
//! # Record
//!
//! [`MockServer::requests`] returns every request with its time, method, path,
//! query, operation, headers, body, assigned request id, what answered and the
//! status; [`MockServer::requests_for`] filters by operation and
//! [`MockServer::wait_for_requests`] waits for arrivals. `Debug` redacts
//! credentials; `Display` is a one-line summary.
//!
//! # Lifecycle
//!
//! The server runs on the Tokio runtime that started it. Shutdown (explicit,
//! or when the last clone of the handle drops) closes the listener and every
//! connection at once, hanging requests included.

mod auth;
mod body;
mod clock;
mod crud;
mod envelope;
mod example;
mod fault;
mod form_body;
mod handler;
mod idempotency;
mod listing;
mod playback;
mod record;
mod reply;
mod response_headers;
mod routes;
mod server;
mod spec_types;
mod state;
mod store;
mod type_check;
mod validation;
mod wire_names;

pub use fault::{Fault, FaultKind};
pub use record::{Answer, RecordedRequest};
pub use server::{
    DEFAULT_API_KEY, DEFAULT_BASIC_KEY, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_RECORDED, MockServer,
    MockServerBuilder, StartError,
};
pub use vook_schema::Api;
