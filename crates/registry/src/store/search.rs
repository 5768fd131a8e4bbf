//! Name search over the registry: the index (one row per folded name word and person, carrying
//! the person's sort key, plus each agency's vocabulary of words with their counts) and the
//! query that pages through it. A typed prefix is expanded to the words it matches; each word's
//! persons are already in name order in the index, so a page costs a few short index ranges,
//! however common the name.

use super::Registry;
use super::persons::{PersonQuery, PersonSort, PersonSummary, SummaryRow};
use crate::domain::person::PersonData;
use drom_domain::fold;
use drom_domain::permission::{Actor, Denied, Permission};
use drom_domain::{Common, ValidationErrors};
use drom_store::audit;
use drom_store::db::Conn;
use drom_store::error::StoreError;
use drom_store::query::{Page, Param, bind_params};
use drom_store::scope::AgencyScope;
use drom_store::sql;
use std::collections::HashMap;

/// Search words beyond this many are ignored: names rarely have more.
const MAX_TERMS: usize = 6;
/// A prefix matching more words than this (one or two letters) is searched by range instead.
const MAX_EXPANSION: usize = 64;
pub use drom_store::query::COUNT_CAP;
/// A search with several words or filters counts its matches among this many index rows of the
/// driving word; past that the count is a lower bound ("more than").
const COUNT_SCAN: i64 = 5_000;

/// Writes a person's search words (replacing the old ones when `replace`).
pub(crate) async fn index_person(
    c: &mut Conn<'_>,
    agency_id: i64,
    person_id: i64,
    data: &PersonData,
    replace: bool,
) -> Result<(), StoreError> {
    if replace {
        let old: Vec<(String,)> = sql!(
            c,
            fetch_all,
            sqlx::query_as::<_, (String,)>("SELECT token FROM person_token WHERE person_id = $1").bind(person_id)
        )?;
        for (token,) in old {
            count_word(c, agency_id, &token, -1).await?;
        }
        sql!(c, execute, sqlx::query("DELETE FROM person_token WHERE person_id = $1").bind(person_id))?;
        sql!(c, execute, sqlx::query("DELETE FROM person_token_pair WHERE person_id = $1").bind(person_id))?;
    }
    let sort_key = data.sort_key();
    let tokens = fold::tokens(&data.search_text());
    for (first, second) in pairs(&tokens) {
        sql!(
            c,
            execute,
            sqlx::query(
                "INSERT INTO person_token_pair (agency_id, first, second, sort_key, person_id) VALUES ($1, $2, $3, $4, $5)"
            )
            .bind(agency_id)
            .bind(first)
            .bind(second)
            .bind(&sort_key)
            .bind(person_id)
        )?;
    }
    for token in tokens {
        sql!(
            c,
            execute,
            sqlx::query("INSERT INTO person_token (agency_id, token, sort_key, person_id) VALUES ($1, $2, $3, $4)")
                .bind(agency_id)
                .bind(&token)
                .bind(&sort_key)
                .bind(person_id)
        )?;
        count_word(c, agency_id, &token, 1).await?;
    }
    Ok(())
}

/// Every pair of a person's distinct name words, the smaller first: the rows of
/// `person_token_pair`.
pub(crate) fn pairs(tokens: &[String]) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    for (i, a) in tokens.iter().enumerate() {
        for b in &tokens[i + 1..] {
            match a.cmp(b) {
                std::cmp::Ordering::Less => out.push((a.as_str(), b.as_str())),
                std::cmp::Ordering::Greater => out.push((b.as_str(), a.as_str())),
                std::cmp::Ordering::Equal => {}
            }
        }
    }
    out
}

/// Adds `delta` persons to a word of the agency's vocabulary.
pub(crate) async fn count_word(c: &mut Conn<'_>, agency_id: i64, token: &str, delta: i64) -> Result<(), StoreError> {
    sql!(
        c,
        execute,
        sqlx::query(
            "INSERT INTO name_token (agency_id, token, persons) VALUES ($1, $2, $3) \
             ON CONFLICT (agency_id, token) DO UPDATE SET persons = name_token.persons + excluded.persons"
        )
        .bind(agency_id)
        .bind(token)
        .bind(delta)
    )?;
    Ok(())
}

/// The words of the vocabulary that start with `term`, most frequent first, with their counts.
/// `None` when there are more than `MAX_EXPANSION`.
async fn expand(c: &mut Conn<'_>, scope: AgencyScope, term: &str) -> Result<Option<Vec<(String, i64)>>, StoreError> {
    let words: Vec<(String, i64)> = sql!(
        c,
        fetch_all,
        sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(format!(
            "SELECT token, persons FROM name_token WHERE {} AND token >= $2 AND token < $3 AND persons > 0 \
             ORDER BY persons DESC LIMIT $4",
            scope.readable("", 1)
        )))
        .bind(scope.agency())
        .bind(term)
        .bind(format!("{term}{{"))
        .bind(MAX_EXPANSION as i64 + 1)
    )?;
    Ok((words.len() <= MAX_EXPANSION).then_some(words))
}

/// A search word and the vocabulary words it expands to (`None`: too many to list).
type Expanded = (String, Option<Vec<(String, i64)>>);

/// The two words whose expansions match the fewest persons, when the pair index can answer for
/// them: both expanded, few enough combinations, and no word shared (a word is never paired with
/// itself).
fn pair_driver(expanded: &[Expanded]) -> Option<(usize, usize)> {
    let mut known: Vec<(usize, i64, usize)> = expanded
        .iter()
        .enumerate()
        .filter_map(|(i, (_, w))| w.as_ref().map(|w| (i, w.iter().map(|x| x.1).sum::<i64>(), w.len())))
        .collect();
    if known.len() < 2 {
        return None;
    }
    known.sort_by_key(|k| k.1);
    let (a, b) = (known[0], known[1]);
    let (wa, wb) = (expanded[a.0].1.as_ref()?, expanded[b.0].1.as_ref()?);
    let shared = wa.iter().any(|x| wb.iter().any(|y| x.0 == y.0));
    (a.2 * b.2 <= MAX_EXPANSION && !shared).then_some((a.0, b.0))
}

/// The conditions that every search word but `except` also matches the person of `alias`,
/// binding their ranges.
fn also_words(expanded: &[Expanded], except: &[usize], alias: &str, params: &mut Vec<Param>) -> String {
    let mut also = String::new();
    for (i, (term, _)) in expanded.iter().enumerate() {
        if !except.contains(&i) {
            params.push(Param::S(term.clone()));
            params.push(Param::S(format!("{term}{{")));
            also.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM person_token u WHERE u.person_id = {alias}.person_id AND u.token >= ${} AND u.token < ${})",
                params.len() - 1,
                params.len()
            ));
        }
    }
    also
}

impl Registry<'_> {
    /// Searches and lists the actor's agency's persons.
    pub async fn search_persons(&self, actor: &Actor, q: &PersonQuery) -> Result<Page<PersonSummary>, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let (page, per_page) = drom_store::query::paging(q.page, q.per_page)?;
        let scope = AgencyScope::of(actor);
        let mut params = vec![Param::I(scope.agency())];
        let person_filter = self.person_filter(actor, q, &mut params).await?;
        let mut terms = q.q.as_deref().map(fold::query_terms).unwrap_or_default();
        terms.truncate(MAX_TERMS);
        let offset = (page - 1) * per_page;
        let sort = q.sort.unwrap_or_default();
        let mut h = self.acquire().await?;
        let mut c = h.conn();

        // Expand every word; the one matching the fewest persons drives the scan.
        let mut expanded = Vec::new();
        for term in &terms {
            let words = expand(&mut c, scope, term).await?;
            if words.as_ref().is_some_and(|w| w.is_empty()) {
                return Ok(Page { items: vec![], total: 0, total_is_exact: true, page, per_page });
            }
            expanded.push((term.clone(), words));
        }
        let driver = expanded
            .iter()
            .enumerate()
            .filter_map(|(i, (_, w))| w.as_ref().map(|w| (i, w.iter().map(|x| x.1).sum::<i64>())))
            .min_by_key(|(_, n)| *n)
            .map(|(i, _)| i);

        let (ids_sql, count_sql, known_total, exact) = match (driver, sort, pair_driver(&expanded)) {
            (Some(_), PersonSort::Name, Some((a, b))) => {
                // Two words or more: the pair index holds the two rarest together, in name
                // order; any further word must also match the same person.
                let also = also_words(&expanded, &[a, b], "t", &mut params);
                let join = if person_filter.is_empty() { "" } else { " JOIN person p ON p.id = t.person_id" };
                let within = scope.readable("t", 1);
                let (mut arms, mut counts) = (Vec::new(), Vec::new());
                for x in expanded[a].1.iter().flatten() {
                    for y in expanded[b].1.iter().flatten() {
                        let (first, second) = if x.0 < y.0 { (&x.0, &y.0) } else { (&y.0, &x.0) };
                        params.push(Param::S(first.clone()));
                        params.push(Param::S(second.clone()));
                        let cond = format!(
                            "{within} AND t.first = ${} AND t.second = ${}{also}{person_filter}",
                            params.len() - 1,
                            params.len()
                        );
                        let n = arms.len();
                        arms.push(format!(
                            "SELECT * FROM (SELECT t.sort_key, t.person_id FROM person_token_pair t{join} WHERE {cond} \
                             ORDER BY t.sort_key, t.person_id LIMIT {}) a{n}",
                            offset + per_page
                        ));
                        counts.push(format!(
                            "SELECT * FROM (SELECT t.person_id FROM person_token_pair t{join} WHERE {cond} LIMIT {}) c{n}",
                            COUNT_CAP + 1
                        ));
                    }
                }
                let ids = format!(
                    "SELECT sort_key, person_id FROM ({}) x ORDER BY sort_key, person_id LIMIT {per_page} OFFSET {offset}",
                    arms.join(" UNION ")
                );
                // Counted exactly up to the cap (a union, so a person matching two pairs counts once).
                (ids, format!("SELECT COUNT(*) FROM ({}) x", counts.join(" UNION ")), None, true)
            }
            (Some(d), PersonSort::Name, _) => {
                let words = expanded[d].1.clone().unwrap_or_default();
                // Other words must also match the same person.
                let also = also_words(&expanded, &[d], "t", &mut params);
                let join = if person_filter.is_empty() { "" } else { " JOIN person p ON p.id = t.person_id" };
                let mut arms = Vec::new();
                let mut word_params = Vec::new();
                for (i, (word, _)) in words.iter().enumerate() {
                    params.push(Param::S(word.clone()));
                    word_params.push(format!("${}", params.len()));
                    arms.push(format!(
                        "SELECT * FROM (SELECT t.sort_key, t.person_id FROM person_token t{join} WHERE {within} AND t.token = ${}{also}{person_filter} \
                         ORDER BY t.sort_key, t.person_id LIMIT {}) a{i}",
                        params.len(),
                        offset + per_page,
                        within = scope.readable("t", 1)
                    ));
                }
                let ids = format!(
                    "SELECT sort_key, person_id FROM ({}) x ORDER BY sort_key, person_id LIMIT {per_page} OFFSET {offset}",
                    arms.join(" UNION ")
                );
                let driver_rows: i64 = words.iter().map(|w| w.1).sum();
                if also.is_empty() && person_filter.is_empty() {
                    // No other condition: the vocabulary already holds the count (exact for one
                    // word; for several, a person carrying two of them would count twice).
                    (ids, String::new(), Some(driver_rows), words.len() == 1)
                } else {
                    let count = format!(
                        "SELECT COUNT(DISTINCT t.person_id) FROM (SELECT person_id FROM person_token WHERE {within} \
                         AND token IN ({}) LIMIT {COUNT_SCAN}) t{join} WHERE 1 = 1{also}{person_filter}",
                        word_params.join(", "),
                        within = scope.readable("", 1)
                    );
                    (ids, count, None, driver_rows <= COUNT_SCAN)
                }
            }
            _ => {
                // Sorted by recent change, or a one- or two-letter prefix: filter the person table.
                let mut filter = format!("{}{person_filter}", scope.readable("p", 1));
                for term in &terms {
                    params.push(Param::S(term.clone()));
                    params.push(Param::S(format!("{term}{{")));
                    filter.push_str(&format!(
                        " AND EXISTS (SELECT 1 FROM person_token u WHERE u.person_id = p.id AND u.token >= ${} AND u.token < ${})",
                        params.len() - 1,
                        params.len()
                    ));
                }
                let (order, key) = match sort {
                    PersonSort::Name => ("p.sort_key, p.id", "p.sort_key"),
                    PersonSort::Recent => ("p.updated_at DESC, p.id DESC", "p.updated_at"),
                };
                (
                    format!(
                        "SELECT {key}, p.id FROM person p WHERE {filter} ORDER BY {order} LIMIT {per_page} OFFSET {offset}"
                    ),
                    format!("SELECT COUNT(*) FROM (SELECT 1 FROM person p WHERE {filter} LIMIT {}) x", COUNT_CAP + 1),
                    None,
                    true,
                )
            }
        };
        let ids: Vec<(String, i64)> = sql!(
            &mut c,
            fetch_all,
            bind_params(sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(ids_sql)), &params)
        )?;
        let total = match known_total {
            Some(n) => n,
            None => {
                sql!(
                    &mut c,
                    fetch_one,
                    bind_params(sqlx::query_as::<_, (i64,)>(sqlx::AssertSqlSafe(count_sql)), &params)
                )?
                .0
            }
        };
        let items = summaries(&mut c, &ids).await?;
        drop(h);
        if q.community.as_deref().is_some_and(|c| !c.trim().is_empty()) {
            audit::append_read(
                self,
                actor,
                "person.search_special",
                "person",
                None,
                serde_json::json!({"community": q.community}),
            )
            .await?;
        }
        let total = total.max(offset + items.len() as i64);
        Ok(Page { items, total: total.min(COUNT_CAP), total_is_exact: exact && total <= COUNT_CAP, page, per_page })
    }

    /// The conditions on the person row (`p.`) for the query's filters, binding their values.
    async fn person_filter(
        &self,
        actor: &Actor,
        q: &PersonQuery,
        params: &mut Vec<Param>,
    ) -> Result<String, StoreError> {
        let mut filter = String::new();
        let reference = self.reference().await?;
        let mut e = ValidationErrors::default();
        if let Some(m) = q.municipality.as_deref().filter(|m| !m.trim().is_empty()) {
            match reference.municipality(m) {
                Some(found) => {
                    params.push(Param::S(found.code.clone()));
                    filter.push_str(&format!(" AND p.municipality_code = ${}", params.len()));
                }
                None => e.push("municipality", Common::UnknownMunicipality { value: m.to_string() }),
            }
        }
        if let Some(cm) = q.community.as_deref().filter(|c| !c.trim().is_empty()) {
            if !actor.can(Permission::SpecialCategories) {
                return Err(Denied(Permission::SpecialCategories).into());
            }
            if reference.community(cm).is_none() {
                e.push("community", Common::UnknownCommunity { value: cm.to_string() });
            }
            params.push(Param::S(cm.to_string()));
            filter.push_str(&format!(" AND p.community_code = ${}", params.len()));
        }
        if let Some(s) = q.sex {
            params.push(Param::S(s.code().to_string()));
            filter.push_str(&format!(" AND p.sex = ${}", params.len()));
        }
        for (field, v) in [("age_min", q.age_min), ("age_max", q.age_max)] {
            if let Some(a) = v
                && !(0..=130).contains(&a)
            {
                e.push(field, Common::Between { min: 0, max: 130 });
            }
        }
        if let (Some(lo), Some(hi)) = (q.age_min, q.age_max)
            && lo > hi
        {
            e.push("age_max", crate::domain::RegistryReason::AgeOrder);
        }
        e.into_result(())?;
        let this_year = chrono::Datelike::year(&chrono::Utc::now().date_naive()) as i64;
        if let Some(a) = q.age_min {
            params.push(Param::I(this_year - a as i64));
            filter.push_str(&format!(" AND p.birth_year <= ${}", params.len()));
        }
        if let Some(a) = q.age_max {
            params.push(Param::I(this_year - a as i64 - 1));
            filter.push_str(&format!(" AND p.birth_year >= ${}", params.len()));
        }
        Ok(filter)
    }
}

/// The list lines of the given persons, in the given order.
async fn summaries(c: &mut Conn<'_>, ids: &[(String, i64)]) -> Result<Vec<PersonSummary>, StoreError> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    // The ids come from the database as integers: formatting them in is safe.
    let list: Vec<String> = ids.iter().map(|(_, id)| id.to_string()).collect();
    let mut rows: Vec<SummaryRow> = sql!(
        c,
        fetch_all,
        sqlx::query_as::<_, SummaryRow>(sqlx::AssertSqlSafe(format!(
            "SELECT p.id, p.data, p.updated_at, m.household_id FROM person p \
             LEFT JOIN household_member m ON m.person_id = p.id WHERE p.id IN ({})",
            list.join(",")
        )))
    )?;
    let position: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, (_, id))| (*id, i)).collect();
    rows.sort_by_key(|r| position.get(&r.id).copied());
    rows.into_iter()
        .map(|r| {
            let d: PersonData = serde_json::from_str(&r.data)?;
            Ok(PersonSummary {
                id: r.id,
                given_name: d.given_name,
                family_name: d.family_name,
                given_name_other_script: d.given_name_other_script,
                family_name_other_script: d.family_name_other_script,
                date_of_birth: d.date_of_birth,
                sex: d.sex,
                municipality_of_origin: d.municipality_of_origin,
                current_country: d.current_country,
                household_id: r.household_id,
                updated_at: r.updated_at,
            })
        })
        .collect()
}
