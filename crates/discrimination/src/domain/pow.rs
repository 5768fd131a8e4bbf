//! The small proof of work a report form asks of the browser: the server hands out a challenge
//! (when it was issued, a random nonce, and a MAC of both under the installation's key, so no
//! state is kept until it is used), and the page's script finds a counter whose SHA-256 with the
//! challenge starts with `bits` zero bits. A browser without script sends no counter; the
//! server then asks that the challenge be at least a few seconds old (a person filling in the
//! form takes longer; a flood does not wait). Either way a challenge is used once.

use hmac::{Hmac, KeyInit, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// How long a challenge may be used after it was issued: a long report takes a while to write.
pub const VALID_SECS: i64 = 3 * 60 * 60;

/// A challenge as the form carries it: `issued.nonce.mac`.
pub fn issue(key: &[u8], now_unix: i64) -> String {
    let mut nonce = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let body = format!("{now_unix}.{}", hex::encode(nonce));
    format!("{body}.{}", mac(key, &body))
}

fn mac(key: &[u8], body: &str) -> String {
    let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes a key of any length");
    m.update(body.as_bytes());
    hex::encode(&m.finalize().into_bytes()[..16])
}

/// Why a challenge or its answer is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Not one this server issued (or altered).
    Forged,
    /// Issued more than `VALID_SECS` ago (or in the future).
    Expired,
    /// The counter does not give enough zero bits.
    Unsolved,
}

/// A checked challenge: its nonce (to use it once) and when it was issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub nonce: String,
    pub issued_unix: i64,
}

/// Checks a challenge this server issued, and the counter if one was sent.
pub fn check(key: &[u8], challenge: &str, counter: Option<&str>, bits: u32, now_unix: i64) -> Result<Checked, Refused> {
    let mut parts = challenge.trim().splitn(3, '.');
    let (Some(issued), Some(nonce), Some(sent_mac)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(Refused::Forged);
    };
    let expected = mac(key, &format!("{issued}.{nonce}"));
    if expected.len() != sent_mac.len()
        || expected.bytes().zip(sent_mac.bytes()).fold(0u8, |a, (x, y)| a | (x ^ y)) != 0
    {
        return Err(Refused::Forged);
    }
    let issued_unix: i64 = issued.parse().map_err(|_| Refused::Forged)?;
    if issued_unix > now_unix + 60 || now_unix - issued_unix > VALID_SECS {
        return Err(Refused::Expired);
    }
    if let Some(counter) = counter
        && !solves(challenge.trim(), counter, bits)
    {
        return Err(Refused::Unsolved);
    }
    Ok(Checked { nonce: nonce.to_string(), issued_unix })
}

/// Whether SHA-256 of `challenge:counter` starts with `bits` zero bits.
pub fn solves(challenge: &str, counter: &str, bits: u32) -> bool {
    if counter.len() > 20 || !counter.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let digest = Sha256::digest(format!("{challenge}:{counter}").as_bytes());
    leading_zero_bits(&digest) >= bits
}

fn leading_zero_bits(bytes: &[u8]) -> u32 {
    let mut n = 0;
    for b in bytes {
        if *b == 0 {
            n += 8;
        } else {
            return n + b.leading_zeros();
        }
    }
    n
}

/// Finds a counter for `challenge` (what the page's script does; the tests and the API's
/// clients use it).
pub fn solve(challenge: &str, bits: u32) -> String {
    (0u64..).map(|n| n.to_string()).find(|c| solves(challenge, c, bits)).expect("some counter solves it")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_challenge_is_checked_for_origin_age_and_work() {
        let key = b"installation key";
        let c = issue(key, 1_000_000);
        let counter = solve(&c, 8);
        assert_eq!(check(key, &c, Some(&counter), 8, 1_000_010).unwrap().issued_unix, 1_000_000);
        assert!(check(key, &c, None, 8, 1_000_010).is_ok(), "without script the age is checked elsewhere");
        assert_eq!(check(b"another key", &c, Some(&counter), 8, 1_000_010), Err(Refused::Forged));
        let altered = c.replacen("1000000", "1000500", 1);
        assert_eq!(check(key, &altered, Some(&counter), 8, 1_000_600), Err(Refused::Forged));
        assert_eq!(check(key, &c, Some(&counter), 8, 1_000_000 + VALID_SECS + 1), Err(Refused::Expired));
        assert_eq!(check(key, "garbage", None, 8, 1), Err(Refused::Forged));
        // A counter that gives fewer zero bits than asked is refused.
        let weak = (0u64..).map(|n| n.to_string()).find(|n| solves(&c, n, 1) && !solves(&c, n, 8)).unwrap();
        assert_eq!(check(key, &c, Some(&weak), 8, 1_000_010), Err(Refused::Unsolved));
        assert_eq!(leading_zero_bits(&[0, 0x10]), 11);
        assert!(!solves(&c, "12x", 0));
    }
}
