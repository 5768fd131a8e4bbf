//! Persons: create, read, update, history, consent withdrawal, and search that ignores case,
//! diacritics and script. Every query is scoped to the actor's agency: a record of another
//! agency is "not found", never "forbidden", so its existence does not leak.

use super::Registry;
use drom_store::audit;
use drom_store::db::{Conn, now};
use drom_store::error::StoreError;

use drom_domain::date::PartialDate;
use drom_domain::error::Refusal;
use drom_domain::{Common, ValidationErrors};
use drom_store::scope::AgencyScope;
use drom_store::sql;

use crate::domain::person::PersonData;
use drom_domain::permission::{Actor, Permission, RegistryWriter};
use drom_domain::vocab::Sex;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A person as the reader may see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Person {
    pub id: i64,
    pub agency_id: i64,
    /// Increases with every change; send it back on update to avoid overwriting another's change.
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    #[serde(flatten)]
    pub data: PersonData,
    /// "Prishtinë/Priština" for the municipality of origin.
    pub municipality_of_origin_name: Option<String>,
    pub household_id: Option<i64>,
    pub consent_withdrawn_at: Option<String>,
    pub consent_withdrawal_reason: Option<String>,
    /// True when special-category fields were removed because the reader lacks the permission.
    pub special_categories_withheld: bool,
}

/// A line in a list of persons (no special categories).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonSummary {
    pub id: i64,
    pub given_name: String,
    pub family_name: String,
    pub given_name_other_script: Option<String>,
    pub family_name_other_script: Option<String>,
    #[schema(value_type = Option<String>)]
    pub date_of_birth: Option<PartialDate>,
    pub sex: Sex,
    pub municipality_of_origin: Option<String>,
    pub current_country: Option<String>,
    pub household_id: Option<i64>,
    pub updated_at: String,
}

/// One version of a person record.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonVersion {
    pub version: i64,
    pub changed_at: String,
    pub changed_by: Option<i64>,
    /// `create`, `update` or `consent_withdrawn`.
    pub change: String,
    pub data: PersonData,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PersonSort {
    /// Family name, then given name.
    #[default]
    Name,
    /// Most recently changed first.
    Recent,
}

/// Search and filters for a list of persons.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PersonQuery {
    /// Words to find in names (any case, diacritics or script; each word as a prefix).
    pub q: Option<String>,
    /// Municipality of origin: code or either name.
    pub municipality: Option<String>,
    /// Community code. Special category (ethnicity): filtering by it needs the
    /// special-categories grant.
    pub community: Option<String>,
    pub sex: Option<Sex>,
    /// Age in years from the year of birth; persons with no known year are left out.
    pub age_min: Option<i32>,
    pub age_max: Option<i32>,
    pub sort: Option<PersonSort>,
    /// From 1.
    pub page: Option<i64>,
    /// 1 to 100, default 25.
    pub per_page: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    agency_id: i64,
    version: i64,
    data: String,
    consent_withdrawn_at: Option<String>,
    consent_withdrawal_reason: Option<String>,
    created_at: String,
    updated_at: String,
    household_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct SummaryRow {
    pub(crate) id: i64,
    pub(crate) data: String,
    pub(crate) updated_at: String,
    pub(crate) household_id: Option<i64>,
}

const PERSON_SELECT: &str = "SELECT p.id, p.agency_id, p.version, p.data, p.consent_withdrawn_at, p.consent_withdrawal_reason, \
     p.created_at, p.updated_at, m.household_id FROM person p LEFT JOIN household_member m ON m.person_id = p.id";

/// Field names whose values differ between two versions, for the audit detail (values stay out
/// of the audit log: it must not become a second copy of special-category data).
fn changed_fields(old: &PersonData, new: &PersonData) -> Vec<String> {
    let (a, b) = (serde_json::to_value(old).unwrap_or_default(), serde_json::to_value(new).unwrap_or_default());
    match (a, b) {
        (serde_json::Value::Object(a), serde_json::Value::Object(b)) => {
            b.iter().filter(|(k, v)| a.get(*k) != Some(v)).map(|(k, _)| k.clone()).collect()
        }
        _ => vec![],
    }
}

fn special_fields(d: &PersonData) -> Vec<&'static str> {
    let mut f = Vec::new();
    if d.community.is_some() {
        f.push("community");
    }
    if d.vulnerabilities.iter().any(|v| v.special_category().is_some()) {
        f.push("vulnerabilities");
    }
    f
}

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// A consent given again after a withdrawal.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewConsent {
    #[schema(value_type = String, format = Date)]
    pub consent_date: chrono::NaiveDate,
    /// The language it was explained in (a code or a name).
    pub consent_language: String,
    /// What it covers.
    pub consent_scope: String,
}

impl Registry<'_> {
    /// Validates a person and resolves its reference codes; the municipality may be given by
    /// name and is stored by code.
    pub async fn check_person(&self, actor: &Actor, data: PersonData) -> Result<PersonData, StoreError> {
        let mut data = data.validate(today())?;
        let reference = self.reference().await?;
        let mut e = ValidationErrors::default();
        if let Some(c) = &data.community {
            if !actor.can(Permission::SpecialCategories) {
                e.push("community", Common::NeedsSpecialCategories);
            } else if reference.community(c).is_none() {
                e.push("community", Common::UnknownCommunity { value: c.clone() });
            }
        }
        if !actor.can(Permission::SpecialCategories)
            && data.vulnerabilities.iter().any(|v| v.special_category().is_some())
        {
            e.push("vulnerabilities", Common::NeedsSpecialCategories);
        }
        if let Some(m) = &data.municipality_of_origin {
            match reference.municipality(m) {
                Some(found) => data.municipality_of_origin = Some(found.code.clone()),
                None => e.push("municipality_of_origin", Common::UnknownMunicipality { value: m.to_string() }),
            }
        }
        if let Some(c) = &data.current_country
            && reference.country(c).is_none()
        {
            e.push("current_country", Common::UnknownCountry { value: c.clone() });
        }
        for (i, d) in data.documents.iter().enumerate() {
            if let Some(c) = &d.issuing_country
                && reference.country(c).is_none()
            {
                e.push(format!("documents[{i}].issuing_country"), Common::UnknownCountry { value: c.clone() });
            }
        }
        Ok(e.into_result(data)?)
    }

    pub async fn create_person(
        &self,
        writer: RegistryWriter<'_>,
        data: PersonData,
        reason: Option<&str>,
    ) -> Result<Person, StoreError> {
        let actor = writer.actor();
        let data = self.check_person(actor, data).await?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let at = now();
        let id = insert_person_row(&mut c, actor, &data, &serde_json::to_string(&data)?, &at).await?;
        super::search::index_person(&mut c, actor.agency_id, id, &data, false).await?;
        write_version(&mut c, id, 1, &at, actor.user_id, "create", &data).await?;
        let fields: Vec<String> = changed_fields(&empty_like(&data), &data);
        audit::append(
            &mut c,
            actor,
            "person.create",
            "person",
            Some(id),
            reason,
            serde_json::json!({"fields": fields}),
        )
        .await?;
        tx.commit().await?;
        self.written_person(actor, id).await
    }

    /// Replaces a person's data. With `expected_version`, refuses if someone changed it since.
    /// A writer without the special-category permission keeps the stored special categories.
    pub async fn update_person(
        &self,
        writer: RegistryWriter<'_>,
        id: i64,
        expected_version: Option<i64>,
        data: PersonData,
        reason: Option<&str>,
    ) -> Result<Person, StoreError> {
        let actor = writer.actor();
        let data = self.check_person(actor, data).await?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let old = load_row(&mut c, AgencyScope::of(actor), id).await?.ok_or(StoreError::NotFound)?;
        drom_store::query::check_version("person", id, old.version, expected_version)?;
        let old_data: PersonData = serde_json::from_str(&old.data)?;
        let data =
            if actor.can(Permission::SpecialCategories) { data } else { data.keep_special_categories_of(&old_data) };
        let fields = changed_fields(&old_data, &data);
        if fields.is_empty() {
            drop(tx);
            return self.written_person(actor, id).await;
        }
        let version = old.version + 1;
        let at = now();
        // The statement checks the version it read: of two concurrent edits, the second finds
        // none to change and is refused as a conflict on both backends.
        let changed = sql!(
            &mut c,
            execute,
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "UPDATE person SET version = $1, given_name = $2, family_name = $3, sort_key = $4, birth_year = $5, sex = $6, \
                 community_code = $7, municipality_code = $8, current_country = $9, data = $10, updated_at = $11, updated_by = $12 \
                 WHERE id = $13 AND version = $15 AND {}",
                AgencyScope::of(actor).owned("", 14)
            )))
            .bind(version)
            .bind(&data.given_name)
            .bind(&data.family_name)
            .bind(data.sort_key())
            .bind(data.date_of_birth.map(|d| d.year as i64))
            .bind(data.sex.code())
            .bind(&data.community)
            .bind(&data.municipality_of_origin)
            .bind(&data.current_country)
            .bind(serde_json::to_string(&data)?)
            .bind(&at)
            .bind(actor.user_id)
            .bind(id)
            .bind(AgencyScope::of(actor).agency())
            .bind(old.version)
        )?;
        if changed == 0 {
            return Err(drom_store::query::stale("person", id));
        }
        if data.search_text() != old_data.search_text() {
            super::search::index_person(&mut c, actor.agency_id, id, &data, true).await?;
        }
        write_version(&mut c, id, version, &at, actor.user_id, "update", &data).await?;
        // A new consent date, on or after the day of a withdrawal, is consent given again: the
        // withdrawal no longer stops new voluntary work for the person. (An edit that keeps the
        // old consent date renews nothing.)
        let renewed = old.consent_withdrawn_at.as_deref().is_some_and(|withdrawn| {
            let day = &withdrawn[..10.min(withdrawn.len())];
            data.legal_basis.kind == drom_domain::vocab::LegalBasisKind::Consent
                && data.legal_basis.consent_date != old_data.legal_basis.consent_date
                && data.legal_basis.consent_date.is_some_and(|d| d.to_string().as_str() >= day)
        });
        if renewed {
            sql!(
                &mut c,
                execute,
                sqlx::query(
                    "UPDATE person SET consent_withdrawn_at = NULL, consent_withdrawal_reason = NULL WHERE id = $1"
                )
                .bind(id)
            )?;
        }
        audit::append(
            &mut c,
            actor,
            "person.update",
            "person",
            Some(id),
            reason,
            serde_json::json!({"fields": fields, "consent_renewed": renewed}),
        )
        .await?;
        tx.commit().await?;
        self.written_person(actor, id).await
    }

    /// Records that the person withdrew consent. The record stays (other legal bases or
    /// retention rules may apply) but is marked, and the withdrawal is audited with its reason.
    pub async fn withdraw_consent(
        &self,
        writer: RegistryWriter<'_>,
        id: i64,
        reason: &str,
    ) -> Result<Person, StoreError> {
        let actor = writer.actor();
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > 500 {
            let why = if reason.is_empty() { Common::Required } else { Common::TooLong { max: 500 } };
            return Err(ValidationErrors::single("reason", why).into());
        }
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let old = load_row(&mut c, AgencyScope::of(actor), id).await?.ok_or(StoreError::NotFound)?;
        let data: PersonData = serde_json::from_str(&old.data)?;
        if data.legal_basis.kind != drom_domain::vocab::LegalBasisKind::Consent {
            return Err(ValidationErrors::single("legal_basis", crate::domain::RegistryReason::NotOnConsent).into());
        }
        if old.consent_withdrawn_at.is_some() {
            return Err(StoreError::Conflict(Refusal::new("consent-withdrawn-already").text("id", id)));
        }
        let at = now();
        let version = old.version + 1;
        sql!(
            &mut c,
            execute,
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "UPDATE person SET version = $1, consent_withdrawn_at = $2, consent_withdrawal_reason = $3, updated_at = $2, updated_by = $4 \
                 WHERE id = $5 AND {}",
                AgencyScope::of(actor).owned("", 6)
            )))
            .bind(version)
            .bind(&at)
            .bind(reason)
            .bind(actor.user_id)
            .bind(id)
            .bind(AgencyScope::of(actor).agency())
        )?;
        write_version(&mut c, id, version, &at, actor.user_id, "consent_withdrawn", &data).await?;
        audit::append(
            &mut c,
            actor,
            "person.consent_withdraw",
            "person",
            Some(id),
            Some(reason),
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        self.written_person(actor, id).await
    }

    /// Records a new consent for a person who withdrew theirs: the legal basis becomes the new
    /// consent (its day, language and scope, checked as the person form's are), the withdrawal
    /// is cleared, so voluntary work for the person can start again, and the record keeps a
    /// version `consent_recorded`, audited as `person.consent_record`. A consent given before the
    /// withdrawal is not a new one.
    pub async fn record_consent(
        &self,
        writer: RegistryWriter<'_>,
        id: i64,
        consent: NewConsent,
    ) -> Result<Person, StoreError> {
        let actor = writer.actor();
        let old = {
            let mut h = self.acquire().await?;
            load_row(&mut h.conn(), AgencyScope::of(actor), id).await?.ok_or(StoreError::NotFound)?
        };
        let Some(withdrawn) = old.consent_withdrawn_at.clone() else {
            return Err(StoreError::Conflict(Refusal::new("consent-not-withdrawn").text("id", id)));
        };
        let mut data: PersonData = serde_json::from_str(&old.data)?;
        data.legal_basis = crate::domain::person::LegalBasis {
            kind: drom_domain::vocab::LegalBasisKind::Consent,
            consent_date: Some(consent.consent_date),
            consent_scope: Some(consent.consent_scope.trim().to_string()).filter(|s| !s.is_empty()),
            consent_language: Some(consent.consent_language.trim().to_string()).filter(|s| !s.is_empty()),
            legal_reference: None,
        };
        let data = self.check_person(actor, data).await?;
        let withdrawn_on = &withdrawn[..10.min(withdrawn.len())];
        if consent.consent_date.to_string().as_str() < withdrawn_on {
            return Err(ValidationErrors::single(
                "legal_basis.consent_date",
                crate::domain::RegistryReason::ConsentBeforeWithdrawal {
                    day: consent.consent_date.to_string(),
                    withdrawn: withdrawn_on.to_string(),
                },
            )
            .into());
        }
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let at = now();
        let version = old.version + 1;
        // The statement checks the version and the withdrawal it read: of two concurrent
        // records, the second finds nothing to change and is a conflict.
        let changed = sql!(
            &mut c,
            execute,
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "UPDATE person SET version = $1, data = $2, consent_withdrawn_at = NULL, consent_withdrawal_reason = NULL, \
                 updated_at = $3, updated_by = $4 WHERE id = $5 AND version = $7 AND consent_withdrawn_at IS NOT NULL AND {}",
                AgencyScope::of(actor).owned("", 6)
            )))
            .bind(version)
            .bind(serde_json::to_string(&data)?)
            .bind(&at)
            .bind(actor.user_id)
            .bind(id)
            .bind(AgencyScope::of(actor).agency())
            .bind(old.version)
        )?;
        if changed == 0 {
            return Err(drom_store::query::stale("person", id));
        }
        write_version(&mut c, id, version, &at, actor.user_id, "consent_recorded", &data).await?;
        audit::append(
            &mut c,
            actor,
            "person.consent_record",
            "person",
            Some(id),
            None,
            serde_json::json!({"consent_date": consent.consent_date.to_string(), "consent_language": data.legal_basis.consent_language,
                "consent_scope": data.legal_basis.consent_scope, "withdrawn_at": withdrawn}),
        )
        .await?;
        tx.commit().await?;
        self.written_person(actor, id).await
    }

    /// Reads one person. Special categories are removed without the permission; with it, the
    /// read is audited.
    pub async fn person(&self, actor: &Actor, id: i64) -> Result<Person, StoreError> {
        self.load_person(actor, id, true).await
    }

    /// The record as just written, for the writer: the write's own audit entry covers it.
    async fn written_person(&self, actor: &Actor, id: i64) -> Result<Person, StoreError> {
        self.load_person(actor, id, false).await
    }

    async fn load_person(&self, actor: &Actor, id: i64, audit_read: bool) -> Result<Person, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let row = {
            let mut h = self.acquire().await?;
            let mut c = h.conn();
            load_row(&mut c, AgencyScope::of(actor), id).await?.ok_or(StoreError::NotFound)?
        };
        let data: PersonData = serde_json::from_str(&row.data)?;
        let (data, withheld) = self.disclose(actor, id, data, audit_read).await?;
        let reference = self.reference().await?;
        let municipality_of_origin_name = data
            .municipality_of_origin
            .as_deref()
            .and_then(|m| reference.municipalities.iter().find(|x| x.code == m))
            .map(|m| m.display_name());
        Ok(Person {
            id: row.id,
            agency_id: row.agency_id,
            version: row.version,
            created_at: row.created_at,
            updated_at: row.updated_at,
            data,
            municipality_of_origin_name,
            household_id: row.household_id,
            consent_withdrawn_at: row.consent_withdrawn_at,
            consent_withdrawal_reason: row.consent_withdrawal_reason,
            special_categories_withheld: withheld,
        })
    }

    /// Applies the special-category rule to data about to be shown: removes the categories for
    /// a reader without permission, audits the read (when `audit_read`) for one with it.
    async fn disclose(
        &self,
        actor: &Actor,
        id: i64,
        data: PersonData,
        audit_read: bool,
    ) -> Result<(PersonData, bool), StoreError> {
        if !data.has_special_categories() {
            return Ok((data, false));
        }
        if !actor.can(Permission::SpecialCategories) {
            return Ok((data.without_special_categories(), true));
        }
        if !audit_read {
            return Ok((data, false));
        }
        audit::append_read(
            self,
            actor,
            "person.read_special",
            "person",
            Some(id),
            serde_json::json!({"fields": special_fields(&data)}),
        )
        .await?;
        Ok((data, false))
    }

    /// Every version of a person, newest first.
    pub async fn person_history(&self, actor: &Actor, id: i64) -> Result<Vec<PersonVersion>, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let rows: Vec<(i64, String, Option<i64>, String, String)> = {
            let mut h = self.acquire().await?;
            let mut c = h.conn();
            load_row(&mut c, AgencyScope::of(actor), id).await?.ok_or(StoreError::NotFound)?;
            sql!(
                &mut c,
                fetch_all,
                sqlx::query_as::<_, (i64, String, Option<i64>, String, String)>(
                    "SELECT version, changed_at, changed_by, change, data FROM person_version WHERE person_id = $1 ORDER BY version DESC"
                )
                .bind(id)
            )?
        };
        let mut out = Vec::with_capacity(rows.len());
        let mut any_special = false;
        for (version, changed_at, changed_by, change, data) in rows {
            let mut data: PersonData = serde_json::from_str(&data)?;
            if data.has_special_categories() {
                any_special = true;
                if !actor.can(Permission::SpecialCategories) {
                    data = data.without_special_categories();
                }
            }
            out.push(PersonVersion { version, changed_at, changed_by, change, data });
        }
        if any_special && actor.can(Permission::SpecialCategories) {
            audit::append_read(self, actor, "person.history_read_special", "person", Some(id), serde_json::json!({}))
                .await?;
        }
        Ok(out)
    }
}

/// Inserts the person row (version 1) and returns its id; the caller indexes and audits it.
pub(crate) async fn insert_person_row(
    c: &mut Conn<'_>,
    actor: &Actor,
    data: &PersonData,
    json: &str,
    at: &str,
) -> Result<i64, StoreError> {
    Ok(sql!(
        c,
        fetch_one,
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO person (agency_id, version, given_name, family_name, sort_key, birth_year, sex, community_code, \
             municipality_code, current_country, data, created_at, updated_at, created_by, updated_by) \
             VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $12) RETURNING id"
        )
        .bind(actor.agency_id)
        .bind(&data.given_name)
        .bind(&data.family_name)
        .bind(data.sort_key())
        .bind(data.date_of_birth.map(|d| d.year as i64))
        .bind(data.sex.code())
        .bind(&data.community)
        .bind(&data.municipality_of_origin)
        .bind(&data.current_country)
        .bind(json)
        .bind(at)
        .bind(actor.user_id)
    )?)
}

/// A record with nothing in it, to list the fields a new record sets.
fn empty_like(d: &PersonData) -> PersonData {
    serde_json::from_value(serde_json::json!({
        "given_name": "", "family_name": "", "sex": d.sex, "legal_basis": {"kind": d.legal_basis.kind}
    }))
    .unwrap_or_else(|_| d.clone())
}

async fn load_row(c: &mut Conn<'_>, scope: AgencyScope, id: i64) -> Result<Option<PersonRow>, StoreError> {
    Ok(sql!(
        c,
        fetch_optional,
        sqlx::query_as::<_, PersonRow>(sqlx::AssertSqlSafe(format!(
            "{PERSON_SELECT} WHERE p.id = $1 AND {}",
            scope.readable("p", 2)
        )))
        .bind(id)
        .bind(scope.agency())
    )?)
}

async fn write_version(
    c: &mut Conn<'_>,
    id: i64,
    version: i64,
    at: &str,
    by: i64,
    change: &str,
    data: &PersonData,
) -> Result<(), StoreError> {
    sql!(
        c,
        execute,
        sqlx::query("INSERT INTO person_version (person_id, version, changed_at, changed_by, change, data) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(id)
            .bind(version)
            .bind(at)
            .bind(by)
            .bind(change)
            .bind(serde_json::to_string(data)?)
    )?;
    Ok(())
}
