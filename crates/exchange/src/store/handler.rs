//! What a capability implements to receive messages of its kinds, hear the answers to those it
//! sent, and poll its peers now and then.

use super::Peer;
use drom_store::Db;
use drom_store::error::StoreError;
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;

/// A boxed future, as handlers return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Why a handler did not apply a message.
#[derive(Debug)]
pub enum HandlerError {
    /// The message is refused for a reason of the capability's (answered as a problem with this
    /// status and code; the sender does not send it again when the status is 400 or 422).
    Refused { status: u16, code: &'static str, detail: String },
    /// Storage failed (answered as the kernel answers a `StoreError`).
    Store(StoreError),
}

impl From<StoreError> for HandlerError {
    fn from(e: StoreError) -> Self {
        HandlerError::Store(e)
    }
}

/// A capability's side of the exchange.
pub trait Handler: Send + Sync {
    /// The kinds of message it receives (e.g. `referral.create`).
    fn kinds(&self) -> &'static [&'static str];

    /// Applies a message from `peer` and answers its response body. Runs once per message id
    /// and peer: a retry of the same message gets the stored answer without a second call.
    fn handle<'a>(
        &'a self,
        db: &'a Db,
        peer: &'a Peer,
        kind: &'a str,
        body: &'a Value,
    ) -> BoxFuture<'a, Result<Value, HandlerError>>;

    /// Hears the peer's answer to a message of its kinds this server sent.
    fn on_response<'a>(
        &'a self,
        _db: &'a Db,
        _peer: &'a Peer,
        _kind: &'a str,
        _body: &'a Value,
        _response: &'a Value,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }

    /// Called every `delivery::POLL_INTERVAL` on each running server (to ask peers about what
    /// a lost push would have told).
    fn poll<'a>(&'a self, _db: &'a Db) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }
}

/// `exchange.ping`: answers `{"pong": true, "echo": body}`, to test a peering end to end.
pub struct Ping;

impl Handler for Ping {
    fn kinds(&self) -> &'static [&'static str] {
        &[crate::domain::PING]
    }

    fn handle<'a>(
        &'a self,
        _db: &'a Db,
        peer: &'a Peer,
        _kind: &'a str,
        body: &'a Value,
    ) -> BoxFuture<'a, Result<Value, HandlerError>> {
        Box::pin(async move { Ok(serde_json::json!({"pong": true, "from_peer": peer.id, "echo": body})) })
    }
}
