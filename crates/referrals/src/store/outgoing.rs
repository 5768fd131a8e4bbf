//! The one door out to peer servers. Every change a peer must hear of (a referral sent to a
//! service of a peer, a status change either side makes, a consent withdrawn) calls `enqueue`
//! in the transaction of the change, so the message exists exactly when the change does. For
//! now it keeps the message in `referral_outbox_pending`; the exchange replaces this body with
//! its own queue (signing, sending, retrying with back-off).

use crate::domain::wire::{ConsentWithdrawn, ReferralRequest, StatusUpdate};
use drom_store::db::{Conn, now};
use drom_store::error::StoreError;
use drom_store::sql;
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
    /// `referral_request`, `status_update` or `consent_withdrawn`.
    pub fn kind(&self) -> &'static str {
        match self {
            Outgoing::Request(_) => "referral_request",
            Outgoing::Status(_) => "status_update",
            Outgoing::Withdrawn(_) => "consent_withdrawn",
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

/// Hands `message` for `peer_id` to the exchange, in the caller's transaction.
pub async fn enqueue(c: &mut Conn<'_>, peer_id: i64, message: &Outgoing) -> Result<(), StoreError> {
    sql!(
        c,
        execute,
        sqlx::query(
            "INSERT INTO referral_outbox_pending (peer_id, kind, uid, body, created_at) VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(peer_id)
        .bind(message.kind())
        .bind(message.uid())
        .bind(serde_json::to_string(message)?)
        .bind(now())
    )?;
    Ok(())
}
