//! Referrals over the signed exchange between Drom servers (docs/exchange.md): the kinds this
//! capability sends and receives, and polling as the fallback when a pushed status is lost.
//! The exchange has checked the signature and the peer before anything here runs.

use crate::ReferralsDb;
use crate::domain::wire::{ConsentWithdrawn, ReferralRequest, StatusUpdate};
use drom_exchange::{BoxFuture, ExchangeDb, Handler, HandlerError, Peer};
use drom_store::Db;
use drom_store::error::StoreError;
use drom_store::sql;
use serde_json::{Value, json};

/// A referral sent to a service of the peer's.
pub const REQUEST: &str = "referral.request";
/// A status set by either side.
pub const STATUS: &str = "referral.status";
/// The person withdrew consent: the referrals named are cancelled and their shared values blanked.
pub const WITHDRAWN: &str = "referral.consent_withdrawn";
/// The sender asks for the statuses of its open referrals (polling).
pub const STATUS_QUERY: &str = "referral.status_query";

/// The referrals capability's side of the exchange; registered when the server starts.
pub struct ReferralHandler;

fn parse<T: serde::de::DeserializeOwned>(body: &Value) -> Result<T, HandlerError> {
    serde_json::from_value(body.clone()).map_err(|e| HandlerError::Refused {
        status: 422,
        code: "bad_message",
        detail: format!("the message does not read as this kind: {e}"),
    })
}

impl Handler for ReferralHandler {
    fn kinds(&self) -> &'static [&'static str] {
        &[REQUEST, STATUS, WITHDRAWN, STATUS_QUERY]
    }

    fn handle<'a>(
        &'a self,
        db: &'a Db,
        peer: &'a Peer,
        kind: &'a str,
        body: &'a Value,
    ) -> BoxFuture<'a, Result<Value, HandlerError>> {
        Box::pin(async move {
            let r = db.referrals();
            match kind {
                REQUEST => {
                    let m: ReferralRequest = parse(body)?;
                    r.receive_request(peer.id, &m).await?;
                    Ok(json!({"uid": m.uid, "received": true}))
                }
                STATUS => {
                    let m: StatusUpdate = parse(body)?;
                    r.apply_status(peer.id, &m).await?;
                    Ok(json!({"uid": m.uid, "status": m.status}))
                }
                WITHDRAWN => {
                    let m: ConsentWithdrawn = parse(body)?;
                    let n = r.apply_withdrawal(peer.id, &m).await?.len();
                    Ok(json!({"withdrawn": n}))
                }
                _ => {
                    let uids: Vec<String> = parse(&body["uids"])?;
                    Ok(json!({"statuses": r.statuses_for_peer(peer.id, &uids).await?}))
                }
            }
        })
    }

    /// The answer to a poll: every status the receiver set, applied in order. One already here
    /// is applied again harmlessly or refused as out of order; either way nothing is lost.
    fn on_response<'a>(
        &'a self,
        db: &'a Db,
        peer: &'a Peer,
        kind: &'a str,
        _body: &'a Value,
        response: &'a Value,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            if kind != STATUS_QUERY {
                return Ok(());
            }
            let updates: Vec<StatusUpdate> = serde_json::from_value(response["statuses"].clone()).unwrap_or_default();
            for u in &updates {
                if let Err(e) = db.referrals().apply_status(peer.id, u).await {
                    tracing::debug!(uid = %u.uid, status = %u.status, "a polled status not applied: {e}");
                }
            }
            Ok(())
        })
    }

    /// Asks each peer about this server's open referrals there, unless a question to it is
    /// still waiting to be delivered (a peer down for an hour gets one, not twelve).
    fn poll<'a>(&'a self, db: &'a Db) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            if db.exchange().key().is_none() {
                return Ok(());
            }
            for (peer, uids) in db.referrals().open_at_peers().await? {
                let mut h = db.acquire().await?;
                let waiting: i64 = sql!(
                    &mut h.conn(),
                    fetch_one,
                    sqlx::query_scalar::<_, i64>(
                        "SELECT COUNT(*) FROM exchange_outbox WHERE peer_id = $1 AND kind = $2 \
                         AND delivered_at IS NULL AND failed_at IS NULL"
                    )
                    .bind(peer)
                    .bind(STATUS_QUERY)
                )?;
                drop(h);
                if waiting == 0 {
                    match db.exchange().enqueue_alone(peer, STATUS_QUERY, &json!({"uids": uids})).await {
                        Ok(_) | Err(StoreError::Conflict(_)) | Err(StoreError::NotFound) => {}
                        Err(e) => return Err(e),
                    }
                }
            }
            Ok(())
        })
    }
}
