//! The audit log as a hash chain: each entry's hash covers its own fields and the previous
//! entry's hash, so changing or removing any entry breaks every hash after it.

use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

/// The hash that stands before the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One audited action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct AuditEntry {
    /// Position in the chain, from 1 with no gaps.
    pub seq: i64,
    /// RFC 3339 UTC timestamp, stored as text so it hashes identically on every backend.
    pub at: String,
    pub user_id: Option<i64>,
    pub agency_id: Option<i64>,
    /// What was done, e.g. `person.create`, `person.read_special`.
    pub action: String,
    pub record_type: String,
    pub record_id: Option<i64>,
    /// Why, where the user gave a reason.
    pub reason: Option<String>,
    /// What changed or which fields were read (JSON).
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The fields of an entry before it is chained.
#[derive(Debug, Clone)]
pub struct NewAuditEntry {
    pub user_id: Option<i64>,
    pub agency_id: Option<i64>,
    pub action: String,
    pub record_type: String,
    pub record_id: Option<i64>,
    pub reason: Option<String>,
    pub detail: String,
}

/// The hash of an entry's content chained to `prev_hash`. Fields are length-prefixed so no
/// two different entries can produce the same input.
pub fn entry_hash(seq: i64, at: &str, e: &NewAuditEntry, prev_hash: &str) -> String {
    let mut h = Sha256::new();
    let mut field = |s: &str| {
        h.update((s.len() as u64).to_be_bytes());
        h.update(s.as_bytes());
    };
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    field(prev_hash);
    field(&seq.to_string());
    field(at);
    field(&opt(e.user_id));
    field(&opt(e.agency_id));
    field(&e.action);
    field(&e.record_type);
    field(&opt(e.record_id));
    field(e.reason.as_deref().unwrap_or("\u{0}none"));
    field(&e.detail);
    hex::encode(h.finalize())
}

impl AuditEntry {
    fn content(&self) -> NewAuditEntry {
        NewAuditEntry {
            user_id: self.user_id,
            agency_id: self.agency_id,
            action: self.action.clone(),
            record_type: self.record_type.clone(),
            record_id: self.record_id,
            reason: self.reason.clone(),
            detail: self.detail.clone(),
        }
    }
}

/// Where and why a chain does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("audit entry {seq}: {reason}")]
pub struct ChainBreak {
    pub seq: i64,
    pub reason: String,
}

/// Walks a chain in `seq` order. Call `push` for each entry and `finish` with the head that
/// storage recorded, which catches entries removed from the end.
#[derive(Debug)]
pub struct ChainVerifier {
    expected_seq: i64,
    prev_hash: String,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self { expected_seq: 1, prev_hash: GENESIS_HASH.to_string() }
    }
}

impl ChainVerifier {
    pub fn push(&mut self, e: &AuditEntry) -> Result<(), ChainBreak> {
        if e.seq != self.expected_seq {
            return Err(ChainBreak {
                seq: self.expected_seq,
                reason: format!("missing (the next entry present is {})", e.seq),
            });
        }
        if e.prev_hash != self.prev_hash {
            return Err(ChainBreak { seq: e.seq, reason: "does not link to the entry before it".into() });
        }
        let computed = entry_hash(e.seq, &e.at, &e.content(), &self.prev_hash);
        if computed != e.hash {
            return Err(ChainBreak { seq: e.seq, reason: "content was changed after it was written".into() });
        }
        self.expected_seq += 1;
        self.prev_hash = e.hash.clone();
        Ok(())
    }

    /// Number of entries verified so far.
    pub fn count(&self) -> i64 {
        self.expected_seq - 1
    }

    pub fn finish(self, head_seq: i64, head_hash: &str) -> Result<i64, ChainBreak> {
        if head_seq != self.count() {
            return Err(ChainBreak {
                seq: self.count() + 1,
                reason: format!("missing: the log recorded {head_seq} entries, {} remain", self.count()),
            });
        }
        if head_hash != self.prev_hash {
            return Err(ChainBreak { seq: head_seq, reason: "last hash differs from the recorded head".into() });
        }
        Ok(self.count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditEntry> {
        let mut prev = GENESIS_HASH.to_string();
        (1..=n)
            .map(|seq| {
                let e = NewAuditEntry {
                    user_id: Some(7),
                    agency_id: Some(2),
                    action: "person.create".into(),
                    record_type: "person".into(),
                    record_id: Some(seq),
                    reason: None,
                    detail: "{}".into(),
                };
                let at = format!("2026-01-01T00:00:0{seq}Z");
                let hash = entry_hash(seq, &at, &e, &prev);
                let entry = AuditEntry {
                    seq,
                    at,
                    user_id: e.user_id,
                    agency_id: e.agency_id,
                    action: e.action,
                    record_type: e.record_type,
                    record_id: e.record_id,
                    reason: e.reason,
                    detail: e.detail,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                entry
            })
            .collect()
    }

    fn verify(entries: &[AuditEntry], head: (i64, &str)) -> Result<i64, ChainBreak> {
        let mut v = ChainVerifier::default();
        for e in entries {
            v.push(e)?;
        }
        v.finish(head.0, head.1)
    }

    #[test]
    fn untouched_chain_verifies() {
        let c = chain(5);
        assert_eq!(verify(&c, (5, &c[4].hash)), Ok(5));
    }

    #[test]
    fn a_changed_entry_is_named() {
        let mut c = chain(5);
        let head = c[4].hash.clone();
        c[2].detail = "{\"x\":1}".into();
        assert_eq!(verify(&c, (5, &head)).unwrap_err().seq, 3);
    }

    #[test]
    fn removed_entries_are_named_in_the_middle_and_at_the_end() {
        let c = chain(5);
        let head = c[4].hash.clone();
        let mut middle = c.clone();
        middle.remove(1);
        assert_eq!(verify(&middle, (5, &head)).unwrap_err().seq, 2);
        assert_eq!(verify(&c[..4], (5, &head)).unwrap_err().seq, 5);
    }
}
