//! The receiving side's memory: nonces seen (replays), messages received (idempotent
//! retries) and refusals (the log an administrator reads).

use super::Exchange;
use drom_store::db::now;
use drom_store::error::StoreError;
use drom_store::sql;
use serde::Serialize;
use serde_json::Value;

/// After how long a message whose handler never finished (the server stopped in between) may
/// be run again.
const ABANDONED_SECS: i64 = 300;

/// What to do with a message id received from a peer.
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    /// Not seen before (or abandoned): run its handler, then `finish`.
    New,
    /// Seen with the same body and answered: answer the same.
    Answered(Value),
    /// Seen with the same body, its handler still running here: try again later.
    Running,
    /// Seen with another body.
    OtherBody,
}

/// A refused message.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Refusal {
    pub at: String,
    pub address: String,
    pub key_id: Option<String>,
    /// The refusal code (`bad_signature`, `replayed`, ...).
    pub reason: String,
    pub message_id: Option<String>,
}

fn ago(secs: i64) -> String {
    (chrono::Utc::now() - chrono::Duration::seconds(secs)).to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

impl Exchange<'_> {
    /// Remembers a nonce of a peer; false when it was seen within the skew window (a replay).
    /// Older nonces are forgotten on the way (their `created` is refused as stale anyway).
    pub async fn remember_nonce(&self, peer_id: i64, nonce: &str) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        let c = &mut tx.conn();
        sql!(
            c,
            execute,
            sqlx::query("DELETE FROM exchange_nonce WHERE seen_at < $1").bind(ago(2 * crate::domain::SKEW_SECS))
        )?;
        let seen: Option<String> = sql!(
            c,
            fetch_optional,
            sqlx::query_scalar::<_, String>("SELECT seen_at FROM exchange_nonce WHERE peer_id = $1 AND nonce = $2")
                .bind(peer_id)
                .bind(nonce)
        )?;
        if seen.is_some() {
            return Ok(false);
        }
        sql!(
            c,
            execute,
            sqlx::query("INSERT INTO exchange_nonce (peer_id, nonce, seen_at) VALUES ($1, $2, $3)")
                .bind(peer_id)
                .bind(nonce)
                .bind(now())
        )?;
        match tx.commit().await {
            Ok(()) => Ok(true),
            // Two requests with one nonce at once: the second is the replay.
            Err(StoreError::Conflict(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Claims a received message id for running its handler, or tells what was answered.
    pub async fn claim_message(
        &self,
        peer_id: i64,
        message_id: &str,
        digest: &str,
        kind: &str,
    ) -> Result<Claim, StoreError> {
        let mut tx = self.begin().await?;
        let c = &mut tx.conn();
        let row: Option<(String, String, Option<String>)> = sql!(
            c,
            fetch_optional,
            sqlx::query_as::<_, (String, String, Option<String>)>(
                "SELECT body_digest, received_at, response FROM exchange_inbox WHERE peer_id = $1 AND message_id = $2"
            )
            .bind(peer_id)
            .bind(message_id)
        )?;
        let claim = match row {
            Some((d, _, _)) if d != digest => Claim::OtherBody,
            Some((_, _, Some(r))) => Claim::Answered(serde_json::from_str(&r)?),
            Some((_, received, None)) if received >= ago(ABANDONED_SECS) => Claim::Running,
            Some(_) => {
                sql!(
                    c,
                    execute,
                    sqlx::query("UPDATE exchange_inbox SET received_at = $1 WHERE peer_id = $2 AND message_id = $3")
                        .bind(now())
                        .bind(peer_id)
                        .bind(message_id)
                )?;
                Claim::New
            }
            None => {
                sql!(
                    c,
                    execute,
                    sqlx::query(
                        "INSERT INTO exchange_inbox (peer_id, message_id, body_digest, kind, received_at) \
                         VALUES ($1, $2, $3, $4, $5)"
                    )
                    .bind(peer_id)
                    .bind(message_id)
                    .bind(digest)
                    .bind(kind)
                    .bind(now())
                )?;
                Claim::New
            }
        };
        match tx.commit().await {
            Ok(()) => Ok(claim),
            // The same message id at the same moment: the other request runs it.
            Err(StoreError::Conflict(_)) => Ok(Claim::Running),
            Err(e) => Err(e),
        }
    }

    /// Stores the answer to a claimed message.
    pub async fn finish_message(&self, peer_id: i64, message_id: &str, response: &Value) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let c = &mut tx.conn();
        sql!(
            c,
            execute,
            sqlx::query("UPDATE exchange_inbox SET response = $1 WHERE peer_id = $2 AND message_id = $3")
                .bind(response.to_string())
                .bind(peer_id)
                .bind(message_id)
        )?;
        tx.commit().await
    }

    /// Lets a claimed message whose handler refused or failed be sent again.
    pub async fn release_message(&self, peer_id: i64, message_id: &str) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let c = &mut tx.conn();
        sql!(
            c,
            execute,
            sqlx::query("DELETE FROM exchange_inbox WHERE peer_id = $1 AND message_id = $2 AND response IS NULL")
                .bind(peer_id)
                .bind(message_id)
        )?;
        tx.commit().await
    }

    /// How many times a message id of a peer was applied (0 or 1).
    pub async fn received_count(&self, message_id: &str) -> Result<i64, StoreError> {
        let mut h = self.acquire().await?;
        let c = &mut h.conn();
        Ok(sql!(
            c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM exchange_inbox WHERE message_id = $1 AND response IS NOT NULL"
            )
            .bind(message_id)
        )?)
    }

    /// Logs a refused message (and says it in the server's log).
    pub async fn log_refusal(
        &self,
        address: &str,
        key_id: Option<&str>,
        reason: &str,
        message_id: Option<&str>,
    ) -> Result<(), StoreError> {
        tracing::warn!(address, key_id, reason, message_id, "exchange message refused");
        let mut tx = self.begin().await?;
        let c = &mut tx.conn();
        sql!(
            c,
            execute,
            sqlx::query(
                "INSERT INTO exchange_refusal (at, address, key_id, reason, message_id) VALUES ($1, $2, $3, $4, $5)"
            )
            .bind(now())
            .bind(address)
            .bind(key_id.map(|k| k.chars().take(100).collect::<String>()))
            .bind(reason)
            .bind(message_id.map(|k| k.chars().take(100).collect::<String>()))
        )?;
        tx.commit().await
    }

    /// The latest refusals, newest first.
    pub async fn refusals(&self, limit: i64) -> Result<Vec<Refusal>, StoreError> {
        let mut h = self.acquire().await?;
        let c = &mut h.conn();
        Ok(sql!(
            c,
            fetch_all,
            sqlx::query_as::<_, Refusal>(
                "SELECT at, address, key_id, reason, message_id FROM exchange_refusal ORDER BY id DESC LIMIT $1"
            )
            .bind(limit)
        )?)
    }
}
