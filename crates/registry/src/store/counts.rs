//! Counts for an agency's home page: what is in the registry and what needs attention.

use super::Registry;

use drom_domain::permission::{Actor, Permission};
use drom_store::error::StoreError;
use drom_store::query::capped_count;
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::Serialize;

/// Each count stops one past `COUNT_CAP`: a figure above it means "more than 10,000" (pages
/// show it with `Ctx::count`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct RegistryCounts {
    pub persons: i64,
    pub households: i64,
    pub persons_without_household: i64,
    pub consent_withdrawn: i64,
    pub changed_last_7_days: i64,
}

impl Registry<'_> {
    pub async fn registry_counts(&self, actor: &Actor) -> Result<RegistryCounts, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let week_ago =
            (chrono::Utc::now() - chrono::Duration::days(7)).to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let mine = AgencyScope::of(actor).owned("", 1);
        // Each count reads one index range (migration 23), at most one row past the cap.
        let counts = [
            format!("SELECT 1 FROM person WHERE {mine}"),
            format!("SELECT 1 FROM household WHERE {mine}"),
            format!("SELECT 1 FROM person WHERE {mine} AND in_household = 0"),
            format!("SELECT 1 FROM person WHERE {mine} AND consent_withdrawn_at IS NOT NULL"),
            format!("SELECT 1 FROM person WHERE {mine} AND updated_at > $2"),
        ]
        .map(|select| capped_count(&select))
        .join(", ");
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let row: (i64, i64, i64, i64, i64) = sql!(
            &mut c,
            fetch_one,
            sqlx::query_as::<_, (i64, i64, i64, i64, i64)>(sqlx::AssertSqlSafe(format!("SELECT {counts}")))
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
