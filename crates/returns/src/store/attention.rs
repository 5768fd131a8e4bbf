//! What in an agency's return cases waits for someone: how many cases are still open, and how
//! many returnees' next scheduled monitoring visit is overdue. The home page shows it to
//! caseworkers; the visits themselves are tasks (`task_rules`).

use super::Returns;

use chrono::{Months, NaiveDate};
use drom_domain::permission::{Actor, Permission};
use drom_store::error::StoreError;
use drom_store::query::{Param, bind_params, capped_count};
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

/// The first arrival day from which a visit `months` after arrival is not yet due on `today`:
/// a case that arrived before it has that visit overdue. Adding months is monotone (the 31st
/// plus a month is the month's last day), so the days before one cut-off are exactly those.
pub fn arrival_cutoff(today: NaiveDate, months: u32) -> NaiveDate {
    let due = |d: NaiveDate| d.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX);
    let mut day = today.checked_sub_months(Months::new(months)).unwrap_or(NaiveDate::MIN);
    while let Some(before) = day.pred_opt().filter(|b| due(*b) >= today) {
        day = before;
    }
    while due(day) < today {
        day = day.succ_opt().unwrap_or(NaiveDate::MAX);
    }
    day
}

/// The condition that an arrived case (`k`) has its next scheduled visit overdue on `today`:
/// its latest visit comes before the latest milestone already due, binding the cut-offs from
/// `$first`. Equivalent to `next_due(..) < today` (tested below), but in SQL, so the count
/// stops at the cap instead of reading every arrived case.
fn overdue_condition(today: NaiveDate, schedule: &[u32], first: usize) -> (String, Vec<String>) {
    let mut milestones: Vec<u32> = schedule.to_vec();
    milestones.sort_unstable();
    milestones.dedup();
    let mut arms = String::new();
    let mut binds = Vec::new();
    for m in milestones.iter().rev() {
        binds.push(arrival_cutoff(today, *m).to_string());
        arms.push_str(&format!(" WHEN k.arrived_on < ${} THEN {m}", first + binds.len() - 1));
    }
    if milestones.is_empty() {
        return ("1 = 0".into(), binds);
    }
    (
        format!(
            "COALESCE((SELECT MAX(v.months_after_arrival) FROM monitoring_visit v WHERE v.case_id = k.id), -1) < \
             CASE{arms} ELSE -1 END"
        ),
        binds,
    )
}

impl Returns<'_> {
    /// Open cases and overdue monitoring visits of the actor's agency, as of `today`. Both
    /// counts stop one past `COUNT_CAP` ("more than 10,000").
    pub async fn return_attention(&self, actor: &Actor, today: NaiveDate) -> Result<ReturnAttention, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let schedule = self.sustainability_months();
        let scope = AgencyScope::of(actor);
        let (overdue, cutoffs) = overdue_condition(today, &schedule, 2);
        let open = "k.stage NOT IN ('closed', 'stopped')";
        let sql = format!(
            "SELECT {}, {}",
            capped_count(&format!("SELECT 1 FROM return_case k WHERE {} AND {open}", scope.owned("k", 1))),
            capped_count(&format!(
                "SELECT 1 FROM return_case k WHERE {} AND k.arrived_on IS NOT NULL AND {open} AND {overdue}",
                scope.readable("k", 1)
            ))
        );
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let mut params = vec![Param::I(scope.agency())];
        params.extend(cutoffs.into_iter().map(Param::S));
        let (open_cases, visits_due): (i64, i64) =
            sql!(&mut c, fetch_one, bind_params(sqlx::query_as::<_, (i64, i64)>(sqlx::AssertSqlSafe(sql)), &params))?;
        Ok(ReturnAttention { open_cases, visits_due })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// The SQL condition's cut-offs agree with `next_due` on every arrival day of three years
    /// around month ends and leap days, for every latest visit.
    #[test]
    fn cutoffs_agree_with_the_next_due_visit() {
        let schedule = [3, 6, 12, 24];
        for today in ["2026-03-01", "2024-02-29", "2026-12-31", "2025-05-31"].map(day) {
            let cutoffs: Vec<(u32, NaiveDate)> = schedule.iter().map(|m| (*m, arrival_cutoff(today, *m))).collect();
            let mut arrived = today - chrono::Duration::days(3 * 366);
            while arrived <= today {
                for latest in [None, Some(0), Some(3), Some(5), Some(6), Some(12), Some(24)] {
                    let expected = next_due(arrived, latest, &schedule).is_some_and(|(_, due)| due < today);
                    // As the SQL reads it: the largest milestone whose cut-off the arrival is before.
                    let passed = cutoffs.iter().rev().find(|(_, c)| arrived < *c).map_or(-1, |(m, _)| i64::from(*m));
                    assert_eq!(
                        latest.unwrap_or(-1) < passed,
                        expected,
                        "arrived {arrived}, latest {latest:?}, {today}"
                    );
                }
                arrived = arrived.succ_opt().unwrap();
            }
        }
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
