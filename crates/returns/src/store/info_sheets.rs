//! Information sheets: what a counsellor tells a person about the municipality they would return
//! to (services, housing, schools, health care, safety). Staff keep them current; every version
//! is kept, and a counselling session records the version it used.

use super::Returns;
use chrono::NaiveDate;
use drom_domain::error::required_text;
use drom_domain::permission::{Actor, Permission, RegistryWriter};
use drom_domain::{Common, ValidationErrors};
use drom_store::audit;
use drom_store::db::now;
use drom_store::error::StoreError;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InfoSheetInput {
    pub services: String,
    pub housing: String,
    pub schools: String,
    pub health_care: String,
    pub safety: String,
    /// The day the facts were checked (default today).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub updated_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct InfoSheet {
    pub municipality_code: String,
    pub version: i64,
    pub services: String,
    pub housing: String,
    pub schools: String,
    pub health_care: String,
    pub safety: String,
    pub updated_on: String,
    pub updated_by: i64,
}

/// The topics of a sheet, in the order they are shown and recorded in counselling.
pub const TOPICS: [&str; 5] = ["services", "housing", "schools", "health_care", "safety"];

const COLUMNS: &str =
    "municipality_code, version, services, housing, schools, health_care, safety, updated_on, updated_by";

impl Returns<'_> {
    /// The current sheet of every municipality that has one.
    pub async fn info_sheets(&self, actor: &Actor) -> Result<Vec<InfoSheet>, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let q = format!(
            "SELECT {COLUMNS} FROM info_sheet s WHERE version = \
             (SELECT MAX(version) FROM info_sheet t WHERE t.municipality_code = s.municipality_code) ORDER BY municipality_code"
        );
        Ok(sql!(&mut c, fetch_all, sqlx::query_as::<_, InfoSheet>(sqlx::AssertSqlSafe(q)))?)
    }

    /// A municipality's sheet: the current one, or the given version. The municipality may be
    /// named as `update_info_sheet` accepts it (code or either official name).
    pub async fn info_sheet(
        &self,
        actor: &Actor,
        municipality: &str,
        version: Option<i64>,
    ) -> Result<Option<InfoSheet>, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let reference = self.reference().await?;
        let municipality = reference.municipality(municipality).map_or(municipality, |m| m.code.as_str());
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let q = format!(
            "SELECT {COLUMNS} FROM info_sheet WHERE municipality_code = $1 AND ($2 = 0 OR version = $2) \
             ORDER BY version DESC LIMIT 1"
        );
        Ok(sql!(
            &mut c,
            fetch_optional,
            sqlx::query_as::<_, InfoSheet>(sqlx::AssertSqlSafe(q)).bind(municipality).bind(version.unwrap_or(0))
        )?)
    }

    /// Writes a new version of a municipality's sheet.
    pub async fn update_info_sheet(
        &self,
        writer: RegistryWriter<'_>,
        municipality: &str,
        input: InfoSheetInput,
    ) -> Result<InfoSheet, StoreError> {
        let actor = writer.actor();
        let reference = self.reference().await?;
        let Some(m) = reference.municipality(municipality) else {
            return Err(ValidationErrors::single(
                "municipality",
                Common::UnknownMunicipality { value: municipality.to_string() },
            )
            .into());
        };
        let mut e = ValidationErrors::default();
        let texts = [
            required_text(&mut e, "services", &input.services, 4000),
            required_text(&mut e, "housing", &input.housing, 4000),
            required_text(&mut e, "schools", &input.schools, 4000),
            required_text(&mut e, "health_care", &input.health_care, 4000),
            required_text(&mut e, "safety", &input.safety, 4000),
        ];
        let today = chrono::Utc::now().date_naive();
        let updated_on = input.updated_on.unwrap_or(today);
        if updated_on > today {
            e.push("updated_on", Common::InFuture { day: updated_on.to_string() });
        }
        e.into_result(())?;
        let code = m.code.clone();
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let version: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM info_sheet WHERE municipality_code = $1"
            )
            .bind(&code)
        )?;
        let [services, housing, schools, health_care, safety] = texts;
        sql!(
            &mut c,
            execute,
            sqlx::query(
                "INSERT INTO info_sheet (municipality_code, version, services, housing, schools, health_care, safety, updated_on, updated_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            )
            .bind(&code)
            .bind(version)
            .bind(&services)
            .bind(&housing)
            .bind(&schools)
            .bind(&health_care)
            .bind(&safety)
            .bind(updated_on.to_string())
            .bind(actor.user_id)
        )?;
        audit::append(
            &mut c,
            actor,
            "info_sheet.update",
            "info_sheet",
            None,
            None,
            serde_json::json!({"municipality": code, "version": version, "at": now()}),
        )
        .await?;
        tx.commit().await?;
        Ok(InfoSheet {
            municipality_code: code,
            version,
            services,
            housing,
            schools,
            health_care,
            safety,
            updated_on: updated_on.to_string(),
            updated_by: actor.user_id,
        })
    }
}
