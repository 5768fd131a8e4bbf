//! Retention: a closed report whose time has come (`erase_after`, fixed at closure from the
//! retention period the report arrived with and the reporter's last message) loses its personal
//! data and evidence; its coded facts and dates stay as the statistical record. Run by every
//! server with the task rules and by `drom discrimination erase`.

use super::Discrimination;
use drom_casework::domain::Subject;
use drom_domain::audit::NewAuditEntry;
use drom_store::audit;
use drom_store::db::now;
use drom_store::error::StoreError;
use drom_store::sql;

impl Discrimination<'_> {
    /// Erases every report due at `at` (RFC 3339); returns how many. `progress` hears of each.
    pub async fn erase_due(&self, at: &str, progress: &(dyn Fn() + Sync)) -> Result<usize, StoreError> {
        let due: Vec<(i64, i64)> = {
            let mut h = self.acquire().await?;
            let mut c = h.conn();
            sql!(
                &mut c,
                fetch_all,
                sqlx::query_as::<_, (i64, i64)>(
                    "SELECT id, agency_id FROM discrimination_report WHERE erased_at IS NULL AND status = 'closed' \
                     AND erase_after IS NOT NULL AND erase_after <= $1 ORDER BY id"
                )
                .bind(at)
            )?
        };
        for (id, agency_id) in &due {
            self.erase(*id, *agency_id).await?;
            progress();
        }
        Ok(due.len())
    }

    async fn erase(&self, id: i64, agency_id: i64) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let mut files: Vec<String> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_scalar::<_, String>("SELECT stored_as FROM discrimination_evidence WHERE report_id = $1")
                .bind(id)
        )?;
        for table in ["discrimination_evidence", "discrimination_message"] {
            sql!(
                &mut c,
                execute,
                sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE report_id = $1"))).bind(id)
            )?;
        }
        files.extend(drom_casework::store::erase_record(&mut c, Subject::DiscriminationReport, id).await?);
        sql!(
            &mut c,
            execute,
            sqlx::query("UPDATE discrimination_event SET reason = NULL WHERE report_id = $1").bind(id)
        )?;
        sql!(
            &mut c,
            execute,
            sqlx::query(
                "UPDATE discrimination_report SET code_hash = NULL, description = NULL, place = NULL, contact_name = NULL, \
                 contact_phone = NULL, contact_email = NULL, erased_at = $1, version = version + 1 WHERE id = $2"
            )
            .bind(now())
            .bind(id)
        )?;
        sql!(
            &mut c,
            execute,
            sqlx::query("INSERT INTO discrimination_event (report_id, kind, at) VALUES ($1, 'erased', $2)")
                .bind(id)
                .bind(now())
        )?;
        audit::append_entry(
            &mut c,
            NewAuditEntry {
                user_id: None,
                agency_id: Some(agency_id),
                action: "discrimination.erase".into(),
                record_type: "discrimination_report".into(),
                record_id: Some(id),
                reason: Some("retention period over".into()),
                detail: serde_json::json!({"files": files.len()}).to_string(),
            },
        )
        .await?;
        tx.commit().await?;
        self.remove_files(&files).await;
        Ok(())
    }
}
