//! The Migrant Service Centre's sessions: one short record each (topic, the person or an
//! anonymous visitor's sex, age group and municipality, language, outcome), scoped to the
//! recording agency and audited. A registered person's sex, age group and municipality are
//! copied from their record when the session is written, so the report counts every session
//! alike.

use super::Referrals;
use crate::domain::msc::{AgeGroup, Outcome, Topic};
use chrono::NaiveDate;
use drom_domain::permission::{Actor, Permission};
use drom_domain::vocab::Sex;
use drom_domain::{Common, ValidationErrors};
use drom_registry::RegistryDb;
use drom_store::audit;
use drom_store::db::now;
use drom_store::error::StoreError;
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A session as recorded.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSession {
    /// The day (default: today).
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub held_on: Option<NaiveDate>,
    pub topic: Topic,
    /// A registered person of the agency; or leave it out for an anonymous visitor.
    #[serde(default)]
    pub person_id: Option<i64>,
    /// Anonymous visitor only.
    #[serde(default)]
    pub sex: Option<Sex>,
    #[serde(default)]
    pub age_group: Option<AgeGroup>,
    /// Municipality code (reference data).
    #[serde(default)]
    pub municipality: Option<String>,
    /// ISO 639 code of the session's language.
    pub language: String,
    pub outcome: Outcome,
    #[serde(default)]
    pub note: Option<String>,
}

/// A session as listed.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Session {
    pub id: i64,
    pub held_on: String,
    pub topic: String,
    pub person_id: Option<i64>,
    pub sex: Option<String>,
    pub age_group: Option<String>,
    pub municipality_code: Option<String>,
    pub language: String,
    pub outcome: String,
    pub note: Option<String>,
}

impl Referrals<'_> {
    /// Records a session of the actor's agency.
    pub async fn record_session(&self, actor: &Actor, s: NewSession, today: NaiveDate) -> Result<i64, StoreError> {
        let writer = actor.registry_writer()?;
        let actor = writer.actor();
        let mut e = ValidationErrors::default();
        let held_on = s.held_on.unwrap_or(today);
        if held_on > today {
            e.push("held_on", Common::InFuture { day: held_on.to_string() });
        }
        let language = s.language.trim().to_ascii_lowercase();
        if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_lowercase()) {
            e.push("language", Common::NotLanguageCode { value: s.language.clone() });
        }
        let note = drom_domain::error::optional_text(&mut e, "note", s.note.as_deref(), crate::domain::TEXT_MAX);
        let reference = self.reference().await?;
        let (sex, age_group, municipality) = match s.person_id {
            Some(p) => {
                for (given, field) in [
                    (s.sex.is_some(), "sex"),
                    (s.age_group.is_some(), "age_group"),
                    (s.municipality.is_some(), "municipality"),
                ] {
                    if given {
                        e.push(
                            field,
                            Common::Together { other: "an anonymous visitor only, not with person_id".into() },
                        );
                    }
                }
                match self.registry().person(actor, p).await {
                    Ok(person) => {
                        let d = person.data;
                        let age = d.date_of_birth.map(|b| i64::from(b.age_on(held_on)));
                        (Some(d.sex), age.map(AgeGroup::of_age), d.municipality_of_origin)
                    }
                    Err(StoreError::NotFound) => {
                        e.push("person_id", Common::NoPerson { id: p });
                        (None, None, None)
                    }
                    Err(other) => return Err(other),
                }
            }
            None => {
                let m = s.municipality.as_deref().map(str::trim).filter(|m| !m.is_empty());
                let code = match m {
                    Some(m) => match reference.municipalities.iter().find(|x| x.code == m) {
                        Some(x) => Some(x.code.clone()),
                        None => {
                            e.push("municipality", Common::UnknownMunicipality { value: m.into() });
                            None
                        }
                    },
                    None => None,
                };
                (s.sex, s.age_group, code)
            }
        };
        e.into_result(())?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let at = now();
        let id: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO msc_session (agency_id, held_on, topic, person_id, sex, age_group, municipality_code, \
                 language, outcome, note, created_at, created_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id"
            )
            .bind(actor.agency_id)
            .bind(held_on.to_string())
            .bind(s.topic.code())
            .bind(s.person_id)
            .bind(sex.map(|x| x.code()))
            .bind(age_group.map(|x| x.code()))
            .bind(municipality)
            .bind(&language)
            .bind(s.outcome.code())
            .bind(note)
            .bind(&at)
            .bind(actor.user_id)
        )?;
        audit::append(
            &mut c,
            actor,
            "msc_session.record",
            "msc_session",
            Some(id),
            None,
            serde_json::json!({"topic": s.topic, "person": s.person_id, "outcome": s.outcome}),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The agency's latest sessions (at most 100), newest first.
    pub async fn sessions(&self, actor: &Actor) -> Result<Vec<Session>, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let scope = AgencyScope::of(actor);
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        Ok(sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, Session>(sqlx::AssertSqlSafe(format!(
                "SELECT id, held_on, topic, person_id, sex, age_group, municipality_code, language, outcome, note \
                 FROM msc_session WHERE {} ORDER BY held_on DESC, id DESC LIMIT 100",
                scope.owned("", 1)
            )))
            .bind(scope.agency())
        )?)
    }
}
