//! The task referrals ask casework to keep: a referral sent and not answered by its due date
//! becomes a task of the sending agency on the record it came from (and follows that record's
//! holder); it closes when the receiver answers or the referral is cancelled.

use super::Referrals;
use chrono::NaiveDate;
use drom_casework::domain::Subject;
use drom_casework::store::tasks::RuleTask;
use drom_store::error::StoreError;
use drom_store::sql;

/// The rule's name (its tasks' `rule`; message `task-rule-referral-overdue`).
pub const REFERRAL_OVERDUE: &str = "referral_overdue";

type Overdue = (i64, i64, String, i64, String, String);

impl Referrals<'_> {
    /// One task per referral of any agency on this server still waiting for an answer after its
    /// due date, keyed by the referral.
    pub async fn overdue_tasks(&self, today: NaiveDate) -> Result<Vec<RuleTask>, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        // Every agency's: the rule is a system job, and each task keeps its referral's agency.
        let rows: Vec<Overdue> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, Overdue>(
                "SELECT r.id, r.sender_agency_id, r.subject, r.subject_id, r.service_name, r.due_on FROM referral r \
                 WHERE r.status = 'requested' AND r.due_on < $1 AND r.sender_agency_id IS NOT NULL \
                 AND r.subject IS NOT NULL AND r.subject_id IS NOT NULL ORDER BY r.id"
            )
            .bind(today.to_string())
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, agency_id, subject, subject_id, service, due_on)| {
                let subject = match subject.as_str() {
                    "return_case" => Subject::ReturnCase,
                    _ => Subject::Person,
                };
                Some(RuleTask {
                    agency_id,
                    subject,
                    subject_id,
                    key: format!("{REFERRAL_OVERDUE}:{id}"),
                    title: format!("Referral to {service} not answered since {due_on}"),
                    args: serde_json::json!({"service": service, "due": due_on}),
                    due_on: due_on.parse().ok()?,
                })
            })
            .collect())
    }
}
