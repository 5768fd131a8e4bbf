//! Amounts of money as whole cents, so that sums and ceilings are exact on every database.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount in cents of the reporting currency (EUR).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct Cents(pub i64);

/// The largest amount Drom accepts for one budget or entry: ten thousand million euro.
pub const MAX_CENTS: i64 = 1_000_000_000_000;

impl Cents {
    /// Parses `1234`, `1234.5` or `1234.50` (a comma also separates cents); no sign, at most two
    /// decimals.
    pub fn parse(text: &str) -> Result<Cents, String> {
        let t = text.trim().replace(['\u{a0}', ' '], "");
        let t = t.strip_suffix("EUR").or_else(|| t.strip_suffix('€')).unwrap_or(&t).trim();
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let (whole, frac, frac_ok) = match t.split_once(['.', ',']) {
            Some((w, f)) => (w, f, digits(f) && f.len() <= 2),
            None => (t, "", true),
        };
        if !digits(whole) || !frac_ok {
            return Err(format!("'{text}' is not an amount in euro such as 1500 or 1500.50"));
        }
        let whole: i64 = whole.parse().map_err(|_| format!("'{text}' is too large"))?;
        let frac: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().unwrap_or(0) };
        let cents = whole.checked_mul(100).and_then(|w| w.checked_add(frac)).filter(|c| *c <= MAX_CENTS);
        cents.map(Cents).ok_or_else(|| format!("'{text}' is larger than the largest amount accepted"))
    }

    pub fn euros(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

impl fmt::Display for Cents {
    /// `1500.00 EUR`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02} EUR", a / 100, a % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_exactly_and_refuse_the_rest() {
        assert_eq!(Cents::parse("1500"), Ok(Cents(150_000)));
        assert_eq!(Cents::parse("1500.5"), Ok(Cents(150_050)));
        assert_eq!(Cents::parse(" 1 500,25 EUR"), Ok(Cents(150_025)));
        assert_eq!(Cents::parse("0.07"), Ok(Cents(7)));
        for bad in ["", "-5", "1.234", "abc", "12.", ".5", "99999999999999999999"] {
            assert!(Cents::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Cents(150_005).to_string(), "1500.05 EUR");
    }
}
