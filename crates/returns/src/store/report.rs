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
use drom_domain::disclosure::{one, suppress};
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
    /// Persons who benefited from plan items first paid in the period (`null`: hidden, fewer
    /// than the threshold).
    pub direct_beneficiaries: Option<i64>,
    pub indirect_beneficiaries: Option<i64>,
    /// Counts from 1 to one less than this are not published, nor a count that the published
    /// ones and the total would give away.
    pub small_cell_threshold: i64,
    /// Whether any count of the report is hidden.
    pub suppressed: bool,
}

/// One line of a breakdown: its code, a name to show, and how many (`null`: hidden, fewer
/// than the threshold or giving away one that is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Cell {
    pub key: String,
    pub label: String,
    pub persons: Option<i64>,
    pub cases: Option<i64>,
}

/// Assistance of one kind; a kind paid to fewer persons than the threshold shows no figures.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssistanceCell {
    pub assistance_kind: String,
    pub disbursements: Option<i64>,
    pub disbursed_cents: Option<i64>,
    pub committed_cents: Option<i64>,
}

/// Adds to a breakdown keyed by code.
fn tally(map: &mut BTreeMap<String, (i64, i64)>, key: String, persons: i64, cases: i64) {
    let e = map.entry(key).or_default();
    e.0 += persons;
    e.1 += cases;
}

/// A breakdown sorted by persons (most first), then key, its counts published through
/// `disclosure::suppress` (persons and cases each; a row whose persons are hidden hides its
/// cases too).
fn cells(map: BTreeMap<String, (i64, i64)>, label: impl Fn(&str) -> String, threshold: i64) -> Vec<Cell> {
    let mut rows: Vec<(String, i64, i64)> = map.into_iter().map(|(k, (p, c))| (k, p, c)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let persons = suppress(&rows.iter().map(|r| r.1).collect::<Vec<_>>(), threshold);
    let cases = suppress(&rows.iter().map(|r| r.2).collect::<Vec<_>>(), threshold);
    rows.into_iter()
        .zip(persons.into_iter().zip(cases))
        .map(|((k, _, _), (p, c))| Cell { label: label(&k), key: k, persons: p, cases: c.filter(|_| p.is_some()) })
        .collect()
}

impl ReturnsReport {
    fn any_hidden(&self) -> bool {
        let breakdowns = [
            &self.by_host_country,
            &self.by_transport,
            &self.by_return_type,
            &self.by_district,
            &self.by_municipality,
            &self.by_programme,
            &self.by_sex,
            &self.by_age_group,
        ];
        breakdowns
            .into_iter()
            .chain(self.by_community.as_ref())
            .flatten()
            .any(|c| c.persons.is_none() || c.cases.is_none())
            || self.assistance.iter().any(|a| a.disbursements.is_none())
            || self.direct_beneficiaries.is_none()
            || self.indirect_beneficiaries.is_none()
    }
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
        let t = self.small_cell_threshold();
        let mut by_age_group = cells(take("age_group"), same, t);
        by_age_group.sort_by_key(|c| AGE_GROUPS.iter().position(|g| *g == c.key));
        let communities = take("community");
        let by_community = with_community.then(|| {
            cells(communities, |k| reference.community(k).map_or_else(|| k.to_string(), |c| c.name_en.clone()), t)
        });
        if let (Scope::Agency(actor), Some(_)) = (scope, &by_community) {
            audit::append_read(self, actor, "report.read_special", "report", None, serde_json::json!({"report": "returns", "from": from.to_string(), "to": to.to_string(), "fields": ["community"]})).await?;
        }
        // kind → (disbursements, disbursed, committed)
        let mut paid: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
        for ((kind, entry), (n, sum)) in amounts {
            let cell = paid.entry(kind).or_default();
            if entry == "disbursement" {
                cell.0 += n;
                cell.1 += sum;
            } else {
                cell.2 += sum;
            }
        }
        let mut paid: Vec<(String, (i64, i64, i64))> = paid.into_iter().collect();
        paid.sort_by(|a, b| b.1.1.cmp(&a.1.1).then_with(|| a.0.cmp(&b.0)));
        // A kind paid to few persons would show what each received: its figures are hidden.
        let shown = suppress(&paid.iter().map(|(_, (n, _, _))| *n).collect::<Vec<_>>(), t);
        let assistance: Vec<AssistanceCell> = paid
            .into_iter()
            .zip(shown)
            .map(|((kind, (_, disbursed, committed)), n)| AssistanceCell {
                assistance_kind: kind,
                disbursements: n,
                disbursed_cents: n.map(|_| disbursed),
                committed_cents: n.map(|_| committed),
            })
            .collect();
        let beneficiary = |k: &str| one(beneficiaries.get(k).map_or(0, |v| v.0), t);
        let mut report = ReturnsReport {
            from: from.to_string(),
            to: to.to_string(),
            returns,
            cases,
            by_host_country: cells(
                take("host_country"),
                |k| reference.country(k).map_or_else(|| k.to_string(), |c| c.name.clone()),
                t,
            ),
            by_transport: cells(take("transport"), same, t),
            by_return_type: cells(types, same, t),
            by_district: cells(districts, same, t),
            by_municipality: cells(
                municipalities,
                |k| reference.municipality(k).map_or_else(|| k.to_string(), |m| m.display_name()),
                t,
            ),
            by_programme: cells(take("programme"), same, t),
            by_sex: cells(take("sex"), same, t),
            by_age_group,
            by_community,
            assistance,
            direct_beneficiaries: beneficiary("direct"),
            indirect_beneficiaries: beneficiary("indirect"),
            small_cell_threshold: t,
            suppressed: false,
        };
        report.suppressed = report.any_hidden();
        Ok(report)
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
