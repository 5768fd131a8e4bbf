//! The audit log as a hash chain: each entry's hash covers its own fields and the previous
//! entry's hash, so changing or removing any entry breaks every hash after it.
//!
//! Someone who can write the database could still rewrite entries and compute the hashes
//! again, or cut the tail. Keyed with a secret kept outside the database (`AuditKey`), each
//! hash is an HMAC that nobody without the key can compute; a `Checkpoint` signed with the key
//! and kept elsewhere records how long the chain was, so a cut tail shows too.

use hmac::{KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

/// The secret a chain is keyed with: at least 32 bytes, kept outside the database.
#[derive(Clone)]
pub struct AuditKey(Vec<u8>);

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AuditKey({})", self.fingerprint())
    }
}

/// The smallest key accepted, in bytes.
pub const AUDIT_KEY_MIN: usize = 32;

impl AuditKey {
    /// A key from the bytes of a key file (one line break at its end is not part of it).
    pub fn new(bytes: &[u8]) -> Result<AuditKey, String> {
        let trimmed = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        let trimmed = trimmed.strip_suffix(b"\r").unwrap_or(trimmed);
        if trimmed.len() < AUDIT_KEY_MIN {
            return Err(format!("the audit key has {} bytes; it needs at least {AUDIT_KEY_MIN}", trimmed.len()));
        }
        Ok(AuditKey(trimmed.to_vec()))
    }

    fn mac(&self) -> hmac::Hmac<Sha256> {
        // An HMAC takes a key of any length: this cannot fail.
        <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(&self.0).expect("HMAC accepts every key length")
    }

    /// Names the key without revealing it (kept with the chain, so a process with another key
    /// is refused before it writes).
    pub fn fingerprint(&self) -> String {
        let mut m = self.mac();
        m.update(b"drom audit key fingerprint");
        hex::encode(&m.finalize().into_bytes()[..8])
    }
}

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

/// The hash of an entry's content chained to `prev_hash`: SHA-256, or with `key` an
/// HMAC-SHA-256. Fields are length-prefixed so no two different entries give the same input.
pub fn entry_hash(seq: i64, at: &str, e: &NewAuditEntry, prev_hash: &str, key: Option<&AuditKey>) -> String {
    match key {
        None => {
            let mut h = Sha256::new();
            feed(&mut |b| h.update(b), seq, at, e, prev_hash);
            hex::encode(h.finalize())
        }
        Some(k) => {
            let mut m = k.mac();
            feed(&mut |b| m.update(b), seq, at, e, prev_hash);
            hex::encode(m.finalize().into_bytes())
        }
    }
}

fn feed(update: &mut dyn FnMut(&[u8]), seq: i64, at: &str, e: &NewAuditEntry, prev_hash: &str) {
    let mut field = |s: &str| {
        update(&(s.len() as u64).to_be_bytes());
        update(s.as_bytes());
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
}

/// The head of a chain at one moment, signed with the key: kept outside the database, it
/// shows later whether entries were cut from the end or rewritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub seq: i64,
    pub hash: String,
    /// When the checkpoint was taken (RFC 3339 UTC).
    pub at: String,
    pub key: String,
    pub signature: String,
}

impl Checkpoint {
    pub fn sign(key: &AuditKey, seq: i64, hash: &str, at: &str) -> Checkpoint {
        let signature = Checkpoint::signature(key, seq, hash, at);
        Checkpoint { seq, hash: hash.to_string(), at: at.to_string(), key: key.fingerprint(), signature }
    }

    fn signature(key: &AuditKey, seq: i64, hash: &str, at: &str) -> String {
        let mut m = key.mac();
        m.update(format!("drom audit checkpoint\n{seq}\n{hash}\n{at}").as_bytes());
        hex::encode(m.finalize().into_bytes())
    }

    /// Whether `key` signed this checkpoint as it stands.
    pub fn is_signed_by(&self, key: &AuditKey) -> bool {
        let expected = Checkpoint::signature(key, self.seq, &self.hash, &self.at);
        // Compared in constant time: the signature is a secret's output.
        expected.len() == self.signature.len()
            && expected.bytes().zip(self.signature.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }
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
    key: Option<AuditKey>,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self::new(None)
    }
}

impl ChainVerifier {
    /// A verifier of a chain kept with `key` (or unkeyed).
    pub fn new(key: Option<AuditKey>) -> Self {
        Self { expected_seq: 1, prev_hash: GENESIS_HASH.to_string(), key }
    }

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
        let computed = entry_hash(e.seq, &e.at, &e.content(), &self.prev_hash, self.key.as_ref());
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
                let hash = entry_hash(seq, &at, &e, &prev, None);
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

    #[test]
    fn a_keyed_chain_cannot_be_recomputed_without_its_key() {
        let key = AuditKey::new(&[7u8; 32]).unwrap();
        let e = chain(1).remove(0);
        let content = e.content();
        let keyed = entry_hash(1, &e.at, &content, GENESIS_HASH, Some(&key));
        assert_ne!(keyed, e.hash, "the keyed hash is not the plain one");
        let other = AuditKey::new(&[8u8; 32]).unwrap();
        assert_ne!(keyed, entry_hash(1, &e.at, &content, GENESIS_HASH, Some(&other)));
        let mut v = ChainVerifier::new(Some(key.clone()));
        assert!(v.push(&e).is_err(), "an unkeyed entry does not verify with the key");
        let mut v = ChainVerifier::new(Some(key.clone()));
        assert!(v.push(&AuditEntry { hash: keyed, ..e }).is_ok());
        assert!(AuditKey::new(b"too short").is_err());
        assert_ne!(key.fingerprint(), other.fingerprint());
    }

    #[test]
    fn a_checkpoint_is_signed_by_its_key_only() {
        let key = AuditKey::new(&[7u8; 40]).unwrap();
        let cp = Checkpoint::sign(&key, 12, "abc", "2026-12-01T00:00:00Z");
        assert!(cp.is_signed_by(&key));
        assert!(!cp.is_signed_by(&AuditKey::new(&[9u8; 40]).unwrap()));
        assert!(!Checkpoint { seq: 11, ..cp.clone() }.is_signed_by(&key), "a changed count is caught");
    }
}
