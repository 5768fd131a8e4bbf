//! Counts for an agency's home page: what is in the registry and what needs attention.

use super::Registry;

use drom_domain::permission::{Actor, Permission};
use drom_store::error::StoreError;
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct RegistryCounts {
    pub persons: i64,
    pub households: i64,
    /// Registered persons not yet placed in a household.
    pub persons_without_household: i64,
    /// Records whose consent was withdrawn: to review for erasure or another legal basis.
    pub consent_withdrawn: i64,
    pub changed_last_7_days: i64,
}

impl Registry<'_> {
    pub async fn registry_counts(&self, actor: &Actor) -> Result<RegistryCounts, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let week_ago =
            (chrono::Utc::now() - chrono::Duration::days(7)).to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let row: (i64, i64, i64, i64, i64) = sql!(
            &mut c,
            fetch_one,
            sqlx::query_as::<_, (i64, i64, i64, i64, i64)>(
                sqlx::AssertSqlSafe(format!("SELECT \
                 (SELECT COUNT(*) FROM person WHERE {}), \
                 (SELECT COUNT(*) FROM household WHERE {}), \
                 (SELECT COUNT(*) FROM person p WHERE {} AND NOT EXISTS (SELECT 1 FROM household_member m WHERE m.person_id = p.id)), \
                 (SELECT COUNT(*) FROM person WHERE {} AND consent_withdrawn_at IS NOT NULL), \
                 (SELECT COUNT(*) FROM person WHERE {} AND updated_at > $2)", AgencyScope::of(actor).owned("", 1), AgencyScope::of(actor).owned("", 1), AgencyScope::of(actor).owned("p", 1), AgencyScope::of(actor).owned("", 1), AgencyScope::of(actor).owned("", 1)))
            )
            .bind(AgencyScope::of(actor).agency())
            .bind(week_ago)
        )?;
        Ok(RegistryCounts {
            persons: row.0,
            households: row.1,
            persons_without_household: row.2,
            consent_withdrawn: row.3,
            changed_last_7_days: row.4,
        })
    }
}
