//! The period report of returns: returns that arrived between two dates, by host country,
//! transport, return type, district and municipality of destination, programme, sex, age group
//! and (with the permission) community; the assistance paid in the period by kind and amount;
//! and its beneficiaries. Counts only: no name or id of a person appears.

use super::Returns;
use super::tally;
use drom_store::audit;

use crate::domain::AGE_GROUPS;
use crate::domain::ReturnsReason;
use chrono::NaiveDate;
use drom_domain::ValidationErrors;
use drom_domain::permission::{Actor, Permission};
use drom_store::error::StoreError;
use drom_store::scope::AgencyScope;
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
    /// Returnees by community. Special category (ethnicity), counted: absent without the
    /// special-categories grant.
    pub by_community: Option<Vec<Cell>>,
    /// Ledger entries dated in the period, by kind of assistance.
    pub assistance: Vec<AssistanceCell>,
    /// Persons who benefited from plan items first paid in the period.
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

impl Returns<'_> {
    /// The report for arrivals from `from` to `to` (both included).
    pub async fn returns_report(
        &self,
        scope: Scope<'_>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<ReturnsReport, StoreError> {
        if to < from {
            return Err(ValidationErrors::single(
                "to",
                ReturnsReason::PeriodOrder { to: to.to_string(), from: from.to_string() },
            )
            .into());
        }
        let (agency, with_community) = match scope {
            Scope::Agency(a) => {
                a.require(Permission::RegistryRead)?;
                // An agency's report counts the returns it owns, never what others share with it.
                (Some(AgencyScope::of(a)), a.can(Permission::SpecialCategories))
            }
            Scope::All => (None, true),
        };
        let reference = self.reference().await?;
        let cut = tally::cut(from, to);
        // Whole months come from the tallies, the partial first and last months from the rows;
        // the three reads are independent and run at once, each on its own connection.
        let (head, months, tail) = tokio::try_join!(
            self.counted(cut.head, agency, false),
            self.counted(cut.months, agency, true),
            self.counted(cut.tail, agency, false),
        )?;
        let mut maps: BTreeMap<String, BTreeMap<String, (i64, i64)>> = BTreeMap::new();
        let mut amounts: BTreeMap<(String, String), (i64, i64)> = BTreeMap::new();
        for (dimension, key, persons, cases, amount) in head.into_iter().chain(months).chain(tail) {
            if dimension == "commitment" || dimension == "disbursement" {
                let e = amounts.entry((key, dimension)).or_default();
                e.0 += cases;
                e.1 += amount;
            } else {
                tally(maps.entry(dimension).or_default(), key, persons, cases);
            }
        }
        let mut take = |d: &str| maps.remove(d).unwrap_or_default();
        let types = take("return_type");
        let (returns, cases) = types.values().fold((0, 0), |(p, c), (x, y)| (p + x, c + y));
        let municipalities = take("municipality");
        let mut districts = BTreeMap::new();
        for (m, (p, c)) in &municipalities {
            let district = reference.municipality(m).map_or_else(|| "unknown".to_string(), |m| m.district.clone());
            tally(&mut districts, district, *p, *c);
        }
        let beneficiaries = take("beneficiaries");
        let same = |k: &str| k.to_string();
        let mut by_age_group = cells(take("age_group"), same);
        by_age_group.sort_by_key(|c| AGE_GROUPS.iter().position(|g| *g == c.key));
        let communities = take("community");
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
                serde_json::json!({"report": "returns", "from": from.to_string(), "to": to.to_string(), "fields": ["community"]}),
            )
            .await?;
            tx.commit().await?;
        }
        let mut assistance: BTreeMap<String, AssistanceCell> = BTreeMap::new();
        for ((kind, entry), (n, sum)) in amounts {
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
        let beneficiary = |k: &str| beneficiaries.get(k).map_or(0, |v| v.0);
        Ok(ReturnsReport {
            from: from.to_string(),
            to: to.to_string(),
            returns,
            cases,
            by_host_country: cells(take("host_country"), |k| {
                reference.country(k).map_or_else(|| k.to_string(), |c| c.name.clone())
            }),
            by_transport: cells(take("transport"), same),
            by_return_type: cells(types, same),
            by_district: cells(districts, same),
            by_municipality: cells(municipalities, |k| {
                reference.municipality(k).map_or_else(|| k.to_string(), |m| m.display_name())
            }),
            by_programme: cells(take("programme"), same),
            by_sex: cells(take("sex"), same),
            by_age_group,
            by_community,
            assistance,
            direct_beneficiaries: beneficiary("direct"),
            indirect_beneficiaries: beneficiary("indirect"),
        })
    }

    /// The tallies of a part of a period: whole months from `return_tally`, days from the rows.
    async fn counted(
        &self,
        part: Option<(String, String)>,
        agency: Option<AgencyScope>,
        whole_months: bool,
    ) -> Result<Vec<tally::TallyRow>, StoreError> {
        let Some((from, to)) = part else { return Ok(vec![]) };
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        if whole_months {
            tally::from_months(&mut c, &from, &to, agency).await
        } else {
            tally::from_rows(&mut c, &from, &to, agency).await
        }
    }
}
