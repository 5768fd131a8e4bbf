//! Households: members of the same agency, one household per person, each change versioned and
//! audited.

use super::Registry;
use crate::domain::household::HouseholdData;
use crate::domain::person::PersonData;
use drom_domain::date::PartialDate;
use drom_domain::fold;
use drom_domain::permission::{Actor, Permission, RegistryWriter};
use drom_domain::vocab::{Relation, Sex};
use drom_domain::{Common, ValidationErrors};
use drom_store::audit;
use drom_store::db::{Conn, now};
use drom_store::error::StoreError;
use drom_store::query::{Page, Param, bind_params};
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HouseholdMember {
    pub person_id: i64,
    pub relation: Relation,
    pub given_name: String,
    pub family_name: String,
    #[schema(value_type = Option<String>)]
    pub date_of_birth: Option<PartialDate>,
    pub sex: Sex,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Household {
    pub id: i64,
    pub agency_id: i64,
    pub version: i64,
    pub label: Option<String>,
    pub municipality: Option<String>,
    pub municipality_name: Option<String>,
    pub members: Vec<HouseholdMember>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HouseholdQuery {
    /// Words to find in the names of members.
    pub q: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct HouseholdRow {
    id: i64,
    agency_id: i64,
    version: i64,
    label: Option<String>,
    municipality_code: Option<String>,
    created_at: String,
    updated_at: String,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    household_id: i64,
    person_id: i64,
    relation: String,
    data: String,
}

impl Registry<'_> {
    /// Checks members (same agency, not in another household) and resolves the municipality.
    async fn check_household(
        &self,
        c: &mut Conn<'_>,
        actor: &Actor,
        this: Option<i64>,
        data: HouseholdData,
    ) -> Result<HouseholdData, StoreError> {
        let mut data = data.validate()?;
        let mut e = ValidationErrors::default();
        if let Some(m) = &data.municipality {
            match self.reference().await?.municipality(m) {
                Some(found) => data.municipality = Some(found.code.clone()),
                None => e.push("municipality", Common::UnknownMunicipality { value: m.to_string() }),
            }
        }
        for (i, m) in data.members.iter().enumerate() {
            let found: Option<(i64, Option<i64>)> = sql!(
                &mut *c,
                fetch_optional,
                sqlx::query_as::<_, (i64, Option<i64>)>(sqlx::AssertSqlSafe(format!(
                    "SELECT p.id, hm.household_id FROM person p LEFT JOIN household_member hm ON hm.person_id = p.id \
                     WHERE p.id = $1 AND {}",
                    AgencyScope::of(actor).owned("p", 2)
                )))
                .bind(m.person_id)
                .bind(AgencyScope::of(actor).agency())
            )?;
            match found {
                // Same words whether the person does not exist or belongs to another agency.
                None => e.push(format!("members[{i}].person_id"), Common::NoPerson { id: m.person_id }),
                Some((_, Some(h))) if Some(h) != this => e.push(
                    format!("members[{i}].person_id"),
                    crate::domain::RegistryReason::InOtherHousehold { person: m.person_id, household: h },
                ),
                _ => {}
            }
        }
        Ok(e.into_result(data)?)
    }

    pub async fn create_household(
        &self,
        writer: RegistryWriter<'_>,
        data: HouseholdData,
        reason: Option<&str>,
    ) -> Result<Household, StoreError> {
        let actor = writer.actor();
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let data = self.check_household(&mut c, actor, None, data).await?;
        let at = now();
        let id = insert_household_row(&mut c, actor, &data.label, &data.municipality, &at).await?;
        write_members(&mut c, id, &data, false).await?;
        write_version(&mut c, id, 1, &at, actor.user_id, "create", &data).await?;
        audit::append(
            &mut c,
            actor,
            "household.create",
            "household",
            Some(id),
            reason,
            serde_json::json!({"members": data.members.iter().map(|m| m.person_id).collect::<Vec<_>>()}),
        )
        .await?;
        tx.commit().await?;
        self.household(actor, id).await
    }

    pub async fn update_household(
        &self,
        writer: RegistryWriter<'_>,
        id: i64,
        expected_version: Option<i64>,
        data: HouseholdData,
        reason: Option<&str>,
    ) -> Result<Household, StoreError> {
        let actor = writer.actor();
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let old = load_row(&mut c, AgencyScope::of(actor), id).await?.ok_or(StoreError::NotFound)?;
        drom_store::query::check_version("household", id, old.version, expected_version)?;
        let data = self.check_household(&mut c, actor, Some(id), data).await?;
        let version = old.version + 1;
        let at = now();
        // The statement checks the version it read: of two concurrent edits, the second finds
        // none to change and is refused as a conflict on both backends.
        let changed = sql!(
            &mut c,
            execute,
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "UPDATE household SET version = $1, label = $2, municipality_code = $3, updated_at = $4, updated_by = $5 \
                 WHERE id = $6 AND version = $8 AND {}",
                AgencyScope::of(actor).owned("", 7)
            )))
            .bind(version)
            .bind(&data.label)
            .bind(&data.municipality)
            .bind(&at)
            .bind(actor.user_id)
            .bind(id)
            .bind(AgencyScope::of(actor).agency())
            .bind(old.version)
        )?;
        if changed == 0 {
            return Err(drom_store::query::stale("household", id));
        }
        write_members(&mut c, id, &data, true).await?;
        write_version(&mut c, id, version, &at, actor.user_id, "update", &data).await?;
        audit::append(
            &mut c,
            actor,
            "household.update",
            "household",
            Some(id),
            reason,
            serde_json::json!({"members": data.members.iter().map(|m| m.person_id).collect::<Vec<_>>()}),
        )
        .await?;
        tx.commit().await?;
        self.household(actor, id).await
    }

    pub async fn household(&self, actor: &Actor, id: i64) -> Result<Household, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let row = load_row(&mut c, AgencyScope::of(actor), id).await?.ok_or(StoreError::NotFound)?;
        let mut out = self.assemble(&mut c, vec![row]).await?;
        Ok(out.remove(0))
    }

    /// Households whose members' names match `q` (or all), newest first.
    pub async fn search_households(&self, actor: &Actor, q: &HouseholdQuery) -> Result<Page<Household>, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let (page, per_page) = drom_store::query::paging(q.page, q.per_page)?;
        let scope = AgencyScope::of(actor);
        let mut params = vec![Param::I(scope.agency())];
        let mut filter = scope.readable("h", 1);
        for term in q.q.as_deref().map(fold::query_terms).unwrap_or_default().iter().take(6) {
            params.push(Param::S(term.clone()));
            params.push(Param::S(format!("{term}{{")));
            let (lo, hi) = (params.len() - 1, params.len());
            filter.push_str(&format!(
                " AND h.id IN (SELECT hm.household_id FROM household_member hm JOIN person_token t ON t.person_id = hm.person_id \
                 WHERE {} AND t.token >= ${lo} AND t.token < ${hi})",
                scope.readable("t", 1)
            ));
        }
        let list_sql = format!(
            "SELECT h.id, h.agency_id, h.version, h.label, h.municipality_code, h.created_at, h.updated_at FROM household h \
             WHERE {filter} ORDER BY h.id DESC LIMIT {per_page} OFFSET {}",
            (page - 1) * per_page
        );
        let count_sql = format!("SELECT COUNT(*) FROM household h WHERE {filter}");
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let rows: Vec<HouseholdRow> = sql!(
            &mut c,
            fetch_all,
            bind_params(sqlx::query_as::<_, HouseholdRow>(sqlx::AssertSqlSafe(list_sql)), &params)
        )?;
        let total: i64 =
            sql!(&mut c, fetch_one, bind_params(sqlx::query_as::<_, (i64,)>(sqlx::AssertSqlSafe(count_sql)), &params))?
                .0;
        let items = self.assemble(&mut c, rows).await?;
        Ok(Page { items, total, total_is_exact: true, page, per_page })
    }

    /// Loads the members of several households in one query.
    async fn assemble(&self, c: &mut Conn<'_>, rows: Vec<HouseholdRow>) -> Result<Vec<Household>, StoreError> {
        if rows.is_empty() {
            return Ok(vec![]);
        }
        let ids: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
        // The ids are integers from the database, so formatting them into the text is safe.
        let members: Vec<MemberRow> = sql!(
            c,
            fetch_all,
            sqlx::query_as::<_, MemberRow>(sqlx::AssertSqlSafe(format!(
                "SELECT hm.household_id, hm.person_id, hm.relation, p.data FROM household_member hm JOIN person p ON p.id = hm.person_id \
                 WHERE hm.household_id IN ({}) ORDER BY hm.household_id, hm.position",
                ids.join(",")
            )))
        )?;
        let reference = self.reference().await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let mut list = Vec::new();
            for m in members.iter().filter(|m| m.household_id == r.id) {
                let d: PersonData = serde_json::from_str(&m.data)?;
                list.push(HouseholdMember {
                    person_id: m.person_id,
                    relation: m.relation.parse().map_err(StoreError::corrupt)?,
                    given_name: d.given_name,
                    family_name: d.family_name,
                    date_of_birth: d.date_of_birth,
                    sex: d.sex,
                });
            }
            let municipality_name = r
                .municipality_code
                .as_deref()
                .and_then(|code| reference.municipalities.iter().find(|m| m.code == code))
                .map(|m| m.display_name());
            out.push(Household {
                id: r.id,
                agency_id: r.agency_id,
                version: r.version,
                label: r.label,
                municipality: r.municipality_code,
                municipality_name,
                members: list,
                created_at: r.created_at,
                updated_at: r.updated_at,
            });
        }
        Ok(out)
    }
}

/// Inserts the household row (version 1) and returns its id; the caller adds members and audits.
pub(crate) async fn insert_household_row(
    c: &mut Conn<'_>,
    actor: &Actor,
    label: &Option<String>,
    municipality: &Option<String>,
    at: &str,
) -> Result<i64, StoreError> {
    Ok(sql!(
        c,
        fetch_one,
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO household (agency_id, version, label, municipality_code, created_at, updated_at, created_by, updated_by) \
             VALUES ($1, 1, $2, $3, $4, $4, $5, $5) RETURNING id"
        )
        .bind(actor.agency_id)
        .bind(label)
        .bind(municipality)
        .bind(at)
        .bind(actor.user_id)
    )?)
}

async fn load_row(c: &mut Conn<'_>, scope: AgencyScope, id: i64) -> Result<Option<HouseholdRow>, StoreError> {
    Ok(sql!(
        c,
        fetch_optional,
        sqlx::query_as::<_, HouseholdRow>(sqlx::AssertSqlSafe(format!(
            "SELECT id, agency_id, version, label, municipality_code, created_at, updated_at FROM household WHERE id = $1 AND {}",
            scope.readable("", 2)
        )))
        .bind(id)
        .bind(scope.agency())
    )?)
}

async fn write_members(c: &mut Conn<'_>, id: i64, data: &HouseholdData, replace: bool) -> Result<(), StoreError> {
    if replace {
        sql!(
            c,
            execute,
            sqlx::query(
                "UPDATE person SET in_household = 0 WHERE id IN (SELECT person_id FROM household_member WHERE household_id = $1)"
            )
            .bind(id)
        )?;
        sql!(c, execute, sqlx::query("DELETE FROM household_member WHERE household_id = $1").bind(id))?;
    }
    for (i, m) in data.members.iter().enumerate() {
        // Kept on the person row, so the home page counts those without a household from a
        // partial index instead of probing every person.
        sql!(c, execute, sqlx::query("UPDATE person SET in_household = 1 WHERE id = $1").bind(m.person_id))?;
        sql!(
            c,
            execute,
            sqlx::query(
                "INSERT INTO household_member (household_id, person_id, relation, position) VALUES ($1, $2, $3, $4)"
            )
            .bind(id)
            .bind(m.person_id)
            .bind(m.relation.code())
            .bind(i as i64)
        )?;
    }
    Ok(())
}

async fn write_version(
    c: &mut Conn<'_>,
    id: i64,
    version: i64,
    at: &str,
    by: i64,
    change: &str,
    data: &HouseholdData,
) -> Result<(), StoreError> {
    sql!(
        c,
        execute,
        sqlx::query(
            "INSERT INTO household_version (household_id, version, changed_at, changed_by, change, data) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(id)
        .bind(version)
        .bind(at)
        .bind(by)
        .bind(change)
        .bind(serde_json::to_string(data)?)
    )?;
    Ok(())
}
