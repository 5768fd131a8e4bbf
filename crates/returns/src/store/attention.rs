//! What in an agency's return cases waits for someone: how many cases are still open, and how
//! many returnees' next scheduled monitoring visit is overdue. The home page shows it to
//! caseworkers; the visits themselves are tasks (`task_rules`).

use super::Returns;

use chrono::{Months, NaiveDate};
use drom_domain::permission::{Actor, Permission};
use drom_store::error::StoreError;
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct ReturnAttention {
    /// Cases neither closed nor stopped.
    pub open_cases: i64,
    /// Arrived, open cases whose next scheduled visit fell due before today. Each such visit is
    /// also a task of its case's holder (`task_rules`), which names it.
    pub visits_due: i64,
}

/// The first scheduled visit not yet made, given the latest visit's months after arrival, and
/// its due date. A visit counts for every milestone up to its own month, as on the case page.
pub fn next_due(arrived: NaiveDate, latest_visit_months: Option<i64>, schedule: &[u32]) -> Option<(u32, NaiveDate)> {
    let done = latest_visit_months.unwrap_or(-1);
    let months = schedule.iter().copied().find(|m| i64::from(*m) > done)?;
    Some((months, arrived.checked_add_months(Months::new(months))?))
}

type OpenArrived = (String, Option<i64>);

impl Returns<'_> {
    /// Open cases and overdue monitoring visits of the actor's agency, as of `today`.
    pub async fn return_attention(&self, actor: &Actor, today: NaiveDate) -> Result<ReturnAttention, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let schedule = self.sustainability_months();
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let open_cases: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM return_case WHERE {} AND stage NOT IN ('closed', 'stopped')",
                AgencyScope::of(actor).owned("", 1)
            )))
            .bind(AgencyScope::of(actor).agency())
        )?;
        let arrived: Vec<OpenArrived> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, OpenArrived>(sqlx::AssertSqlSafe(format!(
                "SELECT k.arrived_on, \
                 (SELECT MAX(v.months_after_arrival) FROM monitoring_visit v WHERE v.case_id = k.id) \
                 FROM return_case k WHERE {} AND k.arrived_on IS NOT NULL AND k.stage NOT IN ('closed', 'stopped')",
                AgencyScope::of(actor).readable("k", 1)
            )))
            .bind(AgencyScope::of(actor).agency())
        )?;
        drop(h);
        let visits_due = arrived
            .into_iter()
            .filter_map(|(arrived_on, latest)| next_due(arrived_on.parse().ok()?, latest, &schedule))
            .filter(|(_, due)| *due < today)
            .count() as i64;
        Ok(ReturnAttention { open_cases, visits_due })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_next_visit_is_the_first_milestone_after_the_latest_visit() {
        let arrived = day("2026-01-31");
        assert_eq!(next_due(arrived, None, &[3, 6, 12]), Some((3, day("2026-04-30"))));
        assert_eq!(next_due(arrived, Some(3), &[3, 6, 12]), Some((6, day("2026-07-31"))));
        // A late visit covers the milestones it passed.
        assert_eq!(next_due(arrived, Some(7), &[3, 6, 12]), Some((12, day("2027-01-31"))));
        assert_eq!(next_due(arrived, Some(12), &[3, 6, 12]), None);
    }
}
