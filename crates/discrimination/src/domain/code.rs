//! The tracking code a reporter keeps: 16 random digits shown in four groups, like a phone
//! number. It is drawn from the operating system's generator, so nothing about the report
//! (time, place, number) can give it; only a slow hash of it is stored.

use rand::Rng;

/// Digits in a code: 10^16 codes, so guessing one among a million reports takes on average
/// 5·10^9 tries, each an Argon2 hash on the server and each subject to the address limits.
pub const DIGITS: usize = 16;

/// A tracking code: exactly `DIGITS` ASCII digits.
#[derive(Clone, PartialEq, Eq)]
pub struct TrackingCode(String);

// Never printed by accident (logs, panics): `{:?}` shows only that it is a code.
impl std::fmt::Debug for TrackingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TrackingCode(…)")
    }
}

impl TrackingCode {
    /// A new random code.
    pub fn generate() -> TrackingCode {
        let mut rng = rand::rngs::OsRng;
        TrackingCode((0..DIGITS).map(|_| char::from(b'0' + rng.gen_range(0..10u8))).collect())
    }

    /// A code as typed: spaces, dashes and dots between digits are ignored. `None` unless
    /// exactly `DIGITS` digits remain.
    pub fn parse(typed: &str) -> Option<TrackingCode> {
        let digits: String = typed.chars().filter(|c| !matches!(c, ' ' | '-' | '.' | '\u{a0}')).collect();
        (digits.len() == DIGITS && digits.bytes().all(|b| b.is_ascii_digit())).then_some(TrackingCode(digits))
    }

    /// The digits alone.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// In four groups of four, to read out and copy: `1234 5678 9012 3456`.
    pub fn grouped(&self) -> String {
        self.0.as_bytes().chunks(4).map(|g| String::from_utf8_lossy(g).into_owned()).collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sixteen_digits_read_back_however_they_are_typed() {
        let c = TrackingCode::generate();
        assert_eq!(c.digits().len(), 16);
        assert!(c.digits().bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(c.grouped().len(), 19);
        assert_eq!(TrackingCode::parse(&c.grouped()), Some(c.clone()));
        assert_eq!(TrackingCode::parse("1234-5678-9012-3456").unwrap().digits(), "1234567890123456");
        assert_eq!(TrackingCode::parse("1234 5678 9012 345"), None);
        assert_eq!(TrackingCode::parse("1234 5678 9012 345x"), None);
        assert_eq!(TrackingCode::parse("12345678901234567"), None);
        assert!(!format!("{c:?}").contains(c.digits()));
        // Two codes in a row differ (a fixed or counter-based generator would fail this).
        assert_ne!(TrackingCode::generate(), TrackingCode::generate());
    }
}
