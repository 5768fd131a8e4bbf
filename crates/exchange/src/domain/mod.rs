//! The exchange's pure rules: a server's key and its id, the message id, the body digest
//! (RFC 9530), the signature base and the `Signature-Input` and `Signature` fields (RFC 9421),
//! the HTTP date, the clock-skew window and the back-off between delivery attempts.

pub mod keys;
pub mod signature;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

/// How far a message's `created` and `Date` may be from the receiver's clock, in seconds; also
/// how long a nonce is remembered.
pub const SKEW_SECS: i64 = 5 * 60;

/// The components every message signs, in this order.
pub const COVERED: [&str; 6] = ["@method", "@authority", "@path", "date", "content-digest", "drom-message-id"];

/// The path messages are posted to, below a peer's base URL.
pub const MESSAGES_PATH: &str = "/api/v1/exchange/messages";

/// The kind every server answers, to test a peering.
pub const PING: &str = "exchange.ping";

/// A message id in UUID form (version 4) from 16 random bytes.
pub fn message_id(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let h = hex::encode(bytes);
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

/// Whether `s` is a UUID in its hyphenated lower- or upper-case form.
pub fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| if [8, 13, 18, 23].contains(&i) { c == '-' } else { c.is_ascii_hexdigit() })
}

/// The `Content-Digest` field of a body: `sha-256=:BASE64:`.
pub fn content_digest(body: &[u8]) -> String {
    format!("sha-256=:{}:", STANDARD.encode(Sha256::digest(body)))
}

/// Whether a `Content-Digest` field holds the body's SHA-256 (other algorithms in it are
/// ignored; SHA-256 must be there).
pub fn digest_matches(field: &str, body: &[u8]) -> bool {
    let want = STANDARD.encode(Sha256::digest(body));
    field
        .split(',')
        .map(str::trim)
        .any(|m| m.strip_prefix("sha-256=:").and_then(|r| r.strip_suffix(':')) == Some(&want))
}

/// The hex SHA-256 of a body, stored to tell a retry from another message under the same id.
pub fn body_hash(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

/// An HTTP date (IMF-fixdate, RFC 9110), e.g. `Tue, 20 Apr 2021 02:07:55 GMT`.
pub fn http_date(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Reads an IMF-fixdate.
pub fn parse_http_date(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::NaiveDateTime::parse_from_str(s.trim(), "%a, %d %b %Y %H:%M:%S GMT").ok().map(|n| n.and_utc())
}

/// The wait before attempt `attempts + 1`, in seconds, given the attempts made so far: 5 s
/// doubling to at most 10 minutes, then `jitter` (0..1) adds up to a fifth more.
pub fn backoff_secs(attempts: i64, jitter: f64) -> i64 {
    let base = 5i64.saturating_mul(1i64 << attempts.clamp(1, 20).saturating_sub(1)).min(600);
    base + (base as f64 * 0.2 * jitter.clamp(0.0, 1.0)) as i64
}

drom_domain::reasons! {
    /// Why the exchange refuses a message or a peer (its codes are the problem codes too).
    pub enum ExchangeReason {
        ExchangeOff = "exchange_off": "this server has no exchange key (DROM_EXCHANGE_KEY_FILE), so the exchange is off",
        BadSignature = "bad_signature": "the signature does not verify with the peer's key",
        UnknownKey = "unknown_key": "no active peer has this key id",
        MissingComponent { component: String } = "missing_component": "the signature does not cover, or the request lacks, {component}",
        DigestMismatch = "digest_mismatch": "the Content-Digest does not match the body",
        Stale = "stale": "the date or the signature's creation time is more than five minutes from this server's clock",
        Replayed = "replayed": "this nonce was seen before",
        MessageIdReused = "message_id_reused": "this message id was sent before with another body",
        Malformed { what: String } = "message_malformed": "the message is not well formed: {what}",
        UnknownKind { kind: String } = "unknown_kind": "this server handles no message of kind {kind}",
        BadUrl = "bad_url": "must be an http:// or https:// URL without a path, query or fragment",
        BadKey = "bad_key": "must be an Ed25519 public key: 32 bytes in base64",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_are_uuids() {
        let id = message_id([0xab; 16]);
        assert!(is_uuid(&id), "{id}");
        assert_eq!(&id[14..15], "4");
        assert!(!is_uuid("not-a-uuid"));
        assert!(!is_uuid("abababab-abab-4bab-abab-abababababa-"));
    }

    #[test]
    fn digest_of_the_rfc_9530_example() {
        // RFC 9530 section 2: {"hello": "world"}\n
        assert_eq!(
            content_digest(b"{\"hello\": \"world\"}\n"),
            "sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:"
        );
        assert!(digest_matches(
            "sha-512=:abc=:, sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:",
            b"{\"hello\": \"world\"}\n"
        ));
        assert!(!digest_matches("sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:", b"{}"));
    }

    #[test]
    fn dates_round_trip() {
        let d = parse_http_date("Tue, 20 Apr 2021 02:07:55 GMT").unwrap();
        assert_eq!(d.timestamp(), 1618884475);
        assert_eq!(http_date(d), "Tue, 20 Apr 2021 02:07:55 GMT");
        assert!(parse_http_date("yesterday").is_none());
    }

    #[test]
    fn backoff_doubles_to_ten_minutes() {
        assert_eq!(backoff_secs(1, 0.0), 5);
        assert_eq!(backoff_secs(2, 0.0), 10);
        assert_eq!(backoff_secs(3, 0.0), 20);
        assert_eq!(backoff_secs(50, 0.0), 600);
        assert_eq!(backoff_secs(50, 1.0), 720);
    }
}
