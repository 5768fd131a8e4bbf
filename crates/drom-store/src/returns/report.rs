//! The period report of returns: returns that arrived between two dates, by host country,
//! transport, return type, district and municipality of destination, programme, sex, age group
//! and (with the permission) community; the assistance paid in the period by kind and amount;
//! and its beneficiaries. Counts only: no name or id of a person appears.

use crate::audit;
use crate::db::Db;
use crate::error::StoreError;
use crate::sql;
use chrono::NaiveDate;
use drom_domain::ValidationErrors;
use drom_domain::permission::{Actor, Permission};
use drom_domain::returns::{AGE_GROUPS, age_group};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// Whose returns a report counts.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// One agency's, for a signed-in user.
    Agency(&'a Actor),
    /// Every agency's, for the operator at the command line.
    All,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReturnsReport {
    pub from: String,
    pub to: String,
    /// Returnees (persons) who arrived in the period.
    pub returns: i64,
    /// Return cases (a person or a household) that arrived in the period.
    pub cases: i64,
    pub by_host_country: Vec<Cell>,
    pub by_transport: Vec<Cell>,
    pub by_return_type: Vec<Cell>,
    pub by_district: Vec<Cell>,
    pub by_municipality: Vec<Cell>,
    pub by_programme: Vec<Cell>,
    pub by_sex: Vec<Cell>,
    pub by_age_group: Vec<Cell>,
    /// Absent without the special-category permission.
    pub by_community: Option<Vec<Cell>>,
    /// Ledger entries dated in the period, by kind of assistance.
    pub assistance: Vec<AssistanceCell>,
    /// Persons who benefited from plan items paid in the period.
    pub direct_beneficiaries: i64,
    pub indirect_beneficiaries: i64,
}

/// One line of a breakdown: its code, a name to show, and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Cell {
    pub key: String,
    pub label: String,
    pub persons: i64,
    pub cases: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssistanceCell {
    pub assistance_kind: String,
    pub disbursements: i64,
    pub disbursed_cents: i64,
    pub committed_cents: i64,
}

type CaseGroup = (String, Option<String>, String, Option<String>, Option<i64>, i64, i64);

/// Adds to a breakdown keyed by code.
fn tally(map: &mut BTreeMap<String, (i64, i64)>, key: String, persons: i64, cases: i64) {
    let e = map.entry(key).or_default();
    e.0 += persons;
    e.1 += cases;
}

/// A breakdown sorted by persons (most first), then key.
fn cells(map: BTreeMap<String, (i64, i64)>, label: impl Fn(&str) -> String) -> Vec<Cell> {
    let mut v: Vec<Cell> =
        map.into_iter().map(|(k, (p, c))| Cell { label: label(&k), key: k, persons: p, cases: c }).collect();
    v.sort_by(|a, b| b.persons.cmp(&a.persons).then_with(|| a.key.cmp(&b.key)));
    v
}

impl Db {
    /// The report for arrivals from `from` to `to` (both included).
    pub async fn returns_report(
        &self,
        scope: Scope<'_>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<ReturnsReport, StoreError> {
        if to < from {
            return Err(
                ValidationErrors::single("to", format!("{to} is before the start of the period, {from}")).into()
            );
        }
        let (agency, with_community) = match scope {
            Scope::Agency(a) => {
                a.require(Permission::RegistryRead)?;
                (a.agency_id, a.can(Permission::SpecialCategories))
            }
            Scope::All => (0, true),
        };
        let reference = self.reference().await?;
        let (from_s, to_s) = (from.to_string(), to.to_string());
        // The four scans are independent: each runs on its own connection, at once.
        let (groups, members, (ledger, beneficiaries), programmes) = tokio::try_join!(
            self.case_groups(&from_s, &to_s, agency),
            self.member_groups(&from_s, &to_s, agency),
            self.ledger_groups(&from_s, &to_s, agency),
            self.programme_codes(),
        )?;

        let mut maps: [BTreeMap<String, (i64, i64)>; 6] = Default::default();
        let (mut returns, mut cases) = (0, 0);
        for (country, transport, return_type, municipality, programme, persons, n) in groups {
            returns += persons;
            cases += n;
            let district = municipality
                .as_deref()
                .and_then(|m| reference.municipality(m))
                .map_or_else(|| "unknown".to_string(), |m| m.district.clone());
            let programme = programme
                .and_then(|p| programmes.iter().find(|(id, _)| *id == p))
                .map_or_else(|| "none".to_string(), |(_, code)| code.clone());
            let keys = [
                country,
                transport.unwrap_or_else(|| "unknown".into()),
                return_type,
                district,
                municipality.unwrap_or_else(|| "unknown".into()),
                programme,
            ];
            for (map, key) in maps.iter_mut().zip(keys) {
                tally(map, key, persons, n);
            }
        }
        let mut people: [BTreeMap<String, (i64, i64)>; 3] = Default::default();
        for (sex, age, community, n) in members {
            let age = age.and_then(|a| i32::try_from(a).ok());
            tally(&mut people[0], sex, n, 0);
            tally(&mut people[1], age_group(age).to_string(), n, 0);
            tally(&mut people[2], community.unwrap_or_else(|| "unknown".into()), n, 0);
        }
        let [countries, transports, types, districts, municipalities, programme_cells] = maps;
        let [sexes, ages, communities] = people;
        let same = |k: &str| k.to_string();
        let mut by_age_group = cells(ages, same);
        by_age_group.sort_by_key(|c| AGE_GROUPS.iter().position(|g| *g == c.key));
        let by_community = with_community.then(|| {
            cells(communities, |k| reference.community(k).map_or_else(|| k.to_string(), |c| c.name_en.clone()))
        });
        if let (Scope::Agency(actor), Some(_)) = (scope, &by_community) {
            let mut tx = self.begin().await?;
            audit::append(
                &mut tx.conn(),
                actor,
                "report.read_special",
                "report",
                None,
                None,
                serde_json::json!({"report": "returns", "from": from_s, "to": to_s, "fields": ["community"]}),
            )
            .await?;
            tx.commit().await?;
        }
        let mut assistance: BTreeMap<String, AssistanceCell> = BTreeMap::new();
        for (kind, entry, n, sum) in ledger {
            let cell = assistance.entry(kind.clone()).or_insert(AssistanceCell {
                assistance_kind: kind,
                disbursements: 0,
                disbursed_cents: 0,
                committed_cents: 0,
            });
            if entry == "disbursement" {
                cell.disbursements += n;
                cell.disbursed_cents += sum;
            } else {
                cell.committed_cents += sum;
            }
        }
        let mut assistance: Vec<AssistanceCell> = assistance.into_values().collect();
        assistance.sort_by(|a, b| {
            b.disbursed_cents.cmp(&a.disbursed_cents).then_with(|| a.assistance_kind.cmp(&b.assistance_kind))
        });
        Ok(ReturnsReport {
            from: from_s,
            to: to_s,
            returns,
            cases,
            by_host_country: cells(countries, |k| {
                reference.country(k).map_or_else(|| k.to_string(), |c| c.name.clone())
            }),
            by_transport: cells(transports, same),
            by_return_type: cells(types, same),
            by_district: cells(districts, same),
            by_municipality: cells(municipalities, |k| {
                reference.municipality(k).map_or_else(|| k.to_string(), |m| m.display_name())
            }),
            by_programme: cells(programme_cells, same),
            by_sex: cells(sexes, same),
            by_age_group,
            by_community,
            assistance,
            direct_beneficiaries: beneficiaries.0.unwrap_or(0),
            indirect_beneficiaries: beneficiaries.1.unwrap_or(0),
        })
    }
}

type MemberGroup = (String, Option<i64>, Option<String>, i64);
type LedgerGroup = (String, String, i64, i64);

impl Db {
    async fn case_groups(&self, from: &str, to: &str, agency: i64) -> Result<Vec<CaseGroup>, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        Ok(sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, CaseGroup>(
                "SELECT host_country, transport, return_type, destination_municipality, programme_id, \
                 CAST(SUM(individuals) AS BIGINT), COUNT(*) FROM return_case \
                 WHERE arrived_on >= $1 AND arrived_on <= $2 AND ($3 = 0 OR agency_id = $3) \
                 GROUP BY host_country, transport, return_type, destination_municipality, programme_id"
            )
            .bind(from)
            .bind(to)
            .bind(agency)
        )?)
    }

    async fn member_groups(&self, from: &str, to: &str, agency: i64) -> Result<Vec<MemberGroup>, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        Ok(sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, MemberGroup>(
                "SELECT sex, age_at_return, community_code, COUNT(*) FROM return_member \
                 WHERE arrived_on >= $1 AND arrived_on <= $2 AND ($3 = 0 OR agency_id = $3) \
                 GROUP BY sex, age_at_return, community_code"
            )
            .bind(from)
            .bind(to)
            .bind(agency)
        )?)
    }

    async fn ledger_groups(
        &self,
        from: &str,
        to: &str,
        agency: i64,
    ) -> Result<(Vec<LedgerGroup>, (Option<i64>, Option<i64>)), StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let groups = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, LedgerGroup>(
                "SELECT assistance_kind, kind, COUNT(*), CAST(SUM(amount_cents) AS BIGINT) FROM ledger_entry \
                 WHERE entry_on >= $1 AND entry_on <= $2 AND ($3 = 0 OR agency_id = $3) GROUP BY assistance_kind, kind"
            )
            .bind(from)
            .bind(to)
            .bind(agency)
        )?;
        let beneficiaries = sql!(
            &mut c,
            fetch_one,
            sqlx::query_as::<_, (Option<i64>, Option<i64>)>(
                "SELECT CAST(SUM(direct_beneficiaries) AS BIGINT), CAST(SUM(indirect_beneficiaries) AS BIGINT) FROM plan_item \
                 WHERE id IN (SELECT plan_item_id FROM ledger_entry WHERE kind = 'disbursement' \
                 AND entry_on >= $1 AND entry_on <= $2 AND ($3 = 0 OR agency_id = $3))"
            )
            .bind(from)
            .bind(to)
            .bind(agency)
        )?;
        Ok((groups, beneficiaries))
    }

    async fn programme_codes(&self) -> Result<Vec<(i64, String)>, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        Ok(sql!(&mut c, fetch_all, sqlx::query_as::<_, (i64, String)>("SELECT id, code FROM programme"))?)
    }
}
