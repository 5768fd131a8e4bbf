//! Information sheets: what a counsellor tells a person about the municipality they would return
//! to (services, housing, schools, health care, safety), and so what informed consent rests on.
//! They are shared by every agency; an agency administrator (`edit_info_sheets`) writes a new
//! version, dated the day it is written, never earlier than the version before it. Every version
//! is kept with who wrote it and for which agency, and a counselling session records the version
//! it used.

use super::Returns;
use crate::domain::ReturnsReason;
use chrono::NaiveDate;
use drom_domain::error::required_text;
use drom_domain::permission::{Actor, Permission};
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
    /// The day the facts were checked: today (the default). A new version is never dated
    /// earlier than today or than the version before it.
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
    /// The user who wrote this version.
    pub updated_by: i64,
    pub updated_by_name: String,
    /// The agency they wrote it for (absent only if that agency is unknown).
    pub agency_id: Option<i64>,
    pub agency_name: Option<String>,
}

/// The topics of a sheet, in the order they are shown and recorded in counselling.
pub const TOPICS: [&str; 5] = ["services", "housing", "schools", "health_care", "safety"];

/// The columns of `InfoSheet`, from `info_sheet s` with its writer `u` and their agency `a`.
const COLUMNS: &str = "s.municipality_code, s.version, s.services, s.housing, s.schools, s.health_care, s.safety, \
    s.updated_on, s.updated_by, u.display_name AS updated_by_name, s.agency_id, a.name AS agency_name";
const FROM: &str = "info_sheet s JOIN app_user u ON u.id = s.updated_by LEFT JOIN agency a ON a.id = s.agency_id";

impl Returns<'_> {
    /// The current sheet of every municipality that has one.
    pub async fn info_sheets(&self, actor: &Actor) -> Result<Vec<InfoSheet>, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let q = format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE s.version = \
             (SELECT MAX(version) FROM info_sheet t WHERE t.municipality_code = s.municipality_code) ORDER BY s.municipality_code"
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
            "SELECT {COLUMNS} FROM {FROM} WHERE s.municipality_code = $1 AND ($2 = 0 OR s.version = $2) \
             ORDER BY s.version DESC LIMIT 1"
        );
        Ok(sql!(
            &mut c,
            fetch_optional,
            sqlx::query_as::<_, InfoSheet>(sqlx::AssertSqlSafe(q)).bind(municipality).bind(version.unwrap_or(0))
        )?)
    }

    /// Every version of a municipality's sheet, newest first, each with who wrote it.
    pub async fn info_sheet_versions(&self, actor: &Actor, municipality: &str) -> Result<Vec<InfoSheet>, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let q = format!("SELECT {COLUMNS} FROM {FROM} WHERE s.municipality_code = $1 ORDER BY s.version DESC");
        Ok(sql!(&mut c, fetch_all, sqlx::query_as::<_, InfoSheet>(sqlx::AssertSqlSafe(q)).bind(municipality))?)
    }

    /// Writes a new version of a municipality's sheet, on behalf of an actor who may
    /// (`edit_info_sheets`), dated today.
    pub async fn update_info_sheet(
        &self,
        actor: &Actor,
        municipality: &str,
        input: InfoSheetInput,
    ) -> Result<InfoSheet, StoreError> {
        actor.require(Permission::EditInfoSheets)?;
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
        // A counselling session shows the version it used with its date: a version dated back
        // would claim the person was told what nobody had written yet.
        if updated_on > today {
            e.push("updated_on", Common::InFuture { day: updated_on.to_string() });
        } else if updated_on < today {
            e.push(
                "updated_on",
                ReturnsReason::SheetBackdated { day: updated_on.to_string(), today: today.to_string() },
            );
        }
        e.into_result(())?;
        let code = m.code.clone();
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let previous: Option<(i64, String)> = sql!(
            &mut c,
            fetch_optional,
            sqlx::query_as::<_, (i64, String)>(
                "SELECT version, updated_on FROM info_sheet WHERE municipality_code = $1 ORDER BY version DESC LIMIT 1"
            )
            .bind(&code)
        )?;
        if let Some((version, previous)) = &previous
            && updated_on.to_string() < *previous
        {
            return Err(ValidationErrors::single(
                "updated_on",
                ReturnsReason::SheetBeforePrevious {
                    day: updated_on.to_string(),
                    version: *version,
                    previous: previous.clone(),
                },
            )
            .into());
        }
        let version = previous.map_or(1, |(v, _)| v + 1);
        let [services, housing, schools, health_care, safety] = texts;
        sql!(
            &mut c,
            execute,
            sqlx::query(
                "INSERT INTO info_sheet (municipality_code, version, services, housing, schools, health_care, safety, updated_on, \
                 updated_by, agency_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
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
            .bind(actor.agency_id)
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
        self.info_sheet(actor, &code, Some(version)).await?.ok_or(StoreError::NotFound)
    }
}
