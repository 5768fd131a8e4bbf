//! Bulk import of households: every person checked first (all or nothing, errors name the
//! household, member and field), then written in one transaction with multi-row inserts and one
//! audit entry per household. For `drom import` and the benchmarks; single records go through
//! `create_person` / `create_household`.

use super::Registry;
use crate::domain::person::PersonData;
use drom_domain::audit::NewAuditEntry;
use drom_domain::fold;
use drom_domain::permission::{Actor, RegistryWriter};
use drom_domain::vocab::Relation;
use drom_domain::{Common, ValidationErrors};
use drom_store::audit;
use drom_store::db::{Conn, now};
use drom_store::error::StoreError;
use drom_store::query::Param;
use drom_store::sql;

/// A household to import: members in order, the first is usually the head.
#[derive(Debug, Clone)]
pub struct ImportHousehold {
    pub label: Option<String>,
    pub municipality: Option<String>,
    pub members: Vec<(Relation, PersonData)>,
}

/// What an import wrote.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportSummary {
    pub households: usize,
    pub persons: usize,
}

/// Rows buffered before they are written.
const CHUNK: usize = 500;

/// Rows per multi-row insert. PostgreSQL gains from few round trips; SQLite has none to save,
/// and its driver looks up every `$n` parameter by name, which grows with the square of the
/// parameters in one statement, so it takes small statements.
fn rows_per_statement(c: &Conn<'_>) -> usize {
    match c.dialect() {
        drom_store::db::Dialect::Postgres => 500,
        drom_store::db::Dialect::Sqlite => 16,
    }
}

impl Registry<'_> {
    pub async fn import_households(
        &self,
        writer: RegistryWriter<'_>,
        households: Vec<ImportHousehold>,
        reason: Option<&str>,
    ) -> Result<ImportSummary, StoreError> {
        let actor = writer.actor();
        let reference = self.reference().await?;
        let mut checked = Vec::with_capacity(households.len());
        let mut errors = ValidationErrors::default();
        for (h, household) in households.into_iter().enumerate() {
            let municipality = match household.municipality.as_deref() {
                None => None,
                Some(m) => match reference.municipality(m) {
                    Some(found) => Some(found.code.clone()),
                    None => {
                        errors.push(
                            format!("households[{h}].municipality"),
                            Common::UnknownMunicipality { value: m.to_string() },
                        );
                        None
                    }
                },
            };
            let mut members = Vec::with_capacity(household.members.len());
            for (m, (relation, data)) in household.members.into_iter().enumerate() {
                match self.check_person(actor, data).await {
                    Ok(d) => members.push((relation, d)),
                    Err(StoreError::Invalid(e)) => {
                        errors.extend_under(&format!("households[{h}].members[{m}]."), e);
                    }
                    Err(other) => return Err(other),
                }
            }
            checked.push((household.label, municipality, members));
        }
        errors.into_result(())?;

        let mut tx = self.begin().await?;
        let (summary, _) = write_households(&mut tx.conn(), actor, &checked, reason).await?;
        tx.commit().await?;
        Ok(summary)
    }
}

/// A checked household: label, municipality code, members.
pub type CheckedHousehold = (Option<String>, Option<String>, Vec<(Relation, PersonData)>);

/// Writes checked households on the caller's transaction; answers the new person ids per
/// household, in order.
pub async fn write_households(
    c: &mut Conn<'_>,
    actor: &Actor,
    checked: &[CheckedHousehold],
    reason: Option<&str>,
) -> Result<(ImportSummary, Vec<Vec<i64>>), StoreError> {
    let at = now();
    let mut summary = ImportSummary::default();
    let mut all_ids = Vec::with_capacity(checked.len());
    let mut tokens: Vec<Param> = Vec::new();
    let mut versions: Vec<Param> = Vec::new();
    let mut memberships: Vec<Param> = Vec::new();
    let mut pairs: Vec<Param> = Vec::new();
    // One entry per household, appended together at the end (the chain's head taken once).
    let mut entries: Vec<NewAuditEntry> = Vec::with_capacity(checked.len());
    let mut words: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    // Ids are taken first, so households and persons go in multi-row statements like the rest.
    let mut household_ids = allocate_ids(c, "household", checked.len()).await?.into_iter();
    let mut person_ids = allocate_ids(c, "person", checked.iter().map(|h| h.2.len()).sum()).await?.into_iter();
    let mut rows = Rows::default();
    for (label, municipality, members) in checked {
        let household_id = household_ids.next().ok_or_else(|| StoreError::corrupt("too few household ids"))?;
        rows.households.extend([
            Param::I(household_id),
            Param::I(actor.agency_id),
            Param::from(label.clone()),
            Param::from(municipality.clone()),
            Param::S(at.clone()),
            Param::I(actor.user_id),
        ]);
        let mut ids = Vec::with_capacity(members.len());
        for (position, (relation, data)) in members.iter().enumerate() {
            let json = serde_json::to_string(data)?;
            let id = person_ids.next().ok_or_else(|| StoreError::corrupt("too few person ids"))?;
            rows.persons.extend([
                Param::I(id),
                Param::I(actor.agency_id),
                Param::S(data.given_name.clone()),
                Param::S(data.family_name.clone()),
                Param::S(data.sort_key()),
                data.date_of_birth.map_or(Param::NullI, |d| Param::I(i64::from(d.year))),
                Param::S(data.sex.code().into()),
                Param::from(data.community.clone()),
                Param::from(data.municipality_of_origin.clone()),
                Param::from(data.current_country.clone()),
                Param::S(json.clone()),
                Param::S(at.clone()),
                Param::I(actor.user_id),
            ]);
            ids.push(id);
            let person_tokens = fold::tokens(&data.search_text());
            for (first, second) in super::search::pairs(&person_tokens) {
                pairs.extend([
                    Param::I(actor.agency_id),
                    Param::S(first.into()),
                    Param::S(second.into()),
                    Param::S(data.sort_key()),
                    Param::I(id),
                ]);
            }
            for token in person_tokens {
                *words.entry(token.clone()).or_default() += 1;
                tokens.extend([Param::I(actor.agency_id), Param::S(token), Param::S(data.sort_key()), Param::I(id)]);
            }
            versions.extend([
                Param::I(id),
                Param::S(at.clone()),
                Param::I(actor.user_id),
                Param::S("import".into()),
                Param::S(json),
            ]);
            memberships.extend([
                Param::I(household_id),
                Param::I(id),
                Param::S(relation.code().into()),
                Param::I(position as i64),
            ]);
        }
        entries.push(audit::entry_of(
            actor,
            "household.import",
            "household",
            Some(household_id),
            reason,
            &serde_json::json!({"persons": ids}),
        ));
        all_ids.push(ids.clone());
        summary.households += 1;
        summary.persons += ids.len();
        if tokens.len() >= CHUNK * 4 {
            flush(c, &mut rows, &mut tokens, &mut versions, &mut memberships).await?;
            insert_rows(c, "person_token_pair (agency_id, first, second, sort_key, person_id)", 5, &mut pairs).await?;
        }
    }
    flush(c, &mut rows, &mut tokens, &mut versions, &mut memberships).await?;
    insert_rows(c, "person_token_pair (agency_id, first, second, sort_key, person_id)", 5, &mut pairs).await?;
    for (word, n) in words {
        super::search::count_word(c, actor.agency_id, &word, n).await?;
    }
    audit::append_entries(c, &entries).await?;
    Ok((summary, all_ids))
}

/// Households and persons waiting to be written (they go first: the other rows refer to them).
#[derive(Default)]
struct Rows {
    households: Vec<Param>,
    persons: Vec<Param>,
}

async fn flush(
    c: &mut Conn<'_>,
    rows: &mut Rows,
    tokens: &mut Vec<Param>,
    versions: &mut Vec<Param>,
    memberships: &mut Vec<Param>,
) -> Result<(), StoreError> {
    insert_rows(
        c,
        "household (id, agency_id, version, label, municipality_code, created_at, updated_at, created_by, updated_by)",
        6,
        &mut rows.households,
    )
    .await?;
    insert_rows(
        c,
        "person (id, agency_id, version, given_name, family_name, sort_key, birth_year, sex, community_code, \
         municipality_code, current_country, data, created_at, updated_at, created_by, updated_by, in_household)",
        13,
        &mut rows.persons,
    )
    .await?;
    insert_rows(c, "person_token (agency_id, token, sort_key, person_id)", 4, tokens).await?;
    insert_rows(c, "person_version (person_id, version, changed_at, changed_by, change, data)", 5, versions).await?;
    insert_rows(c, "household_member (household_id, person_id, relation, position)", 4, memberships).await
}

/// `n` new ids for rows of `table`. On PostgreSQL from the table's identity sequence; on
/// SQLite the next ones after the largest, which no other writer can take meanwhile (the
/// transaction holds the write lock).
async fn allocate_ids(c: &mut Conn<'_>, table: &str, n: usize) -> Result<Vec<i64>, StoreError> {
    if n == 0 {
        return Ok(Vec::new());
    }
    let n = i64::try_from(n).map_err(StoreError::corrupt)?;
    match c.dialect() {
        drom_store::db::Dialect::Postgres => Ok(sql!(
            c,
            fetch_all,
            sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
                "SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, $1)"
            )))
            .bind(n)
        )?),
        drom_store::db::Dialect::Sqlite => {
            let last: i64 = sql!(
                c,
                fetch_one,
                sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
                    "SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM {table}"
                )))
            )?;
            Ok((last + 1..=last + n).collect())
        }
    }
}

/// Inserts `params` (`width` per row) in multi-row statements, then empties it. The constant
/// `version = 1` of versions, households and persons is written into the text, and a new
/// record's repeated values (created and updated at and by; in a household) are bound once.
async fn insert_rows(c: &mut Conn<'_>, into: &str, width: usize, params: &mut Vec<Param>) -> Result<(), StoreError> {
    let is_version = into.starts_with("person_version");
    let is_record = into.starts_with("household (") || into.starts_with("person (");
    for chunk in params.chunks(rows_per_statement(c) * width) {
        let rows = chunk.len() / width;
        let mut sql = format!("INSERT INTO {into} VALUES ");
        for r in 0..rows {
            let cols: Vec<String> = (1..=width).map(|k| format!("${}", r * width + k)).collect();
            if r > 0 {
                sql.push_str(", ");
            }
            if is_version {
                sql.push_str(&format!("({}, 1, {})", cols[0], cols[1..].join(", ")));
            } else if is_record {
                // id, agency, [version 1], the record's own values, at, at, by, by[, in a household]
                let (at, by) = (&cols[width - 2], &cols[width - 1]);
                let own = cols[2..width - 2].join(", ");
                let tail = if into.starts_with("person (") { ", 1" } else { "" };
                sql.push_str(&format!("({}, {}, 1, {own}, {at}, {at}, {by}, {by}{tail})", cols[0], cols[1]));
            } else {
                sql.push_str(&format!("({})", cols.join(", ")));
            }
        }
        sql!(c, execute, drom_store::query::bind_params(sqlx::query(sqlx::AssertSqlSafe(sql)), chunk))?;
    }
    params.clear();
    Ok(())
}
