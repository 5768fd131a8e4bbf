//! Appending to and verifying the hash-chained audit log. Entries are appended inside the
//! transaction of the change they record, so a change and its audit entry land together or not
//! at all.

use crate::db::{Conn, Db, now};
use crate::error::StoreError;
use crate::sql;
use drom_domain::audit::{AuditEntry, ChainBreak, ChainVerifier, NewAuditEntry, entry_hash};
use drom_domain::permission::{Actor, Permission};

/// Appends an entry on behalf of a user.
pub async fn append(
    c: &mut Conn<'_>,
    actor: &Actor,
    action: &str,
    record_type: &str,
    record_id: Option<i64>,
    reason: Option<&str>,
    detail: serde_json::Value,
) -> Result<(), StoreError> {
    append_entry(
        c,
        NewAuditEntry {
            user_id: Some(actor.user_id),
            agency_id: Some(actor.agency_id),
            action: action.into(),
            record_type: record_type.into(),
            record_id,
            reason: reason.map(str::to_string),
            detail: detail.to_string(),
        },
    )
    .await
}

/// Appends an entry.
pub async fn append_entry(c: &mut Conn<'_>, e: NewAuditEntry) -> Result<(), StoreError> {
    // Taking the head row first serialises appenders (a row lock on PostgreSQL, the write lock
    // on SQLite), so the chain never forks.
    let (seq, prev): (i64, String) = sql!(
        c,
        fetch_one,
        sqlx::query_as::<_, (i64, String)>("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
    )?;
    let at = now();
    let hash = entry_hash(seq, &at, &e, &prev);
    sql!(
        c,
        execute,
        sqlx::query(
            "INSERT INTO audit_log (seq, at, user_id, agency_id, action, record_type, record_id, reason, detail, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        )
        .bind(seq)
        .bind(&at)
        .bind(e.user_id)
        .bind(e.agency_id)
        .bind(&e.action)
        .bind(&e.record_type)
        .bind(e.record_id)
        .bind(&e.reason)
        .bind(&e.detail)
        .bind(&prev)
        .bind(&hash)
    )?;
    sql!(c, execute, sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1").bind(&hash))?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    seq: i64,
    at: String,
    user_id: Option<i64>,
    agency_id: Option<i64>,
    action: String,
    record_type: String,
    record_id: Option<i64>,
    reason: Option<String>,
    detail: String,
    prev_hash: String,
    hash: String,
}

impl From<Row> for AuditEntry {
    fn from(r: Row) -> Self {
        AuditEntry {
            seq: r.seq,
            at: r.at,
            user_id: r.user_id,
            agency_id: r.agency_id,
            action: r.action,
            record_type: r.record_type,
            record_id: r.record_id,
            reason: r.reason,
            detail: r.detail,
            prev_hash: r.prev_hash,
            hash: r.hash,
        }
    }
}

const COLUMNS: &str = "seq, at, user_id, agency_id, action, record_type, record_id, reason, detail, prev_hash, hash";

/// Outcome of verifying the whole chain.
pub type Verification = Result<i64, ChainBreak>;

impl Db {
    /// Verifies the whole chain, in pages so that memory stays flat on a long log.
    pub async fn verify_audit(&self) -> Result<Verification, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let mut verifier = ChainVerifier::default();
        let mut after = 0i64;
        loop {
            let rows: Vec<Row> = sql!(
                &mut c,
                fetch_all,
                sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
                    "SELECT {COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 5000"
                )))
                .bind(after)
            )?;
            let Some(last) = rows.last() else { break };
            after = last.seq;
            for r in rows {
                if let Err(b) = verifier.push(&r.into()) {
                    return Ok(Err(b));
                }
            }
        }
        let (seq, hash): (i64, String) = sql!(
            &mut c,
            fetch_one,
            sqlx::query_as::<_, (i64, String)>("SELECT seq, hash FROM audit_head WHERE id = 1")
        )?;
        Ok(verifier.finish(seq, &hash))
    }

    /// Audit entries, newest first: of the actor's agency, or of one record. Needs `audit_read`.
    pub async fn audit_entries(
        &self,
        actor: &Actor,
        record: Option<(&str, i64)>,
        limit: i64,
        before_seq: Option<i64>,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        actor.require(Permission::AuditRead)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let before = before_seq.unwrap_or(i64::MAX);
        // An agency's audit trail is its own: never widened by what others share with it.
        let scope = crate::scope::AgencyScope::of(actor);
        let rows: Vec<Row> = match record {
            Some((kind, id)) => sql!(
                &mut c,
                fetch_all,
                sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
                    "SELECT {COLUMNS} FROM audit_log WHERE record_type = $1 AND record_id = $2 AND {} AND seq < $4 ORDER BY seq DESC LIMIT $5",
                    scope.owned("", 3)
                )))
                .bind(kind)
                .bind(id)
                .bind(scope.agency())
                .bind(before)
                .bind(limit)
            )?,
            None => sql!(
                &mut c,
                fetch_all,
                sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
                    "SELECT {COLUMNS} FROM audit_log WHERE {} AND seq < $2 ORDER BY seq DESC LIMIT $3",
                    scope.owned("", 1)
                )))
                .bind(scope.agency())
                .bind(before)
                .bind(limit)
            )?,
        };
        Ok(rows.into_iter().map(Into::into).collect())
    }
}
