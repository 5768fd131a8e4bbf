//! When a closed report's personal data go: its body's retention period (fixed on the report
//! when it arrives, so a later change of policy applies to new reports only) after closure,
//! but never sooner than `GRACE_DAYS` after the reporter last wrote, and never while open.

use chrono::{DateTime, Duration, Utc};

/// A reporter who writes shortly before the expiry keeps the report this long after writing.
pub const GRACE_DAYS: i64 = 30;

/// When a report may be erased: `None` while it is open.
pub fn erase_after(
    closed_at: Option<DateTime<Utc>>,
    retention_days: i64,
    last_reporter_message: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    let closed = closed_at?;
    let by_policy = closed + Duration::days(retention_days);
    Some(match last_reporter_message {
        Some(m) => by_policy.max(m + Duration::days(GRACE_DAYS)),
        None => by_policy,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_reports_stay_and_a_late_message_postpones_erasure() {
        let day = |d: i64| DateTime::from_timestamp(d * 86_400, 0).unwrap();
        assert_eq!(erase_after(None, 365, None), None);
        assert_eq!(erase_after(Some(day(100)), 365, None), Some(day(465)));
        assert_eq!(erase_after(Some(day(100)), 365, Some(day(90))), Some(day(465)));
        // Written five days before the expiry: kept thirty days after the message.
        assert_eq!(erase_after(Some(day(100)), 365, Some(day(460))), Some(day(490)));
    }
}
