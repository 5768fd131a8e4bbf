//! Dates of birth as people know them: a year, a year and month, or a full date, possibly
//! estimated. Returnees often have no document with an exact date.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar date of which the month and day may be unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DateError(pub String);

impl PartialDate {
    /// Earliest year accepted for a living person's date of birth.
    pub const MIN_YEAR: i32 = 1890;

    pub fn new(year: i32, month: Option<u32>, day: Option<u32>) -> Result<Self, DateError> {
        if !(Self::MIN_YEAR..=9999).contains(&year) {
            return Err(DateError(format!("year {year} is out of range")));
        }
        match (month, day) {
            (None, Some(_)) => return Err(DateError("a day needs a month".into())),
            (Some(m), _) if !(1..=12).contains(&m) => {
                return Err(DateError(format!("month {m} does not exist")));
            }
            (Some(m), Some(d)) if NaiveDate::from_ymd_opt(year, m, d).is_none() => {
                return Err(DateError(format!("{year:04}-{m:02}-{d:02} is not a date")));
            }
            _ => {}
        }
        Ok(Self { year, month, day })
    }

    /// Age in whole years on `today`; with an unknown month or day the person is taken to have
    /// had their birthday already this year (the youngest age the facts allow is never wrong low).
    pub fn age_on(&self, today: NaiveDate) -> i32 {
        let mut age = today.year() - self.year;
        let before_birthday = match (self.month, self.day) {
            (Some(m), Some(d)) => (today.month(), today.day()) < (m, d),
            (Some(m), None) => today.month() < m,
            _ => false,
        };
        if before_birthday {
            age -= 1;
        }
        age
    }

    /// Whether the date lies after `today` (for a birth date: impossible).
    pub fn is_after(&self, today: NaiveDate) -> bool {
        let key = (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1));
        key > (today.year(), today.month(), today.day())
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || DateError(format!("'{s}' is not YYYY, YYYY-MM or YYYY-MM-DD"));
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, DateError> {
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            p.parse().map_err(|_| bad())
        };
        match parts.as_slice() {
            [y] => Self::new(num(y, 4)? as i32, None, None),
            [y, m] => Self::new(num(y, 4)? as i32, Some(num(m, 2)?), None),
            [y, m, d] => Self::new(num(y, 4)? as i32, Some(num(m, 2)?), Some(num(d, 2)?)),
            _ => Err(bad()),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn parses_partial_forms_and_prints_them_back() {
        for s in ["1985", "1985-03", "1985-03-12", "2000-02-29"] {
            assert_eq!(s.parse::<PartialDate>().unwrap().to_string(), s);
        }
    }

    #[test]
    fn refuses_impossible_dates() {
        for s in ["1985-13", "1985-02-30", "2001-02-29", "85", "1985-3", "1985/03/12", "", "1800", "1985--1"] {
            assert!(s.parse::<PartialDate>().is_err(), "{s} should be refused");
        }
    }

    #[test]
    fn age_respects_known_parts_only() {
        let today = day("2026-06-15");
        assert_eq!("1990-06-16".parse::<PartialDate>().unwrap().age_on(today), 35);
        assert_eq!("1990-06-15".parse::<PartialDate>().unwrap().age_on(today), 36);
        assert_eq!("1990-07".parse::<PartialDate>().unwrap().age_on(today), 35);
        assert_eq!("1990".parse::<PartialDate>().unwrap().age_on(today), 36);
        assert!("2026-07".parse::<PartialDate>().unwrap().is_after(today));
        assert!(!"2026".parse::<PartialDate>().unwrap().is_after(today));
    }
}
