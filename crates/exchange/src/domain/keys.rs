//! A server's Ed25519 key: the secret key file's form, the public key as it is shown and
//! registered, and the key id peers name it by.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};

/// The first line of a key file, so that a wrong file is named as such.
const HEADER: &str = "drom-exchange-ed25519";

/// This server's signing key.
pub struct ExchangeKey {
    signing: SigningKey,
}

impl std::fmt::Debug for ExchangeKey {
    // Never print the secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ExchangeKey({})", self.key_id())
    }
}

impl ExchangeKey {
    /// The key from its 32 secret bytes (from a random source when generating one).
    pub fn from_seed(seed: [u8; 32]) -> ExchangeKey {
        ExchangeKey { signing: SigningKey::from_bytes(&seed) }
    }

    /// Reads a key file's text: the header line, then the secret in base64.
    pub fn from_file_text(text: &str) -> Result<ExchangeKey, String> {
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        if lines.next() != Some(HEADER) {
            return Err(format!("not an exchange key file (its first line must be {HEADER})"));
        }
        let secret = lines.next().ok_or("the key file has no key")?;
        let bytes = STANDARD.decode(secret).map_err(|e| format!("the key is not base64: {e}"))?;
        let seed: [u8; 32] = bytes.try_into().map_err(|_| "the key must be 32 bytes".to_string())?;
        Ok(ExchangeKey::from_seed(seed))
    }

    /// The key file's text.
    pub fn to_file_text(&self) -> String {
        format!("{HEADER}\n{}\n", STANDARD.encode(self.signing.to_bytes()))
    }

    /// The public key in base64, as peers register it.
    pub fn public_key(&self) -> String {
        STANDARD.encode(self.signing.verifying_key().to_bytes())
    }

    /// The key id peers know this server's messages by.
    pub fn key_id(&self) -> String {
        key_id(&self.signing.verifying_key().to_bytes())
    }

    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }
}

/// The key id of a public key: the first 16 hex digits of its SHA-256.
pub fn key_id(public: &[u8; 32]) -> String {
    hex::encode(&Sha256::digest(public)[..8])
}

/// Reads a registered public key (base64 of 32 bytes) and checks it is a point of the curve.
pub fn parse_public_key(text: &str) -> Option<[u8; 32]> {
    let bytes: [u8; 32] = STANDARD.decode(text.trim()).ok()?.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok().map(|_| bytes)
}

/// Whether `signature` is `public`'s signature of `message`.
pub fn verify(public: &[u8; 32], message: &[u8], signature: &[u8]) -> bool {
    let Ok(key) = VerifyingKey::from_bytes(public) else { return false };
    let Ok(sig) = ed25519_dalek::Signature::from_slice(signature) else { return false };
    key.verify(message, &sig).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_round_trips_and_signs() {
        let k = ExchangeKey::from_seed([7; 32]);
        let again = ExchangeKey::from_file_text(&k.to_file_text()).unwrap();
        assert_eq!(again.public_key(), k.public_key());
        assert_eq!(k.key_id().len(), 16);
        let public = parse_public_key(&k.public_key()).unwrap();
        let sig = k.sign(b"hello");
        assert!(verify(&public, b"hello", &sig));
        assert!(!verify(&public, b"hellO", &sig));
        assert!(ExchangeKey::from_file_text("something else\nAAAA").is_err());
        assert!(ExchangeKey::from_file_text("drom-exchange-ed25519\nAAAA").is_err());
        assert!(parse_public_key("not base64!").is_none());
        assert!(!format!("{k:?}").contains(&STANDARD.encode([7u8; 32])));
    }
}
