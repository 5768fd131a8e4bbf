//! The tasks return and reintegration asks casework to keep: a monitoring visit falls due. The
//! rule runs for every agency at once (`drom tasks`, and every few hours in each server); each
//! task is on its case and follows the case's assignment.

use super::Returns;
use super::attention::next_due;
use chrono::{Days, NaiveDate};
use drom_casework::domain::Subject;
use drom_casework::store::tasks::RuleTask;
use drom_store::error::StoreError;
use drom_store::sql;

/// The rule's name (its tasks' `rule`; message `task-rule-monitoring-visit`).
pub const MONITORING_VISIT: &str = "monitoring_visit";

/// How long before its due date a visit becomes a task, so it can be planned.
pub const VISIT_NOTICE_DAYS: u64 = 14;

type OpenArrived = (i64, i64, String, String, String, Option<i64>);

impl Returns<'_> {
    /// One task per open, arrived case whose next scheduled monitoring visit is due within
    /// `VISIT_NOTICE_DAYS` of `today` (or overdue), keyed by case and milestone.
    pub async fn monitoring_visit_tasks(&self, today: NaiveDate) -> Result<Vec<RuleTask>, StoreError> {
        let schedule = self.sustainability_months();
        let horizon = today.checked_add_days(Days::new(VISIT_NOTICE_DAYS)).unwrap_or(today);
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        // Every agency's: the rule is a system job, and each task keeps its case's agency.
        let rows: Vec<OpenArrived> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, OpenArrived>(
                "SELECT k.id, k.agency_id, p.given_name, p.family_name, k.arrived_on, \
                 (SELECT MAX(v.months_after_arrival) FROM monitoring_visit v WHERE v.case_id = k.id) \
                 FROM return_case k JOIN person p ON p.id = k.person_id \
                 WHERE k.arrived_on IS NOT NULL AND k.stage NOT IN ('closed', 'stopped') ORDER BY k.id"
            )
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(case_id, agency_id, given, family, arrived_on, latest)| {
                let (months, due) = next_due(arrived_on.parse().ok()?, latest, &schedule)?;
                (due <= horizon).then(|| {
                    let person = format!("{given} {family}");
                    RuleTask {
                        agency_id,
                        subject: Subject::ReturnCase,
                        subject_id: case_id,
                        key: format!("{MONITORING_VISIT}:{case_id}:{months}"),
                        title: format!("Monitoring visit to {person}, {months} months after arrival"),
                        args: serde_json::json!({"person": person, "months": months.to_string()}),
                        due_on: due,
                    }
                })
            })
            .collect())
    }
}
