//! Monitoring visits after arrival, scored for sustainability, with where the returnee is now;
//! and the dashboard that compares forced and voluntary returns: the share still in place at
//! each scheduled visit and the average scores.

use super::Returns;
use super::cases::{ReturnCase, StepWrite, months_between, not_future};
use crate::domain::ReturnsReason;
use crate::domain::lifecycle::Step;
use crate::domain::{Remigration, ReturnType};
use chrono::{Months, NaiveDate};
use drom_domain::ValidationErrors;
use drom_domain::disclosure::suppress;
use drom_domain::error::optional_text;
use drom_domain::permission::{Actor, Permission, RegistryWriter};
use drom_store::db::now;
use drom_store::error::StoreError;
use drom_store::query::Param;
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VisitInput {
    #[schema(value_type = String, format = Date)]
    pub visited_on: NaiveDate,
    #[schema(value_type = String)]
    pub remigration: Remigration,
    /// Indicator id → answer (0 to the indicator's maximum), as configured.
    #[serde(default)]
    pub answers: BTreeMap<String, u32>,
    pub note: Option<String>,
}

/// Forced against voluntary returns at one milestone.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Milestone {
    pub months: u32,
    pub rows: Vec<MilestoneRow>,
}

/// One type of return at one milestone. Counts under the small-cell threshold are `null`
/// (hidden), with the smallest other where one hidden count could be worked out from
/// `cases_due`; with fewer cases due than the threshold, every figure of the row is hidden.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct MilestoneRow {
    pub return_type: String,
    /// Cases that arrived at least this many months ago.
    pub cases_due: Option<i64>,
    pub in_place: Option<i64>,
    pub left_again: Option<i64>,
    /// No visit at or after the milestone, or the visit could not tell.
    pub unknown: Option<i64>,
    /// in_place / (in_place + left_again), when any is known.
    pub share_in_place: Option<f64>,
    /// (in_place + left_again) / cases_due: how much of the row the share rests on.
    pub share_known: Option<f64>,
    /// Average scores (0 to 1000) of the visits that answered for the milestone.
    pub economic: Option<i64>,
    pub social: Option<i64>,
    pub psychosocial: Option<i64>,
    pub composite: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SustainabilityDashboard {
    pub as_of: String,
    pub config_id: String,
    pub milestones: Vec<Milestone>,
}

#[derive(Default)]
struct Acc {
    due: i64,
    in_place: i64,
    left_again: i64,
    unknown: i64,
    sums: [(i64, i64); 4],
}

impl Acc {
    fn add_scores(&mut self, scores: [Option<i64>; 4]) {
        for (s, v) in self.sums.iter_mut().zip(scores) {
            if let Some(v) = v {
                s.0 += v;
                s.1 += 1;
            }
        }
    }

    /// The row as published under `threshold` (see `drom_domain::disclosure`): a row of fewer
    /// cases than the threshold shows nothing, and a score averaged over fewer visits is hidden.
    fn finish(self, return_type: &str, threshold: i64) -> MilestoneRow {
        let return_type = return_type.to_string();
        if self.due == 0 {
            return MilestoneRow { return_type, cases_due: Some(0), ..Default::default() };
        }
        if self.due < threshold {
            return MilestoneRow { return_type, ..Default::default() };
        }
        let avg = |(s, n): (i64, i64)| (n >= threshold.max(1)).then(|| (s as f64 / n as f64).round() as i64);
        let [economic, social, psychosocial, composite] = self.sums.map(avg);
        let known = self.in_place + self.left_again;
        let counts = suppress(&[self.in_place, self.left_again, self.unknown], threshold);
        MilestoneRow {
            return_type,
            cases_due: Some(self.due),
            in_place: counts[0],
            left_again: counts[1],
            unknown: counts[2],
            // A share of fewer known cases than the threshold would tell about each of them.
            share_in_place: (known >= threshold.max(1)).then(|| self.in_place as f64 / known as f64),
            share_known: Some(known as f64 / self.due as f64),
            economic,
            social,
            psychosocial,
            composite,
        }
    }
}

type VisitRow = (i64, String, String, Option<i64>, Option<String>, Option<i64>, Option<i64>, Option<i64>, Option<i64>);

impl Returns<'_> {
    /// Records a monitoring visit with its sustainability scores and re-migration status.
    pub async fn record_visit(
        &self,
        writer: RegistryWriter<'_>,
        id: i64,
        input: VisitInput,
    ) -> Result<ReturnCase, StoreError> {
        let actor = writer.actor();
        let config = self.sustainability();
        let mut e = ValidationErrors::default();
        not_future(&mut e, "visited_on", input.visited_on);
        let note = optional_text(&mut e, "note", input.note.as_deref(), 4000);
        let scores = match config.score(&input.answers) {
            Ok(s) => Some(s),
            Err(errors) => {
                e.0.extend(errors.0);
                None
            }
        };
        self.step_case(actor, id, async |c, row| {
            let mut months = 0;
            if let Some(arrived) = row.arrived_on.as_deref() {
                let arrived = row.date(Some(arrived));
                if input.visited_on < arrived {
                    e.push(
                        "visited_on",
                        ReturnsReason::VisitBeforeArrival { day: input.visited_on.to_string(), arrived: arrived.to_string() },
                    );
                }
                months = months_between(arrived, input.visited_on);
            }
            e.into_result(())?;
            let scores = scores.unwrap_or(crate::domain::sustainability::Scores {
                economic: None,
                social: None,
                psychosocial: None,
                composite: None,
            });
            sql!(
                c,
                execute,
                sqlx::query(
                    "INSERT INTO monitoring_visit (case_id, visited_on, months_after_arrival, remigration, config_id, answers, economic, social, psychosocial, composite, note, created_at, created_by) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
                )
                .bind(id)
                .bind(input.visited_on.to_string())
                .bind(months)
                .bind(input.remigration.code())
                .bind(&config.id)
                .bind(serde_json::to_string(&input.answers)?)
                .bind(scores.economic)
                .bind(scores.social)
                .bind(scores.psychosocial)
                .bind(scores.composite)
                .bind(&note)
                .bind(now())
                .bind(actor.user_id)
            )?;
            let sets = vec![("remigration", Param::S(input.remigration.code().into()))];
            let detail = serde_json::json!({"visited_on": input.visited_on.to_string(), "remigration": input.remigration.code(), "composite": scores.composite});
            Ok(StepWrite::new(Step::RecordVisit, sets, detail))
        })
        .await
    }

    /// Forced against voluntary returns of the agency, for cases that arrived between `from` and
    /// `to`: at each scheduled milestone, who is still in place and how they score.
    pub async fn sustainability_dashboard(
        &self,
        actor: &Actor,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        as_of: NaiveDate,
    ) -> Result<SustainabilityDashboard, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let config = self.sustainability();
        let from = from.map_or_else(|| "0000-01-01".to_string(), |d| d.to_string());
        let to = to.map_or_else(|| "9999-12-31".to_string(), |d| d.to_string());
        let rows: Vec<VisitRow> = {
            let mut h = self.acquire().await?;
            let mut c = h.conn();
            sql!(
                &mut c,
                fetch_all,
                sqlx::query_as::<_, VisitRow>(
                    sqlx::AssertSqlSafe(format!("SELECT k.id, k.return_type, k.arrived_on, v.months_after_arrival, v.remigration, v.economic, v.social, \
                     v.psychosocial, v.composite FROM return_case k LEFT JOIN monitoring_visit v ON v.case_id = k.id \
                     WHERE {} AND k.arrived_on >= $2 AND k.arrived_on <= $3 ORDER BY k.id, v.visited_on, v.id", AgencyScope::of(actor).readable("k", 1)))
                )
                .bind(AgencyScope::of(actor).agency())
                .bind(&from)
                .bind(&to)
            )?
        };
        let mut acc: BTreeMap<(u32, &str), Acc> = BTreeMap::new();
        for case in rows.chunk_by(|a, b| a.0 == b.0) {
            let (_, return_type, arrived, ..) = &case[0];
            let Ok(arrived) = arrived.parse::<NaiveDate>() else { continue };
            let return_type = if return_type == ReturnType::Forced.code() { "forced" } else { "voluntary" };
            for &m in &config.visit_months {
                if arrived.checked_add_months(Months::new(m)).is_none_or(|due| due > as_of) {
                    continue;
                }
                let a = acc.entry((m, return_type)).or_default();
                a.due += 1;
                let visits = case.iter().filter_map(|v| Some((v.3?, v.4.as_deref()?, [v.5, v.6, v.7, v.8])));
                let mut status = None;
                for (months, remigration, scores) in visits {
                    let left = remigration == Remigration::LeftAgain.code();
                    if months < i64::from(m) && !left {
                        continue;
                    }
                    status = Some(remigration.parse::<Remigration>().ok().and_then(|r| r.still_in_place()));
                    if !left || months >= i64::from(m) {
                        a.add_scores(scores);
                    }
                    break;
                }
                match status.flatten() {
                    Some(true) => a.in_place += 1,
                    Some(false) => a.left_again += 1,
                    None => a.unknown += 1,
                }
            }
        }
        let threshold = self.small_cell_threshold();
        let milestones = config
            .visit_months
            .iter()
            .map(|&m| Milestone {
                months: m,
                rows: ["voluntary", "forced"]
                    .into_iter()
                    .map(|t| acc.remove(&(m, t)).unwrap_or_default().finish(t, threshold))
                    .collect(),
            })
            .collect();
        Ok(SustainabilityDashboard { as_of: as_of.to_string(), config_id: config.id.clone(), milestones })
    }
}
