//! Opening hours and "open now": a service is open at a moment of Kosovo's time when one of its
//! weekly spans (HSDS schedule: `byday` like "MO,TU,WE", `opens_at` and `closes_at` like
//! "08:00", optionally `valid_from`/`valid_to`) covers it. Pure: the caller gives the moment.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};

/// Kosovo's time zone (Europe/Belgrade in the tz database: CET, CEST in summer).
pub const TIME_ZONE: chrono_tz::Tz = chrono_tz::Europe::Belgrade;

/// One weekly span of opening hours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub days: Vec<Weekday>,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
}

/// An iCalendar day code (MO, TU, ...).
pub fn weekday(code: &str) -> Option<Weekday> {
    Some(match code.trim().to_ascii_uppercase().as_str() {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

fn time(v: &str) -> Option<NaiveTime> {
    let v = v.trim();
    NaiveTime::parse_from_str(v, "%H:%M").or_else(|_| NaiveTime::parse_from_str(v, "%H:%M:%S")).ok()
}

impl Span {
    /// A span from HSDS schedule fields; `None` when they do not describe weekly hours (no days,
    /// an unreadable day or time, or a closing not after the opening).
    pub fn from_hsds(
        byday: Option<&str>,
        opens_at: Option<&str>,
        closes_at: Option<&str>,
        valid_from: Option<&str>,
        valid_to: Option<&str>,
    ) -> Option<Span> {
        let days: Option<Vec<Weekday>> = byday?.split(',').filter(|d| !d.trim().is_empty()).map(weekday).collect();
        let days = days.filter(|d| !d.is_empty())?;
        let opens = time(opens_at?)?;
        let closes = time(closes_at?)?;
        if closes <= opens {
            return None;
        }
        let date = |v: Option<&str>| v.and_then(|d| d.trim().get(..10)).and_then(|d| d.parse::<NaiveDate>().ok());
        Some(Span { days, opens, closes, valid_from: date(valid_from), valid_to: date(valid_to) })
    }

    /// Whether this span covers `at` (Kosovo's local time): the day is one of its days, the
    /// time is from the opening up to (not including) the closing, the date within validity.
    pub fn covers(&self, at: NaiveDateTime) -> bool {
        let d = at.date();
        self.days.contains(&d.weekday())
            && self.opens <= at.time()
            && at.time() < self.closes
            && self.valid_from.is_none_or(|f| f <= d)
            && self.valid_to.is_none_or(|t| d <= t)
    }
}

/// Whether any of `spans` covers `at` (Kosovo's local time).
pub fn open_at(spans: &[Span], at: NaiveDateTime) -> bool {
    spans.iter().any(|s| s.covers(at))
}

/// Kosovo's local time at an instant.
pub fn local(at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&TIME_ZONE).naive_local()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn weekdays_8_to_16() -> Span {
        Span::from_hsds(Some("MO,TU,WE,TH,FR"), Some("08:00"), Some("16:00"), None, None).unwrap()
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn open_within_hours_on_a_listed_day() {
        let s = [weekdays_8_to_16()];
        // Monday 1 June 2026, 09:30 in Prishtina (CEST, UTC+2) is 07:30 UTC.
        assert!(open_at(&s, local(utc(2026, 6, 1, 7, 30))));
        // 16:00 local is closed (the closing time is not included).
        assert!(!open_at(&s, local(utc(2026, 6, 1, 14, 0))));
        // 07:59 local is not yet open.
        assert!(!open_at(&s, local(utc(2026, 6, 1, 5, 59))));
    }

    #[test]
    fn closed_at_the_weekend() {
        let s = [weekdays_8_to_16()];
        // Saturday 6 June 2026, 10:00 local.
        assert!(!open_at(&s, local(utc(2026, 6, 6, 8, 0))));
    }

    #[test]
    fn the_time_zone_follows_summer_time() {
        let s = [weekdays_8_to_16()];
        // Winter: Monday 12 January 2026, 07:30 UTC is 08:30 local (CET, UTC+1): open.
        assert!(open_at(&s, local(utc(2026, 1, 12, 7, 30))));
        // Summer: 06:30 UTC on Monday 1 June is 08:30 local (CEST): open; in winter 06:30 UTC
        // is 07:30 local: closed.
        assert!(open_at(&s, local(utc(2026, 6, 1, 6, 30))));
        assert!(!open_at(&s, local(utc(2026, 1, 12, 6, 30))));
    }

    #[test]
    fn validity_limits_the_dates() {
        let s =
            [Span::from_hsds(Some("MO"), Some("08:00"), Some("12:00"), Some("2026-06-01"), Some("2026-06-30"))
                .unwrap()];
        assert!(open_at(&s, local(utc(2026, 6, 8, 8, 0))));
        assert!(!open_at(&s, local(utc(2026, 7, 6, 8, 0))));
        assert!(!open_at(&s, local(utc(2026, 5, 25, 8, 0))));
    }

    #[test]
    fn unreadable_hours_are_no_span() {
        assert!(Span::from_hsds(Some("XX"), Some("08:00"), Some("16:00"), None, None).is_none());
        assert!(Span::from_hsds(Some("MO"), Some("16:00"), Some("08:00"), None, None).is_none());
        assert!(Span::from_hsds(None, Some("08:00"), Some("16:00"), None, None).is_none());
        assert!(Span::from_hsds(Some("MO"), Some("8h"), Some("16:00"), None, None).is_none());
    }
}
