//! The one door out to peer servers. Every change a peer must hear of (a referral sent to a
//! service of a peer, a status change either side makes, a consent withdrawn) calls `enqueue`
//! in the transaction of the change, so the message exists exactly when the change does; the
//! exchange's outbox signs it, sends it and retries with back-off (docs/exchange.md).

use crate::domain::wire::{ConsentWithdrawn, ReferralRequest, StatusUpdate};
use drom_exchange::ExchangeDb;
use drom_store::Db;
use drom_store::db::Conn;
use drom_store::error::StoreError;
use serde::Serialize;

/// A message for a peer server.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Outgoing {
    Request(Box<ReferralRequest>),
    Status(StatusUpdate),
    Withdrawn(ConsentWithdrawn),
}

impl Outgoing {
    /// The exchange's message kind: `referral.request`, `referral.status` or
    /// `referral.consent_withdrawn` (the handler in `crate::exchange` takes the same).
    pub fn kind(&self) -> &'static str {
        match self {
            Outgoing::Request(_) => crate::exchange::REQUEST,
            Outgoing::Status(_) => crate::exchange::STATUS,
            Outgoing::Withdrawn(_) => crate::exchange::WITHDRAWN,
        }
    }

    /// The referral it is about (the first, for a withdrawal of several).
    pub fn uid(&self) -> &str {
        match self {
            Outgoing::Request(m) => &m.uid,
            Outgoing::Status(m) => &m.uid,
            Outgoing::Withdrawn(m) => m.uids.first().map(String::as_str).unwrap_or(""),
        }
    }
}

/// Hands `message` for `peer_id` to the exchange, in the caller's transaction: refused (and the
/// change with it) when this server has no exchange key or the peer is inactive.
pub async fn enqueue(db: &Db, c: &mut Conn<'_>, peer_id: i64, message: &Outgoing) -> Result<(), StoreError> {
    db.exchange().enqueue(c, peer_id, message.kind(), &serde_json::to_value(message)?).await?;
    Ok(())
}
