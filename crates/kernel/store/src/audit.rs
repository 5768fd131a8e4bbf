//! Appending to and verifying the hash-chained audit log. Entries are appended inside the
//! transaction of the change they record, so a change and its audit entry land together or not
//! at all.

use crate::db::{Conn, Db, now};
use crate::error::StoreError;
use crate::sql;
use drom_domain::audit::{AuditEntry, AuditKey, ChainBreak, ChainVerifier, Checkpoint, NewAuditEntry, entry_hash};
use drom_domain::permission::{Actor, Permission};
use std::sync::OnceLock;

/// The environment variable naming the file that holds the audit key.
pub const KEY_FILE_VAR: &str = "DROM_AUDIT_KEY_FILE";

static KEY: OnceLock<Option<AuditKey>> = OnceLock::new();

/// Reads the audit key once per process from the file `DROM_AUDIT_KEY_FILE` names (none when
/// it is not set). Every process that writes to one database must be given the same key; an
/// unreadable or short key file stops the process here, before it writes anything.
pub fn load_key() -> Result<Option<&'static AuditKey>, StoreError> {
    if let Some(k) = KEY.get() {
        return Ok(k.as_ref());
    }
    let key = match std::env::var_os(KEY_FILE_VAR) {
        None => None,
        Some(path) => {
            let bytes = std::fs::read(&path).map_err(|e| {
                StoreError::Config(format!(
                    "{KEY_FILE_VAR}: cannot read {}: {e}",
                    std::path::Path::new(&path).display()
                ))
            })?;
            Some(AuditKey::new(&bytes).map_err(|e| StoreError::Config(format!("{KEY_FILE_VAR}: {e}")))?)
        }
    };
    Ok(KEY.get_or_init(|| key).as_ref())
}

/// Refuses to write to a chain kept with another key (or none) than this process's.
fn check_key(head_key: Option<&str>, seq: i64) -> Result<Option<&'static AuditKey>, StoreError> {
    let key = load_key()?;
    match (head_key, key) {
        (None, None) => Ok(None),
        (Some(h), Some(k)) if h == k.fingerprint() => Ok(Some(k)),
        (None, Some(k)) if seq == 1 => Ok(Some(k)),
        (None, Some(_)) => Err(StoreError::Config(
            "the audit log is not keyed: run `drom audit rekey` once with the key before writing with it".into(),
        )),
        (Some(_), None) => Err(StoreError::Config(format!(
            "the audit log is kept with a key: give this process the same key ({KEY_FILE_VAR})"
        ))),
        (Some(_), Some(_)) => {
            Err(StoreError::Config(format!("the audit log is kept with another key than {KEY_FILE_VAR} holds")))
        }
    }
}

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
    append_entry(c, entry_of(actor, action, record_type, record_id, reason, &detail)).await
}

/// The entry of something `actor` did, before it is chained.
pub fn entry_of(
    actor: &Actor,
    action: &str,
    record_type: &str,
    record_id: Option<i64>,
    reason: Option<&str>,
    detail: &serde_json::Value,
) -> NewAuditEntry {
    NewAuditEntry {
        user_id: Some(actor.user_id),
        agency_id: Some(actor.agency_id),
        action: action.into(),
        record_type: record_type.into(),
        record_id,
        reason: reason.map(str::to_string),
        detail: detail.to_string(),
    }
}

/// Appends an entry.
pub async fn append_entry(c: &mut Conn<'_>, e: NewAuditEntry) -> Result<(), StoreError> {
    append_entries(c, std::slice::from_ref(&e)).await
}

/// Appends entries in order, taking the chain's head once (a bulk import's entries, a batch
/// of reads).
pub async fn append_entries(c: &mut Conn<'_>, entries: &[NewAuditEntry]) -> Result<(), StoreError> {
    let Some(n) = i64::try_from(entries.len()).ok().filter(|n| *n > 0) else {
        return Ok(());
    };
    // Taking the head row first serialises appenders (a row lock on PostgreSQL, the write lock
    // on SQLite), so the chain never forks.
    let (last, mut prev, head_key): (i64, String, Option<String>) = sql!(
        c,
        fetch_one,
        sqlx::query_as::<_, (i64, String, Option<String>)>(
            "UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash, key_id"
        )
        .bind(n)
    )?;
    let first = last - n + 1;
    let key = check_key(head_key.as_deref(), first)?;
    if let (None, Some(k)) = (&head_key, key) {
        // The first entry of a new log: the log is kept with this key from now on.
        sql!(c, execute, sqlx::query("UPDATE audit_head SET key_id = $1 WHERE id = 1").bind(k.fingerprint()))?;
    }
    let at = now();
    for (seq, e) in (first..).zip(entries) {
        let hash = entry_hash(seq, &at, e, &prev, key);
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
        prev = hash;
    }
    sql!(c, execute, sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1").bind(&prev))?;
    Ok(())
}

/// Reads of special categories waiting for their audit entries, and whether a flush is under
/// way.
#[derive(Default)]
pub(crate) struct ReadBatch {
    waiting: Vec<(NewAuditEntry, tokio::sync::oneshot::Sender<Result<(), String>>)>,
    flushing: bool,
}

/// Most entries appended in one transaction.
const READ_BATCH_MAX: usize = 512;

/// Audits a read of special categories: returns once the entry is committed, so the answer
/// is never sent before its entry exists. A read has no change to share a transaction with,
/// so concurrent reads share one: the first to arrive starts a flush that appends every entry
/// waiting (group commit), and reads that arrive meanwhile join the next one. One write
/// transaction per batch instead of per read lets such reads run side by side.
pub async fn append_read(
    db: &Db,
    actor: &Actor,
    action: &str,
    record_type: &str,
    record_id: Option<i64>,
    detail: serde_json::Value,
) -> Result<(), StoreError> {
    let entry = entry_of(actor, action, record_type, record_id, None, &detail);
    let (done, answer) = tokio::sync::oneshot::channel();
    let lead = {
        let mut batch = db.audit_reads.lock().unwrap_or_else(|p| p.into_inner());
        batch.waiting.push((entry, done));
        !std::mem::replace(&mut batch.flushing, true)
    };
    if lead {
        // In its own task: a request dropped by its client must not strand the others.
        let db = db.clone();
        tokio::spawn(async move { flush_reads(&db).await });
    }
    match answer.await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(StoreError::Config(format!("audit log: {e}"))),
        Err(_) => Err(StoreError::Config("audit log: the append was abandoned".into())),
    }
}

/// Appends the waiting reads' entries, a batch per transaction, until none wait.
async fn flush_reads(db: &Db) {
    loop {
        let batch: Vec<_> = {
            let mut b = db.audit_reads.lock().unwrap_or_else(|p| p.into_inner());
            if b.waiting.is_empty() {
                b.flushing = false;
                return;
            }
            let n = b.waiting.len().min(READ_BATCH_MAX);
            b.waiting.drain(..n).collect()
        };
        let (entries, replies): (Vec<_>, Vec<_>) = batch.into_iter().unzip();
        let result = async {
            let mut tx = db.begin().await?;
            append_entries(&mut tx.conn(), &entries).await?;
            tx.commit().await
        }
        .await
        .map_err(|e| e.to_string());
        for reply in replies {
            let _ = reply.send(result.clone());
        }
    }
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
        let head_key: Option<String> = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, Option<String>>("SELECT key_id FROM audit_head WHERE id = 1")
        )?;
        let key = match (head_key.as_deref(), load_key()?) {
            (None, _) => None,
            (Some(h), Some(k)) if h == k.fingerprint() => Some(k.clone()),
            (Some(_), _) => {
                return Err(StoreError::Config(format!(
                    "the audit log is kept with a key: verify it with the same key ({KEY_FILE_VAR})"
                )));
            }
        };
        let mut verifier = ChainVerifier::new(key);
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

    /// Whether the chain is kept with a key.
    pub async fn audit_is_keyed(&self) -> Result<bool, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let key: Option<String> = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, Option<String>>("SELECT key_id FROM audit_head WHERE id = 1")
        )?;
        Ok(key.is_some())
    }

    /// Signs the head of the chain as it is now with the key, for keeping outside the database.
    pub async fn audit_checkpoint(&self) -> Result<Checkpoint, StoreError> {
        let key = load_key()?.ok_or_else(|| {
            StoreError::Config(format!("a checkpoint is signed with the audit key: set {KEY_FILE_VAR}"))
        })?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let (seq, hash, head_key): (i64, String, Option<String>) = sql!(
            &mut c,
            fetch_one,
            sqlx::query_as::<_, (i64, String, Option<String>)>("SELECT seq, hash, key_id FROM audit_head WHERE id = 1")
        )?;
        if head_key.as_deref() != Some(key.fingerprint().as_str()) {
            return Err(StoreError::Config(
                "the audit log is not kept with this key: run `drom audit rekey` first".into(),
            ));
        }
        Ok(Checkpoint::sign(key, seq, &hash, &now()))
    }

    /// Verifies the chain, then that it still holds the entry a checkpoint recorded, with the
    /// same hash: a log cut below the checkpoint, or rewritten, fails here even if its own
    /// chain is consistent.
    pub async fn verify_audit_against(&self, cp: &Checkpoint) -> Result<Verification, StoreError> {
        let key = load_key()?.ok_or_else(|| {
            StoreError::Config(format!("a checkpoint is checked with the audit key: set {KEY_FILE_VAR}"))
        })?;
        if !cp.is_signed_by(key) {
            return Ok(Err(ChainBreak { seq: cp.seq, reason: "the checkpoint is not signed with this key".into() }));
        }
        let n = match self.verify_audit().await? {
            Ok(n) => n,
            Err(b) => return Ok(Err(b)),
        };
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let at: Option<String> = sql!(
            &mut c,
            fetch_optional,
            sqlx::query_scalar::<_, String>("SELECT hash FROM audit_log WHERE seq = $1").bind(cp.seq)
        )?;
        match at {
            None => Ok(Err(ChainBreak {
                seq: cp.seq,
                reason: format!("missing: the checkpoint of {} recorded {} entries, {n} remain", cp.at, cp.seq),
            })),
            Some(hash) if hash != cp.hash => {
                Ok(Err(ChainBreak { seq: cp.seq, reason: "differs from the entry the checkpoint recorded".into() }))
            }
            Some(_) => Ok(Ok(n)),
        }
    }

    /// Keys an unkeyed chain (once, when a deployment starts keeping it with a key): every
    /// entry's hash is computed again with the key, in one transaction, after verifying the
    /// unkeyed chain as it stands.
    pub async fn rekey_audit(&self) -> Result<i64, StoreError> {
        let key = load_key()?.ok_or_else(|| StoreError::Config(format!("set {KEY_FILE_VAR} to the key to keep")))?;
        if self.audit_is_keyed().await? {
            return Err(StoreError::Config("the audit log is keyed already".into()));
        }
        // Verified unkeyed before it is keyed: rekeying must not launder a changed entry.
        let mut verifier = ChainVerifier::new(None);
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let rows: Vec<Row> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM audit_log ORDER BY seq")))
        )?;
        let mut prev = drom_domain::audit::GENESIS_HASH.to_string();
        for r in rows {
            let entry: AuditEntry = r.into();
            verifier.push(&entry).map_err(|b| StoreError::Config(format!("the unkeyed log does not verify: {b}")))?;
            let content = NewAuditEntry {
                user_id: entry.user_id,
                agency_id: entry.agency_id,
                action: entry.action.clone(),
                record_type: entry.record_type.clone(),
                record_id: entry.record_id,
                reason: entry.reason.clone(),
                detail: entry.detail.clone(),
            };
            let hash = entry_hash(entry.seq, &entry.at, &content, &prev, Some(key));
            sql!(
                &mut c,
                execute,
                sqlx::query("UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE seq = $3")
                    .bind(&prev)
                    .bind(&hash)
                    .bind(entry.seq)
            )?;
            prev = hash;
        }
        let n = verifier.count();
        sql!(
            &mut c,
            execute,
            sqlx::query("UPDATE audit_head SET hash = $1, key_id = $2 WHERE id = 1")
                .bind(&prev)
                .bind(key.fingerprint())
        )?;
        tx.commit().await?;
        Ok(n)
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
