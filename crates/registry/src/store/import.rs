//! Bulk import of households: every person checked first (all or nothing, errors name the
//! household, member and field), then written in one transaction with multi-row inserts and one
//! audit entry per household. For `drom import` and the benchmarks; single records go through
//! `create_person` / `create_household`.

use super::Registry;
use crate::domain::person::PersonData;
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
    let mut words: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    for (label, municipality, members) in checked {
        let household_id = super::households::insert_household_row(c, actor, label, municipality, &at).await?;
        let mut ids = Vec::with_capacity(members.len());
        for (position, (relation, data)) in members.iter().enumerate() {
            let json = serde_json::to_string(data)?;
            let id = super::persons::insert_person_row(c, actor, data, &json, &at, true).await?;
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
        audit::append(
            c,
            actor,
            "household.import",
            "household",
            Some(household_id),
            reason,
            serde_json::json!({"persons": ids}),
        )
        .await?;
        all_ids.push(ids.clone());
        summary.households += 1;
        summary.persons += ids.len();
        if tokens.len() >= CHUNK * 4 {
            flush(c, &mut tokens, &mut versions, &mut memberships).await?;
            insert_rows(c, "person_token_pair (agency_id, first, second, sort_key, person_id)", 5, &mut pairs).await?;
        }
    }
    flush(c, &mut tokens, &mut versions, &mut memberships).await?;
    insert_rows(c, "person_token_pair (agency_id, first, second, sort_key, person_id)", 5, &mut pairs).await?;
    for (word, n) in words {
        super::search::count_word(c, actor.agency_id, &word, n).await?;
    }
    Ok((summary, all_ids))
}

async fn flush(
    c: &mut Conn<'_>,
    tokens: &mut Vec<Param>,
    versions: &mut Vec<Param>,
    memberships: &mut Vec<Param>,
) -> Result<(), StoreError> {
    insert_rows(c, "person_token (agency_id, token, sort_key, person_id)", 4, tokens).await?;
    insert_rows(c, "person_version (person_id, version, changed_at, changed_by, change, data)", 5, versions).await?;
    insert_rows(c, "household_member (household_id, person_id, relation, position)", 4, memberships).await
}

/// Inserts `params` (`width` per row) in multi-row statements, then empties it. The version
/// table's constant `version = 1` is written into the text.
async fn insert_rows(c: &mut Conn<'_>, into: &str, width: usize, params: &mut Vec<Param>) -> Result<(), StoreError> {
    let is_version = into.starts_with("person_version");
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
            } else {
                sql.push_str(&format!("({})", cols.join(", ")));
            }
        }
        sql!(c, execute, drom_store::query::bind_params(sqlx::query(sqlx::AssertSqlSafe(sql)), chunk))?;
    }
    params.clear();
    Ok(())
}
