//! The outbox: messages written in the transaction of the change they report, and their
//! delivery state. Any server of an installation may deliver; a claim (`claimed_until`) keeps
//! two from sending one message at once.

use super::Exchange;
use drom_domain::error::Refusal;
use drom_store::db::{Conn, now};
use drom_store::error::StoreError;
use drom_store::sql;
use serde::Serialize;
use serde_json::Value;

/// How long a server holds a message it is sending before another may try it.
const CLAIM_SECS: i64 = 120;

/// A message in the outbox.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct OutboxMessage {
    pub id: i64,
    pub message_id: String,
    pub peer_id: i64,
    pub kind: String,
    /// The message body (JSON text).
    pub body: String,
    pub created_at: String,
    pub attempts: i64,
    pub next_attempt_at: String,
    pub last_error: Option<String>,
    pub delivered_at: Option<String>,
    pub failed_at: Option<String>,
    /// The peer's answer (JSON text), once delivered.
    pub response: Option<String>,
}

/// How many messages wait, were delivered and were given up.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct OutboxState {
    pub queued: i64,
    pub delivered: i64,
    pub failed: i64,
}

const MESSAGE: &str = "SELECT id, message_id, peer_id, kind, body, created_at, attempts, next_attempt_at, last_error, \
     delivered_at, failed_at, response FROM exchange_outbox";

fn at(secs_from_now: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::seconds(secs_from_now)).to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

impl Exchange<'_> {
    /// Queues a message to `peer_id` in the caller's transaction, so that the change it reports
    /// and the message commit together; answers its message id. Refused when the exchange is
    /// off (no key: nothing could ever be sent) or the peer is unknown or inactive.
    pub async fn enqueue(
        &self,
        c: &mut Conn<'_>,
        peer_id: i64,
        kind: &str,
        body: &Value,
    ) -> Result<String, StoreError> {
        if self.key().is_none() {
            return Err(StoreError::Conflict(Refusal::new("exchange-off")));
        }
        let active: Option<bool> = sql!(
            c,
            fetch_optional,
            sqlx::query_scalar::<_, bool>("SELECT active FROM peer WHERE id = $1").bind(peer_id)
        )?;
        match active {
            None => return Err(StoreError::NotFound),
            Some(false) => return Err(StoreError::Conflict(Refusal::new("peer-inactive"))),
            Some(true) => {}
        }
        let mut bytes = [0u8; 16];
        rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut bytes);
        let message_id = crate::domain::message_id(bytes);
        let t = now();
        sql!(
            c,
            execute,
            sqlx::query(
                "INSERT INTO exchange_outbox (message_id, peer_id, kind, body, created_at, attempts, next_attempt_at) \
                 VALUES ($1, $2, $3, $4, $5, 0, $6)"
            )
            .bind(&message_id)
            .bind(peer_id)
            .bind(kind)
            .bind(body.to_string())
            .bind(&t)
            .bind(&t)
        )?;
        Ok(message_id)
    }

    /// Queues a message in a transaction of its own (a ping from the page or the CLI).
    pub async fn enqueue_alone(&self, peer_id: i64, kind: &str, body: &Value) -> Result<String, StoreError> {
        let mut tx = self.begin().await?;
        let id = self.enqueue(&mut tx.conn(), peer_id, kind, body).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Messages due now and not held by a server, oldest due first.
    pub async fn due(&self, limit: i64) -> Result<Vec<OutboxMessage>, StoreError> {
        let mut h = self.acquire().await?;
        let c = &mut h.conn();
        let t = now();
        let q = format!(
            "{MESSAGE} WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 \
             AND (claimed_until IS NULL OR claimed_until < $1) ORDER BY next_attempt_at, id LIMIT $2"
        );
        Ok(sql!(c, fetch_all, sqlx::query_as::<_, OutboxMessage>(sqlx::AssertSqlSafe(q.clone())).bind(&t).bind(limit))?)
    }

    /// Takes a due message for this server to send (counting the attempt); false when another
    /// server took it first.
    pub async fn claim(&self, id: i64) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        let c = &mut tx.conn();
        let t = now();
        let n = sql!(
            c,
            execute,
            sqlx::query(
                "UPDATE exchange_outbox SET claimed_until = $1, attempts = attempts + 1 WHERE id = $2 \
                 AND delivered_at IS NULL AND failed_at IS NULL AND (claimed_until IS NULL OR claimed_until < $3)"
            )
            .bind(at(CLAIM_SECS))
            .bind(id)
            .bind(&t)
        )?;
        tx.commit().await?;
        Ok(n == 1)
    }

    /// Records the peer's answer.
    pub async fn delivered(&self, id: i64, response: &Value) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let c = &mut tx.conn();
        sql!(
            c,
            execute,
            sqlx::query(
                "UPDATE exchange_outbox SET delivered_at = $1, response = $2, claimed_until = NULL, last_error = NULL \
                 WHERE id = $3"
            )
            .bind(now())
            .bind(response.to_string())
            .bind(id)
        )?;
        tx.commit().await
    }

    /// Records a failed attempt: tried again after `wait_secs`, or never when `give_up`.
    pub async fn attempt_failed(&self, id: i64, error: &str, wait_secs: i64, give_up: bool) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let c = &mut tx.conn();
        let error: String = error.chars().take(500).collect();
        sql!(
            c,
            execute,
            sqlx::query(
                "UPDATE exchange_outbox SET last_error = $1, next_attempt_at = $2, claimed_until = NULL, failed_at = $3 \
                 WHERE id = $4"
            )
            .bind(error)
            .bind(at(wait_secs))
            .bind(give_up.then(now))
            .bind(id)
        )?;
        tx.commit().await
    }

    /// Makes every waiting message (of one peer, or all) due now; answers how many.
    pub async fn retry_now(&self, peer_id: Option<i64>) -> Result<u64, StoreError> {
        let mut tx = self.begin().await?;
        let c = &mut tx.conn();
        let n = sql!(
            c,
            execute,
            sqlx::query(
                "UPDATE exchange_outbox SET next_attempt_at = $1 WHERE delivered_at IS NULL AND failed_at IS NULL \
                 AND ($2 IS NULL OR peer_id = $2)"
            )
            .bind(now())
            .bind(peer_id)
        )?;
        tx.commit().await?;
        Ok(n)
    }

    /// One message by its message id.
    pub async fn outbox_message(&self, message_id: &str) -> Result<Option<OutboxMessage>, StoreError> {
        let mut h = self.acquire().await?;
        let c = &mut h.conn();
        let q = format!("{MESSAGE} WHERE message_id = $1");
        Ok(sql!(
            c,
            fetch_optional,
            sqlx::query_as::<_, OutboxMessage>(sqlx::AssertSqlSafe(q.clone())).bind(message_id)
        )?)
    }

    /// The latest messages, newest first.
    pub async fn recent_outbox(&self, limit: i64) -> Result<Vec<OutboxMessage>, StoreError> {
        let mut h = self.acquire().await?;
        let c = &mut h.conn();
        let q = format!("{MESSAGE} ORDER BY id DESC LIMIT $1");
        Ok(sql!(c, fetch_all, sqlx::query_as::<_, OutboxMessage>(sqlx::AssertSqlSafe(q.clone())).bind(limit))?)
    }

    /// How many messages wait, were delivered and were given up.
    pub async fn outbox_state(&self) -> Result<OutboxState, StoreError> {
        let mut h = self.acquire().await?;
        let c = &mut h.conn();
        let (queued, delivered, failed): (i64, i64, i64) = sql!(
            c,
            fetch_one,
            sqlx::query_as::<_, (i64, i64, i64)>(
                "SELECT COALESCE(SUM(CASE WHEN delivered_at IS NULL AND failed_at IS NULL THEN 1 ELSE 0 END), 0), \
                 COALESCE(SUM(CASE WHEN delivered_at IS NOT NULL THEN 1 ELSE 0 END), 0), \
                 COALESCE(SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END), 0) FROM exchange_outbox"
            )
        )?;
        Ok(OutboxState { queued, delivered, failed })
    }
}
